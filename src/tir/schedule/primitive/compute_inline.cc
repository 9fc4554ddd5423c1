// compute_inline and reverse_compute_inline: fold a single-store spatial block into its
// consumers (or a consumer into its single producer), dropping the intermediate buffer.
#include "../region.h"
#include "tessel/ir/structural_equal.h"

namespace tessel {
namespace tir {
namespace schedule {

namespace {

// The loads of buffer in stmt.
std::vector<BufferLoad> LoadsOf(const Stmt& stmt, const Buffer& buffer) {
  class Collector : public StmtExprVisitor {
   public:
    explicit Collector(const Buffer& buffer) : buffer_(buffer) {}
    void VisitExpr_(const BufferLoadNode* op) override {
      if (op->buffer.same_as(buffer_)) found.push_back(GetRef<BufferLoad>(op));
      StmtExprVisitor::VisitExpr_(op);
    }
    std::vector<BufferLoad> found;

   private:
    const Buffer& buffer_;
  };
  Collector collector(buffer);
  collector(stmt);
  return collector.found;
}

// The buffers stmt loads from, each once, in order.
std::vector<Buffer> LoadedBuffers(const Stmt& stmt) {
  class Collector : public StmtExprVisitor {
   public:
    void VisitExpr_(const BufferLoadNode* op) override {
      bool seen = false;
      for (const Buffer& b : found) seen |= b.same_as(op->buffer);
      if (!seen) found.push_back(op->buffer);
      StmtExprVisitor::VisitExpr_(op);
    }
    std::vector<Buffer> found;
  };
  Collector collector;
  collector(stmt);
  return collector.found;
}

void CheckSpatialSingleStore(const char* primitive, const Block& block, const std::string& role) {
  if (block->init.defined() || IsReductionBlock(block)) {
    ThrowScheduleError(primitive, StrCat(role, Describe(block), " is a reduction block; ",
                                         "only spatial blocks can be inlined"));
  }
  if (!block->body.as<BufferStoreNode>() || block->writes.size() != 1) {
    ThrowScheduleError(primitive,
                       StrCat(role, Describe(block), " is not a single store `B[...] = ...` ",
                              "(its body is a ", block->body->type_key(), " and it writes ",
                              block->writes.size(), " regions)"));
  }
}

// The distinct iteration variables that indices consists of, or empty when it is anything else.
std::vector<Var> IndexVars(const Block& block, const Array<PrimExpr>& indices) {
  std::vector<Var> vars;
  for (const PrimExpr& index : indices) {
    const auto* var = index.as<VarNode>();
    bool is_iter = false, repeated = false;
    for (const IterVar& iv : block->iter_vars) is_iter |= var && iv->var.get() == var;
    for (const Var& v : vars) repeated |= v.get() == var;
    if (!is_iter || repeated) return {};
    vars.push_back(GetRef<Var>(var));
  }
  return vars;
}

std::string IndexText(const Buffer& buffer, const Array<PrimExpr>& indices) {
  std::string text = buffer->name + "[";
  for (size_t i = 0; i < indices.size(); ++i) text += (i ? ", " : "") + ExprText(indices[i]);
  return text + "]";
}

// region with each variable of dom ranging over its range: the region that covers it.
BufferRegion MapRegion(arith::Analyzer* analyzer, const BufferRegion& region,
                       const Map<Var, Range>& dom) {
  std::vector<Range> ranges;
  for (const arith::IntSet& set : analyzer->EvalSet(region->region, dom)) {
    ranges.push_back(set.CoverRange());
  }
  return BufferRegion(region->buffer, ranges);
}

std::vector<BufferRegion> Regions(const Array<BufferRegion>& regions) {
  std::vector<BufferRegion> list;
  for (const BufferRegion& r : regions) list.push_back(r);
  return list;
}

// regions with `added` appended where no equal region is there yet.
void AddRegions(std::vector<BufferRegion>* regions, const std::vector<BufferRegion>& added) {
  for (const BufferRegion& r : added) {
    bool present = false;
    for (const BufferRegion& old : *regions) present |= ir::StructuralEqual(old, r);
    if (!present) regions->push_back(r);
  }
}

Block WithSignature(const Block& block, Stmt body, std::vector<BufferRegion> reads,
                    std::vector<BufferRegion> writes) {
  auto node = ir::CopyNode(*block.get());
  node->body = std::move(body);
  node->reads = Array<BufferRegion>(reads);
  node->writes = Array<BufferRegion>(writes);
  return Block(ObjectPtr<Object>(node));
}

// Replaces loads of the inlined buffer by the producer's value and updates the consumers'
// reads; drops the buffer's allocation.
class Inliner : public StmtExprMutator {
 public:
  Inliner(const Block& producer, const BufferStoreNode* store, std::vector<Var> index_vars)
      : producer_(producer), store_(store), index_vars_(std::move(index_vars)) {}

