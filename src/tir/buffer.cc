// Buffer construction and its checks.
#include "tessel/tir/buffer.h"

namespace tessel {
namespace tir {

namespace {

void CheckIndexExprs(const Array<PrimExpr>& exprs, const char* what, const std::string& name) {
  for (const PrimExpr& e : exprs) {
    if (!e.defined() || !e.dtype().is_scalar() || !e.dtype().is_integer()) {
      throw InvalidArgumentError(StrCat("tir.Buffer ", name, ": every ", what,
                                        " must be a scalar integer, found ",
                                        e.defined() ? e.dtype().ToString() : "None"));
    }
  }
}

}  // namespace

Buffer::Buffer(Var data, DataType dtype, Array<PrimExpr> shape, Array<PrimExpr> strides,
               PrimExpr elem_offset, std::string name, std::string scope, Span span) {
  if (!data.defined() || !data.dtype().is_handle()) {
    throw InvalidArgumentError(StrCat("tir.Buffer ", name, ": data must be a Var of dtype handle, found ",
                                      data.defined() ? data.dtype().ToString() : "None"));
  }
  if (dtype.is_void()) throw InvalidArgumentError(StrCat("tir.Buffer ", name, ": dtype cannot be void"));
  CheckIndexExprs(shape, "dimension", name);
  CheckIndexExprs(strides, "stride", name);
  if (!strides.empty() && strides.size() != shape.size()) {
    throw InvalidArgumentError(StrCat("tir.Buffer ", name, ": expected ", shape.size(),
                                      " strides (one per dimension), found ", strides.size()));
  }
  DataType index_type = shape.empty() ? DataType::Int(32) : shape[0].dtype();
  if (!elem_offset.defined()) elem_offset = IntImm(index_type, 0);
  CheckIndexExprs(Array<PrimExpr>{elem_offset}, "elem_offset", name);
  auto node = ir::make_object<BufferNode>();
  node->data = std::move(data);
  node->dtype = dtype;
  node->shape = std::move(shape);
  node->strides = std::move(strides);
  node->elem_offset = std::move(elem_offset);
  node->name = std::move(name);
  node->scope = scope.empty() ? "global" : std::move(scope);
  node->span = std::move(span);
  data_ = std::move(node);
}

Buffer decl_buffer(Array<PrimExpr> shape, DataType dtype, std::string name, std::string scope) {
  Var data(name, DataType::Handle());
  return Buffer(data, dtype, std::move(shape), Array<PrimExpr>(), PrimExpr(), std::move(name),
                std::move(scope));
}

}  // namespace tir
}  // namespace tessel
