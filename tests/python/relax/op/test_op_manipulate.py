"""Manipulation operators: struct-info inference (static, symbolic, unknown, errors), fusion
pattern kinds, and the numerics of their legalized kernels against numpy."""

import numpy as np
import pytest

from tessel import ir, relax, tir
from tessel.error import TypeInferenceError

from _legalize_util_manip import dims, infer, pattern, run, var

op = relax.op
RNG = np.random.default_rng(0)
n = tir.Var("n", "int64")
m = tir.Var("m", "int64")


def data(shape, dtype="float32"):
    return RNG.standard_normal(shape).astype(dtype)


# ---------------------------------------------------------------------------------------
# Inference


@pytest.mark.parametrize("build, expected", [
    (lambda x: op.reshape(x, [6, 4]), (6, 4)),
    (lambda x: op.reshape(x, [-1]), (24,)),
    (lambda x: op.reshape(x, (4, -1, 3)), (4, 2, 3)),
    (lambda x: op.reshape(x, relax.ShapeExpr([2, 12])), (2, 12)),
    (lambda x: op.permute_dims(x), (4, 3, 2)),
    (lambda x: op.permute_dims(x, [1, -1, 0]), (3, 4, 2)),
    (lambda x: op.expand_dims(x, 1), (2, 1, 3, 4)),
    (lambda x: op.expand_dims(x, [0, -1]), (1, 2, 3, 4, 1)),
    (lambda x: op.flatten(x), (24,)),
    (lambda x: op.concat([x, x], axis=-1), (2, 3, 8)),
    (lambda x: op.broadcast_to(x, [5, 2, 3, 4]), (5, 2, 3, 4)),
    (lambda x: op.repeat(x, 2, axis=1), (2, 6, 4)),
    (lambda x: op.repeat(x, 3), (72,)),
    (lambda x: op.tile(x, [2, 1, 3]), (4, 3, 12)),
    (lambda x: op.tile(x, 2), (2, 3, 8)),
    (lambda x: op.tile(x, [2, 1, 1, 1]), (2, 2, 3, 4)),
    (lambda x: op.flip(x, 1), (2, 3, 4)),
    (lambda x: op.tril(x), (2, 3, 4)),
    (lambda x: op.triu(x, -1), (2, 3, 4)),
])
def test_static_inference(build, expected):
    sinfo = infer(build(var("x", [2, 3, 4])))
    assert dims(sinfo) == expected
    assert sinfo.dtype == "float32"


def test_squeeze_inference():
    x = var("x", [1, 3, 1, 4])
    assert dims(infer(op.squeeze(x))) == (3, 4)
    assert dims(infer(op.squeeze(x, [0, -2]))) == (3, 4)
    assert dims(infer(op.squeeze(x, 2))) == (1, 3, 4)
    # Without axes, a symbolic dimension might be 1 at run time: the rank is unknown.
    assert infer(op.squeeze(var("y", [1, n]))).ndim == -1
    assert dims(infer(op.squeeze(var("y", [1, n]), 0))) == (n,)


def test_split_inference():
    x = var("x", [4, 9])
    fields = infer(op.split(x, 3, axis=1)).fields
    assert [dims(f) for f in fields] == [(4, 3)] * 3
    fields = infer(op.split(x, [2, 5, 20], axis=-1)).fields
    assert [dims(f) for f in fields] == [(4, 2), (4, 3), (4, 4), (4, 0)]
    assert [dims(f) for f in infer(op.split(x, [])).fields] == [(4, 9)]


def test_symbolic_inference():
    x = var("x", [n, 4])
    assert ir.structural_equal(infer(op.reshape(x, [-1, 2])).shape.values[0], n * 2)
    assert dims(infer(op.reshape(x, [n, 2, 2]))) == (n, 2, 2)
    assert dims(infer(op.permute_dims(x))) == (4, n)
    assert ir.structural_equal(infer(op.flatten(x)).shape.values[0], n * 4)
    both = infer(op.concat([x, var("y", [m, 4])], axis=0)).shape.values
    assert ir.structural_equal(both[0], n + m) and int(both[1]) == 4
    halves = infer(op.split(var("z", [4, n]), 2, axis=1)).fields
    assert ir.structural_equal(halves[0].shape.values[1], tir.floordiv(n, 2))
    assert dims(infer(op.broadcast_to(var("b", [1, 4]), [n, 4]))) == (n, 4)
    assert dims(infer(op.flip(x, 0))) == (n, 4)


