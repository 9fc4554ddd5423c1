"""decompose_reduction, rfactor, transform_layout, storage_align, blockize and tensorize:
before/after scripts compared structurally, every illegal case, traces and replay."""

import pytest

from tessel import ir, tir
from tessel.error import ScheduleError
from tessel.script import tir as T
from tessel.tir import Schedule, TensorIntrin


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
def row_sum(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128,), "float32")):
    for i, k in T.grid(128, 128):
        with T.block("B"):
            vi, vk = T.axis.remap("SR", [i, k])
            T.reads(A[vi, vk])
            T.writes(B[vi])
            with T.init():
                B[vi] = T.float32(0.0)
            B[vi] = B[vi] + A[vi, vk]


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


def check_replay(sch: Schedule, func: tir.PrimFunc):
    """Replaying the trace, and running its Python text, both give the same function."""
    replayed = Schedule(func)
    sch.trace.apply_to_schedule(replayed, False)
    ir.assert_structural_equal(replayed.mod["main"], sch.mod["main"])
    from_text = Schedule(func)
    exec("\n".join(sch.trace.as_python()), {"sch": from_text})  # noqa: S102
    ir.assert_structural_equal(from_text.mod["main"], sch.mod["main"])


def assert_unchanged_on_error(sch: Schedule, call, match: str):
    """The primitive raises ScheduleError matching `match` and changes nothing."""
    before, trace_len = sch.mod["main"], len(sch.trace.insts)
    with pytest.raises(ScheduleError, match=match):
        call()
    assert sch.mod["main"].same_as(before)
    assert len(sch.trace.insts) == trace_len


# ------------------------------------------------------------------ decompose_reduction


def test_decompose_reduction_at_inner_loop():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                 C: T.Buffer((128, 128), "float32")):
        for i, j in T.grid(128, 128):
            with T.block("C_init"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads()
                T.writes(C[vi, vj])
                C[vi, vj] = T.float32(0.0)
            for k in range(128):
                with T.block("C"):
                    vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                    T.reads(A[vi, vk], B[vk, vj])
                    T.writes(C[vi, vj])
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]

    sch = Schedule(matmul)
    block = sch.get_block("C")
    _, _, k = sch.get_loops(block)
    init = sch.decompose_reduction(block, k)
    check(sch, expected)
    assert sch.get(init).name_hint == "C_init"
    assert sch.trace.as_python()[-1] == "b4 = sch.decompose_reduction(block=b0, loop=l3)"
    check_replay(sch, matmul)


def test_decompose_reduction_at_outer_loop():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                 C: T.Buffer((128, 128), "float32")):
        for i_init, j_init in T.grid(128, 128):
            with T.block("C_init"):
                vi, vj = T.axis.remap("SS", [i_init, j_init])
                T.reads()
                T.writes(C[vi, vj])
                C[vi, vj] = T.float32(0.0)
        for i, j, k in T.grid(128, 128, 128):
            with T.block("C"):
                vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                T.reads(A[vi, vk], B[vk, vj])
                T.writes(C[vi, vj])
                C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]

    sch = Schedule(matmul)
    block = sch.get_block("C")
    i, _, _ = sch.get_loops(block)
    sch.decompose_reduction(block, i)
    check(sch, expected)
    check_replay(sch, matmul)


