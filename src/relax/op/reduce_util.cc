// Reductions over a set of axes (see reduce_util.h).
#include "reduce_util.h"

#include <algorithm>
#include <limits>

#include "tessel/relax/op/op_common.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace relax {

std::vector<int64_t> GetAxesAttr(const Call& call, const std::string& key, int64_t ndim) {
  std::vector<int64_t> axes;
  if (!HasAttr(call, key)) {
    for (int64_t i = 0; i < ndim; ++i) axes.push_back(i);
    return axes;
  }
  for (int64_t axis : GetIntArrayAttr(call, key)) axes.push_back(NormalizeAxis(call, axis, ndim));
  std::sort(axes.begin(), axes.end());
  auto repeated = std::adjacent_find(axes.begin(), axes.end());
  if (repeated != axes.end()) {
    throw TypeInferenceError(StrCat(OpName(call), ": attribute ", key,
                                    " names axis ", *repeated, " twice"));
  }
  return axes;
}

Array<PrimExpr> ReducedShape(const Array<PrimExpr>& shape, const std::vector<int64_t>& axes,
                             bool keepdims) {
  std::vector<PrimExpr> out;
  for (size_t d = 0; d < shape.size(); ++d) {
    bool reduced = std::binary_search(axes.begin(), axes.end(), static_cast<int64_t>(d));
    if (!reduced) {
      out.push_back(shape[d]);
    } else if (keepdims) {
      out.push_back(tir::make_one(shape[d].dtype()));
    }
  }
  return out;
}

StructInfo InferReduction(const Call& call, const TensorStructInfo& x, DataType dtype) {
  bool keepdims = GetBoolAttr(call, "keepdims");
  bool all_axes = !HasAttr(call, "axis");
  if (x->IsUnknownNdim()) {
    // Reducing every axis without keepdims gives a scalar whatever the rank.
    if (all_axes && !keepdims) return TensorStructInfo(Array<PrimExpr>(), dtype);
    return TensorStructInfo(dtype, -1);
  }
  std::vector<int64_t> axes = GetAxesAttr(call, "axis", x->ndim);
  auto shape = KnownShape(x);
  if (!shape) {
    int64_t ndim = keepdims ? x->ndim : x->ndim - static_cast<int64_t>(axes.size());
    return TensorStructInfo(dtype, ndim);
  }
  return TensorStructInfo(ReducedShape(*shape, axes, keepdims), dtype);
}

te::Tensor ReduceTE(const Array<PrimExpr>& shape, const std::vector<int64_t>& axes, bool keepdims,
                    const FIndexValue& value, const te::Reducer& reducer, const std::string& name) {
  std::vector<te::IterVar> reduce_axes;
  for (int64_t axis : axes) {
    const PrimExpr& extent = shape[axis];
    reduce_axes.push_back(
        te::reduce_axis(ir::Range(tir::make_zero(extent.dtype()), extent), StrCat("k", axis)));
  }
  auto fcompute = [&](const Array<tir::Var>& out) -> PrimExpr {
    std::vector<PrimExpr> index;
    size_t r = 0, o = 0;
    for (size_t d = 0; d < shape.size(); ++d) {
      if (r < axes.size() && axes[r] == static_cast<int64_t>(d)) {
        index.push_back(reduce_axes[r++]->var);
        if (keepdims) ++o;
      } else {
        index.push_back(out[o++]);
      }
    }
    if (reduce_axes.empty()) return value(index);
    return reducer(value(index), reduce_axes, PrimExpr());
  };
  return te::compute(ReducedShape(shape, axes, keepdims), fcompute, name);
}

PrimExpr ReducedCount(const Array<PrimExpr>& shape, const std::vector<int64_t>& axes) {
  PrimExpr count = tir::make_const(ir::DataType::Int(64), int64_t{1});
  for (int64_t axis : axes) count = count * tir::cast(count.dtype(), shape[axis]);
  return count;
}

Array<PrimExpr> KeptIndex(const Array<PrimExpr>& index, const std::vector<int64_t>& axes) {
  Array<PrimExpr> kept = index;
  for (int64_t axis : axes) kept = kept.Set(axis, tir::make_zero(index[axis].dtype()));
  return kept;
}

Array<PrimExpr> AsExprs(const Array<tir::Var>& vars) {
  std::vector<PrimExpr> exprs;
  for (const tir::Var& var : vars) exprs.push_back(var);
  return Array<PrimExpr>(exprs);
}

te::Reducer MaxReducer() {
  static const te::Reducer reducer = te::comm_reducer(
      [](PrimExpr a, PrimExpr b) { return tir::max(a, b); },
      [](DataType t) -> PrimExpr {
        if (t.is_float()) return ir::FloatImm(t, -std::numeric_limits<double>::infinity());
        return te::min_value(t);
      },
      "max");
  return reducer;
}

te::Reducer MinReducer() {
  static const te::Reducer reducer = te::comm_reducer(
      [](PrimExpr a, PrimExpr b) { return tir::min(a, b); },
      [](DataType t) -> PrimExpr {
        if (t.is_float()) return ir::FloatImm(t, std::numeric_limits<double>::infinity());
        return te::max_value(t);
      },
      "min");
  return reducer;
}

}  // namespace relax
}  // namespace tessel
