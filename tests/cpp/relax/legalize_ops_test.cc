// LegalizeOps with operators registered here (test.square, test.twice, test.opaque), and
// FoldConstant evaluating what they legalize to.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "tessel/relax/block_builder.h"
#include "tessel/relax/op/call.h"
#include "tessel/relax/op/call_te.h"
#include "tessel/relax/op/op_common.h"
#include "tessel/relax/transform.h"
#include "tessel/relax/well_formed.h"
#include "tessel/runtime/data_type.h"
#include "tessel/tir/function.h"
#include "tessel/tir/op.h"
#include "tessel/tir/te/operation.h"

namespace tessel {
namespace relax {
namespace {

StructInfo SameAsArgument(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 1);
  return GetTensorArg(call, 0);
}

Expr LegalizeSquare(const BlockBuilder& bb, const Call& call) {
  if (!KnownShape(GetTensorArg(call, 0))) return call;  // the convention: unchanged
  return CallTE(bb, "square", {call->args[0]}, [](const Array<te::Tensor>& in) {
    te::Tensor a = in[0];
    return Array<te::Tensor>{te::compute(
        a->shape, [&](const Array<tir::Var>& i) {
          PrimExpr v = a(Array<PrimExpr>(i.data()));
          return v * v;
        },
        "square")};
  });
}

// test.twice(x) legalizes to another operator call: test.square(x) (to test re-legalization).
Expr LegalizeTwice(const BlockBuilder&, const Call& call) {
  return Call(ir::Op::Get("test.square"), {call->args[0]});
}

TESSEL_RELAX_REGISTER_OP("test.square")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", SameAsArgument)
    .set_attr<FLegalize>("FLegalize", LegalizeSquare)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kElemWise)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("test.twice")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", SameAsArgument)
    .set_attr<FLegalize>("FLegalize", LegalizeTwice)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("test.opaque")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", SameAsArgument)
    .set_attr<bool>("FPurity", true);

PrimExpr I64(int64_t v) { return ir::IntImm(DataType::Int(64), v); }

// main(x) { y = op(x); z = op(y); return z } in a dataflow block.
ir::IRModule Module(const std::string& op_name, StructInfo x_sinfo) {
  Var x("x", x_sinfo);
  BlockBuilder bb = BlockBuilder::Create();
  bb->BeginDataflowBlock();
  Var y = bb->Emit(Call(ir::Op::Get(op_name), {x}));
  Var z = bb->EmitOutput(Call(ir::Op::Get(op_name), {y}));
  BindingBlock block = bb->EndBlock();
  Function main({x}, bb->Normalize(SeqExpr({block}, z)));
  bb->AddFunction(main.WithAttr("global_symbol", ir::String("main")), "main");
  return bb->GetContextIRModule();
}

const CallNode* BoundCall(const ir::IRModule& mod, size_t i) {
  const auto* seq = mod.Lookup("main").as<FunctionNode>()->body.as<SeqExprNode>();
  return seq->blocks[0]->bindings[i].as<VarBindingNode>()->value.as<CallNode>();
}

TEST(RelaxLegalizeOps, EveryCallBecomesACallTIROfOneKernel) {
  ir::IRModule mod = Module("test.square", TensorStructInfo(Array<PrimExpr>{I64(2), I64(3)}, DataType::Float(32)));
  ir::IRModule legalized = transform::LegalizeOps()(mod);
  EXPECT_TRUE(IsOpCall(GetRef<Call>(BoundCall(legalized, 0)), "relax.call_tir"));
  EXPECT_TRUE(IsOpCall(GetRef<Call>(BoundCall(legalized, 1)), "relax.call_tir"));
  EXPECT_EQ(legalized.GetGlobalVars().size(), 2u);  // main and one square kernel
  const auto* kernel = legalized.Lookup("square").as<tir::PrimFuncNode>();
  ASSERT_NE(kernel, nullptr);
  EXPECT_EQ(ir::Downcast<ir::IntImm>(kernel->attrs.Get("op_pattern"))->value, 0);  // kElemWise
  EXPECT_EQ(WellFormedError(legalized), "");
}

TEST(RelaxLegalizeOps, WhatALegalizationReturnsIsLegalizedAgain) {
  ir::IRModule mod = Module("test.twice", TensorStructInfo(Array<PrimExpr>{I64(4)}, DataType::Float(32)));
  ir::IRModule legalized = transform::LegalizeOps()(mod);
  EXPECT_TRUE(IsOpCall(GetRef<Call>(BoundCall(legalized, 0)), "relax.call_tir"));
  EXPECT_TRUE(legalized.Contains("square"));
}

TEST(RelaxLegalizeOps, CustomizeMapWinsOverFLegalize) {
  ir::IRModule mod = Module("test.opaque", TensorStructInfo(Array<PrimExpr>{I64(4)}, DataType::Float(32)));
  std::map<std::string, FLegalize> custom{
      {"test.opaque", [](const BlockBuilder&, const Call& call) {
         return Call(ir::Op::Get("test.square"), {call->args[0]});
       }}};
  ir::IRModule legalized = transform::LegalizeOps(custom)(mod);
  EXPECT_TRUE(IsOpCall(GetRef<Call>(BoundCall(legalized, 1)), "relax.call_tir"));
}

TEST(RelaxLegalizeOps, ErrorsNameTheOperatorAndTheFunction) {
  ir::IRModule opaque = Module("test.opaque", TensorStructInfo(Array<PrimExpr>{I64(4)}, DataType::Float(32)));
  try {
    transform::LegalizeOps()(opaque);
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("function main: test.opaque has no legalization"), std::string::npos)
        << e.what();
  }
  ir::IRModule unknown = Module("test.square", TensorStructInfo(DataType::Float(32), 2));
  try {
    transform::LegalizeOps()(unknown);
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot legalize test.square: argument x has unknown shape"),
              std::string::npos)
        << e.what();
  }
}

TEST(RelaxFoldConstant, LegalizedCallsOfConstantsAreEvaluated) {
  runtime::Tensor data = runtime::Tensor::Empty({2, 3}, runtime::DataTypeFromString("float32"));
  float* values = static_cast<float*>(data.data());
  for (int i = 0; i < 6; ++i) values[i] = static_cast<float>(i) - 2.5f;
  Constant c(data);
  BlockBuilder bb = BlockBuilder::Create();
  bb->BeginDataflowBlock();
  Var y = bb->Emit(Call(ir::Op::Get("test.square"), {c}));
  Var z = bb->EmitOutput(Call(ir::Op::Get("test.square"), {y}));
  BindingBlock block = bb->EndBlock();
  Function main({}, bb->Normalize(SeqExpr({block}, z)));
  bb->AddFunction(main.WithAttr("global_symbol", ir::String("main")), "main");
  ir::IRModule mod = transform::LegalizeOps()(bb->GetContextIRModule());
  ir::IRModule folded = transform::DeadCodeElimination()(transform::FoldConstant()(mod));
  const auto* func = folded.Lookup("main").as<FunctionNode>();
  const auto* result = func->body.as<SeqExprNode>()->body.as<ConstantNode>();
  ASSERT_NE(result, nullptr) << "main's result should be a constant";
  const float* out = static_cast<const float*>(result->data.data());
  for (int i = 0; i < 6; ++i) EXPECT_FLOAT_EQ(out[i], values[i] * values[i] * values[i] * values[i]);
  EXPECT_FALSE(folded.Contains("square"));  // the kernel is no longer used
}

}  // namespace
}  // namespace relax
}  // namespace tessel
