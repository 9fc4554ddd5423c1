// The simplifier behind Analyzer::Simplify: canonical sums for signed integers plus
// rewrite rules decided by bounds, modular sets and the facts of constraint scopes.
//
// Rules, by node kind (x, y expressions; c, c1, c2 constants; "known" = proven by
// ConstIntBound or a fact):
//  * every node: children first; constants fold when the result fits the dtype (integer
//    division and remainder by zero are left alone);
//  * Add, Sub, Mul by a constant (signed integers): the canonical sum, terms merged and in
//    order of first appearance (`x * 2 + y - x` -> `x + y`), and `(x // c) * c + x % c`
//    -> `x` (scaled too: `(x // 4) * 8 + (x % 4) * 2` -> `x * 2`), `x - (x // c) * c` ->
//    `x % c`, and the same for truncating Div/Mod;
//  * FloorDiv by c > 0: `(c * q + r) // c` -> `q + r // c`, then `r // c` -> k when r is
//    known to lie in [k * c, (k + 1) * c); common factors cancel (`(x * 2) // 4` ->
//    `x // 2`); `(x // c1) // c2` -> `x // (c1 * c2)`;
//  * FloorMod by c > 0: multiples of c vanish, `r % c` -> `r - k * c` when r is known to
//    lie in [k * c, (k + 1) * c); `(x * 2) % 4` -> `(x % 2) * 2`; `(x % c1) % c2` -> `x % c2`
//    when c2 divides c1;
//  * Div, Mod (truncating) of a known non-negative dividend by c > 0: as FloorDiv/FloorMod;
//  * Min, Max: decided when the difference of the operands has a known sign;
//  * comparisons of integers: decided from the sign of `a - b`, EQ/NE also from modular
//    sets (`x * 2 == 1` -> false); undecided ones cancel terms common to both sides and
//    move the constant to the right (`x + 1 < 5` -> `x < 4`);
//  * And, Or, Not: constants absorb or vanish, `x and x` -> x, `not not x` -> x,
//    `not (a < b)` -> `a >= b` (and the other comparisons); `b` in `a and b` is simplified
//    knowing a (in `a or b`, knowing not a);
//  * Select: a constant condition picks a side; each side is simplified knowing the
//    condition (or its negation); equal sides make the Select vanish;
//  * Cast: of a constant folds, to the same dtype vanishes;
//  * Let: a constant or variable value is substituted; otherwise the body is simplified
//    knowing the value's bounds, and the Let vanishes when the body no longer uses it;
//  * vectors: `Broadcast(x) op Broadcast(y)` -> `Broadcast(x op y)`; Ramp +/- Broadcast,
//    Ramp +/- Ramp and Ramp * Broadcast stay Ramps; a Ramp of stride 0 is a Broadcast.
#include <cmath>
#include <optional>

#include "analyzer_impl.h"
#include "tessel/tir/functor.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace tir {
namespace arith {

namespace {

std::optional<int64_t> AsInt(const PrimExpr& e) {
  if (const auto* imm = e.as<IntImmNode>()) return imm->value;
  return std::nullopt;
}

std::optional<double> AsFloat(const PrimExpr& e) {
  if (const auto* imm = e.as<FloatImmNode>()) return imm->value;
  return std::nullopt;
}

bool IsIntegerLike(DataType t) { return t.is_int() || t.is_uint(); }

// The constant `value` of dtype t, or nullopt when it does not fit.
std::optional<PrimExpr> IntConst(DataType t, int64_t value) {
  if (!FitsDType(value, t)) return std::nullopt;
  return PrimExpr(IntImm(t, value));
}

PrimExpr BoolConst(bool value) { return IntImm(DataType::Bool(), value ? 1 : 0); }

std::optional<PrimExpr> FloatConst(DataType t, double value) {
  if (t.bits() == 32) return PrimExpr(FloatImm(t, static_cast<double>(static_cast<float>(value))));
  if (t.bits() == 64) return PrimExpr(FloatImm(t, value));
  return std::nullopt;  // no exact rounding to half precision here
}

PrimExpr MakeRamp(PrimExpr base, PrimExpr stride, int64_t lanes) {
  if (AsInt(stride) == 0) return Broadcast(base, lanes);
  return Ramp(base, stride, lanes);
}

class Simplifier : public ExprMutator {
 public:
  explicit Simplifier(Analyzer::Impl* impl) : impl_(impl) {}

  using ExprMutator::VisitExpr_;

  PrimExpr VisitExpr_(const VarNode* op) override {
    auto it = impl_->vars.find(op);
    if (it != impl_->vars.end() && it->second.value.defined()) return it->second.value;
    return GetRef<PrimExpr>(op);
  }

