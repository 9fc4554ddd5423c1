// Constructors of TensorIR expressions; each checks its operands' dtypes.
#include "tessel/tir/expr.h"

namespace tessel {
namespace tir {

namespace {

std::string TypeOf(const PrimExpr& e) { return e.defined() ? e.dtype().ToString() : "None"; }

void CheckDefined(const char* op, const char* field, const ObjectRef& value) {
  if (!value.defined()) throw InvalidArgumentError(StrCat(op, ": ", field, " must be given"));
}

// Checks the operands of a binary node and returns their common dtype.
DataType CheckSameType(const char* op, const PrimExpr& a, const PrimExpr& b) {
  CheckDefined(op, "a", a);
  CheckDefined(op, "b", b);
  if (a.dtype() != b.dtype()) {
    throw InvalidArgumentError(StrCat(op, ": both operands must have the same dtype, found ",
                                      TypeOf(a), " and ", TypeOf(b)));
  }
  return a.dtype();
}

void CheckNumeric(const char* op, const PrimExpr& a, const PrimExpr& b) {
  DataType t = a.dtype();
  if (t.is_bool() || t.is_handle() || t.is_void()) {
    throw InvalidArgumentError(StrCat(op, ": expected numeric operands, found ", TypeOf(a), " and ",
                                      TypeOf(b)));
  }
}

void CheckNonZeroDivisor(const char* op, const PrimExpr& b) {
  const auto* imm = b.as<IntImmNode>();
  if (imm && imm->value == 0) throw InvalidArgumentError(StrCat(op, ": division by the constant zero"));
}

template <typename Node>
ObjectPtr<Object> MakeBinary(PrimExpr a, PrimExpr b, DataType dtype, Span span) {
  auto node = ir::make_object<Node>();
  node->a = std::move(a);
  node->b = std::move(b);
  node->dtype = dtype;
  node->span = std::move(span);
  return node;
}

template <typename Node>
ObjectPtr<Object> MakeArith(const char* op, PrimExpr a, PrimExpr b, Span span) {
  DataType t = CheckSameType(op, a, b);
  CheckNumeric(op, a, b);
  return MakeBinary<Node>(std::move(a), std::move(b), t, std::move(span));
}

template <typename Node>
ObjectPtr<Object> MakeDivision(const char* op, PrimExpr a, PrimExpr b, Span span) {
  DataType t = CheckSameType(op, a, b);
  CheckNumeric(op, a, b);
  CheckNonZeroDivisor(op, b);
  return MakeBinary<Node>(std::move(a), std::move(b), t, std::move(span));
}

template <typename Node>
ObjectPtr<Object> MakeCompare(const char* op, PrimExpr a, PrimExpr b, Span span) {
  DataType t = CheckSameType(op, a, b);
  if (t.is_void()) throw InvalidArgumentError(StrCat(op, ": cannot compare void values"));
  return MakeBinary<Node>(std::move(a), std::move(b), DataType::Bool(t.lanes()), std::move(span));
}

template <typename Node>
ObjectPtr<Object> MakeLogical(const char* op, PrimExpr a, PrimExpr b, Span span) {
  DataType t = CheckSameType(op, a, b);
  if (!t.is_bool()) {
    throw InvalidArgumentError(
        StrCat(op, ": expected bool operands, found ", TypeOf(a), " and ", TypeOf(b)));
  }
  return MakeBinary<Node>(std::move(a), std::move(b), t, std::move(span));
}

}  // namespace

StringImm::StringImm(std::string value, Span span) {
  auto node = ir::make_object<StringImmNode>();
  node->value = std::move(value);
  node->dtype = DataType::Handle();
  node->span = std::move(span);
  data_ = std::move(node);
}

Cast::Cast(DataType dtype, PrimExpr value, Span span) {
  CheckDefined("tir.Cast", "value", value);
  if (dtype.lanes() != value.dtype().lanes() || dtype.is_void()) {
    throw InvalidArgumentError(StrCat("tir.Cast: cannot cast ", TypeOf(value), " to ",
                                      dtype.ToString(), " (the lane counts must match)"));
  }
  auto node = ir::make_object<CastNode>();
  node->dtype = dtype;
  node->value = std::move(value);
  node->span = std::move(span);
  data_ = std::move(node);
}

Add::Add(PrimExpr a, PrimExpr b, Span span) : PrimExpr(MakeArith<AddNode>("tir.Add", a, b, span)) {}
Sub::Sub(PrimExpr a, PrimExpr b, Span span) : PrimExpr(MakeArith<SubNode>("tir.Sub", a, b, span)) {}
Mul::Mul(PrimExpr a, PrimExpr b, Span span) : PrimExpr(MakeArith<MulNode>("tir.Mul", a, b, span)) {}
Div::Div(PrimExpr a, PrimExpr b, Span span)
    : PrimExpr(MakeDivision<DivNode>("tir.Div", a, b, span)) {}
Mod::Mod(PrimExpr a, PrimExpr b, Span span)
    : PrimExpr(MakeDivision<ModNode>("tir.Mod", a, b, span)) {}
FloorDiv::FloorDiv(PrimExpr a, PrimExpr b, Span span)
    : PrimExpr(MakeDivision<FloorDivNode>("tir.FloorDiv", a, b, span)) {}
FloorMod::FloorMod(PrimExpr a, PrimExpr b, Span span)
    : PrimExpr(MakeDivision<FloorModNode>("tir.FloorMod", a, b, span)) {}
Min::Min(PrimExpr a, PrimExpr b, Span span) : PrimExpr(MakeArith<MinNode>("tir.Min", a, b, span)) {}
Max::Max(PrimExpr a, PrimExpr b, Span span) : PrimExpr(MakeArith<MaxNode>("tir.Max", a, b, span)) {}
EQ::EQ(PrimExpr a, PrimExpr b, Span span) : PrimExpr(MakeCompare<EQNode>("tir.EQ", a, b, span)) {}
NE::NE(PrimExpr a, PrimExpr b, Span span) : PrimExpr(MakeCompare<NENode>("tir.NE", a, b, span)) {}
LT::LT(PrimExpr a, PrimExpr b, Span span) : PrimExpr(MakeCompare<LTNode>("tir.LT", a, b, span)) {}
LE::LE(PrimExpr a, PrimExpr b, Span span) : PrimExpr(MakeCompare<LENode>("tir.LE", a, b, span)) {}
GT::GT(PrimExpr a, PrimExpr b, Span span) : PrimExpr(MakeCompare<GTNode>("tir.GT", a, b, span)) {}
GE::GE(PrimExpr a, PrimExpr b, Span span) : PrimExpr(MakeCompare<GENode>("tir.GE", a, b, span)) {}
And::And(PrimExpr a, PrimExpr b, Span span) : PrimExpr(MakeLogical<AndNode>("tir.And", a, b, span)) {}
Or::Or(PrimExpr a, PrimExpr b, Span span) : PrimExpr(MakeLogical<OrNode>("tir.Or", a, b, span)) {}

Not::Not(PrimExpr a, Span span) {
  CheckDefined("tir.Not", "a", a);
  if (!a.dtype().is_bool()) {
    throw InvalidArgumentError(StrCat("tir.Not: expected a bool operand, found ", TypeOf(a)));
  }
  auto node = ir::make_object<NotNode>();
  node->dtype = a.dtype();
  node->a = std::move(a);
  node->span = std::move(span);
  data_ = std::move(node);
}

Select::Select(PrimExpr condition, PrimExpr true_value, PrimExpr false_value, Span span) {
  CheckDefined("tir.Select", "condition", condition);
  DataType t = CheckSameType("tir.Select", true_value, false_value);
  DataType c = condition.dtype();
  if (!c.is_bool() || (c.lanes() != 1 && c.lanes() != t.lanes())) {
    throw InvalidArgumentError(StrCat("tir.Select: the condition must be a bool with 1 or ",
                                      t.lanes(), " lanes, found ", c.ToString()));
  }
  auto node = ir::make_object<SelectNode>();
  node->dtype = t;
  node->condition = std::move(condition);
  node->true_value = std::move(true_value);
  node->false_value = std::move(false_value);
  node->span = std::move(span);
  data_ = std::move(node);
}

BufferLoad::BufferLoad(Buffer buffer, Array<PrimExpr> indices, Span span) {
  CheckDefined("tir.BufferLoad", "buffer", buffer);
  if (indices.size() != buffer.ndim()) {
    throw InvalidArgumentError(StrCat("tir.BufferLoad: buffer ", buffer->name, " has ",
                                      buffer.ndim(), " dimensions, found ", indices.size(),
                                      " indices"));
  }
  int lanes = 1;
  for (const PrimExpr& index : indices) {
    if (!index.defined() || !index.dtype().is_integer()) {
      throw InvalidArgumentError(StrCat("tir.BufferLoad: indices of buffer ", buffer->name,
                                        " must be integers, found ", TypeOf(index)));
    }
    if (index.dtype().lanes() > 1) lanes = index.dtype().lanes();
  }
  auto node = ir::make_object<BufferLoadNode>();
  node->dtype = buffer->dtype.with_lanes(buffer->dtype.lanes() * lanes);
  node->buffer = std::move(buffer);
  node->indices = std::move(indices);
  node->span = std::move(span);
  data_ = std::move(node);
}

Ramp::Ramp(PrimExpr base, PrimExpr stride, int64_t lanes, Span span) {
  DataType t = CheckSameType("tir.Ramp", base, stride);
  if (!t.is_scalar() || !t.is_integer()) {
    throw InvalidArgumentError(
        StrCat("tir.Ramp: base and stride must be scalar integers, found ", t.ToString()));
  }
  if (lanes < 2) throw InvalidArgumentError(StrCat("tir.Ramp: lanes must be at least 2, found ", lanes));
  auto node = ir::make_object<RampNode>();
  node->dtype = t.with_lanes(static_cast<int>(lanes));
  node->base = std::move(base);
  node->stride = std::move(stride);
  node->lanes = lanes;
  node->span = std::move(span);
  data_ = std::move(node);
}

Broadcast::Broadcast(PrimExpr value, int64_t lanes, Span span) {
  CheckDefined("tir.Broadcast", "value", value);
  if (!value.dtype().is_scalar()) {
    throw InvalidArgumentError(
        StrCat("tir.Broadcast: the value must be a scalar, found ", TypeOf(value)));
  }
  if (lanes < 2) {
    throw InvalidArgumentError(StrCat("tir.Broadcast: lanes must be at least 2, found ", lanes));
  }
  auto node = ir::make_object<BroadcastNode>();
  node->dtype = value.dtype().with_lanes(static_cast<int>(lanes));
  node->value = std::move(value);
  node->lanes = lanes;
  node->span = std::move(span);
  data_ = std::move(node);
}

Let::Let(Var var, PrimExpr value, PrimExpr body, Span span) {
  CheckDefined("tir.Let", "var", var);
  CheckDefined("tir.Let", "value", value);
  CheckDefined("tir.Let", "body", body);
  if (var.dtype() != value.dtype()) {
    throw InvalidArgumentError(StrCat("tir.Let: variable ", var->name_hint, " has dtype ",
                                      TypeOf(var), " but its value has dtype ", TypeOf(value)));
  }
  auto node = ir::make_object<LetNode>();
  node->dtype = body.dtype();
  node->var = std::move(var);
  node->value = std::move(value);
  node->body = std::move(body);
  node->span = std::move(span);
  data_ = std::move(node);
}

Call::Call(DataType dtype, ir::BaseExpr op, Array<PrimExpr> args, Span span) {
  CheckDefined("tir.Call", "op", op);
  const auto* op_node = op.as<ir::OpNode>();
  if (!op_node && !op.as<ir::GlobalVarNode>()) {
    throw InvalidArgumentError(
        StrCat("tir.Call: op must be an Op or a GlobalVar, found ", op->type_key()));
  }
  if (op_node && !op_node->arguments.empty() && op_node->arguments.size() != args.size()) {
    throw InvalidArgumentError(StrCat("tir.Call: ", op_node->name, " takes ",
                                      op_node->arguments.size(), " arguments, found ", args.size()));
  }
  for (const PrimExpr& arg : args) CheckDefined("tir.Call", "every argument", arg);
  auto node = ir::make_object<CallNode>();
  node->dtype = dtype;
  node->op = std::move(op);
  node->args = std::move(args);
  node->span = std::move(span);
  data_ = std::move(node);
}

}  // namespace tir
}  // namespace tessel
