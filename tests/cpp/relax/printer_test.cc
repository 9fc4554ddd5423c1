// The Relax script printer: a small dataflow function in the R dialect.
#include <gtest/gtest.h>

#include "tessel/ir/module.h"
#include "tessel/ir/printer.h"
#include "tessel/relax/function.h"
#include "tessel/relax/op/call.h"
#include "tessel/runtime/data_type.h"
#include "tessel/tir/var.h"

namespace tessel {
namespace relax {
namespace {

PrimExpr I64(int64_t v) { return ir::IntImm(DataType::Int(64), v); }

TEST(RelaxPrinter, DataflowFunction) {
  tir::Var n("n", DataType::Int(64));
  StructInfo in = TensorStructInfo(Array<PrimExpr>{n, I64(784)}, DataType::Float(32));
  StructInfo out = TensorStructInfo(Array<PrimExpr>{n, I64(10)}, DataType::Float(32));
  Var x("x", in);
  DataflowVar lv("lv", out);
  Var gv("gv", out);
  Var pair("pair", TupleStructInfo({out, out}));
  Constant weight(runtime::Tensor::Empty({784, 10}, runtime::DataTypeFromString("float32")));
  DataflowBlock block({
      VarBinding(lv, Call(ir::GlobalVar("dense"), {x, weight})),
      VarBinding(gv, Call(ExternFunc("relu"), {lv})),
  });
  BindingBlock tail({
      VarBinding(pair, Tuple({gv, gv})),
      MatchCast(Var("s", ShapeStructInfo(int64_t{2})), ShapeExpr({n, I64(10)}),
                ShapeStructInfo(Array<PrimExpr>{n, I64(10)})),
  });
  Function f({x}, SeqExpr({block, tail}, TupleGetItem(pair, 0)), out);
  EXPECT_EQ(ir::AsScript(f),
            "@R.function\n"
            "def main(x: R.Tensor((n, 784), dtype=\"float32\")) -> "
            "R.Tensor((n, 10), dtype=\"float32\"):\n"
            "    n = T.int64()\n"
            "    with R.dataflow():\n"
            "        lv: R.Tensor((n, 10), dtype=\"float32\") = "
            "cls.dense(x, metadata[\"relax.Constant\"][0])\n"
            "        gv: R.Tensor((n, 10), dtype=\"float32\") = R.ExternFunc(\"relu\")(lv)\n"
            "        R.output(gv)\n"
            "    pair: R.Tuple(R.Tensor((n, 10), dtype=\"float32\"), "
            "R.Tensor((n, 10), dtype=\"float32\")) = (gv, gv)\n"
            "    s = R.match_cast(R.shape([n, 10]), R.Shape([n, 10]))\n"
            "    return pair[0]");
}

TEST(RelaxPrinter, IfAndValues) {
  Var c("c", PrimStructInfo(DataType::Bool()));
  Var y("y", ObjectStructInfo(Span()));
  If branch(c, StringImm("a"), PrimValue(I64(3)));
  Function f({c}, SeqExpr({BindingBlock({VarBinding(y, branch)})}, y), StructInfo());
  EXPECT_EQ(ir::AsScript(f.WithAttr("global_symbol", ir::String("pick"))),
            "@R.function\n"
            "def pick(c: R.Prim(\"bool\")) -> R.Object:\n"
            "    R.func_attr({\"global_symbol\": \"pick\"})\n"
            "    if c:\n"
            "        y: R.Object = R.str(\"a\")\n"
            "    else:\n"
            "        y = R.prim_value(T.int64(3))\n"
            "    return y");
}

// In a module: cross-level calls in their script form, GlobalVars as cls.name, the implied
// "global_symbol" left out, private and impure functions marked on the decorator.
TEST(RelaxPrinter, ModuleFunctions) {
  tir::Var n("n", DataType::Int(64));
  StructInfo t = TensorStructInfo(Array<PrimExpr>{n, I64(4)}, DataType::Float(32));
  Var x("x", t);
  ir::GlobalVar kernel("kernel"), helper("helper");
  Var a("a", t), b("b", TupleStructInfo({t, t})), c("c", t), d("d", ObjectStructInfo(Span()));
  BindingBlock block({
      VarBinding(a, CallTIR(kernel, {x}, t, ShapeExpr({n}))),
      VarBinding(b, CallTIR(kernel, {x, a}, TupleStructInfo({t, t}))),
      VarBinding(c, CallDPSPacked("ext", {a}, t)),
      VarBinding(d, CallPurePacked("log", {c}, ObjectStructInfo(Span()))),
  });
  Function main = Function({x}, SeqExpr({block}, Call(helper, {c})), t)
                      .WithAttr("global_symbol", ir::String("main"));
  Var y("y", t);
  Function helper_func({y}, SeqExpr({}, y), t, /*is_pure=*/false);
  ir::IRModule mod(ir::Map<ir::GlobalVar, ir::BaseFunc>{{ir::GlobalVar("main"), main},
                                                         {helper, helper_func}});
  const std::string text = ir::AsScript(mod);
  EXPECT_NE(text.find("    @R.function(pure=False, private=True)\n    def helper("), std::string::npos)
      << text;
  EXPECT_NE(text.find("    @R.function\n    def main(x: R.Tensor((n, 4), dtype=\"float32\"))"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("global_symbol"), std::string::npos) << text;
  const char* lines[] = {
      "a: R.Tensor((n, 4), dtype=\"float32\") = R.call_tir(cls.kernel, (x,), "
      "out_sinfo=R.Tensor((n, 4), dtype=\"float32\"), tir_vars=R.shape([n]))",
      "= R.call_tir(cls.kernel, (x, a), out_sinfo=[R.Tensor((n, 4), dtype=\"float32\"), "
      "R.Tensor((n, 4), dtype=\"float32\")])",
      "c: R.Tensor((n, 4), dtype=\"float32\") = R.call_dps_packed(\"ext\", (a,), "
      "out_sinfo=R.Tensor((n, 4), dtype=\"float32\"))",
      "d: R.Object = R.call_pure_packed(\"log\", c, sinfo_args=R.Object)",
      "return cls.helper(c)",
  };
  for (const char* line : lines) EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
}

// Every symbolic variable a function uses is declared, scalar constants print inline.
TEST(RelaxPrinter, SymbolicVariablesAndScalarConstants) {
  tir::Var m("m", DataType::Int(64)), k("k", DataType::Int(32));
  Var x("x", TensorStructInfo(DataType::Float(32), 1));
  Var cast("cast", TensorStructInfo(Array<PrimExpr>{m}, DataType::Float(32)));
  Var value("value", PrimStructInfo(DataType::Int(32)));
  runtime::Tensor scalar = runtime::Tensor::Empty({}, runtime::DataTypeFromString("float32"));
  *static_cast<float*>(scalar.data()) = 0.5f;
  Var half("half", TensorStructInfo(Array<PrimExpr>{}, DataType::Float(32)));
  BindingBlock block({
      MatchCast(cast, x, TensorStructInfo(Array<PrimExpr>{m}, DataType::Float(32))),
      VarBinding(value, PrimValue(k)),
      VarBinding(half, Constant(scalar)),
  });
  Function f({x}, SeqExpr({block}, half), StructInfo());
  EXPECT_EQ(ir::AsScript(f),
            "@R.function\n"
            "def main(x: R.Tensor(dtype=\"float32\", ndim=1)) -> R.Tensor((), dtype=\"float32\"):\n"
            "    m = T.int64()\n"
            "    k = T.int32()\n"
            "    cast = R.match_cast(x, R.Tensor((m,), dtype=\"float32\"))\n"
            "    value: R.Prim(\"int32\") = R.prim_value(k)\n"
            "    half: R.Tensor((), dtype=\"float32\") = R.const(0.5, \"float32\")\n"
            "    return half");
}

}  // namespace
}  // namespace relax
}  // namespace tessel
