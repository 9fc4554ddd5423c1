/*!
 * \file tessel/tir/expr.h
 * \brief The expressions of TensorIR: arithmetic, comparisons, loads, calls and the rest.
 *
 * Every expression is a PrimExpr with a DataType. Constructors check their operands'
 * dtypes and throw InvalidArgumentError naming the node ("tir.Add") and the dtypes found,
 * so an ill-typed expression is never built. IntImm and FloatImm come from the ir layer;
 * the arithmetic helpers and operators (`a + b`) are in tessel/tir/op.h.
 */
#ifndef TESSEL_TIR_EXPR_H_
#define TESSEL_TIR_EXPR_H_

#include <string>
#include <utility>

#include "tessel/ir/op.h"
#include "tessel/tir/buffer.h"
#include "tessel/tir/var.h"

namespace tessel {
namespace tir {

/*! \brief A string constant, such as the argument of an external call. */
class StringImmNode : public PrimExprNode {
 public:
  /*! \brief The characters. */
  std::string value;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("value", &value);
    PrimExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(StringImmNode, "tir.StringImm");
};

/*! \brief Handle to a StringImmNode (dtype "handle"). */
class StringImm : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(StringImm, PrimExpr, StringImmNode);
  /*! \brief A string constant. */
  explicit StringImm(std::string value, Span span = Span());
};

/*! \brief Conversion of a value to another dtype with the same number of lanes. */
class CastNode : public PrimExprNode {
 public:
  /*! \brief The value converted. */
  PrimExpr value;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("value", &value);
    PrimExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(CastNode, "tir.Cast");
};

/*! \brief Handle to a CastNode. */
class Cast : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Cast, PrimExpr, CastNode);
  /*!
   * \brief `value` converted to `dtype`.
   * \throws InvalidArgumentError when the lane counts differ.
   */
  Cast(DataType dtype, PrimExpr value, Span span = Span());
};

/*!
 * \brief The common layout of binary expressions: operands `a` and `b`.
 *
 * `node.as<BinaryOpNode>()` matches every binary expression; the kinds are listed in
 * TESSEL_TIR_BINARY_NODES (tessel/tir/node_kinds.h).
 */
class BinaryOpNode : public PrimExprNode {
 public:
  PrimExpr a;  //!< the left operand
  PrimExpr b;  //!< the right operand

  void VisitFields(FieldVisitor* v) override {
    v->Visit("a", &a);
    v->Visit("b", &b);
    PrimExprNode::VisitFields(v);
  }
};

