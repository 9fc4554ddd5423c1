// VMCodeGen on hand-lowered functions in C++: the memory operators (storage, tensor views,
// fresh tensors, kills), If, tuples and constant shapes, run by the VirtualMachine with a
// registered C++ function as the kernel; and the errors for IR outside the lowered form.
#include <gtest/gtest.h>

#include "tessel/ir/op.h"
#include "tessel/relax/backend/vm_codegen.h"
#include "tessel/relax/function.h"
#include "tessel/runtime/registry.h"
#include "tessel/runtime/vm/vm.h"
#include "tessel/support/error.h"
#include "tessel/tir/var.h"

namespace tessel {
namespace relax {
namespace {

using runtime::Any;
using runtime::Tensor;

PrimValue I64(int64_t v) { return PrimValue(ir::IntImm(DataType::Int(64), v)); }

Call MemoryOp(const std::string& name, Array<Expr> args) { return Call(ir::Op::Get(name), args); }

Tensor Floats(const std::vector<float>& values) {
  Tensor t = Tensor::Empty({static_cast<int64_t>(values.size())}, DLDataType{kDLFloat, 32, 1});
  for (size_t i = 0; i < values.size(); ++i) static_cast<float*>(t.data())[i] = values[i];
  return t;
}

std::vector<float> Values(const Tensor& t) {
  const float* p = static_cast<const float*>(t.data());
  return std::vector<float>(p, p + t.numel());
}

class VMCodeGenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // out[i] = a[i] + b[i], in destination-passing style.
    runtime::Registry::Register("test.vm_codegen.add", runtime::PackedFunc([](const std::vector<Any>& args) {
                                  const Tensor& a = args.at(0).AsTensor();
                                  const Tensor& b = args.at(1).AsTensor();
                                  const Tensor& out = args.at(2).AsTensor();
                                  for (int64_t i = 0; i < out.numel(); ++i) {
                                    static_cast<float*>(out.data())[i] = static_cast<const float*>(a.data())[i] +
                                                                         static_cast<const float*>(b.data())[i];
                                  }
                                  return Any();
                                }),
                                true);
  }
  void TearDown() override { runtime::Registry::Remove("test.vm_codegen.add"); }
};

// main(c: bool, x: f32[4]) -> (f32[4], f32[4]):
//   storage = alloc_storage((32,), 0, "float32")
//   t0 = alloc_tensor(storage, 0, (4,), "float32"); t1 = alloc_tensor(storage, 16, (4,), "float32")
//   add(x, x, t0)
//   r = if c: { add(t0, x, t1); t1 } else: { fresh = builtin.alloc_tensor((4,), "float32", 0); add(x, x, fresh); fresh }
//   kill_tensor(t0); return (t0, r)
Function BuildMain() {
  StructInfo f32(TensorStructInfo(Array<PrimExpr>{ir::IntImm(DataType::Int(64), 4)}, DataType::Float(32)));
  StructInfo obj = ObjectStructInfo(Span());
  Var c("c", PrimStructInfo(DataType::Bool()));
  Var x("x", f32);
  ShapeExpr shape({ir::IntImm(DataType::Int(64), 4)});
  ExternFunc add("test.vm_codegen.add");
  Var storage("storage", obj);
  Var t0("t0", f32);
  Var t1("t1", f32);
  Var unit0("unit0", obj);
  Var unit1("unit1", obj);
  Var unit2("unit2", obj);
  Var fresh("fresh", f32);
  Var r("r", f32);
  Var killed("killed", obj);
  Expr then_branch = SeqExpr({BindingBlock({VarBinding(unit1, Call(add, {t0, x, t1}))})}, t1);
  Expr else_branch = SeqExpr(
      {BindingBlock({VarBinding(fresh, MemoryOp("relax.builtin.alloc_tensor", {shape, StringImm("float32"), I64(0)})),
                     VarBinding(unit2, Call(add, {x, x, fresh}))})},
      fresh);
  BindingBlock block({
      VarBinding(storage, MemoryOp("relax.memory.alloc_storage",
                                   {ShapeExpr({ir::IntImm(DataType::Int(64), 32)}), I64(0), StringImm("float32")})),
      VarBinding(t0, MemoryOp("relax.memory.alloc_tensor", {storage, I64(0), shape, StringImm("float32")})),
      VarBinding(t1, MemoryOp("relax.memory.alloc_tensor", {storage, I64(16), shape, StringImm("float32")})),
      VarBinding(unit0, Call(add, {x, x, t0})),
      VarBinding(r, If(c, then_branch, else_branch)),
      VarBinding(killed, MemoryOp("relax.memory.kill_tensor", {t0})),
  });
  return Function({c, x}, SeqExpr({block}, Tuple({t0, r})), StructInfo(), true,
                  ir::DictAttrs().With("global_symbol", ir::String("main")));
}

TEST_F(VMCodeGenTest, MemoryOpsIfAndTuples) {
  ir::IRModule mod = ir::IRModule::Empty();
  mod.Add("main_fn", BuildMain());
  std::shared_ptr<runtime::vm::Executable> exe = VMCodeGen(mod);
  std::string text = exe->AsText();
  EXPECT_NE(text.find("@main(%0 c, %1 x)"), std::string::npos) << text;
  EXPECT_NE(text.find("= call vm.builtin.alloc_storage(c["), std::string::npos) << text;
  EXPECT_NE(text.find("= call vm.builtin.alloc_tensor(%2, 16, c["), std::string::npos) << text;
  EXPECT_NE(text.find("= call vm.builtin.empty(c["), std::string::npos) << text;
  EXPECT_NE(text.find("= call vm.builtin.read_if_cond(%0)"), std::string::npos) << text;
  EXPECT_EQ(text.find("kill"), std::string::npos) << text;

  runtime::vm::VirtualMachine machine{runtime::Module(exe)};
  Tensor x = Floats({1, 2, 3, 4});
  Any taken = machine.GetFunction("main").Call(true, x);
  ASSERT_EQ(taken.AsArray().size(), 2u);
  EXPECT_EQ(Values(taken.AsArray()[0].AsTensor()), (std::vector<float>{2, 4, 6, 8}));
  EXPECT_EQ(Values(taken.AsArray()[1].AsTensor()), (std::vector<float>{3, 6, 9, 12}));
  // Both live in one storage, 16 bytes apart.
  EXPECT_EQ(static_cast<char*>(taken.AsArray()[1].AsTensor().data()) -
                static_cast<char*>(taken.AsArray()[0].AsTensor().data()),
            16);
  Any other = machine.GetFunction("main").Call(false, x);
  EXPECT_EQ(Values(other.AsArray()[1].AsTensor()), (std::vector<float>{2, 4, 6, 8}));

  // The serialized form runs the same.
  auto back = runtime::vm::Executable::Deserialize(exe->Serialize());
  runtime::vm::VirtualMachine again{runtime::Module(back)};
  EXPECT_EQ(Values(again.GetFunction("main").Call(true, x).AsArray()[1].AsTensor()),
            (std::vector<float>{3, 6, 9, 12}));
}

std::string CodeGenError(const Expr& body, Array<Var> params) {
  ir::IRModule mod = ir::IRModule::Empty();
  mod.Add("f", Function(params, body));
  try {
    VMCodeGen(mod);
  } catch (const InvalidArgumentError& e) {
    return e.what();
  }
  return "no error";
}

TEST_F(VMCodeGenTest, RejectsUnloweredIR) {
  StructInfo obj = ObjectStructInfo(Span());
  Var x("x", obj);
  Var y("y", obj);
  ir::OpRegistry::Register("relax.test_vm_codegen.unlowered");
  Expr op_call = SeqExpr({BindingBlock({VarBinding(y, Call(ir::Op::Get("relax.test_vm_codegen.unlowered"), {x}))})}, y);
  EXPECT_NE(CodeGenError(op_call, {x}).find("VMCodeGen: function f: operator relax.test_vm_codegen.unlowered is not in "
                                            "the lowered form"),
            std::string::npos);
  EXPECT_NE(CodeGenError(SeqExpr({BindingBlock({VarBinding(y, Call(x, {}))})}, y), {x}).find("a call of a variable"),
            std::string::npos);
  EXPECT_NE(CodeGenError(PrimValue(tir::Var("n", DataType::Int(64))), {x}).find("PrimValue that is not a constant"),
            std::string::npos);
  EXPECT_NE(CodeGenError(Call(ir::GlobalVar("elsewhere"), {}), {x}).find("elsewhere, which is not in the module"),
            std::string::npos);
  Expr wrong_arity = MemoryOp("relax.memory.alloc_tensor", {x});
  EXPECT_NE(CodeGenError(wrong_arity, {x}).find("with 1 arguments (expected 4)"), std::string::npos);
}

}  // namespace
}  // namespace relax
}  // namespace tessel
