"""get_block_read_write_region and the T parser's inference of omitted T.reads/T.writes:
each block is written with its regions declared, and the analysis must find the same ones."""

from tessel import ir
from tessel.script import tir as T
from tessel.tir import Schedule
from tessel.tir.analysis import get_block_read_write_region


def block_of(func, name):
    sch = Schedule(func)
    return sch.get(sch.get_block(name))


def check_declared(func, name):
    """The analysis of block `name` gives exactly the regions the script declares."""
    block = block_of(func, name)
    reads, writes = get_block_read_write_region(block)
    ir.assert_structural_equal(reads, list(block.reads))
    ir.assert_structural_equal(writes, list(block.writes))


def test_elementwise():
    @T.prim_func
    def func(A: T.Buffer((16, 16), "float32"), B: T.Buffer((16, 16), "float32")):
        for i, j in T.grid(16, 16):
            with T.block("B"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = A[vi, vj] * T.float32(2.0)

    check_declared(func, "B")


def test_matmul_update_reads_and_writes_c():
    @T.prim_func
    def func(A: T.Buffer((16, 16), "float32"), B: T.Buffer((16, 16), "float32"),
             C: T.Buffer((16, 16), "float32")):
        for i, j, k in T.grid(16, 16, 16):
            with T.block("C"):
                vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                T.reads(C[vi, vj], A[vi, vk], B[vk, vj])
                T.writes(C[vi, vj])
                with T.init():
                    C[vi, vj] = T.float32(0.0)
                C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]

    check_declared(func, "C")


def test_inner_loop_is_relaxed():
    @T.prim_func
    def func(A: T.Buffer((16, 8), "float32"), B: T.Buffer((16,), "float32")):
        for i in range(16):
            with T.block("B"):
                vi = T.axis.spatial(16, i)
                T.reads(A[vi, 0:8])
                T.writes(B[vi])
                B[vi] = T.float32(0.0)
                for k in range(8):
                    B[vi] = B[vi] + A[vi, k]

    block = block_of(func, "B")
    reads, writes = get_block_read_write_region(block)
    # The update reads B too, before A in `B[vi] + A[vi, k]`.
    assert [r.buffer.name for r in reads] == ["B", "A"]
    ir.assert_structural_equal(reads[1], block.reads[0])
    ir.assert_structural_equal(writes, list(block.writes))


def test_stencil_accesses_join():
    @T.prim_func
    def func(A: T.Buffer((18,), "float32"), B: T.Buffer((16,), "float32")):
        for i in range(16):
            with T.block("B"):
                vi = T.axis.spatial(16, i)
                T.reads(A[vi:vi + 3])
                T.writes(B[vi])
                B[vi] = A[vi] + A[vi + 1] + A[vi + 2]

    check_declared(func, "B")


def test_alloc_buffer_of_the_block_is_left_out():
    @T.prim_func
    def func(A: T.Buffer((16, 4), "float32"), B: T.Buffer((16,), "float32")):
        for i in range(16):
            with T.block("B"):
                vi = T.axis.spatial(16, i)
                T.reads(A[vi, 0:4])
                T.writes(B[vi])
                acc = T.alloc_buffer((1,))
                acc[0] = T.float32(0.0)
                for k in range(4):
                    acc[0] = acc[0] + A[vi, k]
                B[vi] = acc[0]

    check_declared(func, "B")


def test_nested_block_counts_by_its_declared_regions():
    @T.prim_func
    def func(A: T.Buffer((16, 4), "float32"), B: T.Buffer((16, 4), "float32")):
        for i in range(16):
            with T.block("outer"):
                vi = T.axis.spatial(16, i)
                T.reads(A[vi, 0:4])
                T.writes(B[vi, 0:4])
                for j in range(4):
                    with T.block("inner"):
                        vj = T.axis.spatial(4, j)
                        T.reads(A[vi, vj])
                        T.writes(B[vi, vj])
                        B[vi, vj] = A[vi, vj] + T.float32(1.0)

    check_declared(func, "outer")


@T.prim_func
def two_stage_explicit(A: T.Buffer((64, 64), "float32"), C: T.Buffer((64, 64), "float32")):
    with T.block("root"):
        T.reads()
        T.writes()
        B = T.alloc_buffer((64, 64))
        for i, j in T.grid(64, 64):
            with T.block("B"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(A[vi, vj])
                T.writes(B[vi, vj])
                B[vi, vj] = A[vi, vj] * T.float32(2.0)
        for i, j in T.grid(64, 64):
            with T.block("C"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads(B[vi, vj])
                T.writes(C[vi, vj])
                C[vi, vj] = B[vi, vj] + T.float32(1.0)


@T.prim_func
def two_stage_inferred(A: T.Buffer((64, 64), "float32"), C: T.Buffer((64, 64), "float32")):
    with T.block("root"):
        B = T.alloc_buffer((64, 64))
        for i, j in T.grid(64, 64):
            with T.block("B"):
                vi, vj = T.axis.remap("SS", [i, j])
                B[vi, vj] = A[vi, vj] * T.float32(2.0)
        for i, j in T.grid(64, 64):
            with T.block("C"):
                vi, vj = T.axis.remap("SS", [i, j])
                C[vi, vj] = B[vi, vj] + T.float32(1.0)


def test_omitted_reads_writes_parse_like_explicit_ones():
    ir.assert_structural_equal(two_stage_inferred, two_stage_explicit)


def test_compute_inline_works_on_inferred_regions():
    @T.prim_func
    def expected(A: T.Buffer((64, 64), "float32"), C: T.Buffer((64, 64), "float32")):
        with T.block("root"):
            for i, j in T.grid(64, 64):
                with T.block("C"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    T.reads(A[vi, vj])
                    T.writes(C[vi, vj])
                    C[vi, vj] = A[vi, vj] * T.float32(2.0) + T.float32(1.0)

    sch = Schedule(two_stage_inferred)
    sch.compute_inline(sch.get_block("B"))
    ir.assert_structural_equal(sch.mod["main"], expected)


def test_explicitly_empty_reads_stay_empty():
    @T.prim_func
    def func(A: T.Buffer((4,), "float32"), B: T.Buffer((4,), "float32")):
        for i in range(4):
            with T.block("B"):
                vi = T.axis.spatial(4, i)
                T.reads()
                B[vi] = A[vi]

    block = block_of(func, "B")
    assert len(block.reads) == 0
    assert [w.buffer.name for w in block.writes] == ["B"]
