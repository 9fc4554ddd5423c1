// compute_at and reverse_compute_at: move a producer under a loop of its consumers (or a
// consumer under a loop of its producers), regenerating loops over exactly the region the
// blocks under that loop need (or produce).
#include <algorithm>
#include <unordered_set>
#include <utility>

#include "../region.h"

namespace tessel {
namespace tir {
namespace schedule {

namespace {

std::string BufferNames(const std::vector<Buffer>& buffers) {
  std::string names;
  for (const Buffer& b : buffers) names += (names.empty() ? "" : ", ") + b->name;
  return names;
}

// The buffers of regions, each once, in order.
std::vector<Buffer> BuffersOf(const Array<BufferRegion>& regions) {
  std::vector<Buffer> buffers;
  for (const BufferRegion& r : regions) {
    bool seen = false;
    for (const Buffer& b : buffers) seen |= b.same_as(r->buffer);
    if (!seen) buffers.push_back(r->buffer);
  }
  return buffers;
}

// The buffers of `buffers` that other's regions touch.
std::vector<Buffer> Shared(const std::vector<Buffer>& buffers, const Array<BufferRegion>& other) {
  std::vector<Buffer> shared;
  for (const Buffer& b : buffers) {
    for (const BufferRegion& r : other) {
      if (r->buffer.same_as(b)) {
        shared.push_back(b);
        break;
      }
    }
  }
  return shared;
}

// reverse_compute_at narrows the consumer to what the producers make under the loop only
// through reads of one iteration variable per dimension. Any other read (a stencil's
// `B[v_i:v_i + 3]`, `B[v_i + 2]`) would leave the whole consumer under every iteration,
// reading what later iterations (or other threads, under a parallel loop) have not made
// yet, unless the producers make the whole dimension there.
void CheckConsumerRegion(arith::Analyzer* analyzer, const Block& block, const Buffer& buffer,
                         const std::vector<arith::IntSet>& produced, const For& loop) {
  std::unordered_set<const VarNode*> iter_vars;
  for (const IterVar& iv : block->iter_vars) iter_vars.insert(iv->var.get());
  for (const BufferRegion& access : block->reads) {
    if (!access->buffer.same_as(buffer)) continue;
    for (size_t d = 0; d < access->region.size(); ++d) {
      const Range& r = access->region[d];
      if (!UsesVar(r->min, iter_vars) && !UsesVar(r->extent, iter_vars)) continue;
      if (is_const_number(r->extent, 1) && r->min.as<VarNode>()) continue;
      if (analyzer->CanProve(produced[d]->min_value <= 0) &&
          analyzer->CanProve(produced[d]->max_value >= buffer->shape[d] - 1)) {
        continue;
      }
      ThrowScheduleError("reverse_compute_at",
                         StrCat(Describe(block), " reads ", buffer->name, " dimension ", d,
                                " at ", ExprText(r->min), " (extent ", ExprText(r->extent),
                                "), not at one iteration variable; the part of it that the "
                                "blocks under ", Describe(loop), " produce cannot be found"));
    }
  }
}

// compute_at (reverse = false) and reverse_compute_at (reverse = true).
void MoveUnderLoop(ScheduleNode* sch, const BlockRV& block_rv, const LoopRV& loop_rv,
                   bool preserve_unit_loops, bool reverse) {
  const char* kName = reverse ? "reverse_compute_at" : "compute_at";
  BlockRealize realize = sch->GetBlockRealize(block_rv, kName);
  For loop = sch->GetLoop(loop_rv, kName);
  const Block& block = realize->block;
  if (loop_rv->func_name != block_rv->func_name) {
    ThrowScheduleError(kName, StrCat(Describe(loop), " and ", Describe(block),
                                     " are in different functions"));
  }
  PrimFunc func = sch->GetFunc(block_rv->func_name, kName);
  const Stmt& root = func->body;
  BlockRealize scope = EnclosingRealize(root, realize);
  if (!EnclosingRealize(root, loop).same_as(scope)) {
    ThrowScheduleError(kName, StrCat(Describe(loop), " is not in the block scope of ",
                                     Describe(block)));
  }
  if (!PathTo(loop, realize).empty()) {
    ThrowScheduleError(kName, StrCat(Describe(block), " is already under ", Describe(loop)));
  }
  if (!is_const_number(realize->predicate, 1)) {
    ThrowScheduleError(kName, StrCat(Describe(block), " has the predicate ",
                                     ExprText(realize->predicate),
                                     "; only blocks without one can move"));
  }
  // What this block provides to (or takes from) the blocks it is moved next to.
  std::vector<Buffer> own = BuffersOf(reverse ? block->reads : block->writes);
  if (!reverse) {
    for (const Buffer& b : own) {
      if (IsParamBuffer(func, b)) {
        ThrowScheduleError(kName, StrCat(Describe(block), " is an output block: it writes ",
                                         b->name, ", a parameter of the function"));
      }
    }
  }
  std::vector<BlockRealize> all = BlocksIn(ScopeBody(root, scope));
  std::vector<BlockRealize> under = ChildBlockRealizes(loop);
  auto order = [&](const BlockRealize& r) {
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].same_as(r)) return static_cast<int>(i);
    }
    return -1;
  };
  auto is_under = [&](const BlockRealize& r) {
    for (const BlockRealize& u : under) {
      if (u.same_as(r)) return true;
    }
    return false;
  };
  int first_under = order(under.empty() ? BlockRealize() : under.front());
  int last_under = order(under.empty() ? BlockRealize() : under.back());
  int self = order(realize);
  // The related blocks: consumers of what this block writes, or producers of what it reads.
  std::vector<BlockRealize> related;
  std::vector<std::pair<BlockRealize, std::vector<Buffer>>> outside;
  for (const BlockRealize& other : all) {
    if (other.same_as(realize)) continue;
    std::vector<Buffer> shared = Shared(own, reverse ? other->block->writes : other->block->reads);
    if (shared.empty()) continue;
    if (is_under(other)) {
      related.push_back(other);
    } else {
      outside.emplace_back(other, shared);
    }
  }
  if (related.empty()) {
    ThrowScheduleError(kName, StrCat(Describe(block), " is not a ",
                                     reverse ? "consumer" : "producer", " of any block under ",
                                     Describe(loop)));
  }
  for (const auto& [other, shared] : outside) {
    int at = order(other);
    if (!reverse) {
      ThrowScheduleError(kName, StrCat(Describe(other->block), " reads ", BufferNames(shared),
                                       at < first_under ? " before " : " after ", Describe(loop),
                                       ", outside it; every consumer of ", Describe(block),
                                       " must be under the loop"));
    }
    if (at > first_under) {
      ThrowScheduleError(kName, StrCat(Describe(other->block), " writes ", BufferNames(shared),
                                       " after ", Describe(loop), ", outside it; ",
                                       Describe(block), " cannot move before it"));
    }
  }
  if (!reverse && self > first_under) {
    ThrowScheduleError(kName, StrCat(Describe(block), " comes after ", Describe(loop),
                                     "; compute_at moves a producer forward to its consumers"));
  }
  if (reverse && self < last_under) {
    ThrowScheduleError(kName, StrCat(Describe(block), " comes before ", Describe(loop),
                                     "; reverse_compute_at moves a consumer back to its ",
                                     "producers"));
  }
  if (reverse) {
    // Producers before the loop are fine, unless they write what the loop's blocks also write.
    for (const BlockRealize& other : all) {
      if (other.same_as(realize) || is_under(other)) continue;
      for (const BlockRealize& r : related) {
        std::vector<Buffer> both = Shared(Shared(own, r->block->writes), other->block->writes);
        if (!both.empty()) {
          ThrowScheduleError(kName, StrCat(Describe(other->block), " also writes ",
                                           BufferNames(both), " outside ", Describe(loop)));
        }
      }
    }
  }
  // The region of each buffer the related blocks access under the loop, as a function of
  // the loops around (and including) it.
  arith::Analyzer analyzer;
  for (const Stmt& s : PathTo(root, loop)) {
    if (const auto* l = s.as<ForNode>()) analyzer.Bind(l->loop_var, Range(l->min, l->extent));
  }
  std::vector<Range> ranges;
  for (const IterVar& iv : block->iter_vars) ranges.push_back(iv->dom);
  for (const Buffer& buffer : own) {
    std::vector<std::vector<arith::IntSet>> per_dim(buffer->shape.size());
    for (const BlockRealize& r : related) {
      std::vector<For> loops = LoopsAbove(root, r);
      std::vector<For> relaxed;
      bool inside = false;
      for (const For& l : loops) {
        if (inside) relaxed.push_back(l);
        inside |= l.same_as(loop);
      }
      std::unordered_set<const VarNode*> loop_vars;
      for (const For& l : loops) loop_vars.insert(l->loop_var.get());
      VarMap bindings;
      for (size_t i = 0; i < r->block->iter_vars.size(); ++i) {
        bindings[r->block->iter_vars[i]->var.get()] = r->iter_values[i];
      }
      for (const BufferRegion& access : reverse ? r->block->writes : r->block->reads) {
        if (!access->buffer.same_as(buffer)) continue;
        for (const Range& range : access->region) {
          PrimExpr index = Substitute(range->min, bindings);
          if (!IsQuasiAffine(index, loop_vars)) {
            ThrowScheduleError(kName, StrCat(Describe(r->block), " accesses ", buffer->name,
                                             " at ", ExprText(index),
                                             ", which is not affine in the loops; ",
                                             "the region under ",
                                             Describe(loop), " cannot be covered"));
          }
        }
        std::vector<arith::IntSet> sets = RelaxRegion(&analyzer, r, access->region, relaxed);
        for (size_t d = 0; d < sets.size(); ++d) per_dim[d].push_back(sets[d]);
      }
    }
    std::vector<arith::IntSet> needed;
    for (size_t d = 0; d < per_dim.size(); ++d) {
      if (per_dim[d].empty()) continue;
      arith::IntSet set = analyzer.Union(Array<arith::IntSet>(per_dim[d]));
      if (!set.HasLowerBound() || !set.HasUpperBound()) {
        ThrowScheduleError(kName, StrCat("the region of ", buffer->name, " dimension ", d,
                                         " that the blocks under ", Describe(loop),
                                         " access is not bounded; it cannot be covered"));
      }
      needed.push_back(set);
    }
    if (needed.size() != per_dim.size()) continue;
    if (reverse) CheckConsumerRegion(&analyzer, block, buffer, needed, loop);
    NarrowIterRanges(&analyzer, block, reverse ? block->reads : block->writes, buffer, needed,
                     &ranges);
  }
  // Before the first consumer, or after the last producer, among the loop's statements.
  std::vector<Stmt> list = StmtList(loop->body);
  int index = reverse ? -1 : static_cast<int>(list.size());
  for (const BlockRealize& r : related) {
    int at = IndexContaining(list, r);
    index = reverse ? std::max(index, at) : std::min(index, at);
  }
  if (reverse) ++index;
  Stmt nest = MakeLoopNest(&analyzer, block, ranges, preserve_unit_loops);
  Stmt body = ReplaceStmt(root, loop, InsertIntoLoop(loop, static_cast<size_t>(index), nest));
  sch->Commit(block_rv->func_name, func.WithBody(RemoveStmt(body, realize)));
}

std::string AsPython(const char* method, const Array<String>& inputs,
                     const Array<ObjectRef>& attrs) {
  return PythonCall(method,
                    {{"block", inputs[0]}, {"loop", inputs[1]},
                     {"preserve_unit_loops", PythonLiteral(attrs[0])}},
                    {});
}

}  // namespace

