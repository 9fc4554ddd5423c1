// Creation operators: zeros, ones, full (of a given shape), zeros_like, ones_like,
// full_like (of another tensor's shape) and arange. Each infers its result's struct info,
// symbolic shapes included, and legalizes to one te kernel.
#include <cmath>
#include <utility>

#include "manip_util.h"

namespace tessel {
namespace relax {
namespace {

using manip::ConstDim;
using manip::Fail;

// A tensor of dtype shaped like the shape argument i (its values, or the shape variable).
TensorStructInfo TensorOfShapeArg(const Call& call, size_t i, DataType dtype) {
  ShapeStructInfo shape = manip::GetShapeArg(call, i);
  if (std::optional<Array<PrimExpr>> values = manip::KnownValues(shape)) {
    std::vector<PrimExpr> dims;
    for (size_t k = 0; k < values->size(); ++k) {
      PrimExpr dim = tir::cast(DataType::Int(64), (*values)[k]);
      std::optional<int64_t> size = ConstDim(dim);
      if (size && *size < 0) {
        Fail(call, StrCat("argument ", ArgName(call, i), ": dimension ", k, " is ", *size,
                          ", but must be non-negative"));
      }
      dims.push_back(dim);
    }
    return TensorStructInfo(Array<PrimExpr>(dims), dtype);
  }
  if (call->args[i].as<VarNode>()) return TensorStructInfo(call->args[i], dtype);
  return TensorStructInfo(dtype, shape->ndim);
}

// A tensor of dtype (x's when void) shaped like the tensor argument x.
TensorStructInfo TensorLike(const TensorStructInfo& x, DataType dtype) {
  if (dtype.is_void()) dtype = x->dtype;
  if (x->shape.defined()) return TensorStructInfo(x->shape, dtype, x->ndim);
  return TensorStructInfo(dtype, x->ndim);
}

// A kernel filling the call's result with value (given the placeholders of the tensor
// arguments, in order, and the result's dtype).
Expr Fill(const BlockBuilder& bb, const Call& call, const std::string& name, const Array<Expr>& args,
          std::function<PrimExpr(const Array<te::Tensor>&, DataType)> value) {
  DataType dtype = ir::Downcast<TensorStructInfo>(GetStructInfo(call))->dtype;
  return manip::OneKernel(bb, call, name, args,
                          [&](const auto& in, const auto&) { return value(in, dtype); });
}

// ---------------------------------------------------------------------------------------
// The fill value of full / full_like: a 0-d tensor, or a PrimValue.

// The dtype of the fill value (argument i); checks that it is a scalar.
DataType FillValueDtype(const Call& call, size_t i) {
  StructInfo sinfo = GetStructInfo(call->args[i]);
  if (const auto* prim = sinfo.as<PrimStructInfoNode>()) return prim->dtype;
  const auto* tensor = sinfo.as<TensorStructInfoNode>();
  if (!tensor) {
    Fail(call, StrCat("argument fill_value must be a 0-d Tensor or a Prim value, found ",
                      manip::KindName(sinfo)));
  }
  if (tensor->ndim != -1 && tensor->ndim != 0) {
    Fail(call, StrCat("argument fill_value must be a 0-d Tensor, found rank ", tensor->ndim));
  }
  return tensor->dtype;
}

// The fill value as a scalar of dtype: a load of the tensor's placeholder (the last
// placeholder), or the PrimValue's constant. Undefined when it is neither (a PrimValue of
// a symbolic expression or a variable): then the call is left alone.
PrimExpr FillScalar(const Expr& fill, const Array<te::Tensor>& in, DataType dtype) {
  if (GetStructInfo(fill).as<TensorStructInfoNode>()) {
    return tir::cast(dtype, in.back()(Array<PrimExpr>()));
  }
  const auto* prim = fill.as<PrimValueNode>();
  if (!prim) return PrimExpr();
  if (const auto* imm = prim->value.as<ir::IntImmNode>()) return tir::make_const(dtype, imm->value);
  if (const auto* imm = prim->value.as<ir::FloatImmNode>()) return tir::make_const(dtype, imm->value);
  return PrimExpr();
}

bool ConstantFill(const Expr& fill) {
  if (GetStructInfo(fill).as<TensorStructInfoNode>()) return true;
  const auto* prim = fill.as<PrimValueNode>();
  return prim && (prim->value.as<ir::IntImmNode>() || prim->value.as<ir::FloatImmNode>());
}

// ---------------------------------------------------------------------------------------
// zeros(shape, dtype) / ones(shape, dtype) / full(shape, fill_value, dtype=None)

StructInfo InferZerosOnes(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 1);
  DataType dtype = GetDTypeAttr(call, "dtype");
  if (dtype.is_void()) Fail(call, "attribute dtype must be given");
  return TensorOfShapeArg(call, 0, dtype);
}

StructInfo InferFull(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 2);
  DataType fill_dtype = FillValueDtype(call, 1);
  DataType dtype = GetDTypeAttr(call, "dtype");
  return TensorOfShapeArg(call, 0, dtype.is_void() ? fill_dtype : dtype);
}

// ---------------------------------------------------------------------------------------
// zeros_like(x, dtype=None) / ones_like(x, dtype=None) / full_like(x, fill_value, dtype=None)

StructInfo InferZerosOnesLike(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 1);
  return TensorLike(GetTensorArg(call, 0), GetDTypeAttr(call, "dtype"));
}

