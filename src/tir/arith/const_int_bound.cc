// ConstIntBound analysis: interval arithmetic on int64 with saturating infinite ends.
#include <algorithm>
#include <initializer_list>

#include "analyzer_impl.h"
#include "tessel/tir/functor.h"

namespace tessel {
namespace tir {
namespace arith {

namespace {

constexpr int64_t kPosInf = ConstIntBound::kPosInf;
constexpr int64_t kNegInf = ConstIntBound::kNegInf;

bool IsInf(int64_t x) { return x == kPosInf || x == kNegInf; }

// x + y on interval ends: an infinite operand wins, overflow saturates.
int64_t AddEnd(int64_t x, int64_t y) {
  if (IsInf(x)) return x;
  if (IsInf(y)) return y;
  int64_t r;
  if (__builtin_add_overflow(x, y, &r)) return x > 0 ? kPosInf : kNegInf;
  return r;
}

int64_t NegEnd(int64_t x) {
  if (x == kPosInf) return kNegInf;
  if (x == kNegInf) return kPosInf;
  return -x;
}

int64_t MulEnd(int64_t x, int64_t y) {
  if (x == 0 || y == 0) return 0;
  bool negative = (x < 0) != (y < 0);
  if (IsInf(x) || IsInf(y)) return negative ? kNegInf : kPosInf;
  int64_t r;
  if (__builtin_mul_overflow(x, y, &r)) return negative ? kNegInf : kPosInf;
  return r;
}

// x / y on ends with y finite and non-zero; floor or truncating division.
int64_t DivEnd(int64_t x, int64_t y, bool floor) {
  if (IsInf(x)) return (x > 0) == (y > 0) ? kPosInf : kNegInf;
  return floor ? FloorDivInt(x, y) : x / y;
}

ConstIntBound Hull(std::initializer_list<int64_t> values) {
  return ConstIntBound{std::min(values), std::max(values)};
}

ConstIntBound IntersectBounds(ConstIntBound a, ConstIntBound b) {
  return ConstIntBound{std::max(a.min_value, b.min_value), std::min(a.max_value, b.max_value)};
}

ConstIntBound UnionBounds(ConstIntBound a, ConstIntBound b) {
  return ConstIntBound{std::min(a.min_value, b.min_value), std::max(a.max_value, b.max_value)};
}

class BoundVisitor : public ExprFunctor<ConstIntBound(const PrimExpr&)> {
 public:
  explicit BoundVisitor(Analyzer::Impl* impl) : impl_(impl) {}

  ConstIntBound VisitExpr(const PrimExpr& expr) override {
    ConstIntBound dtype_bound = Analyzer::Impl::DTypeBound(expr.dtype());
    ConstIntBound b = ExprFunctor::VisitExpr(expr);
    if (!expr.dtype().is_int() && !expr.dtype().is_uint()) return dtype_bound;
    ConstIntBound clipped = IntersectBounds(b, dtype_bound);
    // A bound beyond the dtype's range means it may overflow: then know only the dtype.
    return clipped.min_value > clipped.max_value ? dtype_bound : clipped;
  }

  ConstIntBound VisitExprDefault_(const Object*) override { return ConstIntBound::Everything(); }

  ConstIntBound VisitExpr_(const IntImmNode* op) override { return ConstIntBound::Point(op->value); }

  ConstIntBound VisitExpr_(const VarNode* op) override {
    auto it = impl_->vars.find(op);
    if (it != impl_->vars.end()) {
      if (it->second.has_bound) return it->second.bound;
      if (it->second.value.defined()) return VisitExpr(it->second.value);
    }
    return ConstIntBound::Everything();
  }

  ConstIntBound VisitExpr_(const SizeVarNode* op) override {
    ConstIntBound b = VisitExpr_(static_cast<const VarNode*>(op));
    return ConstIntBound{std::max<int64_t>(b.min_value, 0), b.max_value};
  }

  ConstIntBound VisitExpr_(const AddNode* op) override {
    ConstIntBound a = VisitExpr(op->a), b = VisitExpr(op->b);
    return ConstIntBound{AddEnd(a.min_value, b.min_value), AddEnd(a.max_value, b.max_value)};
  }

