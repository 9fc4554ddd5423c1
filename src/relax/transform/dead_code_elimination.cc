// DeadCodeElimination: remove unused pure bindings, then unreachable functions.
#include <unordered_set>
#include <vector>

#include "tessel/ir/op.h"
#include "tessel/relax/block_builder.h"
#include "tessel/relax/functor.h"
#include "tessel/relax/transform.h"
#include "tessel/tir/function.h"

namespace tessel {
namespace relax {
namespace transform {

namespace {

using VarSet = std::unordered_set<const VarNode*>;

// Adds the variables a struct info refers to (a tensor's shape given by a shape variable).
void CollectStructInfoUses(const StructInfo& sinfo, VarSet* used) {
  if (const auto* tensor = sinfo.as<TensorStructInfoNode>()) {
    if (const auto* var = tensor->shape.as<VarNode>()) used->insert(var);
  } else if (const auto* tuple = sinfo.as<TupleStructInfoNode>()) {
    for (const StructInfo& field : tuple->fields) CollectStructInfoUses(field, used);
  }
}

// Adds every variable used in an expression, nested sequences included.
class UseCollector : public ExprVisitor {
 public:
  explicit UseCollector(VarSet* used) : used_(used) {}
  void VisitExpr(const Expr& expr) override {
    if (expr.as<ExprNode>()) ExprVisitor::VisitExpr(expr);  // skip GlobalVars and the like
  }
  void VisitExpr_(const VarNode* op) override { used_->insert(op); }
  void VisitExpr_(const CallNode* op) override {
    for (const StructInfo& sinfo : op->sinfo_args) CollectStructInfoUses(sinfo, used_);
    ExprVisitor::VisitExpr_(op);
  }
  void VisitBinding(const Binding& binding) override {
    CollectStructInfoUses(binding->var->struct_info_, used_);
    ExprVisitor::VisitBinding(binding);
  }

 private:
  VarSet* used_;
};

class DeadBindingRemover {
 public:
  explicit DeadBindingRemover(const ir::IRModule& mod) : mod_(mod) {}

  Function Run(const Function& func) {
    VarSet used;
    Expr body = RemoveUnused(func->body, &used);
    if (body.same_as(func->body)) return func;
    body = BlockBuilder::Create(mod_)->Normalize(body);  // struct info of the rebuilt nodes
    return Function(func->params, body, func->ret_struct_info, func->is_pure, func->attrs, func->span);
  }

 private:
  // expr without its dead bindings (rebuilt nodes lack struct info); adds what the result
  // uses to used. Bindings are visited last to first: a binding is live when something
  // after it uses it.
  Expr RemoveUnused(const Expr& expr, VarSet* used) {
    const auto* seq = expr.as<SeqExprNode>();
    if (!seq) {
      Expr result = expr;
      if (const auto* cond = expr.as<IfNode>()) {
        Expr true_branch = RemoveUnused(cond->true_branch, used);
        Expr false_branch = RemoveUnused(cond->false_branch, used);
        if (!true_branch.same_as(cond->true_branch) || !false_branch.same_as(cond->false_branch)) {
          result = If(cond->cond, true_branch, false_branch, cond->span);
        }
        UseCollector(used).VisitExpr(cond->cond);
        return result;
      }
      UseCollector(used).VisitExpr(expr);
      return expr;
    }
    UseCollector(used).VisitExpr(seq->body);
    std::vector<BindingBlock> blocks;
    bool changed = false;
    for (size_t b = seq->blocks.size(); b-- > 0;) {
      const BindingBlock& block = seq->blocks[b];
      std::vector<Binding> kept;  // last to first
      for (size_t i = block->bindings.size(); i-- > 0;) {
        Binding binding = block->bindings[i];
        const auto* bind = binding.as<VarBindingNode>();
        if (bind && !used->count(binding->var.get()) && IsPure(bind->value)) continue;
        if (bind) {
          Expr value = RemoveUnused(bind->value, used);
          if (!value.same_as(bind->value)) binding = VarBinding(bind->var, value, bind->span);
        } else {
          UseCollector(used).VisitExpr(binding.as<MatchCastNode>()->value);
        }
        CollectStructInfoUses(binding->var->struct_info_, used);
        kept.push_back(binding);
      }
      Array<Binding> in_order(std::vector<Binding>(kept.rbegin(), kept.rend()));
      bool same = in_order.size() == block->bindings.size();
      for (size_t i = 0; same && i < in_order.size(); ++i) same = in_order[i].same_as(block->bindings[i]);
      changed |= !same || kept.empty();
      if (kept.empty()) continue;
      if (same) {
        blocks.push_back(block);
      } else if (block.as<DataflowBlockNode>()) {
        blocks.push_back(DataflowBlock(in_order, block->span));
      } else {
        blocks.push_back(BindingBlock(in_order, block->span));
      }
    }
    if (!changed) return expr;
    return SeqExpr(Array<BindingBlock>(std::vector<BindingBlock>(blocks.rbegin(), blocks.rend())),
                   seq->body, seq->span);
  }

