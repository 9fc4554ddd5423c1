"""The te graph itself: tensors, operations and their fields."""

from tessel import ir, te, tir


def test_placeholder_and_compute_fields():
    n = te.var("n")
    A = te.placeholder((n, 3), "float16", name="A")
    assert A.name == "A" and A.ndim == 2 and A.dtype == "float16"
    assert A.shape[0].same_as(n)
    assert isinstance(A.op, te.PlaceholderOp)
    B = te.compute((n, 3), lambda row, col: A[row, col] * 2.0, name="B", tag="elemwise")
    assert isinstance(B.op, te.ComputeOp)
    assert B.op.tag == "elemwise" and B.dtype == "float16"
    assert [iv.var.name_hint for iv in B.op.axis] == ["row", "col"]
    assert [t.name for t in B.op.input_tensors] == ["A"]
    load = B.op.body[0].a
    assert isinstance(load, te.ProducerLoad) and load.producer.op.same_as(A.op)


def test_call_syntax_zero_dim_and_varargs():
    A = te.placeholder((), "int32", name="A")
    B = te.compute((4, 4), lambda *idx: A() + idx[0] * idx[1], name="B")
    assert [iv.var.name_hint for iv in B.op.axis] == ["i0", "i1"]
    C = te.compute((), lambda: A[()] + 1, name="C")
    func = te.create_prim_func([A, B, C])
    assert len(func.body.seq) == 2


def test_reduction_fields_and_identities():
    A = te.placeholder((4, 5), "int8", name="A")
    k = te.reduce_axis((0, 5), name="k")
    B = te.compute((4,), lambda i: te.min(A[i, k], axis=k), name="B")
    assert isinstance(B.op.body[0], te.Reduce)
    assert B.op.reduce_axis[0].same_as(k)
    assert B.op.body[0].combiner.identity_element[0].value == 127
    assert te.min_value("int8").value == -128
    assert te.max_value("float16").value == 65504.0
    assert te.min_value("uint8").value == 0
    p = te.compute((4,), lambda i: te.prod(A[i, k], axis=k), name="P")
    assert p.op.body[0].combiner.identity_element[0].value == 1


def test_symbolic_reduce_domain():
    n = te.var("n")
    A = te.placeholder((n,), name="A")
    k = te.reduce_axis((0, n), name="k")
    assert k.dom.extent.same_as(n)
    B = te.compute((1,), lambda i: te.sum(A[k], axis=k), name="B")
    func = te.create_prim_func([A, B])
    ir.assert_structural_equal(func.body.body.body.block.iter_vars[1].dom.extent, n)


def test_reduce_axes_in_expressions_and_readable_bodies():
    A = te.placeholder((8, 8), name="A")
    k = te.reduce_axis((0, 8), name="k")
    B = te.compute((8,), lambda i: te.sum(A[i, k * 1], axis=k, where=k < i), name="B")
    assert repr(B.op.body[0]).splitlines()[-1] == "te.sum(A[i, k * 1], axis=[k], where=k < i)"
    assert repr(A[0, k]).splitlines()[-1] == "A[0, k]"


def test_tensors_of_one_operation_are_equal():
    A = te.placeholder((4,), name="A")
    B = te.compute((4,), lambda i: A[i] + A[3 - i], name="B")
    (read,) = B.op.input_tensors
    assert read == A and not read != A and hash(read) == hash(A) and read != B
    assert A.op.output() == A and {A: 1}[read] == 1


def test_tuple_reduction_values_print_with_their_index():
    argmax = te.comm_reducer(
        lambda x, y: (tir.Select(x[1] >= y[1], x[0], y[0]), tir.max(x[1], y[1])),
        lambda t0, t1: (tir.const(-1, t0), te.min_value(t1)), name="argmax")
    A = te.placeholder((4, 8), name="A")
    k = te.reduce_axis((0, 8), name="k")
    index, value = te.compute((4,), lambda i: argmax((k, A[i, k]), axis=k), name="R")
    assert index.op.num_outputs == 2 and value.value_index == 1
    assert repr(value.op.body[1]).splitlines()[-1] == "te.argmax((k, A[i, k]), axis=[k])[1]"
    assert index == index.op.output(0) and index != value
