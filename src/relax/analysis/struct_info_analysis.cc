// Questions about struct info: leaves of A-normal form, subtyping and joins.
#include "tessel/relax/analysis.h"

#include <optional>

#include "tessel/relax/function.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace relax {

bool IsLeaf(const Expr& expr) {
  if (expr.as<VarNode>() || expr.as<ConstantNode>() || expr.as<ShapeExprNode>() ||
      expr.as<PrimValueNode>() || expr.as<StringImmNode>()) {
    return true;
  }
  if (const auto* tuple = expr.as<TupleNode>()) {
    for (const Expr& field : tuple->fields) {
      if (!IsLeaf(field)) return false;
    }
    return true;
  }
  return false;
}

bool CanProveDimEqual(const PrimExpr& a, const PrimExpr& b, tir::arith::Analyzer* analyzer) {
  if (a.same_as(b)) return true;
  // Shapes mix int32 and int64 dimensions; compare them as int64.
  return analyzer->CanProve(
      tir::EQ(tir::cast(DataType::Int(64), a), tir::cast(DataType::Int(64), b)));
}

namespace {

// The known dimensions of a shape expression (a ShapeExpr, or a Var of shape struct info).
std::optional<Array<PrimExpr>> ShapeValues(const Expr& shape) {
  if (!shape.defined()) return std::nullopt;
  if (const auto* expr = shape.as<ShapeExprNode>()) return expr->values;
  if (const auto* sinfo = shape->struct_info_.as<ShapeStructInfoNode>()) {
    if (sinfo->HasValues()) return sinfo->GetValues();
  }
  return std::nullopt;
}

bool DimsBaseOf(const std::optional<Array<PrimExpr>>& base,
                const std::optional<Array<PrimExpr>>& derived, tir::arith::Analyzer* analyzer) {
  if (!base) return true;
  if (!derived || base->size() != derived->size()) return false;
  for (size_t i = 0; i < base->size(); ++i) {
    if (!CanProveDimEqual((*base)[i], (*derived)[i], analyzer)) return false;
  }
  return true;
}

}  // namespace

std::optional<Array<PrimExpr>> KnownDims(const StructInfo& sinfo) {
  if (const auto* tensor = sinfo.as<TensorStructInfoNode>()) return ShapeValues(tensor->shape);
  if (const auto* shape = sinfo.as<ShapeStructInfoNode>()) {
    if (shape->HasValues()) return shape->GetValues();
  }
  return std::nullopt;
}

bool IsBaseOf(const StructInfo& base, const StructInfo& derived, tir::arith::Analyzer* analyzer) {
  if (base.as<ObjectStructInfoNode>()) return true;
  if (const auto* b = base.as<PrimStructInfoNode>()) {
    const auto* d = derived.as<PrimStructInfoNode>();
    return d && (b->dtype.is_void() || b->dtype == d->dtype);
  }
  if (const auto* b = base.as<ShapeStructInfoNode>()) {
    const auto* d = derived.as<ShapeStructInfoNode>();
    if (!d || (b->ndim != -1 && b->ndim != d->ndim)) return false;
    if (!b->HasValues()) return true;
    return d->HasValues() && DimsBaseOf(b->GetValues(), d->GetValues(), analyzer);
  }
  if (const auto* b = base.as<TensorStructInfoNode>()) {
    const auto* d = derived.as<TensorStructInfoNode>();
    if (!d) return false;
    if (!b->dtype.is_void() && b->dtype != d->dtype) return false;
    if (b->ndim != -1 && b->ndim != d->ndim) return false;
    return DimsBaseOf(ShapeValues(b->shape), ShapeValues(d->shape), analyzer);
  }
  if (const auto* b = base.as<TupleStructInfoNode>()) {
    const auto* d = derived.as<TupleStructInfoNode>();
    if (!d || b->fields.size() != d->fields.size()) return false;
    for (size_t i = 0; i < b->fields.size(); ++i) {
      if (!IsBaseOf(b->fields[i], d->fields[i], analyzer)) return false;
    }
    return true;
  }
  if (const auto* b = base.as<FuncStructInfoNode>()) {
    const auto* d = derived.as<FuncStructInfoNode>();
    if (!d || b->params.size() != d->params.size()) return false;
    for (size_t i = 0; i < b->params.size(); ++i) {
      if (!IsBaseOf(d->params[i], b->params[i], analyzer)) return false;
    }
    return IsBaseOf(b->ret, d->ret, analyzer);
  }
  return false;
}

StructInfo StructInfoLUB(const StructInfo& a, const StructInfo& b, tir::arith::Analyzer* analyzer) {
  if (IsBaseOf(a, b, analyzer)) return a;
  if (IsBaseOf(b, a, analyzer)) return b;
  if (const auto* ta = a.as<TensorStructInfoNode>()) {
    if (const auto* tb = b.as<TensorStructInfoNode>()) {
      DataType dtype = ta->dtype == tb->dtype ? ta->dtype : DataType::Void();
      int64_t ndim = ta->ndim == tb->ndim ? ta->ndim : -1;
      return TensorStructInfo(dtype, ndim);
    }
  }
  if (const auto* sa = a.as<ShapeStructInfoNode>()) {
    if (const auto* sb = b.as<ShapeStructInfoNode>()) {
      return ShapeStructInfo(sa->ndim == sb->ndim ? sa->ndim : -1);
    }
  }
  if (const auto* pa = a.as<PrimStructInfoNode>()) {
    if (b.as<PrimStructInfoNode>()) return PrimStructInfo(DataType::Void(), pa->span);
  }
  if (const auto* ta = a.as<TupleStructInfoNode>()) {
    const auto* tb = b.as<TupleStructInfoNode>();
    if (tb && ta->fields.size() == tb->fields.size()) {
      std::vector<StructInfo> fields;
      for (size_t i = 0; i < ta->fields.size(); ++i) {
        fields.push_back(StructInfoLUB(ta->fields[i], tb->fields[i], analyzer));
      }
      return TupleStructInfo(Array<StructInfo>(fields));
    }
  }
  return ObjectStructInfo(Span());
}

}  // namespace relax
}  // namespace tessel
