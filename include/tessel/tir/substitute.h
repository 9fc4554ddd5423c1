/*!
 * \file tessel/tir/substitute.h
 * \brief Variable substitution in TensorIR expressions and statements, shared by the
 * schedule primitives and the lowering passes.
 */
#ifndef TESSEL_TIR_SUBSTITUTE_H_
#define TESSEL_TIR_SUBSTITUTE_H_

#include <unordered_map>
#include <utility>

#include "tessel/tir/functor.h"

namespace tessel {
namespace tir {

/*! \brief Variables (by node identity) mapped to the expressions that replace them. */
using VarMap = std::unordered_map<const VarNode*, PrimExpr>;

/*!
 * \brief A mutator that replaces the variables of its map; definitions are not renamed and
 * nothing is simplified. Passes that learn replacements as they go derive from it and
 * fill vmap_.
 */
class VarSubstituter : public StmtExprMutator {
 public:
  /*! \brief A substituter with an empty map, for subclasses that fill it. */
  VarSubstituter() = default;
  /*! \brief A substituter replacing the variables of vmap. */
  explicit VarSubstituter(VarMap vmap) : vmap_(std::move(vmap)) {}

  using StmtExprMutator::VisitExpr_;
  /*! \brief The replacement of a mapped variable, else the variable itself. */
  PrimExpr VisitExpr_(const VarNode* op) override;

 protected:
  VarMap vmap_;  //!< the variables replaced, with their replacements
};

/*! \brief e with the variables of vmap replaced. */
PrimExpr Substitute(const PrimExpr& e, const VarMap& vmap);
/*! \brief stmt with the variables of vmap replaced in every expression. */
Stmt Substitute(const Stmt& stmt, const VarMap& vmap);

}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_SUBSTITUTE_H_
