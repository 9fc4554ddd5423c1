// LegalizeOps: replace operator calls by their legalization, usually a call_tir of a kernel.
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "tessel/relax/block_builder.h"
#include "tessel/relax/functor.h"
#include "tessel/relax/op/call.h"
#include "tessel/relax/transform.h"
#include "tessel/tir/function.h"

namespace tessel {
namespace relax {
namespace transform {

namespace {

// A legalization that keeps returning operator calls is stopped after this many rounds.
constexpr int kMaxLegalizeDepth = 16;

// The operators LegalizeOps keeps: the cross-level calls and the VM's memory operators.
bool IsKept(const std::string& name) {
  static const char* const kept[] = {"relax.call_tir", "relax.call_dps_packed", "relax.call_pure_packed"};
  for (const char* op : kept) {
    if (name == op) return true;
  }
  return name.rfind("relax.memory.", 0) == 0 || name.rfind("relax.builtin.", 0) == 0;
}

// Why a legalization returned its own call: which argument's shape or dtype is unknown.
std::string UnknownArgument(const Call& call) {
  for (size_t i = 0; i < call->args.size(); ++i) {
    const auto* tensor = call->args[i]->struct_info_.as<TensorStructInfoNode>();
    if (!tensor) continue;
    if (tensor->IsUnknownNdim()) return StrCat(": argument ", ArgName(call, i), " has unknown rank");
    if (tensor->IsUnknownDtype()) return StrCat(": argument ", ArgName(call, i), " has unknown dtype");
    if (!tensor->shape.defined()) return StrCat(": argument ", ArgName(call, i), " has unknown shape");
  }
  return "";
}

class Legalizer : public ExprMutator {
 public:
  Legalizer(BlockBuilder bb, const std::map<std::string, FLegalize>& customize)
      : bb_(std::move(bb)), customize_(customize) {}

  // The kernel made for each operator with a TOpPattern, to annotate at the end.
  std::unordered_map<std::string, OpPatternKind> patterns;

  Function Legalize(const std::string& name, const Function& func) {
    func_name_ = name;
    Expr body = VisitExpr(func->body);
    if (body.same_as(func->body)) return func;
    return Function(func->params, bb_->Normalize(body), func->ret_struct_info, func->is_pure,
                    func->attrs, func->span);
  }

  // Blocks are rebuilt through the builder, so that what a legalization emits lands
  // before the binding that uses it.
  Expr VisitExpr_(const SeqExprNode* op) override {
    std::vector<BindingBlock> blocks;
    bool changed = false;
    for (const BindingBlock& block : op->blocks) {
      if (block.as<DataflowBlockNode>()) {
        bb_->BeginDataflowBlock();
      } else {
        bb_->BeginBindingBlock();
      }
      for (const Binding& binding : block->bindings) {
        Binding visited = VisitBinding(binding);
        if (!visited.same_as(binding)) {
          changed = true;
          if (const auto* bind = visited.as<VarBindingNode>()) {
            visited = VarBinding(bind->var, bb_->Normalize(bind->value), bind->span);
          } else if (const auto* cast = visited.as<MatchCastNode>()) {
            visited = MatchCast(cast->var, bb_->Normalize(cast->value), cast->struct_info, cast->span);
          }
        }
        bb_->EmitNormalized(visited);
      }
      BindingBlock rebuilt = bb_->EndBlock();
      changed |= rebuilt->bindings.size() != block->bindings.size();
      blocks.push_back(rebuilt);
    }
    Expr body = VisitExpr(op->body);
    if (!changed && body.same_as(op->body)) return GetRef<Expr>(op);
    return SeqExpr(Array<BindingBlock>(blocks), body, op->span);
  }

  Expr VisitExpr_(const CallNode* op) override {
    Expr visited = ExprMutator::VisitExpr_(op);
    const auto* call_node = visited.as<CallNode>();
    const auto* callee = call_node ? call_node->op.as<ir::OpNode>() : nullptr;
    if (!callee || (IsKept(callee->name) && !customize_.count(callee->name))) return visited;
    Call call = ir::Downcast<Call>(visited.same_as(GetRef<Expr>(op)) ? visited : bb_->Normalize(visited));
    return Legalize(call, callee->name, 0);
  }

