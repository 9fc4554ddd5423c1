// Building the new IR of a schedule primitive: replacing a subtree, substituting variables,
// conjoining block predicates, and arithmetic that folds the constants primitives create.
#ifndef TESSEL_SRC_TIR_SCHEDULE_IR_REWRITE_H_
#define TESSEL_SRC_TIR_SCHEDULE_IR_REWRITE_H_

#include <unordered_map>
#include <unordered_set>

#include "tessel/tir/op.h"
#include "tessel/tir/stmt.h"
#include "tessel/tir/substitute.h"  // VarMap, Substitute

namespace tessel {
namespace tir {
namespace schedule {

// ------------------------------------------------------------------ rewriting

/*! root with the statement old_stmt (by identity) replaced by new_stmt; shares the rest. */
Stmt ReplaceStmt(const Stmt& root, const Stmt& old_stmt, const Stmt& new_stmt);
/*!
 * stmt with `predicate` conjoined to the predicate of every BlockRealize directly under it
 * (`old and predicate`, or just predicate when the old one is true).
 */
Stmt AddPredicate(const Stmt& stmt, const PrimExpr& predicate);

// ------------------------------------------------------------------ tidy arithmetic

/*! The constant value of e when it is an IntImm. */
bool AsConstInt(const PrimExpr& e, int64_t* value);
/*! a + b, folding constants and dropping a zero operand. */
PrimExpr TidyAdd(const PrimExpr& a, const PrimExpr& b);
/*! a * b, folding constants, dropping a one operand, zero for a zero operand. */
PrimExpr TidyMul(const PrimExpr& a, const PrimExpr& b);
/*! floordiv(a, b), folding constants and dropping division by one. */
PrimExpr TidyFloorDiv(const PrimExpr& a, const PrimExpr& b);
/*! floormod(a, b), folding constants; zero for modulus one. */
PrimExpr TidyFloorMod(const PrimExpr& a, const PrimExpr& b);

}  // namespace schedule
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_SRC_TIR_SCHEDULE_IR_REWRITE_H_
