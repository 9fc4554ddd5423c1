/*!
 * \file tessel/tir/transform.h
 * \brief The TensorIR passes: the lowering of scheduled PrimFuncs to the form that code
 * generation consumes, one pass per file under src/tir/transform/.
 *
 * Each pass is registered as "tir.<Name>" and works on every PrimFunc of a module,
 * leaving other functions alone. The lowering pipeline runs them in this order:
 * ConvertBlocksToLoops, Simplify, FlattenBuffer, VectorizeLoop, UnrollLoop,
 * LowerParallelLoops, StorageRewrite, Simplify. After it, a PrimFunc holds only serial
 * loops, "parallel_launch" regions, 1-D buffer accesses (scalar or vector), allocations,
 * lets, conditionals, intrinsic calls and sequences.
 */
#ifndef TESSEL_TIR_TRANSFORM_H_
#define TESSEL_TIR_TRANSFORM_H_

#include "tessel/ir/transform.h"

namespace tessel {
namespace tir {
namespace transform {

using ir::transform::Pass;

/*!
 * \brief Replace every block by the loops' code it stands for: iteration variables are
 * substituted by their bound values, a predicate becomes an `if`, a reduction's init runs
 * where all of its reduction variables are at their first value, and block-allocated
 * buffers become Allocate statements.
 */
Pass ConvertBlocksToLoops();

/*!
 * \brief Simplify every expression with the arithmetic analyzer, knowing each loop
 * variable's range; drop branches whose condition is provably constant.
 */
Pass Simplify();

/*!
 * \brief Rewrite every multi-dimensional buffer access into a 1-D access of the
 * row-major (or strided) offset. Parameter buffers become 1-D views of the same data; the
 * original ones are kept in the "tir.param_buffers" attribute for argument checking.
 */
Pass FlattenBuffer();

/*!
 * \brief Turn each vectorized loop of constant extent into vector code (Ramp, Broadcast,
 * vector loads, stores and intrinsics); a loop that cannot be vectorized becomes serial.
 */
Pass VectorizeLoop();

/*! \brief Replicate the body of each unrolled loop of constant extent; others become serial. */
Pass UnrollLoop();

/*!
 * \brief Turn each outermost parallel loop into a "parallel_launch" region whose body runs
 * on every task of the runtime thread pool, each task taking a static chunk of iterations.
 */
Pass LowerParallelLoops();

/*!
 * \brief Plan the allocations of each function: hoist constant-size ones out of loops and
 * let allocations whose lifetimes do not overlap share storage.
 */
Pass StorageRewrite();

/*!
 * \brief The passes above in the order of the lowering pipeline, as one Sequential named
 * "tir.LoweringPipeline": what `tessel.compile` runs before code generation.
 */
Pass LoweringPipeline();

}  // namespace transform
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_TRANSFORM_H_
