/*!
 * \file tessel/relax/backend/vm_codegen.h
 * \brief VMCodeGen: bytecode for the Relax functions of a module lowered for the VM.
 */
#ifndef TESSEL_RELAX_BACKEND_VM_CODEGEN_H_
#define TESSEL_RELAX_BACKEND_VM_CODEGEN_H_

#include <memory>

#include "tessel/ir/module.h"
#include "tessel/runtime/vm/executable.h"

namespace tessel {
namespace relax {

/*!
 * \brief Translate every Relax function of a lowered module into a VM function.
 *
 * The input is what `relax.transform.LowerToVM()` produces: plain binding blocks whose
 * values are variables, constants, constant shapes, int/float PrimValues, strings, tuples,
 * tuple items, `If`s, destination-passing calls of PrimFuncs (the kernel named by the
 * PrimFunc's "global_symbol", else its name), calls of Relax functions and of ExternFuncs
 * (packed functions found by name when the VM loads), and the memory operators
 * `relax.memory.alloc_storage`, `relax.memory.alloc_tensor`, `relax.builtin.alloc_tensor`
 * (`relax.memory.kill_*` emit nothing). Each function is exported under its "global_symbol"
 * attribute, else its name; an If becomes `read_if_cond`, `if`, the branches and a `goto`.
 *
 * \param lowered The module; its PrimFuncs are not compiled here (see codegen::Build), so the
 *        returned executable has no kernel module yet: Executable::SetKernels adds it.
 * \throws InvalidArgumentError naming the function and the construct for anything outside
 *         the lowered form (an operator other than the memory ones, a dataflow-only construct
 *         such as MatchCast, a symbolic shape, a call of a variable).
 */
std::shared_ptr<runtime::vm::Executable> VMCodeGen(const ir::IRModule& lowered);

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_RELAX_BACKEND_VM_CODEGEN_H_
