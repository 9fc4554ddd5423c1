// Argument and attribute helpers shared by the struct-info inference of every operator.
#include "tessel/relax/op/op_common.h"

#include "tessel/relax/analysis.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace relax {

std::string OpName(const Call& call) {
  const auto* op = call->op.as<ir::OpNode>();
  return op ? op->name : "";
}

std::string ArgName(const Call& call, size_t i) {
  if (const auto* op = call->op.as<ir::OpNode>()) {
    if (i < op->arguments.size()) return op->arguments[i];
  }
  return StrCat("argument ", i);
}

void CheckNumArgs(const Call& call, size_t n) {
  if (call->args.size() != n) {
    throw TypeInferenceError(StrCat(OpName(call), ": expected ", n, " argument", n == 1 ? "" : "s",
                                    ", found ", call->args.size()));
  }
}

namespace {

std::string Describe(const StructInfo& sinfo) {
  if (!sinfo.defined()) return "no struct info";
  if (sinfo.as<ShapeStructInfoNode>()) return "a shape";
  if (sinfo.as<TupleStructInfoNode>()) return "a tuple";
  if (sinfo.as<PrimStructInfoNode>()) return "a scalar";
  if (sinfo.as<FuncStructInfoNode>()) return "a function";
  return "an object";
}

}  // namespace

TensorStructInfo GetTensorArg(const Call& call, size_t i) {
  if (i >= call->args.size()) {
    throw TypeInferenceError(StrCat(OpName(call), ": missing argument ", ArgName(call, i)));
  }
  StructInfo sinfo = call->args[i]->struct_info_;
  if (!sinfo.as<TensorStructInfoNode>()) {
    throw TypeInferenceError(StrCat(OpName(call), ": argument ", ArgName(call, i),
                                    " must be a tensor, found ", Describe(sinfo)));
  }
  return TensorStructInfo(sinfo.data());
}

std::optional<Array<PrimExpr>> KnownShape(const TensorStructInfo& sinfo) { return KnownDims(sinfo); }

std::optional<Array<PrimExpr>> BroadcastShapes(const Call& call, const Array<PrimExpr>& x1,
                                               const Array<PrimExpr>& x2, const BlockBuilder& ctx) {
  size_t ndim = std::max(x1.size(), x2.size());
  std::vector<PrimExpr> out(ndim);
  for (size_t k = 0; k < ndim; ++k) {
    // Align from the right: k counts dimensions from the last one.
    bool has1 = k < x1.size();
    bool has2 = k < x2.size();
    PrimExpr d1 = has1 ? x1[x1.size() - 1 - k] : PrimExpr();
    PrimExpr d2 = has2 ? x2[x2.size() - 1 - k] : PrimExpr();
    PrimExpr& result = out[ndim - 1 - k];
    const auto* c1 = d1.defined() ? d1.as<ir::IntImmNode>() : nullptr;
    const auto* c2 = d2.defined() ? d2.as<ir::IntImmNode>() : nullptr;
    if (!has1 || (has2 && c1 && c1->value == 1)) {
      result = d2;
    } else if (!has2 || (c2 && c2->value == 1)) {
      result = d1;
    } else if (CanProveDimEqual(d1, d2, ctx->GetAnalyzer())) {
      result = d1;
    } else if (c1 && c2) {
      throw TypeInferenceError(StrCat(OpName(call), ": cannot broadcast ", ArgName(call, 0),
                                      " dimension ", x1.size() - 1 - k, " (", c1->value, ") with ",
                                      ArgName(call, 1), " dimension ", x2.size() - 1 - k, " (",
                                      c2->value, ")"));
    } else {
      return std::nullopt;
    }
    if (result.dtype() != DataType::Int(64)) result = tir::cast(DataType::Int(64), result);
  }
  return Array<PrimExpr>(out);
}

