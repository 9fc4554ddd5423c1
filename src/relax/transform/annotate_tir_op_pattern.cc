// AnnotateTIROpPattern: the fusion pattern of each PrimFunc, read from its blocks' indices.
#include <algorithm>
#include <unordered_set>
#include <utility>
#include <vector>

#include "tessel/relax/transform.h"
#include "tessel/tir/functor.h"

namespace tessel {
namespace relax {
namespace transform {

namespace {

using tir::BufferLoad;
using tir::BufferStore;

// Whether some variable of expr satisfies pred.
template <typename Pred>
bool UsesVar(const PrimExpr& expr, Pred pred) {
  struct Finder : tir::ExprVisitor {
    explicit Finder(Pred p) : pred(std::move(p)) {}
    Pred pred;
    bool found = false;
    void VisitExpr_(const tir::VarNode* op) override { found |= pred(op); }
  } finder(std::move(pred));
  finder.VisitExpr(expr);
  return finder.found;
}

bool SameIndices(const Array<PrimExpr>& a, const Array<PrimExpr>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a[i].same_as(b[i])) return false;
  }
  return true;
}

bool IsConstInt(const PrimExpr& expr, int64_t value) {
  const auto* imm = expr.as<ir::IntImmNode>();
  return imm && imm->value == value;
}

// load's indices are store's in order with some dropped (unit dimensions read at 0 aside):
// `C[i, j] = A[i, j] + B[j]` reads B by broadcast.
bool IsBroadcast(const BufferStore& store, const BufferLoad& load) {
  size_t j = 0;
  for (size_t i = 0; i < load->indices.size(); ++i) {
    if (IsConstInt(load->buffer->shape[i], 1) && IsConstInt(load->indices[i], 0)) continue;
    while (j < store->indices.size() && !store->indices[j].same_as(load->indices[i])) ++j;
    if (j == store->indices.size()) return false;
    ++j;
  }
  return true;
}

// Every index of load is a function of store's index variables (reshape, transpose, take).
bool IsInjective(const BufferStore& store, const BufferLoad& load) {
  std::unordered_set<const tir::VarNode*> vars;
  for (const PrimExpr& index : store->indices) {
    const auto* var = index.as<tir::VarNode>();
    if (!var) return false;
    vars.insert(var);
  }
  for (const PrimExpr& index : load->indices) {
    if (UsesVar(index, [&](const tir::VarNode* var) { return !vars.count(var); })) return false;
  }
  return true;
}

// A reduction reads every reduced dimension with a reduction variable itself.
bool IsPureReduce(const std::unordered_set<const tir::VarNode*>& reduce_vars, const BufferLoad& load) {
  for (const PrimExpr& index : load->indices) {
    const auto* var = index.as<tir::VarNode>();
    bool is_reduce_var = var && reduce_vars.count(var);
    if (!is_reduce_var && UsesVar(index, [&](const tir::VarNode* v) { return reduce_vars.count(v) > 0; })) {
      return false;
    }
  }
  return true;
}

// `C[...] = C[...] + A[...] * B[...]`: a contraction (matmul, convolution).
bool IsMultiplyAccumulate(const tir::Stmt& body) {
  const auto* store = body.as<tir::BufferStoreNode>();
  const auto* add = store ? store->value.as<tir::AddNode>() : nullptr;
  if (!add) return false;
  const auto* acc = add->a.as<tir::BufferLoadNode>();
  return acc && acc->buffer.same_as(store->buffer) && add->b.as<tir::MulNode>();
}

class PatternAnalyzer : public tir::StmtExprVisitor {
 public:
  explicit PatternAnalyzer(const tir::PrimFunc& func) {
    for (const auto& [param, buffer] : func->buffer_map.items()) outputs_.insert(buffer->data.get());
  }

  OpPatternKind kind() const { return kind_; }

  void VisitStmt_(const tir::BlockNode* op) override {
    if (kind_ == OpPatternKind::kOpaque) return;
    if (HasChildBlock(op)) {  // a root block: its children decide
      tir::StmtExprVisitor::VisitStmt_(op);
      return;
    }
    stores_.clear();
    loads_.clear();
    VisitStmt(op->body);  // the init only writes the identity
    if (stores_.size() != 1) {
      kind_ = OpPatternKind::kOpaque;
      return;
    }
    kind_ = std::max(kind_, BlockKind(op, stores_[0]));
  }

