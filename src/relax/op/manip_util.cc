// Helpers shared by the manipulation, indexing and creation operators.
#include "manip_util.h"

#include <utility>

#include "tessel/ir/printer.h"
#include "tessel/tir/te/operation.h"

namespace tessel {
namespace relax {
namespace manip {

void Fail(const Call& call, const std::string& message) {
  throw TypeInferenceError(StrCat(OpName(call), ": ", message));
}

std::string KindName(const StructInfo& sinfo) {
  if (!sinfo.defined()) return "nothing";
  if (sinfo.as<TensorStructInfoNode>()) return "Tensor";
  if (sinfo.as<TupleStructInfoNode>()) return "Tuple";
  if (sinfo.as<ShapeStructInfoNode>()) return "Shape";
  if (sinfo.as<PrimStructInfoNode>()) return "Prim";
  if (sinfo.as<FuncStructInfoNode>()) return "Function";
  return "Object";
}

std::string DimStr(const PrimExpr& dim) {
  if (std::optional<int64_t> value = ConstDim(dim)) return std::to_string(*value);
  ir::ScriptPrinter printer;  // the expression alone, without declarations of its variables
  return printer.Print(dim);
}

std::string ShapeStr(const Array<PrimExpr>& shape) {
  std::string out = "(";
  for (size_t i = 0; i < shape.size(); ++i) out += StrCat(i ? ", " : "", DimStr(shape[i]));
  return out + (shape.size() == 1 ? ",)" : ")");
}

TensorStructInfo TensorOf(const std::optional<Array<PrimExpr>>& shape, DataType dtype,
                          int64_t ndim) {
  if (shape) return TensorStructInfo(*shape, dtype);
  return TensorStructInfo(dtype, ndim);
}

ShapeStructInfo GetShapeArg(const Call& call, size_t i) {
  if (i >= call->args.size()) {
    Fail(call, StrCat("argument ", ArgName(call, i), " is missing"));
  }
  StructInfo sinfo = GetStructInfo(call->args[i]);
  const auto* shape = sinfo.as<ShapeStructInfoNode>();
  if (!shape) {
    Fail(call, StrCat("argument ", ArgName(call, i), " must be a Shape, found ", KindName(sinfo)));
  }
  return GetRef<ShapeStructInfo>(shape);
}

std::optional<Array<PrimExpr>> KnownValues(const ShapeStructInfo& sinfo) {
  if (!sinfo->HasValues()) return std::nullopt;
  return sinfo->GetValues();
}

std::optional<int64_t> ConstDim(const PrimExpr& dim) {
  if (const auto* imm = dim.as<ir::IntImmNode>()) return imm->value;
  return std::nullopt;
}

PrimExpr Product(const Array<PrimExpr>& dims, const BlockBuilder& ctx) {
  PrimExpr product = Int64(1);
  for (const PrimExpr& dim : dims) product = product * tir::cast(DataType::Int(64), dim);
  return ctx->GetAnalyzer()->Simplify(product);
}

Array<PrimExpr> Simplified(const std::vector<PrimExpr>& dims, const BlockBuilder& ctx) {
  std::vector<PrimExpr> out;
  out.reserve(dims.size());
  for (const PrimExpr& dim : dims) out.push_back(ctx->GetAnalyzer()->Simplify(dim));
  return Array<PrimExpr>(out);
}

bool ProvablyDifferent(const PrimExpr& a, const PrimExpr& b, const BlockBuilder& ctx) {
  std::optional<int64_t> ca = ConstDim(a), cb = ConstDim(b);
  if (ca && cb) return *ca != *cb;
  if (a.dtype() != b.dtype()) return false;
  return ctx->GetAnalyzer()->CanProve(tir::NE(a, b));
}

namespace {

bool KnownTensor(const StructInfo& sinfo) {
  const auto* tensor = sinfo.as<TensorStructInfoNode>();
  return tensor && !tensor->IsUnknownDtype() &&
         KnownShape(GetRef<TensorStructInfo>(tensor)).has_value();
}

// Tensors (possibly inside tuples) of known shape and dtype; other kinds do not matter.
bool KnownTensors(const StructInfo& sinfo) {
  if (const auto* tuple = sinfo.as<TupleStructInfoNode>()) {
    for (const StructInfo& field : tuple->fields) {
      if (!KnownTensors(field)) return false;
    }
    return true;
  }
  return !sinfo.as<TensorStructInfoNode>() || KnownTensor(sinfo);
}

}  // namespace

bool CanLegalize(const Call& call) {
  for (const Expr& arg : call->args) {
    if (!arg->struct_info_.defined() || !KnownTensors(arg->struct_info_)) return false;
  }
  return call->struct_info_.defined() && KnownTensors(call->struct_info_);
}

Array<PrimExpr> ResultShape(const Call& call) {
  return *KnownShape(ir::Downcast<TensorStructInfo>(GetStructInfo(call)));
}

Array<Expr> TupleFields(const BlockBuilder& bb, const Expr& tuple) {
  if (const auto* node = tuple.as<TupleNode>()) return node->fields;
  const auto* sinfo = GetStructInfo(tuple).as<TupleStructInfoNode>();
  TESSEL_ICHECK(sinfo);
  std::vector<Expr> fields;
  for (size_t i = 0; i < sinfo->fields.size(); ++i) {
    fields.push_back(bb->Normalize(TupleGetItem(tuple, static_cast<int64_t>(i))));
  }
  return Array<Expr>(fields);
}

PrimExpr Ravel(const Array<PrimExpr>& index, const Array<PrimExpr>& shape) {
  PrimExpr linear = Int64(0);
  for (size_t i = 0; i < index.size(); ++i) {
    linear = linear * tir::cast(DataType::Int(64), shape[i]) + tir::cast(DataType::Int(64), index[i]);
  }
  return linear;
}

Array<PrimExpr> Unravel(PrimExpr linear, const Array<PrimExpr>& shape) {
  std::vector<PrimExpr> index(shape.size());
  for (size_t i = shape.size(); i-- > 0;) {
    PrimExpr dim = tir::cast(DataType::Int(64), shape[i]);
    index[i] = i == 0 ? linear : tir::floormod(linear, dim);
    linear = tir::floordiv(linear, dim);
  }
  return Array<PrimExpr>(index);
}

Array<PrimExpr> Indices(const Array<tir::Var>& vars) {
  std::vector<PrimExpr> out;
  for (const tir::Var& var : vars) out.push_back(var);
  return Array<PrimExpr>(out);
}

PrimExpr Clamp(const PrimExpr& value, const PrimExpr& lo, const PrimExpr& hi) {
  return tir::min(tir::max(value, lo), hi);
}

Expr OneKernel(const BlockBuilder& bb, const Call& call, const std::string& name,
               const Array<Expr>& args, const ElementFn& element) {
  Array<PrimExpr> shape = ResultShape(call);
  return CallTE(bb, name, args, [&](const Array<te::Tensor>& in) {
    auto fcompute = [&](const Array<tir::Var>& i) { return element(in, Indices(i)); };
    return Array<te::Tensor>{te::compute(shape, fcompute, "T_" + name)};
  });
}

std::optional<std::vector<int64_t>> GetOptionalIntArrayAttr(const Call& call,
                                                            const std::string& key) {
  if (!HasAttr(call, key)) return std::nullopt;
  return GetIntArrayAttr(call, key);
}

}  // namespace manip
}  // namespace relax
}  // namespace tessel
