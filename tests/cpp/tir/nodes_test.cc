// Construction of TensorIR nodes and the dtype checks of their constructors.
#include <gtest/gtest.h>

#include "tessel/tir/function.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace tir {
namespace {

// The message of the InvalidArgumentError fn throws, or "" when it does not throw.
template <typename F>
std::string ErrorOf(F fn) {
  try {
    fn();
  } catch (const InvalidArgumentError& e) {
    return e.what();
  }
  return "";
}

TEST(TirNodes, VarIsVariableAndNameIsIgnored) {
  Var x("x", DataType::Float(32));
  EXPECT_TRUE(x->IsVariable());
  EXPECT_EQ(x->dtype, DataType::Float(32));
  EXPECT_EQ(std::string(x->type_key()), "tir.Var");
  SizeVar n("n");
  EXPECT_TRUE(n->IsVariable());
  EXPECT_NE(n.as<VarNode>(), nullptr);
  EXPECT_NE(ErrorOf([] { SizeVar("m", DataType::Float(32)); }), "");
}

TEST(TirNodes, ArithmeticKeepsDtypeAndComparisonsAreBool) {
  Var i("i"), j("j");
  PrimExpr sum = i + j * 2;
  ASSERT_NE(sum.as<AddNode>(), nullptr);
  EXPECT_EQ(sum.dtype(), DataType::Int(32));
  PrimExpr cmp = i < j;
  EXPECT_EQ(cmp.dtype(), DataType::Bool());
  Var v("v", DataType::Int(32, 4));
  EXPECT_EQ(LT(v, v).dtype(), DataType::Bool(4));
  Var f("f", DataType::Float(32));
  // A literal takes the other operand's dtype.
  PrimExpr scaled = f * 2;
  ASSERT_NE(scaled.as<MulNode>()->b.as<FloatImmNode>(), nullptr);
  Var k("k", DataType::Int(64));
  EXPECT_EQ((k + 1).dtype(), DataType::Int(64));
}

TEST(TirNodes, MismatchedDtypesNameTheOpAndBothDtypes) {
  Var i("i");
  Var f("f", DataType::Float(32));
  std::string message = ErrorOf([&] { Add(i, f); });
  EXPECT_NE(message.find("tir.Add"), std::string::npos) << message;
  EXPECT_NE(message.find("int32"), std::string::npos) << message;
  EXPECT_NE(message.find("float32"), std::string::npos) << message;
  EXPECT_NE(ErrorOf([&] { LT(i, f); }).find("tir.LT"), std::string::npos);
  EXPECT_NE(ErrorOf([&] { And(i, i); }).find("tir.And"), std::string::npos);
  EXPECT_NE(ErrorOf([&] { (void)Not(i); }).find("tir.Not"), std::string::npos);
  EXPECT_NE(ErrorOf([&] { FloorDiv(i, 0); }).find("division by the constant zero"), std::string::npos);
  EXPECT_NE(ErrorOf([&] { Select(i, f, f); }).find("tir.Select"), std::string::npos);
  EXPECT_NE(ErrorOf([&] { Cast(DataType::Float(32, 4), i); }).find("tir.Cast"), std::string::npos);
}

TEST(TirNodes, BufferLoadAndStoreCheckRankAndDtype) {
  Buffer a = decl_buffer({16, 16}, DataType::Float(32), "A");
  Var i("i");
  BufferLoad load(a, {i, i});
  EXPECT_EQ(load.dtype(), DataType::Float(32));
  EXPECT_NE(ErrorOf([&] { BufferLoad(a, {i}); }).find("2 dimensions"), std::string::npos);
  EXPECT_NE(ErrorOf([&] { BufferStore(a, i, {i, i}); }).find("tir.BufferStore"), std::string::npos);
  BufferLoad vector(a, {i, Ramp(i, 1, 4)});
  EXPECT_EQ(vector.dtype(), DataType::Float(32, 4));
  EXPECT_TRUE(a->IsVariable());
  EXPECT_TRUE(is_const_number(a->elem_offset, 0));
}

TEST(TirNodes, IntrinsicsAreRegisteredOps) {
  Var x("x", DataType::Float(32));
  PrimExpr e = exp(x);
  const auto* call = e.as<CallNode>();
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->op.as<ir::OpNode>()->name, "tir.exp");
  EXPECT_EQ(e.dtype(), DataType::Float(32));
  EXPECT_TRUE(ir::Op::Exists("tir.fma"));
  EXPECT_NE(ErrorOf([] { exp(Var("i")); }).find("tir.exp"), std::string::npos);
  EXPECT_NE(ErrorOf([&] { Call(DataType::Float(32), ir::Op::Get("tir.pow"), {x}); }).find("tir.pow"),
            std::string::npos);
}

TEST(TirNodes, LoopsBlocksAndFunctions) {
  Var i("i");
  Buffer a = decl_buffer({8}, DataType::Float(32), "A");
  Stmt store = BufferStore(a, FloatImm(DataType::Float(32), 0), {i});
  For loop(i, 0, 8, ForKind::kParallel, store);
  EXPECT_EQ(loop->kind, ForKind::kParallel);
  EXPECT_NE(ErrorOf([&] { For(i, IntImm(DataType::Int(64), 0), 8, ForKind::kSerial, store); })
                .find("tir.For"),
            std::string::npos);
  Var handle("A", DataType::Handle());
  PrimFunc func({handle}, loop, DataType::Void(), {{handle, a}});
  EXPECT_EQ(func->params.size(), 1u);
  EXPECT_TRUE(func->buffer_map.at(handle).same_as(a));
  EXPECT_NE(ErrorOf([&] { PrimFunc({}, loop, DataType::Void(), {{handle, a}}); }).find("not a parameter"),
            std::string::npos);
  PrimFunc named = func.WithAttr("global_symbol", String("f"));
  EXPECT_EQ(func->attrs->dict.size(), 0u);
  EXPECT_EQ(named->attrs->dict.size(), 1u);
}

}  // namespace
}  // namespace tir
}  // namespace tessel
