// Accuracy of the vectorizable math intrinsics: each op is JIT-compiled for the host on
// vectors and scalars and compared with long double references over dense sweeps and
// special values; the optimized code must contain no calls.
#include <gtest/gtest.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Module.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/TargetParser/Host.h>
#include <llvm/TargetParser/Triple.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/Transforms/Utils/Cloning.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "../../../src/codegen/llvm/math_intrinsics.h"
#include "tessel/support/error.h"

namespace tessel {
namespace codegen {
namespace {

template <typename T>
using MapFn = void (*)(const T*, T*, int64_t);

// One op compiled twice: `vec` works on 64 bytes at a time (n must be a multiple of the
// lane count), `scalar` on one element at a time.
template <typename T>
struct Compiled {
  std::unique_ptr<llvm::orc::LLJIT> jit;
  MapFn<T> vec = nullptr;
  MapFn<T> scalar = nullptr;
  std::string assembly;
  static constexpr int64_t kLanes = 64 / sizeof(T);
};

// Emits `void name(const T* in, T* out, int64 n)` applying `op` with `lanes` elements a step.
template <typename T>
void BuildMap(llvm::Module& mod, const std::string& name, const std::string& op, unsigned lanes) {
  llvm::LLVMContext& ctx = mod.getContext();
  llvm::Type* elem = std::is_same_v<T, float> ? llvm::Type::getFloatTy(ctx)
                                               : llvm::Type::getDoubleTy(ctx);
  llvm::Type* value = lanes == 1 ? elem : llvm::FixedVectorType::get(elem, lanes);
  llvm::Type* ptr = llvm::PointerType::getUnqual(ctx);
  llvm::Type* i64 = llvm::Type::getInt64Ty(ctx);
  auto* fn = llvm::Function::Create(
      llvm::FunctionType::get(llvm::Type::getVoidTy(ctx), {ptr, ptr, i64}, false),
      llvm::Function::ExternalLinkage, name, mod);
  auto* entry = llvm::BasicBlock::Create(ctx, "entry", fn);
  auto* header = llvm::BasicBlock::Create(ctx, "header", fn);
  auto* body = llvm::BasicBlock::Create(ctx, "body", fn);
  auto* exit = llvm::BasicBlock::Create(ctx, "exit", fn);
  llvm::IRBuilder<> b(entry);
  b.CreateBr(header);
  b.SetInsertPoint(header);
  llvm::PHINode* i = b.CreatePHI(i64, 2);
  i->addIncoming(b.getInt64(0), entry);
  b.CreateCondBr(b.CreateICmpSLT(i, fn->getArg(2)), body, exit);
  b.SetInsertPoint(body);
  llvm::Value* x = b.CreateAlignedLoad(value, b.CreateGEP(elem, fn->getArg(0), i),
                                       llvm::Align(sizeof(T)));
  llvm::Value* y = EmitMathIntrinsic(b, op, {x});
  b.CreateAlignedStore(y, b.CreateGEP(elem, fn->getArg(1), i), llvm::Align(sizeof(T)));
  i->addIncoming(b.CreateAdd(i, b.getInt64(lanes)), body);
  b.CreateBr(header);
  b.SetInsertPoint(exit);
  b.CreateRetVoid();
}

void InitializeTarget() {
  static const bool initialized = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    return true;
  }();
  (void)initialized;
}

// Builds both maps of `op` for `tm` and optimizes them at O3; only LLVM intrinsics may be
// called afterwards (the assembly shows whether they became instructions), and the loop
// vectorizer must have turned the scalar loop into vector code.
template <typename T>
std::unique_ptr<llvm::Module> BuildOptimized(llvm::LLVMContext& ctx, const std::string& op,
                                             llvm::TargetMachine& tm) {
  auto mod = std::make_unique<llvm::Module>("math", ctx);
  mod->setDataLayout(tm.createDataLayout());
  mod->setTargetTriple(tm.getTargetTriple().str());
  BuildMap<T>(*mod, "vec", op, Compiled<T>::kLanes);
  BuildMap<T>(*mod, "scalar", op, 1);

  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb(&tm);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3).run(*mod, mam);

