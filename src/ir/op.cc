// The global operator registry.
#include "tessel/ir/op.h"

#include <map>
#include <memory>
#include <mutex>

namespace tessel {
namespace ir {

namespace {

struct Registry {
  std::mutex mutex;
  std::vector<Op> ops;
  std::map<std::string, size_t> index_of;
  // Each property is a column indexed by operator index; the deque-like map keeps
  // references stable for OpAttrMap.
  std::map<std::string, std::unique_ptr<std::vector<std::any>>> columns;

  std::vector<std::any>& Column(const std::string& key) {
    auto& column = columns[key];
    if (!column) column = std::make_unique<std::vector<std::any>>();
    return *column;
  }
};

Registry& GetRegistry() {
  static Registry* registry = new Registry();  // never destroyed: used during static teardown
  return *registry;
}

}  // namespace

Op Op::Get(const std::string& name) {
  Registry& reg = GetRegistry();
  std::lock_guard<std::mutex> lock(reg.mutex);
  auto it = reg.index_of.find(name);
  if (it == reg.index_of.end()) {
    throw InvalidArgumentError(StrCat("no operator named '", name, "' is registered"));
  }
  return reg.ops[it->second];
}

bool Op::Exists(const std::string& name) {
  Registry& reg = GetRegistry();
  std::lock_guard<std::mutex> lock(reg.mutex);
  return reg.index_of.count(name) > 0;
}

std::vector<std::string> Op::ListNames() {
  Registry& reg = GetRegistry();
  std::lock_guard<std::mutex> lock(reg.mutex);
  std::vector<std::string> names;
  for (const Op& op : reg.ops) names.push_back(op->name);
  return names;
}

OpRegistry OpRegistry::Register(const std::string& name) {
  Registry& reg = GetRegistry();
  std::lock_guard<std::mutex> lock(reg.mutex);
  auto it = reg.index_of.find(name);
  if (it != reg.index_of.end()) return OpRegistry(reg.ops[it->second]);
  auto node = make_object<OpNode>();
  node->name = name;
  node->index = static_cast<int64_t>(reg.ops.size());
  Op op(node);
  reg.index_of[name] = reg.ops.size();
  reg.ops.push_back(op);
  return OpRegistry(op);
}

// Registration runs before the op is shared with passes, so editing the node is safe here.
OpRegistry& OpRegistry::describe(const std::string& text) {
  const_cast<OpNode*>(op_.get())->description = text;
  return *this;
}

OpRegistry& OpRegistry::add_argument(const std::string& name) {
  const_cast<OpNode*>(op_.get())->arguments.push_back(name);
  return *this;
}

void OpRegistry::SetAttrAny(const std::string& key, std::any value) {
  Registry& reg = GetRegistry();
  std::lock_guard<std::mutex> lock(reg.mutex);
  std::vector<std::any>& column = reg.Column(key);
  size_t i = static_cast<size_t>(op_->index);
  if (column.size() <= i) column.resize(i + 1);
  if (column[i].has_value()) {
    throw InvalidArgumentError(
        StrCat("operator ", op_->name, " already has a property ", key));
  }
  column[i] = std::move(value);
}

const std::vector<std::any>& OpAttrColumn(const std::string& key) {
  Registry& reg = GetRegistry();
  std::lock_guard<std::mutex> lock(reg.mutex);
  return reg.Column(key);
}

}  // namespace ir
}  // namespace tessel
