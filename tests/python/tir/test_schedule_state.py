"""The schedule's state: getters, random-variable resolution, modules of several functions."""

import pytest

from tessel import ir, tir
from tessel.error import InvalidArgumentError, ScheduleError
from tessel.script import ir as I
from tessel.script import tir as T
from tessel.tir import Schedule
from tessel.tir.schedule import BlockRV, LoopRV


@I.ir_module
class Module:
    @T.prim_func
    def main(A: T.Buffer((16, 16), "float32"), B: T.Buffer((16, 16), "float32")):
        for i in range(16):
            for j in range(16):
                with T.block("A"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    A[vi, vj] = T.float32(1.0)
            for j in range(16):
                with T.block("B"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    B[vi, vj] = A[vi, vj]

    @T.prim_func
    def other(A: T.Buffer((8,), "float32")):
        for i in range(8):
            with T.block("A"):
                vi = T.axis.spatial(8, i)
                with T.block("inner"):
                    A[vi] = T.float32(0.0)


def test_get_block_loops_and_children():
    sch = Schedule(Module)
    a = sch.get_block("A")
    assert isinstance(a, BlockRV) and a.func_name == "main"
    loops = sch.get_loops(a)
    assert all(isinstance(l, LoopRV) for l in loops)
    assert [sch.get(l).loop_var.name_hint for l in loops] == ["i", "j"]
    assert isinstance(sch.get(a), tir.Block) and sch.get(a).name_hint == "A"
    children = sch.get_child_blocks(loops[0])
    assert [c.block_name for c in children] == ["A", "B"]


def test_blocks_of_another_function_and_nested_blocks():
    sch = Schedule(Module)
    outer = sch.get_block("A", func_name="other")
    assert [b.block_name for b in sch.get_child_blocks(outer)] == ["inner"]
    inner = sch.get_block("inner", func_name="other")
    assert sch.get_loops(inner) == ()  # loops stop at the enclosing block
    (i,) = sch.get_loops(outer)
    sch.split(i, [2, 4])
    ir.assert_structural_equal(sch.mod["main"], Module["main"])
    assert sch.mod["other"].body.extent.value == 2


def test_missing_things_are_schedule_errors():
    sch = Schedule(Module)
    with pytest.raises(ScheduleError, match='get_block: no block named "Z" in function "main"'):
        sch.get_block("Z")
    with pytest.raises(ScheduleError, match='get_block: the module has no function "nope"'):
        sch.get_block("A", func_name="nope")
    with pytest.raises(ScheduleError, match="get_child_blocks: expected a BlockRV or LoopRV"):
        sch.get_child_blocks("A")
    assert len(sch.trace.insts) == 0


def test_a_prim_func_becomes_main_and_the_input_is_never_changed():
    func = Module["other"]
    sch = Schedule(func)
    (i,) = sch.get_loops(sch.get_block("A"))
    sch.split(i, [None, 4])
    assert sch.mod.get_global_vars()[0].name_hint == "main"
    assert func.body.extent.value == 8
    snapshot = sch.mod
    sch.parallel(sch.get_loops(sch.get_block("A"))[0])
    assert snapshot["main"].body.kind == tir.ForKind.SERIAL


def test_schedule_of_something_else_is_an_error():
    with pytest.raises(InvalidArgumentError, match="Schedule: expected an IRModule or a PrimFunc, found a str"):
        Schedule("main")


def test_package_docstring_example_runs():
    import doctest

    import tessel.tir.schedule

    assert doctest.testmod(tessel.tir.schedule).failed == 0
