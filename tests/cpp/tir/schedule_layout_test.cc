// The reduction, layout and tensorization primitives of tir::schedule from C++: the
// decomposed matmul, rfactor's buffer, a packing index map, the AVX-512 tensorize flow,
// the TensorIntrin registry, and errors that leave the schedule unchanged.
#include <gtest/gtest.h>

#include "matmul.h"
#include "tessel/ir/structural_equal.h"
#include "tessel/tir/schedule/schedule.h"
#include "tessel/tir/schedule/tensor_intrin.h"

namespace tessel {
namespace tir {
namespace schedule {
namespace {

Schedule MatmulSchedule() {
  ir::IRModule mod = ir::IRModule::Empty();
  mod.Add("main", testing::Matmul());
  return Schedule(mod, 0);
}

PrimFunc Main(const Schedule& sch) { return Downcast<PrimFunc>(sch->mod().Lookup("main")); }

PrimExpr I32(int64_t v) { return IntImm(DataType::Int(32), v); }

TEST(ScheduleLayout, DecomposeReductionMakesAnInitBlockBeforeTheLoop) {
  Schedule sch = MatmulSchedule();
  BlockRV c = sch->GetBlock("C");
  Array<LoopRV> loops = sch->GetLoops(c);
  BlockRV init = sch->DecomposeReduction(c, loops[2]);
  EXPECT_EQ(sch->Get(init)->name_hint, "C_init");
  EXPECT_FALSE(sch->Get(init)->init.defined());
  EXPECT_FALSE(sch->Get(c)->init.defined());
  EXPECT_EQ(sch->GetLoops(init).size(), 2u);
  const auto* seq = sch->Get(loops[1])->body.as<SeqStmtNode>();
  ASSERT_NE(seq, nullptr);
  EXPECT_TRUE(seq->seq[1].same_as(sch->Get(loops[2])));
}

TEST(ScheduleLayout, RFactorAllocatesTheFactorBufferAtTheRoot) {
  Schedule sch = MatmulSchedule();
  Array<LoopRV> loops = sch->GetLoops(sch->GetBlock("C"));
  BlockRV rf = sch->RFactor(loops[2], 1);
  const auto* root = Main(sch)->body.as<BlockRealizeNode>();
  ASSERT_NE(root, nullptr);
  ASSERT_EQ(root->block->alloc_buffers.size(), 1u);
  Buffer c_rf = root->block->alloc_buffers[0];
  EXPECT_EQ(c_rf->name, "C_rf");
  EXPECT_TRUE(ir::StructuralEqual(c_rf->shape, Array<PrimExpr>{I32(128), I32(128), I32(128)}));
  EXPECT_TRUE(sch->Get(rf)->writes[0]->buffer.same_as(c_rf));
  EXPECT_EQ(sch->GetLoops(sch->GetBlock("C")).size(), 3u);
}

TEST(ScheduleLayout, TransformLayoutPacksAParameter) {
  Schedule sch = MatmulSchedule();
  Var k("k"), j("j");
  sch->TransformLayout(sch->GetBlock("C"), 1, "read", {k, j},
                       {floordiv(j, 16), k, floormod(j, 16)});
  PrimFunc func = Main(sch);
  Buffer b = func->buffer_map.Get(func->params[1]);
  EXPECT_TRUE(ir::StructuralEqual(b->shape, Array<PrimExpr>{I32(8), I32(128), I32(16)}));
  EXPECT_TRUE(sch->Get(sch->GetBlock("C"))->reads[1]->buffer.same_as(b));
}

TEST(ScheduleLayout, TensorizeWithTheAvx512Fma) {
  Schedule sch = MatmulSchedule();
  BlockRV c = sch->GetBlock("C");
  Array<LoopRV> loops = sch->GetLoops(c);
  Array<LoopRV> j = sch->Split(loops[1], {PrimExpr(), I32(16)});
  sch->Reorder({loops[2], j[1]});
  sch->DecomposeReduction(c, loops[2]);
  sch->Tensorize(j[1], "x86_avx512_fma_f32x16");
  EXPECT_EQ(sch->trace()->insts.back()->kind->name, "Tensorize");
  const auto* store = sch->Get(sch->GetBlock("C_o"))->body.as<BufferStoreNode>();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->value.dtype(), DataType::Float(32, 16));
  EXPECT_TRUE(store->indices[1].as<RampNode>() != nullptr);
}

TEST(ScheduleLayout, ErrorsLeaveTheScheduleUnchanged) {
  Schedule sch = MatmulSchedule();
  BlockRV c = sch->GetBlock("C");
  Array<LoopRV> loops = sch->GetLoops(c);
  ir::IRModule before = sch->mod();
  size_t trace_size = sch->trace()->insts.size();
  EXPECT_THROW(sch->RFactor(loops[0], 0), ScheduleError);
  EXPECT_THROW(sch->StorageAlign(c, 0, 2, 16, 0), ScheduleError);
  EXPECT_THROW(sch->Tensorize(loops[2], "x86_avx512_fma_f32x16"), ScheduleError);
  EXPECT_TRUE(sch->mod().same_as(before));
  EXPECT_EQ(sch->trace()->insts.size(), trace_size);
}

TEST(ScheduleLayout, TensorIntrinRegistry) {
  EXPECT_TRUE(TensorIntrin::Has("x86_avx512_fma_f32x16"));
  EXPECT_TRUE(TensorIntrin::Has("x86_avx512_zero_f32x16"));
  EXPECT_THROW(TensorIntrin::Get("no_such_intrin"), InvalidArgumentError);
  TensorIntrin fma = TensorIntrin::Get("x86_avx512_fma_f32x16");
  EXPECT_THROW(TensorIntrin::Register("x86_avx512_fma_f32x16", fma), InvalidArgumentError);
  EXPECT_THROW(TensorIntrin(fma->desc, TensorIntrin::Get("x86_avx512_zero_f32x16")->impl),
               InvalidArgumentError);
}

}  // namespace
}  // namespace schedule
}  // namespace tir
}  // namespace tessel