/*! \brief `a + b`. */
class AddNode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(AddNode, "tir.Add");
};
/*! \brief Handle to an AddNode. */
class Add : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Add, PrimExpr, AddNode);
  /*! \brief `a + b`; throws InvalidArgumentError naming tir.Add and both dtypes when they differ. */
  Add(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief `a - b`. */
class SubNode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(SubNode, "tir.Sub");
};
/*! \brief Handle to a SubNode. */
class Sub : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Sub, PrimExpr, SubNode);
  /*! \brief `a - b`; throws InvalidArgumentError naming tir.Sub and both dtypes when they differ. */
  Sub(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief `a * b`. */
class MulNode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(MulNode, "tir.Mul");
};
/*! \brief Handle to a MulNode. */
class Mul : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Mul, PrimExpr, MulNode);
  /*! \brief `a * b`; throws InvalidArgumentError naming tir.Mul and both dtypes when they differ. */
  Mul(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief `a / b`: true division for floats, division rounding toward zero for integers. */
class DivNode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(DivNode, "tir.Div");
};
/*! \brief Handle to a DivNode. */
class Div : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Div, PrimExpr, DivNode);
  /*! \brief `a / b`: true division for floats, division rounding toward zero for integers; throws InvalidArgumentError naming tir.Div and both dtypes when they differ. */
  Div(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief The remainder of Div (sign of `a`, like C's `%`). */
class ModNode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(ModNode, "tir.Mod");
};
/*! \brief Handle to a ModNode. */
class Mod : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Mod, PrimExpr, ModNode);
  /*! \brief The remainder of Div (sign of `a`, like C's `%`); throws InvalidArgumentError naming tir.Mod and both dtypes when they differ. */
  Mod(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief `a // b`: division rounding toward negative infinity. */
class FloorDivNode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(FloorDivNode, "tir.FloorDiv");
};
/*! \brief Handle to a FloorDivNode. */
class FloorDiv : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(FloorDiv, PrimExpr, FloorDivNode);
  /*! \brief `a // b`: division rounding toward negative infinity; throws InvalidArgumentError naming tir.FloorDiv and both dtypes when they differ. */
  FloorDiv(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief `a % b` in Python's sense: the remainder of FloorDiv (sign of `b`). */
class FloorModNode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(FloorModNode, "tir.FloorMod");
};
/*! \brief Handle to a FloorModNode. */
class FloorMod : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(FloorMod, PrimExpr, FloorModNode);
  /*! \brief `a % b` in Python's sense: the remainder of FloorDiv (sign of `b`); throws InvalidArgumentError naming tir.FloorMod and both dtypes when they differ. */
  FloorMod(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief The smaller of `a` and `b`. */
class MinNode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(MinNode, "tir.Min");
};
/*! \brief Handle to a MinNode. */
class Min : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Min, PrimExpr, MinNode);
  /*! \brief The smaller of `a` and `b`; throws InvalidArgumentError naming tir.Min and both dtypes when they differ. */
  Min(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief The larger of `a` and `b`. */
class MaxNode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(MaxNode, "tir.Max");
};
/*! \brief Handle to a MaxNode. */
class Max : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Max, PrimExpr, MaxNode);
  /*! \brief The larger of `a` and `b`; throws InvalidArgumentError naming tir.Max and both dtypes when they differ. */
  Max(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief `a == b`, a bool. */
class EQNode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(EQNode, "tir.EQ");
};
/*! \brief Handle to an EQNode. */
class EQ : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(EQ, PrimExpr, EQNode);
  /*! \brief `a == b`, a bool; throws InvalidArgumentError naming tir.EQ and both dtypes when they differ. */
  EQ(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief `a != b`, a bool. */
class NENode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(NENode, "tir.NE");
};
/*! \brief Handle to a NENode. */
class NE : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(NE, PrimExpr, NENode);
  /*! \brief `a != b`, a bool; throws InvalidArgumentError naming tir.NE and both dtypes when they differ. */
  NE(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief `a < b`, a bool. */
class LTNode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(LTNode, "tir.LT");
};
/*! \brief Handle to a LTNode. */
class LT : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(LT, PrimExpr, LTNode);
  /*! \brief `a < b`, a bool; throws InvalidArgumentError naming tir.LT and both dtypes when they differ. */
  LT(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief `a <= b`, a bool. */
class LENode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(LENode, "tir.LE");
};
/*! \brief Handle to a LENode. */
class LE : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(LE, PrimExpr, LENode);
  /*! \brief `a <= b`, a bool; throws InvalidArgumentError naming tir.LE and both dtypes when they differ. */
  LE(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief `a > b`, a bool. */
class GTNode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(GTNode, "tir.GT");
};
/*! \brief Handle to a GTNode. */
class GT : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(GT, PrimExpr, GTNode);
  /*! \brief `a > b`, a bool; throws InvalidArgumentError naming tir.GT and both dtypes when they differ. */
  GT(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief `a >= b`, a bool. */
class GENode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(GENode, "tir.GE");
};
/*! \brief Handle to a GENode. */
class GE : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(GE, PrimExpr, GENode);
  /*! \brief `a >= b`, a bool; throws InvalidArgumentError naming tir.GE and both dtypes when they differ. */
  GE(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief Logical `a and b` of two bools. */
class AndNode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(AndNode, "tir.And");
};
/*! \brief Handle to an AndNode. */
class And : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(And, PrimExpr, AndNode);
  /*! \brief Logical `a and b` of two bools; throws InvalidArgumentError naming tir.And and both dtypes when they differ. */
  And(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief Logical `a or b` of two bools. */
class OrNode : public BinaryOpNode {
 public:
  TESSEL_DECLARE_NODE(OrNode, "tir.Or");
};
/*! \brief Handle to an OrNode. */
class Or : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Or, PrimExpr, OrNode);
  /*! \brief Logical `a or b` of two bools; throws InvalidArgumentError naming tir.Or and both dtypes when they differ. */
  Or(PrimExpr a, PrimExpr b, Span span = Span());
};

/*! \brief Logical negation of a bool. */
class NotNode : public PrimExprNode {
 public:
  /*! \brief The operand. */
  PrimExpr a;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("a", &a);
    PrimExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(NotNode, "tir.Not");
};

/*! \brief Handle to a NotNode. */
class Not : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Not, PrimExpr, NotNode);
  /*! \brief `not a`; throws InvalidArgumentError naming tir.Not when `a` is not bool. */
  explicit Not(PrimExpr a, Span span = Span());
};

/*! \brief `true_value if condition else false_value`; both sides may be evaluated. */
class SelectNode : public PrimExprNode {
 public:
  PrimExpr condition;    //!< a bool (scalar, or with the result's lanes)
  PrimExpr true_value;   //!< the value when condition holds
  PrimExpr false_value;  //!< the value otherwise

