// ConvertBlocksToLoops: replace every block by the plain loop code it stands for.
//
// A BlockRealize becomes its block's body with the iteration variables substituted by
// their bound values, under `if predicate` when the predicate is not constant true. A
// reduction's init runs first, under `if v == min and ...` over the reduction variables
// (TVM's LowerInitBlock), and each alloc_buffer becomes an Allocate around the body.
// Reads, writes and annotations have no meaning in loop code and are dropped.
#include "ir_utils.h"

namespace tessel {
namespace tir {
namespace transform {

namespace {

class BlockToLoops : public VarSubstituter {
 public:
  Stmt VisitStmt_(const BlockRealizeNode* op) override {
    const BlockNode* block = op->block.get();
    // Values are rewritten first: a nested block's bindings may use the outer block's
    // variables.
    PrimExpr predicate = VisitExpr(op->predicate);
    PrimExpr init_cond;
    for (size_t i = 0; i < block->iter_vars.size(); ++i) {
      const IterVar& iv = block->iter_vars[i];
      PrimExpr value = VisitExpr(op->iter_values[i]);
      if (iv->iter_type == IterVarType::kCommReduce) {
        PrimExpr at_min = EQ(value, VisitExpr(iv->dom->min));
        init_cond = init_cond.defined() ? And(init_cond, at_min) : at_min;
      }
      vmap_[iv->var.get()] = value;
    }
    Stmt body = VisitStmt(block->body);
    if (block->init.defined()) {
      Stmt init = VisitStmt(block->init);
      body = MakeSeq({init_cond.defined() ? IfThenElse(init_cond, init) : init, body});
    }
    for (size_t i = block->alloc_buffers.size(); i-- > 0;) {
      body = Allocate(block->alloc_buffers[i], body);
    }
    if (!IsConstTrue(predicate)) body = IfThenElse(predicate, body);
    return body;
  }

  Stmt VisitStmt_(const SeqStmtNode* op) override {
    return FlattenSeq(StmtMutator::VisitStmt_(op));
  }

  Stmt VisitStmt_(const BlockNode* op) override {
    throw InvalidArgumentError(StrCat("ConvertBlocksToLoops: block ", op->name_hint,
                                      " is not under a BlockRealize"));
  }

 private:
  static bool IsConstTrue(const PrimExpr& e) {
    const auto* imm = e.as<IntImmNode>();
    return imm && imm->value != 0;
  }
};

}  // namespace

Pass ConvertBlocksToLoops() {
  auto transform = [](PrimFunc func) {
    Stmt body = BlockToLoops()(func->body);
    return body.same_as(func->body) ? func : func.WithBody(body);
  };
  return CreatePrimFuncPass(transform, "tir.ConvertBlocksToLoops");
}

TESSEL_REGISTER_PASS("tir.ConvertBlocksToLoops", [] { return ConvertBlocksToLoops(); });

}  // namespace transform
}  // namespace tir
}  // namespace tessel
