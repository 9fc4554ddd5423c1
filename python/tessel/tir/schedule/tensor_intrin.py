"""TensorIntrin: a computation's description and implementation, registered for tensorize."""

from ..._core.tir import schedule as _schedule

TensorIntrin = _schedule.TensorIntrin
TensorIntrin.__module__ = "tessel.tir.schedule"

__all__ = ["TensorIntrin"]
