"""Compiled modules leave the process: export_library and load_module round trips, fresh
processes, corrupt libraries, thread counts, and torch tensors in and out."""

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import tessel
from tessel import runtime, te
from tessel.error import TesselError
from tessel.tir import Schedule

N = 1000


def parallel_program():
    """``B = exp(A) * 2 + i`` over (N, 7), with the outer loop parallel and the inner one
    vectorized with a tail."""
    A = te.placeholder((N, 7), "float32", name="A")
    B = te.compute((N, 7), lambda i, j: tessel.tir.exp(A[i, j]) * 2.0
                   + tessel.tir.cast("float32", i), name="B")
    sch = Schedule(te.create_prim_func([A, B]))
    i, j = sch.get_loops(sch.get_block("B"))
    sch.parallel(i)
    _, inner = sch.split(j, [None, 4])
    sch.vectorize(inner)
    return sch.mod


def expected(a):
    return (np.exp(a.astype("float64")) * 2 + np.arange(N)[:, None]).astype("float32")


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    path = tmp_path_factory.mktemp("compiled") / "program.so"
    tessel.compile(parallel_program()).export_library(str(path))
    return path


def test_round_trip(library):
    mod = runtime.load_module(str(library))
    assert mod.function_names() == ["main"]
    a = np.random.default_rng(0).standard_normal((N, 7)).astype("float32")
    b = np.zeros((N, 7), "float32")
    mod["main"](a, b)
    np.testing.assert_allclose(b, expected(a), rtol=1e-5)


RUN_LIBRARY = textwrap.dedent("""
    import sys
    import numpy as np
    from tessel import runtime
    mod = runtime.load_module(sys.argv[1])
    a = np.linspace(-2, 2, {n} * 7, dtype="float32").reshape({n}, 7)
    b = np.zeros(({n}, 7), "float32")
    mod["main"](a, b)
    sys.stdout.buffer.write(b.tobytes())
""").format(n=N)


def run_library(path, **env):
    done = subprocess.run([sys.executable, "-c", RUN_LIBRARY, str(path)], capture_output=True,
                          timeout=60, env={**os.environ, **env})
    assert done.returncode == 0, done.stderr.decode()
    return np.frombuffer(done.stdout, "float32").reshape(N, 7)


def test_fresh_process_and_thread_counts_agree(library):
    one = run_library(library, TESSEL_NUM_THREADS="1")
    two = run_library(library, TESSEL_NUM_THREADS="2")
    np.testing.assert_array_equal(one, two)
    a = np.linspace(-2, 2, N * 7, dtype="float32").reshape(N, 7)
    np.testing.assert_allclose(one, expected(a), rtol=1e-5)


@pytest.mark.parametrize("corruption", ["truncated", "zeroed_middle", "empty", "text", "foreign"])
def test_corrupt_library_raises_in_a_fresh_process(library, tmp_path, corruption):
    path = tmp_path / f"{corruption}.so"
    if corruption == "foreign":  # a good shared object without tessel's metadata
        source = tmp_path / "foreign.c"
        source.write_text("int main_like(void) { return 0; }\n")
        subprocess.run(["cc", "-shared", "-fPIC", "-o", str(path), str(source)], check=True)
    else:
        data = library.read_bytes()
        path.write_bytes({"truncated": data[:len(data) // 2],
                          "zeroed_middle": data[:64] + bytes(len(data) - 128) + data[-64:],
                          "empty": b"",
                          "text": b"not a shared object\n"}[corruption])
    script = textwrap.dedent("""
        import sys
        import tessel
        from tessel import runtime
        try:
            mod = runtime.load_module(sys.argv[1])
            mod["main"]
        except tessel.TesselError as error:
            print(type(error).__name__, error)
            raise SystemExit(3)
    """)
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 3, (done.returncode, done.stdout, done.stderr)


def test_torch_tensors_in_and_out_share_memory():
    torch = pytest.importorskip("torch")
    mod = tessel.compile(parallel_program())
    a = torch.randn(N, 7)
    b = torch.zeros(N, 7)
    mod["main"](a, b)
    np.testing.assert_allclose(b.numpy(), expected(a.numpy()), rtol=1e-5)
    first = b.clone()
    b.zero_()
    mod["main"](runtime.from_dlpack(a), runtime.from_dlpack(b))  # a view: writes reach b
    np.testing.assert_array_equal(b.numpy(), first.numpy())


def test_runtime_tensors_in_and_out():
    mod = tessel.compile(parallel_program())
    a = np.random.default_rng(1).standard_normal((N, 7)).astype("float32")
    out = runtime.empty((N, 7), "float32")
    mod["main"](runtime.tensor(a), out)
    np.testing.assert_allclose(out.numpy(), expected(a), rtol=1e-5)


def test_torch_non_contiguous_and_wrong_dtype_raise():
    torch = pytest.importorskip("torch")
    mod = tessel.compile(parallel_program())
    with pytest.raises(TesselError, match="argument A"):
        mod["main"](torch.zeros(7, N).t(), torch.zeros(N, 7))
    with pytest.raises(TesselError, match="argument B"):
        mod["main"](torch.zeros(N, 7), torch.zeros(N, 7, dtype=torch.float64))


def test_functions_outlive_their_module_and_export_errors(library, tmp_path):
    import gc

    kernel = runtime.load_module(str(library))["main"]
    gc.collect()  # the library stays loaded while one of its functions lives
    a = np.zeros((N, 7), "float32")
    b = np.zeros((N, 7), "float32")
    kernel(a, b)
    np.testing.assert_allclose(b, expected(a), rtol=1e-5)
    mod = tessel.compile(parallel_program())
    with pytest.raises(TesselError, match="No such file or directory"):
        mod.export_library(str(tmp_path / "missing" / "x.so"))
    with pytest.raises(TesselError, match="not a regular file"):
        runtime.load_module(str(tmp_path))


def test_concurrent_calls_from_python_threads():
    import threading

    kernel = tessel.compile(parallel_program())["main"]
    wrong = []

    def work(seed):
        rng = np.random.default_rng(seed)
        for _ in range(20):
            a = rng.standard_normal((N, 7)).astype("float32")
            b = np.zeros((N, 7), "float32")
            kernel(a, b)
            if not np.allclose(b, expected(a), rtol=1e-5):
                wrong.append(seed)

    threads = [threading.Thread(target=work, args=(seed,)) for seed in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not wrong
