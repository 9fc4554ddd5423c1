// Helpers shared by the passes that lower Relax to the VM form (transform_vm.h).
#ifndef TESSEL_SRC_RELAX_TRANSFORM_UTILS_H_
#define TESSEL_SRC_RELAX_TRANSFORM_UTILS_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tessel/ir/transform.h"
#include "tessel/relax/block_builder.h"
#include "tessel/relax/functor.h"
#include "tessel/tir/arith/analyzer.h"

namespace tessel {
namespace relax {

/*! The struct info of what a destination-passing call returns: the empty tuple. */
inline StructInfo VoidStructInfo() { return TupleStructInfo(Array<StructInfo>()); }

/*! The call node when expr calls the operator named name, else nullptr. */
inline const CallNode* AsOpCall(const Expr& expr, const std::string& name) {
  const auto* call = expr.as<CallNode>();
  if (!call) return nullptr;
  const auto* op = call->op.as<ir::OpNode>();
  return op && op->name == name ? call : nullptr;
}

/*! `ExternFunc(name)(args...)` returning ret (its sinfo_args and its struct info). */
inline Expr CallExtern(const std::string& name, Array<Expr> args, StructInfo ret) {
  return WithStructInfo(Call(ExternFunc(name), std::move(args), ir::DictAttrs(), {ret}), ret);
}

/*! The constant value of a shape dimension (`T.Cast("int64", 4)` included), if it has one. */
inline std::optional<int64_t> ConstDim(const PrimExpr& dim) {
  if (const auto* imm = dim.as<ir::IntImmNode>()) return imm->value;
  tir::arith::Analyzer analyzer;
  if (const auto* imm = analyzer.Simplify(dim).as<ir::IntImmNode>()) return imm->value;
  return std::nullopt;
}

/*! An int64 PrimValue. */
inline PrimValue Int64Value(int64_t value) { return PrimValue(ir::IntImm(DataType::Int(64), value)); }

/*!
 * Calls f on every use of a variable inside expr, nested sequences included. Callees and
 * arguments that are not Relax expressions (operators, GlobalVars, ExternFuncs) are skipped.
 */
inline void ForEachVarUse(const Expr& expr, const std::function<void(const VarNode*)>& f) {
  if (const auto* var = expr.as<VarNode>()) {
    f(var);
  } else if (const auto* tuple = expr.as<TupleNode>()) {
    for (const Expr& field : tuple->fields) ForEachVarUse(field, f);
  } else if (const auto* item = expr.as<TupleGetItemNode>()) {
    ForEachVarUse(item->tuple, f);
  } else if (const auto* call = expr.as<CallNode>()) {
    if (const auto* callee = call->op.as<VarNode>()) f(callee);
    for (const Expr& arg : call->args) {
      if (arg.as<ExprNode>()) ForEachVarUse(arg, f);
    }
  } else if (const auto* cond = expr.as<IfNode>()) {
    ForEachVarUse(cond->cond, f);
    ForEachVarUse(cond->true_branch, f);
    ForEachVarUse(cond->false_branch, f);
  } else if (const auto* seq = expr.as<SeqExprNode>()) {
    for (const BindingBlock& block : seq->blocks) {
      for (const Binding& binding : block->bindings) {
        if (const auto* bind = binding.as<VarBindingNode>()) ForEachVarUse(bind->value, f);
        if (const auto* cast = binding.as<MatchCastNode>()) ForEachVarUse(cast->value, f);
      }
    }
    ForEachVarUse(seq->body, f);
  }
}

/*!
 * A module pass applying fn to every Relax function, with the function's name and the
 * module being built (fn may add functions to it). Functions fn returns unchanged (the
 * same handle) are kept as they are.
 */
inline ir::transform::Pass RelaxFunctionPass(
    std::function<Function(const Function&, const std::string&, ir::IRModule*)> fn,
    const std::string& pass_name) {
  auto pass_func = [fn](ir::IRModule mod, ir::transform::PassContext) {
    ir::IRModule result = mod.ShallowCopy();
    for (const ir::GlobalVar& gv : mod.GetGlobalVars()) {
      const auto* func = mod->functions.Get(gv).as<FunctionNode>();
      if (!func) continue;
      Function updated = fn(GetRef<Function>(func), gv->name_hint, &result);
      if (!updated.same_as(GetRef<Function>(func))) result.Update(gv, updated);
    }
    return result;
  };
  return ir::transform::CreateModulePass(pass_func, 0, pass_name);
}

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_SRC_RELAX_TRANSFORM_UTILS_H_
