// ConstIntBound and ModularSet analyses through the Analyzer.
#include <gtest/gtest.h>

#include "tessel/tir/arith/analyzer.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace tir {
namespace {

using arith::Analyzer;
using arith::ConstIntBound;
using arith::ModularSet;

void ExpectBound(Analyzer* analyzer, const PrimExpr& e, int64_t lo, int64_t hi) {
  ConstIntBound b = analyzer->GetConstIntBound(e);
  EXPECT_EQ(b.min_value, lo);
  EXPECT_EQ(b.max_value, hi);
}

TEST(ArithConstIntBound, Arithmetic) {
  Analyzer a;
  Var x("x"), y("y");
  a.Bind(x, Range(0, 8));
  a.Bind(y, Range(-3, 7));  // [-3, 3]
  ExpectBound(&a, x + y, -3, 10);
  ExpectBound(&a, x - y, -3, 10);
  ExpectBound(&a, x * y, -21, 21);
  ExpectBound(&a, floordiv(y, 2), -2, 1);
  ExpectBound(&a, truncdiv(y, 2), -1, 1);
  ExpectBound(&a, floormod(y, 4), 0, 3);
  ExpectBound(&a, floormod(x, 16), 0, 7);
  ExpectBound(&a, truncmod(y, 2), -1, 1);
  ExpectBound(&a, min(x, y), -3, 3);
  ExpectBound(&a, max(x, y), 0, 7);
  ExpectBound(&a, Select(x < y, x, y + 10), 0, 13);
}

TEST(ArithConstIntBound, DTypeRanges) {
  Analyzer a;
  Var x("x"), n = SizeVar("n");
  ExpectBound(&a, x, -2147483648LL, 2147483647LL);
  ExpectBound(&a, n, 0, 2147483647LL);
  Var b("b", DataType::Int(64));
  ExpectBound(&a, b, ConstIntBound::kNegInf, ConstIntBound::kPosInf);
  Var c("c", DataType::Int(64));
  a.Bind(c, Range(0, 10));  // int32 ends for an int64 variable
  ExpectBound(&a, c, 0, 9);
  Var u("u", DataType::UInt(8));
  ExpectBound(&a, u, 0, 255);
  ExpectBound(&a, Cast(DataType::Int(8), x), -128, 127);
  Var small("s");
  a.Bind(small, Range(0, 10));
  ExpectBound(&a, Cast(DataType::Int(8), small), 0, 9);
  ExpectBound(&a, x < 3, 0, 1);
}

TEST(ArithConstIntBound, SaturatesAtInfinity) {
  Analyzer a;
  Var b("b", DataType::Int(64));
  a.Bind(b, Range(IntImm(DataType::Int(64), 0), IntImm(DataType::Int(64), 1LL << 62)));
  ConstIntBound bound = a.GetConstIntBound(b * IntImm(DataType::Int(64), 4));
  EXPECT_EQ(bound.min_value, 0);
  EXPECT_EQ(bound.max_value, ConstIntBound::kPosInf);
}

TEST(ArithConstIntBound, ConstraintsTighten) {
  Analyzer a;
  Var i("i"), n("n");
  a.Bind(n, Range(1, 100));
  a.Bind(i, Range(0, n));
  ExpectBound(&a, i, 0, 99);
  {
    Analyzer::ConstraintScope scope(&a, i < 10);
    ExpectBound(&a, i, 0, 9);
    ExpectBound(&a, i * 2 + 1, 1, 19);
  }
  ExpectBound(&a, i, 0, 99);
  ExpectBound(&a, n - i, 1, 100);
}

TEST(ArithConstIntBound, LetAndVectors) {
  Analyzer a;
  Var x("x"), t("t");
  a.Bind(x, Range(0, 4));
  ExpectBound(&a, Let(t, x * 2, t + 1), 1, 7);
  ExpectBound(&a, Ramp(x, IntImm(DataType::Int(32), 2), 4), 0, 9);
}

TEST(ArithConstIntBound, RejectsFloats) {
  Analyzer a;
  Var x("x");
  EXPECT_THROW(a.Bind(x, FloatImm(DataType::Float(32), 1.0)), InvalidArgumentError);
  EXPECT_THROW(a.GetConstIntBound(FloatImm(DataType::Float(32), 1.0)), InvalidArgumentError);
}

void ExpectModular(Analyzer* analyzer, const PrimExpr& e, int64_t coeff, int64_t base) {
  ModularSet m = analyzer->GetModularSet(e);
  EXPECT_EQ(m.coeff, coeff);
  EXPECT_EQ(m.base, base);
}

TEST(ArithModularSet, Divisibility) {
  Analyzer a;
  Var x("x"), y("y");
  ExpectModular(&a, x * 8 + 3, 8, 3);
  ExpectModular(&a, x * 8 + y * 4 + 2, 4, 2);
  ExpectModular(&a, x * 8 - 3, 8, 5);
  ExpectModular(&a, IntImm(DataType::Int(32), 5), 0, 5);
  ExpectModular(&a, floordiv(x * 8 + 4, 2), 4, 2);
  ExpectModular(&a, floormod(x * 6 + 1, 4), 2, 1);
  ExpectModular(&a, (x * 4 + 2) * (y * 2), 4, 0);
  ExpectModular(&a, Select(x < y, x * 6, x * 4 + 2), 2, 0);
  ExpectModular(&a, x + y, 1, 0);
}

TEST(ArithModularSet, UsesBindings) {
  Analyzer a;
  Var x("x"), y("y");
  a.Bind(y, x * 16 + 4);
  ExpectModular(&a, y, 16, 4);
  a.Bind(x, Range(3, 1));
  ExpectModular(&a, x, 0, 3);
}

}  // namespace
}  // namespace tir
}  // namespace tessel
