/*!
 * \file tessel/runtime/registry.h
 * \brief The global function registry: PackedFuncs found by name from C++ and Python.
 */
#ifndef TESSEL_RUNTIME_REGISTRY_H_
#define TESSEL_RUNTIME_REGISTRY_H_

#include <optional>
#include <string>
#include <vector>

#include "tessel/runtime/packed_func.h"

namespace tessel {
namespace runtime {

/*!
 * \brief The process-wide table of named functions (thread-safe).
 *
 * C++ code registers with TESSEL_REGISTER_GLOBAL at load time; Python registers with
 * `tessel.runtime.register_func`. Either side can get and call the other's functions.
 */
class Registry {
 public:
  /*!
   * \brief Register `func` under `name`.
   * \param name The name, such as "runtime.example.add".
   * \param func The function; must be defined.
   * \param override Replace an existing function of that name instead of failing.
   * \throws InvalidArgumentError when the name is taken and override is false, or func
   *         is undefined.
   */
  static void Register(const std::string& name, PackedFunc func, bool override = false);
  /*! \brief The function registered under `name`, if any. */
  static std::optional<PackedFunc> Get(const std::string& name);
  /*! \brief Remove the function registered under `name`; returns whether there was one. */
  static bool Remove(const std::string& name);
  /*! \brief All registered names, sorted. */
  static std::vector<std::string> ListNames();
};

}  // namespace runtime
}  // namespace tessel

#define TESSEL_REGISTRY_CONCAT_(a, b) a##b
#define TESSEL_REGISTRY_CONCAT(a, b) TESSEL_REGISTRY_CONCAT_(a, b)

/*!
 * \brief Register a global function when the library loads:
 *        `TESSEL_REGISTER_GLOBAL("demo.add", [](const std::vector<Any>& args) -> Any {...});`
 *
 * The second argument is anything a PackedFunc::Body can be built from.
 */
#define TESSEL_REGISTER_GLOBAL(name, ...)                                          \
  static const bool TESSEL_REGISTRY_CONCAT(tessel_registered_global_, __COUNTER__) = \
      (::tessel::runtime::Registry::Register(                                      \
           name, ::tessel::runtime::PackedFunc(__VA_ARGS__)),                      \
       true)

#endif  // TESSEL_RUNTIME_REGISTRY_H_
