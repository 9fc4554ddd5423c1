// cache_read and cache_write: route a block's reads or writes of a buffer through a copy in
// another storage scope, with a block that copies the accessed region in or out.
#include "../region.h"

namespace tessel {
namespace tir {
namespace schedule {

namespace {

// Rewrites accesses of one buffer to another: loads and read regions, and with writes also
// stores and write regions.
class BufferRedirector : public StmtExprMutator {
 public:
  BufferRedirector(const Buffer& from, const Buffer& to, bool writes)
      : from_(from), to_(to), writes_(writes) {}

  PrimExpr VisitExpr_(const BufferLoadNode* op) override {
    PrimExpr load = StmtExprMutator::VisitExpr_(op);
    const auto* node = load.as<BufferLoadNode>();
    if (!node->buffer.same_as(from_)) return load;
    return BufferLoad(to_, node->indices);
  }
  Stmt VisitStmt_(const BufferStoreNode* op) override {
    Stmt stmt = StmtExprMutator::VisitStmt_(op);
    const auto* node = stmt.as<BufferStoreNode>();
    if (!writes_ || !node->buffer.same_as(from_)) return stmt;
    return BufferStore(to_, node->value, node->indices);
  }
  Stmt VisitStmt_(const BlockNode* op) override {
    Block block(StmtExprMutator::VisitStmt_(op).data());
    auto node = ir::CopyNode(*block.get());
    node->reads = Swap(block->reads);
    if (writes_) node->writes = Swap(block->writes);
    return Block(ObjectPtr<Object>(node));
  }

