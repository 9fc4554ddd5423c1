"""The object model shared by every dialect: nodes, IRModule, structural comparison.

Nodes are immutable C++ objects. Their fields read as attributes, ``repr`` prints the
node as script, and ``==`` is identity: compare structure with :func:`structural_equal`.
"""

from .._core import ir as _ir
from ..error import InvalidArgumentError

Object = _ir.Object
Span = _ir.Span
BaseExpr = _ir.BaseExpr
PrimExpr = _ir.PrimExpr
IntImm = _ir.IntImm
FloatImm = _ir.FloatImm
Range = _ir.Range
GlobalVar = _ir.GlobalVar
DictAttrs = _ir.DictAttrs
BaseFunc = _ir.BaseFunc
Op = _ir.Op
IRModule = _ir.IRModule

for _cls in (Object, Span, BaseExpr, PrimExpr, IntImm, FloatImm, Range, GlobalVar, DictAttrs,
             BaseFunc, Op, IRModule):
    _cls.__module__ = __name__


def structural_equal(lhs: Object, rhs: Object, map_free_vars: bool = False) -> bool:
    """Whether two IR nodes have the same structure.

    Functions that differ only in the names of their variables are equal. Source spans
    are ignored.

    Parameters
    ----------
    lhs, rhs
        The nodes to compare.
    map_free_vars
        Whether variables not defined inside the nodes may be matched with each other
        (by first use) instead of by identity.
    """
    return _ir.structural_equal(lhs, rhs, map_free_vars)


def assert_structural_equal(lhs: Object, rhs: Object, map_free_vars: bool = False) -> None:
    """Raise :class:`tessel.error.InvalidArgumentError` unless the nodes are structurally equal.

    The message names the path to the first difference (such as
    ``root.functions["main"].body.seq[1].value``), what differs, and both sides as script.
    """
    _ir.assert_structural_equal(lhs, rhs, map_free_vars)


def structural_hash(node: Object, map_free_vars: bool = False) -> int:
    """A hash consistent with :func:`structural_equal`: equal nodes have equal hashes."""
    return _ir.structural_hash(node, map_free_vars)


def _show(self: Object, style: str = "auto") -> None:
    """Print the node as script, with syntax colouring when writing to a terminal."""
    from ..script.highlight import print_script

    print_script(self.script(), style)


Object.show = _show

__all__ = [
    "Object", "Span", "BaseExpr", "PrimExpr", "IntImm", "FloatImm", "Range", "GlobalVar",
    "DictAttrs", "BaseFunc", "Op", "IRModule", "structural_equal", "assert_structural_equal",
    "structural_hash", "InvalidArgumentError",
]
