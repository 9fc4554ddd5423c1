/*!
 * \file tessel/ir/reflection.h
 * \brief Field reflection: how a node presents its fields to generic algorithms.
 *
 * A node's VisitFields calls the visitor once per field. Structural equality and
 * hashing, the generic printer and the Python attribute access are visitors.
 */
#ifndef TESSEL_IR_REFLECTION_H_
#define TESSEL_IR_REFLECTION_H_

#include <cstdint>
#include <string>
#include <type_traits>

#include "tessel/ir/data_type.h"
#include "tessel/ir/object.h"

namespace tessel {
namespace ir {

/*! \brief How structural comparison treats a field. */
enum class FieldRole {
  kValue,    //!< compared by content
  kDefines,  //!< introduces variables (parameters, loop variables): binds them on comparison
  kIgnored,  //!< not part of the structure (source spans, name hints)
};

/*!
 * \brief Receives the fields of a node one at a time.
 *
 * The visitor may overwrite a field through the pointer only while the node is not
 * yet shared (construction from Python uses this).
 */
class FieldVisitor {
 public:
  virtual ~FieldVisitor() = default;
  /*! \brief A boolean field. */
  virtual void Visit(const char* name, bool* value, FieldRole role) = 0;
  /*! \brief An integer field (enums are presented as integers). */
  virtual void Visit(const char* name, int64_t* value, FieldRole role) = 0;
  /*! \brief A floating-point field. */
  virtual void Visit(const char* name, double* value, FieldRole role) = 0;
  /*! \brief A string field. */
  virtual void Visit(const char* name, std::string* value, FieldRole role) = 0;
  /*! \brief A data type field. */
  virtual void Visit(const char* name, DataType* value, FieldRole role) = 0;
  /*! \brief A node field (any handle, possibly undefined). */
  virtual void Visit(const char* name, ObjectRef* value, FieldRole role) = 0;

  /*! \brief Present a handle of any class as an ObjectRef. */
  template <typename T, typename = std::enable_if_t<std::is_base_of_v<ObjectRef, T>>>
  void Visit(const char* name, T* value, FieldRole role = FieldRole::kValue) {
    Visit(name, static_cast<ObjectRef*>(value), role);
  }
  /*! \brief Present an enum or a narrow integer as int64_t. */
  template <typename T, typename = std::enable_if_t<(std::is_enum_v<T> || std::is_integral_v<T>) &&
                                                    !std::is_same_v<T, int64_t> &&
                                                    !std::is_same_v<T, bool>>,
            typename = void>
  void Visit(const char* name, T* value, FieldRole role = FieldRole::kValue) {
    int64_t wide = static_cast<int64_t>(*value);
    Visit(name, &wide, role);
    // Write back only on change: readers may share the node across threads.
    if (wide != static_cast<int64_t>(*value)) *value = static_cast<T>(wide);
  }
  /*! \brief Convenience overloads with the default role. */
  void Visit(const char* name, bool* value) { Visit(name, value, FieldRole::kValue); }
  void Visit(const char* name, int64_t* value) { Visit(name, value, FieldRole::kValue); }
  void Visit(const char* name, double* value) { Visit(name, value, FieldRole::kValue); }
  void Visit(const char* name, std::string* value) { Visit(name, value, FieldRole::kValue); }
  void Visit(const char* name, DataType* value) { Visit(name, value, FieldRole::kValue); }
};

}  // namespace ir
}  // namespace tessel

#endif  // TESSEL_IR_REFLECTION_H_
