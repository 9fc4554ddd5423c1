// The VM builtins called directly through the registry: shape matching, shapes, tuples,
// conditions and memory, with their error messages.
#include <gtest/gtest.h>

#include <cstring>

#include "tessel/runtime/registry.h"
#include "tessel/runtime/vm/builtin.h"
#include "tessel/support/error.h"
#include "vm_test_helpers.h"

namespace tessel {
namespace runtime {
namespace {

namespace builtin = vm::builtin;

Any Call(const char* name, const std::vector<Any>& args) { return (*Registry::Get(name))(args); }

template <typename E>
std::string ErrorOf(const char* name, const std::vector<Any>& args) {
  try {
    Call(name, args);
  } catch (const E& e) {
    return e.what();
  }
  return "no error";
}

TEST(VMBuiltin, AllRegistered) {
  for (const char* name : {builtin::kCheckTensorInfo, builtin::kCheckShapeInfo, builtin::kCheckTupleInfo,
                           builtin::kAllocShapeHeap, builtin::kMatchShape, builtin::kMakeShape, builtin::kMakePrimValue,
                           builtin::kMakeTuple, builtin::kTupleGetItem, builtin::kReadIfCond, builtin::kCopy,
                           builtin::kAllocStorage, builtin::kAllocTensor, builtin::kEmpty}) {
    EXPECT_TRUE(Registry::Get(name).has_value()) << name;
  }
}

TEST(VMBuiltin, MatchAndMakeShape) {
  Tensor heap = Call(builtin::kAllocShapeHeap, {3}).AsTensor();
  Tensor t = Tensor::Empty({4, 5, 6}, vm_test::F32());
  // dim 0 -> heap[0], dim 1 == 5, dim 2 unchecked.
  Call(builtin::kMatchShape, {t, heap, 3, 1, 0, 2, 5, 0, 0, "f: argument t"});
  EXPECT_EQ(static_cast<int64_t*>(heap.data())[0], 4);
  Call(builtin::kMatchShape, {ShapeTuple({4}), heap, 1, 3, 0, "f: argument s"});
  EXPECT_EQ(ErrorOf<ExecutionError>(builtin::kMatchShape, {ShapeTuple({7}), heap, 1, 3, 0, "f: argument s"}),
            "f: argument s: dimension 0 is 7, but expected 4");
  EXPECT_EQ(ErrorOf<ExecutionError>(builtin::kMatchShape, {t, heap, 3, 0, 0, 2, 9, 0, 0, "f: argument t"}),
            "f: argument t: dimension 1 is 5, but expected 9");
  EXPECT_EQ(ErrorOf<ExecutionError>(builtin::kMatchShape, {t, heap, 1, 0, 0, "f: argument t"}),
            "f: argument t: expected rank 1, but found rank 3");
  EXPECT_NE(ErrorOf<InvalidArgumentError>(builtin::kMatchShape, {t, heap, 3, 1, 9, 0, 0, 0, 0, "c"})
                .find("slot 9 is outside the shape heap of 3 slots"),
            std::string::npos);
  EXPECT_NE(ErrorOf<InvalidArgumentError>(builtin::kMatchShape, {t, heap, 3, 1, 0, "c"}).find("do not fit rank 3"),
            std::string::npos);
  Any shape = Call(builtin::kMakeShape, {heap, 3, 1, 0, 0, 8, 1, 0});
  EXPECT_EQ(shape.AsShape(), ShapeTuple({4, 8, 4}));
  EXPECT_THROW(Call(builtin::kMakeShape, {heap, 1, 5, 0}), InvalidArgumentError);
  EXPECT_EQ(Call(builtin::kMakePrimValue, {heap, 1, 0}).AsInt(), 4);
  EXPECT_EQ(Call(builtin::kMakePrimValue, {heap, 0, 9}).AsInt(), 9);
  EXPECT_THROW(Call(builtin::kMakePrimValue, {heap, 1, 3}), InvalidArgumentError);
}

TEST(VMBuiltin, Checks) {
  Tensor t = Tensor::Empty({2}, vm_test::F32());
  Call(builtin::kCheckTensorInfo, {t, -1, "", "ctx"});
  EXPECT_EQ(ErrorOf<ExecutionError>(builtin::kCheckTensorInfo, {t, 1, "int32", "g: argument a"}),
            "g: argument a: expected dtype int32, but found float32");
  Call(builtin::kCheckShapeInfo, {ShapeTuple({1, 2}), 2, "ctx"});
  EXPECT_EQ(ErrorOf<ExecutionError>(builtin::kCheckShapeInfo, {ShapeTuple({1}), 2, "g: argument s"}),
            "g: argument s: expected a Shape of 2 dimensions, but found (1,)");
  EXPECT_EQ(ErrorOf<ExecutionError>(builtin::kCheckShapeInfo, {t, 2, "g: argument s"}),
            "g: argument s: expected a Shape, but found Tensor float32[2]");
  Call(builtin::kCheckTupleInfo, {std::vector<Any>{1, 2}, 2, "ctx"});
  EXPECT_EQ(ErrorOf<ExecutionError>(builtin::kCheckTupleInfo, {std::vector<Any>{1}, 2, "g: argument p"}),
            "g: argument p: expected a tuple of 2 fields, but found 1");
  EXPECT_EQ(ErrorOf<ExecutionError>(builtin::kCheckTupleInfo, {t, -1, "g: argument p"}),
            "g: argument p: expected a tuple, but found Tensor float32[2]");
}

TEST(VMBuiltin, TuplesAndConditions) {
  Any tuple = Call(builtin::kMakeTuple, {1, "a"});
  EXPECT_EQ(Call(builtin::kTupleGetItem, {tuple, 1}).AsString(), "a");
  EXPECT_THROW(Call(builtin::kTupleGetItem, {tuple, 2}), InvalidArgumentError);
  EXPECT_TRUE(Call(builtin::kReadIfCond, {int64_t{3}}).AsBool());
  for (DLDataType dtype : {DLDataType{kDLInt, 32, 1}, DLDataType{kDLFloat, 64, 1}, DLDataType{kDLUInt, 8, 1}}) {
    Tensor t = Tensor::Empty({1, 1}, dtype);
    std::memset(t.data(), 0, t.nbytes());
    EXPECT_FALSE(Call(builtin::kReadIfCond, {t}).AsBool());
  }
  EXPECT_THROW(Call(builtin::kReadIfCond, {Tensor::Empty({}, DLDataType{kDLFloat, 16, 1})}), ExecutionError);
}

TEST(VMBuiltin, Memory) {
  Tensor storage = Call(builtin::kAllocStorage, {ShapeTuple({64}), 0, "float32"}).AsTensor();
  EXPECT_EQ(storage.nbytes(), 64);
  Tensor view = Call(builtin::kAllocTensor, {storage, 32, ShapeTuple({2, 4}), "float32"}).AsTensor();
  EXPECT_EQ(static_cast<char*>(view.data()), static_cast<char*>(storage.data()) + 32);
  EXPECT_NE(ErrorOf<InvalidArgumentError>(builtin::kAllocTensor, {storage, 48, ShapeTuple({2, 4}), "float32"})
                .find("32 bytes at offset 48 do not fit in the base tensor's 64 bytes"),
            std::string::npos);
  EXPECT_THROW(Call(builtin::kAllocTensor, {storage, -1, ShapeTuple({1}), "float32"}), InvalidArgumentError);
  EXPECT_NE(ErrorOf<InvalidArgumentError>(builtin::kAllocStorage, {ShapeTuple({64}), 1, "float32"}).find("only cpu:0"),
            std::string::npos);
  Tensor fresh = Call(builtin::kEmpty, {ShapeTuple({3}), "int8", 0}).AsTensor();
  EXPECT_EQ(fresh.nbytes(), 3);
  // A view keeps its storage alive.
  Tensor survivor;
  {
    Tensor s = Call(builtin::kAllocStorage, {ShapeTuple({16}), 0, "uint8"}).AsTensor();
    survivor = s.View(8, {2}, vm_test::F32());
  }
  static_cast<float*>(survivor.data())[1] = 3.0f;
  EXPECT_EQ(static_cast<float*>(survivor.data())[1], 3.0f);
}

}  // namespace
}  // namespace runtime
}  // namespace tessel
