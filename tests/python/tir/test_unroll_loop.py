"""UnrollLoop: unrolled loops of constant extent are replicated, others become serial."""

import os
import sys

from tessel import ir, tir
from tessel.script import tir as T

sys.path.insert(0, os.path.dirname(__file__))
from lowering_testing import apply, assert_same_results  # noqa: E402

unroll = tir.transform.UnrollLoop()


def test_body_is_replicated_with_the_variable_replaced():
    @T.prim_func
    def before(A: T.Buffer((8,), "float32"), B: T.Buffer((8,), "float32")):
        for i in T.unroll(2, 5):
            B[i] = A[i] + T.float32(1.0)

    @T.prim_func
    def expected(A: T.Buffer((8,), "float32"), B: T.Buffer((8,), "float32")):
        B[2] = A[2] + T.float32(1.0)
        B[3] = A[3] + T.float32(1.0)
        B[4] = A[4] + T.float32(1.0)

    after = apply(unroll, before)
    ir.assert_structural_equal(after, expected)
    assert_same_results(before, after)


def test_every_copy_defines_its_own_variables_and_buffers():
    @T.prim_func
    def before(A: T.Buffer((2, 4), "float32"), B: T.Buffer((2, 4), "float32")):
        for i in T.unroll(2):
            tmp = T.decl_buffer((4,), "float32")
            for j in range(4):
                tmp[j] = A[i, j]
            for j in range(4):
                x: T.float32 = tmp[3 - j]
                B[i, j] = x

    @T.prim_func
    def expected(A: T.Buffer((2, 4), "float32"), B: T.Buffer((2, 4), "float32")):
        with T.decl_buffer((4,), "float32") as tmp:
            for j in range(4):
                tmp[j] = A[0, j]
            for j in range(4):
                x: T.float32 = tmp[3 - j]
                B[0, j] = x
        tmp_1 = T.decl_buffer((4,), "float32")
        for j in range(4):
            tmp_1[j] = A[1, j]
        for j in range(4):
            x: T.float32 = tmp_1[3 - j]
            B[1, j] = x

    after = apply(unroll, before)
    ir.assert_structural_equal(after, expected)
    assert_same_results(before, after)


def test_symbolic_extent_becomes_serial_and_nested_unrolls_compose():
    @T.prim_func
    def before(A: T.Buffer((16,), "float32"), n: T.int32):
        for i in T.unroll(n):
            for j in T.unroll(2):
                A[i * 2 + j] = A[i * 2 + j] * T.float32(2.0)

    @T.prim_func
    def expected(A: T.Buffer((16,), "float32"), n: T.int32):
        for i in T.serial(n):
            A[i * 2 + 0] = A[i * 2 + 0] * T.float32(2.0)
            A[i * 2 + 1] = A[i * 2 + 1] * T.float32(2.0)

    after = apply(unroll, before)
    ir.assert_structural_equal(after, expected)
    assert_same_results(before, after, sizes={"n": 8})
