// Traces of tir::schedule: Python text, replay, and a kind registered outside the library.
#include <gtest/gtest.h>

#include "matmul.h"
#include "tessel/ir/structural_equal.h"
#include "tessel/tir/schedule/schedule.h"

namespace tessel {
namespace tir {
namespace schedule {
namespace {

// A primitive written outside the library, the way built-in ones are: resolve the random
// variable, build the new statement, Replace, Record; and register its instruction kind.
void TestMarkLoop(ScheduleNode* sch, const LoopRV& rv) {
  For loop = sch->GetLoop(rv, "test_mark_loop");
  Map<String, ObjectRef> annotations = loop->annotations.Set("test_mark", IntImm(DataType::Int(32), 1));
  sch->Replace(rv->func_name, loop,
               For(loop->loop_var, loop->min, loop->extent, loop->kind, loop->body, annotations));
  sch->Record("TestMarkLoop", {rv}, {}, {});
}

TESSEL_REGISTER_INSTRUCTION_KIND(
    "TestMarkLoop", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>&,
       const ObjectRef&) -> Array<ObjectRef> {
      TestMarkLoop(sch, Downcast<LoopRV>(inputs[0]));
      return {};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>&, const ObjectRef&,
       const Array<String>& outputs) {
      return PythonCall("test_mark_loop", {{"loop", inputs[0]}}, outputs);
    });

ir::IRModule MatmulModule() {
  ir::IRModule mod = ir::IRModule::Empty();
  mod.Add("main", testing::Matmul());
  return mod;
}

void ScheduleMatmul(ScheduleNode* sch) {
  BlockRV c = sch->GetBlock("C");
  Array<LoopRV> loops = sch->GetLoops(c);
  Array<ExprRV> tiles = sch->SamplePerfectTile(loops[1], 2, 16);
  Array<LoopRV> j = sch->Split(loops[1], {tiles[0], tiles[1]});
  sch->Vectorize(j[1]);
  TestMarkLoop(sch, loops[0]);
}

TEST(ScheduleTrace, PrintsPythonWithDecisions) {
  Schedule sch(MatmulModule(), 1);
  ScheduleMatmul(sch.get());
  Array<IntImm> decision(sch->trace().GetDecision(sch->trace()->insts[2]).data());
  std::string tiles = StrCat("[", decision[0]->value, ", ", decision[1]->value, "]");
  EXPECT_EQ(decision[0]->value * decision[1]->value, 128);
  std::vector<std::string> expected = {
      "b0 = sch.get_block(name=\"C\", func_name=\"main\")",
      "l1, l2, l3 = sch.get_loops(block=b0)",
      "v4, v5 = sch.sample_perfect_tile(loop=l2, n=2, max_innermost_factor=16, decision=" +
          tiles + ")",
      "l6, l7 = sch.split(loop=l2, factors=[v4, v5], preserve_unit_iters=True)",
      "sch.vectorize(loop=l7)",
      "sch.test_mark_loop(loop=l1)",
  };
  EXPECT_EQ(sch->trace().AsPython(), expected);
}

TEST(ScheduleTrace, ReplayReproducesTheModule) {
  for (int64_t seed = 0; seed < 5; ++seed) {
    Schedule sch(MatmulModule(), seed);
    ScheduleMatmul(sch.get());
    Schedule fresh(MatmulModule(), 100 + seed);
    sch->trace().ApplyToSchedule(fresh.get());
    ir::AssertStructuralEqual(fresh->mod(), sch->mod());
    EXPECT_EQ(fresh->trace().AsPython(), sch->trace().AsPython());
  }
}

TEST(ScheduleTrace, UnknownKindIsAnError) {
  EXPECT_THROW(InstructionKind::Get("NoSuchPrimitive"), InvalidArgumentError);
  std::vector<std::string> names = InstructionKind::ListNames();
  EXPECT_NE(std::find(names.begin(), names.end(), "Split"), names.end());
}

}  // namespace
}  // namespace schedule
}  // namespace tir
}  // namespace tessel