def test_decompose_reduction_errors():
    sch = Schedule(elementwise)
    block = sch.get_block("B")
    i, _ = sch.get_loops(block)
    assert_unchanged_on_error(sch, lambda: sch.decompose_reduction(block, i),
                              'decompose_reduction: block "B" has no init')
    sch = Schedule(matmul)
    block = sch.get_block("C")
    _, _, k = sch.get_loops(block)
    sch.decompose_reduction(block, k)
    init = sch.get_block("C_init")
    assert_unchanged_on_error(sch, lambda: sch.decompose_reduction(init, k),
                              'decompose_reduction: block "C_init" has no init')
    sch = Schedule(matmul_with_copy)
    block = sch.get_block("C")
    copy_loop = sch.get_loops(sch.get_block("B_pack"))[0]
    assert_unchanged_on_error(sch, lambda: sch.decompose_reduction(block, copy_loop),
                              'decompose_reduction: loop k is not a loop above block "C"')
    sch = Schedule(matmul)
    block = sch.get_block("C")
    _, j, k = sch.get_loops(block)
    sch.reorder(k, j)
    assert_unchanged_on_error(sch, lambda: sch.decompose_reduction(block, j),
                              "decompose_reduction: loop j is under loop k, which feeds the "
                              'reduction variable vk of block "C"')
    sch = Schedule(matmul)
    block = sch.get_block("C")
    loops = sch.get_loops(block)
    sch.decompose_reduction(block, loops[2])
    assert_unchanged_on_error(sch, lambda: sch.rfactor(loops[0], 0),
                              "rfactor: loop i has 2 blocks under it")


# ------------------------------------------------------------------ rfactor


def test_rfactor_row_sum():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128,), "float32")):
        with T.block("root"):
            B_rf = T.alloc_buffer((32, 128), "float32")
            for i, k_0, k_1 in T.grid(128, 4, 32):
                with T.block("B_rf"):
                    vk_1 = T.axis.spatial(32, k_1)
                    vi = T.axis.spatial(128, i)
                    vk_0 = T.axis.reduce(4, k_0)
                    T.reads(A[vi, vk_0 * 32 + vk_1])
                    T.writes(B_rf[vk_1, vi])
                    with T.init():
                        B_rf[vk_1, vi] = T.float32(0.0)
                    B_rf[vk_1, vi] = B_rf[vk_1, vi] + A[vi, vk_0 * 32 + vk_1]
            for i_1, k_1_1 in T.grid(128, 32):
                with T.block("B"):
                    vk_1 = T.axis.reduce(32, k_1_1)
                    vi = T.axis.spatial(128, i_1)
                    T.reads(B_rf[vk_1, vi])
                    T.writes(B[vi])
                    with T.init():
                        B[vi] = T.float32(0.0)
                    B[vi] = B[vi] + B_rf[vk_1, vi]

    sch = Schedule(row_sum)
    _, k = sch.get_loops(sch.get_block("B"))
    _, k_1 = sch.split(k, [None, 32])
    rf = sch.rfactor(k_1, 0)
    check(sch, expected)
    assert sch.get(rf).name_hint == "B_rf"
    assert sch.trace.as_python()[-1] == "b5 = sch.rfactor(loop=l4, factor_axis=0)"
    check_replay(sch, row_sum)


def test_rfactor_max_at_last_axis():
    @T.prim_func
    def row_max(A: T.Buffer((16, 16), "float32"), B: T.Buffer((16,), "float32")):
        for i, k in T.grid(16, 16):
            with T.block("B"):
                vi, vk = T.axis.remap("SR", [i, k])
                T.reads(A[vi, vk])
                T.writes(B[vi])
                with T.init():
                    B[vi] = T.float32(-1.0)
                B[vi] = T.max(B[vi], A[vi, vk])

    @T.prim_func
    def expected(A: T.Buffer((16, 16), "float32"), B: T.Buffer((16,), "float32")):
        with T.block("root"):
            B_rf = T.alloc_buffer((16, 16), "float32")
            for i, k in T.grid(16, 16):
                with T.block("B_rf"):
                    vk, vi = T.axis.remap("SS", [k, i])
                    T.reads(A[vi, vk])
                    T.writes(B_rf[vi, vk])
                    with T.init():
                        B_rf[vi, vk] = T.float32(-3.4028234663852886e+38)
                    B_rf[vi, vk] = T.max(B_rf[vi, vk], A[vi, vk])
            for i_1, k_1 in T.grid(16, 16):
                with T.block("B"):
                    vk = T.axis.reduce(16, k_1)
                    vi = T.axis.spatial(16, i_1)
                    T.reads(B_rf[vi, vk])
                    T.writes(B[vi])
                    with T.init():
                        B[vi] = T.float32(-1.0)
                    B[vi] = T.max(B[vi], B_rf[vi, vk])

    sch = Schedule(row_max)
    _, k = sch.get_loops(sch.get_block("B"))
    sch.rfactor(k, -1)
    check(sch, expected)


