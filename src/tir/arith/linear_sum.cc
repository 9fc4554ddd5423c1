// The canonical sum form of signed integer expressions and the integer helpers around it.
#include "linear_sum.h"

#include <cstdlib>

#include "tessel/ir/printer.h"
#include "tessel/ir/structural_equal.h"
#include "tessel/tir/functor.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace tir {
namespace arith {

bool IsLinearType(DataType dtype) { return dtype.is_scalar() && dtype.is_int(); }

bool ExprEqual(const PrimExpr& a, const PrimExpr& b) {
  if (a.same_as(b)) return true;
  if (!a.defined() || !b.defined() || a->type_index() != b->type_index()) return false;
  return ir::StructuralEqual(a, b);
}

void LinearSum::AddTerm(const PrimExpr& atom, int64_t coeff) {
  if (coeff == 0) return;
  for (auto it = terms.begin(); it != terms.end(); ++it) {
    if (!ExprEqual(it->first, atom)) continue;
    if (__builtin_add_overflow(it->second, coeff, &it->second)) ok = false;
    if (it->second == 0) terms.erase(it);
    return;
  }
  terms.emplace_back(atom, coeff);
}

void LinearSum::AddScaled(const LinearSum& other, int64_t scale) {
  if (!other.ok) ok = false;
  for (const auto& [atom, coeff] : other.terms) {
    int64_t scaled;
    if (__builtin_mul_overflow(coeff, scale, &scaled)) ok = false;
    AddTerm(atom, scaled);
  }
  int64_t scaled;
  if (__builtin_mul_overflow(other.constant, scale, &scaled) ||
      __builtin_add_overflow(constant, scaled, &constant)) {
    ok = false;
  }
}

int64_t LinearSum::CoeffOf(const PrimExpr& atom) const {
  for (const auto& [a, coeff] : terms) {
    if (ExprEqual(a, atom)) return coeff;
  }
  return 0;
}

LinearSum ToLinear(const PrimExpr& expr) {
  LinearSum sum;
  sum.dtype = expr.dtype();
  if (const auto* imm = expr.as<IntImmNode>()) {
    sum.constant = imm->value;
  } else if (const auto* add = expr.as<AddNode>()) {
    sum = ToLinear(add->a);
    sum.AddScaled(ToLinear(add->b), 1);
  } else if (const auto* sub = expr.as<SubNode>()) {
    sum = ToLinear(sub->a);
    sum.AddScaled(ToLinear(sub->b), -1);
  } else if (const auto* mul = expr.as<MulNode>(); mul && (mul->a.as<IntImmNode>() || mul->b.as<IntImmNode>())) {
    bool const_b = mul->b.as<IntImmNode>() != nullptr;
    int64_t scale = const_b ? mul->b.as<IntImmNode>()->value : mul->a.as<IntImmNode>()->value;
    sum.AddScaled(ToLinear(const_b ? mul->a : mul->b), scale);
  } else {
    sum.AddTerm(expr, 1);
  }
  return sum;
}

std::string ExprText(const PrimExpr& expr) {
  ir::ScriptPrinter printer;
  return printer.Print(expr);
}

bool UsesVar(const PrimExpr& expr, const VarNode* var) {
  struct Finder : public ExprVisitor {
    const VarNode* var = nullptr;
    bool found = false;
    void VisitExpr_(const VarNode* op) override { found = found || op == var; }
  } finder;
  finder.var = var;
  finder(expr);
  return finder.found;
}

bool FitsDType(int64_t value, DataType dtype) {
  if (dtype.is_bool()) return value == 0 || value == 1;
  int bits = dtype.bits();
  if (dtype.is_uint()) return value >= 0 && (bits >= 63 || value < (int64_t{1} << bits));
  if (bits >= 64) return true;
  int64_t limit = int64_t{1} << (bits - 1);
  return value >= -limit && value < limit;
}

std::optional<PrimExpr> ToExpr(const LinearSum& sum) {
  if (!sum.ok || !FitsDType(sum.constant, sum.dtype)) return std::nullopt;
  for (const auto& term : sum.terms) {
    if (!FitsDType(term.second, sum.dtype) || term.second == ConstIntBound::kNegInf) return std::nullopt;
  }
  DataType t = sum.dtype;
  auto scaled = [&](const PrimExpr& atom, int64_t coeff) -> PrimExpr {
    return coeff == 1 ? atom : Mul(atom, IntImm(t, coeff));
  };
  PrimExpr result;
  // Positive terms first so that `x - y` does not print as `y * -1 + x`.
  for (const auto& [atom, coeff] : sum.terms) {
    if (coeff <= 0) continue;
    result = result.defined() ? Add(result, scaled(atom, coeff)) : scaled(atom, coeff);
  }
  if (!result.defined() && sum.constant > 0 && !sum.terms.empty()) {
    result = IntImm(t, sum.constant);
    for (const auto& [atom, coeff] : sum.terms) result = Sub(result, scaled(atom, -coeff));
    return result;
  }
  for (const auto& [atom, coeff] : sum.terms) {
    if (coeff > 0) continue;
    result = result.defined() ? Sub(result, scaled(atom, -coeff)) : scaled(atom, coeff);
  }
  if (!result.defined()) return IntImm(t, sum.constant);
  if (sum.constant > 0) result = Add(result, IntImm(t, sum.constant));
  if (sum.constant < 0) {
    if (sum.constant == ConstIntBound::kNegInf || !FitsDType(-sum.constant, t)) {
      return Add(result, IntImm(t, sum.constant));
    }
    result = Sub(result, IntImm(t, -sum.constant));
  }
  return result;
}

int64_t FloorDivInt(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int64_t FloorModInt(int64_t a, int64_t b) {
  if (b == -1) return 0;  // INT64_MIN % -1 traps
  int64_t r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}

int64_t Gcd(int64_t a, int64_t b) {
  uint64_t x = a < 0 ? 0 - static_cast<uint64_t>(a) : static_cast<uint64_t>(a);
  uint64_t y = b < 0 ? 0 - static_cast<uint64_t>(b) : static_cast<uint64_t>(b);
  while (y != 0) {
    uint64_t r = x % y;
    x = y;
    y = r;
  }
  // gcd(INT64_MIN, 0) = 2^63 does not fit: report 1, which claims nothing.
  return x > static_cast<uint64_t>(INT64_MAX) ? 1 : static_cast<int64_t>(x);
}

}  // namespace arith
}  // namespace tir
}  // namespace tessel
