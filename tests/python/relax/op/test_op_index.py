"""Indexing operators (take, strided_slice, cumsum): struct-info inference (static, symbolic,
errors), fusion pattern kinds, and the numerics of their legalized kernels against numpy."""

import numpy as np
import pytest

from tessel import ir, relax, tir
from tessel.error import TypeInferenceError

from _legalize_util_manip import dims, infer, pattern, run, var

op = relax.op
RNG = np.random.default_rng(0)
n = tir.Var("n", "int64")


def data(shape, dtype="float32"):
    return RNG.standard_normal(shape).astype(dtype)


# ---------------------------------------------------------------------------------------
# take


def test_take_inference():
    x = var("x", [5, 6, 7])
    assert dims(infer(op.take(x, var("i", [2, 3], "int64"), axis=1))) == (5, 2, 3, 7)
    assert dims(infer(op.take(x, var("i", [4], "int32"), axis=-1))) == (5, 6, 4)
    assert dims(infer(op.take(x, var("i", [], "int32"), axis=0))) == (6, 7)
    assert dims(infer(op.take(x, var("i", [3, 2], "int64")))) == (3, 2)
    # Symbolic: an embedding lookup of n tokens.
    table = var("table", [100, 16])
    assert dims(infer(op.take(table, var("ids", [n], "int64"), axis=0))) == (n, 16)
    unknown = relax.Var("i", relax.TensorStructInfo(dtype="int64", ndim=-1))
    assert infer(op.take(x, unknown, axis=0)).ndim == -1


@pytest.mark.parametrize("build, message", [
    (lambda x: op.take(x, var("i", [2], "float32"), 0),
     "relax.take: argument indices has dtype float32, but must have an integer dtype"),
    (lambda x: op.take(x, var("i", [2], "int64"), 3), "relax.take"),
    (lambda x: op.take(x, x, 0), "integer dtype"),
    (lambda x: op.take(x, var("i", [2], "bool"), 0), "has dtype bool, but must have an integer dtype"),
    (lambda x: op.take(var("e", [0, 4]), var("i", [2], "int64"), 0),
     "argument x has no element to take along axis 0"),
])
def test_take_errors(build, message):
    with pytest.raises(TypeInferenceError, match=message):
        infer(build(var("x", [2, 3, 4])))


@pytest.mark.parametrize("axis", [0, 1, -1, None])
def test_take_numerics(axis):
    a = data((4, 5, 3))
    size = a.size if axis is None else a.shape[axis]
    # In-range, out-of-range and negative indices: clamped into [0, size - 1] like mode="clip".
    indices = np.array([[0, size - 1, 2], [size + 7, -1, -size - 3]], "int64")
    got = run(lambda x, i: op.take(x, i, axis=axis), [var("x", a.shape), var("i", [2, 3], "int64")],
              [a, indices])
    np.testing.assert_array_equal(got, np.take(a, indices, axis=axis, mode="clip"))


def test_take_embedding_symbolic():
    table = data((50, 8))
    lookup = lambda t, ids: op.take(t, ids, axis=0)  # noqa: E731
    for tokens in (1, 9):
        ids = RNG.integers(0, 50, tokens).astype("int32")
        got = run(lookup, [var("table", [50, 8]), var("ids", [n], "int32")], [table, ids])
        np.testing.assert_array_equal(got, table[ids])


# ---------------------------------------------------------------------------------------
# strided_slice


@pytest.mark.parametrize("axes, begin, end, strides, expected", [
    ([0], [1], [3], None, (2, 6, 7)),
    ([1, 2], [-4, 0], [None, 7], [2, 3], (5, 2, 3)),
    ([0], [-1], [None], [-1], (5, 6, 7)),
    ([2], [100], [200], None, (5, 6, 0)),
    ([1], [5], [1], [-2], (5, 2, 7)),
    ([0], [3], [1], None, (0, 6, 7)),
])
def test_strided_slice_inference(axes, begin, end, strides, expected):
    x = var("x", [5, 6, 7])
    assert dims(infer(op.strided_slice(x, axes, begin, end, strides))) == expected


