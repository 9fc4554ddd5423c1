/*!
 * \file tessel/tir/te/create_prim_func.h
 * \brief CreatePrimFunc: a tensor-expression graph as a TensorIR PrimFunc, one block per
 * compute, ready for tir.Schedule and the lowering passes.
 */
#ifndef TESSEL_TIR_TE_CREATE_PRIM_FUNC_H_
#define TESSEL_TIR_TE_CREATE_PRIM_FUNC_H_

#include "tessel/tir/function.h"
#include "tessel/tir/te/tensor.h"

namespace tessel {
namespace te {

/*!
 * \brief The PrimFunc computing the given tensors from the given inputs.
 *
 * `args` lists the parameters in order: tensors (placeholders and computes) become
 * handle parameters named like the tensor, bound in buffer_map to a buffer of the
 * tensor's shape and dtype; tir Vars (symbolic sizes, scalars) become scalar
 * parameters. Every compute reachable from the tensors of args becomes, in a
 * topological order, one loop nest `for i, j in T.grid(...)` around a block named
 * after the compute, with `T.axis.spatial`/`T.axis.reduce` iteration variables, reads
 * (for each buffer, the region covering all its accesses in the body) and writes (the
 * point written), and for a reduction an init storing the reducer's identity followed
 * by `C[v_i] = combine(C[v_i], source)` (under `if condition` for a conditional
 * reduction). A compute of several outputs (a tuple reducer such as argmax) is one block
 * writing a buffer per output, `<name>_v0`, `<name>_v1`, ...; its combined values are
 * bound to `v_<buffer>` variables (LetStmt) before any is stored. Computes (or outputs)
 * not in args become `alloc_buffer`s of a root block
 * `T.block("root")` that wraps everything; without them there is no root block. The
 * attributes are `{"global_symbol": "main", "tir.noalias": True}`.
 *
 * \throws InvalidArgumentError when an argument is neither a Tensor nor a Var, appears
 *   twice, or a placeholder the computation reads is not among args.
 */
tir::PrimFunc CreatePrimFunc(const Array<ObjectRef>& args);

}  // namespace te
}  // namespace tessel

#endif  // TESSEL_TIR_TE_CREATE_PRIM_FUNC_H_
