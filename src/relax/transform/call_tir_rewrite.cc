// CallTIRRewrite: cross-level calls become explicit output allocations followed by
// destination-passing calls, the only calling convention the VM knows.
#include <vector>

#include "../op/memory.h"
#include "tessel/relax/op/call.h"
#include "tessel/relax/op/op_common.h"
#include "tessel/relax/transform_vm.h"
#include "utils.h"

namespace tessel {
namespace relax {
namespace transform {

namespace {

class CallTIRMutator : public ExprMutator {
 public:
  explicit CallTIRMutator(std::string func_name) : func_name_(std::move(func_name)) {}
  using ExprMutator::VisitExpr_;

  BindingBlock VisitBindingBlock(const BindingBlock& block) override {
    bool dataflow = block.as<DataflowBlockNode>() != nullptr;
    frames_.push_back({dataflow, {}});
    for (const Binding& binding : block->bindings) VisitBindingInto(binding);
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    Array<Binding> bindings(frame.bindings);
    if (dataflow) return DataflowBlock(bindings, block->span);
    return BindingBlock(bindings, block->span);
  }

  // A cross-level call in the result of a sequence is bound in a block of its own.
  Expr VisitExpr_(const SeqExprNode* op) override {
    Array<BindingBlock> blocks =
        op->blocks.Map([this](const BindingBlock& b) { return VisitBindingBlock(b); });
    frames_.push_back({false, {}});
    binding_name_.clear();
    Expr body = VisitExpr(op->body);
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    if (!frame.bindings.empty()) blocks = blocks.Append(BindingBlock(Array<Binding>(frame.bindings)));
    blocks = MergeAdjacentBlocks(blocks);
    if (blocks.same_as(op->blocks) && body.same_as(op->body)) return GetRef<Expr>(op);
    return SeqExpr(blocks, body, op->span);
  }

  Expr VisitExpr_(const CallNode* op) override {
    Expr visited = ExprMutator::VisitExpr_(op);
    const auto* call = visited.as<CallNode>();
    if (!call) return visited;
    if (AsOpCall(visited, "relax.call_pure_packed")) return RewritePurePacked(call);
    if (AsOpCall(visited, "relax.call_tir") || AsOpCall(visited, "relax.call_dps_packed")) {
      return RewriteDPS(call, Var());
    }
    return visited;
  }

 private:
  struct Frame {
    bool dataflow = false;
    std::vector<Binding> bindings;
  };

  void VisitBindingInto(const Binding& binding) {
    binding_name_ = binding->var->name_hint;
    const auto* bind = binding.as<VarBindingNode>();
    const auto* call = bind ? bind->value.as<CallNode>() : nullptr;
    bool single_dps = call && (AsOpCall(bind->value, "relax.call_tir") ||
                               AsOpCall(bind->value, "relax.call_dps_packed")) &&
                      call->sinfo_args.size() == 1 && call->sinfo_args[0].as<TensorStructInfoNode>();
    if (!single_dps) {
      Binding visited = VisitBinding(binding);
      frames_.back().bindings.push_back(visited);
      return;
    }
    // `y = call_tir(...)` with one output: y itself is the allocation the kernel fills.
    Expr callee_visited = ExprMutator::VisitExpr_(call);
    Var var = VisitVarDef(bind->var);
    if (!var.same_as(bind->var)) var_remap_[bind->var.get()] = var;
    RewriteDPS(callee_visited.as<CallNode>(), var);
  }

  Var Emit(const Expr& value, const std::string& name_hint, const Var& into = Var()) {
    Var var = into;
    if (!var.defined()) {
      var = frames_.back().dataflow ? DataflowVar(name_hint, value->struct_info_)
                                    : Var(name_hint, value->struct_info_);
    }
    frames_.back().bindings.push_back(VarBinding(var, value));
    return var;
  }

  std::string Where() const {
    return StrCat("relax.CallTIRRewrite: function ", func_name_,
                  binding_name_.empty() ? std::string() : StrCat(", binding of ", binding_name_));
  }