  void VisitStmt_(const tir::BufferStoreNode* op) override {
    stores_.push_back(tir::GetRef<BufferStore>(op));
    tir::StmtExprVisitor::VisitStmt_(op);
  }

  void VisitExpr_(const tir::BufferLoadNode* op) override {
    loads_.push_back(tir::GetRef<BufferLoad>(op));
    tir::StmtExprVisitor::VisitExpr_(op);
  }

 private:
  static bool HasChildBlock(const tir::BlockNode* op) {
    struct Finder : tir::StmtVisitor {
      bool found = false;
      void VisitStmt_(const tir::BlockNode*) override { found = true; }
    } finder;
    finder.VisitStmt(op->body);
    return finder.found;
  }

  OpPatternKind BlockKind(const tir::BlockNode* block, const BufferStore& store) {
    // Elementwise < broadcast < injective: the worst load decides. A load of the stored
    // element itself (an accumulation) is elementwise.
    OpPatternKind index_kind = OpPatternKind::kElemWise;
    bool by_indices = true;
    bool has_elementwise = false;
    for (const BufferLoad& load : loads_) {
      if (SameIndices(store->indices, load->indices)) {
        has_elementwise = true;
      } else if (IsBroadcast(store, load)) {
        index_kind = std::max(index_kind, OpPatternKind::kBroadcast);
      } else if (IsInjective(store, load)) {
        index_kind = std::max(index_kind, OpPatternKind::kInjective);
      } else {
        by_indices = false;
      }
    }
    // `C[i, j] = A[i, j] + B[j]`: elementwise in C's shape, which fusion treats as such.
    if (index_kind == OpPatternKind::kBroadcast && has_elementwise) index_kind = OpPatternKind::kElemWise;
    if (by_indices) {
      // A reduction whose result an output block transforms elementwise (softmax).
      if (kind_ == OpPatternKind::kCommReduce && outputs_.count(store->buffer->data.get())) {
        return OpPatternKind::kOutEWiseFusable;
      }
      return index_kind;
    }
    std::unordered_set<const tir::VarNode*> reduce_vars;
    for (const tir::IterVar& iv : block->iter_vars) {
      if (iv->iter_type == tir::IterVarType::kCommReduce) reduce_vars.insert(iv->var.get());
    }
    if (reduce_vars.empty()) return OpPatternKind::kOpaque;
    if (IsMultiplyAccumulate(block->body)) return OpPatternKind::kOutEWiseFusable;
    for (const BufferLoad& load : loads_) {
      if (!IsPureReduce(reduce_vars, load)) return OpPatternKind::kOpaque;
    }
    return OpPatternKind::kCommReduce;
  }

  OpPatternKind kind_ = OpPatternKind::kElemWise;
  std::unordered_set<const tir::VarNode*> outputs_;  // the data of the parameter buffers
  std::vector<BufferStore> stores_;
  std::vector<BufferLoad> loads_;
};

}  // namespace

OpPatternKind AnalyzeOpPatternKind(const tir::PrimFunc& func) {
  PatternAnalyzer analyzer(func);
  analyzer.VisitStmt(func->body);
  return analyzer.kind();
}

ir::transform::Pass AnnotateTIROpPattern() {
  auto pass_func = [](ir::BaseFunc func, ir::IRModule, ir::transform::PassContext) -> ir::BaseFunc {
    const auto* prim = func.as<tir::PrimFuncNode>();
    if (!prim || prim->attrs.Get("op_pattern").defined()) return func;
    tir::PrimFunc prim_func = tir::GetRef<tir::PrimFunc>(prim);
    int kind = static_cast<int>(AnalyzeOpPatternKind(prim_func));
    return prim_func.WithAttr("op_pattern", ir::IntImm(DataType::Int(32), kind));
  };
  return ir::transform::CreateFunctionPass(pass_func, 0, "relax.AnnotateTIROpPattern");
}

TESSEL_REGISTER_PASS("relax.AnnotateTIROpPattern", [] { return AnnotateTIROpPattern(); });

}  // namespace transform
}  // namespace relax
}  // namespace tessel
