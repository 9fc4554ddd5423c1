// Checks shared by the linear-algebra, reduction and nn operators: comparing possibly
// symbolic dimensions, requiring a float dtype, and whether a call can be legalized.
#ifndef TESSEL_SRC_RELAX_OP_DIM_CHECKS_H_
#define TESSEL_SRC_RELAX_OP_DIM_CHECKS_H_

#include <string>

#include "tessel/relax/op/op_common.h"
#include "tessel/relax/struct_info.h"

namespace tessel {
namespace relax {

// A dimension as users read it: "7" for a constant, the expression otherwise ("n + 1").
std::string DimText(const PrimExpr& dim);

// Whether a and b differ for every value of their variables (their difference
// simplifies to a nonzero constant); symbolic dimensions that may agree do not differ.
bool ProvablyUnequal(tir::arith::Analyzer* analyzer, const PrimExpr& a, const PrimExpr& b);

// Throws TypeInferenceError `<op>: argument <arg>: dimension <i> is <a>, but <what> is <b>`
// when a and b provably differ.
void CheckSameDim(const Call& call, tir::arith::Analyzer* analyzer, const std::string& arg,
                  size_t i, const PrimExpr& a, const std::string& what, const PrimExpr& b);

// For legalization: throws TypeInferenceError `<op>: cannot legalize: <what_a> (<a>) and
// <what_b> (<b>) are not known to be equal; ...` unless they provably are. Inference lets
// symbolic sizes that may agree at run time through, but a kernel reads both with one loop
// and would read out of bounds if they differed.
void CheckLegalizableDims(const Call& call, tir::arith::Analyzer* analyzer,
                          const std::string& what_a, const PrimExpr& a, const std::string& what_b,
                          const PrimExpr& b);

// Throws TypeInferenceError `<op>: argument <arg> has dtype <t>, but a float dtype is
// expected` unless dtype is a float (or unknown).
void RequireFloat(const Call& call, const std::string& arg, DataType dtype);

// Throws TypeInferenceError `<op>: argument <arg> has <n> dimensions, but <ndim> are
// expected (<layout>)` unless sinfo's rank is ndim (or unknown).
void CheckNdim(const Call& call, size_t i, const TensorStructInfo& sinfo, int64_t ndim,
               const std::string& layout);

// Whether every argument is a tensor of known shape and dtype, which legalization needs;
// otherwise FLegalize returns the call unchanged and LegalizeOps reports it.
bool TensorArgsKnown(const Call& call);

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_SRC_RELAX_OP_DIM_CHECKS_H_
