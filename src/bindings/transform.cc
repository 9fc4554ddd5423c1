// Bindings of the pass infrastructure (tessel._core.transform). Python passes and
// instruments reach C++ as wrapped callables, never as Python subclasses of C++ classes,
// so their lifetime is that of an ordinary Python reference.
#include <memory>
#include <optional>
#include <utility>

#include "common.h"
#include "tessel/ir/transform.h"

namespace tessel {
namespace bindings {

namespace {

using ir::BaseFunc;
using ir::IRModule;
using namespace ir::transform;  // NOLINT(build/namespaces)

/*!
 * A Python callable owned from C++. Copies share one reference (no GIL needed to copy);
 * calls take the GIL; the reference is dropped with the GIL held, or leaked when the
 * interpreter is already gone (a registry or thread-local may outlive it).
 */
class PyCallable {
 public:
  explicit PyCallable(py::object fn) : fn_(new py::object(std::move(fn)), Release) {}

  /*! Call with args and return convert(result), all with the GIL held. */
  template <typename Convert, typename... Args>
  auto Apply(Convert convert, Args&&... args) const {
    py::gil_scoped_acquire gil;
    return convert((*fn_)(std::forward<Args>(args)...));
  }
  /*! Call with args, ignoring the result. */
  template <typename... Args>
  void operator()(Args&&... args) const {
    Apply([](const py::object&) {}, std::forward<Args>(args)...);
  }

