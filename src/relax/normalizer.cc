// Struct-info inference and A-normal form for the BlockBuilder.
#include "normalizer.h"

#include "tessel/relax/analysis.h"
#include "tessel/relax/op/call.h"
#include "tessel/relax/op/op_common.h"
#include "tessel/tir/function.h"
#include "tessel/tir/substitute.h"

namespace tessel {
namespace relax {

namespace {

StructInfo SubstituteShapes(const StructInfo& sinfo, const tir::VarMap& vmap);

Array<PrimExpr> SubstituteDims(const Array<PrimExpr>& dims, const tir::VarMap& vmap) {
  std::vector<PrimExpr> out;
  for (const PrimExpr& dim : dims) out.push_back(tir::Substitute(dim, vmap));
  return Array<PrimExpr>(out);
}

// sinfo with the symbolic variables of its shapes replaced (a callee's result in terms of
// the caller's dimensions).
StructInfo SubstituteShapes(const StructInfo& sinfo, const tir::VarMap& vmap) {
  if (vmap.empty()) return sinfo;
  if (const auto* tensor = sinfo.as<TensorStructInfoNode>()) {
    if (const auto* shape = tensor->shape.as<ShapeExprNode>()) {
      return TensorStructInfo(SubstituteDims(shape->values, vmap), tensor->dtype);
    }
    return sinfo;
  }
  if (const auto* shape = sinfo.as<ShapeStructInfoNode>()) {
    return shape->HasValues() ? ShapeStructInfo(SubstituteDims(shape->GetValues(), vmap)) : sinfo;
  }
  if (const auto* tuple = sinfo.as<TupleStructInfoNode>()) {
    std::vector<StructInfo> fields;
    for (const StructInfo& field : tuple->fields) fields.push_back(SubstituteShapes(field, vmap));
    return TupleStructInfo(Array<StructInfo>(fields));
  }
  return sinfo;
}

// Binds each bare symbolic dimension of a parameter to the argument's dimension.
void MatchDims(const StructInfo& param, const StructInfo& arg, tir::VarMap* vmap) {
  if (const auto* tuple = param.as<TupleStructInfoNode>()) {
    const auto* arg_tuple = arg.as<TupleStructInfoNode>();
    if (!arg_tuple || arg_tuple->fields.size() != tuple->fields.size()) return;
    for (size_t i = 0; i < tuple->fields.size(); ++i) MatchDims(tuple->fields[i], arg_tuple->fields[i], vmap);
    return;
  }
  std::optional<Array<PrimExpr>> p = KnownDims(param);
  std::optional<Array<PrimExpr>> a = KnownDims(arg);
  if (!p || !a || p->size() != a->size()) return;
  for (size_t i = 0; i < p->size(); ++i) {
    if (const auto* var = (*p)[i].as<tir::VarNode>()) vmap->emplace(var, (*a)[i]);
  }
}

std::string CalleeName(const Call& call) {
  if (const auto* op = call->op.as<ir::OpNode>()) return op->name;
  if (const auto* gv = call->op.as<ir::GlobalVarNode>()) return gv->name_hint;
  if (const auto* extern_func = call->op.as<ExternFuncNode>()) return extern_func->global_symbol;
  if (const auto* var = call->op.as<VarNode>()) return var->name_hint;
  return "the callee";
}

}  // namespace

Expr Normalizer::Normalize(const Expr& expr) {
  if (const auto* var = expr.as<VarNode>()) {
    if (!var->struct_info_.defined()) {
      throw InvalidArgumentError(StrCat("relax: variable ", var->name_hint,
                                        " has no struct info; bind it with the BlockBuilder first"));
    }
    return expr;
  }
  if (expr.as<ConstantNode>() || expr.as<ShapeExprNode>() || expr.as<PrimValueNode>()) {
    return expr;  // their constructors set the struct info
  }
  if (const auto* str = expr.as<StringImmNode>()) {
    return str->struct_info_.defined() ? expr : WithStructInfo(expr, ObjectStructInfo(Span()));
  }
  if (const auto* tuple = expr.as<TupleNode>()) {
    bool changed = false;
    Array<Expr> fields = NormalizeArguments(tuple->fields, &changed);
    if (!changed && tuple->struct_info_.defined()) return expr;
    std::vector<StructInfo> field_sinfo;
    for (const Expr& field : fields) field_sinfo.push_back(GetStructInfo(field));
    Tuple result(fields, tuple->span);
    return WithStructInfo(result, TupleStructInfo(Array<StructInfo>(field_sinfo)));
  }
  if (const auto* item = expr.as<TupleGetItemNode>()) {
    Expr tuple = NormalizeArgument(item->tuple);
    if (tuple.same_as(item->tuple) && item->struct_info_.defined()) return expr;
    StructInfo tuple_sinfo = GetStructInfo(tuple);
    StructInfo sinfo;
    if (const auto* fields = tuple_sinfo.as<TupleStructInfoNode>()) {
      if (static_cast<size_t>(item->index) >= fields->fields.size()) {
        throw TypeInferenceError(StrCat("relax.TupleGetItem: index ", item->index,
                                        " is out of range for a tuple of ", fields->fields.size(),
                                        " fields"));
      }
      sinfo = fields->fields[item->index];
    } else if (tuple_sinfo.as<ObjectStructInfoNode>()) {
      sinfo = ObjectStructInfo(Span());
    } else {
      throw TypeInferenceError("relax.TupleGetItem: the value indexed is not a tuple");
    }
    TupleGetItem result(tuple, item->index, item->span);
    return WithStructInfo(result, sinfo);
  }
  if (const auto* call = expr.as<CallNode>()) return NormalizeCall(call);
  if (const auto* seq = expr.as<SeqExprNode>()) return NormalizeSeq(seq);
  if (const auto* if_node = expr.as<IfNode>()) {
    Expr cond = NormalizeArgument(if_node->cond);
    const auto* cond_sinfo = GetStructInfo(cond).as<PrimStructInfoNode>();
    bool scalar_tensor = false;
    if (const auto* tensor = GetStructInfo(cond).as<TensorStructInfoNode>()) {
      scalar_tensor = tensor->ndim == 0 || tensor->ndim == -1;
    }
    if (!cond_sinfo && !scalar_tensor) {
      throw TypeInferenceError("relax.If: the condition must be a scalar (a bool tensor of rank 0 or a prim value)");
    }
    Expr true_branch = Normalize(if_node->true_branch);
    Expr false_branch = Normalize(if_node->false_branch);
    if (cond.same_as(if_node->cond) && true_branch.same_as(if_node->true_branch) &&
        false_branch.same_as(if_node->false_branch) && if_node->struct_info_.defined()) {
      return expr;
    }
    StructInfo sinfo = StructInfoLUB(GetStructInfo(true_branch), GetStructInfo(false_branch),
                                     builder_->GetAnalyzer());
    If result(cond, true_branch, false_branch, if_node->span);
    return WithStructInfo(result, sinfo);
  }
  throw InvalidArgumentError(StrCat("relax: cannot normalize a ", expr->type_key()));
}

Expr Normalizer::NormalizeArgument(const Expr& expr) {
  Expr normalized = Normalize(expr);
  if (IsLeaf(normalized) || builder_->frames_.empty()) return normalized;
  return builder_->Emit(normalized);
}

Array<Expr> Normalizer::NormalizeArguments(const Array<Expr>& args, bool* changed) {
  std::vector<Expr> out;
  for (const Expr& arg : args) {
    out.push_back(NormalizeArgument(arg));
    *changed |= !out.back().same_as(arg);
  }
  return Array<Expr>(out);
}

Expr Normalizer::NormalizeCall(const CallNode* call) {
  bool changed = false;
  Array<Expr> args = NormalizeArguments(call->args, &changed);
  if (!changed && call->struct_info_.defined()) return tir::GetRef<Call>(call);
  Call result(call->op, args, call->attrs, call->sinfo_args, call->span);
  return WithStructInfo(result, InferCall(result));
}

StructInfo Normalizer::InferCall(const Call& call) {
  if (const auto* op = call->op.as<ir::OpNode>()) {
    static const ir::OpAttrMap<FInferStructInfo> infer("FInferStructInfo");
    ir::Op handle = tir::GetRef<ir::Op>(op);
    if (infer.count(handle)) return infer.at(handle)(call, BlockBuilder(ObjectPtr<Object>(builder_)));
    if (!call->sinfo_args.empty()) return call->sinfo_args[0];
    throw TypeInferenceError(StrCat(op->name, ": the operator has no struct-info inference"));
  }
  if (const auto* gv = call->op.as<ir::GlobalVarNode>()) {
    return InferGlobalCall(call, tir::GetRef<ir::GlobalVar>(gv));
  }
  if (!call->sinfo_args.empty()) return call->sinfo_args[0];
  if (const auto* var = call->op.as<VarNode>()) {
    if (const auto* func = var->struct_info_.as<FuncStructInfoNode>()) return func->ret;
    throw TypeInferenceError(StrCat("relax.Call: ", var->name_hint, " is not a function"));
  }
  return ObjectStructInfo(Span());
}

StructInfo Normalizer::InferGlobalCall(const Call& call, const ir::GlobalVar& gv) {
  ir::IRModule mod = builder_->module_;
  if (!mod.Contains(gv->name_hint)) {
    if (!call->sinfo_args.empty()) return call->sinfo_args[0];
    throw TypeInferenceError(StrCat("relax.Call: function ", gv->name_hint, " is not in the module"));
  }
  ir::BaseFunc func = mod.Lookup(gv->name_hint);
  // A direct call of a PrimFunc writes its outputs in place and returns nothing.
  if (func.as<tir::PrimFuncNode>()) return TupleStructInfo(Array<StructInfo>());
  const auto* relax_func = func.as<FunctionNode>();
  if (!relax_func) return ObjectStructInfo(Span());
  const auto* sinfo = relax_func->struct_info_.as<FuncStructInfoNode>();
  if (sinfo->params.size() != call->args.size()) {
    throw TypeInferenceError(StrCat("relax.Call: ", CalleeName(call), " takes ", sinfo->params.size(),
                                    " arguments, found ", call->args.size()));
  }
  tir::VarMap vmap;
  for (size_t i = 0; i < call->args.size(); ++i) {
    StructInfo arg = GetStructInfo(call->args[i]);
    MatchDims(sinfo->params[i], arg, &vmap);
    if (!IsBaseOf(SubstituteShapes(sinfo->params[i], vmap), arg, builder_->GetAnalyzer())) {
      throw TypeInferenceError(StrCat("relax.Call: argument ", i, " of ", CalleeName(call),
                                      " (parameter ", relax_func->params[i]->name_hint,
                                      ") does not match the parameter's struct info"));
    }
  }
  return SubstituteShapes(sinfo->ret, vmap);
}

BindingBlock Normalizer::NormalizeBlock(const BindingBlock& block) {
  bool dataflow = block.as<DataflowBlockNode>() != nullptr;
  if (dataflow) {
    builder_->BeginDataflowBlock();
  } else {
    builder_->BeginBindingBlock();
  }
  for (const Binding& binding : block->bindings) {
    if (const auto* var_binding = binding.as<VarBindingNode>()) {
      Expr value = Normalize(var_binding->value);
      Var var = binding->var;
      if (!var->struct_info_.defined()) {
        throw InvalidArgumentError(StrCat("relax: variable ", var->name_hint, " has no struct info"));
      }
      builder_->EmitNormalized(value.same_as(var_binding->value) ? binding
                                                                  : VarBinding(var, value, binding->span));
    } else {
      const auto* match_cast = binding.as<MatchCastNode>();
      Expr value = Normalize(match_cast->value);
      builder_->EmitNormalized(value.same_as(match_cast->value)
                                   ? binding
                                   : MatchCast(binding->var, value, match_cast->struct_info, binding->span));
    }
  }
  return builder_->EndBlock();
}

Expr Normalizer::NormalizeSeq(const SeqExprNode* seq) {
  std::vector<BindingBlock> blocks;
  bool changed = false;
  for (const BindingBlock& block : seq->blocks) {
    BindingBlock normalized = NormalizeBlock(block);
    bool block_changed = normalized->bindings.size() != block->bindings.size();
    for (size_t i = 0; !block_changed && i < block->bindings.size(); ++i) {
      block_changed = !normalized->bindings[i].same_as(block->bindings[i]);
    }
    blocks.push_back(block_changed ? normalized : block);
    changed |= block_changed;
  }
  // The body's own non-leaf parts go into a block at the end.
  builder_->BeginBindingBlock();
  Expr body = Normalize(seq->body);
  BindingBlock tail = builder_->EndBlock();
  if (!tail->bindings.empty()) blocks.push_back(tail);
  Array<BindingBlock> merged = MergeAdjacentBlocks(Array<BindingBlock>(blocks));
  changed |= merged.size() != seq->blocks.size() || !body.same_as(seq->body);
  if (!changed && seq->struct_info_.defined()) return tir::GetRef<SeqExpr>(seq);
  SeqExpr result(merged, body, seq->span);
  return WithStructInfo(result, GetStructInfo(body));
}

}  // namespace relax
}  // namespace tessel
