/*!
 * \file tessel/tir/arith/analyzer.h
 * \brief The arithmetic analyzer: the one object passes and schedules use to simplify
 * integer expressions, bound them and prove facts about them.
 *
 * \code
 * arith::Analyzer analyzer;
 * Var i("i"), ii("ii");
 * analyzer.Bind(ii, Range(0, 8));
 * analyzer.Simplify(floordiv(i * 8 + ii, 8));  // i
 * analyzer.CanProve(ii < 8);                   // true
 * {
 *   arith::Analyzer::ConstraintScope scope(&analyzer, i < 4);
 *   analyzer.GetConstIntBound(i).max_value;    // 3
 * }
 * \endcode
 *
 * What the simplifier knows (src/tir/arith/simplify.cc lists every rule):
 * * signed integer expressions are rewritten to a canonical sum of terms with constant
 *   coefficients (`x * 2 + y - x` -> `x + y`), terms in order of first appearance;
 * * floordiv/floormod by a positive constant split off the multiples of the divisor
 *   (`(x * 8 + y) // 8` -> `x + y // 8`, and `y // 8` -> 0 when 0 <= y < 8 is known),
 *   `(x // 4) * 4 + x % 4` -> `x` and `x - (x // 4) * 4` -> `x % 4`; truncating Div/Mod
 *   become floor ones when the dividend is known non-negative;
 * * comparisons, min and max are decided from constant bounds and from the facts of the
 *   enclosing constraint scopes and symbolic loop ranges (`i < n` with i in [0, n); a fact
 *   may be scaled: `i * 8 + ii < n * 8` with ii in [0, 8)); undecided comparisons cancel
 *   common terms and move constants right (`x + 1 < 5` -> `x < 4`);
 * * in `a and b`, `a or b` and `Select(c, t, f)` each operand is simplified knowing what
 *   the others imply;
 * * constants fold when the result fits the dtype (never by wrapping around);
 * * boolean algebra with constants, Select with a known condition, casts of constants,
 *   Let of constants or variables, Ramp/Broadcast arithmetic.
 * It assumes integer arithmetic does not overflow (as C assumes for signed integers).
 */
#ifndef TESSEL_TIR_ARITH_ANALYZER_H_
#define TESSEL_TIR_ARITH_ANALYZER_H_

#include <cstdint>
#include <memory>

#include "tessel/tir/arith/const_int_bound.h"
#include "tessel/tir/arith/int_set.h"
#include "tessel/tir/arith/modular_set.h"
#include "tessel/tir/expr.h"

namespace tessel {
namespace tir {
namespace arith {

/*!
 * \brief Facts about variables, and the analyses and simplifier that use them.
 *
 * An Analyzer is not copyable. Binding a variable again replaces its earlier binding.
 */
class Analyzer {
 public:
  /*! \brief An analyzer that knows nothing yet. */
  Analyzer();
  /*! \brief Ends the analyzer (its constraint scopes must have ended). */
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;             //!< not copyable
  Analyzer& operator=(const Analyzer&) = delete;  //!< not copyable

  /*!
   * \brief Let var take the values of range (a loop variable): bounds, and for symbolic
   * ranges the facts `var >= min` and `var < min + extent`.
   */
  void Bind(const Var& var, const Range& range);
  /*! \brief Let var stand for expr: Simplify replaces var by expr. */
  void Bind(const Var& var, const PrimExpr& expr);

  /*! \brief An equivalent expression, simplified (see the file comment); idempotent. */
  PrimExpr Simplify(const PrimExpr& expr);
  /*! \brief Whether the bool cond provably holds (false means "not known"). */
  bool CanProve(const PrimExpr& cond);
  /*! \brief Whether a == b provably. */
  bool CanProveEqual(const PrimExpr& a, const PrimExpr& b);
  /*! \brief Whether expr >= lower_bound provably. */
  bool CanProveGreaterEqual(const PrimExpr& expr, int64_t lower_bound);
  /*! \brief Whether expr < upper_bound provably. */
  bool CanProveLess(const PrimExpr& expr, int64_t upper_bound);

  /*! \brief Constant bounds of an integer expression (its dtype's range when unknown). */
  ConstIntBound GetConstIntBound(const PrimExpr& expr);
  /*! \brief The modular set of an integer expression. */
  ModularSet GetModularSet(const PrimExpr& expr);

  /*!
   * \brief The set expr covers when each variable of dom ranges over its set (other
   * variables stay symbolic); ends are simplified. Everything when not known.
   */
  IntSet EvalSet(const PrimExpr& expr, const Map<Var, IntSet>& dom);
  /*! \brief EvalSet with ranges for the variables. */
  IntSet EvalSet(const PrimExpr& expr, const Map<Var, Range>& dom);
  /*! \brief EvalSet of each range of a region (a range covers [min, min + extent - 1]). */
  Array<IntSet> EvalSet(const Array<Range>& region, const Map<Var, Range>& dom);
  /*! \brief EvalSet of each range of a region, with sets for the variables. */
  Array<IntSet> EvalSet(const Array<Range>& region, const Map<Var, IntSet>& dom);
  /*! \brief The smallest interval holding every set (ends combined with min/max, simplified). */
  IntSet Union(const Array<IntSet>& sets);
  /*! \brief The interval common to every set (ends combined with max/min, simplified). */
  IntSet Intersect(const Array<IntSet>& sets);
  /*! \brief Whether set provably holds every value of range. */
  bool CoversRange(const IntSet& set, const Range& range);

  /*!
   * \brief Adds a bool fact (such as `i < n`, or a conjunction of them) for its lifetime.
   *
   * Conjunctions are split; each comparison of integers becomes a fact used by CanProve,
   * Simplify and GetConstIntBound, and tightens the constant bounds of a lone variable.
   * Scopes nest and must end in reverse order; bindings made inside one end with it.
   */
  class ConstraintScope {
   public:
    /*! \brief Assume cond until the scope ends. */
    ConstraintScope(Analyzer* analyzer, const PrimExpr& cond);
    /*! \brief Forget cond and what was bound since the scope began. */
    ~ConstraintScope();
    ConstraintScope(const ConstraintScope&) = delete;             //!< not copyable
    ConstraintScope& operator=(const ConstraintScope&) = delete;  //!< not copyable

   private:
    Analyzer* analyzer_;
  };

  /*! \brief The internal state, defined in src/tir/arith/ (not part of the API). */
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace arith
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_ARITH_ANALYZER_H_
