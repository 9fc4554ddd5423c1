/*!
 * \file tessel/runtime/vm/executable.h
 * \brief Executable: the bytecode of a compiled Relax module, its constants, and its kernels.
 */
#ifndef TESSEL_RUNTIME_VM_EXECUTABLE_H_
#define TESSEL_RUNTIME_VM_EXECUTABLE_H_

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "tessel/runtime/module.h"
#include "tessel/runtime/packed_func.h"
#include "tessel/runtime/vm/bytecode.h"

namespace tessel {
namespace runtime {
namespace vm {

/*! \brief The symbol of the serialized executable inside an exported shared library. */
constexpr const char* kExecutableSymbol = "__tessel_vm_executable";
/*! \brief The symbol of its size in bytes (a uint64). */
constexpr const char* kExecutableSizeSymbol = "__tessel_vm_executable_size";

/*! \brief One entry of an executable's function table. */
struct VMFuncInfo {
  /*! \brief What the entry refers to. */
  enum class Kind : uint8_t {
    kPackedFunc = 0,  //!< a PackedFunc found by name when the VM loads (kernel or registry)
    kVMFunc = 1,      //!< a function of this executable's bytecode
  };
  /*! \brief The kind of function. */
  Kind kind = Kind::kPackedFunc;
  /*! \brief The name; unique in the table. */
  std::string name;
  /*! \brief A VM function's first instruction. */
  Index start_instr = 0;
  /*! \brief One past a VM function's last instruction. */
  Index end_instr = 0;
  /*! \brief A VM function's register count (its parameters come first). */
  int64_t register_file_size = 0;
  /*! \brief A VM function's parameter names, for messages; their count is its arity. */
  std::vector<std::string> param_names;
};

/*!
 * \brief A compiled Relax module: function table, constant pool and instructions, plus the
 *        module of compiled kernels its bytecode calls.
 *
 * It is a runtime Module (type_key "relax.Executable") whose functions are the kernels; run
 * its VM functions with a VirtualMachine (tessel/runtime/vm/vm.h). Build one with ExecBuilder
 * or relax::VMCodeGen, or load one with Module::LoadFromFile from a library written by
 * ExportLibrary(). The fields are public for tools; Validate() checks them, and every way of
 * making an executable (ExecBuilder::Get, Deserialize, the VM) runs it.
 */
class Executable : public ModuleNode {
 public:
  /*! \brief The functions, VM and packed, that Call instructions index. */
  std::vector<VMFuncInfo> func_table;
  /*! \brief The index of each function name in func_table. */
  std::unordered_map<std::string, Index> func_map;
  /*! \brief The constants: int, float, bool, string, Tensor, ShapeTuple, or lists of these. */
  std::vector<Any> constants;
  /*! \brief The instructions of every VM function, each function a contiguous range. */
  std::vector<Instruction> instructions;

  /*! \brief "relax.Executable". */
  std::string type_key() const override { return "relax.Executable"; }
  /*! \brief The kernel called `name`, from the kernel module. */
  std::optional<PackedFunc> GetFunction(const std::string& name) override;
  /*! \brief The kernels' names. */
  std::vector<std::string> FunctionNames() const override;
  /*!
   * \brief Write one shared library holding the kernels and this executable (bytecode and
   *        constants, as the byte array kExecutableSymbol); Module::LoadFromFile reads it back.
   *
   * The kernels must come from codegen::Build, which needs the compiler library (libtessel,
   * which registers "codegen.export_library_with_data"), or from a library this executable
   * was loaded from (then the file is copied).
   * \throws InvalidArgumentError when there are no kernels, they cannot be exported, or the
   *         compiler library is not loaded.
   */
  void ExportLibrary(const std::string& path) const override;
  /*! \brief AsText() for "text" or "bytecode". */
  std::string GetSource(const std::string& format) const override;

  /*! \brief The kernel module (may be undefined for bytecode that calls only builtins). */
  const Module& kernels() const { return kernels_; }
  /*!
   * \brief Set the kernel module.
   * \param kernels The compiled kernels.
   * \param from_library Whether `kernels` is the library the executable itself was loaded
   *        from (so exporting copies that file).
   */
  void SetKernels(Module kernels, bool from_library = false);

  /*! \brief The index of function `name` in func_table, or -1. */
  Index FindFunction(const std::string& name) const;
  /*! \brief The names of the VM functions, in table order. */
  std::vector<std::string> VMFunctionNames() const;

  /*!
   * \brief Check that the tables and instructions are consistent, so the VM can run them
   *        without further checks: unique names, VM function ranges inside the instructions
   *        and ending with ret, registers inside each register file, function and constant
   *        indices inside their tables, VM calls with the callee's arity, jumps forward and
   *        inside their function, constants of a storable kind.
   * \throws InvalidArgumentError naming the function, instruction and problem.
   */
  void Validate() const;

  /*!
   * \brief The bytes of the executable (not the kernels): magic "TSLVMEXE", format version,
   *        payload size, an FNV-1a checksum, then the tables (little-endian).
   */
  std::string Serialize() const;
  /*!
   * \brief Read bytes written by Serialize().
   * \throws ParseError naming the problem (bad magic, unsupported version, truncated data,
   *         checksum mismatch, an impossible count or kind, or what Validate() finds) and the
   *         byte offset where it is known; never reads out of bounds.
   */
  static std::shared_ptr<Executable> Deserialize(const std::string& bytes);

  /*! \brief A readable listing: each VM function's instructions, then the constants. */
  std::string AsText() const;
  /*! \brief Counts: VM functions, packed functions, instructions, constants and their bytes. */
  std::string Stats() const;

  /*! \brief The format version Serialize() writes and Deserialize() accepts. */
  static constexpr uint32_t kFormatVersion = 1;

 private:
  Module kernels_;
  bool kernels_from_library_ = false;
};

}  // namespace vm
}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_RUNTIME_VM_EXECUTABLE_H_
