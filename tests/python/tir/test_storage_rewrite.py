"""StorageRewrite: allocations move to the top of their scope and share storage."""

import os
import sys

from tessel import ir, tir
from tessel.script import tir as T

sys.path.insert(0, os.path.dirname(__file__))
from lowering_testing import apply, assert_same_results  # noqa: E402

rewrite = tir.transform.StorageRewrite()


def test_hoisting_and_sharing_of_disjoint_lifetimes():
    @T.prim_func
    def before(A: T.Buffer((8,), "float32"), B: T.Buffer((8,), "float32")):
        with T.decl_buffer((8,), "float32") as X:
            for i in range(8):
                X[i] = A[i] + T.float32(1.0)
            for i in range(8):
                B[i] = X[i]
        Y = T.decl_buffer((4,), "float32")
        for i in range(4):
            tmp = T.decl_buffer((1,), "float32")
            tmp[0] = B[i] * T.float32(2.0)
            Y[i] = tmp[0]
        for i in range(4):
            B[i + 4] = Y[i]

    @T.prim_func
    def expected(A: T.Buffer((8,), "float32"), B: T.Buffer((8,), "float32")):
        X = T.decl_buffer((8,), "float32")
        Y = T.decl_buffer((4,), "float32")
        for i in range(8):
            X[i] = A[i] + T.float32(1.0)
        for i in range(8):
            B[i] = X[i]
        for i in range(4):
            X[0] = B[i] * T.float32(2.0)
            Y[i] = X[0]
        for i in range(4):
            B[i + 4] = Y[i]

    after = apply(rewrite, before)
    ir.assert_structural_equal(after, expected)
    assert_same_results(before, after)


def test_values_carried_across_loop_iterations_are_not_clobbered():
    @T.prim_func
    def before(A: T.Buffer((8,), "float32"), B: T.Buffer((8,), "float32")):
        acc = T.decl_buffer((1,), "float32")
        acc[0] = T.float32(0.0)
        for i in range(8):
            tmp = T.decl_buffer((1,), "float32")
            tmp[0] = A[i] * A[i]
            acc[0] = acc[0] + tmp[0]
            B[i] = acc[0]

    after = apply(rewrite, before)
    assert isinstance(after.body, tir.Allocate) and isinstance(after.body.body, tir.Allocate)
    assert_same_results(before, after)


def test_allocations_stay_inside_their_parallel_region_and_symbolic_ones_stay_put():
    @T.prim_func
    def before(A: T.Buffer((12,), "float32"), n: T.int32):
        task_id = T.int32()
        num_tasks = T.int32()
        with T.attr([task_id, num_tasks], "parallel_launch", 0):
            chunk: T.int32 = (T.int32(12) + num_tasks - 1) // num_tasks
            begin: T.int32 = T.min(task_id * chunk, 12)
            for i in T.serial(begin, begin + (T.min(begin + chunk, 12) - begin)):
                tmp = T.decl_buffer((2,), "float32")
                tmp[0] = A[i]
                tmp[1] = tmp[0] * T.float32(3.0)
                A[i] = tmp[1]
        for j in range(2):
            sym = T.decl_buffer((n,), "float32")
            for k in range(n):
                sym[k] = A[k]
            A[j] = sym[n - 1 - j]

    after = apply(rewrite, before)
    region = after.body.seq[0]
    assert isinstance(region, tir.AttrStmt) and isinstance(region.body, tir.Allocate)
    assert isinstance(after.body.seq[1].body, tir.Allocate)
    assert_same_results(before, after, sizes={"n": 12})


def test_nothing_to_do_keeps_the_function():
    @T.prim_func
    def plain(A: T.Buffer((4,), "float32")):
        for i in range(4):
            A[i] = T.float32(0.0)

    assert apply(rewrite, plain).same_as(plain)
