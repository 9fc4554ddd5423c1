"""compute_at, reverse_compute_at, compute_inline, reverse_compute_inline, cache_read and
cache_write: before/after scripts compared structurally, every illegal case, and traces."""

import pytest

from tessel import ir
from tessel.error import ScheduleError
from tessel.script import tir as T
from tessel.tir import Schedule


@T.prim_func
def two_stage(A: T.Buffer((128, 128), "float32"), C: T.Buffer((128, 128), "float32")):
    with T.block("root"):
        B = T.alloc_buffer((128, 128))
        for i, j in T.grid(128, 128):
            with T.block("B"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = A[vi, vj] * T.float32(2.0)
        for i, j in T.grid(128, 128):
            with T.block("C"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(B[vi, vj])
                T.writes(C[vi, vj])
                C[vi, vj] = B[vi, vj] + T.float32(1.0)


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
def scaled_matmul(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                  C: T.Buffer((128, 128), "float32")):
    with T.block("root"):
        AS = T.alloc_buffer((128, 128))
        for i, j in T.grid(128, 128):
            with T.block("AS"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj])
                T.writes(AS[vi, vj])
                AS[vi, vj] = A[vi, vj] * T.float32(2.0)
        for i, j, k in T.grid(128, 128, 128):
            with T.block("C"):
                vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                T.reads(AS[vi, vk], B[vk, vj])
                T.writes(C[vi, vj])
                with T.init():
                    C[vi, vj] = T.float32(0.0)
                C[vi, vj] = C[vi, vj] + AS[vi, vk] * B[vk, vj]


@T.prim_func
def matmul_relu(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                D: T.Buffer((128, 128), "float32")):
    with T.block("root"):
        C = T.alloc_buffer((128, 128))
        for i, j, k in T.grid(128, 128, 128):
            with T.block("C"):
                vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                T.reads(A[vi, vk], B[vk, vj])
                T.writes(C[vi, vj])
                with T.init():
                    C[vi, vj] = T.float32(0.0)
                C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
        for i, j in T.grid(128, 128):
            with T.block("D"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(C[vi, vj])
                T.writes(D[vi, vj])
                D[vi, vj] = T.max(C[vi, vj], T.float32(0.0))


@T.prim_func
def scale_relu(A: T.Buffer((128, 128), "float32"), C: T.Buffer((128, 128), "float32")):
    with T.block("root"):
        B = T.alloc_buffer((128, 128))
        for i, j in T.grid(128, 128):
            with T.block("B"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = A[vi, vj] * T.float32(2.0)
        for i, j in T.grid(128, 128):
            with T.block("C"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(B[vj, vi])
                T.writes(C[vi, vj])
                C[vi, vj] = T.max(B[vj, vi], T.float32(0.0))


def check(sch: Schedule, expected):
    ir.assert_structural_equal(sch.mod["main"], expected)


def assert_unchanged_on_error(sch: Schedule, call, match: str):
    """The primitive raises ScheduleError matching `match` and changes nothing."""
    before, trace_len = sch.mod["main"], len(sch.trace.insts)
    with pytest.raises(ScheduleError, match=match):
        call()
    assert sch.mod["main"].same_as(before)
    assert len(sch.trace.insts) == trace_len


def check_replay(sch: Schedule, original):
    """Replaying the trace on the unscheduled function gives the same function."""
    fresh = Schedule(original)
    sch.trace.apply_to_schedule(fresh)
    ir.assert_structural_equal(fresh.mod["main"], sch.mod["main"])


# ------------------------------------------------------------------ compute_at


def test_compute_at_outer_split_loop():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), C: T.Buffer((128, 128), "float32")):
        with T.block("root"):
            B = T.alloc_buffer((128, 128))
            for i_0 in range(8):
                for ax0, ax1 in T.grid(16, 128):
                    with T.block("B"):
                        vi = T.axis.spatial(128, i_0 * 16 + ax0)
                        vj = T.axis.spatial(128, ax1)
                        T.reads(A[vi, vj])
                        T.writes(B[vi, vj])
                        B[vi, vj] = A[vi, vj] * T.float32(2.0)
                for i_1, j in T.grid(16, 128):
                    with T.block("C"):
                        vi = T.axis.spatial(128, i_0 * 16 + i_1)
                        vj = T.axis.spatial(128, j)
                        T.reads(B[vi, vj])
                        T.writes(C[vi, vj])
                        C[vi, vj] = B[vi, vj] + T.float32(1.0)

    sch = Schedule(two_stage)
    i, _ = sch.get_loops(sch.get_block("C"))
    i_0, _ = sch.split(i, [None, 16])
    sch.compute_at(sch.get_block("B"), i_0)
    check(sch, expected)
    assert sch.trace.as_python()[-1] == \
        "sch.compute_at(block=b5, loop=l3, preserve_unit_loops=False)"
    check_replay(sch, two_stage)


def test_compute_at_inner_loop_preserving_unit_loops():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), C: T.Buffer((128, 128), "float32")):
        with T.block("root"):
            B = T.alloc_buffer((128, 128))
            for i_0, i_1, j_0 in T.grid(8, 16, 4):
                for ax0, ax1 in T.grid(1, 32):
                    with T.block("B"):
                        vi = T.axis.spatial(128, i_0 * 16 + i_1 + ax0)
                        vj = T.axis.spatial(128, j_0 * 32 + ax1)
                        T.reads(A[vi, vj])
                        T.writes(B[vi, vj])
                        B[vi, vj] = A[vi, vj] * T.float32(2.0)
                for j_1 in range(32):
                    with T.block("C"):
                        vi = T.axis.spatial(128, i_0 * 16 + i_1)
                        vj = T.axis.spatial(128, j_0 * 32 + j_1)
                        T.reads(B[vi, vj])
                        T.writes(C[vi, vj])
                        C[vi, vj] = B[vi, vj] + T.float32(1.0)

    sch = Schedule(two_stage)
    i, j = sch.get_loops(sch.get_block("C"))
    sch.split(i, [None, 16])
    j_0, _ = sch.split(j, [None, 32])
    sch.compute_at(sch.get_block("B"), j_0, preserve_unit_loops=True)
    check(sch, expected)
    check_replay(sch, two_stage)