 private:
  Expr Legalize(const Call& call, const std::string& op_name, int depth) {
    static const ir::OpAttrMap<FLegalize> legalize_map("FLegalize");
    ir::Op op = ir::Downcast<ir::Op>(call->op);
    auto custom = customize_.find(op_name);
    FLegalize legalize = custom != customize_.end() ? custom->second : legalize_map.get(op, nullptr);
    if (!legalize) {
      Fail(op_name, " has no legalization (FLegalize)");
    }
    if (depth > kMaxLegalizeDepth) Fail("the legalization of ", op_name, " does not terminate");
    Expr result;
    try {
      result = legalize(bb_, call);
    } catch (const Error& e) {
      throw Error(e.kind(), StrCat("LegalizeOps: function ", func_name_, ": ", op_name, ": ", e.message()),
                  e.location());
    }
    if (!result.defined()) Fail("the legalization of ", op_name, " returned nothing");
    if (const auto* again = result.as<CallNode>()) {
      if (again->op.same_as(op)) Fail("cannot legalize ", op_name, UnknownArgument(call));
    }
    result = bb_->Normalize(result);
    RecordPattern(op, result);
    // A legalization may return other operators' calls: legalize those too.
    if (const auto* next = result.as<CallNode>()) {
      const auto* next_op = next->op.as<ir::OpNode>();
      if (next_op && (!IsKept(next_op->name) || customize_.count(next_op->name))) {
        return Legalize(GetRef<Call>(next), next_op->name, depth + 1);
      }
    }
    return result;
  }

  void RecordPattern(const ir::Op& op, const Expr& result) {
    static const ir::OpAttrMap<OpPatternKind> pattern_map("TOpPattern");
    const auto* call = result.as<CallNode>();
    if (!call || !pattern_map.count(op) || !IsOpCall(GetRef<Call>(call), "relax.call_tir")) return;
    if (const auto* gv = GetCallee(GetRef<Call>(call)).as<ir::GlobalVarNode>()) {
      patterns.emplace(gv->name_hint, pattern_map.at(op));
    }
  }

  template <typename... Args>
  [[noreturn]] void Fail(Args&&... args) const {
    throw InvalidArgumentError(StrCat("LegalizeOps: function ", func_name_, ": ", std::forward<Args>(args)...));
  }

  BlockBuilder bb_;
  const std::map<std::string, FLegalize>& customize_;
  std::string func_name_;
};

// The module with each newly made kernel tagged with its operator's pattern.
ir::IRModule AnnotatePatterns(ir::IRModule mod, const std::unordered_map<std::string, OpPatternKind>& patterns) {
  for (const auto& [name, kind] : patterns) {
    const auto* prim = mod.Lookup(name).as<tir::PrimFuncNode>();
    if (!prim || prim->attrs.Get("op_pattern").defined()) continue;
    mod.Update(mod.GetGlobalVar(name), tir::GetRef<tir::PrimFunc>(prim).WithAttr(
                                           "op_pattern", ir::IntImm(DataType::Int(32), static_cast<int>(kind))));
  }
  return mod;
}

}  // namespace

ir::transform::Pass LegalizeOps(std::map<std::string, FLegalize> customize_legalize_map) {
  auto pass_func = [customize = std::move(customize_legalize_map)](ir::IRModule mod, ir::transform::PassContext) {
    BlockBuilder bb = BlockBuilder::Create(mod);
    Legalizer legalizer(bb, customize);
    bool changed = false;
    for (const auto& [gv, func] : mod->functions.items()) {
      const auto* relax_func = func.as<FunctionNode>();
      if (!relax_func) continue;
      Function legalized = legalizer.Legalize(gv->name_hint, GetRef<Function>(relax_func));
      if (legalized.same_as(func)) continue;
      bb->UpdateFunction(gv, legalized);
      changed = true;
    }
    if (!changed) return mod;
    return AnnotatePatterns(bb->GetContextIRModule(), legalizer.patterns);
  };
  return ir::transform::CreateModulePass(pass_func, 0, "relax.LegalizeOps");
}

TESSEL_REGISTER_PASS("relax.LegalizeOps", [] { return LegalizeOps(); });

}  // namespace transform
}  // namespace relax
}  // namespace tessel
