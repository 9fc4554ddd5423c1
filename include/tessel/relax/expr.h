/*!
 * \file tessel/relax/expr.h
 * \brief The expressions of Relax, the graph-level IR: variables, constants, tuples,
 * shapes, calls, conditionals and sequences of binding blocks.
 *
 * Every expression carries `struct_info_`, what is known about its value (see
 * tessel/relax/struct_info.h). For a Var it is the variable's declared type and takes part
 * in structural equality; for every other expression it is derived by inference and is
 * ignored by equality. Variables compare by binding: the parameters of a Function and the
 * variables of bindings define them (role kDefines), so alpha-renamed functions are equal.
 */
#ifndef TESSEL_RELAX_EXPR_H_
#define TESSEL_RELAX_EXPR_H_

#include <string>
#include <utility>

#include "tessel/ir/attrs.h"
#include "tessel/ir/expr.h"
#include "tessel/ir/op.h"
#include "tessel/runtime/tensor.h"

namespace tessel {
namespace relax {

using ir::Array;
using ir::DataType;
using ir::FieldRole;
using ir::FieldVisitor;
using ir::Object;
using ir::ObjectPtr;
using ir::ObjectRef;
using ir::PrimExpr;
using ir::Span;

/*!
 * \brief The handle of class RefT that refers to an existing node (see tir::GetRef).
 */
template <typename RefT, typename NodeT>
RefT GetRef(const NodeT* node) {
  return RefT(ObjectPtr<Object>(const_cast<NodeT*>(node)));
}

/*! \brief The base of all struct info: what is known statically about a Relax value. */
class StructInfoNode : public Object {
 public:
  /*! \brief Where it was written; may be undefined. */
  Span span;

  void VisitFields(FieldVisitor* v) override { v->Visit("span", &span, FieldRole::kIgnored); }
  TESSEL_DECLARE_NODE(StructInfoNode, "relax.StructInfo");
};

/*! \brief Handle to any struct info. */
class StructInfo : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(StructInfo, ObjectRef, StructInfoNode);
};

/*! \brief The base of Relax expressions: an ir expression with its struct info. */
class ExprNode : public ir::BaseExprNode {
 public:
  /*! \brief What is known about the value; undefined until inference fills it in. */
  StructInfo struct_info_;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("struct_info_", &struct_info_, FieldRole::kIgnored);
    BaseExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(ExprNode, "relax.Expr");
};

/*! \brief Handle to a Relax expression. */
class Expr : public ir::BaseExpr {
 public:
  TESSEL_DEFINE_HANDLE(Expr, ir::BaseExpr, ExprNode);
};

/*! \brief A variable bound by a function parameter or a binding. */
class VarNode : public ExprNode {
 public:
  /*! \brief The name to print; not part of the structure. */
  std::string name_hint;

  // The struct info of a variable is its declared type, so it is compared.
  void VisitFields(FieldVisitor* v) override {
    v->Visit("name_hint", &name_hint, FieldRole::kIgnored);
    v->Visit("struct_info_", &struct_info_);
    BaseExprNode::VisitFields(v);
  }
  /*! \brief Variables compare by binding. */
  bool IsVariable() const override { return true; }
  TESSEL_DECLARE_NODE(VarNode, "relax.Var");
};

/*! \brief Handle to a VarNode. */
class Var : public Expr {
 public:
  TESSEL_DEFINE_HANDLE(Var, Expr, VarNode);
  /*!
   * \brief A new variable, distinct from every other, named name_hint when printed; its
   * struct_info may be undefined until inference.
   */
  explicit Var(std::string name_hint, StructInfo struct_info = StructInfo(), Span span = Span());
};

/*! \brief A variable bound inside a dataflow block and not visible outside it. */
class DataflowVarNode : public VarNode {
 public:
  TESSEL_DECLARE_NODE(DataflowVarNode, "relax.DataflowVar");
};

/*! \brief Handle to a DataflowVarNode. */
class DataflowVar : public Var {
 public:
  TESSEL_DEFINE_HANDLE(DataflowVar, Var, DataflowVarNode);
  /*! \brief A new dataflow variable. */
  explicit DataflowVar(std::string name_hint, StructInfo struct_info = StructInfo(),
                       Span span = Span());
};

/*!
 * \brief A constant tensor.
 *
 * Its struct info (shape and dtype of the data) is compared; the data itself is not
 * reflected, so structural equality does not look at the values.
 */
class ConstantNode : public ExprNode {
 public:
  /*! \brief The value. */
  runtime::Tensor data;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("struct_info_", &struct_info_);
    BaseExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(ConstantNode, "relax.Constant");
};

/*! \brief Handle to a ConstantNode. */
class Constant : public Expr {
 public:
  TESSEL_DEFINE_HANDLE(Constant, Expr, ConstantNode);
  /*!
   * \brief A constant holding `data`; its struct info is a TensorStructInfo of data's shape.
   * \throws InvalidArgumentError when data is undefined.
   */
  explicit Constant(runtime::Tensor data, Span span = Span());
};

/*! \brief A tuple of values. */
class TupleNode : public ExprNode {
 public:
  /*! \brief The elements. */
  Array<Expr> fields;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("fields", &fields);
    ExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(TupleNode, "relax.Tuple");
};

/*! \brief Handle to a TupleNode. */
class Tuple : public Expr {
 public:
  TESSEL_DEFINE_HANDLE(Tuple, Expr, TupleNode);
  /*! \brief A tuple; throws InvalidArgumentError when a field is undefined. */
  explicit Tuple(Array<Expr> fields, Span span = Span());
};

/*! \brief One element of a tuple: `tuple[index]`. */
class TupleGetItemNode : public ExprNode {
 public:
  Expr tuple;         //!< the tuple
  int64_t index = 0;  //!< the position of the element

