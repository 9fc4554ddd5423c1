// ExecBuilder: the incremental construction of an Executable.
#include "tessel/runtime/vm/exec_builder.h"

#include <algorithm>
#include <utility>

#include "tessel/support/error.h"

namespace tessel {
namespace runtime {
namespace vm {

ExecBuilder::ExecBuilder() : exe_(std::make_shared<Executable>()) {}

Index ExecBuilder::FunctionIndex(const std::string& name, VMFuncInfo::Kind kind) {
  Index index = exe_->FindFunction(name);
  if (index >= 0) return index;
  index = static_cast<Index>(exe_->func_table.size());
  VMFuncInfo info;
  info.kind = kind;
  info.name = name;
  exe_->func_table.push_back(std::move(info));
  exe_->func_map[name] = index;
  emitted_.push_back(false);
  return index;
}

void ExecBuilder::DeclareFunction(const std::string& name, std::vector<std::string> param_names) {
  if (name.empty()) throw InvalidArgumentError("ExecBuilder: a function needs a name");
  if (exe_->FindFunction(name) >= 0) {
    throw InvalidArgumentError(StrCat("ExecBuilder: function '", name, "' is already declared or called"));
  }
  Index index = FunctionIndex(name, VMFuncInfo::Kind::kVMFunc);
  exe_->func_table[index].param_names = std::move(param_names);
}

void ExecBuilder::BeginFunction(const std::string& name) {
  Index index = exe_->FindFunction(name);
  if (index < 0 || exe_->func_table[index].kind != VMFuncInfo::Kind::kVMFunc) {
    throw InvalidArgumentError(StrCat("ExecBuilder: '", name, "' is not a declared VM function"));
  }
  if (open_ >= 0) {
    throw InvalidArgumentError(StrCat("ExecBuilder: cannot begin '", name, "' while '",
                                      exe_->func_table[open_].name, "' is open"));
  }
  if (emitted_[index]) throw InvalidArgumentError(StrCat("ExecBuilder: '", name, "' is emitted twice"));
  open_ = index;
  VMFuncInfo& f = exe_->func_table[index];
  f.start_instr = NextInstruction();
  f.register_file_size = static_cast<int64_t>(f.param_names.size());
}

void ExecBuilder::EndFunction() {
  CheckOpen("EndFunction");
  VMFuncInfo& f = exe_->func_table[open_];
  f.end_instr = NextInstruction();
  if (f.end_instr == f.start_instr) {
    throw InvalidArgumentError(StrCat("ExecBuilder: function '", f.name, "' has no instructions"));
  }
  emitted_[open_] = true;
  open_ = -1;
}

Arg ExecBuilder::ConvertConstant(const Any& value) {
  auto& pool = exe_->constants;
  // Small immutable values repeat a lot (dtype strings, error contexts): share them.
  for (size_t i = 0; i < pool.size(); ++i) {
    const Any& c = pool[i];
    if (c.kind() != value.kind()) continue;
    bool same = (c.kind() == Any::Kind::kString && c.AsString() == value.AsString()) ||
                (c.kind() == Any::Kind::kInt && c.AsInt() == value.AsInt()) ||
                (c.kind() == Any::Kind::kShape && c.AsShape() == value.AsShape());
    if (same) return Arg::ConstIdx(static_cast<Index>(i));
  }
  pool.push_back(value);
  return Arg::ConstIdx(static_cast<Index>(pool.size() - 1));
}

void ExecBuilder::CheckOpen(const char* what) const {
  if (open_ < 0) throw InvalidArgumentError(StrCat("ExecBuilder: ", what, " outside a function"));
}

void ExecBuilder::Emit(Instruction instr) {
  CheckOpen(OpcodeName(instr.op));
  VMFuncInfo& f = exe_->func_table[open_];
  RegName highest = std::max(instr.dst, instr.op == Opcode::kRet || instr.op == Opcode::kIf ? instr.reg
                                                                                          : kVoidRegister);
  for (const Arg& arg : instr.args) {
    if (arg.kind == Arg::Kind::kRegister) highest = std::max(highest, arg.value);
  }
  f.register_file_size = std::max(f.register_file_size, highest + 1);
  exe_->instructions.push_back(std::move(instr));
}

Index ExecBuilder::EmitCall(const std::string& func, std::vector<Arg> args, RegName dst) {
  CheckOpen("EmitCall");
  Index callee = FunctionIndex(func, VMFuncInfo::Kind::kPackedFunc);
  Index at = NextInstruction();
  Emit(Instruction::Call(callee, std::move(args), dst));
  return at;
}

Index ExecBuilder::EmitRet(RegName result) {
  Index at = NextInstruction();
  Emit(Instruction::Ret(result));
  return at;
}

Index ExecBuilder::EmitGoto(Index offset) {
  Index at = NextInstruction();
  Emit(Instruction::Goto(offset));
  return at;
}

Index ExecBuilder::EmitIf(RegName cond, Index false_offset) {
  Index at = NextInstruction();
  Emit(Instruction::If(cond, false_offset));
  return at;
}

void ExecBuilder::SetJumpOffset(Index instr, Index offset) {
  if (instr < 0 || instr >= NextInstruction() ||
      (exe_->instructions[instr].op != Opcode::kGoto && exe_->instructions[instr].op != Opcode::kIf)) {
    throw InvalidArgumentError(StrCat("ExecBuilder: instruction ", instr, " is not a goto or if"));
  }
  exe_->instructions[instr].offset = offset;
}

bool ExecBuilder::IsVMFunction(const std::string& name) const {
  Index index = exe_->FindFunction(name);
  return index >= 0 && exe_->func_table[index].kind == VMFuncInfo::Kind::kVMFunc;
}

Index ExecBuilder::NextInstruction() const { return static_cast<Index>(exe_->instructions.size()); }

std::shared_ptr<Executable> ExecBuilder::Get() {
  if (open_ >= 0) {
    throw InvalidArgumentError(StrCat("ExecBuilder: function '", exe_->func_table[open_].name, "' is still open"));
  }
  for (size_t i = 0; i < exe_->func_table.size(); ++i) {
    if (exe_->func_table[i].kind == VMFuncInfo::Kind::kVMFunc && !emitted_[i]) {
      throw InvalidArgumentError(StrCat("ExecBuilder: function '", exe_->func_table[i].name,
                                        "' is declared but not emitted"));
    }
  }
  exe_->Validate();
  std::shared_ptr<Executable> exe = std::move(exe_);
  exe_ = std::make_shared<Executable>();
  emitted_.clear();
  return exe;
}

}  // namespace vm
}  // namespace runtime
}  // namespace tessel
