"""TensorIR schedules: transform the loops and blocks of PrimFuncs, with a replayable trace.

A :class:`Schedule` holds an IRModule. Its primitives take and return random variables
(:class:`BlockRV`, :class:`LoopRV`, :class:`ExprRV`) rather than IR nodes, because each
primitive replaces the function it changes by a new one. Every call is recorded in a
:class:`Trace`, which prints as Python and replays onto a fresh schedule.

Example
-------
>>> from tessel.script import tir as T
>>> from tessel.tir import Schedule
>>> @T.prim_func
... def scale(A: T.Buffer((64,), "float32"), B: T.Buffer((64,), "float32")):
...     for i in range(64):
...         with T.block("B"):
...             vi = T.axis.spatial(64, i)
...             B[vi] = A[vi] * T.float32(2.0)
>>> sch = Schedule(scale, seed=0)
>>> (i,) = sch.get_loops(sch.get_block("B"))
>>> outer, inner = sch.split(i, [None, 8])
>>> sch.vectorize(inner)
>>> print(sch.trace, end="")
b0 = sch.get_block(name="B", func_name="main")
l1, = sch.get_loops(block=b0)
l2, l3 = sch.split(loop=l1, factors=[None, 8], preserve_unit_iters=True)
sch.vectorize(loop=l3)
"""

from .random_variable import BlockRV, ExprRV, LoopRV
from .gemm import schedule_matmul_x86
from .schedule import Schedule
from .tensor_intrin import TensorIntrin
from .trace import Instruction, InstructionKind, Trace

__all__ = ["Schedule", "TensorIntrin", "BlockRV", "LoopRV", "ExprRV", "Trace", "Instruction", "InstructionKind",
           "schedule_matmul_x86"]
