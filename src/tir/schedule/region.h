// Helpers of the block-level primitives (compute_at, compute_inline, cache_read, ...): the
// block scope a block lives in, who reads and writes a buffer there, the region a loop nest
// touches, and moving statements in and out of a scope.
#ifndef TESSEL_SRC_TIR_SCHEDULE_REGION_H_
#define TESSEL_SRC_TIR_SCHEDULE_REGION_H_

#include <string>
#include <vector>

#include "tessel/tir/arith/analyzer.h"
#include "tessel/tir/functor.h"
#include "tessel/tir/op.h"
#include "utils.h"

namespace tessel {
namespace tir {
namespace schedule {

/*! The nearest BlockRealize strictly above target in root, or undefined (the function scope). */
BlockRealize EnclosingRealize(const Stmt& root, const Stmt& target);
/*! The statement holding a scope's children: the block's body, or root when scope is undefined. */
Stmt ScopeBody(const Stmt& root, const BlockRealize& scope);

/*! Whether block declares a read of buffer. */
bool ReadsBuffer(const Block& block, const Buffer& buffer);
/*! Whether block declares a write of buffer. */
bool WritesBuffer(const Block& block, const Buffer& buffer);
/*! Whether buffer is one of func's parameters (an input or output of the function). */
bool IsParamBuffer(const PrimFunc& func, const Buffer& buffer);
/*! The BlockRealizes under stmt down to (not into) nested blocks, in execution order. */
std::vector<BlockRealize> BlocksIn(const Stmt& stmt);

/*!
 * The region of `region` (ranges over the iteration variables of realize's block) that runs
 * under the loops `relaxed` take all their values: the block's variables are replaced by
 * their bindings first. Sets are undefined-ended where they cannot be bounded.
 */
std::vector<arith::IntSet> RelaxRegion(arith::Analyzer* analyzer, const BlockRealize& realize,
                                       const Array<Range>& region,
                                       const std::vector<For>& relaxed);
/*!
 * Narrow the ranges of a block's iteration variables (one per variable, starting from their
 * domains) so that its accesses of buffer (its writes or its reads) cover exactly `needed`:
 * a variable that is a whole index of such an access gets that dimension of needed; the
 * others keep their range.
 */
void NarrowIterRanges(arith::Analyzer* analyzer, const Block& block,
                      const Array<BufferRegion>& accesses, const Buffer& buffer,
                      const std::vector<arith::IntSet>& needed, std::vector<Range>* ranges);
/*!
 * Loops `ax0, ax1, ...` realizing block with each iteration variable over ranges[i]
 * (`v = min + ax`); with preserve_unit_loops false a unit range binds `v = min` without a
 * loop. Where analyzer cannot prove a range inside the variable's domain, the block gets
 * the predicate that keeps it there.
 */
Stmt MakeLoopNest(arith::Analyzer* analyzer, const Block& block, const std::vector<Range>& ranges,
                  bool preserve_unit_loops);

/*! root without target; loops and sequences left empty by the removal go too. */
Stmt RemoveStmt(const Stmt& root, const Stmt& target);
/*! A loop like loop whose body has stmt inserted as child `index` of its statement list. */
For InsertIntoLoop(const For& loop, size_t index, const Stmt& stmt);
/*! The statements of body as a list: a SeqStmt's elements, or body itself. */
std::vector<Stmt> StmtList(const Stmt& body);
/*! The index of the element of list that is or contains target, or -1. */
int IndexContaining(const std::vector<Stmt>& list, const Stmt& target);
/*! block with buffer added to (or, with remove, taken out of) its alloc_buffers. */
Block WithAllocBuffer(const Block& block, const Buffer& buffer, bool remove = false);

}  // namespace schedule
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_SRC_TIR_SCHEDULE_REGION_H_
