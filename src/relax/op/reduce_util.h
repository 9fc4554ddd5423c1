// Reductions over a set of axes, shared by the statistical and search operators, softmax
// and the normalizations: which axes an attribute names, the reduced struct info, and the
// te computes.
#ifndef TESSEL_SRC_RELAX_OP_REDUCE_UTIL_H_
#define TESSEL_SRC_RELAX_OP_REDUCE_UTIL_H_

#include <functional>
#include <string>
#include <vector>

#include "tessel/relax/struct_info.h"
#include "tessel/tir/te/reduction.h"

namespace tessel {
namespace relax {

// The axes named by the list attribute `key` of call, normalized against ndim (negative
// axes count from the end) and sorted; every axis when the attribute is absent.
// Throws TypeInferenceError for an axis out of range or named twice.
std::vector<int64_t> GetAxesAttr(const Call& call, const std::string& key, int64_t ndim);

// shape with the axes dropped, or kept as 1 with keepdims.
Array<PrimExpr> ReducedShape(const Array<PrimExpr>& shape, const std::vector<int64_t>& axes,
                             bool keepdims);

// The struct info of x reduced over the "axis" attribute (all axes when absent) with the
// "keepdims" attribute, with elements of dtype.
StructInfo InferReduction(const Call& call, const TensorStructInfo& x, DataType dtype);

// The element at an index of the input of a reduction.
using FIndexValue = std::function<PrimExpr(const Array<PrimExpr>& index)>;

// The tensor of ReducedShape(shape, axes, keepdims) whose elements reduce value over the
// axes with reducer (value itself when there are no axes); its block is named name.
te::Tensor ReduceTE(const Array<PrimExpr>& shape, const std::vector<int64_t>& axes, bool keepdims,
                    const FIndexValue& value, const te::Reducer& reducer, const std::string& name);

// The number of elements a reduction over axes combines: the product of their extents.
PrimExpr ReducedCount(const Array<PrimExpr>& shape, const std::vector<int64_t>& axes);

// Where a keepdims reduction keeps the result for the input element at index: the index
// with the reduced axes set to 0.
Array<PrimExpr> KeptIndex(const Array<PrimExpr>& index, const std::vector<int64_t>& axes);

// The index variables of a te compute as expressions.
Array<PrimExpr> AsExprs(const Array<tir::Var>& vars);

// max and min reducers whose identity is -inf / +inf for floats (te.max starts from the
// lowest finite value, which would turn an all -inf input into -3.4e38).
te::Reducer MaxReducer();
te::Reducer MinReducer();

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_SRC_RELAX_OP_REDUCE_UTIL_H_
