// CallTE: a Relax call legalized into a call_tir of a PrimFunc computed with te.
#include "tessel/relax/op/call_te.h"

#include <unordered_set>

#include "tessel/relax/analysis.h"
#include "tessel/relax/op/call.h"
#include "tessel/relax/op/op_common.h"
#include "tessel/tir/buffer.h"
#include "tessel/tir/functor.h"
#include "tessel/tir/op.h"
#include "tessel/tir/te/create_prim_func.h"
#include "tessel/tir/te/operation.h"

namespace tessel {
namespace relax {

namespace {

// The tir variables an expression uses, in first-use order.
class VarCollector : public tir::ExprVisitor {
 public:
  std::vector<tir::Var> vars;
  std::unordered_set<const Object*> seen;

  void VisitExpr_(const tir::VarNode* op) override {
    if (seen.insert(op).second) vars.push_back(tir::GetRef<tir::Var>(op));
  }
};

std::string ArgumentName(const Expr& arg, size_t i) {
  if (const auto* var = arg.as<VarNode>()) {
    if (!var->name_hint.empty()) return var->name_hint;
  }
  return StrCat("x", i);
}

StructInfo OutputStructInfo(const te::Tensor& t) {
  Array<PrimExpr> dims;
  for (const PrimExpr& dim : t->shape) {
    if (const auto* imm = dim.as<ir::IntImmNode>()) {
      dims = dims.Append(Int64(imm->value));
    } else {
      dims = dims.Append(dim.dtype() == DataType::Int(64) ? dim : tir::cast(DataType::Int(64), dim));
    }
  }
  return TensorStructInfo(dims, t->dtype);
}

// The kernel's arguments are described (for the argument checks of the runtime) by
// buffers whose every dimension is a constant or a variable: a dimension expression gets a
// variable of its own, which the runtime binds from the tensor it is given.
tir::PrimFunc WithParamShapes(const tir::PrimFunc& func) {
  bool has_expression = false;
  ir::Map<ir::String, ObjectRef> originals;
  for (const tir::Var& param : func->params) {
    if (!func->buffer_map.count(param)) continue;
    tir::Buffer buffer = func->buffer_map.at(param);
    Array<PrimExpr> shape;
    for (size_t i = 0; i < buffer->shape.size(); ++i) {
      PrimExpr dim = buffer->shape[i];
      if (!dim.as<tir::VarNode>() && !dim.as<ir::IntImmNode>()) {
        has_expression = true;
        dim = tir::Var(StrCat(param->name_hint, "_dim", i), dim.dtype());
      }
      shape = shape.Append(dim);
    }
    originals = originals.Set(ir::String(param->name_hint),
                              tir::Buffer(buffer->data, buffer->dtype, shape, Array<PrimExpr>(),
                                          PrimExpr(), buffer->name));
  }
  return has_expression ? func.WithAttr("tir.param_buffers", originals) : func;
}

}  // namespace

Expr CallTE(const BlockBuilder& bb, const std::string& name_hint, const Array<Expr>& args,
            const FTECompute& compute) {
  // The kernel shares the caller's symbolic variables: operators compute output shapes from
  // the call's struct info as well as from the placeholders, and both must agree.
  Array<Expr> tensor_args;
  Array<te::Tensor> inputs;
  VarCollector input_vars;
  std::unordered_set<std::string> names;  // kernel parameter names must be distinct
  for (size_t i = 0; i < args.size(); ++i) {
    const auto* sinfo = args[i]->struct_info_.as<TensorStructInfoNode>();
    if (!sinfo) continue;
    std::optional<Array<PrimExpr>> shape = KnownDims(args[i]->struct_info_);
    if (!shape || sinfo->dtype.is_void()) {
      throw InvalidArgumentError(StrCat("legalizing ", name_hint, ": argument ", ArgumentName(args[i], i),
                                        " has an unknown ", shape ? "dtype" : "shape"));
    }
    for (const PrimExpr& dim : *shape) input_vars(dim);
    std::string name = ArgumentName(args[i], i);
    if (!names.insert(name).second) name = StrCat(name, "_", i);
    names.insert(name);
    inputs = inputs.Append(te::placeholder(*shape, sinfo->dtype, name));
    tensor_args = tensor_args.Append(args[i]);
  }
  Array<te::Tensor> outputs = compute(inputs);
  if (outputs.empty()) throw InternalError(StrCat("legalizing ", name_hint, ": no outputs"));

  // A symbolic variable is bound when some tensor parameter has it as a whole dimension;
  // a variable used only inside dimension expressions (`n` of `n * 4`) is passed to the
  // kernel as a scalar (tir_vars).
  std::unordered_set<const Object*> bound;
  VarCollector expression_vars;
  std::vector<StructInfo> out_sinfo;
  Array<ObjectRef> prim_func_args;
  Array<te::Tensor> params = inputs;
  for (const te::Tensor& t : outputs) {
    params = params.Append(t);
    out_sinfo.push_back(OutputStructInfo(t));
  }
  for (const te::Tensor& t : params) {
    prim_func_args = prim_func_args.Append(t);
    for (const PrimExpr& dim : t->shape) {
      if (dim.as<tir::VarNode>()) {
        bound.insert(dim.get());
      } else {
        expression_vars(dim);
      }
    }
  }
  Array<PrimExpr> tir_vars;
  for (const tir::Var& var : expression_vars.vars) {
    if (bound.count(var.get())) continue;
    prim_func_args = prim_func_args.Append(var);
    tir_vars = tir_vars.Append(var);
  }
  tir::PrimFunc func = WithParamShapes(te::CreatePrimFunc(prim_func_args));
  ir::GlobalVar gv = bb->AddFunction(func, name_hint);
  StructInfo out = out_sinfo.size() == 1 ? out_sinfo[0] : TupleStructInfo(Array<StructInfo>(out_sinfo));
  return CallTIR(gv, tensor_args, out, tir_vars.empty() ? Expr() : ShapeExpr(tir_vars));
}

}  // namespace relax
}  // namespace tessel
