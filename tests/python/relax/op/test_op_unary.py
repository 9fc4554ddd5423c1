"""Unary elementwise operators: struct-info inference (static, symbolic and unknown shapes,
errors) and numerics of the legalized kernels against numpy.

Tolerances (float32): rtol 1e-5 for everything; an extra atol 1e-6 where the result crosses
zero (sin, cos, tanh, erf), since a relative error means nothing there. float16 results are
computed in float32 and rounded, so they match numpy's float32 result to float16 rounding.
"""

import math
import os
import sys

import numpy as np
import pytest

from tessel import ir, relax, tir

sys.path.insert(0, os.path.dirname(__file__))
from elemwise_testing import Kernel, infer, legalize, raises, run_op  # noqa: E402

op = relax.op
RNG = np.random.default_rng(0)

# name -> (numpy reference, input sampler, extra atol)
FLOAT_OPS = {
    "exp": (np.exp, lambda s: RNG.uniform(-10, 10, s), 0),
    "log": (np.log, lambda s: RNG.uniform(0.01, 100, s), 1e-6),
    "sqrt": (np.sqrt, lambda s: RNG.uniform(0, 100, s), 0),
    "rsqrt": (lambda x: 1 / np.sqrt(x), lambda s: RNG.uniform(0.01, 100, s), 0),
    "sin": (np.sin, lambda s: RNG.uniform(-10, 10, s), 1e-6),
    "cos": (np.cos, lambda s: RNG.uniform(-10, 10, s), 1e-6),
    "tanh": (np.tanh, lambda s: RNG.uniform(-6, 6, s), 1e-6),
    "sigmoid": (lambda x: 1 / (1 + np.exp(-x)), lambda s: RNG.uniform(-20, 20, s), 1e-6),
    "erf": (np.vectorize(math.erf), lambda s: RNG.uniform(-4, 4, s), 1e-6),
}
# Operators taking integers and floats: name -> numpy reference.
NUMERIC_OPS = {
    "abs": np.abs,
    "negative": np.negative,
    "square": np.square,
    "sign": np.sign,
    "floor": np.floor,
    "ceil": np.ceil,
    "round": np.round,
}
PREDICATES = {"isnan": np.isnan, "isinf": np.isinf, "isfinite": np.isfinite}
ALL_UNARY = [*FLOAT_OPS, *NUMERIC_OPS, *PREDICATES, "logical_not"]


def tensor(shape, dtype="float32", ndim=-1):
    return relax.Var("x", relax.TensorStructInfo(shape, dtype, ndim))


# ---- registration --------------------------------------------------------------------------

def test_every_unary_op_is_registered():
    names = set(ir.Op.list_names())
    for name in [*ALL_UNARY, "clip"]:
        assert f"relax.{name}" in names
        assert getattr(op, name) is not None


# ---- struct info ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", [*FLOAT_OPS, *NUMERIC_OPS])
def test_infer_keeps_shape_and_dtype(name):
    n = tir.Var("n", "int64")
    sinfo = infer(getattr(op, name)(tensor([n, 4])))
    ir.assert_structural_equal(sinfo, relax.TensorStructInfo([n, 4], "float32"))
    assert infer(getattr(op, name)(tensor([2, 3], "float64"))).dtype == "float64"


@pytest.mark.parametrize("name", [*PREDICATES, "logical_not"])
def test_infer_predicates_give_bool(name):
    n = tir.Var("n", "int64")
    dtype = "bool" if name == "logical_not" else "float32"
    sinfo = infer(getattr(op, name)(tensor([n, 4], dtype)))
    ir.assert_structural_equal(sinfo, relax.TensorStructInfo([n, 4], "bool"))


def test_infer_unknown_shape_rank_and_dtype():
    sinfo = infer(op.exp(tensor(None, "float32", ndim=3)))
    assert sinfo.ndim == 3 and sinfo.shape is None and sinfo.dtype == "float32"
    sinfo = infer(op.tanh(tensor(None, "float16")))
    assert sinfo.ndim == -1 and sinfo.dtype == "float16"
    sinfo = infer(op.abs(tensor([4, 5], "void")))
    assert sinfo.dtype == "void" and sinfo.ndim == 2
    sinfo = infer(op.isnan(tensor(None, "void")))
    assert sinfo.dtype == "bool" and sinfo.ndim == -1


def test_infer_scalar_tensor():
    sinfo = infer(op.sqrt(tensor([], "float32")))
    assert sinfo.ndim == 0 and sinfo.dtype == "float32"


@pytest.mark.parametrize("name", list(FLOAT_OPS))
def test_float_only_ops_reject_integers(name):
    with raises(rf"relax\.{name}: argument x has dtype int32, but expected a float dtype"):
        infer(getattr(op, name)(tensor([4], "int32")))


@pytest.mark.parametrize("name", list(NUMERIC_OPS))
def test_numeric_ops_reject_bool(name):
    with raises(rf"relax\.{name}: argument x has dtype bool, but expected "
                r"a numeric \(integer or float\) dtype"):
        infer(getattr(op, name)(tensor([4], "bool")))


def test_logical_not_needs_bool():
    with raises(r"relax\.logical_not: argument x has dtype float32, "
                r"but expected bool"):
        infer(op.logical_not(tensor([4])))


def test_argument_count_and_kind():
    x = tensor([4])
    with raises(r"relax\.exp"):
        infer(relax.op._make.make_call("relax.exp", [x, x]))
    with raises(r"relax\.exp"):
        infer(op.exp(relax.ShapeExpr([4])))


