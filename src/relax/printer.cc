// Script printer handlers for Relax nodes: the `R` dialect that tessel.script parses back.
//
// ===================================================================== The printed format
//   @R.function                            # (pure=False) / (private=True) in a module
//   def main(x: R.Tensor((n, 784), dtype="float32")) -> R.Tensor((n, 10), dtype="float32"):
//       n = T.int64()                      # every symbolic variable the function uses
//       R.func_attr({"num_input": 1})      # only when attrs are not empty (see below)
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
//   R.str("s"), R.const(v, "dtype") for scalar constants and metadata["relax.Constant"][i]
//   for the others, R.ExternFunc("f").
// Calls: an Op "relax.add" prints as R.add(...), a GlobalVar as cls.name, then the
//   arguments, the attributes as keywords and `sinfo_args=[...]` when not empty;
//   the cross-level calls (their callee is the attribute "callee") as
//   R.call_tir(cls.f, (x,), out_sinfo=..., tir_vars=R.shape([...])),
//   R.call_dps_packed("f", (x,), out_sinfo=...), R.call_pure_packed("f", x, sinfo_args=...).
// In a module, "global_symbol" is implied by the function's name: the script parser gives
// every public function that attribute, so it is printed only when it differs, and a
// function without it prints as @R.function(private=True). A function printed on its own
// shows all its attributes.
#include <optional>

#include "tessel/ir/printer.h"
#include "tessel/relax/function.h"
#include "tessel/relax/functor.h"
#include "tessel/runtime/data_type.h"
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

// A GlobalVar inside a Relax function refers to the module being printed: `cls.name`.
std::string PrintArg(const ObjectRef& arg, ScriptPrinter* p) {
  if (const auto* gv = arg.as<ir::GlobalVarNode>()) return "cls." + gv->name_hint;
  return p->Print(arg);
}

// The out_sinfo of a destination-passing call: one struct info, or a list for a tuple.
std::string PrintOutSinfo(const StructInfo& sinfo, ScriptPrinter* p) {
  if (const auto* tuple = sinfo.as<TupleStructInfoNode>()) {
    return "[" + JoinPrinted(tuple->fields, p) + "]";
  }
  return p->Print(sinfo);
}

// R.call_tir / R.call_dps_packed / R.call_pure_packed in the form their script functions
// take (the callee is the call's only attribute, "callee"); an empty result when the call
// does not have the shape those functions build, so that it prints generically.
std::string PrintCrossLevelCall(const CallNode* call, const std::string& name, ScriptPrinter* p) {
  const auto& attrs = call->attrs->dict;
  ObjectRef callee = attrs.Get("callee");
  if (call->sinfo_args.size() != 1 || attrs.size() != 1 || !callee.defined()) return "";
  const auto* gv = callee.as<ir::GlobalVarNode>();
  const auto* extern_func = callee.as<ExternFuncNode>();
  if (name == "call_tir" || name == "call_dps_packed") {
    const bool tir = name == "call_tir";
    if (tir ? !gv : !extern_func) return "";
    const size_t max_args = tir ? 2 : 1;  // call_tir may pass tir_vars after the tuple
    if (call->args.empty() || call->args.size() > max_args || !call->args[0].as<TupleNode>()) {
      return "";
    }
    std::string target = tir ? "cls." + gv->name_hint : ir::QuoteString(extern_func->global_symbol);
    std::string out = "R." + name + "(" + target + ", " + p->Print(call->args[0]) +
                      ", out_sinfo=" + PrintOutSinfo(call->sinfo_args[0], p);
    if (call->args.size() == 2) {
      if (!call->args[1].as<ShapeExprNode>()) return "";
      out += ", tir_vars=" + p->Print(call->args[1]);
    }
    return out + ")";
  }
  if (name == "call_pure_packed" && extern_func) {
    std::string out = "R.call_pure_packed(" + ir::QuoteString(extern_func->global_symbol);
    for (const Expr& arg : call->args) out += ", " + PrintArg(arg, p);
    return out + ", sinfo_args=" + p->Print(call->sinfo_args[0]) + ")";
  }
  return "";
}

std::string PrintCall(const ObjectRef& n, ScriptPrinter* p) {
  const auto* call = n.as<CallNode>();
  std::string callee;
  if (const auto* op = call->op.as<ir::OpNode>()) {
    const std::string prefix = "relax.";
    if (op->name.rfind(prefix, 0) == 0) {
      std::string name = op->name.substr(prefix.size());
      std::string special = PrintCrossLevelCall(call, name, p);
      if (!special.empty()) return special;
      callee = "R." + name;
    } else {
      callee = p->Print(call->op);
    }
  } else {
    callee = PrintArg(call->op, p);
  }
  std::string args;
  for (const Expr& arg : call->args) args += (args.empty() ? "" : ", ") + PrintArg(arg, p);
  for (const auto& [key, value] : call->attrs->dict.items()) {
    args += (args.empty() ? "" : ", ") + key.str() + "=" + p->Print(value);
  }
  if (!call->sinfo_args.empty()) {
    args += (args.empty() ? "" : ", ") + ("sinfo_args=[" + JoinPrinted(call->sinfo_args, p) + "]");
  }
  return callee + "(" + args + ")";
}

