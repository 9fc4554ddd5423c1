// Python bindings of the target and codegen layers: tessel._core.target, tessel._core.codegen.
#include "common.h"
#include "tessel/codegen/build.h"
#include "tessel/target/target.h"

namespace tessel {
namespace bindings {

void BindTarget(py::module_& m) {
  using target::Target;
  py::class_<Target>(m, "Target", R"doc(
A compilation target, parsed from a target string.

Parameters
----------
target : str
    A kind followed by options, such as ``"llvm"``, ``"llvm -mcpu=skylake-avx512"`` or
    ``"llvm -mtriple=x86_64-linux-gnu -mattr=+avx512f,+fma -num-threads=2 -fast-math"``.
    Options: ``-mtriple=`` (LLVM target triple), ``-mcpu=`` (CPU name), ``-mattr=``
    (comma-separated ``+feature``/``-feature``), ``-num-threads=`` (tasks per parallel
    region, 0 = the runtime thread pool's size) and the flag ``-fast-math``. Options left
    out default to the host's triple, CPU and (when neither ``-mtriple`` nor ``-mcpu`` is
    given) CPU features.

Raises
------
tessel.error.InvalidArgumentError
    When the kind, an option or a value is unknown or malformed.

Notes
-----
Floating-point contraction (``a * b + c`` computed as one fused multiply-add) is always
allowed; ``-fast-math`` additionally allows reassociation and assumes no NaNs, infinities
or signed zeros.
)doc")
      .def(py::init<const std::string&>(), py::arg("target"))
      .def_static("host", &Target::Host, "The host target, ``Target(\"llvm\")``.")
      .def_property_readonly("kind", &Target::kind, "The kind: ``\"llvm\"``.")
      .def_property_readonly("triple", &Target::triple, "The LLVM target triple.")
      .def_property_readonly("cpu", &Target::cpu, "The CPU name, such as ``\"skylake-avx512\"``.")
      .def_property_readonly("attrs", &Target::attrs, "The CPU features, each ``+name`` or ``-name``.")
      .def_property_readonly("num_threads", &Target::num_threads,
                             "Tasks per parallel region; 0 leaves it to the IR and the runtime.")
      .def_property_readonly("fast_math", &Target::fast_math,
                             "Whether all fast-math flags are set.")
      .def_property_readonly("is_host", &Target::is_host, "Whether the target is this machine.")
      .def("__str__", &Target::str)
      .def("__repr__", [](const Target& t) { return "Target(\"" + t.str() + "\")"; })
      .def("__eq__", [](const Target& a, const Target& b) { return a == b; })
      .def("__hash__", [](const Target& t) { return py::hash(py::str(t.str())); });
}

void BindCodegen(py::module_& m) {
  m.def("build", &codegen::Build, py::arg("lowered_mod"), py::arg("target"), R"doc(
Compile the PrimFuncs of a lowered module with LLVM; see :func:`tessel.codegen.build`.
)doc");
}

}  // namespace bindings
}  // namespace tessel
