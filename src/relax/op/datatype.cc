// astype(x, dtype): x converted element by element to the dtype attribute (pattern
// kElemWise). Conversions follow C: floats to integers truncate toward zero, anything to
// bool is `x != 0`; a float out of the integer range (or NaN) gives an unspecified value.
#include "elemwise_common.h"
#include "tessel/relax/block_builder.h"

namespace tessel {
namespace relax {

namespace {

StructInfo InferAsType(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 1);
  TensorStructInfo x = GetTensorArg(call, 0);
  DataType dtype = GetDTypeAttr(call, "dtype");
  if (dtype.is_void() || dtype.is_handle() || !dtype.is_scalar()) {
    throw TypeInferenceError(StrCat("relax.astype: attribute dtype is ", dtype.ToString(),
                                    ", but expected a scalar numeric or bool dtype"));
  }
  return WithDType(x, dtype);
}

Expr LegalizeAsType(const BlockBuilder& bb, const Call& call) {
  DataType dtype = GetDTypeAttr(call, "dtype");
  FLegalize legalize = ElementwiseLegalization(
      "astype", 1, [dtype](const Array<PrimExpr>& x) { return tir::cast(dtype, x[0]); });
  return legalize(bb, call);
}

}  // namespace

TESSEL_RELAX_REGISTER_OP("relax.astype")
    .describe("x converted to the dtype attribute.")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferAsType)
    .set_attr<FLegalize>("FLegalize", LegalizeAsType)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kElemWise)
    .set_attr<bool>("FPurity", true);

}  // namespace relax
}  // namespace tessel
