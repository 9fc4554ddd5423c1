"""Reductions: reduce axes, the built-in reducers, and :func:`comm_reducer` for new ones."""

from typing import Callable, Optional, Sequence, Union

from .. import tir
from .._core import te as _te
from ..ir import PrimExpr, Range

CommReducer = _te.CommReducer
Reduce = _te.Reduce
for _cls in (CommReducer, Reduce):
    _cls.__module__ = "tessel.te"

Axis = Union["tir.IterVar", Sequence["tir.IterVar"]]


def _as_var_operator(name: str):
    def operator(self, *args):
        return getattr(self.var, name)(*args)

    operator.__name__ = name
    operator.__doc__ = f"``{name}`` of the iteration variable's ``var``."
    return operator


# As in TVM, an IterVar (a reduce axis) takes part in expressions as its variable:
# ``k < n``, ``k * 2``, ``A[i, k]``.
for _name in ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__",
              "__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__", "__mod__",
              "__rmod__", "__neg__", "__lt__", "__le__", "__gt__", "__ge__", "equal",
              "not_equal", "astype"):
    setattr(tir.IterVar, _name, _as_var_operator(_name))


def reduce_axis(dom, name: str = "rv") -> "tir.IterVar":
    """A reduction variable.

    Parameters
    ----------
    dom : tessel.ir.Range, (min, stop) or extent
        The values it takes: ``(0, n)`` and ``n`` both mean ``0, 1, ..., n - 1``.
    name : str
        The variable's name.
    """
    return _te.reduce_axis(dom, name)


def _axes(axis: Axis) -> list:
    return list(axis) if isinstance(axis, (list, tuple)) else [axis]


def comm_reducer(fcombine: Callable, fidentity: Callable, name: str = "reduce") -> Callable:
    """A reducer from a commutative, associative combination and its identity.

    Parameters
    ----------
    fcombine : callable
        ``fcombine(x, y)``: the accumulated value ``x`` combined with a new value ``y``.
        For a tuple reducer (argmax: an index and a value) ``x`` and ``y`` are tuples and
        it returns a tuple.
    fidentity : callable
        ``fidentity(dtype)``: the identity of the combination for a dtype (a PrimExpr or
        a number); ``fidentity(dtype0, dtype1, ...)`` returning a tuple for a tuple reducer.
    name : str
        The reducer's name.

    Returns
    -------
    callable
        ``reducer(expr, axis, where=None)``: the reduction of ``expr`` (a tuple for a tuple
        reducer, giving a tuple of values) over ``axis`` (one reduce axis or a list),
        counting only the points where ``where`` holds. Use it as the whole value of a
        :func:`compute`; a compute of a tuple gives one tensor per value.

    Example
    -------
    >>> from tessel import te, tir
    >>> product = te.comm_reducer(lambda x, y: x * y, lambda t: tir.const(1, t), name="product")
    >>> argmax = te.comm_reducer(
    ...     lambda x, y: (tir.Select(x[1] >= y[1], x[0], y[0]), tir.max(x[1], y[1])),
    ...     lambda t0, t1: (tir.const(-1, t0), te.min_value(t1)), name="argmax")
    >>> A = te.placeholder((4, 8), name="A")
    >>> k = te.reduce_axis((0, 8), name="k")
    >>> index, value = te.compute((4,), lambda i: argmax((k, A[i, k]), axis=k), name="T")
    """
    def reducer(expr, axis: Axis, where: Optional[PrimExpr] = None):
        several = isinstance(expr, (tuple, list))
        exprs = [e.var if isinstance(e, tir.IterVar) else e for e in (expr if several else [expr])]
        dtypes = [e.dtype for e in exprs]
        lhs = [tir.Var(f"x{i}" if several else "x", t) for i, t in enumerate(dtypes)]
        rhs = [tir.Var(f"y{i}" if several else "y", t) for i, t in enumerate(dtypes)]
        result = fcombine(tuple(lhs), tuple(rhs)) if several else [fcombine(lhs[0], rhs[0])]
        identity = fidentity(*dtypes) if several else [fidentity(dtypes[0])]
        identity = [v if isinstance(v, PrimExpr) else tir.const(v, t)
                    for v, t in zip(identity, dtypes)]
        combiner = CommReducer(lhs, rhs, list(result), identity, name)
        values = tuple(Reduce(combiner, exprs, _axes(axis), where, i) for i in range(len(exprs)))
        return values if several else values[0]

    reducer.__name__ = reducer.__qualname__ = name
    reducer.__doc__ = f"The {name} of ``expr`` over ``axis`` where ``where`` holds."
    return reducer


def sum(expr: PrimExpr, axis: Axis, where: Optional[PrimExpr] = None) -> PrimExpr:  # noqa: A001
    """The sum of ``expr`` over ``axis`` (where ``where`` holds); starts from 0."""
    return _te.sum(expr, _axes(axis), where)


def prod(expr: PrimExpr, axis: Axis, where: Optional[PrimExpr] = None) -> PrimExpr:
    """The product of ``expr`` over ``axis`` (where ``where`` holds); starts from 1."""
    return _te.prod(expr, _axes(axis), where)


def max(expr: PrimExpr, axis: Axis, where: Optional[PrimExpr] = None) -> PrimExpr:  # noqa: A001
    """The largest ``expr`` over ``axis``; starts from :func:`min_value` of its dtype."""
    return _te.max(expr, _axes(axis), where)


def min(expr: PrimExpr, axis: Axis, where: Optional[PrimExpr] = None) -> PrimExpr:  # noqa: A001
    """The smallest ``expr`` over ``axis``; starts from :func:`max_value` of its dtype."""
    return _te.min(expr, _axes(axis), where)


def min_value(dtype: str) -> PrimExpr:
    """The lowest finite value of a dtype (``T.float32(-3.4028234663852886e+38)``)."""
    return _te.min_value(dtype)


def max_value(dtype: str) -> PrimExpr:
    """The largest finite value of a dtype."""
    return _te.max_value(dtype)
