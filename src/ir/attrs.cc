// DictAttrs construction.
#include "tessel/ir/attrs.h"

namespace tessel {
namespace ir {

DictAttrs::DictAttrs(ObjectPtr<Object> data)
    : ObjectRef(data ? std::move(data) : make_object<DictAttrsNode>()) {}

DictAttrs::DictAttrs(Map<String, ObjectRef> dict) {
  auto node = make_object<DictAttrsNode>();
  node->dict = std::move(dict);
  data_ = std::move(node);
}

}  // namespace ir
}  // namespace tessel
