// CodeGenLLVM: translates lowered PrimFuncs into one llvm::Module.
//
// The expressions and statements are in codegen_llvm.cc, the kernel entry and argument
// unpacking in codegen_function.cc, parallel outlining in codegen_parallel.cc, Allocate in
// codegen_allocate.cc and the backend API globals in codegen_backend_api.cc.
#ifndef TESSEL_SRC_CODEGEN_LLVM_CODEGEN_LLVM_H_
#define TESSEL_SRC_CODEGEN_LLVM_CODEGEN_LLVM_H_

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Target/TargetMachine.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "tessel/target/target.h"
#include "tessel/tir/function.h"
#include "tessel/tir/functor.h"
#include "metadata.h"

namespace tessel {
namespace codegen {

/*!
 * \brief Emits PrimFuncs in the lowered form into one LLVM module.
 *
 * Usage: construct, AddFunction for each PrimFunc, then Finish. Anything outside the
 * lowered form throws InvalidArgumentError naming the function and the construct.
 */
class CodeGenLLVM : public tir::ExprFunctor<llvm::Value*(const tir::PrimExpr&)>,
                    public tir::StmtFunctor<void(const tir::Stmt&)> {
 public:
  CodeGenLLVM(llvm::LLVMContext* context, llvm::TargetMachine* machine,
              const target::Target& target, const std::string& module_name);

  /*!
   * \brief Emit `int32_t __tessel_kernel_<symbol>(TesselValue* args, int32_t num_args)` for func.
   * \param symbol The kernel's name (the metadata's; the exported symbol has the prefix).
   * \param func A PrimFunc in the lowered form.
   * \param arguments The kernel's arguments in order: params, then shape variables.
   */
  void AddFunction(const std::string& symbol, const tir::PrimFunc& func,
                   const std::vector<KernelArgument>& arguments);

  /*! \brief Add `__tessel_metadata`, verify and return the module. */
  std::unique_ptr<llvm::Module> Finish(const std::string& metadata_json);

  using tir::ExprFunctor<llvm::Value*(const tir::PrimExpr&)>::VisitExpr;
  using tir::StmtFunctor<void(const tir::Stmt&)>::VisitStmt;

 protected:
  // Expressions (codegen_llvm.cc).
  llvm::Value* VisitExpr_(const tir::VarNode* op) override;
  llvm::Value* VisitExpr_(const tir::IntImmNode* op) override;
  llvm::Value* VisitExpr_(const tir::FloatImmNode* op) override;
  llvm::Value* VisitExpr_(const tir::StringImmNode* op) override;
  llvm::Value* VisitExpr_(const tir::CastNode* op) override;
  llvm::Value* VisitExpr_(const tir::AddNode* op) override;
  llvm::Value* VisitExpr_(const tir::SubNode* op) override;
  llvm::Value* VisitExpr_(const tir::MulNode* op) override;
  llvm::Value* VisitExpr_(const tir::DivNode* op) override;
  llvm::Value* VisitExpr_(const tir::ModNode* op) override;
  llvm::Value* VisitExpr_(const tir::FloorDivNode* op) override;
  llvm::Value* VisitExpr_(const tir::FloorModNode* op) override;
  llvm::Value* VisitExpr_(const tir::MinNode* op) override;
  llvm::Value* VisitExpr_(const tir::MaxNode* op) override;
  llvm::Value* VisitExpr_(const tir::EQNode* op) override;
  llvm::Value* VisitExpr_(const tir::NENode* op) override;
  llvm::Value* VisitExpr_(const tir::LTNode* op) override;
  llvm::Value* VisitExpr_(const tir::LENode* op) override;
  llvm::Value* VisitExpr_(const tir::GTNode* op) override;
  llvm::Value* VisitExpr_(const tir::GENode* op) override;
  llvm::Value* VisitExpr_(const tir::AndNode* op) override;
  llvm::Value* VisitExpr_(const tir::OrNode* op) override;
  llvm::Value* VisitExpr_(const tir::NotNode* op) override;
  llvm::Value* VisitExpr_(const tir::SelectNode* op) override;
  llvm::Value* VisitExpr_(const tir::BufferLoadNode* op) override;
  llvm::Value* VisitExpr_(const tir::RampNode* op) override;
  llvm::Value* VisitExpr_(const tir::BroadcastNode* op) override;
  llvm::Value* VisitExpr_(const tir::LetNode* op) override;
  llvm::Value* VisitExpr_(const tir::CallNode* op) override;
  llvm::Value* VisitExprDefault_(const ir::Object* op) override;

  // Statements (codegen_llvm.cc, parallel in codegen_parallel.cc, Allocate in codegen_allocate.cc).
  void VisitStmt_(const tir::LetStmtNode* op) override;
  void VisitStmt_(const tir::AttrStmtNode* op) override;
  void VisitStmt_(const tir::IfThenElseNode* op) override;
  void VisitStmt_(const tir::ForNode* op) override;
  void VisitStmt_(const tir::WhileNode* op) override;
  void VisitStmt_(const tir::BufferStoreNode* op) override;
  void VisitStmt_(const tir::AllocateNode* op) override;
  void VisitStmt_(const tir::EvaluateNode* op) override;
  void VisitStmt_(const tir::SeqStmtNode* op) override;
  void VisitStmtDefault_(const ir::Object* op) override;

 private:
  // The LLVM type of a value of dtype, and of its elements in memory (bool is i8 there).
  llvm::Type* LLVMType(const ir::DataType& dtype) const;
  llvm::Type* MemoryType(const ir::DataType& dtype) const;
  // The address of buffer[index] for a scalar index, or a vector of addresses.
  llvm::Value* BufferAddress(const tir::Buffer& buffer, const tir::PrimExpr& index);
  // Tags a load or store of buffer with its alias type: one TBAA type per buffer, siblings
  // under one root, so LLVM knows two buffers never overlap (the promise the kernel's
  // `noalias` parameters make) even inside a parallel lambda, which reads its pointers from
  // a closure, and for workspace allocations.
  void TagAccess(llvm::Instruction* access, const tir::Buffer& buffer);
  // Throws InvalidArgumentError: the function is not in the lowered form.
  [[noreturn]] void RejectConstruct(const std::string& what) const;
  // Checks that an access is 1-D and returns its index.
  tir::PrimExpr FlatIndex(const tir::Buffer& buffer, const tir::Array<tir::PrimExpr>& indices) const;
  llvm::Value* Compare(const tir::BinaryOpNode* op, llvm::CmpInst::Predicate signed_int,
                       llvm::CmpInst::Predicate unsigned_int, llvm::CmpInst::Predicate fp);
  llvm::Value* MinMax(const tir::BinaryOpNode* op, bool is_min);
  llvm::Value* CastValue(llvm::Value* value, const ir::DataType& from, const ir::DataType& to);
  llvm::Value* EmitCall(const tir::CallNode* op);
  // Emits `if (status != 0) return status;` in the current function.
  void ReturnOnError(llvm::Value* status);
  // A new block in the current function.
  llvm::BasicBlock* NewBlock(const std::string& name);

  // The four backend API pointers (codegen_backend_api.cc): declares them on first use.
  llvm::GlobalVariable* BackendApiPointer(const std::string& name);
  llvm::FunctionType* ParallelLambdaType() const;
  llvm::Value* CallBackendApi(const std::string& name, llvm::FunctionType* type,
                              std::vector<llvm::Value*> args);

  // Parallel regions (codegen_parallel.cc).
  void EmitParallelLaunch(const tir::AttrStmtNode* op);

  // Allocate (codegen_allocate.cc).
  void EmitAllocate(const tir::AllocateNode* op);

  llvm::LLVMContext* context_;
  target::Target target_;
  std::unique_ptr<llvm::Module> module_;
  llvm::IRBuilder<> builder_;
  // The function being emitted: its name (for messages) and LLVM function.
  std::string func_name_;
  llvm::Function* function_ = nullptr;
  bool in_parallel_ = false;
  int num_lambdas_ = 0;
  // The value of every variable in scope.
  std::unordered_map<const tir::VarNode*, llvm::Value*> vars_;
  // The TBAA root of the module and the access tag of each buffer's data pointer.
  llvm::MDNode* alias_root_ = nullptr;
  std::unordered_map<const tir::VarNode*, llvm::MDNode*> alias_tags_;
};

}  // namespace codegen
}  // namespace tessel

#endif  // TESSEL_SRC_CODEGEN_LLVM_CODEGEN_LLVM_H_