def test_compute_at_ragged_tile_guards_the_edge():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), C: T.Buffer((128, 128), "float32")):
        with T.block("root"):
            B = T.alloc_buffer((128, 128))
            for i_0 in range(26):
                for ax0, ax1 in T.grid(5, 128):
                    with T.block("B"):
                        vi = T.axis.spatial(128, i_0 * 5 + ax0)
                        vj = T.axis.spatial(128, ax1)
                        T.where(i_0 * 5 + ax0 < 128)
                        T.reads(A[vi, vj])
                        T.writes(B[vi, vj])
                        B[vi, vj] = A[vi, vj] * T.float32(2.0)
                for i_1, j in T.grid(5, 128):
                    with T.block("C"):
                        vi = T.axis.spatial(128, i_0 * 5 + i_1)
                        vj = T.axis.spatial(128, j)
                        T.where(i_0 * 5 + i_1 < 128)
                        T.reads(B[vi, vj])
                        T.writes(C[vi, vj])
                        C[vi, vj] = B[vi, vj] + T.float32(1.0)

    sch = Schedule(two_stage)
    i, _ = sch.get_loops(sch.get_block("C"))
    i_0, _ = sch.split(i, [None, 5])
    sch.compute_at(sch.get_block("B"), i_0)
    check(sch, expected)


def test_compute_at_reduction_producer_under_its_epilogue():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                 D: T.Buffer((128, 128), "float32")):
        with T.block("root"):
            C = T.alloc_buffer((128, 128))
            for i in range(128):
                for ax0, ax1 in T.grid(128, 128):
                    with T.block("C"):
                        vi, vj, vk = T.axis.remap("SSR", [i, ax0, ax1])
                        T.reads(A[vi, vk], B[vk, vj])
                        T.writes(C[vi, vj])
                        with T.init():
                            C[vi, vj] = T.float32(0.0)
                        C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
                for j in range(128):
                    with T.block("D"):
                        vi, vj = T.axis.remap("SS", [i, j])
                        T.reads(C[vi, vj])
                        T.writes(D[vi, vj])
                        D[vi, vj] = T.max(C[vi, vj], T.float32(0.0))

    sch = Schedule(matmul_relu)
    i, _ = sch.get_loops(sch.get_block("D"))
    sch.compute_at(sch.get_block("C"), i)
    check(sch, expected)
    check_replay(sch, matmul_relu)


