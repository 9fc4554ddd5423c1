// GetBlockReadWriteRegion: the regions a block reads and writes, inferred from its body.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tessel/ir/structural_equal.h"
#include "tessel/tir/analysis.h"
#include "tessel/tir/arith/analyzer.h"
#include "tessel/tir/functor.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace tir {

namespace {

// The accesses of one kind (reads or writes), per buffer in order of first access: for
// each dimension, the set of indices each access covers.
class AccessList {
 public:
  void Add(const Buffer& buffer, const std::vector<arith::IntSet>& sets) {
    auto [it, added] = index_.emplace(buffer.get(), buffers_.size());
    if (added) {
      buffers_.push_back(buffer);
      sets_.emplace_back(sets.size());
    }
    for (size_t d = 0; d < sets.size(); ++d) sets_[it->second][d].push_back(sets[d]);
  }

  Array<BufferRegion> Regions(arith::Analyzer* analyzer) const {
    std::vector<BufferRegion> regions;
    for (size_t i = 0; i < buffers_.size(); ++i) {
      std::vector<Range> region;
      for (size_t d = 0; d < sets_[i].size(); ++d) {
        region.push_back(Cover(analyzer, sets_[i][d], buffers_[i]->shape[d]));
      }
      regions.push_back(BufferRegion(buffers_[i], region));
    }
    return Array<BufferRegion>(regions);
  }

 private:
  // The range holding every set; the whole dimension when their join has no simple ends.
  static Range Cover(arith::Analyzer* analyzer, const std::vector<arith::IntSet>& sets,
                     const PrimExpr& extent) {
    const arith::IntSet& first = sets[0];
    bool same = std::all_of(sets.begin(), sets.end(), [&](const arith::IntSet& s) {
      return ir::StructuralEqual(s, first);
    });
    arith::IntSet set = same ? first : analyzer->Union(Array<arith::IntSet>(sets));
    if (!set.HasLowerBound() || !set.HasUpperBound() ||
        (!same && (set->min_value.as<MinNode>() || set->max_value.as<MaxNode>()))) {
      return Range(make_zero(extent.dtype()), extent);
    }
    // A point keeps the index as written, so it reads back like an explicit T.reads.
    if (ir::StructuralEqual(set->min_value, set->max_value)) {
      return Range(set->min_value, make_const(set->min_value.dtype(), int64_t{1}));
    }
    return Range(set->min_value, analyzer->Simplify(set->max_value - set->min_value + 1));
  }

  std::unordered_map<const Object*, size_t> index_;
  std::vector<Buffer> buffers_;
  std::vector<std::vector<std::vector<arith::IntSet>>> sets_;
};

// Walks a block's init and body, relaxing the variables of the loops and lets inside it.
class AccessCollector : public StmtExprVisitor {
 public:
  explicit AccessCollector(const Block& block) {
    for (const Buffer& buffer : block->alloc_buffers) local_.insert(buffer.get());
  }

  AccessList reads, writes;
  arith::Analyzer analyzer;

  void VisitExpr_(const BufferLoadNode* op) override {
    ExprVisitor::VisitExpr_(op);
    Record(&reads, op->buffer, op->indices);
  }

  void VisitExpr_(const LetNode* op) override {
    VisitExpr(op->value);
    Map<Var, arith::IntSet> saved = dom_;
    dom_ = dom_.Set(op->var, analyzer.EvalSet(op->value, dom_));
    VisitExpr(op->body);
    dom_ = saved;
  }

  void VisitStmt_(const BufferStoreNode* op) override {
    StmtVisitor::VisitStmt_(op);
    Record(&writes, op->buffer, op->indices);
  }

  void VisitStmt_(const ForNode* op) override {
    VisitExpr(op->min);
    VisitExpr(op->extent);
    arith::IntSet first = analyzer.EvalSet(op->min, dom_);
    arith::IntSet last = analyzer.EvalSet(op->min + op->extent - 1, dom_);
    Map<Var, arith::IntSet> saved = dom_;
    dom_ = dom_.Set(op->loop_var, arith::IntSet::Interval(first->min_value, last->max_value));
    VisitStmt(op->body);
    dom_ = saved;
  }

  void VisitStmt_(const LetStmtNode* op) override {
    VisitExpr(op->value);
    Map<Var, arith::IntSet> saved = dom_;
    dom_ = dom_.Set(op->var, analyzer.EvalSet(op->value, dom_));
    VisitStmt(op->body);
    dom_ = saved;
  }

  void VisitStmt_(const AllocateNode* op) override {
    local_.insert(op->buffer.get());
    VisitStmt(op->body);
  }

  // A nested block counts by what it declares, not by its body.
  void VisitStmt_(const BlockRealizeNode* op) override {
    for (const PrimExpr& value : op->iter_values) VisitExpr(value);
    VisitExpr(op->predicate);
    const Block& inner = op->block;
    Map<Var, arith::IntSet> dom = dom_;
    for (size_t i = 0; i < inner->iter_vars.size(); ++i) {
      dom = dom.Set(inner->iter_vars[i]->var, analyzer.EvalSet(op->iter_values[i], dom_));
    }
    for (const BufferRegion& read : inner->reads) RecordRegion(&reads, read, dom);
    for (const BufferRegion& write : inner->writes) RecordRegion(&writes, write, dom);
  }

 private:
  void Record(AccessList* list, const Buffer& buffer, const Array<PrimExpr>& indices) {
    if (local_.count(buffer.get())) return;
    std::vector<arith::IntSet> sets;
    for (const PrimExpr& index : indices) sets.push_back(analyzer.EvalSet(index, dom_));
    list->Add(buffer, sets);
  }

  void RecordRegion(AccessList* list, const BufferRegion& region,
                    const Map<Var, arith::IntSet>& dom) {
    if (local_.count(region->buffer.get())) return;
    std::vector<arith::IntSet> sets;
    for (const arith::IntSet& set : analyzer.EvalSet(region->region, dom)) sets.push_back(set);
    list->Add(region->buffer, sets);
  }

  std::unordered_set<const Object*> local_;
  Map<Var, arith::IntSet> dom_;
};

}  // namespace

Array<Array<BufferRegion>> GetBlockReadWriteRegion(const Block& block) {
  AccessCollector collector(block);
  if (block->init.defined()) collector(block->init);
  collector(block->body);
  return {collector.reads.Regions(&collector.analyzer),
          collector.writes.Regions(&collector.analyzer)};
}

}  // namespace tir
}  // namespace tessel
