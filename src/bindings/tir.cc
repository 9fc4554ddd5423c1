// Bindings of the tir layer: node classes with TVM-style constructors, arithmetic on
// PrimExpr, the math intrinsics, and visitor/mutator classes Python code can subclass.
#include <cctype>
#include <map>
#include <mutex>

#include "common.h"
#include "functor_overrides.h"
#include "tessel/tir/function.h"
#include "tessel/tir/functor.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace bindings {

namespace {

using namespace tir;  // NOLINT(build/namespaces)

// ------------------------------------------------------------------ operands

bool IsNumber(py::handle value) {
  return py::isinstance<py::bool_>(value) || py::isinstance<py::int_>(value) ||
         py::isinstance<py::float_>(value);
}

// A Python number as a constant of dtype `like`.
PrimExpr Constant(py::handle value, DataType like) {
  if (py::isinstance<py::bool_>(value)) return make_const(like, int64_t{value.cast<bool>()});
  if (py::isinstance<py::int_>(value)) return make_const(like, value.cast<int64_t>());
  return make_const(like, value.cast<double>());
}

// Two operands of a binary node: a number takes the dtype of the other operand; two
// numbers become int32/float32 constants.
std::pair<PrimExpr, PrimExpr> Operands(py::handle a, py::handle b) {
  bool a_num = IsNumber(a);
  bool b_num = IsNumber(b);
  if (a_num && !b_num) {
    PrimExpr rhs = b.cast<PrimExpr>();
    return {Constant(a, rhs.dtype()), rhs};
  }
  if (b_num && !a_num) {
    PrimExpr lhs = a.cast<PrimExpr>();
    return {lhs, Constant(b, lhs.dtype())};
  }
  return {a.cast<PrimExpr>(), b.cast<PrimExpr>()};
}

bool IsOperand(py::handle value) { return IsNumber(value) || py::isinstance<ir::PrimExprNode>(value); }

PrimExpr Ref(const ir::PrimExprNode& node) { return GetRef<PrimExpr>(&node); }

// ------------------------------------------------------------------ PrimExpr operators

template <typename F>
void DefOperator(py::object cls, const char* name, F make, bool reverse, const char* doc = "") {
  cls.attr(name) = py::cpp_function(
      [make, reverse](const ir::PrimExprNode& self, py::object other) -> py::object {
        if (!IsOperand(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        py::object me = ToPython(Ref(self));
        auto [a, b] = reverse ? Operands(other, me) : Operands(me, other);
        return ToPython(make(a, b));
      },
      py::name(name), py::is_method(cls), py::arg("other"), py::doc(doc));
}

void BindOperators() {
  py::object cls = py::type::of<ir::PrimExprNode>();
  auto both = [&](const char* name, const char* rname, auto make) {
    DefOperator(cls, name, make, false);
    DefOperator(cls, rname, make, true);
  };
  both("__add__", "__radd__", [](PrimExpr a, PrimExpr b) -> PrimExpr { return Add(a, b); });
  both("__sub__", "__rsub__", [](PrimExpr a, PrimExpr b) -> PrimExpr { return Sub(a, b); });
  both("__mul__", "__rmul__", [](PrimExpr a, PrimExpr b) -> PrimExpr { return Mul(a, b); });
  both("__truediv__", "__rtruediv__", [](PrimExpr a, PrimExpr b) -> PrimExpr { return Div(a, b); });
  both("__floordiv__", "__rfloordiv__",
       [](PrimExpr a, PrimExpr b) -> PrimExpr { return FloorDiv(a, b); });
  both("__mod__", "__rmod__", [](PrimExpr a, PrimExpr b) -> PrimExpr { return FloorMod(a, b); });
  both("__and__", "__rand__", [](PrimExpr a, PrimExpr b) -> PrimExpr { return And(a, b); });
  both("__or__", "__ror__", [](PrimExpr a, PrimExpr b) -> PrimExpr { return Or(a, b); });
  DefOperator(cls, "__lt__", [](PrimExpr a, PrimExpr b) -> PrimExpr { return LT(a, b); }, false);
  DefOperator(cls, "__le__", [](PrimExpr a, PrimExpr b) -> PrimExpr { return LE(a, b); }, false);
  DefOperator(cls, "__gt__", [](PrimExpr a, PrimExpr b) -> PrimExpr { return GT(a, b); }, false);
  DefOperator(cls, "__ge__", [](PrimExpr a, PrimExpr b) -> PrimExpr { return GE(a, b); }, false);
  DefOperator(cls, "equal", [](PrimExpr a, PrimExpr b) -> PrimExpr { return EQ(a, b); }, false,
              "``self == other`` as a tir.EQ node (``==`` itself compares identity).");
  DefOperator(cls, "not_equal", [](PrimExpr a, PrimExpr b) -> PrimExpr { return NE(a, b); }, false,
              "``self != other`` as a tir.NE node (``!=`` itself compares identity).");
  cls.attr("__neg__") = py::cpp_function(
      [](const ir::PrimExprNode& self) -> PrimExpr {
        return Sub(make_zero(self.dtype), Ref(self));
      },
      py::name("__neg__"), py::is_method(cls));
  cls.attr("__invert__") = py::cpp_function(
      [](const ir::PrimExprNode& self) -> PrimExpr { return Not(Ref(self)); },
      py::name("__invert__"), py::is_method(cls));
  cls.attr("astype") = py::cpp_function(
      [](const ir::PrimExprNode& self, DataType dtype) { return cast(dtype, Ref(self)); },
      py::name("astype"), py::is_method(cls), py::arg("dtype"),
      "The expression converted to dtype (itself when it already has that dtype).");
}

// ------------------------------------------------------------------ node classes

template <typename Node>
void NoBool(NodeClass<Node, ir::PrimExprNode>& cls) {
  cls.def("__bool__", [](const Node& self) -> bool {
    throw InvalidArgumentError(StrCat(self.type_key(),
                                      ": a symbolic condition has no Python truth value; "
                                      "build it into the IR instead"));
  });
}

ir::DictAttrs ToAttrs(py::object attrs) {
  ir::Map<String, ObjectRef> dict;
  if (!attrs.is_none()) {
    for (auto [key, value] : attrs.cast<py::dict>()) {
      dict = dict.Set(String(key.cast<std::string>()), FromPython(value));
    }
  }
  return ir::DictAttrs(dict);
}

ir::Map<String, ObjectRef> ToAnnotations(py::object annotations) {
  ir::Map<String, ObjectRef> map;
  if (!annotations.is_none()) {
    for (auto [key, value] : annotations.cast<py::dict>()) {
      map = map.Set(String(key.cast<std::string>()), FromPython(value));
    }
  }
  return map;
}

Range ToRange(py::handle dom) {
  if (py::isinstance<ir::RangeNode>(dom)) return dom.cast<Range>();
  if (py::isinstance<py::tuple>(dom) || py::isinstance<py::list>(dom)) {
    py::sequence pair = dom.cast<py::sequence>();
    if (pair.size() != 2) throw InvalidArgumentError("a domain (min, stop) needs two values");
    if (py::isinstance<py::int_>(pair[0]) && py::isinstance<py::int_>(pair[1])) {
      int64_t lo = pair[0].cast<int64_t>(), hi = pair[1].cast<int64_t>();
      return Range(IntImm(DataType::Int(32), lo), IntImm(DataType::Int(32), hi - lo));
    }
    auto [min, stop] = Operands(pair[0], pair[1]);
    return Range(min, Sub(stop, min));
  }
  PrimExpr extent = dom.cast<PrimExpr>();
  return Range(make_zero(extent.dtype()), extent);
}

Array<PrimExpr> ToIndices(py::handle indices) {
  if (py::isinstance<py::tuple>(indices) || py::isinstance<py::list>(indices)) {
    return indices.cast<Array<PrimExpr>>();
  }
  return Array<PrimExpr>{indices.cast<PrimExpr>()};
}

IterVarType ToIterType(py::handle value) {
  if (py::isinstance<py::str>(value)) {
    std::string s = value.cast<std::string>();
    if (s == "S" || s == "DataPar" || s == "spatial") return IterVarType::kDataPar;
    if (s == "R" || s == "CommReduce" || s == "reduce") return IterVarType::kCommReduce;
    throw InvalidArgumentError(StrCat("tir.IterVar: unknown iter_type '", s, "' (expected \"S\" or \"R\")"));
  }
  return static_cast<IterVarType>(value.cast<int>());
}

void BindExprs(py::module_& m) {
  NodeClass<VarNode, ir::PrimExprNode>(m, "Var", R"doc(
A variable: a loop variable, a scalar parameter, a symbolic size.

Parameters
----------
name : str
    The name to print; two variables may share it.
dtype : str
    Its type, "int32" by default ("handle" for a buffer's data pointer).
)doc")
      .def(py::init([](std::string name, DataType dtype) { return NodePtr<VarNode>(Var(name, dtype)); }),
           py::arg("name") = "v", py::arg("dtype") = "int32");
  NodeClass<SizeVarNode, VarNode>(m, "SizeVar", R"doc(
A variable known to be non-negative: a symbolic dimension of a shape.

Parameters
----------
name : str
    The name to print.
dtype : str
    A scalar integer type, "int32" by default.
)doc")
      .def(py::init([](std::string name, DataType dtype) { return NodePtr<SizeVarNode>(SizeVar(name, dtype)); }),
           py::arg("name") = "n", py::arg("dtype") = "int32");
  NodeClass<StringImmNode, ir::PrimExprNode>(m, "StringImm", "A string constant.")
      .def(py::init([](std::string value) { return NodePtr<StringImmNode>(StringImm(value)); }), py::arg("value"));
  NodeClass<CastNode, ir::PrimExprNode>(m, "Cast", R"doc(
``value`` converted to ``dtype`` (the lane counts must match).

Parameters
----------
dtype : str
    The target type.
value : PrimExpr
    The value converted.
)doc")
      .def(py::init([](DataType dtype, PrimExpr value) { return NodePtr<CastNode>(Cast(dtype, value)); }),
           py::arg("dtype"), py::arg("value"));

#define TESSEL_BIND_BINARY(Name)                                                              \
  {                                                                                           \
    NodeClass<Name##Node, ir::PrimExprNode> cls(                                              \
        m, #Name,                                                                             \
        "The binary expression tir." #Name " of ``a`` and ``b``.\n\n"                         \
        "Parameters\n----------\na, b : PrimExpr or number\n"                                 \
        "    The operands; they must have the same dtype. A Python number takes the\n"         \
        "    dtype of the other operand.\n");                                                 \
    cls.def(py::init([](py::object a, py::object b) {                                         \
              auto [x, y] = Operands(a, b);                                                   \
              return NodePtr<Name##Node>(Name(x, y));                                                 \
            }),                                                                               \
            py::arg("a"), py::arg("b"));                                                      \
    if constexpr (std::is_same_v<Name##Node, EQNode> || std::is_same_v<Name##Node, NENode> ||  \
                  std::is_same_v<Name##Node, LTNode> || std::is_same_v<Name##Node, LENode> ||  \
                  std::is_same_v<Name##Node, GTNode> || std::is_same_v<Name##Node, GENode> ||  \
                  std::is_same_v<Name##Node, AndNode> || std::is_same_v<Name##Node, OrNode>) { \
      NoBool(cls);                                                                            \
    }                                                                                         \
  }
  TESSEL_TIR_BINARY_NODES(TESSEL_BIND_BINARY)
#undef TESSEL_BIND_BINARY

  {
    NodeClass<NotNode, ir::PrimExprNode> cls(m, "Not", "Logical negation ``not a`` of a bool.");
    cls.def(py::init([](PrimExpr a) { return NodePtr<NotNode>(Not(a)); }), py::arg("a"));
    NoBool(cls);
  }
  NodeClass<SelectNode, ir::PrimExprNode>(m, "Select", R"doc(
``true_value if condition else false_value``; both sides may be evaluated.

Parameters
----------
condition : PrimExpr
    A bool.
true_value, false_value : PrimExpr
    Values of one dtype.
)doc")
      .def(py::init([](PrimExpr c, py::object t, py::object f) {
             auto [x, y] = Operands(t, f);
             return NodePtr<SelectNode>(Select(c, x, y));
           }),
           py::arg("condition"), py::arg("true_value"), py::arg("false_value"));
  NodeClass<BufferLoadNode, ir::PrimExprNode>(m, "BufferLoad", R"doc(
The element ``buffer[indices]``.

Parameters
----------
buffer : Buffer
    The buffer read.
indices : list of PrimExpr
    One index per dimension.
)doc")
      .def(py::init([](Buffer buffer, Array<PrimExpr> indices) {
             return NodePtr<BufferLoadNode>(BufferLoad(buffer, indices));
           }),
           py::arg("buffer"), py::arg("indices"));
  NodeClass<RampNode, ir::PrimExprNode>(m, "Ramp", R"doc(
The vector ``[base, base + stride, ..., base + (lanes - 1) * stride]``.

Parameters
----------
base, stride : PrimExpr
    Scalar integers of one dtype.
lanes : int
    The number of elements, at least 2.
)doc")
      .def(py::init([](py::object base, py::object stride, int64_t lanes) {
             auto [b, s] = Operands(base, stride);
             return NodePtr<RampNode>(Ramp(b, s, lanes));
           }),
           py::arg("base"), py::arg("stride"), py::arg("lanes"));
  NodeClass<BroadcastNode, ir::PrimExprNode>(m, "Broadcast", R"doc(
A scalar repeated into every lane of a vector.

Parameters
----------
value : PrimExpr
    The scalar.
lanes : int
    The number of lanes, at least 2.
)doc")
      .def(py::init([](PrimExpr value, int64_t lanes) { return NodePtr<BroadcastNode>(Broadcast(value, lanes)); }),
           py::arg("value"), py::arg("lanes"));
  NodeClass<LetNode, ir::PrimExprNode>(m, "Let", R"doc(
``body`` with ``var`` bound to ``value``.

Parameters
----------
var : Var
    The variable bound; its dtype must be the value's.
value : PrimExpr
    Its value.
body : PrimExpr
    The result, which may use var.
)doc")
      .def(py::init([](Var var, PrimExpr value, PrimExpr body) { return NodePtr<LetNode>(Let(var, value, body)); }),
           py::arg("var"), py::arg("value"), py::arg("body"));
  NodeClass<CallNode, ir::PrimExprNode>(m, "Call", R"doc(
A call of an intrinsic operator or of a PrimFunc.

Parameters
----------
dtype : str
    The type of the result.
op : str, Op or GlobalVar
    The operator (a name such as "tir.exp" is looked up in the registry).
args : list of PrimExpr
    The arguments.
)doc")
      .def(py::init([](DataType dtype, py::object op, Array<PrimExpr> args) {
             ir::BaseExpr callee = py::isinstance<py::str>(op) ? ir::Op::Get(op.cast<std::string>())
                                                               : op.cast<ir::BaseExpr>();
             return NodePtr<CallNode>(Call(dtype, callee, args));
           }),
           py::arg("dtype"), py::arg("op"), py::arg("args"));
}

void BindBuffer(py::module_& m) {
  NodeClass<BufferNode, ir::Object>(m, "Buffer", R"doc(
A typed, shaped region of memory that loads and stores index into.

Usually made with :func:`decl_buffer`. ``A[i, j]`` builds a :class:`BufferLoad`.

Parameters
----------
data : Var
    The memory, a Var of dtype "handle".
dtype : str
    The element type.
shape : list of PrimExpr
    The extent of each dimension.
strides : list of PrimExpr, optional
    Elements between consecutive indices per dimension; empty means row-major.
elem_offset : PrimExpr, optional
    Offset in elements; 0 by default.
name : str
    The name to print.
scope : str
    The memory scope, "global" by default.
)doc")
      .def(py::init([](Var data, DataType dtype, Array<PrimExpr> shape, py::object strides,
                       py::object elem_offset, std::string name, std::string scope) {
             Array<PrimExpr> s = strides.is_none() ? Array<PrimExpr>() : strides.cast<Array<PrimExpr>>();
             PrimExpr offset = elem_offset.is_none() ? PrimExpr() : elem_offset.cast<PrimExpr>();
             return NodePtr<BufferNode>(Buffer(data, dtype, shape, s, offset, name, scope));
           }),
           py::arg("data"), py::arg("dtype"), py::arg("shape"), py::arg("strides") = py::none(),
           py::arg("elem_offset") = py::none(), py::arg("name") = "buffer",
           py::arg("scope") = "global")
      .def("__getitem__",
           [](const BufferNode& self, py::object indices) -> PrimExpr {
             return BufferLoad(GetRef<Buffer>(&self), ToIndices(indices));
           })
      .def("vload",
           [](const BufferNode& self, Array<PrimExpr> indices) -> PrimExpr {
             return BufferLoad(GetRef<Buffer>(&self), indices);
           },
           py::arg("indices"), "The load ``self[indices]``.")
      .def("vstore",
           [](const BufferNode& self, Array<PrimExpr> indices, py::object value) -> Stmt {
             Buffer b = GetRef<Buffer>(&self);
             PrimExpr v = IsNumber(value) ? Constant(value, b->dtype) : value.cast<PrimExpr>();
             return BufferStore(b, v, indices);
           },
           py::arg("indices"), py::arg("value"), "The store ``self[indices] = value``.");
  m.def("decl_buffer",
        [](Array<PrimExpr> shape, DataType dtype, std::string name, py::object data,
           py::object strides, py::object elem_offset, std::string scope) {
          Var d = data.is_none() ? Var(name, DataType::Handle()) : data.cast<Var>();
          Array<PrimExpr> s = strides.is_none() ? Array<PrimExpr>() : strides.cast<Array<PrimExpr>>();
          PrimExpr offset = elem_offset.is_none() ? PrimExpr() : elem_offset.cast<PrimExpr>();
          return Buffer(d, dtype, shape, s, offset, name, scope);
        },
        py::arg("shape"), py::arg("dtype") = "float32", py::arg("name") = "buffer",
        py::arg("data") = py::none(), py::arg("strides") = py::none(),
        py::arg("elem_offset") = py::none(), py::arg("scope") = "global");
}

void BindStmts(py::module_& m) {
  NodeClass<StmtNode, ir::Object>(m, "Stmt", "The base class of statements.");
  NodeClass<LetStmtNode, StmtNode>(m, "LetStmt", R"doc(
``body`` with ``var`` bound to ``value``.

Parameters
----------
var : Var
    The variable bound; its dtype must be the value's.
value : PrimExpr
    Its value.
body : Stmt
    The statement that may use var.
)doc")
      .def(py::init([](Var var, PrimExpr value, Stmt body) { return NodePtr<LetStmtNode>(LetStmt(var, value, body)); }),
           py::arg("var"), py::arg("value"), py::arg("body"));
  NodeClass<AttrStmtNode, StmtNode>(m, "AttrStmt", R"doc(
A key/value hint attached to a node for the duration of ``body``.

Parameters
----------
node : Object
    What the attribute is about.
attr_key : str
    The attribute's name.
value : PrimExpr
    Its value.
body : Stmt
    The statement it applies to.
)doc")
      .def(py::init([](ObjectRef node, std::string key, PrimExpr value, Stmt body) {
             return NodePtr<AttrStmtNode>(AttrStmt(node, key, value, body));
           }),
           py::arg("node"), py::arg("attr_key"), py::arg("value"), py::arg("body"));
  NodeClass<IfThenElseNode, StmtNode>(m, "IfThenElse", R"doc(
``if condition: then_case else: else_case``.

Parameters
----------
condition : PrimExpr
    A scalar bool.
then_case : Stmt
    Run when the condition holds.
else_case : Stmt, optional
    Run otherwise.
)doc")
      .def(py::init([](PrimExpr c, Stmt t, Stmt e) { return NodePtr<IfThenElseNode>(IfThenElse(c, t, e)); }),
           py::arg("condition"), py::arg("then_case"), py::arg("else_case") = py::none());
  py::enum_<ForKind>(m, "ForKind", "How a loop's iterations run.")
      .value("SERIAL", ForKind::kSerial)
      .value("PARALLEL", ForKind::kParallel)
      .value("VECTORIZED", ForKind::kVectorized)
      .value("UNROLLED", ForKind::kUnrolled);
  NodeClass<ForNode, StmtNode>(m, "For", R"doc(
The loop ``for loop_var in range(min, min + extent): body``.

Parameters
----------
loop_var : Var
    The loop variable.
min, extent : PrimExpr or int
    The first value and the number of iterations, of the loop variable's dtype.
kind : ForKind
    How the iterations run.
body : Stmt
    The loop body.
thread_binding : None
    Accepted for TVM compatibility; must be None.
annotations : dict, optional
    Hints for later passes.
)doc")
      .def(py::init([](Var var, py::object min, py::object extent, ForKind kind, Stmt body,
                       py::object thread_binding, py::object annotations) {
             if (!thread_binding.is_none()) {
               throw InvalidArgumentError("tir.For: thread_binding is not supported");
             }
             PrimExpr lo = IsNumber(min) ? Constant(min, var.dtype()) : min.cast<PrimExpr>();
             PrimExpr ext = IsNumber(extent) ? Constant(extent, var.dtype()) : extent.cast<PrimExpr>();
             return NodePtr<ForNode>(For(var, lo, ext, kind, body, ToAnnotations(annotations)));
           }),
           py::arg("loop_var"), py::arg("min"), py::arg("extent"), py::arg("kind"), py::arg("body"),
           py::arg("thread_binding") = py::none(), py::arg("annotations") = py::none())
      .def_property_readonly("kind", [](const ForNode& self) { return self.kind; },
                             "How the iterations run (a ForKind).");
  NodeClass<WhileNode, StmtNode>(m, "While", R"doc(
``while condition: body``.

Parameters
----------
condition : PrimExpr
    A scalar bool.
body : Stmt
    The loop body.
)doc")
      .def(py::init([](PrimExpr c, Stmt body) { return NodePtr<WhileNode>(While(c, body)); }),
           py::arg("condition"), py::arg("body"));
  NodeClass<BufferStoreNode, StmtNode>(m, "BufferStore", R"doc(
The store ``buffer[indices] = value``.

Parameters
----------
buffer : Buffer
    The buffer written.
value : PrimExpr or number
    The value; a number takes the buffer's dtype.
indices : list of PrimExpr
    One index per dimension.
)doc")
      .def(py::init([](Buffer buffer, py::object value, Array<PrimExpr> indices) {
             PrimExpr v = IsNumber(value) ? Constant(value, buffer->dtype) : value.cast<PrimExpr>();
             return NodePtr<BufferStoreNode>(BufferStore(buffer, v, indices));
           }),
           py::arg("buffer"), py::arg("value"), py::arg("indices"));
  NodeClass<AllocateNode, StmtNode>(m, "Allocate", R"doc(
Memory for ``buffer`` while ``body`` runs.

Parameters
----------
buffer : Buffer
    The buffer allocated.
body : Stmt
    The statement that uses it.
)doc")
      .def(py::init([](Buffer buffer, Stmt body) { return NodePtr<AllocateNode>(Allocate(buffer, body)); }),
           py::arg("buffer"), py::arg("body"));
  NodeClass<EvaluateNode, StmtNode>(m, "Evaluate", "An expression evaluated for its side effects.")
      .def(py::init([](PrimExpr value) { return NodePtr<EvaluateNode>(Evaluate(value)); }), py::arg("value"));
  NodeClass<SeqStmtNode, StmtNode>(m, "SeqStmt", R"doc(
Statements run in order.

Parameters
----------
seq : list of Stmt
    The statements.
)doc")
      .def(py::init([](Array<Stmt> seq) { return NodePtr<SeqStmtNode>(SeqStmt(seq)); }), py::arg("seq"))
      .def("__len__", [](const SeqStmtNode& self) { return self.seq.size(); })
      .def("__getitem__", [](const SeqStmtNode& self, size_t i) { return self.seq[i]; });
  NodeClass<IterVarNode, ir::Object> iter_var(m, "IterVar", R"doc(
A block's iteration variable.

Parameters
----------
dom : Range, int, PrimExpr or (min, stop)
    The values it takes.
var : Var or str
    The variable (a str makes a new int32 Var of the domain's dtype).
iter_type : int or str
    ``IterVar.DataPar`` / "S" (spatial) or ``IterVar.CommReduce`` / "R" (reduction).
)doc");
  iter_var
      .def(py::init([](py::object dom, py::object var, py::object iter_type, std::string) {
             Range range = ToRange(dom);
             Var v = py::isinstance<py::str>(var) ? Var(var.cast<std::string>(), range->extent.dtype())
                                                 : var.cast<Var>();
             return NodePtr<IterVarNode>(IterVar(range, v, ToIterType(iter_type)));
           }),
           py::arg("dom"), py::arg("var"), py::arg("iter_type"), py::arg("thread_tag") = "");
  iter_var.attr("DataPar") = static_cast<int>(IterVarType::kDataPar);
  iter_var.attr("CommReduce") = static_cast<int>(IterVarType::kCommReduce);
  NodeClass<BufferRegionNode, ir::Object>(m, "BufferRegion", R"doc(
A rectangular region of a buffer.

Parameters
----------
buffer : Buffer
    The buffer.
region : list of Range
    One range per dimension.
)doc")
      .def(py::init([](Buffer buffer, Array<Range> region) { return NodePtr<BufferRegionNode>(BufferRegion(buffer, region)); }),
           py::arg("buffer"), py::arg("region"))
      .def_static("full_region", &BufferRegion::FullRegion, py::arg("buffer"),
                  "The whole buffer as a region.");
  NodeClass<BlockNode, StmtNode>(m, "Block", R"doc(
The unit of scheduling: a computation over iteration variables.

Parameters
----------
iter_vars : list of IterVar
    The iteration variables.
reads, writes : list of BufferRegion
    The regions read and written.
name_hint : str
    The block's name.
body : Stmt
    The computation.
init : Stmt, optional
    The reduction initialisation.
alloc_buffers : list of Buffer, optional
    Buffers allocated for the block.
match_buffers : None
    Accepted for TVM compatibility; must be empty.
annotations : dict, optional
    Hints for schedules and passes.
)doc")
      .def(py::init([](Array<IterVar> iter_vars, Array<BufferRegion> reads,
                       Array<BufferRegion> writes, std::string name, Stmt body, Stmt init,
                       py::object alloc_buffers, py::object match_buffers, py::object annotations) {
             if (!match_buffers.is_none() && py::len(match_buffers) != 0) {
               throw InvalidArgumentError("tir.Block: match_buffers is not supported");
             }
             Array<Buffer> allocs = alloc_buffers.is_none() ? Array<Buffer>()
                                                            : alloc_buffers.cast<Array<Buffer>>();
             return NodePtr<BlockNode>(Block(iter_vars, reads, writes, name, body, init, allocs,
                          ToAnnotations(annotations)));
           }),
           py::arg("iter_vars"), py::arg("reads"), py::arg("writes"), py::arg("name_hint"),
           py::arg("body"), py::arg("init") = py::none(), py::arg("alloc_buffers") = py::none(),
           py::arg("match_buffers") = py::none(), py::arg("annotations") = py::none());
  NodeClass<BlockRealizeNode, StmtNode>(m, "BlockRealize", R"doc(
A block executed with its iteration variables bound to values.

Parameters
----------
iter_values : list of PrimExpr
    One value per iteration variable.
predicate : PrimExpr or bool
    The block runs only where it holds.
block : Block
    The block.
)doc")
      .def(py::init([](Array<PrimExpr> values, py::object predicate, Block block) {
             PrimExpr pred = predicate.is_none() ? PrimExpr()
                             : py::isinstance<py::bool_>(predicate)
                                 ? PrimExpr(IntImm(DataType::Bool(), predicate.cast<bool>()))
                                 : predicate.cast<PrimExpr>();
             return NodePtr<BlockRealizeNode>(BlockRealize(values, pred, block));
           }),
           py::arg("iter_values"), py::arg("predicate"), py::arg("block"));
}

void BindFunction(py::module_& m) {
  NodeClass<PrimFuncNode, ir::BaseFuncNode>(m, "PrimFunc", R"doc(
A tensor program: a function of scalar and buffer parameters whose body is a statement.

Parameters
----------
params : list of Var or Buffer
    The parameters. A Buffer stands for a new handle parameter bound to it in buffer_map.
body : Stmt
    The computation.
ret_type : str, optional
    The return type; "void" by default.
buffer_map : dict of Var to Buffer, optional
    The buffer behind each handle parameter.
attrs : dict, optional
    Function attributes such as "global_symbol".
)doc")
      .def(py::init([](py::sequence params, Stmt body, py::object ret_type, py::object buffer_map,
                       py::object attrs) {
             std::vector<Var> vars;
             Map<Var, Buffer> map;
             if (!buffer_map.is_none()) map = buffer_map.cast<Map<Var, Buffer>>();
             for (py::handle param : params) {
               if (py::isinstance<BufferNode>(param)) {
                 Buffer b = param.cast<Buffer>();
                 Var handle(b->name, DataType::Handle());
                 vars.push_back(handle);
                 map = map.Set(handle, b);
               } else {
                 vars.push_back(param.cast<Var>());
               }
             }
             DataType ret = ret_type.is_none() ? DataType::Void() : ret_type.cast<DataType>();
             return NodePtr<PrimFuncNode>(PrimFunc(vars, body, ret, map, ToAttrs(attrs)));
           }),
           py::arg("params"), py::arg("body"), py::arg("ret_type") = py::none(),
           py::arg("buffer_map") = py::none(), py::arg("attrs") = py::none())
      .def("with_attr",
           [](const PrimFuncNode& self, std::string key, py::object value) {
             return GetRef<PrimFunc>(&self).WithAttr(key, FromPython(value));
           },
           py::arg("key"), py::arg("value"), "A copy with one attribute set.")
      .def("with_body",
           [](const PrimFuncNode& self, Stmt body) { return GetRef<PrimFunc>(&self).WithBody(body); },
           py::arg("body"), "A copy with another body.");
}

void BindOps(py::module_& m) {
  m.def("const", [](py::object value, py::object dtype) -> PrimExpr {
    DataType t = !dtype.is_none() ? dtype.cast<DataType>()
                 : py::isinstance<py::bool_>(value) ? DataType::Bool()
                 : py::isinstance<py::int_>(value)  ? DataType::Int(32)
                                                    : DataType::Float(32);
    return Constant(value, t);
  }, py::arg("value"), py::arg("dtype") = py::none());
  auto binary = [&](const char* name, PrimExpr (*f)(PrimExpr, PrimExpr)) {
    m.def(name, [f](py::object a, py::object b) {
      auto [x, y] = Operands(a, b);
      return f(x, y);
    }, py::arg("a"), py::arg("b"));
  };
  binary("min", &tir::min);
  binary("max", &tir::max);
  binary("floordiv", &tir::floordiv);
  binary("floormod", &tir::floormod);
  binary("truncdiv", &tir::truncdiv);
  binary("truncmod", &tir::truncmod);
  binary("pow", &tir::pow);
  m.def("cast", &tir::cast, py::arg("dtype"), py::arg("x"));
  m.def("call_intrin", [](std::string name, py::args args) {
    return tir::call_intrin(name, py::cast<Array<PrimExpr>>(args));
  }, py::arg("name"));
  for (const char* name : {"exp", "log", "sqrt", "rsqrt", "tanh", "erf", "sigmoid", "fabs",
                           "floor", "ceil", "round", "sin", "cos"}) {
    std::string n = name;
    m.def(name, [n](PrimExpr x) { return tir::call_intrin(n, {x}); }, py::arg("x"));
  }
  m.def("fma", [](PrimExpr a, PrimExpr b, PrimExpr c) { return tir::fma(a, b, c); },
        py::arg("a"), py::arg("b"), py::arg("c"));
}

// ------------------------------------------------------------------ Python functors

#define TESSEL_PY_EXPR_OVERRIDE(Self, Base, R, Convert, Name)          \
  R VisitExpr_(const Name##Node* op) override {                         \
    if (py::function f = Override<Self>(this, VisitName(#Name))) {     \
      return Convert(f(GetRef<PrimExpr>(op)));                          \
    }                                                                   \
    return Base::VisitExpr_(op);                                        \
  }
#define TESSEL_PY_STMT_OVERRIDE(Self, Base, R, Convert, Name)          \
  R VisitStmt_(const Name##Node* op) override {                         \
    if (py::function f = Override<Self>(this, VisitName(#Name))) {     \
      return Convert(f(GetRef<Stmt>(op)));                              \
    }                                                                   \
    return Base::VisitStmt_(op);                                        \
  }

inline void ToVoid(const py::object&) {}
inline PrimExpr ToExpr(const py::object& o) { return o.cast<PrimExpr>(); }
inline Stmt ToStmt(const py::object& o) { return o.cast<Stmt>(); }

class PyExprVisitor : public ExprVisitor {
 public:
  void VisitExpr(const PrimExpr& e) override {
    if (py::function f = Override<PyExprVisitor>(this, "visit_expr")) return ToVoid(f(e));
    ExprVisitor::VisitExpr(e);
  }
#define X(Name) TESSEL_PY_EXPR_OVERRIDE(PyExprVisitor, ExprVisitor, void, ToVoid, Name)
  TESSEL_TIR_EXPR_NODES(X)
#undef X
};

class PyExprMutator : public ExprMutator {
 public:
  PrimExpr VisitExpr(const PrimExpr& e) override {
    if (py::function f = Override<PyExprMutator>(this, "visit_expr")) return ToExpr(f(e));
    return ExprMutator::VisitExpr(e);
  }
#define X(Name) TESSEL_PY_EXPR_OVERRIDE(PyExprMutator, ExprMutator, PrimExpr, ToExpr, Name)
  TESSEL_TIR_EXPR_NODES(X)
#undef X
};

class PyStmtExprVisitor : public StmtExprVisitor {
 public:
  void VisitExpr(const PrimExpr& e) override {
    if (py::function f = Override<PyStmtExprVisitor>(this, "visit_expr")) return ToVoid(f(e));
    StmtExprVisitor::VisitExpr(e);
  }
  void VisitStmt(const Stmt& s) override {
    if (py::function f = Override<PyStmtExprVisitor>(this, "visit_stmt")) return ToVoid(f(s));
    StmtExprVisitor::VisitStmt(s);
  }
#define X(Name) TESSEL_PY_EXPR_OVERRIDE(PyStmtExprVisitor, StmtExprVisitor, void, ToVoid, Name)
  TESSEL_TIR_EXPR_NODES(X)
#undef X
#define X(Name) TESSEL_PY_STMT_OVERRIDE(PyStmtExprVisitor, StmtExprVisitor, void, ToVoid, Name)
  TESSEL_TIR_STMT_NODES(X)
#undef X
};

class PyStmtExprMutator : public StmtExprMutator {
 public:
  PrimExpr VisitExpr(const PrimExpr& e) override {
    if (py::function f = Override<PyStmtExprMutator>(this, "visit_expr")) return ToExpr(f(e));
    return StmtExprMutator::VisitExpr(e);
  }
  Stmt VisitStmt(const Stmt& s) override {
    if (py::function f = Override<PyStmtExprMutator>(this, "visit_stmt")) return ToStmt(f(s));
    return StmtExprMutator::VisitStmt(s);
  }
#define X(Name) TESSEL_PY_EXPR_OVERRIDE(PyStmtExprMutator, StmtExprMutator, PrimExpr, ToExpr, Name)
  TESSEL_TIR_EXPR_NODES(X)
#undef X
#define X(Name) TESSEL_PY_STMT_OVERRIDE(PyStmtExprMutator, StmtExprMutator, Stmt, ToStmt, Name)
  TESSEL_TIR_STMT_NODES(X)
#undef X
};

// Binds visit_expr and one visit_<node>_ per expression kind, each running the C++ default.
template <typename Py, typename Base, typename Cls>
void BindExprMethods(Cls& cls) {
  cls.def("visit_expr", [](Py& self, const PrimExpr& e) { return self.Base::VisitExpr(e); },
          py::arg("expr"), "Dispatch on the expression's kind to the matching visit_<kind>_.");
#define X(Name)                                                                     \
  cls.def(VisitName(#Name),                                                         \
          [](Py& self, const Name##Node& op) { return self.Base::VisitExpr_(&op); }, \
          py::arg("op"), "Visit a " #Name "; by default visit its children.");
  TESSEL_TIR_EXPR_NODES(X)
#undef X
}

template <typename Py, typename Base, typename Cls>
void BindStmtMethods(Cls& cls) {
  cls.def("visit_stmt", [](Py& self, const Stmt& s) { return self.Base::VisitStmt(s); },
          py::arg("stmt"), "Dispatch on the statement's kind to the matching visit_<kind>_.");
#define X(Name)                                                                     \
  cls.def(VisitName(#Name),                                                         \
          [](Py& self, const Name##Node& op) { return self.Base::VisitStmt_(&op); }, \
          py::arg("op"), "Visit a " #Name "; by default visit its children.");
  TESSEL_TIR_STMT_NODES(X)
#undef X
}

void BindFunctors(py::module_& m) {
  py::class_<PyExprVisitor> ev(m, "ExprVisitor", R"doc(
Walks an expression; subclass and override ``visit_<kind>_(self, op)`` (such as
``visit_add_``) to look at some kinds. Call ``super().__init__()`` in ``__init__``.
)doc");
  ev.def(py::init<>());
  BindExprMethods<PyExprVisitor, ExprVisitor>(ev);

  py::class_<PyExprMutator> em(m, "ExprMutator", R"doc(
Rebuilds an expression bottom-up; override ``visit_<kind>_(self, op)`` to rewrite a kind.
The defaults return the very same node when no child changed.
)doc");
  em.def(py::init<>());
  BindExprMethods<PyExprMutator, ExprMutator>(em);

  py::class_<PyStmtExprVisitor> sev(m, "StmtExprVisitor", R"doc(
Walks statements and the expressions inside them; override ``visit_<kind>_`` for
expression kinds (``visit_add_``) and statement kinds (``visit_for_``).
)doc");
  sev.def(py::init<>());
  BindExprMethods<PyStmtExprVisitor, StmtExprVisitor>(sev);
  BindStmtMethods<PyStmtExprVisitor, StmtExprVisitor>(sev);

  py::class_<PyStmtExprMutator> sem(m, "StmtExprMutator", R"doc(
Rebuilds statements and the expressions inside them, sharing unchanged subtrees;
override ``visit_<kind>_`` for expression and statement kinds.
)doc");
  sem.def(py::init<>());
  BindExprMethods<PyStmtExprMutator, StmtExprMutator>(sem);
  BindStmtMethods<PyStmtExprMutator, StmtExprMutator>(sem);
}

}  // namespace

void BindTIR(py::module_& m) {
  BindOperators();
  BindBuffer(m);
  BindExprs(m);
  BindStmts(m);
  BindFunction(m);
  BindOps(m);
  BindFunctors(m);
}

}  // namespace bindings
}  // namespace tessel
