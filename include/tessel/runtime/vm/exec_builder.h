/*!
 * \file tessel/runtime/vm/exec_builder.h
 * \brief ExecBuilder: writes an Executable function by function, instruction by instruction.
 *
 * \code
 * vm::ExecBuilder b;
 * b.DeclareFunction("main", {"x"});
 * b.BeginFunction("main");
 * b.EmitCall("vm.builtin.check_tensor_info",
 *            {vm::Arg::Register(0), vm::Arg::Immediate(1), b.ConvertConstant("float32"),
 *             b.ConvertConstant("main: argument x")}, vm::kVoidRegister);
 * b.EmitCall("add_one", {vm::Arg::Register(0), vm::Arg::Register(1)}, vm::kVoidRegister);
 * b.EmitRet(1);
 * b.EndFunction();
 * std::shared_ptr<vm::Executable> exe = b.Get();
 * \endcode
 */
#ifndef TESSEL_RUNTIME_VM_EXEC_BUILDER_H_
#define TESSEL_RUNTIME_VM_EXEC_BUILDER_H_

#include <memory>
#include <string>
#include <vector>

#include "tessel/runtime/vm/executable.h"

namespace tessel {
namespace runtime {
namespace vm {

/*!
 * \brief Builds an Executable.
 *
 * Declare every VM function first (so calls may refer to functions emitted later), then
 * emit each between BeginFunction() and EndFunction(). A Call to a name that is not a
 * declared VM function adds a packed function entry that the VM resolves when it loads.
 * A function's register file is sized to its parameters and the highest register used.
 */
class ExecBuilder {
 public:
  /*! \brief A builder of an empty executable. */
  ExecBuilder();

  /*!
   * \brief Declare a VM function and its parameter names (registers 0..n-1).
   * \throws InvalidArgumentError when the name is already a function.
   */
  void DeclareFunction(const std::string& name, std::vector<std::string> param_names);
  /*!
   * \brief Start emitting the instructions of a declared function.
   * \throws InvalidArgumentError when it is not declared, already emitted, or another function
   *         is open.
   */
  void BeginFunction(const std::string& name);
  /*! \brief Finish the open function. \throws InvalidArgumentError when none is open or it is empty. */
  void EndFunction();

  /*! \brief An argument referring to `value` in the constant pool (ints, strings and shapes are shared). */
  Arg ConvertConstant(const Any& value);

  /*!
   * \brief Emit `dst = func(args...)`; dst may be kVoidRegister.
   * \return The index of the instruction.
   */
  Index EmitCall(const std::string& func, std::vector<Arg> args, RegName dst);
  /*! \brief Emit `ret result`. */
  Index EmitRet(RegName result);
  /*! \brief Emit a goto; its offset may be set later with SetJumpOffset(). */
  Index EmitGoto(Index offset);
  /*! \brief Emit an if on register cond; its false offset may be set later. */
  Index EmitIf(RegName cond, Index false_offset);
  /*! \brief Set the offset of the goto or if at instruction `instr` (for forward jumps). */
  void SetJumpOffset(Index instr, Index offset);
  /*! \brief Whether `name` is a declared VM function. */
  bool IsVMFunction(const std::string& name) const;
  /*! \brief The index the next instruction will have. */
  Index NextInstruction() const;

  /*!
   * \brief The finished executable (the builder may not be used afterwards).
   * \throws InvalidArgumentError when a declared function was not emitted, or Validate() fails.
   */
  std::shared_ptr<Executable> Get();

 private:
  Index FunctionIndex(const std::string& name, VMFuncInfo::Kind kind);
  void Emit(Instruction instr);
  void CheckOpen(const char* what) const;

  std::shared_ptr<Executable> exe_;
  Index open_ = -1;
  std::vector<bool> emitted_;
};

}  // namespace vm
}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_RUNTIME_VM_EXEC_BUILDER_H_
