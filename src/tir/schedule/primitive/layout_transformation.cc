// The layout primitives: transform_layout (move a buffer's elements by an index map and
// rewrite every access) and storage_align (ask for padded strides, as an annotation).
#include <string>
#include <utility>
#include <vector>

#include "tessel/tir/arith/iter_map.h"
#include "tessel/tir/functor.h"
#include "../utils.h"

namespace tessel {
namespace tir {
namespace schedule {

namespace {

// The buffer_index-th buffer the block reads ("read") or writes ("write").
Buffer AccessedBuffer(const char* primitive, const Block& block, int buffer_index,
                      const std::string& type) {
  if (type != "read" && type != "write") {
    ThrowScheduleError(primitive, StrCat("buffer_index_type must be \"read\" or \"write\", "
                                         "found \"", type, "\""));
  }
  const Array<BufferRegion>& regions = type == "read" ? block->reads : block->writes;
  if (buffer_index < 0 || static_cast<size_t>(buffer_index) >= regions.size()) {
    ThrowScheduleError(primitive, StrCat(Describe(block), " has ", regions.size(), " ", type,
                                         " buffers; buffer_index ", buffer_index,
                                         " is out of range"));
  }
  return regions[buffer_index]->buffer;
}

// `lambda i, j: (j // 16, i, j % 16)`: an index map as Python (and for messages).
std::string IndexMapText(const Array<Var>& src, const Array<PrimExpr>& dst) {
  std::string text = "lambda ";
  for (size_t i = 0; i < src.size(); ++i) text += (i ? ", " : "") + src[i]->name_hint;
  text += ": (";
  for (size_t i = 0; i < dst.size(); ++i) text += (i ? ", " : "") + ExprText(dst[i]);
  return text + (dst.size() == 1 ? ",)" : ")");
}

// Replaces every use of one buffer by another whose indices are the index map of the old ones.
class LayoutRewriter : public StmtExprMutator {
 public:
  LayoutRewriter(Buffer from, Buffer to, Array<Var> src, Array<PrimExpr> dst)
      : from_(std::move(from)), to_(std::move(to)), src_(std::move(src)), dst_(std::move(dst)) {}

  Array<PrimExpr> MapIndices(const Array<PrimExpr>& indices) const {
    VarMap vmap;
    for (size_t i = 0; i < src_.size(); ++i) vmap[src_[i].get()] = indices[i];
    Array<PrimExpr> out;
    for (const PrimExpr& e : dst_) out = out.Append(Substitute(e, vmap));
    return out;
  }

  // The bounding box of the image of a region.
  BufferRegion MapRegion(const BufferRegion& region) {
    if (!region->buffer.same_as(from_)) return region;
    bool point = true;
    Array<PrimExpr> mins;
    for (const Range& r : region->region) {
      point = point && is_const_number(r->extent, 1);
      mins = mins.Append(r->min);
    }
    std::vector<Range> ranges;
    if (point) {
      for (const PrimExpr& e : MapIndices(mins)) {
        ranges.emplace_back(e, make_const(e.dtype(), int64_t{1}));
      }
      return BufferRegion(to_, ranges);
    }
    arith::Analyzer analyzer;
    Map<Var, Range> dom;
    VarMap vmap;
    for (size_t i = 0; i < src_.size(); ++i) {
      Var r(src_[i]->name_hint, src_[i].dtype());
      dom = dom.Set(r, region->region[i]);
      vmap[src_[i].get()] = r;
    }
    for (const PrimExpr& e : dst_) {
      arith::IntSet set = analyzer.EvalSet(Substitute(e, vmap), dom);
      PrimExpr lo = analyzer.Simplify(set->min_value);
      ranges.emplace_back(lo, analyzer.Simplify(set->max_value - lo + 1));
    }
    return BufferRegion(to_, ranges);
  }

  PrimExpr VisitExpr_(const BufferLoadNode* op) override {
    PrimExpr e = StmtExprMutator::VisitExpr_(op);
    const auto* load = e.as<BufferLoadNode>();
    if (!load->buffer.same_as(from_)) return e;
    return BufferLoad(to_, MapIndices(load->indices));
  }

