// Placeholder and compute operations, and the placeholder/compute functions.
#include "tessel/tir/te/operation.h"

#include <set>
#include <utility>

#include "te_functor.h"
#include "tessel/ir/structural_equal.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace te {

namespace {

void CheckShape(const char* what, const std::string& name, const Array<PrimExpr>& shape) {
  for (size_t i = 0; i < shape.size(); ++i) {
    const PrimExpr& dim = shape[i];
    if (!dim.defined() || !dim.dtype().is_scalar() || !dim.dtype().is_integer()) {
      throw InvalidArgumentError(StrCat(what, " ", name, ": dimension ", i,
                                        " must be a scalar integer, found ",
                                        dim.defined() ? dim.dtype().ToString() : "None"));
    }
  }
}

}  // namespace

PlaceholderOp::PlaceholderOp(std::string name, Array<PrimExpr> shape, DataType dtype) {
  CheckShape("te.placeholder", name, shape);
  if (dtype.is_void() || dtype.is_handle()) {
    throw InvalidArgumentError(
        StrCat("te.placeholder ", name, ": cannot hold elements of dtype ", dtype.ToString()));
  }
  auto node = ir::make_object<PlaceholderOpNode>();
  node->name = std::move(name);
  node->shape = std::move(shape);
  node->dtype = dtype;
  data_ = std::move(node);
}

Array<PrimExpr> ComputeOpNode::output_shape() const {
  std::vector<PrimExpr> shape;
  for (const IterVar& iv : axis) shape.push_back(iv->dom->extent);
  return shape;
}

Array<Tensor> ComputeOpNode::InputTensors() const {
  struct Collector : TeExprVisitor {
    std::vector<Tensor> tensors;
    std::set<std::pair<const Object*, int64_t>> seen;
    void VisitProducerLoad(const ProducerLoadNode* op) override {
      const Tensor& t = op->producer;
      if (seen.insert({t->op.get(), t->value_index}).second) tensors.push_back(t);
      TeExprVisitor::VisitProducerLoad(op);
    }
  } collector;
  for (const PrimExpr& e : body) collector(e);
  return collector.tensors;
}

namespace {

// Checks that the bodies are the values 0, 1, ... of one reduction; returns its axes.
Array<IterVar> ReduceAxes(const std::string& name, const Array<PrimExpr>& body) {
  const auto* first = body[0].as<ReduceNode>();
  for (size_t i = 0; i < body.size(); ++i) {
    const auto* reduce = body[i].as<ReduceNode>();
    if (!reduce || !reduce->combiner.same_as(first->combiner) ||
        !ir::StructuralEqual(reduce->source, first->source) ||
        !ir::StructuralEqual(reduce->axis, first->axis) ||
        !ir::StructuralEqual(reduce->condition, first->condition) ||
        reduce->value_index != static_cast<int64_t>(i)) {
      throw InvalidArgumentError(StrCat("te.compute ", name, ": the values of a compute with a "
                                        "reduction must be the values 0, 1, ... of that one "
                                        "reduction (as a tuple reducer returns them)"));
    }
  }
  return first->axis;
}

}  // namespace

ComputeOp::ComputeOp(std::string name, std::string tag, Map<String, ObjectRef> attrs,
                     Array<IterVar> axis, Array<PrimExpr> body) {
  for (const IterVar& iv : axis) {
    if (!iv.defined() || iv->iter_type != IterVarType::kDataPar ||
        !tir::is_const_number(iv->dom->min, 0)) {
      throw InvalidArgumentError(StrCat("te.compute ", name,
                                        ": every axis must be a spatial IterVar over [0, extent)"));
    }
    CheckShape("te.compute", name, {iv->dom->extent});
  }
  if (body.empty()) throw InvalidArgumentError(StrCat("te.compute ", name, ": the body must be given"));
  for (const PrimExpr& e : body) {
    if (!e.defined()) throw InvalidArgumentError(StrCat("te.compute ", name, ": the body must be given"));
    if (!e.dtype().is_scalar() || e.dtype().is_void() || e.dtype().is_handle()) {
      throw InvalidArgumentError(StrCat("te.compute ", name,
                                        ": the body must be a scalar value, found ",
                                        e.dtype().ToString()));
    }
  }
  Array<IterVar> reduce_axis;
  bool reduction = false;
  for (const PrimExpr& e : body) reduction |= e.as<ReduceNode>() != nullptr;
  if (reduction) {
    reduce_axis = ReduceAxes(name, body);
  } else {
    for (const PrimExpr& e : body) {
      if (ContainsReduce(e)) {
        throw InvalidArgumentError(StrCat("te.compute ", name,
                                          ": a reduction (te.sum, te.max, ...) must be the whole "
                                          "body of the compute, not part of an expression"));
      }
    }
  }
  auto node = ir::make_object<ComputeOpNode>();
  node->name = std::move(name);
  node->tag = std::move(tag);
  node->attrs = std::move(attrs);
  node->axis = std::move(axis);
  node->reduce_axis = std::move(reduce_axis);
  node->body = std::move(body);
  data_ = std::move(node);
}

Tensor placeholder(Array<PrimExpr> shape, DataType dtype, std::string name) {
  return PlaceholderOp(std::move(name), std::move(shape), dtype).output();
}

Array<Tensor> compute(Array<PrimExpr> shape, const FBatchCompute& fcompute, std::string name,
                      std::string tag, Map<String, ObjectRef> attrs) {
  CheckShape("te.compute", name, shape);
  std::vector<IterVar> axis;
  std::vector<Var> indices;
  for (size_t i = 0; i < shape.size(); ++i) {
    Var var(StrCat("i", i), shape[i].dtype());
    axis.push_back(IterVar(Range(tir::make_zero(shape[i].dtype()), shape[i]), var, IterVarType::kDataPar));
    indices.push_back(var);
  }
  Array<PrimExpr> body = fcompute(indices);
  ComputeOp op(std::move(name), std::move(tag), std::move(attrs), axis, body);
  std::vector<Tensor> outputs;
  for (size_t i = 0; i < op->num_outputs(); ++i) outputs.push_back(op.output(i));
  return outputs;
}

Tensor compute(Array<PrimExpr> shape, const FCompute& fcompute, std::string name, std::string tag,
               Map<String, ObjectRef> attrs) {
  FBatchCompute batch = [&](const Array<Var>& indices) { return Array<PrimExpr>{fcompute(indices)}; };
  return compute(std::move(shape), batch, std::move(name), std::move(tag), std::move(attrs))[0];
}

}  // namespace te
}  // namespace tessel
