// Helpers of the block-level primitives (see region.h).
#include "region.h"

#include <utility>

namespace tessel {
namespace tir {
namespace schedule {

BlockRealize EnclosingRealize(const Stmt& root, const Stmt& target) {
  std::vector<Stmt> path = PathTo(root, target);
  for (size_t i = path.size(); i-- > 0;) {
    if (i + 1 < path.size() && path[i].as<BlockRealizeNode>()) return BlockRealize(path[i].data());
  }
  return BlockRealize();
}

Stmt ScopeBody(const Stmt& root, const BlockRealize& scope) {
  return scope.defined() ? scope->block->body : root;
}

namespace {

bool Declares(const Array<BufferRegion>& regions, const Buffer& buffer) {
  for (const BufferRegion& r : regions) {
    if (r->buffer.same_as(buffer)) return true;
  }
  return false;
}

}  // namespace

bool ReadsBuffer(const Block& block, const Buffer& buffer) {
  return Declares(block->reads, buffer);
}

bool WritesBuffer(const Block& block, const Buffer& buffer) {
  return Declares(block->writes, buffer);
}

bool IsParamBuffer(const PrimFunc& func, const Buffer& buffer) {
  for (const Var& param : func->params) {
    if (func->buffer_map.count(param) && func->buffer_map.at(param).same_as(buffer)) return true;
  }
  return false;
}

std::vector<BlockRealize> BlocksIn(const Stmt& stmt) {
  if (const auto* realize = stmt.as<BlockRealizeNode>()) return {GetRef<BlockRealize>(realize)};
  return ChildBlockRealizes(stmt);
}

std::vector<arith::IntSet> RelaxRegion(arith::Analyzer* analyzer, const BlockRealize& realize,
                                       const Array<Range>& region,
                                       const std::vector<For>& relaxed) {
  VarMap bindings;
  const Block& block = realize->block;
  for (size_t i = 0; i < block->iter_vars.size(); ++i) {
    bindings[block->iter_vars[i]->var.get()] = realize->iter_values[i];
  }
  Map<Var, Range> dom;
  for (const For& loop : relaxed) dom = dom.Set(loop->loop_var, Range(loop->min, loop->extent));
  std::vector<arith::IntSet> sets;
  for (const Range& range : region) {
    Range bound(Substitute(range->min, bindings), Substitute(range->extent, bindings));
    sets.push_back(analyzer->EvalSet(Array<Range>{bound}, dom)[0]);
  }
  return sets;
}

void NarrowIterRanges(arith::Analyzer* analyzer, const Block& block,
                      const Array<BufferRegion>& accesses, const Buffer& buffer,
                      const std::vector<arith::IntSet>& needed, std::vector<Range>* ranges) {
  for (const BufferRegion& access : accesses) {
    if (!access->buffer.same_as(buffer)) continue;
    for (size_t d = 0; d < access->region.size(); ++d) {
      const Range& r = access->region[d];
      if (!is_const_number(r->extent, 1)) continue;
      for (size_t i = 0; i < block->iter_vars.size(); ++i) {
        const IterVar& iv = block->iter_vars[i];
        if (!r->min.same_as(iv->var)) continue;
        PrimExpr lo = needed[d]->min_value, hi = needed[d]->max_value;
        (*ranges)[i] = Range(analyzer->Simplify(lo), analyzer->Simplify(hi - lo + 1));
      }
    }
  }
}

Stmt MakeLoopNest(arith::Analyzer* analyzer, const Block& block, const std::vector<Range>& ranges,
                  bool preserve_unit_loops) {
  std::vector<std::pair<Var, PrimExpr>> loops;  // variable and extent, outer to inner
  std::vector<PrimExpr> values;
  PrimExpr predicate = make_const(DataType::Bool(), int64_t{1});
  for (size_t i = 0; i < ranges.size(); ++i) {
    const Range& dom = block->iter_vars[i]->dom;
    DataType dtype = block->iter_vars[i]->var.dtype();
    if (!preserve_unit_loops && is_const_number(ranges[i]->extent, 1)) {
      values.push_back(ranges[i]->min);
    } else {
      Var ax(StrCat("ax", loops.size()), dtype);
      loops.emplace_back(ax, ranges[i]->extent);
      values.push_back(TidyAdd(ranges[i]->min, ax));
    }
    // A range that may stick out of the domain (a tile at a ragged edge) keeps the
    // constant extent and guards the iterations outside.
    auto guard = [&](const PrimExpr& cond) {
      predicate = is_const_number(predicate, 1) ? cond : logical_and(predicate, cond);
    };
    if (!analyzer->CanProve(ranges[i]->min >= dom->min)) guard(values.back() >= dom->min);
    PrimExpr end = TidyAdd(dom->min, dom->extent);
    if (!analyzer->CanProve(ranges[i]->min + ranges[i]->extent <= end)) guard(values.back() < end);
  }
  Stmt body = BlockRealize(values, predicate, block);
  for (size_t i = loops.size(); i-- > 0;) {
    const Var& ax = loops[i].first;
    body = For(ax, make_zero(ax.dtype()), loops[i].second, ForKind::kSerial, body);
  }
  return body;
}

Stmt RemoveStmt(const Stmt& root, const Stmt& target) {
  class Remover : public StmtMutator {
   public:
    explicit Remover(const Stmt& target) : target_(target) {}
    Stmt VisitStmt(const Stmt& stmt) override {
      if (stmt.same_as(target_)) return Stmt();
      return StmtMutator::VisitStmt(stmt);
    }
    Stmt VisitStmt_(const SeqStmtNode* op) override {
      std::vector<Stmt> kept;
      for (const Stmt& s : op->seq) {
        Stmt t = VisitStmt(s);
        if (t.defined()) kept.push_back(t);
      }
      if (kept.size() == op->seq.size()) {
        bool same = true;
        for (size_t i = 0; i < kept.size(); ++i) same &= kept[i].same_as(op->seq[i]);
        if (same) return GetRef<Stmt>(op);
      }
      if (kept.empty()) return Stmt();
      if (kept.size() == 1) return kept[0];
      return SeqStmt(kept);
    }
    Stmt VisitStmt_(const ForNode* op) override {
      Stmt body = VisitStmt(op->body);
      if (!body.defined()) return Stmt();
      if (body.same_as(op->body)) return GetRef<Stmt>(op);
      return For(op->loop_var, op->min, op->extent, op->kind, body, op->annotations, op->span);
    }

   private:
    const Stmt& target_;
  };
  Stmt result = Remover(target)(root);
  return result.defined() ? result : SeqStmt(Array<Stmt>());
}

std::vector<Stmt> StmtList(const Stmt& body) {
  std::vector<Stmt> list;
  if (const auto* seq = body.as<SeqStmtNode>()) {
    for (const Stmt& s : seq->seq) list.push_back(s);
  } else {
    list.push_back(body);
  }
  return list;
}

For InsertIntoLoop(const For& loop, size_t index, const Stmt& stmt) {
  std::vector<Stmt> list = StmtList(loop->body);
  list.insert(list.begin() + static_cast<std::ptrdiff_t>(index), stmt);
  return For(loop->loop_var, loop->min, loop->extent, loop->kind, SeqStmt(list), loop->annotations,
             loop->span);
}

int IndexContaining(const std::vector<Stmt>& list, const Stmt& target) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (!PathTo(list[i], target).empty()) return static_cast<int>(i);
  }
  return -1;
}

Block WithAllocBuffer(const Block& block, const Buffer& buffer, bool remove) {
  std::vector<Buffer> buffers;
  for (const Buffer& b : block->alloc_buffers) {
    if (!b.same_as(buffer)) buffers.push_back(b);
  }
  if (!remove) buffers.push_back(buffer);
  auto node = ir::CopyNode(*block.get());
  node->alloc_buffers = Array<Buffer>(buffers);
  return Block(ObjectPtr<Object>(node));
}

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
