// The TensorIR lowering passes from C++: registration, the pipeline on a matmul, errors.
#include <gtest/gtest.h>

#include "matmul.h"
#include "tessel/tir/functor.h"
#include "tessel/tir/transform.h"

namespace tessel {
namespace tir {
namespace {

using ir::Downcast;
using ir::IRModule;
using ir::transform::GetPass;
using ir::transform::Pass;

const char* kPasses[] = {"tir.ConvertBlocksToLoops", "tir.FlattenBuffer", "tir.VectorizeLoop",
                         "tir.UnrollLoop", "tir.LowerParallelLoops", "tir.StorageRewrite"};

PrimFunc Apply(const Pass& pass, const PrimFunc& func) {
  IRModule mod = pass(IRModule({{ir::GlobalVar("main"), func}}));
  return Downcast<PrimFunc>(mod.Lookup("main"));
}

// Counts what the lowered form forbids: blocks, non-serial loops, multi-dimensional accesses.
class FormChecker : public StmtExprVisitor {
 public:
  int violations = 0;
  void VisitStmt_(const BlockRealizeNode* op) override { ++violations; }
  void VisitStmt_(const ForNode* op) override {
    violations += op->kind != ForKind::kSerial;
    StmtExprVisitor::VisitStmt_(op);
  }
  void VisitStmt_(const BufferStoreNode* op) override {
    violations += op->indices.size() != 1;
    StmtExprVisitor::VisitStmt_(op);
  }
  void VisitExpr_(const BufferLoadNode* op) override {
    violations += op->indices.size() != 1;
    StmtExprVisitor::VisitExpr_(op);
  }
};

TEST(TirLowering, PassesAreRegisteredUnderTheirNames) {
  for (const char* name : kPasses) EXPECT_EQ(GetPass(name)->info->name, name);
}

TEST(TirLowering, MatmulLowersToFlatSerialLoops) {
  PrimFunc func = testing::Matmul(16);
  PrimFunc lowered = func;
  for (const char* name : kPasses) lowered = Apply(GetPass(name), lowered);
  FormChecker checker;
  checker(lowered->body);
  EXPECT_EQ(checker.violations, 0);
  auto originals = Downcast<Map<String, ObjectRef>>(lowered->attrs.Get("tir.param_buffers"));
  for (const Var& param : func->params) {
    Buffer flat = lowered->buffer_map.at(param);
    ASSERT_EQ(flat.ndim(), 1u);
    EXPECT_EQ(flat->shape[0].as<IntImmNode>()->value, 256);
    EXPECT_TRUE(flat->data.same_as(func->buffer_map.at(param)->data));
    EXPECT_TRUE(originals.at(String(param->name_hint)).same_as(func->buffer_map.at(param)));
  }
}

TEST(TirLowering, InitBecomesAConditionOnTheReductionVariable) {
  PrimFunc loops = Apply(GetPass("tir.ConvertBlocksToLoops"), testing::Matmul(16));
  const auto* k = loops->body.as<ForNode>()->body.as<ForNode>()->body.as<ForNode>();
  ASSERT_NE(k, nullptr);
  const auto* seq = k->body.as<SeqStmtNode>();
  ASSERT_NE(seq, nullptr);
  const auto* init = seq->seq[0].as<IfThenElseNode>();
  ASSERT_NE(init, nullptr);
  const auto* cond = init->condition.as<EQNode>();
  ASSERT_NE(cond, nullptr);
  EXPECT_TRUE(cond->a.same_as(k->loop_var));
  EXPECT_NE(seq->seq[1].as<BufferStoreNode>(), nullptr);
}

TEST(TirLowering, FlatteningBlocksIsAnError) {
  EXPECT_THROW(Apply(GetPass("tir.FlattenBuffer"), testing::Matmul(4)), InvalidArgumentError);
}

TEST(TirLowering, ParallelLoopBecomesALaunchRegion) {
  Buffer a = decl_buffer({10}, DataType::Float(32), "A");
  Var i("i");
  Stmt loop = For(i, 0, 10, ForKind::kParallel,
                  BufferStore(a, BufferLoad(a, {i}) * 2.0, {i}));
  Var pa("A", DataType::Handle());
  PrimFunc lowered = Apply(GetPass("tir.LowerParallelLoops"),
                           PrimFunc({pa}, loop, DataType::Void(), {{pa, a}}));
  const auto* region = lowered->body.as<AttrStmtNode>();
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(region->attr_key, "parallel_launch");
  auto vars = Downcast<Array<Var>>(region->node);
  ASSERT_EQ(vars.size(), 2u);
  EXPECT_EQ(vars[0].dtype(), DataType::Int(32));
  EXPECT_TRUE(is_const_number(region->value, 0));
}

}  // namespace
}  // namespace tir
}  // namespace tessel
