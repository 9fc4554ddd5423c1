// RemoveUnusedFunctions: keep only the functions reachable from the entry functions.
#include <unordered_set>

#include "tessel/ir/reflection.h"
#include "tessel/ir/transform.h"

namespace tessel {
namespace ir {
namespace transform {

namespace {

// Collects the names of the GlobalVars found anywhere below a node, through every
// field of every node (so it works for any dialect without knowing its node kinds).
class GlobalVarCollector : public FieldVisitor {
 public:
  explicit GlobalVarCollector(std::unordered_set<std::string>* names) : names_(names) {}

  void Walk(const ObjectRef& node) {
    if (!node.defined() || !visited_.insert(node.get()).second) return;
    if (const auto* var = node.as<GlobalVarNode>()) names_->insert(var->name_hint);
    // VisitFields takes a mutable visitor contract; this visitor only reads.
    const_cast<Object*>(node.get())->VisitFields(this);
  }

  void Visit(const char*, bool*, FieldRole) override {}
  void Visit(const char*, int64_t*, FieldRole) override {}
  void Visit(const char*, double*, FieldRole) override {}
  void Visit(const char*, std::string*, FieldRole) override {}
  void Visit(const char*, DataType*, FieldRole) override {}
  void Visit(const char*, ObjectRef* value, FieldRole) override { Walk(*value); }

 private:
  std::unordered_set<std::string>* names_;
  std::unordered_set<const Object*> visited_;  // shared subtrees are walked once
};

}  // namespace

Pass RemoveUnusedFunctions(std::vector<std::string> entry_functions) {
  auto pass_func = [entry_functions](IRModule mod, PassContext) -> IRModule {
    std::vector<std::string> worklist;
    for (const std::string& name : entry_functions) {
      if (mod.Contains(name)) worklist.push_back(name);
    }
    if (worklist.empty()) {
      for (const auto& [var, func] : mod->functions.items()) {
        if (func->attrs.Get("global_symbol").defined()) worklist.push_back(var->name_hint);
      }
    }
    std::unordered_set<std::string> reachable(worklist.begin(), worklist.end());
    while (!worklist.empty()) {
      std::string name = worklist.back();
      worklist.pop_back();
      std::unordered_set<std::string> callees;
      GlobalVarCollector(&callees).Walk(mod.Lookup(name));
      for (const std::string& callee : callees) {
        // A GlobalVar may name a function of another module (or none): only ours count.
        if (mod.Contains(callee) && reachable.insert(callee).second) worklist.push_back(callee);
      }
    }
    if (reachable.size() == mod->functions.size()) return mod;
    IRModule result = mod.ShallowCopy();
    for (const GlobalVar& var : mod.GetGlobalVars()) {
      if (!reachable.count(var->name_hint)) result.Remove(var);
    }
    return result;
  };
  return CreateModulePass(pass_func, 0, "RemoveUnusedFunctions");
}

TESSEL_REGISTER_PASS("RemoveUnusedFunctions", [] { return RemoveUnusedFunctions(); });

}  // namespace transform
}  // namespace ir
}  // namespace tessel
