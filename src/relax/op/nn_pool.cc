// Pooling over NCHW data: relax.nn.max_pool2d and avg_pool2d (windows with strides,
// padding, dilation and ceil_mode) and adaptive_avg_pool2d (windows that tile the input
// into a given output size, as in PyTorch).
#include <algorithm>
#include <limits>

#include "dim_checks.h"
#include "reduce_util.h"
#include "tessel/relax/op/call_te.h"
#include "tessel/relax/op/op_common.h"
#include "tessel/tir/op.h"
#include "window_util.h"

namespace tessel {
namespace relax {

namespace {

bool IsAvg(const Call& call) { return OpName(call) == "relax.nn.avg_pool2d"; }

StructInfo InferPool2d(const Call& call, const BlockBuilder& ctx) {
  CheckNumArgs(call, 1);
  TensorStructInfo data = GetTensorArg(call, 0);
  CheckLayout(call, "layout", "NCHW");
  CheckNdim(call, 0, data, 4, "NCHW");
  if (IsAvg(call)) RequireFloat(call, "data", data->dtype);
  Window2D window = GetWindow(call);
  auto shape = KnownShape(data);
  if (!shape) return TensorStructInfo(data->dtype, 4);
  tir::arith::Analyzer* analyzer = ctx->GetAnalyzer();
  std::vector<PrimExpr> out{(*shape)[0], (*shape)[1]};
  for (int d = 0; d < 2; ++d) {
    PrimExpr in = (*shape)[2 + d];
    PrimExpr kernel = tir::make_const(in.dtype(), window.pool_size[d]);
    CheckWindowFits(call, analyzer, in, kernel, window, d);
    out.push_back(WindowOutExtent(analyzer, in, kernel, window, d));
  }
  return TensorStructInfo(Array<PrimExpr>(out), data->dtype);
}

// The index of the input element tap (r) of the window at output position o along spatial
// dimension d.
PrimExpr Tap(const Window2D& window, int d, const PrimExpr& o, const PrimExpr& r) {
  return o * window.strides[d] + tir::cast(o.dtype(), r) * window.dilation[d] -
         window.pad_before(d);
}

// How many taps of the window at output position o land in [lo, hi) along dimension d.
PrimExpr TapsWithin(const Window2D& window, int d, const PrimExpr& o, const PrimExpr& lo,
                    const PrimExpr& hi) {
  PrimExpr start = o * window.strides[d] - window.pad_before(d);
  PrimExpr dil = tir::make_const(o.dtype(), window.dilation[d]);
  PrimExpr zero = tir::make_zero(o.dtype());
  PrimExpr k = tir::make_const(o.dtype(), window.pool_size[d]);
  // The taps r with start + r * dil < bound are r < ceil((bound - start) / dil).
  auto below = [&](const PrimExpr& bound) {
    PrimExpr taps = tir::floordiv(bound - start + (window.dilation[d] - 1), dil);
    return tir::min(tir::max(taps, zero), k);
  };
  return below(hi) - below(lo);
}

te::Tensor Pool2dTE(const te::Tensor& x, const Window2D& window, bool avg, bool count_include_pad,
                    tir::arith::Analyzer* analyzer) {
  const Array<PrimExpr>& xs = x->shape;
  std::vector<PrimExpr> shape{xs[0], xs[1]};
  std::vector<te::IterVar> taps;
  for (int d = 0; d < 2; ++d) {
    PrimExpr kernel = tir::make_const(xs[2 + d].dtype(), window.pool_size[d]);
    shape.push_back(WindowOutExtent(analyzer, xs[2 + d], kernel, window, d));
    taps.push_back(te::reduce_axis(ir::Range(tir::make_zero(kernel.dtype()), kernel),
                                   d == 0 ? "ry" : "rx"));
  }
  // A window can leave the input only through padding or a ceil_mode partial window.
  bool guard = window.padded() || window.ceil_mode;
  PrimExpr pad_value;
  if (avg) {
    pad_value = tir::make_zero(x->dtype);
  } else if (x->dtype.is_float()) {
    pad_value = ir::FloatImm(x->dtype, -std::numeric_limits<double>::infinity());
  } else {
    pad_value = te::min_value(x->dtype);
  }
  auto window_value = [&](const Array<tir::Var>& i) {
    Array<PrimExpr> index{i[0], i[1], Tap(window, 0, i[2], taps[0]->var),
                          Tap(window, 1, i[3], taps[1]->var)};
    return PaddedLoad(x, index, {false, false, guard, guard}, pad_value);
  };
  Array<te::IterVar> axes(taps);
  if (!avg) {
    return te::compute(Array<PrimExpr>(shape), [&](const Array<tir::Var>& i) {
      return MaxReducer()(window_value(i), axes, PrimExpr());
    }, "max_pool2d");
  }
  te::Tensor sum = te::compute(Array<PrimExpr>(shape), [&](const Array<tir::Var>& i) {
    return te::sum(window_value(i), axes);
  }, "pool_sum");
  return te::compute(Array<PrimExpr>(shape), [&](const Array<tir::Var>& i) {
    PrimExpr count = tir::make_const(i[2].dtype(), window.pool_size[0] * window.pool_size[1]);
    if (guard) {
      // PyTorch's divisor: the taps inside the padded input (count_include_pad) or inside
      // the input itself; a ceil_mode partial window never counts taps past the padding.
      std::vector<PrimExpr> per_dim;
      for (int d = 0; d < 2; ++d) {
        PrimExpr extent = tir::cast(i[2 + d].dtype(), xs[2 + d]);
        int64_t first = count_include_pad ? -window.pad_before(d) : 0;
        PrimExpr lo = tir::make_const(extent.dtype(), first);
        PrimExpr hi = count_include_pad ? extent + window.pad_after(d) : extent;
        per_dim.push_back(TapsWithin(window, d, i[2 + d], lo, hi));
      }
      count = per_dim[0] * per_dim[1];
    }
    return sum(AsExprs(i)) / tir::cast(x->dtype, count);
  }, "avg_pool2d");
}

Expr LegalizePool2d(const BlockBuilder& bb, const Call& call) {
  if (!TensorArgsKnown(call)) return call;
  Window2D window = GetWindow(call);
  bool avg = IsAvg(call);
  bool count_include_pad =
      HasAttr(call, "count_include_pad") && GetBoolAttr(call, "count_include_pad");
  auto compute = [&](const Array<te::Tensor>& in) {
    return Array<te::Tensor>{Pool2dTE(in[0], window, avg, count_include_pad, bb->GetAnalyzer())};
  };
  return CallTE(bb, avg ? "avg_pool2d" : "max_pool2d", call->args, compute);
}

// The output height and width: the "output_size" attribute, or the input's.
Array<PrimExpr> AdaptiveOutSize(const Call& call, const Array<PrimExpr>& shape) {
  if (!HasAttr(call, "output_size")) return {shape[2], shape[3]};
  std::array<int64_t, 2> size = GetIntsAttr<2>(call, "output_size", 1, {1, 1});
  return {tir::make_const(shape[2].dtype(), size[0]), tir::make_const(shape[3].dtype(), size[1])};
}

StructInfo InferAdaptivePool2d(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 1);
  TensorStructInfo data = GetTensorArg(call, 0);
  CheckLayout(call, "layout", "NCHW");
  CheckNdim(call, 0, data, 4, "NCHW");
  RequireFloat(call, "data", data->dtype);
  if (HasAttr(call, "output_size")) GetIntsAttr<2>(call, "output_size", 1, {1, 1});
  auto shape = KnownShape(data);
  if (!shape) return TensorStructInfo(data->dtype, 4);
  Array<PrimExpr> size = AdaptiveOutSize(call, *shape);
  return TensorStructInfo(Array<PrimExpr>{(*shape)[0], (*shape)[1], size[0], size[1]}, data->dtype);
}

// Window o of `out` over `in` elements covers [floor(o * in / out), ceil((o + 1) * in / out)).
PrimExpr WindowStart(const PrimExpr& o, const PrimExpr& in, const PrimExpr& out) {
  return tir::floordiv(o * in, out);
}
PrimExpr WindowEnd(const PrimExpr& o, const PrimExpr& in, const PrimExpr& out) {
  return tir::floordiv((o + 1) * in + out - 1, out);
}

// The largest window: computed exactly for constant sizes, else ceil(in / out) + 1.
PrimExpr LargestWindow(const PrimExpr& in, const PrimExpr& out, tir::arith::Analyzer* analyzer) {
  const auto* i = in.as<ir::IntImmNode>();
  const auto* o = out.as<ir::IntImmNode>();
  if (i != nullptr && o != nullptr) {
    int64_t largest = 0;
    for (int64_t k = 0; k < o->value; ++k) {
      int64_t start = k * i->value / o->value;
      int64_t end = ((k + 1) * i->value + o->value - 1) / o->value;
      largest = std::max(largest, end - start);
    }
    return tir::make_const(in.dtype(), largest);
  }
  return analyzer->Simplify(tir::floordiv(in + out - 1, out) + 1);
}

te::Tensor AdaptivePool2dTE(const te::Tensor& x, const Array<PrimExpr>& size,
                            tir::arith::Analyzer* analyzer) {
  const Array<PrimExpr>& xs = x->shape;
  std::vector<te::IterVar> taps;
  for (int d = 0; d < 2; ++d) {
    PrimExpr largest = LargestWindow(xs[2 + d], size[d], analyzer);
    taps.push_back(te::reduce_axis(ir::Range(tir::make_zero(largest.dtype()), largest),
                                   d == 0 ? "ry" : "rx"));
  }
  Array<PrimExpr> shape{xs[0], xs[1], size[0], size[1]};
  // Each window sums the taps that fall before its end (the others are skipped, not read).
  te::Tensor sum = te::compute(shape, [&](const Array<tir::Var>& i) {
    std::vector<PrimExpr> index{i[0], i[1]};
    PrimExpr inside;
    for (int d = 0; d < 2; ++d) {
      PrimExpr start = WindowStart(i[2 + d], xs[2 + d], size[d]);
      PrimExpr end = WindowEnd(i[2 + d], xs[2 + d], size[d]);
      PrimExpr tap = start + tir::cast(start.dtype(), taps[d]->var);
      index.push_back(tap);
      inside = inside.defined() ? (inside && tap < end) : tap < end;
    }
    return te::sum(x(Array<PrimExpr>(index)), Array<te::IterVar>(taps), inside);
  }, "pool_sum");
  return te::compute(shape, [&](const Array<tir::Var>& i) {
    PrimExpr count = tir::make_one(i[2].dtype());
    for (int d = 0; d < 2; ++d) {
      count = count * (WindowEnd(i[2 + d], xs[2 + d], size[d]) -
                       WindowStart(i[2 + d], xs[2 + d], size[d]));
    }
    return sum(AsExprs(i)) / tir::cast(x->dtype, count);
  }, "adaptive_avg_pool2d");
}

Expr LegalizeAdaptivePool2d(const BlockBuilder& bb, const Call& call) {
  if (!TensorArgsKnown(call)) return call;
  return CallTE(bb, "adaptive_avg_pool2d", call->args, [&](const Array<te::Tensor>& in) {
    Array<PrimExpr> size = AdaptiveOutSize(call, in[0]->shape);
    return Array<te::Tensor>{AdaptivePool2dTE(in[0], size, bb->GetAnalyzer())};
  });
}

}  // namespace

TESSEL_RELAX_REGISTER_OP("relax.nn.max_pool2d")
    .describe("The largest element of each pool_size window of NCHW data, with strides, "
              "padding (which never wins), dilation and ceil_mode.")
    .add_argument("data")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferPool2d)
    .set_attr<FLegalize>("FLegalize", LegalizePool2d)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOutEWiseFusable)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.nn.avg_pool2d")
    .describe("The mean of each pool_size window of NCHW data, with strides, padding, "
              "dilation and ceil_mode; count_include_pad counts padded elements in the divisor.")
    .add_argument("data")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferPool2d)
    .set_attr<FLegalize>("FLegalize", LegalizePool2d)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOutEWiseFusable)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.nn.adaptive_avg_pool2d")
    .describe("Average pooling of NCHW data to a given output height and width; window o "
              "covers [floor(o * in / out), ceil((o + 1) * in / out)).")
    .add_argument("data")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferAdaptivePool2d)
    .set_attr<FLegalize>("FLegalize", LegalizeAdaptivePool2d)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOutEWiseFusable)
    .set_attr<bool>("FPurity", true);

}  // namespace relax
}  // namespace tessel
