// The instruction-kind registry, instructions, and their printing as Python.
#include "tessel/tir/schedule/instruction.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "tessel/ir/printer.h"

namespace tessel {
namespace tir {
namespace schedule {

namespace {

struct Registry {
  std::mutex mutex;
  std::map<std::string, InstructionKind> kinds;
  static Registry& Global() {
    static Registry* registry = new Registry();  // never destroyed: used during static init/exit
    return *registry;
  }
};

}  // namespace

InstructionKind InstructionKind::Get(const std::string& name) {
  Registry& registry = Registry::Global();
  std::lock_guard<std::mutex> lock(registry.mutex);
  auto it = registry.kinds.find(name);
  if (it == registry.kinds.end()) {
    std::string known;
    for (const auto& [key, kind] : registry.kinds) known += (known.empty() ? "" : ", ") + key;
    throw InvalidArgumentError(
        StrCat("unknown schedule instruction kind '", name, "'; registered: ", known));
  }
  return it->second;
}

void InstructionKind::Register(const std::string& name, bool is_pure, FInstructionApply apply,
                               FInstructionAsPython as_python) {
  Registry& registry = Registry::Global();
  std::lock_guard<std::mutex> lock(registry.mutex);
  TESSEL_ICHECK(registry.kinds.count(name) == 0, "instruction kind registered twice: ", name);
  auto node = ir::make_object<InstructionKindNode>();
  node->name = name;
  node->is_pure = is_pure;
  node->apply = std::move(apply);
  node->as_python = std::move(as_python);
  registry.kinds.emplace(name, InstructionKind(ObjectPtr<Object>(node)));
}

std::vector<std::string> InstructionKind::ListNames() {
  Registry& registry = Registry::Global();
  std::lock_guard<std::mutex> lock(registry.mutex);
  std::vector<std::string> names;
  for (const auto& [name, kind] : registry.kinds) names.push_back(name);
  return names;
}

Instruction::Instruction(InstructionKind kind, Array<ObjectRef> inputs, Array<ObjectRef> attrs,
                         Array<ObjectRef> outputs) {
  auto node = ir::make_object<InstructionNode>();
  node->kind = std::move(kind);
  node->inputs = std::move(inputs);
  node->attrs = std::move(attrs);
  node->outputs = std::move(outputs);
  data_ = std::move(node);
}

std::string PythonLiteral(const ObjectRef& value) {
  if (!value.defined()) return "None";
  if (const auto* imm = value.as<IntImmNode>()) {
    if (imm->dtype.is_bool()) return imm->value ? "True" : "False";
    return std::to_string(imm->value);
  }
  if (const auto* imm = value.as<FloatImmNode>()) return ir::FloatLiteral(imm->value);
  if (const auto* str = value.as<ir::StringNode>()) return ir::QuoteString(str->value);
  if (const auto* array = value.as<ir::ArrayNode>()) {
    std::string text = "[";
    for (size_t i = 0; i < array->data.size(); ++i) {
      text += (i ? ", " : "") + PythonLiteral(array->data[i]);
    }
    return text + "]";
  }
  throw InvalidArgumentError(StrCat("a ", value->type_key(), " has no Python literal"));
}

std::string PythonCall(const std::string& method,
                       const std::vector<std::pair<std::string, std::string>>& kwargs,
                       const Array<String>& outputs, bool outputs_are_list) {
  std::string text;
  for (size_t i = 0; i < outputs.size(); ++i) text += (i ? ", " : "") + outputs[i].str();
  if (outputs.size() == 1 && outputs_are_list) text += ",";
  if (!outputs.empty()) text += " = ";
  text += "sch." + method + "(";
  for (size_t i = 0; i < kwargs.size(); ++i) {
    const auto& [key, value] = kwargs[i];
    text += (i ? ", " : "") + (key.empty() ? value : key + "=" + value);
  }
  return text + ")";
}

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
