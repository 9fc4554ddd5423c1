"""
Quick start
===========

This tutorial goes through tessel once, end to end: a small neural network is constructed
in Python, becomes an ``IRModule``, is transformed by passes and a pipeline, is built, and
runs from Python, from a C++ program and inside PyTorch, every result checked against numpy
or PyTorch. At the end, a pass written in Python customizes the pipeline. It runs on a CPU
in seconds; the output under each cell is what it printed when this page was built.
"""

# %%
# What is ML compilation
# ----------------------
#
# A model is written for development: Python layers that call operators one by one on a
# framework's runtime. *Machine learning compilation* turns it into a form made for running:
# a program that calls tensor kernels generated (or chosen) for the target machine, which
# runs without the Python framework that defined it. Between the two forms, the model is a
# program in an intermediate representation that transformations rewrite step by step.
#
# What ML compilation can do
# --------------------------
#
# * **G0 — optimize** the performance of ML workloads: fuse operators, plan memory, and
#   generate kernels tuned for the hardware.
# * **G1 — deploy** models to diverse hardware and runtime environments: the result of a
#   build is a shared library that a small runtime loads, from Python or from C++.
# * **G2 — integrate** the compiled code into existing ecosystems: a compiled function is a
#   PyTorch module, exchanging tensors without copies.
#
# And one more goal, **G3 — customize**: every model vertical and every backend needs its
# own tricks, so a user's transformation composes with the built-in ones on equal terms.
#
# The overall flow
# ----------------
#
# Everything is a transformation of an :class:`~tessel.ir.IRModule`, which holds two kinds of
# functions: **Relax functions**, the graph level (which operators run on which tensors,
# with symbolic shapes), and **TensorIR PrimFuncs**, the loop level (the tensor programs
# themselves). ::
#
#     construct / import  ->  IRModule  ->  transform (passes, pipelines)  ->  build  ->  run
#     (nn.Module, script,     Relax +       IRModule -> IRModule               VM code    Python, C++,
#      PyTorch, ONNX)         TensorIR                                         + kernels  PyTorch
#
# Construct a model
# -----------------
#
# :mod:`tessel.nn` writes models like PyTorch: a :class:`~tessel.nn.Module` holds
# :class:`~tessel.nn.Parameter` s and sub-modules, and ``forward`` says what to compute.
# This one is a two-layer perceptron for 28 x 28 images (784 inputs, 10 classes).

import os
import subprocess
import tempfile
from pathlib import Path

import numpy as np

import tessel
from tessel import nn, relax


class MLP(nn.Module):
    def __init__(self):
        self.fc1 = nn.Linear(784, 256)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(256, 10)

    def forward(self, x):
        return self.fc2(self.relu(self.fc1(x)))


model = MLP()

# %%
# ``export`` turns it into an IRModule. The spec gives the shape of each input of each
# method: ``"n"`` is a symbolic dimension, so one compiled model takes any batch size.
# ``forward`` becomes the Relax function ``main``; it takes the input, then every parameter,
# and calls one operator per binding inside a *dataflow block* (a region without side
# effects, where passes may reorder and fuse freely). Each variable carries its *struct
# info*: dtype and shape, here in terms of ``n``.

mod, params = model.export({"forward": {"x": nn.spec.Tensor(("n", 784), "float32")}})
print(mod.script())
print([name for name, _ in params])

# %%
# The parameters have no values yet: give them random ones (a real model loads trained
# weights, for example with ``model.load_state_dict``).

rng = np.random.default_rng(0)
for _, param in params:
    param.data = (rng.standard_normal(param.shape) * 0.05).astype(param.dtype)
weights = [param.data for _, param in params]

# %%
# Transform: passes and pipelines
# -------------------------------
#
# A pass is a function from IRModule to IRModule. :func:`tessel.relax.transform.LegalizeOps`
# lowers every operator call to a ``call_tir``: a call of a TensorIR function, generated
# from the operator's definition and added to the same module. The graph and its kernels
# now live side by side.

legalized = relax.transform.LegalizeOps()(mod)
print(legalized["main"].script())
kernels = [gv.name_hint for gv, func in legalized.items() if not isinstance(func, relax.Function)]
print("TensorIR functions:", kernels)

# %%
# The relu kernel, as generated: a plain loop nest.

relu_name = next(name for name in kernels if "relu" in name)
print(legalized[relu_name].script())

