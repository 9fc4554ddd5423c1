// Tensor: allocation, DLPack import/export, and element copies.
#include "tessel/runtime/tensor.h"

#include <cstdlib>
#include <cstring>
#include <functional>

#include "tessel/support/error.h"

namespace tessel {
namespace runtime {

namespace {

constexpr size_t kAllocAlignment = 64;

// Rejects a DLTensor whose shape cannot be read, before any ownership is taken.
void CheckDLTensor(const DLTensor& dl) {
  if (dl.ndim < 0 || (dl.ndim > 0 && dl.shape == nullptr)) {
    throw InvalidArgumentError(StrCat("Tensor::FromDLPack: malformed DLTensor (ndim ", dl.ndim,
                                      dl.shape == nullptr ? ", no shape)" : ")"));
  }
  for (int32_t i = 0; i < dl.ndim; ++i) {
    if (dl.shape[i] < 0) {
      throw InvalidArgumentError(
          StrCat("Tensor::FromDLPack: dimension ", i, " is ", dl.shape[i], "; extents must be >= 0"));
    }
  }
}

}  // namespace

/*!
 * The shared state of a Tensor: the DLTensor, the storage its shape/strides point into,
 * and what releases the memory (a free of our allocation or the producer's deleter).
 */
struct Tensor::Container {
  DLTensor dl{};
  std::vector<int64_t> shape;
  std::vector<int64_t> strides;  // empty when compact (dl.strides is then null)
  bool read_only = false;
  std::function<void()> release;

  Container() = default;
  Container(const Container&) = delete;
  Container& operator=(const Container&) = delete;
  ~Container() {
    if (release) release();
  }

  // Copies the producer's shape and strides into our own storage.
  void Adopt(const DLTensor& source) {
    dl = source;
    shape.assign(source.shape, source.shape + source.ndim);
    dl.shape = shape.data();
    if (source.strides != nullptr) {
      strides.assign(source.strides, source.strides + source.ndim);
      dl.strides = strides.data();
    }
  }
};

// The manager_ctx of an exported tensor: keeps the container alive until the consumer's
// deleter runs.
struct ExportContext {
  std::shared_ptr<const void> keep;
};

Tensor Tensor::Empty(const std::vector<int64_t>& shape, DLDataType dtype, DLDevice device) {
  if (device.device_type != kDLCPU) {
    throw InvalidArgumentError(StrCat("Tensor::Empty: cannot allocate on ", DeviceToString(device),
                                      "; only cpu is supported"));
  }
  if (dtype.bits == 0 || dtype.lanes == 0) {
    throw InvalidArgumentError(StrCat("Tensor::Empty: element type ", DataTypeToString(dtype),
                                      " has no size"));
  }
  int64_t numel = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] < 0) {
      throw InvalidArgumentError(
          StrCat("Tensor::Empty: dimension ", i, " is ", shape[i], "; extents must be >= 0"));
    }
    if (shape[i] != 0 && numel > INT64_MAX / 64 / shape[i]) {
      throw InvalidArgumentError("Tensor::Empty: the tensor is too large");
    }
    numel *= shape[i];
  }
  auto container = std::make_shared<Container>();
  container->shape = shape;
  size_t nbytes = static_cast<size_t>(numel * DataTypeBytes(dtype));
  // aligned_alloc needs a size that is a multiple of the alignment, and non-zero.
  size_t padded = (nbytes + kAllocAlignment - 1) / kAllocAlignment * kAllocAlignment;
  void* data = std::aligned_alloc(kAllocAlignment, padded == 0 ? kAllocAlignment : padded);
  if (data == nullptr) {
    throw InvalidArgumentError(StrCat("Tensor::Empty: cannot allocate ", nbytes, " bytes"));
  }
  container->release = [data] { std::free(data); };
  container->dl.data = data;
  container->dl.device = device;
  container->dl.ndim = static_cast<int32_t>(shape.size());
  container->dl.dtype = dtype;
  container->dl.shape = container->shape.data();
  container->dl.strides = nullptr;
  container->dl.byte_offset = 0;
  return Tensor(std::move(container));
}

Tensor Tensor::FromDLPack(DLManagedTensor* managed) {
  if (managed == nullptr) throw InvalidArgumentError("Tensor::FromDLPack: null DLManagedTensor");
  CheckDLTensor(managed->dl_tensor);
  auto container = std::make_shared<Container>();
  container->release = [managed] {
    if (managed->deleter != nullptr) managed->deleter(managed);
  };
  container->Adopt(managed->dl_tensor);
  return Tensor(std::move(container));
}

Tensor Tensor::FromDLPack(DLManagedTensorVersioned* managed) {
  if (managed == nullptr) {
    throw InvalidArgumentError("Tensor::FromDLPack: null DLManagedTensorVersioned");
  }
  if (managed->version.major != DLPACK_MAJOR_VERSION) {
    throw InvalidArgumentError(StrCat("Tensor::FromDLPack: DLPack version ",
                                      managed->version.major, ".", managed->version.minor,
                                      " is not supported (expected major version ",
                                      DLPACK_MAJOR_VERSION, ")"));
  }
  CheckDLTensor(managed->dl_tensor);
  auto container = std::make_shared<Container>();
  container->release = [managed] {
    if (managed->deleter != nullptr) managed->deleter(managed);
  };
  container->Adopt(managed->dl_tensor);
  container->read_only = (managed->flags & DLPACK_FLAG_BITMASK_READ_ONLY) != 0;
  return Tensor(std::move(container));
}