  Stmt VisitStmt_(const BufferStoreNode* op) override {
    Stmt s = StmtExprMutator::VisitStmt_(op);
    const auto* store = s.as<BufferStoreNode>();
    if (!store->buffer.same_as(from_)) return s;
    return BufferStore(to_, store->value, MapIndices(store->indices));
  }

  Stmt VisitStmt_(const BlockNode* op) override {
    Stmt s = StmtExprMutator::VisitStmt_(op);
    auto block = ir::CopyNode(*static_cast<const BlockNode*>(s.get()));
    Array<BufferRegion> reads, writes;
    for (const BufferRegion& r : block->reads) reads = reads.Append(MapRegion(r));
    for (const BufferRegion& r : block->writes) writes = writes.Append(MapRegion(r));
    Array<Buffer> allocs;
    for (const Buffer& b : block->alloc_buffers) allocs = allocs.Append(b.same_as(from_) ? to_ : b);
    block->reads = reads;
    block->writes = writes;
    block->alloc_buffers = allocs;
    return Block(ObjectPtr<Object>(block));
  }

 private:
  Buffer from_, to_;
  Array<Var> src_;
  Array<PrimExpr> dst_;
};

}  // namespace

// ------------------------------------------------------------------ transform_layout

void ScheduleNode::TransformLayout(const BlockRV& block_rv, int buffer_index,
                                   const std::string& buffer_index_type, const Array<Var>& src,
                                   const Array<PrimExpr>& dst) {
  const char* kName = "transform_layout";
  BlockRealize realize = GetBlockRealize(block_rv, kName);
  Buffer buffer = AccessedBuffer(kName, realize->block, buffer_index, buffer_index_type);
  std::string map_text = IndexMapText(src, dst);
  if (src.size() != buffer.ndim()) {
    ThrowScheduleError(kName, StrCat("the index map ", map_text, " takes ", src.size(),
                                     " indices, but buffer ", buffer->name, " has ",
                                     buffer.ndim(), " dimensions"));
  }
  if (dst.empty()) ThrowScheduleError(kName, StrCat("the index map ", map_text, " has no results"));
  Map<Var, Range> dom;
  arith::Analyzer analyzer;
  for (size_t i = 0; i < src.size(); ++i) {
    int64_t extent;
    if (!AsConstInt(buffer->shape[i], &extent)) {
      ThrowScheduleError(kName, StrCat("buffer ", buffer->name, " has the symbolic dimension ",
                                       ExprText(buffer->shape[i]),
                                       "; transform_layout needs a constant shape"));
    }
    Range range(make_zero(src[i].dtype()), make_const(src[i].dtype(), extent));
    dom = dom.Set(src[i], range);
    analyzer.Bind(src[i], range);
  }
  std::string shape_text;
  for (size_t i = 0; i < buffer.ndim(); ++i) {
    shape_text += (i ? ", " : "") + ExprText(buffer->shape[i]);
  }
  arith::IterMapResult iter_map = arith::DetectIterMap(dst, dom, &analyzer, true);
  if (!iter_map.success()) {
    ThrowScheduleError(kName, StrCat("the index map ", map_text,
                                     " is not a bijection of the shape (", shape_text,
                                     ") of buffer ", buffer->name, " onto a new shape: ",
                                     iter_map->errors[0].str()));
  }
  Array<PrimExpr> shape;
  for (size_t k = 0; k < dst.size(); ++k) {
    auto bound = analyzer.GetConstIntBound(dst[k]);
    if (bound.min_value != 0) {
      ThrowScheduleError(kName, StrCat("result ", k, " of the index map ", map_text,
                                       " starts at ", bound.min_value, ", not 0"));
    }
    shape = shape.Append(make_const(buffer->shape[0].dtype(), bound.max_value + 1));
  }
  Buffer new_buffer(buffer->data, buffer->dtype, shape, {}, buffer->elem_offset, buffer->name,
                    buffer->scope);
  PrimFunc func = GetFunc(block_rv->func_name, kName);
  auto node = ir::CopyNode(*func.get());
  node->body = LayoutRewriter(buffer, new_buffer, src, dst)(func->body);
  Map<Var, Buffer> buffer_map;
  for (const auto& [param, b] : func->buffer_map.items()) {
    buffer_map = buffer_map.Set(param, b.same_as(buffer) ? new_buffer : b);
  }
  node->buffer_map = buffer_map;
  Commit(block_rv->func_name, PrimFunc(ObjectPtr<Object>(node)));
  Record("TransformLayout", {block_rv},
         {IntImm(DataType::Int(32), buffer_index), String(buffer_index_type), src, dst}, {});
}

TESSEL_REGISTER_INSTRUCTION_KIND(
    "TransformLayout", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>& attrs,
       const ObjectRef&) -> Array<ObjectRef> {
      sch->TransformLayout(Downcast<BlockRV>(inputs[0]),
                           static_cast<int>(Downcast<IntImm>(attrs[0])->value),
                           Downcast<String>(attrs[1]), Array<Var>(attrs[2].data()),
                           Array<PrimExpr>(attrs[3].data()));
      return {};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>& attrs, const ObjectRef&,
       const Array<String>& outputs) {
      return PythonCall("transform_layout",
                        {{"block", inputs[0]}, {"buffer_index", PythonLiteral(attrs[0])},
                         {"buffer_index_type", PythonLiteral(attrs[1])},
                         {"index_map", IndexMapText(Array<Var>(attrs[2].data()),
                                                    Array<PrimExpr>(attrs[3].data()))}},
                        outputs);
    });

// ------------------------------------------------------------------ storage_align

void ScheduleNode::StorageAlign(const BlockRV& block_rv, int buffer_index, int axis, int factor,
                                int offset) {
  const char* kName = "storage_align";
  Block block = GetBlockRealize(block_rv, kName)->block;
  Buffer buffer = AccessedBuffer(kName, block, buffer_index, "write");
  int ndim = static_cast<int>(buffer.ndim());
  if (axis < -ndim || axis >= ndim) {
    ThrowScheduleError(kName, StrCat("axis ", axis, " is out of range [", -ndim, ", ", ndim,
                                     ") for buffer ", buffer->name));
  }
  if (axis < 0) axis += ndim;
  if (factor <= 0) {
    ThrowScheduleError(kName, StrCat("factor ", factor, " is not positive"));
  }
  // One [buffer_index, axis, factor, offset] entry per buffer and axis; a new call replaces it.
  auto entry = [](int64_t a, int64_t b, int64_t c, int64_t d) {
    return Array<IntImm>{IntImm(DataType::Int(32), a), IntImm(DataType::Int(32), b),
                         IntImm(DataType::Int(32), c), IntImm(DataType::Int(32), d)};
  };
  Array<ObjectRef> aligns;
  if (block->annotations.count("buffer_dim_align")) {
    Array<ObjectRef> old_aligns(block->annotations.Get("buffer_dim_align").data());
    for (const ObjectRef& old : old_aligns) {
      Array<IntImm> tuple(old.data());
      if (tuple[0]->value == buffer_index && tuple[1]->value == axis) continue;
      aligns = aligns.Append(old);
    }
  }
  aligns = aligns.Append(entry(buffer_index, axis, factor, offset));
  auto node = ir::CopyNode(*block.get());
  node->annotations = block->annotations.Set("buffer_dim_align", aligns);
  Replace(block_rv->func_name, block, Block(ObjectPtr<Object>(node)));
  Record("StorageAlign", {block_rv},
         {IntImm(DataType::Int(32), buffer_index), IntImm(DataType::Int(32), axis),
          IntImm(DataType::Int(32), factor), IntImm(DataType::Int(32), offset)},
         {});
}

TESSEL_REGISTER_INSTRUCTION_KIND(
    "StorageAlign", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>& attrs,
       const ObjectRef&) -> Array<ObjectRef> {
      auto at = [&](size_t i) { return static_cast<int>(Downcast<IntImm>(attrs[i])->value); };
      sch->StorageAlign(Downcast<BlockRV>(inputs[0]), at(0), at(1), at(2), at(3));
      return {};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>& attrs, const ObjectRef&,
       const Array<String>& outputs) {
      return PythonCall("storage_align",
                        {{"block", inputs[0]}, {"buffer_index", PythonLiteral(attrs[0])},
                         {"axis", PythonLiteral(attrs[1])}, {"factor", PythonLiteral(attrs[2])},
                         {"offset", PythonLiteral(attrs[3])}},
                        outputs);
    });

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
