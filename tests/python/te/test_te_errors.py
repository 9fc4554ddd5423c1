"""te rejects malformed graphs with InvalidArgumentError naming what is wrong and where."""

import pytest

from tessel import te, tir
from tessel.error import InvalidArgumentError


def test_reduction_nested_in_an_expression_names_the_compute():
    A = te.placeholder((8, 8), name="A")
    k = te.reduce_axis((0, 8), name="k")
    with pytest.raises(InvalidArgumentError, match="te.compute B: a reduction .* whole body"):
        te.compute((8,), lambda i: te.sum(A[i, k], axis=k) + 1.0, name="B")


def test_reduction_inside_a_reduction():
    A = te.placeholder((8, 8), name="A")
    k = te.reduce_axis((0, 8), name="k")
    r = te.reduce_axis((0, 8), name="r")
    with pytest.raises(InvalidArgumentError, match="cannot contain another reduction"):
        te.compute((1,), lambda i: te.sum(te.max(A[r, k], axis=k), axis=r), name="B")


def test_wrong_number_of_index_variables():
    A = te.placeholder((8, 8), name="A")
    with pytest.raises(InvalidArgumentError,
                       match=r"te.compute B: fcompute takes 1 index variable\(s\) \(i\) "
                             r"but the shape has 2"):
        te.compute((8, 8), lambda i: A[i, i], name="B")


def test_wrong_number_of_tensor_indices():
    A = te.placeholder((8, 8), name="A")
    with pytest.raises(InvalidArgumentError, match="te.Tensor A: expected 2 indices .* found 1"):
        te.compute((8,), lambda i: A[i], name="B")


def test_float_index():
    A = te.placeholder((8,), name="A")
    with pytest.raises(InvalidArgumentError, match="te.Tensor A: index 0 must be a scalar integer"):
        A[1.5]


def test_dtype_mismatch_comes_from_the_tir_constructor():
    A = te.placeholder((8,), "float32", name="A")
    B = te.placeholder((8,), "int32", name="B")
    with pytest.raises(InvalidArgumentError, match="tir.Add: .*float32 and int32"):
        te.compute((8,), lambda i: A[i] + B[i], name="C")


def test_tuple_mixing_a_reduction_and_a_plain_value():
    A = te.placeholder((8,), name="A")
    k = te.reduce_axis((0, 8), name="k")
    with pytest.raises(InvalidArgumentError, match="te.compute B: the values of a compute with a "
                                                   "reduction must be the values 0, 1"):
        te.compute((1,), lambda i: (A[i], te.sum(A[k], axis=k)), name="B")


def test_fcompute_returning_something_else():
    with pytest.raises(InvalidArgumentError, match="te.compute B: fcompute must return a PrimExpr"):
        te.compute((8,), lambda i: "zero", name="B")


def test_non_tensor_arguments():
    A = te.placeholder((8,), name="A")
    B = te.compute((8,), lambda i: A[i], name="B")
    with pytest.raises(InvalidArgumentError, match="argument 1 is a ir.IntImm; expected a te.Tensor"):
        te.create_prim_func([A, 3, B])
    buf = tir.decl_buffer((8,), name="X")
    with pytest.raises(InvalidArgumentError, match="argument 0 is a tir.Buffer"):
        te.create_prim_func([buf, B])


def test_missing_placeholder_and_duplicate_argument():
    A = te.placeholder((8,), name="A")
    B = te.compute((8,), lambda i: A[i], name="B")
    with pytest.raises(InvalidArgumentError, match="placeholder A is read but is not among the arguments"):
        te.create_prim_func([B])
    with pytest.raises(InvalidArgumentError, match="tensor A .* appears twice"):
        te.create_prim_func([A, A, B])


def test_reduce_axis_must_be_a_reduce_axis():
    A = te.placeholder((8,), name="A")
    spatial = tir.IterVar((0, 8), "s", "S")
    with pytest.raises(InvalidArgumentError, match="te.sum: every axis must be a reduce axis"):
        te.compute((1,), lambda i: te.sum(A[spatial.var], axis=spatial), name="B")


def test_slice_index():
    A = te.placeholder((8,), name="A")
    with pytest.raises(InvalidArgumentError, match="te.Tensor A: an index must be an integer expression, found a slice"):
        A[0:2]
