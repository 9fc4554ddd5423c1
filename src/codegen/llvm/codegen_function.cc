// CodeGenLLVM: the exported kernel of a PrimFunc and the function that computes it.
//
// `int32_t __tessel_kernel_name(TesselValue* args, int32_t num_args)` unpacks the arguments and calls the
// internal `name_compute`, whose buffer pointers are `noalias` parameters: once LLVM inlines
// it, the promise becomes alias metadata on every load and store, so loops vectorize.
#include "codegen_llvm.h"

#include <llvm/IR/MDBuilder.h>

#include "tessel/runtime/c_backend_api.h"
#include "tessel/support/error.h"

namespace tessel {
namespace codegen {

using ir::DataType;

void CodeGenLLVM::AddFunction(const std::string& symbol, const tir::PrimFunc& func,
                              const std::vector<KernelArgument>& arguments) {
  func_name_ = symbol;
  vars_.clear();
  alias_tags_.clear();
  llvm::Type* i32 = builder_.getInt32Ty();
  llvm::Type* i64 = builder_.getInt64Ty();
  llvm::Type* ptr = builder_.getPtrTy();

  std::vector<llvm::Type*> types;
  for (const KernelArgument& argument : arguments) {
    types.push_back(argument.is_tensor ? ptr : LLVMType(argument.var.dtype()));
  }
  llvm::Function* compute = llvm::Function::Create(
      llvm::FunctionType::get(i32, types, false), llvm::Function::InternalLinkage,
      symbol + "_compute", module_.get());
  for (size_t i = 0; i < arguments.size(); ++i) {
    llvm::Argument* arg = compute->getArg(i);
    arg->setName(arguments[i].name);
    if (arguments[i].is_tensor) arg->addAttr(llvm::Attribute::NoAlias);
  }

  // The exported kernel: read each TesselValue as the kind its argument has.
  llvm::Function* kernel = llvm::Function::Create(llvm::FunctionType::get(i32, {ptr, i32}, false),
                                                  llvm::Function::ExternalLinkage,
                                                  TESSEL_KERNEL_SYMBOL_PREFIX + symbol, module_.get());
  kernel->getArg(0)->setName("args");
  kernel->getArg(1)->setName("num_args");
  builder_.SetInsertPoint(llvm::BasicBlock::Create(*context_, "entry", kernel));
  std::vector<llvm::Value*> values;
  for (size_t i = 0; i < arguments.size(); ++i) {
    DataType dtype = arguments[i].var.dtype();
    llvm::Value* slot = builder_.CreateConstInBoundsGEP1_64(i64, kernel->getArg(0), i);
    llvm::Value* value = nullptr;
    if (arguments[i].is_tensor || dtype.is_handle()) {
      value = builder_.CreateLoad(ptr, slot, arguments[i].name);
    } else if (dtype.is_float()) {
      value = builder_.CreateFPCast(builder_.CreateLoad(builder_.getDoubleTy(), slot),
                                    LLVMType(dtype), arguments[i].name);
    } else if (dtype.is_bool()) {
      value = builder_.CreateICmpNE(builder_.CreateLoad(i64, slot), builder_.getInt64(0),
                                    arguments[i].name);
    } else {
      value = builder_.CreateIntCast(builder_.CreateLoad(i64, slot), LLVMType(dtype), true,
                                     arguments[i].name);
    }
    values.push_back(value);
  }
  builder_.CreateRet(builder_.CreateCall(compute, values));

  // The computation, with every argument bound to its variables.
  function_ = compute;
  builder_.SetInsertPoint(llvm::BasicBlock::Create(*context_, "entry", compute));
  for (size_t i = 0; i < arguments.size(); ++i) {
    vars_[arguments[i].var.get()] = compute->getArg(i);
    if (arguments[i].is_tensor) vars_[arguments[i].buffer->data.get()] = compute->getArg(i);
  }
  VisitStmt(func->body);
  builder_.CreateRet(builder_.getInt32(0));
  function_ = nullptr;
}

llvm::BasicBlock* CodeGenLLVM::NewBlock(const std::string& name) {
  return llvm::BasicBlock::Create(*context_, name, function_);
}

void CodeGenLLVM::ReturnOnError(llvm::Value* status) {
  llvm::BasicBlock* fail = NewBlock("fail");
  llvm::BasicBlock* ok = NewBlock("ok");
  builder_.CreateCondBr(builder_.CreateICmpNE(status, builder_.getInt32(0)), fail, ok,
                        llvm::MDBuilder(*context_).createUnlikelyBranchWeights());
  builder_.SetInsertPoint(fail);
  builder_.CreateRet(status);
  builder_.SetInsertPoint(ok);
}

}  // namespace codegen
}  // namespace tessel
