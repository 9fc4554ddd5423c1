// The state of a schedule: its module, trace, symbol table and random generator, and
// the resolution of random variables against the current module.
#include "tessel/tir/schedule/schedule.h"

#include <random>

#include "utils.h"

namespace tessel {
namespace tir {
namespace schedule {

namespace {

// The linear congruential generator of TVM's schedules (minstd), so a seed means the same
// sequence on every platform.
constexpr int64_t kModulus = 2147483647;
constexpr int64_t kMultiplier = 48271;

}  // namespace

Schedule::Schedule(ir::IRModule mod, int64_t seed) {
  auto node = ir::make_object<ScheduleNode>();
  node->mod_ = mod.ShallowCopy();
  node->Seed(seed);
  data_ = std::move(node);
}

void ScheduleNode::Seed(int64_t seed) {
  if (seed == -1) seed = std::random_device()();
  seed %= kModulus;
  if (seed < 0) seed += kModulus;
  rand_state_ = seed == 0 ? 1 : seed;
}

int64_t ScheduleNode::SampleInt(int64_t n) {
  rand_state_ = rand_state_ * kMultiplier % kModulus;
  return rand_state_ % n;
}

double ScheduleNode::SampleUnit() {
  rand_state_ = rand_state_ * kMultiplier % kModulus;
  return static_cast<double>(rand_state_ - 1) / static_cast<double>(kModulus - 1);
}

int64_t ScheduleNode::ForkSeed() {
  rand_state_ = rand_state_ * kMultiplier % kModulus;
  return rand_state_ * 32767 % 1999999973;
}

Schedule ScheduleNode::Copy() {
  auto node = ir::make_object<ScheduleNode>();
  node->mod_ = mod_;  // commits make new modules, so sharing this one is safe
  node->trace_ = trace_;
  node->symbols_ = symbols_;
  node->Seed(ForkSeed());
  return Schedule(ObjectPtr<Object>(node));
}

// ------------------------------------------------------------------ resolution

std::string ScheduleNode::ResolveFuncName(const std::string& func_name) const {
  if (!func_name.empty()) return func_name;
  std::vector<std::string> prim_funcs;
  for (const ir::GlobalVar& gv : mod_.GetGlobalVars()) {
    if (mod_.Lookup(gv).as<PrimFuncNode>()) prim_funcs.push_back(gv->name_hint);
  }
  if (prim_funcs.size() == 1) return prim_funcs[0];
  if (mod_.Contains("main")) return "main";
  ThrowScheduleError("get_block",
                     StrCat("the module has ", prim_funcs.size(),
                            " PrimFuncs and none is named \"main\"; pass func_name"));
}

PrimFunc ScheduleNode::GetFunc(const std::string& func_name, const char* primitive) const {
  if (!mod_.Contains(func_name)) {
    ThrowScheduleError(primitive, StrCat("the module has no function \"", func_name, "\""));
  }
  ir::BaseFunc func = mod_.Lookup(func_name);
  if (!func.as<PrimFuncNode>()) {
    ThrowScheduleError(primitive, StrCat("function \"", func_name, "\" is not a PrimFunc"));
  }
  return PrimFunc(func.data());
}

BlockRealize ScheduleNode::GetBlockRealize(const BlockRV& rv, const char* primitive) const {
  if (!rv.defined()) ThrowScheduleError(primitive, "expected a BlockRV, found None");
  BlockRealize realize = FindBlockRealize(GetFunc(rv->func_name, primitive)->body, rv->block_name);
  if (!realize.defined()) {
    ThrowScheduleError(primitive, StrCat("block \"", rv->block_name, "\" does not exist in \"",
                                         rv->func_name, "\""));
  }
  return realize;
}

For ScheduleNode::GetLoop(const LoopRV& rv, const char* primitive) const {
  if (!rv.defined()) ThrowScheduleError(primitive, "expected a LoopRV, found None");
  For loop = FindLoop(GetFunc(rv->func_name, primitive)->body, rv->loop_var);
  if (!loop.defined()) {
    ThrowScheduleError(primitive, StrCat("loop ", rv->loop_var->name_hint, " no longer exists in \"",
                                         rv->func_name, "\" (a primitive replaced it)"));
  }
  return loop;
}

int64_t ScheduleNode::GetInt(const PrimExpr& value, const char* primitive) const {
  int64_t result;
  if (AsConstInt(value, &result)) return result;
  if (const auto* rv = value.as<ExprRVNode>()) {
    IntImm bound = symbols_.Get(GetRef<ExprRV>(rv));
    if (!bound.defined()) {
      ThrowScheduleError(primitive, StrCat("random variable ", rv->name_hint,
                                           " was not made by this schedule"));
    }
    return bound->value;
  }
  ThrowScheduleError(primitive, "expected an integer or an ExprRV");
}

Block ScheduleNode::Get(const BlockRV& rv) const { return GetBlockRealize(rv, "get")->block; }

For ScheduleNode::Get(const LoopRV& rv) const { return GetLoop(rv, "get"); }

int64_t ScheduleNode::Get(const ExprRV& rv) const { return GetInt(rv, "get"); }

// ------------------------------------------------------------------ commits

void ScheduleNode::Replace(const std::string& func_name, const Stmt& old_stmt, const Stmt& new_stmt) {
  PrimFunc func = GetFunc(func_name, "replace");
  Commit(func_name, func.WithBody(ReplaceStmt(func->body, old_stmt, new_stmt)));
}

void ScheduleNode::Commit(const std::string& func_name, const PrimFunc& func) {
  ir::IRModule mod = mod_.ShallowCopy();
  mod.Update(mod.GetGlobalVar(func_name), func);
  mod_ = mod;
}

void ScheduleNode::Record(const std::string& kind, Array<ObjectRef> inputs,
                          Array<ObjectRef> attrs, Array<ObjectRef> outputs,
                          const ObjectRef& decision) {
  trace_.Append(Instruction(InstructionKind::Get(kind), std::move(inputs), std::move(attrs),
                            std::move(outputs)),
                decision);
}

void ScheduleNode::Bind(const ExprRV& rv, int64_t value) {
  symbols_ = symbols_.Set(rv, IntImm(DataType::Int(32), value));
}

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
