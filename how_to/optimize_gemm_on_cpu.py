"""
Optimize GEMM on CPU
====================

A float32 matrix multiplication ``C = A @ B`` of 1024 x 1024 matrices is 2.1 GFLOP:
written as three loops it runs at a small fraction of what the CPU can do. This how-to
schedules it step by step with TensorIR schedule primitives (tiling, vectorization,
register accumulators, packing, parallelism), measures every step against numpy's BLAS,
then uses the same schedule, packaged as
:func:`tessel.tir.schedule.schedule_matmul_x86`, in a module that is exported, loaded
back and called with PyTorch tensors. It needs an x86 CPU with AVX-512.
"""

# %%
# S0 — Elements
# -------------
#
# * **A PrimFunc** is a tensor program: loops over blocks. :mod:`tessel.te` writes one
#   from a compute expression: ``C[i, j] = sum over k of A[i, k] * B[k, j]``.
# * **A Schedule** (:class:`tessel.tir.Schedule`) holds the function and rewrites it with
#   primitives that take *blocks* (the computation, here ``"C"``) and *loops*
#   (``i, j, k``); every call is recorded in a trace that replays onto a fresh schedule.
# * **tessel.compile** lowers the function and generates machine code with LLVM for the
#   host (``target="llvm"``), returning a :class:`tessel.runtime.Module`.
# * **time_evaluator** runs a compiled function ``number`` times per measurement,
#   ``repeat`` measurements, and reports their median: the numbers below are measured
#   when this page runs.

import time

import numpy as np

import tessel
from tessel import te
from tessel.tir import Schedule

M = N = K = 1024
FLOP = 2 * M * N * K


def matmul(m, n, k):
    """The PrimFunc of C[m, n] = A[m, k] @ B[k, n] in float32."""
    A = te.placeholder((m, k), "float32", name="A")
    B = te.placeholder((k, n), "float32", name="B")
    r = te.reduce_axis((0, k), name="k")
    C = te.compute((m, n), lambda i, j: te.sum(A[i, r] * B[r, j], axis=r), name="C")
    return te.create_prim_func([A, B, C])


print(matmul(M, N, K).script())

# %%
# The operands, numpy's result as the reference, and numpy's own speed, measured now.

rng = np.random.default_rng(0)
a = rng.random((M, K), dtype=np.float32)
b = rng.random((K, N), dtype=np.float32)
expected = a @ b


def numpy_gflops():
    """numpy (its BLAS, all cores) in GFLOP/s, the median of 10 calls."""
    times = []
    for _ in range(10):
        start = time.perf_counter()
        np.matmul(a, b)
        times.append(time.perf_counter() - start)
    return FLOP / np.median(times) / 1e9


def measure(sch, number, repeat=3):
    """Compile the schedule, check it against numpy, return its GFLOP/s (median)."""
    mod = tessel.compile(sch.mod, target="llvm")
    c = np.zeros((M, N), np.float32)
    mod["main"](a, b, c)
    np.testing.assert_allclose(c, expected, rtol=1e-4)
    seconds = mod.time_evaluator("main", tessel.cpu(), number=number, repeat=repeat)(a, b, c).median
    return FLOP / seconds / 1e9, mod


results = {"numpy (before)": numpy_gflops()}
print(f"numpy: {results['numpy (before)']:.1f} GFLOP/s")

# %%
# S1 — Transformations and their effect
# -------------------------------------
#
# **Step 0, the loop nest as written.** For each ``(i, j)`` the ``k`` loop walks a column
# of B, 4 KiB apart between iterations: nearly every load misses the cache. One call takes
# seconds, so it is measured once.

sch = Schedule(matmul(M, N, K))
results["0 naive"], _ = measure(sch, number=1, repeat=1)
print(f"naive: {results['0 naive']:.2f} GFLOP/s")

