// Normalizations: relax.nn.layer_norm and rms_norm (statistics over the given axes) and
// batch_norm in its inference form (running statistics per channel).
//
// batch_norm returns the normalized tensor alone. TVM returns a tuple (output, updated
// running mean, updated running variance) for training; at inference the running
// statistics are inputs and come back unchanged, so tessel drops them.
#include "dim_checks.h"
#include "reduce_util.h"
#include "tessel/relax/op/call_te.h"
#include "tessel/relax/op/op_common.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace relax {

namespace {

bool BoolAttrOr(const Call& call, const std::string& key, bool fallback) {
  return HasAttr(call, key) ? GetBoolAttr(call, key) : fallback;
}

// Argument i (gamma, beta, ...) must have x's dtype and the dimensions of x along axes.
void CheckParam(const Call& call, const BlockBuilder& ctx, const TensorStructInfo& x, size_t i,
                const std::vector<int64_t>& axes) {
  TensorStructInfo param = GetTensorArg(call, i);
  std::string name = ArgName(call, i);
  if (!param->IsUnknownDtype() && !x->IsUnknownDtype() && param->dtype != x->dtype) {
    throw TypeInferenceError(StrCat(OpName(call), ": argument ", name,
                                    " has dtype ", param->dtype.ToString(), ", but x has ",
                                    x->dtype.ToString()));
  }
  if (param->IsUnknownNdim()) return;
  if (param->ndim != static_cast<int64_t>(axes.size())) {
    throw TypeInferenceError(StrCat(OpName(call), ": argument ", name, " has ",
                                    param->ndim, " dimensions, but ", axes.size(),
                                    " are expected (one per normalized axis of x)"));
  }
  auto xs = KnownShape(x);
  auto ps = KnownShape(param);
  if (!xs || !ps) return;
  for (size_t j = 0; j < axes.size(); ++j) {
    CheckSameDim(call, ctx->GetAnalyzer(), name, j, (*ps)[j], StrCat("x dimension ", axes[j]),
                 (*xs)[axes[j]]);
  }
}

// The normalized axes: the "axes" list attribute (layer_norm, rms_norm) or the single
// channel "axis" (batch_norm).
std::vector<int64_t> NormAxes(const Call& call, int64_t ndim) {
  if (OpName(call) == "relax.nn.batch_norm") {
    return {NormalizeAxis(call, GetIntAttr(call, "axis"), ndim)};
  }
  return GetAxesAttr(call, "axes", ndim);
}

StructInfo InferNorm(const Call& call, const BlockBuilder& ctx) {
  const auto& arguments = call->op.as<ir::OpNode>()->arguments;
  CheckNumArgs(call, arguments.size());
  TensorStructInfo x = GetTensorArg(call, 0);
  RequireFloat(call, "x", x->dtype);
  double epsilon = GetFloatAttr(call, "epsilon");
  if (!(epsilon >= 0.0)) {
    throw TypeInferenceError(StrCat(OpName(call), ": attribute epsilon is ",
                                    epsilon, ", but it must be >= 0"));
  }
  for (size_t i = 1; i < arguments.size(); ++i) GetTensorArg(call, i);
  if (x->IsUnknownNdim()) return x;
  std::vector<int64_t> axes = NormAxes(call, x->ndim);
  for (size_t i = 1; i < arguments.size(); ++i) CheckParam(call, ctx, x, i, axes);
  return x;
}

// The index of a parameter (one dimension per normalized axis) for an element of x.
Array<PrimExpr> ParamIndex(const Array<PrimExpr>& index, const std::vector<int64_t>& axes) {
  std::vector<PrimExpr> out;
  for (int64_t axis : axes) out.push_back(index[axis]);
  return out;
}

// (x - mean) / sqrt(var + eps) * gamma + beta, with mean and variance over axes (two
// passes: the sum, then the squared deviations from the mean).
te::Tensor LayerNormTE(const Array<te::Tensor>& in, const std::vector<int64_t>& axes,
                       double epsilon, bool center, bool scale) {
  te::Tensor x = in[0], gamma = in[1], beta = in[2];
  PrimExpr count = tir::cast(x->dtype, ReducedCount(x->shape, axes));
  te::Tensor sum = ReduceTE(x->shape, axes, true, [x](const Array<PrimExpr>& i) { return x(i); },
                            te::sum, "sum");
  auto centered = [&](const Array<PrimExpr>& i) { return x(i) - sum(KeptIndex(i, axes)) / count; };
  te::Tensor squares = ReduceTE(x->shape, axes, true, [&](const Array<PrimExpr>& i) {
    PrimExpr d = centered(i);
    return d * d;
  }, te::sum, "squares");
  return te::compute(x->shape, [&](const Array<tir::Var>& var) {
    Array<PrimExpr> i = AsExprs(var);
    PrimExpr inv_std = tir::rsqrt(squares(KeptIndex(i, axes)) / count +
                                  tir::make_const(x->dtype, epsilon));
    PrimExpr out = centered(i) * inv_std;
    if (scale) out = out * gamma(ParamIndex(i, axes));
    if (center) out = out + beta(ParamIndex(i, axes));
    return out;
  }, "layer_norm");
}

// x / sqrt(mean(x^2) + eps) * weight.
te::Tensor RmsNormTE(const Array<te::Tensor>& in, const std::vector<int64_t>& axes,
                     double epsilon) {
  te::Tensor x = in[0], weight = in[1];
  PrimExpr count = tir::cast(x->dtype, ReducedCount(x->shape, axes));
  te::Tensor squares = ReduceTE(x->shape, axes, true,
                                [x](const Array<PrimExpr>& i) { return x(i) * x(i); }, te::sum,
                                "squares");
  return te::compute(x->shape, [&](const Array<tir::Var>& var) {
    Array<PrimExpr> i = AsExprs(var);
    PrimExpr inv_rms = tir::rsqrt(squares(KeptIndex(i, axes)) / count +
                                  tir::make_const(x->dtype, epsilon));
    return x(i) * inv_rms * weight(ParamIndex(i, axes));
  }, "rms_norm");
}

// (x - moving_mean[c]) / sqrt(moving_var[c] + eps) * gamma[c] + beta[c], c the channel.
te::Tensor BatchNormTE(const Array<te::Tensor>& in, int64_t axis, double epsilon, bool center,
                       bool scale) {
  te::Tensor x = in[0], gamma = in[1], beta = in[2], mean = in[3], var = in[4];
  return te::compute(x->shape, [&](const Array<tir::Var>& i) {
    PrimExpr c = i[axis];
    PrimExpr out = (x(AsExprs(i)) - mean(c)) *
                   tir::rsqrt(var(c) + tir::make_const(x->dtype, epsilon));
    if (scale) out = out * gamma(c);
    if (center) out = out + beta(c);
    return out;
  }, "batch_norm");
}

Expr LegalizeNorm(const BlockBuilder& bb, const Call& call) {
  if (!TensorArgsKnown(call)) return call;
  std::string op = OpName(call);
  std::vector<int64_t> axes = NormAxes(call, GetTensorArg(call, 0)->ndim);
  Array<PrimExpr> xs = *KnownShape(GetTensorArg(call, 0));
  for (size_t i = 1; i < call->args.size(); ++i) {
    Array<PrimExpr> ps = *KnownShape(GetTensorArg(call, i));
    for (size_t j = 0; j < axes.size(); ++j) {
      CheckLegalizableDims(call, bb->GetAnalyzer(), StrCat("x dimension ", axes[j]), xs[axes[j]],
                           StrCat(ArgName(call, i), " dimension ", j), ps[j]);
    }
  }
  double epsilon = GetFloatAttr(call, "epsilon");
  bool center = BoolAttrOr(call, "center", true), scale = BoolAttrOr(call, "scale", true);
  std::string name = op.substr(std::string("relax.nn.").size());
  return CallTE(bb, name, call->args, [&](const Array<te::Tensor>& in) {
    if (op == "relax.nn.layer_norm") {
      return Array<te::Tensor>{LayerNormTE(in, axes, epsilon, center, scale)};
    }
    if (op == "relax.nn.rms_norm") return Array<te::Tensor>{RmsNormTE(in, axes, epsilon)};
    return Array<te::Tensor>{BatchNormTE(in, axes[0], epsilon, center, scale)};
  });
}

}  // namespace