StructInfo InferFullLike(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 2);
  TensorStructInfo x = GetTensorArg(call, 0);
  FillValueDtype(call, 1);
  return TensorLike(x, GetDTypeAttr(call, "dtype"));
}

FLegalize LegalizeConstantFill(const std::string& name, double value) {
  return [name, value](const BlockBuilder& bb, const Call& call) -> Expr {
    if (!manip::CanLegalize(call)) return call;
    // A *_like op passes x so that the kernel gets x's symbolic dimensions.
    return Fill(bb, call, name, call->args, [value](const auto&, DataType dtype) {
      return tir::make_const(dtype, value);
    });
  };
}

Expr LegalizeFull(const BlockBuilder& bb, const Call& call, const std::string& name) {
  if (!manip::CanLegalize(call) || !ConstantFill(call->args[1])) return call;
  return Fill(bb, call, name, call->args, [&](const Array<te::Tensor>& in, DataType dtype) {
    return FillScalar(call->args[1], in, dtype);
  });
}

Expr LegalizeFullOp(const BlockBuilder& bb, const Call& call) { return LegalizeFull(bb, call, "full"); }

Expr LegalizeFullLikeOp(const BlockBuilder& bb, const Call& call) {
  return LegalizeFull(bb, call, "full_like");
}

// The registration of a creation op (they all fill elementwise).
ir::OpRegistry RegisterCreateOp(const std::string& name, const std::string& text,
                                const FInferStructInfo& infer, const FLegalize& legalize) {
  return ir::OpRegistry::Register(name)
      .describe(text)
      .set_attr<FInferStructInfo>("FInferStructInfo", infer)
      .set_attr<FLegalize>("FLegalize", legalize)
      .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kElemWise)
      .set_attr<bool>("FPurity", true);
}

[[maybe_unused]] const bool kCreateOpsRegistered = [] {
  RegisterCreateOp("relax.zeros", "A tensor of the given shape and dtype filled with 0.",
                   InferZerosOnes, LegalizeConstantFill("zeros", 0.0))
      .add_argument("shape");
  RegisterCreateOp("relax.ones", "A tensor of the given shape and dtype filled with 1.", InferZerosOnes,
                   LegalizeConstantFill("ones", 1.0))
      .add_argument("shape");
  RegisterCreateOp("relax.full",
                   "A tensor of the given shape filled with fill_value (a 0-d tensor or a PrimValue).",
                   InferFull, LegalizeFullOp)
      .add_argument("shape")
      .add_argument("fill_value");
  RegisterCreateOp("relax.zeros_like", "A tensor shaped like x filled with 0.", InferZerosOnesLike,
                   LegalizeConstantFill("zeros_like", 0.0))
      .add_argument("x");
  RegisterCreateOp("relax.ones_like", "A tensor shaped like x filled with 1.", InferZerosOnesLike,
                   LegalizeConstantFill("ones_like", 1.0))
      .add_argument("x");
  RegisterCreateOp("relax.full_like", "A tensor shaped like x filled with fill_value.", InferFullLike,
                   LegalizeFullLikeOp)
      .add_argument("x")
      .add_argument("fill_value");
  return true;
}();

