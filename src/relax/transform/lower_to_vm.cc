// LowerToVM: the whole lowering from Relax to the form VM code generation reads.
#include "tessel/relax/transform_vm.h"

namespace tessel {
namespace relax {
namespace transform {

ir::transform::Pass LowerToVM() {
  return ir::transform::Sequential(
      {ToNonDataflow(), CallTIRRewrite(), StaticPlanBlockMemory(), VMShapeLower()}, 0, "relax.LowerToVM");
}

TESSEL_REGISTER_PASS("relax.LowerToVM", [] { return LowerToVM(); });

}  // namespace transform
}  // namespace relax
}  // namespace tessel