 private:
  Array<BufferRegion> Swap(const Array<BufferRegion>& regions) const {
    return regions.Map([&](const BufferRegion& r) {
      return r->buffer.same_as(from_) ? BufferRegion(to_, r->region) : r;
    });
  }
  const Buffer& from_;
  const Buffer& to_;
  bool writes_;
};

// Whether stmt loads from buffer (declared reads may leave out what a reduction updates).
bool LoadsBuffer(const Stmt& stmt, const Buffer& buffer) {
  class Finder : public StmtExprVisitor {
   public:
    explicit Finder(const Buffer& buffer) : buffer_(buffer) {}
    void VisitExpr_(const BufferLoadNode* op) override {
      found |= op->buffer.same_as(buffer_);
      StmtExprVisitor::VisitExpr_(op);
    }
    bool found = false;

   private:
    const Buffer& buffer_;
  };
  Finder finder(buffer);
  finder(stmt);
  return finder.found;
}

// A name based on base that no block of root has yet.
std::string FreshBlockName(const Stmt& root, const std::string& base) {
  std::string name = base;
  for (int i = 1; FindBlockRealize(root, name).defined(); ++i) name = StrCat(base, "_", i);
  return name;
}

// The block `dst[v0, v1, ...] = src[v0, v1, ...]` over the shape of src.
Block CopyBlock(const std::string& name, const Buffer& src, const Buffer& dst) {
  std::vector<IterVar> iter_vars;
  std::vector<PrimExpr> vars;
  std::vector<Range> point;
  for (size_t d = 0; d < src->shape.size(); ++d) {
    DataType dtype = src->shape[d].dtype();
    Var v(StrCat("v", d), dtype);
    iter_vars.emplace_back(Range(make_zero(dtype), src->shape[d]), v, IterVarType::kDataPar);
    vars.push_back(v);
    point.emplace_back(v, make_const(dtype, int64_t{1}));
  }
  return Block(iter_vars, {BufferRegion(src, point)}, {BufferRegion(dst, point)}, name,
               BufferStore(dst, BufferLoad(src, vars), vars));
}

// The union of the regions of buffer that blocks access (their reads, or with writes their
// writes), relaxed over all their loops in the scope; a dimension that cannot be bounded is
// the whole dimension.
std::vector<Range> AccessedRegion(const Stmt& root, const std::vector<BlockRealize>& blocks,
                                  const Buffer& buffer, bool writes) {
  arith::Analyzer analyzer;
  std::vector<std::vector<arith::IntSet>> per_dim(buffer->shape.size());
  for (const BlockRealize& r : blocks) {
    for (const BufferRegion& access : writes ? r->block->writes : r->block->reads) {
      if (!access->buffer.same_as(buffer)) continue;
      std::vector<arith::IntSet> sets =
          RelaxRegion(&analyzer, r, access->region, LoopsAbove(root, r));
      for (size_t d = 0; d < sets.size(); ++d) per_dim[d].push_back(sets[d]);
    }
  }
  std::vector<Range> ranges;
  for (size_t d = 0; d < per_dim.size(); ++d) {
    arith::IntSet set = analyzer.Union(Array<arith::IntSet>(per_dim[d]));
    bool bounded = set.HasLowerBound() && set.HasUpperBound() && !set.IsEmpty();
    if (!bounded) {
      ranges.push_back(Range(make_zero(buffer->shape[d].dtype()), buffer->shape[d]));
      continue;
    }
    // A ragged tile relaxes past the buffer's end (its predicate keeps the accesses inside):
    // the copy covers the buffer only.
    Range cover = set.CoverRange();
    PrimExpr begin = analyzer.Simplify(max(cover->min, make_zero(cover->min.dtype())));
    PrimExpr end = analyzer.Simplify(min(cover->min + cover->extent, buffer->shape[d]));
    ranges.push_back(Range(begin, analyzer.Simplify(end - begin)));
  }
  return ranges;
}

// cache_read (write = false) and cache_write (write = true).
BlockRV Cache(ScheduleNode* sch, const BlockRV& block_rv, int index,
              const std::string& storage_scope, bool write) {
  const char* kName = write ? "cache_write" : "cache_read";
  BlockRealize realize = sch->GetBlockRealize(block_rv, kName);
  const Block& block = realize->block;
  const Array<BufferRegion>& accesses = write ? block->writes : block->reads;
  if (index < 0 || index >= static_cast<int>(accesses.size())) {
    ThrowScheduleError(kName, StrCat(Describe(block), " has ", accesses.size(),
                                     write ? " write" : " read", " regions; ",
                                     write ? "write" : "read", "_buffer_index ", index,
                                     " is out of range"));
  }
  Buffer buffer = accesses[index]->buffer;
  PrimFunc func = sch->GetFunc(block_rv->func_name, kName);
  // The copy is allocated by the enclosing block; a function body without one gets a root block.
  Stmt root = func->body;
  BlockRealize scope = EnclosingRealize(root, realize);
  if (!scope.defined()) {
    Block block_root({}, {}, {}, "root", root);
    scope = BlockRealize({}, make_const(DataType::Bool(), int64_t{1}), block_root);
    root = scope;
  }
  std::string name = FreshBlockName(root, StrCat(buffer->name, "_", storage_scope));
  Buffer cache = decl_buffer(buffer->shape, buffer->dtype, name, storage_scope);
  std::vector<BlockRealize> redirected;
  if (write) {
    // A block that updates the buffer would read the cache without the other writers'
    // values (such as the init block decompose_reduction makes).
    if (ReadsBuffer(block, buffer) || LoadsBuffer(block->body, buffer)) {
      for (const BlockRealize& r : BlocksIn(scope->block->body)) {
        if (!r->block.same_as(block) && WritesBuffer(r->block, buffer)) {
          ThrowScheduleError(kName, StrCat(Describe(block), " reads the buffer ", buffer->name,
                                           " it writes, and ", Describe(r->block),
                                           " writes it too"));
        }
      }
    }
    redirected.push_back(realize);
  } else {
    for (const BlockRealize& r : BlocksIn(scope->block->body)) {
      if (ReadsBuffer(r->block, buffer)) redirected.push_back(r);
    }
  }
  std::vector<Range> region = AccessedRegion(root, redirected, buffer, write);
  Block copy = write ? CopyBlock(name, cache, buffer) : CopyBlock(name, buffer, cache);
  // Before the first reader, or after the writer's loop nest.
  std::vector<Stmt> list = StmtList(scope->block->body);
  int at = static_cast<int>(list.size());
  for (const BlockRealize& r : redirected) at = std::min(at, IndexContaining(list, r));
  if (write) ++at;
  Stmt body = scope->block->body;
  BufferRedirector redirector(buffer, cache, write);
  for (const BlockRealize& r : redirected) body = ReplaceStmt(body, r->block, redirector(r->block));
  list = StmtList(body);
  arith::Analyzer analyzer;
  list.insert(list.begin() + at, MakeLoopNest(&analyzer, copy, region, true));
  auto node = ir::CopyNode(*scope->block.get());
  node->body = SeqStmt(list);
  Block new_scope = WithAllocBuffer(Block(ObjectPtr<Object>(node)), cache);
  Stmt new_root = root.same_as(scope) ? Stmt(BlockRealize({}, scope->predicate, new_scope))
                                      : ReplaceStmt(root, scope->block, new_scope);
  sch->Commit(block_rv->func_name, func.WithBody(new_root));
  return BlockRV(name, block_rv->func_name);
}

std::string AsPython(const char* method, const char* index_name, const Array<String>& inputs,
                     const Array<ObjectRef>& attrs, const Array<String>& outputs) {
  return PythonCall(method,
                    {{"block", inputs[0]}, {index_name, PythonLiteral(attrs[0])},
                     {"storage_scope", PythonLiteral(attrs[1])}},
                    outputs);
}

}  // namespace

BlockRV ScheduleNode::CacheRead(const BlockRV& block, int read_buffer_index,
                                const std::string& storage_scope) {
  BlockRV result = Cache(this, block, read_buffer_index, storage_scope, false);
  Record("CacheRead", {block},
         {IntImm(DataType::Int(32), read_buffer_index), String(storage_scope)}, {result});
  return result;
}

BlockRV ScheduleNode::CacheWrite(const BlockRV& block, int write_buffer_index,
                                 const std::string& storage_scope) {
  BlockRV result = Cache(this, block, write_buffer_index, storage_scope, true);
  Record("CacheWrite", {block},
         {IntImm(DataType::Int(32), write_buffer_index), String(storage_scope)}, {result});
  return result;
}

TESSEL_REGISTER_INSTRUCTION_KIND(
    "CacheRead", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>& attrs,
       const ObjectRef&) -> Array<ObjectRef> {
      return {sch->CacheRead(Downcast<BlockRV>(inputs[0]),
                             static_cast<int>(Downcast<IntImm>(attrs[0])->value),
                             Downcast<String>(attrs[1]))};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>& attrs, const ObjectRef&,
       const Array<String>& outputs) {
      return AsPython("cache_read", "read_buffer_index", inputs, attrs, outputs);
    });

TESSEL_REGISTER_INSTRUCTION_KIND(
    "CacheWrite", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>& attrs,
       const ObjectRef&) -> Array<ObjectRef> {
      return {sch->CacheWrite(Downcast<BlockRV>(inputs[0]),
                              static_cast<int>(Downcast<IntImm>(attrs[0])->value),
                              Downcast<String>(attrs[1]))};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>& attrs, const ObjectRef&,
       const Array<String>& outputs) {
      return AsPython("cache_write", "write_buffer_index", inputs, attrs, outputs);
    });

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
