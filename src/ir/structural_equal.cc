// Structural equality: a lock-step walk over the reflected fields of two IR trees.
#include "tessel/ir/structural_equal.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "tessel/ir/container.h"
#include "tessel/ir/printer.h"
#include "tessel/ir/reflection.h"

namespace tessel {
namespace ir {

namespace {

// Field values are copied, not pointed to: VisitFields may present temporaries (the
// size of an array, the sorted functions of a module) that die when it returns.
using FieldValue = std::variant<bool, int64_t, double, std::string, DataType, ObjectRef>;

struct Field {
  std::string name;
  FieldRole role;
  FieldValue value;
};

class FieldCollector : public FieldVisitor {
 public:
  explicit FieldCollector(std::vector<Field>* out) : out_(out) {}

  void Visit(const char* name, bool* value, FieldRole role) override { Add(name, role, *value); }
  void Visit(const char* name, int64_t* value, FieldRole role) override { Add(name, role, *value); }
  void Visit(const char* name, double* value, FieldRole role) override { Add(name, role, *value); }
  void Visit(const char* name, std::string* value, FieldRole role) override {
    Add(name, role, *value);
  }
  void Visit(const char* name, DataType* value, FieldRole role) override {
    Add(name, role, *value);
  }
  void Visit(const char* name, ObjectRef* value, FieldRole role) override {
    Add(name, role, *value);
  }

 private:
  template <typename T>
  void Add(const char* name, FieldRole role, const T& value) {
    if (role != FieldRole::kIgnored) out_->push_back(Field{name, role, FieldValue(value)});
  }
  std::vector<Field>* out_;
};

// Finds a variable's name hint for messages: its first string field whose name says "name".
class NameFinder : public FieldVisitor {
 public:
  std::string name;

  void Visit(const char*, bool*, FieldRole) override {}
  void Visit(const char*, int64_t*, FieldRole) override {}
  void Visit(const char*, double*, FieldRole) override {}
  void Visit(const char* field, std::string* value, FieldRole) override { Take(field, *value); }
  void Visit(const char*, DataType*, FieldRole) override {}
  void Visit(const char* field, ObjectRef* value, FieldRole) override {
    if (const auto* str = value->as<StringNode>()) Take(field, str->value);
  }

 private:
  void Take(const char* field, const std::string& value) {
    if (name.empty() && std::strstr(field, "name") != nullptr) name = value;
  }
};

// VisitFields is non-const only so that construction can fill fields in; reading is safe.
Object* Mutable(const ObjectRef& node) { return const_cast<Object*>(node.get()); }

std::vector<Field> CollectFields(const ObjectRef& node) {
  std::vector<Field> fields;
  FieldCollector collector(&fields);
  Mutable(node)->VisitFields(&collector);
  return fields;
}

std::string Address(const ObjectRef& node) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%p", static_cast<const void*>(node.get()));
  return buf;
}

std::string VarName(const ObjectRef& var) {
  NameFinder finder;
  Mutable(var)->VisitFields(&finder);
  return finder.name.empty() ? StrCat(var->type_key(), "@", Address(var)) : finder.name;
}

// Names of two different variables, told apart by address when their hints agree.
std::pair<std::string, std::string> VarNames(const ObjectRef& a, const ObjectRef& b) {
  std::string name_a = VarName(a), name_b = VarName(b);
  if (name_a == name_b && !a.same_as(b)) {
    name_a += "@" + Address(a);
    name_b += "@" + Address(b);
  }
  return {name_a, name_b};
}

const char* TypeName(const ObjectRef& node) { return node.defined() ? node->type_key() : "undefined"; }

bool SameType(const Object* a, const Object* b) {
  // Index 0 means a node made without make_object; fall back to the key then.
  return (a->type_index() == b->type_index() && a->type_index() != 0) ||
         std::strcmp(a->type_key(), b->type_key()) == 0;
}

const char* KindName(const FieldValue& value) {
  static const char* const kNames[] = {"bool", "int", "float", "string", "dtype", "node"};
  return kNames[value.index()];
}

bool PrimitiveEqual(const FieldValue& a, const FieldValue& b) {
  // The caller has checked that both hold the same alternative, and not a node.
  if (const auto* x = std::get_if<double>(&a)) {
    double y = std::get<double>(b);
    return *x == y || (std::isnan(*x) && std::isnan(y));
  }
  if (const auto* x = std::get_if<bool>(&a)) return *x == std::get<bool>(b);
  if (const auto* x = std::get_if<int64_t>(&a)) return *x == std::get<int64_t>(b);
  if (const auto* x = std::get_if<std::string>(&a)) return *x == std::get<std::string>(b);
  return std::get<DataType>(a) == std::get<DataType>(b);
}

std::string Show(const FieldValue& value) {
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "True" : "False";
  if (const auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&value)) return FloatLiteral(*d);
  if (const auto* s = std::get_if<std::string>(&value)) return QuoteString(*s);
  if (const auto* t = std::get_if<DataType>(&value)) return t->ToString();
  return TypeName(std::get<ObjectRef>(value));
}

// Walks both trees in the same order. Variables are matched one to one: a binding is made
// the first time a pair is met in a defining field (or anywhere, for free variables under
// map_free_vars) and every later meeting must agree with it. StructuralHash numbers the
// variables at exactly the same events, which is what keeps the two consistent.
class Comparer {
 public:
  explicit Comparer(bool map_free_vars) : map_free_vars_(map_free_vars) {}

