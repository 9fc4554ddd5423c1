/*!
 * \file tessel/runtime/json.h
 * \brief A small JSON value with a strict parser and a writer (kernel metadata, executables).
 */
#ifndef TESSEL_RUNTIME_JSON_H_
#define TESSEL_RUNTIME_JSON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace tessel {
namespace runtime {

/*!
 * \brief A JSON value: null, bool, integer, real number, string, array or object.
 *
 * Numbers written without fraction or exponent that fit in int64 are integers; others are
 * reals. Objects keep their keys in insertion order (so Dump() is deterministic).
 * Accessors throw InvalidArgumentError ("expected a JSON string, but found an array") on a
 * kind mismatch.
 */
class Json {
 public:
  /*! \brief The kinds of value. */
  enum class Kind { kNull, kBool, kInt, kReal, kString, kArray, kObject };
  /*! \brief An array's storage. */
  using Array = std::vector<Json>;
  /*! \brief An object's storage: (key, value) pairs in insertion order, keys unique. */
  using Object = std::vector<std::pair<std::string, Json>>;

  /*! \brief null. */
  Json() = default;
  /*! \brief null. */
  Json(std::nullptr_t) {}  // NOLINT(runtime/explicit)
  /*! \brief A bool. */
  Json(bool value) : value_(value) {}  // NOLINT(runtime/explicit)
  /*! \brief An integer, from any integer type but bool. */
  template <typename T, typename = std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>>
  Json(T value) : value_(static_cast<int64_t>(value)) {}  // NOLINT(runtime/explicit)
  /*! \brief A real number. */
  Json(double value) : value_(value) {}  // NOLINT(runtime/explicit)
  /*! \brief A string. */
  Json(std::string value) : value_(std::move(value)) {}  // NOLINT(runtime/explicit)
  /*! \brief A string. */
  Json(const char* value) : value_(std::string(value)) {}  // NOLINT(runtime/explicit)
  /*! \brief An array. */
  Json(Array value);  // NOLINT(runtime/explicit)
  /*! \brief An object; a repeated key keeps its last value. */
  Json(Object value);  // NOLINT(runtime/explicit)

  /*!
   * \brief Parse a complete JSON text (RFC 8259; surrounding whitespace allowed).
   * \param text The text.
   * \param source A name for messages, such as a file path.
   * \throws ParseError with the line and column of the first problem.
   */
  static Json Parse(const std::string& text, const std::string& source = "<json>");

  /*! \brief The JSON text; `indent` >= 0 pretty-prints with that many spaces per level. */
  std::string Dump(int indent = -1) const;

  /*! \brief The kind of the value. */
  Kind kind() const { return static_cast<Kind>(value_.index()); }
  /*! \brief "null", "bool", "integer", "number", "string", "array" or "object". */
  static const char* KindName(Kind kind);
  /*! \brief Whether the value is null. */
  bool is_null() const { return kind() == Kind::kNull; }

  /*! \brief The bool. */
  bool AsBool() const;
  /*! \brief The integer. */
  int64_t AsInt() const;
  /*! \brief The number (an integer is converted). */
  double AsReal() const;
  /*! \brief The string. */
  const std::string& AsString() const;
  /*! \brief The array. */
  const Array& AsArray() const;
  /*! \brief The object. */
  const Object& AsObject() const;

  /*! \brief The member `key` of an object, or null when absent (throws for non-objects). */
  const Json* Find(const std::string& key) const;
  /*!
   * \brief The member `key` of an object.
   * \throws InvalidArgumentError naming the key when it is absent.
   */
  const Json& At(const std::string& key) const;
  /*! \brief Set the member `key` of an object (a null value becomes an empty object). */
  void Set(const std::string& key, Json value);
  /*! \brief Append to an array (a null value becomes an empty array). */
  void Push(Json value);

  /*! \brief Structural equality (an integer never equals a real). */
  bool operator==(const Json& other) const;
  /*! \brief Structural inequality. */
  bool operator!=(const Json& other) const { return !(*this == other); }

 private:
  [[noreturn]] void KindMismatch(const char* expected) const;

  std::variant<std::nullptr_t, bool, int64_t, double, std::string, std::shared_ptr<Array>,
               std::shared_ptr<Object>>
      value_;
};

}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_RUNTIME_JSON_H_