  // Whether evaluating expr has no effect besides its value.
  bool IsPure(const Expr& expr) const {
    if (const auto* call = expr.as<CallNode>()) {
      if (!IsPureCallee(call)) return false;
      for (const Expr& arg : call->args) {
        if (arg.as<ExprNode>() && !IsPure(arg)) return false;
      }
      return true;
    }
    if (const auto* tuple = expr.as<TupleNode>()) {
      for (const Expr& field : tuple->fields) {
        if (!IsPure(field)) return false;
      }
      return true;
    }
    if (const auto* item = expr.as<TupleGetItemNode>()) return IsPure(item->tuple);
    if (const auto* cond = expr.as<IfNode>()) {
      return IsPure(cond->cond) && IsPure(cond->true_branch) && IsPure(cond->false_branch);
    }
    if (const auto* seq = expr.as<SeqExprNode>()) {
      for (const BindingBlock& block : seq->blocks) {
        for (const Binding& binding : block->bindings) {
          const auto* bind = binding.as<VarBindingNode>();
          if (!bind || !IsPure(bind->value)) return false;  // a match cast may fail
        }
      }
      return IsPure(seq->body);
    }
    return true;  // variables, constants, shapes, prim values, strings
  }

  bool IsPureCallee(const CallNode* call) const {
    if (const auto* op = call->op.as<ir::OpNode>()) {
      static const ir::OpAttrMap<bool> purity("FPurity");
      return purity.get(GetRef<ir::Op>(op), false);  // undeclared: assume an effect
    }
    if (const auto* gv = call->op.as<ir::GlobalVarNode>()) {
      // A PrimFunc called directly writes its outputs: an effect.
      if (!mod_.Contains(gv->name_hint)) return false;
      const auto* callee = mod_.Lookup(gv->name_hint).as<FunctionNode>();
      return callee != nullptr && callee->is_pure;
    }
    if (const auto* var = call->op.as<VarNode>()) {
      const auto* sinfo = var->struct_info_.as<FuncStructInfoNode>();
      return sinfo != nullptr && sinfo->purity;
    }
    return false;  // an ExternFunc called directly
  }

  const ir::IRModule& mod_;
};

// The functions DeadCodeElimination keeps with everything they reach.
std::vector<std::string> EntryFunctions(const ir::IRModule& mod, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (!mod.Contains(name)) {
      throw InvalidArgumentError(StrCat("DeadCodeElimination: entry function '", name,
                                        "' is not in the module"));
    }
  }
  if (!names.empty()) return names;
  std::vector<std::string> entries;
  for (const auto& [gv, func] : mod->functions.items()) {
    if (func.as<FunctionNode>() && func->attrs.Get("global_symbol").defined()) {
      entries.push_back(gv->name_hint);
    }
  }
  if (entries.empty() && mod.Contains("main") && mod.Lookup("main").as<FunctionNode>()) {
    entries.push_back("main");
  }
  return entries;
}

}  // namespace

ir::transform::Pass DeadCodeElimination(std::vector<std::string> entry_functions) {
  auto pass_func = [entry_functions](ir::IRModule mod, ir::transform::PassContext ctx) {
    ir::IRModule result = mod;
    for (const auto& [gv, func] : mod->functions.items()) {
      const auto* relax_func = func.as<FunctionNode>();
      if (!relax_func) continue;
      Function cleaned = DeadBindingRemover(mod).Run(GetRef<Function>(relax_func));
      if (cleaned.same_as(func)) continue;
      if (result.same_as(mod)) result = mod.ShallowCopy();
      result.Update(gv, cleaned);
    }
    std::vector<std::string> entries = EntryFunctions(result, entry_functions);
    if (entries.empty()) return result;  // nothing is known to be called from outside
    return ir::transform::RemoveUnusedFunctions(entries)(result, ctx);
  };
  return ir::transform::CreateModulePass(pass_func, 0, "relax.DeadCodeElimination");
}

TESSEL_REGISTER_PASS("relax.DeadCodeElimination", [] { return DeadCodeElimination(); });

}  // namespace transform
}  // namespace relax
}  // namespace tessel
