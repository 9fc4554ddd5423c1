/*!
 * \file tessel/codegen/build.h
 * \brief Build: compile a lowered IRModule to machine code with LLVM.
 *
 * \code
 * ir::IRModule lowered = ...;  // PrimFuncs after the lowering pipeline
 * runtime::Module mod = codegen::Build(lowered, target::Target("llvm"));
 * runtime::PackedFunc add = mod["add"];
 * mod->ExportLibrary("add.so");  // loadable later with runtime::Module::LoadFromFile
 * \endcode
 *
 * Every PrimFunc becomes an exported kernel `int32_t __tessel_kernel_<name>(TesselValue* args,
 * int32_t num_args)` (see tessel/runtime/c_backend_api.h), where name is its "global_symbol"
 * attribute, else its GlobalVar's. The module also defines the four backend API pointers and the
 * `__tessel_metadata` JSON text that the runtime reads to check arguments. The LLVM
 * module is optimized with the O3 pipeline for the target's CPU (AVX-512 on such hosts).
 */
#ifndef TESSEL_CODEGEN_BUILD_H_
#define TESSEL_CODEGEN_BUILD_H_

#include <string>
#include <utility>
#include <vector>

#include "tessel/ir/module.h"
#include "tessel/runtime/module.h"
#include "tessel/target/target.h"

namespace tessel {
namespace codegen {

/*!
 * \brief Compile every PrimFunc of a module in the lowered form and JIT it for the host.
 *
 * The returned module has type_key "llvm". Its functions check their arguments against
 * the kernel metadata, then run the JIT-compiled code. `ExportLibrary(path)` writes a shared
 * library (object code linked by the system's `c++ -shared`); `GetSource("ll")` returns the
 * optimized LLVM IR and `GetSource("asm")` the target's assembly.
 *
 * \param lowered PrimFuncs in the lowered form: serial loops, "parallel_launch" regions,
 *   1-D buffer accesses, no blocks (see the lowering pipeline in tessel/tir/transform.h).
 * \param target The machine to compile for; it must be the host to run the functions
 *   (another triple can still export assembly and objects).
 * \throws InvalidArgumentError naming the function and the construct when a function is not
 *   a PrimFunc in the lowered form.
 */
runtime::Module Build(const ir::IRModule& lowered, const target::Target& target);

/*!
 * \brief Write a module returned by Build() as a shared library that also holds data: for
 *        each (symbol, bytes) pair, a read-only byte array `symbol` and a uint64 `symbol_size`.
 *
 * This is how a Relax executable travels with its kernels in one file (the symbol
 * `__tessel_vm_executable`, see tessel/runtime/vm/executable.h). The runtime reaches it
 * through the global function "codegen.export_library_with_data" (module, path, symbol, bytes).
 * \throws InvalidArgumentError when `module` does not come from Build(), a symbol is empty
 *         or already defined by the module, or linking fails.
 */
void ExportLibraryWithData(const runtime::Module& module, const std::string& path,
                           const std::vector<std::pair<std::string, std::string>>& data);

}  // namespace codegen
}  // namespace tessel

#endif  // TESSEL_CODEGEN_BUILD_H_
