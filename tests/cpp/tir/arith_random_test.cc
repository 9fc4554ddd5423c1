// Randomized check that Simplify never changes what an expression computes: random trees
// over bounded variables, evaluated before and after at random points of their ranges.
#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

#include "tessel/ir/printer.h"
#include "tessel/ir/structural_equal.h"
#include "tessel/tir/arith/analyzer.h"
#include "tessel/tir/functor.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace tir {
namespace {

int64_t FloorDivInt(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Evaluates scalar int32/bool expressions in int64 (trees stay far from overflow).
class Interpreter : public ExprFunctor<int64_t(const PrimExpr&)> {
 public:
  std::unordered_map<const VarNode*, int64_t> env;

  int64_t VisitExpr_(const VarNode* op) override { return env.at(op); }
  int64_t VisitExpr_(const IntImmNode* op) override { return op->value; }
  int64_t VisitExpr_(const AddNode* op) override { return V(op->a) + V(op->b); }
  int64_t VisitExpr_(const SubNode* op) override { return V(op->a) - V(op->b); }
  int64_t VisitExpr_(const MulNode* op) override { return V(op->a) * V(op->b); }
  int64_t VisitExpr_(const DivNode* op) override { return V(op->a) / V(op->b); }
  int64_t VisitExpr_(const ModNode* op) override { return V(op->a) % V(op->b); }
  int64_t VisitExpr_(const FloorDivNode* op) override { return FloorDivInt(V(op->a), V(op->b)); }
  int64_t VisitExpr_(const FloorModNode* op) override {
    int64_t a = V(op->a), b = V(op->b);
    return a - b * FloorDivInt(a, b);
  }
  int64_t VisitExpr_(const MinNode* op) override { return std::min(V(op->a), V(op->b)); }
  int64_t VisitExpr_(const MaxNode* op) override { return std::max(V(op->a), V(op->b)); }
  int64_t VisitExpr_(const EQNode* op) override { return V(op->a) == V(op->b); }
  int64_t VisitExpr_(const NENode* op) override { return V(op->a) != V(op->b); }
  int64_t VisitExpr_(const LTNode* op) override { return V(op->a) < V(op->b); }
  int64_t VisitExpr_(const LENode* op) override { return V(op->a) <= V(op->b); }
  int64_t VisitExpr_(const GTNode* op) override { return V(op->a) > V(op->b); }
  int64_t VisitExpr_(const GENode* op) override { return V(op->a) >= V(op->b); }
  int64_t VisitExpr_(const AndNode* op) override { return V(op->a) && V(op->b); }
  int64_t VisitExpr_(const OrNode* op) override { return V(op->a) || V(op->b); }
  int64_t VisitExpr_(const NotNode* op) override { return !V(op->a); }
  int64_t VisitExpr_(const SelectNode* op) override {
    return V(op->condition) ? V(op->true_value) : V(op->false_value);
  }
  int64_t VisitExpr_(const LetNode* op) override {
    env[op->var.get()] = V(op->value);
    return V(op->body);
  }

 private:
  int64_t V(const PrimExpr& e) { return VisitExpr(e); }
};

class Generator {
 public:
  Generator(std::vector<Var> vars, uint32_t seed) : vars_(std::move(vars)), rng_(seed) {}

  PrimExpr Int(int depth) {
    int choice = Pick(depth <= 0 ? 2 : 14);
    switch (choice) {
      case 0: return vars_[Pick(vars_.size())];
      case 1: return IntImm(DataType::Int(32), Pick(19) - 9);
      case 2: return Int(depth - 1) + Int(depth - 1);
      case 3: return Int(depth - 1) - Int(depth - 1);
      case 4: return Int(depth - 1) * IntImm(DataType::Int(32), Pick(9) - 4);
      case 5: return floordiv(Int(depth - 1), Divisor());
      case 6: return floormod(Int(depth - 1), Divisor());
      case 7: return truncdiv(Int(depth - 1), Divisor());
      case 8: return truncmod(Int(depth - 1), Divisor());
      case 9: return min(Int(depth - 1), Int(depth - 1));
      case 10: return max(Int(depth - 1), Int(depth - 1));
      case 11: return Select(Bool(depth - 1), Int(depth - 1), Int(depth - 1));
      case 12: {
        Var t("t");
        PrimExpr body = Int(depth - 1);
        return Let(t, Int(depth - 1), body + t);
      }
      default: {
        // The shapes split and fuse produce.
        PrimExpr e = Int(depth - 1);
        int64_t c = Pick(4) + 2;
        return floordiv(e, int64_t{c}) * IntImm(DataType::Int(32), c) + floormod(e, int64_t{c});
      }
    }
  }

  PrimExpr Bool(int depth) {
    switch (Pick(depth <= 0 ? 6 : 9)) {
      case 0: return Int(depth) < Int(depth);
      case 1: return Int(depth) <= Int(depth);
      case 2: return EQ(Int(depth), Int(depth));
      case 3: return NE(Int(depth), Int(depth));
      case 4: return Int(depth) > Int(depth);
      case 5: return Int(depth) >= Int(depth);
      case 6: return Bool(depth - 1) && Bool(depth - 1);
      case 7: return Bool(depth - 1) || Bool(depth - 1);
      default: return !Bool(depth - 1);
    }
  }

  int64_t Pick(size_t n) { return std::uniform_int_distribution<int64_t>(0, n - 1)(rng_); }

 private:
  PrimExpr Divisor() {
    static const int64_t divisors[] = {1, 2, 3, 4, 8, -2, -3, 16};
    return IntImm(DataType::Int(32), divisors[Pick(8)]);
  }

  std::vector<Var> vars_;
  std::mt19937 rng_;
};

TEST(ArithRandom, SimplifyPreservesValues) {
  Var x("x"), y("y"), z("z");
  struct Domain {
    Var var;
    int64_t min, extent;
  };
  std::vector<Domain> doms = {{x, -8, 17}, {y, 0, 16}, {z, -5, 6}};
  Generator gen({x, y, z}, 1234);
  for (int trial = 0; trial < 6000; ++trial) {
    arith::Analyzer analyzer;
    for (const Domain& d : doms) analyzer.Bind(d.var, Range(d.min, d.extent));
    bool as_bool = trial % 4 == 3;
    PrimExpr expr = as_bool ? gen.Bool(3) : gen.Int(4);
    PrimExpr simplified = analyzer.Simplify(expr);
    PrimExpr again = analyzer.Simplify(simplified);
    ASSERT_TRUE(ir::StructuralEqual(again, simplified))
        << "not idempotent:\n" << ir::AsScript(simplified) << "\n" << ir::AsScript(again);
    for (int point = 0; point < 20; ++point) {
      Interpreter interp;
      for (const Domain& d : doms) interp.env[d.var.get()] = d.min + gen.Pick(d.extent);
      Interpreter before = interp;
      int64_t expected = before(expr);
      int64_t got = interp(simplified);
      ASSERT_EQ(expected, got) << "x=" << interp.env[x.get()] << " y=" << interp.env[y.get()]
                               << " z=" << interp.env[z.get()] << "\n  " << ir::AsScript(expr)
                               << "\n  simplified to " << ir::AsScript(simplified);
    }
  }
}

TEST(ArithRandom, SimplifyUnderConstraintsPreservesValues) {
  Var x("x"), y("y"), n("n");
  Generator gen({x, y, n}, 4321);
  int checked = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    arith::Analyzer analyzer;
    analyzer.Bind(n, Range(1, 12));
    analyzer.Bind(x, Range(0, n));
    analyzer.Bind(y, Range(-6, 13));
    PrimExpr cond = gen.Bool(1);
    PrimExpr expr = trial % 3 == 2 ? gen.Bool(2) : gen.Int(3);
    PrimExpr simplified;
    {
      arith::Analyzer::ConstraintScope scope(&analyzer, cond);
      simplified = analyzer.Simplify(expr);
    }
    for (int64_t nv = 1; nv <= 12; nv += 5) {
      for (int64_t xv = 0; xv < nv; xv += 2) {
        for (int64_t yv = -6; yv <= 6; yv += 3) {
          Interpreter interp;
          interp.env = {{x.get(), xv}, {y.get(), yv}, {n.get(), nv}};
          if (!Interpreter(interp)(cond)) continue;
          Interpreter before = interp;
          ++checked;
          ASSERT_EQ(before(expr), interp(simplified))
              << "x=" << xv << " y=" << yv << " n=" << nv << " assuming " << ir::AsScript(cond)
              << "\n  " << ir::AsScript(expr) << "\n  simplified to " << ir::AsScript(simplified);
        }
      }
    }
  }
  EXPECT_GT(checked, 10000);
}

TEST(ArithRandom, BoundsContainValues) {
  Var x("x"), y("y");
  Generator gen({x, y}, 99);
  for (int trial = 0; trial < 2000; ++trial) {
    arith::Analyzer analyzer;
    analyzer.Bind(x, Range(-6, 13));
    analyzer.Bind(y, Range(1, 9));
    PrimExpr expr = gen.Int(3);
    arith::ConstIntBound b = analyzer.GetConstIntBound(expr);
    arith::ModularSet m = analyzer.GetModularSet(expr);
    for (int64_t xv = -6; xv <= 6; xv += 3) {
      for (int64_t yv = 1; yv <= 9; yv += 2) {
        Interpreter interp;
        interp.env[x.get()] = xv;
        interp.env[y.get()] = yv;
        int64_t v = interp(expr);
        ASSERT_LE(b.min_value, v) << ir::AsScript(expr);
        ASSERT_GE(b.max_value, v) << ir::AsScript(expr);
        if (m.coeff != 0) {
          ASSERT_EQ(((v - m.base) % m.coeff + m.coeff) % m.coeff, 0) << ir::AsScript(expr);
        } else {
          ASSERT_EQ(v, m.base) << ir::AsScript(expr);
        }
      }
    }
  }
}

}  // namespace
}  // namespace tir
}  // namespace tessel
