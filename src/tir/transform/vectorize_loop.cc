// VectorizeLoop: turn each vectorized loop of constant extent into vector code.
//
// The loop variable becomes Ramp(min, 1, lanes) and every expression that depends on it
// is rewritten lane-wise: scalar operands of a vector operation are broadcast, a Ramp
// plus or times a scalar stays a Ramp, loads and stores take vector indices, intrinsic
// calls take vector arguments, and a Let bound to a vector binds a vector variable.
// Whatever has no lane-wise form makes the whole loop serial instead (as in TVM): a loop
// or allocation inside, a condition that differs between lanes, a store that every lane
// would make to one address (a reduction), or a statement that does not depend on the
// loop variable at all (it would run once instead of lanes times). A vectorized loop of
// non-constant extent becomes serial too.
#include <algorithm>
#include <type_traits>

#include "ir_utils.h"

namespace tessel {
namespace tir {
namespace transform {

namespace {

// Thrown inside the vectorizer when the body has no vector form.
struct CannotVectorize {};

// Rewrites the body of one vectorized loop; throws CannotVectorize.
class Vectorizer : public VarSubstituter {
 public:
  Vectorizer(const Var& var, PrimExpr min, int lanes) : lanes_(lanes) {
    vmap_[var.get()] = Ramp(min, IntImm(min.dtype(), 1), lanes);
  }

#define TESSEL_TIR_VECTORIZE_BINARY(Name)                               \
  PrimExpr VisitExpr_(const Name##Node* op) override {                  \
    PrimExpr a = VisitExpr(op->a);                                      \
    PrimExpr b = VisitExpr(op->b);                                      \
    if (a.same_as(op->a) && b.same_as(op->b)) return GetRef<PrimExpr>(op); \
    return Binary<Name>(a, b);                                          \
  }
  TESSEL_TIR_BINARY_NODES(TESSEL_TIR_VECTORIZE_BINARY)
#undef TESSEL_TIR_VECTORIZE_BINARY

  PrimExpr VisitExpr_(const SelectNode* op) override {
    PrimExpr c = VisitExpr(op->condition);
    PrimExpr t = VisitExpr(op->true_value);
    PrimExpr f = VisitExpr(op->false_value);
    if (c.same_as(op->condition) && t.same_as(op->true_value) && f.same_as(op->false_value)) {
      return GetRef<PrimExpr>(op);
    }
    int lanes = std::max({c.dtype().lanes(), t.dtype().lanes(), f.dtype().lanes()});
    return Select(BroadcastTo(c, lanes), BroadcastTo(t, lanes), BroadcastTo(f, lanes));
  }

  PrimExpr VisitExpr_(const CastNode* op) override {
    PrimExpr value = VisitExpr(op->value);
    if (value.same_as(op->value)) return GetRef<PrimExpr>(op);
    return Cast(op->dtype.with_lanes(value.dtype().lanes()), value);
  }

  PrimExpr VisitExpr_(const CallNode* op) override {
    Array<PrimExpr> args = op->args.Map([this](const PrimExpr& a) { return VisitExpr(a); });
    if (args.same_as(op->args)) return GetRef<PrimExpr>(op);
    if (!op->op.as<ir::OpNode>()) throw CannotVectorize();  // a function call has no vector form
    int lanes = 1;
    for (const PrimExpr& a : args) lanes = std::max(lanes, a.dtype().lanes());
    return Call(op->dtype.with_lanes(lanes), op->op,
                args.Map([lanes](const PrimExpr& a) { return BroadcastTo(a, lanes); }));
  }

  PrimExpr VisitExpr_(const LetNode* op) override {
    PrimExpr value = VisitExpr(op->value);
    if (value.dtype().is_scalar()) {
      PrimExpr body = VisitExpr(op->body);
      if (value.same_as(op->value) && body.same_as(op->body)) return GetRef<PrimExpr>(op);
      return Let(op->var, value, body);
    }
    Var vec(op->var->name_hint, value.dtype());
    vmap_[op->var.get()] = vec;
    return Let(vec, value, VisitExpr(op->body));
  }