def test_rfactor_errors():
    sch = Schedule(row_sum)
    i, k = sch.get_loops(sch.get_block("B"))
    assert_unchanged_on_error(sch, lambda: sch.rfactor(i, 0),
                              "rfactor: loop i is bound to the spatial variable vi")
    assert_unchanged_on_error(sch, lambda: sch.rfactor(k, 2),
                              r"rfactor: factor_axis 2 is out of range \[-2, 1\]")
    sch = Schedule(elementwise)
    _, j = sch.get_loops(sch.get_block("B"))
    assert_unchanged_on_error(sch, lambda: sch.rfactor(j, 0), 'block "B" has no init')

    @T.prim_func
    def not_a_reducer(A: T.Buffer((16, 16), "float32"), B: T.Buffer((16,), "float32")):
        for i, k in T.grid(16, 16):
            with T.block("B"):
                vi, vk = T.axis.remap("SR", [i, k])
                T.reads(A[vi, vk])
                T.writes(B[vi])
                with T.init():
                    B[vi] = T.float32(0.0)
                B[vi] = B[vi] - A[vi, vk]

    sch = Schedule(not_a_reducer)
    _, k = sch.get_loops(sch.get_block("B"))
    assert_unchanged_on_error(sch, lambda: sch.rfactor(k, 0),
                              "is not a recognized commutative reducer")


# ------------------------------------------------------------------ transform_layout


@T.prim_func
def matmul_with_copy(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                     C: T.Buffer((128, 128), "float32")):
    with T.block("root"):
        B_pack = T.alloc_buffer((128, 128), "float32")
        for k, j in T.grid(128, 128):
            with T.block("B_pack"):
                vk, vj = T.axis.remap("SS", [k, j])
                T.reads(B[vk, vj])
                T.writes(B_pack[vk, vj])
                B_pack[vk, vj] = B[vk, vj]
        for i, j, k in T.grid(128, 128, 128):
            with T.block("C"):
                vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                T.reads(A[vi, vk], B_pack[vk, vj])
                T.writes(C[vi, vj])
                with T.init():
                    C[vi, vj] = T.float32(0.0)
                C[vi, vj] = C[vi, vj] + A[vi, vk] * B_pack[vk, vj]


