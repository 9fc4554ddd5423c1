// Shared pieces of the Python bindings: the node holder, the handle type caster,
// conversion of containers to Python values, and the per-layer Bind functions.
#ifndef TESSEL_BINDINGS_COMMON_H_
#define TESSEL_BINDINGS_COMMON_H_

#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <type_traits>

#include "tessel/ir/container.h"
#include "tessel/ir/expr.h"

// Nodes are held by the intrusive ObjectPtr, so a node can pass between C++ and
// Python any number of times and keep a single reference count.
PYBIND11_DECLARE_HOLDER_TYPE(T, tessel::ir::ObjectPtr<T>, true)

namespace tessel {
namespace bindings {

namespace py = pybind11;

/*!
 * The pybind11 class of a node: NodeClass<AddNode, PrimExprNode>(m, "Add").
 * Its holder is ObjectPtr<Node>; all holders share one intrusive count.
 */
template <typename Node, typename... Bases>
using NodeClass = py::class_<Node, Bases..., ir::ObjectPtr<Node>>;

/*!
 * The holder a py::init factory returns: `py::init([](...) { return NodePtr<IntImmNode>(IntImm(...)); })`.
 * (Returning a raw pointer would let the temporary handle free the node.)
 */
template <typename Node>
ir::ObjectPtr<Node> NodePtr(const ir::ObjectRef& ref) {
  return ir::ObjectPtr<Node>(const_cast<Node*>(static_cast<const Node*>(ref.get())));
}

/*! Python value of a node: str for String, tuple for Array, dict for Map, else the node. */
py::object ToPython(const ir::ObjectRef& node);
/*!
 * Node from a Python value: nodes pass through; str, int, float, bool, list, tuple and
 * dict become String, IntImm, FloatImm, Array and Map. Throws InvalidArgumentError otherwise.
 */
ir::ObjectRef FromPython(const py::handle& value);

void BindIR(py::module_& m);         // tessel._core.ir
void BindTransform(py::module_& m);  // tessel._core.transform
void BindTIR(py::module_& m);        // tessel._core.tir
void BindTIRTransform(py::module_& m);  // tessel._core.tir.transform
void BindTIRAnalysis(py::module_& m);   // tessel._core.tir.analysis
void BindSchedule(py::module_& m);   // tessel._core.tir.schedule
void BindTE(py::module_& m);         // tessel._core.te
void BindRelax(py::module_& m);      // tessel._core.relax
void BindRelaxBlockBuilder(py::module_& m);  // BlockBuilder, cross-level calls (relax_block_builder.cc)
void BindRelaxTransform(py::module_& relax);  // tessel._core.relax.transform and .analysis (relax_transform.cc)
void BindScheduleCompute(py::module_& m);  // block-level methods of Schedule (BindSchedule calls it)
void BindArith(py::module_& m);      // tessel._core.tir_arith
void BindRuntime(py::module_& m);    // tessel._core.runtime
void BindTarget(py::module_& m);     // tessel._core.target
void BindCodegen(py::module_& m);    // tessel._core.codegen
void BindScheduleLayout(py::module_& m);  // reductions, layouts, tensorization (schedule_layout.cc)
void BindRelaxTransformVM(py::module_& relax);  // tessel._core.relax.transform_vm

}  // namespace bindings
}  // namespace tessel

