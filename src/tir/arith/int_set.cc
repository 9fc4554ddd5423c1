// IntSet and EvalSet: interval arithmetic with symbolic ends.
#include "tessel/tir/arith/int_set.h"

#include "analyzer_impl.h"
#include "tessel/tir/functor.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace tir {
namespace arith {

IntSet IntSet::Interval(PrimExpr min_value, PrimExpr max_value) {
  auto node = ir::make_object<IntSetNode>();
  node->min_value = std::move(min_value);
  node->max_value = std::move(max_value);
  return IntSet(node);
}

IntSet IntSet::SinglePoint(PrimExpr value) { return Interval(value, value); }

IntSet IntSet::FromRange(const Range& range) {
  Analyzer analyzer;
  return Interval(range->min, analyzer.Simplify(range->min + range->extent - 1));
}

IntSet IntSet::Everything() { return Interval(PrimExpr(), PrimExpr()); }

IntSet IntSet::Empty() {
  auto node = ir::make_object<IntSetNode>();
  node->empty = true;
  return IntSet(node);
}

bool IntSet::HasLowerBound() const { return !get()->empty && get()->min_value.defined(); }
bool IntSet::HasUpperBound() const { return !get()->empty && get()->max_value.defined(); }
bool IntSet::IsEverything() const {
  return !get()->empty && !get()->min_value.defined() && !get()->max_value.defined();
}
bool IntSet::IsEmpty() const { return get()->empty; }
bool IntSet::IsSinglePoint() const {
  return HasLowerBound() && HasUpperBound() && ExprEqual(get()->min_value, get()->max_value);
}

Range IntSet::CoverRange() const {
  if (!HasLowerBound() || !HasUpperBound()) {
    throw InvalidArgumentError(StrCat("IntSet::CoverRange: the set is ",
                                      IsEmpty() ? "empty" : "unbounded", ", no range covers it"));
  }
  Analyzer analyzer;
  return Range(get()->min_value, analyzer.Simplify(get()->max_value - get()->min_value + 1));
}

namespace {

class SetEvaluator : public ExprFunctor<IntSet(const PrimExpr&)> {
 public:
  SetEvaluator(Analyzer::Impl* impl, const Map<Var, IntSet>& dom) : impl_(impl), dom_(dom) {}

  IntSet VisitExpr(const PrimExpr& expr) override {
    if (!UsesDom(expr)) return IntSet::SinglePoint(expr);
    return ExprFunctor::VisitExpr(expr);
  }

  IntSet VisitExprDefault_(const Object* op) override {
    return FromConstBound(GetRef<PrimExpr>(static_cast<const PrimExprNode*>(op)));
  }

  IntSet VisitExpr_(const VarNode* op) override {
    for (const auto& [var, set] : dom_.items()) {
      if (var.get() == op) return set;
    }
    return IntSet::SinglePoint(GetRef<PrimExpr>(op));
  }

  IntSet VisitExpr_(const AddNode* op) override {
    IntSet a = VisitExpr(op->a), b = VisitExpr(op->b);
    if (a.IsEmpty() || b.IsEmpty()) return IntSet::Empty();
    return IntSet::Interval(Combine(a->min_value, b->min_value, [](auto x, auto y) { return x + y; }),
                            Combine(a->max_value, b->max_value, [](auto x, auto y) { return x + y; }));
  }

  IntSet VisitExpr_(const SubNode* op) override {
    IntSet a = VisitExpr(op->a), b = VisitExpr(op->b);
    if (a.IsEmpty() || b.IsEmpty()) return IntSet::Empty();
    return IntSet::Interval(Combine(a->min_value, b->max_value, [](auto x, auto y) { return x - y; }),
                            Combine(a->max_value, b->min_value, [](auto x, auto y) { return x - y; }));
  }