  PrimExpr VisitExpr_(const AddNode* op) override {
    PrimExpr a = VisitExpr(op->a), b = VisitExpr(op->b);
    if (auto v = VectorArith(a, b, '+')) return *v;
    if (auto v = FoldArith(a, b, '+')) return *v;
    if (IsLinearType(a.dtype())) return Canonical(Add(a, b));
    return Rebuild<Add>(op, a, b);
  }

  PrimExpr VisitExpr_(const SubNode* op) override {
    PrimExpr a = VisitExpr(op->a), b = VisitExpr(op->b);
    if (auto v = VectorArith(a, b, '-')) return *v;
    if (auto v = FoldArith(a, b, '-')) return *v;
    if (IsLinearType(a.dtype())) return Canonical(Sub(a, b));
    if (IsIntegerLike(a.dtype()) && ExprEqual(a, b)) return make_zero(a.dtype());
    return Rebuild<Sub>(op, a, b);
  }

  PrimExpr VisitExpr_(const MulNode* op) override {
    PrimExpr a = VisitExpr(op->a), b = VisitExpr(op->b);
    if (auto v = VectorArith(a, b, '*')) return *v;
    if (auto v = FoldArith(a, b, '*')) return *v;
    if (IsLinearType(a.dtype()) && (AsInt(a) || AsInt(b))) return Canonical(Mul(a, b));
    return Rebuild<Mul>(op, a, b);
  }

  PrimExpr VisitExpr_(const DivNode* op) override {
    PrimExpr a = VisitExpr(op->a), b = VisitExpr(op->b);
    if (auto v = BroadcastBinary(a, b, [](PrimExpr x, PrimExpr y) { return Div(x, y); })) return *v;
    auto ca = AsInt(a), cb = AsInt(b);
    if (ca && cb && *cb != 0 && !(*cb == -1 && *ca == ConstIntBound::kNegInf)) {
      if (auto v = IntConst(a.dtype(), *ca / *cb)) return *v;
    }
    if (auto fa = AsFloat(a), fb = AsFloat(b); fa && fb && *fb != 0) {
      if (auto v = FloatConst(a.dtype(), *fa / *fb)) return *v;
    }
    if (IsLinearType(a.dtype()) && cb && *cb > 0 && impl_->Bound(a).min_value >= 0) {
      return FloorDivide(a, *cb);
    }
    if (cb == 1) return a;
    return Rebuild<Div>(op, a, b);
  }

  PrimExpr VisitExpr_(const ModNode* op) override {
    PrimExpr a = VisitExpr(op->a), b = VisitExpr(op->b);
    if (auto v = BroadcastBinary(a, b, [](PrimExpr x, PrimExpr y) { return Mod(x, y); })) return *v;
    auto ca = AsInt(a), cb = AsInt(b);
    if (ca && cb && *cb != 0) {
      if (*cb == -1) return make_zero(a.dtype());
      if (auto v = IntConst(a.dtype(), *ca % *cb)) return *v;
    }
    if (IsLinearType(a.dtype()) && cb && *cb > 0 && impl_->Bound(a).min_value >= 0) {
      return FloorModulo(a, *cb);
    }
    if (cb == 1) return make_zero(a.dtype());
    return Rebuild<Mod>(op, a, b);
  }

  PrimExpr VisitExpr_(const FloorDivNode* op) override {
    PrimExpr a = VisitExpr(op->a), b = VisitExpr(op->b);
    if (auto v = BroadcastBinary(a, b, [](PrimExpr x, PrimExpr y) { return FloorDiv(x, y); })) return *v;
    auto ca = AsInt(a), cb = AsInt(b);
    if (ca && cb && *cb != 0 && !(*cb == -1 && *ca == ConstIntBound::kNegInf)) {
      if (auto v = IntConst(a.dtype(), FloorDivInt(*ca, *cb))) return *v;
    }
    if (auto fa = AsFloat(a), fb = AsFloat(b); fa && fb && *fb != 0) {
      if (auto v = FloatConst(a.dtype(), std::floor(*fa / *fb))) return *v;
    }
    if (IsLinearType(a.dtype()) && cb && *cb > 0) return FloorDivide(a, *cb);
    if (cb == 1 && IsIntegerLike(a.dtype())) return a;
    return Rebuild<FloorDiv>(op, a, b);
  }

  PrimExpr VisitExpr_(const FloorModNode* op) override {
    PrimExpr a = VisitExpr(op->a), b = VisitExpr(op->b);
    if (auto v = BroadcastBinary(a, b, [](PrimExpr x, PrimExpr y) { return FloorMod(x, y); })) return *v;
    auto ca = AsInt(a), cb = AsInt(b);
    if (ca && cb && *cb != 0) {
      if (auto v = IntConst(a.dtype(), FloorModInt(*ca, *cb))) return *v;
    }
    if (IsLinearType(a.dtype()) && cb && *cb > 0) return FloorModulo(a, *cb);
    if (cb == 1 && IsIntegerLike(a.dtype())) return make_zero(a.dtype());
    return Rebuild<FloorMod>(op, a, b);
  }

