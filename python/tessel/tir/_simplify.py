"""The Simplify pass; re-exported by :mod:`tessel.tir.transform`."""

from __future__ import annotations

from .._core import tir_arith as _arith
from ..transform import Pass


def Simplify() -> Pass:  # noqa: N802 (pass factories are named like the pass)
    """Simplify every expression of each PrimFunc with the arithmetic analyzer.

    Loop variables are known to lie in their ranges and block iteration variables in
    their domains; the branches of an ``if`` know its condition (or its negation). An
    ``if`` whose condition is provably true or false is replaced by the branch taken, a
    loop of extent 0 disappears and a loop of extent 1 is replaced by its body with the
    loop variable substituted. Registered as ``"tir.Simplify"``.

    Returns
    -------
    Pass
        The pass.
    """
    return _arith.Simplify()
