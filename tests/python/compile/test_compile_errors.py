"""Calling a compiled function with wrong arguments raises the right tessel.error class naming
the parameter, and never crashes the process."""

import subprocess
import sys
import textwrap

import numpy as np
import pytest

import tessel
from tessel.error import InvalidArgumentError, TesselError
from tessel.script import tir as T


@T.prim_func
def add(a: T.handle, b: T.handle, c: T.handle):
    n = T.int32()
    A = T.match_buffer(a, (n, 4), "float32")
    B = T.match_buffer(b, (n, 4), "float32")
    C = T.match_buffer(c, (n, 4), "float32")
    for i, j in T.grid(n, 4):
        with T.block("C"):
            vi, vj = T.axis.remap("SS", [i, j])
            T.reads(A[vi, vj], B[vi, vj])
            T.writes(C[vi, vj])
            C[vi, vj] = A[vi, vj] + B[vi, vj]


@pytest.fixture(scope="module")
def kernel():
    return tessel.compile(add)["main"]


def zeros(*shape, dtype="float32"):
    return np.zeros(shape, dtype)


@pytest.mark.parametrize("args, message", [
    ((zeros(3, 4), zeros(3, 4)), r"main: expected 3 arguments \(a, b, c\), but got 2"),
    ((zeros(3, 4), zeros(3, 4), zeros(3, 4), zeros(3, 4)), r"expected 3 arguments"),
    ((zeros(3, 4), zeros(3, 4, dtype="float64"), zeros(3, 4)),
     r"argument b: expected dtype float32, but found float64"),
    ((zeros(3, 4), zeros(3, 4), zeros(12)), r"argument c: .*rank"),
    ((zeros(3, 4), zeros(3, 5), zeros(3, 4)), r"argument b: dimension 1"),
    ((zeros(3, 4), zeros(5, 4), zeros(3, 4)),
     r"argument b: dimension 0 is 5, but n = 3 from argument a dimension 0"),
    ((zeros(3, 4), zeros(3, 8)[:, ::2], zeros(3, 4)), r"argument b: .*(contiguous|compact|stride)"),
    ((zeros(3, 4), zeros(3, 4), 1.0), r"argument c"),
])
def test_argument_errors(kernel, args, message):
    with pytest.raises(InvalidArgumentError, match=message):
        kernel(*args)


def test_correct_call_after_errors(kernel):
    a, b, c = np.ones((2, 4), "float32"), np.full((2, 4), 2, "float32"), zeros(2, 4)
    with pytest.raises(TesselError):
        kernel(a, b)
    kernel(a, b, c)
    np.testing.assert_array_equal(c, 3)


def test_scalar_argument_errors():
    @T.prim_func
    def scale(a: T.handle, alpha: T.float32, times: T.int32):
        A = T.match_buffer(a, (8,), "float32")
        for i in range(8):
            with T.block("A"):
                vi = T.axis.spatial(8, i)
                A[vi] = A[vi] * alpha * T.Cast("float32", times)

    f = tessel.compile(scale)["main"]
    with pytest.raises(InvalidArgumentError, match="argument alpha"):
        f(zeros(8), zeros(8), 1)
    with pytest.raises(InvalidArgumentError, match="argument a"):
        f(1.0, 1.0, 1)
    with pytest.raises(InvalidArgumentError, match="argument times"):
        f(zeros(8), 1.0, 1.5)
    x = np.ones(8, "float32")
    f(x, 1.5, 2)
    np.testing.assert_array_equal(x, 3)


def test_bad_inputs_never_crash_the_process(tmp_path):
    script = textwrap.dedent("""
        import numpy as np
        import tessel
        from tessel.script import tir as T

        @T.prim_func
        def f(A: T.Buffer((4, 4), "float32"), B: T.Buffer((4, 4), "float32")):
            for i, j in T.grid(4, 4):
                with T.block("B"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    B[vi, vj] = A[vi, vj]

        kernel = tessel.compile(f)["main"]
        bad = [(), (None, None), ("x", "y"), (np.zeros((4, 4), "float32"), object()),
               (np.zeros((0, 4), "float32"), np.zeros((4, 4), "float32")),
               (np.zeros((4, 4, 1), "float32"), np.zeros((4, 4), "float32")),
               (np.zeros((4, 4), "float32").T[::-1], np.zeros((4, 4), "float32")),
               (np.zeros(16, "float32")[::2], np.zeros((4, 4), "float32"))]
        for args in bad:
            try:
                kernel(*args)
            except tessel.TesselError:
                continue
            raise SystemExit(f"no error for {args!r}")
        print("ok")
    """)
    path = tmp_path / "bad_inputs.py"  # the script parser reads the function's source file
    path.write_text(script)
    done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_compile_rejects_what_is_not_a_program():
    with pytest.raises(InvalidArgumentError, match="expected an IRModule or a tir.PrimFunc"):
        tessel.compile("not a function")
    with pytest.raises(TesselError):
        tessel.compile(add, target="no-such-target")


def test_arguments_a_dlpack_producer_refuses(kernel):
    torch = pytest.importorskip("torch")
    ok = zeros(2, 4)
    with pytest.raises(InvalidArgumentError, match="argument 0: Can't export tensors that require"):
        kernel(torch.zeros(2, 4, requires_grad=True), ok, ok)
    with pytest.raises(InvalidArgumentError, match="argument 1: DLPack only supports native byte"):
        kernel(ok, np.zeros((2, 4), ">f4"), ok)
    with pytest.raises(InvalidArgumentError, match="argument 2: cannot pass a Python object"):
        kernel(ok, ok, object())
