// Bindings of the high-level Relax passes (tessel._core.relax.transform) and of the
// well-formedness checker (tessel._core.relax.analysis).
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "common.h"
#include "tessel/relax/transform.h"
#include "tessel/relax/well_formed.h"

namespace tessel {
namespace bindings {

namespace {

using namespace relax;  // NOLINT(build/namespaces)

// A Python legalization `fn(bb, call) -> Expr`, callable from C++ with the GIL taken. The
// reference is dropped with the GIL held, or leaked when the interpreter is gone.
FLegalize PyLegalize(const std::string& op_name, py::object fn) {
  std::shared_ptr<py::object> held(new py::object(std::move(fn)), [](py::object* f) {
    if (!Py_IsInitialized()) return;
    py::gil_scoped_acquire gil;
    delete f;
  });
  return [held, op_name](const BlockBuilder& bb, const Call& call) -> Expr {
    py::gil_scoped_acquire gil;
    py::object result = (*held)(bb, call);
    py::detail::make_caster<Expr> caster;
    if (result.is_none() || !caster.load(result, false)) {
      throw InvalidArgumentError(StrCat("the legalization of ", op_name, " given in customize_legalize_map "
                                        "must return a relax expression, got ",
                                        py::str(py::type::of(result).attr("__name__")).cast<std::string>()));
    }
    return py::detail::cast_op<Expr>(caster);
  };
}

std::map<std::string, FLegalize> CustomizeMap(const py::object& map) {
  std::map<std::string, FLegalize> result;
  if (map.is_none()) return result;
  if (!py::isinstance<py::dict>(map)) {
    throw InvalidArgumentError("LegalizeOps: customize_legalize_map must be a dict of operator name -> function");
  }
  for (auto [key, fn] : map.cast<py::dict>()) {
    if (!py::isinstance<py::str>(key) || !PyCallable_Check(fn.ptr())) {
      throw InvalidArgumentError(
          "LegalizeOps: customize_legalize_map must map operator names (str) to functions fn(bb, call)");
    }
    std::string name = key.cast<std::string>();
    result[name] = PyLegalize(name, py::reinterpret_borrow<py::object>(fn));
  }
  return result;
}

// A module, or a function checked on its own.
std::string WellFormedProblem(const py::object& mod_or_func, bool check_struct_info) {
  if (py::isinstance<ir::IRModuleNode>(mod_or_func)) {
    return WellFormedError(mod_or_func.cast<ir::IRModule>(), check_struct_info);
  }
  if (py::isinstance<FunctionNode>(mod_or_func)) {
    return WellFormedError(mod_or_func.cast<Function>(), check_struct_info);
  }
  throw InvalidArgumentError(StrCat("well_formed: expected an IRModule or a relax.Function, got ",
                                    py::str(py::type::of(mod_or_func).attr("__name__")).cast<std::string>()));
}

}  // namespace

void BindRelaxTransform(py::module_& relax) {
  py::module_ m = relax.def_submodule("transform", "High-level Relax passes");
  m.def("LegalizeOps", [](py::object map) { return transform::LegalizeOps(CustomizeMap(map)); },
        py::arg("customize_legalize_map") = py::none());
  m.def("CanonicalizeBindings", &transform::CanonicalizeBindings);
  m.def("DeadCodeElimination",
        [](py::object entries) {
          std::vector<std::string> names;
          if (!entries.is_none()) {
            if (py::isinstance<py::str>(entries)) {
              throw InvalidArgumentError("DeadCodeElimination: entry_functions must be a list of names");
            }
            names = entries.cast<std::vector<std::string>>();
          }
          return transform::DeadCodeElimination(names);
        },
        py::arg("entry_functions") = py::none());
  m.def("FoldConstant", &transform::FoldConstant);
  m.def("BindParams", &transform::BindParams, py::arg("func_name"), py::arg("params"));
  m.def("AnnotateTIROpPattern", &transform::AnnotateTIROpPattern);
  m.def("analyze_op_pattern",
        [](const tir::PrimFunc& func) { return static_cast<int>(transform::AnalyzeOpPatternKind(func)); },
        py::arg("func"));

  py::module_ analysis = relax.def_submodule("analysis", "Analyses of Relax functions");
  analysis.def("well_formed_error", &WellFormedProblem, py::arg("mod"), py::arg("check_struct_info") = true);
}

}  // namespace bindings
}  // namespace tessel
