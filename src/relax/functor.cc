// The default traversals of ExprVisitor and ExprMutator.
#include "tessel/relax/functor.h"

#include "tessel/relax/block_builder.h"

namespace tessel {
namespace relax {

namespace {

// The callee of a call is visited only when it is a Relax expression (a Var); operators,
// GlobalVars and ExternFuncs are leaves.
const VarNode* CalleeVar(const CallNode* op) { return op->op.as<VarNode>(); }

}  // namespace

// ---------------------------------------------------------------- ExprVisitor

void ExprVisitor::VisitFunction(const Function& func) {
  for (const Var& param : func->params) VisitVarDef(param);
  VisitExpr(func->body);
}

void ExprVisitor::VisitBindingBlock(const BindingBlock& block) {
  for (const Binding& binding : block->bindings) VisitBinding(binding);
}

void ExprVisitor::VisitBinding(const Binding& binding) {
  if (const auto* bind = binding.as<VarBindingNode>()) VisitExpr(bind->value);
  if (const auto* cast = binding.as<MatchCastNode>()) VisitExpr(cast->value);
  VisitVarDef(binding->var);
}

void ExprVisitor::VisitVarDef(const Var&) {}

void ExprVisitor::VisitExpr_(const VarNode*) {}
void ExprVisitor::VisitExpr_(const ConstantNode*) {}
void ExprVisitor::VisitExpr_(const TupleNode* op) {
  for (const Expr& field : op->fields) VisitExpr(field);
}
void ExprVisitor::VisitExpr_(const TupleGetItemNode* op) { VisitExpr(op->tuple); }
void ExprVisitor::VisitExpr_(const ShapeExprNode*) {}
void ExprVisitor::VisitExpr_(const PrimValueNode*) {}
void ExprVisitor::VisitExpr_(const StringImmNode*) {}
void ExprVisitor::VisitExpr_(const CallNode* op) {
  if (const VarNode* callee = CalleeVar(op)) VisitExpr(GetRef<Var>(callee));
  for (const Expr& arg : op->args) VisitExpr(arg);
}
void ExprVisitor::VisitExpr_(const IfNode* op) {
  VisitExpr(op->cond);
  VisitExpr(op->true_branch);
  VisitExpr(op->false_branch);
}
void ExprVisitor::VisitExpr_(const SeqExprNode* op) {
  for (const BindingBlock& block : op->blocks) VisitBindingBlock(block);
  VisitExpr(op->body);
}

// ---------------------------------------------------------------- ExprMutator

Function ExprMutator::VisitFunction(const Function& func) {
  Array<Var> params = func->params.Map([this](const Var& p) { return Redefine(p); });
  Expr body = VisitExpr(func->body);
  if (params.same_as(func->params) && body.same_as(func->body)) return func;
  return Function(params, body, func->ret_struct_info, func->is_pure, func->attrs, func->span);
}

BindingBlock ExprMutator::VisitBindingBlock(const BindingBlock& block) {
  Array<Binding> bindings = block->bindings.Map([this](const Binding& b) { return VisitBinding(b); });
  if (bindings.same_as(block->bindings)) return block;
  if (block.as<DataflowBlockNode>()) return DataflowBlock(bindings, block->span);
  return BindingBlock(bindings, block->span);
}

Binding ExprMutator::VisitBinding(const Binding& binding) {
  if (const auto* bind = binding.as<VarBindingNode>()) {
    Expr value = VisitExpr(bind->value);
    Var var = Redefine(bind->var);
    if (value.same_as(bind->value) && var.same_as(bind->var)) return binding;
    return VarBinding(var, value, bind->span);
  }
  const auto* cast = binding.as<MatchCastNode>();
  if (!cast) throw InvalidArgumentError(StrCat("ExprMutator: unknown binding ", binding->type_key()));
  Expr value = VisitExpr(cast->value);
  Var var = Redefine(cast->var);
  if (value.same_as(cast->value) && var.same_as(cast->var)) return binding;
  return MatchCast(var, value, cast->struct_info, cast->span);
}

Expr ExprMutator::VisitExpr(const Expr& expr) {
  Expr result = ExprFunctor::VisitExpr(expr);
  if (result.same_as(expr) || result->struct_info_.defined()) return result;
  const auto* call = result.as<CallNode>();
  if (call && !call->op.as<ir::OpNode>() && call->sinfo_args.empty() &&
      expr->struct_info_.defined()) {
    // The callee's signature is in a module this mutator does not see.
    return WithStructInfo(result, expr->struct_info_);
  }
  if (!builder_.defined()) builder_ = BlockBuilder::Create();
  return BlockBuilder(builder_.data())->Normalize(result);
}

Var ExprMutator::VisitVarDef(const Var& var) { return var; }

Var ExprMutator::Redefine(const Var& var) {
  Var result = VisitVarDef(var);
  if (!result.same_as(var)) var_remap_[var.get()] = result;
  return result;
}

Expr ExprMutator::VisitExpr_(const VarNode* op) {
  auto it = var_remap_.find(op);
  return it != var_remap_.end() ? it->second : GetRef<Expr>(op);
}
Expr ExprMutator::VisitExpr_(const ConstantNode* op) { return GetRef<Expr>(op); }
Expr ExprMutator::VisitExpr_(const TupleNode* op) {
  Array<Expr> fields = op->fields.Map([this](const Expr& f) { return VisitExpr(f); });
  if (fields.same_as(op->fields)) return GetRef<Expr>(op);
  return Tuple(fields, op->span);
}
Expr ExprMutator::VisitExpr_(const TupleGetItemNode* op) {
  Expr tuple = VisitExpr(op->tuple);
  if (tuple.same_as(op->tuple)) return GetRef<Expr>(op);
  return TupleGetItem(tuple, op->index, op->span);
}
Expr ExprMutator::VisitExpr_(const ShapeExprNode* op) { return GetRef<Expr>(op); }
Expr ExprMutator::VisitExpr_(const PrimValueNode* op) { return GetRef<Expr>(op); }
Expr ExprMutator::VisitExpr_(const StringImmNode* op) { return GetRef<Expr>(op); }
Expr ExprMutator::VisitExpr_(const CallNode* op) {
  ir::BaseExpr callee = op->op;
  if (const VarNode* var = CalleeVar(op)) callee = VisitExpr(GetRef<Var>(var));
  Array<Expr> args = op->args.Map([this](const Expr& a) { return VisitExpr(a); });
  if (callee.same_as(op->op) && args.same_as(op->args)) return GetRef<Expr>(op);
  return Call(callee, args, op->attrs, op->sinfo_args, op->span);
}
Expr ExprMutator::VisitExpr_(const IfNode* op) {
  Expr cond = VisitExpr(op->cond);
  Expr true_branch = VisitExpr(op->true_branch);
  Expr false_branch = VisitExpr(op->false_branch);
  if (cond.same_as(op->cond) && true_branch.same_as(op->true_branch) &&
      false_branch.same_as(op->false_branch)) {
    return GetRef<Expr>(op);
  }
  return If(cond, true_branch, false_branch, op->span);
}
Expr ExprMutator::VisitExpr_(const SeqExprNode* op) {
  Array<BindingBlock> blocks =
      op->blocks.Map([this](const BindingBlock& b) { return VisitBindingBlock(b); });
  Expr body = VisitExpr(op->body);
  if (blocks.same_as(op->blocks) && body.same_as(op->body)) return GetRef<Expr>(op);
  return SeqExpr(blocks, body, op->span);
}

}  // namespace relax
}  // namespace tessel
