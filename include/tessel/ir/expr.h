/*!
 * \file tessel/ir/expr.h
 * \brief The expression classes every dialect shares: the expression base, PrimExpr with
 * its immediates, Range and GlobalVar.
 */
#ifndef TESSEL_IR_EXPR_H_
#define TESSEL_IR_EXPR_H_

#include <string>

#include "tessel/ir/container.h"
#include "tessel/ir/data_type.h"
#include "tessel/ir/span.h"

namespace tessel {
namespace ir {

/*! \brief The base of all expressions: anything that has a value, with its source span. */
class BaseExprNode : public Object {
 public:
  /*! \brief Where the expression was written; may be undefined. */
  Span span;

  void VisitFields(FieldVisitor* v) override { v->Visit("span", &span, FieldRole::kIgnored); }
  TESSEL_DECLARE_NODE(BaseExprNode, "ir.BaseExpr");
};

/*! \brief Handle to any expression. */
class BaseExpr : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(BaseExpr, ObjectRef, BaseExprNode);
};

/*! \brief A scalar or vector expression with a DataType: the expressions of TensorIR. */
class PrimExprNode : public BaseExprNode {
 public:
  /*! \brief The type of the value. */
  DataType dtype;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("dtype", &dtype);
    BaseExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(PrimExprNode, "ir.PrimExpr");
};

/*! \brief Handle to a PrimExprNode. */
class PrimExpr : public BaseExpr {
 public:
  TESSEL_DEFINE_HANDLE(PrimExpr, BaseExpr, PrimExprNode);
  /*! \brief The int32 constant `value`. */
  PrimExpr(int value);  // NOLINT(runtime/explicit): integers convert to constants
  /*! \brief The type of the value. */
  DataType dtype() const { return get()->dtype; }
};

/*! \brief An integer (or boolean) constant. */
class IntImmNode : public PrimExprNode {
 public:
  /*! \brief The value, already wrapped to the dtype's range. */
  int64_t value = 0;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("value", &value);
    PrimExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(IntImmNode, "ir.IntImm");
};

/*! \brief Handle to an IntImmNode. */
class IntImm : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(IntImm, PrimExpr, IntImmNode);
  /*!
   * \brief An integer constant.
   * \throws InvalidArgumentError when dtype is not an integer or bool type, or value does not fit.
   */
  IntImm(DataType dtype, int64_t value, Span span = Span());
};

/*! \brief A floating-point constant. */
class FloatImmNode : public PrimExprNode {
 public:
  /*! \brief The value. */
  double value = 0;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("value", &value);
    PrimExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(FloatImmNode, "ir.FloatImm");
};

/*! \brief Handle to a FloatImmNode. */
class FloatImm : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(FloatImm, PrimExpr, FloatImmNode);
  /*!
   * \brief A floating-point constant.
   * \throws InvalidArgumentError when dtype is not a float type.
   */
  FloatImm(DataType dtype, double value, Span span = Span());
};

/*! \brief The half-open integer interval [min, min + extent). */
class RangeNode : public Object {
 public:
  PrimExpr min;     //!< first value
  PrimExpr extent;  //!< number of values
  Span span;        //!< source span

  void VisitFields(FieldVisitor* v) override {
    v->Visit("min", &min);
    v->Visit("extent", &extent);
    v->Visit("span", &span, FieldRole::kIgnored);
  }
  TESSEL_DECLARE_NODE(RangeNode, "ir.Range");
};

/*! \brief Handle to a RangeNode. */
class Range : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(Range, ObjectRef, RangeNode);
  /*! \brief The range [min, min + extent). */
  Range(PrimExpr min, PrimExpr extent, Span span = Span());
};

/*!
 * \brief The name of a function in an IRModule; calls refer to functions through it.
 *
 * Two GlobalVars are structurally equal when their names are equal.
 */
class GlobalVarNode : public BaseExprNode {
 public:
  /*! \brief The function's name in its module. */
  std::string name_hint;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("name_hint", &name_hint);
    BaseExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(GlobalVarNode, "ir.GlobalVar");
};

/*! \brief Handle to a GlobalVarNode. */
class GlobalVar : public BaseExpr {
 public:
  TESSEL_DEFINE_HANDLE(GlobalVar, BaseExpr, GlobalVarNode);
  /*! \brief A new global variable with the given name. */
  explicit GlobalVar(std::string name_hint, Span span = Span());
};

}  // namespace ir
}  // namespace tessel

#endif  // TESSEL_IR_EXPR_H_
