// Kernel metadata parsing and WrapKernel's argument checks, with an in-process kernel.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tessel/runtime/c_backend_api.h"
#include "tessel/runtime/kernel.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {
namespace {

const char* kMatmulMetadata = R"({"format": "tessel.kernels", "version": 1,
  "functions": [
    {"name": "matmul",
     "params": [{"name": "A", "kind": "tensor", "dtype": "float32", "shape": [128, "n"]},
                {"name": "B", "kind": "tensor", "dtype": "float32", "shape": ["n", "m"]},
                {"name": "alpha", "kind": "scalar", "dtype": "float32"},
                {"name": "m", "kind": "scalar", "dtype": "int32"}],
     "shape_vars": ["n"]}]})";

TEST(RuntimeKernelMetadata, Parses) {
  std::vector<KernelInfo> kernels = ParseKernelMetadata(kMatmulMetadata);
  ASSERT_EQ(kernels.size(), 1u);
  const KernelInfo& info = kernels[0];
  EXPECT_EQ(info.name, "matmul");
  ASSERT_EQ(info.params.size(), 4u);
  EXPECT_TRUE(info.params[0].is_tensor);
  EXPECT_EQ(std::get<int64_t>(info.params[0].shape[0]), 128);
  EXPECT_EQ(std::get<std::string>(info.params[0].shape[1]), "n");
  EXPECT_FALSE(info.params[2].is_tensor);
  EXPECT_EQ(info.params[2].dtype.code, kDLFloat);
  EXPECT_EQ(info.params[3].dtype.bits, 32);
  EXPECT_EQ(info.shape_vars, std::vector<std::string>{"n"});
}

std::string MetadataError(const std::string& functions) {
  try {
    ParseKernelMetadata(R"({"format": "tessel.kernels", "version": 1, "functions": )" + functions +
                        "}");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(RuntimeKernelMetadata, RejectsBadMetadata) {
  EXPECT_THROW(ParseKernelMetadata("{\"format\": "), ParseError);
  EXPECT_THROW(ParseKernelMetadata(R"({"format": "other", "version": 1, "functions": []})"),
               InvalidArgumentError);
  EXPECT_THROW(ParseKernelMetadata(R"({"format": "tessel.kernels", "version": 2, "functions": []})"),
               InvalidArgumentError);
  EXPECT_EQ(MetadataError(R"([{"name": "f", "params": [{"name": "x", "kind": "vector", "dtype": "int32"}]}])"),
            "kernel metadata: function 'f': parameter 'x': kind is \"vector\"; expected \"tensor\" "
            "or \"scalar\"");
  EXPECT_EQ(MetadataError(R"([{"name": "f", "params": [{"name": "A", "kind": "tensor", "dtype": "float32", "shape": ["k"]}]}])"),
            "kernel metadata: function 'f': parameter 'A': dimension 'k' is neither a shape var "
            "nor an int scalar parameter");
  EXPECT_EQ(MetadataError(R"([{"name": "f", "params": [], "shape_vars": ["k"]}])"),
            "kernel metadata: function 'f': shape var 'k' is not a dimension of any tensor");
  EXPECT_EQ(MetadataError(R"([{"name": "f", "params": [{"name": "A", "kind": "tensor", "dtype": "float32", "shape": [-1]}]}])"),
            "kernel metadata: function 'f': parameter 'A': dimension -1 is neither an integer >= 0 "
            "nor a name");
  EXPECT_EQ(MetadataError(R"([{"name": "f", "params": [{"name": "A", "kind": "tensor", "dtype": "float32", "shape": []},
                                                         {"name": "A", "kind": "scalar", "dtype": "int32"}]}])"),
            "kernel metadata: function 'f': duplicate parameter name 'A'");
  EXPECT_EQ(MetadataError(R"([{"name": "f", "params": [{"name": "x", "kind": "scalar", "dtype": "floaty"}]}])"),
            "kernel metadata: function 'f': 'floaty' is not an element type (expected a name such "
            "as float32, int64, uint8, bfloat16, bool or float32x4)");
  EXPECT_EQ(MetadataError(R"([{"name": "f", "params": []}, {"name": "f", "params": []}])"),
            "kernel metadata: duplicate function 'f'");
  EXPECT_EQ(MetadataError(R"([{"params": []}])"), "kernel metadata: JSON object has no key \"name\"");
  EXPECT_EQ(MetadataError(R"({})"), "kernel metadata: expected a JSON array, but found an object");
  // A float scalar cannot be a dimension.
  EXPECT_NE(MetadataError(R"([{"name": "f", "params": [{"name": "A", "kind": "tensor", "dtype": "float32", "shape": ["s"]},
                                                         {"name": "s", "kind": "scalar", "dtype": "float32"}]}])")
                .find("'s' is neither a shape var nor an int scalar"),
            std::string::npos);
}

