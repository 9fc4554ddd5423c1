// codegen::Build: lowered PrimFuncs to a runtime module, called through PackedFunc with the
// real thread pool and workspace, exported to a shared library and loaded again.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <unistd.h>

#include "tessel/codegen/build.h"
#include "tessel/runtime/packed_func.h"
#include "tessel/runtime/tensor.h"
#include "tessel/support/error.h"
#include "tessel/tir/function.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace codegen {
namespace {

using namespace tir;  // NOLINT(build/namespaces)

constexpr DLDataType kFloat32{kDLFloat, 32, 1};

// B[i] = A[i] * 2 + scratch, over n elements split among the pool's tasks; the scratch
// buffer is large, so it comes from the workspace.
ir::IRModule ScaleModule() {
  Var n("n");
  Buffer a = decl_buffer({n}, DataType::Float(32), "A");
  Buffer b = decl_buffer({n}, DataType::Float(32), "B");
  Var pa("A", DataType::Handle()), pb("B", DataType::Handle());
  Var task("task_id"), tasks("num_tasks"), r("r"), k("k");
  Buffer scratch = decl_buffer({20000}, DataType::Float(32), "scratch");
  PrimExpr i = task + r * tasks;
  Stmt chunk = Allocate(
      scratch,
      SeqStmt({BufferStore(scratch, FloatImm(DataType::Float(32), 1.0), {IntImm(DataType::Int(32), 7)}),
               For(r, 0, FloorDiv(n - task + tasks - 1, tasks), ForKind::kSerial,
                   BufferStore(b, BufferLoad(a, {i}) * FloatImm(DataType::Float(32), 2.0) +
                                      BufferLoad(scratch, {IntImm(DataType::Int(32), 7)}),
                               {i}))}));
  Stmt body = AttrStmt(Array<ObjectRef>{task, tasks}, "parallel_launch", IntImm(DataType::Int(32), 0), chunk);
  PrimFunc func({pa, pb}, body, DataType::Void(), {{pa, a}, {pb, b}},
                ir::DictAttrs({{String("global_symbol"), String("scale")}}));
  ir::IRModule mod = ir::IRModule::Empty();
  mod.Add("scale", func);
  return mod;
}

void CheckScale(const runtime::Module& mod) {
  runtime::Tensor a = runtime::Tensor::Empty({1000}, kFloat32);
  runtime::Tensor b = runtime::Tensor::Empty({1000}, kFloat32);
  auto* x = static_cast<float*>(a.data());
  for (int k = 0; k < 1000; ++k) x[k] = static_cast<float>(k);
  mod["scale"]({a, b});
  auto* y = static_cast<float*>(b.data());
  for (int k = 0; k < 1000; ++k) ASSERT_EQ(y[k], 2.0f * k + 1.0f) << k;
}

TEST(CodegenBuild, RunsThroughPackedFuncWithThreadPoolAndWorkspace) {
  runtime::Module mod = Build(ScaleModule(), target::Target("llvm"));
  EXPECT_EQ(mod->type_key(), "llvm");
  EXPECT_EQ(mod->FunctionNames(), std::vector<std::string>{"scale"});
  CheckScale(mod);
  // The wrapper checks arguments against the metadata before the kernel runs.
  EXPECT_THROW(mod["scale"]({runtime::Tensor::Empty({3}, kFloat32)}), Error);
}

TEST(CodegenBuild, ExportedLibraryLoadsAndRuns) {
  runtime::Module mod = Build(ScaleModule(), target::Target("llvm"));
  std::string path = testing::TempDir() + "/codegen_build_test_" + std::to_string(getpid()) + ".so";
  mod->ExportLibrary(path);
  CheckScale(runtime::Module::LoadFromFile(path));
  std::remove(path.c_str());
}

TEST(CodegenBuild, SourcesAreIRAndAssembly) {
  runtime::Module mod = Build(ScaleModule(), target::Target("llvm"));
  EXPECT_NE(mod->GetSource("ll").find("define i32 @__tessel_kernel_scale(ptr"), std::string::npos);
  EXPECT_NE(mod->GetSource("ll").find("@__tessel_metadata ="), std::string::npos);
  EXPECT_NE(mod->GetSource("asm").find("scale:"), std::string::npos);
  EXPECT_THROW(mod->GetSource("ptx"), InvalidArgumentError);
}

TEST(CodegenBuild, CrossTargetEmitsAssemblyButDoesNotRun) {
  runtime::Module mod = Build(ScaleModule(), target::Target("llvm -mtriple=aarch64-linux-gnu"));
  EXPECT_NE(mod->GetSource("asm").find("scale:"), std::string::npos);
  EXPECT_THROW(mod["scale"], InvalidArgumentError);
}

}  // namespace
}  // namespace codegen
}  // namespace tessel
