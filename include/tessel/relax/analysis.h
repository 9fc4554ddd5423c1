/*!
 * \file tessel/relax/analysis.h
 * \brief Questions about Relax expressions and struct info.
 */
#ifndef TESSEL_RELAX_ANALYSIS_H_
#define TESSEL_RELAX_ANALYSIS_H_

#include <optional>

#include "tessel/relax/struct_info.h"
#include "tessel/tir/arith/analyzer.h"

namespace tessel {
namespace relax {

/*!
 * \brief Whether expr is a leaf of A-normal form: a variable, constant, shape, prim value,
 * string, extern function or global variable (or a tuple of leaves).
 */
bool IsLeaf(const Expr& expr);

/*!
 * \brief The dimensions a tensor's or a shape's struct info knows (from its ShapeExpr, or from
 * a shape Var whose struct info has values); nullopt when unknown or for other struct info.
 */
std::optional<Array<PrimExpr>> KnownDims(const StructInfo& sinfo);

/*! \brief Whether two dimensions (int32 or int64, possibly symbolic) are provably equal. */
bool CanProveDimEqual(const PrimExpr& a, const PrimExpr& b, tir::arith::Analyzer* analyzer);

/*!
 * \brief Whether every value described by derived is also described by base (base is
 * at least as general). Symbolic dimensions are compared with analyzer.
 */
bool IsBaseOf(const StructInfo& base, const StructInfo& derived, tir::arith::Analyzer* analyzer);

/*!
 * \brief The most specific struct info that describes both a and b (their join): what an
 * `If` whose branches have struct info a and b evaluates to.
 */
StructInfo StructInfoLUB(const StructInfo& a, const StructInfo& b, tir::arith::Analyzer* analyzer);

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_RELAX_ANALYSIS_H_
