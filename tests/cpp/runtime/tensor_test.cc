// Tensor: allocation, alignment, DLPack round trips, copies; data type and device names.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

#include "tessel/runtime/data_type.h"
#include "tessel/runtime/device.h"
#include "tessel/runtime/tensor.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {
namespace {

const DLDataType kFloat32{kDLFloat, 32, 1};

TEST(RuntimeTensor, EmptyIsAlignedAndDescribed) {
  Tensor t = Tensor::Empty({2, 3, 5}, kFloat32);
  ASSERT_TRUE(t.defined());
  EXPECT_EQ(reinterpret_cast<uintptr_t>(t.data()) % 64, 0u);
  EXPECT_EQ(t.ndim(), 3);
  EXPECT_EQ(t.shape(), (std::vector<int64_t>{2, 3, 5}));
  EXPECT_EQ(t.numel(), 30);
  EXPECT_EQ(t.nbytes(), 120);
  EXPECT_TRUE(t.IsContiguous());
  EXPECT_TRUE(DeviceEqual(t.device(), CPUDevice()));
  EXPECT_EQ(DataTypeToString(t.dtype()), "float32");
  std::memset(t.data(), 0, t.nbytes());  // the whole extent is writable

  Tensor scalar = Tensor::Empty({}, DLDataType{kDLInt, 64, 1});
  EXPECT_EQ(scalar.numel(), 1);
  Tensor none = Tensor::Empty({0, 4}, kFloat32);
  EXPECT_EQ(none.nbytes(), 0);
}

TEST(RuntimeTensor, EmptyRejectsBadArguments) {
  EXPECT_THROW(Tensor::Empty({2, -1}, kFloat32), InvalidArgumentError);
  EXPECT_THROW(Tensor::Empty({2}, kFloat32, DLDevice{kDLCUDA, 0}), InvalidArgumentError);
  try {
    Tensor::Empty({2, -1}, kFloat32);
  } catch (const InvalidArgumentError& e) {
    EXPECT_STREQ(e.what(), "Tensor::Empty: dimension 1 is -1; extents must be >= 0");
  }
}

TEST(RuntimeTensor, CopiesShareMemory) {
  Tensor a = Tensor::Empty({4}, kFloat32);
  Tensor b = a;
  EXPECT_TRUE(a.same_as(b));
  static_cast<float*>(a.data())[2] = 7.f;
  EXPECT_EQ(static_cast<float*>(b.data())[2], 7.f);
}

TEST(RuntimeTensor, LegacyDLPackRoundTripIsZeroCopy) {
  Tensor a = Tensor::Empty({3, 4}, kFloat32);
  DLManagedTensor* managed = a.ToDLPack();
  EXPECT_EQ(managed->dl_tensor.data, a.data());
  EXPECT_EQ(managed->dl_tensor.ndim, 2);
  EXPECT_EQ(managed->dl_tensor.shape[1], 4);
  Tensor b = Tensor::FromDLPack(managed);  // b now owns managed and calls its deleter
  EXPECT_EQ(b.data(), a.data());
  EXPECT_EQ(b.shape(), a.shape());
  a = Tensor();  // the memory stays alive through b
  static_cast<float*>(b.data())[11] = 1.f;
}

TEST(RuntimeTensor, VersionedDLPackRoundTripKeepsFlags) {
  Tensor a = Tensor::Empty({5}, DLDataType{kDLUInt, 8, 1});
  DLManagedTensorVersioned* managed = a.ToDLPackVersioned();
  EXPECT_EQ(managed->version.major, 1u);
  EXPECT_EQ(managed->flags, 0u);
  managed->flags |= DLPACK_FLAG_BITMASK_READ_ONLY;
  Tensor b = Tensor::FromDLPack(managed);
  EXPECT_TRUE(b.read_only());
  EXPECT_EQ(b.data(), a.data());
  DLManagedTensorVersioned* again = b.ToDLPackVersioned();
  EXPECT_EQ(again->flags & DLPACK_FLAG_BITMASK_READ_ONLY, DLPACK_FLAG_BITMASK_READ_ONLY);
  again->deleter(again);
  EXPECT_THROW(b.CopyFrom(a), InvalidArgumentError);
}

TEST(RuntimeTensor, ForeignDeleterRunsOnceWhenLastCopyDies) {
  static int deleted = 0;
  static int64_t shape[2] = {2, 2};
  static int64_t strides[2] = {1, 2};  // column-major: not contiguous
  static float storage[4];
  auto* managed = new DLManagedTensor{};
  managed->dl_tensor = DLTensor{storage, CPUDevice(), 2, kFloat32, shape, strides, 0};
  managed->deleter = [](DLManagedTensor* self) {
    ++deleted;
    delete self;
  };
  {
    Tensor t = Tensor::FromDLPack(managed);
    Tensor copy = t;
    EXPECT_FALSE(t.IsContiguous());
    Tensor dst = Tensor::Empty({2, 2}, kFloat32);
    EXPECT_THROW(dst.CopyFrom(t), InvalidArgumentError);
  }
  EXPECT_EQ(deleted, 1);
}

TEST(RuntimeTensor, ForeignTensorWithoutElementsIsContiguousWhateverItsStrides) {
  static int64_t shape[2] = {0, 3};
  static int64_t strides[2] = {0, 0};  // what numpy exports for an empty array
  auto* managed = new DLManagedTensor{};
  managed->dl_tensor = DLTensor{nullptr, CPUDevice(), 2, kFloat32, shape, strides, 0};
  managed->deleter = [](DLManagedTensor* self) { delete self; };
  EXPECT_TRUE(Tensor::FromDLPack(managed).IsContiguous());
}

TEST(RuntimeTensor, VersionedImportRejectsOtherMajorVersions) {
  DLManagedTensorVersioned managed{};
  managed.version = DLPackVersion{2, 0};
  try {
    Tensor::FromDLPack(&managed);
    FAIL() << "no error";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("DLPack version 2.0 is not supported"), std::string::npos);
  }
  EXPECT_THROW(Tensor::FromDLPack(static_cast<DLManagedTensor*>(nullptr)), InvalidArgumentError);
  // Malformed tensors are rejected without taking ownership (nothing is deleted).
  DLManagedTensor bad{};
  bad.dl_tensor.ndim = 2;
  EXPECT_THROW(Tensor::FromDLPack(&bad), InvalidArgumentError);
  int64_t negative[1] = {-3};
  bad.dl_tensor.ndim = 1;
  bad.dl_tensor.shape = negative;
  EXPECT_THROW(Tensor::FromDLPack(&bad), InvalidArgumentError);
}

