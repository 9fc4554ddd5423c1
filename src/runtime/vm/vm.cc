// The VM interpreter: function resolution at load, the register machine, the profiler.
#include "tessel/runtime/vm/vm.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "tessel/runtime/registry.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {
namespace vm {

namespace {

// Deep enough for any real model, shallow enough that runaway recursion cannot overflow
// the native stack.
constexpr int kMaxCallDepth = 1000;

using Clock = std::chrono::steady_clock;

// Per-call counters of one profiled invocation, indexed like the function table.
struct Profiler {
  std::vector<int64_t> calls;
  std::vector<double> seconds;
};

}  // namespace

class VirtualMachineNode : public ModuleNode, public std::enable_shared_from_this<VirtualMachineNode> {
 public:
  VirtualMachineNode(std::shared_ptr<Executable> exe, bool profile)
      : exe_(std::move(exe)), profile_(profile) {
    exe_->Validate();
    std::vector<std::string> missing;
    const Module& kernels = exe_->kernels();
    for (const VMFuncInfo& f : exe_->func_table) {
      packed_.emplace_back();
      kinds_.emplace_back();
      if (f.kind != VMFuncInfo::Kind::kPackedFunc) continue;
      std::optional<PackedFunc> func;
      if (kernels.defined()) func = kernels.GetFunction(f.name);
      if (func) {
        kinds_.back() = "kernel";
      } else {
        func = Registry::Get(f.name);
        kinds_.back() = f.name.rfind("vm.builtin.", 0) == 0 ? "builtin" : "packed";
      }
      if (func) {
        packed_.back() = *func;
      } else {
        missing.push_back(f.name);
      }
    }
    if (!missing.empty()) {
      std::string names;
      for (const std::string& n : missing) names += (names.empty() ? "'" : ", '") + n + "'";
      throw InvalidArgumentError(StrCat("VirtualMachine: the executable calls ", names,
                                        ", found neither in its kernel module nor in the global "
                                        "registry"));
    }
  }

  std::string type_key() const override { return "relax.VirtualMachine"; }

  std::optional<PackedFunc> GetFunction(const std::string& name) override {
    Index index = exe_->FindFunction(name);
    if (index < 0 || exe_->func_table[index].kind != VMFuncInfo::Kind::kVMFunc) return std::nullopt;
    std::shared_ptr<const VirtualMachineNode> self = shared_from_this();
    return PackedFunc([self, index](const std::vector<Any>& args) {
      self->CheckArgs(index, args);
      return self->Invoke(index, args, nullptr, 0);
    });
  }

  std::vector<std::string> FunctionNames() const override { return exe_->VMFunctionNames(); }

  ProfileReport Profile(const std::string& name, const std::vector<Any>& args) {
    if (!profile_) {
      throw InvalidArgumentError("VirtualMachine.profile: this VM was created without profiling; "
                                 "create it with profile=True");
    }
    Index index = exe_->FindFunction(name);
    if (index < 0 || exe_->func_table[index].kind != VMFuncInfo::Kind::kVMFunc) {
      std::string names;
      for (const std::string& n : FunctionNames()) names += (names.empty() ? "" : ", ") + n;
      throw InvalidArgumentError(StrCat("VirtualMachine.profile: no VM function '", name,
                                        "' (it has: ", names, ")"));
    }
    CheckArgs(index, args);
    Profiler profiler;
    profiler.calls.assign(exe_->func_table.size(), 0);
    profiler.seconds.assign(exe_->func_table.size(), 0.0);
    Clock::time_point start = Clock::now();
    Invoke(index, args, &profiler, 0);
    ProfileReport report;
    report.total_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    for (size_t i = 0; i < profiler.calls.size(); ++i) {
      if (profiler.calls[i] == 0) continue;
      report.entries.push_back(ProfileEntry{exe_->func_table[i].name, kinds_[i], profiler.calls[i],
                                            profiler.seconds[i]});
    }
    std::stable_sort(report.entries.begin(), report.entries.end(),
                     [](const ProfileEntry& a, const ProfileEntry& b) { return a.seconds > b.seconds; });
    return report;
  }

  const std::shared_ptr<Executable>& executable() const { return exe_; }

 private:
  void CheckArgs(Index index, const std::vector<Any>& args) const {
    const VMFuncInfo& f = exe_->func_table[index];
    if (args.size() == f.param_names.size()) return;
    std::string names;
    for (const std::string& p : f.param_names) names += (names.empty() ? "" : ", ") + p;
    size_t n = f.param_names.size();
    throw InvalidArgumentError(StrCat(f.name, ": expected ", n, " argument", n == 1 ? "" : "s",
                                      " (", names, "), but got ", args.size()));
  }

  Any CallFunction(Index index, const std::vector<Any>& args, Profiler* profiler, int depth) const {
    if (exe_->func_table[index].kind == VMFuncInfo::Kind::kVMFunc) {
      return Invoke(index, args, profiler, depth + 1);
    }
    if (profiler == nullptr) return packed_[index](args);
    Clock::time_point start = Clock::now();
    Any result = packed_[index](args);
    profiler->seconds[index] += std::chrono::duration<double>(Clock::now() - start).count();
    profiler->calls[index] += 1;
    return result;
  }

