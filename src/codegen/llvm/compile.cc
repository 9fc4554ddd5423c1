// CompileToLLVM: every PrimFunc of a lowered module into one optimized llvm::Module.
#include "compile.h"

#include <llvm/Analysis/CGSCCPassManager.h>
#include <llvm/Analysis/LoopAnalysisManager.h>
#include <llvm/IR/PassManager.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/raw_ostream.h>

#include "../../target/llvm_target.h"
#include "codegen_llvm.h"
#include "metadata.h"
#include "tessel/runtime/c_backend_api.h"
#include "tessel/support/error.h"

namespace tessel {
namespace codegen {

LLVMCompilation CompileToLLVM(const ir::IRModule& lowered, const target::Target& target) {
  std::unique_ptr<llvm::TargetMachine> machine = target::CreateTargetMachine(target);
  LLVMCompilation result;
  result.context = std::make_unique<llvm::LLVMContext>();
  CodeGenLLVM codegen(result.context.get(), machine.get(), target, "tessel");
  std::vector<KernelSignature> kernels;
  for (const ir::GlobalVar& gvar : lowered.GetGlobalVars()) {
    ir::BaseFunc base = lowered.Lookup(gvar);
    const auto* func = base.as<tir::PrimFuncNode>();
    if (func == nullptr) {
      throw InvalidArgumentError(StrCat("codegen: function ", gvar->name_hint, " is a ",
                                        base->type_key(), "; only tir.PrimFunc can be compiled"));
    }
    const auto* global_symbol = func->attrs.Get("global_symbol").as<ir::StringNode>();
    std::string symbol = global_symbol != nullptr ? global_symbol->value : gvar->name_hint;
    tir::PrimFunc prim_func = tir::GetRef<tir::PrimFunc>(func);
    kernels.push_back(DescribeKernel(symbol, prim_func));
    codegen.AddFunction(symbol, prim_func, kernels.back().arguments);
    result.symbols.push_back(TESSEL_KERNEL_SYMBOL_PREFIX + symbol);
  }
  result.metadata = MetadataJson(kernels);
  result.module = codegen.Finish(result.metadata);
  for (llvm::Function& fn : *result.module) {
    if (fn.isDeclaration()) continue;
    fn.addFnAttr("target-cpu", target.cpu());
    fn.addFnAttr("target-features", target.FeatureString());
    if (target.fast_math()) fn.addFnAttr("unsafe-fp-math", "true");
  }
  OptimizeModule(*result.module, *machine);
  return result;
}

void OptimizeModule(llvm::Module& module, llvm::TargetMachine& machine) {
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager cgscc;
  llvm::ModuleAnalysisManager modules;
  llvm::PassBuilder builder(&machine);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(cgscc);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, cgscc, modules);
  builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3).run(module, modules);
}

std::string PrintIR(const llvm::Module& module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module.print(os, nullptr);
  return os.str();
}

}  // namespace codegen
}  // namespace tessel