  // Allocates the output of sinfo (into `into` when given).
  Var AllocOutput(const StructInfo& sinfo, const Var& into, const CallNode* call) {
    const auto* tensor = sinfo.as<TensorStructInfoNode>();
    std::string op = OpName(GetRef<Call>(call));
    if (!tensor) {
      throw InvalidArgumentError(StrCat(Where(), ": the outputs of ", op,
                                        " must be tensors, found ", sinfo->type_key()));
    }
    if (!tensor->shape.defined() || tensor->IsUnknownDtype()) {
      throw InvalidArgumentError(StrCat(Where(), ": an output of ", op,
                                        " has an unknown ", tensor->shape.defined() ? "dtype" : "shape",
                                        "; destination passing needs both"));
    }
    return Emit(BuiltinAllocTensor(tensor->shape, tensor->dtype, 0), "alloc", into);
  }

  Expr RewriteDPS(const CallNode* call, const Var& into) {
    Call ref = GetRef<Call>(call);
    bool is_tir = IsOpCall(ref, "relax.call_tir");
    ir::BaseExpr callee = GetCallee(ref);
    if (call->sinfo_args.size() != 1 || !callee.defined() || call->args.empty() ||
        !call->args[0].as<TupleNode>()) {
      throw InvalidArgumentError(StrCat(Where(), ": malformed ", OpName(ref),
                                        " (expected a callee, an argument tuple and one output",
                                        " struct info)"));
    }
    const StructInfo& out_sinfo = call->sinfo_args[0];
    std::vector<Expr> outputs;
    if (const auto* tuple = out_sinfo.as<TupleStructInfoNode>()) {
      for (const StructInfo& field : tuple->fields) outputs.push_back(AllocOutput(field, Var(), call));
    } else {
      outputs.push_back(AllocOutput(out_sinfo, into, call));
    }
    std::vector<Expr> args;
    for (const Expr& arg : GetCallArgs(ref)) args.push_back(arg);
    args.insert(args.end(), outputs.begin(), outputs.end());
    if (is_tir && call->args.size() > 1) {
      const auto* tir_vars = call->args[1].as<ShapeExprNode>();
      if (!tir_vars) {
        throw InvalidArgumentError(StrCat(Where(), ": the tir_vars of relax.call_tir must be a",
                                          " ShapeExpr, found ", call->args[1]->type_key()));
      }
      for (const PrimExpr& value : tir_vars->values) args.push_back(PrimValue(value));
    }
    Array<StructInfo> sinfo_args;
    if (!is_tir) sinfo_args = {VoidStructInfo()};
    Emit(WithStructInfo(Call(callee, Array<Expr>(args), ir::DictAttrs(), sinfo_args), VoidStructInfo()), "_");
    if (!out_sinfo.as<TupleStructInfoNode>()) return outputs[0];
    return WithStructInfo(Tuple(Array<Expr>(outputs)), out_sinfo);
  }

  Expr RewritePurePacked(const CallNode* call) {
    Call ref = GetRef<Call>(call);
    ir::BaseExpr callee = GetCallee(ref);
    if (!callee.defined() || call->sinfo_args.size() != 1) {
      throw InvalidArgumentError(StrCat(Where(), ": malformed relax.call_pure_packed"
                                        " (expected a callee and one result struct info)"));
    }
    return WithStructInfo(Call(callee, call->args, ir::DictAttrs(), call->sinfo_args), call->sinfo_args[0]);
  }

  std::string func_name_;
  std::string binding_name_;  // the binding being rewritten, for messages
  std::vector<Frame> frames_;
};

}  // namespace

ir::transform::Pass CallTIRRewrite() {
  return RelaxFunctionPass(
      [](const Function& func, const std::string& name, ir::IRModule*) {
        return CallTIRMutator(name).VisitFunction(func);
      },
      "relax.CallTIRRewrite");
}

TESSEL_REGISTER_PASS("relax.CallTIRRewrite", [] { return CallTIRRewrite(); });

}  // namespace transform
}  // namespace relax
}  // namespace tessel
