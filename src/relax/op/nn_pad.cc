// relax.nn.pad: widen every dimension by pad_width[2d] elements before and pad_width[2d+1]
// after, filled with pad_value ("constant"), the nearest edge element ("edge"), or the
// mirror image without repeating the edge ("reflect", numpy's and PyTorch's reflect).
#include <algorithm>

#include "dim_checks.h"
#include "tessel/relax/op/call_te.h"
#include "tessel/relax/op/op_common.h"
#include "tessel/tir/op.h"
#include "tessel/tir/te/operation.h"
#include "window_util.h"

namespace tessel {
namespace relax {

namespace {

std::string PadMode(const Call& call) {
  std::string mode = HasAttr(call, "pad_mode") ? GetStrAttr(call, "pad_mode") : "constant";
  if (mode != "constant" && mode != "edge" && mode != "reflect") {
    throw TypeInferenceError(StrCat("relax.nn.pad: attribute pad_mode is ", mode,
                                    ", but one of constant, edge, reflect is expected"));
  }
  return mode;
}

double PadValue(const Call& call) {
  return HasAttr(call, "pad_value") ? GetFloatAttr(call, "pad_value") : 0.0;
}

// The "pad_width" attribute: 2 * ndim non-negative ints, (before, after) per dimension.
std::vector<int64_t> PadWidth(const Call& call, int64_t ndim) {
  std::vector<int64_t> width = GetIntArrayAttr(call, "pad_width");
  if (static_cast<int64_t>(width.size()) != 2 * ndim) {
    throw TypeInferenceError(StrCat("relax.nn.pad: attribute pad_width has ", width.size(),
                                    " values, but argument data has ", ndim,
                                    " dimensions, so ", 2 * ndim, " are expected"));
  }
  for (size_t i = 0; i < width.size(); ++i) {
    if (width[i] < 0) {
      throw TypeInferenceError(StrCat("relax.nn.pad: attribute pad_width[", i, "] is ", width[i],
                                      ", but it must be >= 0"));
    }
  }
  return width;
}

StructInfo InferPad(const Call& call, const BlockBuilder& ctx) {
  CheckNumArgs(call, 1);
  TensorStructInfo data = GetTensorArg(call, 0);
  std::string mode = PadMode(call);
  double value = PadValue(call);
  if (mode == "constant" && !data->IsUnknownDtype() && !data->dtype.is_float() &&
      value != static_cast<double>(static_cast<int64_t>(value))) {
    throw TypeInferenceError(StrCat("relax.nn.pad: attribute pad_value is ", value,
                                    ", which argument data's dtype ", data->dtype.ToString(),
                                    " cannot hold"));
  }
  if (data->IsUnknownNdim()) return TensorStructInfo(data->dtype, -1);
  std::vector<int64_t> width = PadWidth(call, data->ndim);
  auto shape = KnownShape(data);
  if (!shape) return TensorStructInfo(data->dtype, data->ndim);
  std::vector<PrimExpr> out;
  for (int64_t d = 0; d < data->ndim; ++d) {
    PrimExpr dim = (*shape)[d];
    const auto* imm = dim.as<ir::IntImmNode>();
    int64_t before = width[2 * d], after = width[2 * d + 1];
    bool padded = before > 0 || after > 0;
    // reflect mirrors inside the dimension, which needs more elements than the padding.
    if (mode == "reflect" && imm != nullptr && padded && std::max(before, after) >= imm->value) {
      throw TypeInferenceError(StrCat("relax.nn.pad: reflect padding of ", before, " and ", after,
                                      " needs argument data dimension ", d,
                                      " to be larger, but it is ", imm->value));
    }
    if (mode == "edge" && imm != nullptr && imm->value == 0 && padded) {
      throw TypeInferenceError(StrCat("relax.nn.pad: edge padding needs a nonempty dimension ", d,
                                      " of argument data"));
    }
    out.push_back(ctx->GetAnalyzer()->Simplify(dim + (before + after)));
  }
  return TensorStructInfo(Array<PrimExpr>(out), data->dtype);
}

te::Tensor PadTE(const te::Tensor& x, const std::vector<int64_t>& width, const std::string& mode,
                 double value, tir::arith::Analyzer* analyzer) {
  std::vector<PrimExpr> shape;
  std::vector<bool> guarded;
  for (size_t d = 0; d < x->shape.size(); ++d) {
    shape.push_back(analyzer->Simplify(x->shape[d] + (width[2 * d] + width[2 * d + 1])));
    guarded.push_back(width[2 * d] > 0 || width[2 * d + 1] > 0);
  }
  return te::compute(Array<PrimExpr>(shape), [&](const Array<tir::Var>& i) {
    std::vector<PrimExpr> index;
    for (size_t d = 0; d < i.size(); ++d) {
      PrimExpr j = i[d] - width[2 * d];
      if (guarded[d] && mode != "constant") {
        PrimExpr last = tir::cast(j.dtype(), x->shape[d]) - 1;
        PrimExpr zero = tir::make_zero(j.dtype());
        if (mode == "edge") {
          j = tir::max(tir::min(j, last), zero);
        } else {  // reflect at 0, then at last: last - |last - |j||
          PrimExpr folded = tir::max(j, zero - j);
          j = last - tir::max(last - folded, folded - last);
        }
      }
      index.push_back(j);
    }
    if (mode != "constant") return x(Array<PrimExpr>(index));
    return PaddedLoad(x, Array<PrimExpr>(index), guarded, tir::make_const(x->dtype, value));
  }, "pad");
}

Expr LegalizePad(const BlockBuilder& bb, const Call& call) {
  if (!TensorArgsKnown(call)) return call;
  std::vector<int64_t> width = PadWidth(call, GetTensorArg(call, 0)->ndim);
  std::string mode = PadMode(call);
  double value = PadValue(call);
  return CallTE(bb, "pad", call->args, [&](const Array<te::Tensor>& in) {
    return Array<te::Tensor>{PadTE(in[0], width, mode, value, bb->GetAnalyzer())};
  });
}

}  // namespace

TESSEL_RELAX_REGISTER_OP("relax.nn.pad")
    .describe("Pad every dimension by (before, after) elements of pad_width, with pad_value "
              "(pad_mode constant), the edge element (edge) or the mirror image (reflect).")
    .add_argument("data")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferPad)
    .set_attr<FLegalize>("FLegalize", LegalizePad)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kInjective)
    .set_attr<bool>("FPurity", true);

}  // namespace relax
}  // namespace tessel