def test_unknown_shapes_keep_what_is_known():
    x = relax.Var("x", relax.TensorStructInfo(dtype="float16", ndim=3))
    assert infer(op.permute_dims(x)).ndim == 3
    assert infer(op.expand_dims(x, 0)).ndim == 4
    assert infer(op.flatten(x)).ndim == 1
    assert infer(op.reshape(x, [2, -1])).ndim == 2
    assert dims(infer(op.reshape(x, [2, 8]))) == (2, 8)
    assert infer(op.concat([x, x], axis=1)).ndim == 3
    assert [f.ndim for f in infer(op.split(x, 2)).fields] == [3, 3]
    anything = relax.Var("a", relax.TensorStructInfo(dtype="float32", ndim=-1))
    assert infer(op.permute_dims(anything)).ndim == -1
    assert infer(op.permute_dims(anything, [1, 0])).ndim == 2
    assert infer(op.squeeze(anything)).ndim == -1
    s = relax.Var("s", relax.ShapeStructInfo(ndim=2))
    out = infer(op.reshape(var("x", [2, 3]), s))
    assert out.shape.same_as(s) and out.ndim == 2


def test_concat_of_a_tuple_variable():
    t = relax.Var("t", relax.TupleStructInfo([relax.TensorStructInfo([2, n], "float32")] * 3))
    out = infer(op.concat(t, axis=1))
    assert int(out.shape.values[0]) == 2
    assert ir.structural_equal(out.shape.values[1], n * 3)


@pytest.mark.parametrize("build, message", [
    (lambda x: op.reshape(x, [5, -1]), r"relax.reshape: cannot reshape argument x of shape \(2, 3, 4\) "
                                       r"\(24 elements\) into shape \(5, -1\)"),
    (lambda x: op.reshape(x, [5, 5]), r"into shape \(5, 5\) \(25 elements\)"),
    (lambda x: op.reshape(x, [-1, -1]), "more than one -1"),
    (lambda x: op.reshape(x, [-2, 12]), "dimension 0 is -2"),
    (lambda x: op.reshape(x, x), "argument shape must be a Shape, found Tensor"),
    (lambda x: op.permute_dims(x, [0, 1]), "axes has 2 entries, but argument x has rank 3"),
    (lambda x: op.permute_dims(x, [0, 1, 1]), "axes repeats axis 1"),
    (lambda x: op.permute_dims(x, [0, 1, 3]), "relax.permute_dims"),
    (lambda x: op.expand_dims(x, [0, 0]), "axis repeats axis 0"),
    (lambda x: op.expand_dims(x, 5), "relax.expand_dims"),
    (lambda x: op.squeeze(x, 1), "cannot squeeze axis 1 of argument x: its size is 3"),
    (lambda x: op.concat(x), "argument tensors must be a Tuple of tensors, found Tensor"),
    (lambda x: op.concat([x, var("y", [2, 5, 4])]),
     r"field 1 of argument tensors: dimension 1 is 5, but field 0 dimension 1 is 3"),
    (lambda x: op.concat([x, var("y", [2, 3])]), "field 1 of argument tensors has rank 2, but field 0 has rank 3"),
    (lambda x: op.concat([x, var("y", [2, 3, 4], "float16")]),
     "field 1 of argument tensors has dtype float16, but field 0 has float32"),
    (lambda x: op.concat([]), "empty tuple"),
    (lambda x: op.split(x, 5, axis=2), r"cannot split axis 2 of argument x \(size 4\) into 5 equal sections"),
    (lambda x: op.split(x, 0), "must be positive"),
    (lambda x: op.split(x, [3, 1]), "non-decreasing, but index 1 is 1"),
    (lambda x: op.broadcast_to(x, [3, 4]), "argument shape has rank 2, below the rank 3 of argument x"),
    (lambda x: op.broadcast_to(x, [2, 5, 4]),
     r"argument x: dimension 1 is 3, but shape dimension 1 is 5 \(it must be 1 or equal\)"),
    (lambda x: op.repeat(x, -1), "repeats is -1"),
    (lambda x: op.tile(x, [1, -2]), r"repeats\[1\] is -2"),
    (lambda x: op.flip(x, 3), "relax.flip"),
    (lambda x: op.tril(var("v", [4])), "argument x has rank 1, but must have at least 2 dimensions"),
])
def test_inference_errors(build, message):
    with pytest.raises(TypeInferenceError, match=message):
        infer(build(var("x", [2, 3, 4])))