def test_compute_at_output_block_is_illegal():
    sch = Schedule(two_stage)
    i, _ = sch.get_loops(sch.get_block("B"))
    block_c = sch.get_block("C")
    assert_unchanged_on_error(sch, lambda: sch.compute_at(block_c, i),
                              r'compute_at: block "C" is an output block: it writes C')


def test_compute_at_loop_without_consumer_is_illegal():
    sch = Schedule(two_stage)
    i, _ = sch.get_loops(sch.get_block("C"))
    block_b = sch.get_block("B")
    b_loop, _ = sch.get_loops(block_b)
    assert_unchanged_on_error(sch, lambda: sch.compute_at(block_b, b_loop),
                              r'compute_at: block "B" is already under loop i')

    @T.prim_func
    def two_consumers(A: T.Buffer((16,), "float32"), C: T.Buffer((16,), "float32"),
                      D: T.Buffer((16,), "float32")):
        with T.block("root"):
            B = T.alloc_buffer((16,))
            for i in range(16):
                with T.block("B"):
                    vi = T.axis.spatial(16, i)
                    T.reads(A[vi])
                    T.writes(B[vi])
                    B[vi] = A[vi]
            for i in range(16):
                with T.block("C"):
                    vi = T.axis.spatial(16, i)
                    T.reads(B[vi])
                    T.writes(C[vi])
                    C[vi] = B[vi]
            for i in range(16):
                with T.block("D"):
                    vi = T.axis.spatial(16, i)
                    T.reads(A[vi])
                    T.writes(D[vi])
                    D[vi] = A[vi]

    sch = Schedule(two_consumers)
    (d_loop,) = sch.get_loops(sch.get_block("D"))
    block_b = sch.get_block("B")
    assert_unchanged_on_error(sch, lambda: sch.compute_at(block_b, d_loop),
                              r'compute_at: block "B" is not a producer of any block under loop i')


def test_compute_at_with_a_consumer_after_the_loop_is_illegal():
    @T.prim_func
    def read_late(A: T.Buffer((16,), "float32"), C: T.Buffer((16,), "float32"),
                  D: T.Buffer((16,), "float32")):
        with T.block("root"):
            B = T.alloc_buffer((16,))
            for i in range(16):
                with T.block("B"):
                    vi = T.axis.spatial(16, i)
                    T.reads(A[vi])
                    T.writes(B[vi])
                    B[vi] = A[vi]
            for i in range(16):
                with T.block("C"):
                    vi = T.axis.spatial(16, i)
                    T.reads(B[vi])
                    T.writes(C[vi])
                    C[vi] = B[vi]
            for i in range(16):
                with T.block("D"):
                    vi = T.axis.spatial(16, i)
                    T.reads(B[vi])
                    T.writes(D[vi])
                    D[vi] = B[vi]

    sch = Schedule(read_late)
    (c_loop,) = sch.get_loops(sch.get_block("C"))
    block_b = sch.get_block("B")
    assert_unchanged_on_error(sch, lambda: sch.compute_at(block_b, c_loop),
                              r'compute_at: block "D" reads B after loop i, outside it; every '
                              r'consumer of block "B" must be under the loop')