  void VisitFields(FieldVisitor* v) override {
    v->Visit("tuple", &tuple);
    v->Visit("index", &index);
    ExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(TupleGetItemNode, "relax.TupleGetItem");
};

/*! \brief Handle to a TupleGetItemNode. */
class TupleGetItem : public Expr {
 public:
  TESSEL_DEFINE_HANDLE(TupleGetItem, Expr, TupleGetItemNode);
  /*! \brief `tuple[index]`; throws InvalidArgumentError when index is negative. */
  TupleGetItem(Expr tuple, int64_t index, Span span = Span());
};

/*! \brief A shape value built from integer expressions: `R.shape([n, 4])`. */
class ShapeExprNode : public ExprNode {
 public:
  /*! \brief The dimensions, int64 PrimExprs that may use symbolic tir variables. */
  Array<PrimExpr> values;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("values", &values);
    ExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(ShapeExprNode, "relax.ShapeExpr");
};

/*! \brief Handle to a ShapeExprNode. */
class ShapeExpr : public Expr {
 public:
  TESSEL_DEFINE_HANDLE(ShapeExpr, Expr, ShapeExprNode);
  /*!
   * \brief A shape; its struct info is a ShapeStructInfo of the same values.
   * \throws InvalidArgumentError when a dimension is not a scalar integer.
   */
  explicit ShapeExpr(Array<PrimExpr> values, Span span = Span());
};

/*! \brief A scalar value given by a PrimExpr: `R.prim_value(n)`. */
class PrimValueNode : public ExprNode {
 public:
  /*! \brief The value. */
  PrimExpr value;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("value", &value);
    ExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(PrimValueNode, "relax.PrimValue");
};

/*! \brief Handle to a PrimValueNode. */
class PrimValue : public Expr {
 public:
  TESSEL_DEFINE_HANDLE(PrimValue, Expr, PrimValueNode);
  /*! \brief A scalar value; its struct info is a PrimStructInfo of value's dtype. */
  explicit PrimValue(PrimExpr value, Span span = Span());
};

/*! \brief A string value: `R.str("...")`. */
class StringImmNode : public ExprNode {
 public:
  /*! \brief The characters. */
  std::string value;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("value", &value);
    ExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(StringImmNode, "relax.StringImm");
};

/*! \brief Handle to a StringImmNode. */
class StringImm : public Expr {
 public:
  TESSEL_DEFINE_HANDLE(StringImm, Expr, StringImmNode);
  /*! \brief A string value. */
  explicit StringImm(std::string value, Span span = Span());
};

/*!
 * \brief A call of an operator, a function of the module, an external function or a
 * variable holding a function.
 */
class CallNode : public ExprNode {
 public:
  /*! \brief The callee: an ir::Op, an ir::GlobalVar, an ExternFunc or a Var. */
  ir::BaseExpr op;
  /*! \brief The arguments. */
  Array<Expr> args;
  /*! \brief Attributes of the call (for operators). */
  ir::DictAttrs attrs;
  /*! \brief Struct info arguments, such as the output of `R.call_tir`. */
  Array<StructInfo> sinfo_args;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("op", &op);
    v->Visit("args", &args);
    v->Visit("attrs", &attrs);
    v->Visit("sinfo_args", &sinfo_args);
    ExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(CallNode, "relax.Call");
};

/*! \brief Handle to a CallNode. */
class Call : public Expr {
 public:
  TESSEL_DEFINE_HANDLE(Call, Expr, CallNode);
  /*!
   * \brief A call.
   * \throws InvalidArgumentError when op is not an Op, GlobalVar, ExternFunc or Var, or an
   * argument is undefined.
   */
  Call(ir::BaseExpr op, Array<Expr> args, ir::DictAttrs attrs = ir::DictAttrs(),
       Array<StructInfo> sinfo_args = Array<StructInfo>(), Span span = Span());
};

/*! \brief A binding of a value to a variable, the statement of a binding block. */
class BindingNode : public Object {
 public:
  /*! \brief The variable defined. */
  Var var;
  /*! \brief Where it was written. */
  Span span;