  void VisitFields(FieldVisitor* v) override {
    v->Visit("condition", &condition);
    v->Visit("true_value", &true_value);
    v->Visit("false_value", &false_value);
    PrimExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(SelectNode, "tir.Select");
};

/*! \brief Handle to a SelectNode. */
class Select : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Select, PrimExpr, SelectNode);
  /*!
   * \brief Choose between two values of one dtype.
   * \throws InvalidArgumentError when condition is not bool or the values' dtypes differ.
   */
  Select(PrimExpr condition, PrimExpr true_value, PrimExpr false_value, Span span = Span());
};

/*! \brief The element of a buffer at some indices. */
class BufferLoadNode : public PrimExprNode {
 public:
  Buffer buffer;           //!< the buffer read
  Array<PrimExpr> indices;  //!< one integer index per dimension (a Ramp loads a vector)

  void VisitFields(FieldVisitor* v) override {
    v->Visit("buffer", &buffer);
    v->Visit("indices", &indices);
    PrimExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(BufferLoadNode, "tir.BufferLoad");
};

/*! \brief Handle to a BufferLoadNode. */
class BufferLoad : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(BufferLoad, PrimExpr, BufferLoadNode);
  /*!
   * \brief `buffer[indices]`, of the buffer's dtype (with the lanes of a vector index).
   * \throws InvalidArgumentError when the number of indices is not the buffer's rank or
   *   an index is not an integer.
   */
  BufferLoad(Buffer buffer, Array<PrimExpr> indices, Span span = Span());
};

/*! \brief The vector `[base, base + stride, ..., base + (lanes - 1) * stride]`. */
class RampNode : public PrimExprNode {
 public:
  PrimExpr base;      //!< the first element
  PrimExpr stride;    //!< the step
  int64_t lanes = 0;  //!< the number of elements

  void VisitFields(FieldVisitor* v) override {
    v->Visit("base", &base);
    v->Visit("stride", &stride);
    v->Visit("lanes", &lanes);
    PrimExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(RampNode, "tir.Ramp");
};

/*! \brief Handle to a RampNode. */
class Ramp : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Ramp, PrimExpr, RampNode);
  /*!
   * \brief A ramp of `lanes` scalars.
   * \throws InvalidArgumentError when base and stride are not scalars of one dtype or lanes < 2.
   */
  Ramp(PrimExpr base, PrimExpr stride, int64_t lanes, Span span = Span());
};

/*! \brief A scalar repeated into every lane of a vector. */
class BroadcastNode : public PrimExprNode {
 public:
  PrimExpr value;     //!< the scalar
  int64_t lanes = 0;  //!< the number of lanes

  void VisitFields(FieldVisitor* v) override {
    v->Visit("value", &value);
    v->Visit("lanes", &lanes);
    PrimExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(BroadcastNode, "tir.Broadcast");
};

/*! \brief Handle to a BroadcastNode. */
class Broadcast : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Broadcast, PrimExpr, BroadcastNode);
  /*! \brief `value` in `lanes` lanes; throws InvalidArgumentError unless value is scalar and lanes >= 2. */
  Broadcast(PrimExpr value, int64_t lanes, Span span = Span());
};

/*! \brief `body` with `var` bound to `value`. */
class LetNode : public PrimExprNode {
 public:
  Var var;         //!< the variable bound (defined here)
  PrimExpr value;  //!< its value
  PrimExpr body;   //!< the result, which may use var

  void VisitFields(FieldVisitor* v) override {
    v->Visit("var", &var, FieldRole::kDefines);
    v->Visit("value", &value);
    v->Visit("body", &body);
    PrimExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(LetNode, "tir.Let");
};

/*! \brief Handle to a LetNode. */
class Let : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Let, PrimExpr, LetNode);
  /*! \brief Bind var to value in body; throws InvalidArgumentError when var and value dtypes differ. */
  Let(Var var, PrimExpr value, PrimExpr body, Span span = Span());
};

/*!
 * \brief A call of an intrinsic operator ("tir.exp", ...) or of another function.
 *
 * The intrinsics are registered in the operator registry (see tessel/tir/op.h).
 */
class CallNode : public PrimExprNode {
 public:
  ir::BaseExpr op;      //!< an ir::Op, or a GlobalVar naming a PrimFunc
  Array<PrimExpr> args;  //!< the arguments

  void VisitFields(FieldVisitor* v) override {
    v->Visit("op", &op);
    v->Visit("args", &args);
    PrimExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(CallNode, "tir.Call");
};

/*! \brief Handle to a CallNode. */
class Call : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(Call, PrimExpr, CallNode);
  /*!
   * \brief A call returning dtype.
   * \throws InvalidArgumentError when op is neither an Op nor a GlobalVar, or when the
   *   number of arguments differs from the registered operator's.
   */
  Call(DataType dtype, ir::BaseExpr op, Array<PrimExpr> args, Span span = Span());
};

}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_EXPR_H_
