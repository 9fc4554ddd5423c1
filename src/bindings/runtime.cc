// Bindings of the runtime (tessel._core.runtime): tensors with DLPack in both directions,
// PackedFunc calls with Python <-> Any conversion, the global registry, modules and timing.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common.h"
#include "tessel/runtime/data_type.h"
#include "tessel/runtime/device.h"
#include "tessel/runtime/module.h"
#include "tessel/runtime/packed_func.h"
#include "tessel/runtime/registry.h"
#include "tessel/runtime/tensor.h"
#include "tessel/runtime/time_evaluator.h"

namespace tessel {
namespace bindings {

namespace {

using runtime::Any;
using runtime::Module;
using runtime::PackedFunc;
using runtime::Registry;
using runtime::Tensor;

constexpr const char* kLegacyCapsule = "dltensor";
constexpr const char* kUsedLegacyCapsule = "used_dltensor";
constexpr const char* kVersionedCapsule = "dltensor_versioned";
constexpr const char* kUsedVersionedCapsule = "used_dltensor_versioned";

std::string TypeName(const py::handle& value) {
  return py::str(py::type::of(value).attr("__name__")).cast<std::string>();
}

// Capsule destructors: a capsule nobody consumed still owns its tensor.
void DeleteLegacyCapsule(PyObject* capsule) {
  if (!PyCapsule_IsValid(capsule, kLegacyCapsule)) return;
  auto* managed = static_cast<DLManagedTensor*>(PyCapsule_GetPointer(capsule, kLegacyCapsule));
  if (managed != nullptr && managed->deleter != nullptr) managed->deleter(managed);
}

void DeleteVersionedCapsule(PyObject* capsule) {
  if (!PyCapsule_IsValid(capsule, kVersionedCapsule)) return;
  auto* managed =
      static_cast<DLManagedTensorVersioned*>(PyCapsule_GetPointer(capsule, kVersionedCapsule));
  if (managed != nullptr && managed->deleter != nullptr) managed->deleter(managed);
}

// A Tensor from a DLPack capsule, marking the capsule used (ownership moves to the Tensor).
Tensor FromCapsule(const py::handle& capsule) {
  PyObject* ptr = capsule.ptr();
  if (PyCapsule_IsValid(ptr, kVersionedCapsule)) {
    auto* managed = static_cast<DLManagedTensorVersioned*>(PyCapsule_GetPointer(ptr, kVersionedCapsule));
    Tensor tensor = Tensor::FromDLPack(managed);  // throws before taking ownership
    PyCapsule_SetName(ptr, kUsedVersionedCapsule);
    return tensor;
  }
  if (PyCapsule_IsValid(ptr, kLegacyCapsule)) {
    auto* managed = static_cast<DLManagedTensor*>(PyCapsule_GetPointer(ptr, kLegacyCapsule));
    Tensor tensor = Tensor::FromDLPack(managed);
    PyCapsule_SetName(ptr, kUsedLegacyCapsule);
    return tensor;
  }
  if (PyCapsule_CheckExact(ptr)) {
    const char* name = PyCapsule_GetName(ptr);
    throw InvalidArgumentError(StrCat("from_dlpack: the capsule is named '", name ? name : "",
                                      "', not 'dltensor' or 'dltensor_versioned' (already consumed?)"));
  }
  throw InvalidArgumentError(StrCat("from_dlpack: expected an object with __dlpack__ or a DLPack "
                                    "capsule, but found ", TypeName(capsule)));
}

// A Tensor sharing the memory of any DLPack producer (numpy, torch, ...) or capsule.
Tensor FromDLPack(const py::handle& obj) {
  if (py::isinstance<Tensor>(obj)) return obj.cast<Tensor>();
  if (!py::hasattr(obj, "__dlpack__")) return FromCapsule(obj);
  py::object capsule;
  try {
    capsule = obj.attr("__dlpack__")(py::arg("max_version") = py::make_tuple(1, DLPACK_MINOR_VERSION));
  } catch (py::error_already_set& e) {
    // Producers older than DLPack 1.0 take no max_version.
    if (!e.matches(PyExc_TypeError)) throw;
    capsule = obj.attr("__dlpack__")();
  }
  return FromCapsule(capsule);
}

py::capsule ToCapsule(const Tensor& tensor, bool versioned) {
  if (versioned) {
    return py::capsule(tensor.ToDLPackVersioned(), kVersionedCapsule, DeleteVersionedCapsule);
  }
  return py::capsule(tensor.ToDLPack(), kLegacyCapsule, DeleteLegacyCapsule);
}

py::object FromAny(const Any& value);
Any ToAny(const py::handle& value);

// The Python classes that decide how a value converts, looked up once.
struct PyTypes {
  py::object integral = py::module_::import("numbers").attr("Integral");
  py::object real = py::module_::import("numbers").attr("Real");
};

const PyTypes& Types() {
  // Leaked on purpose: destroying Python objects after interpreter shutdown is unsafe.
  static const PyTypes* types = new PyTypes();
  return *types;
}

/*!
 * A Python callable as a PackedFunc. Calls take the GIL; the reference is dropped with the
 * GIL held, or leaked when the interpreter is gone (the registry outlives it).
 */
PackedFunc WrapPython(py::object fn) {
  std::shared_ptr<py::object> holder(new py::object(std::move(fn)), [](py::object* f) {
    if (!Py_IsInitialized()) return;
    py::gil_scoped_acquire gil;
    delete f;
  });
  return PackedFunc([holder](const std::vector<Any>& args) -> Any {
    py::gil_scoped_acquire gil;
    py::tuple py_args(args.size());
    for (size_t i = 0; i < args.size(); ++i) py_args[i] = FromAny(args[i]);
    return ToAny((*holder)(*py_args));
  });
}

Any ToAny(const py::handle& value) {
  if (value.is_none()) return Any();
  if (PyBool_Check(value.ptr())) return Any(value.cast<bool>());
  if (py::isinstance<py::str>(value)) return Any(value.cast<std::string>());
  if (py::isinstance<Tensor>(value)) return Any(value.cast<Tensor>());
  if (py::isinstance<PackedFunc>(value)) return Any(value.cast<PackedFunc>());
  if (py::isinstance<Module>(value)) return Any(value.cast<Module>());
  if (py::isinstance<runtime::ShapeTuple>(value)) return Any(value.cast<runtime::ShapeTuple>());
  if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    std::vector<Any> items;
    for (py::handle item : value) items.push_back(ToAny(item));
    return Any(std::move(items));
  }
  const PyTypes& types = Types();
  py::object object = py::reinterpret_borrow<py::object>(value);
  // numpy.bool is neither bool nor Integral.
  if (TypeName(value) == "bool" || TypeName(value) == "bool_") return Any(py::bool_(object).cast<bool>());
  if (py::isinstance(value, types.integral)) {
    py::int_ number(object);
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(number.ptr(), &overflow);
    if (overflow != 0) {
      throw InvalidArgumentError(StrCat("the int ", py::str(value).cast<std::string>(),
                                        " does not fit in 64 bits"));
    }
    return Any(static_cast<int64_t>(v));
  }
  if (py::isinstance(value, types.real)) return Any(py::float_(object).cast<double>());
  if (py::hasattr(value, "__dlpack__")) return Any(FromDLPack(value));
  if (PyCallable_Check(value.ptr())) return Any(WrapPython(object));
  throw InvalidArgumentError(StrCat("cannot pass a Python ", TypeName(value),
                                    " to a PackedFunc (expected None, bool, int, float, str, a "
                                    "tensor, a ShapeTuple, a function, a Module or a list of these)"));
}

py::object FromAny(const Any& value) {
  switch (value.kind()) {
    case Any::Kind::kNone: return py::none();
    case Any::Kind::kInt: return py::int_(value.AsInt());
    case Any::Kind::kFloat: return py::float_(value.AsFloat());
    case Any::Kind::kBool: return py::bool_(value.AsBool());
    case Any::Kind::kString: return py::str(value.AsString());
    case Any::Kind::kTensor: return py::cast(value.AsTensor());
    case Any::Kind::kFunc: return py::cast(value.AsFunc());
    case Any::Kind::kModule: return py::cast(value.AsModule());
    case Any::Kind::kArray: {
      py::list items;
      for (const Any& item : value.AsArray()) items.append(FromAny(item));
      return std::move(items);
    }
    case Any::Kind::kShape: return py::cast(value.AsShape());
  }
  return py::none();
}

// Calls f without the GIL (kernels may run long, Python callbacks take it back).
py::object Call(const PackedFunc& f, const py::args& args) {
  std::vector<Any> values;
  values.reserve(args.size());
  for (size_t i = 0; i < args.size(); ++i) {
    // Say which argument could not be passed; a DLPack producer's BufferError (a torch
    // tensor that requires grad, a big-endian array) joins the tessel error family.
    try {
      values.push_back(ToAny(args[i]));
    } catch (const InvalidArgumentError& e) {
      throw InvalidArgumentError(StrCat("argument ", i, ": ", e.message()));
    } catch (py::error_already_set& e) {
      if (!e.matches(PyExc_BufferError)) throw;
      throw InvalidArgumentError(StrCat("argument ", i, ": ",
                                        py::str(e.value()).cast<std::string>()));
    }
  }
  Any result;
  {
    py::gil_scoped_release release;
    result = f(values);
  }
  return FromAny(result);
}

DLDevice CheckCpu(const std::optional<DLDevice>& device, const char* what) {
  DLDevice dev = device.value_or(runtime::CPUDevice());
  if (dev.device_type != kDLCPU) {
    throw InvalidArgumentError(StrCat(what, ": device ", runtime::DeviceToString(dev),
                                      " is not supported; only cpu is"));
  }
  return dev;
}

py::object DLPack(const Tensor& self, const py::object& stream, const py::object& max_version,
                  const py::object& dl_device, const py::object& copy) {
  if (!stream.is_none() && !(py::isinstance<py::int_>(stream) && stream.cast<int64_t>() == -1)) {
    throw py::buffer_error("tessel tensors live on the cpu: __dlpack__ takes no stream");
  }
  if (!dl_device.is_none()) {
    auto [type, id] = dl_device.cast<std::pair<int, int>>();
    if (type != self.device().device_type || id != self.device().device_id) {
      throw py::buffer_error(StrCat("cannot export a tensor on ", runtime::DeviceToString(self.device()),
                                    " to device (", type, ", ", id, ")"));
    }
  }
  Tensor exported = self;
  bool copied = !copy.is_none() && copy.cast<bool>();
  if (copied) {
    exported = Tensor::Empty(self.shape(), self.dtype(), self.device());
    exported.CopyFrom(self);
  }
  bool versioned = !max_version.is_none() && max_version.cast<std::pair<int, int>>().first >= 1;
  if (versioned && copied) {
    DLManagedTensorVersioned* managed = exported.ToDLPackVersioned();
    managed->flags |= DLPACK_FLAG_BITMASK_IS_COPIED;
    return py::capsule(managed, kVersionedCapsule, DeleteVersionedCapsule);
  }
  return ToCapsule(exported, versioned);
}

std::string TensorRepr(const Tensor& t) {
  std::string shape;
  for (int64_t d : t.shape()) shape += StrCat(shape.empty() ? "" : ", ", d);
  if (t.ndim() == 1) shape += ",";
  return StrCat("tessel.runtime.Tensor(shape=(", shape, "), dtype=", runtime::DataTypeToString(t.dtype()),
                ", device=", runtime::DeviceToString(t.device()), ")");
}

void BindTensor(py::module_& m) {
  py::class_<DLDevice>(m, "Device", "A device: its kind (a DLPack DLDeviceType) and index.")
      .def(py::init([](int device_type, int index) {
             return DLDevice{static_cast<DLDeviceType>(device_type), index};
           }),
           py::arg("device_type"), py::arg("index") = 0)
      .def_property_readonly("device_type", [](const DLDevice& d) { return static_cast<int>(d.device_type); },
                             "The DLPack device type (1 for cpu).")
      .def_property_readonly("index", [](const DLDevice& d) { return d.device_id; },
                             "The index among devices of that kind.")
      .def("__repr__", [](const DLDevice& d) { return runtime::DeviceToString(d); })
      .def("__eq__", [](const DLDevice& a, const py::object& b) {
        return py::isinstance<DLDevice>(b) && runtime::DeviceEqual(a, b.cast<DLDevice>());
      })
      .def("__hash__", [](const DLDevice& d) { return d.device_type * 1000003 + d.device_id; })
      .def("__dlpack_device__", [](const DLDevice& d) {
        return py::make_tuple(static_cast<int>(d.device_type), d.device_id);
      });

  py::class_<Tensor>(m, "Tensor", R"doc(
An n-dimensional array in memory shared through DLPack.

Create one with :func:`tessel.runtime.tensor`, :func:`tessel.runtime.empty` or
:func:`tessel.runtime.from_dlpack`. ``numpy()`` and ``torch.from_dlpack`` view the same
memory without copying.
)doc")
      .def_property_readonly("shape", [](const Tensor& t) { return py::tuple(py::cast(t.shape())); },
                             "The extent of each dimension.")
      .def_property_readonly("dtype", [](const Tensor& t) { return runtime::DataTypeToString(t.dtype()); },
                             "The element type name, such as ``\"float32\"``.")
      .def_property_readonly("device", &Tensor::device, "Where the memory lives.")
      .def_property_readonly("ndim", &Tensor::ndim, "The number of dimensions.")
      .def_property_readonly("size", &Tensor::numel, "The number of elements.")
      .def_property_readonly("nbytes", &Tensor::nbytes, "The bytes of the elements.")
      .def_property_readonly("data_ptr", [](const Tensor& t) { return reinterpret_cast<uintptr_t>(t.data()); },
                             "The address of the first element.")
      .def_property_readonly("read_only", &Tensor::read_only,
                             "Whether the producer marked the memory read-only.")
      .def("is_contiguous", &Tensor::IsContiguous, "Whether the layout is compact row-major.")
      .def(
          "copyfrom",
          [](const Tensor& self, const py::object& source) {
            self.CopyFrom(py::isinstance<Tensor>(source)
                              ? source.cast<Tensor>()
                              : FromDLPack(py::module_::import("numpy").attr("ascontiguousarray")(source)));
            return self;
          },
          py::arg("source"),
          "Copy the elements of a tensor or array of the same shape and dtype into this one; "
          "returns self.")
      .def(
          "numpy", [](const py::object& self) { return py::module_::import("numpy").attr("from_dlpack")(self); },
          "A numpy array viewing the same memory (no copy).")
      .def(
          "__array__",
          [](const py::object& self, const py::object& dtype, const py::object& copy) {
            py::object array = py::module_::import("numpy").attr("from_dlpack")(self);
            if (!dtype.is_none()) return array.attr("astype")(dtype, py::arg("copy") = copy.is_none() ? py::bool_(false) : copy);
            return (!copy.is_none() && copy.cast<bool>()) ? array.attr("copy")() : array;
          },
          py::arg("dtype") = py::none(), py::arg("copy") = py::none())
      .def("__dlpack__", &DLPack, py::kw_only(), py::arg("stream") = py::none(),
           py::arg("max_version") = py::none(), py::arg("dl_device") = py::none(),
           py::arg("copy") = py::none(),
           "Export as a DLPack capsule (\"dltensor_versioned\" when max_version >= (1, 0)).")
      .def("__dlpack_device__", [](const Tensor& t) {
        return py::make_tuple(static_cast<int>(t.device().device_type), t.device().device_id);
      }, "The (device_type, index) pair of DLPack.")
      .def("same_as", &Tensor::same_as, py::arg("other"), "Whether both handles share one tensor.")
      .def("__repr__", &TensorRepr);

  m.def(
      "empty",
      [](const std::vector<int64_t>& shape, const std::string& dtype, std::optional<DLDevice> device) {
        return Tensor::Empty(shape, runtime::DataTypeFromString(dtype), CheckCpu(device, "empty"));
      },
      py::arg("shape"), py::arg("dtype") = "float32", py::arg("device") = py::none());
  m.def("from_dlpack", [](const py::object& obj) { return FromDLPack(obj); }, py::arg("obj"));
}

void BindFunctions(py::module_& m) {
  py::class_<PackedFunc>(m, "PackedFunc", R"doc(
A function of the runtime, callable from Python and C++ alike.

Arguments convert from Python: None, bool, int, float, str, :class:`Tensor` (or any DLPack
producer such as a numpy array or torch tensor, without copying), :class:`PackedFunc`,
:class:`Module`, lists and tuples of these, and Python callables. Results convert back.
)doc")
      .def("__call__", &Call)
      .def("same_as", &PackedFunc::same_as, py::arg("other"), "Whether both handles share one callable.")
      .def("__repr__", [](const PackedFunc&) { return std::string("tessel.runtime.PackedFunc"); });

  m.def("_wrap_python", [](const py::function& f) { return WrapPython(f); }, py::arg("f"));
  m.def(
      "register_func",
      [](const std::string& name, const py::object& f, bool override) {
        if (!PyCallable_Check(f.ptr())) {
          throw InvalidArgumentError(StrCat("register_func('", name, "'): expected a callable, but found ",
                                            TypeName(f)));
        }
        PackedFunc func = py::isinstance<PackedFunc>(f) ? f.cast<PackedFunc>() : WrapPython(f);
        Registry::Register(name, func, override);
        return func;
      },
      py::arg("name"), py::arg("f"), py::arg("override") = false);
  m.def(
      "get_global_func",
      [](const std::string& name, bool allow_missing) -> std::optional<PackedFunc> {
        std::optional<PackedFunc> f = Registry::Get(name);
        if (!f && !allow_missing) {
          throw InvalidArgumentError(StrCat("no global function is registered as '", name, "'"));
        }
        return f;
      },
      py::arg("name"), py::arg("allow_missing") = false);
  m.def("remove_global_func", &Registry::Remove, py::arg("name"));
  m.def("list_global_func_names", &Registry::ListNames);
}

void BindShapeTuple(py::module_& m) {
  using runtime::ShapeTuple;
  py::class_<ShapeTuple>(m, "ShapeTuple", R"doc(
An immutable tuple of int64 extents: the run-time value of a Relax shape (``R.Shape``).

It compares equal to a tuple or list of the same ints, and indexes and iterates like one.

Parameters
----------
dims : sequence of int
    The extents.
)doc")
      .def(py::init([](const std::vector<int64_t>& dims) { return ShapeTuple(dims); }), py::arg("dims"))
      .def("__len__", &ShapeTuple::size)
      .def("__getitem__", [](const ShapeTuple& s, int64_t i) {
        int64_t n = static_cast<int64_t>(s.size());
        if (i < -n || i >= n) throw py::index_error(StrCat("ShapeTuple index ", i, " out of range for ", n, " dims"));
        return s[static_cast<size_t>(i < 0 ? i + n : i)];
      })
      .def("__iter__", [](const ShapeTuple& s) { return py::iter(py::cast(s.dims())); })
      .def("__eq__", [](const ShapeTuple& s, const py::object& other) {
        if (py::isinstance<ShapeTuple>(other)) return s == other.cast<ShapeTuple>();
        if (!py::isinstance<py::tuple>(other) && !py::isinstance<py::list>(other)) return false;
        try {
          return s.dims() == other.cast<std::vector<int64_t>>();
        } catch (const py::cast_error&) {
          return false;
        }
      })
      .def("__hash__", [](const ShapeTuple& s) { return py::hash(py::tuple(py::cast(s.dims()))); })
      .def("__repr__", [](const ShapeTuple& s) { return "ShapeTuple(" + s.ToString() + ")"; });
}

void BindModule(py::module_& m) {
  py::class_<Module>(m, "Module", R"doc(
A unit of compiled code: a loaded shared library, a JIT-compiled module, ...

Get its functions with ``module["name"]`` or :meth:`get_function`; they check their
arguments (count, dtype, shape, layout) before running.
)doc")
      .def_property_readonly("type_key", [](const Module& self) { return self->type_key(); },
                             "The kind of module: ``\"library\"``, ``\"llvm\"``, ...")
      .def("get_function", [](const Module& self, const std::string& name) { return self[name]; },
           py::arg("name"),
           "The function called ``name``; raises InvalidArgumentError listing the module's "
           "functions when there is none.")
      .def("__getitem__", [](const Module& self, const std::string& name) { return self[name]; })
      .def("__contains__", [](const Module& self, const std::string& name) {
        return self.GetFunction(name).has_value();
      })
      .def("function_names", [](const Module& self) { return self->FunctionNames(); },
           "The names of the module's functions.")
      .def("export_library", [](const Module& self, const py::object& path) {
             self->ExportLibrary(py::str(py::module_::import("os").attr("fspath")(path)));
           }, py::arg("path"),
           "Write the module as a shared library that :func:`load_module` reads back.")
      .def("get_source", [](const Module& self, const std::string& format) {
             return self->GetSource(format);
           }, py::arg("format") = "",
           "The module's source in a format such as ``\"ll\"`` or ``\"asm\"``.")
      .def(
          "time_evaluator",
          [](const Module& self, const std::string& name, const py::object& dev, int number,
             int repeat, int min_repeat_ms) {
            CheckCpu(dev.is_none() ? std::nullopt : std::optional<DLDevice>(dev.cast<DLDevice>()),
                     "time_evaluator");
            PackedFunc timer = runtime::TimeEvaluator(self[name], number, repeat, min_repeat_ms);
            py::object result_class = py::module_::import("tessel.runtime.profiling").attr("BenchmarkResult");
            return py::cpp_function([timer, result_class](const py::args& args) {
              return result_class(Call(timer, args));
            });
          },
          py::arg("name"), py::arg("dev") = py::none(), py::arg("number") = 10,
          py::arg("repeat") = 1, py::arg("min_repeat_ms") = 0, R"doc(
A function that times ``name`` on the arguments it is given and returns a
:class:`BenchmarkResult` of ``repeat`` measurements, each the mean seconds of ``number``
calls. When a measurement is shorter than ``min_repeat_ms``, ``number`` grows.
)doc")
      .def("__repr__", [](const Module& self) {
        return StrCat("tessel.runtime.Module(type_key=", self->type_key(), ", functions=",
                      self->FunctionNames().size(), ")");
      });
  m.def("load_module", [](const py::object& path) {
    return Module::LoadFromFile(py::str(py::module_::import("os").attr("fspath")(path)));
  }, py::arg("path"));
}

}  // namespace

Any ToRuntimeValue(const py::handle& value) { return ToAny(value); }

py::object FromRuntimeValue(const Any& value) { return FromAny(value); }

void BindRuntime(py::module_& m) {
  BindTensor(m);
  BindShapeTuple(m);
  BindFunctions(m);
  BindModule(m);
}

}  // namespace bindings
}  // namespace tessel