  PrimExpr VisitExpr_(const MinNode* op) override { return MinMax(op, a_b(op), true); }
  PrimExpr VisitExpr_(const MaxNode* op) override { return MinMax(op, a_b(op), false); }

  PrimExpr VisitExpr_(const EQNode* op) override { return Compare(op, a_b(op)); }
  PrimExpr VisitExpr_(const NENode* op) override { return Compare(op, a_b(op)); }
  PrimExpr VisitExpr_(const LTNode* op) override { return Compare(op, a_b(op)); }
  PrimExpr VisitExpr_(const LENode* op) override { return Compare(op, a_b(op)); }
  PrimExpr VisitExpr_(const GTNode* op) override { return Compare(op, a_b(op)); }
  PrimExpr VisitExpr_(const GENode* op) override { return Compare(op, a_b(op)); }

  PrimExpr VisitExpr_(const AndNode* op) override {
    PrimExpr a = VisitExpr(op->a);
    PrimExpr b = VisitUnder(a, op->b);
    if (auto v = BroadcastBinary(a, b, [](PrimExpr x, PrimExpr y) { return And(x, y); })) return *v;
    auto ca = AsInt(a), cb = AsInt(b);
    if (ca) return *ca ? b : a;
    if (cb) return *cb ? a : b;
    if (ExprEqual(a, b)) return a;
    return Rebuild<And>(op, a, b);
  }

  PrimExpr VisitExpr_(const OrNode* op) override {
    PrimExpr a = VisitExpr(op->a);
    PrimExpr b = a.dtype().is_scalar() ? VisitUnder(VisitExpr(Not(a)), op->b) : VisitExpr(op->b);
    if (auto v = BroadcastBinary(a, b, [](PrimExpr x, PrimExpr y) { return Or(x, y); })) return *v;
    auto ca = AsInt(a), cb = AsInt(b);
    if (ca) return *ca ? a : b;
    if (cb) return *cb ? b : a;
    if (ExprEqual(a, b)) return a;
    return Rebuild<Or>(op, a, b);
  }

  PrimExpr VisitExpr_(const NotNode* op) override {
    PrimExpr a = VisitExpr(op->a);
    if (auto c = AsInt(a)) return BoolConst(*c == 0);
    if (const auto* bc = a.as<BroadcastNode>()) return Broadcast(VisitExpr(Not(bc->value)), bc->lanes);
    if (const auto* n = a.as<NotNode>()) return n->a;
    if (const auto* x = a.as<LTNode>()) return GE(x->a, x->b);
    if (const auto* x = a.as<LENode>()) return GT(x->a, x->b);
    if (const auto* x = a.as<GTNode>()) return LE(x->a, x->b);
    if (const auto* x = a.as<GENode>()) return LT(x->a, x->b);
    if (const auto* x = a.as<EQNode>()) return NE(x->a, x->b);
    if (const auto* x = a.as<NENode>()) return EQ(x->a, x->b);
    return a.same_as(op->a) ? GetRef<PrimExpr>(op) : Not(a);
  }

  PrimExpr VisitExpr_(const SelectNode* op) override {
    PrimExpr cond = VisitExpr(op->condition);
    PrimExpr t = VisitUnder(cond, op->true_value);
    PrimExpr f = cond.dtype().is_scalar() ? VisitUnder(VisitExpr(Not(cond)), op->false_value)
                                          : VisitExpr(op->false_value);
    PrimExpr scalar_cond = cond;
    if (const auto* bc = cond.as<BroadcastNode>()) scalar_cond = bc->value;
    if (auto c = AsInt(scalar_cond)) return *c ? t : f;
    if (ExprEqual(t, f)) return t;
    if (cond.same_as(op->condition) && t.same_as(op->true_value) && f.same_as(op->false_value)) {
      return GetRef<PrimExpr>(op);
    }
    return Select(cond, t, f);
  }