# %%
# **Step 1, tiling.** Split ``i`` by 4 and ``j`` by 64 and order the loops
# ``j_0, i_0, k, i_1, j_1``: for each ``k``, a 4 x 64 tile of C is updated from 4
# elements of A and one 64-wide row of B, which are reused from cache across the tile.

MR, NR, LANES = 4, 64, 16  # tile rows, tile columns, float32 lanes of a 512-bit register


def tile(sch):
    block = sch.get_block("C")
    i, j, k = sch.get_loops(block)
    i_0, i_1 = sch.split(i, [None, MR])
    j_0, j_1 = sch.split(j, [None, NR])
    sch.reorder(j_0, i_0, k, i_1, j_1)
    return block, (i_0, i_1, j_0, j_1, k)


sch = Schedule(matmul(M, N, K))
tile(sch)
results["1 tiled"], _ = measure(sch, number=1, repeat=3)
print(sch.trace)
print(f"tiled: {results['1 tiled']:.2f} GFLOP/s")

# %%
# **Step 2, vectorization.** Unroll the 4 rows and cut each 64-wide row of the tile into four
# vectors of 16 lanes: an update is one broadcast of ``A[i, k]`` and four fused
# multiply-adds. The gain is small (LLVM already vectorized some of step 1), because every
# update still loads and stores its vectors of C in memory, for every ``k``.


def vectorize(sch, loops):
    i_0, i_1, j_0, j_1, k = loops
    sch.unroll(i_1)
    j_1_0, j_1_1 = sch.split(j_1, [None, LANES])
    sch.unroll(j_1_0)
    sch.vectorize(j_1_1)


sch = Schedule(matmul(M, N, K))
block, loops = tile(sch)
vectorize(sch, loops)
results["2 vectorized"], _ = measure(sch, number=2)
print(f"vectorized: {results['2 vectorized']:.2f} GFLOP/s")

# %%
# **Step 3, a register micro-kernel.** The tile is accumulated in a ``"local"`` copy of C
# (``cache_write``) that is written back after the ``k`` loop (``reverse_compute_at``); its
# zeroing becomes a separate block before the loop (``decompose_reduction``). Unrolled and
# vectorized, every access to the copy has a constant offset, so LLVM keeps the
# 4 x 64 / 16 = 16 accumulators in zmm registers for the whole ``k`` loop.
# (That needs LLVM to know that the copy of C, the packed B and the parameters never
# overlap: tessel's code generator tags every load and store with its buffer's alias type.)


def accumulate(sch, block, loops):
    i_0, i_1, j_0, j_1, k = loops
    c_local = sch.cache_write(block, 0, "local")
    sch.reverse_compute_at(c_local, i_0)
    sch.decompose_reduction(block, k)
    sch.vectorize(sch.get_loops(c_local)[-1])


sch = Schedule(matmul(M, N, K))
block, loops = tile(sch)
vectorize(sch, loops)
accumulate(sch, block, loops)
results["3 registers"], _ = measure(sch, number=3)
print(f"register accumulators: {results['3 registers']:.2f} GFLOP/s")

# %%
# **Step 4, packing B.** The micro-kernel reads, for each ``k``, 64 floats of B's row: one
# 4 KiB stride per ``k``. Copying B once into ``[N / 64, K, 64]`` (``cache_read``, then
# ``transform_layout``) makes the panel that a ``j_0`` iteration reads contiguous.


