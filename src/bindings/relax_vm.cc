// Bindings of the Relax VM (tessel._core.relax_vm): bytecode generation, executables,
// the VirtualMachine and its profile report.
#include <memory>
#include <string>
#include <vector>

#include "common.h"
#include "tessel/relax/backend/vm_codegen.h"
#include "tessel/runtime/vm/vm.h"

namespace tessel {
namespace bindings {

namespace {

using runtime::Module;
using runtime::vm::Executable;
using runtime::vm::ProfileEntry;
using runtime::vm::ProfileReport;
using runtime::vm::VirtualMachine;

std::shared_ptr<Executable> AsExecutable(const Module& module) {
  auto exe = std::dynamic_pointer_cast<Executable>(module.node());
  if (exe == nullptr) {
    throw InvalidArgumentError(StrCat("expected a 'relax.Executable' module, but found ",
                                      module.defined() ? "a '" + module->type_key() + "' module"
                                                       : std::string("an undefined module")));
  }
  return exe;
}

}  // namespace

void BindRelaxVM(py::module_& m) {
  m.def("vm_codegen", [](const ir::IRModule& mod) { return Module(relax::VMCodeGen(mod)); },
        py::arg("mod"), "The bytecode of a lowered module's Relax functions, as an executable Module.");
  m.def("set_kernels", [](const Module& exe, const Module& kernels) { AsExecutable(exe)->SetKernels(kernels); },
        py::arg("exe"), py::arg("kernels"), "Attach the compiled kernels to an executable.");
  m.def("as_text", [](const Module& exe) { return AsExecutable(exe)->AsText(); }, py::arg("exe"));
  m.def("stats", [](const Module& exe) { return AsExecutable(exe)->Stats(); }, py::arg("exe"));
  m.def("vm_function_names", [](const Module& exe) { return AsExecutable(exe)->VMFunctionNames(); },
        py::arg("exe"));
  py::class_<ProfileEntry>(m, "ProfileEntry", "The time spent in one function during a profiled call.")
      .def_readonly("name", &ProfileEntry::name, "The function's name.")
      .def_readonly("kind", &ProfileEntry::kind, "``\"kernel\"``, ``\"builtin\"`` or ``\"packed\"``.")
      .def_readonly("calls", &ProfileEntry::calls, "How many times it was called.")
      .def_readonly("seconds", &ProfileEntry::seconds, "The total seconds of those calls.")
      .def("__repr__", [](const ProfileEntry& e) {
        return StrCat("ProfileEntry(name='", e.name, "', kind='", e.kind, "', calls=", e.calls,
                      ", seconds=", e.seconds, ")");
      });
  py::class_<ProfileReport>(m, "ProfileReport", R"doc(
What :meth:`tessel.relax.VirtualMachine.profile` measured: one entry per function the
bytecode called (kernels and builtins), slowest first, and the time of the whole call.
``str(report)`` is a table.
)doc")
      .def_readonly("entries", &ProfileReport::entries, "The :class:`ProfileEntry` list, slowest first.")
      .def_readonly("total_seconds", &ProfileReport::total_seconds, "The seconds of the whole call.")
      .def("table", &ProfileReport::AsTable, "The report as a table.")
      .def("__str__", &ProfileReport::AsTable);

  py::class_<VirtualMachine>(m, "VirtualMachine", "The C++ VirtualMachine; use tessel.relax.VirtualMachine.")
      .def(py::init<const Module&, DLDevice, bool>(), py::arg("exe"), py::arg("device"), py::arg("profile"))
      .def("get_function", &VirtualMachine::GetFunction, py::arg("name"))
      .def("function_names", &VirtualMachine::FunctionNames)
      .def("module", &VirtualMachine::AsModule)
      .def(
          "profile",
          [](const VirtualMachine& vm, const std::string& name, const py::args& args) {
            std::vector<runtime::Any> values;
            for (const py::handle& arg : args) values.push_back(ToRuntimeValue(arg));
            py::gil_scoped_release release;
            return vm.Profile(name, values);
          },
          py::arg("name"));
}

}  // namespace bindings
}  // namespace tessel
