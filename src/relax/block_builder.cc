// BlockBuilder: emits bindings into open blocks and adds functions to its module.
#include "tessel/relax/block_builder.h"

#include "tessel/ir/structural_equal.h"
#include "normalizer.h"
#include "tessel/tir/function.h"

namespace tessel {
namespace relax {

namespace {

// A PrimFunc without its symbol, for comparing kernels by what they compute.
ir::BaseFunc WithoutSymbol(const ir::BaseFunc& func) {
  const auto* prim = func.as<tir::PrimFuncNode>();
  if (!prim || !prim->attrs.Get("global_symbol").defined()) return func;
  auto copy = ir::CopyNode(*prim);
  copy->attrs = ir::DictAttrs(prim->attrs->dict.Erase(ir::String("global_symbol")));
  return ir::BaseFunc(ObjectPtr<Object>(copy));
}

}  // namespace

BlockBuilder BlockBuilder::Create(ir::IRModule mod) {
  auto node = ir::make_object<BlockBuilderNode>();
  if (mod.defined()) {
    node->module_ = mod.ShallowCopy();
    for (const ir::GlobalVar& gv : mod.GetGlobalVars()) node->name_counts_[gv->name_hint] = 1;
  }
  return BlockBuilder(ObjectPtr<Object>(node));
}

ir::IRModule BlockBuilderNode::GetContextIRModule() const { return module_; }

ir::GlobalVar BlockBuilderNode::AddFunction(const ir::BaseFunc& func, const std::string& name_hint) {
  if (!func.defined()) throw InvalidArgumentError("BlockBuilder.add_func: the function must be given");
  if (func.as<tir::PrimFuncNode>()) {
    ir::BaseFunc stripped = WithoutSymbol(func);
    for (const ir::GlobalVar& gv : module_.GetGlobalVars()) {
      ir::BaseFunc existing = module_.Lookup(gv);
      if (existing.as<tir::PrimFuncNode>() &&
          ir::StructuralEqual(WithoutSymbol(existing), stripped, /*map_free_vars=*/true)) {
        return gv;
      }
    }
  }
  std::string base = name_hint.empty() ? "func" : name_hint;
  std::string name = base;
  for (int& count = name_counts_[base]; module_.Contains(name); ++count) {
    name = StrCat(base, count);
  }
  ir::GlobalVar gv(name);
  ir::BaseFunc added = func;
  if (const auto* prim = func.as<tir::PrimFuncNode>()) {
    added = tir::GetRef<tir::PrimFunc>(prim).WithAttr("global_symbol", ir::String(name));
  }
  module_.Add(gv, added);
  return gv;
}

void BlockBuilderNode::UpdateFunction(const ir::GlobalVar& gv, const ir::BaseFunc& func) {
  module_.Update(gv, func);
}

void BlockBuilderNode::BeginDataflowBlock() { frames_.push_back(Frame{true, {}}); }

void BlockBuilderNode::BeginBindingBlock() { frames_.push_back(Frame{false, {}}); }

BindingBlock BlockBuilderNode::EndBlock() {
  if (frames_.empty()) throw InvalidArgumentError("BlockBuilder: EndBlock without an open block");
  Frame frame = std::move(frames_.back());
  frames_.pop_back();
  Array<Binding> bindings(frame.bindings);
  if (frame.is_dataflow) return DataflowBlock(bindings);
  return BindingBlock(bindings);
}

bool BlockBuilderNode::CurrentBlockIsDataflow() const {
  return !frames_.empty() && frames_.back().is_dataflow;
}

Var BlockBuilderNode::NewVar(const std::string& name_hint, bool dataflow, const StructInfo& sinfo) {
  std::string base = name_hint.empty() ? (dataflow ? "lv" : "gv") : name_hint;
  int& count = name_counts_[base];
  std::string name = count == 0 ? base : StrCat(base, count);
  ++count;
  if (dataflow) return DataflowVar(name, sinfo);
  return Var(name, sinfo);
}

namespace {

[[noreturn]] void NoBlock(const char* what) {
  throw InvalidArgumentError(StrCat("BlockBuilder.", what, ": no block is open (use bb.function or bb.dataflow)"));
}

}  // namespace

Var BlockBuilderNode::Emit(const Expr& value, const std::string& name_hint) {
  if (frames_.empty()) NoBlock("emit");
  Expr normalized = Normalize(value);
  Var var = NewVar(name_hint, frames_.back().is_dataflow, GetStructInfo(normalized));
  EmitNormalized(VarBinding(var, normalized));
  return var;
}

Var BlockBuilderNode::EmitMatchCast(const Expr& value, const StructInfo& sinfo,
                                    const std::string& name_hint) {
  if (frames_.empty()) NoBlock("match_cast");
  if (!sinfo.defined()) throw InvalidArgumentError("BlockBuilder.match_cast: struct info must be given");
  Expr normalized = Normalize(value);
  Var var = NewVar(name_hint, frames_.back().is_dataflow, sinfo);
  EmitNormalized(MatchCast(var, normalized, sinfo));
  return var;
}

Var BlockBuilderNode::EmitOutput(const Expr& value, const std::string& name_hint) {
  if (!CurrentBlockIsDataflow()) {
    throw InvalidArgumentError("BlockBuilder.emit_output: only inside a dataflow block");
  }
  Expr normalized = Normalize(value);
  Var var = NewVar(name_hint, /*dataflow=*/false, GetStructInfo(normalized));
  EmitNormalized(VarBinding(var, normalized));
  return var;
}

void BlockBuilderNode::EmitNormalized(const Binding& binding) {
  if (frames_.empty()) NoBlock("emit_normalized");
  frames_.back().bindings.push_back(binding);
  if (const auto* var_binding = binding.as<VarBindingNode>()) {
    bindings_[binding->var.get()] = var_binding->value;
  } else if (const auto* match_cast = binding.as<MatchCastNode>()) {
    bindings_[binding->var.get()] = match_cast->value;
  }
}

Expr BlockBuilderNode::Normalize(const Expr& expr) {
  return Normalizer(this).Normalize(expr);
}

Expr BlockBuilderNode::LookupBinding(const Var& var) const {
  auto it = bindings_.find(var.get());
  return it == bindings_.end() ? Expr() : it->second;
}

StructInfo GetStructInfo(const Expr& expr) {
  if (!expr->struct_info_.defined()) {
    throw InternalError(StrCat("relax: a ", expr->type_key(), " has no struct info (it was not normalized)"));
  }
  return expr->struct_info_;
}

Array<BindingBlock> MergeAdjacentBlocks(const Array<BindingBlock>& blocks) {
  std::vector<BindingBlock> merged;
  bool changed = false;
  for (const BindingBlock& block : blocks) {
    if (block->bindings.empty()) {
      changed = true;
      continue;
    }
    bool dataflow = block.as<DataflowBlockNode>() != nullptr;
    if (merged.empty() || (merged.back().as<DataflowBlockNode>() != nullptr) != dataflow) {
      merged.push_back(block);
      continue;
    }
    std::vector<Binding> bindings;
    for (const Binding& binding : merged.back()->bindings) bindings.push_back(binding);
    for (const Binding& binding : block->bindings) bindings.push_back(binding);
    merged.back() = dataflow ? BindingBlock(DataflowBlock(Array<Binding>(bindings)))
                             : BindingBlock(Array<Binding>(bindings));
    changed = true;
  }
  return changed ? Array<BindingBlock>(merged) : blocks;
}

Expr WithStructInfo(const Expr& expr, const StructInfo& sinfo) {
  if (expr->struct_info_.same_as(sinfo)) return expr;
  ObjectPtr<Object> node = expr->Clone();
  static_cast<ExprNode*>(node.get())->struct_info_ = sinfo;
  return Expr(node);
}

}  // namespace relax
}  // namespace tessel
