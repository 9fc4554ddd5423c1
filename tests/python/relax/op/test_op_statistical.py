"""The statistical reductions (relax.sum, prod, max, min, mean, variance, std) and the
searches (relax.argmax, argmin): struct-info inference, its errors, and numerics of the
legalized kernels against numpy."""

import os
import sys

import numpy as np
import pytest

from tessel import relax, tir
from tessel._core.relax import op_pattern
from tessel.error import TypeInferenceError
from tessel.ir import Op

sys.path.insert(0, os.path.dirname(__file__))
from _legalize_util_nn import RNG, infer, random, run, shape_of, var  # noqa: E402


def fails(pattern):
    """Expects a TypeInferenceError whose message matches pattern."""
    return pytest.raises(TypeInferenceError, match=pattern)


REDUCTIONS = {
    "sum": np.sum, "prod": np.prod, "max": np.max, "min": np.min, "mean": np.mean,
    "variance": np.var, "std": np.std,
}
SEARCHES = {"argmax": np.argmax, "argmin": np.argmin}
# float32 reductions of at most 60 elements; variance and std square deviations.
TOLERANCE = {"rtol": 1e-5, "atol": 1e-6}
SPREAD_TOLERANCE = {"rtol": 1e-4, "atol": 1e-5}


@pytest.mark.parametrize("axis, keepdims, out", [
    (None, False, []), (None, True, [1, 1, 1]), (1, False, [2, 4]), (-1, True, [2, 3, 1]),
    ([0, 2], False, [3]), ([2, 0], True, [1, 3, 1]), ([], False, [2, 3, 4]),
])
@pytest.mark.parametrize("op", sorted(REDUCTIONS))
def test_reduction_shapes(op, axis, keepdims, out):
    sinfo = infer(getattr(relax.op, op)(var("x", [2, 3, 4]), axis=axis, keepdims=keepdims))
    assert shape_of(sinfo) == out
    assert sinfo.dtype == "float32"


def test_reduction_symbolic_and_unknown_shapes():
    n = tir.Var("n", "int64")
    assert shape_of(infer(relax.op.sum(var("x", [n, 4]), axis=1))) == [n]
    assert shape_of(infer(relax.op.max(var("x", [n, 4]), axis=0, keepdims=True))) == [1, 4]
    assert infer(relax.op.sum(var("x", [n, 4], "int32"))).dtype == "int32"
    unknown = relax.Var("u", relax.TensorStructInfo(ndim=-1, dtype="float32"))
    assert shape_of(infer(relax.op.mean(unknown))) == []
    assert infer(relax.op.mean(unknown, axis=1)).ndim == -1
    rank3 = relax.Var("r", relax.TensorStructInfo(ndim=3, dtype="float32"))
    assert infer(relax.op.std(rank3, axis=[0, 1])).ndim == 1
    assert infer(relax.op.std(rank3, axis=[0, 1], keepdims=True)).ndim == 3


def test_reduction_errors():
    x = var("x", [2, 3])
    with fails(r"relax.sum.*axis"):
        infer(relax.op.sum(x, axis=2))
    with fails(r"relax.max: attribute axis names axis 1 twice"):
        infer(relax.op.max(x, axis=[1, -1]))
    with fails(r"relax.mean: argument x has dtype int32, but a float dtype is expected"):
        infer(relax.op.mean(var("i", [2, 3], "int32")))
    with fails(r"relax.variance: argument x has dtype int64"):
        infer(relax.op.variance(var("i", [2], "int64")))
    with fails(r"relax.argmax.*axis"):
        infer(relax.op.argmax(x, axis=-3))


