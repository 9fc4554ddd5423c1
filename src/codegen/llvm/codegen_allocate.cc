// CodeGenLLVM: Allocate. Small constant-size buffers live on the stack; the rest come
// from the runtime's workspace allocator and are freed when their scope ends.
#include "codegen_llvm.h"
#include "tessel/support/error.h"

namespace tessel {
namespace codegen {

namespace {
// Larger constant buffers go to the workspace so deep stacks of tasks stay small.
constexpr int64_t kMaxStackBytes = 64 * 1024;
constexpr unsigned kAlignment = 64;
}  // namespace

void CodeGenLLVM::EmitAllocate(const tir::AllocateNode* op) {
  const tir::Buffer& buffer = op->buffer;
  if (buffer->shape.size() != 1) {
    RejectConstruct(StrCat("an allocation of the ", buffer->shape.size(), "-D buffer ", buffer->name));
  }
  llvm::Type* element = MemoryType(buffer->dtype.element_of());
  int64_t element_bytes = buffer->dtype.is_bool() ? 1 : buffer->dtype.bytes();
  const auto* constant = buffer->shape[0].as<ir::IntImmNode>();
  if (constant != nullptr && constant->value * element_bytes <= kMaxStackBytes) {
    // At the function's entry, so an allocation inside a loop does not grow the stack.
    llvm::IRBuilder<> entry(&function_->getEntryBlock(), function_->getEntryBlock().begin());
    llvm::AllocaInst* memory = entry.CreateAlloca(
        llvm::ArrayType::get(element, std::max<int64_t>(constant->value, 1)), nullptr, buffer->name);
    memory->setAlignment(llvm::Align(kAlignment));
    vars_[buffer->data.get()] = memory;
    VisitStmt(op->body);
    return;
  }
  llvm::Value* nbytes = builder_.CreateMul(
      builder_.CreateIntCast(VisitExpr(buffer->shape[0]), builder_.getInt64Ty(), true),
      builder_.getInt64(element_bytes));
  llvm::FunctionType* alloc_type = llvm::FunctionType::get(
      builder_.getPtrTy(), {builder_.getInt64Ty(), builder_.getInt32Ty()}, false);
  llvm::Value* memory = CallBackendApi("__tessel_backend_alloc_workspace", alloc_type,
                                       {nbytes, builder_.getInt32(kAlignment)});
  llvm::BasicBlock* fail = NewBlock("alloc_fail");
  llvm::BasicBlock* ok = NewBlock("alloc_ok");
  builder_.CreateCondBr(builder_.CreateIsNull(memory), fail, ok);
  builder_.SetInsertPoint(fail);
  llvm::FunctionType* set_error_type =
      llvm::FunctionType::get(builder_.getVoidTy(), {builder_.getPtrTy()}, false);
  CallBackendApi("__tessel_backend_set_error", set_error_type,
                 {builder_.CreateGlobalString(StrCat(func_name_, ": cannot allocate the workspace "
                                                     "of buffer ", buffer->name))});
  builder_.CreateRet(builder_.getInt32(-1));
  builder_.SetInsertPoint(ok);
  vars_[buffer->data.get()] = memory;
  VisitStmt(op->body);
  llvm::FunctionType* free_type =
      llvm::FunctionType::get(builder_.getInt32Ty(), {builder_.getPtrTy()}, false);
  ReturnOnError(CallBackendApi("__tessel_backend_free_workspace", free_type, {memory}));
}

}  // namespace codegen
}  // namespace tessel
