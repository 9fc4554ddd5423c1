// StaticPlanBlockMemory: tensors of static shape share storages once their lifetimes end.
//
// Only the allocations in a function's top-level blocks are planned; uses inside the
// branches of an If count at the If's binding. A tensor's lifetime ends after the last
// use of any value that may alias it: the variable itself, tuples holding it, and the
// results of calls taking it (a called function may return its argument), so what a
// function returns is never planned. Storages are allocated once at the function's start.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

#include "../op/memory.h"
#include "tessel/relax/transform_vm.h"
#include "utils.h"

namespace tessel {
namespace relax {
namespace transform {

namespace {

constexpr int64_t kAlignment = 64;

// One planned tensor: an allocation of static shape.
struct Token {
  const VarBindingNode* binding;
  int64_t bytes;           // rounded up to kAlignment
  int64_t device;          // device index
  DataType dtype;
  size_t def = 0;          // position of the allocation
  size_t last_use = 0;     // position of the last use of any alias
  bool escapes = false;    // reaches the function's result
  int storage = -1;        // index into the planner's storages
};

struct Storage {
  int64_t bytes;
  int64_t device;
  DataType dtype;
};

// The static size in bytes of `builtin.alloc_tensor(shape, dtype, device)`, or -1.
int64_t StaticBytes(const CallNode* alloc, DataType* dtype, int64_t* device) {
  const auto* shape = alloc->args[0].as<ShapeExprNode>();
  const auto* dtype_str = alloc->args[1].as<StringImmNode>();
  const auto* dev = alloc->args[2].as<PrimValueNode>();
  const auto* dev_value = dev ? dev->value.as<ir::IntImmNode>() : nullptr;
  if (!shape || !dtype_str || !dev_value) return -1;
  *dtype = DataType::Parse(dtype_str->value);
  *device = dev_value->value;
  int64_t elements = 1;
  for (const PrimExpr& dim : shape->values) {
    std::optional<int64_t> value = ConstDim(dim);
    if (!value) return -1;
    elements *= *value;
  }
  int64_t bytes = elements * ((dtype->bits() * dtype->lanes() + 7) / 8);
  return (bytes + kAlignment - 1) / kAlignment * kAlignment;
}

class MemoryPlanner {
 public:
  Function Plan(const Function& func) {
    const auto* seq = func->body.as<SeqExprNode>();
    if (seq) {
      Analyze(seq);
      Assign();
    }
    int64_t planned = 0, unplanned = 0;
    for (const Storage& storage : storages_) planned += storage.bytes;
    for (const Token& token : tokens_) {
      if (token.storage >= 0) unplanned += token.bytes;
    }
    ir::Map<ir::String, ObjectRef> report;
    report = report.Set(ir::String("planned_bytes"), ir::IntImm(DataType::Int(64), planned));
    report = report.Set(ir::String("unplanned_bytes"), ir::IntImm(DataType::Int(64), unplanned));
    report = report.Set(ir::String("saved_bytes"), ir::IntImm(DataType::Int(64), unplanned - planned));
    Function result = storages_.empty() ? func : Rewrite(func, seq);
    return result.WithAttr("relax.memory_plan", report);
  }

 private:
  // Finds the tokens, what may alias them, their last uses and which reach the result.
  void Analyze(const SeqExprNode* seq) {
    size_t position = 0;
    for (const BindingBlock& block : seq->blocks) {
      for (const Binding& binding : block->bindings) {
        Expr value = binding.as<VarBindingNode>() ? binding.as<VarBindingNode>()->value
                                                  : binding.as<MatchCastNode>()->value;
        const VarNode* var = binding->var.get();
        std::set<int> uses;
        ForEachVarUse(value, [&](const VarNode* used) {
          auto it = aliases_.find(used);
          if (it != aliases_.end()) uses.insert(it->second.begin(), it->second.end());
        });
        for (int token : uses) tokens_[token].last_use = position;
        if (const CallNode* alloc = AsOpCall(value, "relax.builtin.alloc_tensor")) {
          Token token{binding.as<VarBindingNode>(), 0, 0, DataType::Void()};
          token.bytes = binding.as<VarBindingNode>() ? StaticBytes(alloc, &token.dtype, &token.device) : -1;
          if (token.bytes >= 0) {
            token.def = token.last_use = position;
            aliases_[var] = {static_cast<int>(tokens_.size())};
            tokens_.push_back(token);
          }
        } else if (MayAlias(value)) {
          aliases_[var] = uses;
        }
        ++position;
      }
    }
    ForEachVarUse(seq->body, [&](const VarNode* used) {
      auto it = aliases_.find(used);
      if (it == aliases_.end()) return;
      for (int token : it->second) tokens_[token].escapes = true;
    });
  }

