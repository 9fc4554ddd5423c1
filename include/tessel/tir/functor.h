/*!
 * \file tessel/tir/functor.h
 * \brief Visitors and mutators of TensorIR, derived from the node lists in node_kinds.h.
 *
 * ExprFunctor and StmtFunctor dispatch on the node's type index through a table built
 * once from TESSEL_TIR_EXPR_NODES / TESSEL_TIR_STMT_NODES, to one virtual
 * `VisitExpr_(const AddNode*)` / `VisitStmt_(const ForNode*)` per node kind. The
 * visitors walk every child; the mutators rebuild a node only when a child changed and
 * otherwise return the very same handle, so unchanged subtrees stay shared.
 *
 * \code
 * // Replace x * 1 by x everywhere in a statement.
 * class RemoveMulOne : public StmtExprMutator {
 *  public:
 *   PrimExpr VisitExpr_(const MulNode* op) override {
 *     PrimExpr e = StmtExprMutator::VisitExpr_(op);
 *     const auto* mul = e.as<MulNode>();
 *     const auto* one = mul ? mul->b.as<IntImmNode>() : nullptr;
 *     return one && one->value == 1 ? mul->a : e;
 *   }
 * };
 * Stmt simplified = RemoveMulOne()(body);
 * \endcode
 */
#ifndef TESSEL_TIR_FUNCTOR_H_
#define TESSEL_TIR_FUNCTOR_H_

#include <utility>
#include <vector>

#include "tessel/tir/node_kinds.h"
#include "tessel/tir/stmt.h"

namespace tessel {
namespace tir {

template <typename FType>
class ExprFunctor;

/*!
 * \brief A function over PrimExprs defined by one virtual method per node kind.
 * \tparam R The result type.
 * \tparam Args Extra arguments passed along.
 *
 * A node kind without an override goes to VisitExprDefault_, which throws
 * InvalidArgumentError naming the node's type key. SizeVar falls back to the Var overload.
 */
template <typename R, typename... Args>
class ExprFunctor<R(const PrimExpr&, Args...)> {
 public:
  virtual ~ExprFunctor() = default;
  /*! \brief Same as VisitExpr. */
  R operator()(const PrimExpr& expr, Args... args) { return VisitExpr(expr, args...); }
  /*! \brief Dispatch on the node's kind to the matching VisitExpr_. */
  virtual R VisitExpr(const PrimExpr& expr, Args... args) {
    static const std::vector<Dispatch> table = BuildTable();
    uint32_t index = expr->type_index();
    if (index < table.size() && table[index]) return table[index](this, expr, args...);
    return VisitExprDefault_(expr.get(), args...);
  }

#define TESSEL_TIR_FUNCTOR_DEFAULT(Name)                          \
  /*! \brief Visit a Name##Node; by default VisitExprDefault_. */ \
  virtual R VisitExpr_(const Name##Node* op, Args... args) {      \
    return Fallback(op, args...);                                 \
  }
  TESSEL_TIR_EXPR_NODES(TESSEL_TIR_FUNCTOR_DEFAULT)
#undef TESSEL_TIR_FUNCTOR_DEFAULT

  /*! \brief Called for kinds without an override; throws InvalidArgumentError. */
  virtual R VisitExprDefault_(const Object* op, Args...) {
    throw InvalidArgumentError(
        StrCat("this expression functor does not handle ", op->type_key()));
  }

 private:
  using Dispatch = R (*)(ExprFunctor*, const PrimExpr&, Args...);
  static std::vector<Dispatch> BuildTable() {
    std::vector<Dispatch> table;
#define TESSEL_TIR_FUNCTOR_ENTRY(Name)                                            \
  {                                                                               \
    uint32_t index = Name##Node::RuntimeTypeIndex();                              \
    if (table.size() <= index) table.resize(index + 1);                           \
    table[index] = [](ExprFunctor* self, const PrimExpr& e, Args... args) -> R {  \
      return self->VisitExpr_(static_cast<const Name##Node*>(e.get()), args...);  \
    };                                                                            \
  }
    TESSEL_TIR_EXPR_NODES(TESSEL_TIR_FUNCTOR_ENTRY)
#undef TESSEL_TIR_FUNCTOR_ENTRY
    return table;
  }
  // What a kind without an override does: a SizeVar is a Var, anything else is an error.
  R Fallback(const Object* op, Args... args) { return VisitExprDefault_(op, args...); }
  R Fallback(const SizeVarNode* op, Args... args) {
    return VisitExpr_(static_cast<const VarNode*>(op), args...);
  }
};

template <typename FType>
class StmtFunctor;

/*!
 * \brief A function over statements defined by one virtual method per node kind.
 * \tparam R The result type.
 * \tparam Args Extra arguments passed along.
 */
template <typename R, typename... Args>
class StmtFunctor<R(const Stmt&, Args...)> {
 public:
  virtual ~StmtFunctor() = default;
  /*! \brief Same as VisitStmt. */
  R operator()(const Stmt& stmt, Args... args) { return VisitStmt(stmt, args...); }
  /*! \brief Dispatch on the node's kind to the matching VisitStmt_. */
  virtual R VisitStmt(const Stmt& stmt, Args... args) {
    static const std::vector<Dispatch> table = BuildTable();
    uint32_t index = stmt->type_index();
    if (index < table.size() && table[index]) return table[index](this, stmt, args...);
    return VisitStmtDefault_(stmt.get(), args...);
  }

#define TESSEL_TIR_FUNCTOR_DEFAULT(Name)                          \
  /*! \brief Visit a Name##Node; by default VisitStmtDefault_. */ \
  virtual R VisitStmt_(const Name##Node* op, Args... args) {      \
    return VisitStmtDefault_(op, args...);                        \
  }
  TESSEL_TIR_STMT_NODES(TESSEL_TIR_FUNCTOR_DEFAULT)
#undef TESSEL_TIR_FUNCTOR_DEFAULT