TEST(RuntimeTensor, CopyFromChecksAndCopies) {
  Tensor a = Tensor::Empty({3}, kFloat32);
  Tensor b = Tensor::Empty({3}, kFloat32);
  float* pa = static_cast<float*>(a.data());
  for (int i = 0; i < 3; ++i) pa[i] = static_cast<float>(i) + 0.5f;
  b.CopyFrom(a);
  EXPECT_EQ(static_cast<float*>(b.data())[2], 2.5f);
  EXPECT_THROW(b.CopyFrom(Tensor::Empty({4}, kFloat32)), InvalidArgumentError);
  EXPECT_THROW(b.CopyFrom(Tensor::Empty({3}, DLDataType{kDLInt, 32, 1})), InvalidArgumentError);
}

TEST(RuntimeDataType, NamesRoundTrip) {
  for (const char* name : {"float32", "float16", "float64", "int8", "int32", "int64", "uint8",
                           "uint1", "bfloat16", "bool", "float32x4", "int8x16"}) {
    EXPECT_EQ(DataTypeToString(DataTypeFromString(name)), name);
  }
  DLDataType b = DataTypeFromString("bool");
  EXPECT_EQ(b.code, kDLBool);
  EXPECT_EQ(b.bits, 8);
  EXPECT_EQ(DataTypeBytes(DataTypeFromString("float32x4")), 16);
  for (const char* bad : {"", "float", "floaty32", "int32x", "int0", "float32x0", "complex"}) {
    EXPECT_THROW(DataTypeFromString(bad), InvalidArgumentError) << bad;
  }
}

TEST(RuntimeDevice, Names) {
  EXPECT_EQ(DeviceToString(CPUDevice()), "cpu(0)");
  EXPECT_EQ(DeviceToString(DLDevice{kDLCUDA, 1}), "cuda(1)");
}

}  // namespace
}  // namespace runtime
}  // namespace tessel
