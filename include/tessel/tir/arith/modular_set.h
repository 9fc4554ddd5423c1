/*!
 * \file tessel/tir/arith/modular_set.h
 * \brief Modular sets: every value of an expression is `coeff * k + base` for some integer k.
 */
#ifndef TESSEL_TIR_ARITH_MODULAR_SET_H_
#define TESSEL_TIR_ARITH_MODULAR_SET_H_

#include <cstdint>

namespace tessel {
namespace tir {
namespace arith {

/*!
 * \brief The set `{coeff * k + base | k integer}`, used to reason about divisibility.
 *
 * coeff is never negative. coeff == 0 means the single value base; coeff == 1 (base 0)
 * means nothing is known. Otherwise 0 <= base < coeff.
 */
struct ModularSet {
  int64_t coeff = 1;  //!< the stride of the set (0 for a constant)
  int64_t base = 0;   //!< the remainder modulo coeff

  /*! \brief The set of all integers. */
  static ModularSet Everything() { return ModularSet{1, 0}; }
  /*! \brief Whether both fields are equal. */
  bool operator==(const ModularSet& other) const {
    return coeff == other.coeff && base == other.base;
  }
};

}  // namespace arith
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_ARITH_MODULAR_SET_H_
