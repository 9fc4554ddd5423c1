/*!
 * \file tessel/tir/op.h
 * \brief Building TensorIR expressions: constants of a dtype, arithmetic operators,
 * min/max/floordiv and friends, casts, and the math intrinsics ("tir.exp", ...).
 *
 * The intrinsics are ir::Op registered under "tir.<name>" (see src/tir/intrinsics.cc);
 * `exp(x)` builds `Call(x.dtype, Op::Get("tir.exp"), {x})`.
 *
 * The operators (`a + b`, `a * 2`, `a < b`) are declared in namespace tessel::ir, the
 * namespace of PrimExpr, so that argument-dependent lookup finds them for any PrimExpr
 * wherever it is used. An integer or floating-point literal operand becomes a constant of
 * the other operand's dtype; two expressions must already share a dtype.
 */
#ifndef TESSEL_TIR_OP_H_
#define TESSEL_TIR_OP_H_

#include <string>

#include "tessel/tir/expr.h"

namespace tessel {
namespace tir {

/*!
 * \brief The constant `value` of dtype (an IntImm, FloatImm or bool; a Broadcast for vectors).
 * \throws InvalidArgumentError when value does not fit the dtype or is not integral for an
 *   integer dtype.
 */
PrimExpr make_const(DataType dtype, double value);
/*! \brief The constant `value` of an integer, bool or float dtype (exact for all int64 values). */
PrimExpr make_const(DataType dtype, int64_t value);
/*! \brief The zero of dtype. */
PrimExpr make_zero(DataType dtype);
/*! \brief The one of dtype. */
PrimExpr make_one(DataType dtype);
/*! \brief Whether expr is the integer or float constant `value`. */
bool is_const_number(const PrimExpr& expr, double value);

/*! \brief The smaller of a and b (a Min node). */
PrimExpr min(PrimExpr a, PrimExpr b);
/*! \brief The larger of a and b (a Max node). */
PrimExpr max(PrimExpr a, PrimExpr b);
/*! \brief Division rounding toward negative infinity (a FloorDiv node). */
PrimExpr floordiv(PrimExpr a, PrimExpr b);
/*! \brief The remainder of floordiv, with the sign of b (a FloorMod node). */
PrimExpr floormod(PrimExpr a, PrimExpr b);
/*! \brief Division rounding toward zero (a Div node on integers). */
PrimExpr truncdiv(PrimExpr a, PrimExpr b);
/*! \brief The remainder of truncdiv, with the sign of a (a Mod node). */
PrimExpr truncmod(PrimExpr a, PrimExpr b);
/*! \brief x converted to dtype; x itself when it already has that dtype. */
PrimExpr cast(DataType dtype, PrimExpr x);
/*! \brief `a and b` of two bools. */
PrimExpr logical_and(PrimExpr a, PrimExpr b);
/*! \brief `a or b` of two bools. */
PrimExpr logical_or(PrimExpr a, PrimExpr b);
/*! \brief `not a` of a bool. */
PrimExpr logical_not(PrimExpr a);

/*!
 * \brief A call of the registered intrinsic "tir.<name>" on args, returning args[0]'s dtype.
 * \throws InvalidArgumentError when the intrinsic is unknown, args are missing, their
 *   dtypes differ, or they are not floats for a floating-point intrinsic.
 */
PrimExpr call_intrin(const std::string& name, const Array<PrimExpr>& args);

/*! \brief e to the x. */
PrimExpr exp(PrimExpr x);
/*! \brief Natural logarithm. */
PrimExpr log(PrimExpr x);
/*! \brief Square root. */
PrimExpr sqrt(PrimExpr x);
/*! \brief 1 / sqrt(x). */
PrimExpr rsqrt(PrimExpr x);
/*! \brief Hyperbolic tangent. */
PrimExpr tanh(PrimExpr x);
/*! \brief The Gauss error function. */
PrimExpr erf(PrimExpr x);
/*! \brief 1 / (1 + exp(-x)). */
PrimExpr sigmoid(PrimExpr x);
/*! \brief x to the power y. */
PrimExpr pow(PrimExpr x, PrimExpr y);
/*! \brief Absolute value of a float. */
PrimExpr fabs(PrimExpr x);
/*! \brief Round toward negative infinity. */
PrimExpr floor(PrimExpr x);
/*! \brief Round toward positive infinity. */
PrimExpr ceil(PrimExpr x);
/*! \brief Round to the nearest integer value, halves to even (like numpy.round). */
PrimExpr round(PrimExpr x);
/*! \brief a * b + c in one rounding. */
PrimExpr fma(PrimExpr a, PrimExpr b, PrimExpr c);

}  // namespace tir

namespace ir {

/*! \brief `a + b` (tir.Add). */
PrimExpr operator+(PrimExpr a, PrimExpr b);
/*! \brief `a - b` (tir.Sub). */
PrimExpr operator-(PrimExpr a, PrimExpr b);
/*! \brief `a * b` (tir.Mul). */
PrimExpr operator*(PrimExpr a, PrimExpr b);
/*! \brief `a / b` (tir.Div: true division for floats, truncating for integers). */
PrimExpr operator/(PrimExpr a, PrimExpr b);
/*! \brief `0 - a`. */
PrimExpr operator-(PrimExpr a);
/*! \brief `a < b` (tir.LT). */
PrimExpr operator<(PrimExpr a, PrimExpr b);
/*! \brief `a <= b` (tir.LE). */
PrimExpr operator<=(PrimExpr a, PrimExpr b);
/*! \brief `a > b` (tir.GT). */
PrimExpr operator>(PrimExpr a, PrimExpr b);
/*! \brief `a >= b` (tir.GE). */
PrimExpr operator>=(PrimExpr a, PrimExpr b);
/*! \brief `a and b` (tir.And). */
PrimExpr operator&&(PrimExpr a, PrimExpr b);
/*! \brief `a or b` (tir.Or). */
PrimExpr operator||(PrimExpr a, PrimExpr b);
/*! \brief `not a` (tir.Not). */
PrimExpr operator!(PrimExpr a);

/*! \brief Literal operands become constants of the expression's dtype. */
#define TESSEL_TIR_LITERAL_OPERATOR(OP)                         \
  PrimExpr operator OP(PrimExpr a, int b);                      \
  PrimExpr operator OP(int a, PrimExpr b);                      \
  PrimExpr operator OP(PrimExpr a, int64_t b);                  \
  PrimExpr operator OP(int64_t a, PrimExpr b);                  \
  PrimExpr operator OP(PrimExpr a, double b);                   \
  PrimExpr operator OP(double a, PrimExpr b);
TESSEL_TIR_LITERAL_OPERATOR(+)
TESSEL_TIR_LITERAL_OPERATOR(-)
TESSEL_TIR_LITERAL_OPERATOR(*)
TESSEL_TIR_LITERAL_OPERATOR(/)
TESSEL_TIR_LITERAL_OPERATOR(<)
TESSEL_TIR_LITERAL_OPERATOR(<=)
TESSEL_TIR_LITERAL_OPERATOR(>)
TESSEL_TIR_LITERAL_OPERATOR(>=)
#undef TESSEL_TIR_LITERAL_OPERATOR

}  // namespace ir
}  // namespace tessel

#endif  // TESSEL_TIR_OP_H_
