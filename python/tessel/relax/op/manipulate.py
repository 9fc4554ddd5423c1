"""Tensor manipulation operators: reshape, transpose, add and drop dimensions, join, split,
broadcast, repeat and flip tensors, and take their triangles.

Each function returns an un-normalized :class:`tessel.relax.Call`; emitting it with a
:class:`tessel.relax.BlockBuilder` infers its struct info (symbolic shapes included) and
raises :class:`tessel.error.TypeInferenceError` for bad arguments.
"""

from typing import List, Optional, Sequence, Union

from ..expr import Expr, ShapeExpr, Tuple
from ._make import make_call

__all__ = [
    "reshape", "permute_dims", "expand_dims", "squeeze", "flatten", "concat", "split",
    "broadcast_to", "repeat", "tile", "flip", "tril", "triu",
]

Axes = Union[int, Sequence[int]]


def _shape(shape) -> Expr:
    """A shape argument: a relax shape expression as is, a sequence as a ShapeExpr."""
    return shape if isinstance(shape, Expr) else ShapeExpr(list(shape))


def _ints(values: Axes) -> Union[int, List[int]]:
    return values if isinstance(values, int) else [int(v) for v in values]


def reshape(x: Expr, shape) -> Expr:
    """``x`` with its elements, in row-major order, in a new shape.

    Parameters
    ----------
    x : Expr
        The tensor.
    shape : Expr or sequence of int or tessel.ir.PrimExpr
        The new shape: a shape expression (a :class:`tessel.relax.ShapeExpr` or a variable of
        shape struct info) or its dimensions; one dimension may be ``-1``, inferred from the
        element count, which must be unchanged.

    Returns
    -------
    Expr
        The call ``relax.reshape(x, shape)``.
    """
    return make_call("relax.reshape", [x, _shape(shape)])


def permute_dims(x: Expr, axes: Optional[Sequence[int]] = None) -> Expr:
    """``x`` with its dimensions reordered (a transpose).

    Parameters
    ----------
    x : Expr
        The tensor.
    axes : sequence of int, optional
        A permutation of ``x``'s axes: dimension ``k`` of the result is dimension
        ``axes[k]`` of ``x``. Negative axes count from the end; by default the axes are
        reversed.

    Returns
    -------
    Expr
        The call ``relax.permute_dims(x)``.
    """
    attrs = {} if axes is None else {"axes": _ints(axes)}
    return make_call("relax.permute_dims", [x], attrs)


def expand_dims(x: Expr, axis: Axes) -> Expr:
    """``x`` with new dimensions of size 1.

    Parameters
    ----------
    x : Expr
        The tensor.
    axis : int or sequence of int
        The positions of the new dimensions in the result (negative ones count from its end).

    Returns
    -------
    Expr
        The call ``relax.expand_dims(x)``.
    """
    return make_call("relax.expand_dims", [x], {"axis": _ints(axis)})


def squeeze(x: Expr, axis: Optional[Axes] = None) -> Expr:
    """``x`` without dimensions of size 1.

    Parameters
    ----------
    x : Expr
        The tensor.
    axis : int or sequence of int, optional
        The dimensions to drop, each of which must have size 1. By default every dimension
        of size 1 is dropped; then a symbolic dimension makes the result's rank unknown.

    Returns
    -------
    Expr
        The call ``relax.squeeze(x)``.
    """
    attrs = {} if axis is None else {"axis": _ints(axis)}
    return make_call("relax.squeeze", [x], attrs)


def flatten(x: Expr) -> Expr:
    """The elements of ``x``, in row-major order, as a 1-D tensor.

    Parameters
    ----------
    x : Expr
        The tensor (a 0-d tensor gives one element).

    Returns
    -------
    Expr
        The call ``relax.flatten(x)``.
    """
    return make_call("relax.flatten", [x])


