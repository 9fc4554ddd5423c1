/*!
 * \file tessel/tir/te/operation.h
 * \brief The operations of tensor expressions: placeholders (inputs) and computes, and
 * the functions that make them, `placeholder` and `compute`.
 *
 * \code
 * using namespace tessel;
 * te::Tensor a = te::placeholder({128, 128}, ir::DataType::Float(32), "A");
 * te::IterVar k = te::reduce_axis(ir::Range(0, 128), "k");
 * te::Tensor c = te::compute({128, 128}, [&](const ir::Array<tir::Var>& i) {
 *   return te::sum(a(i[0], k) * a(k, i[1]), {k});
 * }, "C");
 * tir::PrimFunc f = te::CreatePrimFunc({a, c});
 * \endcode
 */
#ifndef TESSEL_TIR_TE_OPERATION_H_
#define TESSEL_TIR_TE_OPERATION_H_

#include <functional>
#include <string>

#include "tessel/tir/stmt.h"
#include "tessel/tir/te/tensor.h"

namespace tessel {
namespace te {

using tir::IterVar;
using tir::IterVarNode;
using tir::IterVarType;
using tir::Var;

/*! \brief An input of the computation: a tensor whose values come from outside. */
class PlaceholderOpNode : public OperationNode {
 public:
  Array<PrimExpr> shape;  //!< the extent of each dimension
  DataType dtype;         //!< the element type

  size_t num_outputs() const override { return 1; }
  Array<PrimExpr> output_shape() const override { return shape; }
  DataType output_dtype(size_t) const override { return dtype; }
  Array<Tensor> InputTensors() const override { return {}; }

  void VisitFields(FieldVisitor* v) override {
    OperationNode::VisitFields(v);
    v->Visit("shape", &shape);
    v->Visit("dtype", &dtype);
  }
  TESSEL_DECLARE_NODE(PlaceholderOpNode, "te.PlaceholderOp");
};

/*! \brief Handle to a PlaceholderOpNode. */
class PlaceholderOp : public Operation {
 public:
  TESSEL_DEFINE_HANDLE(PlaceholderOp, Operation, PlaceholderOpNode);
  /*!
   * \brief An input named name.
   * \throws InvalidArgumentError when a dimension is not a scalar integer or dtype is void.
   */
  PlaceholderOp(std::string name, Array<PrimExpr> shape, DataType dtype);
};

/*!
 * \brief Tensors defined element by element: `out_k[axis] = body[k]`, one output per body.
 *
 * When a body is a Reduce (tessel/tir/te/reduction.h) every body is one: the values
 * 0, 1, ... of a single reduction (several for a tuple reducer such as argmax), and its
 * axes are the compute's reduce_axis.
 */
class ComputeOpNode : public OperationNode {
 public:
  Array<IterVar> axis;         //!< one spatial iteration variable per output dimension
  Array<IterVar> reduce_axis;  //!< the reduction variables (those of the Reduce body)
  Array<PrimExpr> body;        //!< the value of each output's element at axis

  size_t num_outputs() const override { return body.size(); }
  Array<PrimExpr> output_shape() const override;
  DataType output_dtype(size_t i) const override { return body[i].dtype(); }
  Array<Tensor> InputTensors() const override;

  void VisitFields(FieldVisitor* v) override {
    OperationNode::VisitFields(v);
    v->Visit("axis", &axis, FieldRole::kDefines);
    v->Visit("reduce_axis", &reduce_axis);
    v->Visit("body", &body);
  }
  TESSEL_DECLARE_NODE(ComputeOpNode, "te.ComputeOp");
};

/*! \brief Handle to a ComputeOpNode. */
class ComputeOp : public Operation {
 public:
  TESSEL_DEFINE_HANDLE(ComputeOp, Operation, ComputeOpNode);
  /*!
   * \brief A compute named name.
   * \param name The name of the output.
   * \param tag A free-form label.
   * \param attrs Extra information, which becomes the block's annotations.
   * \param axis One spatial IterVar per output dimension, each over [0, extent).
   * \param body The value of each output's element, scalars (at least one).
   * \throws InvalidArgumentError naming the compute when an axis is not spatial or starts
   *   elsewhere than 0, a body is not a scalar, a Reduce appears anywhere but as a whole
   *   body, or the bodies are not all Reduces or the values 0, 1, ... of one reduction.
   */
  ComputeOp(std::string name, std::string tag, Map<String, ObjectRef> attrs, Array<IterVar> axis,
            Array<PrimExpr> body);
};

/*!
 * \brief An input tensor.
 * \param shape The extent of each dimension (constants, or Vars for symbolic sizes).
 * \param dtype The element type.
 * \param name The name, used for the parameter and buffer of CreatePrimFunc.
 */
Tensor placeholder(Array<PrimExpr> shape, DataType dtype = DataType::Float(32),
                   std::string name = "placeholder");

/*! \brief Gives the value of an element from its index variables, one per dimension. */
using FCompute = std::function<PrimExpr(const Array<Var>& indices)>;

/*! \brief Gives the values of the elements of several outputs from their index variables. */
using FBatchCompute = std::function<Array<PrimExpr>(const Array<Var>& indices)>;

/*!
 * \brief The tensor whose element at `indices` is `fcompute(indices)`.
 * \param shape The extent of each dimension.
 * \param fcompute The element's value, called once with fresh index variables `i0`, `i1`, ...
 * \param name The name of the output.
 * \param tag A free-form label.
 * \param attrs Extra information, which becomes the block's annotations.
 * \throws InvalidArgumentError as ComputeOp does, or when fcompute returns nothing.
 */
Tensor compute(Array<PrimExpr> shape, const FCompute& fcompute, std::string name = "compute",
               std::string tag = "", Map<String, ObjectRef> attrs = Map<String, ObjectRef>());

/*!
 * \brief Several tensors of one shape computed together (such as argmax's index and value).
 *
 * Like compute, with fcompute returning one value per output.
 */
Array<Tensor> compute(Array<PrimExpr> shape, const FBatchCompute& fcompute, std::string name,
                      std::string tag = "", Map<String, ObjectRef> attrs = Map<String, ObjectRef>());

}  // namespace te
}  // namespace tessel

#endif  // TESSEL_TIR_TE_OPERATION_H_