  PrimExpr VisitExpr_(const CastNode* op) override {
    PrimExpr value = VisitExpr(op->value);
    DataType t = op->dtype;
    if (value.dtype() == t) return value;
    if (auto c = AsInt(value)) {
      if (t.is_bool()) return BoolConst(*c != 0);
      if (IsIntegerLike(t)) {
        if (auto v = IntConst(t, *c)) return *v;
      } else if (t.is_float() && t.is_scalar()) {
        if (auto v = FloatConst(t, static_cast<double>(*c))) return *v;
      }
    }
    if (auto f = AsFloat(value)) {
      if (t.is_float() && t.is_scalar()) {
        if (auto v = FloatConst(t, *f)) return *v;
      } else if (IsIntegerLike(t) && !t.is_bool() && std::isfinite(*f) &&
                 std::fabs(*f) < 9.0e18) {
        if (auto v = IntConst(t, static_cast<int64_t>(std::trunc(*f)))) return *v;
      }
    }
    if (const auto* bc = value.as<BroadcastNode>()) {
      return Broadcast(VisitExpr(Cast(t.element_of(), bc->value)), bc->lanes);
    }
    return value.same_as(op->value) ? GetRef<PrimExpr>(op) : Cast(t, value);
  }

  PrimExpr VisitExpr_(const LetNode* op) override {
    PrimExpr value = VisitExpr(op->value);
    auto saved = impl_->vars;
    VarInfo& info = impl_->vars[op->var.get()];
    info = VarInfo{op->var, false, ConstIntBound(), PrimExpr()};
    bool substitute = value.as<IntImmNode>() || value.as<FloatImmNode>() || value.as<VarNode>();
    if (substitute) {
      info.value = value;
    } else if (IsIntegerLike(value.dtype()) && value.dtype().is_scalar()) {
      impl_->TightenBound(op->var, impl_->Bound(value));
    }
    PrimExpr body = VisitExpr(op->body);
    impl_->vars = std::move(saved);
    if (substitute || !UsesVar(body, op->var.get())) return body;
    if (value.same_as(op->value) && body.same_as(op->body)) return GetRef<PrimExpr>(op);
    return Let(op->var, value, body);
  }

  PrimExpr VisitExpr_(const RampNode* op) override {
    PrimExpr base = VisitExpr(op->base), stride = VisitExpr(op->stride);
    if (AsInt(stride) == 0) return Broadcast(base, op->lanes);
    if (base.same_as(op->base) && stride.same_as(op->stride)) return GetRef<PrimExpr>(op);
    return Ramp(base, stride, op->lanes);
  }

 private:
  // expr simplified knowing the scalar bool cond (both sides of And, Or and Select are
  // evaluated without side effects, so a side only matters where the other lets it).
  PrimExpr VisitUnder(const PrimExpr& cond, const PrimExpr& expr) {
    if (!cond.dtype().is_scalar() || cond.as<IntImmNode>()) return VisitExpr(expr);
    auto saved_vars = impl_->vars;
    auto saved_facts = impl_->facts;
    impl_->AddFact(cond);
    PrimExpr result = VisitExpr(expr);
    impl_->vars = std::move(saved_vars);
    impl_->facts = std::move(saved_facts);
    return result;
  }

  template <typename Node>
  std::pair<PrimExpr, PrimExpr> a_b(const Node* op) {
    return {VisitExpr(op->a), VisitExpr(op->b)};
  }

  // The node itself when its operands did not change, else a new one.
  template <typename T, typename Node>
  PrimExpr Rebuild(const Node* op, const PrimExpr& a, const PrimExpr& b) {
    if (a.same_as(op->a) && b.same_as(op->b)) return GetRef<PrimExpr>(op);
    return T(a, b);
  }

  // The canonical sum of a signed integer expression whose operands are simplified.
  PrimExpr Canonical(const PrimExpr& expr) {
    LinearSum sum = ToLinear(expr);
    MergeDivMod(&sum);
    auto result = ToExpr(sum);
    return result ? *result : expr;
  }

  // (x // c) * (k * c) + (x % c) * k -> x * k and x * k - (x // c) * (k * c) -> (x % c) * k,
  // for floor and truncating division alike (x = (x / c) * c + x % c holds for both).
  void MergeDivMod(LinearSum* sum) {
    for (bool changed = true; changed && sum->ok;) {
      changed = false;
      for (size_t i = 0; i < sum->terms.size() && !changed; ++i) {
        changed = MergePair(sum, sum->terms[i].first, sum->terms[i].second) ||
                  FoldRemainder(sum, sum->terms[i].first, sum->terms[i].second);
      }
    }
  }

  // The operands of a floor or truncating division or remainder by a positive constant.
  static bool DivModParts(const PrimExpr& atom, bool* is_div, bool* floor, PrimExpr* x, int64_t* c) {
    const BinaryOpNode* bin = nullptr;
    if ((bin = atom.as<FloorDivNode>())) *is_div = true, *floor = true;
    else if ((bin = atom.as<FloorModNode>())) *is_div = false, *floor = true;
    else if ((bin = atom.as<DivNode>())) *is_div = true, *floor = false;
    else if ((bin = atom.as<ModNode>())) *is_div = false, *floor = false;
    else return false;
    auto value = AsInt(bin->b);
    if (!value || *value <= 0) return false;
    *x = bin->a;
    *c = *value;
    return true;
  }

