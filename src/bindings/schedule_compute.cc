// Bindings of the block-level schedule primitives: compute_at, reverse_compute_at,
// compute_inline, reverse_compute_inline, cache_read and cache_write.
#include "common.h"
#include "tessel/tir/schedule/schedule.h"

namespace tessel {
namespace bindings {

using tir::schedule::BlockRV;
using tir::schedule::LoopRV;
using tir::schedule::ScheduleNode;

void BindScheduleCompute(py::module_& m) {
  auto cls = py::reinterpret_borrow<NodeClass<ScheduleNode, ir::Object>>(m.attr("Schedule"));
  cls.def("compute_at",
          [](ScheduleNode& self, const BlockRV& block, const LoopRV& loop, bool preserve) {
            self.ComputeAt(block, loop, preserve);
          },
          py::arg("block"), py::arg("loop"), py::arg("preserve_unit_loops") = false, R"doc(
Move a producer block under a loop of its consumers.

The block leaves its loops and is placed under ``loop``, before the first statement that
holds a consumer, in new loops ``ax0, ax1, ...`` that cover exactly the region of its
outputs the consumers under ``loop`` read in one iteration of it.

Parameters
----------
block : BlockRV
    The producer; it must not write a parameter of the function nor have a predicate.
loop : LoopRV
    A loop of the same block scope, after the block, holding a consumer.
preserve_unit_loops : bool
    Whether loops of extent 1 are generated too.

Raises
------
tessel.error.ScheduleError
    For an output block, a block already under ``loop``, a block that is not a producer
    of any block under ``loop``, a consumer outside ``loop``, or a consumer access that
    is not affine in the loops.
)doc")
      .def("reverse_compute_at",
           [](ScheduleNode& self, const BlockRV& block, const LoopRV& loop, bool preserve) {
             self.ReverseComputeAt(block, loop, preserve);
           },
           py::arg("block"), py::arg("loop"), py::arg("preserve_unit_loops") = false, R"doc(
Move a consumer block under a loop of its producers, after the last statement that holds
a producer, in new loops covering exactly the region those producers write in one
iteration of ``loop``.

Parameters
----------
block : BlockRV
    The consumer.
loop : LoopRV
    A loop of the same block scope, before the block, holding a producer.
preserve_unit_loops : bool
    Whether loops of extent 1 are generated too.

Raises
------
tessel.error.ScheduleError
    For a block already under ``loop``, a block that is not a consumer of any block under
    ``loop``, a producer outside ``loop`` after it or of the same buffer, or an access
    that is not affine in the loops.
)doc")
      .def("compute_inline",
           [](ScheduleNode& self, const BlockRV& block) { self.ComputeInline(block); },
           py::arg("block"), R"doc(
Inline a spatial block ``B[v0, v1, ...] = f(...)`` into its consumers: every load
``B[e0, e1, ...]`` becomes ``f`` with ``v_i := e_i``; the block and the buffer go.

Raises
------
tessel.error.ScheduleError
    For a reduction block, a body other than one store, a block writing a parameter of
    the function, store indices that are not distinct iteration variables, or a buffer
    another block also writes.
)doc")
      .def("reverse_compute_inline",
           [](ScheduleNode& self, const BlockRV& block) { self.ReverseComputeInline(block); },
           py::arg("block"), R"doc(
Inline a consumer block ``C[g(u)] = h(B[u0, u1, ...], ...)`` into the single producer of
``B``: the producer becomes ``C[g(u := its indices)] = h(its value, ...)``; the consumer
and ``B`` go.

Raises
------
tessel.error.ScheduleError
    For a reduction or multi-store consumer, loads of ``B`` not indexed by the same
    distinct iteration variables (all of them), a ``B`` without exactly one single-store
    spatial producer, a ``B`` that is a parameter, or another reader of ``B``.
)doc")
      .def("cache_read",
           [](ScheduleNode& self, const BlockRV& block, int read_buffer_index,
              const std::string& storage_scope) {
             return self.CacheRead(block, read_buffer_index, storage_scope);
           },
           py::arg("block"), py::arg("read_buffer_index"), py::arg("storage_scope"), R"doc(
Read a buffer through a copy ``<name>_<storage_scope>`` (such as ``A_global``).

A new block of that name copies the region of the buffer its readers in the scope read,
before the first of them; every reader then reads the copy, which the enclosing block
allocates (a ``"root"`` block is made when the function has none). Use
:meth:`compute_at` to move the copy next to its readers (packing a GEMM operand).

Parameters
----------
block : BlockRV
    A block reading the buffer.
read_buffer_index : int
    The index of the buffer in the block's reads.
storage_scope : str
    The scope of the copy: ``"global"``, ``"local"``, ...

Returns
-------
BlockRV
    The copy block.
)doc")
      .def("cache_write",
           [](ScheduleNode& self, const BlockRV& block, int write_buffer_index,
              const std::string& storage_scope) {
             return self.CacheWrite(block, write_buffer_index, storage_scope);
           },
           py::arg("block"), py::arg("write_buffer_index"), py::arg("storage_scope"), R"doc(
Write a buffer through a copy ``<name>_<storage_scope>`` (such as ``C_local``).

The block writes the copy instead, and a new block of that name, after the block's loop
nest, copies the region written back. Use :meth:`reverse_compute_at` to move it under a
tile loop (a GEMM tile kept in registers).

Parameters
----------
block : BlockRV
    The block writing the buffer.
write_buffer_index : int
    The index of the buffer in the block's writes.
storage_scope : str
    The scope of the copy.

Returns
-------
BlockRV
    The copy block.
)doc");
}

}  // namespace bindings
}  // namespace tessel
