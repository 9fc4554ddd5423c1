// The well-formedness checker of Relax functions (tessel/relax/well_formed.h).
#include "tessel/relax/well_formed.h"

#include <unordered_set>
#include <vector>

#include "tessel/ir/op.h"
#include "tessel/relax/analysis.h"
#include "tessel/relax/functor.h"
#include "tessel/relax/op/call.h"

namespace tessel {
namespace relax {

namespace {

// Thrown at the first problem and caught at the top: the checker reports only that one.
struct Malformed {
  std::string message;
};

std::string Describe(const ObjectRef& value) {
  std::string key = value->type_key();
  return key.substr(key.find('.') + 1);
}

class WellFormedChecker : public ExprVisitor {
 public:
  WellFormedChecker(const ir::IRModule* mod, bool check_struct_info)
      : mod_(mod), check_struct_info_(check_struct_info) {}

  void CheckFunction(const std::string& name, const Function& func) {
    func_name_ = name;
    scopes_.assign(1, {});
    for (const Var& param : func->params) {
      if (param.as<DataflowVarNode>()) Fail("parameter ", param->name_hint, " is a DataflowVar");
      Define(param);
    }
    if (!func->body.as<SeqExprNode>()) {
      Fail("the body is a ", Describe(func->body), ", not a SeqExpr");
    }
    VisitExpr(func->body);
  }

  void VisitExpr(const Expr& expr) override {
    if (check_struct_info_ && !expr->struct_info_.defined()) {
      Fail("a ", Describe(expr), " has no struct info (normalize it with a BlockBuilder)");
    }
    ExprVisitor::VisitExpr(expr);
  }

  void VisitExpr_(const VarNode* op) override {
    for (const auto& scope : scopes_) {
      if (scope.count(op)) return;
    }
    if (dynamic_cast<const DataflowVarNode*>(op) && defined_.count(op)) {
      Fail("variable ", op->name_hint, " is used outside the dataflow block that defines it");
    }
    if (defined_.count(op)) Fail("variable ", op->name_hint, " is used outside its scope");
    Fail("variable ", op->name_hint, " is used but never defined before");
  }

  void VisitExpr_(const TupleNode* op) override {
    for (const Expr& field : op->fields) RequireLeaf(field, "a tuple field");
    ExprVisitor::VisitExpr_(op);
  }

  void VisitExpr_(const TupleGetItemNode* op) override {
    RequireLeaf(op->tuple, "the tuple of a TupleGetItem");
    ExprVisitor::VisitExpr_(op);
  }

  void VisitExpr_(const CallNode* op) override {
    if (const auto* gv = op->op.as<ir::GlobalVarNode>()) CheckGlobalVar(gv);
    // Cross-level calls name their PrimFunc in the attribute "callee".
    if (const auto* gv = GetCallee(GetRef<Call>(op)).as<ir::GlobalVarNode>()) CheckGlobalVar(gv);
    for (const Expr& arg : op->args) RequireLeaf(arg, "a call argument");
    if (in_dataflow_ && !IsPureCall(op)) {
      Fail("an impure call of ", CalleeName(op), " is inside a dataflow block");
    }
    ExprVisitor::VisitExpr_(op);
  }

  void VisitExpr_(const IfNode* op) override {
    if (in_dataflow_) Fail("an If is inside a dataflow block");
    RequireLeaf(op->cond, "the condition of an If");
    VisitExpr(op->cond);
    VisitExpr(op->true_branch);
    VisitExpr(op->false_branch);
  }

  void VisitExpr_(const SeqExprNode* op) override {
    // A SeqExpr's bindings are visible only inside it (If branches have their own).
    scopes_.emplace_back();
    for (const BindingBlock& block : op->blocks) VisitBindingBlock(block);
    RequireLeaf(op->body, "the body of a SeqExpr");
    VisitExpr(op->body);
    scopes_.pop_back();
  }

  void VisitBindingBlock(const BindingBlock& block) override {
    bool dataflow = block.as<DataflowBlockNode>() != nullptr;
    in_dataflow_ = dataflow;
    ExprVisitor::VisitBindingBlock(block);
    in_dataflow_ = false;
    if (!dataflow) return;
    // The block's DataflowVars go out of scope; its other variables stay visible.
    auto& scope = scopes_.back();
    for (const Binding& binding : block->bindings) {
      if (binding->var.as<DataflowVarNode>()) scope.erase(binding->var.get());
    }
  }