@pytest.mark.parametrize("axis, keepdims", [
    (None, False), (0, False), (-1, True), ([0, 2], False), ([1, 2], True), ((0, 1, 2), True),
])
@pytest.mark.parametrize("op", sorted(REDUCTIONS))
def test_reduction_numerics(op, axis, keepdims):
    data = random((3, 4, 5))
    np_axis = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    expected = np.asarray(REDUCTIONS[op](data, axis=np_axis, keepdims=keepdims), "float32")
    call = getattr(relax.op, op)(var("x", data.shape), axis=axis, keepdims=keepdims)
    tolerance = SPREAD_TOLERANCE if op in ("variance", "std") else TOLERANCE
    np.testing.assert_allclose(run(call, data, expected=expected), expected, **tolerance)


@pytest.mark.parametrize("op", ["sum", "prod", "max", "min"])
def test_integer_reductions(op):
    data = RNG.integers(-3, 4, (4, 6)).astype("int32")
    expected = REDUCTIONS[op](data, axis=1).astype("int32")
    call = getattr(relax.op, op)(var("x", data.shape, "int32"), axis=1)
    np.testing.assert_array_equal(run(call, data, expected=expected), expected)


def test_max_min_of_infinities():
    data = np.array([[-np.inf, -np.inf], [np.inf, np.inf]], "float32")
    for op, expected in [("max", [-np.inf, np.inf]), ("min", [-np.inf, np.inf])]:
        call = getattr(relax.op, op)(var("x", data.shape), axis=1)
        out = run(call, data, expected=np.asarray(expected, "float32"))
        np.testing.assert_array_equal(out, expected)


def test_reduction_symbolic_numerics():
    n = tir.Var("n", "int64")
    for op in ("mean", "variance", "max"):
        call = getattr(relax.op, op)(var("x", [n, 5]), axis=0)
        for rows in (1, 3, 11):
            data = random((rows, 5))
            expected = REDUCTIONS[op](data, axis=0).astype("float32")
            np.testing.assert_allclose(run(call, data, expected=expected), expected,
                                       **SPREAD_TOLERANCE)


@pytest.mark.parametrize("axis, keepdims, out", [
    (None, False, []), (None, True, [1, 1]), (0, False, [5]), (-1, True, [3, 1]),
])
@pytest.mark.parametrize("op", sorted(SEARCHES))
def test_search_shapes(op, axis, keepdims, out):
    sinfo = infer(getattr(relax.op, op)(var("x", [3, 5]), axis=axis, keepdims=keepdims))
    assert shape_of(sinfo) == out
    assert sinfo.dtype == "int64"


@pytest.mark.parametrize("axis, keepdims", [(None, False), (None, True), (0, False), (1, True),
                                            (-1, False)])
@pytest.mark.parametrize("dtype", ["float32", "int32"])
@pytest.mark.parametrize("op", sorted(SEARCHES))
def test_search_numerics(op, axis, keepdims, dtype):
    # Few distinct values, so that ties are common: the first index must win.
    data = RNG.integers(-2, 3, (3, 4, 5)).astype(dtype)
    expected = np.asarray(SEARCHES[op](data, axis=axis, keepdims=keepdims), "int64")
    call = getattr(relax.op, op)(var("x", data.shape, dtype), axis=axis, keepdims=keepdims)
    np.testing.assert_array_equal(run(call, data, expected=expected), expected)


def test_search_infinities_and_symbolic_shape():
    data = np.array([[-np.inf, -np.inf, -np.inf], [1.0, np.inf, np.inf]], "float32")
    out = run(relax.op.argmax(var("x", data.shape), axis=1), data, expected=np.zeros(2, "int64"))
    np.testing.assert_array_equal(out, [0, 1])
    n = tir.Var("n", "int64")
    call = relax.op.argmin(var("x", [4, n]))
    for cols in (1, 6):
        data = random((4, cols))
        out = run(call, data, expected=np.zeros((), "int64"))
        assert int(out) == np.argmin(data)


@pytest.mark.parametrize("op", sorted(REDUCTIONS) + sorted(SEARCHES))
def test_fusion_pattern(op):
    assert op_pattern(Op.get(f"relax.{op}")) == 3  # commutative reduction