def test_strided_slice_symbolic_inference():
    x = var("x", [n, 4])
    # To the end, from the start: the dimension itself.
    assert dims(infer(op.strided_slice(x, [0], [None], [None]))) == (n, 4)
    assert dims(infer(op.strided_slice(x, [0], [0], [None]))) == (n, 4)
    # Other bounds clamp with min/max, unless they are assumed in bounds.
    clamped = infer(op.strided_slice(x, [0], [1], [None])).shape.values[0]
    assert ir.structural_equal(clamped, tir.max(n - tir.min(tir.const(1, "int64"), n),
                                                tir.const(0, "int64")))
    inbound = infer(op.strided_slice(x, [0], [1], [-1], assume_inbound=True)).shape.values[0]
    assert ir.structural_equal(inbound, n - 2)


@pytest.mark.parametrize("kwargs, message", [
    (dict(axes=[0], begin=[0, 1], end=[1]), "begin has 2 entries, but axes has 1"),
    (dict(axes=[0], begin=[0], end=[1], strides=[1, 1]), "strides has 2 entries, but axes has 1"),
    (dict(axes=[0, 0], begin=[0, 0], end=[1, 1]), "axes repeats axis 0"),
    (dict(axes=[0], begin=[0], end=[1], strides=[0]), r"strides\[0\] is 0"),
    (dict(axes=[3], begin=[0], end=[1]), "relax.strided_slice"),
])
def test_strided_slice_errors(kwargs, message):
    with pytest.raises(TypeInferenceError, match=message):
        infer(op.strided_slice(var("x", [2, 3, 4]), **kwargs))


SLICES = [
    ([0], [1], [3], None, lambda a: a[1:3]),
    ([1, 2], [-4, 0], [None, 7], [2, 3], lambda a: a[:, -4::2, 0:7:3]),
    ([0, 2], [-1, 5], [None, -100], [-1, -2], lambda a: a[::-1, :, 5:-100:-2]),
    ([2], [100], [200], None, lambda a: a[:, :, 100:200]),
    ([1], [-100], [100], [4], lambda a: a[:, -100:100:4]),
]


@pytest.mark.parametrize("axes, begin, end, strides, reference", SLICES)
def test_strided_slice_numerics(axes, begin, end, strides, reference):
    a = data((5, 6, 7))
    got = run(lambda x: op.strided_slice(x, axes, begin, end, strides), [var("x", a.shape)], [a])
    np.testing.assert_array_equal(got, reference(a))


def test_strided_slice_symbolic_numerics():
    x = var("x", [n, 6])
    for rows in (1, 4):
        a = data((rows, 6))
        got = run(lambda v: op.strided_slice(v, [0, 1], [None, 4], [None, 0], [1, -2]), [x], [a])
        np.testing.assert_array_equal(got, a[:, 4:0:-2])


# ---------------------------------------------------------------------------------------
# cumsum


def test_cumsum_inference():
    x = var("x", [n, 4], "int32")
    out = infer(op.cumsum(x, axis=1))
    assert dims(out) == (n, 4) and out.dtype == "int32"
    assert infer(op.cumsum(x, axis=0, dtype="int64")).dtype == "int64"
    assert ir.structural_equal(infer(op.cumsum(x)).shape.values[0], n * 4)
    with pytest.raises(TypeInferenceError, match="relax.cumsum"):
        infer(op.cumsum(x, axis=2))


@pytest.mark.parametrize("axis, dtype, exclusive", [
    (1, None, False), (0, "float64", False), (-1, None, True), (None, None, False),
])
def test_cumsum_numerics(axis, dtype, exclusive):
    a = data((3, 5))
    got = run(lambda x: op.cumsum(x, axis, dtype, exclusive), [var("x", a.shape)], [a])
    want = np.cumsum(a, axis=axis, dtype=dtype or a.dtype)
    if exclusive:
        want = want - a
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    assert got.dtype == np.dtype(dtype or "float32")


def test_cumsum_symbolic_numerics():
    x = var("x", [n, 4], "int32")
    for rows in (1, 3):
        a = RNG.integers(-9, 9, (rows, 4)).astype("int32")
        np.testing.assert_array_equal(run(lambda v: op.cumsum(v, axis=1), [x], [a]), np.cumsum(a, 1))


def test_patterns():
    assert pattern("relax.take") == 2  # kInjective
    assert pattern("relax.strided_slice") == 2
    assert pattern("relax.cumsum") == 8  # kOpaque: a scan
