"""float32 GEMM: tessel's schedule_matmul_x86 vs numpy's BLAS (and oneDNN when installed),
on 1 and 2 threads, against the FMA peak measured on this machine.

    PYTHONPATH=python .venv/bin/python benchmarks/gemm.py [--quick]

Shapes are M x N x K: C[M, N] = A[M, K] @ B[K, N]. Every thread count runs in its own
process, because tessel reads TESSEL_NUM_THREADS when its thread pool starts and OpenBLAS
reads OPENBLAS_CORETYPE when it loads.
"""

import argparse
import ctypes
import ctypes.util
import glob
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SQUARES = [(s, s, s) for s in (256, 512, 1024, 2048)]
TRANSFORMER = [(128, 768, 768), (128, 3072, 768), (128, 384, 384)]
THREADS = (1, 2)
CORETYPES = ("SkylakeX", "Haswell", "Zen")
ROUNDS = 3


def gflops(shape, seconds):
    m, n, k = shape
    return 2.0 * m * n * k / seconds / 1e9


def time_call(fn, min_seconds=0.1, repeat=3):
    """Median seconds of one call, each repeat long enough to be read by the clock."""
    fn()
    start, number = time.perf_counter(), 1
    fn()
    once = max(time.perf_counter() - start, 1e-6)
    number = max(1, int(min_seconds / repeat / once))
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        samples.append((time.perf_counter() - start) / number)
    return float(np.median(samples))


def operands(shape):
    m, n, k = shape
    rng = np.random.default_rng(0)
    return (rng.standard_normal((m, k), dtype=np.float32), rng.standard_normal((k, n), dtype=np.float32),
            np.zeros((m, n), np.float32))


