// AttachGlobalSymbol: give every function without a "global_symbol" its name in the module.
#include <utility>

#include "tessel/ir/transform.h"

namespace tessel {
namespace ir {
namespace transform {

namespace {

BaseFunc WithGlobalSymbol(const BaseFunc& func, const std::string& symbol) {
  ObjectPtr<Object> copy = func->Clone();
  auto* node = static_cast<BaseFuncNode*>(copy.get());
  node->attrs = node->attrs.With("global_symbol", String(symbol));
  return BaseFunc(copy);
}

}  // namespace

Pass AttachGlobalSymbol() {
  // A module pass, not a function pass: the symbol is the name the module gives the
  // function, which a per-function callback does not see.
  auto pass_func = [](IRModule mod, PassContext) -> IRModule {
    IRModule result = mod;
    bool copied = false;
    for (const auto& [var, func] : mod->functions.items()) {
      if (func->attrs.Get("global_symbol").defined()) continue;
      if (!copied) {
        result = mod.ShallowCopy();
        copied = true;
      }
      result.Update(var, WithGlobalSymbol(func, var->name_hint));
    }
    return result;
  };
  return CreateModulePass(pass_func, 0, "AttachGlobalSymbol");
}

TESSEL_REGISTER_PASS("AttachGlobalSymbol", [] { return AttachGlobalSymbol(); });

}  // namespace transform
}  // namespace ir
}  // namespace tessel
