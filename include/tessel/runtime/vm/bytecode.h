/*!
 * \file tessel/runtime/vm/bytecode.h
 * \brief The instructions of the Relax virtual machine: a register machine with four opcodes.
 *
 * A VM function has a register file; registers 0..num_args-1 hold its arguments. `Call`
 * runs a function of the executable's function table (a packed function such as a kernel
 * or a builtin, or another VM function) on registers, immediates and constants and writes
 * the result to a register; `Ret` returns a register; `Goto` and `If` jump by offsets
 * relative to the current instruction.
 */
#ifndef TESSEL_RUNTIME_VM_BYTECODE_H_
#define TESSEL_RUNTIME_VM_BYTECODE_H_

#include <cstdint>
#include <string>
#include <vector>

namespace tessel {
namespace runtime {
namespace vm {

/*! \brief A register index within a function's register file. */
using RegName = int64_t;
/*! \brief An index into a table (functions, constants) or an instruction offset. */
using Index = int64_t;

/*! \brief The register that discards a Call's result. */
constexpr RegName kVoidRegister = -1;

/*! \brief The kinds of instruction. */
enum class Opcode : uint8_t {
  kCall = 1,  //!< dst = func(args...)
  kRet = 2,   //!< return a register
  kGoto = 3,  //!< pc += offset
  kIf = 4,    //!< if register cond is false: pc += false_offset, else pc += 1
};

/*! \brief One argument of a Call. */
struct Arg {
  /*! \brief Where the argument's value comes from. */
  enum class Kind : uint8_t {
    kRegister = 0,   //!< the value of register `value`
    kImmediate = 1,  //!< the int64 `value` itself
    kConstIdx = 2,   //!< the constant pool entry `value`
  };
  /*! \brief Where the value comes from. */
  Kind kind = Kind::kRegister;
  /*! \brief The register, the immediate, or the constant index. */
  int64_t value = 0;

  /*! \brief An argument read from a register. */
  static Arg Register(RegName reg) { return Arg{Kind::kRegister, reg}; }
  /*! \brief An int64 immediate. */
  static Arg Immediate(int64_t value) { return Arg{Kind::kImmediate, value}; }
  /*! \brief A constant of the pool. */
  static Arg ConstIdx(Index index) { return Arg{Kind::kConstIdx, index}; }
  /*! \brief Equal kind and value. */
  bool operator==(const Arg& other) const { return kind == other.kind && value == other.value; }
};

/*! \brief One instruction; the fields an opcode does not use stay at their defaults. */
struct Instruction {
  /*! \brief The kind of instruction. */
  Opcode op = Opcode::kRet;
  /*! \brief Call: the register receiving the result, or kVoidRegister. */
  RegName dst = kVoidRegister;
  /*! \brief Call: the index of the callee in the function table. */
  Index func_idx = 0;
  /*! \brief Call: the arguments. */
  std::vector<Arg> args;
  /*! \brief Ret: the register returned; If: the condition register. */
  RegName reg = 0;
  /*! \brief Goto: the jump; If: the jump taken when the condition is false. */
  Index offset = 0;

  /*! \brief `dst = func_table[func_idx](args...)`. */
  static Instruction Call(Index func_idx, std::vector<Arg> args, RegName dst);
  /*! \brief Return register `result`. */
  static Instruction Ret(RegName result);
  /*! \brief Jump by `offset` instructions (relative to this one). */
  static Instruction Goto(Index offset);
  /*! \brief Fall through when register `cond` is true, else jump by `false_offset`. */
  static Instruction If(RegName cond, Index false_offset);

  /*! \brief Equal opcode and fields. */
  bool operator==(const Instruction& other) const;
};

/*! \brief The name of an opcode: "call", "ret", "goto", "if". */
const char* OpcodeName(Opcode op);

}  // namespace vm
}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_RUNTIME_VM_BYTECODE_H_
