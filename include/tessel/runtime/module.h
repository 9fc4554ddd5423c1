/*!
 * \file tessel/runtime/module.h
 * \brief Module: a unit of compiled code (a loaded shared library, a JIT) and its functions.
 */
#ifndef TESSEL_RUNTIME_MODULE_H_
#define TESSEL_RUNTIME_MODULE_H_

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tessel/runtime/packed_func.h"

namespace tessel {
namespace runtime {

/*!
 * \brief The interface every kind of module implements.
 *
 * Subclasses: the shared-library module of Module::LoadFromFile ("library"), the LLVM JIT
 * module of the codegen ("llvm"), the VM executable ("relax.Executable") and the virtual
 * machine ("relax.VirtualMachine").
 */
class ModuleNode {
 public:
  virtual ~ModuleNode() = default;
  /*! \brief The kind of module: "library", "llvm", ... */
  virtual std::string type_key() const = 0;
  /*! \brief The function called `name`, or nullopt when there is none. */
  virtual std::optional<PackedFunc> GetFunction(const std::string& name) = 0;
  /*! \brief The names of the functions GetFunction() finds. */
  virtual std::vector<std::string> FunctionNames() const = 0;
  /*!
   * \brief Write the module as a shared library that Module::LoadFromFile() reads back.
   * \throws InvalidArgumentError by default: this kind of module cannot be exported.
   */
  virtual void ExportLibrary(const std::string& path) const;
  /*!
   * \brief The source of the module in a format such as "ll" or "asm".
   * \throws InvalidArgumentError by default, or for a format the module does not have.
   */
  virtual std::string GetSource(const std::string& format) const;
};

/*! \brief A shared handle to a ModuleNode; copies share the node. */
class Module {
 public:
  /*! \brief An undefined module. */
  Module() = default;
  /*! \brief A handle to `node`. */
  explicit Module(std::shared_ptr<ModuleNode> node) : node_(std::move(node)) {}

  /*!
   * \brief Load a shared library produced by the codegen (or any library following the
   *        kernel ABI of c_backend_api.h).
   *
   * Opens the file with RTLD_LOCAL | RTLD_NOW, reads `__tessel_metadata`, connects the
   * backend API pointers and wraps every kernel with WrapKernel(). The library stays loaded
   * while the module or any of its functions lives. A library exported from a Relax
   * executable also embeds its bytecode (`__tessel_vm_executable`): the result is then the
   * vm::Executable (type_key "relax.Executable"), whose functions are still the kernels, and
   * which vm::VirtualMachine runs.
   * \throws InvalidArgumentError naming the path and the problem: no such file, not a
   *         shared object (or truncated), no metadata, malformed metadata, missing symbol,
   *         a corrupt embedded executable.
   */
  static Module LoadFromFile(const std::string& path);

  /*! \brief Whether a node is held. */
  bool defined() const { return static_cast<bool>(node_); }
  /*! \brief The node. */
  ModuleNode* operator->() const { return node_.get(); }
  /*! \brief The shared node. */
  const std::shared_ptr<ModuleNode>& node() const { return node_; }

  /*! \brief The function called `name`, or nullopt. */
  std::optional<PackedFunc> GetFunction(const std::string& name) const;
  /*!
   * \brief The function called `name`.
   * \throws InvalidArgumentError listing the module's functions when there is none.
   */
  PackedFunc operator[](const std::string& name) const;

 private:
  std::shared_ptr<ModuleNode> node_;
};

}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_RUNTIME_MODULE_H_
