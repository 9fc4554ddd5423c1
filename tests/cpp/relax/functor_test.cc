// Relax functors: the visitor reaches every node and binding; the mutator shares
// unchanged subtrees and renames variables at their definitions.
#include <gtest/gtest.h>

#include "tessel/ir/structural_equal.h"
#include "tessel/relax/functor.h"

namespace tessel {
namespace relax {
namespace {

Function MakeFunction() {
  StructInfo sinfo = TensorStructInfo(DataType::Float(32), 2);
  Var x("x", sinfo);
  DataflowVar lv("lv", sinfo);
  Var gv("gv", sinfo);
  DataflowBlock block({VarBinding(lv, Call(ExternFunc("add"), {x, x})),
                       MatchCast(gv, lv, sinfo)});
  return Function({x}, SeqExpr({block}, Tuple({gv, StringImm("s")})), StructInfo());
}

class Counter : public ExprVisitor {
 public:
  int calls = 0;
  int var_uses = 0;
  int defs = 0;
  void VisitExpr_(const CallNode* op) override {
    ++calls;
    ExprVisitor::VisitExpr_(op);
  }
  void VisitExpr_(const VarNode*) override { ++var_uses; }
  void VisitVarDef(const Var&) override { ++defs; }
};

TEST(RelaxFunctor, VisitorReachesBindings) {
  Counter counter;
  counter.VisitFunction(MakeFunction());
  EXPECT_EQ(counter.calls, 1);
  EXPECT_EQ(counter.var_uses, 4);  // x, x, lv (DataflowVar falls back to Var), gv
  EXPECT_EQ(counter.defs, 3);      // x, lv, gv
}

TEST(RelaxFunctor, IdentityMutatorSharesEverything) {
  Function f = MakeFunction();
  ExprMutator identity;
  EXPECT_TRUE(identity.VisitFunction(f).same_as(f));
}

class Renamer : public ExprMutator {
 public:
  Var VisitVarDef(const Var& var) override {
    if (var.as<DataflowVarNode>()) return DataflowVar(var->name_hint + "_r", var->struct_info_);
    return Var(var->name_hint + "_r", var->struct_info_);
  }
};

TEST(RelaxFunctor, MutatorRenamesUses) {
  Function f = MakeFunction();
  Function renamed = Renamer().VisitFunction(f);
  EXPECT_FALSE(renamed.same_as(f));
  EXPECT_EQ(renamed->params[0]->name_hint, "x_r");
  EXPECT_TRUE(ir::StructuralEqual(renamed, f));
  const auto* seq = renamed->body.as<SeqExprNode>();
  ASSERT_NE(seq, nullptr);
  EXPECT_NE(seq->blocks[0].as<DataflowBlockNode>(), nullptr);
  const auto* call = seq->blocks[0]->bindings[0].as<VarBindingNode>()->value.as<CallNode>();
  EXPECT_TRUE(call->args[0].same_as(renamed->params[0]));
}

}  // namespace
}  // namespace relax
}  // namespace tessel
