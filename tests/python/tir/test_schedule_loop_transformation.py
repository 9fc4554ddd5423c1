"""split, fuse and reorder: before/after scripts compared structurally, and every illegal case."""

import pytest

from tessel import ir, tir
from tessel.error import ScheduleError
from tessel.script import tir as T
from tessel.tir import Schedule


@T.prim_func
def matmul(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
           C: T.Buffer((128, 128), "float32")):
    for i, j, k in T.grid(128, 128, 128):
        with T.block("C"):
            vi, vj, vk = T.axis.remap("SSR", [i, j, k])
            T.reads(A[vi, vk], B[vk, vj])
            T.writes(C[vi, vj])
            with T.init():
                C[vi, vj] = T.float32(0.0)
            C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]


@T.prim_func
def elementwise(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32")):
    for i, j in T.grid(128, 128):
        with T.block("B"):
            vi, vj = T.axis.remap("SS", [i, j])
            T.reads(A[vi, vj])
            T.writes(B[vi, vj])
            B[vi, vj] = A[vi, vj] * T.float32(2.0)


def check(sch: Schedule, expected: tir.PrimFunc):
    ir.assert_structural_equal(sch.mod["main"], expected)


def assert_unchanged_on_error(sch: Schedule, call, match: str):
    """The primitive raises ScheduleError matching `match` and changes nothing."""
    before, trace_len = sch.mod["main"], len(sch.trace.insts)
    with pytest.raises(ScheduleError, match=match):
        call()
    assert sch.mod["main"].same_as(before)
    assert len(sch.trace.insts) == trace_len


def test_split_matmul_outer_loop():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                 C: T.Buffer((128, 128), "float32")):
        for i_0, i_1, j, k in T.grid(4, 32, 128, 128):
            with T.block("C"):
                vi = T.axis.spatial(128, i_0 * 32 + i_1)
                vj = T.axis.spatial(128, j)
                vk = T.axis.reduce(128, k)
                T.reads(A[vi, vk], B[vk, vj])
                T.writes(C[vi, vj])
                with T.init():
                    C[vi, vj] = T.float32(0.0)
                C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]

    sch = Schedule(matmul)
    i, _, _ = sch.get_loops(sch.get_block("C"))
    i_0, i_1 = sch.split(i, factors=[None, 32])
    check(sch, expected)
    assert sch.get(i_0).extent.value == 4 and sch.get(i_1).extent.value == 32


def test_split_three_factors_and_all_given():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32")):
        for i, j_0, j_1, j_2 in T.grid(128, 2, 4, 16):
            with T.block("B"):
                vi = T.axis.spatial(128, i)
                vj = T.axis.spatial(128, (j_0 * 4 + j_1) * 16 + j_2)
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = A[vi, vj] * T.float32(2.0)

    sch = Schedule(elementwise)
    _, j = sch.get_loops(sch.get_block("B"))
    sch.split(j, [2, 4, 16])
    check(sch, expected)


def test_non_divisible_split_adds_predicate():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32")):
        for i, j_0, j_1 in T.grid(128, 26, 5):
            with T.block("B"):
                vi = T.axis.spatial(128, i)
                vj = T.axis.spatial(128, j_0 * 5 + j_1)
                T.where(j_0 * 5 + j_1 < 128)
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = A[vi, vj] * T.float32(2.0)

    sch = Schedule(elementwise)
    _, j = sch.get_loops(sch.get_block("B"))
    sch.split(j, [None, 5])
    check(sch, expected)


def test_split_without_unit_iters():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32")):
        for i_0, i_1, j in T.grid(1, 128, 128):
            with T.block("B"):
                vi = T.axis.spatial(128, i_1)
                vj = T.axis.spatial(128, j)
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = A[vi, vj] * T.float32(2.0)

    sch = Schedule(elementwise)
    i, _ = sch.get_loops(sch.get_block("B"))
    sch.split(i, [1, 128], preserve_unit_iters=False)
    check(sch, expected)


