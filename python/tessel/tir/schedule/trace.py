"""Traces: the recorded primitive calls of a schedule, printable as Python and replayable."""

from ..._core.tir import schedule as _schedule

Trace = _schedule.Trace
Instruction = _schedule.Instruction
InstructionKind = _schedule.InstructionKind

for _cls in (Trace, Instruction, InstructionKind):
    _cls.__module__ = "tessel.tir.schedule"

__all__ = ["Trace", "Instruction", "InstructionKind"]
