// The container nodes: their reflection and key lookup.
#include "tessel/ir/container.h"

#include <algorithm>
#include <numeric>

namespace tessel {
namespace ir {

namespace {
std::string QuoteKey(const std::string& key) { return "\"" + key + "\""; }
}  // namespace

String::String(std::string value) : ObjectRef(make_object<StringNode>(std::move(value))) {}

void ArrayNode::VisitFields(FieldVisitor* v) {
  // The size comes first so that comparison of arrays of different length stops there.
  int64_t size = static_cast<int64_t>(data.size());
  v->Visit("size", &size, FieldRole::kValue);
  for (size_t i = 0; i < data.size(); ++i) {
    std::string name = "[" + std::to_string(i) + "]";
    v->Visit(name.c_str(), &data[i], FieldRole::kValue);
  }
}

void MapNode::VisitFields(FieldVisitor* v) {
  int64_t size = static_cast<int64_t>(entries.size());
  v->Visit("size", &size, FieldRole::kValue);
  // String-keyed maps (attributes) are presented sorted, so that the order in which
  // entries were added does not change equality or hashing.
  std::vector<size_t> order(entries.size());
  std::iota(order.begin(), order.end(), 0);
  bool string_keys = std::all_of(entries.begin(), entries.end(),
                                 [](const auto& e) { return e.first.template as<StringNode>(); });
  if (string_keys) {
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return entries[a].first.as<StringNode>()->value < entries[b].first.as<StringNode>()->value;
    });
  }
  for (size_t i : order) {
    std::string key = string_keys ? "[" + QuoteKey(entries[i].first.as<StringNode>()->value) + "]"
                                  : "[" + std::to_string(i) + "]";
    v->Visit((key + ".key").c_str(), &entries[i].first, FieldRole::kValue);
    v->Visit((key + ".value").c_str(), &entries[i].second, FieldRole::kValue);
  }
}

int64_t MapNode::Find(const ObjectRef& key) const {
  const auto* key_str = key.as<StringNode>();
  for (size_t i = 0; i < entries.size(); ++i) {
    const ObjectRef& candidate = entries[i].first;
    if (candidate.same_as(key)) return static_cast<int64_t>(i);
    if (key_str) {
      const auto* str = candidate.as<StringNode>();
      if (str && str->value == key_str->value) return static_cast<int64_t>(i);
    }
  }
  return -1;
}

}  // namespace ir
}  // namespace tessel
