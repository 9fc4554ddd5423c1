// relax.nn.conv2d: 2-d convolution of NCHW data with OIHW weights, with strides, padding,
// dilation and groups (depthwise when groups equals the channels).
#include "dim_checks.h"
#include "tessel/relax/op/call_te.h"
#include "tessel/relax/op/op_common.h"
#include "tessel/tir/op.h"
#include "tessel/tir/te/reduction.h"
#include "window_util.h"

namespace tessel {
namespace relax {

namespace {

int64_t Groups(const Call& call) {
  int64_t groups = HasAttr(call, "groups") ? GetIntAttr(call, "groups") : 1;
  if (groups < 1) {
    throw TypeInferenceError(
        StrCat("relax.nn.conv2d: attribute groups is ", groups, ", but it must be at least 1"));
  }
  return groups;
}

DataType ConvDtype(const Call& call) {
  DataType out = GetDTypeAttr(call, "out_dtype");
  return out.is_void() ? SameDtype(call, 0, 1) : out;
}

// Throws when a constant channel count is not a multiple of groups.
void CheckDivisible(const Call& call, const std::string& arg, size_t dim, const PrimExpr& channels,
                    int64_t groups) {
  const auto* imm = channels.as<ir::IntImmNode>();
  if (imm != nullptr && imm->value % groups != 0) {
    throw TypeInferenceError(StrCat("relax.nn.conv2d: argument ", arg, ": dimension ", dim, " is ",
                                    imm->value, ", which groups=", groups, " does not divide"));
  }
}

StructInfo InferConv2d(const Call& call, const BlockBuilder& ctx) {
  CheckNumArgs(call, 2);
  TensorStructInfo data = GetTensorArg(call, 0), weight = GetTensorArg(call, 1);
  CheckLayout(call, "data_layout", "NCHW");
  CheckLayout(call, "kernel_layout", "OIHW");
  DataType dtype = ConvDtype(call);
  CheckNdim(call, 0, data, 4, "NCHW");
  CheckNdim(call, 1, weight, 4, "OIHW");
  Window2D window = GetWindow(call);
  int64_t groups = Groups(call);
  auto ds = KnownShape(data), ws = KnownShape(weight);
  if (!ds || !ws) return TensorStructInfo(dtype, 4);
  tir::arith::Analyzer* analyzer = ctx->GetAnalyzer();
  CheckDivisible(call, "data", 1, (*ds)[1], groups);
  CheckDivisible(call, "weight", 0, (*ws)[0], groups);
  PrimExpr channels = (*ds)[1];
  PrimExpr per_group =
      analyzer->Simplify(tir::floordiv(channels, tir::make_const(channels.dtype(), groups)));
  CheckSameDim(call, analyzer, "weight", 1, (*ws)[1],
               groups == 1 ? std::string("data dimension 1")
                           : StrCat("data dimension 1 / groups=", groups),
               per_group);
  for (int d = 0; d < 2; ++d) {
    CheckWindowFits(call, analyzer, (*ds)[2 + d], (*ws)[2 + d], window, d);
  }
  return TensorStructInfo(
      Array<PrimExpr>{(*ds)[0], (*ws)[0], WindowOutExtent(analyzer, (*ds)[2], (*ws)[2], window, 0),
                      WindowOutExtent(analyzer, (*ds)[3], (*ws)[3], window, 1)},
      dtype);
}

te::Tensor Conv2dTE(const te::Tensor& data, const te::Tensor& weight, const Window2D& window,
                    int64_t groups, DataType dtype, tir::arith::Analyzer* analyzer) {
  const Array<PrimExpr>& ds = data->shape;
  const Array<PrimExpr>& ws = weight->shape;
  auto axis = [](const PrimExpr& extent, const char* name) {
    return te::reduce_axis(ir::Range(tir::make_zero(extent.dtype()), extent), name);
  };
  te::IterVar rc = axis(ws[1], "rc"), ry = axis(ws[2], "ry"), rx = axis(ws[3], "rx");
  Array<PrimExpr> shape{ds[0], ws[0], WindowOutExtent(analyzer, ds[2], ws[2], window, 0),
                        WindowOutExtent(analyzer, ds[3], ws[3], window, 1)};
  bool guard = window.padded();
  return te::compute(shape, [&](const Array<tir::Var>& i) {
    PrimExpr n = i[0], o = i[1], y = i[2], x = i[3];
    PrimExpr channel = tir::cast(o.dtype(), rc->var);
    if (groups > 1) {
      // Output channel o belongs to group o / (O / groups), which reads input channels
      // group * I ... group * I + I - 1.
      PrimExpr per_group =
          tir::floordiv(tir::cast(o.dtype(), ws[0]), tir::make_const(o.dtype(), groups));
      channel = tir::floordiv(o, per_group) * tir::cast(o.dtype(), ws[1]) + channel;
    }
    PrimExpr h = y * window.strides[0] + tir::cast(y.dtype(), ry->var) * window.dilation[0] -
                 window.pad_before(0);
    PrimExpr w = x * window.strides[1] + tir::cast(x.dtype(), rx->var) * window.dilation[1] -
                 window.pad_before(1);
    PrimExpr value = PaddedLoad(data, {n, channel, h, w}, {false, false, guard, guard},
                                tir::make_zero(data->dtype));
    PrimExpr kernel = weight(o, rc, ry, rx);
    return te::sum(tir::cast(dtype, value) * tir::cast(dtype, kernel), {rc, ry, rx});
  }, "conv2d");
}

Expr LegalizeConv2d(const BlockBuilder& bb, const Call& call) {
  if (!TensorArgsKnown(call)) return call;
  DataType dtype = ConvDtype(call);
  Window2D window = GetWindow(call);
  int64_t groups = Groups(call);
  PrimExpr channels = (*KnownShape(GetTensorArg(call, 0)))[1];
  PrimExpr per_group = (*KnownShape(GetTensorArg(call, 1)))[1];
  tir::arith::Analyzer* analyzer = bb->GetAnalyzer();
  CheckLegalizableDims(call, analyzer, "data dimension 1", channels,
                       StrCat("weight dimension 1 * groups=", groups),
                       analyzer->Simplify(per_group * groups));
  return CallTE(bb, "conv2d", call->args, [&](const Array<te::Tensor>& in) {
    return Array<te::Tensor>{Conv2dTE(in[0], in[1], window, groups, dtype, bb->GetAnalyzer())};
  });
}

}  // namespace

TESSEL_RELAX_REGISTER_OP("relax.nn.conv2d")
    .describe("2-d convolution (cross-correlation, as in PyTorch) of NCHW data with OIHW "
              "weights: strides, padding (top, left, bottom, right), dilation and groups.")
    .add_argument("data")
    .add_argument("weight")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferConv2d)
    .set_attr<FLegalize>("FLegalize", LegalizeConv2d)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOutEWiseFusable)
    .set_attr<bool>("FPurity", true);

}  // namespace relax
}  // namespace tessel