def test_symbolic_mismatch_errors():
    x = var("x", [n, 4])
    with pytest.raises(TypeInferenceError, match=r"\(n \* T.int64\(4\) elements\) into shape "
                                                  r"\(n \+ T.int64\(1\), 4\)"):
        infer(op.reshape(x, [n + 1, 4]))
    with pytest.raises(TypeInferenceError, match="dimension 1 is 4, but field 0 dimension 1 is 5"):
        infer(op.concat([var("y", [n, 5]), x]))


def test_patterns():
    assert pattern("relax.broadcast_to") == 1  # kBroadcast
    for name in ["reshape", "permute_dims", "expand_dims", "squeeze", "flatten", "concat", "split",
                 "repeat", "tile", "flip", "tril", "triu"]:
        assert pattern(f"relax.{name}") == 2, name  # kInjective


# ---------------------------------------------------------------------------------------
# Numerics: each op legalized, compiled and run against numpy.

STATIC = [
    ("reshape", lambda x: op.reshape(x, [4, -1]), lambda a: a.reshape(4, -1)),
    ("permute_dims", lambda x: op.permute_dims(x, [2, 0, 1]), lambda a: a.transpose(2, 0, 1)),
    ("permute_dims_default", lambda x: op.permute_dims(x), lambda a: a.transpose()),
    ("expand_dims", lambda x: op.expand_dims(x, [0, 3]), lambda a: a[None, :, :, None]),
    ("flatten", lambda x: op.flatten(x), lambda a: a.reshape(-1)),
    ("concat", lambda x: op.concat([x, x, x], axis=1), lambda a: np.concatenate([a, a, a], 1)),
    ("broadcast_to", lambda x: op.broadcast_to(x, [2, 2, 3, 4]), lambda a: np.broadcast_to(a, (2, 2, 3, 4))),
    ("repeat", lambda x: op.repeat(x, 3, axis=-1), lambda a: np.repeat(a, 3, axis=-1)),
    ("repeat_flat", lambda x: op.repeat(x, 2), lambda a: np.repeat(a, 2)),
    ("tile", lambda x: op.tile(x, [2, 1, 3]), lambda a: np.tile(a, [2, 1, 3])),
    ("tile_more", lambda x: op.tile(x, [2, 1, 1, 2]), lambda a: np.tile(a, [2, 1, 1, 2])),
    ("flip", lambda x: op.flip(x, -1), lambda a: np.flip(a, -1)),
    ("tril", lambda x: op.tril(x, 1), lambda a: np.tril(a, 1)),
    ("triu", lambda x: op.triu(x, -1), lambda a: np.triu(a, -1)),
]


@pytest.mark.parametrize("name, build, reference", STATIC, ids=[s[0] for s in STATIC])
def test_numerics_static(name, build, reference):
    a = data((2, 3, 4))
    np.testing.assert_array_equal(run(build, [var("x", [2, 3, 4])], [a]), reference(a))


def test_numerics_squeeze_and_scalar_results():
    a = data((1, 3, 1))
    np.testing.assert_array_equal(run(op.squeeze, [var("x", [1, 3, 1])], [a]), a.reshape(3))
    np.testing.assert_array_equal(run(lambda v: op.squeeze(v, -1), [var("x", [1, 3, 1])], [a]),
                                  a.reshape(1, 3))
    b = data((1, 1))
    np.testing.assert_array_equal(run(op.squeeze, [var("x", [1, 1])], [b]), b.reshape(()))
    np.testing.assert_array_equal(run(op.flatten, [var("x", [])], [np.array(2.5, "float32")]), [2.5])


