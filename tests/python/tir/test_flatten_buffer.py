"""FlattenBuffer: every buffer access becomes a 1-D access of the same memory."""

import os
import sys

import pytest

from tessel import ir, tir
from tessel.error import InvalidArgumentError
from tessel.script import tir as T

sys.path.insert(0, os.path.dirname(__file__))
from lowering_testing import apply, assert_same_results, without_attrs  # noqa: E402

flatten = tir.transform.FlattenBuffer()


@T.prim_func
def matmul(A: T.Buffer((16, 8), "float32"), B: T.Buffer((8, 16), "float32"),
           C: T.Buffer((16, 16), "float32")):
    for i, j, k in T.grid(16, 16, 8):
        if k == 0:
            C[i, j] = T.float32(0.0)
        C[i, j] = C[i, j] + A[i, k] * B[k, j]


def test_row_major_offsets_and_param_buffers_attribute():
    @T.prim_func
    def expected(A: T.Buffer((128,), "float32"), B: T.Buffer((128,), "float32"),
                 C: T.Buffer((256,), "float32")):
        for i, j, k in T.grid(16, 16, 8):
            if k == 0:
                C[i * 16 + j] = T.float32(0.0)
            C[i * 16 + j] = C[i * 16 + j] + A[i * 8 + k] * B[k * 16 + j]

    after = apply(flatten, matmul)
    ir.assert_structural_equal(without_attrs(after), expected)
    originals = after.attrs.dict["tir.param_buffers"]
    for param in matmul.params:
        original = matmul.buffer_map[param]
        assert originals[param.name_hint].same_as(original)
        assert after.buffer_map[param].data.same_as(original.data)
    assert_same_results(matmul, after)


def test_vector_index_in_the_last_dimension_stays_a_ramp():
    @T.prim_func
    def before(A: T.Buffer((2, 3, 4), "float32"), B: T.Buffer((2, 3, 4), "float32")):
        for i, j in T.grid(2, 3):
            B[i, j, T.Ramp(0, 1, 4)] = A[i, j, T.Ramp(0, 1, 4)] + T.Broadcast(T.float32(1.0), 4)

    @T.prim_func
    def expected(A: T.Buffer((24,), "float32"), B: T.Buffer((24,), "float32")):
        for i, j in T.grid(2, 3):
            B[T.Ramp((i * 3 + j) * 4 + 0, 1, 4)] = \
                A[T.Ramp((i * 3 + j) * 4 + 0, 1, 4)] + T.Broadcast(T.float32(1.0), 4)

    after = apply(flatten, before)
    ir.assert_structural_equal(without_attrs(after), expected)
    assert_same_results(before, after)


def test_symbolic_shapes_and_allocations():
    @T.prim_func
    def before(var_A: T.handle, var_B: T.handle):
        n = T.int32()
        A = T.match_buffer(var_A, (n, 4), "float32")
        B = T.match_buffer(var_B, (n, 4), "float32")
        for i in range(n):
            tmp = T.decl_buffer((2, 4), "float32")
            for j in range(4):
                tmp[1, j] = A[i, j] * T.float32(3.0)
                B[i, j] = tmp[1, j]

    after = apply(flatten, before)
    body = after.body.body
    assert isinstance(body, tir.Allocate) and body.buffer.shape[0].value == 8
    b_flat = after.buffer_map[after.params[1]]
    assert isinstance(b_flat.shape[0], tir.Mul)
    assert_same_results(before, after, sizes={"n": 5})


def test_explicit_strides_of_an_allocation():
    @T.prim_func
    def before(A: T.Buffer((4, 4), "float32"), B: T.Buffer((4, 4), "float32")):
        tmp = T.decl_buffer((4, 4), "float32", strides=(1, 5))
        for i, j in T.grid(4, 4):
            tmp[i, j] = A[j, i]
        for i, j in T.grid(4, 4):
            B[i, j] = tmp[j, i]

    after = apply(flatten, before)
    assert after.body.buffer.shape[0].value == 1 + 3 * 1 + 3 * 5
    assert_same_results(before, after)


def test_non_compact_parameter_strides_are_rejected():
    @T.prim_func
    def strided(A: T.Buffer((4, 4), "float32", strides=(8, 1))):
        A[0, 0] = T.float32(0.0)

    with pytest.raises(InvalidArgumentError, match="A.*non-compact strides"):
        apply(flatten, strided)


def test_blocks_must_be_converted_first():
    @T.prim_func
    def blocked(A: T.Buffer((4,), "float32")):
        for i in range(4):
            with T.block("A"):
                v = T.axis.spatial(4, i)
                T.reads()
                T.writes(A[v])
                A[v] = T.float32(0.0)

    with pytest.raises(InvalidArgumentError, match="ConvertBlocksToLoops"):
        apply(flatten, blocked)