void ScheduleNode::ComputeAt(const BlockRV& block, const LoopRV& loop, bool preserve_unit_loops) {
  MoveUnderLoop(this, block, loop, preserve_unit_loops, false);
  Record("ComputeAt", {block, loop}, {IntImm(DataType::Bool(), preserve_unit_loops)}, {});
}

void ScheduleNode::ReverseComputeAt(const BlockRV& block, const LoopRV& loop,
                                    bool preserve_unit_loops) {
  MoveUnderLoop(this, block, loop, preserve_unit_loops, true);
  Record("ReverseComputeAt", {block, loop}, {IntImm(DataType::Bool(), preserve_unit_loops)}, {});
}

TESSEL_REGISTER_INSTRUCTION_KIND(
    "ComputeAt", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>& attrs,
       const ObjectRef&) -> Array<ObjectRef> {
      sch->ComputeAt(Downcast<BlockRV>(inputs[0]), Downcast<LoopRV>(inputs[1]),
                     Downcast<IntImm>(attrs[0])->value != 0);
      return {};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>& attrs, const ObjectRef&,
       const Array<String>&) { return AsPython("compute_at", inputs, attrs); });

TESSEL_REGISTER_INSTRUCTION_KIND(
    "ReverseComputeAt", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>& attrs,
       const ObjectRef&) -> Array<ObjectRef> {
      sch->ReverseComputeAt(Downcast<BlockRV>(inputs[0]), Downcast<LoopRV>(inputs[1]),
                            Downcast<IntImm>(attrs[0])->value != 0);
      return {};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>& attrs, const ObjectRef&,
       const Array<String>&) { return AsPython("reverse_compute_at", inputs, attrs); });

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