 private:
  static void Release(py::object* fn) {
    if (!Py_IsInitialized()) return;
    py::gil_scoped_acquire gil;
    delete fn;
  }
  std::shared_ptr<py::object> fn_;
};

std::string TypeName(const py::handle& value) {
  return py::str(py::type::of(value).attr("__name__")).cast<std::string>();
}

// The result of a Python pass as T, or InvalidArgumentError saying what came back.
template <typename T>
auto CastResult(std::string pass_name, const char* expected) {
  return [pass_name = std::move(pass_name), expected](const py::object& result) -> T {
    if (!result.is_none()) {
      py::detail::make_caster<T> caster;
      if (caster.load(result, false)) return py::detail::cast_op<T>(caster);
    }
    throw InvalidArgumentError(StrCat("pass '", pass_name, "' must return ", expected, ", got ",
                                      result.is_none() ? "None" : TypeName(result)));
  };
}

std::vector<std::string> NameList(const py::object& names, const char* what) {
  if (names.is_none()) return {};
  if (py::isinstance<py::str>(names) || !py::isinstance<py::iterable>(names)) {
    throw InvalidArgumentError(StrCat(what, ": expected a list of pass names, got ", TypeName(names)));
  }
  std::vector<std::string> out;
  for (py::handle name : names) {
    if (!py::isinstance<py::str>(name)) {
      throw InvalidArgumentError(StrCat(what, ": expected pass names (str), got ", TypeName(name)));
    }
    out.push_back(name.cast<std::string>());
  }
  return out;
}

Pass MakeModulePass(py::object func, int opt_level, std::string name, py::object required) {
  PyCallable call(std::move(func));
  auto convert = CastResult<IRModule>(name, "an IRModule");
  auto pass_func = [call, convert](IRModule mod, PassContext ctx) {
    return call.Apply(convert, mod, ctx);
  };
  return CreateModulePass(pass_func, opt_level, name, NameList(required, "required"));
}

Pass MakeFunctionPass(py::object func, int opt_level, std::string name, py::object required) {
  PyCallable call(std::move(func));
  auto convert = CastResult<BaseFunc>(name, "a function");
  auto pass_func = [call, convert](BaseFunc f, IRModule mod, PassContext ctx) {
    return call.Apply(convert, f, mod, ctx);
  };
  return CreateFunctionPass(pass_func, opt_level, name, NameList(required, "required"));
}

// A core instrument as is; any other object by its hook methods (those it has).
PassInstrument ToInstrument(const py::handle& value) {
  if (py::isinstance<PassInstrumentNode>(value)) return value.cast<PassInstrument>();
  auto hook = [&](const char* name) -> std::optional<PyCallable> {
    if (!py::hasattr(value, name)) return std::nullopt;
    return PyCallable(value.attr(name));
  };
  auto enter = hook("enter_pass_ctx");
  auto exit = hook("exit_pass_ctx");
  auto should_run = hook("should_run");
  auto before = hook("run_before_pass");
  auto after = hook("run_after_pass");
  if (!enter && !exit && !should_run && !before && !after) {
    throw InvalidArgumentError(StrCat("PassContext: an instrument must be a PassInstrument, got ",
                                      TypeName(value)));
  }
  std::function<void()> enter_fn, exit_fn;
  std::function<bool(const IRModule&, const PassInfo&)> should_run_fn;
  std::function<void(const IRModule&, const PassInfo&)> before_fn, after_fn;
  if (enter) enter_fn = [f = *enter] { f(); };
  if (exit) exit_fn = [f = *exit] { f(); };
  if (should_run) {
    should_run_fn = [f = *should_run](const IRModule& mod, const PassInfo& info) {
      return f.Apply([](const py::object& result) { return static_cast<bool>(py::bool_(result)); },
                     mod, info);
    };
  }
  if (before) before_fn = [f = *before](const IRModule& mod, const PassInfo& info) { f(mod, info); };
  if (after) after_fn = [f = *after](const IRModule& mod, const PassInfo& info) { f(mod, info); };
  return FunctionInstrument(TypeName(value), enter_fn, exit_fn, should_run_fn, before_fn, after_fn);
}

PassContext MakePassContext(int opt_level, py::object config, py::object disabled_pass,
                            py::object required_pass, py::object instruments) {
  ir::Map<ir::String, ir::ObjectRef> config_map;
  if (!config.is_none()) {
    if (!py::isinstance<py::dict>(config)) {
      throw InvalidArgumentError(StrCat("PassContext: config must be a dict, got ", TypeName(config)));
    }
    for (auto [key, value] : config.cast<py::dict>()) {
      if (!py::isinstance<py::str>(key)) {
        throw InvalidArgumentError(StrCat("PassContext: config keys must be str, got ", TypeName(key)));
      }
      config_map = config_map.Set(ir::String(key.cast<std::string>()), FromPython(value));
    }
  }
  std::vector<PassInstrument> instrument_list;
  if (!instruments.is_none()) {
    for (py::handle item : instruments) instrument_list.push_back(ToInstrument(item));
  }
  return PassContext::Create(opt_level, config_map, NameList(disabled_pass, "disabled_pass"),
                             NameList(required_pass, "required_pass"), instrument_list);
}

std::string PassRepr(const Pass& pass) {
  std::string kind = pass->type_key();
  return StrCat(kind.substr(kind.find('.') + 1), "(name=\"", pass->info->name,
                "\", opt_level=", pass->info->opt_level, ")");
}

void BindPasses(py::module_& m) {
  NodeClass<PassInfoNode, ir::Object>(m, "PassInfo", R"doc(
What the infrastructure knows about a pass.

Attributes
----------
name : str
    The pass name.
opt_level : int
    The lowest :class:`PassContext` opt level at which the pass runs.
required : tuple of str
    Names of registered passes that run before this one.
)doc");

  NodeClass<PassNode, ir::Object>(m, "Pass", R"doc(
The base class of passes: an ``IRModule -> IRModule`` transformation with a name.

Call a pass on a module to apply it under :meth:`PassContext.current`, which may skip
it (opt level, ``disabled_pass``), instrument it, and first runs its required passes.

Attributes
----------
info : PassInfo
    Name, opt level and required passes.
)doc")
      .def("__call__", [](const Pass& self, const IRModule& mod) { return self(mod); },
           py::arg("mod"), R"doc(
Apply the pass under the current :class:`PassContext`.

Parameters
----------
mod : IRModule
    The input; it is not modified.

Returns
-------
IRModule
    The transformed module (``mod`` itself when the pass was skipped or changed nothing).
)doc")
      .def("__repr__", &PassRepr);

  NodeClass<ModulePassNode, PassNode>(m, "ModulePass", R"doc(
A pass given by a function on the whole module; made by :func:`module_pass`.

Parameters
----------
pass_func : callable
    ``pass_func(mod, ctx) -> IRModule``.
opt_level : int
    The lowest context opt level at which it runs.
name : str
    The pass name.
required : list of str, optional
    Registered passes to run before it.
)doc")
      .def(py::init([](py::object func, int opt_level, std::string name, py::object required) {
             return NodePtr<ModulePassNode>(
                 MakeModulePass(std::move(func), opt_level, std::move(name), std::move(required)));
           }),
           py::arg("pass_func"), py::arg("opt_level"), py::arg("name"),
           py::arg("required") = py::none());

  NodeClass<FunctionPassNode, PassNode>(m, "FunctionPass", R"doc(
A pass applied to each function of the module; made by :func:`function_pass`.

The result module shares every function the pass returned unchanged (the very same
object); it is the input module itself when nothing changed.

Parameters
----------
pass_func : callable
    ``pass_func(func, mod, ctx) -> BaseFunc``; returns ``func`` itself for functions
    it does not handle.
opt_level : int
    The lowest context opt level at which it runs.
name : str
    The pass name.
required : list of str, optional
    Registered passes to run before it.
)doc")
      .def(py::init([](py::object func, int opt_level, std::string name, py::object required) {
             return NodePtr<FunctionPassNode>(
                 MakeFunctionPass(std::move(func), opt_level, std::move(name), std::move(required)));
           }),
           py::arg("pass_func"), py::arg("opt_level"), py::arg("name"),
           py::arg("required") = py::none());

  NodeClass<SequentialNode, PassNode>(m, "Sequential", R"doc(
A pipeline: passes applied in order, each under the same context.

Each pass is applied like a pass called on its own, so the context may skip or
instrument each one; timing and IR dumps show them nested under the pipeline.

Parameters
----------
passes : list of Pass
    The passes, in order.
opt_level : int
    The pipeline's own opt level.
name : str
    The pipeline's name.

Attributes
----------
passes : tuple of Pass
    The passes, in order.
)doc")
      .def(py::init([](std::vector<Pass> passes, int opt_level, std::string name) {
             return NodePtr<SequentialNode>(Sequential(std::move(passes), opt_level, std::move(name)));
           }),
           py::arg("passes"), py::arg("opt_level") = 0, py::arg("name") = "sequential");

  m.def("get_pass", &GetPass, py::arg("name"));
  m.def("list_passes", &ListPasses);
  m.def("register_pass",
        [](std::string name, py::object factory, bool override) {
          PyCallable call(std::move(factory));
          auto convert = CastResult<Pass>(name, "a Pass");
          RegisterPass(name, [call, convert] { return call.Apply(convert); }, override);
        },
        py::arg("name"), py::arg("factory"), py::arg("override") = false);
  m.def("AttachGlobalSymbol", &AttachGlobalSymbol);
  m.def("RemoveUnusedFunctions",
        [](py::object entries) {
          if (entries.is_none()) return RemoveUnusedFunctions();
          return RemoveUnusedFunctions(NameList(entries, "entry_functions"));
        },
        py::arg("entry_functions") = py::none());
}

void BindContext(py::module_& m) {
  NodeClass<PassContextNode, ir::Object>(m, "PassContext", R"doc(
The settings passes run under; use it as a context manager.

Parameters
----------
opt_level : int
    Passes whose opt level is above it are skipped, unless in ``required_pass``.
config : dict, optional
    Options for individual passes, by key registered with :meth:`register_config`.
disabled_pass : list of str, optional
    Names of passes that never run (this wins over ``required_pass``).
required_pass : list of str, optional
    Names of passes that run whatever their opt level.
instruments : list of PassInstrument, optional
    Instruments called around every pass, in order.

Raises
------
tessel.error.InvalidArgumentError
    When a config key is not registered or its value has the wrong type.

Examples
--------
>>> with PassContext(opt_level=3, disabled_pass=["RemoveUnusedFunctions"]) as ctx:
...     assert PassContext.current() == ctx
)doc")
      .def(py::init([](int opt_level, py::object config, py::object disabled_pass,
                       py::object required_pass, py::object instruments) {
             return NodePtr<PassContextNode>(
                 MakePassContext(opt_level, std::move(config), std::move(disabled_pass),
                                 std::move(required_pass), std::move(instruments)));
           }),
           py::arg("opt_level") = 2, py::arg("config") = py::none(),
           py::arg("disabled_pass") = py::none(), py::arg("required_pass") = py::none(),
           py::arg("instruments") = py::none())
      .def("__enter__",
           [](const PassContext& self) {
             self.EnterWithScope();
             return self;
           })
      .def("__exit__",
           [](const PassContext& self, py::object, py::object, py::object) { self.ExitWithScope(); })
      .def_static("current", &PassContext::Current,
                  "The innermost entered context of this thread, or the default one (opt "
                  "level 2).")
      .def_static("register_config", &PassContext::RegisterConfig, py::arg("key"),
                  py::arg("value_type_key"), R"doc(
Declare a config key and the type key its values must have.

Parameters
----------
key : str
    The key, such as ``"tir.unroll_limit"``.
value_type_key : str
    The node type key of its values, such as ``"ir.IntImm"`` (Python ``int`` and
    ``bool`` values become ``ir.IntImm``, ``float`` ``ir.FloatImm``, ``str`` ``ir.String``).
)doc")
      .def_static("list_configs", &PassContext::ListConfigs,
                  "The registered config keys, mapped to their value type keys.")
      .def("__repr__", [](const PassContext& self) {
        return StrCat("PassContext(opt_level=", self->opt_level, ")");
      });
}

void BindInstruments(py::module_& m) {
  NodeClass<PassInstrumentNode, ir::Object>(m, "PassInstrument",
                                            "The base of the instruments implemented in C++.");
  NodeClass<FunctionInstrumentNode, PassInstrumentNode>(
      m, "FunctionInstrument", "An instrument written in Python, as the context holds it.");
  NodeClass<PassTimingInstrumentNode, PassInstrumentNode>(m, "PassTimingInstrument", R"doc(
Records the wall time of every pass run under the context that holds it.

Entering the context clears the records; they stay readable after it is exited.

Examples
--------
>>> timing = PassTimingInstrument()
>>> with PassContext(instruments=[timing]):
...     mod = RemoveUnusedFunctions()(IRModule())
>>> print(timing.report())  # doctest: +ELLIPSIS
pass ... time (ms)  percent
RemoveUnusedFunctions ... 100.0%
total ... 100.0%
)doc")
      .def(py::init([] { return NodePtr<PassTimingInstrumentNode>(PassTimingInstrument::Create()); }))
      .def("report", &PassTimingInstrumentNode::Report, R"doc(
The records as a table.

Returns
-------
str
    One row per pass run, in start order: the name (nested passes indented two spaces
    per level), the time in milliseconds, and the percent of the total time of the
    outermost passes.
)doc")
      .def("render", &PassTimingInstrumentNode::Report, "The same as :meth:`report`.");
  NodeClass<DumpIRNode, PassInstrumentNode>(m, "DumpIR", R"doc(
Writes the module after every pass to ``<folder>/<NNN>_<pass name>.py``, as script.

Parameters
----------
folder : str or os.PathLike
    Where the files go; created on the first write. NNN counts from 000 in execution
    order, across every context the instrument is used in.
)doc")
      .def(py::init([](py::object folder) {
             std::string path = py::module_::import("os").attr("fspath")(folder).cast<std::string>();
             return NodePtr<DumpIRNode>(DumpIR(path));
           }),
           py::arg("folder"));
}

}  // namespace

void BindTransform(py::module_& m) {
  BindPasses(m);
  BindContext(m);
  BindInstruments(m);
}

}  // namespace bindings
}  // namespace tessel
