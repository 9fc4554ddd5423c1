// annotate and unannotate: set or remove one key of a block's or loop's annotations.
#include "../utils.h"

namespace tessel {
namespace tir {
namespace schedule {

namespace {

using Annotations = Map<String, ObjectRef>;

// Rebuild the block or loop rv names with new annotations, made by edit from the old ones.
template <typename F>
void EditAnnotations(ScheduleNode* sch, const ObjectRef& rv, const char* primitive, F edit) {
  if (const auto* block_rv = rv.as<BlockRVNode>()) {
    Block block = sch->GetBlockRealize(GetRef<BlockRV>(block_rv), primitive)->block;
    auto node = ir::CopyNode(*block.get());
    node->annotations = edit(block->annotations, Describe(block));
    sch->Replace(block_rv->func_name, block, Block(ObjectPtr<Object>(node)));
  } else if (const auto* loop_rv = rv.as<LoopRVNode>()) {
    For loop = sch->GetLoop(GetRef<LoopRV>(loop_rv), primitive);
    auto node = ir::CopyNode(*loop.get());
    node->annotations = edit(loop->annotations, Describe(loop));
    sch->Replace(loop_rv->func_name, loop, For(ObjectPtr<Object>(node)));
  } else {
    ThrowScheduleError(primitive, StrCat("expected a BlockRV or LoopRV, found ",
                                         rv.defined() ? rv->type_key() : "None"));
  }
}

}  // namespace

void ScheduleNode::Annotate(const ObjectRef& block_or_loop, const std::string& key,
                            const ObjectRef& value) {
  ObjectRef resolved = value;
  if (const auto* rv = value.as<ExprRVNode>()) {
    resolved = IntImm(DataType::Int(32), GetInt(GetRef<ExprRV>(rv), "annotate"));
  }
  EditAnnotations(this, block_or_loop, "annotate",
                  [&](const Annotations& old, const std::string&) { return old.Set(key, resolved); });
  Record("Annotate", {block_or_loop, value}, {String(key)}, {});
}

void ScheduleNode::Unannotate(const ObjectRef& block_or_loop, const std::string& key) {
  EditAnnotations(this, block_or_loop, "unannotate",
                  [&](const Annotations& old, const std::string& what) {
                    if (!old.count(key)) {
                      ThrowScheduleError("unannotate", StrCat(what, " has no annotation \"",
                                                              key, "\""));
                    }
                    return old.Erase(key);
                  });
  Record("Unannotate", {block_or_loop}, {String(key)}, {});
}

TESSEL_REGISTER_INSTRUCTION_KIND(
    "Annotate", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>& attrs,
       const ObjectRef&) -> Array<ObjectRef> {
      sch->Annotate(inputs[0], Downcast<String>(attrs[0]), inputs[1]);
      return {};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>& attrs, const ObjectRef&,
       const Array<String>& outputs) {
      return PythonCall("annotate",
                        {{"block_or_loop", inputs[0]}, {"ann_key", PythonLiteral(attrs[0])},
                         {"ann_val", inputs[1]}},
                        outputs);
    });

TESSEL_REGISTER_INSTRUCTION_KIND(
    "Unannotate", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>& attrs,
       const ObjectRef&) -> Array<ObjectRef> {
      sch->Unannotate(inputs[0], Downcast<String>(attrs[0]));
      return {};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>& attrs, const ObjectRef&,
       const Array<String>& outputs) {
      return PythonCall("unannotate",
                        {{"block_or_loop", inputs[0]}, {"ann_key", PythonLiteral(attrs[0])}},
                        outputs);
    });

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
