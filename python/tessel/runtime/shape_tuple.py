"""ShapeTuple: the run-time value of a Relax shape."""

from .._core import runtime as _rt

ShapeTuple = _rt.ShapeTuple
ShapeTuple.__module__ = "tessel.runtime"
