// ToNonDataflow: dataflow blocks become plain binding blocks, DataflowVars become Vars.
// The VM form has no dataflow blocks: the passes after this one emit impure calls
// (allocations, destination-passing kernel calls) among the bindings.
#include "tessel/relax/transform_vm.h"
#include "utils.h"

namespace tessel {
namespace relax {
namespace transform {

namespace {

class DataflowRemover : public ExprMutator {
 public:
  using ExprMutator::VisitExpr_;
  BindingBlock VisitBindingBlock(const BindingBlock& block) override {
    BindingBlock visited = ExprMutator::VisitBindingBlock(block);
    if (!visited.as<DataflowBlockNode>()) return visited;
    return BindingBlock(visited->bindings, visited->span);
  }
  Expr VisitExpr_(const SeqExprNode* op) override {
    Expr visited = ExprMutator::VisitExpr_(op);
    const auto* seq = visited.as<SeqExprNode>();
    Array<BindingBlock> blocks = MergeAdjacentBlocks(seq->blocks);
    if (blocks.same_as(seq->blocks)) return visited;
    return SeqExpr(blocks, seq->body, seq->span);
  }
  Var VisitVarDef(const Var& var) override {
    if (!var.as<DataflowVarNode>()) return var;
    return Var(var->name_hint, var->struct_info_, var->span);
  }
};

}  // namespace

ir::transform::Pass ToNonDataflow() {
  return RelaxFunctionPass(
      [](const Function& func, const std::string&, ir::IRModule*) {
        return DataflowRemover().VisitFunction(func);
      },
      "relax.ToNonDataflow");
}

TESSEL_REGISTER_PASS("relax.ToNonDataflow", [] { return ToNonDataflow(); });

}  // namespace transform
}  // namespace relax
}  // namespace tessel
