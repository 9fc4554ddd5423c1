// Bindings of the TensorIR analyses (tessel._core.tir.analysis).
#include "common.h"
#include "tessel/tir/analysis.h"

namespace tessel {
namespace bindings {

void BindTIRAnalysis(py::module_& m) {
  m.def("get_block_read_write_region", [](const tir::Block& block) {
    auto regions = tir::GetBlockReadWriteRegion(block);
    return py::make_tuple(ToPython(regions[0]), ToPython(regions[1]));
  });
}

}  // namespace bindings
}  // namespace tessel