def pack(sch, block):
    b_packed = sch.cache_read(block, 1, "global")
    sch.transform_layout(b_packed, 0, "write", lambda vk, vn: (vn // NR, vk, vn % NR))
    pk, pn = sch.get_loops(b_packed)[-2:]
    _, pn_1 = sch.split(pn, [None, NR])
    sch.vectorize(pn_1)
    return pk


sch = Schedule(matmul(M, N, K))
block, loops = tile(sch)
vectorize(sch, loops)
accumulate(sch, block, loops)
pack(sch, block)
results["4 packed"], _ = measure(sch, number=3)
print(f"packed B: {results['4 packed']:.2f} GFLOP/s")

# %%
# **Step 5, parallelism.** The tiles are independent: fuse ``j_0, i_0`` into one loop and
# run it on the thread pool; the packing loop too.


def parallelize(sch, loops, pk):
    i_0, i_1, j_0, j_1, k = loops
    sch.parallel(sch.fuse(j_0, i_0))
    sch.parallel(pk)


sch = Schedule(matmul(M, N, K))
block, loops = tile(sch)
vectorize(sch, loops)
accumulate(sch, block, loops)
pk = pack(sch, block)
parallelize(sch, loops, pk)
results["5 parallel"], final = measure(sch, number=10, repeat=5)
print(sch.mod.script())
print(f"parallel: {results['5 parallel']:.2f} GFLOP/s")

# %%
# The inner loop of the generated code (``k``): four vector loads of the packed B panel,
# one broadcast of ``A[i, k]`` per row, shared by the row's four vectors, and 16
# ``vfmadd231ps`` on accumulators that stay in zmm registers: no load or store of C.

asm = final.get_source("asm").splitlines()
first = next(n for n, line in enumerate(asm) if "vfmadd231ps" in line and "zmm" in line)
start = max(n for n in range(first) if asm[n].startswith(".LBB"))
end = next(n for n in range(first, len(asm)) if asm[n].strip().startswith("j"))
print("\n".join(line.rstrip() for line in asm[start:end + 1]))
loop = asm[start:end + 1]
print(f"{sum('vfmadd231ps' in line for line in loop)} FMAs, "
      f"{sum('vmovups' in line and '(%' in line.split(',')[-1] for line in loop)} stores in the loop")

# %%
# The same schedule is the library function :func:`tessel.tir.schedule.schedule_matmul_x86`;
# applied to a fresh function it records the same trace.

from tessel.tir.schedule import schedule_matmul_x86

library = Schedule(matmul(M, N, K))
schedule_matmul_x86(library, "C", tile_m=MR, tile_n=NR, lanes=LANES)
assert str(library.trace) == str(sch.trace), f"{library.trace}\n!=\n{sch.trace}"
print("schedule_matmul_x86 records the trace built above")

# %%
# All the steps, with numpy measured again in the same run:

results["numpy (after)"] = numpy_gflops()
numpy_ref = max(results["numpy (before)"], results["numpy (after)"])
print(f"{'step':22} {'GFLOP/s':>8} {'vs numpy':>9}")
for name, value in results.items():
    print(f"{name:22} {value:8.2f} {value / numpy_ref:9.3f}")

import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(7, 3.2))
ax.bar(list(results), list(results.values()),
       color=["gray"] + ["tab:blue"] * (len(results) - 2) + ["gray"])
ax.set_ylabel("GFLOP/s")
ax.set_title(f"float32 GEMM {M}x{N}x{K}, measured on this machine")
ax.tick_params(axis="x", labelrotation=30)
fig.tight_layout()
plt.show()

# %%
# S2 — How it fits into the overall flow
# --------------------------------------
#
# A scheduled PrimFunc is an ordinary function of an IRModule: here the matmul of a
# transformer layer (128 tokens, 768 x 768 weights) scheduled by the library function,
# next to a bias + ReLU epilogue written with te. ``tessel.compile`` builds both into
# one module, ``export_library`` writes a shared object, and
# :func:`tessel.runtime.load_module` loads it back, in a temporary folder.

import os
import tempfile

import torch

from tessel.ir import IRModule

T_M, T_N, T_K = 128, 768, 768
layer = Schedule(matmul(T_M, T_N, T_K))
schedule_matmul_x86(layer)

Y = te.placeholder((T_M, T_N), "float32", name="Y")
bias = te.placeholder((T_N,), "float32", name="bias")
out = te.compute((T_M, T_N), lambda i, j: tessel.tir.max(Y[i, j] + bias[j], tessel.tir.const(0.0, "float32")),
                 name="out")
module = IRModule({
    "matmul": layer.mod["main"].with_attr("global_symbol", "matmul"),
    "bias_relu": te.create_prim_func([Y, bias, out]).with_attr("global_symbol", "bias_relu"),
})

workdir = tempfile.TemporaryDirectory()
path = os.path.join(workdir.name, "layer.so")
tessel.compile(module, target="llvm").export_library(path)
loaded = tessel.runtime.load_module(path)
print(f"{os.path.basename(path)}: {os.path.getsize(path)} bytes, functions {sorted(loaded.function_names())}")

# %%
# The loaded functions take PyTorch tensors directly: they are passed by DLPack, without
# a copy, and the results are written into torch's memory.

x = torch.randn(T_M, T_K)
w = torch.randn(T_K, T_N)
b_vec = torch.randn(T_N)
y = torch.empty(T_M, T_N)
z = torch.empty(T_M, T_N)
loaded["matmul"](x, w, y)
loaded["bias_relu"](y, b_vec, z)
reference = torch.relu(x @ w + b_vec)
torch.testing.assert_close(z, reference, rtol=1e-4, atol=1e-4)
print(f"max |tessel - torch| = {(z - reference).abs().max().item():.2e}")
workdir.cleanup()

# %%
# **Inside a model.** The same layer as a Relax function: ``relax.matmul``, then the bias
# and the ReLU as operators. The ``"default"`` pipeline legalizes each operator into a
# generic kernel and schedules it with its default rules. ``LegalizeOps`` also takes a
# map from an operator to a function of your own, which here turns the model's matmul
# into a ``call_tir`` of the kernel scheduled above (marked ``tir.is_scheduled``, so the
# default rules leave it alone). Everything else, the rest of the pipeline and the build,
# stays as it is.

from tessel import relax  # noqa: E402


def layer_model():
    x = relax.Var("x", relax.TensorStructInfo([T_M, T_K], "float32"))
    w = relax.Var("w", relax.TensorStructInfo([T_K, T_N], "float32"))
    bias = relax.Var("bias", relax.TensorStructInfo([T_N], "float32"))
    bb = relax.BlockBuilder()
    with bb.function("main", [x, w, bias]):
        with bb.dataflow():
            y = bb.emit(relax.op.matmul(x, w), name_hint="y")
            z = bb.emit(relax.op.nn.relu(relax.op.add(y, bias)), name_hint="z")
            out = bb.emit_output(z, name_hint="out")
        bb.emit_func_output(out)
    return bb.get()


def scheduled_matmul(bb, call):
    m, k = (int(d) for d in call.args[0].struct_info_.shape.values)
    n = int(call.args[1].struct_info_.shape.values[1])
    sch = Schedule(matmul(m, n, k))
    schedule_matmul_x86(sch)
    gv = bb.add_func(sch.mod["main"].with_attr("tir.is_scheduled", True), "matmul_x86")
    return relax.call_tir(gv, list(call.args), call.struct_info_)


with_ours = tessel.transform.Sequential([
    relax.transform.LegalizeOps({"relax.matmul": scheduled_matmul}),
    relax.get_pipeline("default"),
])
builds = {"default pipeline": relax.build(layer_model(), "llvm", pipeline="default"),
          "with schedule_matmul_x86": relax.build(layer_model(), "llvm", pipeline=with_ours)}
args = [x.numpy(), w.numpy(), b_vec.numpy()]
for name, exe in builds.items():
    vm = relax.VirtualMachine(exe, tessel.cpu())
    np.testing.assert_allclose(vm["main"](*args).numpy(), reference.numpy(), rtol=1e-4, atol=1e-4)
    seconds = vm.time_evaluator("main", tessel.cpu(), number=20, repeat=3)(*args).median
    print(f"{name}: {seconds * 1e3:.3f} ms per layer ({2 * T_M * T_N * T_K / seconds / 1e9:.1f} GFLOP/s)")
print([gv.name_hint for gv in with_ours(layer_model()).get_global_vars()])