DLManagedTensor* Tensor::ToDLPack() const {
  auto* managed = new DLManagedTensor{};
  managed->dl_tensor = dltensor();
  managed->manager_ctx = new ExportContext{container_};
  managed->deleter = [](DLManagedTensor* self) {
    delete static_cast<ExportContext*>(self->manager_ctx);
    delete self;
  };
  return managed;
}

DLManagedTensorVersioned* Tensor::ToDLPackVersioned() const {
  auto* managed = new DLManagedTensorVersioned{};
  managed->version = DLPackVersion{DLPACK_MAJOR_VERSION, DLPACK_MINOR_VERSION};
  managed->dl_tensor = dltensor();
  managed->flags = read_only() ? DLPACK_FLAG_BITMASK_READ_ONLY : 0;
  managed->manager_ctx = new ExportContext{container_};
  managed->deleter = [](DLManagedTensorVersioned* self) {
    delete static_cast<ExportContext*>(self->manager_ctx);
    delete self;
  };
  return managed;
}

const DLTensor& Tensor::dltensor() const {
  TESSEL_ICHECK(defined(), "(use of an undefined Tensor)");
  return container_->dl;
}

std::vector<int64_t> Tensor::shape() const {
  const DLTensor& dl = dltensor();
  return std::vector<int64_t>(dl.shape, dl.shape + dl.ndim);
}

void* Tensor::data() const {
  const DLTensor& dl = dltensor();
  return static_cast<char*>(dl.data) + dl.byte_offset;
}

int64_t Tensor::numel() const {
  const DLTensor& dl = dltensor();
  int64_t n = 1;
  for (int32_t i = 0; i < dl.ndim; ++i) n *= dl.shape[i];
  return n;
}

int64_t Tensor::nbytes() const { return numel() * DataTypeBytes(dtype()); }

bool Tensor::IsContiguous() const {
  const DLTensor& dl = dltensor();
  if (dl.strides == nullptr) return true;
  // Without elements nothing is stepped over (producers such as numpy give them stride 0).
  for (int32_t i = 0; i < dl.ndim; ++i) {
    if (dl.shape[i] == 0) return true;
  }
  int64_t expected = 1;
  for (int32_t i = dl.ndim - 1; i >= 0; --i) {
    // A dimension of extent 1 is never stepped over, so its stride does not matter.
    if (dl.shape[i] != 1 && dl.strides[i] != expected) return false;
    expected *= dl.shape[i];
  }
  return true;
}

Tensor Tensor::View(int64_t byte_offset, const std::vector<int64_t>& shape, DLDataType dtype) const {
  auto fail = [](const std::string& why) { throw InvalidArgumentError("Tensor::View: " + why); };
  if (!IsContiguous()) fail("the base tensor is not contiguous");
  if (dtype.bits == 0 || dtype.lanes == 0) {
    fail(StrCat("element type ", DataTypeToString(dtype), " has no size"));
  }
  int64_t numel = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] < 0) fail(StrCat("dimension ", i, " is ", shape[i], "; extents must be >= 0"));
    if (shape[i] != 0 && numel > INT64_MAX / 64 / shape[i]) fail("the view is too large");
    numel *= shape[i];
  }
  int64_t bytes = numel * DataTypeBytes(dtype);
  if (byte_offset < 0 || byte_offset > nbytes() || bytes > nbytes() - byte_offset) {
    fail(StrCat(bytes, " bytes at offset ", byte_offset, " do not fit in the base tensor's ",
                nbytes(), " bytes"));
  }
  auto container = std::make_shared<Container>();
  container->shape = shape;
  container->read_only = container_->read_only;
  container->release = [base = container_] {};  // keeps the base memory alive
  container->dl = container_->dl;
  container->dl.ndim = static_cast<int32_t>(shape.size());
  container->dl.dtype = dtype;
  container->dl.shape = container->shape.data();
  container->dl.strides = nullptr;
  container->dl.byte_offset += static_cast<uint64_t>(byte_offset);
  return Tensor(std::move(container));
}

bool Tensor::read_only() const { return defined() && container_->read_only; }

void Tensor::CopyFrom(const Tensor& other) const {
  auto fail = [](const std::string& why) { throw InvalidArgumentError("Tensor::CopyFrom: " + why); };
  if (!defined() || !other.defined()) fail("undefined tensor");
  if (!DataTypeEqual(dtype(), other.dtype())) {
    fail(StrCat("dtype ", DataTypeToString(other.dtype()), " of the source differs from ",
                DataTypeToString(dtype())));
  }
  if (shape() != other.shape()) fail("the shapes differ");
  if (device().device_type != kDLCPU || other.device().device_type != kDLCPU) {
    fail("only cpu tensors can be copied");
  }
  if (!IsContiguous() || !other.IsContiguous()) fail("both tensors must be contiguous");
  if (read_only()) fail("the destination is read-only");
  if (nbytes() > 0) std::memmove(data(), other.data(), static_cast<size_t>(nbytes()));
}

}  // namespace runtime
}  // namespace tessel