  // Vectors of vectors do not exist.
  PrimExpr VisitExpr_(const RampNode* op) override { throw CannotVectorize(); }
  PrimExpr VisitExpr_(const BroadcastNode* op) override { throw CannotVectorize(); }

  Stmt VisitStmt_(const BufferStoreNode* op) override {
    PrimExpr value = VisitExpr(op->value);
    Array<PrimExpr> indices = op->indices.Map([this](const PrimExpr& e) { return VisitExpr(e); });
    bool vector_index = false;
    for (const PrimExpr& index : indices) vector_index |= index.dtype().is_vector();
    // Every lane storing to one address, or a store run once instead of lanes times.
    if (!vector_index) throw CannotVectorize();
    return BufferStore(op->buffer, BroadcastTo(value, lanes_), indices);
  }

  Stmt VisitStmt_(const IfThenElseNode* op) override {
    PrimExpr condition = VisitExpr(op->condition);
    if (condition.dtype().is_vector()) throw CannotVectorize();
    Stmt then_case = VisitStmt(op->then_case);
    Stmt else_case = op->else_case.defined() ? VisitStmt(op->else_case) : Stmt();
    return IfThenElse(condition, then_case, else_case);
  }

  Stmt VisitStmt_(const LetStmtNode* op) override {
    PrimExpr value = VisitExpr(op->value);
    if (value.dtype().is_scalar()) return LetStmt(op->var, value, VisitStmt(op->body));
    Var vec(op->var->name_hint, value.dtype());
    vmap_[op->var.get()] = vec;
    return LetStmt(vec, value, VisitStmt(op->body));
  }

  Stmt VisitStmt_(const EvaluateNode* op) override {
    if (op->value.as<IntImmNode>()) return GetRef<Stmt>(op);
    throw CannotVectorize();
  }

  Stmt VisitStmt_(const ForNode*) override { throw CannotVectorize(); }
  Stmt VisitStmt_(const WhileNode*) override { throw CannotVectorize(); }
  Stmt VisitStmt_(const AllocateNode*) override { throw CannotVectorize(); }
  Stmt VisitStmt_(const AttrStmtNode*) override { throw CannotVectorize(); }
  Stmt VisitStmt_(const BlockRealizeNode* op) override {
    throw InvalidArgumentError(StrCat("VectorizeLoop: found block ", op->block->name_hint,
                                      "; run ConvertBlocksToLoops first"));
  }

 private:
  template <typename Op>
  PrimExpr Binary(const PrimExpr& a, const PrimExpr& b) {
    if constexpr (std::is_same_v<Op, Add>) return VecAdd(a, b);
    if constexpr (std::is_same_v<Op, Sub>) return VecSub(a, b);
    if constexpr (std::is_same_v<Op, Mul>) return VecMul(a, b);
    int lanes = std::max(a.dtype().lanes(), b.dtype().lanes());
    return Op(BroadcastTo(a, lanes), BroadcastTo(b, lanes));
  }

  int lanes_;
};

// Finds the vectorized loops; inner loops first, so a loop left serial keeps its inner
// vectorized loops vectorized.
class LoopVectorizer : public StmtMutator {
 public:
  Stmt VisitStmt_(const ForNode* op) override {
    Stmt s = StmtMutator::VisitStmt_(op);
    const auto* loop = s.as<ForNode>();
    if (loop->kind != ForKind::kVectorized) return s;
    const auto* extent = loop->extent.as<IntImmNode>();
    if (extent && extent->value > 1) {
      try {
        return Vectorizer(loop->loop_var, loop->min, static_cast<int>(extent->value))(loop->body);
      } catch (const CannotVectorize&) {
      }
    }
    return For(loop->loop_var, loop->min, loop->extent, ForKind::kSerial, loop->body,
               loop->annotations, loop->span);
  }
};

}  // namespace

Pass VectorizeLoop() {
  auto transform = [](PrimFunc func) {
    Stmt body = LoopVectorizer()(func->body);
    return body.same_as(func->body) ? func : func.WithBody(body);
  };
  return CreatePrimFuncPass(transform, "tir.VectorizeLoop");
}

TESSEL_REGISTER_PASS("tir.VectorizeLoop", [] { return VectorizeLoop(); });

}  // namespace transform
}  // namespace tir
}  // namespace tessel
