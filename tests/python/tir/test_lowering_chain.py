"""The lowering passes in pipeline order: the result is in the lowered form and computes
what the scheduled function computes."""

import os
import sys

import pytest

from tessel import ir, tir, transform
from tessel.script import from_source
from tessel.script import tir as T

sys.path.insert(0, os.path.dirname(__file__))
from lowering_testing import apply, assert_lowered, assert_same_results  # noqa: E402

PASSES = ["ConvertBlocksToLoops", "FlattenBuffer", "VectorizeLoop", "UnrollLoop",
          "LowerParallelLoops", "StorageRewrite"]


def lower(func):
    """Every lowering pass in pipeline order (without Simplify), checking each step."""
    for name in PASSES:
        after = apply(getattr(tir.transform, name)(), func)
        yield name, func, after
        func = after


@T.prim_func
def matmul(A: T.Buffer((8, 8), "float32"), B: T.Buffer((8, 16), "float32"),
           C: T.Buffer((8, 16), "float32")):
    for i in T.parallel(8):
        for k in range(8):
            for jo in T.unroll(2):
                for ji in T.vectorized(8):
                    with T.block("C"):
                        vi = T.axis.spatial(8, i)
                        vj = T.axis.spatial(16, jo * 8 + ji)
                        vk = T.axis.reduce(8, k)
                        T.reads(A[vi, vk], B[vk, vj])
                        T.writes(C[vi, vj])
                        with T.init():
                            C[vi, vj] = T.float32(0.0)
                        C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]


@T.prim_func
def two_stage(A: T.Buffer((6, 8), "float32"), C: T.Buffer((6, 8), "float32")):
    with T.block("root"):
        T.reads()
        T.writes()
        Bt = T.alloc_buffer((6, 8), "float32")
        Dt = T.alloc_buffer((6, 8), "float32")
        for i in T.parallel(6):
            for j in T.vectorized(8):
                with T.block("B"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    T.reads(A[vi, vj])
                    T.writes(Bt[vi, vj])
                    Bt[vi, vj] = T.max(A[vi, vj], T.float32(0.0)) * T.float32(2.0)
        for i, j in T.grid(6, 8):
            with T.block("C"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(Bt[vi, vj])
                T.writes(C[vi, vj])
                C[vi, vj] = T.exp(Bt[vi, vj] * T.float32(0.1))
        for i, j in T.grid(6, 8):
            with T.block("D"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(C[vi, vj])
                T.writes(Dt[vi, vj])
                Dt[vi, vj] = C[vi, vj] + T.float32(1.0)
        for i, j in T.grid(6, 8):
            with T.block("E"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(Dt[vi, vj])
                T.writes(C[vi, vj])
                C[vi, vj] = Dt[vi, vj] * Dt[vi, vj]


@T.prim_func
def row_sum(var_A: T.handle, var_S: T.handle):
    n = T.int32()
    A = T.match_buffer(var_A, (n, 10), "float32")
    S = T.match_buffer(var_S, (n,), "float32")
    for i in T.parallel(n):
        for ko, ki in T.grid(3, 4):
            with T.block("S"):
                vi = T.axis.spatial(n, i)
                vk = T.axis.reduce(10, ko * 4 + ki)
                T.where(ko * 4 + ki < 10)
                T.reads(A[vi, vk])
                T.writes(S[vi])
                with T.init():
                    S[vi] = T.float32(0.0)
                S[vi] = S[vi] + A[vi, vk]


@pytest.mark.parametrize("func,sizes", [(matmul, None), (two_stage, None),
                                        (row_sum, {"n": 7})],
                         ids=["matmul", "two_stage", "row_sum"])
def test_each_pass_and_the_whole_chain_keep_the_results(func, sizes):
    for name, before, after in lower(func):
        assert_same_results(before, after, sizes)
    assert_lowered(after)
    assert_same_results(func, after, sizes, task_counts=(1, 2, 3, 8))


def test_the_chain_lowers_as_expected():
    steps = {name: after for name, _, after in lower(matmul)}
    vectorized = steps["VectorizeLoop"].script()
    assert "T.Ramp(" in vectorized and "T.vectorized" not in vectorized
    assert "T.unroll" not in steps["UnrollLoop"].script()
    assert 'T.attr([task_id, num_tasks], "parallel_launch", 0)' in steps["LowerParallelLoops"].script()
    two = steps = {name: after for name, _, after in lower(two_stage)}["StorageRewrite"]
    # Bt dies before Dt is born: the two intermediate buffers share one allocation.
    assert two.script().count("T.decl_buffer") == 1


def test_passes_are_registered_and_compose_in_a_sequential():
    names = transform.list_passes()
    for name in PASSES:
        assert f"tir.{name}" in names
    pipeline = transform.Sequential([transform.get_pass(f"tir.{n}") for n in PASSES])
    mod = pipeline(ir.IRModule({"main": matmul}))
    assert_lowered(mod["main"])
    assert_same_results(matmul, mod["main"])


@pytest.mark.parametrize("func", [matmul, two_stage, row_sum], ids=["matmul", "two_stage", "row_sum"])
def test_every_step_prints_and_parses_back(func):
    for name, _, after in lower(func):
        parsed = from_source(after.script())
        # The buffers of "tir.param_buffers" are defined nowhere else, hence map_free_vars.
        ir.assert_structural_equal(after, parsed, map_free_vars=True)
