// The state behind arith::Analyzer, shared by the analyses in this folder.
#ifndef TESSEL_SRC_TIR_ARITH_ANALYZER_IMPL_H_
#define TESSEL_SRC_TIR_ARITH_ANALYZER_IMPL_H_

#include <unordered_map>
#include <vector>

#include "linear_sum.h"
#include "tessel/tir/arith/analyzer.h"

namespace tessel {
namespace tir {
namespace arith {

/*! What is known about one variable. */
struct VarInfo {
  Var var;               // keeps the key alive
  bool has_bound = false;
  ConstIntBound bound;   // when has_bound
  PrimExpr value;        // what it stands for (Bind(var, expr)); may be undefined
};

struct Analyzer::Impl {
  std::unordered_map<const VarNode*, VarInfo> vars;
  /*! Facts `sum >= 0` from constraint scopes and symbolic ranges. */
  std::vector<LinearSum> facts;
  /*! The state to restore at the end of each open constraint scope. */
  struct Saved {
    std::unordered_map<const VarNode*, VarInfo> vars;
    std::vector<LinearSum> facts;
  };
  std::vector<Saved> scopes;

  /*! The range of an integer dtype (bool: [0, 1]). */
  static ConstIntBound DTypeBound(DataType dtype);
  /*! Constant bounds (const_int_bound.cc). */
  ConstIntBound Bound(const PrimExpr& expr);
  /*! Modular set (modular_set.cc). */
  ModularSet Modular(const PrimExpr& expr);
  /*! The simplifier (simplify.cc). */
  PrimExpr Simplify(const PrimExpr& expr);
  /*! Whether sum >= 0 follows from bounds and facts. */
  bool ProveNonNegative(const LinearSum& sum);
  /*! Records cond (split at And) as facts and tightens variable bounds. */
  void AddFact(const PrimExpr& cond);
  /*! Drops what is known about var (before it is bound again). */
  void Forget(const Var& var);
  /*! Intersects the bound of var with bound. */
  void TightenBound(const Var& var, ConstIntBound bound);
  /*! The EvalSet interval arithmetic (int_set.cc). */
  IntSet EvalSet(const PrimExpr& expr, const Map<Var, IntSet>& dom);
};

}  // namespace arith
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_SRC_TIR_ARITH_ANALYZER_IMPL_H_
