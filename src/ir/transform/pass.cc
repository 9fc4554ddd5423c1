// Applying a pass under a context, and the two pass kinds built from functions:
// module passes and function passes.
#include <algorithm>

#include "tessel/ir/transform.h"

namespace tessel {
namespace ir {
namespace transform {

namespace {

// The passes of this thread whose required passes are being run, to report a cycle of
// requirements instead of recursing until the stack overflows.
std::vector<std::string>& Resolving() {
  thread_local std::vector<std::string> names;
  return names;
}

void RunRequired(const PassInfo& info, IRModule* mod, const PassContext& ctx) {
  if (info->required.empty()) return;
  std::vector<std::string>& resolving = Resolving();
  if (std::find(resolving.begin(), resolving.end(), info->name) != resolving.end()) {
    std::string chain;
    for (const std::string& name : resolving) chain += name + " -> ";
    throw InvalidArgumentError(
        StrCat("pass '", info->name, "' requires itself: ", chain, info->name));
  }
  resolving.push_back(info->name);
  try {
    for (const String& name : info->required) *mod = GetPass(name.str())(*mod, ctx);
  } catch (...) {
    resolving.pop_back();
    throw;
  }
  resolving.pop_back();
}

}  // namespace

PassInfo::PassInfo(int opt_level, std::string name, std::vector<std::string> required) {
  auto node = make_object<PassInfoNode>();
  node->opt_level = opt_level;
  node->name = std::move(name);
  node->required = Array<String>(std::vector<String>(required.begin(), required.end()));
  data_ = std::move(node);
}

IRModule Pass::operator()(IRModule mod) const { return (*this)(std::move(mod), PassContext::Current()); }

IRModule Pass::operator()(IRModule mod, const PassContext& ctx) const {
  if (!defined()) throw InvalidArgumentError("cannot apply an undefined pass");
  if (!mod.defined()) {
    throw InvalidArgumentError(StrCat("pass '", get()->info->name, "' was given no IRModule"));
  }
  const PassInfo& info = get()->info;
  if (!ctx.PassEnabled(info) || !ctx.InstrumentShouldRun(mod, info)) return mod;
  RunRequired(info, &mod, ctx);
  ctx.InstrumentBeforePass(mod, info);
  IRModule result = get()->Run(mod, ctx);
  if (!result.defined()) {
    throw InvalidArgumentError(StrCat("pass '", info->name, "' returned no IRModule"));
  }
  ctx.InstrumentAfterPass(result, info);
  return result;
}

IRModule ModulePassNode::Run(IRModule mod, const PassContext& ctx) const {
  return pass_func(std::move(mod), ctx);
}

IRModule FunctionPassNode::Run(IRModule mod, const PassContext& ctx) const {
  IRModule result = mod;
  bool copied = false;
  for (const auto& [var, func] : mod->functions.items()) {
    BaseFunc updated = pass_func(func, mod, ctx);
    if (!updated.defined()) {
      throw InvalidArgumentError(StrCat("function pass '", info->name, "' returned no function for '",
                                        var->name_hint, "'"));
    }
    if (updated.same_as(func)) continue;
    if (!copied) {
      result = mod.ShallowCopy();
      copied = true;
    }
    result.Update(var, updated);
  }
  return result;
}

Pass CreateModulePass(std::function<IRModule(IRModule, PassContext)> pass_func, int opt_level,
                      std::string name, std::vector<std::string> required) {
  auto node = make_object<ModulePassNode>();
  node->info = PassInfo(opt_level, std::move(name), std::move(required));
  node->pass_func = std::move(pass_func);
  return Pass(ObjectPtr<Object>(node));
}

Pass CreateFunctionPass(std::function<BaseFunc(BaseFunc, IRModule, PassContext)> pass_func,
                        int opt_level, std::string name, std::vector<std::string> required) {
  auto node = make_object<FunctionPassNode>();
  node->info = PassInfo(opt_level, std::move(name), std::move(required));
  node->pass_func = std::move(pass_func);
  return Pass(ObjectPtr<Object>(node));
}

}  // namespace transform
}  // namespace ir
}  // namespace tessel
