// BindParams: parameters of a function replaced by constant values (weights known at
// compile time), so FoldConstant can precompute what depends only on them.
#include <map>
#include <string>

#include "tessel/relax/analysis.h"
#include "tessel/relax/block_builder.h"
#include "tessel/relax/functor.h"
#include "tessel/relax/transform.h"

namespace tessel {
namespace relax {
namespace transform {

namespace {

class ParamBinder : public ExprMutator {
 public:
  explicit ParamBinder(std::unordered_map<const VarNode*, Expr> values) : values_(std::move(values)) {}
  using ExprMutator::VisitExpr_;
  Expr VisitExpr_(const VarNode* op) override {
    auto it = values_.find(op);
    return it == values_.end() ? ExprMutator::VisitExpr_(op) : it->second;
  }

 private:
  std::unordered_map<const VarNode*, Expr> values_;
};

}  // namespace

ir::transform::Pass BindParams(std::string func_name, std::map<std::string, runtime::Tensor> params) {
  auto pass_func = [func_name, params](ir::IRModule mod, ir::transform::PassContext) {
    const auto* func = mod.Lookup(func_name).as<FunctionNode>();
    if (!func) throw InvalidArgumentError(StrCat("BindParams: ", func_name, " is not a Relax function"));
    std::unordered_map<const VarNode*, Expr> values;
    std::vector<Var> remaining;
    std::map<std::string, runtime::Tensor> unused = params;
    tir::arith::Analyzer analyzer;
    for (const Var& param : func->params) {
      auto it = unused.find(param->name_hint);
      if (it == unused.end()) {
        remaining.push_back(param);
        continue;
      }
      Constant value(it->second);
      unused.erase(it);
      if (!IsBaseOf(param->struct_info_, value->struct_info_, &analyzer)) {
        throw InvalidArgumentError(StrCat("BindParams: ", func_name, ": the value of parameter ",
                                          param->name_hint, " does not match its struct info (a ",
                                          "constant shape and the same dtype are required)"));
      }
      values[param.get()] = value;
    }
    if (!unused.empty()) {
      std::string names;
      for (const Var& param : func->params) names += (names.empty() ? "" : ", ") + param->name_hint;
      throw InvalidArgumentError(StrCat("BindParams: ", func_name, " has no parameter ",
                                        unused.begin()->first, " (its parameters: ", names, ")"));
    }
    Expr body = BlockBuilder::Create(mod)->Normalize(ParamBinder(std::move(values)).VisitExpr(func->body));
    ir::IRModule result = mod.ShallowCopy();
    result.Update(mod.GetGlobalVar(func_name),
                  Function(Array<Var>(remaining), body, func->ret_struct_info, func->is_pure,
                           func->attrs, func->span));
    return result;
  };
  return ir::transform::CreateModulePass(pass_func, 0, "relax.BindParams");
}

}  // namespace transform
}  // namespace relax
}  // namespace tessel
