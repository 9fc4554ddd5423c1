"""Binary elementwise operators with broadcasting: struct-info inference (static, symbolic,
scalar and unknown shapes, errors) and numerics of the legalized kernels against numpy.

Tolerances: float32 arithmetic rtol 1e-6 (one rounding, as numpy); power rtol 1e-5 (libm
powf against numpy's float32 powf); floor_mod rtol 1e-5 with atol 1e-6 (``a - floor(a / b) * b``
against numpy's fmod-based result); float16 rtol 1e-3 (float16 rounding of the float32
result); integer and bool results exactly.
"""

import operator
import os
import sys

import numpy as np
import pytest

from tessel import ir, relax, tir

sys.path.insert(0, os.path.dirname(__file__))
from elemwise_testing import Kernel, infer, legalize, raises, run_op  # noqa: E402

op = relax.op
RNG = np.random.default_rng(1)

ARITHMETIC = {
    "add": np.add, "subtract": np.subtract, "multiply": np.multiply, "maximum": np.maximum,
    "minimum": np.minimum, "floor_divide": np.floor_divide, "floor_mod": np.mod,
}
FLOAT_ONLY = {"divide": np.divide, "power": np.power}
COMPARISONS = {
    "equal": operator.eq, "not_equal": operator.ne, "less": operator.lt,
    "less_equal": operator.le, "greater": operator.gt, "greater_equal": operator.ge,
}
LOGICAL = {
    "logical_and": np.logical_and, "logical_or": np.logical_or, "logical_xor": np.logical_xor,
}
ALL_BINARY = {**ARITHMETIC, **FLOAT_ONLY, **COMPARISONS, **LOGICAL}

BROADCAST_SHAPES = [((4, 5), (4, 5)), ((4, 1), (5,)), ((), (3, 4)), ((2, 1, 3), (4, 1)), ((6,), ())]


def tensor(shape, dtype="float32", ndim=-1, name="x"):
    return relax.Var(name, relax.TensorStructInfo(shape, dtype, ndim))


def dtype_for(name):
    return "bool" if name in LOGICAL else "float32"


# ---- registration and struct info ----------------------------------------------------------

def test_every_binary_op_is_registered():
    names = set(ir.Op.list_names())
    for name in ALL_BINARY:
        assert f"relax.{name}" in names


@pytest.mark.parametrize("name", list(ALL_BINARY))
def test_infer_static_broadcast(name):
    dtype = dtype_for(name)
    out_dtype = "bool" if name in COMPARISONS or name in LOGICAL else dtype
    sinfo = infer(getattr(op, name)(tensor([4, 1, 3], dtype), tensor([5, 1], dtype)))
    ir.assert_structural_equal(sinfo, relax.TensorStructInfo([4, 5, 3], out_dtype))


def test_infer_scalar_broadcasts():
    ir.assert_structural_equal(infer(op.multiply(tensor([]), tensor([2, 7]))),
                               relax.TensorStructInfo([2, 7], "float32"))
    assert infer(op.add(tensor([]), tensor([]))).ndim == 0


def test_infer_symbolic_dims():
    n, m = tir.Var("n", "int64"), tir.Var("m", "int64")
    # Equal variables, and a constant 1 against a variable.
    ir.assert_structural_equal(infer(op.add(tensor([n, 4]), tensor([n, 1]))),
                               relax.TensorStructInfo([n, 4], "float32"))
    ir.assert_structural_equal(infer(op.subtract(tensor([n, 1]), tensor([1, m]))),
                               relax.TensorStructInfo([n, m], "float32"))
    # Unrelated variables: the rank is known, the shape is not (match_cast it to legalize).
    sinfo = infer(op.add(tensor([n, 4]), tensor([m, 4])))
    assert sinfo.ndim == 2 and sinfo.shape is None and sinfo.dtype == "float32"
    sinfo = infer(op.less(tensor([n]), tensor([3])))
    assert sinfo.ndim == 1 and sinfo.shape is None and sinfo.dtype == "bool"


def test_infer_unknown_rank_and_shape():
    assert infer(op.add(tensor(None, ndim=-1), tensor([3, 4]))).ndim == -1
    sinfo = infer(op.add(tensor(None, ndim=3), tensor([3, 4])))
    assert sinfo.ndim == 3 and sinfo.shape is None


def test_infer_errors():
    with raises(r"relax\.add: argument x2 has dtype float16, but x1 has float32"):
        infer(op.add(tensor([3]), tensor([3], "float16")))
    with raises(r"relax\.multiply: cannot broadcast "
                r"x1 dimension 1 \(4\) with x2 dimension 0 \(5\)"):
        infer(op.multiply(tensor([3, 4]), tensor([5])))
    n = tir.Var("n", "int64")
    with raises(r"relax\.maximum"):
        infer(op.maximum(tensor([n, 2]), tensor([n, 3])))
    with raises(r"relax\.divide: argument x1 has dtype int32, but expected a float dtype"):
        infer(op.divide(tensor([3], "int32"), tensor([3], "int32")))
    with raises(r"relax\.power: argument x2 has dtype int64"):
        infer(op.power(tensor([3], "float32"), tensor([3], "int64")))
    with raises(r"relax\.add: argument x1 has dtype bool, but expected a numeric"):
        infer(op.add(tensor([3], "bool"), tensor([3], "bool")))
    with raises(r"relax\.logical_or: argument x2 has dtype int8, but expected bool"):
        infer(op.logical_or(tensor([3], "bool"), tensor([3], "int8")))
    with raises(r"relax\.equal"):
        infer(op.equal(tensor([3]), relax.ShapeExpr([3])))


