// Bindings of the ir layer: the node base class with reflective fields, the shared
// expression nodes, IRModule, operators, the printer and structural comparison.
#include "common.h"
#include "tessel/ir/module.h"
#include "tessel/ir/op.h"
#include "tessel/ir/printer.h"
#include "tessel/ir/structural_equal.h"
#include "tessel/ir/structural_hash.h"

namespace tessel {
namespace bindings {

namespace {

using ir::FieldRole;

// Reads one named field of a node as a Python value; collects all names for dir().
class FieldReader : public ir::FieldVisitor {
 public:
  explicit FieldReader(std::string wanted) : wanted_(std::move(wanted)) {}

  void Visit(const char* name, bool* v, FieldRole) override { Take(name, [&] { return py::bool_(*v); }); }
  void Visit(const char* name, int64_t* v, FieldRole) override { Take(name, [&] { return py::int_(*v); }); }
  void Visit(const char* name, double* v, FieldRole) override { Take(name, [&] { return py::float_(*v); }); }
  void Visit(const char* name, std::string* v, FieldRole) override { Take(name, [&] { return py::str(*v); }); }
  void Visit(const char* name, ir::DataType* v, FieldRole) override {
    Take(name, [&] { return py::str(v->ToString()); });
  }
  void Visit(const char* name, ir::ObjectRef* v, FieldRole) override {
    Take(name, [&] { return ToPython(*v); });
  }

  bool found() const { return found_; }
  py::object value() const { return value_; }
  const std::vector<std::string>& names() const { return names_; }

