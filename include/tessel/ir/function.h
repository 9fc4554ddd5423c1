/*!
 * \file tessel/ir/function.h
 * \brief BaseFunc: what an IRModule holds, the common base of PrimFunc and Relax functions.
 */
#ifndef TESSEL_IR_FUNCTION_H_
#define TESSEL_IR_FUNCTION_H_

#include "tessel/ir/attrs.h"
#include "tessel/ir/expr.h"

namespace tessel {
namespace ir {

/*! \brief A function of any dialect, with its attributes. */
class BaseFuncNode : public BaseExprNode {
 public:
  /*! \brief Attributes such as "global_symbol". */
  DictAttrs attrs;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("attrs", &attrs);
    BaseExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(BaseFuncNode, "ir.BaseFunc");
};

/*! \brief Handle to any function. */
class BaseFunc : public BaseExpr {
 public:
  TESSEL_DEFINE_HANDLE(BaseFunc, BaseExpr, BaseFuncNode);
};

}  // namespace ir
}  // namespace tessel

#endif  // TESSEL_IR_FUNCTION_H_
