// Instruction constructors of the VM bytecode.
#include "tessel/runtime/vm/bytecode.h"

#include <utility>

namespace tessel {
namespace runtime {
namespace vm {

Instruction Instruction::Call(Index func_idx, std::vector<Arg> args, RegName dst) {
  Instruction instr;
  instr.op = Opcode::kCall;
  instr.func_idx = func_idx;
  instr.args = std::move(args);
  instr.dst = dst;
  return instr;
}

Instruction Instruction::Ret(RegName result) {
  Instruction instr;
  instr.op = Opcode::kRet;
  instr.reg = result;
  return instr;
}

Instruction Instruction::Goto(Index offset) {
  Instruction instr;
  instr.op = Opcode::kGoto;
  instr.offset = offset;
  return instr;
}

Instruction Instruction::If(RegName cond, Index false_offset) {
  Instruction instr;
  instr.op = Opcode::kIf;
  instr.reg = cond;
  instr.offset = false_offset;
  return instr;
}

bool Instruction::operator==(const Instruction& other) const {
  return op == other.op && dst == other.dst && func_idx == other.func_idx &&
         args == other.args && reg == other.reg && offset == other.offset;
}

const char* OpcodeName(Opcode op) {
  switch (op) {
    case Opcode::kCall: return "call";
    case Opcode::kRet: return "ret";
    case Opcode::kGoto: return "goto";
    case Opcode::kIf: return "if";
  }
  return "unknown";
}

}  // namespace vm
}  // namespace runtime
}  // namespace tessel