def concat(tensors, axis: int = 0) -> Expr:
    """Tensors joined along an axis.

    Parameters
    ----------
    tensors : Expr or sequence of Expr
        The tensors: a tuple expression, or a list of them (made into a
        :class:`tessel.relax.Tuple`). They must have the same dtype and rank and agree on
        every dimension but ``axis``.
    axis : int
        The axis along which they are joined.

    Returns
    -------
    Expr
        The call ``relax.concat(tensors)``.
    """
    if not isinstance(tensors, Expr):
        tensors = Tuple(list(tensors))
    return make_call("relax.concat", [tensors], {"axis": int(axis)})


def split(x: Expr, indices_or_sections: Union[int, Sequence[int]], axis: int = 0) -> Expr:
    """The pieces of ``x`` along an axis, as a tuple.

    Parameters
    ----------
    x : Expr
        The tensor.
    indices_or_sections : int or sequence of int
        A number of equal pieces (which must divide a constant dimension; a symbolic one is
        assumed divisible), or the non-decreasing positions at which ``x`` is cut, like
        ``numpy.split`` (positions past a constant dimension give empty pieces).
    axis : int
        The axis along which ``x`` is cut.

    Returns
    -------
    Expr
        The call ``relax.split(x)``, whose value is a tuple of tensors.
    """
    return make_call("relax.split", [x],
                     {"indices_or_sections": _ints(indices_or_sections), "axis": int(axis)})


def broadcast_to(x: Expr, shape) -> Expr:
    """``x`` broadcast to a shape (numpy rules).

    Parameters
    ----------
    x : Expr
        The tensor.
    shape : Expr or sequence of int or tessel.ir.PrimExpr
        The result's shape, of at least ``x``'s rank; aligned from the right, each dimension
        of ``x`` must be 1 or equal to the target one.

    Returns
    -------
    Expr
        The call ``relax.broadcast_to(x, shape)``.
    """
    return make_call("relax.broadcast_to", [x, _shape(shape)])


def repeat(x: Expr, repeats: int, axis: Optional[int] = None) -> Expr:
    """Each element of ``x`` repeated, like ``numpy.repeat`` with one count.

    Parameters
    ----------
    x : Expr
        The tensor.
    repeats : int
        How many times each element appears (non-negative).
    axis : int, optional
        The axis along which elements are repeated; by default ``x`` is flattened first.

    Returns
    -------
    Expr
        The call ``relax.repeat(x)``.
    """
    attrs = {"repeats": int(repeats)}
    if axis is not None:
        attrs["axis"] = int(axis)
    return make_call("relax.repeat", [x], attrs)


def tile(x: Expr, repeats: Axes) -> Expr:
    """``x`` repeated along each dimension, like ``numpy.tile``.

    Parameters
    ----------
    x : Expr
        The tensor.
    repeats : int or sequence of int
        How many copies along each dimension; the shorter of ``repeats`` and ``x``'s shape
        is padded with leading 1s.

    Returns
    -------
    Expr
        The call ``relax.tile(x)``.
    """
    return make_call("relax.tile", [x], {"repeats": _ints(repeats)})


def flip(x: Expr, axis: int) -> Expr:
    """``x`` with the order of its elements along one axis reversed.

    Parameters
    ----------
    x : Expr
        The tensor.
    axis : int
        The axis reversed.

    Returns
    -------
    Expr
        The call ``relax.flip(x)``.
    """
    return make_call("relax.flip", [x], {"axis": int(axis)})


def tril(x: Expr, k: int = 0) -> Expr:
    """The lower triangle of the last two dimensions of ``x``, zeros above it.

    Parameters
    ----------
    x : Expr
        A tensor of rank 2 or more.
    k : int
        The last diagonal kept: element ``[..., i, j]`` is kept when ``j - i <= k``.

    Returns
    -------
    Expr
        The call ``relax.tril(x)``.
    """
    return make_call("relax.tril", [x], {"k": int(k)})


def triu(x: Expr, k: int = 0) -> Expr:
    """The upper triangle of the last two dimensions of ``x``, zeros below it.

    Parameters
    ----------
    x : Expr
        A tensor of rank 2 or more.
    k : int
        The first diagonal kept: element ``[..., i, j]`` is kept when ``j - i >= k``.

    Returns
    -------
    Expr
        The call ``relax.triu(x)``.
    """
    return make_call("relax.triu", [x], {"k": int(k)})
