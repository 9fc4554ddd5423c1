"""Integer arithmetic analysis of TensorIR: simplification, bounds, proofs and sets.

The :class:`Analyzer` is the entry point. Bind loop variables to their ranges, then ask
it to simplify expressions, bound them or prove facts; a
:meth:`Analyzer.constraint_scope` adds a condition (such as ``i < n``) for the duration of
a ``with`` block.

Example
-------
>>> from tessel import tir
>>> from tessel.tir.arith import Analyzer
>>> i, ii = tir.Var("i", "int32"), tir.Var("ii", "int32")
>>> ana = Analyzer()
>>> ana.bind(ii, tir.Range(0, 8))
>>> ana.simplify((i * 8 + ii) // 8).same_as(i)
True
>>> ana.can_prove(ii < 8)
True
>>> s = ana.eval_set(i * 8 + ii, {ii: tir.Range(0, 8)})
>>> ana.can_prove_equal(s.max_value - s.min_value, 7)
True
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Dict, Iterator, List, Sequence, Union

from .._core import tir_arith as _arith
from ..ir import IntImm, PrimExpr, Range
from .._core.tir import Var

ConstIntBound = _arith.ConstIntBound
ModularSet = _arith.ModularSet
IntSet = _arith.IntSet
IterMark = _arith.IterMark
IterSplitExpr = _arith.IterSplitExpr
IterSumExpr = _arith.IterSumExpr
IterMapResult = _arith.IterMapResult

#: The bound of an expression unbounded above (``ConstIntBound.max_value``).
POS_INF: int = _arith.POS_INF
#: The bound of an expression unbounded below (``ConstIntBound.min_value``).
NEG_INF: int = _arith.NEG_INF


class Analyzer:
    """Facts about variables, and the simplifier and analyses that use them.

    What the simplifier does is listed in the C++ reference (``tessel/tir/arith/analyzer.h``):
    canonical sums of signed integers, floordiv/floormod splitting by bounds, decisions of
    comparisons, min and max from bounds and facts, constant folding that never wraps
    around, boolean and Select simplification, Ramp/Broadcast arithmetic.
    """

    def __init__(self) -> None:
        self._impl = _arith.Analyzer()

    def bind(self, var: Var, value: Union[Range, PrimExpr, int]) -> None:
        """Bind a variable to a range of values or to an expression it stands for.

        Parameters
        ----------
        var : Var
            The variable; binding it again replaces the earlier binding.
        value : tessel.ir.Range, tessel.ir.PrimExpr or int
            A :class:`~tessel.ir.Range` (a loop variable's values) or an expression that
            :meth:`simplify` then substitutes for the variable.
        """
        if isinstance(value, Range):
            self._impl.bind_range(var, value)
        elif isinstance(value, int):
            self._impl.bind_expr(var, IntImm(var.dtype, value))
        else:
            self._impl.bind_expr(var, value)

    def simplify(self, expr: PrimExpr) -> PrimExpr:
        """Return an equivalent, simpler expression; simplifying it again changes nothing."""
        return self._impl.simplify(expr)

    def can_prove(self, cond: PrimExpr) -> bool:
        """Whether the bool ``cond`` provably holds (False means "not known")."""
        return self._impl.can_prove(cond)

    def can_prove_equal(self, a: PrimExpr, b: PrimExpr) -> bool:
        """Whether ``a == b`` provably."""
        return self._impl.can_prove_equal(a, b)

    def can_prove_greater_equal(self, expr: PrimExpr, lower_bound: int) -> bool:
        """Whether ``expr >= lower_bound`` provably."""
        return self._impl.can_prove_greater_equal(expr, lower_bound)

    def can_prove_less(self, expr: PrimExpr, upper_bound: int) -> bool:
        """Whether ``expr < upper_bound`` provably."""
        return self._impl.can_prove_less(expr, upper_bound)

    def const_int_bound(self, expr: PrimExpr) -> ConstIntBound:
        """Constant bounds of an integer expression.

        Returns
        -------
        ConstIntBound
            With ``min_value`` and ``max_value``; :data:`NEG_INF` / :data:`POS_INF` for an
            unbounded end.
        """
        return self._impl.const_int_bound(expr)

    def modular_set(self, expr: PrimExpr) -> ModularSet:
        """The set ``coeff * k + base`` every value of an integer expression lies in."""
        return self._impl.modular_set(expr)

    def eval_set(self, expr: PrimExpr, dom: Dict[Var, Union[IntSet, Range]]) -> IntSet:
        """The interval ``expr`` covers while each variable of ``dom`` ranges over its set.

        Parameters
        ----------
        expr : tessel.ir.PrimExpr
            An integer expression.
        dom : dict of Var to IntSet or tessel.ir.Range
            The variables that vary; others stay symbolic.

        Returns
        -------
        IntSet
            With ``min_value`` / ``max_value`` expressions (None for an infinite end).
        """
        return self._impl.eval_set(expr, dict(dom))

    def eval_region(self, region: Sequence[Range],
                    dom: Dict[Var, Union[IntSet, Range]]) -> List[IntSet]:
        """:meth:`eval_set` of each range of a region (a range covers ``[min, min + extent - 1]``).

        Parameters
        ----------
        region : list of tessel.ir.Range
            One range per dimension, such as a :class:`~tessel.tir.BufferRegion`'s ``region``.
        dom : dict of Var to IntSet or tessel.ir.Range
            The variables that vary.

        Returns
        -------
        list of IntSet
            One set per range.
        """
        return list(self._impl.eval_region(list(region), dict(dom)))

    def union(self, sets: Sequence[IntSet]) -> IntSet:
        """The smallest interval holding every set."""
        return self._impl.union(list(sets))

    def intersect(self, sets: Sequence[IntSet]) -> IntSet:
        """The interval common to every set (empty when provably disjoint)."""
        return self._impl.intersect(list(sets))

    def covers_range(self, set_: IntSet, range_: Range) -> bool:
        """Whether ``set_`` provably holds every value of ``range_``."""
        return self._impl.covers_range(set_, range_)

    @contextmanager
    def constraint_scope(self, cond: PrimExpr) -> Iterator[None]:
        """Assume the bool ``cond`` (such as ``i < n``) inside a ``with`` block.

        Bindings made inside the block end with it.
        """
        self._impl.enter_constraint(cond)
        try:
            yield
        finally:
            self._impl.exit_constraint()

    def detect_iter_map(self, indices: Sequence[PrimExpr], input_iters: Dict[Var, Range],
                        require_bijective: bool = False) -> IterMapResult:
        """Decompose indices into pieces of the iterators; see :func:`detect_iter_map`."""
        return self._impl.detect_iter_map(list(indices), dict(input_iters), require_bijective)


def detect_iter_map(indices: Sequence[PrimExpr], input_iters: Dict[Var, Range],
                    require_bijective: bool = False) -> IterMapResult:
    """Express each index as a sum of pieces of the input iterators.

    A piece is ``floormod(floordiv(iter, lower_factor), extent) * scale`` of an input
    iterator or of a fusion of several. Recognised: iterators, sums with constant scales
    (``i0 * 8 + i1``, what ``split`` makes), ``k // c`` and ``k % c`` (what ``fuse``
    makes) and their compositions. Iterators must start at 0.

    Parameters
    ----------
    indices : list of tessel.ir.PrimExpr
        The index expressions.
    input_iters : dict of Var to tessel.ir.Range
        The iterators and their ranges.
    require_bijective : bool
        Also require the pieces to tile every iterator exactly.

    Returns
    -------
    IterMapResult
        ``indices`` (one :class:`IterSumExpr` per index, with ``args`` and ``base``) on
        success, else ``errors`` saying why.
    """
    return Analyzer().detect_iter_map(indices, input_iters, require_bijective)


def is_affine_binding(indices: Sequence[PrimExpr], input_iters: Dict[Var, Range]) -> bool:
    """Whether :func:`detect_iter_map` decomposes every index (no two pieces overlap)."""
    return len(detect_iter_map(indices, input_iters).errors) == 0


__all__: List[str] = [
    "Analyzer", "ConstIntBound", "ModularSet", "IntSet", "IterMark", "IterSplitExpr",
    "IterSumExpr", "IterMapResult", "POS_INF", "NEG_INF", "detect_iter_map", "is_affine_binding",
]
