// BlockBuilder: struct info of emitted values, A-normal form, CallTE kernels and errors.
#include <gtest/gtest.h>

#include "tessel/relax/block_builder.h"
#include "tessel/relax/op/call.h"
#include "tessel/relax/op/call_te.h"
#include "tessel/tir/function.h"
#include "tessel/tir/op.h"
#include "tessel/tir/te/operation.h"

namespace tessel {
namespace relax {
namespace {

StructInfo Tensor2D(PrimExpr rows, int64_t cols) {
  return TensorStructInfo(Array<PrimExpr>{rows, ir::IntImm(DataType::Int(64), cols)},
                          DataType::Float(32));
}

Array<te::Tensor> Doubled(const Array<te::Tensor>& in) {
  te::Tensor a = in[0];
  te::Tensor out = te::compute(
      a->shape, [&](const Array<tir::Var>& i) {
        PrimExpr value = a(Array<PrimExpr>(i.data()));
        return value + value;
      },
      "double");
  return Array<te::Tensor>{out};
}

TEST(RelaxBlockBuilder, CallTEAddsOneKernelAndInfersSymbolicShape) {
  tir::Var n("n", DataType::Int(64));
  Var x("x", Tensor2D(n, 4));
  BlockBuilder bb = BlockBuilder::Create();
  bb->BeginDataflowBlock();
  Var a = bb->Emit(CallTE(bb, "double", {x}, Doubled));
  Var b = bb->Emit(CallTE(bb, "double", {a}, Doubled));
  BindingBlock block = bb->EndBlock();
  EXPECT_NE(block.as<DataflowBlockNode>(), nullptr);
  EXPECT_NE(a.as<DataflowVarNode>(), nullptr);
  EXPECT_EQ(bb->GetContextIRModule().GetGlobalVars().size(), 1u);  // structurally equal: reused
  const auto* sinfo = b->struct_info_.as<TensorStructInfoNode>();
  ASSERT_NE(sinfo, nullptr);
  EXPECT_TRUE(sinfo->shape.as<ShapeExprNode>()->values[0].same_as(n));
}

TEST(RelaxBlockBuilder, NestedArgumentsAreBoundFirst) {
  Var x("x", Tensor2D(ir::IntImm(DataType::Int(64), 2), 2));
  BlockBuilder bb = BlockBuilder::Create();
  bb->BeginBindingBlock();
  Call inner = CallPurePacked("f", {x}, x->struct_info_);
  bb->Emit(CallPurePacked("g", {inner}, x->struct_info_));
  BindingBlock block = bb->EndBlock();
  ASSERT_EQ(block->bindings.size(), 2u);
  const auto* outer = block->bindings[1].as<VarBindingNode>()->value.as<CallNode>();
  EXPECT_TRUE(outer->args[0].same_as(block->bindings[0]->var));
}

TEST(RelaxBlockBuilder, ErrorsNameWhatIsWrong) {
  BlockBuilder bb = BlockBuilder::Create();
  Var x("x", Tensor2D(ir::IntImm(DataType::Int(64), 2), 2));
  EXPECT_THROW(bb->Emit(x), InvalidArgumentError);  // no open block
  EXPECT_THROW(bb->EndBlock(), InvalidArgumentError);
  bb->BeginBindingBlock();
  EXPECT_THROW(bb->EmitOutput(x), InvalidArgumentError);  // not a dataflow block
  try {
    bb->Emit(TupleGetItem(Tuple({x}), 3));
    FAIL() << "expected TypeInferenceError";
  } catch (const TypeInferenceError& e) {
    EXPECT_NE(std::string(e.what()).find("index 3 is out of range"), std::string::npos);
  }
  Var untyped("u");
  EXPECT_THROW(bb->Emit(untyped), InvalidArgumentError);
  bb->EndBlock();
}

TEST(RelaxBlockBuilder, CallTIRRequiresTensorOutputs) {
  ir::GlobalVar gv("f");
  Var x("x", Tensor2D(ir::IntImm(DataType::Int(64), 2), 2));
  EXPECT_THROW(CallTIR(gv, {x}, ShapeStructInfo(2)), InvalidArgumentError);
  Call call = CallTIR(gv, {x}, x->struct_info_);
  EXPECT_TRUE(GetCallee(call).same_as(gv));
  EXPECT_EQ(GetCallArgs(call).size(), 1u);
}

}  // namespace
}  // namespace relax
}  // namespace tessel
