"""Creation operators: tensors filled with a value (:func:`zeros`, :func:`ones`,
:func:`full`, and their ``_like`` forms taking another tensor's shape) and ranges
(:func:`arange`)."""

from typing import Optional, Union

from ... import tir
from ...error import InvalidArgumentError
from ..expr import Expr, PrimValue, ShapeExpr
from ..struct_info import PrimStructInfo
from ._make import make_call

__all__ = ["zeros", "ones", "full", "zeros_like", "ones_like", "full_like", "arange"]

Number = Union[int, float]


def _shape(shape) -> Expr:
    """A shape argument: a relax shape expression as is, a sequence as a ShapeExpr."""
    return shape if isinstance(shape, Expr) else ShapeExpr(list(shape))


def _prim(value) -> Expr:
    """A scalar argument: an Expr as is, a Python int as an int64 and a float as a float64
    PrimValue."""
    if isinstance(value, Expr):
        return value
    if isinstance(value, tir.PrimExpr):
        return PrimValue(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidArgumentError(
            f"expected an int, a float or a relax expression, got {type(value).__name__}")
    return PrimValue(tir.const(value, "int64" if isinstance(value, int) else "float64"))


def _dtype_attrs(dtype: Optional[str]) -> dict:
    return {} if dtype is None else {"dtype": str(dtype)}


def zeros(shape, dtype: str = "float32") -> Expr:
    """A tensor filled with 0.

    Parameters
    ----------
    shape : Expr or sequence of int or tessel.ir.PrimExpr
        Its shape (symbolic dimensions allowed).
    dtype : str
        Its element type.

    Returns
    -------
    Expr
        The call ``relax.zeros(shape)``.
    """
    return make_call("relax.zeros", [_shape(shape)], {"dtype": str(dtype)})


def ones(shape, dtype: str = "float32") -> Expr:
    """A tensor filled with 1.

    Parameters
    ----------
    shape : Expr or sequence of int or tessel.ir.PrimExpr
        Its shape (symbolic dimensions allowed).
    dtype : str
        Its element type.

    Returns
    -------
    Expr
        The call ``relax.ones(shape)``.
    """
    return make_call("relax.ones", [_shape(shape)], {"dtype": str(dtype)})


def full(shape, fill_value: Union[Expr, Number], dtype: Optional[str] = None) -> Expr:
    """A tensor filled with one value.

    Parameters
    ----------
    shape : Expr or sequence of int or tessel.ir.PrimExpr
        Its shape (symbolic dimensions allowed).
    fill_value : Expr, int or float
        The value: a 0-d tensor (such as a :func:`tessel.relax.const`) or a
        :class:`tessel.relax.PrimValue` of a constant; a Python int becomes an int64 and a
        float a float64 PrimValue.
    dtype : str, optional
        Its element type; ``fill_value``'s by default.

    Returns
    -------
    Expr
        The call ``relax.full(shape, fill_value)``.
    """
    return make_call("relax.full", [_shape(shape), _prim(fill_value)], _dtype_attrs(dtype))


def zeros_like(x: Expr, dtype: Optional[str] = None) -> Expr:
    """A tensor of ``x``'s shape filled with 0.

    Parameters
    ----------
    x : Expr
        The tensor whose shape is taken.
    dtype : str, optional
        The element type; ``x``'s by default.

    Returns
    -------
    Expr
        The call ``relax.zeros_like(x)``.
    """
    return make_call("relax.zeros_like", [x], _dtype_attrs(dtype))


def ones_like(x: Expr, dtype: Optional[str] = None) -> Expr:
    """A tensor of ``x``'s shape filled with 1.

    Parameters
    ----------
    x : Expr
        The tensor whose shape is taken.
    dtype : str, optional
        The element type; ``x``'s by default.

    Returns
    -------
    Expr
        The call ``relax.ones_like(x)``.
    """
    return make_call("relax.ones_like", [x], _dtype_attrs(dtype))


def full_like(x: Expr, fill_value: Union[Expr, Number], dtype: Optional[str] = None) -> Expr:
    """A tensor of ``x``'s shape filled with one value.

    Parameters
    ----------
    x : Expr
        The tensor whose shape is taken.
    fill_value : Expr, int or float
        The value, as for :func:`full`.
    dtype : str, optional
        The element type; ``x``'s by default.

    Returns
    -------
    Expr
        The call ``relax.full_like(x, fill_value)``.
    """
    return make_call("relax.full_like", [x, _prim(fill_value)], _dtype_attrs(dtype))


def arange(start, end=None, step=1, dtype: Optional[str] = None) -> Expr:
    """The values ``start, start + step, ...`` up to but excluding ``end``, like
    ``numpy.arange``.

    Parameters
    ----------
    start : int, float, tessel.ir.PrimExpr or Expr
        The first value; with ``end`` omitted, the end, starting from 0.
    end : int, float, tessel.ir.PrimExpr or Expr, optional
        The bound. Integer bounds may be symbolic (``arange(n)``), giving a result of
        symbolic length; float bounds must be constants.
    step : int, float, tessel.ir.PrimExpr or Expr
        The non-zero increment, a constant.
    dtype : str, optional
        The element type: int64 when every value is an integer, else float32 (like
        ``torch.arange``).

    Returns
    -------
    Expr
        The call ``relax.arange(start, end, step)``.
    """
    if end is None:
        start, end = 0, start
    args = [_prim(v) for v in (start, end, step)]
    if dtype is None:
        dtype = "int64" if all(_is_int(v) for v in args) else "float32"
    return make_call("relax.arange", args, {"dtype": str(dtype)})


def _is_int(value: Expr) -> bool:
    """Whether a scalar argument holds an integer."""
    sinfo = value.struct_info_
    return isinstance(sinfo, PrimStructInfo) and str(sinfo.dtype).startswith(("int", "uint"))