def test_compute_at_with_a_consumer_before_the_loop_is_illegal():
    @T.prim_func
    def read_early(A: T.Buffer((16,), "float32"), C: T.Buffer((16,), "float32"),
                   D: T.Buffer((16,), "float32")):
        with T.block("root"):
            B = T.alloc_buffer((16,))
            for i in range(16):
                with T.block("B"):
                    vi = T.axis.spatial(16, i)
                    T.reads(A[vi])
                    T.writes(B[vi])
                    B[vi] = A[vi]
            for i in range(16):
                with T.block("D"):
                    vi = T.axis.spatial(16, i)
                    T.reads(B[vi])
                    T.writes(D[vi])
                    D[vi] = B[vi]
            for i in range(16):
                with T.block("C"):
                    vi = T.axis.spatial(16, i)
                    T.reads(B[vi])
                    T.writes(C[vi])
                    C[vi] = B[vi]

    sch = Schedule(read_early)
    (c_loop,) = sch.get_loops(sch.get_block("C"))
    block_b = sch.get_block("B")
    assert_unchanged_on_error(sch, lambda: sch.compute_at(block_b, c_loop),
                              r'compute_at: block "D" reads B before loop i, outside it')


def test_compute_at_non_affine_consumer_is_illegal():
    @T.prim_func
    def squared_index(A: T.Buffer((16,), "float32"), C: T.Buffer((4,), "float32")):
        with T.block("root"):
            B = T.alloc_buffer((16,))
            for i in range(16):
                with T.block("B"):
                    vi = T.axis.spatial(16, i)
                    T.reads(A[vi])
                    T.writes(B[vi])
                    B[vi] = A[vi]
            for i in range(4):
                with T.block("C"):
                    vi = T.axis.spatial(4, i)
                    T.reads(B[vi * vi])
                    T.writes(C[vi])
                    C[vi] = B[vi * vi]

    sch = Schedule(squared_index)
    (loop,) = sch.get_loops(sch.get_block("C"))
    block_b = sch.get_block("B")
    assert_unchanged_on_error(sch, lambda: sch.compute_at(block_b, loop),
                              r'compute_at: block "C" accesses B at i \* i, which is not affine')


# ------------------------------------------------------------------ reverse_compute_at


def test_reverse_compute_at_outer_loop():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), C: T.Buffer((128, 128), "float32")):
        with T.block("root"):
            B = T.alloc_buffer((128, 128))
            for i in range(128):
                for j in range(128):
                    with T.block("B"):
                        vi, vj = T.axis.remap("SS", [i, j])
                        T.reads(A[vi, vj])
                        T.writes(B[vi, vj])
                        B[vi, vj] = A[vi, vj] * T.float32(2.0)
                for ax0 in range(128):
                    with T.block("C"):
                        vi, vj = T.axis.remap("SS", [i, ax0])
                        T.reads(B[vi, vj])
                        T.writes(C[vi, vj])
                        C[vi, vj] = B[vi, vj] + T.float32(1.0)

    sch = Schedule(two_stage)
    i, _ = sch.get_loops(sch.get_block("B"))
    sch.reverse_compute_at(sch.get_block("C"), i)
    check(sch, expected)
    assert sch.trace.as_python()[-1] == \
        "sch.reverse_compute_at(block=b3, loop=l1, preserve_unit_loops=False)"
    check_replay(sch, two_stage)


def test_reverse_compute_at_split_loop():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), C: T.Buffer((128, 128), "float32")):
        with T.block("root"):
            B = T.alloc_buffer((128, 128))
            for i, j_0 in T.grid(128, 4):
                for j_1 in range(32):
                    with T.block("B"):
                        vi = T.axis.spatial(128, i)
                        vj = T.axis.spatial(128, j_0 * 32 + j_1)
                        T.reads(A[vi, vj])
                        T.writes(B[vi, vj])
                        B[vi, vj] = A[vi, vj] * T.float32(2.0)
                for ax0 in range(32):
                    with T.block("C"):
                        vi = T.axis.spatial(128, i)
                        vj = T.axis.spatial(128, j_0 * 32 + ax0)
                        T.reads(B[vi, vj])
                        T.writes(C[vi, vj])
                        C[vi, vj] = B[vi, vj] + T.float32(1.0)

    sch = Schedule(two_stage)
    _, j = sch.get_loops(sch.get_block("B"))
    j_0, _ = sch.split(j, [None, 32])
    sch.reverse_compute_at(sch.get_block("C"), j_0)
    check(sch, expected)
    check_replay(sch, two_stage)


