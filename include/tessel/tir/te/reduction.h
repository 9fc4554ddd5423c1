/*!
 * \file tessel/tir/te/reduction.h
 * \brief Reductions of tensor expressions: reduce axes, commutative reducers, and the
 * built-in reducers `sum`, `prod`, `max`, `min`.
 *
 * A reduction is a Reduce expression, the whole body of a compute:
 * `C[i] = sum over k in [0, n) where cond of source(i, k)`. CreatePrimFunc turns it into
 * a block with reduction iteration variables, an init that stores the reducer's
 * identity, and an update `C[i] = combine(C[i], source)`.
 */
#ifndef TESSEL_TIR_TE_REDUCTION_H_
#define TESSEL_TIR_TE_REDUCTION_H_

#include <functional>
#include <string>

#include "tessel/tir/te/operation.h"

namespace tessel {
namespace te {

/*!
 * \brief A commutative, associative combination with an identity, for given dtypes:
 * `result(lhs, rhs)` with `result(identity, x) == x`.
 *
 * Most reducers combine one value (sum: `lhs[0] + rhs[0]`); a tuple reducer combines
 * several at once (argmax: an index and a value).
 */
class CommReducerNode : public Object {
 public:
  Array<Var> lhs;                    //!< the accumulated values in result (defined here)
  Array<Var> rhs;                    //!< the new values in result (defined here)
  Array<PrimExpr> result;            //!< the combination, one value per lhs
  Array<PrimExpr> identity_element;  //!< the values the accumulation starts from
  std::string name;                  //!< the reducer's name, for messages

  /*! \brief result with lhs and rhs replaced by a and b. */
  Array<PrimExpr> operator()(Array<PrimExpr> a, Array<PrimExpr> b) const;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("lhs", &lhs, FieldRole::kDefines);
    v->Visit("rhs", &rhs, FieldRole::kDefines);
    v->Visit("result", &result);
    v->Visit("identity_element", &identity_element);
    v->Visit("name", &name, FieldRole::kIgnored);
  }
  TESSEL_DECLARE_NODE(CommReducerNode, "te.CommReducer");
};

/*! \brief Handle to a CommReducerNode. */
class CommReducer : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(CommReducer, ObjectRef, CommReducerNode);
  /*!
   * \brief A reducer.
   * \throws InvalidArgumentError when the four arrays are empty or differ in length, or
   *   lhs[i], rhs[i], result[i] and identity_element[i] are not scalars of one dtype.
   */
  CommReducer(Array<Var> lhs, Array<Var> rhs, Array<PrimExpr> result,
              Array<PrimExpr> identity_element, std::string name);
};

/*!
 * \brief Value value_index of the reduction of source over axis, where condition holds,
 * with combiner.
 *
 * Only valid as a whole body of a compute (ComputeOp checks); a tuple reduction gives
 * one Reduce per value, which differ only in value_index.
 */
class ReduceNode : public PrimExprNode {
 public:
  CommReducer combiner;    //!< how values combine
  Array<PrimExpr> source;  //!< the values for one point of the reduction domain
  Array<IterVar> axis;     //!< the reduction variables (kCommReduce)
  PrimExpr condition;      //!< the points that take part (a bool; `True` for all)
  int64_t value_index = 0;  //!< which of the combined values this expression is

  void VisitFields(FieldVisitor* v) override {
    v->Visit("combiner", &combiner);
    v->Visit("source", &source);
    v->Visit("axis", &axis);
    v->Visit("condition", &condition);
    v->Visit("value_index", &value_index);
    PrimExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(ReduceNode, "te.Reduce");
};

/*! \brief Handle to a ReduceNode. */
class Reduce : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Reduce, PrimExpr, ReduceNode);
  /*!
   * \brief Value value_index of a reduction, of the dtype of source[value_index].
   * \throws InvalidArgumentError naming the reducer when axis is empty or holds a spatial
   *   IterVar, source's length or dtypes differ from the combiner's, condition is not a
   *   scalar bool, value_index is out of range, or source itself holds a Reduce.
   */
  Reduce(CommReducer combiner, Array<PrimExpr> source, Array<IterVar> axis, PrimExpr condition,
         int64_t value_index = 0, Span span = Span());
};

/*!
 * \brief A reduction variable over dom, for the axis argument of a reducer.
 * \throws InvalidArgumentError when dom's min and extent are not integers of one dtype.
 */
IterVar reduce_axis(Range dom, std::string name = "rv");

/*!
 * \brief A reducer over any dtype: applying it reduces source over axis where condition
 * holds (an undefined condition means everywhere).
 */
using Reducer = std::function<PrimExpr(PrimExpr source, Array<IterVar> axis, PrimExpr condition)>;

/*!
 * \brief A reducer of one value from its combination and identity (tuple reducers are
 * built from CommReducer and Reduce directly).
 * \param fcombine The combination of the accumulated value and a new one.
 * \param fidentity The identity element of a dtype.
 * \param name The reducer's name, for messages.
 */
Reducer comm_reducer(std::function<PrimExpr(PrimExpr lhs, PrimExpr rhs)> fcombine,
                     std::function<PrimExpr(DataType dtype)> fidentity,
                     std::string name = "reduce");

/*! \brief The sum of source over axis (where condition holds); identity 0. */
PrimExpr sum(PrimExpr source, Array<IterVar> axis, PrimExpr condition = PrimExpr());
/*! \brief The product of source over axis (where condition holds); identity 1. */
PrimExpr prod(PrimExpr source, Array<IterVar> axis, PrimExpr condition = PrimExpr());
/*! \brief The largest source over axis; identity the dtype's lowest finite value. */
PrimExpr max(PrimExpr source, Array<IterVar> axis, PrimExpr condition = PrimExpr());
/*! \brief The smallest source over axis; identity the dtype's largest finite value. */
PrimExpr min(PrimExpr source, Array<IterVar> axis, PrimExpr condition = PrimExpr());

/*!
 * \brief The lowest finite value of a scalar dtype (`-3.4028234663852886e+38` for float32).
 * \throws InvalidArgumentError for bool, handle and vector dtypes.
 */
PrimExpr min_value(DataType dtype);
/*! \brief The largest finite value of a scalar dtype; throws like min_value. */
PrimExpr max_value(DataType dtype);

}  // namespace te
}  // namespace tessel

#endif  // TESSEL_TIR_TE_REDUCTION_H_