  IntSet VisitExpr_(const MulNode* op) override {
    IntSet a = VisitExpr(op->a), b = VisitExpr(op->b);
    if (a.IsEmpty() || b.IsEmpty()) return IntSet::Empty();
    if (b.IsSinglePoint()) return Scale(a, b->min_value, op);
    if (a.IsSinglePoint()) return Scale(b, a->min_value, op);
    return FromConstBound(GetRef<PrimExpr>(op));
  }

  IntSet VisitExpr_(const FloorDivNode* op) override { return Divide(op, op->a, op->b, true); }
  IntSet VisitExpr_(const DivNode* op) override { return Divide(op, op->a, op->b, false); }

  IntSet VisitExpr_(const FloorModNode* op) override { return Modulo(op, op->a, op->b, true); }
  IntSet VisitExpr_(const ModNode* op) override { return Modulo(op, op->a, op->b, false); }

  IntSet VisitExpr_(const MinNode* op) override {
    IntSet a = VisitExpr(op->a), b = VisitExpr(op->b);
    if (a.IsEmpty()) return b;
    if (b.IsEmpty()) return a;
    auto take_min = [](PrimExpr x, PrimExpr y) { return min(x, y); };
    // An infinite lower end stays infinite; an infinite upper end yields to the other.
    return IntSet::Interval(Combine(a->min_value, b->min_value, take_min),
                            Either(a->max_value, b->max_value, take_min));
  }

  IntSet VisitExpr_(const MaxNode* op) override {
    IntSet a = VisitExpr(op->a), b = VisitExpr(op->b);
    if (a.IsEmpty()) return b;
    if (b.IsEmpty()) return a;
    auto take_max = [](PrimExpr x, PrimExpr y) { return max(x, y); };
    return IntSet::Interval(Either(a->min_value, b->min_value, take_max),
                            Combine(a->max_value, b->max_value, take_max));
  }

  IntSet VisitExpr_(const SelectNode* op) override {
    IntSet a = VisitExpr(op->true_value), b = VisitExpr(op->false_value);
    if (a.IsEmpty()) return b;
    if (b.IsEmpty()) return a;
    return IntSet::Interval(Combine(a->min_value, b->min_value, [](auto x, auto y) { return min(x, y); }),
                            Combine(a->max_value, b->max_value, [](auto x, auto y) { return max(x, y); }));
  }

  IntSet VisitExpr_(const BroadcastNode* op) override { return VisitExpr(op->value); }

  IntSet VisitExpr_(const RampNode* op) override {
    PrimExpr last_offset = op->stride * static_cast<int64_t>(op->lanes - 1);
    IntSet base = VisitExpr(op->base);
    IntSet offsets = VisitExpr(Max(make_zero(op->base.dtype()), last_offset));
    IntSet negative = VisitExpr(Min(make_zero(op->base.dtype()), last_offset));
    if (base.IsEmpty()) return base;
    return IntSet::Interval(
        Combine(base->min_value, negative->min_value, [](auto x, auto y) { return x + y; }),
        Combine(base->max_value, offsets->max_value, [](auto x, auto y) { return x + y; }));
  }

 private:
  bool UsesDom(const PrimExpr& expr) {
    for (const auto& [var, set] : dom_.items()) {
      if (UsesVar(expr, var.get())) return true;
    }
    return false;
  }

  // f(x, y) simplified, or undefined (infinite) when either end is.
  template <typename F>
  PrimExpr Combine(const PrimExpr& x, const PrimExpr& y, F f) {
    if (!x.defined() || !y.defined()) return PrimExpr();
    return impl_->Simplify(f(x, y));
  }

  // f(x, y) simplified; an undefined end leaves the other.
  template <typename F>
  PrimExpr Either(const PrimExpr& x, const PrimExpr& y, F f) {
    if (!x.defined()) return y;
    if (!y.defined()) return x;
    return impl_->Simplify(f(x, y));
  }

