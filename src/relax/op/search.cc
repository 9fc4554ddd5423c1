// relax.argmax and relax.argmin: the int64 index of the largest / smallest element along
// an axis, or in the flattened tensor when no axis is given; ties go to the first.
#include <limits>

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

// The reduced axes: the "axis" attribute, or all of them.
std::vector<int64_t> SearchAxes(const Call& call, int64_t ndim) {
  std::optional<int64_t> axis = GetOptionalIntAttr(call, "axis");
  if (axis) return {NormalizeAxis(call, *axis, ndim)};
  std::vector<int64_t> axes;
  for (int64_t i = 0; i < ndim; ++i) axes.push_back(i);
  return axes;
}

StructInfo InferSearch(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 1);
  TensorStructInfo x = GetTensorArg(call, 0);
  DataType index_type = DataType::Int(64);
  bool keepdims = KeepDims(call);
  bool all_axes = !GetOptionalIntAttr(call, "axis").has_value();
  if (x->IsUnknownNdim()) {
    if (all_axes && !keepdims) return TensorStructInfo(Array<PrimExpr>(), index_type);
    return TensorStructInfo(index_type, -1);
  }
  std::vector<int64_t> axes = SearchAxes(call, x->ndim);
  auto shape = KnownShape(x);
  if (!shape) {
    return TensorStructInfo(index_type, keepdims ? x->ndim : x->ndim - int64_t(axes.size()));
  }
  return TensorStructInfo(ReducedShape(*shape, axes, keepdims), index_type);
}

// A tuple reducer over (index, value) keeping the larger (or smaller) value, and the
// smaller index on ties. The identity's index is the largest int64, so that a value equal
// to the identity's (an infinity) still wins with its own index.
te::CommReducer ArgReducer(DataType value_type, bool largest) {
  DataType index_type = DataType::Int(64);
  tir::Var li("li", index_type), lv("lv", value_type), ri("ri", index_type), rv("rv", value_type);
  PrimExpr better = largest ? lv > rv : lv < rv;
  PrimExpr keep = better || (tir::EQ(lv, rv) && li < ri);
  PrimExpr identity;
  double inf = std::numeric_limits<double>::infinity();
  if (value_type.is_float()) {
    identity = ir::FloatImm(value_type, largest ? -inf : inf);
  } else {
    identity = largest ? te::min_value(value_type) : te::max_value(value_type);
  }
  return te::CommReducer({li, lv}, {ri, rv}, {tir::Select(keep, li, ri), tir::Select(keep, lv, rv)},
                         {ir::IntImm(index_type, std::numeric_limits<int64_t>::max()), identity},
                         largest ? "argmax" : "argmin");
}

te::Tensor ArgReduceTE(const te::Tensor& x, const std::vector<int64_t>& axes, bool keepdims,
                       bool largest, const std::string& name) {
  const Array<PrimExpr>& shape = x->shape;
  DataType index_type = DataType::Int(64);
  if (axes.empty()) {  // a 0-d tensor: its only element is at index 0
    return te::compute(Array<PrimExpr>(), [&](const Array<tir::Var>&) {
      return tir::make_zero(index_type);
    }, name);
  }
  te::CommReducer combiner = ArgReducer(x->dtype, largest);
  std::vector<te::IterVar> reduce_axes;
  for (int64_t axis : axes) {
    reduce_axes.push_back(te::reduce_axis(
        ir::Range(tir::make_zero(shape[axis].dtype()), shape[axis]), StrCat("k", axis)));
  }
  auto fcompute = [&](const Array<tir::Var>& out) -> Array<PrimExpr> {
    std::vector<PrimExpr> index;
    size_t r = 0, o = 0;
    // The position among the reduced elements, in row-major order: the flat index when
    // every axis is reduced.
    PrimExpr flat = tir::make_zero(index_type);
    for (size_t d = 0; d < shape.size(); ++d) {
      if (r < axes.size() && axes[r] == static_cast<int64_t>(d)) {
        const tir::Var& k = reduce_axes[r++]->var;
        index.push_back(k);
        flat = flat * tir::cast(index_type, shape[d]) + tir::cast(index_type, k);
        if (keepdims) ++o;
      } else {
        index.push_back(out[o++]);
      }
    }
    PrimExpr all = tir::make_const(DataType::Bool(), int64_t{1});
    Array<PrimExpr> source{flat, x(Array<PrimExpr>(index))};
    return {te::Reduce(combiner, source, reduce_axes, all, 0),
            te::Reduce(combiner, source, reduce_axes, all, 1)};
  };
  return te::compute(ReducedShape(shape, axes, keepdims), te::FBatchCompute(fcompute), name)[0];
}

FLegalize LegalizeSearch(const std::string& name, bool largest) {
  return [name, largest](const BlockBuilder& bb, const Call& call) -> Expr {
    if (!TensorArgsKnown(call)) return call;
    std::vector<int64_t> axes = SearchAxes(call, GetTensorArg(call, 0)->ndim);
    bool keepdims = KeepDims(call);
    return CallTE(bb, name, call->args, [&](const Array<te::Tensor>& in) {
      return Array<te::Tensor>{ArgReduceTE(in[0], axes, keepdims, largest, name)};
    });
  };
}

}  // namespace

TESSEL_RELAX_REGISTER_OP("relax.argmax")
    .describe("The int64 index of the largest element along an axis (in the flattened "
              "tensor when no axis is given); the first one on ties.")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferSearch)
    .set_attr<FLegalize>("FLegalize", LegalizeSearch("argmax", true))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kCommReduce)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.argmin")
    .describe("The int64 index of the smallest element along an axis (in the flattened "
              "tensor when no axis is given); the first one on ties.")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferSearch)
    .set_attr<FLegalize>("FLegalize", LegalizeSearch("argmin", false))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kCommReduce)
    .set_attr<bool>("FPurity", true);

}  // namespace relax
}  // namespace tessel
