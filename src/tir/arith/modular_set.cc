// ModularSet analysis: which residues an integer expression can take.
#include "analyzer_impl.h"
#include "tessel/tir/functor.h"

namespace tessel {
namespace tir {
namespace arith {

namespace {

// The set coeff * k + base with base reduced modulo coeff.
ModularSet Make(int64_t coeff, int64_t base) {
  if (coeff < 0) coeff = -coeff;
  return ModularSet{coeff, coeff == 0 ? base : FloorModInt(base, coeff)};
}

class ModularVisitor : public ExprFunctor<ModularSet(const PrimExpr&)> {
 public:
  explicit ModularVisitor(Analyzer::Impl* impl) : impl_(impl) {}

  ModularSet VisitExprDefault_(const Object*) override { return ModularSet::Everything(); }

  ModularSet VisitExpr_(const IntImmNode* op) override { return ModularSet{0, op->value}; }

  ModularSet VisitExpr_(const VarNode* op) override {
    auto it = impl_->vars.find(op);
    if (it != impl_->vars.end()) {
      if (it->second.value.defined()) return VisitExpr(it->second.value);
      if (it->second.has_bound && it->second.bound.is_const()) {
        return ModularSet{0, it->second.bound.min_value};
      }
    }
    return ModularSet::Everything();
  }

  ModularSet VisitExpr_(const AddNode* op) override { return Sum(op->a, op->b, 1); }
  ModularSet VisitExpr_(const SubNode* op) override { return Sum(op->a, op->b, -1); }

  ModularSet VisitExpr_(const MulNode* op) override {
    ModularSet a = VisitExpr(op->a), b = VisitExpr(op->b);
    // (c1 k + b1)(c2 l + b2) = c1 c2 kl + c1 b2 k + c2 b1 l + b1 b2.
    int64_t c1c2, c1b2, c2b1, b1b2;
    if (__builtin_mul_overflow(a.coeff, b.coeff, &c1c2) ||
        __builtin_mul_overflow(a.coeff, b.base, &c1b2) ||
        __builtin_mul_overflow(b.coeff, a.base, &c2b1) ||
        __builtin_mul_overflow(a.base, b.base, &b1b2)) {
      return ModularSet::Everything();
    }
    return Make(Gcd(Gcd(c1c2, c1b2), c2b1), b1b2);
  }

  ModularSet VisitExpr_(const FloorDivNode* op) override { return DivideSet(op->a, op->b); }

  ModularSet VisitExpr_(const DivNode* op) override {
    if (impl_->Bound(op->a).min_value < 0) return ModularSet::Everything();
    return DivideSet(op->a, op->b);
  }

  ModularSet VisitExpr_(const FloorModNode* op) override { return ModSet(op->a, op->b); }

  ModularSet VisitExpr_(const ModNode* op) override {
    if (impl_->Bound(op->a).min_value < 0) return ModularSet::Everything();
    return ModSet(op->a, op->b);
  }

  ModularSet VisitExpr_(const MinNode* op) override { return Union(op->a, op->b); }
  ModularSet VisitExpr_(const MaxNode* op) override { return Union(op->a, op->b); }
  ModularSet VisitExpr_(const SelectNode* op) override { return Union(op->true_value, op->false_value); }

  ModularSet VisitExpr_(const CastNode* op) override {
    if (!op->value.dtype().is_int() && !op->value.dtype().is_uint()) return ModularSet::Everything();
    return VisitExpr(op->value);
  }

  ModularSet VisitExpr_(const LetNode* op) override {
    auto saved = impl_->vars;
    VarInfo& info = impl_->vars[op->var.get()];
    info.var = op->var;
    info.value = op->value;
    ModularSet body = VisitExpr(op->body);
    impl_->vars = std::move(saved);
    return body;
  }

  ModularSet VisitExpr_(const BroadcastNode* op) override { return VisitExpr(op->value); }

 private:
  ModularSet DivideSet(const PrimExpr& x, const PrimExpr& y) {
    ModularSet a = VisitExpr(x), b = VisitExpr(y);
    if (b.coeff != 0 || b.base <= 0) return ModularSet::Everything();
    int64_t c = b.base;
    if (a.coeff == 0) return ModularSet{0, FloorDivInt(a.base, c)};
    // floor((c1 k + b1) / c) = (c1 / c) k + floor(b1 / c) when c divides c1.
    if (a.coeff % c == 0) return Make(a.coeff / c, FloorDivInt(a.base, c));
    return ModularSet::Everything();
  }

  ModularSet ModSet(const PrimExpr& x, const PrimExpr& y) {
    ModularSet a = VisitExpr(x), b = VisitExpr(y);
    if (b.coeff != 0 || b.base <= 0) return ModularSet::Everything();
    int64_t c = b.base;
    if (a.coeff == 0) return ModularSet{0, FloorModInt(a.base, c)};
    // The residue modulo c is fixed modulo gcd(c1, c).
    return Make(Gcd(a.coeff, c), a.base);
  }

  ModularSet Sum(const PrimExpr& x, const PrimExpr& y, int sign) {
    ModularSet a = VisitExpr(x), b = VisitExpr(y);
    int64_t base;
    if (__builtin_add_overflow(a.base, sign * b.base, &base)) return ModularSet::Everything();
    return Make(Gcd(a.coeff, b.coeff), base);
  }

  ModularSet Union(const PrimExpr& x, const PrimExpr& y) {
    ModularSet a = VisitExpr(x), b = VisitExpr(y);
    int64_t diff;
    if (__builtin_sub_overflow(a.base, b.base, &diff)) return ModularSet::Everything();
    int64_t g = Gcd(Gcd(a.coeff, b.coeff), diff);
    return g == 0 ? a : Make(g, a.base);
  }

  Analyzer::Impl* impl_;
};

}  // namespace

ModularSet Analyzer::Impl::Modular(const PrimExpr& expr) {
  if (!expr.dtype().is_int() && !expr.dtype().is_uint()) return ModularSet::Everything();
  return ModularVisitor(this)(expr);
}

}  // namespace arith
}  // namespace tir
}  // namespace tessel
