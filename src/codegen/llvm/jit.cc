// LLVMJit: ORC LLJIT set up with the target's CPU, features and floating-point options.
#include "jit.h"

#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/Support/Error.h>

#include "../../target/llvm_target.h"
#include "tessel/support/error.h"

namespace tessel {
namespace codegen {

namespace {
template <typename T>
T Check(llvm::Expected<T> value, const std::string& what) {
  if (!value) {
    throw InternalError(StrCat("JIT: ", what, ": ", llvm::toString(value.takeError())));
  }
  return std::move(*value);
}
}  // namespace

LLVMJit::LLVMJit(LLVMCompilation compilation, const target::Target& target) {
  if (!target.is_host()) {
    throw InvalidArgumentError(StrCat("Target '", target.str(), "' is not the host (",
                                      target.triple(), "); compile it with export_library "
                                      "instead of running it here"));
  }
  target::InitializeLLVMTargets();
  llvm::orc::JITTargetMachineBuilder machine{llvm::Triple(target.triple())};
  machine.setCPU(target.cpu());
  machine.addFeatures(std::vector<std::string>(target.attrs().begin(), target.attrs().end()));
  machine.setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  llvm::TargetOptions options;
  options.AllowFPOpFusion = llvm::FPOpFusion::Fast;
  if (target.fast_math()) {
    options.UnsafeFPMath = options.NoInfsFPMath = options.NoNaNsFPMath = true;
    options.NoSignedZerosFPMath = true;
  }
  machine.setOptions(options);
  jit_ = Check(llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(machine)).create(),
               "cannot create LLJIT");
  // libm and libc functions LLVM may call (memset, erff, ...) come from this process.
  char prefix = jit_->getDataLayout().getGlobalPrefix();
  jit_->getMainJITDylib().addGenerator(Check(
      llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(prefix), "process symbols"));
  llvm::Error added = jit_->addIRModule(
      llvm::orc::ThreadSafeModule(std::move(compilation.module), std::move(compilation.context)));
  if (added) throw InternalError(StrCat("JIT: ", llvm::toString(std::move(added))));
  // Materialize now, so a compilation error surfaces here and not at the first call.
  for (const std::string& symbol : compilation.symbols) Lookup(symbol);
}

void* LLVMJit::Lookup(const std::string& symbol) const {
  llvm::Expected<llvm::orc::ExecutorAddr> address = jit_->lookup(symbol);
  if (!address) {
    llvm::consumeError(address.takeError());
    return nullptr;
  }
  return address->toPtr<void*>();
}

}  // namespace codegen
}  // namespace tessel