  ConstIntBound VisitExpr_(const SubNode* op) override {
    ConstIntBound a = VisitExpr(op->a), b = VisitExpr(op->b);
    return ConstIntBound{AddEnd(a.min_value, NegEnd(b.max_value)),
                         AddEnd(a.max_value, NegEnd(b.min_value))};
  }

  ConstIntBound VisitExpr_(const MulNode* op) override {
    ConstIntBound a = VisitExpr(op->a), b = VisitExpr(op->b);
    return Hull({MulEnd(a.min_value, b.min_value), MulEnd(a.min_value, b.max_value),
                 MulEnd(a.max_value, b.min_value), MulEnd(a.max_value, b.max_value)});
  }

  ConstIntBound VisitExpr_(const DivNode* op) override { return Divide(op->a, op->b, false); }
  ConstIntBound VisitExpr_(const FloorDivNode* op) override { return Divide(op->a, op->b, true); }

  ConstIntBound VisitExpr_(const FloorModNode* op) override {
    ConstIntBound a = VisitExpr(op->a), b = VisitExpr(op->b);
    if (b.min_value > 0) {
      if (a.min_value >= 0 && a.max_value < b.min_value) return a;
      int64_t top = b.max_value == kPosInf ? kPosInf : b.max_value - 1;
      return ConstIntBound{0, a.min_value >= 0 ? std::min(a.max_value, top) : top};
    }
    if (b.max_value < 0) {
      int64_t bottom = b.min_value == kNegInf ? kNegInf : b.min_value + 1;
      return ConstIntBound{bottom, 0};
    }
    return ConstIntBound::Everything();
  }

  ConstIntBound VisitExpr_(const ModNode* op) override {
    ConstIntBound a = VisitExpr(op->a), b = VisitExpr(op->b);
    // The remainder has the dividend's sign and a magnitude below |b|.
    int64_t magnitude = std::max(NegEnd(b.min_value), b.max_value);
    if (b.min_value > 0 || b.max_value < 0) {
      int64_t limit = IsInf(magnitude) ? kPosInf : magnitude - 1;
      int64_t lo = a.min_value >= 0 ? 0 : std::max(a.min_value, NegEnd(limit));
      int64_t hi = a.max_value <= 0 ? 0 : std::min(a.max_value, limit);
      return ConstIntBound{lo, hi};
    }
    return ConstIntBound::Everything();
  }

  ConstIntBound VisitExpr_(const MinNode* op) override {
    ConstIntBound a = VisitExpr(op->a), b = VisitExpr(op->b);
    return ConstIntBound{std::min(a.min_value, b.min_value), std::min(a.max_value, b.max_value)};
  }

  ConstIntBound VisitExpr_(const MaxNode* op) override {
    ConstIntBound a = VisitExpr(op->a), b = VisitExpr(op->b);
    return ConstIntBound{std::max(a.min_value, b.min_value), std::max(a.max_value, b.max_value)};
  }

  ConstIntBound VisitExpr_(const SelectNode* op) override {
    return UnionBounds(VisitExpr(op->true_value), VisitExpr(op->false_value));
  }

  ConstIntBound VisitExpr_(const CastNode* op) override {
    if (!op->value.dtype().is_int() && !op->value.dtype().is_uint()) {
      return ConstIntBound::Everything();
    }
    return VisitExpr(op->value);  // clipped to the target dtype by VisitExpr
  }

  ConstIntBound VisitExpr_(const LetNode* op) override {
    ConstIntBound value = VisitExpr(op->value);
    auto saved = impl_->vars;
    impl_->TightenBound(op->var, value);
    ConstIntBound body = VisitExpr(op->body);
    impl_->vars = std::move(saved);
    return body;
  }

  ConstIntBound VisitExpr_(const BroadcastNode* op) override { return VisitExpr(op->value); }