TESSEL_RELAX_REGISTER_OP("relax.nn.layer_norm")
    .describe("(x - mean) / sqrt(var + epsilon) * gamma + beta, with the mean and (population) "
              "variance over the given axes; gamma and beta have those axes' dimensions.")
    .add_argument("x")
    .add_argument("gamma")
    .add_argument("beta")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferNorm)
    .set_attr<FLegalize>("FLegalize", LegalizeNorm)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOutEWiseFusable)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.nn.rms_norm")
    .describe("x / sqrt(mean(x^2) + epsilon) * weight, with the mean over the given axes.")
    .add_argument("x")
    .add_argument("weight")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferNorm)
    .set_attr<FLegalize>("FLegalize", LegalizeNorm)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOutEWiseFusable)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.nn.batch_norm")
    .describe("Batch normalization at inference: (x - moving_mean) / sqrt(moving_var + epsilon) "
              "* gamma + beta per channel (the given axis); returns the normalized tensor.")
    .add_argument("x")
    .add_argument("gamma")
    .add_argument("beta")
    .add_argument("moving_mean")
    .add_argument("moving_var")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferNorm)
    .set_attr<FLegalize>("FLegalize", LegalizeNorm)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kBroadcast)
    .set_attr<bool>("FPurity", true);

}  // namespace relax
}  // namespace tessel