def test_reverse_compute_at_illegal_cases():
    sch = Schedule(two_stage)
    i, _ = sch.get_loops(sch.get_block("C"))
    block_b = sch.get_block("B")
    assert_unchanged_on_error(sch, lambda: sch.reverse_compute_at(block_b, i),
                              r'reverse_compute_at: block "B" is not a consumer of any block '
                              r'under loop i')
    c_loop = i
    block_c = sch.get_block("C")
    assert_unchanged_on_error(sch, lambda: sch.reverse_compute_at(block_c, c_loop),
                              r'reverse_compute_at: block "C" is already under loop i')


def test_reverse_compute_at_of_a_stencil_is_illegal():
    # Under i, row i of B exists, but C's rows need rows of B that later iterations make;
    # the whole of C under every iteration would race under a parallel loop.
    @T.prim_func
    def stencil(A: T.Buffer((128, 128), "float32"), C: T.Buffer((126, 128), "float32")):
        with T.block("root"):
            B = T.alloc_buffer((128, 128))
            for i, j in T.grid(128, 128):
                with T.block("B"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    T.reads(A[vi, vj])
                    T.writes(B[vi, vj])
                    B[vi, vj] = A[vi, vj] * T.float32(2.0)
            for i, j in T.grid(126, 128):
                with T.block("C"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    T.reads(B[vi:vi + 3, vj])
                    T.writes(C[vi, vj])
                    C[vi, vj] = B[vi, vj] + B[vi + 2, vj]

    sch = Schedule(stencil)
    i, j = sch.get_loops(sch.get_block("B"))
    block_c = sch.get_block("C")
    assert_unchanged_on_error(sch, lambda: sch.reverse_compute_at(block_c, i),
                              r'reverse_compute_at: block "C" reads B dimension 0 at vi '
                              r'\(extent 3\), not at one iteration variable; the part of it '
                              r'that the blocks under loop i produce cannot be found')
    # Under j every row of B is made before C runs: C moves, reading whole columns.
    sch.reorder(j, i)
    sch.reverse_compute_at(block_c, j)


# ------------------------------------------------------------------ compute_inline


def test_compute_inline_elementwise_into_matmul():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                 C: T.Buffer((128, 128), "float32")):
        with T.block("root"):
            for i, j, k in T.grid(128, 128, 128):
                with T.block("C"):
                    vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                    T.reads(A[vi, vk], B[vk, vj])
                    T.writes(C[vi, vj])
                    with T.init():
                        C[vi, vj] = T.float32(0.0)
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * T.float32(2.0) * B[vk, vj]

    sch = Schedule(scaled_matmul)
    sch.compute_inline(sch.get_block("AS"))
    check(sch, expected)
    assert sch.trace.as_python()[-1] == "sch.compute_inline(block=b0)"
    check_replay(sch, scaled_matmul)


def test_compute_inline_illegal_cases():
    sch = Schedule(matmul_relu)
    block_c = sch.get_block("C")
    assert_unchanged_on_error(sch, lambda: sch.compute_inline(block_c),
                              r'compute_inline: block "C" is a reduction block')
    block_d = sch.get_block("D")
    assert_unchanged_on_error(sch, lambda: sch.compute_inline(block_d),
                              r'compute_inline: block "D" writes D, a parameter of the function')

    @T.prim_func
    def odd_stores(A: T.Buffer((16,), "float32"), C: T.Buffer((16,), "float32")):
        with T.block("root"):
            B = T.alloc_buffer((16,))
            E = T.alloc_buffer((16,))
            for i in range(16):
                with T.block("B"):
                    vi = T.axis.spatial(16, i)
                    T.reads(A[vi])
                    T.writes(B[vi], E[vi])
                    B[vi] = A[vi]
                    E[vi] = A[vi]
            for i in range(16):
                with T.block("E"):
                    vi = T.axis.spatial(16, i)
                    T.reads(A[vi])
                    T.writes(E[15 - vi])
                    E[15 - vi] = A[vi]
            for i in range(16):
                with T.block("C"):
                    vi = T.axis.spatial(16, i)
                    T.reads(B[vi], E[vi])
                    T.writes(C[vi])
                    C[vi] = B[vi] + E[vi]

    sch = Schedule(odd_stores)
    block_b = sch.get_block("B")
    assert_unchanged_on_error(sch, lambda: sch.compute_inline(block_b),
                              r'compute_inline: block "B" is not a single store')
    block_e = sch.get_block("E")
    assert_unchanged_on_error(sch, lambda: sch.compute_inline(block_e),
                              r'compute_inline: block "E" stores to E\[15 - vi\]; inlining needs '
                              r'the indices to be distinct iteration variables')


# ------------------------------------------------------------------ reverse_compute_inline


def test_reverse_compute_inline_relu():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), C: T.Buffer((128, 128), "float32")):
        with T.block("root"):
            for i, j in T.grid(128, 128):
                with T.block("B"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    T.reads(A[vi, vj])
                    T.writes(C[vj, vi])
                    C[vj, vi] = T.max(A[vi, vj] * T.float32(2.0), T.float32(0.0))

    sch = Schedule(scale_relu)
    sch.reverse_compute_inline(sch.get_block("C"))
    check(sch, expected)
    assert sch.trace.as_python()[-1] == "sch.reverse_compute_inline(block=b0)"
    check_replay(sch, scale_relu)


def test_reverse_compute_inline_illegal_cases():
    sch = Schedule(matmul_relu)
    block_d = sch.get_block("D")
    assert_unchanged_on_error(sch, lambda: sch.reverse_compute_inline(block_d),
                              r'reverse_compute_inline: the producer block "C" is a reduction '
                              r'block')

    @T.prim_func
    def shifted(A: T.Buffer((16,), "float32"), C: T.Buffer((15,), "float32")):
        with T.block("root"):
            B = T.alloc_buffer((16,))
            for i in range(16):
                with T.block("B"):
                    vi = T.axis.spatial(16, i)
                    T.reads(A[vi])
                    T.writes(B[vi])
                    B[vi] = A[vi]
            for i in range(15):
                with T.block("C"):
                    vi = T.axis.spatial(15, i)
                    T.reads(B[vi + 1])
                    T.writes(C[vi])
                    C[vi] = B[vi + 1]

    sch = Schedule(shifted)
    block_c = sch.get_block("C")
    assert_unchanged_on_error(sch, lambda: sch.reverse_compute_inline(block_c),
                              r'reverse_compute_inline: block "C" loads B\[vi \+ 1\]')
    block_b = sch.get_block("B")
    assert_unchanged_on_error(sch, lambda: sch.reverse_compute_inline(block_b),
                              r'reverse_compute_inline: block "B" loads 0 buffers that other '
                              r'blocks produce')


# ------------------------------------------------------------------ cache_read / cache_write


def tiled_matmul() -> tuple:
    sch = Schedule(matmul)
    block = sch.get_block("C")
    i, j, _ = sch.get_loops(block)
    i_0, i_1 = sch.split(i, [None, 32])
    j_0, j_1 = sch.split(j, [None, 32])
    sch.reorder(i_0, j_0, i_1, j_1)
    return sch, block, j_0


def test_cache_read_then_compute_at_packs_a_tile():
    @T.prim_func
    def cached(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
               C: T.Buffer((128, 128), "float32")):
        with T.block("root"):
            B_global = T.alloc_buffer((128, 128))
            for ax0, ax1 in T.grid(128, 128):
                with T.block("B_global"):
                    v0, v1 = T.axis.remap("SS", [ax0, ax1])
                    T.reads(B[v0, v1])
                    T.writes(B_global[v0, v1])
                    B_global[v0, v1] = B[v0, v1]
            for i_0, j_0, i_1, j_1, k in T.grid(4, 4, 32, 32, 128):
                with T.block("C"):
                    vi = T.axis.spatial(128, i_0 * 32 + i_1)
                    vj = T.axis.spatial(128, j_0 * 32 + j_1)
                    vk = T.axis.reduce(128, k)
                    T.reads(A[vi, vk], B_global[vk, vj])
                    T.writes(C[vi, vj])
                    with T.init():
                        C[vi, vj] = T.float32(0.0)
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * B_global[vk, vj]

    @T.prim_func
    def packed(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
               C: T.Buffer((128, 128), "float32")):
        with T.block("root"):
            B_global = T.alloc_buffer((128, 128))
            for i_0, j_0 in T.grid(4, 4):
                for ax0, ax1 in T.grid(128, 32):
                    with T.block("B_global"):
                        v0 = T.axis.spatial(128, ax0)
                        v1 = T.axis.spatial(128, j_0 * 32 + ax1)
                        T.reads(B[v0, v1])
                        T.writes(B_global[v0, v1])
                        B_global[v0, v1] = B[v0, v1]
                for i_1, j_1, k in T.grid(32, 32, 128):
                    with T.block("C"):
                        vi = T.axis.spatial(128, i_0 * 32 + i_1)
                        vj = T.axis.spatial(128, j_0 * 32 + j_1)
                        vk = T.axis.reduce(128, k)
                        T.reads(A[vi, vk], B_global[vk, vj])
                        T.writes(C[vi, vj])
                        with T.init():
                            C[vi, vj] = T.float32(0.0)
                        C[vi, vj] = C[vi, vj] + A[vi, vk] * B_global[vk, vj]

    sch, block, j_0 = tiled_matmul()
    copy = sch.cache_read(block, 1, "global")
    check(sch, cached)
    assert sch.get(copy).name_hint == "B_global"
    assert sch.trace.as_python()[-1] == \
        'b8 = sch.cache_read(block=b0, read_buffer_index=1, storage_scope="global")'
    sch.compute_at(copy, j_0)
    check(sch, packed)
    check_replay(sch, matmul)


def test_cache_write_then_reverse_compute_at_keeps_a_tile_local():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                 C: T.Buffer((128, 128), "float32")):
        with T.block("root"):
            C_local = T.alloc_buffer((128, 128), scope="local")
            for i_0, j_0 in T.grid(4, 4):
                for i_1, j_1, k in T.grid(32, 32, 128):
                    with T.block("C"):
                        vi = T.axis.spatial(128, i_0 * 32 + i_1)
                        vj = T.axis.spatial(128, j_0 * 32 + j_1)
                        vk = T.axis.reduce(128, k)
                        T.reads(A[vi, vk], B[vk, vj])
                        T.writes(C_local[vi, vj])
                        with T.init():
                            C_local[vi, vj] = T.float32(0.0)
                        C_local[vi, vj] = C_local[vi, vj] + A[vi, vk] * B[vk, vj]
                for ax0, ax1 in T.grid(32, 32):
                    with T.block("C_local"):
                        v0 = T.axis.spatial(128, i_0 * 32 + ax0)
                        v1 = T.axis.spatial(128, j_0 * 32 + ax1)
                        T.reads(C_local[v0, v1])
                        T.writes(C[v0, v1])
                        C[v0, v1] = C_local[v0, v1]

    sch, block, j_0 = tiled_matmul()
    copy = sch.cache_write(block, 0, "local")
    assert sch.trace.as_python()[-1] == \
        'b8 = sch.cache_write(block=b0, write_buffer_index=0, storage_scope="local")'
    sch.reverse_compute_at(copy, j_0)
    check(sch, expected)
    check_replay(sch, matmul)


