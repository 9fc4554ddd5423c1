/*!
 * \file tessel/relax/functor.h
 * \brief Visitors and mutators of Relax, derived from the node list in node_kinds.h.
 *
 * ExprFunctor dispatches on the node's type index, through a table built once from
 * TESSEL_RELAX_EXPR_NODES, to one virtual `VisitExpr_(const CallNode*)` per node kind.
 * ExprVisitor walks every child, bindings and blocks included; ExprMutator rebuilds a
 * node only when a child changed and otherwise returns the very same handle.
 *
 * \code
 * // Count the calls in a function body.
 * class CountCalls : public ExprVisitor {
 *  public:
 *   int count = 0;
 *   void VisitExpr_(const CallNode* op) override { ++count; ExprVisitor::VisitExpr_(op); }
 * };
 * \endcode
 */
#ifndef TESSEL_RELAX_FUNCTOR_H_
#define TESSEL_RELAX_FUNCTOR_H_

#include <unordered_map>
#include <vector>

#include "tessel/relax/function.h"
#include "tessel/relax/node_kinds.h"

namespace tessel {
namespace relax {

template <typename FType>
class ExprFunctor;

/*!
 * \brief A function over Relax expressions defined by one virtual method per node kind.
 * \tparam R The result type.
 * \tparam Args Extra arguments passed along.
 *
 * A kind without an override goes to VisitExprDefault_, which throws InvalidArgumentError
 * naming the node's type key. DataflowVar falls back to the Var overload.
 */
template <typename R, typename... Args>
class ExprFunctor<R(const Expr&, Args...)> {
 public:
  virtual ~ExprFunctor() = default;
  /*! \brief Same as VisitExpr. */
  R operator()(const Expr& expr, Args... args) { return VisitExpr(expr, args...); }
  /*! \brief Dispatch on the node's kind to the matching VisitExpr_. */
  virtual R VisitExpr(const Expr& expr, Args... args) {
    static const std::vector<Dispatch> table = BuildTable();
    uint32_t index = expr->type_index();
    if (index < table.size() && table[index]) return table[index](this, expr, args...);
    return VisitExprDefault_(expr.get(), args...);
  }

#define TESSEL_RELAX_FUNCTOR_DEFAULT(Name)                        \
  /*! \brief Visit a Name##Node; by default VisitExprDefault_. */ \
  virtual R VisitExpr_(const Name##Node* op, Args... args) {      \
    return Fallback(op, args...);                                 \
  }
  TESSEL_RELAX_EXPR_NODES(TESSEL_RELAX_FUNCTOR_DEFAULT)
#undef TESSEL_RELAX_FUNCTOR_DEFAULT

  /*! \brief Called for kinds without an override; throws InvalidArgumentError. */
  virtual R VisitExprDefault_(const Object* op, Args...) {
    throw InvalidArgumentError(StrCat("this relax functor does not handle ", op->type_key()));
  }

 private:
  using Dispatch = R (*)(ExprFunctor*, const Expr&, Args...);
  static std::vector<Dispatch> BuildTable() {
    std::vector<Dispatch> table;
#define TESSEL_RELAX_FUNCTOR_ENTRY(Name)                                         \
  {                                                                              \
    uint32_t index = Name##Node::RuntimeTypeIndex();                             \
    if (table.size() <= index) table.resize(index + 1);                          \
    table[index] = [](ExprFunctor* self, const Expr& e, Args... args) -> R {     \
      return self->VisitExpr_(static_cast<const Name##Node*>(e.get()), args...); \
    };                                                                           \
  }
    TESSEL_RELAX_EXPR_NODES(TESSEL_RELAX_FUNCTOR_ENTRY)
#undef TESSEL_RELAX_FUNCTOR_ENTRY
    return table;
  }
  // A DataflowVar is a Var; anything else without an override is an error.
  R Fallback(const Object* op, Args... args) { return VisitExprDefault_(op, args...); }
  R Fallback(const DataflowVarNode* op, Args... args) {
    return VisitExpr_(static_cast<const VarNode*>(op), args...);
  }
};

/*! \brief Visits every expression, binding and block once, in evaluation order. */
class ExprVisitor : public ExprFunctor<void(const Expr&)> {
 public:
  using ExprFunctor::VisitExpr_;
  /*! \brief Visit a function's parameters and body. */
  virtual void VisitFunction(const Function& func);
  /*! \brief Visit a block's bindings. */
  virtual void VisitBindingBlock(const BindingBlock& block);
  /*! \brief Visit a binding's value, then its variable (VisitVarDef). */
  virtual void VisitBinding(const Binding& binding);
  /*! \brief Called where a variable is defined (parameters and bindings); does nothing. */
  virtual void VisitVarDef(const Var& var);

  void VisitExpr_(const VarNode* op) override;
  void VisitExpr_(const ConstantNode* op) override;
  void VisitExpr_(const TupleNode* op) override;
  void VisitExpr_(const TupleGetItemNode* op) override;
  void VisitExpr_(const ShapeExprNode* op) override;
  void VisitExpr_(const PrimValueNode* op) override;
  void VisitExpr_(const StringImmNode* op) override;
  void VisitExpr_(const CallNode* op) override;
  void VisitExpr_(const IfNode* op) override;
  void VisitExpr_(const SeqExprNode* op) override;
};

/*!
 * \brief Rebuilds expressions bottom-up, sharing every unchanged subtree.
 *
 * Variables map through VisitVarDef at their definitions: a mutator that returns a new
 * Var there renames every later use of it as well. A rebuilt or replacement expression
 * without struct info gets it inferred (operator calls through their inference); a call
 * of a module function keeps the struct info of the expression it replaces.
 */
class ExprMutator : public ExprFunctor<Expr(const Expr&)> {
 public:
  using ExprFunctor::VisitExpr_;
  /*! \brief Dispatch to VisitExpr_, then infer the struct info of a new result that lacks it. */
  Expr VisitExpr(const Expr& expr) override;
  /*! \brief A function with its parameters and body mutated. */
  virtual Function VisitFunction(const Function& func);
  /*! \brief A block with its bindings mutated (the same handle when none changed). */
  virtual BindingBlock VisitBindingBlock(const BindingBlock& block);
  /*! \brief A binding with its value and variable mutated. */
  virtual Binding VisitBinding(const Binding& binding);
  /*!
   * \brief The variable to use for a definition; by default the same one. Later uses of
   * the original variable are replaced by the result.
   */
  virtual Var VisitVarDef(const Var& var);

  Expr VisitExpr_(const VarNode* op) override;
  Expr VisitExpr_(const ConstantNode* op) override;
  Expr VisitExpr_(const TupleNode* op) override;
  Expr VisitExpr_(const TupleGetItemNode* op) override;
  Expr VisitExpr_(const ShapeExprNode* op) override;
  Expr VisitExpr_(const PrimValueNode* op) override;
  Expr VisitExpr_(const StringImmNode* op) override;
  Expr VisitExpr_(const CallNode* op) override;
  Expr VisitExpr_(const IfNode* op) override;
  Expr VisitExpr_(const SeqExprNode* op) override;

 protected:
  /*! \brief The replacement of each variable redefined by VisitVarDef. */
  std::unordered_map<const VarNode*, Var> var_remap_;

 private:
  // VisitVarDef, remembering a replacement for the uses that follow.
  Var Redefine(const Var& var);
  // The builder that infers struct info (created on first use).
  ObjectRef builder_;
};

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_RELAX_FUNCTOR_H_
