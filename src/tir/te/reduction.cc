// Reduce axes, commutative reducers, the Reduce expression and the built-in reducers.
#include "tessel/tir/te/reduction.h"

#include <cfloat>
#include <cstdint>
#include <unordered_map>

#include "te_functor.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace te {

namespace {

std::string TypeOf(const PrimExpr& e) { return e.defined() ? e.dtype().ToString() : "None"; }

}  // namespace

Array<PrimExpr> CommReducerNode::operator()(Array<PrimExpr> a, Array<PrimExpr> b) const {
  std::unordered_map<const Object*, PrimExpr> map;
  for (size_t i = 0; i < lhs.size(); ++i) {
    map[lhs[i].get()] = a[i];
    map[rhs[i].get()] = b[i];
  }
  Substituter substitute(std::move(map));
  return result.Map([&](const PrimExpr& e) { return substitute(e); });
}

CommReducer::CommReducer(Array<Var> lhs, Array<Var> rhs, Array<PrimExpr> result,
                         Array<PrimExpr> identity_element, std::string name) {
  size_t n = lhs.size();
  if (n == 0 || rhs.size() != n || result.size() != n || identity_element.size() != n) {
    throw InvalidArgumentError(StrCat("te.comm_reducer ", name, ": lhs, rhs, the combination and "
                                      "the identity must have one value each per reduced value, "
                                      "found ", lhs.size(), ", ", rhs.size(), ", ", result.size(),
                                      " and ", identity_element.size()));
  }
  for (size_t i = 0; i < n; ++i) {
    DataType t = lhs[i].defined() ? lhs[i].dtype() : DataType::Void();
    if (!t.is_scalar() || t.is_void() || !rhs[i].defined() || rhs[i].dtype() != t ||
        !result[i].defined() || result[i].dtype() != t || !identity_element[i].defined() ||
        identity_element[i].dtype() != t) {
      throw InvalidArgumentError(StrCat("te.comm_reducer ", name, ": lhs, rhs, the combination and "
                                        "the identity must have one scalar dtype, found ",
                                        TypeOf(lhs[i]), ", ", TypeOf(rhs[i]), ", ", TypeOf(result[i]),
                                        " and ", TypeOf(identity_element[i]), " for value ", i));
    }
  }
  auto node = ir::make_object<CommReducerNode>();
  node->lhs = std::move(lhs);
  node->rhs = std::move(rhs);
  node->result = std::move(result);
  node->identity_element = std::move(identity_element);
  node->name = std::move(name);
  data_ = std::move(node);
}

Reduce::Reduce(CommReducer combiner, Array<PrimExpr> source, Array<IterVar> axis,
               PrimExpr condition, int64_t value_index, Span span) {
  if (!combiner.defined()) throw InvalidArgumentError("te.Reduce: the combiner must be given");
  const std::string& name = combiner->name;
  if (source.size() != combiner->result.size()) {
    throw InvalidArgumentError(StrCat("te.", name, ": expected ", combiner->result.size(),
                                      " source value(s), found ", source.size()));
  }
  for (size_t i = 0; i < source.size(); ++i) {
    if (!source[i].defined() || source[i].dtype() != combiner->result[i].dtype()) {
      throw InvalidArgumentError(StrCat("te.", name, ": the source has dtype ", TypeOf(source[i]),
                                        " but the combiner works on ",
                                        TypeOf(combiner->result[i])));
    }
    if (ContainsReduce(source[i])) {
      throw InvalidArgumentError(StrCat("te.", name, ": a reduction cannot contain another reduction"));
    }
  }
  if (value_index < 0 || value_index >= static_cast<int64_t>(source.size())) {
    throw InvalidArgumentError(StrCat("te.", name, ": value_index ", value_index, " is out of range"));
  }
  if (axis.empty()) throw InvalidArgumentError(StrCat("te.", name, ": expected at least one reduce axis"));
  for (const IterVar& iv : axis) {
    if (!iv.defined() || iv->iter_type != IterVarType::kCommReduce) {
      throw InvalidArgumentError(
          StrCat("te.", name, ": every axis must be a reduce axis (te.reduce_axis)"));
    }
  }
  if (!condition.defined()) condition = IntImm(DataType::Bool(), 1);
  if (!condition.dtype().is_bool() || !condition.dtype().is_scalar()) {
    throw InvalidArgumentError(
        StrCat("te.", name, ": the condition must be a scalar bool, found ", TypeOf(condition)));
  }
  if (ContainsReduce(condition)) {
    throw InvalidArgumentError(StrCat("te.", name, ": a reduction cannot contain another reduction"));
  }
  auto node = ir::make_object<ReduceNode>();
  node->dtype = source[value_index].dtype();
  node->combiner = std::move(combiner);
  node->source = std::move(source);
  node->axis = std::move(axis);
  node->condition = std::move(condition);
  node->value_index = value_index;
  node->span = std::move(span);
  data_ = std::move(node);
}

