// Bindings of the reduction, layout and tensorization primitives of tessel::tir::schedule
// (methods added to the Schedule class of schedule.cc) and of TensorIntrin.
#include "common.h"
#include "tessel/tir/schedule/schedule.h"
#include "tessel/tir/schedule/tensor_intrin.h"

namespace tessel {
namespace bindings {

namespace {

using namespace tir;            // NOLINT(build/namespaces)
using namespace tir::schedule;  // NOLINT(build/namespaces)

// An index map given as a Python function of the old indices (one Var per parameter,
// named after it, of the buffer's index type) returning the new indices.
std::pair<Array<Var>, Array<PrimExpr>> IndexMap(const py::function& index_map, DataType index_type) {
  py::object inspect = py::module_::import("inspect");
  py::object params = inspect.attr("signature")(index_map).attr("parameters");
  Array<Var> src;
  py::list args;
  for (py::handle name : params) {
    Var var(name.cast<std::string>(), index_type);
    src = src.Append(var);
    args.append(py::cast(var));
  }
  py::object result = index_map(*args);
  Array<PrimExpr> dst;
  if (py::isinstance<py::tuple>(result) || py::isinstance<py::list>(result)) {
    for (py::handle item : result) dst = dst.Append(PrimExpr(FromPython(item).data()));
  } else {
    dst = dst.Append(PrimExpr(FromPython(result).data()));
  }
  return {src, dst};
}

// A block_or_loop argument: a BlockRV or a LoopRV.
ObjectRef BlockOrLoop(py::handle value, const char* primitive) {
  if (py::isinstance<BlockRVNode>(value) || py::isinstance<LoopRVNode>(value)) {
    return value.cast<ObjectRef>();
  }
  throw ScheduleError(StrCat(primitive, ": expected a BlockRV or LoopRV, found a ",
                             py::str(py::type::of(value).attr("__name__")).cast<std::string>()));
}

void BindTensorIntrin(py::module_& m) {
  NodeClass<TensorIntrinNode, ir::Object>(m, "TensorIntrin", R"doc(
A tensor intrinsic: a description PrimFunc of a small computation and an implementation
PrimFunc with the same buffer parameters (same order, dtypes and shapes) that computes it
with other instructions. :meth:`Schedule.tensorize` matches a block against ``desc`` and
substitutes ``impl``.

Built in: ``"x86_avx512_fma_f32x16"`` (``C[i] += A[0] * B[i]`` for 16 float32 lanes, as one
vector ``T.fma``) and ``"x86_avx512_zero_f32x16"`` (``C[i] = 0`` for 16 float32 lanes).

Fields: ``desc``, ``impl``.
)doc")
      .def(py::init([](const PrimFunc& desc, const PrimFunc& impl) {
             return NodePtr<TensorIntrinNode>(TensorIntrin(desc, impl));
           }),
           py::arg("desc"), py::arg("impl"))
      .def_static(
          "register",
          [](const std::string& name, const PrimFunc& desc, const PrimFunc& impl,
             bool override_existing) {
            TensorIntrin::Register(name, TensorIntrin(desc, impl), override_existing);
          },
          py::arg("name"), py::arg("desc"), py::arg("impl"), py::arg("override") = false, R"doc(
Register a tensor intrinsic under ``name``.

Parameters
----------
name : str
    The name :meth:`Schedule.tensorize` takes.
desc : PrimFunc
    The computation: loops and one block over the buffer parameters.
impl : PrimFunc
    The same computation with the instructions to use, same buffer parameters.
override : bool
    Replace an intrinsic already registered under ``name`` instead of raising.
)doc")
      .def_static("get", [](const std::string& name) { return TensorIntrin::Get(name); },
                  py::arg("name"), "The intrinsic registered under ``name``.")
      .def_static("list_names", []() { return TensorIntrin::ListNames(); },
                  "The names of the registered intrinsics, sorted.");
}

}  // namespace

void BindScheduleLayout(py::module_& m) {
  BindTensorIntrin(m);
  auto cls = py::reinterpret_borrow<NodeClass<ScheduleNode, ir::Object>>(m.attr("Schedule"));
  cls.def("decompose_reduction",
          [](ScheduleNode& self, const BlockRV& block, const LoopRV& loop) {
            return self.DecomposeReduction(block, loop);
          },
          py::arg("block"), py::arg("loop"), R"doc(
Split a reduction block into an init block ``<name>_init`` placed right before ``loop`` and
the update block (the block without its init).

The init block gets its own copies (``<var>_init``) of the loops between ``loop`` and the
block that its spatial bindings use.

Parameters
----------
block : BlockRV
    A block with an init.
loop : LoopRV
    A loop above the block and above every loop its reduction variables are bound to.

Returns
-------
BlockRV
    The init block.
)doc")
      .def("rfactor",
           [](ScheduleNode& self, const LoopRV& loop, int factor_axis) {
             return self.RFactor(loop, factor_axis);
           },
           py::arg("loop"), py::arg("factor_axis"), R"doc(
Factorize the reduction of the block under ``loop`` over that loop.

The block ``C`` becomes ``C_rf``, which reduces into a new buffer ``<buffer>_rf`` with the
loop's extent inserted as dimension ``factor_axis`` (allocated in the root block); a
write-back block ``C`` after the loop nest reduces it over that axis into the original
buffer. The reduction must be ``C[i] = C[i] op x`` for ``op`` one of ``+``, ``*``,
``max``, ``min``.

Parameters
----------
loop : LoopRV
    A loop bound only to reduction variables.
factor_axis : int
    Where the new dimension goes, in ``[-(ndim + 1), ndim]``.

Returns
-------
BlockRV
    The ``C_rf`` block.
)doc")
      .def("transform_layout",
           [](ScheduleNode& self, const BlockRV& block, int buffer_index,
              const std::string& buffer_index_type, const py::function& index_map) {
             // Relax-made kernels index with int64: the map's variables follow the buffer.
             Block b = self.Get(block);
             const Array<BufferRegion>& regions = buffer_index_type == "read" ? b->reads : b->writes;
             DataType index_type = DataType::Int(32);
             if (buffer_index >= 0 && static_cast<size_t>(buffer_index) < regions.size() &&
                 !regions[buffer_index]->buffer->shape.empty()) {
               index_type = regions[buffer_index]->buffer->shape[0].dtype();
             }
             auto [src, dst] = IndexMap(index_map, index_type);
             self.TransformLayout(block, buffer_index, buffer_index_type, src, dst);
           },
           py::arg("block"), py::arg("buffer_index"), py::arg("buffer_index_type"),
           py::arg("index_map"), R"doc(
Change the layout of a buffer the block reads or writes: the element at the old indices
moves to ``index_map(*old)``.

The buffer's shape becomes the range of the map, and every access to it in the function
(loads, stores, block regions, allocations, the function's buffer parameters) is
rewritten. The map must be a bijection of the (constant) old shape onto the new one.

Parameters
----------
block : BlockRV
    A block that accesses the buffer.
buffer_index : int
    The index in the block's reads or writes.
buffer_index_type : str
    ``"read"`` or ``"write"``.
index_map : callable
    One parameter per dimension, returning the new indices, such as
    ``lambda k, j: (j // 16, k, j % 16)``.
)doc")
      .def("storage_align",
           [](ScheduleNode& self, const BlockRV& block, int buffer_index, int axis, int factor,
              int offset) { self.StorageAlign(block, buffer_index, axis, factor, offset); },
           py::arg("block"), py::arg("buffer_index"), py::arg("axis"), py::arg("factor"),
           py::arg("offset"), R"doc(
Ask for dimension ``axis`` of the ``buffer_index``-th buffer the block writes to have a
stride ``s`` with ``s % factor == offset``. It is recorded in the block annotation
``"buffer_dim_align"`` as a list of ``[buffer_index, axis, factor, offset]`` (a later call
for the same buffer and axis replaces the entry).

Parameters
----------
block : BlockRV
    The block that writes the buffer.
buffer_index : int
    The index in the block's writes.
axis : int
    The dimension, in ``[-ndim, ndim)``.
factor : int
    A positive stride factor.
offset : int
    The wanted remainder.
)doc")
      .def("blockize", [](ScheduleNode& self, const LoopRV& loop) { return self.Blockize(loop); },
           py::arg("loop"), R"doc(
Make the loops from ``loop`` down, with the one block under them, the body of a new outer
block ``<name>_o``.

Each binding is divided into an outer part (a variable of the outer block) and an inner
part (a new variable of the inner block); the outer block reads and writes the union of
the inner block's regions. When a reduction variable steps outside ``loop``, the block's
init moves into the outer block's init (a block ``<name>_init`` over the inner spatial
variables).

Parameters
----------
loop : LoopRV
    The top of a single chain of loops over one block.

Returns
-------
BlockRV
    The outer block.
)doc")
      .def("tensorize",
           [](ScheduleNode& self, py::handle block_or_loop, const std::string& tensor_intrin) {
             self.Tensorize(BlockOrLoop(block_or_loop, "tensorize"), tensor_intrin);
           },
           py::arg("block_or_loop"), py::arg("tensor_intrin"), R"doc(
Replace a block's body by a registered :class:`TensorIntrin` (a loop is blockized first).

The body must match the intrinsic's description: the same loops, block iteration
variables, operators and constants, each description buffer standing for a buffer of the
block indexed at a fixed offset in its trailing dimensions. The implementation is then
instantiated with those buffers and offsets.

Parameters
----------
block_or_loop : BlockRV or LoopRV
    The block, or a loop to blockize.
tensor_intrin : str
    The intrinsic's registered name.
)doc");
}

}  // namespace bindings
}  // namespace tessel
