// Activations: relax.nn.relu, gelu, gelu_tanh, silu, leakyrelu (elementwise), softmax and
// log_softmax (along an axis, numerically stable), and dropout (the identity at inference).
#include <cmath>

#include "dim_checks.h"
#include "reduce_util.h"
#include "tessel/relax/op/call_te.h"
#include "tessel/relax/op/op_common.h"
#include "tessel/tir/op.h"
#include "tessel/tir/te/operation.h"

namespace tessel {
namespace relax {

namespace {

// The value of one element of the result from the element of x and the call's attributes.
using FElement = std::function<PrimExpr(const PrimExpr& x, const Call& call)>;

// Same shape and dtype as x; float dtypes only when the math needs them.
FInferStructInfo InferUnary(bool needs_float) {
  return [needs_float](const Call& call, const BlockBuilder&) -> StructInfo {
    CheckNumArgs(call, 1);
    TensorStructInfo x = GetTensorArg(call, 0);
    if (needs_float) RequireFloat(call, "x", x->dtype);
    return x;
  };
}

FLegalize LegalizeElementwise(const std::string& name, FElement element) {
  return [name, element](const BlockBuilder& bb, const Call& call) -> Expr {
    if (!TensorArgsKnown(call)) return call;
    return CallTE(bb, name, call->args, [&](const Array<te::Tensor>& in) {
      te::Tensor x = in[0];
      return Array<te::Tensor>{te::compute(x->shape, [&](const Array<tir::Var>& i) {
        return element(x(AsExprs(i)), call);
      }, name)};
    });
  };
}

PrimExpr Relu(const PrimExpr& x, const Call&) { return tir::max(x, tir::make_zero(x.dtype())); }

// The exact form, x * Phi(x) with Phi the standard normal distribution function.
PrimExpr Gelu(const PrimExpr& x, const Call&) {
  return x * 0.5 * (1.0 + tir::erf(x * M_SQRT1_2));
}

// The tanh approximation (PyTorch's approximate="tanh").
PrimExpr GeluTanh(const PrimExpr& x, const Call&) {
  const double sqrt_2_over_pi = std::sqrt(2.0 / M_PI);
  return x * 0.5 * (1.0 + tir::tanh(sqrt_2_over_pi * (x + 0.044715 * x * x * x)));
}

PrimExpr Silu(const PrimExpr& x, const Call&) { return x * tir::sigmoid(x); }

PrimExpr LeakyRelu(const PrimExpr& x, const Call& call) {
  PrimExpr alpha = tir::make_const(x.dtype(), GetFloatAttr(call, "alpha"));
  return tir::Select(x > tir::make_zero(x.dtype()), x, x * alpha);
}

StructInfo InferSoftmax(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 1);
  TensorStructInfo x = GetTensorArg(call, 0);
  RequireFloat(call, "x", x->dtype);
  if (x->ndim == 0) {
    throw TypeInferenceError(StrCat(OpName(call),
                                    ": argument x has 0 dimensions, but at least 1 is expected"));
  }
  if (!x->IsUnknownNdim()) NormalizeAxis(call, GetIntAttr(call, "axis"), x->ndim);
  return x;
}

// softmax(x) = exp(x - max) / sum(exp(x - max)) and log_softmax(x) = x - max -
// log(sum(exp(x - max))): subtracting the max keeps exp from overflowing.
FLegalize LegalizeSoftmax(bool log) {
  return [log](const BlockBuilder& bb, const Call& call) -> Expr {
    if (!TensorArgsKnown(call)) return call;
    std::vector<int64_t> axes{NormalizeAxis(call, GetIntAttr(call, "axis"),
                                            GetTensorArg(call, 0)->ndim)};
    return CallTE(bb, log ? "log_softmax" : "softmax", call->args,
                  [&](const Array<te::Tensor>& in) {
      te::Tensor x = in[0];
      auto load = [x](const Array<PrimExpr>& i) { return x(i); };
      te::Tensor max = ReduceTE(x->shape, axes, true, load, MaxReducer(), "max");
      auto shifted = [&](const Array<PrimExpr>& i) { return x(i) - max(KeptIndex(i, axes)); };
      te::Tensor sum = ReduceTE(x->shape, axes, true,
                                [&](const Array<PrimExpr>& i) { return tir::exp(shifted(i)); },
                                te::sum, "sum_exp");
      te::Tensor out = te::compute(x->shape, [&](const Array<tir::Var>& var) {
        Array<PrimExpr> i = AsExprs(var);
        PrimExpr total = sum(KeptIndex(i, axes));
        return log ? shifted(i) - tir::log(total) : tir::exp(shifted(i)) / total;
      }, log ? "log_softmax" : "softmax");
      return Array<te::Tensor>{out};
    });
  };
}

StructInfo InferDropout(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 1);
  TensorStructInfo x = GetTensorArg(call, 0);
  double rate = GetFloatAttr(call, "rate");
  if (!(rate >= 0.0 && rate < 1.0)) {
    throw TypeInferenceError(
        StrCat("relax.nn.dropout: attribute rate is ", rate, ", but it must be in [0, 1)"));
  }
  return x;
}

// At inference dropout keeps every element unscaled: the call is its input.
Expr LegalizeDropout(const BlockBuilder&, const Call& call) { return call->args[0]; }

}  // namespace

TESSEL_RELAX_REGISTER_OP("relax.nn.relu")
    .describe("max(x, 0), elementwise.")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferUnary(false))
    .set_attr<FLegalize>("FLegalize", LegalizeElementwise("relu", Relu))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kElemWise)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.nn.gelu")
    .describe("x * Phi(x) with the error function: 0.5 * x * (1 + erf(x / sqrt(2))).")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferUnary(true))
    .set_attr<FLegalize>("FLegalize", LegalizeElementwise("gelu", Gelu))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kElemWise)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.nn.gelu_tanh")
    .describe("The tanh approximation of gelu: "
              "0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3))).")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferUnary(true))
    .set_attr<FLegalize>("FLegalize", LegalizeElementwise("gelu_tanh", GeluTanh))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kElemWise)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.nn.silu")
    .describe("x * sigmoid(x), elementwise.")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferUnary(true))
    .set_attr<FLegalize>("FLegalize", LegalizeElementwise("silu", Silu))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kElemWise)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.nn.leakyrelu")
    .describe("x where x > 0, else alpha * x.")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferUnary(true))
    .set_attr<FLegalize>("FLegalize", LegalizeElementwise("leakyrelu", LeakyRelu))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kElemWise)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.nn.softmax")
    .describe("exp(x) / sum(exp(x)) along an axis, computed as exp(x - max) / sum(exp(x - max)).")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferSoftmax)
    .set_attr<FLegalize>("FLegalize", LegalizeSoftmax(false))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOutEWiseFusable)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.nn.log_softmax")
    .describe("log(softmax(x)) along an axis, computed as x - max - log(sum(exp(x - max))).")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferSoftmax)
    .set_attr<FLegalize>("FLegalize", LegalizeSoftmax(true))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOutEWiseFusable)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.nn.dropout")
    .describe("Dropout at inference: the input unchanged (rate only documents training).")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferDropout)
    .set_attr<FLegalize>("FLegalize", LegalizeDropout)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kElemWise)
    .set_attr<bool>("FPurity", true);

}  // namespace relax
}  // namespace tessel
