/*!
 * \file tessel/tir/te/tensor.h
 * \brief Tensors of tensor expressions: the outputs of operations, and loads of their
 * elements (`A(i, j)`) inside the bodies of other operations.
 *
 * A te program is a graph of Operations (tessel/tir/te/operation.h): a PlaceholderOp
 * stands for an input, a ComputeOp computes each element of its output from an
 * expression of its index variables. An Operation's output is a Tensor; indexing a
 * Tensor builds a ProducerLoad, which CreatePrimFunc (tessel/tir/te/create_prim_func.h)
 * turns into a BufferLoad of the buffer that holds the tensor.
 */
#ifndef TESSEL_TIR_TE_TENSOR_H_
#define TESSEL_TIR_TE_TENSOR_H_

#include <string>
#include <utility>

#include "tessel/tir/expr.h"

namespace tessel {
namespace te {

using ir::Array;
using ir::DataType;
using ir::FieldRole;
using ir::FieldVisitor;
using ir::FloatImm;
using ir::IntImm;
using ir::Map;
using ir::Object;
using ir::ObjectRef;
using ir::PrimExpr;
using ir::PrimExprNode;
using ir::Range;
using ir::Span;
using ir::String;

class Tensor;

/*!
 * \brief The base of operations: a named node of the te graph that produces a tensor.
 *
 * Operations are compared by identity in the graph (two placeholders with the same
 * shape are different inputs); their fields give the structure for printing and
 * structural equality.
 */
class OperationNode : public Object {
 public:
  /*! \brief The name: the block and buffer names CreatePrimFunc gives the operation. */
  std::string name;
  /*! \brief A free-form label for schedules and pattern matching ("elemwise", ...). */
  std::string tag;
  /*! \brief Extra information; a ComputeOp's attrs become its block's annotations. */
  Map<String, ObjectRef> attrs;

  /*! \brief The shape of the output. */
  virtual Array<PrimExpr> output_shape() const = 0;
  /*! \brief The element type of the output. */
  virtual DataType output_dtype() const = 0;
  /*! \brief The tensors this operation reads, each once, in first-use order. */
  virtual Array<Tensor> InputTensors() const = 0;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("name", &name);
    v->Visit("tag", &tag);
    v->Visit("attrs", &attrs);
  }
  TESSEL_DECLARE_NODE(OperationNode, "te.Operation");
};

/*! \brief Handle to an OperationNode. */
class Operation : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(Operation, ObjectRef, OperationNode);
  /*! \brief The output of this operation as a Tensor. */
  Tensor output() const;
};

/*! \brief The output of an operation: a shaped, typed array of values. */
class TensorNode : public Object {
 public:
  /*! \brief The operation that produces it. */
  Operation op;
  /*! \brief The extent of each dimension (int32 or int64 expressions, possibly symbolic). */
  Array<PrimExpr> shape;
  /*! \brief The element type. */
  DataType dtype;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("op", &op);
    v->Visit("shape", &shape);
    v->Visit("dtype", &dtype);
  }
  TESSEL_DECLARE_NODE(TensorNode, "te.Tensor");
};

/*! \brief Handle to a TensorNode. */
class Tensor : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(Tensor, ObjectRef, TensorNode);
  /*! \brief The output of op, with op's shape and dtype. */
  explicit Tensor(Operation op);
  /*! \brief The number of dimensions. */
  size_t ndim() const { return get()->shape.size(); }
  /*! \brief The operation's name. */
  const std::string& name() const { return get()->op->name; }
  /*!
   * \brief The element at indices, for use in the body of a compute.
   * \throws InvalidArgumentError naming the tensor when the number of indices is not its
   *   rank or an index is not a scalar integer.
   */
  PrimExpr operator()(Array<PrimExpr> indices) const;
  /*! \brief The element at the given indices (`A(i, j)`). */
  template <typename... Index>
  PrimExpr operator()(Index... indices) const {
    return (*this)(Array<PrimExpr>{PrimExpr(indices)...});
  }
};

/*!
 * \brief The element of a tensor at some indices, inside a tensor expression.
 *
 * Only te builds it; CreatePrimFunc replaces it by a BufferLoad. TensorIR's functors do
 * not know it (they send it to VisitExprDefault_).
 */
class ProducerLoadNode : public PrimExprNode {
 public:
  Tensor producer;          //!< the tensor read
  Array<PrimExpr> indices;  //!< one integer index per dimension

  void VisitFields(FieldVisitor* v) override {
    v->Visit("producer", &producer);
    v->Visit("indices", &indices);
    PrimExprNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(ProducerLoadNode, "te.ProducerLoad");
};

/*! \brief Handle to a ProducerLoadNode. */
class ProducerLoad : public PrimExpr {
 public:
  TESSEL_DEFINE_HANDLE(ProducerLoad, PrimExpr, ProducerLoadNode);
  /*! \brief `producer[indices]`; throws as Tensor::operator() does. */
  ProducerLoad(Tensor producer, Array<PrimExpr> indices, Span span = Span());
};

}  // namespace te
}  // namespace tessel

#endif  // TESSEL_TIR_TE_TENSOR_H_
