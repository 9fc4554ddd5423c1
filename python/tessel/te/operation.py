"""Computed tensors (:func:`compute`) and the symbolic sizes their shapes may use."""

import inspect
from typing import Callable, Optional, Tuple, Union

from .. import tir
from .._core import te as _te
from ..error import InvalidArgumentError
from .tensor import Shape, Tensor, as_shape


def _index_names(fcompute: Callable, ndim: int, name: str) -> list:
    """The names of fcompute's index parameters, checked against the number of dimensions."""
    params = inspect.signature(fcompute).parameters.values()
    positional = [p.name for p in params
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty]
    if any(p.kind == p.VAR_POSITIONAL for p in params) and len(positional) <= ndim:
        return positional + [f"i{k}" for k in range(len(positional), ndim)]
    if len(positional) != ndim:
        raise InvalidArgumentError(
            f"te.compute {name}: fcompute takes {len(positional)} index variable(s) "
            f"({', '.join(positional)}) but the shape has {ndim} dimension(s)")
    return positional


def compute(shape: Shape, fcompute: Callable, name: str = "compute", tag: str = "",
            attrs: Optional[dict] = None) -> Union[Tensor, Tuple[Tensor, ...]]:
    """A tensor defined element by element.

    Parameters
    ----------
    shape : int, tessel.ir.PrimExpr or sequence of them
        The extent of each dimension.
    fcompute : callable
        Called once with one index variable per dimension (named like its parameters);
        returns the element's value: an expression of the indices, reading other tensors
        with ``A[i, j]``, or a reduction such as ``te.sum(..., axis=k)`` as the whole value.
        A tuple of values makes one tensor per value, computed together (the values of a
        tuple reducer such as argmax).
    name : str
        The name of the output: the block and buffer :func:`create_prim_func` makes.
    tag : str
        A free-form label.
    attrs : dict, optional
        Extra information, which becomes the block's annotations.

    Returns
    -------
    Tensor or tuple of Tensor
        The computed tensor, or one per value when fcompute returns a tuple.

    Raises
    ------
    tessel.error.InvalidArgumentError
        When fcompute's parameters do not match the shape, it returns something other than
        expressions, a reduction is nested inside an expression, or the values of a tuple
        are not all the values of one reduction or all free of reductions.
    """
    shape = as_shape(shape)
    names = _index_names(fcompute, len(shape), name)
    return _te.compute(shape, fcompute, names, name, tag, attrs or {})


def var(name: str = "tindex", dtype: str = "int32") -> "tir.Var":
    """A symbolic scalar, such as a dimension of a shape (a :class:`tessel.tir.Var`)."""
    return tir.Var(name, dtype)


def size_var(name: str = "size", dtype: str = "int32") -> "tir.SizeVar":
    """A symbolic size known to be non-negative (a :class:`tessel.tir.SizeVar`)."""
    return tir.SizeVar(name, dtype)
