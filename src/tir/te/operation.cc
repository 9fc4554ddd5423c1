// Placeholder and compute operations, and the placeholder/compute functions.
#include "tessel/tir/te/operation.h"

#include <unordered_set>

#include "te_functor.h"
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
    std::unordered_set<const Object*> seen;
    void VisitProducerLoad(const ProducerLoadNode* op) override {
      if (seen.insert(op->producer->op.get()).second) tensors.push_back(op->producer);
      TeExprVisitor::VisitProducerLoad(op);
    }
  } collector;
  collector(body);
  return collector.tensors;
}

ComputeOp::ComputeOp(std::string name, std::string tag, Map<String, ObjectRef> attrs,
                     Array<IterVar> axis, PrimExpr body) {
  for (const IterVar& iv : axis) {
    if (!iv.defined() || iv->iter_type != IterVarType::kDataPar || !tir::is_const_number(iv->dom->min, 0)) {
      throw InvalidArgumentError(StrCat("te.compute ", name,
                                        ": every axis must be a spatial IterVar over [0, extent)"));
    }
    CheckShape("te.compute", name, {iv->dom->extent});
  }
  if (!body.defined()) throw InvalidArgumentError(StrCat("te.compute ", name, ": the body must be given"));
  if (!body.dtype().is_scalar() || body.dtype().is_void() || body.dtype().is_handle()) {
    throw InvalidArgumentError(StrCat("te.compute ", name, ": the body must be a scalar value, found ",
                                      body.dtype().ToString()));
  }
  Array<IterVar> reduce_axis;
  if (const auto* reduce = body.as<ReduceNode>()) {
    reduce_axis = reduce->axis;
  } else if (ContainsReduce(body)) {
    throw InvalidArgumentError(StrCat("te.compute ", name,
                                      ": a reduction (te.sum, te.max, ...) must be the whole body "
                                      "of the compute, not part of an expression"));
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

Tensor compute(Array<PrimExpr> shape, const FCompute& fcompute, std::string name, std::string tag,
               Map<String, ObjectRef> attrs) {
  CheckShape("te.compute", name, shape);
  std::vector<IterVar> axis;
  std::vector<Var> indices;
  for (size_t i = 0; i < shape.size(); ++i) {
    Var var(StrCat("i", i), shape[i].dtype());
    axis.push_back(IterVar(Range(tir::make_zero(shape[i].dtype()), shape[i]), var, IterVarType::kDataPar));
    indices.push_back(var);
  }
  PrimExpr body = fcompute(indices);
  return ComputeOp(std::move(name), std::move(tag), std::move(attrs), axis, body).output();
}

}  // namespace te
}  // namespace tessel
