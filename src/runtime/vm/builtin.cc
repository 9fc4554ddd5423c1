// The VM builtins (tessel/runtime/vm/builtin.h), registered in the global registry.
#include "tessel/runtime/vm/builtin.h"

#include <string>
#include <vector>

#include "tessel/runtime/data_type.h"
#include "tessel/runtime/registry.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {
namespace vm {
namespace builtin {
namespace {

// A malformed call from the bytecode (not a user input problem).
void CheckArity(const char* name, const std::vector<Any>& args, size_t expected) {
  if (args.size() != expected) {
    throw InvalidArgumentError(StrCat(name, ": expected ", expected, " arguments, but got ", args.size()));
  }
}

[[noreturn]] void CheckFailed(const Any& err_ctx, const std::string& what) {
  throw ExecutionError(StrCat(err_ctx.AsString(), ": ", what));
}

Any CheckTensorInfo(const std::vector<Any>& args) {
  CheckArity(kCheckTensorInfo, args, 4);
  const Any& err_ctx = args[3];
  if (args[0].kind() != Any::Kind::kTensor) CheckFailed(err_ctx, "expected a Tensor, but found " + args[0].ToString());
  const Tensor& t = args[0].AsTensor();
  int64_t ndim = args[1].AsInt();
  if (ndim >= 0 && t.ndim() != ndim) {
    CheckFailed(err_ctx, StrCat("expected rank ", ndim, ", but found rank ", t.ndim()));
  }
  const std::string& dtype = args[2].AsString();
  if (!dtype.empty() && !DataTypeEqual(t.dtype(), DataTypeFromString(dtype))) {
    CheckFailed(err_ctx, StrCat("expected dtype ", dtype, ", but found ", DataTypeToString(t.dtype())));
  }
  return Any();
}

Any CheckShapeInfo(const std::vector<Any>& args) {
  CheckArity(kCheckShapeInfo, args, 3);
  if (args[0].kind() != Any::Kind::kShape) CheckFailed(args[2], "expected a Shape, but found " + args[0].ToString());
  int64_t ndim = args[1].AsInt();
  if (ndim >= 0 && static_cast<int64_t>(args[0].AsShape().size()) != ndim) {
    CheckFailed(args[2], StrCat("expected a Shape of ", ndim, " dimensions, but found ",
                                args[0].AsShape().ToString()));
  }
  return Any();
}

Any CheckTupleInfo(const std::vector<Any>& args) {
  CheckArity(kCheckTupleInfo, args, 3);
  if (args[0].kind() != Any::Kind::kArray) CheckFailed(args[2], "expected a tuple, but found " + args[0].ToString());
  int64_t size = args[1].AsInt();
  if (size >= 0 && static_cast<int64_t>(args[0].AsArray().size()) != size) {
    CheckFailed(args[2], StrCat("expected a tuple of ", size, " fields, but found ",
                                args[0].AsArray().size()));
  }
  return Any();
}

Any AllocShapeHeap(const std::vector<Any>& args) {
  CheckArity(kAllocShapeHeap, args, 1);
  int64_t size = args[0].AsInt();
  if (size < 0) throw InvalidArgumentError(StrCat(kAllocShapeHeap, ": negative size ", size));
  return Any(Tensor::Empty({size}, DLDataType{kDLInt, 64, 1}));
}

// The slots of a shape heap, checked to be an int64 vector.
class Heap {
 public:
  Heap(const char* builtin, const Any& heap) : builtin_(builtin) {
    if (heap.kind() != Any::Kind::kTensor) return;
    const Tensor& t = heap.AsTensor();
    if (!DataTypeEqual(t.dtype(), DLDataType{kDLInt, 64, 1}) || t.ndim() != 1) {
      throw InvalidArgumentError(StrCat(builtin, ": the shape heap must be an int64 vector"));
    }
    data_ = static_cast<int64_t*>(t.data());
    size_ = t.shape()[0];
  }
  int64_t& operator[](int64_t slot) const {
    if (slot < 0 || slot >= size_) {
      throw InvalidArgumentError(StrCat(builtin_, ": slot ", slot, " is outside the shape heap of ",
                                        size_, " slots"));
    }
    return data_[slot];
  }