  // The set of x * k for x in set, k one value of known sign.
  IntSet Scale(const IntSet& set, const PrimExpr& k, const MulNode* op) {
    ConstIntBound kb = impl_->Bound(k);
    auto mul = [&](const PrimExpr& end) {
      return end.defined() ? impl_->Simplify(end * k) : PrimExpr();
    };
    if (kb.min_value >= 0) return IntSet::Interval(mul(set->min_value), mul(set->max_value));
    if (kb.max_value <= 0) return IntSet::Interval(mul(set->max_value), mul(set->min_value));
    return FromConstBound(GetRef<PrimExpr>(op));
  }

  // Division by a constant is monotonic (floor and truncating alike).
  IntSet Divide(const PrimExprNode* op, const PrimExpr& num, const PrimExpr& den, bool floor) {
    IntSet a = VisitExpr(num);
    const auto* c = den.as<IntImmNode>();
    if (!c || c->value == 0 || a.IsEmpty()) return FromConstBound(GetRef<PrimExpr>(op));
    auto div = [&](const PrimExpr& end) {
      if (!end.defined()) return PrimExpr();
      return impl_->Simplify(floor ? floordiv(end, den) : truncdiv(end, den));
    };
    if (c->value > 0) return IntSet::Interval(div(a->min_value), div(a->max_value));
    return IntSet::Interval(div(a->max_value), div(a->min_value));
  }

  IntSet Modulo(const PrimExprNode* op, const PrimExpr& num, const PrimExpr& den, bool floor) {
    IntSet a = VisitExpr(num);
    const auto* c = den.as<IntImmNode>();
    if (!c || c->value <= 0 || a.IsEmpty()) return FromConstBound(GetRef<PrimExpr>(op));
    bool non_negative = a->min_value.defined() && impl_->Bound(a->min_value).min_value >= 0;
    if (!floor && !non_negative) return FromConstBound(GetRef<PrimExpr>(op));
    if (a.HasLowerBound() && a.HasUpperBound()) {
      // Within one period the remainder is monotonic.
      PrimExpr q_lo = impl_->Simplify(floordiv(a->min_value, den));
      PrimExpr q_hi = impl_->Simplify(floordiv(a->max_value, den));
      if (ExprEqual(q_lo, q_hi)) {
        return IntSet::Interval(impl_->Simplify(floormod(a->min_value, den)),
                                impl_->Simplify(floormod(a->max_value, den)));
      }
    }
    return IntSet::Interval(make_zero(den.dtype()), IntImm(den.dtype(), c->value - 1));
  }

  // The constant bounds of expr with each dom variable bounded by its set's constant ends.
  IntSet FromConstBound(const PrimExpr& expr) {
    if (!expr.dtype().is_int() && !expr.dtype().is_uint()) return IntSet::Everything();
    auto saved = impl_->vars;
    for (const auto& [var, set] : dom_.items()) {
      ConstIntBound b = ConstIntBound::Everything();
      if (set->min_value.defined()) b.min_value = impl_->Bound(set->min_value).min_value;
      if (set->max_value.defined()) b.max_value = impl_->Bound(set->max_value).max_value;
      impl_->vars[var.get()] = VarInfo{var, true, b, PrimExpr()};
    }
    ConstIntBound b = impl_->Bound(expr);
    impl_->vars = std::move(saved);
    DataType t = expr.dtype().element_of();
    // The ends of the dtype's own range say nothing: they stay infinite.
    ConstIntBound full = Analyzer::Impl::DTypeBound(t);
    PrimExpr lo, hi;
    if (b.min_value > full.min_value && FitsDType(b.min_value, t)) lo = IntImm(t, b.min_value);
    if (b.max_value < full.max_value && FitsDType(b.max_value, t)) hi = IntImm(t, b.max_value);
    return IntSet::Interval(lo, hi);
  }

  Analyzer::Impl* impl_;
  const Map<Var, IntSet>& dom_;
};

}  // namespace

IntSet Analyzer::Impl::EvalSet(const PrimExpr& expr, const Map<Var, IntSet>& dom) {
  return SetEvaluator(this, dom)(Simplify(expr));
}

}  // namespace arith
}  // namespace tir
}  // namespace tessel