def test_cache_index_out_of_range_is_illegal():
    sch = Schedule(matmul)
    block = sch.get_block("C")
    assert_unchanged_on_error(sch, lambda: sch.cache_read(block, 2, "global"),
                              r'cache_read: block "C" has 2 read regions; read_buffer_index 2 '
                              r'is out of range')
    assert_unchanged_on_error(sch, lambda: sch.cache_write(block, -1, "local"),
                              r'cache_write: block "C" has 1 write regions; write_buffer_index -1 '
                              r'is out of range')


def test_cache_write_of_an_update_with_a_separate_init_is_illegal():
    # The update would accumulate into the cache, which the init block never zeroes.
    sch = Schedule(matmul)
    block = sch.get_block("C")
    sch.decompose_reduction(block, sch.get_loops(block)[2])
    assert_unchanged_on_error(sch, lambda: sch.cache_write(block, 0, "local"),
                              r'cache_write: block "C" reads the buffer C it writes, and '
                              r'block "C_init" writes it too')


def test_gemm_packed_operand_and_register_tile_trace():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                 C: T.Buffer((128, 128), "float32")):
        with T.block("root"):
            B_global = T.alloc_buffer((128, 128))
            C_local = T.alloc_buffer((128, 128), scope="local")
            for i_0, j_0 in T.grid(4, 4):
                for ax0, ax1 in T.grid(128, 32):
                    with T.block("B_global"):
                        v0 = T.axis.spatial(128, ax0)
                        v1 = T.axis.spatial(128, j_0 * 32 + ax1)
                        T.reads(B[v0, v1])
                        T.writes(B_global[v0, v1])
                        B_global[v0, v1] = B[v0, v1]
                for i_1, j_1, k in T.grid(32, 32, 128):
                    with T.block("C"):
                        vi = T.axis.spatial(128, i_0 * 32 + i_1)
                        vj = T.axis.spatial(128, j_0 * 32 + j_1)
                        vk = T.axis.reduce(128, k)
                        T.reads(A[vi, vk], B_global[vk, vj])
                        T.writes(C_local[vi, vj])
                        with T.init():
                            C_local[vi, vj] = T.float32(0.0)
                        C_local[vi, vj] = C_local[vi, vj] + A[vi, vk] * B_global[vk, vj]
                for ax0, ax1 in T.grid(32, 32):
                    with T.block("C_local"):
                        v0 = T.axis.spatial(128, i_0 * 32 + ax0)
                        v1 = T.axis.spatial(128, j_0 * 32 + ax1)
                        T.reads(C_local[v0, v1])
                        T.writes(C[v0, v1])
                        C[v0, v1] = C_local[v0, v1]

    sch, block, j_0 = tiled_matmul()
    sch.compute_at(sch.cache_read(block, 1, "global"), j_0)
    sch.reverse_compute_at(sch.cache_write(block, 0, "local"), j_0)
    check(sch, expected)
    assert sch.trace.as_python()[-4:] == [
        'b8 = sch.cache_read(block=b0, read_buffer_index=1, storage_scope="global")',
        "sch.compute_at(block=b8, loop=l6, preserve_unit_loops=False)",
        'b9 = sch.cache_write(block=b0, write_buffer_index=0, storage_scope="local")',
        "sch.reverse_compute_at(block=b9, loop=l6, preserve_unit_loops=False)",
    ]
    check_replay(sch, matmul)


