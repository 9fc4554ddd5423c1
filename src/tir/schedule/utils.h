// Internal helpers shared by the schedule primitives: errors, finding loops and blocks,
// replacing subtrees, substituting variables, tidy arithmetic and binding checks.
#ifndef TESSEL_SRC_TIR_SCHEDULE_UTILS_H_
#define TESSEL_SRC_TIR_SCHEDULE_UTILS_H_

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tessel/tir/function.h"
#include "tessel/tir/functor.h"
#include "tessel/tir/op.h"
#include "tessel/tir/schedule/schedule.h"

namespace tessel {
namespace tir {
namespace schedule {

// ------------------------------------------------------------------ errors

/*! Throw ScheduleError "<primitive>: <message>"; primitive is the Python name ("split"). */
[[noreturn]] void ThrowScheduleError(const char* primitive, const std::string& message);
/*! "loop i" (the loop's variable name), for messages. */
std::string Describe(const For& loop);
/*! "block \"C\"", for messages. */
std::string Describe(const Block& block);
/*! An expression as one line of script ("i * j"), for messages. */
std::string ExprText(const PrimExpr& e);

// ------------------------------------------------------------------ finding

/*! The BlockRealize of the block named name under root, or undefined. */
BlockRealize FindBlockRealize(const Stmt& root, const std::string& name);
/*! The loop whose variable is loop_var under root, or undefined. */
For FindLoop(const Stmt& root, const Var& loop_var);
/*! The statements from root down to target (found by identity), both included; empty if absent. */
std::vector<Stmt> PathTo(const Stmt& root, const Stmt& target);
/*! The loops around realize, outer to inner, below its nearest enclosing block. */
std::vector<For> LoopsAbove(const Stmt& root, const BlockRealize& realize);
/*!
 * The BlockRealizes directly under stmt, in order, not looking inside them. For a For,
 * looks in its body; for a Block, in its init and body; for a BlockRealize, in its block.
 */
std::vector<BlockRealize> ChildBlockRealizes(const Stmt& stmt);

// ------------------------------------------------------------------ rewriting

/*! root with the statement old_stmt (by identity) replaced by new_stmt; shares the rest. */
Stmt ReplaceStmt(const Stmt& root, const Stmt& old_stmt, const Stmt& new_stmt);
/*! Variable substitution map, keyed by node identity. */
using VarMap = std::unordered_map<const VarNode*, PrimExpr>;
/*! e with the variables of vmap replaced (no simplification). */
PrimExpr Substitute(const PrimExpr& e, const VarMap& vmap);
/*! stmt with the variables of vmap replaced in every expression. */
Stmt Substitute(const Stmt& stmt, const VarMap& vmap);
/*! Whether e mentions one of vars. */
bool UsesVar(const PrimExpr& e, const std::unordered_set<const VarNode*>& vars);
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

// ------------------------------------------------------------------ properties

/*!
 * Whether e is quasi-affine in vars: built from vars, constants and variables outside vars
 * with +, -, multiplication where at most one side mentions vars and the other is constant,
 * and floordiv/floormod by a positive constant.
 */
bool IsQuasiAffine(const PrimExpr& e, const std::unordered_set<const VarNode*>& vars);
/*!
 * Throw ScheduleError for primitive when a block under loop binds a reduction iteration
 * variable to an expression that uses the loop's variable ("block C binds reduction
 * variable vk to loop k").
 */
void CheckOnlySpatialBound(const char* primitive, const For& loop);

}  // namespace schedule
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_SRC_TIR_SCHEDULE_UTILS_H_
