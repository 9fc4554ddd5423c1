// VMCodeGen: Relax functions in the lowered form -> VM bytecode, one register per value read.
#include "tessel/relax/backend/vm_codegen.h"

#include <unordered_map>
#include <unordered_set>

#include "tessel/ir/op.h"
#include "tessel/relax/function.h"
#include "tessel/relax/functor.h"
#include "tessel/runtime/vm/builtin.h"
#include "tessel/runtime/vm/exec_builder.h"
#include "tessel/support/error.h"
#include "tessel/tir/function.h"

namespace tessel {
namespace relax {

namespace {

namespace builtin = runtime::vm::builtin;
using runtime::Any;
using runtime::vm::Arg;
using runtime::vm::ExecBuilder;
using runtime::vm::Index;
using runtime::vm::RegName;

// The name a function is exported or called by: "global_symbol", else its GlobalVar's name.
std::string SymbolOf(const ir::GlobalVar& gv, const ir::BaseFunc& func) {
  if (const auto* symbol = func->attrs.Get("global_symbol").as<ir::StringNode>()) return symbol->value;
  return gv->name_hint;
}

// The variables a function reads: the others need no register (kernel calls, checks).
class UsedVars : public ExprVisitor {
 public:
  std::unordered_set<const VarNode*> used;
  void VisitExpr_(const VarNode* op) override { used.insert(op); }
};

class CodeGenVM {
 public:
  CodeGenVM(const ir::IRModule& mod, ExecBuilder* builder) : mod_(mod), builder_(builder) {}

  void Run() {
    std::vector<std::pair<std::string, Function>> functions;
    for (const ir::GlobalVar& gv : mod_.GetGlobalVars()) {
      ir::BaseFunc func = mod_.Lookup(gv);
      symbols_[gv.get()] = SymbolOf(gv, func);
      if (const auto* relax_func = func.as<FunctionNode>()) {
        std::vector<std::string> params;
        for (const Var& param : relax_func->params) params.push_back(param->name_hint);
        builder_->DeclareFunction(symbols_[gv.get()], params);
        functions.emplace_back(symbols_[gv.get()], GetRef<Function>(relax_func));
      }
    }
    for (const ir::GlobalVar& gv : mod_.GetGlobalVars()) {
      const std::string& symbol = symbols_[gv.get()];
      if (mod_.Lookup(gv).as<tir::PrimFuncNode>() && builder_->IsVMFunction(symbol)) {
        throw InvalidArgumentError(StrCat("VMCodeGen: PrimFunc ", gv->name_hint, " and a Relax function are both named '",
                                          symbol, "'"));
      }
    }
    for (const auto& [name, func] : functions) EmitFunction(name, func);
  }

 private:
  [[noreturn]] void Unsupported(const std::string& what) const {
    throw InvalidArgumentError(StrCat("VMCodeGen: function ", function_, ": ", what,
                                      " is not in the lowered form (run relax.transform.LowerToVM first)"));
  }

  void EmitFunction(const std::string& name, const Function& func) {
    function_ = name;
    values_.clear();
    UsedVars uses;
    uses.VisitExpr(func->body);
    used_ = std::move(uses.used);
    next_register_ = static_cast<RegName>(func->params.size());
    for (size_t i = 0; i < func->params.size(); ++i) {
      values_[func->params[i].get()] = Arg::Register(static_cast<RegName>(i));
    }
    builder_->BeginFunction(name);
    builder_->EmitRet(InRegister(VisitExpr(func->body)));
    builder_->EndFunction();
  }

  RegName NewRegister() { return next_register_++; }

  // A register holding value (constants and immediates are copied into one).
  RegName InRegister(const Arg& value) {
    if (value.kind == Arg::Kind::kRegister) return value.value;
    RegName dst = NewRegister();
    builder_->EmitCall(builtin::kCopy, {value}, dst);
    return dst;
  }

  Arg Call(const std::string& func, std::vector<Arg> args, bool discard = false) {
    RegName dst = discard ? runtime::vm::kVoidRegister : NewRegister();
    builder_->EmitCall(func, std::move(args), dst);
    return Arg::Register(dst);
  }

  std::vector<Arg> VisitArgs(const Array<Expr>& args) {
    std::vector<Arg> out;
    for (const Expr& arg : args) out.push_back(VisitExpr(arg));
    return out;
  }

  void VisitBinding(const Binding& binding) {
    if (const auto* bind = binding.as<VarBindingNode>()) {
      // A call whose result nobody reads (a kernel call, a check) discards it.
      const auto* call = bind->value.as<CallNode>();
      bool unused = !used_.count(bind->var.get());
      values_[bind->var.get()] = call != nullptr ? VisitCall(call, unused) : VisitExpr(bind->value);
      return;
    }
    Unsupported(StrCat("the match_cast of ", binding->var->name_hint));
  }

  Arg VisitSeq(const SeqExprNode* seq) {
    for (const BindingBlock& block : seq->blocks) {
      for (const Binding& binding : block->bindings) VisitBinding(binding);
    }
    return VisitExpr(seq->body);
  }