  /*! \brief Called for kinds without an override; throws InvalidArgumentError. */
  virtual R VisitStmtDefault_(const Object* op, Args...) {
    throw InvalidArgumentError(
        StrCat("this statement functor does not handle ", op->type_key()));
  }

 private:
  using Dispatch = R (*)(StmtFunctor*, const Stmt&, Args...);
  static std::vector<Dispatch> BuildTable() {
    std::vector<Dispatch> table;
#define TESSEL_TIR_FUNCTOR_ENTRY(Name)                                           \
  {                                                                              \
    uint32_t index = Name##Node::RuntimeTypeIndex();                             \
    if (table.size() <= index) table.resize(index + 1);                          \
    table[index] = [](StmtFunctor* self, const Stmt& s, Args... args) -> R {     \
      return self->VisitStmt_(static_cast<const Name##Node*>(s.get()), args...); \
    };                                                                           \
  }
    TESSEL_TIR_STMT_NODES(TESSEL_TIR_FUNCTOR_ENTRY)
#undef TESSEL_TIR_FUNCTOR_ENTRY
    return table;
  }
};

/*! \brief Walks an expression and all its sub-expressions; override to look at some kinds. */
class ExprVisitor : public ExprFunctor<void(const PrimExpr&)> {
 public:
  using ExprFunctor::VisitExpr_;
#define TESSEL_TIR_VISITOR_DECL(Name) void VisitExpr_(const Name##Node* op) override;
  TESSEL_TIR_EXPR_NODES(TESSEL_TIR_VISITOR_DECL)
#undef TESSEL_TIR_VISITOR_DECL
};

/*!
 * \brief Rebuilds an expression bottom-up; override a kind to rewrite it.
 *
 * Each default VisitExpr_ visits the children and returns the same handle when none
 * changed, else a new node built by the node's constructor (so its checks apply).
 */
class ExprMutator : public ExprFunctor<PrimExpr(const PrimExpr&)> {
 public:
  using ExprFunctor::VisitExpr_;
#define TESSEL_TIR_VISITOR_DECL(Name) PrimExpr VisitExpr_(const Name##Node* op) override;
  TESSEL_TIR_EXPR_NODES(TESSEL_TIR_VISITOR_DECL)
#undef TESSEL_TIR_VISITOR_DECL
};

/*!
 * \brief Walks a statement and its sub-statements; expressions go to VisitExpr.
 *
 * VisitExpr does nothing here; StmtExprVisitor walks expressions too.
 */
class StmtVisitor : public StmtFunctor<void(const Stmt&)> {
 public:
  using StmtFunctor::VisitStmt_;
  /*! \brief Called on every expression directly inside a statement; does nothing here. */
  virtual void VisitExpr(const PrimExpr& expr) {}
  /*! \brief Called on each buffer a statement defines or uses; visits nothing by default. */
  virtual void VisitBufferDef(const Buffer& buffer) {}
#define TESSEL_TIR_VISITOR_DECL(Name) void VisitStmt_(const Name##Node* op) override;
  TESSEL_TIR_STMT_NODES(TESSEL_TIR_VISITOR_DECL)
#undef TESSEL_TIR_VISITOR_DECL

 protected:
  /*! \brief Visit the ranges of a region. */
  void VisitBufferRegion(const BufferRegion& region);
};

/*!
 * \brief Rebuilds a statement bottom-up; expressions go to VisitExpr (identity here).
 *
 * Returns the same handle for any statement none of whose children changed.
 */
class StmtMutator : public StmtFunctor<Stmt(const Stmt&)> {
 public:
  using StmtFunctor::VisitStmt_;
  /*! \brief Called on every expression directly inside a statement; identity here. */
  virtual PrimExpr VisitExpr(const PrimExpr& expr) { return expr; }
#define TESSEL_TIR_VISITOR_DECL(Name) Stmt VisitStmt_(const Name##Node* op) override;
  TESSEL_TIR_STMT_NODES(TESSEL_TIR_VISITOR_DECL)
#undef TESSEL_TIR_VISITOR_DECL

 protected:
  /*! \brief The region with its ranges' expressions visited; the same handle when unchanged. */
  BufferRegion VisitBufferRegion(const BufferRegion& region);
  /*! \brief The range with min and extent visited; the same handle when unchanged. */
  Range VisitRange(const Range& range);
};

/*! \brief Walks statements and every expression inside them. */
class StmtExprVisitor : public StmtVisitor, public ExprVisitor {
 public:
  using StmtVisitor::operator();
  using ExprVisitor::operator();
  using StmtVisitor::VisitStmt_;
  using ExprVisitor::VisitExpr_;
  /*! \brief Walk the expression with ExprVisitor. */
  void VisitExpr(const PrimExpr& expr) override { ExprVisitor::VisitExpr(expr); }
};

/*! \brief Rebuilds statements and every expression inside them, sharing unchanged parts. */
class StmtExprMutator : public StmtMutator, public ExprMutator {
 public:
  using StmtMutator::operator();
  using ExprMutator::operator();
  using StmtMutator::VisitStmt_;
  using ExprMutator::VisitExpr_;
  /*! \brief Rewrite the expression with ExprMutator. */
  PrimExpr VisitExpr(const PrimExpr& expr) override { return ExprMutator::VisitExpr(expr); }
};

}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_FUNCTOR_H_
