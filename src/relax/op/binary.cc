// Binary elementwise operators with numpy broadcasting (pattern kBroadcast).
//
// Both arguments are tensors of one dtype (no implicit promotion, like TVM); a 0-d tensor
// broadcasts as a scalar. Arithmetic takes numeric tensors, divide and power float ones
// (use floor_divide, or astype first, for integers); comparisons take any dtype and give
// bool; the logical operators take and give bool. The result shape is the broadcast of the
// two shapes (see InferBroadcast in elemwise_common.h for symbolic sizes).
#include <string>
#include <utility>

#include "elemwise_common.h"
#include "tessel/relax/block_builder.h"

namespace tessel {
namespace relax {

namespace {

using BinaryCompute = std::function<PrimExpr(const PrimExpr& a, const PrimExpr& b)>;

FInferStructInfo BinaryInference(DTypeClass accepts, bool bool_result) {
  return [accepts, bool_result](const Call& call, const BlockBuilder& ctx) -> StructInfo {
    CheckNumArgs(call, 2);
    TensorStructInfo x1 = GetTensorArg(call, 0);
    TensorStructInfo x2 = GetTensorArg(call, 1);
    CheckDTypeClass(call, 0, x1, accepts);
    CheckDTypeClass(call, 1, x2, accepts);
    DataType dtype = SameDtype(call, 0, 1);
    return InferBroadcast(call, ctx, {x1, x2}, bool_result ? DataType::Bool() : dtype);
  };
}

FLegalize BinaryLegalization(const std::string& name, BinaryCompute f) {
  return ElementwiseLegalization(
      name, 2, [f = std::move(f)](const Array<PrimExpr>& x) { return f(x[0], x[1]); });
}

// Integer division by 0, and INT_MIN / -1, trap in hardware; numpy gives 0 for the first
// and wraps for the second. The divisor is replaced by 1 in those lanes and the quotient
// (or remainder) chosen by Select, so no lane traps.
struct SafeDivisor {
  PrimExpr by_zero;       // b == 0
  PrimExpr by_minus_one;  // b == -1 (signed types only; else undefined)
  PrimExpr divisor;       // b, or 1 where one of the above holds
};

SafeDivisor MakeSafeDivisor(const PrimExpr& b) {
  DataType t = b.dtype();
  SafeDivisor safe;
  safe.by_zero = tir::EQ(b, tir::make_zero(t));
  PrimExpr replace = safe.by_zero;
  if (t.is_int()) {
    safe.by_minus_one = tir::EQ(b, tir::make_const(t, int64_t{-1}));
    replace = safe.by_zero || safe.by_minus_one;
  }
  safe.divisor = tir::Select(replace, tir::make_one(t), b);
  return safe;
}

PrimExpr FloorDivide(const PrimExpr& a, const PrimExpr& b) {
  if (a.dtype().is_float()) return tir::floordiv(a, b);
  SafeDivisor safe = MakeSafeDivisor(b);
  PrimExpr zero = tir::make_zero(a.dtype());
  PrimExpr quotient = tir::floordiv(a, safe.divisor);
  if (safe.by_minus_one.defined()) quotient = tir::Select(safe.by_minus_one, zero - a, quotient);
  return tir::Select(safe.by_zero, zero, quotient);
}

PrimExpr FloorMod(const PrimExpr& a, const PrimExpr& b) {
  if (a.dtype().is_float()) return tir::floormod(a, b);
  SafeDivisor safe = MakeSafeDivisor(b);
  // x mod -1 is 0, which floormod by the replaced divisor 1 gives too.
  return tir::Select(safe.by_zero, tir::make_zero(a.dtype()), tir::floormod(a, safe.divisor));
}

PrimExpr Power(const PrimExpr& a, const PrimExpr& b) {
  DataType t = a.dtype();
  if (t.bits() >= 32) return tir::pow(a, b);
  DataType f32 = DataType::Float(32);
  return tir::cast(t, tir::pow(tir::cast(f32, a), tir::cast(f32, b)));
}

}  // namespace

// Registers relax.<OpName> taking tensors x1 and x2.
#define TESSEL_RELAX_REGISTER_BINARY(OpName, Description, Accepts, BoolResult, Compute) \
  TESSEL_RELAX_REGISTER_OP("relax." OpName)                                           \
      .describe(Description)                                                          \
      .add_argument("x1")                                                             \
      .add_argument("x2")                                                             \
      .set_attr<FInferStructInfo>("FInferStructInfo",                                 \
                                  BinaryInference(Accepts, BoolResult))               \
      .set_attr<FLegalize>("FLegalize", BinaryLegalization(OpName, Compute))          \
      .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kBroadcast)               \
      .set_attr<bool>("FPurity", true)

// The element computation `EXPR` of a and b.
#define TESSEL_BINARY(EXPR) [](const PrimExpr& a, const PrimExpr& b) -> PrimExpr { return EXPR; }

namespace {
constexpr DTypeClass kNumeric = DTypeClass::kNumeric;
constexpr DTypeClass kFloat = DTypeClass::kFloat;
constexpr DTypeClass kAny = DTypeClass::kAny;
constexpr DTypeClass kBool = DTypeClass::kBool;
}  // namespace

TESSEL_RELAX_REGISTER_BINARY("add", "x1 + x2.", kNumeric, false, TESSEL_BINARY(a + b));
TESSEL_RELAX_REGISTER_BINARY("subtract", "x1 - x2.", kNumeric, false, TESSEL_BINARY(a - b));
TESSEL_RELAX_REGISTER_BINARY("multiply", "x1 * x2.", kNumeric, false, TESSEL_BINARY(a * b));
TESSEL_RELAX_REGISTER_BINARY("divide", "x1 / x2, true division of floats.", kFloat, false,
                             TESSEL_BINARY(a / b));
TESSEL_RELAX_REGISTER_BINARY("floor_divide",
                             "x1 / x2 rounded toward negative infinity (an integer x / 0 is 0).",
                             kNumeric, false, FloorDivide);
TESSEL_RELAX_REGISTER_BINARY("floor_mod",
                             "x1 - floor_divide(x1, x2) * x2 (an integer x mod 0 is 0).",
                             kNumeric, false, FloorMod);
TESSEL_RELAX_REGISTER_BINARY("power", "x1 to the power x2, of floats.", kFloat, false, Power);
TESSEL_RELAX_REGISTER_BINARY("maximum", "The larger of x1 and x2.", kNumeric, false,
                             TESSEL_BINARY(tir::max(a, b)));
TESSEL_RELAX_REGISTER_BINARY("minimum", "The smaller of x1 and x2.", kNumeric, false,
                             TESSEL_BINARY(tir::min(a, b)));
TESSEL_RELAX_REGISTER_BINARY("equal", "x1 == x2.", kAny, true, TESSEL_BINARY(tir::EQ(a, b)));
TESSEL_RELAX_REGISTER_BINARY("not_equal", "x1 != x2.", kAny, true, TESSEL_BINARY(tir::NE(a, b)));
TESSEL_RELAX_REGISTER_BINARY("less", "x1 < x2.", kAny, true, TESSEL_BINARY(a < b));
TESSEL_RELAX_REGISTER_BINARY("less_equal", "x1 <= x2.", kAny, true, TESSEL_BINARY(a <= b));
TESSEL_RELAX_REGISTER_BINARY("greater", "x1 > x2.", kAny, true, TESSEL_BINARY(a > b));
TESSEL_RELAX_REGISTER_BINARY("greater_equal", "x1 >= x2.", kAny, true, TESSEL_BINARY(a >= b));
TESSEL_RELAX_REGISTER_BINARY("logical_and", "x1 and x2, of bool tensors.", kBool, true,
                             TESSEL_BINARY(tir::logical_and(a, b)));
TESSEL_RELAX_REGISTER_BINARY("logical_or", "x1 or x2, of bool tensors.", kBool, true,
                             TESSEL_BINARY(tir::logical_or(a, b)));
TESSEL_RELAX_REGISTER_BINARY("logical_xor", "x1 xor x2, of bool tensors.", kBool, true,
                             TESSEL_BINARY(tir::NE(a, b)));

}  // namespace relax
}  // namespace tessel
