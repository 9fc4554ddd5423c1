// The Analyzer facade: bindings, constraint scopes and the questions others ask.
#include "tessel/tir/arith/analyzer.h"

#include "analyzer_impl.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace tir {
namespace arith {

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;

void Analyzer::Bind(const Var& var, const Range& range) {
  // A range written with int32 literals still binds an int64 variable.
  PrimExpr min = impl_->Simplify(cast(var.dtype(), range->min));
  PrimExpr last = impl_->Simplify(min + cast(var.dtype(), range->extent) - 1);
  impl_->Forget(var);
  ConstIntBound bound{impl_->Bound(min).min_value, impl_->Bound(last).max_value};
  impl_->vars[var.get()] = VarInfo{var, true, bound, PrimExpr()};
  if (!min.as<IntImmNode>() || !last.as<IntImmNode>()) {
    // Symbolic ends: remember var >= min and last >= var as facts.
    if (IsLinearType(var.dtype())) {
      impl_->AddFact(GE(var, min));
      impl_->AddFact(LE(var, last));
    }
  }
}

void Analyzer::Bind(const Var& var, const PrimExpr& expr) {
  bool both_integers = (expr.dtype().is_int() || expr.dtype().is_uint()) &&
                       (var.dtype().is_int() || var.dtype().is_uint());
  if (expr.dtype() != var.dtype() && !both_integers) {
    throw InvalidArgumentError(StrCat("Analyzer::Bind: variable ", var->name_hint, " is ",
                                      var.dtype().ToString(), " but its value is ",
                                      expr.dtype().ToString()));
  }
  PrimExpr value = impl_->Simplify(cast(var.dtype(), expr));
  impl_->Forget(var);
  impl_->vars[var.get()] = VarInfo{var, false, ConstIntBound(), value};
}

PrimExpr Analyzer::Simplify(const PrimExpr& expr) { return impl_->Simplify(expr); }

bool Analyzer::CanProve(const PrimExpr& cond) {
  PrimExpr simplified = impl_->Simplify(cond);
  const auto* imm = simplified.as<IntImmNode>();
  return imm && imm->value != 0;
}

bool Analyzer::CanProveEqual(const PrimExpr& a, const PrimExpr& b) {
  if (a.dtype() != b.dtype()) return false;
  if (IsLinearType(a.dtype())) {
    PrimExpr simplified = impl_->Simplify(a - b);
    if (const auto* diff = simplified.as<IntImmNode>()) return diff->value == 0;
  }
  return CanProve(EQ(a, b));
}

bool Analyzer::CanProveGreaterEqual(const PrimExpr& expr, int64_t lower_bound) {
  PrimExpr e = impl_->Simplify(expr);
  if (impl_->Bound(e).min_value >= lower_bound) return true;
  return IsLinearType(e.dtype()) && FitsDType(lower_bound, e.dtype()) &&
         CanProve(GE(e, IntImm(e.dtype(), lower_bound)));
}

bool Analyzer::CanProveLess(const PrimExpr& expr, int64_t upper_bound) {
  PrimExpr e = impl_->Simplify(expr);
  if (impl_->Bound(e).max_value < upper_bound) return true;
  return IsLinearType(e.dtype()) && FitsDType(upper_bound, e.dtype()) &&
         CanProve(LT(e, IntImm(e.dtype(), upper_bound)));
}

ConstIntBound Analyzer::GetConstIntBound(const PrimExpr& expr) {
  if (!expr.dtype().is_int() && !expr.dtype().is_uint()) {
    throw InvalidArgumentError(StrCat("GetConstIntBound: expected an integer expression, found ",
                                      expr.dtype().ToString()));
  }
  ConstIntBound plain = impl_->Bound(expr);
  ConstIntBound simplified = impl_->Bound(impl_->Simplify(expr));
  return ConstIntBound{std::max(plain.min_value, simplified.min_value),
                       std::min(plain.max_value, simplified.max_value)};
}

ModularSet Analyzer::GetModularSet(const PrimExpr& expr) {
  if (!expr.dtype().is_int() && !expr.dtype().is_uint()) {
    throw InvalidArgumentError(StrCat("GetModularSet: expected an integer expression, found ",
                                      expr.dtype().ToString()));
  }
  return impl_->Modular(impl_->Simplify(expr));
}

IntSet Analyzer::EvalSet(const PrimExpr& expr, const Map<Var, IntSet>& dom) {
  return impl_->EvalSet(expr, dom);
}

IntSet Analyzer::EvalSet(const PrimExpr& expr, const Map<Var, Range>& dom) {
  Map<Var, IntSet> sets;
  for (const auto& [var, range] : dom.items()) {
    sets = sets.Set(var, IntSet::Interval(impl_->Simplify(range->min),
                                          impl_->Simplify(range->min + range->extent - 1)));
  }
  return impl_->EvalSet(expr, sets);
}

Array<IntSet> Analyzer::EvalSet(const Array<Range>& region, const Map<Var, Range>& dom) {
  Map<Var, IntSet> sets;
  for (const auto& [var, range] : dom.items()) {
    sets = sets.Set(var, IntSet::Interval(impl_->Simplify(range->min),
                                          impl_->Simplify(range->min + range->extent - 1)));
  }
  return EvalSet(region, sets);
}

Array<IntSet> Analyzer::EvalSet(const Array<Range>& region, const Map<Var, IntSet>& dom) {
  std::vector<IntSet> sets;
  for (const Range& range : region) {
    IntSet first = EvalSet(range->min, dom);
    IntSet last = EvalSet(range->min + range->extent - 1, dom);
    sets.push_back(IntSet::Interval(first->min_value, last->max_value));
  }
  return Array<IntSet>(sets);
}

IntSet Analyzer::Union(const Array<IntSet>& sets) {
  PrimExpr lo, hi;
  bool any = false, lo_inf = false, hi_inf = false;
  for (const IntSet& set : sets) {
    if (set.IsEmpty()) continue;
    if (!set->min_value.defined()) lo_inf = true;
    if (!set->max_value.defined()) hi_inf = true;
    if (!lo_inf) lo = any ? impl_->Simplify(min(lo, set->min_value)) : set->min_value;
    if (!hi_inf) hi = any ? impl_->Simplify(max(hi, set->max_value)) : set->max_value;
    any = true;
  }
  if (!any) return IntSet::Empty();
  return IntSet::Interval(lo_inf ? PrimExpr() : lo, hi_inf ? PrimExpr() : hi);
}

IntSet Analyzer::Intersect(const Array<IntSet>& sets) {
  PrimExpr lo, hi;
  for (const IntSet& set : sets) {
    if (set.IsEmpty()) return IntSet::Empty();
    if (set->min_value.defined()) {
      lo = lo.defined() ? impl_->Simplify(max(lo, set->min_value)) : set->min_value;
    }
    if (set->max_value.defined()) {
      hi = hi.defined() ? impl_->Simplify(min(hi, set->max_value)) : set->max_value;
    }
  }
  if (lo.defined() && hi.defined() && CanProve(LT(hi, lo))) return IntSet::Empty();
  return IntSet::Interval(lo, hi);
}

bool Analyzer::CoversRange(const IntSet& set, const Range& range) {
  if (set.IsEmpty()) return false;
  bool low = !set->min_value.defined() || CanProve(LE(set->min_value, range->min));
  bool high = !set->max_value.defined() ||
              CanProve(GE(set->max_value, range->min + range->extent - 1));
  return low && high;
}

Analyzer::ConstraintScope::ConstraintScope(Analyzer* analyzer, const PrimExpr& cond)
    : analyzer_(analyzer) {
  Impl* impl = analyzer->impl_.get();
  impl->scopes.push_back(Impl::Saved{impl->vars, impl->facts});
  impl->AddFact(impl->Simplify(cond));
}

Analyzer::ConstraintScope::~ConstraintScope() {
  Impl* impl = analyzer_->impl_.get();
  impl->vars = std::move(impl->scopes.back().vars);
  impl->facts = std::move(impl->scopes.back().facts);
  impl->scopes.pop_back();
}

void Analyzer::Impl::Forget(const Var& var) {
  vars.erase(var.get());
  std::vector<LinearSum> kept;
  for (const LinearSum& fact : facts) {
    bool uses = false;
    for (const auto& term : fact.terms) uses = uses || UsesVar(term.first, var.get());
    if (!uses) kept.push_back(fact);
  }
  facts = std::move(kept);
}

void Analyzer::Impl::AddFact(const PrimExpr& cond) {
  if (const auto* op = cond.as<AndNode>()) {
    AddFact(op->a);
    AddFact(op->b);
    return;
  }
  if (const auto* op = cond.as<NotNode>()) {
    const PrimExpr& x = op->a;
    if (const auto* c = x.as<LTNode>()) return AddFact(GE(c->a, c->b));
    if (const auto* c = x.as<LENode>()) return AddFact(GT(c->a, c->b));
    if (const auto* c = x.as<GTNode>()) return AddFact(LE(c->a, c->b));
    if (const auto* c = x.as<GENode>()) return AddFact(LT(c->a, c->b));
    if (const auto* c = x.as<NENode>()) return AddFact(EQ(c->a, c->b));
    if (const auto* c = x.as<OrNode>()) {
      AddFact(Not(c->a));
      AddFact(Not(c->b));
    }
    return;
  }
  const auto* bin = cond.as<BinaryOpNode>();
  if (!bin || !IsLinearType(bin->a.dtype())) return;
  // Each comparison becomes one or two facts `sum >= 0`.
  LinearSum a_minus_b = ToLinear(bin->a);
  a_minus_b.AddScaled(ToLinear(bin->b), -1);
  LinearSum b_minus_a;
  b_minus_a.dtype = a_minus_b.dtype;
  b_minus_a.AddScaled(a_minus_b, -1);
  std::vector<LinearSum> new_facts;
  auto minus_one = [](LinearSum s) {
    if (__builtin_sub_overflow(s.constant, 1, &s.constant)) s.ok = false;
    return s;
  };
  if (cond.as<LTNode>()) new_facts.push_back(minus_one(b_minus_a));
  if (cond.as<LENode>()) new_facts.push_back(b_minus_a);
  if (cond.as<GTNode>()) new_facts.push_back(minus_one(a_minus_b));
  if (cond.as<GENode>()) new_facts.push_back(a_minus_b);
  if (cond.as<EQNode>()) {
    new_facts.push_back(a_minus_b);
    new_facts.push_back(b_minus_a);
  }
  for (const LinearSum& fact : new_facts) {
    if (!fact.ok) continue;
    facts.push_back(fact);
    // coeff * v + rest >= 0 bounds v by the constant bounds of rest.
    for (const auto& [atom, coeff] : fact.terms) {
      const auto* var = atom.as<VarNode>();
      if (!var) continue;
      LinearSum rest = fact;
      rest.AddTerm(atom, -coeff);
      auto rest_expr = ToExpr(rest);
      if (!rest_expr) continue;
      ConstIntBound rb = Bound(*rest_expr);
      ConstIntBound limit = ConstIntBound::Everything();
      if (coeff > 0 && rb.max_value != ConstIntBound::kPosInf) {
        limit.min_value = -FloorDivInt(rb.max_value, coeff);  // v >= ceil(-max(rest) / coeff)
      } else if (coeff < 0 && rb.max_value != ConstIntBound::kPosInf) {
        limit.max_value = FloorDivInt(rb.max_value, -coeff);  // v <= floor(max(rest) / -coeff)
      } else {
        continue;
      }
      TightenBound(GetRef<Var>(var), limit);
    }
  }
}

}  // namespace arith
}  // namespace tir
}  // namespace tessel