def test_numerics_split():
    a = data((4, 9))
    x = var("x", [4, 9])
    for got, want in zip(run(lambda v: op.split(v, 3, axis=1), [x], [a]), np.split(a, 3, axis=1)):
        np.testing.assert_array_equal(got, want)
    pieces = run(lambda v: op.split(v, [2, 5, 20], axis=1), [x], [a])
    for got, want in zip(pieces, np.split(a, [2, 5, 20], axis=1)):
        np.testing.assert_array_equal(got, want)


def test_numerics_concat_of_different_sizes_and_a_tuple_variable():
    a, b = data((2, 1)), data((2, 5))
    t = relax.Var("t", relax.TupleStructInfo([relax.TensorStructInfo([2, 1], "float32"),
                                              relax.TensorStructInfo([2, 5], "float32")]))
    np.testing.assert_array_equal(run(lambda v: op.concat(v, axis=1), [t], [(a, b)]),
                                  np.concatenate([a, b], 1))


@pytest.mark.parametrize("dtype", ["int32", "float16", "bool"])
def test_numerics_other_dtypes(dtype):
    a = (RNG.integers(0, 2, (3, 4)) if dtype == "bool" else RNG.integers(-50, 50, (3, 4))).astype(dtype)
    x = var("x", [3, 4], dtype)
    np.testing.assert_array_equal(run(lambda v: op.permute_dims(v), [x], [a]), a.T)
    np.testing.assert_array_equal(run(lambda v: op.triu(v), [x], [a]), np.triu(a))


# Symbolic inputs: the kernel gets n from the input's shape; checked at several sizes.
SYMBOLIC = [
    ("reshape", lambda x: op.reshape(x, [n, 2, 2]), lambda a: a.reshape(-1, 2, 2)),
    ("permute_dims", lambda x: op.permute_dims(x), lambda a: a.T),
    ("expand_dims", lambda x: op.expand_dims(x, 1), lambda a: a[:, None]),
    ("concat", lambda x: op.concat([x, x], axis=1), lambda a: np.concatenate([a, a], 1)),
    ("split", lambda x: op.split(x, 2, axis=1), lambda a: np.split(a, 2, axis=1)),
    ("broadcast_to", lambda x: op.broadcast_to(x, [3, n, 4]), lambda a: np.broadcast_to(a, (3,) + a.shape)),
    ("tile", lambda x: op.tile(x, [1, 2]), lambda a: np.tile(a, [1, 2])),
    ("flip", lambda x: op.flip(x, 0), lambda a: np.flip(a, 0)),
    ("tril", lambda x: op.tril(x), lambda a: np.tril(a)),
]


@pytest.mark.parametrize("name, build, reference", SYMBOLIC, ids=[s[0] for s in SYMBOLIC])
def test_numerics_symbolic(name, build, reference):
    x = var("x", [n, 4])
    for rows in (1, 5):
        a = data((rows, 4))
        got, want = run(build, [x], [a]), reference(a)
        for g, w in zip(got, want) if isinstance(got, list) else [(got, want)]:
            np.testing.assert_array_equal(g, w)


# Symbolic results whose dimensions are expressions (n * 4, n + m): the kernels are right,
# but a compiled kernel's tensor dimensions must be constants or variables, and CallTE does
# not yet give such dimensions variables of their own.
COMPOSITE = [
    ("flatten", lambda x: op.flatten(x), lambda a: a.reshape(-1)),
    ("reshape", lambda x: op.reshape(x, [-1]), lambda a: a.reshape(-1)),
    ("repeat", lambda x: op.repeat(x, 2, axis=0), lambda a: np.repeat(a, 2, axis=0)),
    ("concat", lambda x: op.concat([x, x], axis=0), lambda a: np.concatenate([a, a], 0)),
]


@pytest.mark.parametrize("name, build, reference", COMPOSITE, ids=[s[0] for s in COMPOSITE])
def test_numerics_composite_symbolic_dims(name, build, reference):
    a = data((3, 4))
    np.testing.assert_array_equal(run(build, [var("x", [n, 4])], [a]), reference(a))
