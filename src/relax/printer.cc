// Script printer handlers for Relax nodes: the TVMScript `R` dialect.
//
// ===================================================================== The printed format
//   @R.function
//   def main(x: R.Tensor((n, 784), dtype="float32")) -> R.Tensor((n, 10), dtype="float32"):
//       n = T.int64()                      # symbolic variables of the parameters' struct info
//       R.func_attr({"global_symbol": "main"})   # only when attrs are not empty
//       with R.dataflow():
//           lv: R.Tensor((n, 10), dtype="float32") = R.matmul(x, w)
//           gv: R.Tensor((n, 10), dtype="float32") = R.add(lv, b)
//           R.output(gv)                   # the block's non-DataflowVar variables
//       return gv
// Bindings print `v: <struct info> = value` (`v = value` without struct info);
// `v = R.match_cast(value, <struct info>)`; an If bound to v prints as
//   if cond:  <true blocks>  v = <true result>  else:  <false blocks>  v = <false result>
// Struct info: R.Object, R.Prim("int64"), R.Shape([n, 4]) / R.Shape(ndim=2),
//   R.Tensor((n, 4), dtype="float32") / R.Tensor(dtype="float32", ndim=2), R.Tuple(a, b),
//   R.Callable((a, b), r). Shape dimensions print as plain integers.
// Expressions: (a, b) for Tuple, x[0] for TupleGetItem, R.shape([n, 4]), R.prim_value(e),
//   R.str("s"), metadata["relax.Constant"][i] for constants, R.ExternFunc("f").
// Calls: an Op "relax.add" prints as R.add(...), a GlobalVar callee as cls.name, then the
//   arguments, the attributes as keywords and `sinfo_args=[...]` when not empty.
#include "tessel/ir/printer.h"
#include "tessel/relax/function.h"
#include "tessel/tir/functor.h"

