// CanonicalizeBindings: remove the bindings that only rename a variable.
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tessel/ir/structural_equal.h"
#include "tessel/relax/analysis.h"
#include "tessel/relax/block_builder.h"
#include "tessel/relax/functor.h"
#include "tessel/relax/transform.h"

namespace tessel {
namespace relax {
namespace transform {

namespace {

// The variable a binding merely renames: x for `y = x`, and for `y = R.match_cast(x, s)`
// when x is already known to be s (the cast checks nothing and defines nothing).
const VarNode* RenamedVar(const Binding& binding, tir::arith::Analyzer* analyzer) {
  if (const auto* bind = binding.as<VarBindingNode>()) return bind->value.as<VarNode>();
  const auto* cast = binding.as<MatchCastNode>();
  const auto* source = cast ? cast->value.as<VarNode>() : nullptr;
  if (source && source->struct_info_.defined() &&
      IsBaseOf(cast->struct_info, source->struct_info_, analyzer)) {
    return source;
  }
  return nullptr;
}

// Finds the renaming bindings of a function and what replaces each renamed variable.
class AliasAnalysis : public ExprVisitor {
 public:
  // The binding's variable is dropped; its uses become uses of the value.
  std::unordered_map<const VarNode*, Var> alias;
  // A DataflowVar whose definition now defines a block output (`out = lv` with lv local).
  std::unordered_map<const VarNode*, Var> promoted;
  // The variables whose bindings go: the aliases and the promoted outputs.
  std::unordered_set<const VarNode*> dropped;

  void VisitBinding(const Binding& binding) override {
    ExprVisitor::VisitBinding(binding);
    const VarNode* source = RenamedVar(binding, &analyzer_);
    if (!source) return;
    const Var& var = binding->var;
    Var root = Root(GetRef<Var>(source));
    if (root.as<DataflowVarNode>() && !var.as<DataflowVarNode>()) {
      // An output renaming a local: the local's definition defines the output instead
      // (a second output renaming it finds the first as its root, an ordinary alias).
      // Only when both say the same: the local's uses must not lose what they know.
      if (!ir::StructuralEqual(var->struct_info_, root->struct_info_)) return;
      promoted[root.get()] = var;
    } else {
      alias[var.get()] = root;
    }
    dropped.insert(var.get());
  }

 private:
  Var Root(Var var) const {
    for (auto it = alias.find(var.get()); it != alias.end(); it = alias.find(var.get())) var = it->second;
    auto it = promoted.find(var.get());
    return it == promoted.end() ? var : it->second;
  }

  tir::arith::Analyzer analyzer_;
};

class BindingCanonicalizer : public ExprMutator {
 public:
  explicit BindingCanonicalizer(const AliasAnalysis& analysis) : analysis_(analysis) {}

  Var VisitVarDef(const Var& var) override {
    auto it = analysis_.promoted.find(var.get());
    return it == analysis_.promoted.end() ? var : it->second;
  }

  Expr VisitExpr_(const VarNode* op) override {
    auto it = analysis_.alias.find(op);
    if (it == analysis_.alias.end()) return ExprMutator::VisitExpr_(op);
    return VisitExpr(it->second);  // the root may itself be promoted
  }

  BindingBlock VisitBindingBlock(const BindingBlock& block) override {
    std::vector<Binding> bindings;
    bool changed = false;
    for (const Binding& binding : block->bindings) {
      if (analysis_.dropped.count(binding->var.get())) {
        changed = true;
        continue;
      }
      Binding visited = VisitBinding(binding);
      changed |= !visited.same_as(binding);
      bindings.push_back(visited);
    }
    if (!changed) return block;
    if (block.as<DataflowBlockNode>()) return DataflowBlock(Array<Binding>(bindings), block->span);
    return BindingBlock(Array<Binding>(bindings), block->span);
  }

  Expr VisitExpr_(const SeqExprNode* op) override {
    Expr visited = ExprMutator::VisitExpr_(op);
    const auto* seq = visited.as<SeqExprNode>();
    std::vector<BindingBlock> blocks;
    for (const BindingBlock& block : seq->blocks) {
      if (!block->bindings.empty()) blocks.push_back(block);
    }
    if (blocks.size() == seq->blocks.size()) return visited;
    return SeqExpr(Array<BindingBlock>(blocks), seq->body, seq->span);
  }

 private:
  const AliasAnalysis& analysis_;
};

}  // namespace

ir::transform::Pass CanonicalizeBindings() {
  auto pass_func = [](ir::BaseFunc func, ir::IRModule mod, ir::transform::PassContext) -> ir::BaseFunc {
    const auto* relax_func = func.as<FunctionNode>();
    if (!relax_func) return func;
    AliasAnalysis analysis;
    analysis.VisitFunction(GetRef<Function>(relax_func));
    if (analysis.dropped.empty()) return func;
    Function rewritten = BindingCanonicalizer(analysis).VisitFunction(GetRef<Function>(relax_func));
    // Rebuilt expressions (a call whose argument changed) get their struct info again.
    Expr body = BlockBuilder::Create(mod)->Normalize(rewritten->body);
    return Function(rewritten->params, body, rewritten->ret_struct_info, rewritten->is_pure,
                    rewritten->attrs, rewritten->span);
  };
  return ir::transform::CreateFunctionPass(pass_func, 0, "relax.CanonicalizeBindings");
}

TESSEL_REGISTER_PASS("relax.CanonicalizeBindings", [] { return CanonicalizeBindings(); });

}  // namespace transform
}  // namespace relax
}  // namespace tessel