  // (x // c) * (k * c) + (x % c) * k -> x * k, for the remainder term `atom` with coefficient k.
  bool MergePair(LinearSum* sum, const PrimExpr& atom, int64_t k) {
    bool is_div, floor;
    PrimExpr x;
    int64_t c, kc;
    if (!DivModParts(atom, &is_div, &floor, &x, &c) || is_div) return false;
    if (__builtin_mul_overflow(k, c, &kc)) return false;
    PrimExpr c_expr = IntImm(x.dtype(), c);
    PrimExpr div = floor ? PrimExpr(FloorDiv(x, c_expr)) : PrimExpr(Div(x, c_expr));
    if (sum->CoeffOf(div) != kc) return false;
    PrimExpr mod = atom;
    sum->AddTerm(mod, -k);
    sum->AddTerm(div, -kc);
    sum->AddScaled(ToLinear(x), k);
    return true;
  }

  // x * k - (x // c) * (k * c) -> (x % c) * k, for the quotient term `atom`, when every term
  // of x appears in the sum with k times its coefficient (so that x disappears).
  bool FoldRemainder(LinearSum* sum, const PrimExpr& atom, int64_t m) {
    bool is_div, floor;
    PrimExpr x;
    int64_t c;
    if (!DivModParts(atom, &is_div, &floor, &x, &c) || !is_div || m % c != 0) return false;
    int64_t k = -m / c;
    LinearSum xs = ToLinear(x);
    if (!xs.ok || xs.terms.empty()) return false;
    for (const auto& [term, coeff] : xs.terms) {
      int64_t expected;
      if (__builtin_mul_overflow(coeff, k, &expected) || sum->CoeffOf(term) != expected) return false;
    }
    PrimExpr c_expr = IntImm(x.dtype(), c);
    PrimExpr div = atom;
    sum->AddScaled(xs, -k);
    sum->AddTerm(div, -m);
    sum->AddTerm(floor ? PrimExpr(FloorMod(x, c_expr)) : PrimExpr(Mod(x, c_expr)), k);
    return true;
  }

  // Splits sum into q * c + r with r's coefficients not multiples of c and 0 <= r.constant < c.
  static void SplitByDivisor(const LinearSum& sum, int64_t c, LinearSum* q, LinearSum* r) {
    q->dtype = r->dtype = sum.dtype;
    for (const auto& [atom, coeff] : sum.terms) {
      if (coeff % c == 0) {
        q->AddTerm(atom, coeff / c);
      } else {
        r->AddTerm(atom, coeff);
      }
    }
    q->constant = FloorDivInt(sum.constant, c);
    r->constant = FloorModInt(sum.constant, c);
  }

  // Divides r and c by the gcd of c and all of r's coefficients; returns that gcd.
  static int64_t CancelCommonFactor(LinearSum* r, int64_t* c) {
    int64_t g = Gcd(*c, r->constant);
    for (const auto& term : r->terms) g = Gcd(g, term.second);
    if (g <= 1) return 1;
    for (auto& term : r->terms) term.second /= g;
    r->constant /= g;
    *c /= g;
    return g;
  }

  // a // c for c > 0 and a simplified signed integer.
  PrimExpr FloorDivide(const PrimExpr& a, int64_t c) {
    DataType t = a.dtype();
    const PrimExpr original = FloorDiv(a, IntImm(t, c));
    if (c == 1) return a;
    if (const auto* inner = a.as<FloorDivNode>()) {
      auto c1 = AsInt(inner->b);
      int64_t product;
      if (c1 && *c1 > 0 && !__builtin_mul_overflow(*c1, c, &product) && FitsDType(product, t)) {
        return FloorDivide(inner->a, product);
      }
    }
    LinearSum sum = ToLinear(a), q, r;
    if (!sum.ok) return original;
    SplitByDivisor(sum, c, &q, &r);
    CancelCommonFactor(&r, &c);
    auto r_expr = ToExpr(r);
    if (!r_expr) return original;
    ConstIntBound rb = impl_->Bound(*r_expr);
    bool finite = rb.min_value != ConstIntBound::kNegInf && rb.max_value != ConstIntBound::kPosInf;
    if (finite && FloorDivInt(rb.min_value, c) == FloorDivInt(rb.max_value, c)) {
      q.AddScaled(LinearSum{t, {}, FloorDivInt(rb.min_value, c)}, 1);
    } else if (c == 1) {
      q.AddScaled(r, 1);
    } else {
      q.AddTerm(FloorDiv(*r_expr, IntImm(t, c)), 1);
    }
    auto result = ToExpr(q);
    return result ? Canonical(*result) : original;
  }

