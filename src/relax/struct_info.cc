// Constructors of Relax struct info; each checks that ndim, shape and fields agree.
#include "tessel/relax/struct_info.h"

namespace tessel {
namespace relax {

namespace {

void CheckNdim(const char* what, int64_t ndim) {
  if (ndim < -1) {
    throw InvalidArgumentError(StrCat(what, ": ndim must be -1 (unknown) or >= 0, found ", ndim));
  }
}

void CheckDims(const char* what, const Array<PrimExpr>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    const PrimExpr& value = values[i];
    if (!value.defined() || !value.dtype().is_scalar() || !value.dtype().is_integer()) {
      throw InvalidArgumentError(StrCat(what, ": dimension ", i, " must be a scalar integer, found ",
                                        value.defined() ? value.dtype().ToString() : "None"));
    }
  }
}

}  // namespace

ObjectStructInfo::ObjectStructInfo(Span span) {
  auto node = ir::make_object<ObjectStructInfoNode>();
  node->span = std::move(span);
  data_ = std::move(node);
}

PrimStructInfo::PrimStructInfo(DataType dtype, Span span) {
  auto node = ir::make_object<PrimStructInfoNode>();
  node->dtype = dtype;
  node->span = std::move(span);
  data_ = std::move(node);
}

ShapeStructInfo::ShapeStructInfo(Array<PrimExpr> values, Span span) {
  CheckDims("relax.ShapeStructInfo", values);
  auto node = ir::make_object<ShapeStructInfoNode>();
  node->ndim = static_cast<int64_t>(values.size());
  node->values = std::move(values);
  node->span = std::move(span);
  data_ = std::move(node);
}

ShapeStructInfo::ShapeStructInfo(int64_t ndim, Span span) {
  CheckNdim("relax.ShapeStructInfo", ndim);
  auto node = ir::make_object<ShapeStructInfoNode>();
  node->ndim = ndim;
  node->span = std::move(span);
  data_ = std::move(node);
}

TensorStructInfo::TensorStructInfo(Expr shape, DataType dtype, int64_t ndim, Span span) {
  const char* what = "relax.TensorStructInfo";
  CheckNdim(what, ndim);
  if (!shape.defined()) throw InvalidArgumentError(StrCat(what, ": shape must be given"));
  int64_t shape_ndim = -1;
  if (const auto* expr = shape.as<ShapeExprNode>()) {
    shape_ndim = static_cast<int64_t>(expr->values.size());
  } else if (const auto* var = shape.as<VarNode>()) {
    const auto* sinfo = var->struct_info_.as<ShapeStructInfoNode>();
    if (!sinfo) {
      throw InvalidArgumentError(StrCat(what, ": the shape variable ", var->name_hint,
                                        " must have a ShapeStructInfo"));
    }
    shape_ndim = sinfo->ndim;
  } else {
    throw InvalidArgumentError(
        StrCat(what, ": shape must be a ShapeExpr or a Var, found ", shape->type_key()));
  }
  if (ndim != -1 && shape_ndim != -1 && ndim != shape_ndim) {
    throw InvalidArgumentError(
        StrCat(what, ": ndim ", ndim, " does not match the shape's ", shape_ndim, " dimensions"));
  }
  auto node = ir::make_object<TensorStructInfoNode>();
  node->shape = std::move(shape);
  node->dtype = dtype;
  node->ndim = ndim == -1 ? shape_ndim : ndim;
  node->span = std::move(span);
  data_ = std::move(node);
}

TensorStructInfo::TensorStructInfo(Array<PrimExpr> values, DataType dtype, Span span)
    : TensorStructInfo(ShapeExpr(std::move(values)), dtype, -1, std::move(span)) {}

TensorStructInfo::TensorStructInfo(DataType dtype, int64_t ndim, Span span) {
  CheckNdim("relax.TensorStructInfo", ndim);
  auto node = ir::make_object<TensorStructInfoNode>();
  node->dtype = dtype;
  node->ndim = ndim;
  node->span = std::move(span);
  data_ = std::move(node);
}

TupleStructInfo::TupleStructInfo(Array<StructInfo> fields, Span span) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!fields[i].defined()) {
      throw InvalidArgumentError(StrCat("relax.TupleStructInfo: field ", i, " must be given"));
    }
  }
  auto node = ir::make_object<TupleStructInfoNode>();
  node->fields = std::move(fields);
  node->span = std::move(span);
  data_ = std::move(node);
}

FuncStructInfo::FuncStructInfo(Array<StructInfo> params, StructInfo ret, bool purity, Span span) {
  for (size_t i = 0; i < params.size(); ++i) {
    if (!params[i].defined()) {
      throw InvalidArgumentError(StrCat("relax.FuncStructInfo: parameter ", i, " must be given"));
    }
  }
  if (!ret.defined()) throw InvalidArgumentError("relax.FuncStructInfo: ret must be given");
  auto node = ir::make_object<FuncStructInfoNode>();
  node->params = std::move(params);
  node->ret = std::move(ret);
  node->purity = purity;
  node->span = std::move(span);
  data_ = std::move(node);
}

}  // namespace relax
}  // namespace tessel