def test_split_errors_leave_the_schedule_unchanged():
    sch = Schedule(elementwise)
    i, _ = sch.get_loops(sch.get_block("B"))
    assert_unchanged_on_error(sch, lambda: sch.split(i, [0, 128]),
                              r"split: loop i: factor 0 is 0; factors must be positive")
    assert_unchanged_on_error(sch, lambda: sch.split(i, [-4, 32]), "factors must be positive")
    assert_unchanged_on_error(sch, lambda: sch.split(i, [None, None]),
                              "factors 0 and 1 are both None")
    assert_unchanged_on_error(sch, lambda: sch.split(i, [4, 16]),
                              "the factors' product 64 does not cover the extent 128")

    @T.prim_func
    def offset(A: T.Buffer((16,), "float32")):
        for i in T.serial(2, 16):
            with T.block("A"):
                vi = T.axis.spatial(16, i)
                A[vi] = T.float32(0.0)

    sch = Schedule(offset)
    (i,) = sch.get_loops(sch.get_block("A"))
    assert_unchanged_on_error(sch, lambda: sch.split(i, [None, 2]),
                              "split: loop i starts at 2; split needs loops that start at 0")


def test_split_of_a_replaced_loop_is_an_error():
    sch = Schedule(elementwise)
    i, _ = sch.get_loops(sch.get_block("B"))
    sch.split(i, [None, 2])
    assert_unchanged_on_error(sch, lambda: sch.split(i, [None, 2]), "loop i no longer exists")


def test_fuse_two_loops():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32")):
        for i_j_fused in range(16384):
            with T.block("B"):
                vi = T.axis.spatial(128, i_j_fused // 128)
                vj = T.axis.spatial(128, i_j_fused % 128)
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = A[vi, vj] * T.float32(2.0)

    sch = Schedule(elementwise)
    i, j = sch.get_loops(sch.get_block("B"))
    fused = sch.fuse(i, j)
    check(sch, expected)
    assert sch.get(fused).loop_var.name_hint == "i_j_fused"


def test_fuse_three_loops():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                 C: T.Buffer((128, 128), "float32")):
        for i_j_k_fused in range(2097152):
            with T.block("C"):
                vi = T.axis.spatial(128, i_j_k_fused // 16384)
                vj = T.axis.spatial(128, i_j_k_fused // 128 % 128)
                vk = T.axis.reduce(128, i_j_k_fused % 128)
                T.reads(A[vi, vk], B[vk, vj])
                T.writes(C[vi, vj])
                with T.init():
                    C[vi, vj] = T.float32(0.0)
                C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]

    sch = Schedule(matmul)
    sch.fuse(*sch.get_loops(sch.get_block("C")))
    check(sch, expected)


def test_split_then_fuse_back():
    sch = Schedule(elementwise)
    i, _ = sch.get_loops(sch.get_block("B"))
    i_0, i_1 = sch.split(i, [8, 16])
    sch.fuse(i_0, i_1)
    loop = sch.mod["main"].body
    assert loop.extent.value == 128


@T.prim_func
def two_nests(A: T.Buffer((16, 16), "float32"), B: T.Buffer((16, 16), "float32")):
    for i in range(16):
        for j in range(16):
            with T.block("A"):
                vi, vj = T.axis.remap("SS", [i, j])
                A[vi, vj] = T.float32(1.0)
        for k in range(16):
            with T.block("B"):
                vi, vk = T.axis.remap("SS", [i, k])
                B[vi, vk] = A[vi, vk]


def test_fuse_errors():
    sch = Schedule(two_nests)
    i, j = sch.get_loops(sch.get_block("A"))
    _, k = sch.get_loops(sch.get_block("B"))
    assert_unchanged_on_error(sch, lambda: sch.fuse(i, k),
                              "fuse: loop k is not the whole body of loop i; fuse needs a chain "
                              "of directly nested loops")
    assert_unchanged_on_error(sch, lambda: sch.fuse(j, i), "loop i is not the whole body of loop j")


def test_reorder_matmul():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                 C: T.Buffer((128, 128), "float32")):
        for k, j, i in T.grid(128, 128, 128):
            with T.block("C"):
                vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                T.reads(A[vi, vk], B[vk, vj])
                T.writes(C[vi, vj])
                with T.init():
                    C[vi, vj] = T.float32(0.0)
                C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]

    sch = Schedule(matmul)
    i, j, k = sch.get_loops(sch.get_block("C"))
    sch.reorder(k, i)
    check(sch, expected)
    assert [sch.get(l).loop_var.name_hint for l in sch.get_loops(sch.get_block("C"))] == ["k", "j", "i"]


