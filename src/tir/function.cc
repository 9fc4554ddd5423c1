// PrimFunc construction and copies with one part changed.
#include "tessel/tir/function.h"

namespace tessel {
namespace tir {

PrimFunc::PrimFunc(Array<Var> params, Stmt body, DataType ret_type, Map<Var, Buffer> buffer_map,
                   ir::DictAttrs attrs, Span span) {
  if (!body.defined()) throw InvalidArgumentError("tir.PrimFunc: body must be given");
  for (const auto& [var, buffer] : buffer_map.items()) {
    bool is_param = false;
    for (const Var& param : params) is_param |= param.same_as(var);
    if (!is_param) {
      throw InvalidArgumentError(StrCat("tir.PrimFunc: buffer_map binds buffer ", buffer->name,
                                        " to ", var->name_hint, ", which is not a parameter"));
    }
  }
  auto node = ir::make_object<PrimFuncNode>();
  node->params = std::move(params);
  node->buffer_map = std::move(buffer_map);
  node->body = std::move(body);
  node->ret_type = ret_type;
  node->attrs = std::move(attrs);
  node->span = std::move(span);
  data_ = std::move(node);
}

PrimFunc PrimFunc::WithAttr(const std::string& key, ObjectRef value) const {
  auto node = ir::CopyNode(*get());
  node->attrs = node->attrs.With(key, std::move(value));
  return PrimFunc(ObjectPtr<Object>(node));
}

PrimFunc PrimFunc::WithBody(Stmt body) const {
  auto node = ir::CopyNode(*get());
  node->body = std::move(body);
  return PrimFunc(ObjectPtr<Object>(node));
}

}  // namespace tir
}  // namespace tessel
