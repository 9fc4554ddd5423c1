"""
TensorIR
========

TensorIR is tessel's loop-level IR: the tensor programs that a model's operators
lower to, and that code generation turns into machine code. A tensor program is a
:class:`~tessel.tir.PrimFunc`. You write one in script form with ``@T.prim_func``, or
generate it from tensor expressions with :mod:`tessel.te`; you change its loops with a
:class:`~tessel.tir.schedule.Schedule`, whose every step is recorded in a replayable trace; and
``tessel.compile`` lowers and compiles it.

This guide goes through the elements, both ways of writing a function, every schedule
primitive on a small example with its result, the errors and traces of schedules, and
lowering, compiling and running a scheduled function.
"""

# %%
# The elements
# ------------
#
# * A **PrimFunc** has parameters, a ``buffer_map`` from the handle parameters to
#   their :class:`~tessel.tir.Buffer` s, a body statement and attributes.
# * A **Buffer** is a typed, multi-dimensional view of memory: a name, a dtype, a
#   shape (constant or symbolic), strides and a scope (``"global"``, ``"local"``, ...).
# * A **For** loop has a variable, a range and a kind: ``serial``, ``parallel``,
#   ``vectorized`` or ``unroll``, plus annotations.
# * A **Block** is a unit of computation with its own iteration variables, each
#   bound to an expression of the surrounding loops and typed **spatial** (``S``: each
#   value writes a different output element) or **reduction** (``R``: values are
#   combined into one element). It declares the regions it reads and writes, and a
#   reduction block has an **init** statement that runs before the first reduction
#   step. Blocks are what schedules reason about: the iteration variables and regions
#   tell them what a transformation may legally do, without analysing the body.
#
# Here is matrix multiplication written with ``@T.prim_func``. Printing a function
# gives back the script.

import numpy as np

import tessel
from tessel import te, tir
from tessel.error import ScheduleError
from tessel.script import tir as T
from tessel.testing import expect_error
from tessel.tir import Schedule


@T.prim_func
def matmul(A: T.Buffer((16, 16), "float32"), B: T.Buffer((16, 16), "float32"),
           C: T.Buffer((16, 16), "float32")):
    T.func_attr({"global_symbol": "main", "tir.noalias": True})
    for i, j, k in T.grid(16, 16, 16):
        with T.block("C"):
            vi, vj, vk = T.axis.remap("SSR", [i, j, k])
            T.reads(A[vi, vk], B[vk, vj])
            T.writes(C[vi, vj])
            with T.init():
                C[vi, vj] = T.float32(0.0)
            C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]


print(matmul.script())

# %%
# The nodes are Python objects. The function's parameters and their buffers:

for param in matmul.params:
    buf = matmul.buffer_map[param]
    print(f"{param.name_hint}: buffer {buf.name}, shape {list(buf.shape)}, dtype {buf.dtype}")

# %%
# A shape can be symbolic: declare a size with ``n = T.int32()`` and bind the
# buffers to the handle parameters with ``T.match_buffer``. The loop extent ``n`` is
# then known only when the function is called.


@T.prim_func
def scale(a: T.handle, b: T.handle):
    n = T.int32()
    A = T.match_buffer(a, (n,), "float32")
    B = T.match_buffer(b, (n,), "float32")
    for i in range(n):
        with T.block("B"):
            vi = T.axis.spatial(n, i)
            T.reads(A[vi])
            T.writes(B[vi])
            B[vi] = A[vi] * T.float32(2.0)


print(scale.script())

# %%
# From tensor expressions
# -----------------------
#
# :mod:`tessel.te` describes each output element as an expression of its indices;
# a reduction runs over a :func:`~tessel.te.reduce_axis`.
# :func:`~tessel.te.create_prim_func` turns the description into a PrimFunc with one
# block per compute, with the same iteration variables, regions and init as the
# hand-written one, and the two are structurally equal (variable names aside).

A = te.placeholder((16, 16), "float32", name="A")
B = te.placeholder((16, 16), "float32", name="B")
k = te.reduce_axis((0, 16), name="k")
C = te.compute((16, 16), lambda i, j: te.sum(A[i, k] * B[k, j], axis=k), name="C")
matmul_te = te.create_prim_func([A, B, C])
print(matmul_te.script())
tessel.ir.assert_structural_equal(matmul_te, matmul)
print("te.create_prim_func gives the same function as the script")

# %%
# Schedules
# ---------
#
# A :class:`~tessel.tir.schedule.Schedule` holds a module and changes it one primitive at a
# time. Primitives take and return *random variables*: ``BlockRV`` and ``LoopRV``
# handles rather than IR nodes, because every primitive replaces the function it
# changes by a new one. ``sch.get(rv)`` gives the node a handle stands for now, and
# ``sch.mod`` the current module.
#
# **get_block, get_loops** find a block by name and the loops around it.


