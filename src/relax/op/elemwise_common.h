// Helpers shared by the elementwise operator families (unary.cc, binary.cc, ternary.cc,
// datatype.cc): dtype checks and result struct info for inference, broadcasting loads and
// the shape check for legalization through te.
#ifndef TESSEL_SRC_RELAX_OP_ELEMWISE_COMMON_H_
#define TESSEL_SRC_RELAX_OP_ELEMWISE_COMMON_H_

#include <functional>
#include <string>
#include <vector>

#include "tessel/relax/op/call_te.h"
#include "tessel/relax/op/op_common.h"
#include "tessel/tir/op.h"
#include "tessel/tir/te/operation.h"

namespace tessel {
namespace relax {

/*! \brief The dtypes an elementwise operator accepts for an argument. */
enum class DTypeClass {
  kAny,      // every dtype, bool included
  kNumeric,  // integers and floats, not bool
  kFloat,    // floats (float16/32/64, bfloat16)
  kBool,     // bool only
};

/*!
 * \brief Throws TypeInferenceError when the known dtype of argument `index` is not of
 * class `accepts`, e.g. `relax.exp: argument x has dtype int32, but expected a float dtype`.
 * An unknown dtype passes.
 */
void CheckDTypeClass(const Call& call, size_t index, const TensorStructInfo& sinfo,
                     DTypeClass accepts);

/*! \brief A tensor of sinfo's shape (or rank, when the shape is unknown) with dtype. */
TensorStructInfo WithDType(const TensorStructInfo& sinfo, DataType dtype);

/*!
 * \brief The struct info of the numpy broadcast of `args` with element type dtype.
 *
 * The rank is unknown when an argument's rank is. The shape is unknown (of the largest
 * rank) when an argument's shape is, or when two dimensions are neither provably equal nor
 * provably 1 (two unrelated symbolic sizes, say): such a result needs a match_cast before
 * it can be legalized. A provable mismatch (3 against 4) throws TypeInferenceError naming
 * the two arguments.
 */
TensorStructInfo InferBroadcast(const Call& call, const BlockBuilder& ctx,
                                const std::vector<TensorStructInfo>& args, DataType dtype);

/*!
 * \brief Whether call's tensor arguments and its result all have known shapes and
 * dtypes, which CallTE needs; legalization leaves the call as it is otherwise.
 */
bool ShapesKnown(const Call& call);

/*!
 * \brief The element of t that the output element at `indices` reads under numpy
 * broadcasting: trailing dimensions aligned, a dimension of constant size 1 read at 0.
 */
PrimExpr BroadcastLoad(const te::Tensor& t, const Array<tir::Var>& indices,
                       const Array<PrimExpr>& out_shape);

/*! \brief The value of one output element from the input elements it reads. */
using ElementCompute = std::function<PrimExpr(const Array<PrimExpr>& elements)>;

/*!
 * \brief The legalization of an elementwise or broadcasting operator whose tensor
 * arguments are call's first `num_inputs` arguments: one te compute named name_hint over
 * the result's shape, reading each input with BroadcastLoad.
 */
FLegalize ElementwiseLegalization(std::string name_hint, size_t num_inputs,
                                  ElementCompute compute);

/*!
 * \brief f evaluated in float32 for narrower floats (float16, bfloat16), whose math
 * intrinsics codegen does not provide; wider dtypes call f directly.
 */
std::function<PrimExpr(const PrimExpr&)> InFloat32(std::function<PrimExpr(const PrimExpr&)> f);

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_SRC_RELAX_OP_ELEMWISE_COMMON_H_