  void VisitVarDef(const Var& var) override {
    if (var.as<DataflowVarNode>() && !in_dataflow_) {
      Fail("DataflowVar ", var->name_hint, " is defined outside a dataflow block");
    }
    Define(var);
  }

 private:
  template <typename... Args>
  [[noreturn]] void Fail(Args&&... args) {
    throw Malformed{StrCat("function ", func_name_, ": ", std::forward<Args>(args)...)};
  }

  void Define(const Var& var) {
    if (!defined_.insert(var.get()).second) {
      Fail("variable ", var->name_hint, " is defined more than once");
    }
    if (check_struct_info_ && !var->struct_info_.defined()) {
      Fail("variable ", var->name_hint, " has no struct info");
    }
    scopes_.back().insert(var.get());
  }

  void RequireLeaf(const Expr& expr, const char* what) {
    if (!IsLeaf(expr)) {
      Fail(what, " is a ", Describe(expr), ", not a leaf (the function is not in A-normal form)");
    }
  }

  void CheckGlobalVar(const ir::GlobalVarNode* gv) {
    if (mod_ && !(*mod_).Contains(gv->name_hint)) {
      Fail("calls @", gv->name_hint, ", which is not a function of the module");
    }
  }

  std::string CalleeName(const CallNode* op) const {
    if (const auto* o = op->op.as<ir::OpNode>()) return o->name;
    if (const auto* gv = op->op.as<ir::GlobalVarNode>()) return "@" + gv->name_hint;
    if (const auto* ext = op->op.as<ExternFuncNode>()) return "extern function " + ext->global_symbol;
    if (const auto* var = op->op.as<VarNode>()) return var->name_hint;
    return "an unknown callee";
  }

  bool IsPureCall(const CallNode* op) const {
    if (const auto* o = op->op.as<ir::OpNode>()) {
      static const ir::OpAttrMap<bool> purity("FPurity");
      return purity.get(GetRef<ir::Op>(o), true);
    }
    if (op->op.as<ExternFuncNode>()) return false;
    if (const auto* gv = op->op.as<ir::GlobalVarNode>()) {
      if (!mod_ || !(*mod_).Contains(gv->name_hint)) return true;
      const auto* callee = (*mod_).Lookup(gv->name_hint).as<FunctionNode>();
      return callee == nullptr || callee->is_pure;
    }
    if (const auto* var = op->op.as<VarNode>()) {
      const auto* sinfo = var->struct_info_.as<FuncStructInfoNode>();
      return sinfo == nullptr || sinfo->purity;
    }
    return true;
  }

  const ir::IRModule* mod_;
  bool check_struct_info_;
  std::string func_name_;
  bool in_dataflow_ = false;
  std::unordered_set<const VarNode*> defined_;                 // across the module
  std::vector<std::unordered_set<const VarNode*>> scopes_;     // visible now, innermost last
};

}  // namespace

std::string WellFormedError(const ir::IRModule& mod, bool check_struct_info) {
  WellFormedChecker checker(&mod, check_struct_info);
  try {
    for (const auto& [gv, func] : mod->functions.items()) {
      if (const auto* relax_func = func.as<FunctionNode>()) {
        checker.CheckFunction(gv->name_hint, GetRef<Function>(relax_func));
      }
    }
  } catch (const Malformed& problem) {
    return problem.message;
  }
  return "";
}

std::string WellFormedError(const Function& func, bool check_struct_info) {
  WellFormedChecker checker(nullptr, check_struct_info);
  try {
    ObjectRef symbol = func->attrs.Get("global_symbol");
    checker.CheckFunction(symbol.defined() ? ir::Downcast<ir::String>(symbol).str() : "<anonymous>", func);
  } catch (const Malformed& problem) {
    return problem.message;
  }
  return "";
}

bool WellFormed(const ir::IRModule& mod, bool check_struct_info) {
  return WellFormedError(mod, check_struct_info).empty();
}

void CheckWellFormed(const ir::IRModule& mod, bool check_struct_info) {
  std::string problem = WellFormedError(mod, check_struct_info);
  if (!problem.empty()) throw InvalidArgumentError(StrCat("relax module is not well formed: ", problem));
}

}  // namespace relax
}  // namespace tessel
