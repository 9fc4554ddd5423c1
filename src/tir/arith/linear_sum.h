// LinearSum: the canonical form of signed integer expressions, a sum of atoms with
// constant coefficients plus a constant. Internal to the analyzer.
#ifndef TESSEL_SRC_TIR_ARITH_LINEAR_SUM_H_
#define TESSEL_SRC_TIR_ARITH_LINEAR_SUM_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tessel/tir/arith/const_int_bound.h"
#include "tessel/tir/expr.h"

namespace tessel {
namespace tir {
namespace arith {

/*!
 * constant + sum(coeff * atom). An atom is any expression that is not an Add, a Sub,
 * a multiplication by a constant or a constant; atoms compare structurally (variables by
 * identity). Coefficients are never zero. `ok` is false once a coefficient overflowed
 * int64; such a sum must not be used.
 */
struct LinearSum {
  DataType dtype;
  std::vector<std::pair<PrimExpr, int64_t>> terms;
  int64_t constant = 0;
  bool ok = true;

  /*! Adds coeff * atom, merging with an equal atom. */
  void AddTerm(const PrimExpr& atom, int64_t coeff);
  /*! Adds scale * other. */
  void AddScaled(const LinearSum& other, int64_t scale);
  /*! Whether it is only a constant. */
  bool IsConst() const { return ok && terms.empty(); }
  /*! The coefficient of atom, or 0. */
  int64_t CoeffOf(const PrimExpr& atom) const;
};

/*! Whether dtype gets the canonical treatment: scalar signed integers. */
bool IsLinearType(DataType dtype);
/*! Whether two expressions are structurally equal (variables by identity). */
bool ExprEqual(const PrimExpr& a, const PrimExpr& b);
/*! The sum of an expression, descending Add, Sub, Mul by a constant and constants. */
LinearSum ToLinear(const PrimExpr& expr);
/*! The expression of a sum: positive terms first, then subtractions, then the constant; nullopt when a value does not fit the dtype. */
std::optional<PrimExpr> ToExpr(const LinearSum& sum);
/*! floor(a / b) for b != 0 (not INT64_MIN / -1, which overflows). */
int64_t FloorDivInt(int64_t a, int64_t b);
/*! a - b * floor(a / b) for b != 0. */
int64_t FloorModInt(int64_t a, int64_t b);
/*! The greatest common divisor of |a| and |b| (gcd(0, 0) = 0; 1 when it would be 2^63). */
int64_t Gcd(int64_t a, int64_t b);
/*! The text of an expression for messages (no variable declarations). */
std::string ExprText(const PrimExpr& expr);
/*! Whether expr mentions var. */
bool UsesVar(const PrimExpr& expr, const VarNode* var);
/*! Whether value fits the integer dtype. */
bool FitsDType(int64_t value, DataType dtype);

}  // namespace arith
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_SRC_TIR_ARITH_LINEAR_SUM_H_
