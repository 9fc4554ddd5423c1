// Helpers shared by the manipulation, indexing and creation operators (manipulate.cc,
// index.cc, create.cc): argument kinds, shape arithmetic and index (un)ravelling.
#ifndef TESSEL_RELAX_OP_MANIP_UTIL_H_
#define TESSEL_RELAX_OP_MANIP_UTIL_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tessel/relax/op/call_te.h"
#include "tessel/relax/op/op_common.h"
#include "tessel/relax/struct_info.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace relax {
namespace manip {

/*! Throws TypeInferenceError "<op>: <message>". */
[[noreturn]] void Fail(const Call& call, const std::string& message);

/*! What a struct info describes, for messages: "Tensor", "Tuple", "Shape", "Prim", ... */
std::string KindName(const StructInfo& sinfo);

/*! A dimension for messages: its value when constant, else its script ("n * 2"). */
std::string DimStr(const PrimExpr& dim);

/*! A shape for messages: "(2, n, 4)". */
std::string ShapeStr(const Array<PrimExpr>& shape);

/*! A tensor of dtype whose dimensions are shape when known, else of rank ndim. */
TensorStructInfo TensorOf(const std::optional<Array<PrimExpr>>& shape, DataType dtype,
                          int64_t ndim);

/*! The struct info of argument i, which must be a shape (a ShapeExpr or a shape Var). */
ShapeStructInfo GetShapeArg(const Call& call, size_t i);

/*! The dimensions of a shape struct info when known. */
std::optional<Array<PrimExpr>> KnownValues(const ShapeStructInfo& sinfo);

/*! A constant dimension's value, or nullopt when it is symbolic. */
std::optional<int64_t> ConstDim(const PrimExpr& dim);

/*! The product of dims (int64 1 when empty), simplified by ctx's analyzer. */
PrimExpr Product(const Array<PrimExpr>& dims, const BlockBuilder& ctx);

/*! Each dimension simplified by ctx's analyzer. */
Array<PrimExpr> Simplified(const std::vector<PrimExpr>& dims, const BlockBuilder& ctx);

/*! Whether a and b are provably different (two constants, or the analyzer proves a != b). */
bool ProvablyDifferent(const PrimExpr& a, const PrimExpr& b, const BlockBuilder& ctx);

/*!
 * Whether a call can be legalized: every tensor argument (and every tensor field of a tuple
 * argument) and the result have known shapes and dtypes.
 */
bool CanLegalize(const Call& call);

/*! The known dimensions of the call's (tensor) result; call must be normalized. */
Array<PrimExpr> ResultShape(const Call& call);

/*! The tensors of a tuple argument: its fields, or `tuple[i]` (normalized) for a tuple variable. */
Array<Expr> TupleFields(const BlockBuilder& bb, const Expr& tuple);

/*! The row-major linear position of index in shape. */
PrimExpr Ravel(const Array<PrimExpr>& index, const Array<PrimExpr>& shape);

/*! The row-major index in shape of a linear position. */
Array<PrimExpr> Unravel(PrimExpr linear, const Array<PrimExpr>& shape);

/*! Each index variable as a PrimExpr (te hands computes Vars). */
Array<PrimExpr> Indices(const Array<tir::Var>& vars);

/*! The elements of an array as a std::vector. */
template <typename T>
std::vector<T> Vec(const Array<T>& array) {
  std::vector<T> out;
  for (const T& item : array) out.push_back(item);
  return out;
}

/*! value clamped into [lo, hi]. */
PrimExpr Clamp(const PrimExpr& value, const PrimExpr& lo, const PrimExpr& hi);

/*! The value of one element of a kernel's output from the input placeholders and its index. */
using ElementFn =
    std::function<PrimExpr(const Array<te::Tensor>& inputs, const Array<PrimExpr>& index)>;

/*!
 * The legalization of a call into one te kernel `name` computing the call's (tensor) result,
 * of known shape, element by element; args are the call's arguments given to CallTE.
 */
Expr OneKernel(const BlockBuilder& bb, const Call& call, const std::string& name,
               const Array<Expr>& args, const ElementFn& element);

/*! An integer attribute list, or nullopt when the attribute is missing or None. */
std::optional<std::vector<int64_t>> GetOptionalIntArrayAttr(const Call& call, const std::string& key);

}  // namespace manip
}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_RELAX_OP_MANIP_UTIL_H_
