// The memory operators of the VM form: storage allocation, tensors placed in a storage,
// fresh tensors (what memory planning leaves), and the kills that end their lifetimes.
#include "memory.h"

#include <string>

#include "tessel/relax/op/op_common.h"

namespace tessel {
namespace relax {

namespace {

// The struct info of argument i, which a normalized call always has.
StructInfo ArgInfo(const Call& call, size_t i, const char* what) {
  const StructInfo& sinfo = call->args[i]->struct_info_;
  if (!sinfo.defined()) {
    throw TypeInferenceError(StrCat(OpName(call), ": argument ", what, " has no struct info"));
  }
  return sinfo;
}

DataType DTypeArg(const Call& call, size_t i) {
  const auto* str = call->args[i].as<StringImmNode>();
  if (!str) {
    throw TypeInferenceError(StrCat(OpName(call), ": argument dtype must be a string (StringImm), found ",
                                    call->args[i]->type_key()));
  }
  try {
    return DataType::Parse(str->value);
  } catch (const Error&) {
    throw TypeInferenceError(StrCat(OpName(call), ": argument dtype \"", str->value, "\" is not a dtype"));
  }
}

void CheckIntArg(const Call& call, size_t i, const char* what) {
  const auto* prim = ArgInfo(call, i, what).as<PrimStructInfoNode>();
  if (!prim || !(prim->dtype.is_int() || prim->dtype.is_uint())) {
    throw TypeInferenceError(StrCat(OpName(call), ": argument ", what,
                                    " must be an integer PrimValue, found ",
                                    call->args[i]->type_key()));
  }
}

// The shape argument's ShapeStructInfo.
const ShapeStructInfoNode* ShapeArg(const Call& call, size_t i, const char* what) {
  const auto* shape = ArgInfo(call, i, what).as<ShapeStructInfoNode>();
  if (!shape) {
    throw TypeInferenceError(StrCat(OpName(call), ": argument ", what, " must be a shape, found ",
                                    call->args[i]->struct_info_->type_key()));
  }
  return shape;
}

// A tensor of the given shape argument: the ShapeExpr or shape Var itself when it is one.
StructInfo TensorOfShape(const Call& call, size_t shape_index, DataType dtype) {
  const ShapeStructInfoNode* shape = ShapeArg(call, shape_index, "shape");
  const Expr& arg = call->args[shape_index];
  if (arg.as<ShapeExprNode>() || arg.as<VarNode>()) return TensorStructInfo(arg, dtype);
  if (shape->HasValues()) return TensorStructInfo(shape->GetValues(), dtype);
  return TensorStructInfo(dtype, shape->ndim);
}

StructInfo InferAllocStorage(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 3);
  const ShapeStructInfoNode* size = ShapeArg(call, 0, "size");
  if (size->ndim != 1) {
    throw TypeInferenceError(StrCat(OpName(call),
                                    ": argument size must be a shape of one value (bytes), found ",
                                    size->ndim, " values"));
  }
  CheckIntArg(call, 1, "device_index");
  DTypeArg(call, 2);
  return ObjectStructInfo(Span());
}

StructInfo InferAllocTensor(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 4);
  ArgInfo(call, 0, "storage");
  CheckIntArg(call, 1, "offset");
  return TensorOfShape(call, 2, DTypeArg(call, 3));
}

StructInfo InferBuiltinAllocTensor(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 3);
  CheckIntArg(call, 2, "device_index");
  return TensorOfShape(call, 0, DTypeArg(call, 1));
}

StructInfo InferKill(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 1);
  ArgInfo(call, 0, ArgName(call, 0).c_str());
  return TupleStructInfo(Array<StructInfo>());
}

// A call of the operator named name, with the struct info its own inference gives.
Expr MakeCall(const char* name, Array<Expr> args) {
  ir::Op op = ir::Op::Get(name);
  Call call(op, std::move(args));
  return WithStructInfo(call, ir::OpAttrMap<FInferStructInfo>("FInferStructInfo").at(op)(call, BlockBuilder()));
}

PrimValue Int64Value(int64_t value) { return PrimValue(Int64(value)); }

}  // namespace

TESSEL_RELAX_REGISTER_OP("relax.memory.alloc_storage")
    .describe("Allocate size bytes of storage on a device, for tensors placed in it.")
    .add_argument("size")
    .add_argument("device_index")
    .add_argument("dtype")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferAllocStorage)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOpaque)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.memory.alloc_tensor")
    .describe("A tensor of the given shape and dtype at a byte offset of a storage.")
    .add_argument("storage")
    .add_argument("offset")
    .add_argument("shape")
    .add_argument("dtype")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferAllocTensor)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOpaque)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.memory.kill_storage")
    .describe("End the lifetime of a storage.")
    .add_argument("storage")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferKill)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOpaque)
    .set_attr<bool>("FPurity", false);

TESSEL_RELAX_REGISTER_OP("relax.memory.kill_tensor")
    .describe("End the lifetime of a tensor placed in a storage.")
    .add_argument("tensor")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferKill)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOpaque)
    .set_attr<bool>("FPurity", false);

TESSEL_RELAX_REGISTER_OP("relax.builtin.alloc_tensor")
    .describe("Allocate a fresh tensor of the given shape and dtype on a device.")
    .add_argument("shape")
    .add_argument("dtype")
    .add_argument("device_index")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferBuiltinAllocTensor)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOpaque)
    .set_attr<bool>("FPurity", true);

Expr AllocStorage(int64_t size_bytes, int64_t device_index, DataType dtype) {
  return MakeCall("relax.memory.alloc_storage",
                  {ShapeExpr({Int64(size_bytes)}), Int64Value(device_index),
                   StringImm(dtype.ToString())});
}

Expr AllocTensor(Expr storage, int64_t offset_bytes, Expr shape, DataType dtype) {
  return MakeCall("relax.memory.alloc_tensor",
                  {std::move(storage), Int64Value(offset_bytes), std::move(shape),
                   StringImm(dtype.ToString())});
}

Expr BuiltinAllocTensor(Expr shape, DataType dtype, int64_t device_index) {
  return MakeCall("relax.builtin.alloc_tensor",
                  {std::move(shape), StringImm(dtype.ToString()), Int64Value(device_index)});
}

}  // namespace relax
}  // namespace tessel