def test_reverse_compute_at_with_a_producer_after_the_loop_is_illegal():
    @T.prim_func
    def late_producer(A: T.Buffer((16,), "float32"), D: T.Buffer((16,), "float32")):
        with T.block("root"):
            B = T.alloc_buffer((16,))
            C = T.alloc_buffer((16,))
            for i in range(16):
                with T.block("B"):
                    vi = T.axis.spatial(16, i)
                    T.reads(A[vi])
                    T.writes(B[vi])
                    B[vi] = A[vi]
            for i in range(16):
                with T.block("C"):
                    vi = T.axis.spatial(16, i)
                    T.reads(A[vi])
                    T.writes(C[vi])
                    C[vi] = A[vi]
            for i in range(16):
                with T.block("D"):
                    vi = T.axis.spatial(16, i)
                    T.reads(B[vi], C[vi])
                    T.writes(D[vi])
                    D[vi] = B[vi] + C[vi]

    sch = Schedule(late_producer)
    (b_loop,) = sch.get_loops(sch.get_block("B"))
    block_d = sch.get_block("D")
    assert_unchanged_on_error(sch, lambda: sch.reverse_compute_at(block_d, b_loop),
                              r'reverse_compute_at: block "C" writes C after loop i, outside it; '
                              r'block "D" cannot move before it')
