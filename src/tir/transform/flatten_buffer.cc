// FlattenBuffer: turn every multi-dimensional buffer access into a 1-D one.
//
// Each buffer gets one flattened twin over the same data pointer: shape [prod(shape)]
// for a compact buffer, and an index `elem_offset + sum(index_k * stride_k)` (row-major
// strides unless the buffer gives its own). A Ramp in the last dimension stays a Ramp
// of the flattened offset, so code generation still sees a contiguous vector access.
// Parameter buffers are flattened in the buffer_map; the originals are kept in the
// "tir.param_buffers" attribute, which code generation uses to describe the arguments.
#include <algorithm>
#include <optional>
#include <unordered_map>

#include "tessel/ir/structural_equal.h"

#include "ir_utils.h"

namespace tessel {
namespace tir {
namespace transform {

namespace {

// The dtype index arithmetic of a buffer access runs in: the widest of its parts.
DataType IndexType(const Buffer& buffer, const Array<PrimExpr>& indices) {
  int bits = 0;
  for (const PrimExpr& e : buffer->shape) bits = std::max(bits, e.dtype().bits());
  for (const PrimExpr& e : indices) bits = std::max(bits, e.dtype().bits());
  return DataType::Int(std::max(bits, 32));
}

// x converted to the scalar integer type t (lane-wise for vectors, keeping a Ramp a Ramp).
PrimExpr CastIndex(DataType t, const PrimExpr& x) {
  if (x.dtype().element_of() == t) return x;
  if (const auto* ramp = x.as<RampNode>()) {
    return Ramp(cast(t, ramp->base), cast(t, ramp->stride), ramp->lanes);
  }
  return cast(t.with_lanes(x.dtype().lanes()), x);
}

// The product of the extents, with the constant part folded.
PrimExpr Product(const Array<PrimExpr>& shape, DataType t) {
  int64_t constant = 1;
  PrimExpr symbolic;
  for (const PrimExpr& e : shape) {
    if (const auto* imm = e.as<IntImmNode>()) {
      constant *= imm->value;
    } else {
      PrimExpr x = cast(t, e);
      symbolic = symbolic.defined() ? symbolic * x : x;
    }
  }
  if (!symbolic.defined()) return IntImm(t, constant);
  return constant == 1 ? symbolic : symbolic * IntImm(t, constant);
}

// The number of elements a flattened buffer spans, when every part of its layout is constant.
std::optional<int64_t> ConstantExtent(const BufferNode* b) {
  auto value = [](const PrimExpr& e) -> std::optional<int64_t> {
    if (const auto* imm = e.as<IntImmNode>()) return imm->value;
    return std::nullopt;
  };
  std::optional<int64_t> offset = value(b->elem_offset);
  if (!offset) return std::nullopt;
  int64_t extent = b->strides.empty() ? 1 : 1 + *offset;
  if (b->strides.empty()) {
    for (const PrimExpr& e : b->shape) {
      std::optional<int64_t> dim = value(e);
      if (!dim) return std::nullopt;
      extent *= *dim;
    }
    return extent + *offset;
  }
  for (size_t k = 0; k < b->shape.size(); ++k) {
    std::optional<int64_t> dim = value(b->shape[k]);
    std::optional<int64_t> stride = value(b->strides[k]);
    if (!dim || !stride) return std::nullopt;
    extent += (*dim - 1) * *stride;
  }
  return extent;
}

bool IsCompact(const BufferNode* b) { return b->strides.empty() && IsConstInt(b->elem_offset, 0); }

// Whether explicit strides are those of the row-major layout (compared as constants or nodes).
bool StridesAreRowMajor(const BufferNode* b) {
  PrimExpr expected = IntImm(b->shape.empty() ? DataType::Int(32) : b->shape[0].dtype(), 1);
  for (size_t k = b->shape.size(); k-- > 0;) {
    const PrimExpr& stride = b->strides[k];
    const auto* x = stride.as<IntImmNode>();
    const auto* y = expected.as<IntImmNode>();
    if (!(x && y && x->value == y->value) && !ir::StructuralEqual(stride, expected)) return false;
    expected = (x && b->shape[k].as<IntImmNode>())
                   ? PrimExpr(IntImm(expected.dtype(), x->value * b->shape[k].as<IntImmNode>()->value))
                   : expected * b->shape[k];
  }
  return true;
}

class Flattener : public StmtExprMutator {
 public:
  // The flattened twin of buffer (itself for a compact 1-D buffer).
  Buffer Flat(const Buffer& buffer) {
    auto it = flat_.find(buffer.get());
    if (it != flat_.end()) return it->second;
    const BufferNode* b = buffer.get();
    Buffer flat = buffer;
    if (b->shape.size() != 1 || !IsCompact(b)) {
      DataType t = IndexType(buffer, {});
      PrimExpr extent;
      std::optional<int64_t> size = ConstantExtent(b);
      if (size) {
        extent = IntImm(t, *size);
      } else if (b->strides.empty()) {
        extent = Product(b->shape, t);
      } else {
        // One past the last element reachable through the strides.
        extent = IntImm(t, 1);
        for (size_t k = 0; k < b->shape.size(); ++k) {
          extent = extent + (cast(t, b->shape[k]) - IntImm(t, 1)) * cast(t, b->strides[k]);
        }
      }
      if (!size && !IsConstInt(b->elem_offset, 0)) extent = extent + cast(t, b->elem_offset);
      flat = Buffer(b->data, b->dtype, {extent}, {}, IntImm(t, 0), b->name, b->scope, b->span);
    }
    flat_.emplace(buffer.get(), flat);
    return flat;
  }