 private:
  template <typename F>
  void Take(const char* name, F make) {
    names_.push_back(name);
    if (!found_ && wanted_ == name) {
      value_ = make();
      found_ = true;
    }
  }
  std::string wanted_;
  bool found_ = false;
  py::object value_;
  std::vector<std::string> names_;
};

FieldReader ReadField(const ir::Object& node, const std::string& name) {
  FieldReader reader(name);
  const_cast<ir::Object&>(node).VisitFields(&reader);
  return reader;
}

std::string Script(const ir::Object& self) {
  return ir::AsScript(ir::ObjectRef(ir::ObjectPtr<ir::Object>(const_cast<ir::Object*>(&self))));
}

void BindObject(py::module_& m) {
  NodeClass<ir::Object>(m, "Object", R"doc(
The base class of every IR node.

Nodes are immutable. Their fields are readable as attributes; ``==`` compares identity
(use :func:`tessel.ir.structural_equal` to compare structure); ``repr`` prints the
node as script.
)doc")
      .def("__getattr__",
           [](const ir::Object& self, const std::string& name) -> py::object {
             FieldReader reader = ReadField(self, name);
             if (!reader.found()) {
               throw py::attribute_error(StrCat(self.type_key(), " has no field '", name, "'"));
             }
             return reader.value();
           })
      .def("__dir__",
           [](py::object self) {
             py::list names = py::module_::import("builtins").attr("object").attr("__dir__")(self);
             FieldReader reader = ReadField(self.cast<const ir::Object&>(), "");
             for (const auto& name : reader.names()) {
               if (name.empty() || name[0] != '[') names.append(name);
             }
             return names;
           })
      .def("__setattr__",
           [](const ir::Object& self, const std::string& name, py::object) {
             throw py::attribute_error(StrCat(self.type_key(), " is immutable: field '", name,
                                              "' cannot be assigned; build a new node instead"));
           })
      .def_property_readonly("type_key", [](const ir::Object& self) { return self.type_key(); },
                             "The unique name of the node's class, such as ``\"tir.Add\"``.")
      .def("same_as", [](const ir::Object& self, const ir::Object& other) { return &self == &other; },
           "Whether both refer to the very same node.")
      .def("__eq__", [](const ir::Object& self, py::object other) {
        return py::isinstance<ir::Object>(other) && &self == &other.cast<const ir::Object&>();
      })
      .def("__ne__", [](const ir::Object& self, py::object other) {
        return !(py::isinstance<ir::Object>(other) && &self == &other.cast<const ir::Object&>());
      })
      .def("__hash__", [](const ir::Object& self) { return std::hash<const void*>()(&self); })
      .def("script", &Script,
           "The node as script text (Python syntax) that :func:`tessel.script.from_source` reads back.")
      .def("__repr__", &Script);
}

void BindExpressions(py::module_& m) {
  NodeClass<ir::SpanNode, ir::Object>(m, "Span", "A region of a source text.")
      .def(py::init([](std::string source_name, int64_t line, int64_t column, int64_t end_line,
                       int64_t end_column) {
             return NodePtr<ir::SpanNode>(ir::Span(source_name, line, column, end_line, end_column));
           }),
           py::arg("source_name"), py::arg("line"), py::arg("column"), py::arg("end_line"),
           py::arg("end_column"));
  NodeClass<ir::BaseExprNode, ir::Object>(m, "BaseExpr", "The base of all expressions.");
  NodeClass<ir::PrimExprNode, ir::BaseExprNode>(m, "PrimExpr",
                                                "A scalar or vector expression with a dtype.");
  NodeClass<ir::IntImmNode, ir::PrimExprNode>(m, "IntImm", "An integer or boolean constant.")
      .def(py::init([](ir::DataType dtype, int64_t value) { return NodePtr<ir::IntImmNode>(ir::IntImm(dtype, value)); }),
           py::arg("dtype"), py::arg("value"))
      // Constants convert like the Python numbers they stand for (shapes read as ints).
      .def("__int__", [](const ir::IntImmNode& self) { return self.value; })
      .def("__index__", [](const ir::IntImmNode& self) { return self.value; });
  NodeClass<ir::FloatImmNode, ir::PrimExprNode>(m, "FloatImm", "A floating-point constant.")
      .def(py::init([](ir::DataType dtype, double value) { return NodePtr<ir::FloatImmNode>(ir::FloatImm(dtype, value)); }),
           py::arg("dtype"), py::arg("value"))
      .def("__float__", [](const ir::FloatImmNode& self) { return self.value; });
  NodeClass<ir::RangeNode, ir::Object>(m, "Range", "The half-open interval [min, min + extent).")
      .def(py::init([](ir::PrimExpr min, ir::PrimExpr extent) { return NodePtr<ir::RangeNode>(ir::Range(min, extent)); }),
           py::arg("min"), py::arg("extent"));
  NodeClass<ir::GlobalVarNode, ir::BaseExprNode>(m, "GlobalVar",
                                                 "The name of a function in an IRModule.")
      .def(py::init([](std::string name) { return NodePtr<ir::GlobalVarNode>(ir::GlobalVar(name)); }), py::arg("name_hint"));
  NodeClass<ir::StringNode, ir::Object>(m, "String", "A string held as a node.");
  NodeClass<ir::ArrayNode, ir::Object>(m, "Array", "A list held as a node.");
  NodeClass<ir::MapNode, ir::Object>(m, "Map", "A dictionary held as a node.");
  // Read-only mapping protocol, so attrs read like the dict they print as.
  NodeClass<ir::DictAttrsNode, ir::Object>(m, "DictAttrs", "Attributes by name.")
      .def("__getitem__",
           [](const ir::DictAttrsNode& self, const std::string& key) {
             ir::ObjectRef value = self.dict.Get(ir::String(key));
             if (!value.defined()) throw py::key_error(key);
             return value;
           })
      .def("get",
           [](const ir::DictAttrsNode& self, const std::string& key, py::object fallback) {
             ir::ObjectRef value = self.dict.Get(ir::String(key));
             return value.defined() ? ToPython(value) : fallback;
           },
           py::arg("key"), py::arg("default") = py::none(), "The value of key, or default.")
      .def("__contains__",
           [](const ir::DictAttrsNode& self, const std::string& key) {
             return self.dict.Get(ir::String(key)).defined();
           })
      .def("__len__", [](const ir::DictAttrsNode& self) { return self.dict.size(); })
      .def("keys", [](const ir::DictAttrsNode& self) {
             py::list keys;
             for (const auto& [key, value] : self.dict.items()) keys.append(ToPython(key));
             return keys;
           }, "The attribute names.")
      .def("items", [](const ir::DictAttrsNode& self) { return ToPython(self.dict); },
           "The attributes as a dict.");
  NodeClass<ir::BaseFuncNode, ir::BaseExprNode>(m, "BaseFunc", "A function of any dialect.");
  NodeClass<ir::OpNode, ir::BaseExprNode>(m, "Op", "A registered primitive operator.")
      .def_static("get", &ir::Op::Get, py::arg("name"), "The operator registered under name.")
      .def_static("list_names", &ir::Op::ListNames, "Names of all registered operators.")
      .def_property_readonly("description", [](const ir::OpNode& op) { return op.description; })
      .def_property_readonly("arguments", [](const ir::OpNode& op) { return op.arguments; });
}

ir::IRModule Handle(ir::IRModuleNode& node) {
  return ir::IRModule(ir::ObjectPtr<ir::Object>(&node));
}

// Python's IRModule is edited in place (mod["f"] = func), so these write the node
// the Python object owns instead of copying it.
void BindModule(py::module_& m) {
  NodeClass<ir::IRModuleNode, ir::Object>(m, "IRModule")
      .def(py::init([](py::object functions, py::object attrs) {
             ir::IRModule mod = ir::IRModule::Empty();
             if (!functions.is_none()) {
               for (auto [key, func] : functions.cast<py::dict>()) {
                 ir::BaseFunc f = func.cast<ir::BaseFunc>();
                 if (py::isinstance<py::str>(key)) {
                   mod.Add(key.cast<std::string>(), f);
                 } else {
                   mod.Add(key.cast<ir::GlobalVar>(), f);
                 }
               }
             }
             if (!attrs.is_none()) {
               for (auto [key, value] : attrs.cast<py::dict>()) {
                 mod.SetAttr(key.cast<std::string>(), FromPython(value));
               }
             }
             return NodePtr<ir::IRModuleNode>(mod);
           }),
           py::arg("functions") = py::none(), py::arg("attrs") = py::none())
      .def("__getitem__",
           [](ir::IRModuleNode& self, py::object key) {
             if (py::isinstance<py::str>(key)) return Handle(self).Lookup(key.cast<std::string>());
             return Handle(self).Lookup(key.cast<ir::GlobalVar>());
           })
      .def("__setitem__",
           [](ir::IRModuleNode& self, py::object key, ir::BaseFunc func) {
             std::string name = py::isinstance<py::str>(key) ? key.cast<std::string>()
                                                             : key.cast<ir::GlobalVar>()->name_hint;
             ir::IRModule copy = Handle(self).ShallowCopy();
             if (copy.Contains(name)) {
               copy.Update(copy.GetGlobalVar(name), func);
             } else if (py::isinstance<py::str>(key)) {
               copy.Add(name, func);
             } else {
               copy.Add(key.cast<ir::GlobalVar>(), func);
             }
             self.functions = copy->functions;
           })
      .def("__delitem__",
           [](ir::IRModuleNode& self, py::object key) {
             ir::IRModule copy = Handle(self).ShallowCopy();
             std::string name = py::isinstance<py::str>(key) ? key.cast<std::string>()
                                                             : key.cast<ir::GlobalVar>()->name_hint;
             copy.Remove(copy.GetGlobalVar(name));
             self.functions = copy->functions;
           })
      .def("__contains__",
           [](ir::IRModuleNode& self, py::object key) {
             std::string name = py::isinstance<py::str>(key) ? key.cast<std::string>()
                                                             : key.cast<ir::GlobalVar>()->name_hint;
             return Handle(self).Contains(name);
           })
      .def("__len__", [](ir::IRModuleNode& self) { return self.functions.size(); })
      .def("__iter__",
           [](ir::IRModuleNode& self) {
             py::list vars;
             for (const auto& var : Handle(self).GetGlobalVars()) vars.append(ToPython(var));
             return py::iter(vars);
           })
      .def("get_global_vars", [](ir::IRModuleNode& self) { return Handle(self).GetGlobalVars(); },
           "The GlobalVar of every function, in insertion order.")
      .def("get_global_var", [](ir::IRModuleNode& self, const std::string& name) {
             return Handle(self).GetGlobalVar(name);
           }, py::arg("name"), "The GlobalVar named name.")
      .def("items",
           [](ir::IRModuleNode& self) {
             py::list items;
             for (const auto& [var, func] : self.functions.items()) {
               items.append(py::make_tuple(ToPython(var), ToPython(func)));
             }
             return items;
           },
           "(GlobalVar, function) pairs, in insertion order.")
      .def("with_attr",
           [](ir::IRModuleNode& self, const std::string& key, py::object value) {
             ir::IRModule copy = Handle(self).ShallowCopy();
             copy.SetAttr(key, FromPython(value));
             return copy;
           },
           py::arg("key"), py::arg("value"), "A copy of the module with one attribute set.")
      .def("copy", [](ir::IRModuleNode& self) { return Handle(self).ShallowCopy(); },
           "A new module sharing this one's functions.");
}

void BindStructural(py::module_& m) {
  m.def("structural_equal", &ir::StructuralEqual, py::arg("lhs"), py::arg("rhs"),
        py::arg("map_free_vars") = false);
  m.def("assert_structural_equal", &ir::AssertStructuralEqual, py::arg("lhs"), py::arg("rhs"),
        py::arg("map_free_vars") = false);
  m.def("structural_hash", &ir::StructuralHash, py::arg("node"), py::arg("map_free_vars") = false);
  m.def("as_script", &ir::AsScript, py::arg("node"));
}

}  // namespace

void BindIR(py::module_& m) {
  BindObject(m);
  BindExpressions(m);
  BindModule(m);
  BindStructural(m);
}

}  // namespace bindings
}  // namespace tessel
