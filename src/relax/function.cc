// Relax function construction: the function's struct info is derived from its signature.
#include "tessel/relax/function.h"

namespace tessel {
namespace relax {

Function::Function(Array<Var> params, Expr body, StructInfo ret_struct_info, bool is_pure,
                   ir::DictAttrs attrs, Span span) {
  if (!body.defined()) throw InvalidArgumentError("relax.Function: body must be given");
  Array<StructInfo> param_sinfo;
  for (size_t i = 0; i < params.size(); ++i) {
    const Var& param = params[i];
    if (!param.defined()) {
      throw InvalidArgumentError(StrCat("relax.Function: parameter ", i, " must be given"));
    }
    if (!param->struct_info_.defined()) {
      throw InvalidArgumentError(StrCat("relax.Function: parameter ", param->name_hint,
                                        " must have struct info"));
    }
    param_sinfo = param_sinfo.Append(param->struct_info_);
  }
  if (!ret_struct_info.defined()) {
    ret_struct_info = body->struct_info_.defined() ? body->struct_info_ : ObjectStructInfo(Span());
  }
  auto node = ir::make_object<FunctionNode>();
  node->struct_info_ = FuncStructInfo(param_sinfo, ret_struct_info, is_pure);
  node->params = std::move(params);
  node->body = std::move(body);
  node->ret_struct_info = std::move(ret_struct_info);
  node->is_pure = is_pure;
  node->attrs = std::move(attrs);
  node->span = std::move(span);
  data_ = std::move(node);
}

Function Function::WithAttr(const std::string& key, ObjectRef value) const {
  auto node = ir::CopyNode(*get());
  node->attrs = node->attrs.With(key, std::move(value));
  return Function(ObjectPtr<Object>(node));
}

ExternFunc::ExternFunc(std::string global_symbol, Span span) {
  if (global_symbol.empty()) {
    throw InvalidArgumentError("relax.ExternFunc: global_symbol must not be empty");
  }
  auto node = ir::make_object<ExternFuncNode>();
  node->global_symbol = std::move(global_symbol);
  node->struct_info_ = ObjectStructInfo(Span());
  node->span = std::move(span);
  data_ = std::move(node);
}

}  // namespace relax
}  // namespace tessel
