/*!
 * \file tessel/tir/var.h
 * \brief Variables of TensorIR (Var, SizeVar) and the names tir shares with the ir layer.
 *
 * Variables are compared by binding, not by name: two PrimFuncs that differ only in the
 * names of their variables are structurally equal.
 */
#ifndef TESSEL_TIR_VAR_H_
#define TESSEL_TIR_VAR_H_

#include <string>
#include <utility>

#include "tessel/ir/container.h"
#include "tessel/ir/expr.h"

namespace tessel {
namespace tir {

using ir::Array;
using ir::DataType;
using ir::FieldRole;
using ir::FieldVisitor;
using ir::FloatImm;
using ir::FloatImmNode;
using ir::IntImm;
using ir::IntImmNode;
using ir::Map;
using ir::Object;
using ir::ObjectPtr;
using ir::ObjectRef;
using ir::PrimExpr;
using ir::PrimExprNode;
using ir::Range;
using ir::RangeNode;
using ir::Span;
using ir::String;

/*!
 * \brief The handle of class RefT that refers to an existing node.
 *
 * Functors receive raw node pointers; this turns one back into a handle that shares
 * the node (the reference count is intrusive), so a mutator can return it unchanged.
 */
template <typename RefT, typename NodeT>
RefT GetRef(const NodeT* node) {
  return RefT(ObjectPtr<Object>(const_cast<NodeT*>(node)));
}

/*! \brief A scalar or vector variable: a loop variable, a parameter, a symbolic size. */
class VarNode : public PrimExprNode {
 public:
  /*! \brief The name to print; not part of the structure (two variables may share it). */
  std::string name_hint;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("name_hint", &name_hint, FieldRole::kIgnored);
    PrimExprNode::VisitFields(v);
  }
  /*! \brief Variables compare by binding. */
  bool IsVariable() const override { return true; }
  TESSEL_DECLARE_NODE(VarNode, "tir.Var");
};

/*! \brief Handle to a VarNode. */
class Var : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Var, PrimExpr, VarNode);
  /*!
   * \brief A new variable, distinct from every other.
   * \param name_hint The name to print.
   * \param dtype Its type; int32 by default, "handle" for a buffer's data pointer.
   * \param span Where it was written.
   */
  explicit Var(std::string name_hint, DataType dtype = DataType::Int(32), Span span = Span());
};

/*!
 * \brief A variable known to be non-negative: the symbolic dimension of a shape.
 *
 * Arithmetic analysis may assume `n >= 0` for a SizeVar `n`. Functors that do not
 * override VisitExpr_(const SizeVarNode*) treat it as a Var.
 */
class SizeVarNode : public VarNode {
 public:
  TESSEL_DECLARE_NODE(SizeVarNode, "tir.SizeVar");
};

/*! \brief Handle to a SizeVarNode. */
class SizeVar : public Var {
 public:
  TESSEL_DEFINE_HANDLE(SizeVar, Var, SizeVarNode);
  /*!
   * \brief A new non-negative variable.
   * \throws InvalidArgumentError when dtype is not a scalar integer type.
   */
  explicit SizeVar(std::string name_hint, DataType dtype = DataType::Int(32), Span span = Span());
};

}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_VAR_H_
