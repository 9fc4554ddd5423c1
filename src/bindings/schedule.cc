// Bindings of tessel::tir::schedule: random variables, instructions, traces and Schedule.
#include "common.h"
#include "tessel/tir/schedule/schedule.h"

namespace tessel {
namespace bindings {

namespace {

using namespace tir;            // NOLINT(build/namespaces)
using namespace tir::schedule;  // NOLINT(build/namespaces)

Schedule Ref(ScheduleNode& node) { return Schedule(ir::ObjectPtr<ir::Object>(&node)); }

ir::IRModule ToModule(py::object mod) {
  if (py::isinstance<PrimFuncNode>(mod)) {
    ir::IRModule module = ir::IRModule::Empty();
    module.Add("main", mod.cast<PrimFunc>());
    return module;
  }
  if (!py::isinstance<ir::IRModuleNode>(mod)) {
    throw InvalidArgumentError(
        StrCat("Schedule: expected an IRModule or a PrimFunc, found a ",
               py::str(py::type::of(mod).attr("__name__")).cast<std::string>()));
  }
  return mod.cast<ir::IRModule>();
}

// A block_or_loop argument: a BlockRV or a LoopRV.
ObjectRef BlockOrLoop(py::handle value, const char* primitive) {
  if (py::isinstance<BlockRVNode>(value) || py::isinstance<LoopRVNode>(value)) {
    return value.cast<ObjectRef>();
  }
  throw ScheduleError(StrCat(primitive, ": expected a BlockRV or LoopRV, found a ",
                             py::str(py::type::of(value).attr("__name__")).cast<std::string>()));
}

// A split factor: None, an int (-1 means None) or an ExprRV.
PrimExpr Factor(py::handle value) {
  if (value.is_none()) return PrimExpr();
  if (py::isinstance<py::int_>(value)) return IntImm(DataType::Int(32), value.cast<int64_t>());
  return value.cast<PrimExpr>();
}

Array<LoopRV> LoopArgs(const py::args& loops) {
  std::vector<LoopRV> rvs;
  for (py::handle loop : loops) {
    if (py::isinstance<py::list>(loop) || py::isinstance<py::tuple>(loop)) {
      for (py::handle inner : loop) rvs.push_back(inner.cast<LoopRV>());
    } else {
      rvs.push_back(loop.cast<LoopRV>());
    }
  }
  return rvs;
}

void BindRandomVariables(py::module_& m) {
  NodeClass<BlockRVNode, ir::Object>(m, "BlockRV", R"doc(
A block of a schedule's PrimFunc, found by its name; made by :meth:`Schedule.get_block`.

Fields: ``block_name``, ``func_name``.
)doc")
      .def("__repr__", [](const BlockRVNode& self) {
        return StrCat("BlockRV(\"", self.block_name, "\", func=\"", self.func_name, "\")");
      });
  NodeClass<LoopRVNode, ir::Object>(m, "LoopRV", R"doc(
A loop of a schedule's PrimFunc, found by its loop variable; made by
:meth:`Schedule.get_loops`, :meth:`Schedule.split` and :meth:`Schedule.fuse`.

Fields: ``loop_var``, ``func_name``.
)doc")
      .def("__repr__", [](const LoopRVNode& self) {
        return StrCat("LoopRV(", self.loop_var->name_hint, ", func=\"", self.func_name, "\")");
      });
  NodeClass<ExprRVNode, VarNode>(m, "ExprRV", R"doc(
An integer drawn by a sampling primitive; :meth:`Schedule.get` gives its value. It can be
passed as a factor to :meth:`Schedule.split` and as a value to :meth:`Schedule.annotate`.
)doc")
      .def("__repr__", [](const ExprRVNode& self) { return StrCat("ExprRV(", self.name_hint, ")"); });
}

void BindTrace(py::module_& m) {
  NodeClass<InstructionKindNode, ir::Object>(m, "InstructionKind",
                                             "A kind of schedule instruction: ``name``, ``is_pure``.")
      .def("__repr__", [](const InstructionKindNode& self) { return self.name; });
  NodeClass<InstructionNode, ir::Object>(m, "Instruction", R"doc(
One recorded schedule primitive call.

Fields: ``kind`` (an :class:`InstructionKind`), ``inputs`` (random variables, constants,
None, or lists of these), ``attrs`` (constants), ``outputs`` (random variables).
)doc")
      .def("__repr__", [](const InstructionNode& self) {
        return StrCat("Instruction(", self.kind->name, ")");
      });
  NodeClass<TraceNode, ir::Object>(m, "Trace", R"doc(
The instructions a schedule ran, in order, and the decisions of its sampling ones.

Fields: ``insts`` and ``decisions`` (a dict from Instruction to its decision).
``str(trace)`` is :meth:`as_python` joined by newlines.
)doc")
      .def("as_python",
           [](const TraceNode& self, bool remove_postproc) {
             return GetRef<Trace>(&self).AsPython(remove_postproc);
           },
           py::arg("remove_postproc") = false, R"doc(
The trace as Python source lines calling a schedule named ``sch``.

Random variables are named ``b`` (blocks), ``l`` (loops) and ``v`` (integers), numbered
in one sequence by first appearance. Sampling instructions print their decision, so
running the lines on a fresh schedule reproduces this one.

Parameters
----------
remove_postproc : bool
    Stop at the first ``sch.enter_postproc()``.

Returns
-------
list of str
    One line per instruction, such as ``l4, l5 = sch.split(loop=l1, factors=[None, 32], preserve_unit_iters=True)``.
)doc")
      .def("apply_to_schedule",
           [](const TraceNode& self, ScheduleNode& sch, bool remove_postproc) {
             GetRef<Trace>(&self).ApplyToSchedule(&sch, remove_postproc);
           },
           py::arg("sch"), py::arg("remove_postproc") = false, R"doc(
Replay every instruction on ``sch`` (a schedule of the unscheduled module), reusing the
recorded sampling decisions.

Parameters
----------
sch : Schedule
    The schedule to change.
remove_postproc : bool
    Stop at the first ``EnterPostproc`` instruction.
)doc")
      .def("get_decision",
           [](const TraceNode& self, const Instruction& inst) {
             return GetRef<Trace>(&self).GetDecision(inst);
           },
           py::arg("inst"), "The decision recorded for a sampling instruction, or None.")
      .def("__str__", [](const TraceNode& self) {
        std::string text;
        for (const std::string& line : GetRef<Trace>(&self).AsPython()) text += line + "\n";
        return text;
      });
}

void BindScheduleClass(py::module_& m, const char* doc) {
  NodeClass<ScheduleNode, ir::Object> cls(m, "Schedule", doc);
  cls.def(py::init([](py::object mod, py::object seed) {
            int64_t s = seed.is_none() ? -1 : seed.cast<int64_t>();
            return NodePtr<ScheduleNode>(Schedule(ToModule(mod), s));
          }),
          py::arg("mod"), py::kw_only(), py::arg("seed") = py::none())
      .def_property_readonly(
          "mod", [](const ScheduleNode& self) { return self.mod().ShallowCopy(); },
          "The current module (a copy: editing it does not change the schedule).")
      .def_property_readonly("trace", [](const ScheduleNode& self) { return self.trace(); },
                             "The :class:`Trace` of the primitives run so far.")
      .def("seed", [](ScheduleNode& self, int64_t seed) { self.Seed(seed); }, py::arg("seed"),
           "Restart the random generator from ``seed`` (-1: from system entropy).")
      .def("fork_seed", [](ScheduleNode& self) { return self.ForkSeed(); },
           "A new seed drawn from this schedule's generator.")
      .def("copy", [](ScheduleNode& self) { return self.Copy(); },
           "An independent schedule with the same module, trace and sampled values; its "
           "generator is seeded from this one's.")
      .def("get",
           [](ScheduleNode& self, py::object rv) -> py::object {
             if (py::isinstance<BlockRVNode>(rv)) return ToPython(self.Get(rv.cast<BlockRV>()));
             if (py::isinstance<LoopRVNode>(rv)) return ToPython(self.Get(rv.cast<LoopRV>()));
             if (py::isinstance<ExprRVNode>(rv)) return py::int_(self.Get(rv.cast<ExprRV>()));
             throw ScheduleError("get: expected a BlockRV, LoopRV or ExprRV");
           },
           py::arg("rv"), R"doc(
What a random variable stands for now: the :class:`~tessel.tir.Block` of a BlockRV, the
:class:`~tessel.tir.For` of a LoopRV, the int of an ExprRV.
)doc")
      .def("get_block",
           [](ScheduleNode& self, const std::string& name, py::object func_name) {
             return self.GetBlock(name, func_name.is_none() ? "" : func_name.cast<std::string>());
           },
           py::arg("name"), py::arg("func_name") = py::none(), R"doc(
The block named ``name``.

Parameters
----------
name : str
    The block's name (unique within its function).
func_name : str, optional
    The PrimFunc; by default the module's only PrimFunc, else ``"main"``.

Returns
-------
BlockRV
)doc")
      .def("get_loops", [](ScheduleNode& self, const BlockRV& block) { return self.GetLoops(block); },
           py::arg("block"),
           "The loops around ``block``, outer to inner, up to its enclosing block (a tuple of LoopRV).")
      .def("get_child_blocks",
           [](ScheduleNode& self, py::object block_or_loop) {
             ObjectRef rv = BlockOrLoop(block_or_loop, "get_child_blocks");
             if (rv.as<LoopRVNode>()) return self.GetChildBlocks(LoopRV(rv.data()));
             return self.GetChildBlocks(BlockRV(rv.data()));
           },
           py::arg("block_or_loop"),
           "The blocks directly inside a block or loop, in order (a tuple of BlockRV).")
      .def("split",
           [](ScheduleNode& self, const LoopRV& loop, py::sequence factors, bool preserve_unit_iters) {
             std::vector<PrimExpr> values;
             for (py::handle f : factors) values.push_back(Factor(f));
             return self.Split(loop, values, preserve_unit_iters);
           },
           py::arg("loop"), py::arg("factors"), py::arg("preserve_unit_iters") = true, R"doc(
Split a loop into nested loops whose extents are ``factors``, outer to inner.

The loop variable becomes ``(l0 * f1 + l1) * f2 + l2 ...`` in everything below it. When
the factors' product exceeds the extent, each block below gets the predicate
``<that expression> < extent`` (``T.where``).

Parameters
----------
loop : LoopRV
    The loop; it must start at 0.
factors : list of int, ExprRV or None
    Positive factors; at most one None (or -1), inferred as ceil(extent / others).
preserve_unit_iters : bool
    Whether loops of extent 1 still appear in block bindings.

Returns
-------
tuple of LoopRV
    The new loops, outer to inner.

Raises
------
tessel.error.ScheduleError
    For a loop that does not start at 0, a factor that is not positive, two None
    factors, or factors whose product is less than the extent.
)doc")
      .def("fuse",
           [](ScheduleNode& self, py::args loops, bool preserve_unit_iters) {
             return self.Fuse(LoopArgs(loops), preserve_unit_iters);
           },
           py::arg("preserve_unit_iters") = true, R"doc(
Fuse directly nested loops ``fuse(l0, l1, ...)``, outer to inner, into one loop.

Each old variable becomes ``fused // (inner extents) % extent``.

Returns
-------
LoopRV
    The fused loop.

Raises
------
tessel.error.ScheduleError
    When the loops are not a chain of directly nested loops with nothing in between.
)doc")
      .def("reorder", [](ScheduleNode& self, py::args loops) { self.Reorder(LoopArgs(loops)); },
           R"doc(
Reorder loops of one nest, ``reorder(l2, l0)``: they take the positions the given loops
held, in the given order; loops between them that are not given stay in place.

Raises
------
tessel.error.ScheduleError
    When the loops are not one chain of single-statement loops, a loop repeats, or a
    block below binds an iteration variable to a non-affine expression of the loops.
)doc")
      .def("parallel", [](ScheduleNode& self, const LoopRV& loop) { self.Parallel(loop); },
           py::arg("loop"),
           "Run a loop on several threads; no block below may bind a reduction variable to it.")
      .def("vectorize", [](ScheduleNode& self, const LoopRV& loop) { self.Vectorize(loop); },
           py::arg("loop"),
           "Run a loop as vector lanes; its extent must be constant and no block below may "
           "bind a reduction variable to it.")
      .def("unroll", [](ScheduleNode& self, const LoopRV& loop) { self.Unroll(loop); },
           py::arg("loop"), "Mark a loop to be unrolled.")
      .def("annotate",
           [](ScheduleNode& self, py::object block_or_loop, const std::string& ann_key,
              py::object ann_val) {
             self.Annotate(BlockOrLoop(block_or_loop, "annotate"), ann_key, FromPython(ann_val));
           },
           py::arg("block_or_loop"), py::arg("ann_key"), py::arg("ann_val"), R"doc(
Set annotation ``ann_key`` of a block or loop to ``ann_val`` (an int, float, str, list,
or an ExprRV, which is replaced by its value).
)doc")
      .def("unannotate",
           [](ScheduleNode& self, py::object block_or_loop, const std::string& ann_key) {
             self.Unannotate(BlockOrLoop(block_or_loop, "unannotate"), ann_key);
           },
           py::arg("block_or_loop"), py::arg("ann_key"),
           "Remove annotation ``ann_key`` of a block or loop; it must be present.")
      .def("sample_perfect_tile",
           [](ScheduleNode& self, const LoopRV& loop, int n, int max_innermost_factor,
              py::object decision) {
             Array<IntImm> d;
             if (!decision.is_none()) {
               std::vector<IntImm> values;
               for (py::handle v : decision) values.push_back(IntImm(DataType::Int(32), v.cast<int64_t>()));
               d = Array<IntImm>(values);
             }
             return self.SamplePerfectTile(loop, n, max_innermost_factor, d);
           },
           py::arg("loop"), py::arg("n"), py::arg("max_innermost_factor") = 16,
           py::arg("decision") = py::none(), R"doc(
Sample ``n`` tile sizes whose product is the loop's constant extent, uniformly among all
such factorizations with the innermost at most ``max_innermost_factor`` (<= 0: no bound).

Parameters
----------
loop : LoopRV
    A loop of constant extent.
n : int
    The number of factors.
max_innermost_factor : int
    The bound on the last factor.
decision : list of int, optional
    The factors to take instead of sampling.

Returns
-------
tuple of ExprRV
    The factors, outer to inner; pass them to :meth:`split`.
)doc")
      .def("sample_categorical",
           [](ScheduleNode& self, std::vector<int64_t> candidates, std::vector<double> probs,
              py::object decision) {
             std::vector<IntImm> c;
             for (int64_t v : candidates) c.push_back(IntImm(DataType::Int(32), v));
             std::vector<FloatImm> p;
             for (double v : probs) p.push_back(FloatImm(DataType::Float(64), v));
             return self.SampleCategorical(c, p, decision.is_none() ? -1 : decision.cast<int64_t>());
           },
           py::arg("candidates"), py::arg("probs"), py::arg("decision") = py::none(), R"doc(
Sample one of ``candidates`` with probabilities ``probs`` (normalized).

Parameters
----------
candidates : list of int
    The values.
probs : list of float
    One non-negative weight per candidate.
decision : int, optional
    The index to take instead of sampling.

Returns
-------
ExprRV
)doc")
      .def("enter_postproc", [](ScheduleNode& self) { self.EnterPostproc(); },
           "Mark the start of post-processing in the trace (changes no IR).")
      .def("__repr__", [](ScheduleNode& self) {
        return StrCat("Schedule(", self.trace()->insts.size(), " instructions)");
      });
}

}  // namespace

void BindSchedule(py::module_& m) {
  BindRandomVariables(m);
  BindTrace(m);
  BindScheduleClass(m, R"doc(
Transforms the loops and blocks of the PrimFuncs of a module.

The IR is immutable: each primitive builds the new function entirely and commits it, so a
primitive that raises :class:`tessel.error.ScheduleError` leaves the schedule unchanged.
Every successful call is recorded in :attr:`trace`.

Parameters
----------
mod : IRModule or PrimFunc
    What to schedule (a PrimFunc becomes the module ``{"main": func}``).
seed : int, optional
    The random seed of the sampling primitives; by default from system entropy.

Example
-------
>>> sch = Schedule(matmul)                      # doctest: +SKIP
>>> i, j, k = sch.get_loops(sch.get_block("C"))  # doctest: +SKIP
>>> io, ii = sch.split(i, [None, 32])            # doctest: +SKIP
)doc");
  BindScheduleCompute(m);
}

}  // namespace bindings
}  // namespace tessel
