// CodeGenLLVM: the four backend API pointers every generated module defines.
//
// Generated code never names a runtime symbol: it calls through these globals, which the
// loader (runtime::InitBackendApi) fills in, so a module links and loads on its own.
#include "codegen_llvm.h"

namespace tessel {
namespace codegen {

llvm::GlobalVariable* CodeGenLLVM::BackendApiPointer(const std::string& name) {
  if (llvm::GlobalVariable* existing = module_->getNamedGlobal(name)) return existing;
  llvm::PointerType* ptr = builder_.getPtrTy();
  return new llvm::GlobalVariable(*module_, ptr, false, llvm::GlobalValue::ExternalLinkage,
                                  llvm::ConstantPointerNull::get(ptr), name);
}

llvm::FunctionType* CodeGenLLVM::ParallelLambdaType() const {
  llvm::Type* i32 = llvm::Type::getInt32Ty(*context_);
  return llvm::FunctionType::get(i32, {i32, i32, llvm::PointerType::getUnqual(*context_)}, false);
}

llvm::Value* CodeGenLLVM::CallBackendApi(const std::string& name, llvm::FunctionType* type,
                                         std::vector<llvm::Value*> args) {
  llvm::Value* callee = builder_.CreateLoad(builder_.getPtrTy(), BackendApiPointer(name), name);
  return builder_.CreateCall(type, callee, args);
}

}  // namespace codegen
}  // namespace tessel
