// The cross-level calls call_tir, call_dps_packed and call_pure_packed: constructors,
// registration and struct-info inference (the result is what the call declares).
#include "tessel/relax/op/call.h"

#include "tessel/relax/op/op_common.h"

namespace tessel {
namespace relax {

namespace {

void CheckOutputsAreTensors(const char* op, const StructInfo& out) {
  if (out.as<TensorStructInfoNode>()) return;
  if (const auto* tuple = out.as<TupleStructInfoNode>()) {
    bool all_tensors = !tuple->fields.empty();
    for (const StructInfo& field : tuple->fields) all_tensors &= bool(field.as<TensorStructInfoNode>());
    if (all_tensors) return;
  }
  throw InvalidArgumentError(StrCat(op, ": out_sinfo must be a tensor or a tuple of tensors"));
}

ir::DictAttrs CalleeAttrs(const ir::BaseExpr& callee) {
  return ir::DictAttrs().With("callee", callee);
}

// The declared result: sinfo_args[0], required.
StructInfo InferDeclared(const Call& call, const BlockBuilder&) {
  if (call->sinfo_args.size() != 1) {
    throw TypeInferenceError(StrCat(OpName(call), ": expected one struct info argument (the result), found ",
                                    call->sinfo_args.size()));
  }
  if (!GetCallee(call).defined()) {
    throw TypeInferenceError(StrCat(OpName(call), ": missing attribute callee"));
  }
  return call->sinfo_args[0];
}

// call_tir and call_dps_packed take their arguments as one tuple.
StructInfo InferDPS(const Call& call, const BlockBuilder& ctx) {
  if (call->args.empty() || call->args.size() > 2 || !call->args[0].as<TupleNode>()) {
    throw TypeInferenceError(StrCat(OpName(call), ": expected the arguments as one tuple",
                                    call->args.size() == 2 ? " and the tir_vars shape" : ""));
  }
  return InferDeclared(call, ctx);
}

TESSEL_RELAX_REGISTER_OP("relax.call_tir")
    .describe("Call a PrimFunc in destination-passing style; the caller allocates the outputs.")
    .add_argument("args")
    .add_argument("tir_vars")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferDPS)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOpaque)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.call_dps_packed")
    .describe("Call a runtime function in destination-passing style.")
    .add_argument("args")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferDPS)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOpaque)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.call_pure_packed")
    .describe("Call a runtime function that returns its result and has no side effect.")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferDeclared)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOpaque)
    .set_attr<bool>("FPurity", true);

}  // namespace

Call CallTIR(const ir::GlobalVar& gv, const Array<Expr>& args, const StructInfo& out_sinfo,
             const Expr& tir_vars) {
  if (!gv.defined()) throw InvalidArgumentError("relax.call_tir: the callee must be given");
  CheckOutputsAreTensors("relax.call_tir", out_sinfo);
  Array<Expr> call_args{Tuple(args)};
  if (tir_vars.defined()) {
    if (!tir_vars.as<ShapeExprNode>()) {
      throw InvalidArgumentError("relax.call_tir: tir_vars must be a shape expression");
    }
    call_args = call_args.Append(tir_vars);
  }
  return Call(ir::Op::Get("relax.call_tir"), call_args, CalleeAttrs(gv), {out_sinfo});
}

Call CallDPSPacked(const std::string& name, const Array<Expr>& args, const StructInfo& out_sinfo) {
  CheckOutputsAreTensors("relax.call_dps_packed", out_sinfo);
  return Call(ir::Op::Get("relax.call_dps_packed"), {Tuple(args)}, CalleeAttrs(ExternFunc(name)),
              {out_sinfo});
}

Call CallPurePacked(const std::string& name, const Array<Expr>& args, const StructInfo& ret) {
  if (!ret.defined()) throw InvalidArgumentError("relax.call_pure_packed: sinfo_args must be given");
  return Call(ir::Op::Get("relax.call_pure_packed"), args, CalleeAttrs(ExternFunc(name)), {ret});
}

ir::BaseExpr GetCallee(const Call& call) {
  if (!call->attrs.defined()) return ir::BaseExpr();
  return ir::BaseExpr(call->attrs.Get("callee").data());
}

Array<Expr> GetCallArgs(const Call& call) {
  if (!call->args.empty()) {
    if (const auto* tuple = call->args[0].as<TupleNode>()) {
      if (IsOpCall(call, "relax.call_tir") || IsOpCall(call, "relax.call_dps_packed")) {
        return tuple->fields;
      }
    }
  }
  return call->args;
}

bool IsOpCall(const Call& call, const std::string& op_name) {
  const auto* op = call->op.as<ir::OpNode>();
  return op && op->name == op_name;
}

}  // namespace relax
}  // namespace tessel
