"""
Relax
=====

Relax is tessel's graph-level IR: the functions that say which operators a model calls,
in what order, on tensors of which shapes. It lives in the same
:class:`~tessel.ir.IRModule` as the TensorIR functions the operators lower to, so one
module can hold a whole model at every stage of compilation, from the graph that an
importer produced to the calls of compiled kernels that the virtual machine runs.

This guide goes through the abstractions (dataflow blocks, struct info with symbolic
shapes, cross-level calls), the three ways to build a Relax module (script,
:class:`~tessel.relax.BlockBuilder`, :class:`tessel.nn.Module`), a pass written in
Python as an :class:`~tessel.relax.ExprMutator`, and how Relax meets TensorIR and the
virtual machine.
"""

# %%
# The abstractions
# ----------------
#
# * A **Function** has parameters and a body. The body is a sequence of **binding
#   blocks**, each a list of bindings ``var = value``, followed by the result.
# * A **dataflow block** (``with R.dataflow():``) holds bindings without side effects and
#   without control flow: a pure graph, which passes may reorder, fuse or remove freely.
#   Its variables are **DataflowVar** s, invisible after the block except those marked
#   with ``R.output``.
# * Every expression has **struct info**: what is known about its value statically. A
#   tensor's struct info is its dtype, rank and shape, and a dimension of the shape may be
#   a **symbolic variable** (a TensorIR ``int64`` variable) shared between tensors:
#   ``R.Tensor(("n", 784), "float32")`` is a batch of any size ``n``, and every tensor that
#   uses ``n`` has the same size there. Struct info is inferred operator by operator; an
#   operator whose arguments do not fit raises a :class:`~tessel.error.TypeInferenceError`
#   that names the operator and the argument.
# * **Cross-level calls** reach below the graph: ``R.call_tir(f, args, out_sinfo)`` calls
#   the TensorIR function ``f`` of the same module in destination-passing style (the
#   caller allocates the outputs described by ``out_sinfo``), ``R.call_dps_packed`` does
#   the same for a function registered in the runtime, and ``R.call_pure_packed`` calls
#   a runtime function that returns its result.
#
# Way 1: script
# -------------
# A module in script form mixes Relax and TensorIR functions. ``main`` below takes a
# batch of any size, calls the ``scale`` kernel through ``call_tir`` and adds the input
# to the result with the ``add`` operator.

import numpy as np

import tessel
from tessel import relax, te, tir
from tessel.error import TypeInferenceError
from tessel.script import I, R, T
from tessel.testing import expect_error


@I.ir_module
class Module:
    @T.prim_func
    def scale(var_x: T.handle, var_y: T.handle):
        T.func_attr({"global_symbol": "scale", "tir.noalias": True})
        n = T.int64()
        x = T.match_buffer(var_x, (n, 4), "float32")
        y = T.match_buffer(var_y, (n, 4), "float32")
        for i, j in T.grid(n, 4):
            with T.block("y"):
                vi, vj = T.axis.remap("SS", [i, j])
                y[vi, vj] = x[vi, vj] * T.float32(2)

    @R.function
    def main(x: R.Tensor(("n", 4), "float32")) -> R.Tensor(("n", 4), "float32"):
        n = T.int64()
        with R.dataflow():
            y = R.call_tir(Module.scale, (x,), out_sinfo=R.Tensor((n, 4), "float32"))
            z = R.add(x, y)
            R.output(z)
        return z


print(Module)

# %%
# Printing gives the script back; struct info was inferred for every binding (``z`` is
# ``R.Tensor((n, 4), "float32")`` because ``add`` of two such tensors is one).
#
# Way 2: BlockBuilder
# -------------------
# Programs that generate models, importers for example, use the
# :class:`~tessel.relax.BlockBuilder`. ``emit`` binds a value to a fresh variable and
# infers its struct info; ``emit_te`` writes a new kernel with :mod:`tessel.te` and emits
# its ``call_tir`` in one step.

