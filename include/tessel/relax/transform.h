/*!
 * \file tessel/relax/transform.h
 * \brief The high-level Relax passes: legalization of operators to tensor programs,
 * constant folding, binding canonicalization, dead code elimination and the fusion
 * pattern of each tensor program.
 *
 * Each pass works on every Relax function of a module and is registered under its name
 * prefixed with "relax." (opt level 0), so pipelines and Python find it by name. The
 * passes that lower Relax to the VM are in tessel/relax/transform_vm.h.
 *
 * \code
 * using namespace tessel::relax::transform;
 * ir::transform::Pass zero = ir::transform::Sequential(
 *     {LegalizeOps(), FoldConstant(), CanonicalizeBindings(), DeadCodeElimination()}, 0, "zero");
 * ir::IRModule legalized = zero(mod);
 * \endcode
 */
#ifndef TESSEL_RELAX_TRANSFORM_H_
#define TESSEL_RELAX_TRANSFORM_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tessel/ir/transform.h"
#include "tessel/relax/op/op_common.h"
#include "tessel/runtime/packed_func.h"
#include "tessel/tir/function.h"

namespace tessel {
namespace relax {
namespace transform {

/*!
 * \brief Replace every call of an operator by its legalization, normally a call_tir of a
 * PrimFunc added to the module (legalizing the same computation twice adds one kernel).
 *
 * An operator's legalization is its "FLegalize" property, unless customize_legalize_map
 * has an entry for its name, which wins. What a legalization returns is legalized again
 * when it still calls operators. Calls of relax.call_tir, relax.call_dps_packed,
 * relax.call_pure_packed and of the memory and builtin operators (relax.memory.*,
 * relax.builtin.*) are kept, unless customize_legalize_map names them. Each PrimFunc added for an operator with a "TOpPattern" gets
 * that kind as its "op_pattern" attribute (an int; see OpPatternKind).
 * Registered as "relax.LegalizeOps".
 * \param customize_legalize_map Legalizations by operator name, used instead of FLegalize.
 * \throws InvalidArgumentError naming the operator and the function when an operator has
 * no legalization, or its legalization cannot handle the call (an argument of unknown
 * shape or dtype); an error of the legalization itself is rethrown with the same kind and
 * the function and operator prepended.
 */
ir::transform::Pass LegalizeOps(std::map<std::string, FLegalize> customize_legalize_map = {});

/*!
 * \brief Remove the bindings that only rename: `y = x` and match casts that check
 * nothing (`y = R.match_cast(x, s)` where x's struct info is already s or more precise).
 *
 * Every use of y becomes a use of x. When y is the output of a dataflow block and x a
 * DataflowVar of it, x is renamed to y instead, so the value stays visible after the block
 * (only when both have the same struct info; otherwise the binding stays).
 * Registered as "relax.CanonicalizeBindings".
 */
ir::transform::Pass CanonicalizeBindings();

/*!
 * \brief Remove unused bindings and unreachable functions.
 *
 * A binding is removed when its variable is never used and its value is pure: calls of
 * operators whose "FPurity" is true, of pure Relax functions, call_tir and the other
 * cross-level calls, and expressions without calls. Match casts are checks and stay. Blocks
 * left empty disappear. Then the functions no entry function reaches are removed (see
 * ir::transform::RemoveUnusedFunctions). The entries are the functions named in
 * entry_functions; when empty, the Relax functions with a "global_symbol" attribute, or the
 * Relax function "main" when none has one (a module of PrimFuncs only keeps them all).
 * Registered as "relax.DeadCodeElimination".
 * \param entry_functions Names of the functions to keep with everything they reach.
 */
ir::transform::Pass DeadCodeElimination(std::vector<std::string> entry_functions = {});

/*!
 * \brief Evaluate at compile time what only depends on constants.
 *
 * A call_tir whose tensor arguments are all constants (directly or through variables bound
 * to constants), whose outputs have constant shapes and which passes no symbolic values is
 * compiled and run (see SetPrimFuncEvaluator); its result becomes a Constant (or a Tuple of
 * them). Uses of a variable bound to a constant become uses of the constant, and
 * `TupleGetItem` of a tuple of known fields becomes the field. Nothing is folded when no
 * evaluator is set. Registered as "relax.FoldConstant".
 */
ir::transform::Pass FoldConstant();

/*!
 * \brief Give every PrimFunc without an "op_pattern" attribute the OpPatternKind (an int)
 * its loops show, as fusion reads it.
 *
 * Each block compares its store's indices with those of its loads: the same indices are
 * elementwise, an ordered subset broadcast, any function of the store's variables
 * injective; a block with a reduction axis is a reduction (kCommReduce), or kOutEWiseFusable
 * when it accumulates products (matmul, convolution); a reduction followed by an
 * elementwise output block (softmax) is kOutEWiseFusable; anything else is opaque. The
 * function's kind is the largest of its blocks'. Registered as "relax.AnnotateTIROpPattern".
 */
ir::transform::Pass AnnotateTIROpPattern();

/*!
 * \brief The OpPatternKind of a PrimFunc's loops, as AnnotateTIROpPattern computes it.
 */
OpPatternKind AnalyzeOpPatternKind(const tir::PrimFunc& func);

/*!
 * \brief Runs a PrimFunc on runtime values in destination-passing style: the tensors of the
 * inputs, then the output tensors it fills, then the int values of its scalar parameters.
 */
using PrimFuncEvaluator =
    std::function<void(const tir::PrimFunc& func, const std::vector<runtime::Any>& args)>;

/*!
 * \brief Set the function FoldConstant uses to run PrimFuncs at compile time.
 *
 * The relax layer does not depend on code generation, so the compiler library sets it when
 * it loads (the LLVM backend, src/codegen/constant_evaluator.cc); an empty function turns
 * folding off.
 */
void SetPrimFuncEvaluator(PrimFuncEvaluator evaluator);

/*!
 * \brief Replace parameters of the function func_name by constants: each entry of params
 * (parameter name -> value) removes that parameter and binds its uses to the value.
 * \throws InvalidArgumentError naming the function and parameter when a name is not a
 * parameter or a value does not match the parameter's struct info.
 */
ir::transform::Pass BindParams(std::string func_name, std::map<std::string, runtime::Tensor> params);

/*! \brief The function set by SetPrimFuncEvaluator (empty when none). */
PrimFuncEvaluator GetPrimFuncEvaluator();

}  // namespace transform
}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_RELAX_TRANSFORM_H_
