/*!
 * \file tessel/runtime/tensor.h
 * \brief Tensor: a shared, reference-counted n-dimensional array exchanged through DLPack.
 */
#ifndef TESSEL_RUNTIME_TENSOR_H_
#define TESSEL_RUNTIME_TENSOR_H_

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "tessel/runtime/data_type.h"
#include "tessel/runtime/device.h"
#include "tessel/runtime/dlpack.h"

namespace tessel {
namespace runtime {

/*!
 * \brief An n-dimensional array: a DLTensor plus shared ownership of its memory.
 *
 * Copies of a Tensor share the same memory (like a shared_ptr). The memory is either
 * allocated by Empty() or borrowed from another framework through FromDLPack(), in which
 * case the producer's deleter runs when the last copy is gone. A default-constructed
 * Tensor is undefined; every accessor other than defined() requires a defined one.
 */
class Tensor {
 public:
  /*! \brief An undefined tensor. */
  Tensor() = default;

  /*!
   * \brief Allocate an uninitialised compact row-major tensor, 64-byte aligned.
   * \param shape The extent of each dimension; each must be >= 0.
   * \param dtype The element type.
   * \param device Where to allocate; only the CPU is supported.
   * \throws InvalidArgumentError for a negative extent or a non-CPU device.
   */
  static Tensor Empty(const std::vector<int64_t>& shape, DLDataType dtype,
                      DLDevice device = CPUDevice());

  /*!
   * \brief Take ownership of a legacy DLPack tensor, without copying its data.
   *
   * The tensor calls `managed->deleter` once the last Tensor sharing it is destroyed.
   * \throws InvalidArgumentError when `managed` is null (nothing is taken then).
   */
  static Tensor FromDLPack(DLManagedTensor* managed);

  /*!
   * \brief Take ownership of a versioned DLPack tensor, without copying its data.
   * \throws InvalidArgumentError when `managed` is null or its major version is not 1
   *         (the tensor is then not taken: the caller still owns it).
   */
  static Tensor FromDLPack(DLManagedTensorVersioned* managed);

  /*!
   * \brief Export as a legacy DLPack tensor sharing this tensor's memory.
   *
   * The consumer must call the returned struct's deleter exactly once.
   */
  DLManagedTensor* ToDLPack() const;

  /*! \brief Export as a versioned (1.x) DLPack tensor sharing this tensor's memory. */
  DLManagedTensorVersioned* ToDLPackVersioned() const;

  /*! \brief Whether this tensor refers to memory. */
  bool defined() const { return static_cast<bool>(container_); }
  /*! \brief The underlying DLTensor (valid while this tensor, or a copy, lives). */
  const DLTensor& dltensor() const;
  /*! \brief The number of dimensions. */
  int32_t ndim() const { return dltensor().ndim; }
  /*! \brief The extent of each dimension. */
  std::vector<int64_t> shape() const;
  /*! \brief The element type. */
  DLDataType dtype() const { return dltensor().dtype; }
  /*! \brief Where the memory lives. */
  DLDevice device() const { return dltensor().device; }
  /*! \brief The address of the first element (data + byte_offset). */
  void* data() const;
  /*! \brief The number of elements (the product of the shape; 1 for rank 0). */
  int64_t numel() const;
  /*! \brief The bytes of the elements: numel() * bytes per element. */
  int64_t nbytes() const;
  /*! \brief Whether the elements are laid out compact and row-major. */
  bool IsContiguous() const;
  /*! \brief Whether the producer marked the memory read-only (DLPack flag). */
  bool read_only() const;

  /*!
   * \brief Copy the elements of `other` into this tensor.
   * \throws InvalidArgumentError when the dtypes or shapes differ, either tensor is not
   *         contiguous or not on the CPU, or this tensor is read-only.
   */
  void CopyFrom(const Tensor& other) const;

  /*!
   * \brief A compact tensor of `shape` and `dtype` over this tensor's memory, starting
   *        `byte_offset` bytes in; it shares ownership of the memory (the VM places tensors
   *        inside planned storage this way).
   * \throws InvalidArgumentError when this tensor is not contiguous, the offset is negative
   *         or the view's bytes do not fit inside this tensor's.
   */
  Tensor View(int64_t byte_offset, const std::vector<int64_t>& shape, DLDataType dtype) const;

  /*! \brief Whether two handles share the same tensor object. */
  bool same_as(const Tensor& other) const { return container_ == other.container_; }

 private:
  struct Container;
  explicit Tensor(std::shared_ptr<Container> container) : container_(std::move(container)) {}
  std::shared_ptr<Container> container_;
};

}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_RUNTIME_TENSOR_H_
