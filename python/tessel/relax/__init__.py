"""Relax: the graph-level IR, with dataflow blocks and symbolic shapes.

A Relax :class:`Function` binds values to variables in blocks; every expression carries
struct info (:class:`TensorStructInfo`, :class:`ShapeStructInfo`, ...) describing what is
known about its value, with shapes that may use symbolic :class:`tessel.tir.Var` s.
Nodes are immutable; rewrite them with an :class:`ExprMutator` subclass.

Example
-------
>>> from tessel import relax, tir
>>> n = tir.Var("n", "int64")
>>> x = relax.Var("x", relax.TensorStructInfo([n, 4], "float32"))
>>> x.struct_info_.ndim
2
"""

from .struct_info import (
    StructInfo, ObjectStructInfo, PrimStructInfo, ShapeStructInfo, TensorStructInfo,
    TupleStructInfo, FuncStructInfo,
)
from .expr import (
    Expr, Var, DataflowVar, Constant, Tuple, TupleGetItem, ShapeExpr, PrimValue, StringImm,
    Call, If, SeqExpr, Binding, VarBinding, MatchCast, BindingBlock, DataflowBlock, Function,
    ExternFunc, ExprVisitor, ExprMutator,
)
from .block_builder import BlockBuilder
from . import op
from .op.base import call_tir, call_dps_packed, call_pure_packed, const
from .._core.relax import is_base_of, struct_info_lub
from . import analysis, transform
from .pipeline import get_pipeline, register_pipeline, list_pipelines
from . import transform_vm