namespace tessel {
namespace relax {

namespace {

using ir::ScriptPrinter;

// Shapes print their constant dimensions as plain integers, like TVMScript.
std::string PrintDim(const PrimExpr& dim, ScriptPrinter* p) {
  if (const auto* imm = dim.as<ir::IntImmNode>()) return std::to_string(imm->value);
  return p->Print(dim);
}

std::string PrintDims(const Array<PrimExpr>& dims, ScriptPrinter* p) {
  std::string out;
  for (size_t i = 0; i < dims.size(); ++i) out += (i ? ", " : "") + PrintDim(dims[i], p);
  return out;
}

std::string PrintTensorStructInfo(const ObjectRef& n, ScriptPrinter* p) {
  const auto* sinfo = n.as<TensorStructInfoNode>();
  std::vector<std::string> args;
  if (const auto* shape = sinfo->shape.as<ShapeExprNode>()) {
    args.push_back("(" + PrintDims(shape->values, p) + (shape->values.size() == 1 ? ",)" : ")"));
  } else if (sinfo->shape.defined()) {
    args.push_back(p->Print(sinfo->shape));
  }
  if (!sinfo->IsUnknownDtype()) args.push_back("dtype=" + ir::QuoteString(sinfo->dtype.ToString()));
  if (!sinfo->shape.defined() && !sinfo->IsUnknownNdim()) args.push_back(StrCat("ndim=", sinfo->ndim));
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
  return "R.Tensor(" + out + ")";
}

std::string PrintShapeStructInfo(const ObjectRef& n, ScriptPrinter* p) {
  const auto* sinfo = n.as<ShapeStructInfoNode>();
  if (sinfo->HasValues()) return "R.Shape([" + PrintDims(sinfo->GetValues(), p) + "])";
  if (sinfo->ndim == -1) return "R.Shape()";
  return StrCat("R.Shape(ndim=", sinfo->ndim, ")");
}

std::string JoinPrinted(const Array<StructInfo>& items, ScriptPrinter* p) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + p->Print(items[i]);
  return out;
}

std::string PrintCall(const ObjectRef& n, ScriptPrinter* p) {
  const auto* call = n.as<CallNode>();
  std::string callee;
  if (const auto* op = call->op.as<ir::OpNode>()) {
    const std::string prefix = "relax.";
    callee = op->name.rfind(prefix, 0) == 0 ? "R." + op->name.substr(prefix.size())
                                            : p->Print(call->op);
  } else if (const auto* gv = call->op.as<ir::GlobalVarNode>()) {
    callee = "cls." + gv->name_hint;
  } else {
    callee = p->Print(call->op);
  }
  std::string args;
  for (const Expr& arg : call->args) args += (args.empty() ? "" : ", ") + p->Print(arg);
  for (const auto& [key, value] : call->attrs->dict.items()) {
    args += (args.empty() ? "" : ", ") + key.str() + "=" + p->Print(value);
  }
  if (!call->sinfo_args.empty()) {
    args += (args.empty() ? "" : ", ") + ("sinfo_args=[" + JoinPrinted(call->sinfo_args, p) + "]");
  }
  return callee + "(" + args + ")";
}

// `name: sinfo` for a variable being defined (just `name` without struct info).
std::string VarDef(const Var& var, ScriptPrinter* p) {
  std::string name = p->Print(var);
  if (!var->struct_info_.defined()) return name;
  return name + ": " + p->Print(var->struct_info_);
}

// Writes the lines of a SeqExpr's blocks and returns its result's text.
std::string PrintSeqExpr(const ObjectRef& n, ScriptPrinter* p);

void PrintBinding(const Binding& binding, ScriptPrinter* p) {
  if (const auto* cast = binding.as<MatchCastNode>()) {
    std::string value = p->Print(cast->value);
    p->Line(StrCat(p->Print(cast->var), " = R.match_cast(", value, ", ", p->Print(cast->struct_info),
                   ")"));
    return;
  }
  const auto* bind = binding.as<VarBindingNode>();
  if (const auto* branch = bind->value.as<IfNode>()) {
    p->Line("if " + p->Print(branch->cond) + ":");
    p->Indent();
    std::string result = PrintSeqExpr(branch->true_branch, p);
    std::string def = VarDef(bind->var, p);
    p->Line(def + " = " + result);
    p->Dedent();
    p->Line("else:");
    p->Indent();
    p->Line(p->Print(bind->var) + " = " + PrintSeqExpr(branch->false_branch, p));
    p->Dedent();
    return;
  }
  std::string value = p->Print(bind->value);
  p->Line(VarDef(bind->var, p) + " = " + value);
}

std::string PrintSeqExpr(const ObjectRef& n, ScriptPrinter* p) {
  const auto* seq = n.as<SeqExprNode>();
  if (!seq) return p->Print(n);
  for (const BindingBlock& block : seq->blocks) {
    if (!block.as<DataflowBlockNode>()) {
      for (const Binding& binding : block->bindings) PrintBinding(binding, p);
      continue;
    }
    p->Line("with R.dataflow():");
    p->Indent();
    std::string outputs;
    for (const Binding& binding : block->bindings) {
      PrintBinding(binding, p);
      if (!binding->var.as<DataflowVarNode>()) {
        outputs += (outputs.empty() ? "" : ", ") + p->Print(binding->var);
      }
    }
    p->Line("R.output(" + outputs + ")");
    p->Dedent();
  }
  return p->Print(seq->body);
}

// The symbolic tir variables of struct info, in first-use order.
class SymbolicVarCollector : public tir::ExprVisitor {
 public:
  std::vector<tir::Var> vars;

