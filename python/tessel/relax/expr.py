"""Relax expressions, bindings, blocks and functions.

A :class:`Function` body is usually a :class:`SeqExpr`: :class:`BindingBlock` s (or
:class:`DataflowBlock` s) of :class:`VarBinding` s and :class:`MatchCast` s, then a result.
Variables compare by binding, so alpha-renamed functions are structurally equal.
"""

from .._core import relax as _relax

Expr = _relax.Expr
Var = _relax.Var
DataflowVar = _relax.DataflowVar
Constant = _relax.Constant
Tuple = _relax.Tuple
TupleGetItem = _relax.TupleGetItem
ShapeExpr = _relax.ShapeExpr
PrimValue = _relax.PrimValue
StringImm = _relax.StringImm
Call = _relax.Call
If = _relax.If
SeqExpr = _relax.SeqExpr
Binding = _relax.Binding
VarBinding = _relax.VarBinding
MatchCast = _relax.MatchCast
BindingBlock = _relax.BindingBlock
DataflowBlock = _relax.DataflowBlock
Function = _relax.Function
ExternFunc = _relax.ExternFunc
ExprVisitor = _relax.ExprVisitor
ExprMutator = _relax.ExprMutator

__all__ = [
    "Expr", "Var", "DataflowVar", "Constant", "Tuple", "TupleGetItem", "ShapeExpr",
    "PrimValue", "StringImm", "Call", "If", "SeqExpr", "Binding", "VarBinding", "MatchCast",
    "BindingBlock", "DataflowBlock", "Function", "ExternFunc", "ExprVisitor", "ExprMutator",
]

for _name in __all__:
    globals()[_name].__module__ = "tessel.relax"
