// Helpers shared by the elementwise operator families; see elemwise_common.h.
#include "elemwise_common.h"

#include <algorithm>
#include <utility>

#include "tessel/relax/block_builder.h"

namespace tessel {
namespace relax {

namespace {

const char* DTypeClassName(DTypeClass accepts) {
  switch (accepts) {
    case DTypeClass::kNumeric:
      return "a numeric (integer or float) dtype";
    case DTypeClass::kFloat:
      return "a float dtype";
    case DTypeClass::kBool:
      return "bool";
    case DTypeClass::kAny:
      break;
  }
  return "any dtype";
}

bool InClass(DataType dtype, DTypeClass accepts) {
  switch (accepts) {
    case DTypeClass::kNumeric:
      return dtype.is_float() || dtype.is_integer();
    case DTypeClass::kFloat:
      return dtype.is_float();
    case DTypeClass::kBool:
      return dtype.is_bool();
    case DTypeClass::kAny:
      break;
  }
  return true;
}

// Throws when two arguments have constant dimensions that differ and are not 1. The fold in
// InferBroadcast then never meets such a pair; BroadcastShapes would name the first two
// arguments of the call whichever pair it was.
void CheckConstantDims(const Call& call, const std::vector<TensorStructInfo>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    for (size_t j = i + 1; j < args.size(); ++j) {
      std::optional<Array<PrimExpr>> a = KnownShape(args[i]);
      std::optional<Array<PrimExpr>> b = KnownShape(args[j]);
      if (!a || !b) continue;
      for (size_t k = 1; k <= std::min(a->size(), b->size()); ++k) {
        const auto* da = (*a)[a->size() - k].as<ir::IntImmNode>();
        const auto* db = (*b)[b->size() - k].as<ir::IntImmNode>();
        if (da && db && da->value != db->value && da->value != 1 && db->value != 1) {
          throw TypeInferenceError(StrCat(OpName(call), ": cannot broadcast ", ArgName(call, i),
                                          " dimension ", a->size() - k, " (", da->value, ") with ",
                                          ArgName(call, j), " dimension ", b->size() - k, " (",
                                          db->value, ")"));
        }
      }
    }
  }
}

}  // namespace

void CheckDTypeClass(const Call& call, size_t index, const TensorStructInfo& sinfo,
                     DTypeClass accepts) {
  if (sinfo->IsUnknownDtype() || InClass(sinfo->dtype, accepts)) return;
  throw TypeInferenceError(StrCat(OpName(call), ": argument ", ArgName(call, index), " has dtype ",
                                  sinfo->dtype.ToString(), ", but expected ",
                                  DTypeClassName(accepts)));
}

TensorStructInfo WithDType(const TensorStructInfo& sinfo, DataType dtype) {
  if (sinfo->shape.defined()) return TensorStructInfo(sinfo->shape, dtype, sinfo->ndim);
  return TensorStructInfo(dtype, sinfo->ndim);
}

TensorStructInfo InferBroadcast(const Call& call, const BlockBuilder& ctx,
                                const std::vector<TensorStructInfo>& args, DataType dtype) {
  int64_t ndim = 0;
  for (const TensorStructInfo& arg : args) {
    if (arg->IsUnknownNdim()) return TensorStructInfo(dtype, -1);
    ndim = std::max(ndim, arg->ndim);
  }
  CheckConstantDims(call, args);
  std::optional<Array<PrimExpr>> shape = KnownShape(args[0]);
  for (size_t i = 1; i < args.size() && shape; ++i) {
    std::optional<Array<PrimExpr>> other = KnownShape(args[i]);
    shape = other ? BroadcastShapes(call, *shape, *other, ctx) : std::nullopt;
  }
  return shape ? TensorStructInfo(*shape, dtype) : TensorStructInfo(dtype, ndim);
}

bool ShapesKnown(const Call& call) {
  auto known = [](const StructInfo& sinfo) {
    const auto* tensor = sinfo.as<TensorStructInfoNode>();
    if (tensor == nullptr) return true;  // shapes and prim values are not kernel arguments
    return !tensor->IsUnknownDtype() && KnownShape(GetRef<TensorStructInfo>(tensor)).has_value();
  };
  if (!known(GetStructInfo(call))) return false;
  for (const Expr& arg : call->args) {
    if (!known(GetStructInfo(arg))) return false;
  }
  return true;
}

PrimExpr BroadcastLoad(const te::Tensor& t, const Array<tir::Var>& indices,
                       const Array<PrimExpr>& out_shape) {
  size_t offset = indices.size() - t.ndim();
  std::vector<PrimExpr> at;
  for (size_t i = 0; i < t.ndim(); ++i) {
    const PrimExpr& index = indices[offset + i];
    bool broadcast = tir::is_const_number(t->shape[i], 1) &&
                     !tir::is_const_number(out_shape[offset + i], 1);
    at.push_back(broadcast ? tir::make_zero(index.dtype()) : PrimExpr(index));
  }
  return t(Array<PrimExpr>(at));
}

FLegalize ElementwiseLegalization(std::string name_hint, size_t num_inputs,
                                  ElementCompute compute) {
  return [name_hint = std::move(name_hint), num_inputs, compute = std::move(compute)](
             const BlockBuilder& bb, const Call& call) -> Expr {
    if (!ShapesKnown(call)) return call;
    Array<PrimExpr> out_shape = *KnownShape(ir::Downcast<TensorStructInfo>(GetStructInfo(call)));
    Array<Expr> inputs;
    for (size_t i = 0; i < num_inputs; ++i) inputs = inputs.Append(call->args[i]);
    return CallTE(bb, name_hint, inputs, [&](const Array<te::Tensor>& tensors) {
      te::Tensor out = te::compute(
          out_shape,
          [&](const Array<tir::Var>& indices) {
            std::vector<PrimExpr> elements;
            for (const te::Tensor& t : tensors) {
              elements.push_back(BroadcastLoad(t, indices, out_shape));
            }
            return compute(Array<PrimExpr>(elements));
          },
          name_hint);
      return Array<te::Tensor>{out};
    });
  };
}

std::function<PrimExpr(const PrimExpr&)> InFloat32(std::function<PrimExpr(const PrimExpr&)> f) {
  return [f = std::move(f)](const PrimExpr& x) {
    DataType dtype = x.dtype();
    if (dtype.bits() >= 32) return f(x);
    return tir::cast(dtype, f(tir::cast(DataType::Float(32), x)));
  };
}

}  // namespace relax
}  // namespace tessel