  // a % c for c > 0 and a simplified signed integer.
  PrimExpr FloorModulo(const PrimExpr& a, int64_t c) {
    DataType t = a.dtype();
    const PrimExpr original = FloorMod(a, IntImm(t, c));
    if (c == 1) return make_zero(t);
    if (const auto* inner = a.as<FloorModNode>()) {
      auto c1 = AsInt(inner->b);
      if (c1 && *c1 > 0 && *c1 % c == 0) return FloorModulo(inner->a, c);
    }
    LinearSum sum = ToLinear(a), q, r;
    if (!sum.ok) return original;
    SplitByDivisor(sum, c, &q, &r);
    int64_t g = CancelCommonFactor(&r, &c);
    auto r_expr = ToExpr(r);
    if (!r_expr) return original;
    ConstIntBound rb = impl_->Bound(*r_expr);
    bool finite = rb.min_value != ConstIntBound::kNegInf && rb.max_value != ConstIntBound::kPosInf;
    LinearSum result;
    result.dtype = t;
    if (finite && FloorDivInt(rb.min_value, c) == FloorDivInt(rb.max_value, c)) {
      int64_t shift;
      if (__builtin_mul_overflow(FloorDivInt(rb.min_value, c), c * g, &shift)) {
        return original;
      }
      result.AddScaled(r, g);
      result.AddScaled(LinearSum{t, {}, shift}, -1);
    } else if (c == 1) {
      return make_zero(t);
    } else {
      result.AddTerm(FloorMod(*r_expr, IntImm(t, c)), g);
    }
    auto out = ToExpr(result);
    return out ? *out : original;
  }

  // +, -, * of two integer or float constants.
  std::optional<PrimExpr> FoldArith(const PrimExpr& a, const PrimExpr& b, char op) {
    auto ca = AsInt(a), cb = AsInt(b);
    if (ca && cb) {
      int64_t r;
      bool overflow = op == '+'   ? __builtin_add_overflow(*ca, *cb, &r)
                      : op == '-' ? __builtin_sub_overflow(*ca, *cb, &r)
                                  : __builtin_mul_overflow(*ca, *cb, &r);
      if (overflow) return std::nullopt;
      return IntConst(a.dtype(), r);
    }
    auto fa = AsFloat(a), fb = AsFloat(b);
    if (fa && fb) {
      return FloatConst(a.dtype(), op == '+' ? *fa + *fb : op == '-' ? *fa - *fb : *fa * *fb);
    }
    // Identities that hold for every integer dtype (wrap-around included).
    if (IsIntegerLike(a.dtype()) && a.dtype().is_scalar() && !IsLinearType(a.dtype())) {
      if (op != '*' && cb == 0) return a;
      if (op == '+' && ca == 0) return b;
      if (op == '*' && (ca == 1 || cb == 0)) return b;
      if (op == '*' && (cb == 1 || ca == 0)) return a;
    }
    return std::nullopt;
  }

  // Broadcast(x) op Broadcast(y) -> Broadcast(x op y), simplified.
  template <typename F>
  std::optional<PrimExpr> BroadcastBinary(const PrimExpr& a, const PrimExpr& b, F make) {
    const auto* ba = a.as<BroadcastNode>();
    const auto* bb = b.as<BroadcastNode>();
    if (!ba || !bb) return std::nullopt;
    return PrimExpr(Broadcast(VisitExpr(make(ba->value, bb->value)), ba->lanes));
  }

  // Vector +, -, * of Ramps and Broadcasts.
  std::optional<PrimExpr> VectorArith(const PrimExpr& a, const PrimExpr& b, char op) {
    if (!a.dtype().is_vector()) return std::nullopt;
    auto apply = [&](PrimExpr x, PrimExpr y) -> PrimExpr {
      if (op == '+') return VisitExpr(Add(x, y));
      if (op == '-') return VisitExpr(Sub(x, y));
      return VisitExpr(Mul(x, y));
    };
    const auto* ba = a.as<BroadcastNode>();
    const auto* bb = b.as<BroadcastNode>();
    const auto* ra = a.as<RampNode>();
    const auto* rb = b.as<RampNode>();
    if (ba && bb) return PrimExpr(Broadcast(apply(ba->value, bb->value), ba->lanes));
    if (op == '*') {
      if (ra && bb) return MakeRamp(apply(ra->base, bb->value), apply(ra->stride, bb->value), ra->lanes);
      if (ba && rb) return MakeRamp(apply(ba->value, rb->base), apply(ba->value, rb->stride), rb->lanes);
      return std::nullopt;
    }
    if (ra && bb) return MakeRamp(apply(ra->base, bb->value), ra->stride, ra->lanes);
    if (ra && rb) return MakeRamp(apply(ra->base, rb->base), apply(ra->stride, rb->stride), ra->lanes);
    if (ba && rb) {
      PrimExpr stride = op == '+' ? rb->stride : VisitExpr(Sub(make_zero(rb->stride.dtype()), rb->stride));
      return MakeRamp(apply(ba->value, rb->base), stride, rb->lanes);
    }
    return std::nullopt;
  }