def test_tile_matmul_split_and_reorder():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                 C: T.Buffer((128, 128), "float32")):
        for i_0, j_0, k, i_1, j_1 in T.grid(4, 8, 128, 32, 16):
            with T.block("C"):
                vi = T.axis.spatial(128, i_0 * 32 + i_1)
                vj = T.axis.spatial(128, j_0 * 16 + j_1)
                vk = T.axis.reduce(128, k)
                T.reads(A[vi, vk], B[vk, vj])
                T.writes(C[vi, vj])
                with T.init():
                    C[vi, vj] = T.float32(0.0)
                C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]

    sch = Schedule(matmul)
    i, j, k = sch.get_loops(sch.get_block("C"))
    i_0, i_1 = sch.split(i, [None, 32])
    j_0, j_1 = sch.split(j, [None, 16])
    sch.reorder(i_0, j_0, k, i_1, j_1)
    check(sch, expected)


def test_reorder_errors():
    sch = Schedule(two_nests)
    i, j = sch.get_loops(sch.get_block("A"))
    _, k = sch.get_loops(sch.get_block("B"))
    assert_unchanged_on_error(sch, lambda: sch.reorder(j, k),
                              "reorder: loop k and loop j are not in one loop nest chain")
    assert_unchanged_on_error(sch, lambda: sch.reorder(k, i),
                              "reorder: a tir.SeqStmt stands between loop i and loop k; the loops must "
                              "form a single chain")
    assert_unchanged_on_error(sch, lambda: sch.reorder(i, i), "loop i is given twice")

    @T.prim_func
    def non_affine(A: T.Buffer((256,), "float32")):
        for i, j in T.grid(16, 16):
            with T.block("A"):
                vi = T.axis.spatial(256, i * j)
                A[vi] = T.float32(1.0)

    sch = Schedule(non_affine)
    i, j = sch.get_loops(sch.get_block("A"))
    assert_unchanged_on_error(sch, lambda: sch.reorder(j, i),
                              r'reorder: block "A" binds vi to i \* j, which is not affine in the loops')


def test_reorder_accepts_fused_bindings():
    sch = Schedule(matmul)
    i, j, k = sch.get_loops(sch.get_block("C"))
    ij = sch.fuse(i, j)
    sch.reorder(k, ij)
    assert sch.get(sch.get_loops(sch.get_block("C"))[0]).loop_var.name_hint == "k"


def test_reorder_keeps_the_predicate_of_non_divisible_splits():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32")):
        for i_0, j_0, i_1, j_1 in T.grid(26, 43, 5, 3):
            with T.block("B"):
                vi = T.axis.spatial(128, i_0 * 5 + i_1)
                vj = T.axis.spatial(128, j_0 * 3 + j_1)
                T.where(i_0 * 5 + i_1 < 128 and j_0 * 3 + j_1 < 128)
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = A[vi, vj] * T.float32(2.0)

    sch = Schedule(elementwise)
    i, j = sch.get_loops(sch.get_block("B"))
    i_0, i_1 = sch.split(i, [None, 5])
    j_0, j_1 = sch.split(j, [None, 3])
    sch.reorder(i_0, j_0, i_1, j_1)
    check(sch, expected)
