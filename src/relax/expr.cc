// Constructors of Relax expressions, bindings and blocks; each checks its parts.
#include "tessel/relax/expr.h"

#include "tessel/relax/function.h"
#include "tessel/runtime/data_type.h"

namespace tessel {
namespace relax {

namespace {

void CheckDefined(const char* node, const std::string& field, const ObjectRef& value) {
  if (!value.defined()) throw InvalidArgumentError(StrCat(node, ": ", field, " must be given"));
}

template <typename T>
void CheckAllDefined(const char* node, const char* field, const Array<T>& items) {
  for (size_t i = 0; i < items.size(); ++i) CheckDefined(node, StrCat(field, "[", i, "]"), items[i]);
}

template <typename Node>
ObjectPtr<Node> MakeVar(std::string name_hint, StructInfo struct_info, Span span) {
  auto node = ir::make_object<Node>();
  node->name_hint = std::move(name_hint);
  node->struct_info_ = std::move(struct_info);
  node->span = std::move(span);
  return node;
}

template <typename Node>
ObjectPtr<Node> MakeBlock(const char* what, Array<Binding> bindings, Span span) {
  CheckAllDefined(what, "bindings", bindings);
  auto node = ir::make_object<Node>();
  node->bindings = std::move(bindings);
  node->span = std::move(span);
  return node;
}

}  // namespace

Var::Var(std::string name_hint, StructInfo struct_info, Span span) {
  data_ = MakeVar<VarNode>(std::move(name_hint), std::move(struct_info), std::move(span));
}

DataflowVar::DataflowVar(std::string name_hint, StructInfo struct_info, Span span) {
  data_ = MakeVar<DataflowVarNode>(std::move(name_hint), std::move(struct_info), std::move(span));
}

Constant::Constant(runtime::Tensor data, Span span) {
  if (!data.defined()) throw InvalidArgumentError("relax.Constant: data must be given");
  Array<PrimExpr> dims;
  for (int64_t dim : data.shape()) dims = dims.Append(ir::IntImm(DataType::Int(64), dim));
  auto node = ir::make_object<ConstantNode>();
  node->struct_info_ =
      TensorStructInfo(dims, DataType::Parse(runtime::DataTypeToString(data.dtype())));
  node->data = std::move(data);
  node->span = std::move(span);
  data_ = std::move(node);
}

Tuple::Tuple(Array<Expr> fields, Span span) {
  CheckAllDefined("relax.Tuple", "fields", fields);
  auto node = ir::make_object<TupleNode>();
  node->fields = std::move(fields);
  node->span = std::move(span);
  data_ = std::move(node);
}

TupleGetItem::TupleGetItem(Expr tuple, int64_t index, Span span) {
  CheckDefined("relax.TupleGetItem", "tuple", tuple);
  if (index < 0) {
    throw InvalidArgumentError(StrCat("relax.TupleGetItem: index must be >= 0, found ", index));
  }
  auto node = ir::make_object<TupleGetItemNode>();
  node->tuple = std::move(tuple);
  node->index = index;
  node->span = std::move(span);
  data_ = std::move(node);
}

ShapeExpr::ShapeExpr(Array<PrimExpr> values, Span span) {
  auto node = ir::make_object<ShapeExprNode>();
  node->struct_info_ = ShapeStructInfo(values);
  node->values = std::move(values);
  node->span = std::move(span);
  data_ = std::move(node);
}

PrimValue::PrimValue(PrimExpr value, Span span) {
  CheckDefined("relax.PrimValue", "value", value);
  auto node = ir::make_object<PrimValueNode>();
  node->struct_info_ = PrimStructInfo(value.dtype());
  node->value = std::move(value);
  node->span = std::move(span);
  data_ = std::move(node);
}

StringImm::StringImm(std::string value, Span span) {
  auto node = ir::make_object<StringImmNode>();
  node->value = std::move(value);
  node->struct_info_ = ObjectStructInfo(Span());
  node->span = std::move(span);
  data_ = std::move(node);
}

Call::Call(ir::BaseExpr op, Array<Expr> args, ir::DictAttrs attrs, Array<StructInfo> sinfo_args,
           Span span) {
  CheckDefined("relax.Call", "op", op);
  if (!op.as<ir::OpNode>() && !op.as<ir::GlobalVarNode>() && !op.as<VarNode>() &&
      !op.as<ExternFuncNode>()) {
    throw InvalidArgumentError(StrCat(
        "relax.Call: op must be an Op, GlobalVar, ExternFunc or Var, found ", op->type_key()));
  }
  CheckAllDefined("relax.Call", "args", args);
  CheckAllDefined("relax.Call", "sinfo_args", sinfo_args);
  auto node = ir::make_object<CallNode>();
  node->op = std::move(op);
  node->args = std::move(args);
  node->attrs = std::move(attrs);
  node->sinfo_args = std::move(sinfo_args);
  node->span = std::move(span);
  data_ = std::move(node);
}

VarBinding::VarBinding(Var var, Expr value, Span span) {
  CheckDefined("relax.VarBinding", "var", var);
  CheckDefined("relax.VarBinding", "value", value);
  auto node = ir::make_object<VarBindingNode>();
  node->var = std::move(var);
  node->value = std::move(value);
  node->span = std::move(span);
  data_ = std::move(node);
}

MatchCast::MatchCast(Var var, Expr value, StructInfo struct_info, Span span) {
  CheckDefined("relax.MatchCast", "var", var);
  CheckDefined("relax.MatchCast", "value", value);
  CheckDefined("relax.MatchCast", "struct_info", struct_info);
  auto node = ir::make_object<MatchCastNode>();
  node->var = std::move(var);
  node->value = std::move(value);
  node->struct_info = std::move(struct_info);
  node->span = std::move(span);
  data_ = std::move(node);
}

BindingBlock::BindingBlock(Array<Binding> bindings, Span span) {
  data_ = MakeBlock<BindingBlockNode>("relax.BindingBlock", std::move(bindings), std::move(span));
}

DataflowBlock::DataflowBlock(Array<Binding> bindings, Span span) {
  data_ = MakeBlock<DataflowBlockNode>("relax.DataflowBlock", std::move(bindings), std::move(span));
}

SeqExpr::SeqExpr(Array<BindingBlock> blocks, Expr body, Span span) {
  CheckAllDefined("relax.SeqExpr", "blocks", blocks);
  CheckDefined("relax.SeqExpr", "body", body);
  auto node = ir::make_object<SeqExprNode>();
  node->struct_info_ = body->struct_info_;
  node->blocks = std::move(blocks);
  node->body = std::move(body);
  node->span = std::move(span);
  data_ = std::move(node);
}

If::If(Expr cond, Expr true_branch, Expr false_branch, Span span) {
  CheckDefined("relax.If", "cond", cond);
  CheckDefined("relax.If", "true_branch", true_branch);
  CheckDefined("relax.If", "false_branch", false_branch);
  // Branches are scopes: a SeqExpr gives each its own bindings.
  auto as_seq = [](Expr branch) -> Expr {
    if (branch.as<SeqExprNode>()) return branch;
    return SeqExpr(Array<BindingBlock>(), branch);
  };
  auto node = ir::make_object<IfNode>();
  node->cond = std::move(cond);
  node->true_branch = as_seq(std::move(true_branch));
  node->false_branch = as_seq(std::move(false_branch));
  node->span = std::move(span);
  data_ = std::move(node);
}

}  // namespace relax
}  // namespace tessel
