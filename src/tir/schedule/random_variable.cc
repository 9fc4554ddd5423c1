// Constructors of the schedule's random variables.
#include "tessel/tir/schedule/random_variable.h"

namespace tessel {
namespace tir {
namespace schedule {

BlockRV::BlockRV(std::string block_name, std::string func_name) {
  auto node = ir::make_object<BlockRVNode>();
  node->block_name = std::move(block_name);
  node->func_name = std::move(func_name);
  data_ = std::move(node);
}

LoopRV::LoopRV(Var loop_var, std::string func_name) {
  auto node = ir::make_object<LoopRVNode>();
  node->loop_var = std::move(loop_var);
  node->func_name = std::move(func_name);
  data_ = std::move(node);
}

ExprRV::ExprRV(std::string name_hint) {
  auto node = ir::make_object<ExprRVNode>();
  node->name_hint = std::move(name_hint);
  node->dtype = DataType::Int(32);
  data_ = std::move(node);
}

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