  Arg VisitExpr(const Expr& expr) {
    if (const auto* var = expr.as<VarNode>()) {
      auto it = values_.find(var);
      if (it == values_.end()) Unsupported(StrCat("variable ", var->name_hint, " used outside its scope"));
      return it->second;
    }
    if (const auto* seq = expr.as<SeqExprNode>()) return VisitSeq(seq);
    if (const auto* call = expr.as<CallNode>()) return VisitCall(call, false);
    if (const auto* constant = expr.as<ConstantNode>()) return builder_->ConvertConstant(Any(constant->data));
    if (const auto* shape = expr.as<ShapeExprNode>()) return builder_->ConvertConstant(Any(ConstantShape(shape)));
    if (const auto* prim = expr.as<PrimValueNode>()) return VisitPrimValue(prim);
    if (const auto* str = expr.as<StringImmNode>()) return builder_->ConvertConstant(Any(str->value));
    if (const auto* tuple = expr.as<TupleNode>()) return Call(builtin::kMakeTuple, VisitArgs(tuple->fields));
    if (const auto* item = expr.as<TupleGetItemNode>()) {
      return Call(builtin::kTupleGetItem, {VisitExpr(item->tuple), Arg::Immediate(item->index)});
    }
    if (const auto* branch = expr.as<IfNode>()) return VisitIf(branch);
    Unsupported(StrCat("a ", expr->type_key(), " value"));
  }

  runtime::ShapeTuple ConstantShape(const ShapeExprNode* shape) {
    std::vector<int64_t> dims;
    for (const PrimExpr& dim : shape->values) {
      const auto* imm = dim.as<ir::IntImmNode>();
      if (imm == nullptr) Unsupported("a shape with a symbolic dimension");
      dims.push_back(imm->value);
    }
    return runtime::ShapeTuple(std::move(dims));
  }

  Arg VisitPrimValue(const PrimValueNode* prim) {
    if (const auto* imm = prim->value.as<ir::IntImmNode>()) {
      if (imm->dtype.is_bool()) return builder_->ConvertConstant(Any(imm->value != 0));
      return Arg::Immediate(imm->value);
    }
    if (const auto* imm = prim->value.as<ir::FloatImmNode>()) return builder_->ConvertConstant(Any(imm->value));
    Unsupported("a PrimValue that is not a constant");
  }

  // if c: t else: f  ->  r = read_if_cond(c); if r else F; <t>; dst = copy(t); goto E; F: <f>; dst = copy(f); E:
  Arg VisitIf(const IfNode* branch) {
    RegName cond = NewRegister();
    builder_->EmitCall(builtin::kReadIfCond, {VisitExpr(branch->cond)}, cond);
    Index if_instr = builder_->EmitIf(cond, 0);
    RegName dst = NewRegister();
    builder_->EmitCall(builtin::kCopy, {VisitExpr(branch->true_branch)}, dst);
    Index goto_instr = builder_->EmitGoto(0);
    builder_->SetJumpOffset(if_instr, builder_->NextInstruction() - if_instr);
    builder_->EmitCall(builtin::kCopy, {VisitExpr(branch->false_branch)}, dst);
    builder_->SetJumpOffset(goto_instr, builder_->NextInstruction() - goto_instr);
    return Arg::Register(dst);
  }

  Arg VisitCall(const CallNode* call, bool discard) {
    if (const auto* gv = call->op.as<ir::GlobalVarNode>()) {
      auto it = symbols_.find(gv);
      if (it == symbols_.end()) Unsupported(StrCat("a call of ", gv->name_hint, ", which is not in the module,"));
      return Call(it->second, VisitArgs(call->args), discard);
    }
    if (const auto* extern_func = call->op.as<ExternFuncNode>()) {
      return Call(extern_func->global_symbol, VisitArgs(call->args), discard);
    }
    if (const auto* op = call->op.as<ir::OpNode>()) return VisitMemoryOp(op->name, call);
    Unsupported("a call of a variable");
  }

  Arg VisitMemoryOp(const std::string& name, const CallNode* call) {
    auto expect_args = [&](size_t n) {
      if (call->args.size() != n) {
        Unsupported(StrCat("a call of ", name, " with ", call->args.size(), " arguments (expected ", n, ")"));
      }
    };
    if (name == "relax.memory.alloc_storage") {
      expect_args(3);
      return Call(builtin::kAllocStorage, VisitArgs(call->args));
    }
    if (name == "relax.memory.alloc_tensor") {
      expect_args(4);
      return Call(builtin::kAllocTensor, VisitArgs(call->args));
    }
    if (name == "relax.builtin.alloc_tensor") {
      expect_args(3);
      return Call(builtin::kEmpty, VisitArgs(call->args));
    }
    if (name == "relax.memory.kill_storage" || name == "relax.memory.kill_tensor") {
      return Arg::Register(NewRegister());  // memory is freed with its last reference
    }
    Unsupported(StrCat("operator ", name));
  }

  ir::IRModule mod_;
  ExecBuilder* builder_;
  std::unordered_map<const ir::GlobalVarNode*, std::string> symbols_;
  std::string function_;
  std::unordered_map<const VarNode*, Arg> values_;
  std::unordered_set<const VarNode*> used_;
  RegName next_register_ = 0;
};

}  // namespace

std::shared_ptr<runtime::vm::Executable> VMCodeGen(const ir::IRModule& lowered) {
  ExecBuilder builder;
  CodeGenVM(lowered, &builder).Run();
  return builder.Get();
}

}  // namespace relax
}  // namespace tessel
