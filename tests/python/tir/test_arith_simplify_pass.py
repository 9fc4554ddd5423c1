"""The tir.Simplify pass on scripted PrimFuncs, compared with the expected script."""

from tessel import ir, transform
from tessel.script import tir as T
from tessel.tir.transform import Simplify


def _simplify(func):
    mod = ir.IRModule({"main": func})
    return Simplify()(mod)["main"]


def test_split_loop_index_simplifies():
    @T.prim_func
    def before(A: T.Buffer((64,), "float32"), B: T.Buffer((64,), "float32")):
        for i in range(8):
            for ii in range(8):
                B[(i * 8 + ii) // 8 * 8 + (i * 8 + ii) % 8] = A[i * 8 + ii + 0] * T.float32(2.0)

    @T.prim_func
    def expected(A: T.Buffer((64,), "float32"), B: T.Buffer((64,), "float32")):
        for i in range(8):
            for ii in range(8):
                B[i * 8 + ii] = A[i * 8 + ii] * T.float32(2.0)

    ir.assert_structural_equal(_simplify(before), expected)


def test_provable_branches_and_trivial_loops_go_away():
    @T.prim_func
    def before(A: T.Buffer((16,), "float32"), n: T.int32):
        for i in range(16):
            if i < 16:
                A[i] = T.float32(1.0)
            if i >= 16:
                A[i] = T.float32(2.0)
            else:
                A[i] = A[i] + T.float32(3.0)
        for j in range(0):
            A[j] = T.float32(0.0)
        for k in range(1):
            A[k + 3] = T.float32(4.0)

    @T.prim_func
    def expected(A: T.Buffer((16,), "float32"), n: T.int32):
        for i in range(16):
            A[i] = T.float32(1.0)
            A[i] = A[i] + T.float32(3.0)
        A[3] = T.float32(4.0)

    ir.assert_structural_equal(_simplify(before), expected)


def test_loops_left_empty_disappear():
    @T.prim_func
    def before(A: T.Buffer((16,), "float32")):
        for i in range(16):
            if i >= 16:
                A[i] = T.float32(1.0)
        for j in range(4):
            A[j] = T.float32(2.0)

    @T.prim_func
    def expected(A: T.Buffer((16,), "float32")):
        for j in range(4):
            A[j] = T.float32(2.0)

    ir.assert_structural_equal(_simplify(before), expected)


def test_conditions_are_known_inside_branches():
    @T.prim_func
    def before(A: T.Buffer((128,), "float32"), n: T.int32):
        for i in range(128):
            if i < n:
                if i < n + 1:
                    A[T.min(i, n - 1)] = T.float32(1.0)
            else:
                A[T.max(i, n)] = T.float32(2.0)

    @T.prim_func
    def expected(A: T.Buffer((128,), "float32"), n: T.int32):
        for i in range(128):
            if i < n:
                A[i] = T.float32(1.0)
            else:
                A[i] = T.float32(2.0)

    ir.assert_structural_equal(_simplify(before), expected)


def test_block_iter_vars_know_their_domains():
    @T.prim_func
    def before(A: T.Buffer((32, 4), "float32")):
        for i, j in T.grid(32, 4):
            with T.block("B"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads()
                T.writes(A[vi, vj])
                A[vi, vj % 4 + vj // 4] = T.float32(0.0)

    @T.prim_func
    def expected(A: T.Buffer((32, 4), "float32")):
        for i, j in T.grid(32, 4):
            with T.block("B"):
                vi, vj = T.axis.remap("SS", [i, j])
                T.reads()
                T.writes(A[vi, vj])
                A[vi, vj] = T.float32(0.0)

    ir.assert_structural_equal(_simplify(before), expected)


def test_symbolic_extents_and_idempotence():
    @T.prim_func
    def before(var_A: T.handle):
        n = T.int32()
        A = T.match_buffer(var_A, (n * 8,), "float32")
        for i in range(n):
            for ii in range(8):
                if i * 8 + ii < n * 8:
                    A[i * 8 + ii] = T.float32(1.0)

    @T.prim_func
    def expected(var_A: T.handle):
        n = T.int32()
        A = T.match_buffer(var_A, (n * 8,), "float32")
        for i in range(n):
            for ii in range(8):
                A[i * 8 + ii] = T.float32(1.0)

    once = _simplify(before)
    ir.assert_structural_equal(once, expected)
    assert _simplify(once).same_as(once)


def test_registered_and_unchanged_module_is_shared():
    @T.prim_func
    def func(A: T.Buffer((4,), "float32")):
        for i in range(4):
            A[i] = T.float32(0.0)

    mod = ir.IRModule({"main": func})
    assert transform.get_pass("tir.Simplify")(mod).same_as(mod)