n = tir.Var("n", "int64")
x = relax.Var("x", relax.TensorStructInfo([n, 4], "float32"))
bb = relax.BlockBuilder()
with bb.function("main", [x]):
    with bb.dataflow():
        y = bb.emit_te(lambda a: te.compute(a.shape, lambda i, j: a[i, j] * 2.0, name="y"), x,
                       primfunc_name_hint="scale", name_hint="y")
        z = bb.emit(relax.op.add(x, y), name_hint="z")
        out = bb.emit_output(z, name_hint="out")
    bb.emit_func_output(out)
built = bb.get()
print(built["main"])

# %%
# Inference catches mistakes at the binding that makes them:

w = relax.Var("w", relax.TensorStructInfo([4, 3], "float16"))
with bb.function("bad", [x, w]):
    print(expect_error(lambda: bb.emit(relax.op.add(x, w)), TypeInferenceError))
    bb.emit_func_output(x)

# %%
# Way 3: nn.Module
# ----------------
# Models written like PyTorch modules export to Relax: parameters become function
# parameters after the inputs, and the spec gives the inputs' shapes, symbolic ones by
# name.

from tessel import nn  # noqa: E402


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(8, 2)

    def forward(self, x):
        return self.fc2(self.relu(self.fc1(x)))


mlp_mod, params = MLP().export({"forward": {"x": nn.spec.Tensor(("batch", 4), "float32")}})
print([name for name, _ in params])
print(mlp_mod["main"])

# %%
# A pass written in Python
# ------------------------
# A pass is a function from IRModule to IRModule. Here is one that rewrites
# ``add(x, x)`` into ``multiply(x, 2)``, written as an :class:`~tessel.relax.ExprMutator`
# (it rebuilds only what changes) wrapped in a module pass; it composes with the built-in
# passes like any other.


class AddSelfToDouble(relax.ExprMutator):
    def visit_call_(self, call):
        call = super().visit_call_(call)
        if (isinstance(call.op, tessel.ir.Op) and call.op.name == "relax.add"
                and call.args[0].same_as(call.args[1])):
            two = relax.const(2.0, call.args[0].struct_info_.dtype)
            return relax.op.multiply(call.args[0], two)
        return call


@tessel.transform.module_pass(opt_level=0, name="AddSelfToDouble")
def add_self_to_double(mod, ctx):
    functions = {}
    for gv in mod.get_global_vars():
        func = mod[gv]
        if isinstance(func, relax.Function):
            func = AddSelfToDouble().visit_function(func)  # new calls get their struct info
        functions[gv.name_hint] = func
    return tessel.ir.IRModule(functions)


x = relax.Var("x", relax.TensorStructInfo([n, 4], "float32"))
bb = relax.BlockBuilder()
with bb.function("main", [x]):
    with bb.dataflow():
        out = bb.emit_output(bb.emit(relax.op.add(x, x)))
    bb.emit_func_output(out)
rewritten = tessel.transform.Sequential([add_self_to_double, relax.transform.LegalizeOps()])(bb.get())
print(rewritten)

# %%
# Relax meets TensorIR and the VM
# -------------------------------
# ``LegalizeOps`` turned the ``multiply`` operator into a ``call_tir`` of a TensorIR
# function it generated, so the module above now holds both levels. ``tessel.compile``
# lowers what remains to the virtual machine: dataflow blocks become plain blocks, every
# ``call_tir`` gets its output allocated (with storage reused between tensors whose lifetimes
# do not overlap), symbolic shapes are checked when the function is called, and the Relax
# functions become VM bytecode while the TensorIR functions become machine code.

exe = tessel.compile(rewritten, target="llvm")
print(exe.as_text())
vm = relax.VirtualMachine(exe, tessel.cpu())
data = np.random.default_rng(0).standard_normal((3, 4)).astype("float32")
result = vm["main"](data).numpy()
np.testing.assert_allclose(result, 2 * data, rtol=1e-6)

# %%
# The batch size is symbolic, so the same executable takes 7 rows as well as 3; a shape
# that contradicts the signature is refused with the parameter named.

np.testing.assert_allclose(vm["main"](np.ones((7, 4), "float32")).numpy(), 2.0)
print(expect_error(lambda: vm["main"](np.ones((7, 5), "float32")), tessel.error.ExecutionError))

# %%
# What to read next
# -----------------
# * :doc:`tensor_ir` for the TensorIR functions that Relax operators lower to.
# * :doc:`runtime` for the virtual machine, export and deployment from C++.