def test_clip_inference_and_errors():
    n = tir.Var("n", "int64")
    ir.assert_structural_equal(infer(op.clip(tensor([n], "int8"), -5, 5)),
                               relax.TensorStructInfo([n], "int8"))
    assert infer(op.clip(tensor([3]), -float("inf"), 1.5)).dtype == "float32"
    with raises(r"relax\.clip: attribute min \(3\) is greater than max \(1\)"):
        infer(op.clip(tensor([3]), 3, 1))
    with raises(r"relax\.clip: attribute max is 1\.5, but argument x has "
                r"the integer dtype int32"):
        infer(op.clip(tensor([3], "int32"), 0, 1.5))
    with raises(r"relax\.clip: attribute min is NaN"):
        infer(op.clip(tensor([3]), float("nan"), 1))
    with raises(r"lies outside the values of argument x's dtype uint8"):
        infer(op.clip(tensor([3], "uint8"), -10, -1))
    with raises(r"relax\.clip: argument x has dtype bool"):
        infer(op.clip(tensor([3], "bool"), 0, 1))


# ---- numerics ------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", list(FLOAT_OPS))
def test_float_op_numerics(name, dtype):
    ref, sample, atol = FLOAT_OPS[name]
    x = sample((3, 67)).astype(dtype)
    out = run_op(getattr(op, name), x)
    assert out.dtype == dtype
    np.testing.assert_allclose(out, ref(x.astype("float64")), rtol=1e-5, atol=atol)


@pytest.mark.parametrize("name", ["exp", "sigmoid", "tanh"])
def test_float16_computes_in_float32(name):
    ref, sample, _ = FLOAT_OPS[name]
    x = sample((40,)).astype("float16")
    out = run_op(getattr(op, name), x)
    assert out.dtype == "float16"
    expected = ref(x.astype("float32")).astype("float16")
    np.testing.assert_allclose(out.astype("float32"), expected.astype("float32"),
                               rtol=1e-3, atol=1e-4)


@pytest.mark.parametrize("dtype", ["float32", "int32", "int64", "uint8"])
@pytest.mark.parametrize("name", list(NUMERIC_OPS))
def test_numeric_op_numerics(name, dtype):
    if np.dtype(dtype).kind == "f":
        x = (RNG.standard_normal((5, 9)) * 4).astype(dtype)
        x[0, :4] = [0.5, 1.5, -2.5, 0.0]  # round: halves to even
    else:
        x = RNG.integers(0 if dtype == "uint8" else -100, 100, (5, 9)).astype(dtype)
        x[0, 0] = 0
    out = run_op(getattr(op, name), x)
    assert out.dtype == dtype
    np.testing.assert_array_equal(out, NUMERIC_OPS[name](x).astype(dtype))


def test_sign_keeps_nan():
    x = np.array([np.nan, -3, 0, 2], "float32")
    np.testing.assert_array_equal(run_op(op.sign, x), np.sign(x))


@pytest.mark.parametrize("dtype", ["float32", "float64", "int32"])
@pytest.mark.parametrize("name", list(PREDICATES))
def test_predicate_numerics(name, dtype):
    x = (RNG.standard_normal(12) * 10).astype(dtype)
    if dtype != "int32":
        x[:4] = [np.nan, np.inf, -np.inf, -0.0]
    out = run_op(getattr(op, name), x)
    assert out.dtype == np.bool_
    np.testing.assert_array_equal(out, PREDICATES[name](x))


def test_logical_not_numerics():
    x = RNG.integers(0, 2, (4, 6)).astype("bool")
    np.testing.assert_array_equal(run_op(op.logical_not, x), np.logical_not(x))


@pytest.mark.parametrize("dtype, lo, hi", [
    ("float32", -0.5, 1.25), ("float64", -float("inf"), 0.0), ("int32", -3, 7),
    ("int8", -128, 100), ("uint8", 10, 1000), ("int64", -(2 ** 40), 2 ** 40),
])
def test_clip_numerics(dtype, lo, hi):
    if np.dtype(dtype).kind == "f":
        x = (RNG.standard_normal(50) * 3).astype(dtype)
    else:
        info = np.iinfo(dtype)
        x = RNG.integers(max(info.min, -(2 ** 50)), min(info.max, 2 ** 50), 50, dtype=dtype)
    out = run_op(lambda t: op.clip(t, lo, hi), x)
    expected = np.clip(x.astype("float64"), lo, hi).astype(dtype)
    np.testing.assert_array_equal(out, expected)


def test_symbolic_shape_kernel_runs_on_two_sizes():
    n = tir.Var("n", "int64")
    kernel = Kernel(op.tanh, relax.TensorStructInfo([n, 3], "float32"))
    for rows in (2, 11):
        x = RNG.uniform(-3, 3, (rows, 3)).astype("float32")
        np.testing.assert_allclose(kernel(x), np.tanh(x), rtol=1e-5, atol=1e-6)


def test_legalize_gives_one_elementwise_kernel():
    _, _, legalized = legalize(op.exp, relax.TensorStructInfo([4, 8], "float32"))
    assert legalized.op.name == "relax.call_tir"
    ir.assert_structural_equal(legalized.sinfo_args[0], relax.TensorStructInfo([4, 8], "float32"))


def test_legalize_leaves_unknown_shapes():
    _, call, legalized = legalize(op.exp, relax.TensorStructInfo(None, "float32", ndim=2))
    assert legalized.same_as(call)
