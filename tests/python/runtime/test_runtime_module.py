"""Loading a library that follows the kernel ABI, calling and timing its kernels, errors."""

import subprocess
from pathlib import Path

import numpy as np
import pytest

from tessel import runtime
from tessel.error import ExecutionError, InvalidArgumentError

KERNEL_SOURCE = Path(__file__).resolve().parents[2] / "cpp" / "runtime" / "data" / "add_one_kernel.c"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    path = tmp_path_factory.mktemp("kernels") / "add_one.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-o", str(path), str(KERNEL_SOURCE)], check=True)
    return path


def test_load_and_run(library):
    mod = runtime.load_module(library)
    assert mod.type_key == "library"
    assert mod.function_names() == ["add_one", "scale", "fail"]
    assert "add_one" in mod and "nope" not in mod
    a = np.arange(100, dtype=np.float32)
    b = np.zeros_like(a)
    mod["add_one"](a, b)
    np.testing.assert_array_equal(b, a + 1)
    out = runtime.empty((100,), "float32")
    mod.get_function("add_one")(runtime.tensor(a), out)
    np.testing.assert_array_equal(out.numpy(), a + 1)
    x = np.arange(6, dtype=np.float64).reshape(3, 2)
    mod["scale"](x, 2.0, 3)
    np.testing.assert_array_equal(x, np.arange(6).reshape(3, 2) * 2.0)


def test_argument_errors(library):
    mod = runtime.load_module(library)
    a = np.zeros(4, dtype=np.float32)
    with pytest.raises(InvalidArgumentError, match=r"add_one: expected 2 arguments \(A, B\), but got 1"):
        mod["add_one"](a)
    with pytest.raises(InvalidArgumentError, match="add_one: argument B: expected dtype float32, but found float64"):
        mod["add_one"](a, np.zeros(4))
    with pytest.raises(
        InvalidArgumentError, match="add_one: argument B: dimension 0 is 5, but n = 4 from argument A dimension 0"
    ):
        mod["add_one"](a, np.zeros(5, dtype=np.float32))
    with pytest.raises(InvalidArgumentError, match="argument m: value 2 differs from m = 3"):
        mod["scale"](np.zeros((3, 2)), 1.0, 2)
    with pytest.raises(ExecutionError, match="fail: out of workspace"):
        mod["fail"]()
    with pytest.raises(InvalidArgumentError, match=r"has no function 'nope' \(it has: add_one, scale, fail\)"):
        mod["nope"]


def test_export_library(library, tmp_path):
    mod = runtime.load_module(library)
    target = tmp_path / "exported.so"
    mod.export_library(target)
    again = runtime.load_module(str(target))
    assert again.function_names() == mod.function_names()
    with pytest.raises(InvalidArgumentError, match="has no source"):
        mod.get_source("ll")


def test_load_errors(tmp_path):
    with pytest.raises(InvalidArgumentError, match="no such file"):
        runtime.load_module(tmp_path / "absent.so")
    junk = tmp_path / "junk.so"
    junk.write_bytes(b"\x00garbage" * 100)
    with pytest.raises(InvalidArgumentError, match="not a shared object"):
        runtime.load_module(junk)


def test_time_evaluator(library):
    mod = runtime.load_module(library)
    a = np.arange(1000, dtype=np.float32)
    b = np.zeros_like(a)
    timer = mod.time_evaluator("add_one", runtime.cpu(), number=5, repeat=3)
    result = timer(a, b)
    assert isinstance(result, runtime.BenchmarkResult)
    assert len(result.results) == 3
    assert result.min <= result.median <= result.max
    assert result.min <= result.mean <= result.max
    assert result.std >= 0
    assert repr(result).startswith("BenchmarkResult(min=")
    assert "mean (ms)" in str(result)
    np.testing.assert_array_equal(b, a + 1)
    with pytest.raises(InvalidArgumentError, match="has no function"):
        mod.time_evaluator("nope", runtime.cpu())
    with pytest.raises(InvalidArgumentError, match="only cpu"):
        mod.time_evaluator("add_one", runtime.Device(2, 0))


def test_benchmark_result_statistics():
    r = runtime.BenchmarkResult([1.0, 2.0, 3.0, 6.0])
    assert r.mean == 3.0 and r.median == 2.5 and r.min == 1.0 and r.max == 6.0
    assert r.std == pytest.approx(np.std([1.0, 2.0, 3.0, 6.0]))
