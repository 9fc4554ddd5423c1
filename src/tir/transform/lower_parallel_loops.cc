// LowerParallelLoops: turn each outermost parallel loop into a "parallel_launch" region.
//
// `for i in T.parallel(min, min + n): body` becomes
//
//   with T.attr([task_id, num_tasks], "parallel_launch", 0):
//       chunk: T.int32 = (n + num_tasks - 1) // num_tasks
//       begin: T.int32 = T.min(task_id * chunk, n)
//       for i in T.serial(min + begin, ...):   # extent T.min(begin + chunk, n) - begin
//           body
//
// (in the loop variable's dtype, task_id and num_tasks cast to it when it is not int32).
// Every task of the runtime thread pool runs the region with its own task_id; value 0
// asks for as many tasks as the pool has. Parallel loops inside become serial: regions
// never nest.
#include "ir_utils.h"

namespace tessel {
namespace tir {
namespace transform {

namespace {

class ParallelLowerer : public StmtMutator {
 public:
  Stmt VisitStmt_(const ForNode* op) override {
    if (op->kind != ForKind::kParallel) return StmtMutator::VisitStmt_(op);
    if (inside_) {
      Stmt body = VisitStmt(op->body);
      return For(op->loop_var, op->min, op->extent, ForKind::kSerial, body, op->annotations,
                 op->span);
    }
    inside_ = true;
    Stmt body = VisitStmt(op->body);
    inside_ = false;
    DataType t = op->loop_var.dtype();
    Var task_id("task_id", DataType::Int(32));
    Var num_tasks("num_tasks", DataType::Int(32));
    Var chunk("chunk", t);
    Var begin("begin", t);
    PrimExpr tasks = cast(t, num_tasks);
    PrimExpr one = IntImm(t, 1);
    PrimExpr min = IsConstInt(op->min, 0) ? PrimExpr(begin) : op->min + begin;
    Stmt loop = For(op->loop_var, min, Min(begin + chunk, op->extent) - begin, ForKind::kSerial,
                    body, op->annotations, op->span);
    Stmt region = LetStmt(chunk, floordiv(op->extent + tasks - one, tasks),
                          LetStmt(begin, Min(cast(t, task_id) * chunk, op->extent), loop));
    return AttrStmt(Array<ObjectRef>{task_id, num_tasks}, "parallel_launch",
                    IntImm(DataType::Int(32), 0), region);
  }

  Stmt VisitStmt_(const AttrStmtNode* op) override {
    if (op->attr_key != "parallel_launch") return StmtMutator::VisitStmt_(op);
    // Already lowered: loops inside must not start another region.
    bool outer = inside_;
    inside_ = true;
    Stmt s = StmtMutator::VisitStmt_(op);
    inside_ = outer;
    return s;
  }

 private:
  bool inside_ = false;
};

}  // namespace

Pass LowerParallelLoops() {
  auto transform = [](PrimFunc func) {
    Stmt body = ParallelLowerer()(func->body);
    return body.same_as(func->body) ? func : func.WithBody(body);
  };
  return CreatePrimFuncPass(transform, "tir.LowerParallelLoops");
}

TESSEL_REGISTER_PASS("tir.LowerParallelLoops", [] { return LowerParallelLoops(); });

}  // namespace transform
}  // namespace tir
}  // namespace tessel