  PrimExpr VisitExpr_(const BufferLoadNode* op) override {
    PrimExpr load = StmtExprMutator::VisitExpr_(op);
    const auto* node = load.as<BufferLoadNode>();
    if (!node || !node->buffer.same_as(store_->buffer)) return load;
    VarMap vmap;
    for (size_t i = 0; i < index_vars_.size(); ++i) vmap[index_vars_[i].get()] = node->indices[i];
    return Substitute(store_->value, vmap);
  }

  Stmt VisitStmt_(const BlockNode* op) override {
    Block block(StmtExprMutator::VisitStmt_(op).data());
    bool allocates = false;
    for (const Buffer& b : block->alloc_buffers) allocates |= b.same_as(store_->buffer);
    if (allocates) block = WithAllocBuffer(block, store_->buffer, /*remove=*/true);
    if (!ReadsBuffer(block, store_->buffer)) return block;
    std::vector<BufferRegion> reads;
    for (const BufferRegion& r : block->reads) {
      if (!r->buffer.same_as(store_->buffer)) {
        AddRegions(&reads, {r});
        continue;
      }
      // The producer's reads, its variables ranging over what this block read of the buffer.
      Map<Var, Range> dom;
      for (size_t i = 0; i < index_vars_.size(); ++i) dom = dom.Set(index_vars_[i], r->region[i]);
      std::vector<BufferRegion> mapped;
      for (const BufferRegion& p : producer_->reads) {
        mapped.push_back(MapRegion(&analyzer_, p, dom));
      }
      AddRegions(&reads, mapped);
    }
    return WithSignature(block, block->body, reads, Regions(block->writes));
  }

