// The global function registry.
#include "tessel/runtime/registry.h"

#include <map>
#include <mutex>

#include "tessel/support/error.h"

namespace tessel {
namespace runtime {

namespace {

struct Table {
  std::mutex mutex;
  std::map<std::string, PackedFunc> functions;
};

// Never destroyed: functions registered from static initialisers of other libraries may be
// looked up during their static destruction.
Table& GlobalTable() {
  static Table* table = new Table();
  return *table;
}

}  // namespace

void Registry::Register(const std::string& name, PackedFunc func, bool override) {
  if (!func.defined()) {
    throw InvalidArgumentError(StrCat("Registry::Register: '", name, "': undefined function"));
  }
  Table& table = GlobalTable();
  std::lock_guard<std::mutex> lock(table.mutex);
  auto [it, inserted] = table.functions.emplace(name, func);
  if (!inserted) {
    if (!override) {
      throw InvalidArgumentError(StrCat("a global function named '", name,
                                        "' is already registered (pass override=true to replace it)"));
    }
    it->second = std::move(func);
  }
}

std::optional<PackedFunc> Registry::Get(const std::string& name) {
  Table& table = GlobalTable();
  std::lock_guard<std::mutex> lock(table.mutex);
  auto it = table.functions.find(name);
  if (it == table.functions.end()) return std::nullopt;
  return it->second;
}

bool Registry::Remove(const std::string& name) {
  Table& table = GlobalTable();
  PackedFunc removed;  // destroyed after the lock is released: it may run arbitrary code
  std::lock_guard<std::mutex> lock(table.mutex);
  auto it = table.functions.find(name);
  if (it == table.functions.end()) return false;
  removed = std::move(it->second);
  table.functions.erase(it);
  return true;
}

std::vector<std::string> Registry::ListNames() {
  Table& table = GlobalTable();
  std::lock_guard<std::mutex> lock(table.mutex);
  std::vector<std::string> names;
  names.reserve(table.functions.size());
  for (const auto& [name, func] : table.functions) names.push_back(name);
  return names;
}

}  // namespace runtime
}  // namespace tessel
