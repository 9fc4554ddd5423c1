"""TensorIR: tensor programs as loops, blocks and buffers.

A :class:`PrimFunc` holds a statement body built from :class:`For` loops,
:class:`Block` s with their :class:`IterVar` s, and :class:`BufferStore` s of
:class:`PrimExpr` values into :class:`Buffer` s. Nodes are immutable; every constructor
checks dtypes and raises :class:`tessel.error.InvalidArgumentError` naming the node
(``tir.Add``) and the dtypes it found.

PrimExprs support Python arithmetic: ``a + b``, ``a * 2``, ``a // b`` (FloorDiv),
``a % b`` (FloorMod), ``a / b`` (Div), ``-a``, comparisons ``a < b`` and, for bools,
``a & b``, ``a | b``, ``~a``. A Python number operand takes the other operand's dtype.
``==`` stays identity, as for every node: build equality with ``a.equal(b)`` or
``tir.EQ(a, b)``.

``repr(node)`` and ``node.script()`` print TVMScript-style text (the exact format is
documented at the top of ``src/tir/printer.cc``).

Example
-------
>>> from tessel import tir
>>> n = tir.Var("n", "int32")
>>> (n * 2 + 1).a.b
2
"""

from .._core import tir as _tir
from ..error import InvalidArgumentError
from ..ir import PrimExpr, IntImm, FloatImm, Range
from . import analysis, transform

Var = _tir.Var
SizeVar = _tir.SizeVar
StringImm = _tir.StringImm
Cast = _tir.Cast
Add = _tir.Add
Sub = _tir.Sub
Mul = _tir.Mul
Div = _tir.Div
Mod = _tir.Mod
FloorDiv = _tir.FloorDiv
FloorMod = _tir.FloorMod
Min = _tir.Min
Max = _tir.Max
EQ = _tir.EQ
NE = _tir.NE
LT = _tir.LT
LE = _tir.LE
GT = _tir.GT
GE = _tir.GE
And = _tir.And
Or = _tir.Or
Not = _tir.Not
Select = _tir.Select
BufferLoad = _tir.BufferLoad
Ramp = _tir.Ramp
Broadcast = _tir.Broadcast
Let = _tir.Let
Call = _tir.Call
Buffer = _tir.Buffer
Stmt = _tir.Stmt
LetStmt = _tir.LetStmt
AttrStmt = _tir.AttrStmt
IfThenElse = _tir.IfThenElse
ForKind = _tir.ForKind
For = _tir.For
While = _tir.While
BufferStore = _tir.BufferStore
Allocate = _tir.Allocate
Evaluate = _tir.Evaluate
SeqStmt = _tir.SeqStmt
IterVar = _tir.IterVar
BufferRegion = _tir.BufferRegion
Block = _tir.Block
BlockRealize = _tir.BlockRealize
PrimFunc = _tir.PrimFunc
ExprVisitor = _tir.ExprVisitor
ExprMutator = _tir.ExprMutator
StmtExprVisitor = _tir.StmtExprVisitor
StmtExprMutator = _tir.StmtExprMutator

_CLASSES = (
    Var, SizeVar, StringImm, Cast, Add, Sub, Mul, Div, Mod, FloorDiv, FloorMod, Min, Max,
    EQ, NE, LT, LE, GT, GE, And, Or, Not, Select, BufferLoad, Ramp, Broadcast, Let, Call,
    Buffer, Stmt, LetStmt, AttrStmt, IfThenElse, ForKind, For, While, BufferStore, Allocate,
    Evaluate, SeqStmt, IterVar, BufferRegion, Block, BlockRealize, PrimFunc, ExprVisitor,
    ExprMutator, StmtExprVisitor, StmtExprMutator,
)
for _cls in _CLASSES:
    _cls.__module__ = __name__


def decl_buffer(shape, dtype: str = "float32", name: str = "buffer", data=None,
                strides=None, elem_offset=None, scope: str = "global") -> Buffer:
    """Declare a new buffer.

    Parameters
    ----------
    shape : sequence of int or PrimExpr
        The extent of each dimension.
    dtype : str
        The element type.
    name : str
        The name to print.
    data : Var, optional
        The memory (a Var of dtype "handle"); a new one named ``name`` by default.
    strides : sequence of int or PrimExpr, optional
        Elements between consecutive indices per dimension; row-major by default.
    elem_offset : int or PrimExpr, optional
        Offset of the first element, in elements; 0 by default.
    scope : str
        The memory scope.

    Returns
    -------
    Buffer
        The buffer.
    """
    return _tir.decl_buffer(shape, dtype, name, data, strides, elem_offset, scope)


