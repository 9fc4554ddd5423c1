// Rewriting statements and expressions for the schedule primitives (see ir_rewrite.h).
#include "ir_rewrite.h"

#include "tessel/tir/functor.h"

namespace tessel {
namespace tir {
namespace schedule {

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

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
