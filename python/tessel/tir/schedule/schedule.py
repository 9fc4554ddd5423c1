"""Schedule: the state of a schedule and its primitives (implemented in C++)."""

from ..._core.tir import schedule as _schedule

Schedule = _schedule.Schedule
Schedule.__module__ = "tessel.tir.schedule"

__all__ = ["Schedule"]
