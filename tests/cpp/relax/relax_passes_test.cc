// WellFormed, CanonicalizeBindings and DeadCodeElimination through the C++ API.
#include <gtest/gtest.h>

#include "tessel/relax/block_builder.h"
#include "tessel/relax/op/call.h"
#include "tessel/relax/transform.h"
#include "tessel/relax/well_formed.h"

namespace tessel {
namespace relax {
namespace {

StructInfo Tensor2x3() {
  return TensorStructInfo(Array<PrimExpr>{ir::IntImm(DataType::Int(64), 2), ir::IntImm(DataType::Int(64), 3)},
                          DataType::Float(32));
}

Call Packed(const Expr& arg) { return CallPurePacked("f", {arg}, Tensor2x3()); }

// main(x) { dataflow { lv = f(x); dead = f(lv); alias = lv; gv = alias } return gv }
ir::IRModule Module() {
  Var x("x", Tensor2x3());
  BlockBuilder bb = BlockBuilder::Create();
  bb->BeginDataflowBlock();
  Var lv = bb->Emit(Packed(x), "lv");
  bb->Emit(Packed(lv), "dead");
  Var alias = bb->Emit(lv, "alias");
  Var gv = bb->EmitOutput(alias, "gv");
  BindingBlock block = bb->EndBlock();
  Function main({x}, bb->Normalize(SeqExpr({block}, gv)));
  bb->AddFunction(main.WithAttr("global_symbol", ir::String("main")), "main");
  return bb->GetContextIRModule();
}

Array<Binding> Bindings(const ir::IRModule& mod) {
  return mod.Lookup("main").as<FunctionNode>()->body.as<SeqExprNode>()->blocks[0]->bindings;
}

TEST(RelaxPasses, CanonicalizeThenEliminateLeavesOneBinding) {
  ir::IRModule mod = Module();
  EXPECT_TRUE(WellFormed(mod));
  ir::IRModule out = transform::DeadCodeElimination()(transform::CanonicalizeBindings()(mod));
  EXPECT_EQ(WellFormedError(out), "");
  Array<Binding> bindings = Bindings(out);
  ASSERT_EQ(bindings.size(), 1u);
  EXPECT_EQ(bindings[0]->var->name_hint, "gv");  // the output now holds f(x) itself
  EXPECT_EQ(bindings[0]->var.as<DataflowVarNode>(), nullptr);
}

TEST(RelaxPasses, WellFormedNamesTheFirstProblem) {
  Var x("x", Tensor2x3());
  DataflowVar lv("lv", Tensor2x3());
  BlockBuilder bb = BlockBuilder::Create();
  Expr value = bb->Normalize(Packed(x));
  Function main({x}, SeqExpr({DataflowBlock({VarBinding(lv, value)})}, lv), Tensor2x3());
  ir::IRModule mod = ir::IRModule::Empty();
  mod.Add("main", main);
  EXPECT_EQ(WellFormedError(mod), "function main: variable lv is used outside the dataflow block that defines it");
  EXPECT_THROW(CheckWellFormed(mod), InvalidArgumentError);
}

}  // namespace
}  // namespace relax
}  // namespace tessel