IterVar reduce_axis(Range dom, std::string name) {
  if (!dom.defined()) throw InvalidArgumentError(StrCat("te.reduce_axis ", name, ": dom must be given"));
  DataType t = dom->extent.dtype();
  if (!t.is_scalar() || !t.is_integer() || dom->min.dtype() != t) {
    throw InvalidArgumentError(StrCat("te.reduce_axis ", name,
                                      ": min and extent must be scalar integers of one dtype, found ",
                                      TypeOf(dom->min), " and ", TypeOf(dom->extent)));
  }
  return IterVar(dom, Var(std::move(name), t), IterVarType::kCommReduce);
}

Reducer comm_reducer(std::function<PrimExpr(PrimExpr lhs, PrimExpr rhs)> fcombine,
                     std::function<PrimExpr(DataType dtype)> fidentity, std::string name) {
  return [fcombine, fidentity, name](PrimExpr source, Array<IterVar> axis, PrimExpr condition) {
    if (!source.defined()) throw InvalidArgumentError(StrCat("te.", name, ": the source must be given"));
    DataType t = source.dtype();
    Var lhs("x", t), rhs("y", t);
    CommReducer combiner({lhs}, {rhs}, {fcombine(lhs, rhs)}, {fidentity(t)}, name);
    return PrimExpr(Reduce(combiner, {source}, axis, condition));
  };
}

PrimExpr min_value(DataType t) {
  if (!t.is_scalar() || t.is_bool() || !(t.is_int() || t.is_uint() || t.is_float())) {
    throw InvalidArgumentError(StrCat("te.min_value: no lowest value for dtype ", t.ToString()));
  }
  if (t.is_int()) return IntImm(t, t.bits() == 64 ? INT64_MIN : -(int64_t{1} << (t.bits() - 1)));
  if (t.is_uint()) return IntImm(t, 0);
  return FloatImm(t, -max_value(t).as<ir::FloatImmNode>()->value);
}

PrimExpr max_value(DataType t) {
  if (!t.is_scalar() || t.is_bool() || !(t.is_int() || t.is_uint() || t.is_float())) {
    throw InvalidArgumentError(StrCat("te.max_value: no largest value for dtype ", t.ToString()));
  }
  if (t.is_int()) return IntImm(t, t.bits() == 64 ? INT64_MAX : (int64_t{1} << (t.bits() - 1)) - 1);
  if (t.is_uint()) {
    // A uint64 constant holds its value wrapped into int64, as IntImm documents.
    return IntImm(t, t.bits() == 64 ? int64_t{-1} : (int64_t{1} << t.bits()) - 1);
  }
  switch (t.bits()) {
    case 16: return FloatImm(t, t == DataType::BFloat16() ? 3.3895313892515355e+38 : 65504.0);
    case 32: return FloatImm(t, FLT_MAX);
    default: return FloatImm(t, DBL_MAX);
  }
}

PrimExpr sum(PrimExpr source, Array<IterVar> axis, PrimExpr condition) {
  static const Reducer reducer = comm_reducer(
      [](PrimExpr a, PrimExpr b) { return a + b; }, [](DataType t) { return tir::make_zero(t); }, "sum");
  return reducer(std::move(source), std::move(axis), std::move(condition));
}

PrimExpr prod(PrimExpr source, Array<IterVar> axis, PrimExpr condition) {
  static const Reducer reducer = comm_reducer(
      [](PrimExpr a, PrimExpr b) { return a * b; }, [](DataType t) { return tir::make_one(t); }, "prod");
  return reducer(std::move(source), std::move(axis), std::move(condition));
}

PrimExpr max(PrimExpr source, Array<IterVar> axis, PrimExpr condition) {
  static const Reducer reducer = comm_reducer(
      [](PrimExpr a, PrimExpr b) { return tir::max(a, b); }, min_value, "max");
  return reducer(std::move(source), std::move(axis), std::move(condition));
}

PrimExpr min(PrimExpr source, Array<IterVar> axis, PrimExpr condition) {
  static const Reducer reducer = comm_reducer(
      [](PrimExpr a, PrimExpr b) { return tir::min(a, b); }, max_value, "min");
  return reducer(std::move(source), std::move(axis), std::move(condition));
}

}  // namespace te
}  // namespace tessel
