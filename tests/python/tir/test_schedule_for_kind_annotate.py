"""parallel, vectorize, unroll, annotate and unannotate: before/after scripts and illegal cases."""

import pytest

from tessel import ir
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


def assert_unchanged_on_error(sch: Schedule, call, match: str):
    """The primitive raises ScheduleError matching `match` and changes nothing."""
    before, trace_len = sch.mod["main"], len(sch.trace.insts)
    with pytest.raises(ScheduleError, match=match):
        call()
    assert sch.mod["main"].same_as(before)
    assert len(sch.trace.insts) == trace_len


def test_parallel_vectorize_unroll_set_loop_kinds():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                 C: T.Buffer((128, 128), "float32")):
        for i in T.parallel(128):
            for j in T.vectorized(128):
                for k in T.unroll(128):
                    with T.block("C"):
                        vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                        T.reads(A[vi, vk], B[vk, vj])
                        T.writes(C[vi, vj])
                        with T.init():
                            C[vi, vj] = T.float32(0.0)
                        C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]

    sch = Schedule(matmul)
    i, j, k = sch.get_loops(sch.get_block("C"))
    sch.parallel(i)
    sch.vectorize(j)
    sch.unroll(k)
    ir.assert_structural_equal(sch.mod["main"], expected)
    # The loops keep their variables, so the random variables still resolve.
    assert sch.get(i).loop_var.same_as(matmul.body.loop_var)


def test_reduction_loop_cannot_be_parallel_or_vectorized():
    sch = Schedule(matmul)
    _, _, k = sch.get_loops(sch.get_block("C"))
    message = (r'block "C" binds its reduction variable vk to loop k; only spatial variables '
               r"may be bound to a {} loop")
    assert_unchanged_on_error(sch, lambda: sch.parallel(k), "parallel: " + message.format("parallel"))
    assert_unchanged_on_error(sch, lambda: sch.vectorize(k), "vectorize: " + message.format("vectorize"))


def test_vectorize_needs_a_constant_extent():
    @T.prim_func
    def scale(a: T.handle, b: T.handle):
        n = T.int32()
        A = T.match_buffer(a, (n,), "float32")
        B = T.match_buffer(b, (n,), "float32")
        for i in range(n):
            with T.block("B"):
                vi = T.axis.spatial(n, i)
                B[vi] = A[vi]

    sch = Schedule(scale)
    (i,) = sch.get_loops(sch.get_block("B"))
    assert_unchanged_on_error(sch, lambda: sch.vectorize(i),
                              "vectorize: loop i has a symbolic extent; vectorize needs a constant one")
    sch.parallel(i)


def test_annotate_and_unannotate_block_and_loop():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                 C: T.Buffer((128, 128), "float32")):
        for i, j in T.grid(128, 128):
            for k in T.serial(128, annotations={"pragma_unroll_explicit": 1}):
                with T.block("C"):
                    vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                    T.reads(A[vi, vk], B[vk, vj])
                    T.writes(C[vi, vj])
                    T.block_attr({"meta_schedule.tiling_structure": "SSRSRS"})
                    with T.init():
                        C[vi, vj] = T.float32(0.0)
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]

    sch = Schedule(matmul)
    block = sch.get_block("C")
    _, _, k = sch.get_loops(block)
    sch.annotate(block, "meta_schedule.tiling_structure", "SSRSRS")
    sch.annotate(k, "pragma_unroll_explicit", 1)
    sch.annotate(k, "to_remove", 2.5)
    sch.unannotate(k, "to_remove")
    ir.assert_structural_equal(sch.mod["main"], expected)
    assert sch.get(block).annotations == {"meta_schedule.tiling_structure": "SSRSRS"}


def test_annotate_with_a_sampled_value():
    sch = Schedule(matmul, seed=3)
    block = sch.get_block("C")
    v = sch.sample_categorical([16, 64], [0.5, 0.5], decision=1)
    sch.annotate(block, "unroll", v)
    assert sch.get(block).annotations["unroll"].value == 64


def test_unannotate_missing_key_and_wrong_target():
    sch = Schedule(matmul)
    block = sch.get_block("C")
    assert_unchanged_on_error(sch, lambda: sch.unannotate(block, "nothing"),
                              'unannotate: block "C" has no annotation "nothing"')
    assert_unchanged_on_error(sch, lambda: sch.annotate(3, "k", 1),
                              "annotate: expected a BlockRV or LoopRV, found a int")
