// The 2-d sliding windows of conv2d and the pools (see window_util.h).
#include "window_util.h"

#include "dim_checks.h"
#include "tessel/relax/op/op_common.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace relax {

namespace {

const char* const kDimNames[2] = {"height", "width"};

}  // namespace

template <size_t N>
std::array<int64_t, N> GetIntsAttr(const Call& call, const std::string& key, int64_t least,
                                   std::array<int64_t, N> fallback) {
  if (!HasAttr(call, key)) return fallback;
  std::vector<int64_t> values = GetIntArrayAttr(call, key);
  if (values.size() != N) {
    throw TypeInferenceError(StrCat(OpName(call), ": attribute ", key, " has ", values.size(),
                                    " values, but ", N, " are expected"));
  }
  std::array<int64_t, N> out;
  for (size_t i = 0; i < N; ++i) {
    if (values[i] < least) {
      throw TypeInferenceError(StrCat(OpName(call), ": attribute ", key, "[", i, "] is ",
                                      values[i], ", but it must be at least ", least));
    }
    out[i] = values[i];
  }
  return out;
}

template std::array<int64_t, 2> GetIntsAttr<2>(const Call&, const std::string&, int64_t,
                                              std::array<int64_t, 2>);
template std::array<int64_t, 4> GetIntsAttr<4>(const Call&, const std::string&, int64_t,
                                              std::array<int64_t, 4>);

Window2D GetWindow(const Call& call) {
  Window2D window;
  window.pool_size = GetIntsAttr<2>(call, "pool_size", 1, window.pool_size);
  window.strides = GetIntsAttr<2>(call, "strides", 1, window.strides);
  window.dilation = GetIntsAttr<2>(call, "dilation", 1, window.dilation);
  window.padding = GetIntsAttr<4>(call, "padding", 0, window.padding);
  if (HasAttr(call, "ceil_mode")) window.ceil_mode = GetBoolAttr(call, "ceil_mode");
  return window;
}

PrimExpr WindowOutExtent(tir::arith::Analyzer* analyzer, const PrimExpr& in,
                         const PrimExpr& kernel, const Window2D& window, int d) {
  int64_t stride = window.strides[d];
  PrimExpr k = tir::cast(in.dtype(), kernel);
  PrimExpr dilated = (k - 1) * window.dilation[d] + 1;
  PrimExpr span = in + window.pad_before(d) + window.pad_after(d) - dilated;
  PrimExpr s = tir::make_const(in.dtype(), stride);
  if (!window.ceil_mode) return analyzer->Simplify(tir::floordiv(span, s) + 1);
  // ceil(span / stride) + 1, less a last window that would start in the trailing padding.
  PrimExpr ceil = tir::floordiv(span + (stride - 1), s) + 1;
  PrimExpr last = tir::floordiv(in + window.pad_before(d) - 1, s) + 1;
  return analyzer->Simplify(tir::min(ceil, last));
}

void CheckWindowFits(const Call& call, tir::arith::Analyzer* analyzer, const PrimExpr& in,
                     const PrimExpr& kernel, const Window2D& window, int d) {
  PrimExpr k = tir::cast(in.dtype(), kernel);
  PrimExpr dilated = analyzer->Simplify((k - 1) * window.dilation[d] + 1);
  PrimExpr padded = analyzer->Simplify(in + window.pad_before(d) + window.pad_after(d));
  const auto* span = analyzer->Simplify(padded - dilated).as<ir::IntImmNode>();
  if (span != nullptr && span->value < 0) {
    throw TypeInferenceError(StrCat(OpName(call), ": the window ", kDimNames[d], " ",
                                    DimText(dilated), " (dilation included) exceeds the padded "
                                    "input ", kDimNames[d], " ", DimText(padded),
                                    " of argument data"));
  }
}

void CheckLayout(const Call& call, const std::string& key, const std::string& expected) {
  if (!HasAttr(call, key)) return;
  std::string layout = GetStrAttr(call, key);
  if (layout != expected) {
    throw TypeInferenceError(StrCat(OpName(call), ": attribute ", key, " is ", layout,
                                    ", but only ", expected, " is supported"));
  }
}

PrimExpr PaddedLoad(const te::Tensor& x, const Array<PrimExpr>& index,
                    const std::vector<bool>& guarded, const PrimExpr& pad_value) {
  PrimExpr inside;
  std::vector<PrimExpr> clamped;
  for (size_t d = 0; d < index.size(); ++d) {
    PrimExpr i = index[d];
    if (!guarded[d]) {
      clamped.push_back(i);
      continue;
    }
    PrimExpr extent = tir::cast(i.dtype(), x->shape[d]);
    PrimExpr zero = tir::make_zero(i.dtype());
    PrimExpr ok = i >= zero && i < extent;
    inside = inside.defined() ? (inside && ok) : ok;
    clamped.push_back(tir::max(tir::min(i, extent - 1), zero));
  }
  if (!inside.defined()) return x(index);
  return tir::Select(inside, x(Array<PrimExpr>(clamped)), pad_value);
}

}  // namespace relax
}  // namespace tessel
