/*!
 * \file tessel/tir/analysis.h
 * \brief Analyses of TensorIR statements that schedules and the script parser share.
 */
#ifndef TESSEL_TIR_ANALYSIS_H_
#define TESSEL_TIR_ANALYSIS_H_

#include "tessel/tir/stmt.h"

namespace tessel {
namespace tir {

/*!
 * \brief The regions a block reads and writes, found from its body and init: `{reads, writes}`.
 *
 * Every BufferLoad is a read and every BufferStore a write, so a reduction update
 * `C[vi, vj] = C[vi, vj] + ...` lists C in both. An index that uses no loop of the block's
 * own body gives the point `[index, index + 1)`; loops inside the block (and lets bound
 * from them) are relaxed over their ranges. A nested block is not entered: its declared
 * reads and writes count, its iteration variables relaxed through their bindings. Several
 * accesses of a buffer are joined into one range per dimension; where the join has no
 * simple bounds (the analyzer cannot order the ends) the range is the whole dimension.
 * Buffers the block allocates (alloc_buffers, and Allocate statements inside it) are left
 * out. Regions are in order of the buffers' first access, the init before the body.
 *
 * \code
 * // with T.block("C"): ... C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vj, vk]  (with an init)
 * Array<Array<BufferRegion>> rw = GetBlockReadWriteRegion(block);
 * // rw[0]: C[vi, vj], A[vi, vk], B[vj, vk]    rw[1]: C[vi, vj]
 * \endcode
 */
Array<Array<BufferRegion>> GetBlockReadWriteRegion(const Block& block);

}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_ANALYSIS_H_
