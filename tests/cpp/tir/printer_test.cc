// The script printer's output for TensorIR.
#include <gtest/gtest.h>

#include "matmul.h"
#include "tessel/ir/printer.h"

namespace tessel {
namespace tir {
namespace {

bool HasLine(const std::string& text, const std::string& line) {
  return ("\n" + text + "\n").find("\n" + line + "\n") != std::string::npos;
}

TEST(TirPrinter, Matmul) {
  std::string text = ir::AsScript(testing::Matmul());
  const char* expected[] = {
      "@T.prim_func",
      "def main(A: T.Buffer((128, 128), \"float32\"), B: T.Buffer((128, 128), \"float32\"), "
      "C: T.Buffer((128, 128), \"float32\")):",
      "    T.func_attr({\"global_symbol\": \"main\"})",
      "    for i, j, k in T.grid(128, 128, 128):",
      "        with T.block(\"C\"):",
      "            vi, vj, vk = T.axis.remap(\"SSR\", [i, j, k])",
      "            T.reads(A[vi, vk], B[vk, vj])",
      "            T.writes(C[vi, vj])",
      "            with T.init():",
      "                C[vi, vj] = T.float32(0.0)",
      "            C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]",
  };
  std::string want;
  for (const char* line : expected) want += std::string(want.empty() ? "" : "\n") + line;
  EXPECT_EQ(text, want);
}

TEST(TirPrinter, Expressions) {
  Var x("x"), y("y");
  Var f("f", DataType::Float(32));
  auto last_line = [](const ObjectRef& node) {
    std::string text = ir::AsScript(node);
    return text.substr(text.rfind('\n') + 1);
  };
  EXPECT_EQ(last_line((x + y) * 2), "(x + y) * 2");
  EXPECT_EQ(last_line(x - (y - 1)), "x - (y - 1)");
  EXPECT_EQ(last_line(x - y - 1), "x - y - 1");
  EXPECT_EQ(last_line(FloorDiv(x, 4) + FloorMod(x, 4)), "x // 4 + x % 4");
  EXPECT_EQ(last_line(Div(x, y)), "T.Div(x, y)");
  EXPECT_EQ(last_line(f / f), "f / f");
  EXPECT_EQ(last_line(Mod(x, y)), "T.truncmod(x, y)");
  EXPECT_EQ(last_line(Min(x, y)), "T.min(x, y)");
  EXPECT_EQ(last_line(Cast(DataType::Float(32), x)), "T.Cast(\"float32\", x)");
  EXPECT_EQ(last_line(Select(x < y, x, y)), "T.Select(x < y, x, y)");
  EXPECT_EQ(last_line(And(x < y, Not(EQ(x, y)))), "x < y and not x == y");
  EXPECT_EQ(last_line(EQ(LT(x, y), LT(y, x))), "(x < y) == (y < x)");
  EXPECT_EQ(last_line(exp(f)), "T.exp(f)");
  EXPECT_EQ(last_line(IntImm(DataType::Int(64), 3)), "T.int64(3)");
  EXPECT_EQ(last_line(FloatImm(DataType::Float(32), 1.5)), "T.float32(1.5)");
  EXPECT_EQ(last_line(x * -1), "x * -1");
  EXPECT_EQ(last_line(Ramp(x, 1, 4)), "T.Ramp(x, 1, 4)");
  EXPECT_EQ(last_line(Broadcast(f, 4)), "T.Broadcast(f, 4)");
  Var v("v");
  EXPECT_EQ(last_line(Let(v, x, v + 1)), "T.Let(v + 1, where={v: x})");
  // A free variable is declared before its first use.
  EXPECT_EQ(ir::AsScript(x + 1), "x = T.int32()\nx + 1");
}

TEST(TirPrinter, LoopsAndSymbolicShapes) {
  SizeVar n("n");
  Buffer a = decl_buffer({n, 784}, DataType::Float(32), "A");
  Var i("i"), j("j");
  Stmt store = BufferStore(a, FloatImm(DataType::Float(32), 1), {i, j});
  Stmt inner = For(j, 2, 10, ForKind::kVectorized, store);
  Stmt outer = For(i, 0, n, ForKind::kParallel, inner);
  Var pa("A", DataType::Handle());
  PrimFunc f({pa}, outer, DataType::Void(), {{pa, a}});
  std::string want =
      "@T.prim_func\n"
      "def main(var_A: T.handle):\n"
      "    n = T.int32(is_size_var=True)\n"
      "    A = T.match_buffer(var_A, (n, 784), \"float32\")\n"
      "    for i in T.parallel(n):\n"
      "        for j in T.vectorized(2, 12):\n"
      "            A[i, j] = T.float32(1.0)";
  EXPECT_EQ(ir::AsScript(f), want);

  // A LetStmt followed by other statements uses the `with` form.
  Var x("x");
  Buffer b = decl_buffer({4}, DataType::Int(32), "B");
  Stmt seq = SeqStmt({LetStmt(x, 1, BufferStore(b, x, {0})), BufferStore(b, 2, {1})});
  std::string text = ir::AsScript(seq);
  EXPECT_TRUE(HasLine(text, "with T.LetStmt(1) as x:")) << text;
  Stmt flat = LetStmt(x, 1, BufferStore(b, x, {0}));
  EXPECT_TRUE(HasLine(ir::AsScript(flat), "x: T.int32 = 1")) << ir::AsScript(flat);
  Stmt branch = IfThenElse(x < 3, Evaluate(0), Evaluate(1));
  EXPECT_TRUE(HasLine(ir::AsScript(branch), "if x < 3:"));
  EXPECT_TRUE(HasLine(ir::AsScript(branch), "else:"));
}

}  // namespace
}  // namespace tir
}  // namespace tessel
