// The registry of node classes: one type index per type key.
#include "tessel/ir/object.h"

#include <cstring>
#include <mutex>
#include <vector>

namespace tessel {
namespace ir {

namespace {

struct TypeTable {
  std::mutex mutex;
  // Index 0 is reserved so an unset type index is recognisable.
  std::vector<const char*> keys{"<unset>"};
};

TypeTable& Table() {
  static TypeTable* table = new TypeTable();  // never destroyed: used during static teardown
  return *table;
}

}  // namespace

uint32_t Object::AllocateTypeIndex(const char* type_key) {
  TypeTable& table = Table();
  std::lock_guard<std::mutex> lock(table.mutex);
  // A class's static index may be instantiated once per shared object (the Python
  // extension hides its symbols), so the same key must map to the same index.
  for (size_t i = 1; i < table.keys.size(); ++i) {
    if (std::strcmp(table.keys[i], type_key) == 0) return static_cast<uint32_t>(i);
  }
  table.keys.push_back(type_key);
  return static_cast<uint32_t>(table.keys.size() - 1);
}

const char* Object::TypeIndexToKey(uint32_t index) {
  TypeTable& table = Table();
  std::lock_guard<std::mutex> lock(table.mutex);
  return index < table.keys.size() ? table.keys[index] : "<unknown>";
}

uint32_t Object::NumTypeIndices() {
  TypeTable& table = Table();
  std::lock_guard<std::mutex> lock(table.mutex);
  return static_cast<uint32_t>(table.keys.size());
}

}  // namespace ir
}  // namespace tessel
