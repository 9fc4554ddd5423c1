// Dispatch of the TensorIR functors and sharing of unchanged subtrees by the mutators.
#include <gtest/gtest.h>

#include "matmul.h"
#include "tessel/tir/functor.h"

namespace tessel {
namespace tir {
namespace {

// Counts nodes by kind.
class Counter : public StmtExprVisitor {
 public:
  int vars = 0, muls = 0, loads = 0, stores = 0, loops = 0, blocks = 0;
  void VisitExpr_(const VarNode* op) override { ++vars; }
  void VisitExpr_(const MulNode* op) override {
    ++muls;
    StmtExprVisitor::VisitExpr_(op);
  }
  void VisitExpr_(const BufferLoadNode* op) override {
    ++loads;
    StmtExprVisitor::VisitExpr_(op);
  }
  void VisitStmt_(const BufferStoreNode* op) override {
    ++stores;
    StmtExprVisitor::VisitStmt_(op);
  }
  void VisitStmt_(const ForNode* op) override {
    ++loops;
    StmtExprVisitor::VisitStmt_(op);
  }
  void VisitStmt_(const BlockNode* op) override {
    ++blocks;
    StmtExprVisitor::VisitStmt_(op);
  }
};

TEST(TirFunctor, DispatchesOnEveryKind) {
  PrimFunc f = testing::Matmul();
  Counter counter;
  counter(f->body);
  EXPECT_EQ(counter.loops, 3);
  EXPECT_EQ(counter.blocks, 1);
  EXPECT_EQ(counter.stores, 2);  // init and update
  EXPECT_EQ(counter.muls, 1);
  EXPECT_EQ(counter.loads, 3);
  EXPECT_GT(counter.vars, 0);
}

// An ExprFunctor with a result and an extra argument.
class Depth : public ExprFunctor<int(const PrimExpr&, int)> {
 public:
  int VisitExpr_(const VarNode*, int d) override { return d; }
  int VisitExpr_(const IntImmNode*, int d) override { return d; }
  int VisitExpr_(const AddNode* op, int d) override {
    return std::max(VisitExpr(op->a, d + 1), VisitExpr(op->b, d + 1));
  }
};

TEST(TirFunctor, ResultsExtraArgumentsAndDefaults) {
  Var x("x");
  SizeVar n("n");
  Depth depth;
  EXPECT_EQ(depth(x + (x + 1), 0), 2);
  EXPECT_EQ(depth(n, 5), 5);  // a SizeVar goes to the Var overload
  try {
    depth(x * 2, 0);
    FAIL() << "expected an error for an unhandled kind";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("tir.Mul"), std::string::npos);
  }
}

// x * 1 -> x
class RemoveMulOne : public StmtExprMutator {
 public:
  PrimExpr VisitExpr_(const MulNode* op) override {
    PrimExpr e = StmtExprMutator::VisitExpr_(op);
    const auto* mul = e.as<MulNode>();
    if (mul && is_const_number(mul->b, 1)) return mul->a;
    return e;
  }
};

TEST(TirFunctor, MutatorSharesUnchangedSubtrees) {
  PrimFunc f = testing::Matmul();
  RemoveMulOne mutator;
  // Nothing to rewrite: the very same body comes back.
  EXPECT_TRUE(mutator(f->body).same_as(f->body));

  Var x("x"), y("y");
  PrimExpr left = x + y;
  PrimExpr right = y * 1;
  PrimExpr e = left - right;
  PrimExpr out = mutator(e);
  ASSERT_FALSE(out.same_as(e));
  const auto* sub = out.as<SubNode>();
  ASSERT_NE(sub, nullptr);
  EXPECT_TRUE(sub->a.same_as(left));  // unchanged operand kept by reference
  EXPECT_TRUE(sub->b.same_as(y));

  // A statement around a changed expression is rebuilt; its siblings are shared.
  Buffer a = decl_buffer({4}, DataType::Int(32), "A");
  Stmt keep = BufferStore(a, x, {0});
  Stmt change = BufferStore(a, right, {1});
  SeqStmt seq({keep, change});
  Stmt rewritten = mutator(Stmt(seq));
  const auto* new_seq = rewritten.as<SeqStmtNode>();
  ASSERT_NE(new_seq, nullptr);
  EXPECT_TRUE(new_seq->seq[0].same_as(keep));
  EXPECT_FALSE(new_seq->seq[1].same_as(change));
  EXPECT_TRUE(new_seq->seq[1].as<BufferStoreNode>()->value.same_as(y));
}

}  // namespace
}  // namespace tir
}  // namespace tessel
