// What lets Python subclass the C++ functors: the Python name of each visit method and
// the lookup of a Python override. Shared by the tir and relax bindings.
#ifndef TESSEL_SRC_BINDINGS_FUNCTOR_OVERRIDES_H_
#define TESSEL_SRC_BINDINGS_FUNCTOR_OVERRIDES_H_

#include <cctype>
#include <map>
#include <mutex>
#include <string>

#include "common.h"

namespace tessel {
namespace bindings {

// "FloorDiv" -> "visit_floor_div_", "TupleGetItem" -> "visit_tuple_get_item_": the names
// Python subclasses override. An acronym stays one word ("EQ" -> "visit_eq_").
inline const char* VisitName(const char* node) {
  static std::mutex mutex;
  static std::map<std::string, std::string>* names = new std::map<std::string, std::string>();
  std::lock_guard<std::mutex> lock(mutex);
  auto it = names->find(node);
  if (it != names->end()) return it->second.c_str();
  std::string camel = node, snake;
  for (size_t i = 0; i < camel.size(); ++i) {
    char c = camel[i];
    bool upper = std::isupper(static_cast<unsigned char>(c));
    if (i > 0 && upper) {
      bool prev_lower = std::islower(static_cast<unsigned char>(camel[i - 1]));
      bool next_lower = i + 1 < camel.size() && std::islower(static_cast<unsigned char>(camel[i + 1]));
      bool prev_upper = std::isupper(static_cast<unsigned char>(camel[i - 1]));
      if (prev_lower || (prev_upper && next_lower)) snake += '_';
    }
    snake += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return names->emplace(node, "visit_" + snake + "_").first->second.c_str();
}

// The Python override of `name` on the object behind `self`, or an empty function.
// Unlike py::get_override, this also finds the override while that very override is
// running: a visit_mul_ that calls super().visit_mul_ must still see inner Muls.
template <typename T>
py::function Override(const T* self, const char* name) {
  py::handle obj = py::detail::get_object_handle(self, py::detail::get_type_info(typeid(T)));
  if (!obj) return py::function();
  py::object attr = py::getattr(obj, name, py::none());
  if (attr.is_none() || !PyCallable_Check(attr.ptr())) return py::function();
  auto f = py::reinterpret_borrow<py::function>(attr);
  return f.is_cpp_function() ? py::function() : f;
}

}  // namespace bindings
}  // namespace tessel

#endif  // TESSEL_SRC_BINDINGS_FUNCTOR_OVERRIDES_H_
