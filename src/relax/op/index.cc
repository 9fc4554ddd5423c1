// Indexing operators: take (gather along an axis, e.g. embedding lookup), strided_slice
// (numpy basic slicing) and cumsum. Each infers its result's struct info, symbolic
// dimensions included, and legalizes to one te kernel.
#include <algorithm>
#include <limits>
#include <utility>

#include "manip_util.h"
#include "tessel/tir/te/operation.h"
#include "tessel/tir/te/reduction.h"

namespace tessel {
namespace relax {
namespace {

using manip::ConstDim;
using manip::DimStr;
using manip::Fail;

// ---------------------------------------------------------------------------------------
// take(x, indices, axis=None): x's elements at the given indices along axis (of the
// flattened x when axis is None). Out-of-range indices are clamped into [0, size - 1]
// (numpy.take's mode="clip": a negative index reads element 0), so no index can read
// outside x; nothing is checked at run time.

StructInfo InferTake(const Call& call, const BlockBuilder& ctx) {
  CheckNumArgs(call, 2);
  TensorStructInfo x = GetTensorArg(call, 0);
  TensorStructInfo indices = GetTensorArg(call, 1);
  if (!indices->IsUnknownDtype() && !indices->dtype.is_integer()) {
    Fail(call, StrCat("argument indices has dtype ", indices->dtype.ToString(),
                      ", but must have an integer dtype"));
  }
  std::optional<int64_t> axis = GetOptionalIntAttr(call, "axis");
  std::optional<Array<PrimExpr>> x_shape = KnownShape(x);
  std::optional<Array<PrimExpr>> index_shape = KnownShape(indices);
  int64_t a = 0;
  PrimExpr size;
  if (axis) {
    if (x->IsUnknownNdim()) return TensorStructInfo(x->dtype, -1);
    a = NormalizeAxis(call, *axis, x->ndim);
    if (x_shape) size = (*x_shape)[a];
  } else if (x_shape) {
    size = manip::Product(*x_shape, ctx);
  }
  if (size.defined() && ConstDim(size) == 0) {
    std::string along = axis ? StrCat("axis ", a) : "its flattening";
    Fail(call, StrCat("argument x has no element to take along ", along));
  }
  if (indices->IsUnknownNdim()) return TensorStructInfo(x->dtype, -1);
  int64_t ndim = axis ? x->ndim - 1 + indices->ndim : indices->ndim;
  if (!index_shape || (axis && !x_shape)) return TensorStructInfo(x->dtype, ndim);
  std::vector<PrimExpr> dims;
  if (axis) {
    for (int64_t k = 0; k < a; ++k) dims.push_back((*x_shape)[k]);
  }
  for (const PrimExpr& dim : *index_shape) dims.push_back(tir::cast(DataType::Int(64), dim));
  if (axis) {
    for (int64_t k = a + 1; k < x->ndim; ++k) dims.push_back((*x_shape)[k]);
  }
  return TensorStructInfo(Array<PrimExpr>(dims), x->dtype);
}

Expr LegalizeTake(const BlockBuilder& bb, const Call& call) {
  if (!manip::CanLegalize(call)) return call;
  std::optional<int64_t> axis = GetOptionalIntAttr(call, "axis");
  int64_t a = axis ? NormalizeAxis(call, *axis, GetTensorArg(call, 0)->ndim) : 0;
  return manip::OneKernel(bb, call, "take", call->args, [&](const auto& in, const auto& out_index) {
    const te::Tensor& x = in[0];
    const te::Tensor& indices = in[1];
    std::vector<PrimExpr> i = manip::Vec(out_index);
    size_t index_ndim = indices.ndim();
    Array<PrimExpr> at(std::vector<PrimExpr>(i.begin() + a, i.begin() + a + index_ndim));
    PrimExpr size = Int64(1);
    if (axis) {
      size = tir::cast(DataType::Int(64), x->shape[a]);
    } else {
      for (const PrimExpr& dim : x->shape) size = size * tir::cast(DataType::Int(64), dim);
    }
    PrimExpr pos = manip::Clamp(tir::cast(DataType::Int(64), indices(at)), Int64(0), size - 1);
    if (!axis) return x(manip::Unravel(pos, x->shape));
    std::vector<PrimExpr> index(i.begin(), i.begin() + a);
    index.push_back(pos);
    index.insert(index.end(), i.begin() + a + index_ndim, i.end());
    return x(Array<PrimExpr>(index));
  });
}

TESSEL_RELAX_REGISTER_OP("relax.take")
    .describe("The elements of x at the given indices along axis; indices are clamped into range.")
    .add_argument("x")
    .add_argument("indices")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferTake)
    .set_attr<FLegalize>("FLegalize", LegalizeTake)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kInjective)
    .set_attr<bool>("FPurity", true);

// ---------------------------------------------------------------------------------------
// strided_slice(x, axes, begin, end, strides=None, assume_inbound=False): numpy basic
// slicing `x[begin:end:stride]` on each of the given axes. Negative begin/end count from
// the end; out-of-range values are clamped like numpy. A value at or beyond 2**31 - 1 (or at
// or below -2**31) stands for "past the end" ("before the start"), so slicing to the end of
// a symbolic dimension needs no min(). With assume_inbound the values are taken to be within
// the dimension and no clamping is done.

struct SliceInfo {
  int64_t axis;
  PrimExpr start;   // the first element taken
  int64_t stride;
  PrimExpr length;  // the number taken
};

constexpr int64_t kPastEnd = std::numeric_limits<int32_t>::max();
constexpr int64_t kBeforeStart = std::numeric_limits<int32_t>::min();

// Whether slice bound v is the end of the axis in the direction of stride (the end, or the
// start for a begin bound), where clamping is exact.
bool IsAxisEnd(int64_t v, int64_t stride, bool is_begin) {
  bool forward = stride > 0;
  if (is_begin == forward) return v <= kBeforeStart || (forward && v == 0);
  return v >= kPastEnd;
}

// The position a slice bound v stands for on an axis of size n (numpy's clamping into
// [0, n] for a positive stride, [-1, n - 1] for a negative one).
PrimExpr SliceBound(int64_t v, const PrimExpr& n, int64_t stride, bool assume_inbound) {
  bool forward = stride > 0;
  if (v >= kPastEnd) return forward ? n : n - 1;
  if (v <= kBeforeStart) return forward ? Int64(0) : Int64(-1);
  PrimExpr pos = v < 0 ? n + Int64(v) : Int64(v);
  if (assume_inbound) return pos;
  if (forward) {
    if (v == 0) return pos;
    return v > 0 ? tir::min(pos, n) : tir::max(pos, Int64(0));
  }
  return v >= 0 ? tir::min(pos, n - 1) : tir::max(pos, Int64(-1));
}

std::vector<SliceInfo> SliceAxes(const Call& call, const Array<PrimExpr>& shape, int64_t ndim,
                                 const BlockBuilder& ctx) {
  std::vector<int64_t> axes = GetIntArrayAttr(call, "axes");
  std::vector<int64_t> begin = GetIntArrayAttr(call, "begin");
  std::vector<int64_t> end = GetIntArrayAttr(call, "end");
  std::optional<std::vector<int64_t>> strides = manip::GetOptionalIntArrayAttr(call, "strides");
  bool assume_inbound = HasAttr(call, "assume_inbound") && GetBoolAttr(call, "assume_inbound");
  auto check_size = [&](const char* name, size_t size) {
    if (size != axes.size()) {
      Fail(call, StrCat(name, " has ", size, " entries, but axes has ", axes.size()));
    }
  };
  check_size("begin", begin.size());
  check_size("end", end.size());
  if (strides) check_size("strides", strides->size());
  std::vector<SliceInfo> slices;
  for (size_t k = 0; k < axes.size(); ++k) {
    int64_t axis = NormalizeAxis(call, axes[k], ndim);
    for (const SliceInfo& s : slices) {
      if (s.axis == axis) Fail(call, StrCat("axes repeats axis ", axis));
    }
    int64_t stride = strides ? (*strides)[k] : 1;
    if (stride == 0) Fail(call, StrCat("strides[", k, "] is 0"));
    if (shape.empty()) {
      slices.push_back({axis, PrimExpr(), stride, PrimExpr()});
      continue;
    }
    PrimExpr n = tir::cast(DataType::Int(64), shape[axis]);
    PrimExpr start = SliceBound(begin[k], n, stride, assume_inbound);
    PrimExpr stop = SliceBound(end[k], n, stride, assume_inbound);
    int64_t step = std::abs(stride);
    PrimExpr span = stride > 0 ? stop - start : start - stop;
    PrimExpr length = tir::floordiv(span + Int64(step - 1), Int64(step));
    // Clamped bounds may cross (an empty slice), except when both are ends of the axis.
    bool whole = IsAxisEnd(begin[k], stride, true) && IsAxisEnd(end[k], stride, false);
    if (!assume_inbound && !whole) length = tir::max(length, Int64(0));
    tir::arith::Analyzer* analyzer = ctx->GetAnalyzer();
    slices.push_back({axis, analyzer->Simplify(start), stride, analyzer->Simplify(length)});
  }
  return slices;
}

StructInfo InferStridedSlice(const Call& call, const BlockBuilder& ctx) {
  CheckNumArgs(call, 1);
  TensorStructInfo x = GetTensorArg(call, 0);
  if (x->IsUnknownNdim()) return TensorStructInfo(x->dtype, -1);
  std::optional<Array<PrimExpr>> shape = KnownShape(x);
  std::vector<SliceInfo> slices = SliceAxes(call, shape ? *shape : Array<PrimExpr>(), x->ndim, ctx);
  if (!shape) return TensorStructInfo(x->dtype, x->ndim);
  Array<PrimExpr> dims = *shape;
  for (const SliceInfo& s : slices) dims = dims.Set(s.axis, s.length);
  return TensorStructInfo(dims, x->dtype);
}

Expr LegalizeStridedSlice(const BlockBuilder& bb, const Call& call) {
  if (!manip::CanLegalize(call)) return call;
  TensorStructInfo x = GetTensorArg(call, 0);
  std::vector<SliceInfo> slices = SliceAxes(call, *KnownShape(x), x->ndim, bb);
  return manip::OneKernel(bb, call, "strided_slice", call->args, [&](const auto& in, const auto& i) {
    Array<PrimExpr> index = i;
    for (const SliceInfo& s : slices) index = index.Set(s.axis, s.start + i[s.axis] * Int64(s.stride));
    return in[0](index);
  });
}

TESSEL_RELAX_REGISTER_OP("relax.strided_slice")
    .describe("x[begin:end:stride] on the given axes (numpy basic slicing).")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferStridedSlice)
    .set_attr<FLegalize>("FLegalize", LegalizeStridedSlice)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kInjective)
    .set_attr<bool>("FPurity", true);