  // Runs a VM function; Validate() guarantees every index and jump below is in range.
  Any Invoke(Index index, const std::vector<Any>& args, Profiler* profiler, int depth) const {
    const VMFuncInfo& f = exe_->func_table[index];
    if (depth >= kMaxCallDepth) {
      throw ExecutionError(StrCat(f.name, ": VM calls nest deeper than ", kMaxCallDepth,
                                  " (unbounded recursion?)"));
    }
    std::vector<Any> regs(static_cast<size_t>(f.register_file_size));
    std::copy(args.begin(), args.end(), regs.begin());
    std::vector<Any> call_args;
    Index pc = f.start_instr;
    while (true) {
      const Instruction& instr = exe_->instructions[pc];
      switch (instr.op) {
        case Opcode::kCall: {
          call_args.clear();
          for (const Arg& arg : instr.args) {
            switch (arg.kind) {
              case Arg::Kind::kRegister: call_args.push_back(regs[arg.value]); break;
              case Arg::Kind::kImmediate: call_args.emplace_back(arg.value); break;
              case Arg::Kind::kConstIdx: call_args.push_back(exe_->constants[arg.value]); break;
            }
          }
          Any result = CallFunction(instr.func_idx, call_args, profiler, depth);
          if (instr.dst != kVoidRegister) regs[instr.dst] = std::move(result);
          ++pc;
          break;
        }
        case Opcode::kRet: return regs[instr.reg];
        case Opcode::kGoto: pc += instr.offset; break;
        case Opcode::kIf: {
          const Any& cond = regs[instr.reg];
          if (cond.kind() != Any::Kind::kBool && cond.kind() != Any::Kind::kInt) {
            throw ExecutionError(StrCat(f.name, ": the condition of an if is ", cond.ToString(),
                                        ", not a bool"));
          }
          pc += cond.AsInt() != 0 ? 1 : instr.offset;
          break;
        }
      }
    }
  }

  std::shared_ptr<Executable> exe_;
  bool profile_;
  std::vector<PackedFunc> packed_;  // per function table entry; undefined for VM functions
  std::vector<std::string> kinds_;  // "kernel", "builtin" or "packed" for the profiler
};

VirtualMachine::VirtualMachine(const Module& executable, DLDevice device, bool profile) {
  if (device.device_type != kDLCPU) {
    throw InvalidArgumentError(StrCat("VirtualMachine: device ", DeviceToString(device),
                                      " is not supported; only cpu is"));
  }
  auto exe = std::dynamic_pointer_cast<Executable>(executable.node());
  if (exe == nullptr) {
    throw InvalidArgumentError(StrCat("VirtualMachine: expected a 'relax.Executable' module, but found ",
                                      executable.defined() ? "a '" + executable->type_key() + "' module"
                                                           : std::string("an undefined module"),
                                      executable.defined() && executable->type_key() == "library"
                                          ? " (was the library exported from a Relax executable?)"
                                          : ""));
  }
  node_ = std::make_shared<VirtualMachineNode>(std::move(exe), profile);
}

PackedFunc VirtualMachine::GetFunction(const std::string& name) const { return AsModule()[name]; }

std::vector<std::string> VirtualMachine::FunctionNames() const { return node_->FunctionNames(); }

ProfileReport VirtualMachine::Profile(const std::string& name, const std::vector<Any>& args) const {
  return node_->Profile(name, args);
}

Module VirtualMachine::AsModule() const { return Module(node_); }

const std::shared_ptr<Executable>& VirtualMachine::executable() const { return node_->executable(); }

std::string ProfileReport::AsTable() const {
  std::string table;
  char line[256];
  std::snprintf(line, sizeof(line), "%-40s %-8s %8s %12s %12s %8s\n", "Name", "Kind", "Calls",
                "Total (ms)", "Mean (us)", "Percent");
  table += line;
  double measured = 0;
  for (const ProfileEntry& e : entries) {
    measured += e.seconds;
    std::snprintf(line, sizeof(line), "%-40s %-8s %8lld %12.4f %12.3f %7.2f%%\n", e.name.c_str(),
                  e.kind.c_str(), static_cast<long long>(e.calls), e.seconds * 1e3,
                  e.seconds * 1e6 / static_cast<double>(e.calls),
                  total_seconds > 0 ? 100.0 * e.seconds / total_seconds : 0.0);
    table += line;
  }
  std::snprintf(line, sizeof(line), "%-40s %-8s %8s %12.4f %12s %7.2f%%\n", "(VM overhead)", "", "",
                std::max(0.0, total_seconds - measured) * 1e3, "",
                total_seconds > 0 ? 100.0 * std::max(0.0, total_seconds - measured) / total_seconds : 0.0);
  table += line;
  std::snprintf(line, sizeof(line), "%-40s %-8s %8s %12.4f\n", "Total", "", "", total_seconds * 1e3);
  table += line;
  return table;
}

}  // namespace vm
}  // namespace runtime
}  // namespace tessel
