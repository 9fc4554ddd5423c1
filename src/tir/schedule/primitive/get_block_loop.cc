// The getters: get_block, get_loops, get_child_blocks. They change no IR; they only make
// random variables (and are still traced, so a replay makes the same ones).
#include "../utils.h"

namespace tessel {
namespace tir {
namespace schedule {

namespace {

template <typename RV>
Array<ObjectRef> AsObjects(const Array<RV>& rvs) {
  return Array<ObjectRef>(rvs.data());
}

Array<BlockRV> BlockRVs(const std::vector<BlockRealize>& realizes, const std::string& func_name) {
  std::vector<BlockRV> rvs;
  for (const BlockRealize& realize : realizes) rvs.emplace_back(realize->block->name_hint, func_name);
  return rvs;
}

}  // namespace

BlockRV ScheduleNode::GetBlock(const std::string& name, const std::string& func_name) {
  std::string resolved = ResolveFuncName(func_name);
  BlockRV rv(name, resolved);
  if (!FindBlockRealize(GetFunc(resolved, "get_block")->body, name).defined()) {
    ThrowScheduleError("get_block",
                       StrCat("no block named \"", name, "\" in function \"", resolved, "\""));
  }
  Record("GetBlock", {}, {String(name), String(resolved)}, {rv});
  return rv;
}

Array<LoopRV> ScheduleNode::GetLoops(const BlockRV& block) {
  BlockRealize realize = GetBlockRealize(block, "get_loops");
  std::vector<LoopRV> loops;
  for (const For& loop : LoopsAbove(GetFunc(block->func_name, "get_loops")->body, realize)) {
    loops.emplace_back(loop->loop_var, block->func_name);
  }
  Array<LoopRV> result(loops);
  Record("GetLoops", {block}, {}, AsObjects(result));
  return result;
}

Array<BlockRV> ScheduleNode::GetChildBlocks(const BlockRV& block) {
  BlockRealize realize = GetBlockRealize(block, "get_child_blocks");
  Array<BlockRV> result = BlockRVs(ChildBlockRealizes(realize), block->func_name);
  Record("GetChildBlocks", {block}, {}, AsObjects(result));
  return result;
}

Array<BlockRV> ScheduleNode::GetChildBlocks(const LoopRV& loop) {
  For node = GetLoop(loop, "get_child_blocks");
  Array<BlockRV> result = BlockRVs(ChildBlockRealizes(node), loop->func_name);
  Record("GetChildBlocks", {loop}, {}, AsObjects(result));
  return result;
}

TESSEL_REGISTER_INSTRUCTION_KIND(
    "GetBlock", true,
    [](ScheduleNode* sch, const Array<ObjectRef>&, const Array<ObjectRef>& attrs,
       const ObjectRef&) -> Array<ObjectRef> {
      return {sch->GetBlock(Downcast<String>(attrs[0]), Downcast<String>(attrs[1]))};
    },
    [](const Array<String>&, const Array<ObjectRef>& attrs, const ObjectRef&,
       const Array<String>& outputs) {
      return PythonCall("get_block",
                        {{"name", PythonLiteral(attrs[0])}, {"func_name", PythonLiteral(attrs[1])}},
                        outputs);
    });

TESSEL_REGISTER_INSTRUCTION_KIND(
    "GetLoops", true,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>&,
       const ObjectRef&) -> Array<ObjectRef> {
      return AsObjects(sch->GetLoops(Downcast<BlockRV>(inputs[0])));
    },
    [](const Array<String>& inputs, const Array<ObjectRef>&, const ObjectRef&,
       const Array<String>& outputs) {
      return PythonCall("get_loops", {{"block", inputs[0]}}, outputs, true);
    });

TESSEL_REGISTER_INSTRUCTION_KIND(
    "GetChildBlocks", true,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>&,
       const ObjectRef&) -> Array<ObjectRef> {
      if (inputs[0].as<LoopRVNode>()) return AsObjects(sch->GetChildBlocks(Downcast<LoopRV>(inputs[0])));
      return AsObjects(sch->GetChildBlocks(Downcast<BlockRV>(inputs[0])));
    },
    [](const Array<String>& inputs, const Array<ObjectRef>&, const ObjectRef&,
       const Array<String>& outputs) {
      return PythonCall("get_child_blocks", {{"block_or_loop", inputs[0]}}, outputs, true);
    });

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
