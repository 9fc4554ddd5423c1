/*!
 * \file tessel/relax/transform_vm.h
 * \brief The passes that lower Relax functions to the form VM code generation reads.
 *
 * After LowerToVM a Relax function holds only plain binding blocks whose values are
 * variables, constants, constant shapes, PrimValues of constants, strings, tuples,
 * conditionals, destination-passing calls of PrimFuncs, calls of Relax functions, calls of
 * runtime functions by name (`vm.builtin.*`), and the memory operators
 * (`relax.memory.alloc_storage`, `relax.memory.alloc_tensor`, `relax.builtin.alloc_tensor`).
 * Each pass works on every Relax function of a module, leaves PrimFuncs alone, and is
 * registered under its name prefixed with "relax." (opt level 0).
 *
 * \code
 * using namespace tessel::relax::transform;
 * ir::IRModule lowered = LowerToVM()(mod);
 * \endcode
 */
#ifndef TESSEL_RELAX_TRANSFORM_VM_H_
#define TESSEL_RELAX_TRANSFORM_VM_H_

#include "tessel/ir/transform.h"

namespace tessel {
namespace relax {
namespace transform {

/*!
 * \brief Turn every dataflow block into a plain binding block and every DataflowVar into
 * a Var of the same name and struct info. Registered as "relax.ToNonDataflow".
 */
ir::transform::Pass ToNonDataflow();

/*!
 * \brief Rewrite cross-level calls into destination-passing form.
 *
 * `y = call_tir(gv, (a, b), out_sinfo)` becomes `y = relax.builtin.alloc_tensor(shape,
 * dtype, 0)` then `gv(a, b, y)` (a tuple output allocates one tensor per field and binds y
 * to their tuple; the tir_vars of the call follow the outputs as PrimValues);
 * `call_dps_packed(name, args, out)` becomes the same allocation then a call of
 * `ExternFunc(name)` with the outputs after the arguments; `call_pure_packed(name, args...)`
 * becomes a plain call of `ExternFunc(name)`. Registered as "relax.CallTIRRewrite".
 * \throws InvalidArgumentError naming the function and variable when an output's shape or
 * dtype is unknown.
 */
ir::transform::Pass CallTIRRewrite();

/*!
 * \brief Plan the memory of the tensors a function allocates with static shapes.
 *
 * Each `relax.builtin.alloc_tensor` of constant shape in a function's top-level blocks whose
 * tensor does not reach the function's result becomes a `relax.memory.alloc_tensor` view of
 * a storage allocated (`relax.memory.alloc_storage`) at the function's start. A storage is
 * reused by a later tensor once every use of its previous tensor (and of every value that
 * may alias it: tuples holding it, results of calls taking it) has passed. Sizes are bytes
 * rounded up to 64; among the free storages the smallest one that fits is taken, else the
 * largest free one grows, else a new one is made. Tensors of symbolic shape keep their
 * `relax.builtin.alloc_tensor`. The function attribute "relax.memory_plan" records a Map
 * with "planned_bytes" (the storages allocated), "unplanned_bytes" (what the planned tensors
 * would take without reuse) and "saved_bytes" (their difference).
 * Registered as "relax.StaticPlanBlockMemory".
 */
ir::transform::Pass StaticPlanBlockMemory();

/*!
 * \brief Lower symbolic shapes to run-time shape computations over a shape heap.
 *
 * At entry each parameter is checked (`vm.builtin.check_tensor_info`, `check_shape_info`,
 * `check_tuple_info`, error context "<function>: argument <name>") and its dimensions are
 * matched into an int64 heap (`vm.builtin.alloc_shape_heap`, `vm.builtin.match_shape`): the
 * first occurrence of a symbolic variable stores it, later ones assert equality (their
 * error context names where the variable was defined). MatchCast bindings become the same
 * checks followed by a plain binding. Every ShapeExpr with symbolic values becomes
 * `vm.builtin.make_shape` over the heap, every symbolic PrimValue becomes
 * `vm.builtin.make_prim_value`; values such as `n * 2` are computed by PrimFuncs
 * `shape_func_<k>(heap)` added to the module and called as kernels.
 * Registered as "relax.VMShapeLower".
 * \throws InvalidArgumentError naming the function when a symbolic variable is used before
 * any parameter or match_cast defines it, or when a function still has dataflow blocks or
 * cross-level calls.
 */
ir::transform::Pass VMShapeLower();

/*!
 * \brief ToNonDataflow, CallTIRRewrite, StaticPlanBlockMemory and VMShapeLower, in order.
 * Registered as "relax.LowerToVM".
 */
ir::transform::Pass LowerToVM();

}  // namespace transform
}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_RELAX_TRANSFORM_VM_H_
