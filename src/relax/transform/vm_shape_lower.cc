// VMShapeLower: symbolic shapes become run-time computations over a per-function heap of
// int64 slots, one per symbolic variable and per derived value (such as n * 2).
//
// Parameters (and match_cast values) are checked at the point they enter; the first
// dimension that mentions a variable stores it into its slot, later ones assert against
// the slot. Derived values are computed by small PrimFuncs over the heap, added to the
// module. Shapes and scalars built from symbolic values are read back with make_shape and
// make_prim_value. Variables are known within the scope that defined them: what a
// match_cast inside one branch of an If defines is not known after the If.
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tessel/ir/printer.h"
#include "tessel/ir/structural_equal.h"
#include "tessel/relax/transform_vm.h"
#include "tessel/tir/function.h"
#include "tessel/tir/substitute.h"
#include "utils.h"

namespace tessel {
namespace relax {
namespace transform {

namespace {

// The codes of vm.builtin.match_shape and vm.builtin.make_shape (see the VM's builtins).
enum MatchCode { kNoCheck = 0, kStore = 1, kAssertImm = 2, kAssertSlot = 3 };
enum MakeCode { kImm = 0, kLoad = 1 };

// The distinct variables of a PrimExpr, in order of first occurrence.
class VarCollector : public tir::ExprVisitor {
 public:
  std::vector<tir::Var> vars;
  void VisitExpr_(const tir::VarNode* op) override {
    for (const tir::Var& var : vars) {
      if (var.get() == op) return;
    }
    vars.push_back(tir::GetRef<tir::Var>(op));
  }
  void VisitExpr_(const tir::SizeVarNode* op) override { VisitExpr_(static_cast<const tir::VarNode*>(op)); }
};

std::vector<tir::Var> VarsOf(const PrimExpr& expr) {
  VarCollector collector;
  collector.VisitExpr(expr);
  return collector.vars;
}

// The shape functions generated for one module, shared so equal ones are added once.
struct ShapeFuncTable {
  std::vector<std::pair<tir::PrimFunc, ir::GlobalVar>> funcs;
};

class ShapeLowerer : public ExprMutator {
 public:
  ShapeLowerer(std::string func_name, ir::IRModule* mod, ShapeFuncTable* table)
      : func_name_(std::move(func_name)), mod_(mod), table_(table) {}
  using ExprMutator::VisitExpr_;

  Function Lower(const Function& func) {
    heap_ = Var("shape_heap", TensorStructInfo(DataType::Int(64), 1));
    frames_.emplace_back();
    std::vector<Deferred> deferred;
    for (const Var& param : func->params) {
      std::string name = StrCat("argument ", param->name_hint);
      Match(param, param->struct_info_, name, &deferred);
    }
    ResolveDeferred(deferred);
    std::vector<Binding> entry = std::move(frames_.back());
    frames_.pop_back();

    const auto* seq = func->body.as<SeqExprNode>();
    Expr body = VisitExpr(seq ? func->body : SeqExpr({}, func->body));
    if (num_slots_ > 0 || emitted_match_) {
      // Never empty, so the VM needs no special case for a zero-size tensor.
      int64_t size = std::max<int64_t>(num_slots_, 1);
      Expr alloc = CallExtern("vm.builtin.alloc_shape_heap", {Int64Value(size)},
                              TensorStructInfo(Array<PrimExpr>{ir::IntImm(DataType::Int(64), size)},
                                               DataType::Int(64)));
      entry.insert(entry.begin(), VarBinding(heap_, alloc));
    }
    if (!entry.empty()) {
      const auto* lowered = body.as<SeqExprNode>();
      Array<BindingBlock> blocks = {BindingBlock(Array<Binding>(entry))};
      for (const BindingBlock& block : lowered->blocks) blocks = blocks.Append(block);
      body = WithStructInfo(SeqExpr(MergeAdjacentBlocks(blocks), lowered->body, lowered->span),
                            body->struct_info_);
    }
    if (body.same_as(func->body)) return func;
    return Function(func->params, body, func->ret_struct_info, func->is_pure, func->attrs, func->span);
  }

  BindingBlock VisitBindingBlock(const BindingBlock& block) override {
    if (block.as<DataflowBlockNode>()) {
      throw InvalidArgumentError(
          StrCat(Where(), ": a dataflow block remains; run relax.ToNonDataflow first"));
    }
    frames_.emplace_back();
    std::string outer_name = binding_name_;
    for (const Binding& binding : block->bindings) {
      binding_name_ = binding->var->name_hint;
      if (const auto* bind = binding.as<VarBindingNode>()) {
        Expr value = VisitExpr(bind->value);
        Emit(value.same_as(bind->value) ? binding : VarBinding(bind->var, value, bind->span));
        continue;
      }
      const auto* cast = binding.as<MatchCastNode>();
      Expr value = VisitExpr(cast->value);
      std::vector<Deferred> deferred;
      Match(value, cast->struct_info, StrCat("match_cast of ", cast->var->name_hint), &deferred);
      ResolveDeferred(deferred);
      Emit(VarBinding(cast->var, value, cast->span));
    }
    binding_name_ = outer_name;
    std::vector<Binding> bindings = std::move(frames_.back());
    frames_.pop_back();
    return BindingBlock(Array<Binding>(bindings), block->span);
  }