def const(value, dtype: str = None) -> PrimExpr:
    """A constant of ``dtype`` (by default int32 for int, float32 for float, bool for bool)."""
    return _tir.const(value, dtype)


def min(a, b) -> PrimExpr:  # noqa: A001 (TVM's name)
    """The smaller of ``a`` and ``b`` (a :class:`Min`)."""
    return _tir.min(a, b)


def max(a, b) -> PrimExpr:  # noqa: A001 (TVM's name)
    """The larger of ``a`` and ``b`` (a :class:`Max`)."""
    return _tir.max(a, b)


def floordiv(a, b) -> PrimExpr:
    """Division rounding toward negative infinity (a :class:`FloorDiv`)."""
    return _tir.floordiv(a, b)


def floormod(a, b) -> PrimExpr:
    """The remainder of :func:`floordiv`, with the sign of ``b`` (a :class:`FloorMod`)."""
    return _tir.floormod(a, b)


def truncdiv(a, b) -> PrimExpr:
    """Integer division rounding toward zero (a :class:`Div`)."""
    return _tir.truncdiv(a, b)


def truncmod(a, b) -> PrimExpr:
    """The remainder of :func:`truncdiv`, with the sign of ``a`` (a :class:`Mod`)."""
    return _tir.truncmod(a, b)


def cast(dtype: str, x) -> PrimExpr:
    """``x`` converted to ``dtype``; ``x`` itself when it already has that dtype."""
    return _tir.cast(dtype, x)


def call_intrin(name: str, *args) -> PrimExpr:
    """A call of the intrinsic ``"tir.<name>"``, returning the first argument's dtype."""
    return _tir.call_intrin(name, *args)


def _unary(name: str, doc: str):
    def intrinsic(x) -> PrimExpr:
        return getattr(_tir, name)(x)

    intrinsic.__name__ = intrinsic.__qualname__ = name
    intrinsic.__doc__ = f"{doc} (a call of the intrinsic ``tir.{name}``; ``x`` must be a float)."
    return intrinsic


exp = _unary("exp", "e to the power ``x``")
log = _unary("log", "The natural logarithm of ``x``")
sqrt = _unary("sqrt", "The square root of ``x``")
rsqrt = _unary("rsqrt", "``1 / sqrt(x)``")
tanh = _unary("tanh", "The hyperbolic tangent of ``x``")
sin = _unary("sin", "The sine of ``x`` (radians)")
cos = _unary("cos", "The cosine of ``x`` (radians)")
erf = _unary("erf", "The Gauss error function of ``x``")
sigmoid = _unary("sigmoid", "``1 / (1 + exp(-x))``")
fabs = _unary("fabs", "The absolute value of ``x``")
floor = _unary("floor", "``x`` rounded toward negative infinity")
ceil = _unary("ceil", "``x`` rounded toward positive infinity")
round = _unary("round", "``x`` rounded to the nearest integer, halves to even")  # noqa: A001


def pow(x, y) -> PrimExpr:  # noqa: A001 (TVM's name)
    """``x`` to the power ``y`` (a call of the intrinsic ``tir.pow``)."""
    return _tir.pow(x, y)


def fma(a, b, c) -> PrimExpr:
    """``a * b + c`` with one rounding (a call of the intrinsic ``tir.fma``)."""
    return _tir.fma(a, b, c)


from .schedule import Schedule, TensorIntrin  # noqa: E402 (needs the node classes above)

__all__ = [
    "Schedule", "TensorIntrin", "PrimExpr", "IntImm", "FloatImm", "Range", "InvalidArgumentError",
    *[c.__name__ for c in _CLASSES],
    "decl_buffer", "const", "min", "max", "floordiv", "floormod", "truncdiv", "truncmod",
    "cast", "call_intrin", "exp", "log", "sqrt", "rsqrt", "tanh", "erf", "sigmoid", "fabs",
    "floor", "ceil", "round", "pow", "fma", "sin", "cos",
]
