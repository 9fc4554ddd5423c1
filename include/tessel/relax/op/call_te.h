/*!
 * \file tessel/relax/op/call_te.h
 * \brief CallTE: legalize a Relax call into a call_tir of a PrimFunc written with te.
 */
#ifndef TESSEL_RELAX_OP_CALL_TE_H_
#define TESSEL_RELAX_OP_CALL_TE_H_

#include <functional>
#include <string>

#include "tessel/relax/block_builder.h"
#include "tessel/tir/te/tensor.h"

namespace tessel {
namespace relax {

/*! \brief Builds the output tensors of a computation from one placeholder per tensor argument. */
using FTECompute = std::function<Array<te::Tensor>(const Array<te::Tensor>& inputs)>;

/*!
 * \brief A call_tir of a PrimFunc computed with te.
 *
 * Each argument whose struct info is a tensor of known shape and dtype becomes a te
 * placeholder of that shape (symbolic dimensions stay the same tir::Vars); other arguments
 * (shapes, prim values) are not passed to compute. The outputs compute returns, with the
 * placeholders, become a PrimFunc (te::CreatePrimFunc) added to bb under a unique name
 * made from name_hint; the result is `call_tir(gv, Tuple(tensor args), out_sinfo)`, with
 * the symbolic variables that only output shapes use passed as tir_vars.
 * \throws InvalidArgumentError when a tensor argument has an unknown shape or dtype.
 */
Expr CallTE(const BlockBuilder& bb, const std::string& name_hint, const Array<Expr>& args,
            const FTECompute& compute);

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_RELAX_OP_CALL_TE_H_
