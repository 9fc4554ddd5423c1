// From a lowered IRModule to an optimized llvm::Module, and from that to machine code.
#ifndef TESSEL_SRC_CODEGEN_LLVM_COMPILE_H_
#define TESSEL_SRC_CODEGEN_LLVM_COMPILE_H_

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Target/TargetMachine.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tessel/ir/module.h"
#include "tessel/target/target.h"

namespace tessel {
namespace codegen {

/*! \brief An optimized LLVM module with the context that owns it. */
struct LLVMCompilation {
  std::unique_ptr<llvm::LLVMContext> context;  //!< owns the module's types and constants
  std::unique_ptr<llvm::Module> module;        //!< the kernels, globals and metadata
  std::vector<std::string> symbols;            //!< the exported kernels, in module order
  std::string metadata;                        //!< the text of `__tessel_metadata`
};

/*!
 * \brief Emit every PrimFunc of a lowered module and optimize the result (O3, for target).
 * \throws InvalidArgumentError when a function is not a PrimFunc in the lowered form.
 */
LLVMCompilation CompileToLLVM(const ir::IRModule& lowered, const target::Target& target);

/*! \brief Run LLVM's O3 pipeline on module, tuned for machine. */
void OptimizeModule(llvm::Module& module, llvm::TargetMachine& machine);

/*! \brief The textual LLVM IR of module. */
std::string PrintIR(const llvm::Module& module);

/*! \brief Named byte arrays to add to an exported library: (symbol, bytes). */
using ExtraData = std::vector<std::pair<std::string, std::string>>;

/*!
 * \brief Machine code for the module whose IR text is given: assembly text or an object file.
 * \param ir_text Textual LLVM IR (parsed into a fresh context, so the JIT's module is untouched).
 * \param target The machine to compile for.
 * \param object An ELF object when true, assembly text otherwise.
 * \param data Byte arrays to define as `symbol` (bytes) and `symbol_size` (uint64).
 */
std::string EmitMachineCode(const std::string& ir_text, const target::Target& target, bool object,
                            const ExtraData& data = {});

/*!
 * \brief Write the module as a shared library: an object file linked by `c++ -shared`.
 * \throws InvalidArgumentError with the linker's messages when linking fails.
 */
void ExportSharedLibrary(const std::string& ir_text, const target::Target& target,
                         const std::string& path, const ExtraData& data = {});

}  // namespace codegen
}  // namespace tessel

#endif  // TESSEL_SRC_CODEGEN_LLVM_COMPILE_H_
