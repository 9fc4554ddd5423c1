"""schedule_matmul_x86: numerics against numpy for square, transformer and ragged shapes, its
trace, and the two things it needs from the primitives and the code generator (ragged tiles
that reorder and cache, buffers that LLVM knows apart)."""

import re

import numpy as np
import pytest

import tessel
from tessel import te
from tessel.tir import Schedule
from tessel.tir.schedule import schedule_matmul_x86


def matmul(m, n, k):
    A = te.placeholder((m, k), "float32", name="A")
    B = te.placeholder((k, n), "float32", name="B")
    r = te.reduce_axis((0, k), name="k")
    C = te.compute((m, n), lambda i, j: te.sum(A[i, r] * B[r, j], axis=r), name="C")
    return te.create_prim_func([A, B, C])


def run(sch, m, n, k):
    rng = np.random.default_rng(0)
    a = rng.standard_normal((m, k), dtype=np.float32)
    b = rng.standard_normal((k, n), dtype=np.float32)
    c = np.full((m, n), np.nan, np.float32)
    tessel.compile(sch.mod, target="llvm")["main"](a, b, c)
    np.testing.assert_allclose(c, a @ b, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("m, n, k", [
    (128, 768, 768), (128, 384, 384), (256, 256, 256),  # tiles divide: packed, vectorized
    (100, 70, 33), (1, 16, 16), (37, 64, 5), (9, 96, 17),  # ragged rows and/or columns
])
def test_matches_numpy(m, n, k):
    sch = Schedule(matmul(m, n, k))
    schedule_matmul_x86(sch)
    run(sch, m, n, k)


@pytest.mark.parametrize("tile_m, tile_n, parallel", [(6, 32, True), (4, 48, False), (8, 16, True)])
def test_other_tiles(tile_m, tile_n, parallel):
    sch = Schedule(matmul(96, 96, 40))
    schedule_matmul_x86(sch, tile_m=tile_m, tile_n=tile_n, parallel=parallel)
    run(sch, 96, 96, 40)


def test_trace_and_structure():
    sch = Schedule(matmul(64, 64, 64))
    block = schedule_matmul_x86(sch)
    assert sch.get(block).name_hint == "C"
    trace = str(sch.trace)
    for step in ('sch.cache_write(block=b0, write_buffer_index=0, storage_scope="local")',
                 "sch.decompose_reduction(", 'sch.cache_read(block=b0, read_buffer_index=1',
                 "index_map=lambda vk, vn: (vn // 64, vk, vn % 64)", "sch.fuse(", "sch.parallel("):
        assert step in trace
    script = sch.mod.script()
    assert 'B_global = T.alloc_buffer((1, 64, 64), "float32")' in script
    assert "T.vectorized(16)" in script and "T.parallel(16)" in script


def test_ragged_tiles_reorder_and_cache_inside_the_buffer():
    # split(100, 6) leaves the predicate i_0 * 6 + i_1 < 100: reorder accepts it, and the
    # local copy of C covers C, not the 102 rows the tiles reach.
    sch = Schedule(matmul(100, 64, 8))
    block = sch.get_block("C")
    i, j, k = sch.get_loops(block)
    i_0, i_1 = sch.split(i, [None, 6])
    sch.reorder(i_0, k, i_1, j)
    c_local = sch.cache_write(block, 0, "local")
    assert "for ax0, ax1 in T.grid(100, 64)" in sch.mod.script()
    sch.reverse_compute_at(c_local, i_0)
    assert "T.where(i_0 * 6 + ax0 < 100)" in sch.mod.script()
    run(sch, 100, 64, 8)


def test_buffers_carry_distinct_alias_tags():
    # One TBAA type per buffer: LLVM keeps the accumulators of a parallel micro-kernel in
    # registers only when it knows the stores to C do not clobber the packed B.
    sch = Schedule(matmul(64, 64, 64))
    schedule_matmul_x86(sch)
    ll = tessel.compile(sch.mod, target="llvm").get_source("ll")
    types = set(re.findall(r'!\{!"([A-Za-z_]+)\.\d+", ', ll))
    assert {"A", "B", "C", "B_global", "C_local"} <= types
    assert "!tbaa" in ll
