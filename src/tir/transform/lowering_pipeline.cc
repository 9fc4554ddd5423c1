// LoweringPipeline: the passes that take a scheduled PrimFunc to the form codegen reads,
// written out in one place so that the order is read, not searched for.
#include "tessel/tir/transform.h"

namespace tessel {
namespace tir {
namespace transform {

Pass LoweringPipeline() {
  return ir::transform::Sequential(
      {
          ConvertBlocksToLoops(),
          Simplify(),  // folds the substituted bindings before their offsets are computed
          FlattenBuffer(),
          VectorizeLoop(),
          UnrollLoop(),
          LowerParallelLoops(),
          StorageRewrite(),
          Simplify(),  // tidies the offsets, chunks and unrolled copies
      },
      0, "tir.LoweringPipeline");
}

TESSEL_REGISTER_PASS("tir.LoweringPipeline", [] { return LoweringPipeline(); });

}  // namespace transform
}  // namespace tir
}  // namespace tessel