namespace pybind11 {
namespace detail {

template <typename T>
struct is_tessel_container : std::false_type {};
template <typename T>
struct is_tessel_container<tessel::ir::Array<T>> : std::true_type {};
template <typename K, typename V>
struct is_tessel_container<tessel::ir::Map<K, V>> : std::true_type {};

/*!
 * Handles (ObjectRef subclasses) travel as their nodes. Returning a handle gives Python
 * the most-derived bound class; None stands for an undefined handle.
 */
template <typename T>
struct type_caster<T, std::enable_if_t<std::is_base_of_v<tessel::ir::ObjectRef, T> &&
                                       !is_tessel_container<T>::value &&
                                       !std::is_same_v<T, tessel::ir::String>>> {
  using Node = typename T::ContainerType;
  PYBIND11_TYPE_CASTER(T, const_name("Node"));

  bool load(handle src, bool convert) {
    if (src.is_none()) {
      value = T();
      return true;
    }
    type_caster_base<Node> base;
    if (base.load(src, false)) {
      value = T(tessel::ir::ObjectPtr<tessel::ir::Object>(static_cast<Node*>(base)));
      return true;
    }
    if (!convert) return false;
    // Python literals stand for constants where a PrimExpr (or any node) is expected.
    if constexpr (std::is_base_of_v<Node, tessel::ir::IntImmNode>) {
      if (isinstance<bool_>(src) || isinstance<int_>(src) || isinstance<float_>(src)) {
        tessel::ir::ObjectRef node = tessel::bindings::FromPython(src);
        if (std::is_same_v<T, tessel::ir::PrimExpr> && isinstance<float_>(src)) {
          node = tessel::ir::FloatImm(tessel::ir::DataType::Float(32), src.cast<double>());
        }
        value = T(node.data());
        return true;
      }
    }
    if constexpr (std::is_same_v<T, tessel::ir::ObjectRef>) {
      value = tessel::bindings::FromPython(src);
      return true;
    }
    return false;
  }

  static handle cast(const T& src, return_value_policy, handle) {
    return tessel::bindings::ToPython(src).release();
  }
};

/*! Array<T> converts from any Python sequence and to a tuple. */
template <typename T>
struct type_caster<tessel::ir::Array<T>> {
  PYBIND11_TYPE_CASTER(tessel::ir::Array<T>, const_name("tuple"));

  bool load(handle src, bool convert) {
    if (!isinstance<sequence>(src) || isinstance<str>(src)) return false;
    std::vector<T> items;
    for (handle item : reinterpret_borrow<sequence>(src)) {
      make_caster<T> element;
      if (!element.load(item, convert)) return false;
      items.push_back(cast_op<T&&>(std::move(element)));
    }
    value = tessel::ir::Array<T>(items);
    return true;
  }
  static handle cast(const tessel::ir::Array<T>& src, return_value_policy, handle) {
    return tessel::bindings::ToPython(src).release();
  }
};

/*! Map<K, V> converts from a dict and to a dict. */
template <typename K, typename V>
struct type_caster<tessel::ir::Map<K, V>> {
  using MapType = tessel::ir::Map<K, V>;
  PYBIND11_TYPE_CASTER(MapType, const_name("dict"));

  bool load(handle src, bool convert) {
    if (!isinstance<dict>(src)) return false;
    tessel::ir::Map<K, V> map;
    for (auto [key, item] : reinterpret_borrow<dict>(src)) {
      make_caster<K> key_caster;
      make_caster<V> value_caster;
      if (!key_caster.load(key, convert) || !value_caster.load(item, convert)) return false;
      map = map.Set(cast_op<K&&>(std::move(key_caster)), cast_op<V&&>(std::move(value_caster)));
    }
    value = map;
    return true;
  }
  static handle cast(const tessel::ir::Map<K, V>& src, return_value_policy, handle) {
    return tessel::bindings::ToPython(src).release();
  }
};

/*! String converts to and from str. */
template <>
struct type_caster<tessel::ir::String> {
  PYBIND11_TYPE_CASTER(tessel::ir::String, const_name("str"));
  bool load(handle src, bool) {
    if (!isinstance<str>(src)) return false;
    value = tessel::ir::String(src.cast<std::string>());
    return true;
  }
  static handle cast(const tessel::ir::String& src, return_value_policy, handle) {
    return pybind11::str(src.str()).release();
  }
};

/*! DataType converts to and from its name ("float32"). */
template <>
struct type_caster<tessel::ir::DataType> {
  PYBIND11_TYPE_CASTER(tessel::ir::DataType, const_name("str"));
  bool load(handle src, bool) {
    if (!isinstance<str>(src)) return false;
    value = tessel::ir::DataType::Parse(src.cast<std::string>());
    return true;
  }
  static handle cast(const tessel::ir::DataType& src, return_value_policy, handle) {
    return pybind11::str(src.ToString()).release();
  }
};

}  // namespace detail
}  // namespace pybind11

#endif  // TESSEL_BINDINGS_COMMON_H_
