// Checks shared by the linear-algebra, reduction and nn operators.
#include "dim_checks.h"

#include "tessel/ir/printer.h"
#include "tessel/relax/analysis.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace relax {

std::string DimText(const PrimExpr& dim) {
  if (const auto* imm = dim.as<ir::IntImmNode>()) return std::to_string(imm->value);
  return ir::ScriptPrinter().Print(dim);
}

bool ProvablyUnequal(tir::arith::Analyzer* analyzer, const PrimExpr& a, const PrimExpr& b) {
  if (a.dtype() != b.dtype()) return ProvablyUnequal(analyzer, a, tir::cast(a.dtype(), b));
  const auto* diff = analyzer->Simplify(a - b).as<ir::IntImmNode>();
  return diff != nullptr && diff->value != 0;
}

void CheckSameDim(const Call& call, tir::arith::Analyzer* analyzer, const std::string& arg,
                  size_t i, const PrimExpr& a, const std::string& what, const PrimExpr& b) {
  if (ProvablyUnequal(analyzer, a, b)) {
    throw TypeInferenceError(StrCat(OpName(call), ": argument ", arg,
                                    ": dimension ", i, " is ", DimText(a), ", but ", what, " is ",
                                    DimText(b)));
  }
}

void CheckLegalizableDims(const Call& call, tir::arith::Analyzer* analyzer,
                          const std::string& what_a, const PrimExpr& a, const std::string& what_b,
                          const PrimExpr& b) {
  if (CanProveDimEqual(a, b, analyzer)) return;
  throw TypeInferenceError(StrCat(OpName(call), ": cannot legalize: ", what_a, " (", DimText(a),
                                  ") and ", what_b, " (", DimText(b),
                                  ") are not known to be equal; match_cast one to the other"));
}

void RequireFloat(const Call& call, const std::string& arg, DataType dtype) {
  if (dtype.is_void() || dtype.is_float()) return;
  throw TypeInferenceError(StrCat(OpName(call), ": argument ", arg,
                                  " has dtype ", dtype.ToString(),
                                  ", but a float dtype is expected"));
}

void CheckNdim(const Call& call, size_t i, const TensorStructInfo& sinfo, int64_t ndim,
               const std::string& layout) {
  if (sinfo->IsUnknownNdim() || sinfo->ndim == ndim) return;
  throw TypeInferenceError(StrCat(OpName(call), ": argument ", ArgName(call, i),
                                  " has ", sinfo->ndim, " dimensions, but ", ndim,
                                  " are expected (", layout, ")"));
}

bool TensorArgsKnown(const Call& call) {
  for (const Expr& arg : call->args) {
    const auto* sinfo = GetStructInfo(arg).as<TensorStructInfoNode>();
    if (sinfo == nullptr || sinfo->IsUnknownDtype()) return false;
    if (!KnownShape(TensorStructInfo(GetStructInfo(arg).data()))) return false;
  }
  return true;
}

}  // namespace relax
}  // namespace tessel