// The last call's packed arguments, recorded by RecordingKernel.
std::vector<TesselValue> last_args;

int32_t RecordingKernel(TesselValue* args, int32_t num_args) {
  last_args.assign(args, args + num_args);
  return 0;
}

int32_t FailingKernel(TesselValue*, int32_t) {
  TesselBackendSetError("no workspace left");
  return 3;
}

int32_t SilentFailingKernel(TesselValue*, int32_t) { return 2; }

class RuntimeWrapKernel : public ::testing::Test {
 protected:
  RuntimeWrapKernel()
      : matmul_(WrapKernel(RecordingKernel, ParseKernelMetadata(kMatmulMetadata)[0], nullptr)) {}

  static Tensor F32(std::vector<int64_t> shape) {
    return Tensor::Empty(shape, DLDataType{kDLFloat, 32, 1});
  }

  std::string Error(const std::vector<Any>& args) const {
    try {
      matmul_(args);
    } catch (const InvalidArgumentError& e) {
      return e.what();
    }
    return "no error";
  }

  PackedFunc matmul_;
};

TEST_F(RuntimeWrapKernel, PacksParamsThenShapeVars) {
  Tensor a = F32({128, 7});
  Tensor b = F32({7, 5});
  EXPECT_TRUE(matmul_({a, b, 0.5, 5}).is_none());
  ASSERT_EQ(last_args.size(), 5u);
  EXPECT_EQ(last_args[0].v_handle, a.data());
  EXPECT_EQ(last_args[1].v_handle, b.data());
  EXPECT_EQ(last_args[2].v_float64, 0.5);
  EXPECT_EQ(last_args[3].v_int64, 5);
  EXPECT_EQ(last_args[4].v_int64, 7);  // n
  matmul_({a, b, 2, 5});  // an int is accepted for a float scalar
  EXPECT_EQ(last_args[2].v_float64, 2.0);
}

TEST_F(RuntimeWrapKernel, ChecksCount) {
  EXPECT_EQ(Error({F32({128, 7})}), "matmul: expected 4 arguments (A, B, alpha, m), but got 1");
}

TEST_F(RuntimeWrapKernel, ChecksTensorKind) {
  EXPECT_EQ(Error({3, F32({7, 5}), 1.0, 5}),
            "matmul: argument A: expected a Tensor, but found int 3");
}

TEST_F(RuntimeWrapKernel, ChecksDevice) {
  Tensor a = F32({128, 7});
  DLManagedTensor* managed = a.ToDLPack();
  managed->dl_tensor.device = DLDevice{kDLCUDA, 0};
  Tensor on_gpu = Tensor::FromDLPack(managed);
  EXPECT_EQ(Error({on_gpu, F32({7, 5}), 1.0, 5}),
            "matmul: argument A: expected a tensor on cpu, but found one on cuda(0)");
}

TEST_F(RuntimeWrapKernel, ChecksDtype) {
  Tensor b = Tensor::Empty({7, 5}, DLDataType{kDLFloat, 64, 1});
  EXPECT_EQ(Error({F32({128, 7}), b, 1.0, 5}),
            "matmul: argument B: expected dtype float32, but found float64");
}

TEST_F(RuntimeWrapKernel, ChecksRank) {
  EXPECT_EQ(Error({F32({128, 7, 1}), F32({7, 5}), 1.0, 5}),
            "matmul: argument A: expected rank 2, but found rank 3");
}

TEST_F(RuntimeWrapKernel, ChecksFixedDims) {
  EXPECT_EQ(Error({F32({64, 7}), F32({7, 5}), 1.0, 5}),
            "matmul: argument A: dimension 0 is 64, but expected 128");
}

TEST_F(RuntimeWrapKernel, ChecksSymbolicDimsAcrossArguments) {
  EXPECT_EQ(Error({F32({128, 7}), F32({5, 5}), 1.0, 5}),
            "matmul: argument B: dimension 0 is 5, but n = 7 from argument A dimension 1");
}