// A scalar constant of a common dtype as `R.const(value, "dtype")`; nullopt for the others.
std::optional<std::string> ScalarConstant(const ConstantNode* constant) {
  const runtime::Tensor& data = constant->data;
  if (data.ndim() != 0 || data.device().device_type != kDLCPU) return std::nullopt;
  const DLDataType dtype = data.dtype();
  const std::string type = runtime::DataTypeToString(dtype);
  const void* ptr = data.data();
  std::string value;
  if (type == "float32") {
    value = ir::FloatLiteral(*static_cast<const float*>(ptr));
  } else if (type == "float64") {
    value = ir::FloatLiteral(*static_cast<const double*>(ptr));
  } else if (type == "int32") {
    value = std::to_string(*static_cast<const int32_t*>(ptr));
  } else if (type == "int64") {
    value = std::to_string(*static_cast<const int64_t*>(ptr));
  } else if (type == "bool") {
    value = *static_cast<const uint8_t*>(ptr) ? "True" : "False";
  } else {
    return std::nullopt;
  }
  // A non-finite float prints as float("inf"), which R.const reads back as well.
  return "R.const(" + value + ", " + ir::QuoteString(type) + ")";
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

// The symbolic tir variables a function uses, in first-use order: those of its struct info
// (parameters, result, bindings, match casts, call struct info arguments) and of its shape
// and scalar values. The printer declares each at the top of the function.
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
    } else if (const auto* func = sinfo.as<FuncStructInfoNode>()) {
      for (const StructInfo& param : func->params) Collect(param);
      Collect(func->ret);
    }
  }
  void VisitExpr_(const tir::VarNode* op) override {
    for (const tir::Var& var : vars) {
      if (var.get() == op) return;
    }
    vars.push_back(tir::GetRef<tir::Var>(op));
  }
};

// Walks a function body for SymbolicVarCollector.
class BodySymbolicVars : public ExprVisitor {
 public:
  explicit BodySymbolicVars(SymbolicVarCollector* collector) : collector_(collector) {}

  void VisitVarDef(const Var& var) override { collector_->Collect(var->struct_info_); }
  void VisitBinding(const Binding& binding) override {
    if (const auto* cast = binding.as<MatchCastNode>()) collector_->Collect(cast->struct_info);
    ExprVisitor::VisitBinding(binding);
  }
  void VisitExpr_(const CallNode* op) override {
    for (const StructInfo& sinfo : op->sinfo_args) collector_->Collect(sinfo);
    ExprVisitor::VisitExpr_(op);
  }
  void VisitExpr_(const ShapeExprNode* op) override {
    for (const PrimExpr& dim : op->values) collector_->VisitExpr(dim);
  }
  void VisitExpr_(const PrimValueNode* op) override { collector_->VisitExpr(op->value); }

 private:
  SymbolicVarCollector* collector_;
};

std::string PrintFunction(const ObjectRef& n, ScriptPrinter* p) {
  const auto* func = n.as<FunctionNode>();
  // In a module the name is the GlobalVar's, and "global_symbol" is implied by it.
  const bool in_module = !p->function_name.empty();
  ObjectRef symbol = func->attrs->dict.Get("global_symbol");
  const auto* symbol_name = symbol.as<ir::StringNode>();
  std::string name = in_module ? p->function_name : symbol_name ? symbol_name->value : "main";
  ir::Map<ir::String, ObjectRef> attrs = func->attrs->dict;
  std::vector<std::string> options;
  if (!func->is_pure) options.push_back("pure=False");
  if (in_module) {
    if (!symbol.defined()) {
      options.push_back("private=True");
    } else if (symbol_name && symbol_name->value == name) {
      attrs = attrs.Erase(ir::String("global_symbol"));
    }
  }
  // Name the symbolic variables first, so that printing the signature does not declare them.
  SymbolicVarCollector collector;
  for (const Var& param : func->params) collector.Collect(param->struct_info_);
  collector.Collect(func->ret_struct_info);
  BodySymbolicVars body_vars(&collector);
  body_vars.VisitExpr(func->body);
  for (const tir::Var& var : collector.vars) p->NameOf(var, var->name_hint);
  std::string params;
  for (const Var& param : func->params) params += (params.empty() ? "" : ", ") + VarDef(param, p);
  std::string decorator = "@R.function";
  for (size_t i = 0; i < options.size(); ++i) decorator += (i ? ", " : "(") + options[i];
  p->Line(options.empty() ? decorator : decorator + ")");
  p->Line(StrCat("def ", name, "(", params, ") -> ", p->Print(func->ret_struct_info), ":"));
  p->Indent();
  for (const tir::Var& var : collector.vars) {
    p->Line(p->NameOf(var, "") + " = T." + var->dtype.ToString() + "()");
  }
  if (!attrs.empty()) p->Line("R.func_attr(" + p->Print(attrs) + ")");
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
             ", " + p->Print(sinfo->ret) + (sinfo->purity ? "" : ", purity=False") + ")";
    });
    ScriptPrinter::Register("relax.Constant", [](const ObjectRef& n, ScriptPrinter* p) {
      std::optional<std::string> scalar = ScalarConstant(n.as<ConstantNode>());
      return scalar ? *scalar : p->AddMetadata(n);
    });
    ScriptPrinter::Register("relax.Tuple", [](const ObjectRef& n, ScriptPrinter* p) {
      const auto& fields = n.as<TupleNode>()->fields;
      std::string out;
      for (const Expr& field : fields) out += (out.empty() ? "" : ", ") + PrintArg(field, p);
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