DataType SameDtype(const Call& call, size_t i, size_t j) {
  DataType a = GetTensorArg(call, i)->dtype;
  DataType b = GetTensorArg(call, j)->dtype;
  if (a.is_void() || b.is_void()) return DataType::Void();
  if (a != b) {
    throw TypeInferenceError(StrCat(OpName(call), ": argument ", ArgName(call, j), " has dtype ",
                                    b.ToString(), ", but ", ArgName(call, i), " has ",
                                    a.ToString()));
  }
  return a;
}

int64_t NormalizeAxis(const Call& call, int64_t axis, int64_t ndim) {
  if (axis < -ndim || axis >= ndim) {
    throw TypeInferenceError(StrCat(OpName(call), ": axis ", axis, " is out of range for a tensor of ",
                                    ndim, " dimension", ndim == 1 ? "" : "s"));
  }
  return axis < 0 ? axis + ndim : axis;
}

namespace {

ObjectRef RequireAttr(const Call& call, const std::string& key) {
  ObjectRef value = call->attrs.defined() ? call->attrs.Get(key) : ObjectRef();
  if (!value.defined()) {
    throw TypeInferenceError(StrCat(OpName(call), ": missing attribute ", key));
  }
  return value;
}

[[noreturn]] void WrongAttr(const Call& call, const std::string& key, const char* expected,
                            const ObjectRef& value) {
  throw TypeInferenceError(StrCat(OpName(call), ": attribute ", key, " must be ", expected,
                                  ", found ", value->type_key()));
}

int64_t AsInt(const Call& call, const std::string& key, const ObjectRef& value) {
  if (const auto* imm = value.as<ir::IntImmNode>()) return imm->value;
  WrongAttr(call, key, "an integer", value);
}

}  // namespace

bool HasAttr(const Call& call, const std::string& key) {
  return call->attrs.defined() && call->attrs.Get(key).defined();
}

int64_t GetIntAttr(const Call& call, const std::string& key) {
  return AsInt(call, key, RequireAttr(call, key));
}

std::optional<int64_t> GetOptionalIntAttr(const Call& call, const std::string& key) {
  if (!HasAttr(call, key)) return std::nullopt;
  return GetIntAttr(call, key);
}

double GetFloatAttr(const Call& call, const std::string& key) {
  ObjectRef value = RequireAttr(call, key);
  if (const auto* imm = value.as<ir::FloatImmNode>()) return imm->value;
  if (const auto* imm = value.as<ir::IntImmNode>()) return static_cast<double>(imm->value);
  WrongAttr(call, key, "a number", value);
}

std::string GetStrAttr(const Call& call, const std::string& key) {
  ObjectRef value = RequireAttr(call, key);
  if (const auto* str = value.as<ir::StringNode>()) return str->value;
  WrongAttr(call, key, "a string", value);
}

bool GetBoolAttr(const Call& call, const std::string& key) {
  return GetIntAttr(call, key) != 0;
}

std::vector<int64_t> GetIntArrayAttr(const Call& call, const std::string& key) {
  ObjectRef value = RequireAttr(call, key);
  if (value.as<ir::IntImmNode>()) return {AsInt(call, key, value)};
  const auto* array = value.as<ir::ArrayNode>();
  if (!array) WrongAttr(call, key, "a list of integers", value);
  std::vector<int64_t> result;
  for (const ObjectRef& item : array->data) result.push_back(AsInt(call, key, item));
  return result;
}

DataType GetDTypeAttr(const Call& call, const std::string& key) {
  if (!HasAttr(call, key)) return DataType::Void();
  std::string text = GetStrAttr(call, key);
  if (text.empty()) return DataType::Void();
  try {
    return DataType::Parse(text);
  } catch (const InvalidArgumentError& error) {
    throw TypeInferenceError(StrCat(OpName(call), ": attribute ", key, ": ", error.message()));
  }
}

PrimExpr Int64(int64_t value) { return ir::IntImm(DataType::Int(64), value); }

}  // namespace relax
}  // namespace tessel