 private:
  const char* builtin_;
  int64_t* data_ = nullptr;
  int64_t size_ = 0;
};

Any MatchShape(const std::vector<Any>& args) {
  if (args.size() < 4) CheckArity(kMatchShape, args, 4);
  int64_t ndim = args[2].AsInt();
  if (ndim < 0 || args.size() != static_cast<size_t>(4 + 2 * ndim)) {
    throw InvalidArgumentError(StrCat(kMatchShape, ": ", args.size(), " arguments do not fit rank ", ndim));
  }
  const Any& err_ctx = args.back();
  std::vector<int64_t> dims;
  if (args[0].kind() == Any::Kind::kTensor) {
    dims = args[0].AsTensor().shape();
  } else if (args[0].kind() == Any::Kind::kShape) {
    dims = args[0].AsShape().dims();
  } else {
    CheckFailed(err_ctx, "expected a Tensor or a Shape, but found " + args[0].ToString());
  }
  if (static_cast<int64_t>(dims.size()) != ndim) {
    CheckFailed(err_ctx, StrCat("expected rank ", ndim, ", but found rank ", dims.size()));
  }
  Heap heap(kMatchShape, args[1]);
  for (int64_t i = 0; i < ndim; ++i) {
    int64_t code = args[3 + 2 * i].AsInt();
    int64_t value = args[4 + 2 * i].AsInt();
    switch (code) {
      case 0: break;
      case 1: heap[value] = dims[i]; break;
      case 2:
        if (dims[i] != value) CheckFailed(err_ctx, StrCat("dimension ", i, " is ", dims[i], ", but expected ", value));
        break;
      case 3:
        if (dims[i] != heap[value]) {
          CheckFailed(err_ctx, StrCat("dimension ", i, " is ", dims[i], ", but expected ", heap[value]));
        }
        break;
      default: throw InvalidArgumentError(StrCat(kMatchShape, ": unknown code ", code, " for dimension ", i));
    }
  }
  return Any();
}

Any MakeShape(const std::vector<Any>& args) {
  if (args.size() < 2) CheckArity(kMakeShape, args, 2);
  int64_t ndim = args[1].AsInt();
  if (ndim < 0 || args.size() != static_cast<size_t>(2 + 2 * ndim)) {
    throw InvalidArgumentError(StrCat(kMakeShape, ": ", args.size(), " arguments do not fit rank ", ndim));
  }
  Heap heap(kMakeShape, args[0]);
  std::vector<int64_t> dims;
  for (int64_t i = 0; i < ndim; ++i) {
    int64_t code = args[2 + 2 * i].AsInt();
    int64_t value = args[3 + 2 * i].AsInt();
    if (code == 0) {
      dims.push_back(value);
    } else if (code == 1) {
      dims.push_back(heap[value]);
    } else {
      throw InvalidArgumentError(StrCat(kMakeShape, ": unknown code ", code, " for dimension ", i));
    }
  }
  return Any(ShapeTuple(std::move(dims)));
}

Any MakePrimValue(const std::vector<Any>& args) {
  CheckArity(kMakePrimValue, args, 3);
  int64_t code = args[1].AsInt();
  int64_t value = args[2].AsInt();
  if (code == 0) return Any(value);
  if (code == 1) return Any(Heap(kMakePrimValue, args[0])[value]);
  throw InvalidArgumentError(StrCat(kMakePrimValue, ": unknown code ", code));
}

Any TupleGetItem(const std::vector<Any>& args) {
  CheckArity(kTupleGetItem, args, 2);
  const std::vector<Any>& fields = args[0].AsArray();
  int64_t index = args[1].AsInt();
  if (index < 0 || index >= static_cast<int64_t>(fields.size())) {
    throw InvalidArgumentError(StrCat(kTupleGetItem, ": index ", index, " is outside a tuple of ",
                                      fields.size(), " fields"));
  }
  return fields[index];
}

Any ReadIfCond(const std::vector<Any>& args) {
  CheckArity(kReadIfCond, args, 1);
  const Any& cond = args[0];
  if (cond.kind() == Any::Kind::kBool || cond.kind() == Any::Kind::kInt) return Any(cond.AsInt() != 0);
  if (cond.kind() != Any::Kind::kTensor || cond.AsTensor().numel() != 1 ||
      cond.AsTensor().device().device_type != kDLCPU || cond.AsTensor().dtype().lanes != 1) {
    throw ExecutionError(StrCat("the condition of an if must be a bool, an int or a one-element "
                                "cpu tensor, but found ", cond.ToString()));
  }
  const Tensor& t = cond.AsTensor();
  const void* p = t.data();
  DLDataType dt = t.dtype();
  switch (dt.code) {
    case kDLBool:
    case kDLUInt:
    case kDLInt: {
      if (dt.bits == 8) return Any(*static_cast<const uint8_t*>(p) != 0);
      if (dt.bits == 16) return Any(*static_cast<const uint16_t*>(p) != 0);
      if (dt.bits == 32) return Any(*static_cast<const uint32_t*>(p) != 0);
      if (dt.bits == 64) return Any(*static_cast<const uint64_t*>(p) != 0);
      break;
    }
    case kDLFloat:
      if (dt.bits == 32) return Any(*static_cast<const float*>(p) != 0.0f);
      if (dt.bits == 64) return Any(*static_cast<const double*>(p) != 0.0);
      break;
    default: break;
  }
  throw ExecutionError("the condition of an if has unsupported dtype " + DataTypeToString(dt));
}

DLDevice DeviceOf(const char* builtin, const Any& index) {
  if (index.AsInt() != 0) {
    throw InvalidArgumentError(StrCat(builtin, ": device index ", index.AsInt(),
                                      " is not available; only cpu:0 is"));
  }
  return CPUDevice();
}

Any AllocStorage(const std::vector<Any>& args) {
  CheckArity(kAllocStorage, args, 3);
  const ShapeTuple& size = args[0].AsShape();
  if (size.size() != 1) {
    throw InvalidArgumentError(StrCat(kAllocStorage, ": the size must be a one-dimensional shape, but is ",
                                      size.ToString()));
  }
  return Any(Tensor::Empty({size[0]}, DLDataType{kDLUInt, 8, 1}, DeviceOf(kAllocStorage, args[1])));
}

Any AllocTensor(const std::vector<Any>& args) {
  CheckArity(kAllocTensor, args, 4);
  return Any(args[0].AsTensor().View(args[1].AsInt(), args[2].AsShape().dims(),
                                     DataTypeFromString(args[3].AsString())));
}

Any Empty(const std::vector<Any>& args) {
  CheckArity(kEmpty, args, 3);
  return Any(Tensor::Empty(args[0].AsShape().dims(), DataTypeFromString(args[1].AsString()),
                           DeviceOf(kEmpty, args[2])));
}

}  // namespace

TESSEL_REGISTER_GLOBAL(kCheckTensorInfo, CheckTensorInfo);
TESSEL_REGISTER_GLOBAL(kCheckShapeInfo, CheckShapeInfo);
TESSEL_REGISTER_GLOBAL(kCheckTupleInfo, CheckTupleInfo);
TESSEL_REGISTER_GLOBAL(kAllocShapeHeap, AllocShapeHeap);
TESSEL_REGISTER_GLOBAL(kMatchShape, MatchShape);
TESSEL_REGISTER_GLOBAL(kMakeShape, MakeShape);
TESSEL_REGISTER_GLOBAL(kMakePrimValue, MakePrimValue);
TESSEL_REGISTER_GLOBAL(kMakeTuple, [](const std::vector<Any>& args) { return Any(args); });
TESSEL_REGISTER_GLOBAL(kTupleGetItem, TupleGetItem);
TESSEL_REGISTER_GLOBAL(kReadIfCond, ReadIfCond);
TESSEL_REGISTER_GLOBAL(kCopy, [](const std::vector<Any>& args) {
  CheckArity(kCopy, args, 1);
  return args[0];
});
TESSEL_REGISTER_GLOBAL(kAllocStorage, AllocStorage);
TESSEL_REGISTER_GLOBAL(kAllocTensor, AllocTensor);
TESSEL_REGISTER_GLOBAL(kEmpty, Empty);

}  // namespace builtin
}  // namespace vm
}  // namespace runtime
}  // namespace tessel