// ---------------------------------------------------------------------------------------
// arange(start, end, step, dtype): start, start + step, ... up to (excluding) end, each a
// PrimValue. Integer bounds may be symbolic (the step must be a constant; end - start is
// taken to have the step's sign); float bounds must be constants. The kernel needs constant
// start and step.

PrimExpr PrimArg(const Call& call, size_t i) {
  StructInfo sinfo = GetStructInfo(call->args[i]);
  const auto* prim = sinfo.as<PrimStructInfoNode>();
  if (!prim) {
    Fail(call, StrCat("argument ", ArgName(call, i), " must be a Prim value, found ",
                      manip::KindName(sinfo)));
  }
  if (!prim->dtype.is_integer() && !prim->dtype.is_float()) {
    Fail(call, StrCat("argument ", ArgName(call, i), " has dtype ", prim->dtype.ToString(),
                      ", but must be an integer or a float"));
  }
  const auto* value = call->args[i].as<PrimValueNode>();
  return value ? value->value : PrimExpr();
}

std::optional<double> ConstValue(const PrimExpr& value) {
  if (!value.defined()) return std::nullopt;
  if (const auto* imm = value.as<ir::IntImmNode>()) return static_cast<double>(imm->value);
  if (const auto* imm = value.as<ir::FloatImmNode>()) return imm->value;
  return std::nullopt;
}

StructInfo InferArange(const Call& call, const BlockBuilder& ctx) {
  CheckNumArgs(call, 3);
  PrimExpr start = PrimArg(call, 0), end = PrimArg(call, 1), step = PrimArg(call, 2);
  DataType dtype = GetDTypeAttr(call, "dtype");
  if (dtype.is_void()) Fail(call, "attribute dtype must be given");
  std::optional<double> c_start = ConstValue(start), c_end = ConstValue(end), c_step = ConstValue(step);
  if (c_step && *c_step == 0) Fail(call, "argument step is 0");
  if (c_start && c_end && c_step) {
    double count = std::ceil((*c_end - *c_start) / *c_step);
    return TensorStructInfo(Array<PrimExpr>{Int64(count > 0 ? static_cast<int64_t>(count) : 0)}, dtype);
  }
  bool integral = start.defined() && end.defined() && start.dtype().is_int() && end.dtype().is_int() &&
                  step.as<ir::IntImmNode>();
  if (!integral) return TensorStructInfo(dtype, 1);
  int64_t s = step.as<ir::IntImmNode>()->value;
  PrimExpr first = tir::cast(DataType::Int(64), start), last = tir::cast(DataType::Int(64), end);
  PrimExpr span = s > 0 ? last - first : first - last;
  // A symbolic range is taken to be ordered like its step (end >= start for a positive
  // step), as for shape arithmetic; no max(0, ...) keeps arange(n) of length n.
  PrimExpr count = tir::floordiv(span + Int64(std::abs(s) - 1), Int64(std::abs(s)));
  return TensorStructInfo(Array<PrimExpr>{ctx->GetAnalyzer()->Simplify(count)}, dtype);
}

Expr LegalizeArange(const BlockBuilder& bb, const Call& call) {
  if (!manip::CanLegalize(call)) return call;
  std::optional<double> start = ConstValue(PrimArg(call, 0)), step = ConstValue(PrimArg(call, 2));
  if (!start || !step) return call;
  DataType dtype = ir::Downcast<TensorStructInfo>(GetStructInfo(call))->dtype;
  bool integral = PrimArg(call, 0).dtype().is_int() && PrimArg(call, 2).dtype().is_int();
  return manip::OneKernel(bb, call, "arange", {}, [&](const auto&, const auto& i) {
    // Integers are computed exactly in int64, floats in float64, then cast (like numpy).
    DataType wide = integral ? DataType::Int(64) : DataType::Float(64);
    PrimExpr value =
        tir::make_const(wide, *start) + tir::cast(wide, i[0]) * tir::make_const(wide, *step);
    return tir::cast(dtype, value);
  });
}

TESSEL_RELAX_REGISTER_OP("relax.arange")
    .describe("The values start, start + step, ... below end (above end for a negative step).")
    .add_argument("start")
    .add_argument("end")
    .add_argument("step")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferArange)
    .set_attr<FLegalize>("FLegalize", LegalizeArange)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kInjective)
    .set_attr<bool>("FPurity", true);

}  // namespace
}  // namespace relax
}  // namespace tessel