# ---- numerics ------------------------------------------------------------------------------

def sample(name, shape, dtype):
    if dtype == "bool":
        return RNG.integers(0, 2, shape).astype("bool")
    if np.dtype(dtype).kind in "iu":
        low = 0 if np.dtype(dtype).kind == "u" else -50
        return RNG.integers(low, 50, shape).astype(dtype)
    if name == "power":
        return RNG.uniform(0.1, 3, shape).astype(dtype)
    values = RNG.standard_normal(shape) * 4
    if name in ("divide", "floor_divide", "floor_mod"):
        values = np.where(np.abs(values) < 0.5, 1.5, values)  # away from division by ~0
    return values.astype(dtype)


@pytest.mark.parametrize("shapes", BROADCAST_SHAPES, ids=str)
@pytest.mark.parametrize("name", list(ALL_BINARY))
def test_binary_numerics_float_and_bool(name, shapes):
    dtype = dtype_for(name)
    a, b = sample(name, shapes[0], dtype), sample(name, shapes[1], dtype)
    if name in COMPARISONS:
        b = np.where(RNG.integers(0, 3, b.shape) == 0, 0, b).astype(dtype)
        a = np.where(RNG.integers(0, 3, a.shape) == 0, 0, a).astype(dtype)  # some equal pairs
    out = run_op(getattr(op, name), a, b)
    expected = ALL_BINARY[name](a, b)
    assert out.dtype == expected.dtype and out.shape == expected.shape
    if expected.dtype == np.bool_:
        np.testing.assert_array_equal(out, expected)
    elif name == "floor_mod":  # a - floor(a / b) * b cancels where the result is near 0
        np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-6)
    else:
        np.testing.assert_allclose(out, expected, rtol=1e-5 if name == "power" else 1e-6)


@pytest.mark.parametrize("name", ["add", "multiply", "divide", "power", "maximum"])
def test_binary_numerics_float16(name):
    a, b = sample(name, (4, 6), "float16"), sample(name, (6,), "float16")
    out = run_op(getattr(op, name), a, b)
    assert out.dtype == "float16"
    expected = ALL_BINARY[name](a.astype("float32"), b.astype("float32")).astype("float16")
    np.testing.assert_allclose(out.astype("float32"), expected.astype("float32"), rtol=1e-3)


@pytest.mark.parametrize("dtype", ["int32", "int64", "uint8"])
@pytest.mark.parametrize("name", [*ARITHMETIC, *COMPARISONS])
def test_binary_numerics_integers(name, dtype):
    a, b = sample(name, (3, 8), dtype), sample(name, (8,), dtype)
    if name in ("floor_divide", "floor_mod"):
        b[:2] = 0  # numpy gives 0 (with a warning); the kernel must not trap
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = ALL_BINARY[name](a, b)
    np.testing.assert_array_equal(run_op(getattr(op, name), a, b), expected)


@pytest.mark.parametrize("name", ["floor_divide", "floor_mod"])
def test_integer_division_edge_cases(name):
    info = np.iinfo("int32")
    a = np.array([info.min, info.min, 7, -7, 7, -7, 0, 5], "int32")
    b = np.array([-1, 1, 2, 2, -2, -2, 3, 0], "int32")
    with np.errstate(divide="ignore", over="ignore"):
        expected = ALL_BINARY[name](a, b)
    np.testing.assert_array_equal(run_op(getattr(op, name), a, b), expected)


def test_symbolic_shape_kernel_runs_on_two_sizes():
    n, m = tir.Var("n", "int64"), tir.Var("m", "int64")
    kernel = Kernel(op.subtract, relax.TensorStructInfo([n, 1], "float32"),
                    relax.TensorStructInfo([1, m], "float32"))
    for rows, cols in ((3, 5), (8, 1)):
        a = RNG.standard_normal((rows, 1)).astype("float32")
        b = RNG.standard_normal((1, cols)).astype("float32")
        np.testing.assert_allclose(kernel(a, b), a - b, rtol=1e-6)


def test_symbolic_shape_comparison():
    n = tir.Var("n", "int64")
    kernel = Kernel(op.greater_equal, relax.TensorStructInfo([n, 4], "int32"),
                    relax.TensorStructInfo([4], "int32"))
    for rows in (1, 6):
        a = RNG.integers(-5, 5, (rows, 4)).astype("int32")
        b = RNG.integers(-5, 5, (4,)).astype("int32")
        np.testing.assert_array_equal(kernel(a, b), a >= b)


def test_legalize_leaves_unknown_result_shape():
    n, m = tir.Var("n", "int64"), tir.Var("m", "int64")
    _, call, legalized = legalize(op.add, relax.TensorStructInfo([n], "float32"),
                                  relax.TensorStructInfo([m], "float32"))
    assert legalized.same_as(call)
