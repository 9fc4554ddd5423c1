// StorageRewrite: plan the allocations of each function.
//
// Allocations of constant size move to the top of their scope: the function body, or the
// body of a "parallel_launch" region (or of a parallel loop) they are in, never out of it,
// since every task needs its own. Then, within a scope, 1-D allocations of one dtype and
// memory scope whose lifetimes do not overlap share one Allocate: the later buffer's
// accesses are rewritten to the earlier one's buffer (the larger size wins). A lifetime is
// the range of statements of the scope's top-level sequence that mention the buffer; a
// loop is one statement, so values carried between iterations are never clobbered.
// Allocations of symbolic size stay where they are.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "ir_utils.h"

namespace tessel {
namespace tir {
namespace transform {

namespace {

bool HasConstantSize(const Buffer& buffer) {
  for (const PrimExpr& e : buffer->shape) {
    if (!e.as<IntImmNode>()) return false;
  }
  return true;
}

bool IsScopeBoundary(const Stmt& s) {
  if (const auto* attr = s.as<AttrStmtNode>()) return attr->attr_key == "parallel_launch";
  if (const auto* loop = s.as<ForNode>()) return loop->kind == ForKind::kParallel;
  return false;
}

// The buffers and variables a statement mentions.
class Mentions : public StmtExprVisitor {
 public:
  std::unordered_set<const Object*> found;

  void VisitExpr_(const VarNode* op) override { found.insert(op); }
  void VisitExpr_(const BufferLoadNode* op) override {
    found.insert(op->buffer.get());
    StmtExprVisitor::VisitExpr_(op);
  }
  void VisitStmt_(const BufferStoreNode* op) override {
    found.insert(op->buffer.get());
    StmtExprVisitor::VisitStmt_(op);
  }
};

// Replaces buffers (and their data variables) by the buffers sharing their storage.
class BufferRewriter : public StmtExprMutator {
 public:
  explicit BufferRewriter(const std::unordered_map<const BufferNode*, Buffer>& replace)
      : replace_(replace) {
    for (const auto& [from, to] : replace_) vars_[from->data.get()] = to->data;
  }
  PrimExpr VisitExpr_(const VarNode* op) override {
    auto it = vars_.find(op);
    return it == vars_.end() ? GetRef<PrimExpr>(op) : it->second;
  }
  PrimExpr VisitExpr_(const BufferLoadNode* op) override {
    PrimExpr e = StmtExprMutator::VisitExpr_(op);
    const auto* load = e.as<BufferLoadNode>();
    auto it = replace_.find(load->buffer.get());
    return it == replace_.end() ? e : BufferLoad(it->second, load->indices, load->span);
  }
  Stmt VisitStmt_(const BufferStoreNode* op) override {
    Stmt s = StmtExprMutator::VisitStmt_(op);
    const auto* store = s.as<BufferStoreNode>();
    auto it = replace_.find(store->buffer.get());
    return it == replace_.end() ? s
                                : BufferStore(it->second, store->value, store->indices, store->span);
  }

 private:
  const std::unordered_map<const BufferNode*, Buffer>& replace_;
  std::unordered_map<const VarNode*, PrimExpr> vars_;
};

class Planner;

// Removes the constant-size allocations of one scope, collecting their buffers; nested
// scopes are planned on their own.
class Hoister : public StmtMutator {
 public:
  explicit Hoister(Planner* planner) : planner_(planner) {}
  std::vector<Buffer> hoisted;

  Stmt VisitStmt(const Stmt& s) override;
  Stmt VisitStmt_(const SeqStmtNode* op) override {
    return FlattenSeq(StmtMutator::VisitStmt_(op));
  }
  Stmt VisitStmt_(const AllocateNode* op) override {
    Stmt body = VisitStmt(op->body);
    if (HasConstantSize(op->buffer)) {
      hoisted.push_back(op->buffer);
      return body;
    }
    return body.same_as(op->body) ? GetRef<Stmt>(op) : Allocate(op->buffer, body, op->span);
  }