sch = Schedule(matmul)
block = sch.get_block("C")
i, j, k = sch.get_loops(block)
print(block, (i, j, k))

# %%
# ``sch.get`` shows the elements of the matmul: three serial loops, and a block
# with two spatial and one reduction iteration variable, its regions and its init.

for loop in (i, j, k):
    node = sch.get(loop)
    print(f"loop {node.loop_var.name_hint}: extent {node.extent}, {node.kind}")
node = sch.get(block)
for iv in node.iter_vars:
    kind = "spatial" if iv.iter_type == tir.IterVar.DataPar else "reduction"
    print(f"block variable {iv.var.name_hint}: {kind}, extent {iv.dom.extent}")
print("reads", [r.buffer.name for r in node.reads], "writes", [w.buffer.name for w in node.writes],
      "has init:", node.init is not None)

# %%
# **split** makes nested loops of the given extents, outer to inner (one may be
# ``None``, inferred). A factor that does not divide the extent adds a predicate
# ``T.where`` that skips the points past the end: splitting 10 by 4 gives loops of
# 3 and 4 and the predicate ``i_0 * 4 + i_1 < 10``.
#
# Most examples below use this small elementwise function; ``show`` prints the
# scheduled function.


@T.prim_func
def add_one(A: T.Buffer((10, 8), "float32"), B: T.Buffer((10, 8), "float32")):
    for i, j in T.grid(10, 8):
        with T.block("B"):
            vi, vj = T.axis.remap("SS", [i, j])
            T.reads(A[vi, vj])
            T.writes(B[vi, vj])
            B[vi, vj] = A[vi, vj] + T.float32(1.0)


def show(sch):
    """Print the scheduled function."""
    print(sch.mod["main"].script())


sch = Schedule(add_one)
i, j = sch.get_loops(sch.get_block("B"))
i_0, i_1 = sch.split(i, [None, 4])
show(sch)

# %%
# **fuse** merges a chain of nested loops into one; **reorder** permutes loops of a
# nest.

sch = Schedule(add_one)
i, j = sch.get_loops(sch.get_block("B"))
fused = sch.fuse(i, j)
show(sch)

sch = Schedule(add_one)
i, j = sch.get_loops(sch.get_block("B"))
sch.reorder(j, i)
show(sch)

# %%
# **parallel, vectorize, unroll** set a loop's kind; **annotate** attaches a
# key-value pair to a loop or a block, for later passes and tools to read.

sch = Schedule(add_one)
i, j = sch.get_loops(sch.get_block("B"))
j_0, j_1 = sch.split(j, [None, 4])
sch.parallel(i)
sch.unroll(j_0)
sch.vectorize(j_1)
sch.annotate(sch.get_block("B"), "note", "vectorized by 4")
show(sch)

# %%
# **cache_read** and **cache_write** route a block's read or write of a buffer
# through a copy in another storage scope, with a new copy block.

sch = Schedule(add_one)
block = sch.get_block("B")
sch.cache_read(block, 0, "local")
sch.cache_write(block, 0, "local")
show(sch)

# %%
# **compute_at** moves a producer under a loop of its consumer, computing just the
# region the consumer needs in one iteration; **reverse_compute_at** moves a consumer
# under a loop of its producer. Both examples use a two-stage function.


