// Trace: recording, printing as Python, and replaying onto another schedule.
#include "tessel/tir/schedule/trace.h"

#include <unordered_map>

#include "tessel/tir/schedule/schedule.h"

namespace tessel {
namespace tir {
namespace schedule {

namespace {

using RVMap = std::unordered_map<const Object*, ObjectRef>;

const char* kEnterPostproc = "EnterPostproc";

bool IsRandomVariable(const ObjectRef& value) {
  return value.as<BlockRVNode>() || value.as<LoopRVNode>() || value.as<ExprRVNode>();
}

// An input with every random variable replaced through rvs (lists element by element).
ObjectRef Translate(const ObjectRef& value, const RVMap& rvs) {
  if (!value.defined()) return value;
  if (const auto* array = value.as<ir::ArrayNode>()) {
    std::vector<ObjectRef> items;
    for (const ObjectRef& item : array->data) items.push_back(Translate(item, rvs));
    return Array<ObjectRef>(items);
  }
  if (!IsRandomVariable(value)) return value;
  auto it = rvs.find(value.get());
  if (it == rvs.end()) {
    throw InvalidArgumentError(
        StrCat("trace: a ", value->type_key(), " is used before an instruction produced it"));
  }
  return it->second;
}

}  // namespace

Trace::Trace(Array<Instruction> insts, Map<Instruction, ObjectRef> decisions) {
  auto node = ir::make_object<TraceNode>();
  node->insts = std::move(insts);
  node->decisions = std::move(decisions);
  data_ = std::move(node);
}

void Trace::Append(const Instruction& inst, const ObjectRef& decision) {
  TraceNode* node = CopyOnWrite();
  node->insts = node->insts.Append(inst);
  if (decision.defined()) node->decisions = node->decisions.Set(inst, decision);
}

ObjectRef Trace::GetDecision(const Instruction& inst) const { return get()->decisions.Get(inst); }

std::vector<std::string> Trace::AsPython(bool remove_postproc) const {
  std::unordered_map<const Object*, std::string> names;
  std::function<std::string(const ObjectRef&)> render = [&](const ObjectRef& value) -> std::string {
    if (const auto* array = value.as<ir::ArrayNode>()) {
      std::string text = "[";
      for (size_t i = 0; i < array->data.size(); ++i) {
        text += (i ? ", " : "") + render(array->data[i]);
      }
      return text + "]";
    }
    if (IsRandomVariable(value)) {
      auto it = names.find(value.get());
      if (it == names.end()) {
        throw InvalidArgumentError(
            StrCat("trace: a ", value->type_key(), " is used before an instruction produced it"));
      }
      return it->second;
    }
    return PythonLiteral(value);
  };
  std::vector<std::string> lines;
  for (const Instruction& inst : get()->insts) {
    if (remove_postproc && inst->kind->name == kEnterPostproc) break;
    std::vector<String> inputs;
    for (const ObjectRef& input : inst->inputs) inputs.push_back(render(input));
    std::vector<String> outputs;
    for (const ObjectRef& output : inst->outputs) {
      const char* prefix = output.as<BlockRVNode>() ? "b" : output.as<LoopRVNode>() ? "l" : "v";
      std::string name = StrCat(prefix, names.size());
      names.emplace(output.get(), name);
      outputs.push_back(name);
    }
    lines.push_back(inst->kind->as_python(inputs, inst->attrs, GetDecision(inst), outputs));
  }
  return lines;
}

void Trace::ApplyToSchedule(ScheduleNode* sch, bool remove_postproc) const {
  RVMap rvs;
  for (const Instruction& inst : get()->insts) {
    if (remove_postproc && inst->kind->name == kEnterPostproc) break;
    Array<ObjectRef> inputs = inst->inputs.Map([&](const ObjectRef& v) { return Translate(v, rvs); });
    Array<ObjectRef> outputs = inst->kind->apply(sch, inputs, inst->attrs, GetDecision(inst));
    TESSEL_ICHECK(outputs.size() == inst->outputs.size(), "instruction ", inst->kind->name,
                  " returned ", outputs.size(), " outputs on replay, recorded ",
                  inst->outputs.size());
    for (size_t i = 0; i < outputs.size(); ++i) rvs[inst->outputs[i].get()] = outputs[i];
  }
}

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