  TESSEL_DECLARE_NODE(BindingNode, "relax.Binding");
};

/*! \brief Handle to any binding. */
class Binding : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(Binding, ObjectRef, BindingNode);
};

/*! \brief `var = value`. */
class VarBindingNode : public BindingNode {
 public:
  /*! \brief The value bound. */
  Expr value;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("var", &var, FieldRole::kDefines);
    v->Visit("value", &value);
    v->Visit("span", &span, FieldRole::kIgnored);
  }
  TESSEL_DECLARE_NODE(VarBindingNode, "relax.VarBinding");
};

/*! \brief Handle to a VarBindingNode. */
class VarBinding : public Binding {
 public:
  TESSEL_DEFINE_HANDLE(VarBinding, Binding, VarBindingNode);
  /*! \brief `var = value`; throws InvalidArgumentError when either is undefined. */
  VarBinding(Var var, Expr value, Span span = Span());
};

/*!
 * \brief `var = R.match_cast(value, struct_info)`: a checked cast that may define the
 * symbolic variables of struct_info.
 */
class MatchCastNode : public BindingNode {
 public:
  Expr value;              //!< the value cast
  StructInfo struct_info;  //!< what the value must match

  void VisitFields(FieldVisitor* v) override {
    v->Visit("var", &var, FieldRole::kDefines);
    v->Visit("value", &value);
    v->Visit("struct_info", &struct_info, FieldRole::kDefines);
    v->Visit("span", &span, FieldRole::kIgnored);
  }
  TESSEL_DECLARE_NODE(MatchCastNode, "relax.MatchCast");
};

/*! \brief Handle to a MatchCastNode. */
class MatchCast : public Binding {
 public:
  TESSEL_DEFINE_HANDLE(MatchCast, Binding, MatchCastNode);
  /*! \brief A match cast; throws InvalidArgumentError when a part is undefined. */
  MatchCast(Var var, Expr value, StructInfo struct_info, Span span = Span());
};

/*! \brief A sequence of bindings, evaluated in order. */
class BindingBlockNode : public Object {
 public:
  Array<Binding> bindings;  //!< the bindings
  Span span;                //!< source span

  void VisitFields(FieldVisitor* v) override {
    v->Visit("bindings", &bindings);
    v->Visit("span", &span, FieldRole::kIgnored);
  }
  TESSEL_DECLARE_NODE(BindingBlockNode, "relax.BindingBlock");
};

/*! \brief Handle to a BindingBlockNode. */
class BindingBlock : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(BindingBlock, ObjectRef, BindingBlockNode);
  /*! \brief A binding block; throws InvalidArgumentError when a binding is undefined. */
  explicit BindingBlock(Array<Binding> bindings, Span span = Span());
};

/*!
 * \brief A block of pure bindings without control flow (`with R.dataflow():`); only its
 * non-DataflowVar variables are visible after it.
 */
class DataflowBlockNode : public BindingBlockNode {
 public:
  TESSEL_DECLARE_NODE(DataflowBlockNode, "relax.DataflowBlock");
};

/*! \brief Handle to a DataflowBlockNode. */
class DataflowBlock : public BindingBlock {
 public:
  TESSEL_DEFINE_HANDLE(DataflowBlock, BindingBlock, DataflowBlockNode);
  /*! \brief A dataflow block; throws InvalidArgumentError when a binding is undefined. */
  explicit DataflowBlock(Array<Binding> bindings, Span span = Span());
};

/*! \brief Binding blocks followed by the value of the sequence. */
class SeqExprNode : public ExprNode {
 public:
  Array<BindingBlock> blocks;  //!< the blocks, in order
  Expr body;                   //!< the result

  void VisitFields(FieldVisitor* v) override {
    v->Visit("blocks", &blocks);
    v->Visit("body", &body);
    ExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(SeqExprNode, "relax.SeqExpr");
};

/*! \brief Handle to a SeqExprNode. */
class SeqExpr : public Expr {
 public:
  TESSEL_DEFINE_HANDLE(SeqExpr, Expr, SeqExprNode);
  /*! \brief A sequence; throws InvalidArgumentError when body or a block is undefined. */
  SeqExpr(Array<BindingBlock> blocks, Expr body, Span span = Span());
};

/*! \brief `if cond: true_branch else: false_branch`, each branch a SeqExpr. */
class IfNode : public ExprNode {
 public:
  Expr cond;          //!< a boolean scalar
  Expr true_branch;   //!< taken when cond holds
  Expr false_branch;  //!< taken otherwise

  void VisitFields(FieldVisitor* v) override {
    v->Visit("cond", &cond);
    v->Visit("true_branch", &true_branch);
    v->Visit("false_branch", &false_branch);
    ExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(IfNode, "relax.If");
};

/*! \brief Handle to an IfNode. */
class If : public Expr {
 public:
  TESSEL_DEFINE_HANDLE(If, Expr, IfNode);
  /*!
   * \brief A conditional; a branch that is not a SeqExpr is wrapped in one without blocks.
   * \throws InvalidArgumentError when a part is undefined.
   */
  If(Expr cond, Expr true_branch, Expr false_branch, Span span = Span());
};

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_RELAX_EXPR_H_
