// Questions the schedule primitives ask of a PrimFunc body: where a loop or block is, what
// surrounds it, which blocks are under a statement, and whether bindings allow a change.
#ifndef TESSEL_SRC_TIR_SCHEDULE_ANALYSIS_H_
#define TESSEL_SRC_TIR_SCHEDULE_ANALYSIS_H_

#include <string>
#include <unordered_set>
#include <vector>

#include "tessel/tir/stmt.h"

namespace tessel {
namespace tir {
namespace schedule {

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
/*! Every BlockRealize under root at any depth, in pre-order. */
std::vector<BlockRealize> AllBlockRealizes(const Stmt& root);
/*! The blocks under root whose writes name buffer (its producers), in order. */
std::vector<BlockRealize> BlocksWriting(const Stmt& root, const Buffer& buffer);
/*! The blocks under root whose reads name buffer (its consumers), in order. */
std::vector<BlockRealize> BlocksReading(const Stmt& root, const Buffer& buffer);
/*! The innermost Block around target under root (its scope); undefined at function level. */
Block EnclosingBlock(const Stmt& root, const Stmt& target);

// ------------------------------------------------------------------ properties

/*! Whether e mentions one of vars. */
bool UsesVar(const PrimExpr& e, const std::unordered_set<const VarNode*>& vars);
/*! Whether block has a reduction iteration variable. */
bool IsReductionBlock(const Block& block);

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
/*!
 * Throw ScheduleError for primitive unless every binding of realize is quasi-affine in vars
 * and its predicate is a conjunction of comparisons of such expressions ("block \"A\" binds
 * vi to i * j, which is not affine in ...").
 */
void CheckAffineBindings(const char* primitive, const BlockRealize& realize,
                         const std::unordered_set<const VarNode*>& vars);

}  // namespace schedule
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_SRC_TIR_SCHEDULE_ANALYSIS_H_
