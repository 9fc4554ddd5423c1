// Sequential: a pipeline of passes applied in order under one context.
#include "tessel/ir/transform.h"

namespace tessel {
namespace ir {
namespace transform {

Sequential::Sequential(std::vector<Pass> passes, int opt_level, std::string name) {
  for (const Pass& pass : passes) {
    if (!pass.defined()) throw InvalidArgumentError(StrCat("Sequential '", name, "': a pass is None"));
  }
  auto node = make_object<SequentialNode>();
  node->info = PassInfo(opt_level, std::move(name));
  node->passes = Array<Pass>(passes);
  data_ = std::move(node);
}

IRModule SequentialNode::Run(IRModule mod, const PassContext& ctx) const {
  // Each pass goes through Pass::operator(), so the context may skip or instrument it.
  for (const Pass& pass : passes) mod = pass(std::move(mod), ctx);
  return mod;
}

}  // namespace transform
}  // namespace ir
}  // namespace tessel
