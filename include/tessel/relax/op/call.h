/*!
 * \file tessel/relax/op/call.h
 * \brief The cross-level calls: call_tir, call_dps_packed and call_pure_packed.
 *
 * - `relax.call_tir(gv, Tuple(args)[, tir_vars])` calls the PrimFunc gv in destination-passing
 *   style: the caller allocates the outputs described by `sinfo_args[0]`.
 * - `relax.call_dps_packed(ExternFunc, Tuple(args))` does the same for a runtime function.
 * - `relax.call_pure_packed(ExternFunc, args...)` calls a runtime function that returns its
 *   result (of struct info `sinfo_args[0]`) and has no side effect.
 *
 * A GlobalVar or ExternFunc is not a Relax expression, so the callee is kept in the call's
 * attributes under "callee": `Call(Op("relax.call_tir"), {Tuple(args)}, {callee: gv},
 * {out_sinfo})`.
 */
#ifndef TESSEL_RELAX_OP_CALL_H_
#define TESSEL_RELAX_OP_CALL_H_

#include <string>

#include "tessel/relax/function.h"

namespace tessel {
namespace relax {

/*!
 * \brief `R.call_tir(gv, args, out_sinfo, tir_vars)`.
 * \param gv The PrimFunc called.
 * \param args Its tensor arguments.
 * \param out_sinfo A TensorStructInfo, or a TupleStructInfo of them, for the outputs.
 * \param tir_vars Extra symbolic values passed after the outputs (undefined when none).
 * \throws InvalidArgumentError when out_sinfo is not tensors.
 */
Call CallTIR(const ir::GlobalVar& gv, const Array<Expr>& args, const StructInfo& out_sinfo,
             const Expr& tir_vars = Expr());

/*! \brief `R.call_dps_packed(name, args, out_sinfo)`. */
Call CallDPSPacked(const std::string& name, const Array<Expr>& args, const StructInfo& out_sinfo);

/*! \brief `R.call_pure_packed(name, *args, sinfo_args=ret)`. */
Call CallPurePacked(const std::string& name, const Array<Expr>& args, const StructInfo& ret);

/*! \brief The callee (a GlobalVar or ExternFunc) of a cross-level call; undefined for other calls. */
ir::BaseExpr GetCallee(const Call& call);

/*! \brief The arguments passed to the callee of a cross-level call (the fields of its tuple). */
Array<Expr> GetCallArgs(const Call& call);

/*! \brief Whether call is a call of the operator named op_name. */
bool IsOpCall(const Call& call, const std::string& op_name);

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_RELAX_OP_CALL_H_
