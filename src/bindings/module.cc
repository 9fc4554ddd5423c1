// The extension module tessel._core: error translation, conversions, and the layers.
#include "common.h"
#include "tessel/support/error.h"

namespace tessel {
namespace bindings {

py::object ToPython(const ir::ObjectRef& node) {
  if (!node.defined()) return py::none();
  if (const auto* str = node.as<ir::StringNode>()) return py::str(str->value);
  if (const auto* array = node.as<ir::ArrayNode>()) {
    py::tuple items(array->data.size());
    for (size_t i = 0; i < array->data.size(); ++i) items[i] = ToPython(array->data[i]);
    return std::move(items);
  }
  if (const auto* map = node.as<ir::MapNode>()) {
    py::dict items;
    for (const auto& [key, value] : map->entries) items[ToPython(key)] = ToPython(value);
    return std::move(items);
  }
  // No holder is passed: pybind11 builds the most-derived class's own holder from the
  // raw pointer, which adds one reference to the intrusive count.
  return py::reinterpret_steal<py::object>(
      py::detail::type_caster_base<ir::Object>::cast_holder(node.get(), nullptr));
}

ir::ObjectRef FromPython(const py::handle& value) {
  py::detail::type_caster_base<ir::Object> node;
  if (node.load(value, false)) {
    return ir::ObjectRef(ir::ObjectPtr<ir::Object>(static_cast<ir::Object*>(node)));
  }
  if (py::isinstance<py::str>(value)) return ir::String(value.cast<std::string>());
  if (py::isinstance<py::bool_>(value)) {
    return ir::IntImm(ir::DataType::Bool(), value.cast<bool>() ? 1 : 0);
  }
  if (py::isinstance<py::int_>(value)) {
    int64_t v = value.cast<int64_t>();
    bool fits32 = v >= INT32_MIN && v <= INT32_MAX;
    return ir::IntImm(fits32 ? ir::DataType::Int(32) : ir::DataType::Int(64), v);
  }
  if (py::isinstance<py::float_>(value)) {
    return ir::FloatImm(ir::DataType::Float(64), value.cast<double>());
  }
  if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    std::vector<ir::ObjectRef> items;
    for (py::handle item : value) items.push_back(FromPython(item));
    return ir::Array<ir::ObjectRef>(items);
  }
  if (py::isinstance<py::dict>(value)) {
    ir::Map<ir::ObjectRef, ir::ObjectRef> map;
    for (auto [key, item] : value.cast<py::dict>()) map = map.Set(FromPython(key), FromPython(item));
    return map;
  }
  throw InvalidArgumentError(StrCat("cannot convert a Python ",
                                    py::str(py::type::of(value).attr("__name__")).cast<std::string>(),
                                    " to an IR value"));
}

namespace {

// Maps each tessel::Error subclass to the class of the same name in tessel.error.
void TranslateErrors(std::exception_ptr error) {
  try {
    if (error) std::rethrow_exception(error);
  } catch (const Error& e) {
    py::object cls = py::module_::import("tessel.error").attr(ErrorKindName(e.kind()));
    PyErr_SetString(cls.ptr(), e.what());
  }
}

}  // namespace

}  // namespace bindings
}  // namespace tessel

PYBIND11_MODULE(_core, m) {
  using namespace tessel::bindings;  // NOLINT(build/namespaces)
  m.doc() = "The C++ core of tessel; use the tessel package, not this module.";
  py::register_exception_translator(TranslateErrors);
  py::module_ ir = m.def_submodule("ir", "Object model, IRModule, printer");
  BindIR(ir);
  py::module_ transform = m.def_submodule("transform", "Pass infrastructure");
  BindTransform(transform);
  py::module_ tir = m.def_submodule("tir", "TensorIR nodes, functors and arithmetic");
  BindTIR(tir);
  py::module_ tir_transform = tir.def_submodule("transform", "TensorIR lowering passes");
  BindTIRTransform(tir_transform);
  py::module_ tir_analysis = tir.def_submodule("analysis", "TensorIR analyses");
  BindTIRAnalysis(tir_analysis);
  py::module_ schedule = tir.def_submodule("schedule", "TensorIR schedules and traces");
  BindSchedule(schedule);
  py::module_ te = m.def_submodule("te", "Tensor expressions");
  BindTE(te);
  py::module_ relax = m.def_submodule("relax", "Relax graph-level nodes, struct info and functors");
  BindRelax(relax);
  BindRelaxBlockBuilder(relax);
  BindRelaxTransform(relax);
  BindRelaxTransformVM(relax);
  py::module_ tir_arith = m.def_submodule("tir_arith", "Arithmetic analysis of TensorIR");
  BindArith(tir_arith);
  py::module_ runtime = m.def_submodule("runtime", "Tensors, modules, the function registry");
  BindRuntime(runtime);
  py::module_ target = m.def_submodule("target", "Compilation targets");
  BindTarget(target);
  py::module_ codegen = m.def_submodule("codegen", "The LLVM backend");
  BindCodegen(codegen);
}