  Expr VisitExpr_(const SeqExprNode* op) override {
    Array<BindingBlock> blocks =
        op->blocks.Map([this](const BindingBlock& b) { return VisitBindingBlock(b); });
    frames_.emplace_back();
    Expr body = VisitExpr(op->body);
    std::vector<Binding> tail = std::move(frames_.back());
    frames_.pop_back();
    if (!tail.empty()) blocks = blocks.Append(BindingBlock(Array<Binding>(tail)));
    blocks = MergeAdjacentBlocks(blocks);
    if (blocks.same_as(op->blocks) && body.same_as(op->body)) return GetRef<Expr>(op);
    return SeqExpr(blocks, body, op->span);
  }

  // What a branch learns stays in the branch.
  Expr VisitExpr_(const IfNode* op) override {
    Expr cond = VisitExpr(op->cond);
    std::unordered_set<int> ready = ready_;
    Expr true_branch = VisitExpr(op->true_branch);
    ready_ = ready;
    Expr false_branch = VisitExpr(op->false_branch);
    ready_ = ready;
    if (cond.same_as(op->cond) && true_branch.same_as(op->true_branch) &&
        false_branch.same_as(op->false_branch)) {
      return GetRef<Expr>(op);
    }
    return If(cond, true_branch, false_branch, op->span);
  }

  Expr VisitExpr_(const CallNode* op) override {
    if (const auto* callee = op->op.as<ir::OpNode>()) {
      if (callee->name == "relax.call_tir" || callee->name == "relax.call_dps_packed" ||
          callee->name == "relax.call_pure_packed") {
        throw InvalidArgumentError(StrCat(Where(), ": ", callee->name,
                                          " remains; run relax.CallTIRRewrite first"));
      }
    }
    return ExprMutator::VisitExpr_(op);
  }

  // Constant dimensions (`T.Cast("int64", 4)` included) become int64 immediates.
  Expr VisitExpr_(const ShapeExprNode* op) override {
    std::vector<std::optional<int64_t>> dims;
    bool symbolic = false, folded = false;
    for (const PrimExpr& value : op->values) {
      dims.push_back(ConstDim(value));
      symbolic |= !dims.back();
      folded |= dims.back() && !value.as<ir::IntImmNode>();
    }
    if (!symbolic) {
      if (!folded) return GetRef<Expr>(op);
      Array<PrimExpr> values;
      for (const auto& dim : dims) values = values.Append(ir::IntImm(DataType::Int(64), *dim));
      return ShapeExpr(values, op->span);
    }
    std::vector<Expr> args = {heap_, Int64Value(static_cast<int64_t>(op->values.size()))};
    for (size_t i = 0; i < dims.size(); ++i) {
      args.push_back(Int64Value(dims[i] ? kImm : kLoad));
      args.push_back(Int64Value(dims[i] ? *dims[i] : Compute(op->values[i])));
    }
    return EmitNew(CallExtern("vm.builtin.make_shape", Array<Expr>(args), ShapeStructInfo(op->values)),
                   "shape");
  }

  Expr VisitExpr_(const PrimValueNode* op) override {
    if (op->value.as<ir::IntImmNode>() || op->value.as<ir::FloatImmNode>()) return GetRef<Expr>(op);
    if (std::optional<int64_t> value = ConstDim(op->value)) {
      return PrimValue(ir::IntImm(op->value.dtype(), *value), op->span);
    }
    int slot = Compute(op->value);
    return EmitNew(CallExtern("vm.builtin.make_prim_value", {heap_, Int64Value(kLoad), Int64Value(slot)},
                              PrimStructInfo(op->value.dtype())),
                   "prim");
  }

 private:
  // A dimension whose value is derived (n * 2) and must be checked once its variables are known.
  struct Deferred {
    Expr value;
    size_t ndim;
    size_t dim;
    PrimExpr expr;
    std::string what;
  };

  std::string Where() const {
    std::string where = StrCat("relax.VMShapeLower: function ", func_name_);
    if (!binding_name_.empty()) where += StrCat(", binding of ", binding_name_);
    return where;
  }

  void Emit(const Binding& binding) { frames_.back().push_back(binding); }

