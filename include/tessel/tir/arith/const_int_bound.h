/*!
 * \file tessel/tir/arith/const_int_bound.h
 * \brief Constant integer bounds: the smallest interval [min_value, max_value] of int64
 * known to hold every value an integer expression can take.
 */
#ifndef TESSEL_TIR_ARITH_CONST_INT_BOUND_H_
#define TESSEL_TIR_ARITH_CONST_INT_BOUND_H_

#include <cstdint>
#include <limits>

namespace tessel {
namespace tir {
namespace arith {

/*!
 * \brief An interval of int64 with infinite ends.
 *
 * kNegInf and kPosInf stand for unbounded ends; an int64 expression whose bound is the
 * whole int64 range is therefore reported as unbounded. Arithmetic on bounds saturates at
 * the sentinels. The analysis assumes integer arithmetic does not overflow its dtype (as C
 * assumes for signed integers) and clips every bound to its expression's dtype range.
 */
struct ConstIntBound {
  /*! \brief The sentinel of an unbounded upper end. */
  static constexpr int64_t kPosInf = std::numeric_limits<int64_t>::max();
  /*! \brief The sentinel of an unbounded lower end. */
  static constexpr int64_t kNegInf = std::numeric_limits<int64_t>::min();

  int64_t min_value = kNegInf;  //!< the least value, or kNegInf
  int64_t max_value = kPosInf;  //!< the greatest value, or kPosInf

  /*! \brief The interval of every int64. */
  static ConstIntBound Everything() { return ConstIntBound{kNegInf, kPosInf}; }
  /*! \brief The single value v. */
  static ConstIntBound Point(int64_t v) { return ConstIntBound{v, v}; }
  /*! \brief Whether the interval holds exactly one value. */
  bool is_const() const { return min_value == max_value; }
  /*! \brief Whether both bounds are equal. */
  bool operator==(const ConstIntBound& other) const {
    return min_value == other.min_value && max_value == other.max_value;
  }
};

}  // namespace arith
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_ARITH_CONST_INT_BOUND_H_
