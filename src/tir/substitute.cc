// Variable substitution: the one mutator the schedule and the passes share.
#include "tessel/tir/substitute.h"

namespace tessel {
namespace tir {

PrimExpr VarSubstituter::VisitExpr_(const VarNode* op) {
  auto it = vmap_.find(op);
  return it == vmap_.end() ? GetRef<PrimExpr>(op) : it->second;
}

PrimExpr Substitute(const PrimExpr& e, const VarMap& vmap) { return VarSubstituter(vmap)(e); }

Stmt Substitute(const Stmt& stmt, const VarMap& vmap) { return VarSubstituter(vmap)(stmt); }

}  // namespace tir
}  // namespace tessel
