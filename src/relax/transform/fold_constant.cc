// FoldConstant: evaluate at compile time the kernels whose inputs are all constants.
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "tessel/relax/block_builder.h"
#include "tessel/relax/functor.h"
#include "tessel/relax/op/call.h"
#include "tessel/relax/transform.h"
#include "tessel/runtime/data_type.h"

namespace tessel {
namespace relax {
namespace transform {

namespace {

std::mutex& EvaluatorMutex() {
  static std::mutex mutex;
  return mutex;
}

PrimFuncEvaluator& Evaluator() {
  static PrimFuncEvaluator evaluator;
  return evaluator;
}

// The constant dimensions of a tensor's struct info, or nullopt when a dimension or the
// dtype is not known.
std::optional<std::vector<int64_t>> ConstantShape(const TensorStructInfoNode* tensor) {
  const auto* shape = tensor->shape.as<ShapeExprNode>();
  if (!shape || tensor->IsUnknownDtype()) return std::nullopt;
  std::vector<int64_t> dims;
  for (const PrimExpr& dim : shape->values) {
    const auto* value = dim.as<ir::IntImmNode>();
    if (!value) return std::nullopt;
    dims.push_back(value->value);
  }
  return dims;
}

class ConstantFolder : public ExprMutator {
 public:
  ConstantFolder(const ir::IRModule& mod, PrimFuncEvaluator evaluator)
      : mod_(mod), evaluator_(std::move(evaluator)) {}

  Binding VisitBinding(const Binding& binding) override {
    Binding visited = ExprMutator::VisitBinding(binding);
    if (const auto* bind = visited.as<VarBindingNode>()) {
      if (bind->value.as<ConstantNode>() || IsKnownTuple(bind->value)) known_[bind->var.get()] = bind->value;
    }
    return visited;
  }

  // A variable bound to a constant is replaced by it (then its binding is dead).
  Expr VisitExpr_(const VarNode* op) override {
    Expr visited = ExprMutator::VisitExpr_(op);
    const auto* var = visited.as<VarNode>();
    auto it = var ? known_.find(var) : known_.end();
    if (it != known_.end() && it->second.as<ConstantNode>()) return it->second;
    return visited;
  }

  Expr VisitExpr_(const TupleGetItemNode* op) override {
    Expr visited = ExprMutator::VisitExpr_(op);
    const auto* item = visited.as<TupleGetItemNode>();
    if (!item) return visited;
    Expr tuple = item->tuple;
    if (const auto* var = tuple.as<VarNode>()) {
      auto it = known_.find(var);
      if (it != known_.end()) tuple = it->second;
    }
    const auto* fields = tuple.as<TupleNode>();
    if (fields && item->index < static_cast<int64_t>(fields->fields.size())) {
      return fields->fields[item->index];
    }
    return visited;
  }

  Expr VisitExpr_(const CallNode* op) override {
    Expr visited = ExprMutator::VisitExpr_(op);
    const auto* call = visited.as<CallNode>();
    static const ir::Op call_tir = ir::Op::Get("relax.call_tir");
    if (!call || !call->op.same_as(call_tir)) return visited;
    std::optional<Expr> folded = EvaluateCallTIR(GetRef<Call>(call));
    return folded ? *folded : visited;
  }

 private:
  // A tuple whose fields are constants or such tuples.
  static bool IsKnownTuple(const Expr& expr) {
    const auto* tuple = expr.as<TupleNode>();
    if (!tuple) return false;
    for (const Expr& field : tuple->fields) {
      if (!field.as<ConstantNode>() && !IsKnownTuple(field)) return false;
    }
    return true;
  }

  std::optional<Expr> EvaluateCallTIR(const Call& call) {
    const auto* gv = GetCallee(call).as<ir::GlobalVarNode>();
    if (!gv || call->args.size() != 1 || !mod_.Contains(gv->name_hint)) return std::nullopt;
    const auto* func = mod_.Lookup(gv->name_hint).as<tir::PrimFuncNode>();
    if (!func) return std::nullopt;
    std::vector<runtime::Any> args;
    for (const Expr& arg : GetCallArgs(call)) {
      const auto* constant = arg.as<ConstantNode>();
      if (!constant) return std::nullopt;
      args.emplace_back(constant->data);
    }
    const StructInfo& out = call->sinfo_args[0];
    std::vector<const TensorStructInfoNode*> outputs;
    if (const auto* tuple = out.as<TupleStructInfoNode>()) {
      for (const StructInfo& field : tuple->fields) outputs.push_back(field.as<TensorStructInfoNode>());
    } else {
      outputs.push_back(out.as<TensorStructInfoNode>());
    }
    std::vector<runtime::Tensor> results;
    for (const TensorStructInfoNode* tensor : outputs) {
      std::optional<std::vector<int64_t>> shape = tensor ? ConstantShape(tensor) : std::nullopt;
      if (!shape) return std::nullopt;
      results.push_back(runtime::Tensor::Empty(*shape, runtime::DataTypeFromString(tensor->dtype.ToString())));
      args.emplace_back(results.back());
    }
    try {
      evaluator_(tir::GetRef<tir::PrimFunc>(func), args);
    } catch (const Error&) {
      return std::nullopt;  // the build reports the kernel's problem, in its own context
    }
    if (!out.as<TupleStructInfoNode>()) return Constant(results[0]);
    std::vector<Expr> fields;
    for (const runtime::Tensor& result : results) fields.push_back(Constant(result));
    return Tuple(Array<Expr>(fields));
  }

  const ir::IRModule& mod_;
  PrimFuncEvaluator evaluator_;
  std::unordered_map<const VarNode*, Expr> known_;  // variable -> constant or known tuple
};

}  // namespace

void SetPrimFuncEvaluator(PrimFuncEvaluator evaluator) {
  std::lock_guard<std::mutex> lock(EvaluatorMutex());
  Evaluator() = std::move(evaluator);
}

PrimFuncEvaluator GetPrimFuncEvaluator() {
  std::lock_guard<std::mutex> lock(EvaluatorMutex());
  return Evaluator();
}

ir::transform::Pass FoldConstant() {
  auto pass_func = [](ir::BaseFunc func, ir::IRModule mod, ir::transform::PassContext) -> ir::BaseFunc {
    const auto* relax_func = func.as<FunctionNode>();
    PrimFuncEvaluator evaluator = GetPrimFuncEvaluator();
    if (!relax_func || !evaluator) return func;
    Function folded = ConstantFolder(mod, evaluator).VisitFunction(GetRef<Function>(relax_func));
    if (folded.same_as(func)) return func;
    // Rebuilt expressions (calls taking constants now) get their struct info again.
    Expr body = BlockBuilder::Create(mod)->Normalize(folded->body);
    return Function(folded->params, body, folded->ret_struct_info, folded->is_pure, folded->attrs,
                    folded->span);
  };
  return ir::transform::CreateFunctionPass(pass_func, 0, "relax.FoldConstant");
}

TESSEL_REGISTER_PASS("relax.FoldConstant", [] { return FoldConstant(); });

}  // namespace transform
}  // namespace relax
}  // namespace tessel
