// Internal helpers of the schedule primitives (see utils.h).
#include "utils.h"

#include <utility>

#include "tessel/ir/printer.h"

namespace tessel {
namespace tir {
namespace schedule {

void ThrowScheduleError(const char* primitive, const std::string& message) {
  throw ScheduleError(StrCat(primitive, ": ", message));
}

std::string Describe(const For& loop) { return StrCat("loop ", loop->loop_var->name_hint); }

std::string Describe(const Block& block) { return StrCat("block \"", block->name_hint, "\""); }

std::string ExprText(const PrimExpr& e) { return ir::ScriptPrinter().Print(e); }

// ------------------------------------------------------------------ finding

namespace {

// Depth-first search for the first statement `match` accepts, recording the path to it.
template <typename F>
class PathFinder : public StmtVisitor {
 public:
  explicit PathFinder(F match) : match_(std::move(match)) {}
  void VisitStmt(const Stmt& stmt) override {
    if (found_) return;
    path_.push_back(stmt);
    if (match_(stmt)) {
      found_ = true;
      return;
    }
    StmtVisitor::VisitStmt(stmt);
    if (!found_) path_.pop_back();
  }
  std::vector<Stmt> Run(const Stmt& root) {
    VisitStmt(root);
    if (!found_) path_.clear();
    return path_;
  }

 private:
  F match_;
  bool found_ = false;
  std::vector<Stmt> path_;
};

template <typename F>
std::vector<Stmt> FindPath(const Stmt& root, F match) {
  return PathFinder<F>(std::move(match)).Run(root);
}

}  // namespace

BlockRealize FindBlockRealize(const Stmt& root, const std::string& name) {
  std::vector<Stmt> path = FindPath(root, [&](const Stmt& s) {
    const auto* realize = s.as<BlockRealizeNode>();
    return realize && realize->block->name_hint == name;
  });
  return path.empty() ? BlockRealize() : BlockRealize(path.back().data());
}

For FindLoop(const Stmt& root, const Var& loop_var) {
  std::vector<Stmt> path = FindPath(root, [&](const Stmt& s) {
    const auto* loop = s.as<ForNode>();
    return loop && loop->loop_var.same_as(loop_var);
  });
  return path.empty() ? For() : For(path.back().data());
}

std::vector<Stmt> PathTo(const Stmt& root, const Stmt& target) {
  return FindPath(root, [&](const Stmt& s) { return s.same_as(target); });
}

std::vector<For> LoopsAbove(const Stmt& root, const BlockRealize& realize) {
  std::vector<For> loops;
  for (const Stmt& s : PathTo(root, realize)) {
    if (s.as<BlockNode>()) loops.clear();  // loops outside the enclosing block are not ours
    if (s.as<ForNode>()) loops.push_back(For(s.data()));
  }
  return loops;
}

std::vector<BlockRealize> ChildBlockRealizes(const Stmt& stmt) {
  class Collector : public StmtVisitor {
   public:
    void VisitStmt_(const BlockRealizeNode* op) override {
      found.push_back(GetRef<BlockRealize>(op));
    }
    std::vector<BlockRealize> found;
  };
  Collector collector;
  if (const auto* realize = stmt.as<BlockRealizeNode>()) {
    collector.StmtVisitor::VisitStmt_(realize->block.get());
  } else if (const auto* block = stmt.as<BlockNode>()) {
    collector.StmtVisitor::VisitStmt_(block);
  } else if (const auto* loop = stmt.as<ForNode>()) {
    collector(loop->body);
  } else {
    collector(stmt);
  }
  return collector.found;
}

// ------------------------------------------------------------------ rewriting

Stmt ReplaceStmt(const Stmt& root, const Stmt& old_stmt, const Stmt& new_stmt) {
  class Replacer : public StmtMutator {
   public:
    Replacer(const Stmt& from, const Stmt& to) : from_(from), to_(to) {}
    Stmt VisitStmt(const Stmt& stmt) override {
      return stmt.same_as(from_) ? to_ : StmtMutator::VisitStmt(stmt);
    }

   private:
    const Stmt& from_;
    const Stmt& to_;
  };
  return Replacer(old_stmt, new_stmt)(root);
}

namespace {

class VarSubstituter : public StmtExprMutator {
 public:
  explicit VarSubstituter(const VarMap& vmap) : vmap_(vmap) {}
  PrimExpr VisitExpr_(const VarNode* op) override {
    auto it = vmap_.find(op);
    return it == vmap_.end() ? GetRef<PrimExpr>(op) : it->second;
  }

