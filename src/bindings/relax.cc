// Bindings of the relax layer: struct info and expression classes with TVM-style
// constructors, and visitor/mutator classes Python code can subclass.
#include <cctype>
#include <map>
#include <mutex>

#include "common.h"
#include "functor_overrides.h"
#include "tessel/relax/functor.h"
#include "tessel/runtime/tensor.h"

namespace tessel {
namespace bindings {

namespace {

using namespace relax;  // NOLINT(build/namespaces)

// Dimensions from Python: ints become int64 constants (shapes are int64 in Relax).
Array<PrimExpr> Dims(const py::handle& values) {
  std::vector<PrimExpr> dims;
  for (py::handle value : py::reinterpret_borrow<py::sequence>(values)) {
    if (py::isinstance<py::int_>(value) && !py::isinstance<py::bool_>(value)) {
      dims.push_back(ir::IntImm(DataType::Int(64), value.cast<int64_t>()));
    } else {
      dims.push_back(value.cast<PrimExpr>());
    }
  }
  return Array<PrimExpr>(dims);
}

void BindStructInfo(py::module_& m) {
  NodeClass<StructInfoNode, ir::Object>(m, "StructInfo",
                                        "The base of struct info: what is known about a value.");
  NodeClass<ObjectStructInfoNode, StructInfoNode>(m, "ObjectStructInfo", "Any value.")
      .def(py::init([]() { return NodePtr<ObjectStructInfoNode>(ObjectStructInfo(Span())); }));
  NodeClass<PrimStructInfoNode, StructInfoNode>(m, "PrimStructInfo", R"doc(
A scalar of a known dtype.

Parameters
----------
dtype : str
    The scalar's type.
)doc")
      .def(py::init([](DataType dtype) { return NodePtr<PrimStructInfoNode>(PrimStructInfo(dtype)); }),
           py::arg("dtype"));
  NodeClass<ShapeStructInfoNode, StructInfoNode>(m, "ShapeStructInfo", R"doc(
A shape value.

Parameters
----------
values : list of int or tessel.ir.PrimExpr, optional
    The dimensions; None when unknown.
ndim : int, optional
    The number of dimensions when values is None; -1 when unknown.
)doc")
      .def(py::init([](py::object values, int64_t ndim) {
             if (values.is_none()) return NodePtr<ShapeStructInfoNode>(ShapeStructInfo(ndim));
             ShapeStructInfo sinfo(Dims(values));
             if (ndim != -1 && ndim != sinfo->ndim) {
               throw InvalidArgumentError(StrCat("relax.ShapeStructInfo: ndim ", ndim,
                                                 " does not match ", sinfo->ndim, " values"));
             }
             return NodePtr<ShapeStructInfoNode>(sinfo);
           }),
           py::arg("values") = py::none(), py::arg("ndim") = -1);
  NodeClass<TensorStructInfoNode, StructInfoNode>(m, "TensorStructInfo", R"doc(
A tensor, with what is known of its shape, dtype and rank.

Parameters
----------
shape : list of int or tessel.ir.PrimExpr, tessel.relax.ShapeExpr or tessel.relax.Var, optional
    The shape; None when unknown.
dtype : str, optional
    The element type; "void" when unknown.
ndim : int, optional
    The rank; -1 takes it from shape (or leaves it unknown).
)doc")
      .def(py::init([](py::object shape, DataType dtype, int64_t ndim) {
             if (shape.is_none()) return NodePtr<TensorStructInfoNode>(TensorStructInfo(dtype, ndim));
             Expr expr = py::isinstance<ExprNode>(shape) ? shape.cast<Expr>() : ShapeExpr(Dims(shape));
             return NodePtr<TensorStructInfoNode>(TensorStructInfo(expr, dtype, ndim));
           }),
           py::arg("shape") = py::none(), py::arg("dtype") = "float32", py::arg("ndim") = -1);
  NodeClass<TupleStructInfoNode, StructInfoNode>(m, "TupleStructInfo", R"doc(
A tuple.

Parameters
----------
fields : list of StructInfo
    The struct info of each field.
)doc")
      .def(py::init([](Array<StructInfo> fields) {
             return NodePtr<TupleStructInfoNode>(TupleStructInfo(fields));
           }),
           py::arg("fields"));
  NodeClass<FuncStructInfoNode, StructInfoNode>(m, "FuncStructInfo", R"doc(
A function.

Parameters
----------
params : list of StructInfo
    The parameters' struct info.
ret : StructInfo
    The result's struct info.
purity : bool, optional
    Whether calling it has no visible side effect.
)doc")
      .def(py::init([](Array<StructInfo> params, StructInfo ret, bool purity) {
             return NodePtr<FuncStructInfoNode>(FuncStructInfo(params, ret, purity));
           }),
           py::arg("params"), py::arg("ret"), py::arg("purity") = true);
}

void BindExprs(py::module_& m) {
  NodeClass<ExprNode, ir::BaseExprNode>(m, "Expr", "The base of Relax expressions.");
  NodeClass<VarNode, ExprNode>(m, "Var", R"doc(
A variable, bound by a function parameter or a binding.

Parameters
----------
name_hint : str
    The name to print.
struct_info : StructInfo, optional
    Its declared struct info.
)doc")
      .def(py::init([](std::string name, StructInfo sinfo) { return NodePtr<VarNode>(Var(name, sinfo)); }),
           py::arg("name_hint"), py::arg("struct_info") = py::none());
  NodeClass<DataflowVarNode, VarNode>(m, "DataflowVar",
                                      "A variable visible only inside its dataflow block.")
      .def(py::init([](std::string name, StructInfo sinfo) {
             return NodePtr<DataflowVarNode>(DataflowVar(name, sinfo));
           }),
           py::arg("name_hint"), py::arg("struct_info") = py::none());
  NodeClass<ConstantNode, ExprNode>(m, "Constant", R"doc(
A constant tensor; its struct info is taken from the data's shape and dtype.

Parameters
----------
data : tessel.runtime.Tensor
    The value.
)doc")
      .def(py::init([](runtime::Tensor data) { return NodePtr<ConstantNode>(Constant(data)); }),
           py::arg("data"))
      .def_property_readonly("data", [](const ConstantNode& self) { return self.data; },
                             "The value, a tessel.runtime.Tensor.");
  NodeClass<TupleNode, ExprNode>(m, "Tuple", "A tuple of values.")
      .def(py::init([](Array<Expr> fields) { return NodePtr<TupleNode>(Tuple(fields)); }),
           py::arg("fields"));
  NodeClass<TupleGetItemNode, ExprNode>(m, "TupleGetItem", "``tuple[index]``.")
      .def(py::init([](Expr tuple, int64_t index) {
             return NodePtr<TupleGetItemNode>(TupleGetItem(tuple, index));
           }),
           py::arg("tuple"), py::arg("index"));
  NodeClass<ShapeExprNode, ExprNode>(m, "ShapeExpr", "A shape value, ``R.shape([n, 4])``.")
      .def(py::init([](py::object values) { return NodePtr<ShapeExprNode>(ShapeExpr(Dims(values))); }),
           py::arg("values"));
  NodeClass<PrimValueNode, ExprNode>(m, "PrimValue", "A scalar value given by a PrimExpr.")
      .def(py::init([](PrimExpr value) { return NodePtr<PrimValueNode>(PrimValue(value)); }),
           py::arg("value"));
  NodeClass<StringImmNode, ExprNode>(m, "StringImm", "A string value, ``R.str(...)``.")
      .def(py::init([](std::string value) { return NodePtr<StringImmNode>(StringImm(value)); }),
           py::arg("value"));
  NodeClass<CallNode, ExprNode>(m, "Call", R"doc(
A call.

Parameters
----------
op : Op, GlobalVar, ExternFunc or Var
    The callee.
args : list of Expr
    The arguments.
attrs : dict, optional
    Attributes of the call.
sinfo_args : list of StructInfo, optional
    Struct info arguments.
)doc")
      .def(py::init([](ir::BaseExpr op, Array<Expr> args, ir::Map<ir::String, ObjectRef> attrs,
                       Array<StructInfo> sinfo_args) {
             return NodePtr<CallNode>(Call(op, args, ir::DictAttrs(attrs), sinfo_args));
           }),
           py::arg("op"), py::arg("args"), py::arg("attrs") = ir::Map<ir::String, ObjectRef>(),
           py::arg("sinfo_args") = Array<StructInfo>());
  NodeClass<IfNode, ExprNode>(m, "If", "A conditional; each branch becomes a SeqExpr.")
      .def(py::init([](Expr cond, Expr t, Expr f) { return NodePtr<IfNode>(If(cond, t, f)); }),
           py::arg("cond"), py::arg("true_branch"), py::arg("false_branch"));
  NodeClass<SeqExprNode, ExprNode>(m, "SeqExpr", "Binding blocks followed by a result.")
      .def(py::init([](Array<BindingBlock> blocks, Expr body) {
             return NodePtr<SeqExprNode>(SeqExpr(blocks, body));
           }),
           py::arg("blocks"), py::arg("body"));
}

void BindBindings(py::module_& m) {
  NodeClass<BindingNode, ir::Object>(m, "Binding", "The base of bindings.");
  NodeClass<VarBindingNode, BindingNode>(m, "VarBinding", "``var = value``.")
      .def(py::init([](Var var, Expr value) { return NodePtr<VarBindingNode>(VarBinding(var, value)); }),
           py::arg("var"), py::arg("value"));
  NodeClass<MatchCastNode, BindingNode>(m, "MatchCast",
                                        "``var = R.match_cast(value, struct_info)``.")
      .def(py::init([](Var var, Expr value, StructInfo sinfo) {
             return NodePtr<MatchCastNode>(MatchCast(var, value, sinfo));
           }),
           py::arg("var"), py::arg("value"), py::arg("struct_info"));
  NodeClass<BindingBlockNode, ir::Object>(m, "BindingBlock", "Bindings evaluated in order.")
      .def(py::init([](Array<Binding> bindings) {
             return NodePtr<BindingBlockNode>(BindingBlock(bindings));
           }),
           py::arg("bindings"));
  NodeClass<DataflowBlockNode, BindingBlockNode>(m, "DataflowBlock",
                                                 "Pure bindings: ``with R.dataflow():``.")
      .def(py::init([](Array<Binding> bindings) {
             return NodePtr<DataflowBlockNode>(DataflowBlock(bindings));
           }),
           py::arg("bindings"));
}

void BindFunctions(py::module_& m) {
  NodeClass<FunctionNode, ir::BaseFuncNode>(m, "Function", R"doc(
A Relax function.

Parameters
----------
params : list of Var
    The parameters; each must have struct info.
body : Expr
    The result, usually a SeqExpr.
ret_struct_info : StructInfo, optional
    The result's struct info; by default the body's.
is_pure : bool, optional
    Whether it has no visible side effect.
attrs : dict, optional
    Attributes such as "global_symbol".
)doc")
      .def(py::init([](Array<Var> params, Expr body, StructInfo ret, bool is_pure,
                       ir::Map<ir::String, ObjectRef> attrs) {
             return NodePtr<FunctionNode>(Function(params, body, ret, is_pure, ir::DictAttrs(attrs)));
           }),
           py::arg("params"), py::arg("body"), py::arg("ret_struct_info") = py::none(),
           py::arg("is_pure") = true, py::arg("attrs") = ir::Map<ir::String, ObjectRef>())
      .def("with_attr",
           [](const FunctionNode& self, const std::string& key, ObjectRef value) {
             return GetRef<Function>(&self).WithAttr(key, value);
           },
           py::arg("key"), py::arg("value"), "A copy with one attribute set.");
  NodeClass<ExternFuncNode, ir::BaseFuncNode>(m, "ExternFunc",
                                              "A function called by its symbol name.")
      .def(py::init([](std::string symbol) { return NodePtr<ExternFuncNode>(ExternFunc(symbol)); }),
           py::arg("global_symbol"));
}

// ------------------------------------------------------------------ Python functors

#define TESSEL_PY_RELAX_OVERRIDE(Self, Base, R, Convert, Name)     \
  R VisitExpr_(const Name##Node* op) override {                     \
    if (py::function f = Override<Self>(this, VisitName(#Name))) { \
      return Convert(f(GetRef<Expr>(op)));                          \
    }                                                               \
    return Base::VisitExpr_(op);                                    \
  }

inline void ToVoid(const py::object&) {}
inline Expr ToExpr(const py::object& o) { return o.cast<Expr>(); }

class PyExprVisitor : public ExprVisitor {
 public:
  void VisitExpr(const Expr& e) override {
    if (py::function f = Override<PyExprVisitor>(this, "visit_expr")) return ToVoid(f(e));
    ExprVisitor::VisitExpr(e);
  }
  void VisitVarDef(const Var& var) override {
    if (py::function f = Override<PyExprVisitor>(this, "visit_var_def")) return ToVoid(f(var));
    ExprVisitor::VisitVarDef(var);
  }
#define X(Name) TESSEL_PY_RELAX_OVERRIDE(PyExprVisitor, ExprVisitor, void, ToVoid, Name)
  TESSEL_RELAX_EXPR_NODES(X)
#undef X
};

class PyExprMutator : public ExprMutator {
 public:
  Expr VisitExpr(const Expr& e) override {
    if (py::function f = Override<PyExprMutator>(this, "visit_expr")) return ToExpr(f(e));
    return ExprMutator::VisitExpr(e);
  }
  Var VisitVarDef(const Var& var) override {
    if (py::function f = Override<PyExprMutator>(this, "visit_var_def")) return f(var).cast<Var>();
    return ExprMutator::VisitVarDef(var);
  }
#define X(Name) TESSEL_PY_RELAX_OVERRIDE(PyExprMutator, ExprMutator, Expr, ToExpr, Name)
  TESSEL_RELAX_EXPR_NODES(X)
#undef X
};

// Binds the entry points and one visit_<node>_ per expression kind, each running the C++ default.
template <typename Py, typename Base, typename Cls>
void BindFunctorMethods(Cls& cls) {
  cls.def("visit_expr", [](Py& self, const Expr& e) { return self.Base::VisitExpr(e); },
          py::arg("expr"), "Dispatch on the expression's kind to the matching visit_<kind>_.");
  cls.def("visit_function", [](Py& self, const Function& f) { return self.VisitFunction(f); },
          py::arg("func"), "Visit a function's parameters (visit_var_def) and body.");
  cls.def("visit_var_def", [](Py& self, const Var& v) { return self.Base::VisitVarDef(v); },
          py::arg("var"), "Called where a variable is defined.");
#define X(Name)                                                                     \
  cls.def(VisitName(#Name),                                                         \
          [](Py& self, const Name##Node& op) { return self.Base::VisitExpr_(&op); }, \
          py::arg("op"), "Visit a " #Name "; by default visit its children.");
  TESSEL_RELAX_EXPR_NODES(X)
#undef X
}

void BindFunctors(py::module_& m) {
  py::class_<PyExprVisitor> ev(m, "ExprVisitor", R"doc(
Walks a Relax expression or function; override ``visit_<kind>_(self, op)`` (such as
``visit_call_``) or ``visit_var_def(self, var)``. Call ``super().__init__()`` in ``__init__``.
)doc");
  ev.def(py::init<>());
  BindFunctorMethods<PyExprVisitor, ExprVisitor>(ev);

  py::class_<PyExprMutator> em(m, "ExprMutator", R"doc(
Rebuilds a Relax expression or function bottom-up, sharing unchanged subtrees. A
``visit_var_def`` that returns a new Var renames every later use of the variable.
)doc");
  em.def(py::init<>());
  BindFunctorMethods<PyExprMutator, ExprMutator>(em);
}

}  // namespace

void BindRelax(py::module_& m) {
  BindStructInfo(m);
  BindExprs(m);
  BindBindings(m);
  BindFunctions(m);
  BindFunctors(m);
}

}  // namespace bindings
}  // namespace tessel
