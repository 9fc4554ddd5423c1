// Structural hashing: folds the reflected fields of an IR tree, numbering its variables
// exactly where StructuralEqual binds them.
#include "tessel/ir/structural_hash.h"

#include <cmath>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "tessel/ir/reflection.h"

namespace tessel {
namespace ir {

namespace {

// Distinguish the kinds of field value, so that 1 and true and 1.0 hash apart.
enum Tag : uint64_t {
  kUndefined = 0x75d1f3a2c4b5e6f7,
  kBool = 1,
  kInt,
  kFloat,
  kString,
  kDataType,
  kNode,
  kBoundVar,
  kFreeVar,
};

uint64_t Mix(uint64_t x) {  // splitmix64's finalizer
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t Combine(uint64_t seed, uint64_t value) {
  return Mix(seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2)));
}

// FNV-1a: deterministic across runs and platforms, unlike std::hash.
uint64_t HashBytes(const char* data, size_t size) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < size; ++i) {
    h ^= static_cast<unsigned char>(data[i]);
    h *= 0x100000001b3ULL;
  }
  return h;
}

uint64_t HashString(const char* text) { return HashBytes(text, std::strlen(text)); }

uint64_t HashDouble(double value) {
  // Equality compares with ==, except that NaN equals NaN: so -0.0 hashes as 0.0 and
  // every NaN alike.
  if (std::isnan(value)) return 0x7ff8000000000000ULL;
  if (value == 0) value = 0;
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits;
}

uint64_t HashDataType(const DataType& t) {
  return (static_cast<uint64_t>(t.code()) << 32) | (static_cast<uint64_t>(t.bits()) << 16) |
         static_cast<uint64_t>(t.lanes());
}

class Hasher {
 public:
  explicit Hasher(bool map_free_vars) : map_free_vars_(map_free_vars) {}

  // Mirrors Comparer::Equal in structural_equal.cc case by case.
  uint64_t Hash(const ObjectRef& node, bool defining) {
    if (!node.defined()) return kUndefined;
    uint64_t h = HashString(node->type_key());
    if (!node->IsVariable()) return HashFields(node, defining, h);
    auto it = var_ids_.find(node.get());
    if (it != var_ids_.end()) return Combine(Combine(h, kBoundVar), it->second);
    if (!defining && !map_free_vars_) {
      return Combine(Combine(h, kFreeVar), reinterpret_cast<uintptr_t>(node.get()));
    }
    h = HashFields(node, defining, h);
    uint64_t id = var_ids_.size();
    var_ids_.emplace(node.get(), id);
    keep_alive_.push_back(node);
    return Combine(Combine(h, kBoundVar), id);
  }

 private:
  class FieldHasher : public FieldVisitor {
   public:
    FieldHasher(Hasher* parent, bool defining, uint64_t seed)
        : hash(seed), parent_(parent), defining_(defining) {}

    uint64_t hash;  //!< the seed combined with every field so far

    void Visit(const char* name, bool* value, FieldRole role) override {
      Add(name, role, kBool, *value ? 1 : 0);
    }
    void Visit(const char* name, int64_t* value, FieldRole role) override {
      Add(name, role, kInt, static_cast<uint64_t>(*value));
    }
    void Visit(const char* name, double* value, FieldRole role) override {
      Add(name, role, kFloat, HashDouble(*value));
    }
    void Visit(const char* name, std::string* value, FieldRole role) override {
      Add(name, role, kString, HashBytes(value->data(), value->size()));
    }
    void Visit(const char* name, DataType* value, FieldRole role) override {
      Add(name, role, kDataType, HashDataType(*value));
    }
    void Visit(const char* name, ObjectRef* value, FieldRole role) override {
      if (role == FieldRole::kIgnored) return;
      Add(name, role, kNode, parent_->Hash(*value, defining_ || role == FieldRole::kDefines));
    }

   private:
    void Add(const char* name, FieldRole role, Tag tag, uint64_t value) {
      if (role == FieldRole::kIgnored) return;
      // Names count because equality compares them (a module's function names live there).
      hash = Combine(Combine(Combine(hash, HashString(name)), tag), value);
    }
    Hasher* parent_;
    bool defining_;
  };

  uint64_t HashFields(const ObjectRef& node, bool defining, uint64_t seed) {
    FieldHasher fields(this, defining, seed);
    // VisitFields is non-const only so that construction can fill fields in.
    const_cast<Object*>(node.get())->VisitFields(&fields);
    return fields.hash;
  }

  bool map_free_vars_;
  // Each variable's number, in the order StructuralEqual would bind it.
  std::unordered_map<const Object*, uint64_t> var_ids_;
  std::vector<ObjectRef> keep_alive_;  // keeps the keys of var_ids_ from being reused
};

}  // namespace

uint64_t StructuralHash(const ObjectRef& node, bool map_free_vars) {
  Hasher hasher(map_free_vars);
  return hasher.Hash(node, /*defining=*/false);
}

}  // namespace ir
}  // namespace tessel
