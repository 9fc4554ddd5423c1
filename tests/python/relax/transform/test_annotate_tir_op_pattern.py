"""AnnotateTIROpPattern: the fusion pattern kind each kind of kernel shows."""

import pytest

from tessel import ir, relax, te, tir

ELEMWISE, BROADCAST, INJECTIVE, COMM_REDUCE, OUT_EWISE_FUSABLE = 0, 1, 2, 3, 4


def i64(*values):
    return [tir.const(v, "int64") for v in values]


def elementwise():
    a = te.placeholder(i64(4, 8), "float32", name="A")
    return [a, te.compute(a.shape, lambda i, j: a[i, j] * 2.0, name="B")]


def broadcast():
    a = te.placeholder(i64(8), "float32", name="A")
    return [a, te.compute(i64(4, 8), lambda i, j: a[j] + 1.0, name="B")]


def bias_add():  # elementwise in the output's shape, with a broadcast operand
    a = te.placeholder(i64(4, 8), "float32", name="A")
    b = te.placeholder(i64(8), "float32", name="B")
    return [a, b, te.compute(a.shape, lambda i, j: a[i, j] + b[j], name="C")]


def transpose():
    a = te.placeholder(i64(4, 8), "float32", name="A")
    return [a, te.compute(i64(8, 4), lambda i, j: a[j, i], name="B")]


def row_sum():
    a = te.placeholder(i64(4, 8), "float32", name="A")
    k = te.reduce_axis(i64(0, 8), name="k")
    return [a, te.compute(i64(4), lambda i: te.sum(a[i, k], axis=k), name="B")]


def matmul():
    a = te.placeholder(i64(4, 8), "float32", name="A")
    b = te.placeholder(i64(8, 5), "float32", name="B")
    k = te.reduce_axis(i64(0, 8), name="k")
    return [a, b, te.compute(i64(4, 5), lambda i, j: te.sum(a[i, k] * b[k, j], axis=k), name="C")]


def normalize_rows():  # a reduction, then an elementwise output block (softmax-like)
    a = te.placeholder(i64(4, 8), "float32", name="A")
    k = te.reduce_axis(i64(0, 8), name="k")
    s = te.compute(i64(4), lambda i: te.sum(a[i, k], axis=k), name="S")
    return [a, te.compute(a.shape, lambda i, j: a[i, j] / s[i], name="B")]


@pytest.mark.parametrize("make, kind", [
    (elementwise, ELEMWISE), (broadcast, BROADCAST), (bias_add, ELEMWISE), (transpose, INJECTIVE),
    (row_sum, COMM_REDUCE), (matmul, OUT_EWISE_FUSABLE), (normalize_rows, OUT_EWISE_FUSABLE),
])
def test_pattern_of_each_kernel(make, kind):
    mod = ir.IRModule({"f": te.create_prim_func(make())})
    out = relax.transform.AnnotateTIROpPattern()(mod)
    assert int(out["f"].attrs["op_pattern"]) == kind


def test_existing_patterns_are_kept():
    func = te.create_prim_func(transpose()).with_attr("op_pattern", ELEMWISE)
    mod = ir.IRModule({"f": func})
    assert relax.transform.AnnotateTIROpPattern()(mod)["f"].same_as(func)
