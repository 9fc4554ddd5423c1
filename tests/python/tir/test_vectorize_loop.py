"""VectorizeLoop: vectorized loops become Ramp/Broadcast vector code, or serial loops."""

import os
import sys

from tessel import ir, tir
from tessel.script import tir as T

sys.path.insert(0, os.path.dirname(__file__))
from lowering_testing import apply, assert_same_results  # noqa: E402

vectorize = tir.transform.VectorizeLoop()


def test_elementwise_loop_becomes_vector_code():
    @T.prim_func
    def before(A: T.Buffer((32,), "float32"), B: T.Buffer((32,), "float32")):
        for i in range(4):
            for j in T.vectorized(8):
                B[i * 8 + j] = A[i * 8 + j] * T.float32(2.0) + T.exp(A[i * 8 + j])

    @T.prim_func
    def expected(A: T.Buffer((32,), "float32"), B: T.Buffer((32,), "float32")):
        for i in range(4):
            B[T.Ramp(i * 8 + 0, 1, 8)] = \
                A[T.Ramp(i * 8 + 0, 1, 8)] * T.Broadcast(T.float32(2.0), 8) + \
                T.exp(A[T.Ramp(i * 8 + 0, 1, 8)])

    after = apply(vectorize, before)
    ir.assert_structural_equal(after, expected)
    assert_same_results(before, after)


def test_select_cast_let_and_invariant_condition_vectorize():
    @T.prim_func
    def before(A: T.Buffer((16,), "float32"), B: T.Buffer((16,), "float32"), n: T.int32):
        y = T.float32()
        for i in range(2):
            for j in T.vectorized(2, 10):
                if n > 3:
                    x: T.float32 = A[i * 8 + j - 2] + T.Cast("float32", j)
                    B[i * 8 + j - 2] = T.Select(x > T.float32(0.0), x, T.Let(y * y, where={y: x}))

    after = apply(vectorize, before)
    store = after.body.body.then_case.body
    assert isinstance(store, tir.BufferStore) and isinstance(store.indices[0], tir.Ramp)
    assert str(after.body.body.then_case.var.dtype) == "float32x8"
    assert_same_results(before, after, sizes={"n": 4})


def test_reduction_into_one_address_stays_serial():
    @T.prim_func
    def before(A: T.Buffer((8,), "float32"), S: T.Buffer((1,), "float32")):
        for j in T.vectorized(8):
            S[0] = S[0] + A[j]

    @T.prim_func
    def expected(A: T.Buffer((8,), "float32"), S: T.Buffer((1,), "float32")):
        for j in T.serial(8):
            S[0] = S[0] + A[j]

    after = apply(vectorize, before)
    ir.assert_structural_equal(after, expected)
    assert_same_results(before, after)


def test_lane_dependent_condition_inner_loop_and_symbolic_extent_stay_serial():
    @T.prim_func
    def before(A: T.Buffer((8, 4), "float32"), B: T.Buffer((8, 4), "float32"), n: T.int32):
        for j in T.vectorized(8):
            if j < 5:
                B[j, 0] = A[j, 0]
        for j in T.vectorized(8):
            for k in range(4):
                B[j, k] = A[j, k] + B[j, k]
        for j in T.vectorized(n):
            B[j, 1] = A[j, 1]

    @T.prim_func
    def expected(A: T.Buffer((8, 4), "float32"), B: T.Buffer((8, 4), "float32"), n: T.int32):
        for j in T.serial(8):
            if j < 5:
                B[j, 0] = A[j, 0]
        for j in T.serial(8):
            for k in range(4):
                B[j, k] = A[j, k] + B[j, k]
        for j in T.serial(n):
            B[j, 1] = A[j, 1]

    after = apply(vectorize, before)
    ir.assert_structural_equal(after, expected)
    assert_same_results(before, after, sizes={"n": 8})


def test_inner_vectorized_loop_under_a_serial_fallback():
    @T.prim_func
    def before(A: T.Buffer((4, 4), "float32"), B: T.Buffer((4, 4), "float32")):
        for i in T.vectorized(4):
            for j in T.vectorized(4):
                B[i, j] = A[j, i]

    @T.prim_func
    def expected(A: T.Buffer((4, 4), "float32"), B: T.Buffer((4, 4), "float32")):
        for i in T.serial(4):
            B[i, T.Ramp(0, 1, 4)] = A[T.Ramp(0, 1, 4), i]

    after = apply(vectorize, before)
    ir.assert_structural_equal(after, expected)
    assert_same_results(before, after)
