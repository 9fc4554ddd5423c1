// The passes lowering Relax to the VM form, from C++: their registration, the memory
// operators' struct info, and a chain of kernels lowered and memory-planned.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "tessel/relax/block_builder.h"
#include "tessel/relax/functor.h"
#include "tessel/relax/op/call_te.h"
#include "tessel/relax/transform_vm.h"
#include "tessel/tir/op.h"
#include "tessel/tir/te/operation.h"

namespace tessel {
namespace relax {
namespace {

PrimExpr I64(int64_t value) { return ir::IntImm(DataType::Int(64), value); }
PrimValue Index(int64_t value) { return PrimValue(I64(value)); }

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

// main(x: (8, 8)) doubling x `length` times.
ir::IRModule Chain(int length) {
  Var x("x", TensorStructInfo(Array<PrimExpr>{I64(8), I64(8)}, DataType::Float(32)));
  BlockBuilder bb = BlockBuilder::Create();
  bb->BeginDataflowBlock();
  Expr value = x;
  for (int i = 0; i < length; ++i) value = bb->Emit(CallTE(bb, "double", {value}, Doubled));
  Var out = bb->EmitOutput(value);
  BindingBlock block = bb->EndBlock();
  ir::IRModule mod = bb->GetContextIRModule();
  mod.Add("main", Function({x}, SeqExpr({block}, out)));
  return mod;
}

// Counts the calls of each callee name (operators, extern functions, module functions).
class CallCounter : public ExprVisitor {
 public:
  std::map<std::string, int> counts;
  void VisitExpr_(const CallNode* op) override {
    if (const auto* callee = op->op.as<ir::OpNode>()) ++counts[callee->name];
    if (const auto* callee = op->op.as<ExternFuncNode>()) ++counts[callee->global_symbol];
    if (const auto* callee = op->op.as<ir::GlobalVarNode>()) ++counts[callee->name_hint];
    ExprVisitor::VisitExpr_(op);
  }
};

TEST(RelaxTransformVM, PassesAreRegisteredByName) {
  for (const char* name : {"relax.ToNonDataflow", "relax.CallTIRRewrite", "relax.StaticPlanBlockMemory",
                           "relax.VMShapeLower", "relax.LowerToVM"}) {
    EXPECT_EQ(ir::transform::GetPass(name)->info->name, name);
  }
}

TEST(RelaxTransformVM, MemoryOperatorsInferTheirStructInfo) {
  BlockBuilder bb = BlockBuilder::Create();
  bb->BeginBindingBlock();
  Var storage = bb->Emit(Call(ir::Op::Get("relax.memory.alloc_storage"),
                              {ShapeExpr({I64(256)}), Index(0), StringImm("float32")}));
  Var placed = bb->Emit(Call(ir::Op::Get("relax.memory.alloc_tensor"),
                             {storage, Index(0), ShapeExpr({I64(4)}), StringImm("int8")}));
  EXPECT_NE(storage->struct_info_.as<ObjectStructInfoNode>(), nullptr);
  const auto* tensor = placed->struct_info_.as<TensorStructInfoNode>();
  ASSERT_NE(tensor, nullptr);
  EXPECT_EQ(tensor->dtype, DataType::Int(8));
  EXPECT_EQ(tensor->ndim, 1);
  try {
    bb->Emit(Call(ir::Op::Get("relax.builtin.alloc_tensor"),
                  {ShapeExpr(Array<PrimExpr>()), StringImm("float32")}));
    FAIL() << "expected a TypeInferenceError";
  } catch (const TypeInferenceError& e) {
    EXPECT_NE(std::string(e.what()).find("relax.builtin.alloc_tensor"), std::string::npos) << e.what();
  }
}

TEST(RelaxTransformVM, ChainIsLoweredAndPlanned) {
  ir::IRModule lowered = transform::LowerToVM()(Chain(4));
  Function main = ir::Downcast<Function>(lowered.Lookup("main"));
  CallCounter counter;
  counter.VisitFunction(main);
  EXPECT_EQ(counter.counts["relax.call_tir"], 0);
  EXPECT_EQ(counter.counts["double"], 4);
  EXPECT_EQ(counter.counts["relax.memory.alloc_storage"], 2);
  EXPECT_EQ(counter.counts["relax.memory.alloc_tensor"], 3);
  EXPECT_EQ(counter.counts["relax.builtin.alloc_tensor"], 1);  // the result
  auto plan = ir::Downcast<ir::Map<ir::String, ObjectRef>>(main->attrs.Get("relax.memory_plan"));
  EXPECT_EQ(ir::Downcast<ir::IntImm>(plan.Get(ir::String("saved_bytes")))->value, 256);
  for (const BindingBlock& block : main->body.as<SeqExprNode>()->blocks) {
    EXPECT_EQ(block.as<DataflowBlockNode>(), nullptr);
  }
}

TEST(RelaxTransformVM, UndefinedSymbolicVariableIsAnError) {
  tir::Var n("n", DataType::Int(64));
  Var s("s", ShapeStructInfo(Array<PrimExpr>{n}));
  Function f({}, SeqExpr({BindingBlock({VarBinding(s, ShapeExpr({n}))})}, s));
  ir::IRModule mod = ir::IRModule::Empty();
  mod.Add("f", f);
  try {
    transform::VMShapeLower()(mod);
    FAIL() << "expected an InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("function f, binding of s: symbolic variable n is used before"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace relax
}  // namespace tessel
