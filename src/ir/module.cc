// IRModule: lookup and editing of functions by global name.
#include "tessel/ir/module.h"

#include <algorithm>

namespace tessel {
namespace ir {

void IRModuleNode::VisitFields(FieldVisitor* v) {
  auto items = functions.items();
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return a.first->name_hint < b.first->name_hint;
  });
  int64_t size = static_cast<int64_t>(items.size());
  v->Visit("size", &size);
  for (auto& [var, func] : items) {
    v->Visit(("functions[\"" + var->name_hint + "\"]").c_str(), &func);
  }
  v->Visit("attrs", &attrs);
}

IRModule::IRModule(Map<GlobalVar, BaseFunc> functions, DictAttrs attrs) {
  auto node = make_object<IRModuleNode>();
  node->functions = std::move(functions);
  node->attrs = std::move(attrs);
  data_ = std::move(node);
}

void IRModule::Add(const GlobalVar& var, const BaseFunc& func) {
  if (Contains(var->name_hint)) {
    throw InvalidArgumentError(
        StrCat("IRModule.add: a function named '", var->name_hint, "' already exists"));
  }
  IRModuleNode* node = CopyOnWrite();
  node->functions = node->functions.Set(var, func);
}

GlobalVar IRModule::Add(const std::string& name, const BaseFunc& func) {
  GlobalVar var(name);
  Add(var, func);
  return var;
}

void IRModule::Update(const GlobalVar& var, const BaseFunc& func) {
  GlobalVar existing = GetGlobalVar(var->name_hint);
  IRModuleNode* node = CopyOnWrite();
  node->functions = node->functions.Set(existing, func);
}

void IRModule::Remove(const GlobalVar& var) {
  GlobalVar existing = GetGlobalVar(var->name_hint);
  IRModuleNode* node = CopyOnWrite();
  node->functions = node->functions.Erase(existing);
}

void IRModule::SetAttr(const std::string& key, ObjectRef value) {
  IRModuleNode* node = CopyOnWrite();
  node->attrs = node->attrs.With(key, std::move(value));
}

bool IRModule::Contains(const std::string& name) const {
  for (const auto& [var, func] : get()->functions.items()) {
    if (var->name_hint == name) return true;
  }
  return false;
}

GlobalVar IRModule::GetGlobalVar(const std::string& name) const {
  std::string names;
  for (const auto& [var, func] : get()->functions.items()) {
    if (var->name_hint == name) return var;
    names += (names.empty() ? "" : ", ") + var->name_hint;
  }
  throw InvalidArgumentError(StrCat("IRModule has no function named '", name, "'; it has: ",
                                    names.empty() ? "(none)" : names));
}

BaseFunc IRModule::Lookup(const std::string& name) const {
  return get()->functions.at(GetGlobalVar(name));
}

BaseFunc IRModule::Lookup(const GlobalVar& var) const { return Lookup(var->name_hint); }

std::vector<GlobalVar> IRModule::GetGlobalVars() const {
  std::vector<GlobalVar> vars;
  for (const auto& [var, func] : get()->functions.items()) vars.push_back(var);
  return vars;
}

IRModule IRModule::ShallowCopy() const { return IRModule(get()->functions, get()->attrs); }

}  // namespace ir
}  // namespace tessel