def test_transform_layout_packs_intermediate_buffer():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                 C: T.Buffer((128, 128), "float32")):
        with T.block("root"):
            B_pack = T.alloc_buffer((8, 128, 16), "float32")
            for k, j in T.grid(128, 128):
                with T.block("B_pack"):
                    vk, vj = T.axis.remap("SS", [k, j])
                    T.reads(B[vk, vj])
                    T.writes(B_pack[vj // 16, vk, vj % 16])
                    B_pack[vj // 16, vk, vj % 16] = B[vk, vj]
            for i, j, k in T.grid(128, 128, 128):
                with T.block("C"):
                    vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                    T.reads(A[vi, vk], B_pack[vj // 16, vk, vj % 16])
                    T.writes(C[vi, vj])
                    with T.init():
                        C[vi, vj] = T.float32(0.0)
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * B_pack[vj // 16, vk, vj % 16]

    sch = Schedule(matmul_with_copy)
    sch.transform_layout(sch.get_block("B_pack"), 0, "write", lambda k, j: (j // 16, k, j % 16))
    check(sch, expected)
    assert sch.trace.as_python()[-1] == (
        'sch.transform_layout(block=b0, buffer_index=0, buffer_index_type="write", '
        "index_map=lambda k, j: (j // 16, k, j % 16))")
    check_replay(sch, matmul_with_copy)


def test_transform_layout_of_a_parameter():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((8, 128, 16), "float32"),
                 C: T.Buffer((128, 128), "float32")):
        for i, j, k in T.grid(128, 128, 128):
            with T.block("C"):
                vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                T.reads(A[vi, vk], B[vj // 16, vk, vj % 16])
                T.writes(C[vi, vj])
                with T.init():
                    C[vi, vj] = T.float32(0.0)
                C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vj // 16, vk, vj % 16]

    sch = Schedule(matmul)
    sch.transform_layout(sch.get_block("C"), 1, "read", lambda k, j: (j // 16, k, j % 16))
    check(sch, expected)


def test_transform_layout_errors():
    sch = Schedule(matmul_with_copy)
    block = sch.get_block("B_pack")
    assert_unchanged_on_error(
        sch, lambda: sch.transform_layout(block, 0, "write", lambda k, j: (j // 24, k, j % 24)),
        r"transform_layout: the index map lambda k, j: \(j // 24, k, j % 24\) is not a "
        r"bijection of the shape \(128, 128\) of buffer B_pack")
    assert_unchanged_on_error(
        sch, lambda: sch.transform_layout(block, 0, "write", lambda k, j: (k + j, j)),
        "is not a bijection")
    assert_unchanged_on_error(
        sch, lambda: sch.transform_layout(block, 0, "write", lambda k: (k,)),
        "takes 1 indices, but buffer B_pack has 2 dimensions")
    assert_unchanged_on_error(
        sch, lambda: sch.transform_layout(block, 1, "write", lambda k, j: (j, k)),
        r'block "B_pack" has 1 write buffers; buffer_index 1 is out of range')
    assert_unchanged_on_error(
        sch, lambda: sch.transform_layout(block, 0, "both", lambda k, j: (j, k)),
        'buffer_index_type must be "read" or "write", found "both"')


# ------------------------------------------------------------------ storage_align


def test_storage_align():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32")):
        for i, j in T.grid(128, 128):
            with T.block("B"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                T.block_attr({"buffer_dim_align": [[0, 0, 16, 1]]})
                B[vi, vj] = A[vi, vj] * T.float32(2.0)

    sch = Schedule(elementwise)
    block = sch.get_block("B")
    sch.storage_align(block, 0, axis=0, factor=32, offset=0)
    sch.storage_align(block, 0, axis=-2, factor=16, offset=1)  # replaces the entry of axis 0
    check(sch, expected)
    assert sch.trace.as_python()[-1] == (
        "sch.storage_align(block=b0, buffer_index=0, axis=0, factor=16, offset=1)")
    check_replay(sch, elementwise)


def test_storage_align_errors():
    sch = Schedule(elementwise)
    block = sch.get_block("B")
    assert_unchanged_on_error(sch, lambda: sch.storage_align(block, 0, 2, 16, 0),
                              r"storage_align: axis 2 is out of range \[-2, 2\) for buffer B")
    assert_unchanged_on_error(sch, lambda: sch.storage_align(block, 1, 0, 16, 0),
                              "has 1 write buffers; buffer_index 1 is out of range")
    assert_unchanged_on_error(sch, lambda: sch.storage_align(block, 0, 0, 0, 0),
                              "factor 0 is not positive")


# ------------------------------------------------------------------ blockize


def test_blockize_two_loop_subtree():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32")):
        for i_0, j_0 in T.grid(8, 8):
            with T.block("B_o"):
                vi_o, vj_o = T.axis.remap("SS", [i_0, j_0])
                T.reads(A[vi_o * 16:vi_o * 16 + 16, vj_o * 16:vj_o * 16 + 16])
                T.writes(B[vi_o * 16:vi_o * 16 + 16, vj_o * 16:vj_o * 16 + 16])
                for i_1, j_1 in T.grid(16, 16):
                    with T.block("B"):
                        vi_i, vj_i = T.axis.remap("SS", [i_1, j_1])
                        T.reads(A[vi_o * 16 + vi_i, vj_o * 16 + vj_i])
                        T.writes(B[vi_o * 16 + vi_i, vj_o * 16 + vj_i])
                        B[vi_o * 16 + vi_i, vj_o * 16 + vj_i] = (
                            A[vi_o * 16 + vi_i, vj_o * 16 + vj_i] * T.float32(2.0))

    sch = Schedule(elementwise)
    i, j = sch.get_loops(sch.get_block("B"))
    i_0, i_1 = sch.split(i, [None, 16])
    j_0, j_1 = sch.split(j, [None, 16])
    sch.reorder(i_0, j_0, i_1, j_1)
    outer = sch.blockize(i_1)
    check(sch, expected)
    assert sch.get(outer).name_hint == "B_o"
    assert sch.trace.as_python()[-1] == "b7 = sch.blockize(loop=l4)"
    check_replay(sch, elementwise)


def test_blockize_moves_the_init_out_of_an_outer_reduction():
    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                 C: T.Buffer((128, 128), "float32")):
        for i, k in T.grid(128, 128):
            with T.block("C_o"):
                vi_o = T.axis.spatial(128, i)
                vj_o = T.axis.spatial(1, 0)
                vk_o = T.axis.reduce(128, k)
                T.reads(A[vi_o, vk_o], B[vk_o, 0:128])
                T.writes(C[vi_o, 0:128])
                with T.init():
                    for j_init in range(128):
                        with T.block("C_init"):
                            vj_i = T.axis.spatial(128, j_init)
                            T.reads()
                            T.writes(C[vi_o, vj_i])
                            C[vi_o, vj_i] = T.float32(0.0)
                for j in range(128):
                    with T.block("C"):
                        vj_i = T.axis.spatial(128, j)
                        T.reads(A[vi_o, vk_o], B[vk_o, vj_i])
                        T.writes(C[vi_o, vj_i])
                        C[vi_o, vj_i] = C[vi_o, vj_i] + A[vi_o, vk_o] * B[vk_o, vj_i]

    sch = Schedule(matmul)
    _, j, k = sch.get_loops(sch.get_block("C"))
    sch.reorder(k, j)
    sch.blockize(j)
    check(sch, expected)
    check_replay(sch, matmul)


def test_blockize_errors():
    sch = Schedule(matmul)
    block = sch.get_block("C")
    _, j, k = sch.get_loops(block)
    sch.decompose_reduction(block, k)
    assert_unchanged_on_error(sch, lambda: sch.blockize(j),
                              "blockize: loop j has 2 blocks under it; blockize needs exactly one")
    sch = Schedule(elementwise)
    i, j = sch.get_loops(sch.get_block("B"))
    sch.fuse(i, j)
    fused, = sch.get_loops(sch.get_block("B"))
    _, inner = sch.split(fused, [None, 24])
    assert_unchanged_on_error(sch, lambda: sch.blockize(inner),
                              'blockize: block "B" binds vi to .* cannot be divided')


# ------------------------------------------------------------------ tensorize


def _tiled_matmul() -> Schedule:
    sch = Schedule(matmul)
    block = sch.get_block("C")
    i, j, k = sch.get_loops(block)
    j_0, j_1 = sch.split(j, [None, 16])
    sch.reorder(k, j_1)
    sch.decompose_reduction(block, k)
    return sch


@T.prim_func
def matmul_avx512(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                  C: T.Buffer((128, 128), "float32")):
    for i, j_0 in T.grid(128, 8):
        with T.block("C_init_o"):
            vi_o, vj_o = T.axis.remap("SS", [i, j_0])
            T.reads()
            T.writes(C[vi_o, vj_o * 16:vj_o * 16 + 16])
            C[vi_o, T.Ramp(vj_o * 16, 1, 16)] = T.Broadcast(T.float32(0.0), 16)
        for k in range(128):
            with T.block("C_o"):
                vi_o, vj_o, vk_o = T.axis.remap("SSR", [i, j_0, k])
                T.reads(A[vi_o, vk_o], B[vk_o, vj_o * 16:vj_o * 16 + 16])
                T.writes(C[vi_o, vj_o * 16:vj_o * 16 + 16])
                C[vi_o, T.Ramp(vj_o * 16, 1, 16)] = T.fma(
                    T.Broadcast(A[vi_o, vk_o], 16), B[vk_o, T.Ramp(vj_o * 16, 1, 16)],
                    C[vi_o, T.Ramp(vj_o * 16, 1, 16)])


def test_tensorize_matmul_with_avx512_intrinsics():
    sch = _tiled_matmul()
    init_j_1 = sch.get_loops(sch.get_block("C_init"))[-1]
    sch.tensorize(init_j_1, "x86_avx512_zero_f32x16")
    j_1 = sch.get_loops(sch.get_block("C"))[-1]
    sch.tensorize(j_1, "x86_avx512_fma_f32x16")
    check(sch, matmul_avx512)
    assert sch.trace.as_python()[-1] == (
        'sch.tensorize(block_or_loop=l15, tensor_intrin="x86_avx512_fma_f32x16")')
    check_replay(sch, matmul)


def test_tensorize_a_blockized_block():
    sch = _tiled_matmul()
    sch.tensorize(sch.blockize(sch.get_loops(sch.get_block("C_init"))[-1]),
                  "x86_avx512_zero_f32x16")
    sch.tensorize(sch.blockize(sch.get_loops(sch.get_block("C"))[-1]), "x86_avx512_fma_f32x16")
    check(sch, matmul_avx512)
    check_replay(sch, matmul)


def test_tensorize_errors():
    sch = _tiled_matmul()
    j_1 = sch.get_loops(sch.get_block("C"))[-1]
    assert_unchanged_on_error(sch, lambda: sch.tensorize(j_1, "no_such_intrin"),
                              'tensorize: no tensor intrinsic named "no_such_intrin"')
    # The zero intrinsic's description does not match the update: rolled back, not blockized.
    assert_unchanged_on_error(sch, lambda: sch.tensorize(j_1, "x86_avx512_zero_f32x16"),
                              'tensorize: the body of block "C_o" does not match the '
                              'description of "x86_avx512_zero_f32x16"')
    assert len(sch.get_loops(sch.get_block("C"))) == 4

    sch = Schedule(matmul)
    block = sch.get_block("C")
    _, j, k = sch.get_loops(block)
    _, j_1 = sch.split(j, [None, 32])
    sch.reorder(k, j_1)
    sch.decompose_reduction(block, k)
    assert_unchanged_on_error(sch, lambda: sch.tensorize(j_1, "x86_avx512_fma_f32x16"),
                              "loop j_1 has the range \\[0, \\+32\\), the description's loop "
                              "\\[0, \\+16\\)")


def test_tensor_intrin_registry():
    fma = TensorIntrin.get("x86_avx512_fma_f32x16")
    assert "T.fma(T.Broadcast(A[0], 16)" in fma.impl.script()
    assert {"x86_avx512_fma_f32x16", "x86_avx512_zero_f32x16"} <= set(TensorIntrin.list_names())

    @T.prim_func
    def desc(A: T.Buffer((4,), "float32"), B: T.Buffer((4,), "float32")):
        for i in range(4):
            with T.block("copy"):
                vi = T.axis.spatial(4, i)
                T.reads(A[vi])
                T.writes(B[vi])
                B[vi] = A[vi]

    @T.prim_func
    def impl(A: T.Buffer((4,), "float32"), B: T.Buffer((4,), "float32")):
        B[T.Ramp(0, 1, 4)] = A[T.Ramp(0, 1, 4)]

    TensorIntrin.register("test_copy_f32x4", desc, impl)
    with pytest.raises(Exception, match='TensorIntrin "test_copy_f32x4" is already registered'):
        TensorIntrin.register("test_copy_f32x4", desc, impl)
    TensorIntrin.register("test_copy_f32x4", desc, impl, override=True)

    @T.prim_func
    def copy(A: T.Buffer((8, 8), "float32"), B: T.Buffer((8, 8), "float32")):
        for i, j in T.grid(8, 8):
            with T.block("B"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = A[vi, vj]

    sch = Schedule(copy)
    _, j = sch.get_loops(sch.get_block("B"))
    _, j_1 = sch.split(j, [None, 4])
    sch.tensorize(j_1, "test_copy_f32x4")
    assert ("B[vi_o, T.Ramp(vj_o * 4, 1, 4)] = A[vi_o, T.Ramp(vj_o * 4, 1, 4)]"
            in sch.mod["main"].script())