  void Collect(const StructInfo& sinfo) {
    if (const auto* tensor = sinfo.as<TensorStructInfoNode>()) {
      if (const auto* shape = tensor->shape.as<ShapeExprNode>()) {
        for (const PrimExpr& dim : shape->values) VisitExpr(dim);
      }
    } else if (const auto* shape = sinfo.as<ShapeStructInfoNode>()) {
      for (const PrimExpr& dim : shape->GetValues()) VisitExpr(dim);
    } else if (const auto* tuple = sinfo.as<TupleStructInfoNode>()) {
      for (const StructInfo& field : tuple->fields) Collect(field);
    }
  }
  void VisitExpr_(const tir::VarNode* op) override {
    for (const tir::Var& var : vars) {
      if (var.get() == op) return;
    }
    vars.push_back(tir::GetRef<tir::Var>(op));
  }
};

std::string PrintFunction(const ObjectRef& n, ScriptPrinter* p) {
  const auto* func = n.as<FunctionNode>();
  std::string name = p->function_name;
  if (name.empty()) {
    ObjectRef symbol = func->attrs->dict.Get("global_symbol");
    name = symbol.as<ir::StringNode>() ? symbol.as<ir::StringNode>()->value : "main";
  }
  // Name the symbolic variables first, so that printing the signature does not declare them.
  SymbolicVarCollector collector;
  for (const Var& param : func->params) collector.Collect(param->struct_info_);
  for (const tir::Var& var : collector.vars) p->NameOf(var, var->name_hint);
  std::string params;
  for (const Var& param : func->params) params += (params.empty() ? "" : ", ") + VarDef(param, p);
  p->Line("@R.function");
  p->Line(StrCat("def ", name, "(", params, ") -> ", p->Print(func->ret_struct_info), ":"));
  p->Indent();
  for (const tir::Var& var : collector.vars) {
    p->Line(p->NameOf(var, "") + " = T." + var->dtype.ToString() + "()");
  }
  if (!func->attrs->dict.empty()) p->Line("R.func_attr(" + p->Print(func->attrs) + ")");
  p->Line("return " + PrintSeqExpr(func->body, p));
  p->Dedent();
  return "";
}

struct Registrar {
  Registrar() {
    auto var = [](const ObjectRef& n, ScriptPrinter* p) {
      return p->NameOf(n, n.as<VarNode>()->name_hint);
    };
    ScriptPrinter::Register("relax.Var", var);
    ScriptPrinter::Register("relax.DataflowVar", var);
    ScriptPrinter::Register("relax.ObjectStructInfo",
                            [](const ObjectRef&, ScriptPrinter*) -> std::string { return "R.Object"; });
    ScriptPrinter::Register("relax.PrimStructInfo", [](const ObjectRef& n, ScriptPrinter*) {
      return "R.Prim(" + ir::QuoteString(n.as<PrimStructInfoNode>()->dtype.ToString()) + ")";
    });
    ScriptPrinter::Register("relax.ShapeStructInfo", PrintShapeStructInfo);
    ScriptPrinter::Register("relax.TensorStructInfo", PrintTensorStructInfo);
    ScriptPrinter::Register("relax.TupleStructInfo", [](const ObjectRef& n, ScriptPrinter* p) {
      return "R.Tuple(" + JoinPrinted(n.as<TupleStructInfoNode>()->fields, p) + ")";
    });
    ScriptPrinter::Register("relax.FuncStructInfo", [](const ObjectRef& n, ScriptPrinter* p) {
      const auto* sinfo = n.as<FuncStructInfoNode>();
      return "R.Callable((" + JoinPrinted(sinfo->params, p) + (sinfo->params.size() == 1 ? ",)" : ")") +
             ", " + p->Print(sinfo->ret) + ")";
    });
    ScriptPrinter::Register("relax.Constant",
                            [](const ObjectRef& n, ScriptPrinter* p) { return p->AddMetadata(n); });
    ScriptPrinter::Register("relax.Tuple", [](const ObjectRef& n, ScriptPrinter* p) {
      const auto& fields = n.as<TupleNode>()->fields;
      std::string out;
      for (const Expr& field : fields) out += (out.empty() ? "" : ", ") + p->Print(field);
      return "(" + out + (fields.size() == 1 ? ",)" : ")");
    });
    ScriptPrinter::Register("relax.TupleGetItem", [](const ObjectRef& n, ScriptPrinter* p) {
      const auto* item = n.as<TupleGetItemNode>();
      return StrCat(p->Print(item->tuple), "[", item->index, "]");
    });
    ScriptPrinter::Register("relax.ShapeExpr", [](const ObjectRef& n, ScriptPrinter* p) {
      return "R.shape([" + PrintDims(n.as<ShapeExprNode>()->values, p) + "])";
    });
    ScriptPrinter::Register("relax.PrimValue", [](const ObjectRef& n, ScriptPrinter* p) {
      return "R.prim_value(" + p->Print(n.as<PrimValueNode>()->value) + ")";
    });
    ScriptPrinter::Register("relax.StringImm", [](const ObjectRef& n, ScriptPrinter*) {
      return "R.str(" + ir::QuoteString(n.as<StringImmNode>()->value) + ")";
    });
    ScriptPrinter::Register("relax.ExternFunc", [](const ObjectRef& n, ScriptPrinter*) {
      return "R.ExternFunc(" + ir::QuoteString(n.as<ExternFuncNode>()->global_symbol) + ")";
    });
    ScriptPrinter::Register("relax.Call", PrintCall);
    ScriptPrinter::Register("relax.Function", PrintFunction);
  }
};
const Registrar registrar;

}  // namespace

}  // namespace relax
}  // namespace tessel