  ConstIntBound VisitExpr_(const RampNode* op) override {
    ConstIntBound base = VisitExpr(op->base), stride = VisitExpr(op->stride);
    ConstIntBound steps{0, op->lanes - 1};
    ConstIntBound offset = Hull({MulEnd(stride.min_value, 0), MulEnd(stride.max_value, 0),
                                 MulEnd(stride.min_value, steps.max_value),
                                 MulEnd(stride.max_value, steps.max_value)});
    return ConstIntBound{AddEnd(base.min_value, offset.min_value),
                         AddEnd(base.max_value, offset.max_value)};
  }

 private:
  ConstIntBound Divide(const PrimExpr& num, const PrimExpr& den, bool floor) {
    ConstIntBound a = VisitExpr(num), b = VisitExpr(den);
    if (IsInf(b.min_value) || IsInf(b.max_value)) {
      if (b.min_value > 0 && a.min_value >= 0) return ConstIntBound{0, a.max_value};
      return ConstIntBound::Everything();
    }
    if (b.min_value > 0 || b.max_value < 0) {
      return Hull({DivEnd(a.min_value, b.min_value, floor), DivEnd(a.min_value, b.max_value, floor),
                   DivEnd(a.max_value, b.min_value, floor), DivEnd(a.max_value, b.max_value, floor)});
    }
    return ConstIntBound::Everything();
  }

  Analyzer::Impl* impl_;
};

}  // namespace

ConstIntBound Analyzer::Impl::DTypeBound(DataType dtype) {
  if (dtype.is_bool()) return ConstIntBound{0, 1};
  if (dtype.is_int() && dtype.bits() < 64) {
    int64_t limit = int64_t{1} << (dtype.bits() - 1);
    return ConstIntBound{-limit, limit - 1};
  }
  if (dtype.is_uint()) {
    return ConstIntBound{0, dtype.bits() < 63 ? (int64_t{1} << dtype.bits()) - 1 : kPosInf};
  }
  return ConstIntBound::Everything();
}

ConstIntBound Analyzer::Impl::Bound(const PrimExpr& expr) {
  ConstIntBound b = BoundVisitor(this)(expr);
  if (expr.dtype().is_bool()) return b;
  // With a fact F >= 0 and k > 0: sum = (sum - k F) + k F >= min(sum - k F), and
  // sum = (sum + k F) - k F <= max(sum + k F). k is picked to cancel a shared term, so
  // `i * 8 + ii < n * 8` follows from `i < n` and `ii < 8`.
  if (IsLinearType(expr.dtype()) && !facts.empty()) {
    LinearSum sum = ToLinear(expr);
    if (!sum.ok) return b;
    for (const LinearSum& fact : facts) {
      std::vector<int64_t> scales;
      for (const auto& [atom, coeff] : fact.terms) {
        int64_t c = sum.CoeffOf(atom);
        if (c != 0 && c % coeff == 0 &&
            std::find(scales.begin(), scales.end(), c / coeff) == scales.end()) {
          scales.push_back(c / coeff);
        }
      }
      if (fact.terms.empty() || sum.terms.empty()) continue;
      for (int64_t k : scales) {
        LinearSum rest = sum;
        rest.AddScaled(fact, -k);
        if (!rest.ok) continue;
        auto rest_expr = ToExpr(rest);
        if (!rest_expr) continue;
        ConstIntBound rb = BoundVisitor(this)(*rest_expr);
        if (k > 0) b.min_value = std::max(b.min_value, rb.min_value);
        if (k < 0) b.max_value = std::min(b.max_value, rb.max_value);
      }
    }
  }
  return b;
}

void Analyzer::Impl::TightenBound(const Var& var, ConstIntBound bound) {
  VarInfo& info = vars[var.get()];
  info.var = var;
  if (!info.has_bound) {
    info.bound = info.value.defined() ? Bound(info.value) : DTypeBound(var.dtype());
    if (var.as<SizeVarNode>()) info.bound.min_value = std::max<int64_t>(info.bound.min_value, 0);
    info.has_bound = true;
  }
  info.bound = IntersectBounds(info.bound, bound);
}

}  // namespace arith
}  // namespace tir
}  // namespace tessel
