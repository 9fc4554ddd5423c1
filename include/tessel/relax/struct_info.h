/*!
 * \file tessel/relax/struct_info.h
 * \brief Struct info: the static knowledge Relax keeps about a value (its kind, dtype,
 * rank and possibly symbolic shape).
 *
 * Constructors check that what they are given is consistent (a shape of two values has
 * ndim 2) and throw InvalidArgumentError naming the struct info otherwise. An unknown
 * rank is ndim -1; an unknown dtype is void.
 */
#ifndef TESSEL_RELAX_STRUCT_INFO_H_
#define TESSEL_RELAX_STRUCT_INFO_H_

#include "tessel/relax/expr.h"

namespace tessel {
namespace relax {

/*! \brief Any value: nothing is known about it. */
class ObjectStructInfoNode : public StructInfoNode {
 public:
  TESSEL_DECLARE_NODE(ObjectStructInfoNode, "relax.ObjectStructInfo");
};

/*! \brief Handle to an ObjectStructInfoNode. */
class ObjectStructInfo : public StructInfo {
 public:
  TESSEL_DEFINE_HANDLE(ObjectStructInfo, StructInfo, ObjectStructInfoNode);
  /*!
   * \brief The struct info of an arbitrary value (the default constructor, as for every
   * handle, gives an undefined one: pass a Span, possibly empty).
   */
  explicit ObjectStructInfo(Span span);
};

/*! \brief A scalar of a known dtype. */
class PrimStructInfoNode : public StructInfoNode {
 public:
  /*! \brief The scalar's type. */
  DataType dtype;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("dtype", &dtype);
    StructInfoNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(PrimStructInfoNode, "relax.PrimStructInfo");
};

/*! \brief Handle to a PrimStructInfoNode. */
class PrimStructInfo : public StructInfo {
 public:
  TESSEL_DEFINE_HANDLE(PrimStructInfo, StructInfo, PrimStructInfoNode);
  /*! \brief A scalar of type dtype. */
  explicit PrimStructInfo(DataType dtype, Span span = Span());
};

/*! \brief A shape value, with its dimensions when they are known. */
class ShapeStructInfoNode : public StructInfoNode {
 public:
  /*!
   * \brief The dimensions, an Array<PrimExpr> (int64, possibly symbolic); undefined when
   * unknown (an Array is never undefined, hence the plain handle).
   */
  ObjectRef values;
  /*! \brief The number of dimensions; -1 when unknown. */
  int64_t ndim = -1;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("values", &values);
    v->Visit("ndim", &ndim);
    StructInfoNode::VisitFields(v);
  }
  /*! \brief Whether the dimensions are known. */
  bool HasValues() const { return values.defined(); }
  /*! \brief The dimensions; empty when unknown. */
  Array<PrimExpr> GetValues() const { return Array<PrimExpr>(values.data()); }
  TESSEL_DECLARE_NODE(ShapeStructInfoNode, "relax.ShapeStructInfo");
};

/*! \brief Handle to a ShapeStructInfoNode. */
class ShapeStructInfo : public StructInfo {
 public:
  TESSEL_DEFINE_HANDLE(ShapeStructInfo, StructInfo, ShapeStructInfoNode);
  /*!
   * \brief A shape of known dimensions; ndim is their number.
   * \throws InvalidArgumentError when a dimension is not a scalar integer.
   */
  explicit ShapeStructInfo(Array<PrimExpr> values, Span span = Span());
  /*!
   * \brief A shape of unknown dimensions.
   * \throws InvalidArgumentError when ndim is below -1.
   */
  explicit ShapeStructInfo(int64_t ndim, Span span = Span());
};

/*! \brief A tensor, with what is known of its shape, dtype and rank. */
class TensorStructInfoNode : public StructInfoNode {
 public:
  /*! \brief The shape (a ShapeExpr or a Var of shape struct info); undefined when unknown. */
  Expr shape;
  /*! \brief The element type; void when unknown. */
  DataType dtype;
  /*! \brief The rank; -1 when unknown. */
  int64_t ndim = -1;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("shape", &shape);
    v->Visit("dtype", &dtype);
    v->Visit("ndim", &ndim);
    StructInfoNode::VisitFields(v);
  }
  /*! \brief Whether the rank is unknown. */
  bool IsUnknownNdim() const { return ndim == -1; }
  /*! \brief Whether the dtype is unknown. */
  bool IsUnknownDtype() const { return dtype.is_void(); }
  TESSEL_DECLARE_NODE(TensorStructInfoNode, "relax.TensorStructInfo");
};

/*! \brief Handle to a TensorStructInfoNode. */
class TensorStructInfo : public StructInfo {
 public:
  TESSEL_DEFINE_HANDLE(TensorStructInfo, StructInfo, TensorStructInfoNode);
  /*!
   * \brief A tensor of the given shape expression.
   *
   * shape is a ShapeExpr, or a Var whose struct info is a ShapeStructInfo; dtype void means
   * unknown; ndim -1 takes the rank from shape.
   * \throws InvalidArgumentError when shape is of another kind or its rank differs from ndim.
   */
  TensorStructInfo(Expr shape, DataType dtype, int64_t ndim = -1, Span span = Span());
  /*! \brief A tensor of the given dimensions (wrapped in a ShapeExpr). */
  TensorStructInfo(Array<PrimExpr> values, DataType dtype, Span span = Span());
  /*!
   * \brief A tensor of unknown shape.
   * \throws InvalidArgumentError when ndim is below -1.
   */
  TensorStructInfo(DataType dtype, int64_t ndim, Span span = Span());
};

/*! \brief A tuple, with the struct info of each field. */
class TupleStructInfoNode : public StructInfoNode {
 public:
  /*! \brief The fields' struct info. */
  Array<StructInfo> fields;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("fields", &fields);
    StructInfoNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(TupleStructInfoNode, "relax.TupleStructInfo");
};

/*! \brief Handle to a TupleStructInfoNode. */
class TupleStructInfo : public StructInfo {
 public:
  TESSEL_DEFINE_HANDLE(TupleStructInfo, StructInfo, TupleStructInfoNode);
  /*! \brief A tuple; throws InvalidArgumentError when a field is undefined. */
  explicit TupleStructInfo(Array<StructInfo> fields, Span span = Span());
};

/*! \brief A function, with the struct info of its parameters and its result. */
class FuncStructInfoNode : public StructInfoNode {
 public:
  Array<StructInfo> params;  //!< the parameters' struct info
  StructInfo ret;            //!< the result's struct info
  bool purity = true;        //!< whether calling it has no visible side effect

  void VisitFields(FieldVisitor* v) override {
    v->Visit("params", &params, FieldRole::kDefines);
    v->Visit("ret", &ret);
    v->Visit("purity", &purity);
    StructInfoNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(FuncStructInfoNode, "relax.FuncStructInfo");
};

/*! \brief Handle to a FuncStructInfoNode. */
class FuncStructInfo : public StructInfo {
 public:
  TESSEL_DEFINE_HANDLE(FuncStructInfo, StructInfo, FuncStructInfoNode);
  /*! \brief A function type; throws InvalidArgumentError when a part is undefined. */
  FuncStructInfo(Array<StructInfo> params, StructInfo ret, bool purity = true, Span span = Span());
};

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_RELAX_STRUCT_INFO_H_
