// Bindings of the TensorIR lowering passes (tessel._core.tir.transform).
#include "common.h"
#include "tessel/tir/transform.h"

namespace tessel {
namespace bindings {

void BindTIRTransform(py::module_& m) {
  using namespace tir::transform;  // NOLINT(build/namespaces)
  m.def("ConvertBlocksToLoops", &ConvertBlocksToLoops);
  m.def("FlattenBuffer", &FlattenBuffer);
  m.def("VectorizeLoop", &VectorizeLoop);
  m.def("UnrollLoop", &UnrollLoop);
  m.def("LowerParallelLoops", &LowerParallelLoops);
  m.def("StorageRewrite", &StorageRewrite);
  m.def("Simplify", &Simplify);
  m.def("LoweringPipeline", &LoweringPipeline);
}

}  // namespace bindings
}  // namespace tessel