  bool Equal(const ObjectRef& lhs, const ObjectRef& rhs, bool defining) {
    if (!lhs.defined() || !rhs.defined()) {
      if (!lhs.defined() && !rhs.defined()) return true;
      return Fail(lhs, rhs, StrCat("type: ", TypeName(lhs), " vs ", TypeName(rhs)));
    }
    // No early exit on lhs.same_as(rhs): a shared subtree means something else under a
    // binding (fn(x, y) { x + y } vs fn(y, x) with the very same body), and skipping it
    // would also skip the bindings StructuralHash makes inside it.
    if (!SameType(lhs.get(), rhs.get())) {
      return Fail(lhs, rhs, StrCat("type: ", lhs->type_key(), " vs ", rhs->type_key()));
    }
    if (lhs->IsVariable()) return VarEqual(lhs, rhs, defining);
    return FieldsEqual(lhs, rhs, defining);
  }

  std::optional<StructuralMismatch> mismatch;

 private:
  bool VarEqual(const ObjectRef& lhs, const ObjectRef& rhs, bool defining) {
    auto left = lhs_to_rhs_.find(lhs.get());
    if (left != lhs_to_rhs_.end()) {
      if (left->second.same_as(rhs)) return true;
      auto [name, found] = VarNames(lhs, rhs);
      return Fail(lhs, rhs, StrCat("variable ", name, " is bound to ", VarName(left->second),
                                   ", found ", found));
    }
    auto right = rhs_to_lhs_.find(rhs.get());
    if (right != rhs_to_lhs_.end()) {
      auto [name, other] = VarNames(lhs, right->second);
      return Fail(lhs, rhs, StrCat("variable ", name, " is not bound, but ", VarName(rhs),
                                   " on the right is bound to ", other));
    }
    if (!defining && !map_free_vars_) {
      if (lhs.same_as(rhs)) return true;
      auto [a, b] = VarNames(lhs, rhs);
      return Fail(lhs, rhs, StrCat("free variables differ: ", a, " vs ", b,
                                   " (neither is defined here; map_free_vars lets them match)"));
    }
    if (!FieldsEqual(lhs, rhs, defining)) return false;
    lhs_to_rhs_.emplace(lhs.get(), rhs);
    rhs_to_lhs_.emplace(rhs.get(), lhs);
    return true;
  }

