// The loop primitives of tir::schedule on the 128x128x128 matmul: bindings after split,
// fuse and reorder, and errors that leave the schedule unchanged.
#include <gtest/gtest.h>

#include "matmul.h"
#include "tessel/ir/structural_equal.h"
#include "tessel/tir/schedule/schedule.h"

namespace tessel {
namespace tir {
namespace schedule {
namespace {

ir::IRModule MatmulModule() {
  ir::IRModule mod = ir::IRModule::Empty();
  mod.Add("main", testing::Matmul());
  return mod;
}

BlockRealize Realize(const Schedule& sch) {
  Stmt s = Downcast<PrimFunc>(sch->mod().Lookup("main"))->body;
  while (const auto* loop = s.as<ForNode>()) s = loop->body;
  return Downcast<BlockRealize>(s);
}

TEST(ScheduleLoop, SplitRewritesTheBindingAndKeepsOtherLoops) {
  Schedule sch(MatmulModule(), 0);
  Array<LoopRV> loops = sch->GetLoops(sch->GetBlock("C"));
  Array<LoopRV> split = sch->Split(loops[0], {PrimExpr(), IntImm(DataType::Int(32), 32)});
  For outer = sch->Get(split[0]);
  For inner = sch->Get(split[1]);
  EXPECT_TRUE(is_const_number(outer->extent, 4));
  EXPECT_TRUE(is_const_number(inner->extent, 32));
  EXPECT_TRUE(outer->body.same_as(inner));
  BlockRealize realize = Realize(sch);
  EXPECT_TRUE(ir::StructuralEqual(realize->iter_values[0], outer->loop_var * 32 + inner->loop_var));
  EXPECT_TRUE(realize->iter_values[1].same_as(sch->Get(loops[1])->loop_var));
  EXPECT_TRUE(is_const_number(realize->predicate, 1));
}

TEST(ScheduleLoop, NonDivisibleSplitAddsThePredicate) {
  Schedule sch(MatmulModule(), 0);
  Array<LoopRV> loops = sch->GetLoops(sch->GetBlock("C"));
  Array<LoopRV> split = sch->Split(loops[2], {PrimExpr(), IntImm(DataType::Int(32), 48)});
  Var k0 = sch->Get(split[0])->loop_var, k1 = sch->Get(split[1])->loop_var;
  EXPECT_TRUE(is_const_number(sch->Get(split[0])->extent, 3));
  EXPECT_TRUE(ir::StructuralEqual(Realize(sch)->predicate, k0 * 48 + k1 < 128));
}

TEST(ScheduleLoop, FuseAndReorder) {
  Schedule sch(MatmulModule(), 0);
  Array<LoopRV> loops = sch->GetLoops(sch->GetBlock("C"));
  LoopRV fused = sch->Fuse({loops[0], loops[1]});
  Var f = sch->Get(fused)->loop_var;
  EXPECT_EQ(f->name_hint, "i_j_fused");
  EXPECT_TRUE(is_const_number(sch->Get(fused)->extent, 16384));
  BlockRealize realize = Realize(sch);
  EXPECT_TRUE(ir::StructuralEqual(realize->iter_values[0], floordiv(f, 128)));
  EXPECT_TRUE(ir::StructuralEqual(realize->iter_values[1], floormod(f, 128)));
  sch->Reorder({loops[2], fused});
  Array<LoopRV> after = sch->GetLoops(sch->GetBlock("C"));
  EXPECT_TRUE(sch->Get(after[0])->loop_var.same_as(sch->Get(loops[2])->loop_var));
  EXPECT_TRUE(sch->Get(after[1])->loop_var.same_as(f));
}

TEST(ScheduleLoop, ErrorsLeaveTheScheduleUnchanged) {
  Schedule sch(MatmulModule(), 0);
  Array<LoopRV> loops = sch->GetLoops(sch->GetBlock("C"));
  ir::IRModule before = sch->mod();
  size_t trace_size = sch->trace()->insts.size();
  auto expect_error = [&](const std::function<void()>& call, const std::string& text) {
    try {
      call();
      ADD_FAILURE() << "no ScheduleError; expected: " << text;
    } catch (const ScheduleError& e) {
      EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
    }
    EXPECT_TRUE(sch->mod().same_as(before));
    EXPECT_EQ(sch->trace()->insts.size(), trace_size);
  };
  expect_error([&] { sch->Split(loops[0], {IntImm(DataType::Int(32), 0), PrimExpr()}); },
               "split: loop i: factor 0 is 0; factors must be positive");
  expect_error([&] { sch->Split(loops[0], {PrimExpr(), PrimExpr()}); },
               "split: loop i: factors 0 and 1 are both None");
  expect_error([&] { sch->Fuse({loops[0], loops[2]}); },
               "fuse: loop k is not the whole body of loop i");
  expect_error([&] { sch->Parallel(loops[2]); },
               "parallel: block \"C\" binds its reduction variable vk to loop k");
  expect_error([&] { sch->Reorder({loops[0], loops[0]}); }, "reorder: loop i is given twice");
}

}  // namespace
}  // namespace schedule
}  // namespace tir
}  // namespace tessel