  bool vectorized = false;
  for (const llvm::Instruction& inst : llvm::instructions(*mod->getFunction("scalar"))) {
    vectorized |= inst.getType()->isVectorTy();
  }
  EXPECT_TRUE(vectorized) << op << ": the loop vectorizer left the scalar loop alone";
  for (const llvm::Function& fn : *mod) {
    for (const llvm::Instruction& inst : llvm::instructions(fn)) {
      if (const auto* call = llvm::dyn_cast<llvm::CallBase>(&inst)) {
        const llvm::Function* callee = call->getCalledFunction();
        EXPECT_TRUE(callee != nullptr && callee->isIntrinsic())
            << op << ": optimized IR calls " << (callee ? callee->getName().str() : "?");
      }
    }
  }
  return mod;
}

std::string Assembly(const llvm::Module& mod, llvm::TargetMachine& tm) {
  std::unique_ptr<llvm::Module> copy = llvm::CloneModule(mod);
  std::string text;
  llvm::raw_string_ostream os(text);
  {
    llvm::buffer_ostream buffer(os);
    llvm::legacy::PassManager pm;
    EXPECT_FALSE(tm.addPassesToEmitFile(pm, buffer, nullptr, llvm::CodeGenFileType::AssemblyFile));
    pm.run(*copy);
  }
  return text;
}

// Compiles `op` for the host CPU with all its features, as codegen does for the JIT, or
// for plain x86-64 (no FMA, no SSE4.1), where every intrinsic must still become instructions.
template <typename T>
Compiled<T> Compile(const std::string& op, bool baseline) {
  InitializeTarget();
  auto jtmb = llvm::cantFail(llvm::orc::JITTargetMachineBuilder::detectHost());
  if (baseline) {
    jtmb = llvm::orc::JITTargetMachineBuilder(jtmb.getTargetTriple());
    jtmb.setCPU("x86-64");
  }
  jtmb.setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  std::unique_ptr<llvm::TargetMachine> tm = llvm::cantFail(jtmb.createTargetMachine());
  auto ctx = std::make_unique<llvm::LLVMContext>();
  std::unique_ptr<llvm::Module> mod = BuildOptimized<T>(*ctx, op, *tm);
  Compiled<T> out;
  out.assembly = Assembly(*mod, *tm);
  out.jit = llvm::cantFail(llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(jtmb).create());
  llvm::cantFail(
      out.jit->addIRModule(llvm::orc::ThreadSafeModule(std::move(mod), std::move(ctx))));
  out.vec = llvm::cantFail(out.jit->lookup("vec")).template toPtr<MapFn<T>>();
  out.scalar = llvm::cantFail(out.jit->lookup("scalar")).template toPtr<MapFn<T>>();
  return out;
}

// The distance of `got` from the exact `ref` in units in the last place of T at `ref`.
// Infinity counts as 2^max_exponent, the value after T's largest, and so does any `ref`
// beyond it: such results round to infinity.
template <typename T>
long double UlpError(T got, long double ref) {
  if (std::isnan(ref) || std::isnan(got)) return std::isnan(ref) && std::isnan(got) ? 0 : INFINITY;
  const long double top = std::ldexp(1.0L, std::numeric_limits<T>::max_exponent);
  const long double g = std::isinf(got) ? std::copysign(top, got) : got;
  ref = std::fabs(ref) >= top ? std::copysign(top, ref) : ref;
  const int min_exp = std::numeric_limits<T>::min_exponent - 1;
  const int max_exp = std::numeric_limits<T>::max_exponent - 1;
  const int exp = ref == 0 ? min_exp : std::clamp(std::ilogb(ref), min_exp, max_exp);
  const long double ulp = std::ldexp(1.0L, exp - (std::numeric_limits<T>::digits - 1));
  return std::fabs(g - ref) / ulp;
}

template <typename T>
long double AbsError(T got, long double ref) {
  if (std::isnan(ref) || std::isnan(got)) return std::isnan(ref) && std::isnan(got) ? 0 : INFINITY;
  if (std::isinf(ref) || std::isinf(got)) return got == ref ? 0 : INFINITY;
  return std::fabs(static_cast<long double>(got) - ref);
}

// Inputs: special values, `count` points evenly over [lo, hi], and `count` random bit
// patterns (uniform over binades, denormals included), positive only if `positive`.
template <typename T>
std::vector<T> Inputs(double lo, double hi, bool positive, std::vector<T> extra = {}) {
  using Bits = std::conditional_t<std::is_same_v<T, float>, uint32_t, uint64_t>;
  const int64_t count = 1 << 20;
  const T inf = std::numeric_limits<T>::infinity();
  std::vector<T> xs = {0,
                       -T(0),
                       inf,
                       -inf,
                       std::numeric_limits<T>::quiet_NaN(),
                       std::numeric_limits<T>::denorm_min(),
                       -std::numeric_limits<T>::denorm_min(),
                       std::numeric_limits<T>::min(),
                       std::nextafter(std::numeric_limits<T>::min(), T(0)),
                       std::numeric_limits<T>::max(),
                       -std::numeric_limits<T>::max(),
                       T(1),
                       T(-1)};
  xs.insert(xs.end(), extra.begin(), extra.end());
  for (int64_t i = 0; i <= count; ++i) xs.push_back(static_cast<T>(lo + (hi - lo) * i / count));
  std::mt19937_64 rng(42);
  const Bits inf_bits = [&] {
    Bits bits;
    std::memcpy(&bits, &inf, sizeof(T));
    return bits;
  }();
  for (int64_t i = 0; i < count; ++i) {
    Bits bits = static_cast<Bits>(rng() % inf_bits);
    if (!positive && (rng() & 1)) bits |= Bits{1} << (8 * sizeof(T) - 1);
    T x;
    std::memcpy(&x, &bits, sizeof(T));
    xs.push_back(x);
  }
  while (xs.size() % Compiled<T>::kLanes != 0) xs.push_back(T(0.5));
  return xs;
}

enum class Metric { kUlp, kAbs };

// Runs `op` on the inputs, vector and scalar, built for the host and (on x86-64) for the
// baseline CPU, and checks the worst error against `bound`.
template <typename T>
void Check(const std::string& op, const std::vector<T>& xs,
           const std::function<long double(long double)>& ref, Metric metric, double bound) {
  const bool x86 = llvm::Triple(llvm::sys::getProcessTriple()).getArch() == llvm::Triple::x86_64;
  const int64_t n = static_cast<int64_t>(xs.size());
  for (bool baseline : {false, true}) {
    if (baseline && !x86) continue;
    Compiled<T> k = Compile<T>(op, baseline);
    EXPECT_EQ(k.assembly.find("call"), std::string::npos) << op << " assembly:\n" << k.assembly;
    for (bool vector : {true, false}) {
      std::vector<T> ys(n);
      (vector ? k.vec : k.scalar)(xs.data(), ys.data(), n);
      long double worst = 0;
      int64_t worst_i = 0;
      for (int64_t i = 0; i < n; ++i) {
        const long double r = ref(xs[i]);
        const long double err = metric == Metric::kUlp ? UlpError(ys[i], r) : AbsError(ys[i], r);
        if (!(err <= worst)) {
          worst = err;
          worst_i = i;
        }
      }
      const std::string where =
          StrCat(op, std::is_same_v<T, float> ? " float32" : " float64",
                 baseline ? " x86-64" : " host", vector ? " vector" : " scalar");
      std::printf("%s: max error %.3Lg %s at x = %.17g\n", where.c_str(), worst,
                  metric == Metric::kUlp ? "ulp" : "absolute", static_cast<double>(xs[worst_i]));
      EXPECT_LE(worst, bound) << where << " at x = " << xs[worst_i] << ": got " << ys[worst_i]
                              << ", reference " << static_cast<double>(ref(xs[worst_i]));
    }
  }
}

long double RefSigmoid(long double x) {
  if (std::isnan(x)) return x;
  const long double e = std::exp(-std::fabs(x));
  return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}
long double RefExp(long double x) { return std::exp(x); }
long double RefLog(long double x) { return std::log(x); }
long double RefTanh(long double x) { return std::tanh(x); }
long double RefErf(long double x) { return std::erf(x); }
long double RefRsqrt(long double x) { return 1 / std::sqrt(x); }

TEST(MathIntrinsics, ExpFloat32) {
  Check<float>("tir.exp",
               Inputs<float>(-110, 95, false,
                             {88.72283f, 88.72284f, -87.33654f, -103.97208f, -104.0f, 1e-8f}),
               RefExp, Metric::kUlp, 1.5);
}
TEST(MathIntrinsics, ExpFloat64) {
  Check<double>("tir.exp",
                Inputs<double>(-750, 715, false,
                               {709.782712893384, 709.7827128933841, -708.3964185322641,
                                -745.1332191019411, -745.1332191019412, 1e-17}),
                RefExp, Metric::kUlp, 1.5);
}
TEST(MathIntrinsics, LogFloat32) {
  Check<float>("tir.log", Inputs<float>(0.5, 2, true, {-2.0f, 1.0000001f, 0.99999994f}), RefLog,
               Metric::kUlp, 1.5);
}
TEST(MathIntrinsics, LogFloat64) {
  Check<double>("tir.log", Inputs<double>(0.5, 2, true, {-2.0, 1.0000000000000002}), RefLog,
                Metric::kUlp, 1.5);
}
TEST(MathIntrinsics, TanhFloat32) {
  Check<float>("tir.tanh", Inputs<float>(-10, 10, false, {0.6f, -0.6f, 9.1f, 1e-30f}), RefTanh,
               Metric::kUlp, 2);
}
TEST(MathIntrinsics, TanhFloat64) {
  Check<double>("tir.tanh", Inputs<double>(-20, 20, false, {0.6, -0.6, 19.1, 1e-300}), RefTanh,
                Metric::kUlp, 2);
}
TEST(MathIntrinsics, SigmoidFloat32) {
  Check<float>("tir.sigmoid", Inputs<float>(-110, 30, false, {-88.0f, -103.9f, 17.0f}),
               RefSigmoid, Metric::kUlp, 3);
}
TEST(MathIntrinsics, SigmoidFloat64) {
  Check<double>("tir.sigmoid", Inputs<double>(-750, 40, false, {-708.5, -745.0, 37.0}),
                RefSigmoid, Metric::kUlp, 3);
}
TEST(MathIntrinsics, ErfFloat32) {
  Check<float>("tir.erf", Inputs<float>(-5, 5, false, {1.0f, -1.0f, 4.0f, 3.99f}), RefErf,
               Metric::kAbs, 2e-7);
}
TEST(MathIntrinsics, ErfFloat64) {
  Check<double>("tir.erf", Inputs<double>(-7, 7, false, {1.0, -1.0, 6.0, 5.99}), RefErf,
                Metric::kAbs, 3e-16);
}
TEST(MathIntrinsics, RsqrtFloat32) {
  Check<float>("tir.rsqrt", Inputs<float>(0, 4, true, {-1.0f}), RefRsqrt, Metric::kUlp, 1.5);
}
TEST(MathIntrinsics, RsqrtFloat64) {
  Check<double>("tir.rsqrt", Inputs<double>(0, 4, true, {-1.0}), RefRsqrt, Metric::kUlp, 1.5);
}

// Fast-math flags on the caller's builder would let LLVM fold the rounding tricks and the
// NaN checks away, so the emitted instructions carry none, and the builder keeps its own.
TEST(MathIntrinsics, IgnoresTheBuildersFastMathFlags) {
  llvm::LLVMContext ctx;
  llvm::Module mod("math", ctx);
  auto* fn = llvm::Function::Create(
      llvm::FunctionType::get(llvm::Type::getFloatTy(ctx), {llvm::Type::getFloatTy(ctx)}, false),
      llvm::Function::ExternalLinkage, "f", mod);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", fn));
  b.setFastMathFlags(llvm::FastMathFlags::getFast());
  for (const char* op : {"tir.exp", "tir.log", "tir.tanh", "tir.erf", "tir.sigmoid", "tir.rsqrt"}) {
    EmitMathIntrinsic(b, op, {fn->getArg(0)});
  }
  EXPECT_TRUE(b.getFastMathFlags().isFast());
  for (const llvm::Instruction& inst : llvm::instructions(*fn)) {
    if (llvm::isa<llvm::FPMathOperator>(inst)) {
      EXPECT_FALSE(inst.getFastMathFlags().any()) << "fast-math flags on " << inst.getOpcodeName();
    }
  }
}

TEST(MathIntrinsics, OtherOpsAreLeftToTheCaller) {
  llvm::LLVMContext ctx;
  llvm::IRBuilder<> b(ctx);
  llvm::Value* x = llvm::ConstantFP::get(b.getFloatTy(), 1.0);
  EXPECT_EQ(EmitMathIntrinsic(b, "tir.pow", {x, x}), nullptr);
  EXPECT_EQ(EmitMathIntrinsic(b, "exp", {x}), nullptr);
}

TEST(MathIntrinsics, RejectsNonFloatOperands) {
  llvm::LLVMContext ctx;
  llvm::IRBuilder<> b(ctx);
  llvm::Value* i = b.getInt32(1);
  llvm::Value* x = llvm::ConstantFP::get(b.getFloatTy(), 1.0);
  EXPECT_THROW(EmitMathIntrinsic(b, "tir.exp", {i}), InvalidArgumentError);
  EXPECT_THROW(EmitMathIntrinsic(b, "tir.log", {x, x}), InvalidArgumentError);
  EXPECT_THROW(EmitMathIntrinsic(b, "tir.tanh", {}), InvalidArgumentError);
}

}  // namespace
}  // namespace codegen
}  // namespace tessel
