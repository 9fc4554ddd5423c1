// Helpers the TensorIR lowering passes share: the PrimFunc pass wrapper, sequences, and
// vector-aware index arithmetic (substitution is in tessel/tir/substitute.h).
// Internal to src/tir/transform.
#ifndef TESSEL_TIR_TRANSFORM_IR_UTILS_H_
#define TESSEL_TIR_TRANSFORM_IR_UTILS_H_

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tessel/tir/function.h"
#include "tessel/tir/functor.h"
#include "tessel/tir/op.h"
#include "tessel/tir/substitute.h"
#include "tessel/tir/transform.h"

namespace tessel {
namespace tir {
namespace transform {

/*!
 * \brief A pass applying transform to every PrimFunc of a module (opt level 0); other
 * functions, and PrimFuncs whose transform returns the same handle, are left shared.
 */
Pass CreatePrimFuncPass(std::function<PrimFunc(PrimFunc)> transform, const std::string& name);

/*! \brief The statements in order: the single one itself, Evaluate(0) for none. */
Stmt MakeSeq(const std::vector<Stmt>& stmts);

/*! \brief s with the statements of any SeqStmt directly inside a SeqStmt spliced in. */
Stmt FlattenSeq(const Stmt& s);

/*! \brief Whether expr is the integer constant value. */
bool IsConstInt(const PrimExpr& expr, int64_t value);

/*! \brief x as a vector of lanes lanes: x itself when it has them, else a Broadcast. */
PrimExpr BroadcastTo(const PrimExpr& x, int lanes);

/*! \brief a + b, a scalar operand broadcast to the other's lanes; a Ramp stays a Ramp. */
PrimExpr VecAdd(const PrimExpr& a, const PrimExpr& b);
/*! \brief a - b, as VecAdd. */
PrimExpr VecSub(const PrimExpr& a, const PrimExpr& b);
/*! \brief a * b; a Ramp times a scalar stays a Ramp. */
PrimExpr VecMul(const PrimExpr& a, const PrimExpr& b);

}  // namespace transform
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_TRANSFORM_IR_UTILS_H_
