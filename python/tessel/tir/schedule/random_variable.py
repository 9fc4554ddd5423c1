"""The random variables of a schedule: handles to blocks, loops and sampled integers."""

from ..._core.tir import schedule as _schedule

BlockRV = _schedule.BlockRV
LoopRV = _schedule.LoopRV
ExprRV = _schedule.ExprRV

for _cls in (BlockRV, LoopRV, ExprRV):
    _cls.__module__ = "tessel.tir.schedule"

__all__ = ["BlockRV", "LoopRV", "ExprRV"]
