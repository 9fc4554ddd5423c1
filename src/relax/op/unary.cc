// Unary elementwise operators: math on one tensor, element by element (pattern kElemWise).
//
// Each keeps its argument's shape; the result dtype is the argument's, or bool for the
// predicates (isnan, isinf, isfinite, logical_not). Transcendental functions accept floats
// only, since their tir intrinsics are float-only; rounding (floor, ceil, round) is the
// identity on integers, and isnan/isinf/isfinite give constants for them, as in numpy.
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <utility>

#include "elemwise_common.h"
#include "tessel/relax/block_builder.h"

namespace tessel {
namespace relax {

namespace {

using UnaryCompute = std::function<PrimExpr(const PrimExpr& x)>;

constexpr DTypeClass kNumeric = DTypeClass::kNumeric;
constexpr DTypeClass kFloat = DTypeClass::kFloat;
constexpr DTypeClass kAny = DTypeClass::kAny;
constexpr DTypeClass kBool = DTypeClass::kBool;

FInferStructInfo UnaryInference(DTypeClass accepts, bool bool_result) {
  return [accepts, bool_result](const Call& call, const BlockBuilder&) -> StructInfo {
    CheckNumArgs(call, 1);
    TensorStructInfo x = GetTensorArg(call, 0);
    CheckDTypeClass(call, 0, x, accepts);
    return WithDType(x, bool_result ? DataType::Bool() : x->dtype);
  };
}

// The kernel's name: the operator's, except where that is a C math function LLVM may lower
// the intrinsic to (sin, floor, ...): a kernel named `sin` would call itself.
std::string KernelName(const std::string& op_name) {
  static const std::set<std::string> libm = {"sin", "cos", "floor", "ceil", "round"};
  return libm.count(op_name) ? "relax_" + op_name : op_name;
}

FLegalize UnaryLegalization(const std::string& name, UnaryCompute f) {
  return ElementwiseLegalization(
      KernelName(name), 1, [f = std::move(f)](const Array<PrimExpr>& x) { return f(x[0]); });
}

UnaryCompute Intrinsic(const std::string& name) {
  return InFloat32([name](const PrimExpr& x) { return tir::call_intrin(name, {x}); });
}

PrimExpr Infinity(DataType dtype) {
  return tir::make_const(dtype, std::numeric_limits<double>::infinity());
}

// Rounding of floats by the intrinsic; integers are already integral.
UnaryCompute Rounding(const std::string& name) {
  return [name](const PrimExpr& x) {
    return x.dtype().is_float() ? tir::call_intrin(name, {x}) : x;
  };
}

PrimExpr Abs(const PrimExpr& x) {
  if (x.dtype().is_float()) return tir::fabs(x);
  if (x.dtype().is_int()) return tir::Select(x < 0, -x, x);
  return x;
}

// -1, 0 or 1; NaN stays NaN, like numpy.sign.
PrimExpr Sign(const PrimExpr& x) {
  DataType t = x.dtype();
  PrimExpr negative = t.is_uint() ? tir::make_zero(t) : tir::make_const(t, int64_t{-1});
  PrimExpr zero = t.is_float() ? x : tir::make_zero(t);  // x keeps NaN (and 0 is 0)
  return tir::Select(x > 0, tir::make_one(t), tir::Select(x < 0, negative, zero));
}

PrimExpr IsNaN(const PrimExpr& x) {
  return x.dtype().is_float() ? PrimExpr(tir::NE(x, x)) : tir::make_zero(DataType::Bool());
}

PrimExpr IsInf(const PrimExpr& x) {
  if (!x.dtype().is_float()) return tir::make_zero(DataType::Bool());
  return tir::EQ(tir::fabs(x), Infinity(x.dtype()));
}

// NaN compares false, so NaN is not finite.
PrimExpr IsFinite(const PrimExpr& x) {
  if (!x.dtype().is_float()) return tir::make_one(DataType::Bool());
  return tir::fabs(x) < Infinity(x.dtype());
}

// ---- clip: attributes min and max (floats; integral for integer tensors) -------------------

struct ClipBounds {
  double min;
  double max;
};

ClipBounds GetClipBounds(const Call& call) {
  return {GetFloatAttr(call, "min"), GetFloatAttr(call, "max")};
}

// The smallest and largest values of an integer dtype (the largest rounded up to a power of
// two for 64 bits, which a double cannot hold exactly).
std::pair<double, double> IntegerRange(DataType t) {
  if (t.is_int()) return {-std::ldexp(1.0, t.bits() - 1), std::ldexp(1.0, t.bits() - 1) - 1};
  return {0.0, std::ldexp(1.0, t.bits()) - 1};
}

StructInfo InferClip(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 1);
  TensorStructInfo x = GetTensorArg(call, 0);
  CheckDTypeClass(call, 0, x, kNumeric);
  ClipBounds bounds = GetClipBounds(call);
  bool integer = !x->IsUnknownDtype() && x->dtype.is_integer();
  for (auto [name, value] : {std::pair{"min", bounds.min}, std::pair{"max", bounds.max}}) {
    if (std::isnan(value)) {
      throw TypeInferenceError(StrCat("relax.clip: attribute ", name, " is NaN"));
    }
    if (integer && std::isfinite(value) && std::trunc(value) != value) {
      throw TypeInferenceError(StrCat("relax.clip: attribute ", name, " is ", value,
                                      ", but argument x has the integer dtype ",
                                      x->dtype.ToString()));
    }
  }
  if (bounds.min > bounds.max) {
    throw TypeInferenceError(StrCat("relax.clip: attribute min (", bounds.min,
                                    ") is greater than max (", bounds.max, ")"));
  }
  if (integer) {
    auto [lowest, highest] = IntegerRange(x->dtype);
    if (bounds.min > highest || bounds.max < lowest) {
      throw TypeInferenceError(StrCat("relax.clip: the range [", bounds.min, ", ", bounds.max,
                                      "] lies outside the values of argument x's dtype ",
                                      x->dtype.ToString()));
    }
  }
  return x;
}

// An integer bound at or beyond its dtype's limit clamps nothing, so it is left out.
PrimExpr Clip(const PrimExpr& x, ClipBounds bounds) {
  DataType t = x.dtype();
  if (t.is_float()) {
    return tir::max(tir::min(x, tir::make_const(t, bounds.max)), tir::make_const(t, bounds.min));
  }
  auto [lowest, highest] = IntegerRange(t);
  PrimExpr result = x;
  if (bounds.max < highest) result = tir::min(result, tir::make_const(t, bounds.max));
  if (bounds.min > lowest) result = tir::max(result, tir::make_const(t, bounds.min));
  return result;
}

Expr LegalizeClip(const BlockBuilder& bb, const Call& call) {
  ClipBounds bounds = GetClipBounds(call);
  FLegalize legalize = ElementwiseLegalization(
      "clip", 1, [bounds](const Array<PrimExpr>& x) { return Clip(x[0], bounds); });
  return legalize(bb, call);
}

}  // namespace

// Registers relax.<OpName> taking one tensor x.
#define TESSEL_RELAX_REGISTER_UNARY(OpName, Description, Accepts, BoolResult, Compute) \
  TESSEL_RELAX_REGISTER_OP("relax." OpName)                                          \
      .describe(Description)                                                         \
      .add_argument("x")                                                             \
      .set_attr<FInferStructInfo>("FInferStructInfo",                                \
                                  UnaryInference(Accepts, BoolResult))               \
      .set_attr<FLegalize>("FLegalize", UnaryLegalization(OpName, Compute))          \
      .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kElemWise)               \
      .set_attr<bool>("FPurity", true)