# %%
# A *pipeline* is a named sequence of passes, itself a pass. It has two kinds of steps:
# high-level optimizations of the graph (legalization, constant folding, dead code
# elimination; fusion and layout rewrites later), and tensor program optimization, which maps
# each kernel to fast code, by library dispatch or by scheduling. ``"zero"`` does the first
# kind; ``"default"`` adds a default schedule for every kernel of this CPU (parallel loops,
# vector instructions, tiled matmuls). The timing instrument lists the passes as they run.

timing = tessel.transform.PassTimingInstrument()
with tessel.transform.PassContext(instruments=[timing]):
    optimized = relax.get_pipeline("default")(mod)
print(timing.report())
print(optimized[relu_name].script())

# %%
# Build
# -----
#
# :func:`tessel.relax.build` runs a pipeline (``"default"`` unless told otherwise), lowers the
# Relax functions to bytecode for tessel's virtual machine (VM) and compiles every kernel
# with LLVM. The result is an :class:`~tessel.relax.Executable`: each Relax function is now a
# runnable function. (``tessel.compile(mod, target="llvm")`` does the same.)

exe = relax.build(mod, target="llvm", pipeline="default")
print(exe.stats())

# %%
# Run in Python
# -------------
#
# A :class:`~tessel.relax.VirtualMachine` runs the executable on a device. Its functions take
# numpy arrays (shared without a copy) and return tessel tensors; any batch size works. Each
# result is checked against the same computation in numpy.


def reference(x):
    """The MLP in numpy, with the same weights."""
    w = model.state_dict()
    hidden = np.maximum(x @ w["fc1.weight"].T + w["fc1.bias"], 0)
    return hidden @ w["fc2.weight"].T + w["fc2.bias"]


vm = relax.VirtualMachine(exe, tessel.cpu())
for batch in (1, 4):
    x = rng.standard_normal((batch, 784)).astype("float32")
    out = vm["main"](x, *weights).numpy()
    np.testing.assert_allclose(out, reference(x), rtol=1e-4, atol=1e-4)
    print(f"batch {batch}: output {out.shape}, max |tessel - numpy| = {np.abs(out - reference(x)).max():.2e}")

x = rng.standard_normal((1, 784)).astype("float32")
timer = vm.time_evaluator("main", tessel.cpu(), number=100, repeat=3)
print(f"one image: {timer(x, *weights).median * 1e6:.1f} us")

# %%
# Deploy: run it from C++
# -----------------------
#
# ``export_library`` writes one shared object holding the kernels, the bytecode and the
# constants. A C++ program loads it with the runtime library alone, ``libtessel_runtime``:
# no compiler, no LLVM, no Python. Here we export the model, with an input and the weights
# as ``.npy`` files and numpy's answer next to it, into a temporary folder.

workdir = tempfile.TemporaryDirectory()
folder = Path(workdir.name)
exe.export_library(str(folder / "mlp.so"))
for i, arg in enumerate([x] + weights):
    np.save(folder / f"arg{i}.npy", arg)
np.save(folder / "expected.npy", reference(x).astype("float32"))
print(sorted(p.name for p in folder.iterdir()))

# %%
# This is the C++ program, ``get_started/deploy_mlp.cc``. CTest builds it against
# ``libtessel_runtime`` only and runs it (test ``tutorial.get_started.deploy_mlp``) after a
# Python step that exports the same model; it exits with an error when its result differs
# from numpy's.
#
# .. literalinclude:: /../get_started/deploy_mlp.cc
#    :language: cpp
#
# The build made the program (``make build``); here it runs on the folder written above.

repo = Path.cwd().parent  # tutorials run in their own folder, get_started/
program = repo / os.environ.get("TESSEL_BUILD_DIR", "build") / "tutorial_get_started_deploy_mlp"
result = subprocess.run([str(program), str(folder)], capture_output=True, text=True)
print(result.stdout + result.stderr)
assert result.returncode == 0, f"{program} failed with exit code {result.returncode}"

# %%
# Run as a PyTorch module
# -----------------------
#
# :func:`tessel.torch.as_torch_module` wraps a compiled function as a ``torch.nn.Module``.
# Its ``forward`` takes and returns torch tensors, passed through DLPack without copies;
# the weights are bound once. Here it is checked against the same network written in
# PyTorch, which loads the tessel model's weights: the parameter names agree.

import torch

from tessel.torch import as_torch_module


