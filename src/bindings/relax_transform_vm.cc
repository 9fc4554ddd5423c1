// Bindings of the passes lowering Relax to the VM form (tessel._core.relax.transform_vm).
#include "common.h"
#include "tessel/relax/transform_vm.h"

namespace tessel {
namespace bindings {

void BindRelaxTransformVM(py::module_& relax) {
  using namespace relax::transform;  // NOLINT(build/namespaces)
  py::module_ m = relax.def_submodule("transform_vm", "Passes lowering Relax to the VM form");
  m.def("ToNonDataflow", &ToNonDataflow);
  m.def("CallTIRRewrite", &CallTIRRewrite);
  m.def("StaticPlanBlockMemory", &StaticPlanBlockMemory);
  m.def("VMShapeLower", &VMShapeLower);
  m.def("LowerToVM", &LowerToVM);
}

}  // namespace bindings
}  // namespace tessel