  // Whether the value may be (or hold) one of the tensors it uses: everything but calls
  // returning nothing (destination-passing kernels, kills) and fresh scalars and shapes.
  static bool MayAlias(const Expr& value) {
    if (value.as<ConstantNode>() || value.as<ShapeExprNode>() || value.as<PrimValueNode>() ||
        value.as<StringImmNode>()) {
      return false;
    }
    if (value.as<CallNode>()) {
      const auto* ret = value->struct_info_.as<TupleStructInfoNode>();
      return !(ret && ret->fields.empty());
    }
    return true;
  }

  // Greedy best fit in allocation order.
  void Assign() {
    std::vector<int> live;
    std::vector<int> free;  // indices of storages no live token holds
    for (size_t i = 0; i < tokens_.size(); ++i) {
      Token& token = tokens_[i];
      if (token.escapes) continue;
      // Tokens whose last use came before this allocation give their storage back.
      for (auto it = live.begin(); it != live.end();) {
        if (tokens_[*it].last_use < token.def) {
          free.push_back(tokens_[*it].storage);
          it = live.erase(it);
        } else {
          ++it;
        }
      }
      int best = -1;
      for (int s : free) {
        const Storage& storage = storages_[s];
        if (storage.device != token.device) continue;
        bool fits = storage.bytes >= token.bytes;
        if (best < 0) {
          best = s;
          continue;
        }
        const Storage& current = storages_[best];
        bool current_fits = current.bytes >= token.bytes;
        // Prefer the smallest storage that fits; when none fits, the largest one (to grow).
        if ((fits && (!current_fits || storage.bytes < current.bytes)) ||
            (!fits && !current_fits && storage.bytes > current.bytes)) {
          best = s;
        }
      }
      if (best < 0) {
        best = static_cast<int>(storages_.size());
        storages_.push_back({token.bytes, token.device, token.dtype});
      } else {
        free.erase(std::find(free.begin(), free.end(), best));
        storages_[best].bytes = std::max(storages_[best].bytes, token.bytes);
      }
      token.storage = best;
      live.push_back(static_cast<int>(i));
    }
  }

  Function Rewrite(const Function& func, const SeqExprNode* seq) {
    std::vector<Binding> storage_bindings;
    std::vector<Var> storage_vars;
    for (size_t i = 0; i < storages_.size(); ++i) {
      const Storage& storage = storages_[i];
      Expr alloc = AllocStorage(storage.bytes, storage.device, storage.dtype);
      storage_vars.push_back(Var(StrCat("storage", i), alloc->struct_info_));
      storage_bindings.push_back(VarBinding(storage_vars.back(), alloc));
    }
    std::unordered_map<const VarBindingNode*, int> planned;
    for (const Token& token : tokens_) {
      if (token.storage >= 0) planned[token.binding] = token.storage;
    }
    std::vector<BindingBlock> blocks = {BindingBlock(Array<Binding>(storage_bindings))};
    for (const BindingBlock& block : seq->blocks) {
      Array<Binding> bindings = block->bindings.Map([&](const Binding& binding) -> Binding {
        auto it = planned.find(binding.as<VarBindingNode>());
        if (it == planned.end()) return binding;
        const auto* alloc = binding.as<VarBindingNode>()->value.as<CallNode>();
        DataType dtype = DataType::Parse(alloc->args[1].as<StringImmNode>()->value);
        return VarBinding(binding->var, AllocTensor(storage_vars[it->second], 0, alloc->args[0], dtype),
                          binding->span);
      });
      blocks.push_back(block.as<DataflowBlockNode>() ? BindingBlock(DataflowBlock(bindings, block->span))
                                                    : BindingBlock(bindings, block->span));
    }
    Expr body = WithStructInfo(SeqExpr(MergeAdjacentBlocks(Array<BindingBlock>(blocks)), seq->body, seq->span),
                               seq->struct_info_.defined() ? seq->struct_info_ : seq->body->struct_info_);
    return Function(func->params, body, func->ret_struct_info, func->is_pure, func->attrs, func->span);
  }

  std::vector<Token> tokens_;
  std::vector<Storage> storages_;
  std::unordered_map<const VarNode*, std::set<int>> aliases_;
};

}  // namespace

ir::transform::Pass StaticPlanBlockMemory() {
  return RelaxFunctionPass(
      [](const Function& func, const std::string&, ir::IRModule*) { return MemoryPlanner().Plan(func); },
      "relax.StaticPlanBlockMemory");
}

TESSEL_REGISTER_PASS("relax.StaticPlanBlockMemory", [] { return StaticPlanBlockMemory(); });

}  // namespace transform
}  // namespace relax
}  // namespace tessel
