/*!
 * \file tessel/tir/arith/int_set.h
 * \brief IntSet: an interval of integers whose ends may be symbolic expressions or infinite.
 *
 * Analyzer::EvalSet computes the IntSet an expression covers while its variables range
 * over sets; a schedule uses it to find the region of a buffer a loop nest touches:
 * `A[i * 8 + ii]` with `ii` in [0, 8) covers [i * 8, i * 8 + 7].
 */
#ifndef TESSEL_TIR_ARITH_INT_SET_H_
#define TESSEL_TIR_ARITH_INT_SET_H_

#include "tessel/tir/var.h"

namespace tessel {
namespace tir {
namespace arith {

/*!
 * \brief The closed interval [min_value, max_value].
 *
 * An undefined min_value means minus infinity, an undefined max_value plus infinity.
 * An empty set (the intersection of disjoint intervals) has `empty` set.
 */
class IntSetNode : public Object {
 public:
  PrimExpr min_value;  //!< the least value; undefined when unbounded below
  PrimExpr max_value;  //!< the greatest value (inclusive); undefined when unbounded above
  bool empty = false;  //!< whether the set holds no value at all

  void VisitFields(FieldVisitor* v) override {
    v->Visit("min_value", &min_value);
    v->Visit("max_value", &max_value);
    v->Visit("empty", &empty);
  }
  TESSEL_DECLARE_NODE(IntSetNode, "arith.IntSet");
};

/*! \brief Handle to an IntSetNode. */
class IntSet : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(IntSet, ObjectRef, IntSetNode);
  /*! \brief The interval [min_value, max_value]; an undefined end is infinite. */
  static IntSet Interval(PrimExpr min_value, PrimExpr max_value);
  /*! \brief The single value `value`. */
  static IntSet SinglePoint(PrimExpr value);
  /*! \brief The values of range: [min, min + extent - 1]. */
  static IntSet FromRange(const Range& range);
  /*! \brief Every integer. */
  static IntSet Everything();
  /*! \brief No integer. */
  static IntSet Empty();

  /*! \brief Whether the set is bounded below. */
  bool HasLowerBound() const;
  /*! \brief Whether the set is bounded above. */
  bool HasUpperBound() const;
  /*! \brief Whether the set is unbounded on both ends. */
  bool IsEverything() const;
  /*! \brief Whether the set is empty. */
  bool IsEmpty() const;
  /*! \brief Whether min and max are the same expression. */
  bool IsSinglePoint() const;
  /*!
   * \brief The Range [min, max + 1) covering the set, with its extent simplified.
   * \throws InvalidArgumentError when the set is empty or unbounded.
   */
  Range CoverRange() const;
};

}  // namespace arith
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_ARITH_INT_SET_H_