 private:
  const Block& producer_;
  const BufferStoreNode* store_;
  std::vector<Var> index_vars_;
  arith::Analyzer analyzer_;
};

}  // namespace

void ScheduleNode::ComputeInline(const BlockRV& block_rv) {
  const char* kName = "compute_inline";
  BlockRealize realize = GetBlockRealize(block_rv, kName);
  const Block& block = realize->block;
  PrimFunc func = GetFunc(block_rv->func_name, kName);
  CheckSpatialSingleStore(kName, block, "");
  const auto* store = block->body.as<BufferStoreNode>();
  const Buffer& buffer = store->buffer;
  if (IsParamBuffer(func, buffer)) {
    ThrowScheduleError(kName, StrCat(Describe(block), " writes ", buffer->name,
                                     ", a parameter of the function; an output block cannot ",
                                     "be inlined"));
  }
  std::vector<Var> index_vars = IndexVars(block, store->indices);
  std::unordered_set<const VarNode*> other_vars;
  for (const IterVar& iv : block->iter_vars) other_vars.insert(iv->var.get());
  for (const Var& v : index_vars) other_vars.erase(v.get());
  if (index_vars.empty() || UsesVar(store->value, other_vars)) {
    ThrowScheduleError(kName, StrCat(Describe(block), " stores to ",
                                     IndexText(buffer, store->indices),
                                     "; inlining needs the indices to be distinct iteration ",
                                     "variables that the value depends on alone"));
  }
  if (!LoadsOf(block->body, buffer).empty()) {
    ThrowScheduleError(kName, StrCat(Describe(block), " reads the buffer ", buffer->name,
                                     " it writes"));
  }
  for (const BlockRealize& other : AllBlockRealizes(func->body)) {
    if (!other.same_as(realize) && WritesBuffer(other->block, buffer)) {
      ThrowScheduleError(kName,
                         StrCat(buffer->name, " is also written by ", Describe(other->block)));
    }
  }
  Stmt body = RemoveStmt(func->body, realize);
  Commit(block_rv->func_name, func.WithBody(Inliner(block, store, index_vars)(body)));
  Record("ComputeInline", {block_rv}, {}, {});
}

void ScheduleNode::ReverseComputeInline(const BlockRV& block_rv) {
  const char* kName = "reverse_compute_inline";
  BlockRealize realize = GetBlockRealize(block_rv, kName);
  const Block& consumer = realize->block;
  PrimFunc func = GetFunc(block_rv->func_name, kName);
  CheckSpatialSingleStore(kName, consumer, "");
  const auto* cstore = consumer->body.as<BufferStoreNode>();
  std::vector<BlockRealize> blocks = AllBlockRealizes(func->body);
  // The one buffer the consumer loads that another block produces.
  std::vector<Buffer> produced;
  for (const Buffer& b : LoadedBuffers(consumer->body)) {
    for (const BlockRealize& other : blocks) {
      if (!other.same_as(realize) && WritesBuffer(other->block, b)) {
        produced.push_back(b);
        break;
      }
    }
  }
  if (produced.size() != 1) {
    ThrowScheduleError(kName, StrCat(Describe(consumer), " loads ", produced.size(),
                                     " buffers that other blocks produce; reverse_compute_inline "
                                     "needs exactly one"));
  }
  const Buffer& buffer = produced[0];
  if (IsParamBuffer(func, buffer)) {
    ThrowScheduleError(kName, StrCat(buffer->name,
                                     " is a parameter of the function; it cannot be removed"));
  }
  std::vector<BlockRealize> producers;
  for (const BlockRealize& other : blocks) {
    if (other.same_as(realize)) continue;
    if (WritesBuffer(other->block, buffer)) producers.push_back(other);
    if (ReadsBuffer(other->block, buffer) && !WritesBuffer(other->block, buffer)) {
      ThrowScheduleError(kName, StrCat(buffer->name, " is also read by ", Describe(other->block)));
    }
  }
  if (producers.size() != 1) {
    ThrowScheduleError(kName, StrCat(buffer->name, " has ", producers.size(),
                                     " producer blocks; reverse_compute_inline needs exactly one"));
  }
  const Block& producer = producers[0]->block;
  CheckSpatialSingleStore(kName, producer, "the producer ");
  const auto* pstore = producer->body.as<BufferStoreNode>();
  if (!pstore->buffer.same_as(buffer)) {
    ThrowScheduleError(kName, StrCat("the producer ", Describe(producer), " stores to ",
                                     pstore->buffer->name, ", not ", buffer->name));
  }
  // Every load of the buffer must be B[u0, u1, ...] with the same distinct variables, all of them.
  std::vector<BufferLoad> loads = LoadsOf(consumer->body, buffer);
  std::vector<Var> vars = IndexVars(consumer, loads[0]->indices);
  bool ok = !vars.empty() && vars.size() == consumer->iter_vars.size();
  for (const BufferLoad& load : loads) ok &= ir::StructuralEqual(load->indices, loads[0]->indices);
  if (!ok) {
    ThrowScheduleError(kName, StrCat(Describe(consumer), " loads ",
                                     IndexText(buffer, loads[0]->indices),
                                     "; reverse_compute_inline needs every load of ", buffer->name,
                                     " indexed by the same distinct iteration variables, ",
                                     "all of them"));
  }
  // u_i := the producer's store index i; the loads become the producer's value.
  VarMap vmap;
  Map<Var, Range> dom;
  for (size_t i = 0; i < vars.size(); ++i) {
    vmap[vars[i].get()] = pstore->indices[i];
    PrimExpr one = make_const(pstore->indices[i].dtype(), int64_t{1});
    dom = dom.Set(vars[i], Range(pstore->indices[i], one));
  }
  class LoadReplacer : public StmtExprMutator {
   public:
    LoadReplacer(const Buffer& buffer, const PrimExpr& value) : buffer_(buffer), value_(value) {}
    PrimExpr VisitExpr_(const BufferLoadNode* op) override {
      return op->buffer.same_as(buffer_) ? value_ : StmtExprMutator::VisitExpr_(op);
    }

   private:
    const Buffer& buffer_;
    const PrimExpr& value_;
  };
  PrimExpr value = Substitute(LoadReplacer(buffer, pstore->value)(cstore->value), vmap);
  std::vector<PrimExpr> indices;
  for (const PrimExpr& index : cstore->indices) indices.push_back(Substitute(index, vmap));
  arith::Analyzer analyzer;
  std::vector<BufferRegion> reads = Regions(producer->reads);
  std::vector<BufferRegion> mapped;
  for (const BufferRegion& r : consumer->reads) {
    if (!r->buffer.same_as(buffer)) mapped.push_back(MapRegion(&analyzer, r, dom));
  }
  AddRegions(&reads, mapped);
  std::vector<BufferRegion> writes;
  for (const BufferRegion& w : consumer->writes) writes.push_back(MapRegion(&analyzer, w, dom));
  Block fused = WithSignature(producer, BufferStore(cstore->buffer, value, indices), reads, writes);
  Stmt body = ReplaceStmt(RemoveStmt(func->body, realize), producer, fused);
  // Drop the allocation of the buffer, now unused.
  class AllocDropper : public StmtMutator {
   public:
    explicit AllocDropper(const Buffer& buffer) : buffer_(buffer) {}
    Stmt VisitStmt_(const BlockNode* op) override {
      Block block(StmtMutator::VisitStmt_(op).data());
      for (const Buffer& b : block->alloc_buffers) {
        if (b.same_as(buffer_)) return WithAllocBuffer(block, buffer_, /*remove=*/true);
      }
      return block;
    }

   private:
    const Buffer& buffer_;
  };
  Commit(block_rv->func_name, func.WithBody(AllocDropper(buffer)(body)));
  Record("ReverseComputeInline", {block_rv}, {}, {});
}

TESSEL_REGISTER_INSTRUCTION_KIND(
    "ComputeInline", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>&,
       const ObjectRef&) -> Array<ObjectRef> {
      sch->ComputeInline(Downcast<BlockRV>(inputs[0]));
      return {};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>&, const ObjectRef&,
       const Array<String>&) { return PythonCall("compute_inline", {{"block", inputs[0]}}, {}); });

TESSEL_REGISTER_INSTRUCTION_KIND(
    "ReverseComputeInline", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>&,
       const ObjectRef&) -> Array<ObjectRef> {
      sch->ReverseComputeInline(Downcast<BlockRV>(inputs[0]));
      return {};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>&, const ObjectRef&,
       const Array<String>&) {
      return PythonCall("reverse_compute_inline", {{"block", inputs[0]}}, {});
    });

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
