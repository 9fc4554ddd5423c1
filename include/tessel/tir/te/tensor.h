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

#include "tessel/tir/stmt.h"

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

  /*! \brief The number of outputs (several for a compute of a tuple, such as argmax). */
  virtual size_t num_outputs() const = 0;
  /*! \brief The shape of every output. */
  virtual Array<PrimExpr> output_shape() const = 0;
  /*! \brief The element type of output i. */
  virtual DataType output_dtype(size_t i) const = 0;
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
  /*!
   * \brief Output i of this operation as a Tensor.
   * \throws InvalidArgumentError when i is not below num_outputs().
   */
  Tensor output(size_t i = 0) const;
};

/*!
 * \brief An output of an operation: a shaped, typed array of values.
 *
 * Two Tensor nodes of the same op and value_index are the same tensor (Operation::output
 * makes a new node each time); compare their `op` and `value_index`.
 */
class TensorNode : public Object {
 public:
  /*! \brief The operation that produces it. */
  Operation op;
  /*! \brief Which output of op it is. */
  int64_t value_index = 0;
  /*! \brief The extent of each dimension (int32 or int64 expressions, possibly symbolic). */
  Array<PrimExpr> shape;
  /*! \brief The element type. */
  DataType dtype;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("op", &op);
    v->Visit("value_index", &value_index);
    v->Visit("shape", &shape);
    v->Visit("dtype", &dtype);
  }
  TESSEL_DECLARE_NODE(TensorNode, "te.Tensor");
};

/*! \brief Handle to a TensorNode. */
class Tensor : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(Tensor, ObjectRef, TensorNode);
  /*! \brief Output value_index of op, with its shape and dtype; throws like Operation::output. */
  explicit Tensor(Operation op, size_t value_index = 0);
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
  /*! \brief The element at the given indices (`A(i, j)`; a reduce axis `k` stands for `k->var`). */
  template <typename... Index>
  PrimExpr operator()(const Index&... indices) const {
    return (*this)(Array<PrimExpr>{AsIndex(indices)...});
  }

 private:
  static PrimExpr AsIndex(const PrimExpr& index) { return index; }
  static PrimExpr AsIndex(const tir::IterVar& axis) { return axis->var; }
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