class TorchMLP(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(784, 256)
        self.relu = torch.nn.ReLU()
        self.fc2 = torch.nn.Linear(256, 10)

    def forward(self, x):
        return self.fc2(self.relu(self.fc1(x)))


torch_model = TorchMLP()
torch_model.load_state_dict({name: torch.from_numpy(value) for name, value in model.state_dict().items()})
compiled = as_torch_module(exe, "main", params=params)

images = torch.randn(8, 784)
with torch.no_grad():
    expected = torch_model(images)
logits = compiled(images)
torch.testing.assert_close(logits, expected, rtol=1e-4, atol=1e-4)
print(f"{type(compiled).__name__}: logits {tuple(logits.shape)}, "
      f"max |tessel - torch| = {(logits - expected).abs().max():.2e}")

# %%
# Customize the pipeline
# ----------------------
#
# A pass written in Python is a pass like any other (G3). This one binds the weights into
# ``main`` as constants: ``main`` then takes only the image, and the deployed library carries
# its weights. (tessel ships this transformation as
# :func:`tessel.relax.transform.BindParams`; here it is written out, to show how a pass is
# made.) It is a :func:`tessel.transform.module_pass` class whose work is done by a
# :class:`tessel.relax.ExprMutator`, which rebuilds the function with each use of a weight
# replaced by a constant.


class _ReplaceVars(relax.ExprMutator):
    def __init__(self, replacements):
        super().__init__()
        self.replacements = replacements  # (Var, Expr) pairs

    def visit_var_(self, var):
        for old, new in self.replacements:
            if var.same_as(old):
                return new
        return super().visit_var_(var)


@tessel.transform.module_pass(opt_level=0)
class BindWeights:
    """Replace the trailing parameters of ``main`` by constants holding ``values``."""

    def __init__(self, values):
        self.values = values

    def transform_module(self, mod, ctx):
        func = mod["main"]
        n_inputs = len(func.params) - len(self.values)
        bound = list(zip(func.params[n_inputs:], (relax.const(v) for v in self.values)))
        body = _ReplaceVars(bound).visit_expr(func.body)
        # The mutator rebuilt the calls it changed; normalizing infers their struct info.
        body = relax.BlockBuilder().normalize(body)
        result = mod.copy()
        result["main"] = relax.Function(func.params[:n_inputs], body, func.ret_struct_info,
                                        func.is_pure, dict(func.attrs.items()))
        return result


# %%
# Composed with the standard pipeline, it does more than bind: the pipeline's constant
# folding now sees transposes of constants and computes them at compile time, so the
# deployed ``main`` calls fewer kernels.

custom = tessel.transform.Sequential([BindWeights(weights), relax.get_pipeline("default")],
                                     name="bind_then_default")


def kernel_calls(module):
    return sum(isinstance(b.value, relax.Call) and getattr(b.value.op, "name", "") == "relax.call_tir"
               for block in module["main"].body.blocks for b in block.bindings)


bound_mod = custom(mod)
print(bound_mod["main"].script())
print(f"kernel calls in main: default pipeline {kernel_calls(optimized)}, custom {kernel_calls(bound_mod)}")
assert kernel_calls(bound_mod) < kernel_calls(optimized)

# The built-in pass, composed the same way, gives the same kernels.
names = [var.name_hint for var in mod["main"].params[1:]]
builtin = tessel.transform.Sequential(
    [relax.transform.BindParams("main", dict(zip(names, weights))), relax.get_pipeline("default")])
assert kernel_calls(builtin(mod)) == kernel_calls(bound_mod)

bound_vm = relax.VirtualMachine(relax.build(mod, target="llvm", pipeline=custom), tessel.cpu())
out = bound_vm["main"](x).numpy()
np.testing.assert_allclose(out, reference(x), rtol=1e-4, atol=1e-4)
print(f"main(x) with bound weights: max |tessel - numpy| = {np.abs(out - reference(x)).max():.2e}")
workdir.cleanup()

# %%
# Standard pipelines are libraries in the same sense: :func:`tessel.relax.register_pipeline`
# names a function returning a pass, so a pipeline specialized for a domain (for example
# large language models) is one registration away, and ``relax.build(mod,
# pipeline="my_pipeline")`` uses it. Dispatching operators to a library and fusing kernels
# are the next customizations; their how-tos build on the same pattern.
#
# What to read next
# -----------------
#
# * The **how-to guides** each solve one task and end by composing it with the flow above:
#   start with :doc:`../how_to/optimize_gemm_on_cpu`, which schedules the kernel that
#   dominates this model.
# * The **topic guides** explain the abstractions in depth, such as
#   :doc:`../topic_guides/tensor_ir`.
# * The :doc:`/reference/index` lists every Python and C++ API.
