// Rewrite cases of Analyzer::Simplify, each checked structurally against the expected form.
#include <gtest/gtest.h>

#include "tessel/ir/printer.h"
#include "tessel/ir/structural_equal.h"
#include "tessel/tir/arith/analyzer.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace tir {
namespace {

using arith::Analyzer;

class ArithSimplify : public ::testing::Test {
 protected:
  // Simplifies expr and checks the result is expected (and that simplifying again keeps it).
  void Check(const PrimExpr& expr, const PrimExpr& expected) {
    PrimExpr result = analyzer.Simplify(expr);
    EXPECT_TRUE(ir::StructuralEqual(result, expected))
        << ir::AsScript(expr) << "\n  simplified to " << ir::AsScript(result) << "\n  expected    "
        << ir::AsScript(expected);
    PrimExpr again = analyzer.Simplify(result);
    EXPECT_TRUE(ir::StructuralEqual(again, result)) << "not idempotent: " << ir::AsScript(result)
                                                    << " -> " << ir::AsScript(again);
  }
  PrimExpr I(int64_t v) { return IntImm(DataType::Int(32), v); }
  PrimExpr True() { return IntImm(DataType::Bool(), 1); }
  PrimExpr False() { return IntImm(DataType::Bool(), 0); }

  Analyzer analyzer;
  Var x{"x"}, y{"y"}, z{"z"}, n{"n"};
};

TEST_F(ArithSimplify, FoldsConstants) {
  Check(I(3) + I(4) * I(2), I(11));
  Check(floordiv(I(-7), I(2)), I(-4));
  Check(floormod(I(-7), I(2)), I(1));
  Check(truncdiv(I(-7), I(2)), I(-3));
  Check(truncmod(I(-7), I(2)), I(-1));
  Check(min(I(3), I(-2)), I(-2));
  Check(max(I(3), I(-2)), I(3));
}

TEST_F(ArithSimplify, KeepsOverflowingConstants) {
  PrimExpr big = IntImm(DataType::Int(32), 2147483647);
  PrimExpr sum = Add(big, I(1));
  Check(sum, sum);
  PrimExpr i8 = Add(IntImm(DataType::Int(8), 100), IntImm(DataType::Int(8), 100));
  Check(i8, i8);
}

TEST_F(ArithSimplify, CollectsLinearTerms) {
  Check(x + y - x, y);
  Check(x - x, I(0));
  Check(x * 2 + y - x, x + y);
  Check((x + 3) * 4 - 12, x * 4);
  Check(x * 3 - x * 3 + 5, I(5));
  Check(I(1) - x + x * 2, x + 1);
  Check(y - (x + y), x * -1);
  Check(I(5) - x, I(5) - x);
  Check((x + y) * 2 - y * 2, x * 2);
}

TEST_F(ArithSimplify, SplitsFloorDivByBounds) {
  analyzer.Bind(y, Range(0, 8));
  Check(floordiv(x * 8 + y, 8), x);
  Check(floormod(x * 8 + y, 8), y);
  Check(floordiv(y, 8), I(0));
  Check(floordiv(x * 16 + y, 8), x * 2);
  Check(floordiv(x * 8 + y + 8, 8), x + 1);
  Check(floormod(x * 8 + y + 8, 8), y);
  Check(floordiv(x * 8 + z, 8), x + floordiv(z, 8));
  Check(floormod(x * 8 + z, 8), floormod(z, 8));
}

TEST_F(ArithSimplify, CancelsCommonFactors) {
  Check(floordiv(x * 2, 4), floordiv(x, 2));
  Check(floormod(x * 2, 4), floormod(x, 2) * 2);
  Check(floordiv(floordiv(x, 4), 8), floordiv(x, 32));
  Check(floormod(floormod(x, 8), 4), floormod(x, 4));
  Check(floordiv(x, 1), x);
  Check(floormod(x, 1), I(0));
}

TEST_F(ArithSimplify, MergesDivAndMod) {
  Check(floordiv(x, 4) * 4 + floormod(x, 4), x);
  Check(floormod(x, 4) + floordiv(x, 4) * 4, x);
  Check(floordiv(x, 4) * 8 + floormod(x, 4) * 2, x * 2);
  Check(floordiv(x + y, 32) * 32 + floormod(x + y, 32) - y, x);
  Check(truncdiv(x, 4) * 4 + truncmod(x, 4), x);
  Check(x - floordiv(x, 8) * 8, floormod(x, 8));
  Check(x * 2 + y - floordiv(x, 8) * 16, y + floormod(x, 8) * 2);
  Check(x - truncdiv(x, 8) * 8, truncmod(x, 8));
  Check(x - floordiv(x, 8) * 16, x - floordiv(x, 8) * 16);
}

TEST_F(ArithSimplify, BranchesKnowTheirConditions) {
  Check(x < 4 && x < 5, x < 4);
  Check(x < 4 && x >= 4, False());
  Check(x < 4 || x < 6, x < 4 || x < 6);
  Check(x >= 4 || x < 6, True());
  Check(Select(x < 4, min(x, 4), max(x, 4)), x);
  Check(Select(x < 4, min(x, 2), y), Select(x < 4, min(x, 2), y));
}

TEST_F(ArithSimplify, TruncDivOfNonNegative) {
  analyzer.Bind(x, Range(0, 100));
  Check(truncdiv(x * 4 + 3, 4), x);
  Check(truncmod(x * 4 + 3, 4), I(3));
  // Unknown sign: left alone.
  Check(truncdiv(y, 4), truncdiv(y, 4));
}

TEST_F(ArithSimplify, MinMaxByBounds) {
  analyzer.Bind(x, Range(0, 8));
  Check(min(x, 8), x);
  Check(max(x, 8), I(8));
  Check(max(x, -1), x);
  Check(min(x + 1, x), x);
  Check(max(y, y), y);
  Check(min(min(y, 4), 2), min(y, 2));
  Check(min(y, 4), min(y, 4));
}

TEST_F(ArithSimplify, ComparisonsByBounds) {
  analyzer.Bind(x, Range(0, 8));
  Check(x < 8, True());
  Check(x < 7, x < 7);
  Check(x >= 0, True());
  Check(x > 7, False());
  Check(EQ(x * 2, I(3)), False());
  Check(NE(x + 1, x), True());
  Check(y <= y, True());
  Check(y + 1 < 5, y < 4);
  Check(y + z < y + 3, z < 3);
  Check(y * 2 + 2 >= y + z, y >= z - 2);
  Check(y < z + 1, y < z + 1);
  Check(EQ(y - 3, z), EQ(y, z + 3));
  Check(x + y < y * 3, x < y * 2);
  Check(floordiv(z, 8) * 8 <= z, True());
  Check(min(floordiv(z, 8) * 8, z), floordiv(z, 8) * 8);
  Check(y < y + 1, True());
}

TEST_F(ArithSimplify, SymbolicRangeFacts) {
  analyzer.Bind(x, Range(0, n));
  Check(x < n, True());
  Check(x + 1 <= n, True());
  Check(x >= n, False());
  Check(min(x, n - 1), x);
  Check(x < n - 1, x < n - 1);
  Var xi("xi"), m("m");
  analyzer.Bind(xi, Range(0, 8));
  analyzer.Bind(y, Range(0, m));
  Check(y * 8 + xi < m * 8, True());
  Check(y * 8 + xi < m * 8 - 1, y * 8 + xi < m * 8 - 1);
  Check(x * m + y < n * m, x * m + y < n * m);  // needs a product of facts: not known
}

TEST_F(ArithSimplify, ConstraintScopes) {
  {
    Analyzer::ConstraintScope scope(&analyzer, x < 4 && x >= 0);
    Check(x < 5, True());
    Check(floordiv(x, 4), I(0));
    Check(y < 5, y < 5);
  }
  Check(x < 5, x < 5);
  {
    Analyzer::ConstraintScope scope(&analyzer, logical_not(x >= y));
    Check(x < y, True());
    Check(x <= y - 1, True());
  }
}

TEST_F(ArithSimplify, Booleans) {
  PrimExpr c = x < y;
  Check(c && True(), c);
  Check(c && False(), False());
  Check(c || True(), True());
  Check(c || False(), c);
  Check(c && c, c);
  Check(logical_not(logical_not(c)), c);
  Check(logical_not(x < y), x >= y);
  Check(logical_not(True()), False());
}

TEST_F(ArithSimplify, SelectAndCast) {
  Check(Select(True(), x, y), x);
  Check(Select(I(1) < I(0), x, y), y);
  Check(Select(x < y, z, z), z);
  Check(Cast(DataType::Int(64), I(7)), IntImm(DataType::Int(64), 7));
  Check(Cast(DataType::Float(32), I(2)), FloatImm(DataType::Float(32), 2.0));
  Check(Cast(DataType::Int(8), I(300)), Cast(DataType::Int(8), I(300)));
  Check(Cast(DataType::Int(32), x), x);
  Check(Cast(DataType::Int(32), FloatImm(DataType::Float(32), -2.5)), I(-2));
}

TEST_F(ArithSimplify, LetBindings) {
  Var t("t");
  Check(Let(t, I(3), t * 2 + x), x + 6);
  Check(Let(t, y, t - y), I(0));
  Check(Let(t, x * y, x + 1), x + 1);
  PrimExpr kept = Let(t, x * y, t + t);
  Check(kept, Let(t, x * y, t * 2));
}

TEST_F(ArithSimplify, Floats) {
  PrimExpr a = FloatImm(DataType::Float(32), 1.5), b = FloatImm(DataType::Float(32), 2.0);
  Check(a + b, FloatImm(DataType::Float(32), 3.5));
  Check(a * b, FloatImm(DataType::Float(32), 3.0));
  Check(a < b, True());
  Var f("f", DataType::Float(32));
  Check(f + a, f + a);
}

TEST_F(ArithSimplify, VectorArithmetic) {
  Check(Broadcast(x, 4) + Broadcast(I(1), 4), Broadcast(x + 1, 4));
  Check(Ramp(x, I(1), 4) + Broadcast(y, 4), Ramp(x + y, I(1), 4));
  Check(Ramp(x, I(1), 4) * Broadcast(I(2), 4), Ramp(x * 2, I(2), 4));
  Check(Ramp(x, I(1), 4) - Ramp(x, I(1), 4), Broadcast(I(0), 4));
  Check(Ramp(x, I(0), 4), Broadcast(x, 4));
  Check(Broadcast(x, 4) < Broadcast(x + 1, 4), Broadcast(True(), 4));
}

TEST_F(ArithSimplify, BoundVariablesAreSubstituted) {
  analyzer.Bind(z, x * 2);
  Check(z - x, x);
}

TEST_F(ArithSimplify, UnsignedArithmeticIsNotReordered) {
  Var u("u", DataType::UInt(32));
  PrimExpr one = IntImm(DataType::UInt(32), 1);
  Check(u + IntImm(DataType::UInt(32), 0), u);
  Check(u - one, u - one);
  Check(IntImm(DataType::UInt(32), 3) - IntImm(DataType::UInt(32), 5),
        IntImm(DataType::UInt(32), 3) - IntImm(DataType::UInt(32), 5));
}

TEST_F(ArithSimplify, CanProveHelpers) {
  analyzer.Bind(x, Range(0, 16));
  EXPECT_TRUE(analyzer.CanProve(x < 16));
  EXPECT_FALSE(analyzer.CanProve(x < 15));
  EXPECT_TRUE(analyzer.CanProveEqual(floordiv(x, 4) * 4 + floormod(x, 4), x));
  EXPECT_TRUE(analyzer.CanProveEqual(y + z, z + y));
  EXPECT_FALSE(analyzer.CanProveEqual(y, z));
  EXPECT_TRUE(analyzer.CanProveGreaterEqual(x, 0));
  EXPECT_FALSE(analyzer.CanProveGreaterEqual(x, 1));
  EXPECT_TRUE(analyzer.CanProveLess(x * 2, 31));
  EXPECT_FALSE(analyzer.CanProveLess(x * 2, 30));
}

}  // namespace
}  // namespace tir
}  // namespace tessel