 private:
  Planner* planner_;
};

class Planner {
 public:
  // The scope body with its allocations hoisted to its top and shared where possible.
  Stmt Plan(const Stmt& body) {
    Hoister hoister(this);
    Stmt rest = hoister(body);
    if (hoister.hoisted.empty()) return rest;
    // The scope's sequence: below the lets, attributes and symbolic allocations wrapping it.
    Stmt inner = rest;
    while (true) {
      if (const auto* let = inner.as<LetStmtNode>()) {
        inner = let->body;
      } else if (const auto* alloc = inner.as<AllocateNode>()) {
        inner = alloc->body;
      } else if (inner.as<AttrStmtNode>() && !IsScopeBoundary(inner)) {
        inner = inner.as<AttrStmtNode>()->body;
      } else {
        break;
      }
    }
    std::vector<Stmt> seq;
    if (const auto* s = inner.as<SeqStmtNode>()) {
      for (const Stmt& item : s->seq) seq.push_back(item);
    } else {
      seq.push_back(inner);
    }
    std::vector<std::unordered_set<const Object*>> mentions;
    for (const Stmt& s : seq) {
      Mentions m;
      m(s);
      mentions.push_back(std::move(m.found));
    }
    // Slots of storage: greedy in order of first use.
    struct Slot {
      Buffer buffer;
      int64_t size;
      int64_t last;
      std::vector<Buffer> members;
    };
    std::vector<Slot> slots;
    std::vector<std::pair<int64_t, Buffer>> by_first;
    for (const Buffer& b : hoister.hoisted) {
      int64_t first = -1;
      for (size_t i = 0; i < mentions.size(); ++i) {
        if (mentions[i].count(b.get()) || mentions[i].count(b->data.get())) {
          first = static_cast<int64_t>(i);
          break;
        }
      }
      by_first.push_back({first, b});
    }
    std::stable_sort(by_first.begin(), by_first.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [first, b] : by_first) {
      int64_t last = first;
      for (size_t i = first < 0 ? mentions.size() : first; i < mentions.size(); ++i) {
        if (mentions[i].count(b.get()) || mentions[i].count(b->data.get())) last = i;
      }
      Slot* target = nullptr;
      if (first >= 0 && b->shape.size() == 1) {
        for (Slot& slot : slots) {
          const Buffer& s = slot.buffer;
          if (slot.last < first && s->dtype == b->dtype && s->scope == b->scope &&
              s->shape.size() == 1 && s->shape[0].dtype() == b->shape[0].dtype()) {
            target = &slot;
            break;
          }
        }
      }
      int64_t size = 1;
      for (const PrimExpr& e : b->shape) size *= e.as<IntImmNode>()->value;
      if (target) {
        target->members.push_back(b);
        target->last = last;
        target->size = std::max(target->size, size);
      } else {
        slots.push_back({b, size, first < 0 ? static_cast<int64_t>(mentions.size()) : last, {b}});
      }
    }
    std::unordered_map<const BufferNode*, Buffer> replace;
    std::vector<Buffer> allocs;
    for (Slot& slot : slots) {
      Buffer buffer = slot.buffer;
      if (slot.members.size() > 1 && buffer->shape[0].as<IntImmNode>()->value != slot.size) {
        buffer = Buffer(buffer->data, buffer->dtype, {IntImm(buffer->shape[0].dtype(), slot.size)},
                        {}, buffer->elem_offset, buffer->name, buffer->scope, buffer->span);
      }
      for (const Buffer& member : slot.members) {
        if (!member.same_as(buffer)) replace[member.get()] = buffer;
      }
      allocs.push_back(buffer);
    }
    Stmt result = rest;
    if (!replace.empty()) result = BufferRewriter(replace)(rest);
    for (auto it = allocs.rbegin(); it != allocs.rend(); ++it) result = Allocate(*it, result);
    return result;
  }
};

Stmt Hoister::VisitStmt(const Stmt& s) {
  if (!IsScopeBoundary(s)) return StmtMutator::VisitStmt(s);
  if (const auto* attr = s.as<AttrStmtNode>()) {
    Stmt body = planner_->Plan(attr->body);
    if (body.same_as(attr->body)) return s;
    return AttrStmt(attr->node, attr->attr_key, attr->value, body, attr->span);
  }
  const auto* loop = s.as<ForNode>();
  Stmt body = planner_->Plan(loop->body);
  if (body.same_as(loop->body)) return s;
  return For(loop->loop_var, loop->min, loop->extent, loop->kind, body, loop->annotations,
             loop->span);
}

}  // namespace

Pass StorageRewrite() {
  auto transform = [](PrimFunc func) {
    Stmt body = Planner().Plan(func->body);
    return body.same_as(func->body) ? func : func.WithBody(body);
  };
  return CreatePrimFuncPass(transform, "tir.StorageRewrite");
}

TESSEL_REGISTER_PASS("tir.StorageRewrite", [] { return StorageRewrite(); });

}  // namespace transform
}  // namespace tir
}  // namespace tessel
