/*!
 * \file tessel/relax/op/op_common.h
 * \brief What every Relax operator registers, and the helpers its inference uses.
 *
 * An operator `relax.<name>` is an ir::Op with four properties:
 * - "FInferStructInfo" (FInferStructInfo): the struct info of a call from its arguments';
 * - "FLegalize" (FLegalize): the call rewritten into tensor programs, usually by CallTE;
 * - "TOpPattern" (OpPatternKind): how fusion may combine it with its neighbours;
 * - "FPurity" (bool): whether a call has no visible side effect.
 *
 * The argument and attribute helpers below throw TypeInferenceError with messages of the
 * form `relax.matmul: argument x2: dimension 0 is 5, but x1 dimension 1 is 7`.
 */
#ifndef TESSEL_RELAX_OP_OP_COMMON_H_
#define TESSEL_RELAX_OP_OP_COMMON_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tessel/ir/op.h"
#include "tessel/relax/block_builder.h"

namespace tessel {
namespace relax {

/*! \brief Infers the struct info of a call of the operator. */
using FInferStructInfo = std::function<StructInfo(const Call& call, const BlockBuilder& ctx)>;
/*! \brief Rewrites a call of the operator, normally into a call_tir of a new PrimFunc. */
using FLegalize = std::function<Expr(const BlockBuilder& bb, const Call& call)>;

/*! \brief How an operator's loops relate its outputs to its inputs (for fusion). */
enum class OpPatternKind : int {
  kElemWise = 0,         //!< out[i] depends on in[i] of same-shaped inputs
  kBroadcast = 1,        //!< out[i] depends on in[broadcast(i)]
  kInjective = 2,        //!< each output element reads some input elements (reshape, take)
  kCommReduce = 3,       //!< a commutative reduction (sum, max)
  kOutEWiseFusable = 4,  //!< complex (matmul, conv2d), but elementwise consumers can fuse
  kTuple = 7,            //!< builds or splits tuples
  kOpaque = 8,           //!< never fused
};

/*! \brief Start the registration of operator `name` (a static OpRegistry chain). */
#define TESSEL_RELAX_REGISTER_OP(name)                         \
  static ::tessel::ir::OpRegistry TESSEL_RELAX_OP_CONCAT(      \
      tessel_relax_op_registry_, __COUNTER__) [[maybe_unused]] = \
      ::tessel::ir::OpRegistry::Register(name)
/*! \cond */
#define TESSEL_RELAX_OP_CONCAT_IMPL(a, b) a##b
#define TESSEL_RELAX_OP_CONCAT(a, b) TESSEL_RELAX_OP_CONCAT_IMPL(a, b)
/*! \endcond */

/*! \brief The operator name of a call of an operator ("relax.add"), or "" for other callees. */
std::string OpName(const Call& call);

/*!
 * \brief The name of argument i of call's operator, from its registration ("x1"), or "argument i".
 */
std::string ArgName(const Call& call, size_t i);

/*! \brief Throws TypeInferenceError unless call has exactly n arguments. */
void CheckNumArgs(const Call& call, size_t n);

/*!
 * \brief The struct info of argument i, which must be a tensor.
 * \throws TypeInferenceError naming the operator and argument when it is something else.
 */
TensorStructInfo GetTensorArg(const Call& call, size_t i);

/*! \brief The dimensions of a tensor's shape when they are known (a ShapeExpr or a shape Var with values). */
std::optional<Array<PrimExpr>> KnownShape(const TensorStructInfo& sinfo);

/*!
 * \brief The numpy broadcast of two shapes.
 *
 * Dimensions are aligned from the right; a dimension 1 takes the other; equal dimensions
 * (proved by the builder's analyzer) stay. Two symbolic dimensions that cannot be proved
 * equal (or unequal) make the result unknown (std::nullopt).
 * \throws TypeInferenceError naming the operator when two constant dimensions differ.
 */
std::optional<Array<PrimExpr>> BroadcastShapes(const Call& call, const Array<PrimExpr>& x1,
                                               const Array<PrimExpr>& x2, const BlockBuilder& ctx);

/*!
 * \brief The common dtype of arguments i and j (no implicit promotion); void when either is unknown.
 * \throws TypeInferenceError when both are known and differ.
 */
DataType SameDtype(const Call& call, size_t i, size_t j);

/*! \brief axis in [-ndim, ndim) made non-negative; throws TypeInferenceError when out of range. */
int64_t NormalizeAxis(const Call& call, int64_t axis, int64_t ndim);

/*! \brief Whether call has attribute key. */
bool HasAttr(const Call& call, const std::string& key);
/*! \brief An integer (or bool) attribute; throws TypeInferenceError when missing or not an integer. */
int64_t GetIntAttr(const Call& call, const std::string& key);
/*! \brief An integer attribute, or nullopt when it is missing or None. */
std::optional<int64_t> GetOptionalIntAttr(const Call& call, const std::string& key);
/*! \brief A float (or integer) attribute. */
double GetFloatAttr(const Call& call, const std::string& key);
/*! \brief A string attribute. */
std::string GetStrAttr(const Call& call, const std::string& key);
/*! \brief A bool attribute (an integer 0/1 is accepted). */
bool GetBoolAttr(const Call& call, const std::string& key);
/*! \brief A list of integers (a single integer is a list of one). */
std::vector<int64_t> GetIntArrayAttr(const Call& call, const std::string& key);
/*! \brief A dtype attribute, given as a string such as "float32"; void when it is "" or missing. */
DataType GetDTypeAttr(const Call& call, const std::string& key);

/*! \brief An int64 constant dimension. */
PrimExpr Int64(int64_t value);

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_RELAX_OP_OP_COMMON_H_