  template <typename Node>
  PrimExpr MinMax(const Node* op, std::pair<PrimExpr, PrimExpr> operands, bool is_min) {
    auto [a, b] = operands;
    auto make = [is_min](PrimExpr x, PrimExpr y) -> PrimExpr {
      return is_min ? PrimExpr(Min(x, y)) : PrimExpr(Max(x, y));
    };
    if (auto v = BroadcastBinary(a, b, make)) return *v;
    auto ca = AsInt(a), cb = AsInt(b);
    if (ca && cb) return is_min ? (*ca <= *cb ? a : b) : (*ca >= *cb ? a : b);
    auto fa = AsFloat(a), fb = AsFloat(b);
    if (fa && fb) return is_min ? (*fa <= *fb ? a : b) : (*fa >= *fb ? a : b);
    if (ExprEqual(a, b)) return a;
    if (IsLinearType(a.dtype())) {
      LinearSum diff = ToLinear(a);  // a - b
      diff.AddScaled(ToLinear(b), -1);
      MergeDivMod(&diff);
      LinearSum neg;
      neg.dtype = diff.dtype;
      neg.AddScaled(diff, -1);
      if (impl_->ProveNonNegative(neg)) return is_min ? a : b;   // a <= b
      if (impl_->ProveNonNegative(diff)) return is_min ? b : a;  // a >= b
      // min(min(x, c1), c2) -> min(x, min(c1, c2)), likewise for max.
      const auto* inner = a.as<Node>();
      auto c_inner = inner ? AsInt(inner->b) : std::nullopt;
      if (c_inner && cb) {
        int64_t c = is_min ? std::min(*c_inner, *cb) : std::max(*c_inner, *cb);
        return make(inner->a, IntImm(a.dtype(), c));
      }
    }
    if (a.same_as(op->a) && b.same_as(op->b)) return GetRef<PrimExpr>(op);
    return make(a, b);
  }

  template <typename Node>
  PrimExpr Compare(const Node* op, std::pair<PrimExpr, PrimExpr> operands) {
    auto [a, b] = operands;
    auto rebuild = [&](PrimExpr x, PrimExpr y) -> PrimExpr { return MakeCompare<Node>(x, y); };
    if (auto v = BroadcastBinary(a, b, rebuild)) return *v;
    std::optional<bool> decided;
    auto ca = AsInt(a), cb = AsInt(b);
    auto fa = AsFloat(a), fb = AsFloat(b);
    if (ca && cb) {
      decided = Decide<Node>(*ca < *cb ? -1 : *ca > *cb ? 1 : 0);
    } else if (fa && fb) {
      decided = Decide<Node>(*fa < *fb ? -1 : *fa > *fb ? 1 : 0);
    } else if (IsLinearType(a.dtype())) {
      decided = DecideInteger<Node>(a, b);
    } else if (IsIntegerLike(a.dtype()) && ExprEqual(a, b)) {
      decided = Decide<Node>(0);
    }
    if (decided) return BoolConst(*decided);
    if (IsLinearType(a.dtype())) {
      if (auto moved = MoveConstants(a, b)) return MakeCompare<Node>(moved->first, moved->second);
    }
    if (a.same_as(op->a) && b.same_as(op->b)) return GetRef<PrimExpr>(op);
    return MakeCompare<Node>(a, b);
  }

  // The sides of a comparison with terms common to both cancelled and the constant moved
  // to the right (`x + 1 < 5` -> `x < 4`, `x + y < x + 3` -> `y < 3`); nullopt when
  // nothing cancels.
  std::optional<std::pair<PrimExpr, PrimExpr>> MoveConstants(const PrimExpr& a, const PrimExpr& b) {
    LinearSum left = ToLinear(a), right = ToLinear(b);
    if (!left.ok || !right.ok) return std::nullopt;
    bool shared = false;
    for (const auto& term : left.terms) shared = shared || right.CoeffOf(term.first) != 0;
    if (!shared && left.constant == 0) return std::nullopt;
    LinearSum new_left, new_right;
    new_left.dtype = new_right.dtype = left.dtype;
    for (const auto& [atom, coeff] : left.terms) {
      int64_t common = right.CoeffOf(atom), rest;
      if (__builtin_sub_overflow(coeff, common, &rest)) return std::nullopt;
      if (common != 0 && ((rest > 0) != (coeff > 0) || rest == 0)) {
        // The right side keeps the part of the term it has more of.
        new_right.AddTerm(atom, -rest);
        continue;
      }
      new_left.AddTerm(atom, rest);
    }
    for (const auto& [atom, coeff] : right.terms) {
      if (left.CoeffOf(atom) == 0) new_right.AddTerm(atom, coeff);
    }
    if (__builtin_sub_overflow(right.constant, left.constant, &new_right.constant)) return std::nullopt;
    auto l = ToExpr(new_left), r = ToExpr(new_right);
    if (!l || !r || new_left.terms.empty()) return std::nullopt;
    return std::make_pair(*l, *r);
  }

