// where(condition, x1, x2): x1 where condition holds, else x2, with numpy broadcasting of
// all three (pattern kBroadcast).
#include "elemwise_common.h"
#include "tessel/relax/block_builder.h"

namespace tessel {
namespace relax {

namespace {

PrimExpr Where(const Array<PrimExpr>& x) { return tir::Select(x[0], x[1], x[2]); }

StructInfo InferWhere(const Call& call, const BlockBuilder& ctx) {
  CheckNumArgs(call, 3);
  TensorStructInfo condition = GetTensorArg(call, 0);
  TensorStructInfo x1 = GetTensorArg(call, 1);
  TensorStructInfo x2 = GetTensorArg(call, 2);
  CheckDTypeClass(call, 0, condition, DTypeClass::kBool);
  DataType dtype = SameDtype(call, 1, 2);
  return InferBroadcast(call, ctx, {condition, x1, x2}, dtype);
}

}  // namespace

TESSEL_RELAX_REGISTER_OP("relax.where")
    .describe("x1 where condition holds, else x2; the three broadcast together.")
    .add_argument("condition")
    .add_argument("x1")
    .add_argument("x2")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferWhere)
    .set_attr<FLegalize>("FLegalize", ElementwiseLegalization("where", 3, Where))
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kBroadcast)
    .set_attr<bool>("FPurity", true);

}  // namespace relax
}  // namespace tessel
