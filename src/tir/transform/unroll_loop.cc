// UnrollLoop: replicate the body of each unrolled loop of constant extent.
//
// Copy k of the body has the loop variable replaced by min + k (folded when min is a
// constant). Each copy gets its own variables and buffers for what the body defines
// (loops, lets, allocations), so that no variable is defined twice. An unrolled loop of
// non-constant extent becomes serial.
#include <unordered_map>

#include "ir_utils.h"

namespace tessel {
namespace tir {
namespace transform {

namespace {

// A copy of a statement with vmap applied and every definition inside renamed.
class FreshCopier : public VarSubstituter {
 public:
  explicit FreshCopier(VarMap vmap) { vmap_ = std::move(vmap); }

  PrimExpr VisitExpr_(const LetNode* op) override {
    PrimExpr value = VisitExpr(op->value);
    Var var = Rename(op->var);
    return Let(var, value, VisitExpr(op->body));
  }
  PrimExpr VisitExpr_(const BufferLoadNode* op) override {
    Array<PrimExpr> indices = op->indices.Map([this](const PrimExpr& e) { return VisitExpr(e); });
    return BufferLoad(BufferOf(op->buffer), indices);
  }
  Stmt VisitStmt_(const BufferStoreNode* op) override {
    PrimExpr value = VisitExpr(op->value);
    Array<PrimExpr> indices = op->indices.Map([this](const PrimExpr& e) { return VisitExpr(e); });
    return BufferStore(BufferOf(op->buffer), value, indices);
  }
  Stmt VisitStmt_(const ForNode* op) override {
    PrimExpr min = VisitExpr(op->min);
    PrimExpr extent = VisitExpr(op->extent);
    Var var = Rename(op->loop_var);
    return For(var, min, extent, op->kind, VisitStmt(op->body), op->annotations);
  }
  Stmt VisitStmt_(const LetStmtNode* op) override {
    PrimExpr value = VisitExpr(op->value);
    Var var = Rename(op->var);
    return LetStmt(var, value, VisitStmt(op->body));
  }
  Stmt VisitStmt_(const AllocateNode* op) override {
    const BufferNode* b = op->buffer.get();
    auto visit = [this](const PrimExpr& e) { return VisitExpr(e); };
    Buffer copy(Rename(b->data), b->dtype, b->shape.Map(visit), b->strides.Map(visit),
                VisitExpr(b->elem_offset), b->name, b->scope);
    buffers_[b] = copy;
    return Allocate(copy, VisitStmt(op->body));
  }

 private:
  Var Rename(const Var& var) {
    Var fresh(var->name_hint, var.dtype());
    vmap_[var.get()] = fresh;
    return fresh;
  }
  Buffer BufferOf(const Buffer& buffer) {
    auto it = buffers_.find(buffer.get());
    return it == buffers_.end() ? buffer : it->second;
  }

  std::unordered_map<const BufferNode*, Buffer> buffers_;
};

class Unroller : public StmtMutator {
 public:
  Stmt VisitStmt_(const SeqStmtNode* op) override {
    return FlattenSeq(StmtMutator::VisitStmt_(op));
  }
  Stmt VisitStmt_(const ForNode* op) override {
    Stmt s = StmtMutator::VisitStmt_(op);
    const auto* loop = s.as<ForNode>();
    if (loop->kind != ForKind::kUnrolled) return s;
    const auto* extent = loop->extent.as<IntImmNode>();
    if (!extent) {
      return For(loop->loop_var, loop->min, loop->extent, ForKind::kSerial, loop->body,
                 loop->annotations, loop->span);
    }
    std::vector<Stmt> copies;
    for (int64_t k = 0; k < extent->value; ++k) {
      const auto* min = loop->min.as<IntImmNode>();
      PrimExpr value = min ? PrimExpr(IntImm(min->dtype, min->value + k))
                           : loop->min + IntImm(loop->min.dtype(), k);
      copies.push_back(FreshCopier({{loop->loop_var.get(), value}})(loop->body));
    }
    return MakeSeq(copies);
  }
};

}  // namespace

Pass UnrollLoop() {
  auto transform = [](PrimFunc func) {
    Stmt body = Unroller()(func->body);
    return body.same_as(func->body) ? func : func.WithBody(body);
  };
  return CreatePrimFuncPass(transform, "tir.UnrollLoop");
}

TESSEL_REGISTER_PASS("tir.UnrollLoop", [] { return UnrollLoop(); });

}  // namespace transform
}  // namespace tir
}  // namespace tessel