def measured_peak(workdir):
    """GFLOP/s of the peak_fma.c kernel on 1 and on 2 threads (ctypes drops the GIL)."""
    lib = Path(workdir) / "peak_fma.so"
    # -funroll-loops keeps the 12 accumulators in registers; at plain -O2 GCC leaves the loop
    # over them rolled, through memory, and measures store forwarding instead of the FMAs.
    subprocess.run(["cc", "-O2", "-funroll-loops", "-march=native", "-shared", "-fPIC", str(HERE / "peak_fma.c"),
                    "-o", str(lib)], check=True)
    kernel = ctypes.CDLL(str(lib)).peak_fma_kernel
    kernel.argtypes, kernel.restype = [ctypes.c_int64], ctypes.c_float
    iterations = 20_000_000
    flops = iterations * 12 * 16 * 2
    kernel(iterations // 10)
    peak = {}
    for threads in THREADS:
        best = 0.0
        for _ in range(5):  # the best run is the one least disturbed by other programs
            workers = [threading.Thread(target=kernel, args=(iterations,)) for _ in range(threads)]
            start = time.perf_counter()
            for w in workers:
                w.start()
            for w in workers:
                w.join()
            best = max(best, threads * flops / (time.perf_counter() - start) / 1e9)
        peak[threads] = best
    return peak


def build_tessel(shapes, workdir):
    """Schedule, compile and export one library per shape; returns their paths."""
    import tessel
    from tessel import te
    from tessel.tir import Schedule
    from tessel.tir.schedule import schedule_matmul_x86

    paths = {}
    for m, n, k in shapes:
        A = te.placeholder((m, k), "float32", name="A")
        B = te.placeholder((k, n), "float32", name="B")
        r = te.reduce_axis((0, k), name="k")
        C = te.compute((m, n), lambda i, j: te.sum(A[i, r] * B[r, j], axis=r), name="C")
        sch = Schedule(te.create_prim_func([A, B, C]))
        schedule_matmul_x86(sch)
        path = str(Path(workdir) / f"gemm_{m}x{n}x{k}.so")
        tessel.compile(sch.mod, target="llvm").export_library(path)
        paths[(m, n, k)] = path
    return paths


def child_tessel(spec):
    """In a process with TESSEL_NUM_THREADS set: numpy and tessel, alternating, per shape.

    Other programs on the machine come and go; each library's best of ROUNDS alternating
    measurements is the one that ran least disturbed."""
    import tessel
    from threadpoolctl import threadpool_limits

    results = []
    for shape, path in spec["libs"]:
        a, b, c = operands(shape)
        mod = tessel.runtime.load_module(path)
        mod["main"](a, b, c)
        np.testing.assert_allclose(c, a @ b, rtol=1e-3, atol=1e-3)
        # Repeats of ~0.1 s, as time_call gives numpy: single calls are at the clock's mercy.
        number = max(2, int(0.1 / (2.0 * np.prod(shape) / 150e9)))
        evaluator = mod.time_evaluator("main", tessel.cpu(), number=number, repeat=3)
        t_numpy = t_tessel = float("inf")
        for _ in range(ROUNDS):
            with threadpool_limits(spec["threads"]):
                t_numpy = min(t_numpy, time_call(lambda: np.matmul(a, b)))
            time.sleep(0.3)  # OpenBLAS's threads busy-wait a while after a call: let them sleep
            mod["main"](a, b, c)  # wakes tessel's pool and warms the caches, as time_call does
            t_tessel = min(t_tessel, evaluator(a, b, c).median)
        results.append({"shape": shape, "numpy": gflops(shape, t_numpy), "tessel": gflops(shape, t_tessel)})
    print(json.dumps(results))


def child_numpy(spec):
    """In a process with OPENBLAS_CORETYPE set: numpy per thread count and shape."""
    from threadpoolctl import threadpool_info, threadpool_limits

    results = []
    for threads in THREADS:
        for shape in spec["shapes"]:
            a, b, _ = operands(shape)
            with threadpool_limits(threads):
                best = min(time_call(lambda: np.matmul(a, b)) for _ in range(ROUNDS))
                results.append({"threads": threads, "shape": shape, "gflops": gflops(shape, best)})
    blas = [i for i in threadpool_info() if i["user_api"] == "blas"]
    print(json.dumps({"results": results, "architecture": blas[0].get("architecture") if blas else None}))


def run_child(kind, spec, env):
    out = subprocess.run([sys.executable, __file__, "--child", kind, json.dumps(spec)], env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def onednn_library():
    """The path of libdnnl.so, from the loader's search path or the usual folders."""
    folders = ["/usr/lib/x86_64-linux-gnu", "/usr/local/lib", "/usr/lib", os.path.join(sys.prefix, "lib")]
    found = [path for folder in folders for path in sorted(glob.glob(os.path.join(folder, "libdnnl.so*")))]
    return ctypes.util.find_library("dnnl") or (found[0] if found else None)


def onednn_gflops(path, shapes, threads):
    """dnnl_sgemm (row-major, C = A @ B) for each shape, in this process."""
    lib = ctypes.CDLL(path)
    sgemm = lib.dnnl_sgemm
    sgemm.restype = ctypes.c_int
    f = ctypes.c_float
    out = {}
    for m, n, k in shapes:
        a, b, c = operands((m, n, k))
        ptr = [x.ctypes.data_as(ctypes.POINTER(ctypes.c_float)) for x in (a, b, c)]
        call = lambda: sgemm(ctypes.c_char(b"N"), ctypes.c_char(b"N"), ctypes.c_int64(m), ctypes.c_int64(n),
                             ctypes.c_int64(k), f(1.0), ptr[0], ctypes.c_int64(k), ptr[1], ctypes.c_int64(n),
                             f(0.0), ptr[2], ctypes.c_int64(n))
        out[(m, n, k)] = gflops((m, n, k), time_call(call))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="three shapes, one forced core type")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        spec = json.loads(args.child[1])
        spec["shapes"] = [tuple(s) for s in spec.get("shapes", [])]
        spec["libs"] = [(tuple(s), p) for s, p in spec.get("libs", [])]
        (child_tessel if args.child[0] == "tessel" else child_numpy)(spec)
        return

    from threadpoolctl import threadpool_info

    shapes = [(256, 256, 256), (1024, 1024, 1024), (128, 768, 768)] if args.quick else SQUARES + TRANSFORMER
    coretypes = CORETYPES[:1] if args.quick else CORETYPES
    for info in threadpool_info():
        if info["user_api"] == "blas":
            print(f"numpy's BLAS: {info['internal_api']} {info['version']}, kernel {info.get('architecture')}, "
                  f"{info['num_threads']} threads, {info['filepath']}")
    with tempfile.TemporaryDirectory() as workdir:
        peak = measured_peak(workdir)
        print("measured FMA peak: " + ", ".join(f"{peak[t]:.1f} GFLOP/s on {t} thread(s)" for t in THREADS))
        start = time.perf_counter()
        libs = build_tessel(shapes, workdir)
        print(f"tessel: scheduled and compiled {len(libs)} kernels in {time.perf_counter() - start:.1f} s")
        env = dict(os.environ)
        env.pop("OPENBLAS_CORETYPE", None)
        rows = {}
        for threads in THREADS:
            env["TESSEL_NUM_THREADS"] = str(threads)
            spec = {"threads": threads, "libs": [(list(s), p) for s, p in libs.items()]}
            for r in run_child("tessel", spec, env):
                rows[(threads, tuple(r["shape"]))] = r
        forced = {}
        for coretype in coretypes:
            out = run_child("numpy", {"shapes": [list(s) for s in shapes]},
                            dict(os.environ, OPENBLAS_CORETYPE=coretype))
            forced[coretype] = {(r["threads"], tuple(r["shape"])): r["gflops"] for r in out["results"]}
            print(f"OPENBLAS_CORETYPE={coretype}: OpenBLAS runs kernel {out['architecture']}")
    dnnl = onednn_library()
    onednn = {}
    if dnnl is None:
        print("oneDNN: no libdnnl.so found, dnnl_sgemm column left out")
    else:
        for threads in THREADS:
            os.environ["OMP_NUM_THREADS"] = str(threads)
            onednn.update({(threads, s): g for s, g in onednn_gflops(dnnl, shapes, threads).items()})

    header = (f"{'thr':>3} {'M x N x K':>16} {'tessel':>8} {'numpy':>8} {'ratio':>6} {'%peak':>6}"
              + "".join(f" {'np:' + c:>12}" for c in coretypes) + (f" {'oneDNN':>8}" if onednn else ""))
    print(f"\nGFLOP/s (float32, best of {ROUNDS} alternating measurements; ratio = tessel / numpy "
          "measured in the same process; %peak = tessel / measured FMA peak on that many threads)")
    print(header)
    for threads in THREADS:
        for shape in shapes:
            r = rows[(threads, shape)]
            line = (f"{threads:>3} {'x'.join(map(str, shape)):>16} {r['tessel']:8.1f} {r['numpy']:8.1f} "
                    f"{r['tessel'] / r['numpy']:6.2f} {100 * r['tessel'] / peak[threads]:5.0f}%")
            line += "".join(f" {forced[c][(threads, shape)]:12.1f}" for c in coretypes)
            if onednn:
                line += f" {onednn[(threads, shape)]:8.1f}"
            print(line)


if __name__ == "__main__":
    main()
