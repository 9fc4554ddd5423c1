"""where and astype: struct-info inference, errors, and numerics of the legalized kernels
against numpy (exact: both only select or convert values)."""

import os
import sys

import numpy as np
import pytest

from tessel import ir, relax, tir

sys.path.insert(0, os.path.dirname(__file__))
from elemwise_testing import Kernel, infer, raises, run_op  # noqa: E402

op = relax.op
RNG = np.random.default_rng(2)


def tensor(shape, dtype="float32", ndim=-1, name="x"):
    return relax.Var(name, relax.TensorStructInfo(shape, dtype, ndim))


# ---- where ---------------------------------------------------------------------------------

def test_where_infer_broadcasts_three_shapes():
    n = tir.Var("n", "int64")
    sinfo = infer(op.where(tensor([n, 1], "bool"), tensor([1, 5]), tensor([])))
    ir.assert_structural_equal(sinfo, relax.TensorStructInfo([n, 5], "float32"))
    cond = tensor(None, "bool", ndim=2)
    sinfo = infer(op.where(cond, tensor([3, 5], "int32"), tensor([5], "int32")))
    assert sinfo.ndim == 2 and sinfo.shape is None and sinfo.dtype == "int32"
    assert infer(op.where(tensor(None, "bool"), tensor([3]), tensor([3]))).ndim == -1


def test_where_errors():
    with raises(r"relax\.where: argument condition has dtype float32, "
                r"but expected bool"):
        infer(op.where(tensor([3]), tensor([3]), tensor([3])))
    with raises(r"relax\.where: argument x2 has dtype int32, but x1 has float32"):
        infer(op.where(tensor([3], "bool"), tensor([3]), tensor([3], "int32")))
    with raises(r"relax\.where: cannot broadcast "
                r"condition dimension 0 \(3\) with x1 dimension 0 \(4\)"):
        infer(op.where(tensor([3], "bool"), tensor([4]), tensor([3])))
    with raises(r"relax\.where: cannot broadcast "
                r"x1 dimension 1 \(4\) with x2 dimension 0 \(5\)"):
        infer(op.where(tensor([1], "bool"), tensor([2, 4]), tensor([5])))


@pytest.mark.parametrize("shapes", [((4, 5), (4, 5), (4, 5)), ((4, 1), (1, 5), ()),
                                    ((), (3,), (2, 3)), ((2, 1, 3), (3,), (4, 1))], ids=str)
@pytest.mark.parametrize("dtype", ["float32", "int64", "bool"])
def test_where_numerics(shapes, dtype):
    cond = RNG.integers(0, 2, shapes[0]).astype("bool")
    x1 = (RNG.standard_normal(shapes[1]) * 10).astype(dtype)
    x2 = (RNG.standard_normal(shapes[2]) * 10).astype(dtype)
    np.testing.assert_array_equal(run_op(op.where, cond, x1, x2), np.where(cond, x1, x2))


def test_where_symbolic_kernel_runs_on_two_sizes():
    n = tir.Var("n", "int64")
    kernel = Kernel(op.where, relax.TensorStructInfo([n], "bool"),
                    relax.TensorStructInfo([n], "float32"), relax.TensorStructInfo([], "float32"))
    for size in (3, 20):
        cond = RNG.integers(0, 2, size).astype("bool")
        x1 = RNG.standard_normal(size).astype("float32")
        x2 = np.array(-1.0, "float32")
        np.testing.assert_array_equal(kernel(cond, x1, x2), np.where(cond, x1, x2))


# ---- astype --------------------------------------------------------------------------------

def test_astype_infer():
    n = tir.Var("n", "int64")
    ir.assert_structural_equal(infer(op.astype(tensor([n, 3]), "float16")),
                               relax.TensorStructInfo([n, 3], "float16"))
    sinfo = infer(op.astype(tensor(None, "int32", ndim=-1), "bool"))
    assert sinfo.dtype == "bool" and sinfo.ndim == -1
    assert infer(op.astype(tensor([2], "void"), "int8")).dtype == "int8"


def test_astype_errors():
    with raises(r"relax\.astype: attribute dtype is void"):
        infer(op.astype(tensor([3]), "void"))
    with raises(r"relax\.astype"):
        infer(relax.op._make.make_call("relax.astype", [tensor([3])]))
    with raises(r"relax\.astype"):
        infer(op.astype(relax.ShapeExpr([3]), "int32"))


CASTS = [
    ("float32", "int32"), ("float32", "uint8"), ("float32", "bool"), ("float32", "float16"),
    ("float32", "float64"), ("int32", "float32"), ("int64", "int8"), ("int8", "int64"),
    ("uint8", "int32"), ("bool", "float32"), ("bool", "int32"), ("int32", "bool"),
    ("float64", "float32"),
]


@pytest.mark.parametrize("src, dst", CASTS, ids=[f"{s}-{d}" for s, d in CASTS])
def test_astype_numerics(src, dst):
    if src == "bool":
        x = RNG.integers(0, 2, (3, 7)).astype("bool")
    elif np.dtype(src).kind in "iu":
        x = RNG.integers(0 if src == "uint8" else -300, 300, (3, 7)).astype(src)
    elif dst == "uint8":
        x = RNG.uniform(0, 255, (3, 7)).astype(src)  # inside uint8's range
    else:
        x = (RNG.standard_normal((3, 7)) * 50).astype(src)
    x.flat[0] = 0
    out = run_op(lambda t: op.astype(t, dst), x)
    assert out.dtype == dst
    np.testing.assert_array_equal(out, x.astype(dst))


def test_astype_symbolic_kernel_runs_on_two_sizes():
    n = tir.Var("n", "int64")
    kernel = Kernel(lambda t: op.astype(t, "int32"), relax.TensorStructInfo([n], "float64"))
    for size in (1, 9):
        x = RNG.uniform(-100, 100, size)
        np.testing.assert_array_equal(kernel(x), x.astype("int32"))
