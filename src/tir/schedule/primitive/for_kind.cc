// The loop-kind primitives: parallel, vectorize and unroll. They keep the loop (and its
// variable) and change only how its iterations run.
#include "../utils.h"

namespace tessel {
namespace tir {
namespace schedule {

namespace {

void SetKind(ScheduleNode* sch, const LoopRV& rv, const For& loop, ForKind kind) {
  sch->Replace(rv->func_name, loop,
               For(loop->loop_var, loop->min, loop->extent, kind, loop->body, loop->annotations,
                   loop->span));
}

FInstructionApply ApplyOnLoop(void (ScheduleNode::*primitive)(const LoopRV&)) {
  return [primitive](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>&,
                     const ObjectRef&) -> Array<ObjectRef> {
    (sch->*primitive)(Downcast<LoopRV>(inputs[0]));
    return {};
  };
}

FInstructionAsPython PrintOnLoop(const std::string& method) {
  return [method](const Array<String>& inputs, const Array<ObjectRef>&, const ObjectRef&,
                  const Array<String>& outputs) {
    return PythonCall(method, {{"loop", inputs[0]}}, outputs);
  };
}

}  // namespace

void ScheduleNode::Parallel(const LoopRV& loop_rv) {
  For loop = GetLoop(loop_rv, "parallel");
  CheckOnlySpatialBound("parallel", loop);
  SetKind(this, loop_rv, loop, ForKind::kParallel);
  Record("Parallel", {loop_rv}, {}, {});
}

void ScheduleNode::Vectorize(const LoopRV& loop_rv) {
  For loop = GetLoop(loop_rv, "vectorize");
  int64_t extent;
  if (!AsConstInt(loop->extent, &extent)) {
    ThrowScheduleError("vectorize", StrCat(Describe(loop), " has a symbolic extent; vectorize "
                                           "needs a constant one"));
  }
  CheckOnlySpatialBound("vectorize", loop);
  SetKind(this, loop_rv, loop, ForKind::kVectorized);
  Record("Vectorize", {loop_rv}, {}, {});
}

void ScheduleNode::Unroll(const LoopRV& loop_rv) {
  For loop = GetLoop(loop_rv, "unroll");
  SetKind(this, loop_rv, loop, ForKind::kUnrolled);
  Record("Unroll", {loop_rv}, {}, {});
}

TESSEL_REGISTER_INSTRUCTION_KIND("Parallel", false, ApplyOnLoop(&ScheduleNode::Parallel),
                                 PrintOnLoop("parallel"));
TESSEL_REGISTER_INSTRUCTION_KIND("Vectorize", false, ApplyOnLoop(&ScheduleNode::Vectorize),
                                 PrintOnLoop("vectorize"));
TESSEL_REGISTER_INSTRUCTION_KIND("Unroll", false, ApplyOnLoop(&ScheduleNode::Unroll),
                                 PrintOnLoop("unroll"));

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
