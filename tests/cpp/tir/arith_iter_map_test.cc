// DetectIterMap on the index patterns that split, fuse and their compositions produce.
#include <gtest/gtest.h>

#include "tessel/ir/printer.h"
#include "tessel/ir/structural_equal.h"
#include "tessel/tir/arith/iter_map.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace tir {
namespace {

using arith::DetectIterMap;
using arith::IterMapResult;
using arith::IterSplitExpr;

int64_t Int(const PrimExpr& e) { return e.as<IntImmNode>()->value; }

// Checks a split: its mark's source, lower factor, extent and scale.
void ExpectSplit(const IterSplitExpr& split, const PrimExpr& source, int64_t lower, int64_t extent,
                 int64_t scale) {
  EXPECT_TRUE(ir::StructuralEqual(split->source->source, source)) << ir::AsScript(split->source->source);
  EXPECT_EQ(Int(split->lower_factor), lower);
  EXPECT_EQ(Int(split->extent), extent);
  EXPECT_EQ(Int(split->scale), scale);
}

TEST(ArithIterMap, SplitLoops) {
  Var i0("i0"), i1("i1");
  IterMapResult r = DetectIterMap({i0 * 8 + i1}, {{i0, Range(0, 4)}, {i1, Range(0, 8)}});
  ASSERT_TRUE(r.success()) << r->errors[0].str();
  ASSERT_EQ(r->indices[0]->args.size(), 2u);
  ExpectSplit(r->indices[0]->args[0], i0, 1, 4, 8);
  ExpectSplit(r->indices[0]->args[1], i1, 1, 8, 1);
  EXPECT_EQ(Int(r->indices[0]->base), 0);
  EXPECT_TRUE(ir::StructuralEqual(arith::IterMapToExpr(r->indices[0]), i0 * 8 + i1));
}

TEST(ArithIterMap, FusedLoop) {
  Var k("k");
  IterMapResult r = DetectIterMap({floordiv(k, 32), floormod(k, 32)}, {{k, Range(0, 128)}}, nullptr, true);
  ASSERT_TRUE(r.success()) << r->errors[0].str();
  ExpectSplit(r->indices[0]->args[0], k, 32, 4, 1);
  ExpectSplit(r->indices[1]->args[0], k, 1, 32, 1);
  EXPECT_TRUE(ir::StructuralEqual(arith::IterMapToExpr(r->indices[0]), floordiv(k, 32)));
  EXPECT_TRUE(ir::StructuralEqual(arith::IterMapToExpr(r->indices[1]), floormod(k, 32)));
}

TEST(ArithIterMap, ThreeWaySplitOfFusedLoop) {
  Var k("k");
  IterMapResult r = DetectIterMap({floordiv(k, 32), floormod(floordiv(k, 4), 8), floormod(k, 4)},
                                  {{k, Range(0, 128)}}, nullptr, true);
  ASSERT_TRUE(r.success()) << r->errors[0].str();
  ExpectSplit(r->indices[1]->args[0], k, 4, 8, 1);
}

TEST(ArithIterMap, FuseThenSplit) {
  Var i("i"), j("j");
  // The fused loop i * 16 + j split again by 4.
  PrimExpr fused = i * 16 + j;
  IterMapResult r = DetectIterMap({floordiv(fused, 4), floormod(fused, 4)},
                                  {{i, Range(0, 8)}, {j, Range(0, 16)}}, nullptr, true);
  ASSERT_TRUE(r.success()) << r->errors[0].str();
  // The simplifier already turns (i * 16 + j) // 4 into i * 4 + j // 4.
  ASSERT_EQ(r->indices[0]->args.size(), 2u);
  ExpectSplit(r->indices[0]->args[0], i, 1, 8, 4);
  ExpectSplit(r->indices[0]->args[1], j, 4, 4, 1);
  ExpectSplit(r->indices[1]->args[0], j, 1, 4, 1);
}

TEST(ArithIterMap, FusedMarkWhenNotSeparable) {
  Var i("i"), j("j");
  // j has extent 6: (i * 6 + j) // 4 does not separate, so i * 6 + j becomes one mark.
  PrimExpr fused = i * 6 + j;
  IterMapResult r = DetectIterMap({floordiv(fused, 4), floormod(fused, 4)},
                                  {{i, Range(0, 2)}, {j, Range(0, 6)}}, nullptr, true);
  ASSERT_TRUE(r.success()) << r->errors[0].str();
  const auto& split = r->indices[0]->args[0];
  EXPECT_EQ(Int(split->source->extent), 12);
  EXPECT_EQ(Int(split->lower_factor), 4);
  EXPECT_EQ(Int(split->extent), 3);
}

TEST(ArithIterMap, BaseAndSymbolicExtent) {
  Var i("i"), n("n");
  IterMapResult r = DetectIterMap({i + n + 3}, {{i, Range(0, n)}});
  ASSERT_TRUE(r.success()) << r->errors[0].str();
  EXPECT_TRUE(ir::StructuralEqual(r->indices[0]->base, n + 3));
  EXPECT_TRUE(arith::IsAffineBinding({i * 2}, {{i, Range(0, n)}}));
}

TEST(ArithIterMap, Failures) {
  Var i("i"), j("j"), n("n");
  Map<Var, Range> iters{{i, Range(0, 8)}, {j, Range(0, 8)}};
  IterMapResult product = DetectIterMap({i * j}, iters);
  ASSERT_FALSE(product.success());
  EXPECT_NE(product->errors[0].str().find("cannot decompose"), std::string::npos);
  EXPECT_FALSE(arith::IsAffineBinding({i, i}, iters));                // used twice
  EXPECT_FALSE(arith::IsAffineBinding({floormod(i, 3)}, iters));     // 3 does not divide 8
  EXPECT_FALSE(arith::IsAffineBinding({floordiv(i, 2), floormod(i, 4)}, iters));  // overlap
  EXPECT_FALSE(arith::IsAffineBinding({floordiv(i, 2)}, {{i, Range(1, 8)}}));      // min 1
  EXPECT_FALSE(arith::IsAffineBinding({floordiv(i, 2)}, {{i, Range(0, n)}}));      // symbolic
  EXPECT_FALSE(DetectIterMap({i}, iters, nullptr, true).success());  // j unused
  EXPECT_TRUE(DetectIterMap({i, j}, iters, nullptr, true).success());
  EXPECT_FALSE(DetectIterMap({floordiv(i, 2)}, {{i, Range(0, 8)}}, nullptr, true).success());
}

}  // namespace
}  // namespace tir
}  // namespace tessel
