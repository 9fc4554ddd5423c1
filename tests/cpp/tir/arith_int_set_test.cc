// EvalSet, union/intersection and coverage of IntSets.
#include <gtest/gtest.h>

#include "tessel/ir/printer.h"
#include "tessel/ir/structural_equal.h"
#include "tessel/tir/arith/analyzer.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace tir {
namespace {

using arith::Analyzer;
using arith::IntSet;

void ExpectSet(const IntSet& set, const PrimExpr& lo, const PrimExpr& hi) {
  ASSERT_FALSE(set.IsEmpty());
  EXPECT_TRUE(ir::StructuralEqual(set->min_value, lo))
      << "min " << (set->min_value.defined() ? ir::AsScript(set->min_value) : "-inf");
  EXPECT_TRUE(ir::StructuralEqual(set->max_value, hi))
      << "max " << (set->max_value.defined() ? ir::AsScript(set->max_value) : "+inf");
}

PrimExpr I(int64_t v) { return IntImm(DataType::Int(32), v); }

TEST(ArithEvalSet, SplitLoopRegion) {
  Analyzer a;
  Var i("i"), ii("ii");
  IntSet set = a.EvalSet(i * 8 + ii, Map<Var, Range>{{ii, Range(0, 8)}});
  ExpectSet(set, i * 8, i * 8 + 7);
  Range cover = set.CoverRange();
  EXPECT_TRUE(ir::StructuralEqual(cover->min, i * 8));
  EXPECT_TRUE(ir::StructuralEqual(cover->extent, I(8)));
  ExpectSet(a.EvalSet(i * 8 + ii, Map<Var, Range>{{i, Range(0, 4)}, {ii, Range(0, 8)}}), I(0), I(31));
}

TEST(ArithEvalSet, FusedLoopRegion) {
  Analyzer a;
  Var o("o"), k("k");
  Map<Var, IntSet> dom{{k, IntSet::Interval(o * 64, o * 64 + 63)}};
  ExpectSet(a.EvalSet(floordiv(k, 32), dom), o * 2, o * 2 + 1);
  ExpectSet(a.EvalSet(floormod(k, 32), dom), I(0), I(31));
  Map<Var, IntSet> inside{{k, IntSet::Interval(o * 64, o * 64 + 15)}};
  ExpectSet(a.EvalSet(floormod(k, 32), inside), I(0), I(15));
}

TEST(ArithEvalSet, SymbolicAndSigns) {
  Analyzer a;
  Var i("i"), n("n"), j("j");
  Map<Var, Range> dom{{i, Range(0, n)}};
  ExpectSet(a.EvalSet(i * -2 + 1, dom), I(3) - n * 2, I(1));
  ExpectSet(a.EvalSet(min(i, 4), dom), I(0), min(n - 1, 4));
  ExpectSet(a.EvalSet(j + 1, dom), j + 1, j + 1);
  IntSet everything = a.EvalSet(i * j, dom);
  EXPECT_FALSE(everything.HasLowerBound());
  EXPECT_FALSE(everything.HasUpperBound());
  EXPECT_TRUE(everything.IsEverything());
}

TEST(ArithEvalSet, BoundedFallback) {
  Analyzer a;
  Var i("i"), j("j");
  Map<Var, Range> dom{{i, Range(0, 4)}, {j, Range(0, 3)}};
  ExpectSet(a.EvalSet(i * j, dom), I(0), I(6));
  ExpectSet(a.EvalSet(Ramp(i, I(2), 4), dom), I(0), I(9));
}

TEST(ArithEvalSet, Regions) {
  Analyzer a;
  Var i("i"), ii("ii");
  Array<IntSet> sets = a.EvalSet(Array<Range>{Range(i * 8 + ii, 2), Range(0, 16)},
                                 Map<Var, Range>{{ii, Range(0, 8)}});
  ASSERT_EQ(sets.size(), 2u);
  ExpectSet(sets[0], i * 8, i * 8 + 8);
  ExpectSet(sets[1], I(0), I(15));
}

TEST(ArithIntSet, UnionIntersectCover) {
  Analyzer a;
  Var n("n");
  IntSet u = a.Union({IntSet::Interval(I(0), I(3)), IntSet::Interval(I(2), I(9)), IntSet::Empty()});
  ExpectSet(u, I(0), I(9));
  IntSet x = a.Intersect({IntSet::Interval(I(0), I(3)), IntSet::Interval(I(2), I(9))});
  ExpectSet(x, I(2), I(3));
  EXPECT_TRUE(a.Intersect({IntSet::Interval(I(0), I(1)), IntSet::Interval(I(5), I(9))}).IsEmpty());
  ExpectSet(a.Union({IntSet::Interval(n, n + 4), IntSet::Interval(n + 2, n + 8)}), n, n + 8);
  EXPECT_FALSE(a.Union({IntSet::Everything(), IntSet::SinglePoint(I(1))}).HasLowerBound());
  EXPECT_TRUE(a.CoversRange(IntSet::Interval(I(0), I(15)), Range(0, 16)));
  EXPECT_FALSE(a.CoversRange(IntSet::Interval(I(0), I(14)), Range(0, 16)));
  EXPECT_TRUE(a.CoversRange(IntSet::Interval(n, n + 10), Range(n + 1, 5)));
  EXPECT_TRUE(IntSet::SinglePoint(n).IsSinglePoint());
  EXPECT_THROW(IntSet::Everything().CoverRange(), InvalidArgumentError);
  EXPECT_THROW(IntSet::Empty().CoverRange(), InvalidArgumentError);
}

}  // namespace
}  // namespace tir
}  // namespace tessel
