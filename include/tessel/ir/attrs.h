/*!
 * \file tessel/ir/attrs.h
 * \brief DictAttrs: a dictionary of named attributes attached to functions and modules.
 */
#ifndef TESSEL_IR_ATTRS_H_
#define TESSEL_IR_ATTRS_H_

#include <string>

#include "tessel/ir/container.h"

namespace tessel {
namespace ir {

/*! \brief Attributes by name; values are nodes (String, IntImm, FloatImm, Array, Map, ...). */
class DictAttrsNode : public Object {
 public:
  /*! \brief The attributes. */
  Map<String, ObjectRef> dict;

  void VisitFields(FieldVisitor* v) override { v->Visit("dict", &dict); }
  TESSEL_DECLARE_NODE(DictAttrsNode, "ir.DictAttrs");
};

/*! \brief Handle to a DictAttrsNode; always defined (empty when there are no attributes). */
class DictAttrs : public ObjectRef {
 public:
  using ContainerType = DictAttrsNode;
  /*! \brief No attributes. */
  DictAttrs() : DictAttrs(Map<String, ObjectRef>()) {}
  /*! \brief Wrap a node (undefined reads as empty). */
  explicit DictAttrs(ObjectPtr<Object> data);
  /*! \brief The given attributes. */
  explicit DictAttrs(Map<String, ObjectRef> dict);

  const DictAttrsNode* operator->() const { return static_cast<const DictAttrsNode*>(data_.get()); }
  const DictAttrsNode* get() const { return static_cast<const DictAttrsNode*>(data_.get()); }

  /*! \brief The attribute named key, or `fallback`. */
  ObjectRef Get(const std::string& key, ObjectRef fallback = ObjectRef()) const {
    return get()->dict.Get(String(key), fallback);
  }
  /*! \brief New attributes with key set to value. */
  DictAttrs With(const std::string& key, ObjectRef value) const {
    return DictAttrs(get()->dict.Set(String(key), value));
  }
};

}  // namespace ir
}  // namespace tessel

#endif  // TESSEL_IR_ATTRS_H_
