"""Creation operators (zeros, ones, full, their _like forms, arange): struct-info inference
(static, symbolic, errors), fusion pattern kinds, and the numerics of their legalized
kernels against numpy."""

import numpy as np
import pytest

import tessel
from tessel import relax, tir
from tessel.error import TypeInferenceError

from _legalize_util_manip import dims, infer, pattern, run, var

op = relax.op
n = tir.Var("n", "int64")


def scalar(value, dtype):
    """A 0-d constant tensor."""
    return relax.Constant(tessel.runtime.tensor(np.array(value, dtype)))


def test_inference():
    assert dims(infer(op.zeros([2, 3]))) == (2, 3)
    assert infer(op.zeros([2, 3])).dtype == "float32"
    assert infer(op.ones((n, 4), "int8")).dtype == "int8"
    assert dims(infer(op.ones((n, 4), "int8"))) == (n, 4)
    assert infer(op.full([2], scalar(1.5, "float16"))).dtype == "float16"
    assert infer(op.full([2], 3)).dtype == "int64"
    assert infer(op.full([2], 3, "float32")).dtype == "float32"
    x = var("x", [n, 3], "float16")
    assert dims(infer(op.zeros_like(x))) == (n, 3)
    assert infer(op.ones_like(x, "int32")).dtype == "int32"
    assert infer(op.full_like(x, 2.0)).dtype == "float16"
    s = relax.Var("s", relax.ShapeStructInfo(ndim=3))
    assert infer(op.zeros(s)).shape.same_as(s)
    unknown = relax.Var("u", relax.TensorStructInfo(dtype="float32", ndim=2))
    assert infer(op.ones_like(unknown)).ndim == 2


def test_arange_inference():
    assert dims(infer(op.arange(5))) == (5,)
    assert infer(op.arange(5)).dtype == "int64"
    assert dims(infer(op.arange(2, 11, 3))) == (3,)
    assert dims(infer(op.arange(5, 0, -2))) == (3,)
    assert dims(infer(op.arange(5, 9, -1))) == (0,)
    assert dims(infer(op.arange(0, 1, 0.3))) == (4,)
    assert infer(op.arange(0, 1, 0.3)).dtype == "float32"
    assert infer(op.arange(4, dtype="float16")).dtype == "float16"
    assert dims(infer(op.arange(n))) == (n,)
    assert tessel.ir.structural_equal(infer(op.arange(1, n, 2)).shape.values[0],
                                      tir.floordiv(n, 2))


@pytest.mark.parametrize("build, message", [
    (lambda: op.zeros([2, -1]), "relax.zeros: argument shape: dimension 1 is -1, but must be non-negative"),
    (lambda: op.zeros(var("x", [2])), "argument shape must be a Shape, found Tensor"),
    (lambda: op.full([2], var("v", [2])), "argument fill_value must be a 0-d Tensor, found rank 1"),
    (lambda: op.full([2], relax.ShapeExpr([1])), "must be a 0-d Tensor or a Prim value, found Shape"),
    (lambda: op.full_like(var("x", [2]), var("v", [1, 1])), "relax.full_like: argument fill_value"),
    (lambda: op.zeros_like(relax.ShapeExpr([2])), "relax.zeros_like"),
    (lambda: op.arange(0, 5, 0), "relax.arange: argument step is 0"),
    (lambda: op.arange(var("x", [1])), "argument end must be a Prim value, found Tensor"),
    (lambda: op.arange(relax.PrimValue(tir.const(True, "bool"))), "has dtype bool"),
])
def test_errors(build, message):
    with pytest.raises(TypeInferenceError, match=message):
        infer(build())


def test_patterns():
    for name in ["zeros", "ones", "full", "zeros_like", "ones_like", "full_like"]:
        assert pattern(f"relax.{name}") == 0, name  # kElemWise
    assert pattern("relax.arange") == 2  # kInjective


def test_fill_numerics():
    x = var("x", [2, 3], "float16")
    a = np.ones((2, 3), "float16")
    np.testing.assert_array_equal(run(lambda v: op.zeros([4, 2], "int32"), [x], [a]), np.zeros((4, 2)))
    np.testing.assert_array_equal(run(lambda v: op.ones([3], "float64"), [x], [a]), np.ones(3))
    got = run(lambda v: op.full([2, 2], scalar(-2.5, "float32")), [x], [a])
    np.testing.assert_array_equal(got, np.full((2, 2), -2.5, "float32"))
    assert got.dtype == np.float32
    got = run(lambda v: op.full([3], 7, "uint8"), [x], [a])
    np.testing.assert_array_equal(got, np.full(3, 7, "uint8"))
    np.testing.assert_array_equal(run(op.zeros_like, [x], [a]), np.zeros_like(a))
    np.testing.assert_array_equal(run(lambda v: op.ones_like(v, "bool"), [x], [a]), np.ones((2, 3), bool))
    np.testing.assert_array_equal(run(lambda v: op.full_like(v, scalar(3, "int64")), [x], [a]),
                                  np.full_like(a, 3))
    np.testing.assert_array_equal(run(lambda v: op.full_like(v, 0.5), [x], [a]), np.full_like(a, 0.5))


def test_fill_symbolic_numerics():
    x = var("x", [n, 3])
    for rows in (1, 4):
        a = np.empty((rows, 3), "float32")
        np.testing.assert_array_equal(run(op.ones_like, [x], [a]), np.ones_like(a))
        np.testing.assert_array_equal(run(lambda v: op.full_like(v, 1.25), [x], [a]),
                                      np.full_like(a, 1.25))
    # The shape's variable comes from no input: the kernel takes it as a scalar (tir_vars).
    m = tir.Var("m", "int64")
    y = var("y", [1])
    for size in (2, 5):
        got = run(lambda v: op.zeros([m, 2], "int32"), [y], [np.zeros(1, "float32")], sizes={m: size})
        np.testing.assert_array_equal(got, np.zeros((size, 2), "int32"))


@pytest.mark.parametrize("args, kwargs", [
    ((5,), {}), ((2, 11, 3), {}), ((5, 0, -2), {}), ((0, 1, 0.25), {}), ((-1.5, 1, 0.5), {}),
    ((3,), {"dtype": "float16"}), ((1, 10, 4), {"dtype": "int8"}), ((5, 9, -1), {}),
])
def test_arange_numerics(args, kwargs):
    x = var("x", [1])
    got = run(lambda v: op.arange(*args, **kwargs), [x], [np.zeros(1, "float32")])
    want = np.arange(*args, dtype=kwargs.get("dtype"))
    if "dtype" not in kwargs and want.dtype.kind == "f":
        want = want.astype("float32")
    np.testing.assert_allclose(got, want)
    assert got.dtype == want.dtype


def test_arange_symbolic_numerics():
    x = var("x", [n, 2])
    for rows in (1, 6):
        got = run(lambda v: op.arange(n), [x], [np.zeros((rows, 2), "float32")])
        np.testing.assert_array_equal(got, np.arange(rows))
