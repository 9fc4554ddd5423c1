// Tensor expressions and CreatePrimFunc.
#include <gtest/gtest.h>

#include "matmul.h"
#include "tessel/ir/printer.h"
#include "tessel/ir/structural_equal.h"
#include "tessel/tir/te/create_prim_func.h"
#include "tessel/tir/te/reduction.h"

namespace tessel {
namespace te {
namespace {

using tir::BlockRealizeNode;
using tir::ForNode;
using tir::PrimFunc;

const DataType f32 = DataType::Float(32);

template <typename F>
std::string ErrorOf(F f) {
  try {
    f();
  } catch (const InvalidArgumentError& e) {
    return e.message();
  }
  return "no error";
}

bool HasLine(const std::string& text, const std::string& line) {
  return ("\n" + text + "\n").find("\n" + line + "\n") != std::string::npos;
}

TEST(TeCreatePrimFunc, MatmulEqualsTheHandWrittenBlock) {
  Tensor a = placeholder({128, 128}, f32, "A");
  Tensor b = placeholder({128, 128}, f32, "B");
  IterVar k = reduce_axis(Range(0, 128), "k");
  Tensor c = compute(
      {128, 128}, [&](const Array<Var>& i) { return sum(a(i[0], k) * b(k, i[1]), {k}); },
      "C");
  PrimFunc func = CreatePrimFunc({a, b, c});
  PrimFunc expected = tir::testing::Matmul().WithAttr("tir.noalias", IntImm(DataType::Bool(), 1));
  ir::AssertStructuralEqual(func, expected);
}

TEST(TeCreatePrimFunc, ElementwisePrintsOneBlockPerCompute) {
  Tensor a = placeholder({4, 8}, f32, "A");
  Tensor b = compute({4, 8}, [&](const Array<Var>& i) { return tir::exp(a(i[0], i[1])); }, "B");
  std::string text = ir::AsScript(CreatePrimFunc({a, b}));
  EXPECT_TRUE(HasLine(text, "    T.func_attr({\"global_symbol\": \"main\", \"tir.noalias\": True})")) << text;
  EXPECT_TRUE(HasLine(text, "    for i0, i1 in T.grid(4, 8):")) << text;
  EXPECT_TRUE(HasLine(text, "            v_i0, v_i1 = T.axis.remap(\"SS\", [i0, i1])")) << text;
  EXPECT_TRUE(HasLine(text, "            T.reads(A[v_i0, v_i1])")) << text;
  EXPECT_TRUE(HasLine(text, "            B[v_i0, v_i1] = T.exp(A[v_i0, v_i1])")) << text;
}

TEST(TeCreatePrimFunc, IntermediatesLiveInTheRootBlock) {
  Tensor a = placeholder({16}, f32, "A");
  Tensor b = compute({16}, [&](const Array<Var>& i) { return a(i[0]) * 2.0; }, "B");
  Tensor c = compute({16}, [&](const Array<Var>& i) { return b(i[0]) + a(i[0]); }, "C");
  PrimFunc func = CreatePrimFunc({a, c});
  const auto* root = func->body.as<BlockRealizeNode>();
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->block->name_hint, "root");
  ASSERT_EQ(root->block->alloc_buffers.size(), 1u);
  EXPECT_EQ(root->block->alloc_buffers[0]->name, "B");
  const auto* seq = root->block->body.as<tir::SeqStmtNode>();
  ASSERT_NE(seq, nullptr);
  ASSERT_EQ(seq->seq.size(), 2u);
  const auto* second = seq->seq[1].as<ForNode>()->body.as<BlockRealizeNode>();
  EXPECT_EQ(second->block->name_hint, "C");
  // Reads in first-use order: the intermediate, then the input.
  ASSERT_EQ(second->block->reads.size(), 2u);
  EXPECT_EQ(second->block->reads[0]->buffer->name, "B");
  EXPECT_EQ(second->block->reads[1]->buffer->name, "A");
}

TEST(TeCreatePrimFunc, ConditionalReductionWrapsTheUpdate) {
  Tensor a = placeholder({8, 8}, f32, "A");
  IterVar k = reduce_axis(Range(0, 8), "k");
  Tensor b = compute(
      {8}, [&](const Array<Var>& i) { return max(a(i[0], k->var), {k}, k->var < i[0]); }, "B");
  std::string text = ir::AsScript(CreatePrimFunc({a, b}));
  EXPECT_TRUE(HasLine(text, "                B[v_i0] = T.float32(-3.4028234663852886e+38)")) << text;
  EXPECT_TRUE(HasLine(text, "            if v_k < v_i0:")) << text;
  EXPECT_TRUE(HasLine(text, "                B[v_i0] = T.max(B[v_i0], A[v_i0, v_k])")) << text;
}

TEST(TeCreatePrimFunc, CustomReducer) {
  Reducer product = comm_reducer([](PrimExpr x, PrimExpr y) { return x * y; },
                                 [](DataType t) { return tir::make_one(t); }, "product");
  Tensor a = placeholder({4, 4}, DataType::Int(32), "A");
  IterVar k = reduce_axis(Range(0, 4), "k");
  Tensor b = compute({4}, [&](const Array<Var>& i) { return product(a(i[0], k->var), {k}, PrimExpr()); }, "B");
  std::string text = ir::AsScript(CreatePrimFunc({a, b}));
  EXPECT_TRUE(HasLine(text, "                B[v_i0] = 1")) << text;
  EXPECT_TRUE(HasLine(text, "            B[v_i0] = B[v_i0] * A[v_i0, v_k]")) << text;
}

TEST(TeCreatePrimFunc, ReadRegionsCoverAllAccesses) {
  Tensor a = placeholder({10, 10}, f32, "A");
  Tensor b = compute(
      {8, 8},
      [&](const Array<Var>& i) { return a(i[0], i[1]) + a(i[0] + 2, i[1]) + a(i[0] + 1, i[1] * 2); },
      "B");
  std::string text = ir::AsScript(CreatePrimFunc({a, b}));
  EXPECT_TRUE(HasLine(text, "            T.reads(A[v_i0:v_i0 + 3, 0:10])")) << text;
}

TEST(TeCreatePrimFunc, SeveralOutputsShareOneBlock) {
  Tensor a = placeholder({8}, f32, "A");
  Array<Tensor> pair = compute(
      {8}, [&](const Array<Var>& i) { return Array<PrimExpr>{a(i[0]) - 1.0, a(i[0]) + 1.0}; }, "P");
  ASSERT_EQ(pair.size(), 2u);
  EXPECT_EQ(pair[1]->value_index, 1);
  std::string text = ir::AsScript(CreatePrimFunc({a, pair[0], pair[1]}));
  EXPECT_TRUE(HasLine(text, "            T.writes(P_v0[v_i0], P_v1[v_i0])")) << text;
  EXPECT_TRUE(HasLine(text, "            P_v1[v_i0] = A[v_i0] + T.float32(1.0)")) << text;
  EXPECT_NE(ErrorOf([&] { pair[0]->op.output(2); }).find("te.Operation P: has 2 output(s)"),
            std::string::npos);
}

TEST(TeErrors, ReduceOnlyAtTheTopOfACompute) {
  Tensor a = placeholder({8, 8}, f32, "A");
  IterVar k = reduce_axis(Range(0, 8), "k");
  std::string message = ErrorOf([&] {
    compute({8}, [&](const Array<Var>& i) { return sum(a(i[0], k->var), {k}) * 2.0; }, "B");
  });
  EXPECT_NE(message.find("te.compute B: a reduction"), std::string::npos) << message;
}

TEST(TeErrors, TensorIndexCountAndArguments) {
  Tensor a = placeholder({8, 8}, f32, "A");
  EXPECT_EQ(ErrorOf([&] { a(1); }), "te.Tensor A: expected 2 indices (one per dimension), found 1");
  Tensor b = compute({8}, [&](const Array<Var>& i) { return a(i[0], i[0]); }, "B");
  EXPECT_EQ(ErrorOf([&] { CreatePrimFunc({a, tir::decl_buffer({8}), b}); }),
            "te.create_prim_func: argument 1 is a tir.Buffer; expected a te.Tensor or a tir.Var");
  EXPECT_EQ(ErrorOf([&] { CreatePrimFunc({b}); }),
            "te.create_prim_func: placeholder A is read but is not among the arguments");
  EXPECT_NE(ErrorOf([&] { placeholder({PrimExpr(FloatImm(f32, 2.0))}, f32, "X"); }).find(
                "te.placeholder X: dimension 0 must be a scalar integer"),
            std::string::npos);
}

TEST(TeErrors, ReducerDtypeMismatch) {
  Tensor a = placeholder({8}, DataType::Int(32), "A");
  IterVar k = reduce_axis(Range(0, 8), "k");
  std::string message = ErrorOf([&] {
    comm_reducer([](PrimExpr x, PrimExpr y) { return x + y; },
                 [](DataType) { return PrimExpr(FloatImm(DataType::Float(32), 0.0)); }, "bad")(
        a(k->var), {k}, PrimExpr());
  });
  EXPECT_NE(message.find("te.comm_reducer bad: lhs, rhs, the combination and the identity"),
            std::string::npos)
      << message;
}

}  // namespace
}  // namespace te
}  // namespace tessel
