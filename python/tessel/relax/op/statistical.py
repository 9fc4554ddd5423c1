"""Statistical reductions: :func:`sum`, :func:`prod`, :func:`max`, :func:`min`,
:func:`mean`, :func:`variance` and :func:`std` over some or all axes.

Each function returns an un-normalized :class:`tessel.relax.Call`; emitting it with a
:class:`tessel.relax.BlockBuilder` infers its struct info (the reduced axes are dropped, or
kept as 1 with ``keepdims``) and raises :class:`tessel.error.TypeInferenceError` for a bad
axis or dtype.

Example
-------
>>> from tessel import relax
>>> x = relax.Var("x", relax.TensorStructInfo([2, 3, 4], "float32"))
>>> call = relax.op.mean(x, axis=[0, 2], keepdims=True)
>>> call.op.name
'relax.mean'
"""

from typing import Optional, Sequence, Union

from ..expr import Expr
from ._make import make_call

__all__ = ["sum", "prod", "max", "min", "mean", "variance", "std"]

Axis = Optional[Union[int, Sequence[int]]]


def _reduce(op: str, x: Expr, axis: Axis, keepdims: bool) -> Expr:
    attrs = {"keepdims": bool(keepdims)}
    if axis is not None:
        attrs["axis"] = [int(axis)] if isinstance(axis, int) else [int(a) for a in axis]
    return make_call(op, [x], attrs)


_PARAMETERS = """
    Parameters
    ----------
    x : Expr
        The tensor.
    axis : int or sequence of int, optional
        The axes reduced (negative ones count from the end); all of them by default.
    keepdims : bool
        Keep the reduced axes as dimensions of extent 1 (so the result broadcasts against
        ``x``).

    Returns
    -------
    Expr
        The call ``{op}``.

    Raises
    ------
    tessel.error.TypeInferenceError
        When an axis is out of range or named twice{extra} (raised when the call is
        normalized).
"""


def _document(op: str, float_only: bool = False):
    extra = ", or ``x`` is not of a float dtype" if float_only else ""

    def decorate(func):
        if func.__doc__:  # None under python -OO
            func.__doc__ += _PARAMETERS.format(op=op, extra=extra)
        return func
    return decorate


@_document("relax.sum")
def sum(x: Expr, axis: Axis = None, keepdims: bool = False) -> Expr:  # noqa: A001
    """The sum of the elements of ``x`` over ``axis``, in ``x``'s dtype.
    """
    return _reduce("relax.sum", x, axis, keepdims)


@_document("relax.prod")
def prod(x: Expr, axis: Axis = None, keepdims: bool = False) -> Expr:
    """The product of the elements of ``x`` over ``axis``, in ``x``'s dtype.
    """
    return _reduce("relax.prod", x, axis, keepdims)


@_document("relax.max")
def max(x: Expr, axis: Axis = None, keepdims: bool = False) -> Expr:  # noqa: A001
    """The largest element of ``x`` over ``axis`` (``-inf`` over no elements of a float).
    """
    return _reduce("relax.max", x, axis, keepdims)


@_document("relax.min")
def min(x: Expr, axis: Axis = None, keepdims: bool = False) -> Expr:  # noqa: A001
    """The smallest element of ``x`` over ``axis`` (``inf`` over no elements of a float).
    """
    return _reduce("relax.min", x, axis, keepdims)


@_document("relax.mean", float_only=True)
def mean(x: Expr, axis: Axis = None, keepdims: bool = False) -> Expr:
    """The arithmetic mean of the elements of ``x`` over ``axis``.
    """
    return _reduce("relax.mean", x, axis, keepdims)


@_document("relax.variance", float_only=True)
def variance(x: Expr, axis: Axis = None, keepdims: bool = False) -> Expr:
    """The population variance of ``x`` over ``axis``: the mean squared deviation from the
    mean (numpy's ``var`` with ``ddof=0``), computed in two passes for accuracy.
    """
    return _reduce("relax.variance", x, axis, keepdims)


@_document("relax.std", float_only=True)
def std(x: Expr, axis: Axis = None, keepdims: bool = False) -> Expr:
    """The population standard deviation of ``x`` over ``axis``: the square root of
    :func:`variance` (numpy's ``std`` with ``ddof=0``).
    """
    return _reduce("relax.std", x, axis, keepdims)
