"""Tensors and the operations that produce them; :func:`placeholder` declares an input."""

from typing import Sequence, Union

from .._core import te as _te
from ..ir import PrimExpr

Tensor = _te.Tensor
Operation = _te.Operation
PlaceholderOp = _te.PlaceholderOp
ComputeOp = _te.ComputeOp
ProducerLoad = _te.ProducerLoad
for _cls in (Tensor, Operation, PlaceholderOp, ComputeOp, ProducerLoad):
    _cls.__module__ = "tessel.te"

Shape = Union[int, PrimExpr, Sequence[Union[int, PrimExpr]]]


def as_shape(shape: Shape) -> tuple:
    """A shape as a tuple: a single int or PrimExpr is a 1-d shape."""
    return tuple(shape) if isinstance(shape, (tuple, list)) else (shape,)


def placeholder(shape: Shape, dtype: str = "float32", name: str = "placeholder") -> Tensor:
    """An input tensor.

    Parameters
    ----------
    shape : int, tessel.ir.PrimExpr or sequence of them
        The extent of each dimension; a :func:`tessel.te.var` makes a symbolic one.
    dtype : str
        The element type.
    name : str
        The name of the input: :func:`create_prim_func` names its parameter and buffer so.

    Returns
    -------
    Tensor
        The input; ``A[i, j]`` reads it inside a :func:`tessel.te.compute`.
    """
    return _te.placeholder(as_shape(shape), dtype, name)
