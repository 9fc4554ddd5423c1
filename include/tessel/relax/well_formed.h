/*!
 * \file tessel/relax/well_formed.h
 * \brief The well-formedness checker of Relax functions: what every pass may assume of its
 * input and must guarantee of its output.
 *
 * A module is well formed when each of its Relax functions satisfies:
 * - every variable is defined once in the module (as a parameter or by a binding) and used
 *   only after its definition, inside its scope (the bindings of an If branch are not
 *   visible after the If);
 * - DataflowVars are defined only inside dataflow blocks and used only inside the block
 *   that defines them; parameters are not DataflowVars;
 * - the body of a function is a SeqExpr, and the program is in A-normal form: the
 *   arguments of calls, the fields of tuples, the tuple of a TupleGetItem, the condition of
 *   an If and the body of every SeqExpr are leaves (variables, constants, shapes, prim
 *   values, strings, or tuples of those);
 * - dataflow blocks hold no If and no impure call (an operator whose "FPurity" is false, a
 *   direct call of an ExternFunc, a call of an impure function);
 * - every GlobalVar used names a function of the module;
 * - (when struct info is checked) every expression carries struct info.
 *
 * PrimFuncs are not checked here.
 */
#ifndef TESSEL_RELAX_WELL_FORMED_H_
#define TESSEL_RELAX_WELL_FORMED_H_

#include <string>

#include "tessel/ir/module.h"
#include "tessel/relax/function.h"

namespace tessel {
namespace relax {

/*!
 * \brief The first problem that makes mod ill formed, or "" when it is well formed.
 *
 * The message names the function and the variable or construct, for example
 * `function main: variable lv1 is used outside the dataflow block that defines it`.
 * \param mod The module; only its Relax functions are checked.
 * \param check_struct_info Whether a missing struct info is a problem.
 */
std::string WellFormedError(const ir::IRModule& mod, bool check_struct_info = true);

/*!
 * \brief The first problem of one function, or "" when it is well formed; calls of
 * GlobalVars are not checked (there is no module to look them up in).
 */
std::string WellFormedError(const Function& func, bool check_struct_info = true);

/*! \brief Whether mod is well formed (WellFormedError is empty). */
bool WellFormed(const ir::IRModule& mod, bool check_struct_info = true);

/*!
 * \brief Check that mod is well formed.
 * \throws InvalidArgumentError with the message of WellFormedError when it is not.
 */
void CheckWellFormed(const ir::IRModule& mod, bool check_struct_info = true);

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_RELAX_WELL_FORMED_H_
