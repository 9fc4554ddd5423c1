// Finding loops and blocks, and checking their properties (see analysis.h).
#include "analysis.h"

#include <utility>

#include "error.h"
#include "ir_rewrite.h"
#include "tessel/tir/functor.h"

namespace tessel {
namespace tir {
namespace schedule {

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

std::vector<BlockRealize> AllBlockRealizes(const Stmt& root) {
  class Collector : public StmtVisitor {
   public:
    void VisitStmt_(const BlockRealizeNode* op) override {
      found.push_back(GetRef<BlockRealize>(op));
      StmtVisitor::VisitStmt_(op);
    }
    std::vector<BlockRealize> found;
  };
  Collector collector;
  collector(root);
  return collector.found;
}

namespace {

bool Names(const Array<BufferRegion>& regions, const Buffer& buffer) {
  for (const BufferRegion& region : regions) {
    if (region->buffer.same_as(buffer)) return true;
  }
  return false;
}

}  // namespace

std::vector<BlockRealize> BlocksWriting(const Stmt& root, const Buffer& buffer) {
  std::vector<BlockRealize> found;
  for (const BlockRealize& realize : AllBlockRealizes(root)) {
    if (Names(realize->block->writes, buffer)) found.push_back(realize);
  }
  return found;
}

std::vector<BlockRealize> BlocksReading(const Stmt& root, const Buffer& buffer) {
  std::vector<BlockRealize> found;
  for (const BlockRealize& realize : AllBlockRealizes(root)) {
    if (Names(realize->block->reads, buffer)) found.push_back(realize);
  }
  return found;
}

Block EnclosingBlock(const Stmt& root, const Stmt& target) {
  std::vector<Stmt> path = PathTo(root, target);
  for (size_t i = path.size(); i-- > 1;) {  // path.back() is target itself
    if (path[i - 1].as<BlockNode>()) return Block(path[i - 1].data());
  }
  return Block();
}

// ------------------------------------------------------------------ properties

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

bool IsReductionBlock(const Block& block) {
  for (const IterVar& iv : block->iter_vars) {
    if (iv->iter_type == IterVarType::kCommReduce) return true;
  }
  return false;
}


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

namespace {
// A predicate is affine when it is a conjunction of comparisons of affine expressions, the
// form split gives a ragged tile (`i_0 * 6 + i_1 < 1024`).
bool IsAffinePredicate(const PrimExpr& e, const std::unordered_set<const VarNode*>& vars) {
  if (const auto* conj = e.as<AndNode>()) {
    return IsAffinePredicate(conj->a, vars) && IsAffinePredicate(conj->b, vars);
  }
  auto sides_affine = [&](const auto* cmp) {
    return IsQuasiAffine(cmp->a, vars) && IsQuasiAffine(cmp->b, vars);
  };
  if (const auto* cmp = e.as<LTNode>()) return sides_affine(cmp);
  if (const auto* cmp = e.as<LENode>()) return sides_affine(cmp);
  if (const auto* cmp = e.as<GTNode>()) return sides_affine(cmp);
  if (const auto* cmp = e.as<GENode>()) return sides_affine(cmp);
  return IsQuasiAffine(e, vars);
}
}  // namespace

void CheckAffineBindings(const char* primitive, const BlockRealize& realize,
                         const std::unordered_set<const VarNode*>& vars) {
  for (size_t i = 0; i < realize->iter_values.size(); ++i) {
    if (!IsQuasiAffine(realize->iter_values[i], vars)) {
      ThrowScheduleError(primitive, StrCat(Describe(realize->block), " binds ",
                                           realize->block->iter_vars[i]->var->name_hint, " to ",
                                           ExprText(realize->iter_values[i]),
                                           ", which is not affine in the loops"));
    }
  }
  if (!IsAffinePredicate(realize->predicate, vars)) {
    ThrowScheduleError(primitive, StrCat(Describe(realize->block), " has the predicate ",
                                         ExprText(realize->predicate),
                                         ", which is not affine in the loops"));
  }
}

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
