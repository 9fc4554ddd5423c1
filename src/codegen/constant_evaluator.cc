// The PrimFunc evaluator of relax FoldConstant: lower, JIT-compile and run one kernel.
// It lives here because the relax layer does not depend on code generation; it is set
// when the compiler library loads.
#include "tessel/codegen/build.h"
#include "tessel/relax/transform.h"
#include "tessel/tir/transform.h"

namespace tessel {
namespace codegen {

namespace {

constexpr const char* kKernelName = "fold_constant_kernel";

void EvaluatePrimFunc(const tir::PrimFunc& func, const std::vector<runtime::Any>& args) {
  ir::IRModule mod = ir::IRModule::Empty();
  mod.Add(kKernelName, func.WithAttr("global_symbol", ir::String(kKernelName)));
  // A context of its own: the caller's instruments should not see the kernel's lowering.
  ir::IRModule lowered = tir::transform::LoweringPipeline()(mod, ir::transform::PassContext::Create());
  Build(lowered, target::Target("llvm"))[kKernelName](args);
}

[[maybe_unused]] const bool kRegistered = (relax::transform::SetPrimFuncEvaluator(EvaluatePrimFunc), true);

}  // namespace

}  // namespace codegen
}  // namespace tessel
