// CodeGenLLVM: a "parallel_launch" region becomes a lambda run by every task of the pool.
//
// The body is outlined into `int32_t lambda(int32_t task_id, int32_t num_tasks, void* closure)`;
// the variables it uses from outside travel in a closure struct on the caller's stack, and
// the caller runs it through `__tessel_backend_parallel_launch`.
#include <unordered_set>

#include "codegen_llvm.h"
#include "tessel/support/error.h"

namespace tessel {
namespace codegen {

namespace {

// The variables a statement uses but does not define, in first-use order.
class FreeVarCollector : public tir::StmtExprVisitor {
 public:
  std::vector<const tir::VarNode*> free;

  void VisitExpr_(const tir::VarNode* op) override { Use(op); }
  void VisitExpr_(const tir::LetNode* op) override {
    defined_.insert(op->var.get());
    tir::StmtExprVisitor::VisitExpr_(op);
  }
  void VisitExpr_(const tir::BufferLoadNode* op) override {
    UseBuffer(op->buffer);
    tir::StmtExprVisitor::VisitExpr_(op);
  }
  void VisitStmt_(const tir::BufferStoreNode* op) override {
    UseBuffer(op->buffer);
    tir::StmtExprVisitor::VisitStmt_(op);
  }
  void VisitStmt_(const tir::ForNode* op) override {
    defined_.insert(op->loop_var.get());
    tir::StmtExprVisitor::VisitStmt_(op);
  }
  void VisitStmt_(const tir::LetStmtNode* op) override {
    defined_.insert(op->var.get());
    tir::StmtExprVisitor::VisitStmt_(op);
  }
  void VisitStmt_(const tir::AttrStmtNode* op) override {
    if (const auto* task_vars = op->node.as<ir::ArrayNode>(); op->attr_key == "parallel_launch" && task_vars) {
      for (const ir::ObjectRef& var : task_vars->data) {
        if (const auto* node = var.as<tir::VarNode>()) defined_.insert(node);
      }
    }
    tir::StmtExprVisitor::VisitStmt_(op);
  }
  void VisitStmt_(const tir::AllocateNode* op) override {
    defined_.insert(op->buffer->data.get());
    for (const tir::PrimExpr& dim : op->buffer->shape) VisitExpr(dim);
    tir::StmtExprVisitor::VisitStmt_(op);
  }

 private:
  void Use(const tir::VarNode* var) {
    if (!defined_.count(var) && seen_.insert(var).second) free.push_back(var);
  }
  void UseBuffer(const tir::Buffer& buffer) {
    Use(buffer->data.get());
    if (buffer->elem_offset.defined()) VisitExpr(buffer->elem_offset);
  }
  std::unordered_set<const tir::VarNode*> defined_;
  std::unordered_set<const tir::VarNode*> seen_;
};

}  // namespace

void CodeGenLLVM::EmitParallelLaunch(const tir::AttrStmtNode* op) {
  if (in_parallel_) RejectConstruct("a parallel_launch region nested in another");
  const auto* task_vars = op->node.as<ir::ArrayNode>();
  if (task_vars == nullptr || task_vars->data.size() != 2 ||
      task_vars->data[0].as<tir::VarNode>() == nullptr ||
      task_vars->data[1].as<tir::VarNode>() == nullptr) {
    RejectConstruct("a parallel_launch whose node is not [task_id, num_tasks]");
  }
  const auto* task_id = task_vars->data[0].as<tir::VarNode>();
  const auto* num_tasks = task_vars->data[1].as<tir::VarNode>();

  FreeVarCollector collector;
  collector(op->body);
  std::vector<const tir::VarNode*> captured;
  std::vector<llvm::Type*> field_types;
  for (const tir::VarNode* var : collector.free) {
    if (var == task_id || var == num_tasks) continue;
    auto it = vars_.find(var);
    if (it == vars_.end()) {
      throw InvalidArgumentError(StrCat("codegen: function ", func_name_, ": variable ",
                                        var->name_hint, " is used but never defined"));
    }
    captured.push_back(var);
    field_types.push_back(it->second->getType());
  }

  // The closure lives in the caller's frame for the duration of the launch.
  llvm::StructType* closure_type = llvm::StructType::get(*context_, field_types);
  llvm::IRBuilder<> entry(&function_->getEntryBlock(), function_->getEntryBlock().begin());
  llvm::Value* closure = entry.CreateAlloca(closure_type, nullptr, "closure");
  for (size_t i = 0; i < captured.size(); ++i) {
    builder_.CreateStore(vars_.at(captured[i]), builder_.CreateStructGEP(closure_type, closure, i));
  }
  llvm::Value* requested = target_.num_threads() != 0
                               ? builder_.getInt32(target_.num_threads())
                               : builder_.CreateIntCast(VisitExpr(op->value), builder_.getInt32Ty(), true);

  llvm::Function* lambda = llvm::Function::Create(
      ParallelLambdaType(), llvm::Function::InternalLinkage,
      StrCat(func_name_, "_parallel_", num_lambdas_++), module_.get());
  auto saved_vars = vars_;
  llvm::Function* saved_function = function_;
  llvm::IRBuilderBase::InsertPoint saved_point = builder_.saveIP();

  function_ = lambda;
  in_parallel_ = true;
  builder_.SetInsertPoint(llvm::BasicBlock::Create(*context_, "entry", lambda));
  vars_[task_id] = builder_.CreateIntCast(lambda->getArg(0), LLVMType(task_id->dtype), true);
  vars_[num_tasks] = builder_.CreateIntCast(lambda->getArg(1), LLVMType(num_tasks->dtype), true);
  for (size_t i = 0; i < captured.size(); ++i) {
    vars_[captured[i]] = builder_.CreateLoad(
        field_types[i], builder_.CreateStructGEP(closure_type, lambda->getArg(2), i),
        captured[i]->name_hint);
  }
  VisitStmt(op->body);
  builder_.CreateRet(builder_.getInt32(0));

  in_parallel_ = false;
  function_ = saved_function;
  builder_.restoreIP(saved_point);
  vars_ = std::move(saved_vars);
  llvm::FunctionType* launch_type = llvm::FunctionType::get(
      builder_.getInt32Ty(), {builder_.getPtrTy(), builder_.getPtrTy(), builder_.getInt32Ty()}, false);
  ReturnOnError(CallBackendApi("__tessel_backend_parallel_launch", launch_type,
                               {lambda, closure, requested}));
}

}  // namespace codegen
}  // namespace tessel
