/*!
 * \file tessel/runtime/packed_func.h
 * \brief Any (a dynamically typed runtime value) and PackedFunc (a type-erased function).
 *
 * Every function the runtime exposes, compiled kernels included, is a PackedFunc taking
 * a list of Any and returning an Any; that one signature lets Python, C++ and generated
 * code call each other through the global registry.
 */
#ifndef TESSEL_RUNTIME_PACKED_FUNC_H_
#define TESSEL_RUNTIME_PACKED_FUNC_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "tessel/runtime/shape_tuple.h"
#include "tessel/runtime/tensor.h"

namespace tessel {
namespace runtime {

class Any;
class Module;
class ModuleNode;

/*!
 * \brief A function of a list of Any returning an Any.
 *
 * Copies share the same callable. A default-constructed PackedFunc is undefined.
 */
class PackedFunc {
 public:
  /*! \brief The signature of the wrapped callable. */
  using Body = std::function<Any(const std::vector<Any>& args)>;

  /*! \brief An undefined function. */
  PackedFunc() = default;
  /*! \brief Wrap a callable. */
  explicit PackedFunc(Body body);

  /*! \brief Call with a list of arguments. */
  Any operator()(const std::vector<Any>& args) const;

  /*! \brief Call with arguments converted to Any one by one: `f.Call(x, 2, 1.5)`. */
  template <typename... Args>
  Any Call(Args&&... args) const;

  /*! \brief Whether a callable is wrapped. */
  bool defined() const { return static_cast<bool>(body_); }
  /*! \brief Whether two handles share the same callable. */
  bool same_as(const PackedFunc& other) const { return body_ == other.body_; }

 private:
  std::shared_ptr<const Body> body_;
};

/*!
 * \brief A runtime value: none, int, float, bool, string, Tensor, PackedFunc, Module, a
 *        list of Any (also the VM's tuples), or a ShapeTuple.
 *
 * Accessors check the kind and throw InvalidArgumentError("expected int, but found
 * string") on a mismatch; AsFloat() also accepts an int, AsInt() also a bool.
 */
class Any {
 public:
  /*! \brief The kinds of value, in the order of the internal variant. */
  enum class Kind { kNone, kInt, kFloat, kBool, kString, kTensor, kFunc, kModule, kArray, kShape };

  /*! \brief None. */
  Any() = default;
  /*! \brief None. */
  Any(std::nullptr_t) {}  // NOLINT(runtime/explicit)
  /*! \brief An int, from any integer type but bool. */
  template <typename T, typename = std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>>
  Any(T value) : value_(static_cast<int64_t>(value)) {}  // NOLINT(runtime/explicit)
  /*! \brief A float. */
  Any(double value) : value_(value) {}  // NOLINT(runtime/explicit)
  /*! \brief A float. */
  Any(float value) : value_(static_cast<double>(value)) {}  // NOLINT(runtime/explicit)
  /*! \brief A bool. */
  Any(bool value) : value_(value) {}  // NOLINT(runtime/explicit)
  /*! \brief A string. */
  Any(std::string value) : value_(std::move(value)) {}  // NOLINT(runtime/explicit)
  /*! \brief A string. */
  Any(const char* value) : value_(std::string(value)) {}  // NOLINT(runtime/explicit)
  /*! \brief A tensor. */
  Any(Tensor value) : value_(std::move(value)) {}  // NOLINT(runtime/explicit)
  /*! \brief A function. */
  Any(PackedFunc value) : value_(std::move(value)) {}  // NOLINT(runtime/explicit)
  /*! \brief A module. */
  Any(const Module& value);  // NOLINT(runtime/explicit)
  /*! \brief A list. */
  Any(std::vector<Any> value);  // NOLINT(runtime/explicit)
  /*! \brief A shape. */
  Any(ShapeTuple value) : value_(std::move(value)) {}  // NOLINT(runtime/explicit)

  /*! \brief The kind of the value held. */
  Kind kind() const { return static_cast<Kind>(value_.index()); }
  /*! \brief The name of a kind: "none", "int", "float", "bool", "string", "Tensor", ... */
  static const char* KindName(Kind kind);
  /*! \brief Whether the value is none. */
  bool is_none() const { return kind() == Kind::kNone; }

  /*! \brief The int (a bool reads as 0 or 1). */
  int64_t AsInt() const;
  /*! \brief The float (an int is converted). */
  double AsFloat() const;
  /*! \brief The bool. */
  bool AsBool() const;
  /*! \brief The string. */
  const std::string& AsString() const;
  /*! \brief The tensor. */
  const Tensor& AsTensor() const;
  /*! \brief The function. */
  const PackedFunc& AsFunc() const;
  /*! \brief The module. */
  Module AsModule() const;
  /*! \brief The list. */
  const std::vector<Any>& AsArray() const;
  /*! \brief The shape. */
  const ShapeTuple& AsShape() const;

  /*! \brief A short description for messages: "int 3", "string 'x'", "Tensor float32[2, 3]". */
  std::string ToString() const;

 private:
  [[noreturn]] void KindMismatch(Kind expected) const;

  std::variant<std::monostate, int64_t, double, bool, std::string, Tensor, PackedFunc,
               std::shared_ptr<ModuleNode>, std::shared_ptr<const std::vector<Any>>, ShapeTuple>
      value_;
};

template <typename... Args>
Any PackedFunc::Call(Args&&... args) const {
  return (*this)(std::vector<Any>{Any(std::forward<Args>(args))...});
}

}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_RUNTIME_PACKED_FUNC_H_
