// Helpers the TensorIR lowering passes share.
#include "ir_utils.h"

#include <algorithm>

namespace tessel {
namespace tir {
namespace transform {

namespace {

// The operands of a binary vector operation with a scalar broadcast to the other's lanes.
std::pair<PrimExpr, PrimExpr> MatchLanes(const PrimExpr& a, const PrimExpr& b) {
  int lanes = std::max(a.dtype().lanes(), b.dtype().lanes());
  return {BroadcastTo(a, lanes), BroadcastTo(b, lanes)};
}

}  // namespace

Pass CreatePrimFuncPass(std::function<PrimFunc(PrimFunc)> transform, const std::string& name) {
  auto pass_func = [transform](ir::BaseFunc func, ir::IRModule, ir::transform::PassContext) {
    const auto* prim = func.as<PrimFuncNode>();
    if (!prim) return func;
    return ir::BaseFunc(transform(GetRef<PrimFunc>(prim)));
  };
  return ir::transform::CreateFunctionPass(pass_func, 0, name);
}

Stmt MakeSeq(const std::vector<Stmt>& stmts) {
  std::vector<Stmt> flat;
  for (const Stmt& s : stmts) {
    if (const auto* seq = s.as<SeqStmtNode>()) {
      for (const Stmt& inner : seq->seq) flat.push_back(inner);
    } else {
      flat.push_back(s);
    }
  }
  if (flat.empty()) return Evaluate(IntImm(DataType::Int(32), 0));
  if (flat.size() == 1) return flat[0];
  return SeqStmt(flat);
}

Stmt FlattenSeq(const Stmt& s) {
  const auto* seq = s.as<SeqStmtNode>();
  if (!seq) return s;
  bool nested = false;
  std::vector<Stmt> items;
  for (const Stmt& item : seq->seq) {
    nested |= item.as<SeqStmtNode>() != nullptr;
    items.push_back(item);
  }
  return nested ? MakeSeq(items) : s;
}

bool IsConstInt(const PrimExpr& expr, int64_t value) {
  const auto* imm = expr.as<IntImmNode>();
  return imm && imm->value == value;
}

PrimExpr BroadcastTo(const PrimExpr& x, int lanes) {
  if (x.dtype().lanes() == lanes) return x;
  return Broadcast(x, lanes);
}

PrimExpr VecAdd(const PrimExpr& a, const PrimExpr& b) {
  const auto* ra = a.as<RampNode>();
  const auto* rb = b.as<RampNode>();
  if (ra && b.dtype().is_scalar()) return Ramp(ra->base + b, ra->stride, ra->lanes);
  if (rb && a.dtype().is_scalar()) return Ramp(a + rb->base, rb->stride, rb->lanes);
  if (ra && rb && ra->lanes == rb->lanes) {
    return Ramp(ra->base + rb->base, ra->stride + rb->stride, ra->lanes);
  }
  auto [x, y] = MatchLanes(a, b);
  return Add(x, y);
}

PrimExpr VecSub(const PrimExpr& a, const PrimExpr& b) {
  const auto* ra = a.as<RampNode>();
  if (ra && b.dtype().is_scalar()) return Ramp(ra->base - b, ra->stride, ra->lanes);
  auto [x, y] = MatchLanes(a, b);
  return Sub(x, y);
}

PrimExpr VecMul(const PrimExpr& a, const PrimExpr& b) {
  const auto* ra = a.as<RampNode>();
  const auto* rb = b.as<RampNode>();
  if (ra && b.dtype().is_scalar()) return Ramp(ra->base * b, ra->stride * b, ra->lanes);
  if (rb && a.dtype().is_scalar()) return Ramp(a * rb->base, a * rb->stride, rb->lanes);
  auto [x, y] = MatchLanes(a, b);
  return Mul(x, y);
}

}  // namespace transform
}  // namespace tir
}  // namespace tessel