// The element computation `EXPR` of x.
#define TESSEL_UNARY(EXPR) [](const PrimExpr& x) -> PrimExpr { return EXPR; }

TESSEL_RELAX_REGISTER_UNARY("abs", "The absolute value of x.", kNumeric, false, Abs);
TESSEL_RELAX_REGISTER_UNARY("negative", "-x.", kNumeric, false, TESSEL_UNARY(-x));
TESSEL_RELAX_REGISTER_UNARY("square", "x * x.", kNumeric, false, TESSEL_UNARY(x * x));
TESSEL_RELAX_REGISTER_UNARY("sign", "-1, 0 or 1 by the sign of x (NaN stays NaN).", kNumeric,
                            false, Sign);
TESSEL_RELAX_REGISTER_UNARY("exp", "e to the power x.", kFloat, false, Intrinsic("exp"));
TESSEL_RELAX_REGISTER_UNARY("log", "The natural logarithm of x.", kFloat, false, Intrinsic("log"));
TESSEL_RELAX_REGISTER_UNARY("sqrt", "The square root of x.", kFloat, false, Intrinsic("sqrt"));
TESSEL_RELAX_REGISTER_UNARY("rsqrt", "1 / sqrt(x).", kFloat, false, Intrinsic("rsqrt"));
TESSEL_RELAX_REGISTER_UNARY("sin", "The sine of x (radians).", kFloat, false, Intrinsic("sin"));
TESSEL_RELAX_REGISTER_UNARY("cos", "The cosine of x (radians).", kFloat, false, Intrinsic("cos"));
TESSEL_RELAX_REGISTER_UNARY("tanh", "The hyperbolic tangent of x.", kFloat, false,
                            Intrinsic("tanh"));
TESSEL_RELAX_REGISTER_UNARY("sigmoid", "1 / (1 + exp(-x)).", kFloat, false, Intrinsic("sigmoid"));
TESSEL_RELAX_REGISTER_UNARY("erf", "The Gauss error function of x.", kFloat, false,
                            Intrinsic("erf"));
TESSEL_RELAX_REGISTER_UNARY("floor", "x rounded toward negative infinity.", kNumeric, false,
                            Rounding("floor"));
TESSEL_RELAX_REGISTER_UNARY("ceil", "x rounded toward positive infinity.", kNumeric, false,
                            Rounding("ceil"));
TESSEL_RELAX_REGISTER_UNARY("round", "x rounded to the nearest integer, halves to even.",
                            kNumeric, false, Rounding("round"));
TESSEL_RELAX_REGISTER_UNARY("logical_not", "not x, of a bool tensor.", kBool, true,
                            TESSEL_UNARY(tir::logical_not(x)));
TESSEL_RELAX_REGISTER_UNARY("isnan", "Whether x is NaN (false for integers).", kAny, true, IsNaN);
TESSEL_RELAX_REGISTER_UNARY("isinf", "Whether x is infinite (false for integers).", kAny, true,
                            IsInf);
TESSEL_RELAX_REGISTER_UNARY("isfinite", "Whether x is neither infinite nor NaN (true for ints).",
                            kAny, true, IsFinite);

TESSEL_RELAX_REGISTER_OP("relax.clip")
    .describe("x limited to [min, max] (attributes min and max).")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferClip)
    .set_attr<FLegalize>("FLegalize", LegalizeClip)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kElemWise)
    .set_attr<bool>("FPurity", true);

}  // namespace relax
}  // namespace tessel