  template <typename Node>
  static PrimExpr MakeCompare(PrimExpr a, PrimExpr b) {
    if constexpr (std::is_same_v<Node, EQNode>) return EQ(a, b);
    if constexpr (std::is_same_v<Node, NENode>) return NE(a, b);
    if constexpr (std::is_same_v<Node, LTNode>) return LT(a, b);
    if constexpr (std::is_same_v<Node, LENode>) return LE(a, b);
    if constexpr (std::is_same_v<Node, GTNode>) return GT(a, b);
    if constexpr (std::is_same_v<Node, GENode>) return GE(a, b);
  }

  // The comparison's value given sign(a - b).
  template <typename Node>
  static bool Decide(int sign) {
    if constexpr (std::is_same_v<Node, EQNode>) return sign == 0;
    if constexpr (std::is_same_v<Node, NENode>) return sign != 0;
    if constexpr (std::is_same_v<Node, LTNode>) return sign < 0;
    if constexpr (std::is_same_v<Node, LENode>) return sign <= 0;
    if constexpr (std::is_same_v<Node, GTNode>) return sign > 0;
    if constexpr (std::is_same_v<Node, GENode>) return sign >= 0;
  }

  // Decides a comparison of signed integers from what is known of d = a - b.
  template <typename Node>
  std::optional<bool> DecideInteger(const PrimExpr& a, const PrimExpr& b) {
    LinearSum d = ToLinear(a);
    d.AddScaled(ToLinear(b), -1);
    MergeDivMod(&d);
    if (!d.ok) return std::nullopt;
    auto shifted = [&](int64_t scale, int64_t offset) {  // scale * d + offset
      LinearSum s;
      s.dtype = d.dtype;
      s.AddScaled(d, scale);
      if (__builtin_add_overflow(s.constant, offset, &s.constant)) s.ok = false;
      return s;
    };
    bool ge0 = impl_->ProveNonNegative(d);                 // d >= 0
    bool gt0 = impl_->ProveNonNegative(shifted(1, -1));    // d >= 1
    bool le0 = impl_->ProveNonNegative(shifted(-1, 0));    // d <= 0
    bool lt0 = impl_->ProveNonNegative(shifted(-1, -1));   // d <= -1
    if (ge0 && le0) return Decide<Node>(0);
    if (gt0) return Decide<Node>(1);
    if (lt0) return Decide<Node>(-1);
    bool nonzero = false;
    if constexpr (std::is_same_v<Node, EQNode> || std::is_same_v<Node, NENode>) {
      if (auto e = ToExpr(d)) {
        ModularSet m = impl_->Modular(*e);
        nonzero = m.coeff != 1 && m.base != 0;
      }
    }
    if (nonzero) return Decide<Node>(1);
    if (ge0) {  // d >= 0 decides <, >=
      if constexpr (std::is_same_v<Node, LTNode>) return false;
      if constexpr (std::is_same_v<Node, GENode>) return true;
    }
    if (le0) {  // d <= 0 decides >, <=
      if constexpr (std::is_same_v<Node, GTNode>) return false;
      if constexpr (std::is_same_v<Node, LENode>) return true;
    }
    return std::nullopt;
  }

  Analyzer::Impl* impl_;
};

}  // namespace

PrimExpr Analyzer::Impl::Simplify(const PrimExpr& expr) {
  // Rewrites can enable others (a Let substituted, a bound tightened): iterate to a
  // fixed point so that Simplify is idempotent.
  PrimExpr current = expr;
  for (int round = 0; round < 4; ++round) {
    PrimExpr next = Simplifier(this)(current);
    if (next.same_as(current) || ExprEqual(next, current)) return current;
    current = next;
  }
  return current;
}

bool Analyzer::Impl::ProveNonNegative(const LinearSum& sum) {
  if (!sum.ok) return false;
  if (sum.IsConst()) return sum.constant >= 0;
  auto expr = ToExpr(sum);
  return expr && Bound(*expr).min_value >= 0;
}

}  // namespace arith
}  // namespace tir
}  // namespace tessel
