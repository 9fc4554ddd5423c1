// Constructors of TensorIR variables.
#include "tessel/tir/var.h"

namespace tessel {
namespace tir {

Var::Var(std::string name_hint, DataType dtype, Span span) {
  if (dtype.is_void()) throw InvalidArgumentError("tir.Var: a variable cannot have dtype void");
  auto node = ir::make_object<VarNode>();
  node->name_hint = std::move(name_hint);
  node->dtype = dtype;
  node->span = std::move(span);
  data_ = std::move(node);
}

SizeVar::SizeVar(std::string name_hint, DataType dtype, Span span) {
  if (!dtype.is_scalar() || !dtype.is_integer()) {
    throw InvalidArgumentError(
        StrCat("tir.SizeVar: expected a scalar integer dtype, found ", dtype.ToString()));
  }
  auto node = ir::make_object<SizeVarNode>();
  node->name_hint = std::move(name_hint);
  node->dtype = dtype;
  node->span = std::move(span);
  data_ = std::move(node);
}

}  // namespace tir
}  // namespace tessel
