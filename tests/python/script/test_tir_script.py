"""The T dialect: every printed form parses back to the same PrimFunc, errors point at the text."""

import pytest

from tessel import ir, tir
from tessel.error import ParseError
from tessel.script import from_source
from tessel.script import ir as I
from tessel.script import tir as T
from tessel.testing import assert_roundtrip


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


def test_matmul_parses_to_blocks_and_round_trips():
    assert isinstance(matmul, tir.PrimFunc)
    assert len(matmul.params) == 3
    assert_roundtrip(matmul)


def test_symbolic_shapes_and_loop_kinds_round_trip():
    @T.prim_func
    def scale(var_A: T.handle, var_B: T.handle):
        n = T.int32()
        A = T.match_buffer(var_A, (n, 784), "float32")
        B = T.match_buffer(var_B, (n, 784), "float32")
        for i in T.parallel(n):
            for j in T.vectorized(2, 12):
                B[i, j] = A[i, j] * T.float32(2.0)
            for j in T.serial(i, i + 4):
                B[i, j // 2] = T.max(A[i, j % 784], T.float32(0.0))

    assert_roundtrip(scale)
    assert isinstance(scale.buffer_map[scale.params[0]].shape[0], tir.Var)


def test_control_flow_lets_and_intrinsics_round_trip():
    @T.prim_func
    def misc(A: T.Buffer((16,), "float32"), n: T.int32):
        for i in range(16):
            if i < n:
                A[i] = T.exp(A[i]) + T.Cast("float32", i)
            else:
                A[i] = T.Select(A[i] > T.float32(0.0), A[i], T.float32(0.0))
        x: T.int32 = n * 2
        A[x % 16] = T.sqrt(A[0])

    assert_roundtrip(misc)


def test_blocks_with_domains_allocation_and_predicate_round_trip():
    @T.prim_func
    def blocked(A: T.Buffer((64,), "float32"), B: T.Buffer((64,), "float32")):
        for io, ii in T.grid(9, 8):
            with T.block("B"):
                v = T.axis.spatial(64, io * 8 + ii)
                T.where(io * 8 + ii < 64)
                T.reads(A[v])
                T.writes(B[v])
                tmp = T.alloc_buffer((1,), "float32")
                tmp[0] = A[v]
                B[v] = tmp[0]

    assert_roundtrip(blocked)


def test_module_of_prim_funcs_round_trips():
    @I.ir_module
    class Module:
        I.module_attrs({"target": "llvm"})

        @T.prim_func
        def add_one(A: T.Buffer((8,), "float32"), B: T.Buffer((8,), "float32")):
            for i in range(8):
                B[i] = A[i] + T.float32(1.0)

        @T.prim_func
        def main(A: T.Buffer((8,), "float32"), B: T.Buffer((8,), "float32")):
            for i in range(8):
                B[i] = A[i]

    assert [gv.name_hint for gv in Module.get_global_vars()] == ["add_one", "main"]
    assert_roundtrip(Module)


def test_alpha_equivalent_scripts_are_equal():
    text = matmul.script()
    renamed = text.replace("vi", "row").replace("vj", "col")
    ir.assert_structural_equal(matmul, from_source(renamed))


def test_unknown_buffer_is_reported_at_its_line():
    text = '''
@T.prim_func
def f(A: T.Buffer((4,), "float32")):
    for i in range(4):
        A[i] = Q[i]
'''
    with pytest.raises(ParseError) as info:
        from_source(text, file="f.py")
    assert "f.py:5:16: error: unknown name 'Q'" in str(info.value)


def test_loop_variable_count_mismatch():
    text = '''
@T.prim_func
def f(A: T.Buffer((4, 4), "float32")):
    for i in T.grid(4, 4):
        A[i, i] = T.float32(0.0)
'''
    with pytest.raises(ParseError, match="2 loop variable"):
        from_source(text)


def test_parameter_without_type():
    with pytest.raises(ParseError, match="parameter 'A' needs a type"):
        from_source("@T.prim_func\ndef f(A):\n    pass\n")


def test_dtype_error_becomes_a_parse_error_at_the_expression():
    text = '''
@T.prim_func
def f(A: T.Buffer((4,), "float32"), n: T.int32):
    A[0] = A[1] + n
'''
    with pytest.raises(ParseError, match=r"<string>:4:12: error: .*int32"):
        from_source(text)


def test_equality_and_logic_build_ir_not_python_booleans():
    @T.prim_func
    def logic(A: T.Buffer((8,), "float32"), n: T.int32):
        for i in range(8):
            if i == 0 or not (i != n and i < 4):
                A[i] = T.float32(0.0)

    cond = logic.body.body.condition
    assert isinstance(cond, tir.Or)
    assert isinstance(cond.a, tir.EQ) and isinstance(cond.b, tir.Not)
    assert_roundtrip(logic)


def test_lowered_constructs_round_trip():
    @T.prim_func
    def lowered(A: T.Buffer((16,), "float32"), B: T.Buffer((4, 4), "float32", strides=(4, 1))):
        task_id = T.int32()
        num_tasks = T.int32()
        with T.attr([task_id, num_tasks], "parallel_launch", 0):
            with T.decl_buffer((8,), "float32", scope="local") as tmp:
                tmp[T.Ramp(0, 1, 8)] = A[T.Ramp(task_id * 8, 1, 8)]
                A[T.Ramp(task_id * 8, 1, 8)] = tmp[T.Ramp(0, 1, 8)] * T.Broadcast(T.float32(2.0), 8)
            flat = T.decl_buffer((4,), "float32")
            flat[num_tasks % 4] = B[0, 1]

    region = lowered.body
    assert isinstance(region, tir.AttrStmt) and region.attr_key == "parallel_launch"
    assert isinstance(region.body.seq[0], tir.Allocate) and region.body.seq[0].buffer.scope == "local"
    assert [s.value for s in lowered.buffer_map[lowered.params[1]].strides] == [4, 1]
    assert_roundtrip(lowered)


def test_attr_defines_its_task_variables():
    @T.prim_func
    def one(A: T.Buffer((16,), "float32")):
        t = T.int32()
        n = T.int32()
        with T.attr([t, n], "parallel_launch", 0):
            A[t] = T.Cast("float32", n + 1)

    @T.prim_func
    def same(A: T.Buffer((16,), "float32")):
        task = T.int32()
        tasks = T.int32()
        with T.attr([task, tasks], "parallel_launch", 0):
            A[task] = T.Cast("float32", tasks + 1)

    @T.prim_func
    def swapped(A: T.Buffer((16,), "float32")):
        t = T.int32()
        n = T.int32()
        with T.attr([t, n], "parallel_launch", 0):
            A[n] = T.Cast("float32", t + 1)

    ir.assert_structural_equal(one, same)
    assert not ir.structural_equal(one, swapped)
def test_scalar_parameter_may_size_an_earlier_buffer():
    copy = from_source('''
@T.prim_func
def copy(var_A: T.handle, B: T.Buffer((n,), "float32"), n: T.int32):
    A = T.match_buffer(var_A, (n,), "float32")
    for i in range(n):
        B[i] = A[i]
''')
    # buffer_map follows the parameters, whether a buffer is matched or in the signature.
    assert [p.name_hint for p in copy.buffer_map] == ["var_A", "B"]
    assert copy.buffer_map[copy.params[1]].shape[0].same_as(copy.params[2])
    assert_roundtrip(copy)


SCALE = 3.0


def test_prim_func_sees_the_callers_names():
    width = 8

    @T.prim_func
    def bare(A: T.Buffer((width,), "float32")):
        for i in range(width):
            A[i] = A[i] * SCALE

    @T.prim_func()
    def called(A: T.Buffer((width,), "float32")):
        for i in range(width):
            A[i] = A[i] * SCALE

    assert [d.value for d in bare.buffer_map[bare.params[0]].shape] == [width]
    ir.assert_structural_equal(bare, called)
