// The Relax script printer: a small dataflow function in the R dialect.
#include <gtest/gtest.h>

#include "tessel/ir/printer.h"
#include "tessel/relax/function.h"
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

}  // namespace
}  // namespace relax
}  // namespace tessel
