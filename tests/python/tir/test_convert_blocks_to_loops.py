"""ConvertBlocksToLoops: blocks become the loop code they stand for."""

import os
import sys

from tessel import ir, tir
from tessel.script import tir as T

sys.path.insert(0, os.path.dirname(__file__))
from lowering_testing import apply, assert_same_results  # noqa: E402

convert = tir.transform.ConvertBlocksToLoops()


@T.prim_func
def matmul(A: T.Buffer((16, 16), "float32"), B: T.Buffer((16, 16), "float32"),
           C: T.Buffer((16, 16), "float32")):
    for i, j, k in T.grid(16, 16, 16):
        with T.block("C"):
            vi, vj, vk = T.axis.remap("SSR", [i, j, k])
            T.reads(A[vi, vk], B[vk, vj])
            T.writes(C[vi, vj])
            with T.init():
                C[vi, vj] = T.float32(0.0)
            C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]


def test_reduction_init_runs_at_the_first_reduction_iteration():
    @T.prim_func
    def expected(A: T.Buffer((16, 16), "float32"), B: T.Buffer((16, 16), "float32"),
                 C: T.Buffer((16, 16), "float32")):
        for i, j, k in T.grid(16, 16, 16):
            if k == 0:
                C[i, j] = T.float32(0.0)
            C[i, j] = C[i, j] + A[i, k] * B[k, j]

    after = apply(convert, matmul)
    ir.assert_structural_equal(after, expected)
    assert_same_results(matmul, after)


@T.prim_func
def padded(A: T.Buffer((64,), "float32"), B: T.Buffer((64,), "float32")):
    for io, ii in T.grid(9, 8):
        with T.block("B"):
            v = T.axis.spatial(64, io * 8 + ii)
            T.where(io * 8 + ii < 64)
            T.reads(A[v])
            T.writes(B[v])
            tmp = T.alloc_buffer((1,), "float32")
            tmp[0] = A[v]
            B[v] = tmp[0] * T.float32(2.0)


def test_predicate_becomes_if_and_alloc_buffer_becomes_allocate():
    @T.prim_func
    def expected(A: T.Buffer((64,), "float32"), B: T.Buffer((64,), "float32")):
        for io, ii in T.grid(9, 8):
            if io * 8 + ii < 64:
                tmp = T.decl_buffer((1,), "float32")
                tmp[0] = A[io * 8 + ii]
                B[io * 8 + ii] = tmp[0] * T.float32(2.0)

    after = apply(convert, padded)
    ir.assert_structural_equal(after, expected)
    assert_same_results(padded, after)


@T.prim_func
def two_reductions(A: T.Buffer((4, 6), "float32"), S: T.Buffer((2,), "float32")):
    with T.block("root"):
        T.reads()
        T.writes()
        rows = T.alloc_buffer((4,), "float32")
        for i, k in T.grid(4, 6):
            with T.block("rows"):
                vi = T.axis.spatial(4, i)
                vk = T.axis.reduce((1, 7), k + 1)
                T.reads(A[vi, vk - 1])
                T.writes(rows[vi])
                with T.init():
                    rows[vi] = T.float32(0.0)
                rows[vi] = rows[vi] + A[vi, vk - 1]
        for h, r, q in T.grid(2, 2, 1):
            with T.block("pairs"):
                vh, vr, vq = T.axis.remap("SRR", [h, r, q])
                T.reads(rows[vh * 2 + vr])
                T.writes(S[vh])
                with T.init():
                    S[vh] = T.float32(1.0)
                S[vh] = S[vh] * rows[vh * 2 + vr]


def test_root_block_disappears_and_init_tests_every_reduction_variable():
    @T.prim_func
    def expected(A: T.Buffer((4, 6), "float32"), S: T.Buffer((2,), "float32")):
        rows = T.decl_buffer((4,), "float32")
        for i, k in T.grid(4, 6):
            if k + 1 == 1:
                rows[i] = T.float32(0.0)
            rows[i] = rows[i] + A[i, k + 1 - 1]
        for h, r, q in T.grid(2, 2, 1):
            if r == 0 and q == 0:
                S[h] = T.float32(1.0)
            S[h] = S[h] * rows[h * 2 + r]

    after = apply(convert, two_reductions)
    ir.assert_structural_equal(after, expected)
    assert_same_results(two_reductions, after)


def test_functions_without_blocks_are_shared():
    @T.prim_func
    def plain(A: T.Buffer((4,), "float32")):
        for i in range(4):
            A[i] = T.float32(0.0)

    assert apply(convert, plain).same_as(plain)