  Var EmitNew(const Expr& value, const std::string& name_hint) {
    Var var(name_hint, value->struct_info_);
    Emit(VarBinding(var, value));
    return var;
  }

  void EmitVoid(const Expr& call) { EmitNew(call, "_"); }

  // The heap slot of a variable or derived value (allocated on first request).
  int SlotOf(const PrimExpr& expr) {
    if (const auto* var = expr.as<tir::VarNode>()) {
      auto it = var_slots_.find(var);
      if (it != var_slots_.end()) return it->second;
      return var_slots_[var] = num_slots_++;
    }
    for (const auto& [derived, slot] : expr_slots_) {
      if (ir::StructuralEqual(derived, expr)) return slot;
    }
    expr_slots_.emplace_back(expr, num_slots_);
    return num_slots_++;
  }

  bool Ready(const PrimExpr& expr) { return ready_.count(SlotOf(expr)) > 0; }

  // Checks value against sinfo, storing the variables it defines; `what` names the value.
  void Match(const Expr& value, const StructInfo& sinfo, const std::string& what,
             std::vector<Deferred>* deferred) {
    std::string ctx = StrCat(func_name_, ": ", what);
    if (const auto* tensor = sinfo.as<TensorStructInfoNode>()) {
      std::string dtype = tensor->IsUnknownDtype() ? "" : tensor->dtype.ToString();
      EmitVoid(CallExtern("vm.builtin.check_tensor_info",
                          {value, Int64Value(tensor->ndim), StringImm(dtype), StringImm(ctx)},
                          VoidStructInfo()));
      if (const auto* shape = tensor->shape.as<ShapeExprNode>()) {
        MatchDims(value, shape->values, what, deferred);
      }
    } else if (const auto* shape = sinfo.as<ShapeStructInfoNode>()) {
      EmitVoid(CallExtern("vm.builtin.check_shape_info", {value, Int64Value(shape->ndim), StringImm(ctx)},
                          VoidStructInfo()));
      if (shape->HasValues()) MatchDims(value, shape->GetValues(), what, deferred);
    } else if (const auto* tuple = sinfo.as<TupleStructInfoNode>()) {
      EmitVoid(CallExtern("vm.builtin.check_tuple_info",
                          {value, Int64Value(static_cast<int64_t>(tuple->fields.size())), StringImm(ctx)},
                          VoidStructInfo()));
      for (size_t i = 0; i < tuple->fields.size(); ++i) {
        const StructInfo& field = tuple->fields[i];
        if (!field.as<TensorStructInfoNode>() && !field.as<ShapeStructInfoNode>() &&
            !field.as<TupleStructInfoNode>()) {
          continue;
        }
        Var item = EmitNew(WithStructInfo(TupleGetItem(value, static_cast<int64_t>(i)), field), "item");
        Match(item, field, StrCat(what, "[", i, "]"), deferred);
      }
    }
    // Scalars, objects and functions carry nothing the VM can check.
  }

  void MatchDims(const Expr& value, const Array<PrimExpr>& dims, const std::string& what,
                 std::vector<Deferred>* deferred) {
    std::vector<Expr> args = {value, heap_, Int64Value(static_cast<int64_t>(dims.size()))};
    std::vector<std::string> sources;  // where the asserted variables come from
    bool any = false;
    for (size_t i = 0; i < dims.size(); ++i) {
      const PrimExpr& dim = dims[i];
      int code = kNoCheck;
      int64_t operand = 0;
      if (std::optional<int64_t> imm = ConstDim(dim)) {
        code = kAssertImm;
        operand = *imm;
      } else if (const auto* var = dim.as<tir::VarNode>()) {
        operand = SlotOf(dim);
        if (ready_.count(static_cast<int>(operand))) {
          code = kAssertSlot;
          sources.push_back(StrCat(var->name_hint, " is ", var_sites_[var]));
        } else {
          code = kStore;
          ready_.insert(static_cast<int>(operand));
          var_sites_[var] = StrCat(what, " dimension ", i);
        }
      } else {
        deferred->push_back({value, dims.size(), i, dim, what});
      }
      any |= code != kNoCheck;
      args.push_back(Int64Value(code));
      args.push_back(Int64Value(operand));
    }
    if (!any) return;
    std::string ctx = StrCat(func_name_, ": ", what);
    if (!sources.empty()) ctx += StrCat(" (", Join(sources), ")");
    args.push_back(StringImm(ctx));
    emitted_match_ = true;
    EmitVoid(CallExtern("vm.builtin.match_shape", Array<Expr>(args), VoidStructInfo()));
  }

