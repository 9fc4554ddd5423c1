// The statistical reductions relax.sum, prod, max, min, mean, variance and std: over the
// axes of the "axis" attribute (every axis when absent), keeping them as 1 with "keepdims".
#include "dim_checks.h"
#include "reduce_util.h"
#include "tessel/relax/op/call_te.h"
#include "tessel/relax/op/op_common.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace relax {

namespace {

bool KeepDims(const Call& call) {
  return HasAttr(call, "keepdims") && GetBoolAttr(call, "keepdims");
}

// mean, variance and std divide, so they need a float dtype; the others take any.
FInferStructInfo InferStatistical(bool needs_float) {
  return [needs_float](const Call& call, const BlockBuilder&) -> StructInfo {
    CheckNumArgs(call, 1);
    TensorStructInfo x = GetTensorArg(call, 0);
    if (needs_float) RequireFloat(call, "x", x->dtype);
    return InferReduction(call, x, x->dtype);
  };
}

// Builds the outputs of one reduction of x over axes.
using FReduceTE = std::function<te::Tensor(const te::Tensor& x, const std::vector<int64_t>& axes,
                                           bool keepdims)>;

FLegalize LegalizeStatistical(const std::string& name, FReduceTE reduce) {
  return [name, reduce](const BlockBuilder& bb, const Call& call) -> Expr {
    if (!TensorArgsKnown(call)) return call;
    std::vector<int64_t> axes = GetAxesAttr(call, "axis", GetTensorArg(call, 0)->ndim);
    bool keepdims = KeepDims(call);
    return CallTE(bb, name, call->args, [&](const Array<te::Tensor>& in) {
      return Array<te::Tensor>{reduce(in[0], axes, keepdims)};
    });
  };
}

FReduceTE Reduce(const te::Reducer& reducer, const std::string& name) {
  return [reducer, name](const te::Tensor& x, const std::vector<int64_t>& axes, bool keepdims) {
    return ReduceTE(x->shape, axes, keepdims, [x](const Array<PrimExpr>& i) { return x(i); },
                    reducer, name);
  };
}

te::Tensor MeanTE(const te::Tensor& x, const std::vector<int64_t>& axes, bool keepdims) {
  auto load = [x](const Array<PrimExpr>& i) { return x(i); };
  te::Tensor sum = ReduceTE(x->shape, axes, keepdims, load, te::sum, "sum");
  PrimExpr count = tir::cast(x->dtype, ReducedCount(x->shape, axes));
  return te::compute(sum->shape, [&](const Array<tir::Var>& i) { return sum(AsExprs(i)) / count; },
                     "mean");
}

// The mean of the squared deviations from the mean (two passes, for accuracy), or its
// square root.
te::Tensor VarianceTE(const te::Tensor& x, const std::vector<int64_t>& axes, bool keepdims,
                      bool root, const std::string& name) {
  PrimExpr count = tir::cast(x->dtype, ReducedCount(x->shape, axes));
  te::Tensor sum = ReduceTE(x->shape, axes, true, [x](const Array<PrimExpr>& i) { return x(i); },
                            te::sum, "sum");
  auto deviation = [&](const Array<PrimExpr>& i) {
    PrimExpr d = x(i) - sum(KeptIndex(i, axes)) / count;
    return d * d;
  };
  te::Tensor squares = ReduceTE(x->shape, axes, keepdims, deviation, te::sum, "squares");
  return te::compute(squares->shape, [&](const Array<tir::Var>& i) {
    PrimExpr variance = squares(AsExprs(i)) / count;
    return root ? tir::sqrt(variance) : variance;
  }, name);
}

}  // namespace

TESSEL_RELAX_REGISTER_OP("relax.sum")
    .describe("The sum of the elements over the given axes.")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferStatistical(false))
    .set_attr<FLegalize>("FLegalize", LegalizeStatistical("sum", Reduce(te::sum, "sum")))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kCommReduce)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.prod")
    .describe("The product of the elements over the given axes.")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferStatistical(false))
    .set_attr<FLegalize>("FLegalize", LegalizeStatistical("prod", Reduce(te::prod, "prod")))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kCommReduce)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.max")
    .describe("The largest element over the given axes.")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferStatistical(false))
    .set_attr<FLegalize>("FLegalize", LegalizeStatistical("max", Reduce(MaxReducer(), "max")))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kCommReduce)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.min")
    .describe("The smallest element over the given axes.")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferStatistical(false))
    .set_attr<FLegalize>("FLegalize", LegalizeStatistical("min", Reduce(MinReducer(), "min")))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kCommReduce)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.mean")
    .describe("The arithmetic mean of the elements over the given axes (float dtypes).")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferStatistical(true))
    .set_attr<FLegalize>("FLegalize", LegalizeStatistical("mean", MeanTE))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kCommReduce)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.variance")
    .describe("The population variance (mean squared deviation from the mean) over the "
              "given axes (float dtypes).")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferStatistical(true))
    .set_attr<FLegalize>("FLegalize",
                         LegalizeStatistical("variance", [](const te::Tensor& x,
                                                            const std::vector<int64_t>& axes,
                                                            bool keepdims) {
                           return VarianceTE(x, axes, keepdims, false, "variance");
                         }))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kCommReduce)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.std")
    .describe("The population standard deviation over the given axes (float dtypes).")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferStatistical(true))
    .set_attr<FLegalize>("FLegalize",
                         LegalizeStatistical("std", [](const te::Tensor& x,
                                                       const std::vector<int64_t>& axes,
                                                       bool keepdims) {
                           return VarianceTE(x, axes, keepdims, true, "std");
                         }))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kCommReduce)
    .set_attr<bool>("FPurity", true);

}  // namespace relax
}  // namespace tessel
