"""LowerParallelLoops: outermost parallel loops become "parallel_launch" regions."""

import os
import sys

from tessel import ir, tir
from tessel.script import tir as T
from tessel.testing import assert_roundtrip

sys.path.insert(0, os.path.dirname(__file__))
from lowering_testing import apply, assert_same_results  # noqa: E402

lower = tir.transform.LowerParallelLoops()


@T.prim_func
def scale(A: T.Buffer((10, 4), "float32"), B: T.Buffer((10, 4), "float32")):
    for i in T.parallel(10):
        for j in T.parallel(4):
            B[i, j] = A[i, j] * T.float32(2.0)


def test_outer_loop_is_chunked_over_tasks_and_inner_ones_become_serial():
    @T.prim_func
    def expected(A: T.Buffer((10, 4), "float32"), B: T.Buffer((10, 4), "float32")):
        task_id = T.int32()
        num_tasks = T.int32()
        with T.attr([task_id, num_tasks], "parallel_launch", 0):
            chunk: T.int32 = (T.int32(10) + num_tasks - 1) // num_tasks
            begin: T.int32 = T.min(task_id * chunk, 10)
            for i in T.serial(begin, begin + (T.min(begin + chunk, 10) - begin)):
                for j in T.serial(4):
                    B[i, j] = A[i, j] * T.float32(2.0)

    after = apply(lower, scale)
    ir.assert_structural_equal(after, expected)
    assert_roundtrip(after)
    # More tasks than iterations leaves some tasks without work.
    assert_same_results(scale, after, task_counts=(1, 2, 3, 4, 7, 16))


def test_symbolic_extent_nonzero_min_and_int64_loop():
    @T.prim_func
    def before(var_A: T.handle, n: T.int32):
        m = T.int64()
        A = T.match_buffer(var_A, (m,), "float32")
        for i in T.parallel(T.int64(1), m):
            A[i] = A[i - T.int64(1)] * T.float32(0.0) + T.Cast("float32", i)
        for i in T.parallel(n):
            A[T.Cast("int64", i)] = A[T.Cast("int64", i)] + T.float32(1.0)

    after = apply(lower, before)
    first = after.body.seq[0]
    assert first.attr_key == "parallel_launch" and str(first.body.var.dtype) == "int64"
    assert_same_results(before, after, sizes={"m": 13, "n": 9}, task_counts=(1, 3, 4, 20))


def test_pass_is_idempotent_on_lowered_code():
    after = apply(lower, scale)
    assert apply(lower, after).same_as(after)
