// Relax nodes: construction, the checks of their constructors, struct info consistency
// and structural equality up to renaming.
#include <gtest/gtest.h>

#include "tessel/ir/structural_equal.h"
#include "tessel/relax/function.h"
#include "tessel/runtime/data_type.h"
#include "tessel/tir/var.h"

namespace tessel {
namespace relax {
namespace {

using ir::DictAttrs;
using ir::GlobalVar;
using ir::IntImm;

PrimExpr I64(int64_t v) { return IntImm(DataType::Int(64), v); }

// fn(x: Tensor((n, 4), f32)) { with dataflow: lv = add(x, x); gv = (lv, lv)[0]; return gv }
Function MakeFunction(const std::string& x_name, const std::string& n_name) {
  tir::Var n(n_name, DataType::Int(64));
  StructInfo sinfo = TensorStructInfo(Array<PrimExpr>{n, I64(4)}, DataType::Float(32));
  Var x(x_name, sinfo);
  DataflowVar lv("lv", sinfo);
  Var gv("gv", sinfo);
  Expr add = Call(GlobalVar("add"), {x, x});
  DataflowBlock block({VarBinding(lv, add), VarBinding(gv, TupleGetItem(Tuple({lv, lv}), 0))});
  return Function({x}, SeqExpr({block}, gv), sinfo);
}

TEST(RelaxStructInfo, TensorShapeAndNdim) {
  tir::Var n("n", DataType::Int(64));
  TensorStructInfo t(Array<PrimExpr>{n, I64(4)}, DataType::Float(32));
  EXPECT_EQ(t->ndim, 2);
  ASSERT_NE(t->shape.as<ShapeExprNode>(), nullptr);
  TensorStructInfo unknown(DataType::Void(), -1);
  EXPECT_TRUE(unknown->IsUnknownNdim());
  EXPECT_TRUE(unknown->IsUnknownDtype());
  EXPECT_FALSE(unknown->shape.defined());
  EXPECT_THROW(TensorStructInfo(ShapeExpr({I64(1)}), DataType::Float(32), 3),
               InvalidArgumentError);
  EXPECT_THROW(TensorStructInfo(DataType::Float(32), -2), InvalidArgumentError);
  EXPECT_THROW(TensorStructInfo(StringImm("s"), DataType::Float(32)), InvalidArgumentError);
}

TEST(RelaxStructInfo, ShapeVariableGivesNdim) {
  Var s("s", ShapeStructInfo(int64_t{3}));
  EXPECT_EQ(TensorStructInfo(s, DataType::Float(32))->ndim, 3);
  EXPECT_THROW(TensorStructInfo(Var("t", ObjectStructInfo(Span())), DataType::Float(32)),
               InvalidArgumentError);
}

TEST(RelaxStructInfo, ShapeValues) {
  ShapeStructInfo known(Array<PrimExpr>{I64(2), I64(3)});
  EXPECT_TRUE(known->HasValues());
  EXPECT_EQ(known->ndim, 2);
  ShapeStructInfo unknown(int64_t{-1});
  EXPECT_FALSE(unknown->HasValues());
  EXPECT_THROW(ShapeStructInfo(Array<PrimExpr>{ir::FloatImm(DataType::Float(32), 1.0)}),
               InvalidArgumentError);
  EXPECT_THROW(TupleStructInfo({StructInfo()}), InvalidArgumentError);
  EXPECT_THROW(FuncStructInfo({}, StructInfo()), InvalidArgumentError);
}

TEST(RelaxExpr, DerivedStructInfo) {
  ShapeExpr shape({I64(2), I64(3)});
  EXPECT_EQ(shape->struct_info_.as<ShapeStructInfoNode>()->ndim, 2);
  PrimValue value(I64(7));
  EXPECT_EQ(value->struct_info_.as<PrimStructInfoNode>()->dtype, DataType::Int(64));
  runtime::Tensor data = runtime::Tensor::Empty({2, 3}, runtime::DataTypeFromString("float32"));
  Constant constant(data);
  const auto* sinfo = constant->struct_info_.as<TensorStructInfoNode>();
  ASSERT_NE(sinfo, nullptr);
  EXPECT_EQ(sinfo->ndim, 2);
  EXPECT_EQ(sinfo->dtype, DataType::Float(32));
  Function f = MakeFunction("x", "n");
  const auto* fsinfo = f->struct_info_.as<FuncStructInfoNode>();
  ASSERT_NE(fsinfo, nullptr);
  EXPECT_EQ(fsinfo->params.size(), 1u);
}

TEST(RelaxExpr, ConstructorErrors) {
  EXPECT_THROW(Constant(runtime::Tensor()), InvalidArgumentError);
  EXPECT_THROW(TupleGetItem(Tuple(Array<Expr>()), -1), InvalidArgumentError);
  EXPECT_THROW(Call(StringImm("f"), {}), InvalidArgumentError);
  EXPECT_THROW(Call(ExternFunc("f"), {Expr()}), InvalidArgumentError);
  EXPECT_THROW(VarBinding(Var("v"), Expr()), InvalidArgumentError);
  EXPECT_THROW(SeqExpr({}, Expr()), InvalidArgumentError);
  EXPECT_THROW(ExternFunc(""), InvalidArgumentError);
  EXPECT_THROW(Function({Var("p")}, Var("p")), InvalidArgumentError);
}

TEST(RelaxExpr, IfWrapsBranches) {
  Var c("c", PrimStructInfo(DataType::Bool()));
  If branch(c, StringImm("a"), StringImm("b"));
  EXPECT_NE(branch->true_branch.as<SeqExprNode>(), nullptr);
  EXPECT_NE(branch->false_branch.as<SeqExprNode>(), nullptr);
}

TEST(RelaxEquality, AlphaRenamedFunctionsAreEqual) {
  Function a = MakeFunction("x", "n");
  Function b = MakeFunction("y", "m");
  EXPECT_TRUE(ir::StructuralEqual(a, b));
  EXPECT_FALSE(a.same_as(b));
}

TEST(RelaxEquality, DifferentStructInfoIsNotEqual) {
  Var x("x", TensorStructInfo(Array<PrimExpr>{I64(4)}, DataType::Float(32)));
  Var y("y", TensorStructInfo(Array<PrimExpr>{I64(4)}, DataType::Float(16)));
  EXPECT_FALSE(ir::StructuralEqual(Function({x}, x), Function({y}, y)));
}

TEST(RelaxEquality, DistinctBindingsAreNotEqual) {
  StructInfo sinfo = TensorStructInfo(Array<PrimExpr>{I64(4)}, DataType::Float(32));
  Var x("x", sinfo);
  Var y("y", sinfo);
  Expr body_x = Call(GlobalVar("add"), {x, x});
  Expr body_xy = Call(GlobalVar("add"), {x, y});
  EXPECT_FALSE(ir::StructuralEqual(Function({x, y}, body_x), Function({x, y}, body_xy)));
}

}  // namespace
}  // namespace relax
}  // namespace tessel