TEST_F(RuntimeWrapKernel, ChecksSymbolicDimsAgainstScalars) {
  EXPECT_EQ(Error({F32({128, 7}), F32({7, 5}), 1.0, 6}),
            "matmul: argument m: value 6 differs from m = 5 from argument B dimension 1");
}

TEST_F(RuntimeWrapKernel, ChecksLayout) {
  Tensor b = F32({7, 5});
  DLManagedTensor* managed = b.ToDLPack();
  static int64_t strides[2] = {1, 7};
  managed->dl_tensor.strides = strides;
  Tensor transposed = Tensor::FromDLPack(managed);
  EXPECT_EQ(Error({F32({128, 7}), transposed, 1.0, 5}),
            "matmul: argument B: expected a compact row-major tensor, but found strides [1, 7]");
}

TEST_F(RuntimeWrapKernel, ChecksScalarKindsAndRanges) {
  EXPECT_EQ(Error({F32({128, 7}), F32({7, 5}), "x", 5}),
            "matmul: argument alpha: expected a scalar of type float32, but found string 'x'");
  EXPECT_EQ(Error({F32({128, 7}), F32({7, 5}), 1.0, 2.5}),
            "matmul: argument m: expected a scalar of type int32, but found float 2.5");
  EXPECT_EQ(Error({F32({128, 7}), F32({7, 5}), 1.0, int64_t{1} << 40}),
            "matmul: argument m: value 1099511627776 does not fit in int32");
}

TEST_F(RuntimeWrapKernel, ScalarBindsBeforeTensors) {
  KernelInfo info = ParseKernelMetadata(R"({"format": "tessel.kernels", "version": 1,
    "functions": [{"name": "fill", "params": [
      {"name": "n", "kind": "scalar", "dtype": "int64"},
      {"name": "X", "kind": "tensor", "dtype": "float32", "shape": ["n"]}]}]})")[0];
  PackedFunc fill = WrapKernel(RecordingKernel, info, nullptr);
  fill({4, F32({4})});
  EXPECT_EQ(last_args.size(), 2u);
  try {
    fill({3, F32({4})});
    FAIL() << "no error";
  } catch (const InvalidArgumentError& e) {
    EXPECT_STREQ(e.what(), "fill: argument X: dimension 0 is 4, but n = 3 from argument n");
  }
}

TEST(RuntimeWrapKernelErrors, KernelFailureBecomesExecutionError) {
  KernelInfo info{"broken", {}, {}};
  try {
    WrapKernel(FailingKernel, info, nullptr)({});
    FAIL() << "no error";
  } catch (const ExecutionError& e) {
    EXPECT_STREQ(e.what(), "broken: no workspace left");
  }
  try {
    WrapKernel(SilentFailingKernel, info, nullptr)({});
    FAIL() << "no error";
  } catch (const ExecutionError& e) {
    EXPECT_STREQ(e.what(), "broken: kernel failed with code 2");
  }
  EXPECT_THROW(WrapKernel(nullptr, info, nullptr), InvalidArgumentError);
}

TEST(RuntimeWrapKernelErrors, KeepAliveLivesWithTheFunction) {
  auto token = std::make_shared<int>(1);
  std::weak_ptr<int> watch = token;
  {
    PackedFunc f = WrapKernel(RecordingKernel, KernelInfo{"k", {}, {}}, token);
    token.reset();
    EXPECT_FALSE(watch.expired());
  }
  EXPECT_TRUE(watch.expired());
}

// Global pointers as a generated module defines them.
extern "C" {
int32_t (*fake_launch)(TesselParallelLambda, void*, int32_t) = nullptr;
void (*fake_set_error)(const char*) = nullptr;
}

TEST(RuntimeInitBackendApi, FillsTheFoundPointers) {
  InitBackendApi([](const char* symbol) -> void* {
    std::string name = symbol;
    if (name == "__tessel_backend_parallel_launch") return reinterpret_cast<void*>(&fake_launch);
    if (name == "__tessel_backend_set_error") return reinterpret_cast<void*>(&fake_set_error);
    return nullptr;
  });
  EXPECT_EQ(fake_launch, &TesselBackendParallelLaunch);
  EXPECT_EQ(fake_set_error, &TesselBackendSetError);
}

}  // namespace
}  // namespace runtime
}  // namespace tessel
