"""relax.matmul (numpy semantics) and relax.op.linear: struct-info inference, its errors,
and numerics of the legalized kernels against numpy."""

import os
import sys

import numpy as np
import pytest

from tessel import relax, tir
from tessel._core.relax import op_pattern
from tessel.error import TypeInferenceError
from tessel.ir import Op

sys.path.insert(0, os.path.dirname(__file__))
from _legalize_util_nn import infer, legalize, random, run, shape_of, var  # noqa: E402


def fails(pattern):
    """Expects a TypeInferenceError whose message matches pattern."""
    return pytest.raises(TypeInferenceError, match=pattern)


# float32 sums of up to 64 products of standard normals.
RTOL, ATOL = 1e-5, 1e-5


@pytest.mark.parametrize("a, b, out", [
    ((3, 4), (4, 5), [3, 5]),
    ((2, 3, 4), (4, 5), [2, 3, 5]),
    ((4,), (4, 5), [5]),
    ((3, 4), (4,), [3]),
    ((4,), (4,), []),
    ((2, 1, 3, 4), (5, 4, 6), [2, 5, 3, 6]),
    ((7, 4), (2, 4, 3), [2, 7, 3]),
    ((4,), (2, 4, 3), [2, 3]),
])
def test_matmul_static_shapes(a, b, out):
    sinfo = infer(relax.op.matmul(var("a", a), var("b", b)))
    assert shape_of(sinfo) == out
    assert sinfo.dtype == "float32"


def test_matmul_symbolic_shapes():
    n, m, b = tir.Var("n", "int64"), tir.Var("m", "int64"), tir.Var("b", "int64")
    assert shape_of(infer(relax.op.matmul(var("x", [n, 4]), var("w", [4, m])))) == [n, m]
    sinfo = infer(relax.op.matmul(var("x", [b, n, 8]), var("w", [b, 8, 16])))
    assert shape_of(sinfo) == [b, n, 16]
    # A symbolic contracted dimension matches a symbolic one it cannot be proven unequal to.
    assert shape_of(infer(relax.op.matmul(var("x", [2, n]), var("w", [n, 3])))) == [2, 3]


def test_matmul_out_dtype_and_unknown_rank():
    x, w = var("x", [2, 3], "int8"), var("w", [3, 4], "int8")
    assert infer(relax.op.matmul(x, w, out_dtype="int32")).dtype == "int32"
    unknown = relax.Var("u", relax.TensorStructInfo(ndim=-1, dtype="float32"))
    assert infer(relax.op.matmul(unknown, var("w", [3, 4]))).ndim == -1
    no_shape = relax.Var("v", relax.TensorStructInfo(ndim=3, dtype="float32"))
    assert infer(relax.op.matmul(no_shape, var("w", [3, 4]))).ndim == 3


def test_matmul_errors():
    with fails(r"relax.matmul: argument x2: dimension 0 is 5, but x1 dimension 1 is 4"):
        infer(relax.op.matmul(var("a", [3, 4]), var("b", [5, 6])))
    n = tir.Var("n", "int64")
    with fails(r"dimension 1 is n \+ T.int64\(1\), but x1 dimension 1 is n$"):
        infer(relax.op.matmul(var("a", [3, n]), var("b", [2, n + 1, 6])))
    with fails(r"relax.matmul: argument x2 has 0 dimensions"):
        infer(relax.op.matmul(var("a", [3]), var("b", [])))
    with fails(r"relax.matmul: argument x2 has dtype float16, but x1 has float32"):
        infer(relax.op.matmul(var("a", [3, 4]), var("b", [4, 2], "float16")))
    with fails(r"relax.matmul: cannot broadcast x1 dimension 0 \(2\) with x2 dimension 0 \(5\)"):
        infer(relax.op.matmul(var("a", [2, 3, 4]), var("b", [5, 4, 2])))


@pytest.mark.parametrize("a, b", [
    ((1, 1), (1, 1)), ((3, 4), (4, 5)), ((2, 3, 8), (8, 5)), ((8,), (8, 3)), ((3, 8), (8,)),
    ((8,), (8,)), ((2, 1, 3, 4), (5, 4, 6)), ((5,), (2, 5, 3)), ((17, 64), (64, 33)),
])
def test_matmul_numerics(a, b):
    x, y = random(a), random(b)
    out = run(relax.op.matmul(var("a", a), var("b", b)), x, y, expected=np.matmul(x, y))
    np.testing.assert_allclose(out, np.matmul(x, y), rtol=RTOL, atol=ATOL)


def test_matmul_integers_and_out_dtype():
    x, y = random((4, 6), "int32"), random((6, 3), "int32")
    out = run(relax.op.matmul(var("a", [4, 6], "int32"), var("b", [6, 3], "int32")), x, y,
              expected=x @ y)
    np.testing.assert_array_equal(out, x @ y)
    x, y = random((3, 5)), random((5, 2))
    expected = x.astype("float64") @ y.astype("float64")
    call = relax.op.matmul(var("a", [3, 5]), var("b", [5, 2]), out_dtype="float64")
    np.testing.assert_allclose(run(call, x, y, expected=expected), expected, rtol=1e-12)


def test_matmul_symbolic_numerics():
    n, m = tir.Var("n", "int64"), tir.Var("m", "int64")
    call = relax.op.matmul(var("a", [n, 8]), var("b", [8, m]))
    for rows, cols in [(1, 1), (5, 3), (9, 16)]:
        x, y = random((rows, 8)), random((8, cols))
        np.testing.assert_allclose(run(call, x, y, expected=x @ y), x @ y, rtol=RTOL, atol=ATOL)
    # Symbolic batch dimensions broadcast against 1.
    batch = tir.Var("batch", "int64")
    call = relax.op.matmul(var("a", [batch, 3, 4]), var("b", [1, 4, 2]))
    x, y = random((3, 3, 4)), random((1, 4, 2))
    np.testing.assert_allclose(run(call, x, y, expected=x @ y), x @ y, rtol=RTOL, atol=ATOL)


def test_matmul_unrelated_symbolic_dims_need_a_match_cast():
    n, m = tir.Var("n", "int64"), tir.Var("m", "int64")
    call = relax.op.matmul(var("a", [2, n]), var("b", [m, 3]))
    assert shape_of(infer(call)) == [2, 3]
    with fails(r"relax.matmul: cannot legalize: x1 dimension 1 \(n\) and x2 dimension 0 \(m\) "
               r"are not known to be equal"):
        legalize(call)
    with fails(r"x1 dimension 0 \(n\) and x2 dimension 0 \(m\)"):
        legalize(relax.op.matmul(var("a", [n, 2, 4]), var("b", [m, 4, 3])))


@pytest.mark.skipif(not (hasattr(relax.op, "permute_dims") and hasattr(relax.op, "add")),
                    reason="linear composes permute_dims and add from the other operator families")
def test_linear():
    x, w, b = var("x", [3, 5]), var("w", [4, 5]), var("b", [4])
    bb = relax.BlockBuilder()
    with bb.function("main", [x, w, b]):
        with bb.dataflow():
            out = bb.emit_output(relax.op.linear(x, w, b))
        bb.emit_func_output(out)
    assert shape_of(out.struct_info_) == [3, 4]
    no_bias = infer(relax.op.linear(var("x", [2, 5]), var("w", [6, 5])))
    assert shape_of(no_bias) == [2, 6]


def test_matmul_fusion_pattern():
    assert op_pattern(Op.get("relax.matmul")) == 4  # output-elementwise-fusable
