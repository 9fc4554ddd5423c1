/*!
 * \file tessel/runtime/vm/vm.h
 * \brief VirtualMachine: runs the VM functions of an Executable, with an optional per-call
 *        profiler. This is the C++ deployment API: it needs only libtessel_runtime.
 *
 * Deploying a model exported with `exe.export_library("model.so")` from Python:
 * \code
 * #include <tessel/runtime/module.h>
 * #include <tessel/runtime/vm/vm.h>
 *
 * using namespace tessel::runtime;
 * Module lib = Module::LoadFromFile("model.so");         // kernels + bytecode + constants
 * vm::VirtualMachine machine(lib, CPUDevice());           // resolves every called function
 * PackedFunc main = machine.GetFunction("main");
 * Tensor x = Tensor::Empty({1, 784}, DLDataType{kDLFloat, 32, 1});
 * // ... fill x.data() ...
 * Any out = main.Call(x);                                 // a Tensor, or a tuple (list) of them
 * const Tensor& y = out.AsTensor();
 * \endcode
 * Link with `-ltessel_runtime` (CMake: `target_link_libraries(app PRIVATE tessel_runtime)`).
 */
#ifndef TESSEL_RUNTIME_VM_VM_H_
#define TESSEL_RUNTIME_VM_VM_H_

#include <memory>
#include <string>
#include <vector>

#include "tessel/runtime/device.h"
#include "tessel/runtime/module.h"
#include "tessel/runtime/packed_func.h"
#include "tessel/runtime/vm/executable.h"

namespace tessel {
namespace runtime {
namespace vm {

/*! \brief The time spent in one function called by the bytecode during a profiled call. */
struct ProfileEntry {
  /*! \brief The function's name (a kernel, a builtin such as vm.builtin.match_shape, ...). */
  std::string name;
  /*! \brief "kernel" (from the kernel module), "builtin" (vm.builtin.*) or "packed" (registry). */
  std::string kind;
  /*! \brief How many times it was called. */
  int64_t calls = 0;
  /*! \brief The total seconds of those calls. */
  double seconds = 0;
};

/*! \brief What VirtualMachine::Profile() measured. */
struct ProfileReport {
  /*! \brief One entry per function called, slowest first. */
  std::vector<ProfileEntry> entries;
  /*! \brief The seconds of the whole call, interpretation included. */
  double total_seconds = 0;
  /*!
   * \brief A table: name, kind, calls, total ms, mean us and percent of the total, one row
   *        per entry, then the total.
   */
  std::string AsTable() const;
};

/*! \brief The shared state of a VirtualMachine: a Module whose functions are the VM functions. */
class VirtualMachineNode;

/*!
 * \brief Runs the VM functions of an executable.
 *
 * Construction resolves every packed function the bytecode calls: first in the executable's
 * kernel module, then in the global registry (builtins and user functions registered with
 * TESSEL_REGISTER_GLOBAL or tessel.runtime.register_func). The functions it returns are
 * PackedFuncs that take the VM function's parameters (Tensors, ShapeTuples, tuples as lists
 * of Any, ints, floats) and return its result; they stay valid after the VirtualMachine is
 * gone, and calls from several threads at once are safe. A call checks the argument count;
 * the checks of dtype, rank and shape are instructions of the compiled program, which raise
 * ExecutionError naming the function and parameter.
 */
class VirtualMachine {
 public:
  /*!
   * \brief A VM for an executable.
   * \param executable A module of type "relax.Executable": from Module::LoadFromFile on an
   *        exported library, or one built with ExecBuilder / relax::VMCodeGen.
   * \param device Where to run; only the CPU is supported.
   * \param profile Whether Profile() may be used.
   * \throws InvalidArgumentError when the module is not an executable, the device is not
   *         the CPU, the executable is invalid, or a called function cannot be found (the
   *         message lists every missing name).
   */
  explicit VirtualMachine(const Module& executable, DLDevice device = CPUDevice(), bool profile = false);

  /*!
   * \brief The VM function `name` as a PackedFunc.
   * \throws InvalidArgumentError listing the VM functions when there is none of that name.
   */
  PackedFunc GetFunction(const std::string& name) const;
  /*! \brief The names of the VM functions. */
  std::vector<std::string> FunctionNames() const;
  /*!
   * \brief Call `name` once, timing each packed function it calls (kernels and builtins).
   * \throws InvalidArgumentError when the VM was created with profile = false, or as the call.
   */
  ProfileReport Profile(const std::string& name, const std::vector<Any>& args) const;
  /*! \brief The VM as a runtime Module (type_key "relax.VirtualMachine") of its functions. */
  Module AsModule() const;
  /*! \brief The executable. */
  const std::shared_ptr<Executable>& executable() const;

 private:
  std::shared_ptr<VirtualMachineNode> node_;
};

}  // namespace vm
}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_RUNTIME_VM_VM_H_
