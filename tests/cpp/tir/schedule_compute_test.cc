// The block-level primitives of tir::schedule through the C++ API: the GEMM register tile
// (cache_write + reverse_compute_at), a packed operand (cache_read + compute_at), and errors
// that leave the schedule unchanged.
#include <gtest/gtest.h>

#include "matmul.h"
#include "tessel/support/error.h"
#include "tessel/tir/schedule/schedule.h"

namespace tessel {
namespace tir {
namespace schedule {
namespace {

// The matmul with i and j split by 32 and reordered to i_0, j_0, i_1, j_1, k; returns j_0.
LoopRV Tile(const Schedule& sch, const BlockRV& block) {
  Array<LoopRV> loops = sch->GetLoops(block);
  IntImm tile(DataType::Int(32), 32);
  Array<LoopRV> i = sch->Split(loops[0], {PrimExpr(), tile});
  Array<LoopRV> j = sch->Split(loops[1], {PrimExpr(), tile});
  sch->Reorder({i[0], j[0], i[1], j[1]});
  return j[0];
}

Schedule MatmulSchedule() {
  ir::IRModule mod = ir::IRModule::Empty();
  mod.Add("main", testing::Matmul());
  return Schedule(mod, 0);
}

TEST(ScheduleCompute, RegisterTileOfTheOutput) {
  Schedule sch = MatmulSchedule();
  BlockRV c = sch->GetBlock("C");
  LoopRV j0 = Tile(sch, c);
  BlockRV copy = sch->CacheWrite(c, 0, "local");
  sch->ReverseComputeAt(copy, j0);
  Block root = Downcast<BlockRealize>(Downcast<PrimFunc>(sch->mod().Lookup("main"))->body)->block;
  ASSERT_EQ(root->name_hint, "root");
  ASSERT_EQ(root->alloc_buffers.size(), 1u);
  EXPECT_EQ(root->alloc_buffers[0]->name, "C_local");
  EXPECT_EQ(root->alloc_buffers[0]->scope, "local");
  // The copy now runs once per tile, over the 32 x 32 tile.
  Array<LoopRV> copy_loops = sch->GetLoops(copy);
  ASSERT_EQ(copy_loops.size(), 4u);
  EXPECT_TRUE(sch->Get(copy_loops[1])->loop_var.same_as(sch->Get(j0)->loop_var));
  EXPECT_TRUE(is_const_number(sch->Get(copy_loops[2])->extent, 32));
  EXPECT_TRUE(is_const_number(sch->Get(copy_loops[3])->extent, 32));
  EXPECT_EQ(sch->Get(c)->writes[0]->buffer->name, "C_local");
}

TEST(ScheduleCompute, PackedOperandUnderTheTileLoop) {
  Schedule sch = MatmulSchedule();
  BlockRV c = sch->GetBlock("C");
  LoopRV j0 = Tile(sch, c);
  BlockRV packed = sch->CacheRead(c, 1, "global");
  sch->ComputeAt(packed, j0);
  Array<LoopRV> loops = sch->GetLoops(packed);
  ASSERT_EQ(loops.size(), 4u);
  EXPECT_TRUE(is_const_number(sch->Get(loops[2])->extent, 128));
  EXPECT_TRUE(is_const_number(sch->Get(loops[3])->extent, 32));
  // get_block, get_loops, two splits, reorder, cache_read, compute_at, get_loops
  EXPECT_EQ(sch->trace()->insts.size(), 8u);
}

TEST(ScheduleCompute, ErrorsLeaveTheScheduleUnchanged) {
  Schedule sch = MatmulSchedule();
  BlockRV c = sch->GetBlock("C");
  LoopRV j0 = Tile(sch, c);
  ir::IRModule before = sch->mod();
  size_t insts = sch->trace()->insts.size();
  EXPECT_THROW(sch->ComputeInline(c), ScheduleError);
  EXPECT_THROW(sch->ComputeAt(c, j0), ScheduleError);
  EXPECT_THROW(sch->CacheRead(c, 5, "global"), ScheduleError);
  EXPECT_TRUE(sch->mod().same_as(before));
  EXPECT_EQ(sch->trace()->insts.size(), insts);
}

}  // namespace
}  // namespace schedule
}  // namespace tir
}  // namespace tessel
