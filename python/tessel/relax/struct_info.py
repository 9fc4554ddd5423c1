"""Struct info: what Relax knows statically about a value.

:class:`TensorStructInfo` records a tensor's (possibly symbolic) shape, dtype and rank;
``ndim=-1`` and ``dtype="void"`` stand for unknown. Constructors check consistency and
raise :class:`tessel.error.InvalidArgumentError` otherwise.
"""

from .._core import relax as _relax

StructInfo = _relax.StructInfo
ObjectStructInfo = _relax.ObjectStructInfo
PrimStructInfo = _relax.PrimStructInfo
ShapeStructInfo = _relax.ShapeStructInfo
TensorStructInfo = _relax.TensorStructInfo
TupleStructInfo = _relax.TupleStructInfo
FuncStructInfo = _relax.FuncStructInfo

__all__ = [
    "StructInfo", "ObjectStructInfo", "PrimStructInfo", "ShapeStructInfo", "TensorStructInfo",
    "TupleStructInfo", "FuncStructInfo",
]

for _name in __all__:
    globals()[_name].__module__ = "tessel.relax"
