// The tensor intrinsic registry.
#include "tessel/tir/schedule/tensor_intrin.h"

#include <map>
#include <mutex>

#include "tessel/ir/structural_equal.h"

namespace tessel {
namespace tir {
namespace schedule {

namespace {

struct Registry {
  std::mutex mutex;
  std::map<std::string, TensorIntrin> intrins;
  static Registry& Global() {
    static Registry* registry = new Registry();  // never destroyed: used during static init/exit
    return *registry;
  }
};

std::vector<Buffer> ParamBuffers(const PrimFunc& func) {
  std::vector<Buffer> buffers;
  for (const Var& param : func->params) {
    Buffer buffer = func->buffer_map.Get(param);
    if (buffer.defined()) buffers.push_back(buffer);
  }
  return buffers;
}

}  // namespace

TensorIntrin::TensorIntrin(PrimFunc desc, PrimFunc impl) {
  std::vector<Buffer> d = ParamBuffers(desc), i = ParamBuffers(impl);
  if (d.size() != i.size()) {
    throw InvalidArgumentError(StrCat("TensorIntrin: the description has ", d.size(),
                                      " buffer parameters, the implementation ", i.size()));
  }
  for (size_t k = 0; k < d.size(); ++k) {
    if (d[k]->dtype != i[k]->dtype || !ir::StructuralEqual(d[k]->shape, i[k]->shape)) {
      throw InvalidArgumentError(StrCat("TensorIntrin: buffer parameter ", k, " (", d[k]->name,
                                        ") differs in dtype or shape between the description "
                                        "and the implementation"));
    }
  }
  auto node = ir::make_object<TensorIntrinNode>();
  node->desc = std::move(desc);
  node->impl = std::move(impl);
  data_ = std::move(node);
}

void TensorIntrin::Register(const std::string& name, TensorIntrin intrin, bool override_existing) {
  Registry& registry = Registry::Global();
  std::lock_guard<std::mutex> lock(registry.mutex);
  if (registry.intrins.count(name) && !override_existing) {
    throw InvalidArgumentError(StrCat("TensorIntrin \"", name, "\" is already registered"));
  }
  registry.intrins[name] = std::move(intrin);
}

TensorIntrin TensorIntrin::Get(const std::string& name) {
  Registry& registry = Registry::Global();
  std::lock_guard<std::mutex> lock(registry.mutex);
  auto it = registry.intrins.find(name);
  if (it == registry.intrins.end()) {
    std::string known;
    for (const auto& [key, intrin] : registry.intrins) known += (known.empty() ? "" : ", ") + key;
    throw InvalidArgumentError(StrCat("no TensorIntrin named \"", name, "\"; registered: ", known));
  }
  return it->second;
}

bool TensorIntrin::Has(const std::string& name) {
  Registry& registry = Registry::Global();
  std::lock_guard<std::mutex> lock(registry.mutex);
  return registry.intrins.count(name) > 0;
}

std::vector<std::string> TensorIntrin::ListNames() {
  Registry& registry = Registry::Global();
  std::lock_guard<std::mutex> lock(registry.mutex);
  std::vector<std::string> names;
  for (const auto& [name, intrin] : registry.intrins) names.push_back(name);
  return names;
}

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
