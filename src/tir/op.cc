// Arithmetic helpers and operators over PrimExpr, and calls of the math intrinsics.
#include "tessel/tir/op.h"

#include <cmath>

namespace tessel {
namespace tir {

PrimExpr make_const(DataType dtype, int64_t value) {
  if (dtype.is_vector()) return Broadcast(make_const(dtype.element_of(), value), dtype.lanes());
  if (dtype.is_float()) return FloatImm(dtype, static_cast<double>(value));
  if (dtype.is_int() || dtype.is_uint()) return IntImm(dtype, value);
  throw InvalidArgumentError(StrCat("cannot make a constant ", value, " of dtype ", dtype.ToString()));
}

PrimExpr make_const(DataType dtype, double value) {
  if (dtype.is_vector()) return Broadcast(make_const(dtype.element_of(), value), dtype.lanes());
  if (dtype.is_float()) return FloatImm(dtype, value);
  if (dtype.is_int() || dtype.is_uint()) {
    if (std::trunc(value) != value) {
      throw InvalidArgumentError(
          StrCat("cannot use the non-integral constant ", value, " as a ", dtype.ToString()));
    }
    return IntImm(dtype, static_cast<int64_t>(value));
  }
  throw InvalidArgumentError(StrCat("cannot make a constant ", value, " of dtype ", dtype.ToString()));
}

PrimExpr make_zero(DataType dtype) { return make_const(dtype, int64_t{0}); }
PrimExpr make_one(DataType dtype) { return make_const(dtype, int64_t{1}); }

bool is_const_number(const PrimExpr& expr, double value) {
  if (const auto* imm = expr.as<IntImmNode>()) return static_cast<double>(imm->value) == value;
  if (const auto* imm = expr.as<FloatImmNode>()) return imm->value == value;
  return false;
}

PrimExpr min(PrimExpr a, PrimExpr b) { return Min(a, b); }
PrimExpr max(PrimExpr a, PrimExpr b) { return Max(a, b); }
PrimExpr floordiv(PrimExpr a, PrimExpr b) { return FloorDiv(a, b); }
PrimExpr floormod(PrimExpr a, PrimExpr b) { return FloorMod(a, b); }

PrimExpr truncdiv(PrimExpr a, PrimExpr b) {
  if (a.defined() && !a.dtype().is_integer()) {
    throw InvalidArgumentError(StrCat("tir.Div (truncdiv): expected integers, found ", a.dtype().ToString()));
  }
  return Div(a, b);
}

PrimExpr truncmod(PrimExpr a, PrimExpr b) {
  if (a.defined() && !a.dtype().is_integer()) {
    throw InvalidArgumentError(StrCat("tir.Mod (truncmod): expected integers, found ", a.dtype().ToString()));
  }
  return Mod(a, b);
}

PrimExpr cast(DataType dtype, PrimExpr x) {
  if (x.defined() && x.dtype() == dtype) return x;
  return Cast(dtype, x);
}

PrimExpr logical_and(PrimExpr a, PrimExpr b) { return And(a, b); }
PrimExpr logical_or(PrimExpr a, PrimExpr b) { return Or(a, b); }
PrimExpr logical_not(PrimExpr a) { return Not(a); }

PrimExpr call_intrin(const std::string& name, const Array<PrimExpr>& args) {
  std::string full = "tir." + name;
  ir::Op op = ir::Op::Get(full);
  if (args.empty() || !args[0].defined()) {
    throw InvalidArgumentError(StrCat(full, ": expected ", op->arguments.size(), " arguments, found none"));
  }
  DataType t = args[0].dtype();
  for (const PrimExpr& arg : args) {
    if (!arg.defined() || arg.dtype() != t) {
      throw InvalidArgumentError(StrCat(full, ": all arguments must have the same dtype, found ",
                                        t.ToString(), " and ",
                                        arg.defined() ? arg.dtype().ToString() : "None"));
    }
  }
  static const ir::OpAttrMap<bool> float_only("TFloatOnly");
  if (float_only.get(op, false) && !t.is_float()) {
    throw InvalidArgumentError(StrCat(full, ": expected a float argument, found ", t.ToString()));
  }
  return Call(t, op, args);
}

PrimExpr exp(PrimExpr x) { return call_intrin("exp", {x}); }
PrimExpr log(PrimExpr x) { return call_intrin("log", {x}); }
PrimExpr sqrt(PrimExpr x) { return call_intrin("sqrt", {x}); }
PrimExpr rsqrt(PrimExpr x) { return call_intrin("rsqrt", {x}); }
PrimExpr tanh(PrimExpr x) { return call_intrin("tanh", {x}); }
PrimExpr erf(PrimExpr x) { return call_intrin("erf", {x}); }
PrimExpr sigmoid(PrimExpr x) { return call_intrin("sigmoid", {x}); }
PrimExpr pow(PrimExpr x, PrimExpr y) { return call_intrin("pow", {x, y}); }
PrimExpr fabs(PrimExpr x) { return call_intrin("fabs", {x}); }
PrimExpr floor(PrimExpr x) { return call_intrin("floor", {x}); }
PrimExpr ceil(PrimExpr x) { return call_intrin("ceil", {x}); }
PrimExpr round(PrimExpr x) { return call_intrin("round", {x}); }
PrimExpr fma(PrimExpr a, PrimExpr b, PrimExpr c) { return call_intrin("fma", {a, b, c}); }

}  // namespace tir

namespace ir {

PrimExpr operator+(PrimExpr a, PrimExpr b) { return tir::Add(a, b); }
PrimExpr operator-(PrimExpr a, PrimExpr b) { return tir::Sub(a, b); }
PrimExpr operator*(PrimExpr a, PrimExpr b) { return tir::Mul(a, b); }
PrimExpr operator/(PrimExpr a, PrimExpr b) { return tir::Div(a, b); }
PrimExpr operator-(PrimExpr a) {
  if (!a.defined()) throw InvalidArgumentError("tir.Sub: cannot negate None");
  return tir::Sub(tir::make_zero(a.dtype()), a);
}
PrimExpr operator<(PrimExpr a, PrimExpr b) { return tir::LT(a, b); }
PrimExpr operator<=(PrimExpr a, PrimExpr b) { return tir::LE(a, b); }
PrimExpr operator>(PrimExpr a, PrimExpr b) { return tir::GT(a, b); }
PrimExpr operator>=(PrimExpr a, PrimExpr b) { return tir::GE(a, b); }
PrimExpr operator&&(PrimExpr a, PrimExpr b) { return tir::And(a, b); }
PrimExpr operator||(PrimExpr a, PrimExpr b) { return tir::Or(a, b); }
PrimExpr operator!(PrimExpr a) { return tir::Not(a); }

namespace {

DataType TypeOrThrow(const PrimExpr& e) {
  if (!e.defined()) throw InvalidArgumentError("an operand of an arithmetic operator is None");
  return e.dtype();
}

}  // namespace

#define TESSEL_TIR_LITERAL_OPERATOR(OP, Node)                                                   \
  PrimExpr operator OP(PrimExpr a, int b) { return tir::Node(a, tir::make_const(TypeOrThrow(a), int64_t{b})); } \
  PrimExpr operator OP(int a, PrimExpr b) { return tir::Node(tir::make_const(TypeOrThrow(b), int64_t{a}), b); } \
  PrimExpr operator OP(PrimExpr a, int64_t b) { return tir::Node(a, tir::make_const(TypeOrThrow(a), b)); }      \
  PrimExpr operator OP(int64_t a, PrimExpr b) { return tir::Node(tir::make_const(TypeOrThrow(b), a), b); }      \
  PrimExpr operator OP(PrimExpr a, double b) { return tir::Node(a, tir::make_const(TypeOrThrow(a), b)); }       \
  PrimExpr operator OP(double a, PrimExpr b) { return tir::Node(tir::make_const(TypeOrThrow(b), a), b); }
TESSEL_TIR_LITERAL_OPERATOR(+, Add)
TESSEL_TIR_LITERAL_OPERATOR(-, Sub)
TESSEL_TIR_LITERAL_OPERATOR(*, Mul)
TESSEL_TIR_LITERAL_OPERATOR(/, Div)
TESSEL_TIR_LITERAL_OPERATOR(<, LT)
TESSEL_TIR_LITERAL_OPERATOR(<=, LE)
TESSEL_TIR_LITERAL_OPERATOR(>, GT)
TESSEL_TIR_LITERAL_OPERATOR(>=, GE)
#undef TESSEL_TIR_LITERAL_OPERATOR

}  // namespace ir
}  // namespace tessel
