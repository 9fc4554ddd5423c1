"""Indexing operators: gather along an axis (:func:`take`, the embedding lookup), numpy
slicing (:func:`strided_slice`) and running sums (:func:`cumsum`)."""

from typing import Optional, Sequence

from ..expr import Expr
from ._make import make_call

__all__ = ["take", "strided_slice", "cumsum"]

# Slice bounds at or beyond these stand for "past the end" / "before the start" (see
# strided_slice); they are what None becomes.
_PAST_END = 2**31 - 1
_BEFORE_START = -(2**31)


def take(x: Expr, indices: Expr, axis: Optional[int] = None) -> Expr:
    """The elements of ``x`` at the given indices along an axis (an embedding lookup).

    Indices out of range are clamped into ``[0, size - 1]``, like ``numpy.take(...,
    mode="clip")`` (so a negative index reads the first element); no index can read outside
    ``x`` and nothing is checked at run time.

    Parameters
    ----------
    x : Expr
        The tensor read.
    indices : Expr
        An integer tensor of positions.
    axis : int, optional
        The axis indexed; by default ``x`` is flattened first. The result's shape is
        ``x.shape[:axis] + indices.shape + x.shape[axis + 1:]``.

    Returns
    -------
    Expr
        The call ``relax.take(x, indices)``.
    """
    attrs = {} if axis is None else {"axis": int(axis)}
    return make_call("relax.take", [x, indices], attrs)


def strided_slice(x: Expr, axes: Sequence[int], begin: Sequence[Optional[int]],
                  end: Sequence[Optional[int]], strides: Optional[Sequence[int]] = None,
                  assume_inbound: bool = False) -> Expr:
    """``x[begin:end:stride]`` on each of the given axes, with numpy's slicing rules.

    Negative bounds count from the end of the axis and bounds out of range are clamped, as
    in numpy; ``None`` (or a bound at or beyond ``2**31 - 1``, or at or below ``-2**31``)
    stands for "to the end" / "from the start", which keeps the result's shape simple for a
    symbolic dimension.

    Parameters
    ----------
    x : Expr
        The tensor.
    axes : sequence of int
        The axes sliced (each once); the others are kept whole.
    begin, end : sequence of int or None
        The bounds on each axis of ``axes``.
    strides : sequence of int, optional
        The non-zero step on each axis (negative steps go backwards); 1 by default.
    assume_inbound : bool
        Take the bounds to lie within the dimensions, so that no clamping (no ``min``/``max``
        in symbolic shapes) is needed.

    Returns
    -------
    Expr
        The call ``relax.strided_slice(x)``.
    """
    strides_list = [1] * len(axes) if strides is None else [int(s) for s in strides]

    def bound(value, k, start):
        if value is not None:
            return int(value)
        # (A length mismatch is reported by inference.)
        forward = k >= len(strides_list) or strides_list[k] > 0
        return (_BEFORE_START if forward else _PAST_END) if start else (
            _PAST_END if forward else _BEFORE_START)

    attrs = {
        "axes": [int(a) for a in axes],
        "begin": [bound(b, k, True) for k, b in enumerate(begin)],
        "end": [bound(e, k, False) for k, e in enumerate(end)],
        "strides": strides_list,
        "assume_inbound": bool(assume_inbound),
    }
    return make_call("relax.strided_slice", [x], attrs)


def cumsum(x: Expr, axis: Optional[int] = None, dtype: Optional[str] = None,
           exclusive: bool = False) -> Expr:
    """Running sums of ``x`` along an axis, like ``numpy.cumsum``.

    The kernel sums each prefix on its own (O(n^2) work per row): exact, but meant for
    short axes.

    Parameters
    ----------
    x : Expr
        The tensor.
    axis : int, optional
        The axis summed along; by default ``x`` is flattened first.
    dtype : str, optional
        The dtype of the sums; ``x``'s by default.
    exclusive : bool
        Whether element ``i`` sums the elements before ``i`` only (the first is 0).

    Returns
    -------
    Expr
        The call ``relax.cumsum(x)``.
    """
    attrs = {"exclusive": bool(exclusive)}
    if axis is not None:
        attrs["axis"] = int(axis)
    if dtype is not None:
        attrs["dtype"] = str(dtype)
    return make_call("relax.cumsum", [x], attrs)
