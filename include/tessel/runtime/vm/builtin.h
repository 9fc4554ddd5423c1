/*!
 * \file tessel/runtime/vm/builtin.h
 * \brief The names of the VM builtins: PackedFuncs of the global registry that the
 *        compiled bytecode calls for checks, shapes, tuples, control flow and memory.
 *
 * All are registered by libtessel_runtime. Check failures raise ExecutionError whose message
 * starts with the err_ctx argument, which names the function and parameter, e.g.
 * `main: argument x: expected dtype float32, but found float16`. "PrimValue" arguments are
 * ints (immediates); strings are constants.
 */
#ifndef TESSEL_RUNTIME_VM_BUILTIN_H_
#define TESSEL_RUNTIME_VM_BUILTIN_H_

namespace tessel {
namespace runtime {
namespace vm {
namespace builtin {

/*!
 * \brief `check_tensor_info(t, ndim, dtype, err_ctx)`: t is a Tensor of rank ndim (-1: any)
 *        and dtype (the string; "" = any).
 */
constexpr const char* kCheckTensorInfo = "vm.builtin.check_tensor_info";
/*! \brief `check_shape_info(s, ndim, err_ctx)`: s is a ShapeTuple of ndim dimensions (-1: any). */
constexpr const char* kCheckShapeInfo = "vm.builtin.check_shape_info";
/*! \brief `check_tuple_info(t, size, err_ctx)`: t is a tuple of `size` fields (-1: any). */
constexpr const char* kCheckTupleInfo = "vm.builtin.check_tuple_info";
/*! \brief `alloc_shape_heap(size)`: a fresh int64 Tensor of `size` slots for symbolic dimensions. */
constexpr const char* kAllocShapeHeap = "vm.builtin.alloc_shape_heap";
/*!
 * \brief `match_shape(value, heap, ndim, (code, v) * ndim, err_ctx)`: for each dimension of
 *        value (a Tensor's shape or a ShapeTuple): code 0 = no check, 1 = store the dim in
 *        heap[v], 2 = assert dim == v, 3 = assert dim == heap[v]; returns none.
 */
constexpr const char* kMatchShape = "vm.builtin.match_shape";
/*! \brief `make_shape(heap, ndim, (code, v) * ndim)`: a ShapeTuple; code 0 = v, 1 = heap[v]. */
constexpr const char* kMakeShape = "vm.builtin.make_shape";
/*! \brief `make_prim_value(heap, code, v)`: an int; code 0 = v, 1 = heap[v]. */
constexpr const char* kMakePrimValue = "vm.builtin.make_prim_value";
/*! \brief `make_tuple(fields...)`: a tuple (a list Any). */
constexpr const char* kMakeTuple = "vm.builtin.make_tuple";
/*! \brief `tuple_getitem(tuple, index)`: one field. */
constexpr const char* kTupleGetItem = "vm.builtin.tuple_getitem";
/*!
 * \brief `read_if_cond(cond)`: the truth of a bool, an int, or a one-element Tensor (bool,
 *        int, uint or float), for the If instruction.
 */
constexpr const char* kReadIfCond = "vm.builtin.read_if_cond";
/*! \brief `copy(value)`: the value itself (moves a branch's result into the If's register). */
constexpr const char* kCopy = "vm.builtin.copy";
/*!
 * \brief `alloc_storage(size, device_index, dtype)`: storage of size[0] bytes (size a
 *        one-dimensional ShapeTuple), returned as a uint8 Tensor; dtype is informative.
 */
constexpr const char* kAllocStorage = "vm.builtin.alloc_storage";
/*!
 * \brief `alloc_tensor(storage, offset, shape, dtype)`: a compact Tensor inside storage,
 *        starting `offset` bytes in (shares the storage's memory).
 */
constexpr const char* kAllocTensor = "vm.builtin.alloc_tensor";
/*! \brief `empty(shape, dtype, device_index)`: a fresh Tensor (memory not planned). */
constexpr const char* kEmpty = "vm.builtin.empty";

}  // namespace builtin
}  // namespace vm
}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_RUNTIME_VM_BUILTIN_H_
