"""Scheduled programs compiled and run: every primitive, and random tilings, must compute what
numpy computes (schedule, lowering and code generation checked together)."""

import numpy as np
import pytest

import tessel
from tessel import te
from tessel.script import tir as T
from tessel.tir import Schedule

RNG = np.random.default_rng(1)


def matmul(m, n, k):
    A = te.placeholder((m, k), "float32", name="A")
    B = te.placeholder((k, n), "float32", name="B")
    r = te.reduce_axis((0, k), name="r")
    C = te.compute((m, n), lambda i, j: te.sum(A[i, r] * B[r, j], axis=r), name="C")
    return te.create_prim_func([A, B, C])


def check_matmul(sch_or_func, m, n, k):
    func = sch_or_func.mod if isinstance(sch_or_func, Schedule) else sch_or_func
    a = RNG.standard_normal((m, k)).astype("float32")
    b = RNG.standard_normal((k, n)).astype("float32")
    c = np.full((m, n), np.nan, "float32")
    tessel.compile(func)["main"](a, b, c)
    np.testing.assert_allclose(c, a @ b, rtol=1e-4, atol=1e-4)


@T.prim_func
def two_stage(A: T.Buffer((33, 100), "float32"), C: T.Buffer((33, 100), "float32")):
    with T.block("root"):
        B = T.alloc_buffer((33, 100))
        for i, j in T.grid(33, 100):
            with T.block("B"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = A[vi, vj] * T.float32(2.0)
        for i, j in T.grid(33, 100):
            with T.block("C"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(B[vi, vj])
                T.writes(C[vi, vj])
                C[vi, vj] = B[vi, vj] + T.float32(1.0)


def check_two_stage(func):
    a = RNG.standard_normal((33, 100)).astype("float32")
    c = np.full((33, 100), np.nan, "float32")
    tessel.compile(func)["main"](a, c)
    np.testing.assert_allclose(c, a * 2 + 1, rtol=1e-6)


@pytest.mark.parametrize("factor", [4, 5, 16])  # 32 = 4 * 8; 5 and 16 leave a tail of 33 or 100
@pytest.mark.parametrize("inner", ["vectorize", "unroll", "serial"])
@pytest.mark.parametrize("outer", ["parallel", "serial"])
def test_split_reorder_annotate(factor, inner, outer):
    m, n, k = 33, 32, 13
    sch = Schedule(matmul(m, n, k))
    block = sch.get_block("C")
    i, j, r = sch.get_loops(block)
    i_0, i_1 = sch.split(i, [None, factor])
    j_0, j_1 = sch.split(j, [None, factor])
    sch.reorder(i_0, j_0, r, i_1, j_1)
    if outer == "parallel":
        sch.parallel(i_0)
    if inner == "vectorize":
        sch.vectorize(j_1)
    elif inner == "unroll":
        sch.unroll(j_1)
        sch.unroll(i_1)
    check_matmul(sch, m, n, k)


@pytest.mark.parametrize("split", [None, 7])
def test_fuse_parallel_vectorize(split):
    sch = Schedule(two_stage)
    for name in ("B", "C"):
        i, j = sch.get_loops(sch.get_block(name))
        fused = sch.fuse(i, j)
        if split:
            outer, inner = sch.split(fused, [None, split])
            sch.parallel(outer)
            sch.vectorize(inner)
        else:
            sch.parallel(fused)
    check_two_stage(sch.mod)


def test_compute_inline():
    sch = Schedule(two_stage)
    sch.compute_inline(sch.get_block("B"))
    check_two_stage(sch.mod)


def test_reverse_compute_inline():
    sch = Schedule(two_stage)
    sch.reverse_compute_inline(sch.get_block("C"))
    check_two_stage(sch.mod)


@pytest.mark.parametrize("factor", [10, 7])
def test_compute_at_a_split_loop(factor):
    sch = Schedule(two_stage)
    _, j = sch.get_loops(sch.get_block("C"))
    outer, _ = sch.split(j, [None, factor])
    sch.compute_at(sch.get_block("B"), outer)
    check_two_stage(sch.mod)


@pytest.mark.parametrize("factor", [10, 7])
def test_reverse_compute_at_a_split_loop(factor):
    sch = Schedule(two_stage)
    i, _ = sch.get_loops(sch.get_block("B"))
    outer, _ = sch.split(i, [None, factor])
    sch.reverse_compute_at(sch.get_block("C"), outer)
    check_two_stage(sch.mod)


@pytest.mark.parametrize("scope", ["global", "local"])
def test_cache_read_and_cache_write_with_compute_at(scope):
    m, n, k = 13, 32, 7  # reverse_compute_at moves no block with a predicate
    sch = Schedule(matmul(m, n, k))
    block = sch.get_block("C")
    i, j, r = sch.get_loops(block)
    j_0, _ = sch.split(j, [None, 8])
    sch.reorder(i, j_0, r)
    read = sch.cache_read(block, 0, scope)
    sch.compute_at(read, i)
    write = sch.cache_write(block, 0, scope)
    sch.reverse_compute_at(write, j_0)
    check_matmul(sch, m, n, k)


@pytest.mark.parametrize("vectorize", [False, True])
def test_decompose_reduction(vectorize):
    m, n, k = 7, 32, 13
    sch = Schedule(matmul(m, n, k))
    block = sch.get_block("C")
    i, j, r = sch.get_loops(block)
    j_0, j_1 = sch.split(j, [None, 8])
    sch.reorder(i, j_0, r, j_1)
    init = sch.decompose_reduction(block, r)
    if vectorize:
        sch.vectorize(sch.get_loops(init)[-1])
        sch.vectorize(sch.get_loops(block)[-1])
    check_matmul(sch, m, n, k)


@pytest.mark.parametrize("factor_axis", [0, 1, -1])
def test_rfactor(factor_axis):
    m, n, k = 7, 5, 64
    sch = Schedule(matmul(m, n, k))
    _, _, r = sch.get_loops(sch.get_block("C"))
    _, r_1 = sch.split(r, [None, 16])
    sch.rfactor(r_1, factor_axis)
    check_matmul(sch, m, n, k)


def test_transform_layout_of_an_input_and_an_intermediate():
    sch = Schedule(two_stage)
    sch.transform_layout(sch.get_block("B"), 0, "write", lambda i, j: (j // 10, i, j % 10))
    sch.transform_layout(sch.get_block("B"), 0, "read", lambda i, j: (j, i))
    a = RNG.standard_normal((33, 100)).astype("float32")
    c = np.full((33, 100), np.nan, "float32")
    tessel.compile(sch.mod)["main"](np.ascontiguousarray(a.T), c)
    np.testing.assert_allclose(c, a * 2 + 1, rtol=1e-6)


def test_tensorize_avx512_fma():
    m, n, k = 13, 32, 7
    sch = Schedule(matmul(m, n, k))
    block = sch.get_block("C")
    i, j, r = sch.get_loops(block)
    j_0, j_1 = sch.split(j, [None, 16])
    sch.reorder(r, j_1)
    init = sch.decompose_reduction(block, r)
    sch.tensorize(sch.get_loops(init)[-1], "x86_avx512_zero_f32x16")
    sch.tensorize(sch.get_loops(block)[-1], "x86_avx512_fma_f32x16")
    sch.parallel(i)
    check_matmul(sch, m, n, k)


@pytest.mark.parametrize("seed", range(6))
def test_random_tiling(seed):
    m, n, k = 24, 32, 20
    sch = Schedule(matmul(m, n, k), seed=seed)
    block = sch.get_block("C")
    i, j, r = sch.get_loops(block)
    i_tiles = sch.split(i, sch.sample_perfect_tile(i, n=3, max_innermost_factor=8))
    j_tiles = sch.split(j, sch.sample_perfect_tile(j, n=3, max_innermost_factor=16))
    r_tiles = sch.split(r, sch.sample_perfect_tile(r, n=2))
    sch.reorder(i_tiles[0], j_tiles[0], i_tiles[1], j_tiles[1], r_tiles[0], r_tiles[1],
                i_tiles[2], j_tiles[2])
    sch.parallel(sch.fuse(i_tiles[0], j_tiles[0]))
    sch.vectorize(j_tiles[2])
    sch.unroll(i_tiles[2])
    if seed % 3 == 0:
        write = sch.cache_write(block, 0, "local")
        sch.reverse_compute_at(write, j_tiles[1])
    if seed % 2:
        sch.decompose_reduction(block, r_tiles[0])
    check_matmul(sch, m, n, k)


def test_nested_parallel_loops_and_parallel_reduction_outer():
    m, n, k = 13, 33, 7
    sch = Schedule(matmul(m, n, k))
    i, j, _ = sch.get_loops(sch.get_block("C"))
    sch.parallel(i)
    sch.parallel(j)
    check_matmul(sch, m, n, k)


def test_rfactor_then_parallel_and_vectorize():
    m, n, k = 5, 16, 96
    sch = Schedule(matmul(m, n, k))
    _, j, r = sch.get_loops(sch.get_block("C"))
    r_0, r_1 = sch.split(r, [4, None])
    rf = sch.rfactor(r_0, 0)
    loops = sch.get_loops(rf)  # r_0, i, j, r_1
    sch.parallel(loops[0])
    sch.reorder(loops[3], loops[2])
    sch.vectorize(loops[2])
    check_matmul(sch, m, n, k)


def test_transform_layout_of_the_output():
    sch = Schedule(two_stage)
    sch.transform_layout(sch.get_block("C"), 0, "write", lambda i, j: (i // 3, j, i % 3))
    a = RNG.standard_normal((33, 100)).astype("float32")
    c = np.full((11, 100, 3), np.nan, "float32")
    tessel.compile(sch.mod)["main"](a, c)
    np.testing.assert_allclose(c, (a * 2 + 1).reshape(11, 3, 100).transpose(0, 2, 1), rtol=1e-6)


def test_compute_at_under_a_parallel_vectorized_nest():
    sch = Schedule(two_stage)
    i, j = sch.get_loops(sch.get_block("C"))
    sch.parallel(i)
    j_0, j_1 = sch.split(j, [None, 16])
    sch.vectorize(j_1)
    sch.compute_at(sch.get_block("B"), j_0)
    _, _, inner = sch.get_loops(sch.get_block("B"))
    sch.vectorize(inner)
    check_two_stage(sch.mod)


@pytest.mark.parametrize("factor", [3, 8])
def test_unroll_a_non_divisible_split_of_a_symbolic_loop(factor):
    @T.prim_func
    def scale(a: T.handle, b: T.handle):
        n = T.int32()
        A = T.match_buffer(a, (n,), "float32")
        B = T.match_buffer(b, (n,), "float32")
        for i in range(n):
            with T.block("B"):
                vi = T.axis.spatial(n, i)
                T.reads(A[vi])
                T.writes(B[vi])
                B[vi] = A[vi] * T.float32(3.0)

    sch = Schedule(scale)
    (i,) = sch.get_loops(sch.get_block("B"))
    outer, inner = sch.split(i, [None, factor])
    sch.parallel(outer)
    sch.unroll(inner)
    mod = tessel.compile(sch.mod)
    for size in (0, 1, factor + 1, 100):
        a = RNG.standard_normal(size).astype("float32")
        b = np.full(size, np.nan, "float32")
        mod["main"](a, b)
        np.testing.assert_allclose(b, a * 3, rtol=1e-6)


@pytest.mark.parametrize("variant", ["fuse_split", "split_inner", "split_outer", "three_way"])
def test_symbolic_2d_schedules_with_empty_and_odd_sizes(variant):
    n, m = te.var("n"), te.var("m")
    A = te.placeholder((n, m), "float32", name="A")
    B = te.compute((n, m), lambda i, j: A[i, j] * 2.0 + tessel.tir.cast("float32", i * m + j),
                   name="B")
    sch = Schedule(te.create_prim_func([A, B]))
    i, j = sch.get_loops(sch.get_block("B"))
    if variant == "fuse_split":
        outer, inner = sch.split(sch.fuse(i, j), [None, 16])
        sch.parallel(outer)
        sch.vectorize(inner)
    elif variant == "split_inner":
        _, inner = sch.split(j, [None, 64])
        sch.vectorize(inner)
        sch.parallel(i)
    elif variant == "split_outer":
        outer, inner = sch.split(i, [3, None])
        sch.parallel(outer)
        sch.unroll(inner)
    else:
        outer, middle, inner = sch.split(j, [None, 2, 4])
        sch.reorder(middle, i)
        sch.parallel(outer)
        sch.vectorize(inner)
    mod = tessel.compile(sch.mod)
    for shape in [(0, 5), (5, 0), (1, 1), (3, 13), (17, 64), (2, 100)]:
        a = RNG.standard_normal(shape).astype("float32")
        b = np.full(shape, np.nan, "float32")
        mod["main"](a, b)
        np.testing.assert_allclose(b, a * 2 + np.arange(a.size).reshape(shape), rtol=1e-6)