  // The 1-D index of buffer[indices]: Horner's rule over the row-major extents, or the
  // sum over explicit strides, plus elem_offset.
  PrimExpr Offset(const Buffer& buffer, const Array<PrimExpr>& indices) {
    const BufferNode* b = buffer.get();
    if (b->shape.size() == 1 && IsCompact(b)) return indices[0];
    DataType t = IndexType(buffer, indices);
    PrimExpr offset;
    for (size_t k = 0; k < indices.size(); ++k) {
      PrimExpr index = CastIndex(t, indices[k]);
      if (!b->strides.empty()) {
        PrimExpr term = IsConstInt(b->strides[k], 1) ? index : VecMul(index, cast(t, b->strides[k]));
        offset = offset.defined() ? VecAdd(offset, term) : term;
      } else {
        offset = offset.defined() ? VecAdd(VecMul(offset, cast(t, b->shape[k])), index) : index;
      }
    }
    if (!offset.defined()) offset = IntImm(t, 0);
    if (!IsConstInt(b->elem_offset, 0)) offset = VecAdd(offset, cast(t, b->elem_offset));
    return offset;
  }

  PrimExpr VisitExpr_(const BufferLoadNode* op) override {
    PrimExpr e = StmtExprMutator::VisitExpr_(op);
    const auto* load = e.as<BufferLoadNode>();
    Buffer flat = Flat(load->buffer);
    if (flat.same_as(load->buffer)) return e;
    return BufferLoad(flat, {Offset(load->buffer, load->indices)}, load->span);
  }

  Stmt VisitStmt_(const BufferStoreNode* op) override {
    Stmt s = StmtExprMutator::VisitStmt_(op);
    const auto* store = s.as<BufferStoreNode>();
    Buffer flat = Flat(store->buffer);
    if (flat.same_as(store->buffer)) return s;
    return BufferStore(flat, store->value, {Offset(store->buffer, store->indices)}, store->span);
  }

  Stmt VisitStmt_(const AllocateNode* op) override {
    Stmt body = VisitStmt(op->body);
    Buffer flat = Flat(op->buffer);
    if (flat.same_as(op->buffer) && body.same_as(op->body)) return GetRef<Stmt>(op);
    return Allocate(flat, body, op->span);
  }

  Stmt VisitStmt_(const BlockRealizeNode* op) override {
    throw InvalidArgumentError(StrCat("FlattenBuffer: found block ", op->block->name_hint,
                                      "; run ConvertBlocksToLoops first"));
  }

 private:
  std::unordered_map<const BufferNode*, Buffer> flat_;
};

PrimFunc Flatten(PrimFunc func) {
  Flattener flattener;
  Map<Var, Buffer> buffer_map;
  Map<String, ObjectRef> originals;
  bool params_changed = false;
  for (const Var& param : func->params) {
    if (!func->buffer_map.count(param)) continue;
    Buffer buffer = func->buffer_map.at(param);
    if (!buffer->strides.empty() && !StridesAreRowMajor(buffer.get())) {
      throw InvalidArgumentError(StrCat("FlattenBuffer: parameter buffer ", buffer->name,
                                        " of ", param->name_hint,
                                        " has non-compact strides, which are not supported"));
    }
    Buffer flat = flattener.Flat(buffer);
    params_changed |= !flat.same_as(buffer);
    buffer_map = buffer_map.Set(param, flat);
    originals = originals.Set(String(param->name_hint), buffer);
  }
  Stmt body = flattener(func->body);
  if (!params_changed && body.same_as(func->body)) return func;
  auto node = ir::CopyNode(*func.get());
  node->buffer_map = buffer_map;
  node->body = body;
  PrimFunc result{ObjectPtr<Object>(node)};
  if (!func->attrs.Get("tir.param_buffers").defined()) {
    result = result.WithAttr("tir.param_buffers", originals);
  }
  return result;
}

}  // namespace

Pass FlattenBuffer() { return CreatePrimFuncPass(Flatten, "tir.FlattenBuffer"); }

TESSEL_REGISTER_PASS("tir.FlattenBuffer", [] { return FlattenBuffer(); });

}  // namespace transform
}  // namespace tir
}  // namespace tessel
