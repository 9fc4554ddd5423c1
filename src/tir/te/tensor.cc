// Tensors, the outputs of te operations, and the loads of their elements.
#include "tessel/tir/te/tensor.h"

namespace tessel {
namespace te {

Tensor Operation::output(size_t i) const { return Tensor(*this, i); }

Tensor::Tensor(Operation op, size_t value_index) {
  if (!op.defined()) throw InvalidArgumentError("te.Tensor: the operation must be given");
  if (value_index >= op->num_outputs()) {
    throw InvalidArgumentError(StrCat("te.Operation ", op->name, ": has ", op->num_outputs(),
                                      " output(s), asked for output ", value_index));
  }
  auto node = ir::make_object<TensorNode>();
  node->shape = op->output_shape();
  node->dtype = op->output_dtype(value_index);
  node->value_index = static_cast<int64_t>(value_index);
  node->op = std::move(op);
  data_ = std::move(node);
}

PrimExpr Tensor::operator()(Array<PrimExpr> indices) const { return ProducerLoad(*this, indices); }

ProducerLoad::ProducerLoad(Tensor producer, Array<PrimExpr> indices, Span span) {
  if (!producer.defined()) throw InvalidArgumentError("te.ProducerLoad: the tensor must be given");
  if (indices.size() != producer.ndim()) {
    throw InvalidArgumentError(StrCat("te.Tensor ", producer.name(), ": expected ", producer.ndim(),
                                      " indices (one per dimension), found ", indices.size()));
  }
  for (size_t i = 0; i < indices.size(); ++i) {
    const PrimExpr& index = indices[i];
    if (!index.defined() || !index.dtype().is_scalar() || !index.dtype().is_integer()) {
      throw InvalidArgumentError(StrCat("te.Tensor ", producer.name(), ": index ", i,
                                        " must be a scalar integer, found ",
                                        index.defined() ? index.dtype().ToString() : "None"));
    }
  }
  auto node = ir::make_object<ProducerLoadNode>();
  node->dtype = producer->dtype;
  node->producer = std::move(producer);
  node->indices = std::move(indices);
  node->span = std::move(span);
  data_ = std::move(node);
}

}  // namespace te
}  // namespace tessel