@T.prim_func
def two_stage(A: T.Buffer((8, 8), "float32"), C: T.Buffer((8, 8), "float32")):
    with T.block("root"):
        B = T.alloc_buffer((8, 8), "float32")
        for i, j in T.grid(8, 8):
            with T.block("B"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = A[vi, vj] * T.float32(2.0)
        for i, j in T.grid(8, 8):
            with T.block("C"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(B[vi, vj])
                T.writes(C[vi, vj])
                C[vi, vj] = B[vi, vj] + T.float32(1.0)


sch = Schedule(two_stage)
i, _ = sch.get_loops(sch.get_block("C"))
sch.compute_at(sch.get_block("B"), i)
show(sch)

sch = Schedule(two_stage)
i, _ = sch.get_loops(sch.get_block("B"))
sch.reverse_compute_at(sch.get_block("C"), i)
show(sch)

# %%
# **compute_inline** substitutes a producer's expression into its consumers and
# removes its buffer; **reverse_compute_inline** folds a consumer into its producer,
# whose block (still named ``"B"``) now writes ``C``.

sch = Schedule(two_stage)
sch.compute_inline(sch.get_block("B"))
show(sch)

sch = Schedule(two_stage)
sch.reverse_compute_inline(sch.get_block("C"))
show(sch)

# %%
# The reduction primitives use a small row sum.


@T.prim_func
def row_sum(A: T.Buffer((4, 8), "float32"), B: T.Buffer((4,), "float32")):
    for i, k in T.grid(4, 8):
        with T.block("B"):
            vi, vk = T.axis.remap("SR", [i, k])
            T.reads(A[vi, vk])
            T.writes(B[vi])
            with T.init():
                B[vi] = T.float32(0.0)
            B[vi] = B[vi] + A[vi, vk]


# %%
# **decompose_reduction** moves the init into its own block before a loop, so the
# update loop nest holds no condition.

sch = Schedule(row_sum)
block = sch.get_block("B")
i, k = sch.get_loops(block)
sch.decompose_reduction(block, k)
show(sch)

# %%
# **rfactor** splits a reduction in two: ``B_rf`` keeps one partial sum per value
# of the factored loop ``k_1`` (as dimension 0 of a new buffer, so that those
# partials can run in parallel or as vector lanes), and the block ``B`` then reduces
# the partials.

sch = Schedule(row_sum)
i, k = sch.get_loops(sch.get_block("B"))
k_0, k_1 = sch.split(k, [None, 4])
sch.rfactor(k_1, 0)
show(sch)

# %%
# **transform_layout** changes the layout of a buffer and rewrites every access to
# it; here ``A`` is stored with its 8 columns as two blocks of 4.

sch = Schedule(row_sum)
sch.transform_layout(sch.get_block("B"), 0, "read", lambda i, k: (k // 4, i, k % 4))
show(sch)

# %%
# **storage_align** asks for a buffer dimension's stride to be ``offset`` modulo
# ``factor`` (padding, to avoid cache or bank conflicts); it is recorded as a block
# annotation (``buffer_dim_align``) for the allocation to honour. tessel's lowering
# pipeline does not apply it yet: the padded layout is for a later pass.

sch = Schedule(two_stage)
sch.storage_align(sch.get_block("B"), 0, axis=0, factor=16, offset=1)
show(sch)

# %%
# **blockize** wraps the loops from a given loop down into a new outer block whose
# iteration variables cover one tile of the inner block.

sch = Schedule(add_one)
_, j = sch.get_loops(sch.get_block("B"))
j_0, j_1 = sch.split(j, [None, 4])
sch.blockize(j_1)
show(sch)

# %%
# **tensorize** replaces a block's body by a registered
# :class:`~tessel.tir.schedule.TensorIntrin` whose description it matches. The built-in
# ``"x86_avx512_fma_f32x16"`` computes ``C[i] += A[0] * B[i]`` on 16 float32 lanes as
# one vector ``T.fma``, and ``"x86_avx512_zero_f32x16"`` zeroes 16 lanes. Tiling the
# matmul so that the innermost loop runs over 16 columns of ``B`` and ``C``, with the
# init decomposed out, gives two bodies that match them.

sch = Schedule(matmul)
block = sch.get_block("C")
i, j, k = sch.get_loops(block)
j_0, j_1 = sch.split(j, [None, 16])
sch.reorder(k, j_1)
init = sch.decompose_reduction(block, k)
sch.tensorize(sch.get_loops(init)[-1], "x86_avx512_zero_f32x16")
sch.tensorize(sch.get_loops(sch.get_block("C"))[-1], "x86_avx512_fma_f32x16")
show(sch)
tensorized = sch  # compiled and run at the end

# %%
# **sample_perfect_tile** and **sample_categorical** draw random decisions from the
# schedule's generator, so that one schedule program describes a space of schedules
# (the space a tuner such as MetaSchedule searches). With a seed the draws are
# reproducible. The samples are ``ExprRV`` s; ``sch.get`` gives their values and
# ``split`` takes them as factors.

sch = Schedule(matmul, seed=42)
i, j, k = sch.get_loops(sch.get_block("C"))
factors = sch.sample_perfect_tile(i, n=3, max_innermost_factor=4)
print("tile sizes of i:", [sch.get(f) for f in factors])
sch.split(i, factors)
width = sch.sample_categorical([2, 4, 8], [0.2, 0.3, 0.5])
print("inner width of j:", sch.get(width))
sch.split(j, [None, width])
print("loops now:", [sch.get(loop).extent for loop in sch.get_loops(sch.get_block("C"))])

again = Schedule(matmul, seed=42)
i, _, _ = again.get_loops(again.get_block("C"))
assert [again.get(f) for f in again.sample_perfect_tile(i, n=3, max_innermost_factor=4)] == \
    [sch.get(f) for f in factors]
print("the same seed draws the same tile sizes")

# %%
# Errors
# ------
#
# A primitive checks its preconditions and raises
# :class:`~tessel.error.ScheduleError` when one fails, saying what is wrong and
# where; the schedule is then unchanged. Vectorizing the reduction loop of the
# matmul would make the lanes race on one element of ``C``:

sch = Schedule(matmul)
_, _, k = sch.get_loops(sch.get_block("C"))
err = expect_error(lambda: sch.vectorize(k), ScheduleError)
print(type(err).__name__ + ":", err)
assert len(sch.trace.insts) == 2  # get_block, get_loops: the failed call left no trace

# %%
# Traces
# ------
#
# Every successful call is recorded in ``sch.trace``, which prints as the Python
# that reproduces the schedule, sampling decisions included. Replaying it on a fresh
# schedule of the original function gives the same result.

sch = Schedule(matmul, seed=7)
block = sch.get_block("C")
i, j, k = sch.get_loops(block)
i_0, i_1 = sch.split(i, sch.sample_perfect_tile(i, n=2))
sch.reorder(i_0, j, i_1)
sch.parallel(i_0)
print(sch.trace, end="")

replayed = Schedule(matmul)
sch.trace.apply_to_schedule(replayed)
tessel.ir.assert_structural_equal(replayed.mod, sch.mod)
print("the replayed schedule gives the same module")

# %%
# Lowering, compiling and running
# -------------------------------
#
# :func:`tessel.tir.transform.LoweringPipeline` turns a scheduled function into the
# form code generation reads: blocks become plain loops, buffers become flat, and
# vectorized and unrolled loops are expanded.

sch = Schedule(add_one)
i, j = sch.get_loops(sch.get_block("B"))
j_0, j_1 = sch.split(j, [None, 4])
sch.parallel(i)
sch.vectorize(j_1)
lowered = tir.transform.LoweringPipeline()(sch.mod)
print(lowered["main"].script())

# %%
# The parallel loop became a ``parallel_launch`` region in which each task runs one
# chunk of ``i``; the vectorized loop became ``T.Ramp`` accesses of 4 lanes; and
# the buffers are flat, with their original shapes kept in the
# ``tir.param_buffers`` attribute.
#
# :func:`tessel.compile` runs the same pipeline and then LLVM. The compiled
# functions take numpy arrays. The function just lowered, the symbolic ``scale``
# at two sizes, and the tensorized matmul from above, each checked against numpy.

rng = np.random.default_rng(0)
lib = tessel.compile(sch.mod, "llvm")
a = rng.standard_normal((10, 8), dtype="float32")
b = np.zeros((10, 8), "float32")
lib["main"](a, b)
np.testing.assert_array_equal(b, a + 1)
print("add_one, parallel and vectorized: equal to numpy's a + 1")

lib = tessel.compile(scale, "llvm")
for n in (3, 1000):
    x = rng.standard_normal(n, dtype="float32")
    y = np.zeros(n, "float32")
    lib["main"](x, y)
    np.testing.assert_array_equal(y, 2 * x)
    print(f"scale with n = {len(x)} (taken from the arguments): equal to numpy's 2 * x")

lib = tessel.compile(tensorized.mod, "llvm")
a = rng.standard_normal((16, 16), dtype="float32")
b = rng.standard_normal((16, 16), dtype="float32")
c = np.zeros((16, 16), "float32")
lib["main"](a, b, c)
np.testing.assert_allclose(c, a @ b, rtol=1e-5, atol=1e-5)
print(f"max |C - A @ B| = {np.abs(c - a @ b).max():.2e}")

# %%
# Calling a PrimFunc from Relax
# -----------------------------
#
# In a model, PrimFuncs sit in the same :class:`~tessel.ir.IRModule` as the Relax
# functions that call them, through ``R.call_tir``, which passes the input tensors
# and the freshly allocated outputs to the PrimFunc (destination-passing style). Here a
# Relax function calls the symbolic ``scale`` from above twice; ``tessel.compile`` turns
# the Relax function into virtual-machine bytecode and ``scale`` into machine code, and
# the batch size ``n`` is read from the argument when the function runs.

from tessel import relax  # noqa: E402

module = tessel.ir.IRModule({"scale": scale.with_attr("global_symbol", "scale")})
bb = relax.BlockBuilder(module)
n = tessel.tir.Var("n", "int64")
x = relax.Var("x", relax.TensorStructInfo([n], "float32"))
with bb.function("main", [x]):
    with bb.dataflow():
        once = bb.emit(relax.call_tir(module.get_global_var("scale"), [x],
                                      relax.TensorStructInfo([n], "float32")), name_hint="once")
        twice = bb.emit(relax.call_tir(module.get_global_var("scale"), [once],
                                       relax.TensorStructInfo([n], "float32")), name_hint="twice")
        out = bb.emit_output(twice, name_hint="out")
    bb.emit_func_output(out)
print(bb.get()["main"])

vm = relax.VirtualMachine(tessel.compile(bb.get()), tessel.cpu())
data = rng.standard_normal(6, dtype="float32")
np.testing.assert_array_equal(vm["main"](data).numpy(), 4 * data)
print("scale twice through the VM: equal to numpy's 4 * x")