  // Asserts the derived dimensions once every variable is stored.
  void ResolveDeferred(const std::vector<Deferred>& deferred) {
    for (const Deferred& d : deferred) {
      int slot = Compute(d.expr, StrCat(d.what, " dimension ", d.dim));
      std::vector<Expr> args = {d.value, heap_, Int64Value(static_cast<int64_t>(d.ndim))};
      for (size_t i = 0; i < d.ndim; ++i) {
        args.push_back(Int64Value(i == d.dim ? kAssertSlot : kNoCheck));
        args.push_back(Int64Value(i == d.dim ? slot : 0));
      }
      ir::ScriptPrinter printer;
      args.push_back(StringImm(StrCat(func_name_, ": ", d.what, " (dimension ", d.dim, " must equal ",
                                      printer.Print(d.expr), ")")));
      EmitVoid(CallExtern("vm.builtin.match_shape", Array<Expr>(args), VoidStructInfo()));
    }
  }

  // The slot holding expr, computing it first when it is derived and not yet computed.
  int Compute(const PrimExpr& expr, const std::string& use = "") {
    for (const tir::Var& var : VarsOf(expr)) {
      if (!Ready(var)) {
        throw InvalidArgumentError(StrCat(Where(), ": symbolic variable ", var->name_hint, " is used",
                                          use.empty() ? std::string() : StrCat(" in ", use),
                                          " before any parameter or match_cast defines it"));
      }
    }
    int slot = SlotOf(expr);
    if (ready_.count(slot)) return slot;
    EmitVoid(WithStructInfo(Call(ShapeFunc(expr, slot), {heap_}), VoidStructInfo()));
    ready_.insert(slot);
    return slot;
  }

  // `shape_func_<k>(heap)` storing expr into heap[slot], reusing an equal one.
  ir::GlobalVar ShapeFunc(const PrimExpr& expr, int slot) {
    tir::Var handle("heap", DataType::Handle());
    tir::Var size("heap_size", DataType::Int(64));
    tir::Buffer heap(tir::Var("heap_data", DataType::Handle()), DataType::Int(64), {size}, {}, PrimExpr(),
                     "heap");
    tir::VarMap loads;
    for (const tir::Var& var : VarsOf(expr)) {
      PrimExpr load = tir::BufferLoad(heap, {ir::IntImm(DataType::Int(64), SlotOf(var))});
      loads[var.get()] = var.dtype() == load.dtype() ? load : tir::Cast(var.dtype(), load);
    }
    PrimExpr value = tir::Substitute(expr, loads);
    if (value.dtype() != DataType::Int(64)) value = tir::Cast(DataType::Int(64), value);
    tir::Stmt body = tir::BufferStore(heap, value, {ir::IntImm(DataType::Int(64), slot)});
    tir::PrimFunc func({handle}, body, DataType::Void(), ir::Map<tir::Var, tir::Buffer>{{handle, heap}});
    for (const auto& [existing, gv] : table_->funcs) {
      if (ir::StructuralEqual(existing, func)) return gv;
    }
    int k = 0;
    while (mod_->Contains(StrCat("shape_func_", k))) ++k;
    std::string name = StrCat("shape_func_", k);
    ir::GlobalVar gv = mod_->Add(name, func.WithAttr("global_symbol", ir::String(name))
                                           .WithAttr("tir.noalias", ir::IntImm(DataType::Bool(), 1)));
    table_->funcs.emplace_back(func, gv);
    return gv;
  }

  static std::string Join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
  }

  std::string func_name_;
  ir::IRModule* mod_;
  ShapeFuncTable* table_;
  Var heap_;
  bool emitted_match_ = false;  // a match_shape takes the heap, even one without slots
  int num_slots_ = 0;
  std::unordered_map<const tir::VarNode*, int> var_slots_;
  std::vector<std::pair<PrimExpr, int>> expr_slots_;
  std::unordered_set<int> ready_;                               // slots holding their value here
  std::unordered_map<const tir::VarNode*, std::string> var_sites_;  // where each variable is stored
  std::vector<std::vector<Binding>> frames_;                   // bindings being emitted, per block
  std::string binding_name_;
};

}  // namespace

ir::transform::Pass VMShapeLower() {
  auto pass_func = [](ir::IRModule mod, ir::transform::PassContext) {
    ir::IRModule result = mod.ShallowCopy();
    ShapeFuncTable table;
    for (const ir::GlobalVar& gv : mod.GetGlobalVars()) {
      const auto* func = mod->functions.Get(gv).as<FunctionNode>();
      if (!func) continue;
      Function lowered = ShapeLowerer(gv->name_hint, &result, &table).Lower(GetRef<Function>(func));
      if (!lowered.same_as(GetRef<Function>(func))) result.Update(gv, lowered);
    }
    return result;
  };
  return ir::transform::CreateModulePass(pass_func, 0, "relax.VMShapeLower");
}

TESSEL_REGISTER_PASS("relax.VMShapeLower", [] { return VMShapeLower(); });

}  // namespace transform
}  // namespace relax
}  // namespace tessel