  bool FieldsEqual(const ObjectRef& lhs, const ObjectRef& rhs, bool defining) {
    std::vector<Field> left = CollectFields(lhs);
    std::vector<Field> right = CollectFields(rhs);
    size_t common = std::min(left.size(), right.size());
    for (size_t i = 0; i < common; ++i) {
      const Field& a = left[i];
      const Field& b = right[i];
      if (a.name != b.name) return Fail(lhs, rhs, StrCat("field: ", a.name, " vs ", b.name));
      if (a.value.index() != b.value.index()) {
        return Fail(lhs, rhs, StrCat(a.name, ": a ", KindName(a.value), " vs a ", KindName(b.value)));
      }
      if (const auto* node = std::get_if<ObjectRef>(&a.value)) {
        path_.push_back(&a.name);
        bool equal = Equal(*node, std::get<ObjectRef>(b.value),
                           defining || a.role == FieldRole::kDefines);
        path_.pop_back();
        if (!equal) return false;
      } else if (!PrimitiveEqual(a.value, b.value)) {
        return Fail(lhs, rhs, StrCat(a.name, ": ", Show(a.value), " vs ", Show(b.value)));
      }
    }
    if (left.size() != right.size()) {
      const Field& extra = left.size() > right.size() ? left[common] : right[common];
      return Fail(lhs, rhs, StrCat("field count: ", left.size(), " vs ", right.size(),
                                   " (first unmatched field: ", extra.name, ")"));
    }
    return true;
  }

  bool Fail(const ObjectRef& lhs, const ObjectRef& rhs, std::string detail) {
    std::string path = "root";
    for (const std::string* segment : path_) {
      if (segment->empty() || segment->front() != '[') path += '.';
      path += *segment;
    }
    mismatch = StructuralMismatch{std::move(path), lhs, rhs, std::move(detail)};
    return false;
  }

  bool map_free_vars_;
  // Both directions, so that a variable is never matched with two others. The keys stay
  // alive through the ObjectRef held in the other map.
  std::unordered_map<const Object*, ObjectRef> lhs_to_rhs_;
  std::unordered_map<const Object*, ObjectRef> rhs_to_lhs_;
  // Field names of the fields being compared, outermost first; they live in the
  // callers' field vectors.
  std::vector<const std::string*> path_;
};

// A sub-tree in script form for a message, indented under its heading.
std::string ScriptForMessage(const ObjectRef& node) {
  std::string text;
  try {
    text = AsScript(node);
  } catch (const std::exception& err) {
    text = StrCat("<", TypeName(node), ": cannot print: ", err.what(), ">");
  }
  std::string out = "  ";
  for (char c : text) {
    out += c;
    if (c == '\n') out += "  ";
  }
  return out;
}

}  // namespace

std::optional<StructuralMismatch> FindStructuralMismatch(const ObjectRef& lhs, const ObjectRef& rhs,
                                                         bool map_free_vars) {
  // At the root a shared tree is safe to skip: no binding exists yet, and none is needed after.
  if (lhs.same_as(rhs)) return std::nullopt;
  Comparer comparer(map_free_vars);
  if (comparer.Equal(lhs, rhs, /*defining=*/false)) return std::nullopt;
  return std::move(comparer.mismatch);
}

bool StructuralEqual(const ObjectRef& lhs, const ObjectRef& rhs, bool map_free_vars) {
  return !FindStructuralMismatch(lhs, rhs, map_free_vars).has_value();
}

void AssertStructuralEqual(const ObjectRef& lhs, const ObjectRef& rhs, bool map_free_vars) {
  std::optional<StructuralMismatch> mismatch = FindStructuralMismatch(lhs, rhs, map_free_vars);
  if (!mismatch) return;
  throw InvalidArgumentError(StrCat("expected structurally equal IR, found a difference at ",
                                    mismatch->path, ": ", mismatch->detail, "\nlhs at ",
                                    mismatch->path, ":\n", ScriptForMessage(mismatch->lhs),
                                    "\nrhs at ", mismatch->path, ":\n",
                                    ScriptForMessage(mismatch->rhs)));
}

}  // namespace ir
}  // namespace tessel
