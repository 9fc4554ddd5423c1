// The default walks of the TensorIR visitors and mutators.
#include "tessel/tir/functor.h"

namespace tessel {
namespace tir {

// ---------------------------------------------------------------- ExprVisitor

void ExprVisitor::VisitExpr_(const VarNode*) {}
void ExprVisitor::VisitExpr_(const SizeVarNode* op) { VisitExpr_(static_cast<const VarNode*>(op)); }
void ExprVisitor::VisitExpr_(const IntImmNode*) {}
void ExprVisitor::VisitExpr_(const FloatImmNode*) {}
void ExprVisitor::VisitExpr_(const StringImmNode*) {}
void ExprVisitor::VisitExpr_(const CastNode* op) { VisitExpr(op->value); }
#define TESSEL_TIR_VISIT_BINARY(Name)                   \
  void ExprVisitor::VisitExpr_(const Name##Node* op) {  \
    VisitExpr(op->a);                                   \
    VisitExpr(op->b);                                   \
  }
TESSEL_TIR_BINARY_NODES(TESSEL_TIR_VISIT_BINARY)
#undef TESSEL_TIR_VISIT_BINARY
void ExprVisitor::VisitExpr_(const NotNode* op) { VisitExpr(op->a); }
void ExprVisitor::VisitExpr_(const SelectNode* op) {
  VisitExpr(op->condition);
  VisitExpr(op->true_value);
  VisitExpr(op->false_value);
}
void ExprVisitor::VisitExpr_(const BufferLoadNode* op) {
  for (const PrimExpr& index : op->indices) VisitExpr(index);
}
void ExprVisitor::VisitExpr_(const RampNode* op) {
  VisitExpr(op->base);
  VisitExpr(op->stride);
}
void ExprVisitor::VisitExpr_(const BroadcastNode* op) { VisitExpr(op->value); }
void ExprVisitor::VisitExpr_(const LetNode* op) {
  VisitExpr(op->value);
  VisitExpr(op->body);
}
void ExprVisitor::VisitExpr_(const CallNode* op) {
  for (const PrimExpr& arg : op->args) VisitExpr(arg);
}

// ---------------------------------------------------------------- ExprMutator

namespace {

// The array with every element mutated; the same array when none changed.
Array<PrimExpr> MutateArray(const Array<PrimExpr>& items, ExprMutator* m) {
  return items.Map([m](const PrimExpr& e) { return m->VisitExpr(e); });
}

}  // namespace

PrimExpr ExprMutator::VisitExpr_(const VarNode* op) { return GetRef<PrimExpr>(op); }
PrimExpr ExprMutator::VisitExpr_(const SizeVarNode* op) {
  return VisitExpr_(static_cast<const VarNode*>(op));
}
PrimExpr ExprMutator::VisitExpr_(const IntImmNode* op) { return GetRef<PrimExpr>(op); }
PrimExpr ExprMutator::VisitExpr_(const FloatImmNode* op) { return GetRef<PrimExpr>(op); }
PrimExpr ExprMutator::VisitExpr_(const StringImmNode* op) { return GetRef<PrimExpr>(op); }
PrimExpr ExprMutator::VisitExpr_(const CastNode* op) {
  PrimExpr value = VisitExpr(op->value);
  if (value.same_as(op->value)) return GetRef<PrimExpr>(op);
  return Cast(op->dtype, value, op->span);
}
#define TESSEL_TIR_MUTATE_BINARY(Name)                              \
  PrimExpr ExprMutator::VisitExpr_(const Name##Node* op) {          \
    PrimExpr a = VisitExpr(op->a);                                  \
    PrimExpr b = VisitExpr(op->b);                                  \
    if (a.same_as(op->a) && b.same_as(op->b)) return GetRef<PrimExpr>(op); \
    return Name(a, b, op->span);                                    \
  }
TESSEL_TIR_BINARY_NODES(TESSEL_TIR_MUTATE_BINARY)
#undef TESSEL_TIR_MUTATE_BINARY
PrimExpr ExprMutator::VisitExpr_(const NotNode* op) {
  PrimExpr a = VisitExpr(op->a);
  if (a.same_as(op->a)) return GetRef<PrimExpr>(op);
  return Not(a, op->span);
}
PrimExpr ExprMutator::VisitExpr_(const SelectNode* op) {
  PrimExpr c = VisitExpr(op->condition);
  PrimExpr t = VisitExpr(op->true_value);
  PrimExpr f = VisitExpr(op->false_value);
  if (c.same_as(op->condition) && t.same_as(op->true_value) && f.same_as(op->false_value)) {
    return GetRef<PrimExpr>(op);
  }
  return Select(c, t, f, op->span);
}
PrimExpr ExprMutator::VisitExpr_(const BufferLoadNode* op) {
  Array<PrimExpr> indices = MutateArray(op->indices, this);
  if (indices.same_as(op->indices)) return GetRef<PrimExpr>(op);
  return BufferLoad(op->buffer, indices, op->span);
}
PrimExpr ExprMutator::VisitExpr_(const RampNode* op) {
  PrimExpr base = VisitExpr(op->base);
  PrimExpr stride = VisitExpr(op->stride);
  if (base.same_as(op->base) && stride.same_as(op->stride)) return GetRef<PrimExpr>(op);
  return Ramp(base, stride, op->lanes, op->span);
}
PrimExpr ExprMutator::VisitExpr_(const BroadcastNode* op) {
  PrimExpr value = VisitExpr(op->value);
  if (value.same_as(op->value)) return GetRef<PrimExpr>(op);
  return Broadcast(value, op->lanes, op->span);
}
PrimExpr ExprMutator::VisitExpr_(const LetNode* op) {
  PrimExpr value = VisitExpr(op->value);
  PrimExpr body = VisitExpr(op->body);
  if (value.same_as(op->value) && body.same_as(op->body)) return GetRef<PrimExpr>(op);
  return Let(op->var, value, body, op->span);
}
PrimExpr ExprMutator::VisitExpr_(const CallNode* op) {
  Array<PrimExpr> args = MutateArray(op->args, this);
  if (args.same_as(op->args)) return GetRef<PrimExpr>(op);
  return Call(op->dtype, op->op, args, op->span);
}

// ---------------------------------------------------------------- StmtVisitor

void StmtVisitor::VisitBufferRegion(const BufferRegion& region) {
  for (const Range& range : region->region) {
    VisitExpr(range->min);
    VisitExpr(range->extent);
  }
}

void StmtVisitor::VisitStmt_(const LetStmtNode* op) {
  VisitExpr(op->value);
  VisitStmt(op->body);
}
void StmtVisitor::VisitStmt_(const AttrStmtNode* op) {
  VisitExpr(op->value);
  VisitStmt(op->body);
}
void StmtVisitor::VisitStmt_(const IfThenElseNode* op) {
  VisitExpr(op->condition);
  VisitStmt(op->then_case);
  if (op->else_case.defined()) VisitStmt(op->else_case);
}
void StmtVisitor::VisitStmt_(const ForNode* op) {
  VisitExpr(op->min);
  VisitExpr(op->extent);
  VisitStmt(op->body);
}
void StmtVisitor::VisitStmt_(const WhileNode* op) {
  VisitExpr(op->condition);
  VisitStmt(op->body);
}
void StmtVisitor::VisitStmt_(const BufferStoreNode* op) {
  VisitExpr(op->value);
  for (const PrimExpr& index : op->indices) VisitExpr(index);
}
void StmtVisitor::VisitStmt_(const AllocateNode* op) {
  VisitBufferDef(op->buffer);
  VisitStmt(op->body);
}
void StmtVisitor::VisitStmt_(const EvaluateNode* op) { VisitExpr(op->value); }
void StmtVisitor::VisitStmt_(const SeqStmtNode* op) {
  for (const Stmt& s : op->seq) VisitStmt(s);
}
void StmtVisitor::VisitStmt_(const BlockNode* op) {
  for (const IterVar& iv : op->iter_vars) {
    VisitExpr(iv->dom->min);
    VisitExpr(iv->dom->extent);
  }
  for (const Buffer& buffer : op->alloc_buffers) VisitBufferDef(buffer);
  for (const BufferRegion& region : op->reads) VisitBufferRegion(region);
  for (const BufferRegion& region : op->writes) VisitBufferRegion(region);
  if (op->init.defined()) VisitStmt(op->init);
  VisitStmt(op->body);
}
void StmtVisitor::VisitStmt_(const BlockRealizeNode* op) {
  for (const PrimExpr& value : op->iter_values) VisitExpr(value);
  VisitExpr(op->predicate);
  VisitStmt(op->block);
}

// ---------------------------------------------------------------- StmtMutator

Range StmtMutator::VisitRange(const Range& range) {
  PrimExpr min = VisitExpr(range->min);
  PrimExpr extent = VisitExpr(range->extent);
  if (min.same_as(range->min) && extent.same_as(range->extent)) return range;
  return Range(min, extent, range->span);
}

BufferRegion StmtMutator::VisitBufferRegion(const BufferRegion& region) {
  Array<Range> ranges = region->region.Map([this](const Range& r) { return VisitRange(r); });
  if (ranges.same_as(region->region)) return region;
  return BufferRegion(region->buffer, ranges);
}

Stmt StmtMutator::VisitStmt_(const LetStmtNode* op) {
  PrimExpr value = VisitExpr(op->value);
  Stmt body = VisitStmt(op->body);
  if (value.same_as(op->value) && body.same_as(op->body)) return GetRef<Stmt>(op);
  return LetStmt(op->var, value, body, op->span);
}
Stmt StmtMutator::VisitStmt_(const AttrStmtNode* op) {
  PrimExpr value = VisitExpr(op->value);
  Stmt body = VisitStmt(op->body);
  if (value.same_as(op->value) && body.same_as(op->body)) return GetRef<Stmt>(op);
  return AttrStmt(op->node, op->attr_key, value, body, op->span);
}
Stmt StmtMutator::VisitStmt_(const IfThenElseNode* op) {
  PrimExpr condition = VisitExpr(op->condition);
  Stmt then_case = VisitStmt(op->then_case);
  Stmt else_case = op->else_case.defined() ? VisitStmt(op->else_case) : op->else_case;
  if (condition.same_as(op->condition) && then_case.same_as(op->then_case) &&
      else_case.same_as(op->else_case)) {
    return GetRef<Stmt>(op);
  }
  return IfThenElse(condition, then_case, else_case, op->span);
}
Stmt StmtMutator::VisitStmt_(const ForNode* op) {
  PrimExpr min = VisitExpr(op->min);
  PrimExpr extent = VisitExpr(op->extent);
  Stmt body = VisitStmt(op->body);
  if (min.same_as(op->min) && extent.same_as(op->extent) && body.same_as(op->body)) {
    return GetRef<Stmt>(op);
  }
  return For(op->loop_var, min, extent, op->kind, body, op->annotations, op->span);
}
Stmt StmtMutator::VisitStmt_(const WhileNode* op) {
  PrimExpr condition = VisitExpr(op->condition);
  Stmt body = VisitStmt(op->body);
  if (condition.same_as(op->condition) && body.same_as(op->body)) return GetRef<Stmt>(op);
  return While(condition, body, op->span);
}
Stmt StmtMutator::VisitStmt_(const BufferStoreNode* op) {
  PrimExpr value = VisitExpr(op->value);
  Array<PrimExpr> indices = op->indices.Map([this](const PrimExpr& e) { return VisitExpr(e); });
  if (value.same_as(op->value) && indices.same_as(op->indices)) return GetRef<Stmt>(op);
  return BufferStore(op->buffer, value, indices, op->span);
}
Stmt StmtMutator::VisitStmt_(const AllocateNode* op) {
  Stmt body = VisitStmt(op->body);
  if (body.same_as(op->body)) return GetRef<Stmt>(op);
  return Allocate(op->buffer, body, op->span);
}
Stmt StmtMutator::VisitStmt_(const EvaluateNode* op) {
  PrimExpr value = VisitExpr(op->value);
  if (value.same_as(op->value)) return GetRef<Stmt>(op);
  return Evaluate(value, op->span);
}
Stmt StmtMutator::VisitStmt_(const SeqStmtNode* op) {
  Array<Stmt> seq = op->seq.Map([this](const Stmt& s) { return VisitStmt(s); });
  if (seq.same_as(op->seq)) return GetRef<Stmt>(op);
  return SeqStmt(seq, op->span);
}
Stmt StmtMutator::VisitStmt_(const BlockNode* op) {
  Array<IterVar> iter_vars = op->iter_vars.Map([this](const IterVar& iv) {
    Range dom = VisitRange(iv->dom);
    if (dom.same_as(iv->dom)) return iv;
    return IterVar(dom, iv->var, iv->iter_type, iv->span);
  });
  auto visit_region = [this](const BufferRegion& r) { return VisitBufferRegion(r); };
  Array<BufferRegion> reads = op->reads.Map(visit_region);
  Array<BufferRegion> writes = op->writes.Map(visit_region);
  Stmt init = op->init.defined() ? VisitStmt(op->init) : op->init;
  Stmt body = VisitStmt(op->body);
  if (iter_vars.same_as(op->iter_vars) && reads.same_as(op->reads) &&
      writes.same_as(op->writes) && init.same_as(op->init) && body.same_as(op->body)) {
    return GetRef<Stmt>(op);
  }
  return Block(iter_vars, reads, writes, op->name_hint, body, init, op->alloc_buffers,
               op->annotations, op->span);
}
Stmt StmtMutator::VisitStmt_(const BlockRealizeNode* op) {
  Array<PrimExpr> values = op->iter_values.Map([this](const PrimExpr& e) { return VisitExpr(e); });
  PrimExpr predicate = VisitExpr(op->predicate);
  Stmt block = VisitStmt(op->block);
  if (values.same_as(op->iter_values) && predicate.same_as(op->predicate) &&
      block.same_as(op->block)) {
    return GetRef<Stmt>(op);
  }
  const auto* block_node = block.as<BlockNode>();
  if (!block_node) {
    throw InvalidArgumentError(StrCat("tir.BlockRealize: a mutator replaced block ",
                                      op->block->name_hint, " by a ", block->type_key()));
  }
  return BlockRealize(values, predicate, GetRef<Block>(block_node), op->span);
}

}  // namespace tir
}  // namespace tessel
