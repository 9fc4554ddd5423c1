// The raw JIT path: lowered PrimFuncs compiled with CompileToLLVM + LLVMJit and called
// through the kernel ABI (TesselValue array), with a test implementation of the backend API.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "../../../src/codegen/llvm/jit.h"
#include "tessel/runtime/c_backend_api.h"
#include "tessel/support/error.h"
#include "tessel/tir/function.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace codegen {
namespace {

using namespace tir;  // NOLINT(build/namespaces)

// A serial stand-in for the runtime's thread pool: runs every task in order.
int32_t LaunchSerially(TesselParallelLambda body, void* closure, int32_t num_tasks) {
  int32_t n = num_tasks > 0 ? num_tasks : 4;
  for (int32_t task = 0; task < n; ++task) {
    if (int32_t status = body(task, n, closure)) return status;
  }
  return 0;
}
int g_workspaces_live = 0;
void* AllocWorkspace(uint64_t nbytes, uint32_t alignment) {
  ++g_workspaces_live;
  return std::aligned_alloc(alignment, (nbytes + alignment - 1) / alignment * alignment);
}
int32_t FreeWorkspace(void* ptr) {
  --g_workspaces_live;
  std::free(ptr);
  return 0;
}
void SetError(const char*) {}

struct Jitted {
  std::unique_ptr<LLVMJit> jit;
  std::string metadata;
  TesselKernel kernel(const std::string& name) const {
    return reinterpret_cast<TesselKernel>(jit->Lookup(TESSEL_KERNEL_SYMBOL_PREFIX + name));
  }
};

Jitted Compile(const PrimFunc& func, const std::string& target = "llvm") {
  ir::IRModule mod = ir::IRModule::Empty();
  mod.Add("main", func);
  target::Target t(target);
  LLVMCompilation compilation = CompileToLLVM(mod, t);
  Jitted out{nullptr, compilation.metadata};
  out.jit = std::make_unique<LLVMJit>(std::move(compilation), t);
  void* fns[] = {reinterpret_cast<void*>(&LaunchSerially), reinterpret_cast<void*>(&AllocWorkspace),
                 reinterpret_cast<void*>(&FreeWorkspace), reinterpret_cast<void*>(&SetError)};
  const char* names[] = {"__tessel_backend_parallel_launch", "__tessel_backend_alloc_workspace",
                         "__tessel_backend_free_workspace", "__tessel_backend_set_error"};
  for (int i = 0; i < 4; ++i) *static_cast<void**>(out.jit->Lookup(names[i])) = fns[i];
  return out;
}

PrimFunc WithParams(std::vector<std::pair<Var, Buffer>> tensors, std::vector<Var> scalars, Stmt body) {
  std::vector<Var> params;
  Map<Var, Buffer> buffer_map;
  for (auto& [var, buffer] : tensors) {
    params.push_back(var);
    buffer_map = buffer_map.Set(var, buffer);
  }
  for (const Var& v : scalars) params.push_back(v);
  return PrimFunc(params, body, DataType::Void(), buffer_map);
}

std::pair<Var, Buffer> Tensor(const std::string& name, PrimExpr n, DataType dtype = DataType::Float(32)) {
  return {Var(name, DataType::Handle()), decl_buffer({n}, dtype, name)};
}

TEST(CodegenJit, VectorAddWithRamp) {
  auto [pa, a] = Tensor("A", 64);
  auto [pb, b] = Tensor("B", 64);
  auto [pc, c] = Tensor("C", 64);
  Var i("i");
  PrimExpr index = Ramp(i * 16, 1, 16);
  Stmt body = For(i, 0, 4, ForKind::kSerial,
                  BufferStore(c, BufferLoad(a, {index}) + BufferLoad(b, {index}), {index}));
  Jitted jit = Compile(WithParams({{pa, a}, {pb, b}, {pc, c}}, {}, body));
  std::vector<float> x(64), y(64), z(64, 0);
  for (int k = 0; k < 64; ++k) x[k] = k, y[k] = 2 * k;
  TesselValue args[3];
  args[0].v_handle = x.data();
  args[1].v_handle = y.data();
  args[2].v_handle = z.data();
  ASSERT_EQ(jit.kernel("main")(args, 3), 0);
  for (int k = 0; k < 64; ++k) EXPECT_EQ(z[k], 3 * k);
}

TEST(CodegenJit, SymbolicSizeIsAShapeVar) {
  Var n("n");
  auto [pa, a] = Tensor("A", n);
  Var i("i");
  Stmt body = For(i, 0, n, ForKind::kSerial, BufferStore(a, BufferLoad(a, {i}) * 2.0f, {i}));
  Jitted jit = Compile(WithParams({{pa, a}}, {}, body));
  EXPECT_NE(jit.metadata.find("\"shape\": [\"n\"]"), std::string::npos) << jit.metadata;
  EXPECT_NE(jit.metadata.find("\"shape_vars\": [\"n\"]"), std::string::npos) << jit.metadata;
  std::vector<float> x = {1, 2, 3, 4, 5};
  TesselValue args[2];
  args[0].v_handle = x.data();
  args[1].v_int64 = 5;
  ASSERT_EQ(jit.kernel("main")(args, 2), 0);
  EXPECT_EQ(x, (std::vector<float>{2, 4, 6, 8, 10}));
}

TEST(CodegenJit, FloorDivAndModFollowPython) {
  auto [pa, a] = Tensor("A", 8, DataType::Int(32));
  auto [pq, q] = Tensor("Q", 8, DataType::Int(32));
  auto [pr, r] = Tensor("R", 8, DataType::Int(32));
  auto [pt, t] = Tensor("T", 8, DataType::Int(32));
  Var i("i");
  PrimExpr x = BufferLoad(a, {i});
  PrimExpr d = Select(i < 4, IntImm(DataType::Int(32), 3), IntImm(DataType::Int(32), -3));
  Stmt body = For(i, 0, 8, ForKind::kSerial,
                  SeqStmt({BufferStore(q, FloorDiv(x, d), {i}), BufferStore(r, FloorMod(x, d), {i}),
                           BufferStore(t, Div(x, d), {i})}));
  Jitted jit = Compile(WithParams({{pa, a}, {pq, q}, {pr, r}, {pt, t}}, {}, body));
  std::vector<int32_t> in = {7, -7, 6, -6, 7, -7, 6, -6}, qs(8), rs(8), ts(8);
  TesselValue args[4];
  args[0].v_handle = in.data();
  args[1].v_handle = qs.data();
  args[2].v_handle = rs.data();
  args[3].v_handle = ts.data();
  ASSERT_EQ(jit.kernel("main")(args, 4), 0);
  EXPECT_EQ(qs, (std::vector<int32_t>{2, -3, 2, -2, -3, 2, -2, 2}));
  EXPECT_EQ(rs, (std::vector<int32_t>{1, 2, 0, 0, -2, -1, 0, 0}));
  EXPECT_EQ(ts, (std::vector<int32_t>{2, -2, 2, -2, -2, 2, -2, 2}));
}

TEST(CodegenJit, ParallelLaunchCapturesFreeVariables) {
  auto [pa, a] = Tensor("A", 100);
  Var scale("scale", DataType::Float(32));
  Var task("task_id"), tasks("num_tasks"), i("i");
  // Each task takes every num_tasks-th element.
  Stmt body = For(i, 0, FloorDiv(100 - task + tasks - 1, tasks), ForKind::kSerial,
             BufferStore(a, scale + Cast(DataType::Float(32), i * tasks + task), {i * tasks + task}));
  Stmt launch = AttrStmt(Array<ObjectRef>{task, tasks}, "parallel_launch",
                         IntImm(DataType::Int(32), 3), body);
  Jitted jit = Compile(WithParams({{pa, a}}, {scale}, launch));
  std::vector<float> x(100, -1);
  TesselValue args[2];
  args[0].v_handle = x.data();
  args[1].v_float64 = 0.5;
  ASSERT_EQ(jit.kernel("main")(args, 2), 0);
  for (int k = 0; k < 100; ++k) EXPECT_EQ(x[k], k + 0.5f);
}

TEST(CodegenJit, SmallAndLargeAllocations) {
  auto [pa, a] = Tensor("A", 20000);
  Var i("i"), j("j");
  for (int size : {16, 20000}) {
    Buffer tmp = decl_buffer({size}, DataType::Float(32), "tmp");
    Stmt fill = For(i, 0, size, ForKind::kSerial, BufferStore(tmp, Cast(DataType::Float(32), i), {i}));
    Stmt copy = For(j, 0, size, ForKind::kSerial, BufferStore(a, BufferLoad(tmp, {j}) + 1.0f, {j}));
    Jitted jit = Compile(WithParams({{pa, a}}, {}, Allocate(tmp, SeqStmt({fill, copy}))));
    std::vector<float> x(20000, 0);
    TesselValue args[1];
    args[0].v_handle = x.data();
    ASSERT_EQ(jit.kernel("main")(args, 1), 0);
    EXPECT_EQ(x[size - 1], size);
    EXPECT_EQ(g_workspaces_live, 0);
  }
}

TEST(CodegenJit, RejectsUnloweredInput) {
  auto [pa, a] = Tensor("A", 8);
  Var i("i");
  Stmt body = For(i, 0, 8, ForKind::kParallel, BufferStore(a, FloatImm(DataType::Float(32), 1.0), {i}));
  try {
    Compile(WithParams({{pa, a}}, {}, body));
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("main"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("parallel loop"), std::string::npos) << e.what();
  }
}

TEST(CodegenJit, RejectsNestedParallelRegions) {
  auto [pa, a] = Tensor("A", 8);
  Var t0("t0"), n0("n0"), t1("t1"), n1("n1");
  Stmt inner = AttrStmt(Array<ObjectRef>{t1, n1}, "parallel_launch", IntImm(DataType::Int(32), 0),
                        BufferStore(a, FloatImm(DataType::Float(32), 1.0), {t1}));
  Stmt outer = AttrStmt(Array<ObjectRef>{t0, n0}, "parallel_launch", IntImm(DataType::Int(32), 0), inner);
  try {
    Compile(WithParams({{pa, a}}, {}, outer));
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("nested"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace codegen
}  // namespace tessel
