// Constructors of the shared expression nodes, with their argument checks.
#include "tessel/ir/expr.h"

namespace tessel {
namespace ir {

Span::Span(std::string source_name, int64_t line, int64_t column, int64_t end_line,
           int64_t end_column) {
  auto node = make_object<SpanNode>();
  node->source_name = std::move(source_name);
  node->line = line;
  node->column = column;
  node->end_line = end_line;
  node->end_column = end_column;
  data_ = std::move(node);
}

PrimExpr::PrimExpr(int value) : PrimExpr(IntImm(DataType::Int(32), value)) {}

IntImm::IntImm(DataType dtype, int64_t value, Span span) {
  if (!dtype.is_scalar() || !(dtype.is_int() || dtype.is_uint())) {
    throw InvalidArgumentError(
        StrCat("IntImm: expected a scalar integer or bool dtype, found ", dtype.ToString()));
  }
  if (dtype.is_bool() && value != 0 && value != 1) {
    throw InvalidArgumentError(StrCat("IntImm: a bool constant must be 0 or 1, found ", value));
  }
  if (dtype.bits() < 64) {
    int64_t lo = dtype.is_uint() ? 0 : -(int64_t(1) << (dtype.bits() - 1));
    int64_t hi = dtype.is_uint() ? (int64_t(1) << dtype.bits()) - 1
                                 : (int64_t(1) << (dtype.bits() - 1)) - 1;
    if (value < lo || value > hi) {
      throw InvalidArgumentError(StrCat("IntImm: value ", value, " does not fit in ",
                                        dtype.ToString(), " [", lo, ", ", hi, "]"));
    }
  }
  auto node = make_object<IntImmNode>();
  node->dtype = dtype;
  node->value = value;
  node->span = std::move(span);
  data_ = std::move(node);
}

FloatImm::FloatImm(DataType dtype, double value, Span span) {
  if (!dtype.is_scalar() || !dtype.is_float()) {
    throw InvalidArgumentError(
        StrCat("FloatImm: expected a scalar float dtype, found ", dtype.ToString()));
  }
  auto node = make_object<FloatImmNode>();
  node->dtype = dtype;
  node->value = value;
  node->span = std::move(span);
  data_ = std::move(node);
}

Range::Range(PrimExpr min, PrimExpr extent, Span span) {
  if (!min.defined() || !extent.defined()) {
    throw InvalidArgumentError("Range: min and extent must both be given");
  }
  auto node = make_object<RangeNode>();
  node->min = std::move(min);
  node->extent = std::move(extent);
  node->span = std::move(span);
  data_ = std::move(node);
}

GlobalVar::GlobalVar(std::string name_hint, Span span) {
  if (name_hint.empty()) throw InvalidArgumentError("GlobalVar: the name must not be empty");
  auto node = make_object<GlobalVarNode>();
  node->name_hint = std::move(name_hint);
  node->span = std::move(span);
  data_ = std::move(node);
}

}  // namespace ir
}  // namespace tessel
