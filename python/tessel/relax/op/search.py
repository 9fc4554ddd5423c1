"""Search operators: :func:`argmax` and :func:`argmin`, the int64 position of the largest
or smallest element.

Example
-------
>>> from tessel import relax
>>> x = relax.Var("x", relax.TensorStructInfo([2, 5], "float32"))
>>> relax.op.argmax(x, axis=1).op.name
'relax.argmax'
"""

from typing import Optional

from ..expr import Expr
from ._make import make_call

__all__ = ["argmax", "argmin"]


def _search(op: str, x: Expr, axis: Optional[int], keepdims: bool) -> Expr:
    attrs = {"keepdims": bool(keepdims)}
    if axis is not None:
        attrs["axis"] = int(axis)
    return make_call(op, [x], attrs)


def argmax(x: Expr, axis: Optional[int] = None, keepdims: bool = False) -> Expr:
    """The index of the largest element of ``x`` along ``axis``, as numpy's ``argmax``.

    Parameters
    ----------
    x : Expr
        The tensor.
    axis : int, optional
        The axis searched (negative counts from the end); by default the whole tensor,
        giving the index in its row-major flattening.
    keepdims : bool
        Keep the searched axes as dimensions of extent 1.

    Returns
    -------
    Expr
        The call ``relax.argmax``, an int64 tensor; the first index wins on ties.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``axis`` is out of range (raised when the call is normalized).
    """
    return _search("relax.argmax", x, axis, keepdims)


def argmin(x: Expr, axis: Optional[int] = None, keepdims: bool = False) -> Expr:
    """The index of the smallest element of ``x`` along ``axis``, as numpy's ``argmin``.

    Parameters
    ----------
    x : Expr
        The tensor.
    axis : int, optional
        The axis searched (negative counts from the end); by default the whole tensor,
        giving the index in its row-major flattening.
    keepdims : bool
        Keep the searched axes as dimensions of extent 1.

    Returns
    -------
    Expr
        The call ``relax.argmin``, an int64 tensor; the first index wins on ties.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``axis`` is out of range (raised when the call is normalized).
    """
    return _search("relax.argmin", x, axis, keepdims)
