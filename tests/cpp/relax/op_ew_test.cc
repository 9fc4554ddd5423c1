// Elementwise Relax operators from C++: registration (pattern kinds, purity), struct-info
// inference through the BlockBuilder, and the messages of inference errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tessel/ir/structural_equal.h"
#include "tessel/relax/block_builder.h"
#include "tessel/relax/op/op_common.h"
#include "tessel/tir/var.h"

namespace tessel {
namespace relax {
namespace {

using ir::IntImm;

PrimExpr I64(int64_t v) { return IntImm(DataType::Int(64), v); }

Var Tensor(Array<PrimExpr> shape, DataType dtype = DataType::Float(32)) {
  return Var("x", TensorStructInfo(shape, dtype));
}

StructInfo Infer(const std::string& op, Array<Expr> args) {
  return GetStructInfo(BlockBuilder::Create()->Normalize(Call(ir::Op::Get(op), args)));
}

// The message of the TypeInferenceError that inferring op(args) raises.
std::string InferError(const std::string& op, Array<Expr> args) {
  try {
    Infer(op, args);
  } catch (const TypeInferenceError& e) {
    return e.message();
  }
  ADD_FAILURE() << op << " did not raise TypeInferenceError";
  return "";
}

TEST(RelaxElemwiseOps, RegisteredWithPatternAndPurity) {
  ir::OpAttrMap<OpPatternKind> pattern("TOpPattern");
  ir::OpAttrMap<FInferStructInfo> infer("FInferStructInfo");
  ir::OpAttrMap<FLegalize> legalize("FLegalize");
  ir::OpAttrMap<bool> purity("FPurity");
  std::vector<std::string> elemwise = {
      "abs",  "negative", "square", "sign",  "exp",   "log",      "sqrt",        "rsqrt",
      "sin",  "cos",      "tanh",   "sigmoid", "erf", "floor",    "ceil",        "round",
      "isnan", "isinf",   "clip",   "astype",  "isfinite",        "logical_not"};
  std::vector<std::string> broadcast = {
      "add",        "subtract", "multiply",      "divide",      "floor_divide", "floor_mod",
      "power",      "maximum",  "minimum",       "equal",       "not_equal",    "less",
      "less_equal", "greater",  "greater_equal", "logical_and", "logical_or",   "logical_xor",
      "where"};
  for (auto [names, kind] : {std::pair{elemwise, OpPatternKind::kElemWise},
                             std::pair{broadcast, OpPatternKind::kBroadcast}}) {
    for (const std::string& name : names) {
      ir::Op op = ir::Op::Get("relax." + name);
      EXPECT_EQ(pattern.at(op), kind) << name;
      EXPECT_TRUE(infer.count(op)) << name;
      EXPECT_TRUE(legalize.count(op)) << name;
      EXPECT_TRUE(purity.at(op)) << name;
    }
  }
}

TEST(RelaxElemwiseOps, BroadcastInference) {
  tir::Var n("n", DataType::Int(64));
  StructInfo sinfo = Infer("relax.add", {Tensor({n, I64(1)}), Tensor({I64(5)})});
  EXPECT_TRUE(ir::StructuralEqual(sinfo, TensorStructInfo({n, I64(5)}, DataType::Float(32))));
  sinfo = Infer("relax.less", {Tensor({I64(3)}), Tensor({})});
  EXPECT_TRUE(ir::StructuralEqual(sinfo, TensorStructInfo({I64(3)}, DataType::Bool())));
  // Two unrelated sizes: known rank, unknown shape.
  tir::Var m("m", DataType::Int(64));
  auto unknown =
      ir::Downcast<TensorStructInfo>(Infer("relax.multiply", {Tensor({n}), Tensor({m})}));
  EXPECT_EQ(unknown->ndim, 1);
  EXPECT_FALSE(unknown->shape.defined());
}

TEST(RelaxElemwiseOps, InferenceErrorMessages) {
  EXPECT_EQ(InferError("relax.exp", {Tensor({I64(4)}, DataType::Int(32))}),
            "relax.exp: argument x has dtype int32, but expected a float dtype");
  EXPECT_EQ(InferError("relax.logical_and",
                       {Tensor({I64(4)}, DataType::Bool()), Tensor({I64(4)})}),
            "relax.logical_and: argument x2 has dtype float32, but expected bool");
  EXPECT_EQ(InferError("relax.where", {Tensor({I64(4)}), Tensor({I64(4)}), Tensor({I64(4)})}),
            "relax.where: argument condition has dtype float32, but expected bool");
  EXPECT_NE(InferError("relax.add", {Tensor({I64(3)}), Tensor({I64(4)})}).find("relax.add"),
            std::string::npos);
}

}  // namespace
}  // namespace relax
}  // namespace tessel
