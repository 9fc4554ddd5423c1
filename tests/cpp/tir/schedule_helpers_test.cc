// The internal helpers schedule primitives are built from (src/tir/schedule/utils.h):
// finding loops and blocks, block properties, rewriting and tidy arithmetic.
#include <gtest/gtest.h>

#include "../../../src/tir/schedule/utils.h"
#include "matmul.h"
#include "tessel/ir/structural_equal.h"

namespace tessel {
namespace tir {
namespace schedule {
namespace {

TEST(ScheduleHelpers, FindLoopsAndBlocks) {
  PrimFunc func = testing::Matmul();
  BlockRealize c = FindBlockRealize(func->body, "C");
  ASSERT_TRUE(c.defined());
  EXPECT_FALSE(FindBlockRealize(func->body, "D").defined());
  std::vector<For> loops = LoopsAbove(func->body, c);
  ASSERT_EQ(loops.size(), 3u);
  EXPECT_TRUE(loops[0].same_as(func->body));
  EXPECT_TRUE(FindLoop(func->body, loops[2]->loop_var).same_as(loops[2]));
  EXPECT_EQ(PathTo(func->body, c).size(), 4u);
  EXPECT_EQ(ChildBlockRealizes(loops[0]).size(), 1u);
  EXPECT_FALSE(EnclosingBlock(func->body, c).defined());
  Buffer a = func->buffer_map.at(func->params[0]);
  Buffer out = func->buffer_map.at(func->params[2]);
  EXPECT_EQ(BlocksReading(func->body, a).size(), 1u);
  EXPECT_EQ(BlocksWriting(func->body, out).size(), 1u);
  EXPECT_TRUE(BlocksWriting(func->body, a).empty());
  EXPECT_TRUE(IsReductionBlock(c->block));
}

TEST(ScheduleHelpers, QuasiAffineBindings) {
  Var i("i"), j("j"), n("n");
  std::unordered_set<const VarNode*> vars{i.get(), j.get()};
  EXPECT_TRUE(IsQuasiAffine(i * 32 + j, vars));
  EXPECT_TRUE(IsQuasiAffine(floormod(floordiv(i, 128), 128) + n * n, vars));
  EXPECT_FALSE(IsQuasiAffine(i * j, vars));
  EXPECT_FALSE(IsQuasiAffine(floordiv(i, n), vars));
  EXPECT_FALSE(IsQuasiAffine(floormod(i, -4), vars));
}

TEST(ScheduleHelpers, RewritingSharesWhatItDoesNotChange) {
  PrimFunc func = testing::Matmul();
  For outer = Downcast<For>(func->body);
  For middle = Downcast<For>(outer->body);
  Stmt replaced = ReplaceStmt(func->body, middle, middle->body);
  EXPECT_TRUE(Downcast<For>(replaced)->body.same_as(middle->body));
  EXPECT_TRUE(ReplaceStmt(func->body, Evaluate(0), Evaluate(1)).same_as(func->body));
  Var x("x");
  Stmt substituted = Substitute(outer->body, {{outer->loop_var.get(), x * 2}});
  BlockRealize c = FindBlockRealize(substituted, "C");
  EXPECT_TRUE(ir::StructuralEqual(c->iter_values[0], x * 2));
  Stmt predicated = AddPredicate(substituted, x < 64);
  EXPECT_TRUE(ir::StructuralEqual(FindBlockRealize(predicated, "C")->predicate, x < 64));
}

TEST(ScheduleHelpers, TidyArithmeticFoldsConstants) {
  Var x("x");
  PrimExpr one = IntImm(DataType::Int(32), 1), zero = IntImm(DataType::Int(32), 0);
  EXPECT_TRUE(TidyAdd(zero, x).same_as(x));
  EXPECT_TRUE(TidyMul(x, one).same_as(x));
  EXPECT_TRUE(is_const_number(TidyMul(x, zero), 0));
  EXPECT_TRUE(TidyFloorDiv(x, one).same_as(x));
  EXPECT_TRUE(is_const_number(TidyFloorMod(x, one), 0));
  EXPECT_TRUE(is_const_number(TidyFloorDiv(IntImm(DataType::Int(32), -7), IntImm(DataType::Int(32), 2)), -4));
  EXPECT_TRUE(is_const_number(TidyFloorMod(IntImm(DataType::Int(32), -7), IntImm(DataType::Int(32), 2)), 1));
}

TEST(ScheduleHelpers, ErrorsNameThePrimitive) {
  try {
    ThrowScheduleError("split", "loop i starts at 2");
    FAIL();
  } catch (const ScheduleError& e) {
    EXPECT_EQ(e.message(), "split: loop i starts at 2");
  }
}

}  // namespace
}  // namespace schedule
}  // namespace tir
}  // namespace tessel