// ---------------------------------------------------------------------------------------
// cumsum(x, axis=None, dtype=None, exclusive=False): running sums along axis (of the
// flattened x when axis is None), in dtype (x's by default). The kernel sums each prefix
// separately (a conditional reduction, O(n^2) per row): simple and exact, not fast.

StructInfo InferCumsum(const Call& call, const BlockBuilder& ctx) {
  CheckNumArgs(call, 1);
  TensorStructInfo x = GetTensorArg(call, 0);
  DataType dtype = GetDTypeAttr(call, "dtype");
  if (dtype.is_void()) dtype = x->dtype;
  std::optional<int64_t> axis = GetOptionalIntAttr(call, "axis");
  std::optional<Array<PrimExpr>> shape = KnownShape(x);
  if (!axis) {
    if (!shape) return TensorStructInfo(dtype, 1);
    return TensorStructInfo(Array<PrimExpr>{manip::Product(*shape, ctx)}, dtype);
  }
  if (x->IsUnknownNdim()) return TensorStructInfo(dtype, -1);
  NormalizeAxis(call, *axis, x->ndim);
  return manip::TensorOf(shape, dtype, x->ndim);
}

Expr LegalizeCumsum(const BlockBuilder& bb, const Call& call) {
  if (!manip::CanLegalize(call)) return call;
  std::optional<int64_t> axis = GetOptionalIntAttr(call, "axis");
  int64_t a = axis ? NormalizeAxis(call, *axis, GetTensorArg(call, 0)->ndim) : 0;
  bool exclusive = HasAttr(call, "exclusive") && GetBoolAttr(call, "exclusive");
  PrimExpr extent = tir::cast(DataType::Int(64), manip::ResultShape(call)[a]);
  DataType dtype = ir::Downcast<TensorStructInfo>(GetStructInfo(call))->dtype;
  return manip::OneKernel(bb, call, "cumsum", call->args, [&](const auto& in, const auto& i) {
    const te::Tensor& x = in[0];
    te::IterVar k = te::reduce_axis(ir::Range(Int64(0), extent), "k");
    PrimExpr value = axis ? x(i.Set(a, k->var)) : x(manip::Unravel(k->var, x->shape));
    PrimExpr condition = exclusive ? PrimExpr(k->var < i[a]) : PrimExpr(k->var <= i[a]);
    return te::sum(tir::cast(dtype, value), {k}, condition);
  });
}

TESSEL_RELAX_REGISTER_OP("relax.cumsum")
    .describe("Running sums of x along axis (of the flattened x when axis is None).")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferCumsum)
    .set_attr<FLegalize>("FLegalize", LegalizeCumsum)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOpaque)
    .set_attr<bool>("FPurity", true);

}  // namespace
}  // namespace relax
}  // namespace tessel
