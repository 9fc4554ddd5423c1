// Simplify: rewrite every expression of a PrimFunc with the arithmetic analyzer, knowing
// the range of each loop and block variable and the conditions of enclosing branches.
#include <utility>
#include <vector>

#include "tessel/tir/arith/analyzer.h"
#include "tessel/tir/function.h"
#include "tessel/tir/functor.h"
#include "tessel/tir/op.h"
#include "tessel/tir/transform.h"

namespace tessel {
namespace tir {
namespace transform {

namespace {

bool IsNoOp(const Stmt& stmt) {
  const auto* eval = stmt.as<EvaluateNode>();
  return eval && eval->value.as<IntImmNode>();
}

Stmt NoOp() { return Evaluate(IntImm(DataType::Int(32), 0)); }

class StmtSimplifier : public StmtMutator {
 public:
  PrimExpr VisitExpr(const PrimExpr& expr) override { return analyzer_.Simplify(expr); }

  Stmt VisitStmt_(const ForNode* op) override {
    PrimExpr min = VisitExpr(op->min);
    PrimExpr extent = VisitExpr(op->extent);
    // What the loop binds ends with it, so facts do not pile up over a long function.
    arith::Analyzer::ConstraintScope scope(&analyzer_, IntImm(DataType::Bool(), 1));
    if (const auto* n = extent.as<IntImmNode>()) {
      if (n->value <= 0) return NoOp();
      if (n->value == 1) {
        // A single iteration: the loop variable is its min.
        analyzer_.Bind(op->loop_var, min);
        return VisitStmt(op->body);
      }
    }
    analyzer_.Bind(op->loop_var, Range(min, extent));
    Stmt body = VisitStmt(op->body);
    if (IsNoOp(body)) return NoOp();
    if (min.same_as(op->min) && extent.same_as(op->extent) && body.same_as(op->body)) {
      return GetRef<Stmt>(op);
    }
    return For(op->loop_var, min, extent, op->kind, body, op->annotations, op->span);
  }

  Stmt VisitStmt_(const BlockNode* op) override {
    arith::Analyzer::ConstraintScope scope(&analyzer_, IntImm(DataType::Bool(), 1));
    for (const IterVar& iv : op->iter_vars) {
      analyzer_.Bind(iv->var, Range(VisitExpr(iv->dom->min), VisitExpr(iv->dom->extent)));
    }
    return StmtMutator::VisitStmt_(op);
  }

  Stmt VisitStmt_(const IfThenElseNode* op) override {
    PrimExpr cond = VisitExpr(op->condition);
    if (const auto* c = cond.as<IntImmNode>()) {
      if (c->value) return VisitStmt(op->then_case);
      return op->else_case.defined() ? VisitStmt(op->else_case) : NoOp();
    }
    Stmt then_case, else_case;
    {
      arith::Analyzer::ConstraintScope scope(&analyzer_, cond);
      then_case = VisitStmt(op->then_case);
    }
    if (op->else_case.defined()) {
      arith::Analyzer::ConstraintScope scope(&analyzer_, logical_not(cond));
      else_case = VisitStmt(op->else_case);
    }
    if (else_case.defined() && IsNoOp(else_case)) else_case = Stmt();
    if (IsNoOp(then_case) && !else_case.defined()) return NoOp();
    if (cond.same_as(op->condition) && then_case.same_as(op->then_case) &&
        else_case.same_as(op->else_case)) {
      return GetRef<Stmt>(op);
    }
    return IfThenElse(cond, then_case, else_case, op->span);
  }

  Stmt VisitStmt_(const LetStmtNode* op) override {
    PrimExpr value = VisitExpr(op->value);
    if (value.dtype().is_int() && value.dtype().is_scalar()) {
      // Keep the variable (it may name a costly value), but know its bounds when they are
      // narrower than the dtype's.
      arith::ConstIntBound b = analyzer_.GetConstIntBound(value);
      DataType t = value.dtype();
      int64_t largest = t.bits() >= 64 ? INT64_MAX : (int64_t{1} << (t.bits() - 1)) - 1;
      int64_t extent;
      if (!__builtin_sub_overflow(b.max_value, b.min_value, &extent) && extent < largest) {
        analyzer_.Bind(op->var, Range(IntImm(t, b.min_value), IntImm(t, extent + 1)));
      }
    }
    Stmt body = VisitStmt(op->body);
    if (value.same_as(op->value) && body.same_as(op->body)) return GetRef<Stmt>(op);
    return LetStmt(op->var, value, body, op->span);
  }

  Stmt VisitStmt_(const SeqStmtNode* op) override {
    std::vector<Stmt> seq;
    bool changed = false;
    for (const Stmt& s : op->seq) {
      Stmt visited = VisitStmt(s);
      changed = changed || !visited.same_as(s);
      if (IsNoOp(visited)) {
        changed = true;
        continue;
      }
      seq.push_back(visited);
    }
    if (!changed) return GetRef<Stmt>(op);
    if (seq.empty()) return NoOp();
    if (seq.size() == 1) return seq[0];
    return SeqStmt(Array<Stmt>(seq), op->span);
  }

 private:
  arith::Analyzer analyzer_;
};

}  // namespace

Pass Simplify() {
  auto pass_func = [](ir::BaseFunc func, ir::IRModule, ir::transform::PassContext) -> ir::BaseFunc {
    const auto* prim = func.as<PrimFuncNode>();
    if (!prim) return func;
    Stmt body = StmtSimplifier()(prim->body);
    if (body.same_as(prim->body)) return func;
    return GetRef<PrimFunc>(prim).WithBody(body);
  };
  return ir::transform::CreateFunctionPass(pass_func, 0, "tir.Simplify");
}

TESSEL_REGISTER_PASS("tir.Simplify", [] { return Simplify(); });

}  // namespace transform
}  // namespace tir
}  // namespace tessel