 private:
  const VarMap& vmap_;
};

}  // namespace

PrimExpr Substitute(const PrimExpr& e, const VarMap& vmap) { return VarSubstituter(vmap)(e); }

Stmt Substitute(const Stmt& stmt, const VarMap& vmap) { return VarSubstituter(vmap)(stmt); }

bool UsesVar(const PrimExpr& e, const std::unordered_set<const VarNode*>& vars) {
  class Finder : public ExprVisitor {
   public:
    explicit Finder(const std::unordered_set<const VarNode*>& vars) : vars_(vars) {}
    void VisitExpr_(const VarNode* op) override { found |= vars_.count(op) > 0; }
    bool found = false;

   private:
    const std::unordered_set<const VarNode*>& vars_;
  };
  Finder finder(vars);
  finder(e);
  return finder.found;
}

Stmt AddPredicate(const Stmt& stmt, const PrimExpr& predicate) {
  class Appender : public StmtMutator {
   public:
    explicit Appender(const PrimExpr& predicate) : predicate_(predicate) {}
    Stmt VisitStmt_(const BlockRealizeNode* op) override {
      PrimExpr combined =
          is_const_number(op->predicate, 1) ? predicate_ : logical_and(op->predicate, predicate_);
      return BlockRealize(op->iter_values, combined, op->block, op->span);
    }

   private:
    const PrimExpr& predicate_;
  };
  return Appender(predicate)(stmt);
}

// ------------------------------------------------------------------ tidy arithmetic

bool AsConstInt(const PrimExpr& e, int64_t* value) {
  const auto* imm = e.as<IntImmNode>();
  if (imm) *value = imm->value;
  return imm != nullptr;
}

PrimExpr TidyAdd(const PrimExpr& a, const PrimExpr& b) {
  int64_t x, y;
  bool ca = AsConstInt(a, &x), cb = AsConstInt(b, &y);
  if (ca && cb) return make_const(a.dtype(), x + y);
  if (ca && x == 0) return b;
  if (cb && y == 0) return a;
  return a + b;
}

PrimExpr TidyMul(const PrimExpr& a, const PrimExpr& b) {
  int64_t x, y;
  bool ca = AsConstInt(a, &x), cb = AsConstInt(b, &y);
  if (ca && cb) return make_const(a.dtype(), x * y);
  if ((ca && x == 0) || (cb && y == 0)) return make_zero(a.dtype());
  if (ca && x == 1) return b;
  if (cb && y == 1) return a;
  return a * b;
}

PrimExpr TidyFloorDiv(const PrimExpr& a, const PrimExpr& b) {
  int64_t x, y;
  bool ca = AsConstInt(a, &x), cb = AsConstInt(b, &y);
  if (cb && y == 1) return a;
  if (ca && cb && y != 0) return make_const(a.dtype(), x / y - ((x % y != 0) && ((x < 0) != (y < 0))));
  return floordiv(a, b);
}

PrimExpr TidyFloorMod(const PrimExpr& a, const PrimExpr& b) {
  int64_t x, y;
  bool ca = AsConstInt(a, &x), cb = AsConstInt(b, &y);
  if (cb && y == 1) return make_zero(a.dtype());
  if (ca && cb && y != 0) return make_const(a.dtype(), ((x % y) + y) % y);
  return floormod(a, b);
}

// ------------------------------------------------------------------ properties

bool IsQuasiAffine(const PrimExpr& e, const std::unordered_set<const VarNode*>& vars) {
  if (!UsesVar(e, vars)) return true;
  if (e.as<VarNode>()) return true;
  int64_t c;
  if (const auto* add = e.as<AddNode>()) return IsQuasiAffine(add->a, vars) && IsQuasiAffine(add->b, vars);
  if (const auto* sub = e.as<SubNode>()) return IsQuasiAffine(sub->a, vars) && IsQuasiAffine(sub->b, vars);
  if (const auto* mul = e.as<MulNode>()) {
    if (AsConstInt(mul->b, &c)) return IsQuasiAffine(mul->a, vars);
    if (AsConstInt(mul->a, &c)) return IsQuasiAffine(mul->b, vars);
    return false;
  }
  if (const auto* div = e.as<FloorDivNode>()) return AsConstInt(div->b, &c) && c > 0 && IsQuasiAffine(div->a, vars);
  if (const auto* mod = e.as<FloorModNode>()) return AsConstInt(mod->b, &c) && c > 0 && IsQuasiAffine(mod->a, vars);
  return false;
}

void CheckOnlySpatialBound(const char* primitive, const For& loop) {
  std::unordered_set<const VarNode*> loop_var{loop->loop_var.get()};
  for (const BlockRealize& realize : ChildBlockRealizes(loop)) {
    const Block& block = realize->block;
    for (size_t i = 0; i < block->iter_vars.size(); ++i) {
      const IterVar& iv = block->iter_vars[i];
      if (iv->iter_type != IterVarType::kDataPar && UsesVar(realize->iter_values[i], loop_var)) {
        ThrowScheduleError(primitive,
                           StrCat(Describe(block), " binds its reduction variable ",
                                  iv->var->name_hint, " to ", Describe(loop),
                                  "; only spatial variables may be bound to a ", primitive,
                                  " loop"));
      }
    }
  }
}

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
