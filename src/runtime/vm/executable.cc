// Executable: its kernel module, validation, export and the text listing.
#include "tessel/runtime/vm/executable.h"

#include <sstream>

#include "tessel/runtime/data_type.h"
#include "tessel/runtime/registry.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {
namespace vm {

std::optional<PackedFunc> Executable::GetFunction(const std::string& name) {
  if (!kernels_.defined()) return std::nullopt;
  return kernels_.GetFunction(name);
}

std::vector<std::string> Executable::FunctionNames() const {
  if (!kernels_.defined()) return {};
  return kernels_->FunctionNames();
}

void Executable::SetKernels(Module kernels, bool from_library) {
  kernels_ = std::move(kernels);
  kernels_from_library_ = from_library;
}

void Executable::ExportLibrary(const std::string& path) const {
  if (!kernels_.defined()) {
    throw InvalidArgumentError(StrCat("export_library(", path, "): the executable has no kernel module"));
  }
  if (kernels_from_library_) {
    kernels_->ExportLibrary(path);  // the library already embeds this executable
    return;
  }
  std::optional<PackedFunc> exporter = Registry::Get("codegen.export_library_with_data");
  if (!exporter) {
    throw InvalidArgumentError(StrCat("export_library(", path, "): exporting an executable needs "
                                      "the compiler library libtessel (it is not loaded)"));
  }
  exporter->Call(kernels_, path, kExecutableSymbol, Serialize());
}

std::string Executable::GetSource(const std::string& format) const {
  if (format == "text" || format == "bytecode" || format.empty()) return AsText();
  return ModuleNode::GetSource(format);
}

Index Executable::FindFunction(const std::string& name) const {
  auto it = func_map.find(name);
  return it == func_map.end() ? -1 : it->second;
}

std::vector<std::string> Executable::VMFunctionNames() const {
  std::vector<std::string> names;
  for (const VMFuncInfo& f : func_table) {
    if (f.kind == VMFuncInfo::Kind::kVMFunc) names.push_back(f.name);
  }
  return names;
}

namespace {

// The constant kinds the pool may hold (functions and modules cannot be serialized).
bool StorableConstant(const Any& value, int depth) {
  switch (value.kind()) {
    case Any::Kind::kFunc:
    case Any::Kind::kModule: return false;
    case Any::Kind::kTensor:
      return value.AsTensor().defined() && value.AsTensor().IsContiguous() &&
             value.AsTensor().device().device_type == kDLCPU;
    case Any::Kind::kArray:
      if (depth > 16) return false;
      for (const Any& item : value.AsArray()) {
        if (!StorableConstant(item, depth + 1)) return false;
      }
      return true;
    default: return true;
  }
}

}  // namespace

void Executable::Validate() const {
  auto fail = [](const std::string& what) { throw InvalidArgumentError("invalid executable: " + what); };
  if (func_map.size() != func_table.size()) fail("the name map and the function table differ in size");
  std::vector<bool> owned(instructions.size(), false);
  for (size_t i = 0; i < func_table.size(); ++i) {
    const VMFuncInfo& f = func_table[i];
    if (f.name.empty()) fail(StrCat("function ", i, " has no name"));
    auto it = func_map.find(f.name);
    if (it == func_map.end() || it->second != static_cast<Index>(i)) {
      fail(StrCat("function ", i, " '", f.name, "' is not in the name map under its index"));
    }
    if (f.kind == VMFuncInfo::Kind::kPackedFunc) continue;
    if (f.kind != VMFuncInfo::Kind::kVMFunc) fail(StrCat("function '", f.name, "' has an unknown kind"));
    const int64_t num_args = static_cast<int64_t>(f.param_names.size());
    if (f.start_instr < 0 || f.start_instr >= f.end_instr ||
        f.end_instr > static_cast<Index>(instructions.size())) {
      fail(StrCat("function '", f.name, "': instructions [", f.start_instr, ", ", f.end_instr,
                  ") are not a non-empty range inside the ", instructions.size(), " instructions"));
    }
    if (f.register_file_size < num_args || f.register_file_size > (int64_t{1} << 24)) {
      fail(StrCat("function '", f.name, "': register file size ", f.register_file_size,
                  " is not between its ", num_args, " parameters and 2^24"));
    }
    if (instructions[f.end_instr - 1].op != Opcode::kRet) {
      fail(StrCat("function '", f.name, "' does not end with ret"));
    }
    auto check_reg = [&](Index pc, RegName reg) {
      if (reg < 0 || reg >= f.register_file_size) {
        fail(StrCat("function '", f.name, "' instruction ", pc, ": register ", reg,
                    " is outside its ", f.register_file_size, " registers"));
      }
    };
    for (Index pc = f.start_instr; pc < f.end_instr; ++pc) {
      if (owned[pc]) fail(StrCat("instruction ", pc, " belongs to two functions"));
      owned[pc] = true;
      const Instruction& instr = instructions[pc];
      switch (instr.op) {
        case Opcode::kCall: {
          if (instr.func_idx < 0 || instr.func_idx >= static_cast<Index>(func_table.size())) {
            fail(StrCat("function '", f.name, "' instruction ", pc, ": callee ", instr.func_idx,
                        " is outside the function table"));
          }
          if (instr.dst != kVoidRegister) check_reg(pc, instr.dst);
          for (const Arg& arg : instr.args) {
            if (arg.kind == Arg::Kind::kRegister) {
              check_reg(pc, arg.value);
            } else if (arg.kind == Arg::Kind::kConstIdx) {
              if (arg.value < 0 || arg.value >= static_cast<int64_t>(constants.size())) {
                fail(StrCat("function '", f.name, "' instruction ", pc, ": constant ", arg.value,
                            " is outside the ", constants.size(), " constants"));
              }
            } else if (arg.kind != Arg::Kind::kImmediate) {
              fail(StrCat("function '", f.name, "' instruction ", pc, ": unknown argument kind"));
            }
          }
          const VMFuncInfo& callee = func_table[instr.func_idx];
          if (callee.kind == VMFuncInfo::Kind::kVMFunc && instr.args.size() != callee.param_names.size()) {
            fail(StrCat("function '", f.name, "' instruction ", pc, ": calls '", callee.name, "' with ",
                        instr.args.size(), " arguments, but it takes ", callee.param_names.size()));
          }
          break;
        }
        case Opcode::kRet: check_reg(pc, instr.reg); break;
        case Opcode::kIf: check_reg(pc, instr.reg); [[fallthrough]];
        case Opcode::kGoto:
          // Relax has no loops: jumps only go forward, so a program always terminates.
          if (instr.offset <= 0 || instr.offset >= f.end_instr - pc) {
            fail(StrCat("function '", f.name, "' instruction ", pc, ": jump by ", instr.offset,
                        " does not go forward inside the function"));
          }
          break;
        default: fail(StrCat("function '", f.name, "' instruction ", pc, ": unknown opcode"));
      }
    }
  }
  for (size_t i = 0; i < constants.size(); ++i) {
    if (!StorableConstant(constants[i], 0)) {
      fail(StrCat("constant ", i, " (", constants[i].ToString(), ") cannot be stored"));
    }
  }
}

namespace {

std::string ArgText(const Arg& arg) {
  switch (arg.kind) {
    case Arg::Kind::kRegister: return StrCat("%", arg.value);
    case Arg::Kind::kImmediate: return StrCat(arg.value);
    case Arg::Kind::kConstIdx: return StrCat("c[", arg.value, "]");
  }
  return "?";
}

int64_t ConstantBytes(const Any& value) {
  if (value.kind() == Any::Kind::kTensor) return value.AsTensor().nbytes();
  if (value.kind() != Any::Kind::kArray) return 0;
  int64_t bytes = 0;
  for (const Any& item : value.AsArray()) bytes += ConstantBytes(item);
  return bytes;
}

}  // namespace

std::string Executable::AsText() const {
  std::ostringstream os;
  for (const VMFuncInfo& f : func_table) {
    if (f.kind != VMFuncInfo::Kind::kVMFunc) continue;
    os << "@" << f.name << "(";
    for (size_t i = 0; i < f.param_names.size(); ++i) {
      os << (i ? ", " : "") << "%" << i << " " << f.param_names[i];
    }
    os << "):  # " << f.register_file_size << " registers\n";
    for (Index pc = f.start_instr; pc < f.end_instr; ++pc) {
      const Instruction& instr = instructions[pc];
      os << "  " << pc - f.start_instr << ": ";
      switch (instr.op) {
        case Opcode::kCall: {
          if (instr.dst != kVoidRegister) os << "%" << instr.dst << " = ";
          os << "call " << func_table[instr.func_idx].name << "(";
          for (size_t i = 0; i < instr.args.size(); ++i) os << (i ? ", " : "") << ArgText(instr.args[i]);
          os << ")";
          break;
        }
        case Opcode::kRet: os << "ret %" << instr.reg; break;
        case Opcode::kGoto: os << "goto " << pc - f.start_instr + instr.offset; break;
        case Opcode::kIf:
          os << "if %" << instr.reg << " else goto " << pc - f.start_instr + instr.offset;
          break;
      }
      os << "\n";
    }
  }
  if (!constants.empty()) os << "constants:\n";
  for (size_t i = 0; i < constants.size(); ++i) os << "  c[" << i << "] = " << constants[i].ToString() << "\n";
  return os.str();
}

std::string Executable::Stats() const {
  std::vector<std::string> vm_funcs;
  std::vector<std::string> packed;
  for (const VMFuncInfo& f : func_table) {
    (f.kind == VMFuncInfo::Kind::kVMFunc ? vm_funcs : packed).push_back(f.name);
  }
  auto join = [](const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& n : names) text += (text.empty() ? "" : ", ") + n;
    return text;
  };
  int64_t tensors = 0;
  int64_t bytes = 0;
  for (const Any& c : constants) {
    tensors += c.kind() == Any::Kind::kTensor;
    bytes += ConstantBytes(c);
  }
  return StrCat("VM functions: ", vm_funcs.size(), " (", join(vm_funcs), ")\n",
                "packed functions: ", packed.size(), " (", join(packed), ")\n",
                "instructions: ", instructions.size(), "\n",
                "constants: ", constants.size(), " (", tensors, " tensors, ", bytes, " bytes)\n");
}

}  // namespace vm
}  // namespace runtime
}  // namespace tessel
