// Bindings of tensor expressions (tessel._core.te): tensors, operations, reducers and
// CreatePrimFunc. tessel.te wraps them with TVM's Python signatures.
#include "common.h"
#include "tessel/tir/op.h"
#include "tessel/tir/te/create_prim_func.h"
#include "tessel/tir/te/reduction.h"

namespace tessel {
namespace bindings {

namespace {

using namespace te;  // NOLINT(build/namespaces)

// An index: a reduce axis (an IterVar) stands for its variable, as in TVM.
PrimExpr ToIndex(const TensorNode& tensor, py::handle index) {
  if (py::isinstance<IterVarNode>(index)) return index.cast<IterVar>()->var;
  if (py::isinstance<ir::PrimExprNode>(index) || py::isinstance<py::int_>(index) ||
      py::isinstance<py::float_>(index)) {
    return index.cast<PrimExpr>();
  }
  throw InvalidArgumentError(StrCat("te.Tensor ", tensor.op->name, ": an index must be an integer "
                                    "expression, found a ",
                                    py::str(py::type::of(index).attr("__name__")).cast<std::string>()));
}

Array<PrimExpr> ToIndexArray(const TensorNode& tensor, py::handle indices) {
  std::vector<PrimExpr> out;
  if (py::isinstance<py::tuple>(indices) || py::isinstance<py::list>(indices)) {
    for (py::handle index : indices) out.push_back(ToIndex(tensor, index));
  } else {
    out.push_back(ToIndex(tensor, indices));
  }
  return out;
}

// The values fcompute returned, as PrimExprs; numbers become int32/float32/bool constants.
PrimExpr ToValue(const std::string& name, py::handle value) {
  if (py::isinstance<py::bool_>(value)) return IntImm(DataType::Bool(), value.cast<bool>());
  if (py::isinstance<py::int_>(value)) return tir::make_const(DataType::Int(32), value.cast<int64_t>());
  if (py::isinstance<py::float_>(value)) return tir::make_const(DataType::Float(32), value.cast<double>());
  if (py::isinstance<ir::PrimExprNode>(value)) return value.cast<PrimExpr>();
  throw InvalidArgumentError(StrCat("te.compute ", name, ": fcompute must return a PrimExpr or a "
                                    "tuple of them, found a ",
                                    py::str(py::type::of(value).attr("__name__")).cast<std::string>()));
}

Array<PrimExpr> ToBody(const std::string& name, py::handle value) {
  std::vector<PrimExpr> body;
  if (py::isinstance<py::tuple>(value) || py::isinstance<py::list>(value)) {
    for (py::handle item : value) body.push_back(ToValue(name, item));
  } else {
    body.push_back(ToValue(name, value));
  }
  return body;
}

Range ToDomain(py::handle dom) {
  if (py::isinstance<ir::RangeNode>(dom)) return dom.cast<Range>();
  if (py::isinstance<py::tuple>(dom) || py::isinstance<py::list>(dom)) {
    py::sequence pair = dom.cast<py::sequence>();
    if (pair.size() != 2) throw InvalidArgumentError("te.reduce_axis: a domain (min, stop) needs two values");
    if (py::isinstance<py::int_>(pair[0]) && py::isinstance<py::int_>(pair[1])) {
      int64_t lo = pair[0].cast<int64_t>(), hi = pair[1].cast<int64_t>();
      return Range(IntImm(DataType::Int(32), lo), IntImm(DataType::Int(32), hi - lo));
    }
    if (py::isinstance<py::int_>(pair[0])) {
      PrimExpr stop = pair[1].cast<PrimExpr>();
      int64_t lo = pair[0].cast<int64_t>();
      if (lo == 0) return Range(tir::make_zero(stop.dtype()), stop);
      return Range(tir::make_const(stop.dtype(), lo), stop - tir::make_const(stop.dtype(), lo));
    }
    PrimExpr min = pair[0].cast<PrimExpr>();
    PrimExpr stop = py::isinstance<py::int_>(pair[1]) ? tir::make_const(min.dtype(), pair[1].cast<int64_t>())
                                                      : pair[1].cast<PrimExpr>();
    return Range(min, stop - min);
  }
  PrimExpr extent = dom.cast<PrimExpr>();
  return Range(tir::make_zero(extent.dtype()), extent);
}

}  // namespace

void BindTE(py::module_& m) {
  NodeClass<OperationNode, ir::Object>(m, "Operation", "The base of te operations.")
      .def("output", [](const OperationNode& self, size_t i) { return tir::GetRef<Operation>(&self).output(i); },
           py::arg("index") = 0, "Output ``index`` of the operation as a Tensor.")
      .def_property_readonly("num_outputs", &OperationNode::num_outputs, "The number of outputs.")
      .def_property_readonly("input_tensors", &OperationNode::InputTensors,
                             "The tensors the operation reads, in first-use order.");
  NodeClass<PlaceholderOpNode, OperationNode>(m, "PlaceholderOp", "An input tensor's operation.");
  NodeClass<ComputeOpNode, OperationNode>(m, "ComputeOp", R"doc(
A tensor defined element by element from its index variables.

Parameters
----------
name : str
    The name of the output.
tag : str
    A free-form label.
attrs : dict
    Extra information, which becomes the block's annotations.
axis : list of IterVar
    One spatial iteration variable per dimension, over [0, extent).
body : list of tessel.ir.PrimExpr
    The value of each output's element; reductions only as whole values.
)doc")
      .def(py::init([](std::string name, std::string tag, Map<String, ObjectRef> attrs,
                       Array<IterVar> axis, Array<PrimExpr> body) {
             return NodePtr<ComputeOpNode>(ComputeOp(name, tag, attrs, axis, body));
           }),
           py::arg("name"), py::arg("tag"), py::arg("attrs"), py::arg("axis"), py::arg("body"));
  NodeClass<TensorNode, ir::Object>(m, "Tensor", R"doc(
The output of an operation; ``A[i, j]`` is its element inside a compute.
)doc")
      .def("__getitem__",
           [](const TensorNode& self, py::object indices) -> PrimExpr {
             return tir::GetRef<Tensor>(&self)(ToIndexArray(self, indices));
           })
      .def("__call__",
           [](const TensorNode& self, py::args indices) -> PrimExpr {
             return tir::GetRef<Tensor>(&self)(ToIndexArray(self, indices));
           },
           "The element at the given indices, like ``self[indices]``.")
      .def("__eq__",
           [](const TensorNode& self, py::object other) {
             return py::isinstance<TensorNode>(other) && other.cast<Tensor>()->op.same_as(self.op) &&
                    other.cast<Tensor>()->value_index == self.value_index;
           },
           "Whether both are the same output of the same operation (``op.output()`` makes a new "
           "node).")
      .def("__ne__",
           [](const TensorNode& self, py::object other) {
             return !py::isinstance<TensorNode>(other) || !other.cast<Tensor>()->op.same_as(self.op) ||
                    other.cast<Tensor>()->value_index != self.value_index;
           })
      .def("__hash__",
           [](const TensorNode& self) { return std::hash<const void*>()(self.op.get()) + self.value_index; })
      .def_property_readonly("name", [](const TensorNode& self) { return self.op->name; },
                             "The name of the operation.")
      .def_property_readonly("ndim", [](const TensorNode& self) { return self.shape.size(); },
                             "The number of dimensions.");
  NodeClass<ProducerLoadNode, ir::PrimExprNode>(m, "ProducerLoad", "The element of a te Tensor at some indices.");
  NodeClass<CommReducerNode, ir::Object>(m, "CommReducer", R"doc(
A commutative, associative combination ``result(lhs, rhs)`` with an identity, of one or
more values (several for a tuple reducer such as argmax).

Parameters
----------
lhs, rhs : list of Var
    The accumulated and the new values.
result : list of tessel.ir.PrimExpr
    Their combination, one value per lhs.
identity_element : list of tessel.ir.PrimExpr
    The values the accumulation starts from.
name : str
    The reducer's name, for messages.
)doc")
      .def(py::init([](Array<Var> lhs, Array<Var> rhs, Array<PrimExpr> result,
                       Array<PrimExpr> identity, std::string name) {
             return NodePtr<CommReducerNode>(CommReducer(lhs, rhs, result, identity, name));
           }),
           py::arg("lhs"), py::arg("rhs"), py::arg("result"), py::arg("identity_element"),
           py::arg("name") = "reduce");
  NodeClass<ReduceNode, ir::PrimExprNode>(m, "Reduce", R"doc(
Value ``value_index`` of the reduction of ``source`` over ``axis`` where ``condition``
holds; only valid as a whole body of a compute.

Parameters
----------
combiner : CommReducer
    How values combine.
source : list of tessel.ir.PrimExpr
    The values for one point of the reduction domain, one per combined value.
axis : list of IterVar
    The reduce axes.
condition : tessel.ir.PrimExpr, optional
    The points that take part; all by default.
value_index : int
    Which of the combined values this expression is.
)doc")
      .def(py::init([](CommReducer combiner, Array<PrimExpr> source, Array<IterVar> axis,
                       PrimExpr condition, int64_t value_index) {
             return NodePtr<ReduceNode>(Reduce(combiner, source, axis, condition, value_index));
           }),
           py::arg("combiner"), py::arg("source"), py::arg("axis"), py::arg("condition") = py::none(),
           py::arg("value_index") = 0);

  m.def("placeholder", &placeholder, py::arg("shape"), py::arg("dtype"), py::arg("name"));
  m.def("compute",
        [](Array<PrimExpr> shape, py::function fcompute, std::vector<std::string> index_names,
           std::string name, std::string tag, Map<String, ObjectRef> attrs) {
          std::vector<IterVar> axis;
          py::tuple vars(shape.size());
          for (size_t i = 0; i < shape.size(); ++i) {
            DataType t = shape[i].dtype();
            if (!t.is_scalar() || !t.is_integer()) {
              throw InvalidArgumentError(StrCat("te.compute ", name, ": dimension ", i,
                                                " must be a scalar integer, found ", t.ToString()));
            }
            Var var(index_names.at(i), t);
            axis.push_back(IterVar(Range(tir::make_zero(t), shape[i]), var, IterVarType::kDataPar));
            vars[i] = ToPython(var);
          }
          Array<PrimExpr> body = ToBody(name, fcompute(*vars));
          ComputeOp op(name, tag, attrs, axis, body);
          if (op->num_outputs() == 1) return ToPython(op.output());
          py::tuple outputs(op->num_outputs());
          for (size_t i = 0; i < op->num_outputs(); ++i) outputs[i] = ToPython(op.output(i));
          return py::object(std::move(outputs));
        },
        py::arg("shape"), py::arg("fcompute"), py::arg("index_names"), py::arg("name"),
        py::arg("tag"), py::arg("attrs"));
  m.def("reduce_axis", [](py::object dom, std::string name) { return reduce_axis(ToDomain(dom), name); },
        py::arg("dom"), py::arg("name"));
  m.def("sum", &te::sum, py::arg("source"), py::arg("axis"), py::arg("where") = py::none());
  m.def("prod", &te::prod, py::arg("source"), py::arg("axis"), py::arg("where") = py::none());
  m.def("max", &te::max, py::arg("source"), py::arg("axis"), py::arg("where") = py::none());
  m.def("min", &te::min, py::arg("source"), py::arg("axis"), py::arg("where") = py::none());
  m.def("min_value", &min_value, py::arg("dtype"));
  m.def("max_value", &max_value, py::arg("dtype"));
  m.def("create_prim_func", &CreatePrimFunc, py::arg("args"));
}

}  // namespace bindings
}  // namespace tessel
