// Tensor manipulation operators: reshape, permute_dims, expand_dims, squeeze, flatten,
// concat, split, broadcast_to, repeat, tile, flip, tril and triu. Each infers its result's
// struct info (symbolic dimensions included) and legalizes to one te kernel that moves
// elements without arithmetic on them (fusion pattern kInjective, broadcast_to kBroadcast).
#include <algorithm>
#include <utility>

#include "manip_util.h"
#include "tessel/tir/te/operation.h"

namespace tessel {
namespace relax {
namespace {

using manip::ConstDim;
using manip::DimStr;
using manip::Fail;
using manip::Indices;
using manip::OneKernel;
using manip::ShapeStr;

// Axes normalized against ndim; a repeated axis is an error.
std::vector<int64_t> UniqueAxes(const Call& call, const std::vector<int64_t>& axes, int64_t ndim,
                                const char* attr) {
  std::vector<int64_t> out;
  for (int64_t axis : axes) {
    int64_t a = NormalizeAxis(call, axis, ndim);
    if (std::find(out.begin(), out.end(), a) != out.end()) {
      Fail(call, StrCat(attr, " repeats axis ", a));
    }
    out.push_back(a);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// reshape(x, shape): shape may hold one -1, inferred from the element count.

StructInfo InferReshape(const Call& call, const BlockBuilder& ctx) {
  CheckNumArgs(call, 2);
  TensorStructInfo x = GetTensorArg(call, 0);
  ShapeStructInfo shape = manip::GetShapeArg(call, 1);
  std::optional<Array<PrimExpr>> values = manip::KnownValues(shape);
  if (!values) {
    if (call->args[1].as<VarNode>()) return TensorStructInfo(call->args[1], x->dtype);
    return TensorStructInfo(x->dtype, shape->ndim);
  }
  std::vector<PrimExpr> dims;
  std::vector<PrimExpr> known;
  int64_t inferred = -1;
  for (size_t i = 0; i < values->size(); ++i) {
    PrimExpr dim = tir::cast(DataType::Int(64), (*values)[i]);
    std::optional<int64_t> value = ConstDim(dim);
    if (value && *value == -1) {
      if (inferred != -1) {
        Fail(call, StrCat("argument shape ", ShapeStr(*values), " has more than one -1"));
      }
      inferred = static_cast<int64_t>(i);
    } else if (value && *value < 0) {
      Fail(call, StrCat("argument shape ", ShapeStr(*values), ": dimension ", i, " is ", *value,
                        ", but must be non-negative or -1"));
    } else {
      known.push_back(dim);
    }
    dims.push_back(dim);
  }
  std::optional<Array<PrimExpr>> in_shape = KnownShape(x);
  if (!in_shape) {
    if (inferred != -1) return TensorStructInfo(x->dtype, static_cast<int64_t>(dims.size()));
    return TensorStructInfo(Array<PrimExpr>(dims), x->dtype);
  }
  PrimExpr total = manip::Product(*in_shape, ctx);
  PrimExpr rest = manip::Product(Array<PrimExpr>(known), ctx);
  auto mismatch = [&](const std::string& why) {
    Fail(call, StrCat("cannot reshape argument x of shape ", ShapeStr(*in_shape), " (", DimStr(total),
                      " elements) into shape ", ShapeStr(*values), why));
  };
  if (inferred != -1) {
    std::optional<int64_t> t = ConstDim(total), r = ConstDim(rest);
    if (t && r) {
      if (*r == 0 || *t % *r != 0) mismatch("");
      dims[inferred] = Int64(*t / *r);
    } else {
      dims[inferred] = ctx->GetAnalyzer()->Simplify(tir::floordiv(total, rest));
    }
  } else if (manip::ProvablyDifferent(total, rest, ctx)) {
    mismatch(StrCat(" (", DimStr(rest), " elements)"));
  }
  return TensorStructInfo(Array<PrimExpr>(dims), x->dtype);
}

Expr LegalizeReshape(const BlockBuilder& bb, const Call& call) {
  if (!manip::CanLegalize(call)) return call;
  Array<PrimExpr> out_shape = manip::ResultShape(call);
  return OneKernel(bb, call, "reshape", {call->args[0]}, [&](const auto& in, const auto& i) {
    return in[0](manip::Unravel(manip::Ravel(i, out_shape), in[0]->shape));
  });
}

TESSEL_RELAX_REGISTER_OP("relax.reshape")
    .describe("x with its elements (row-major order) in a new shape; one dimension may be -1.")
    .add_argument("x")
    .add_argument("shape")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferReshape)
    .set_attr<FLegalize>("FLegalize", LegalizeReshape)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kInjective)
    .set_attr<bool>("FPurity", true);

// ---------------------------------------------------------------------------------------
// permute_dims(x, axes=None): result dimension k is x's dimension axes[k] (default reversed).

std::vector<int64_t> Permutation(const Call& call, int64_t ndim) {
  std::optional<std::vector<int64_t>> axes = manip::GetOptionalIntArrayAttr(call, "axes");
  if (!axes) {
    std::vector<int64_t> reversed;
    for (int64_t i = ndim - 1; i >= 0; --i) reversed.push_back(i);
    return reversed;
  }
  if (static_cast<int64_t>(axes->size()) != ndim) {
    Fail(call, StrCat("axes has ", axes->size(), " entries, but argument x has rank ", ndim));
  }
  return UniqueAxes(call, *axes, ndim, "axes");
}

StructInfo InferPermuteDims(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 1);
  TensorStructInfo x = GetTensorArg(call, 0);
  int64_t ndim = x->ndim;
  if (ndim == -1) {
    if (!HasAttr(call, "axes")) return TensorStructInfo(x->dtype, -1);
    ndim = static_cast<int64_t>(GetIntArrayAttr(call, "axes").size());
  }
  std::vector<int64_t> perm = Permutation(call, ndim);
  std::optional<Array<PrimExpr>> shape = KnownShape(x);
  if (!shape) return TensorStructInfo(x->dtype, ndim);
  std::vector<PrimExpr> dims;
  for (int64_t axis : perm) dims.push_back((*shape)[axis]);
  return TensorStructInfo(Array<PrimExpr>(dims), x->dtype);
}

Expr LegalizePermuteDims(const BlockBuilder& bb, const Call& call) {
  if (!manip::CanLegalize(call)) return call;
  std::vector<int64_t> perm = Permutation(call, GetTensorArg(call, 0)->ndim);
  return OneKernel(bb, call, "permute_dims", {call->args[0]}, [&](const auto& in, const auto& i) {
    std::vector<PrimExpr> index(perm.size());
    for (size_t k = 0; k < perm.size(); ++k) index[perm[k]] = i[k];
    return in[0](Array<PrimExpr>(index));
  });
}

TESSEL_RELAX_REGISTER_OP("relax.permute_dims")
    .describe("x with its dimensions reordered: result dimension k is x's dimension axes[k].")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferPermuteDims)
    .set_attr<FLegalize>("FLegalize", LegalizePermuteDims)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kInjective)
    .set_attr<bool>("FPurity", true);

// ---------------------------------------------------------------------------------------
// expand_dims(x, axis): new dimensions of size 1 at the given positions of the result.

// For each result dimension, whether it is a new one.
std::vector<bool> InsertedAxes(const Call& call, int64_t ndim) {
  std::vector<int64_t> axes = GetIntArrayAttr(call, "axis");
  int64_t out_ndim = ndim + static_cast<int64_t>(axes.size());
  std::vector<bool> inserted(out_ndim, false);
  for (int64_t axis : UniqueAxes(call, axes, out_ndim, "axis")) inserted[axis] = true;
  return inserted;
}

StructInfo InferExpandDims(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 1);
  TensorStructInfo x = GetTensorArg(call, 0);
  if (x->IsUnknownNdim()) return TensorStructInfo(x->dtype, -1);
  std::vector<bool> inserted = InsertedAxes(call, x->ndim);
  std::optional<Array<PrimExpr>> shape = KnownShape(x);
  if (!shape) return TensorStructInfo(x->dtype, static_cast<int64_t>(inserted.size()));
  std::vector<PrimExpr> dims;
  size_t next = 0;
  for (bool is_new : inserted) dims.push_back(is_new ? Int64(1) : (*shape)[next++]);
  return TensorStructInfo(Array<PrimExpr>(dims), x->dtype);
}

Expr LegalizeExpandDims(const BlockBuilder& bb, const Call& call) {
  if (!manip::CanLegalize(call)) return call;
  std::vector<bool> inserted = InsertedAxes(call, GetTensorArg(call, 0)->ndim);
  return OneKernel(bb, call, "expand_dims", {call->args[0]}, [&](const auto& in, const auto& i) {
    std::vector<PrimExpr> index;
    for (size_t k = 0; k < inserted.size(); ++k) {
      if (!inserted[k]) index.push_back(i[k]);
    }
    return in[0](Array<PrimExpr>(index));
  });
}

TESSEL_RELAX_REGISTER_OP("relax.expand_dims")
    .describe("x with new dimensions of size 1 inserted at the given axes of the result.")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferExpandDims)
    .set_attr<FLegalize>("FLegalize", LegalizeExpandDims)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kInjective)
    .set_attr<bool>("FPurity", true);

// ---------------------------------------------------------------------------------------
// squeeze(x, axis=None): drops dimensions of size 1 (the given ones, or all of them).

// For each dimension of x, whether it is dropped; nullopt when that is not known statically
// (axis=None and a symbolic dimension, which may or may not be 1 at run time).
std::optional<std::vector<bool>> SqueezedAxes(const Call& call, const TensorStructInfo& x,
                                              const std::optional<Array<PrimExpr>>& shape) {
  std::vector<bool> dropped(x->ndim, false);
  std::optional<std::vector<int64_t>> axes = manip::GetOptionalIntArrayAttr(call, "axis");
  if (!axes) {
    if (!shape) return std::nullopt;
    for (int64_t k = 0; k < x->ndim; ++k) {
      std::optional<int64_t> dim = ConstDim((*shape)[k]);
      if (!dim) return std::nullopt;
      dropped[k] = *dim == 1;
    }
    return dropped;
  }
  for (int64_t axis : UniqueAxes(call, *axes, x->ndim, "axis")) {
    std::optional<int64_t> dim = shape ? ConstDim((*shape)[axis]) : std::nullopt;
    if (dim && *dim != 1) {
      Fail(call, StrCat("cannot squeeze axis ", axis, " of argument x: its size is ", *dim, ", not 1"));
    }
    dropped[axis] = true;
  }
  return dropped;
}

StructInfo InferSqueeze(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 1);
  TensorStructInfo x = GetTensorArg(call, 0);
  if (x->IsUnknownNdim()) return TensorStructInfo(x->dtype, -1);
  std::optional<Array<PrimExpr>> shape = KnownShape(x);
  std::optional<std::vector<bool>> dropped = SqueezedAxes(call, x, shape);
  if (!dropped) return TensorStructInfo(x->dtype, -1);
  int64_t kept = std::count(dropped->begin(), dropped->end(), false);
  if (!shape) return TensorStructInfo(x->dtype, kept);
  std::vector<PrimExpr> dims;
  for (int64_t k = 0; k < x->ndim; ++k) {
    if (!(*dropped)[k]) dims.push_back((*shape)[k]);
  }
  return TensorStructInfo(Array<PrimExpr>(dims), x->dtype);
}

Expr LegalizeSqueeze(const BlockBuilder& bb, const Call& call) {
  if (!manip::CanLegalize(call)) return call;
  TensorStructInfo x = GetTensorArg(call, 0);
  std::vector<bool> dropped = *SqueezedAxes(call, x, KnownShape(x));
  return OneKernel(bb, call, "squeeze", {call->args[0]}, [&](const auto& in, const auto& i) {
    std::vector<PrimExpr> index;
    size_t next = 0;
    for (bool is_dropped : dropped) index.push_back(is_dropped ? Int64(0) : i[next++]);
    return in[0](Array<PrimExpr>(index));
  });
}

TESSEL_RELAX_REGISTER_OP("relax.squeeze")
    .describe("x without the given dimensions of size 1 (all of them when axis is None).")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferSqueeze)
    .set_attr<FLegalize>("FLegalize", LegalizeSqueeze)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kInjective)
    .set_attr<bool>("FPurity", true);

// ---------------------------------------------------------------------------------------
// flatten(x): the elements of x as a 1-D tensor (a scalar becomes one element).

StructInfo InferFlatten(const Call& call, const BlockBuilder& ctx) {
  CheckNumArgs(call, 1);
  TensorStructInfo x = GetTensorArg(call, 0);
  std::optional<Array<PrimExpr>> shape = KnownShape(x);
  if (!shape) return TensorStructInfo(x->dtype, 1);
  return TensorStructInfo(Array<PrimExpr>{manip::Product(*shape, ctx)}, x->dtype);
}

Expr LegalizeFlatten(const BlockBuilder& bb, const Call& call) {
  if (!manip::CanLegalize(call)) return call;
  return OneKernel(bb, call, "flatten", {call->args[0]}, [&](const auto& in, const auto& i) {
    return in[0](manip::Unravel(i[0], in[0]->shape));
  });
}

TESSEL_RELAX_REGISTER_OP("relax.flatten")
    .describe("The elements of x, in row-major order, as a 1-D tensor.")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferFlatten)
    .set_attr<FLegalize>("FLegalize", LegalizeFlatten)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kInjective)
    .set_attr<bool>("FPurity", true);

// ---------------------------------------------------------------------------------------
// concat(tensors, axis=0): the tensors of a tuple joined along axis.

// The tensors of the tuple argument, each checked to be a tensor.
std::vector<TensorStructInfo> ConcatFields(const Call& call) {
  StructInfo sinfo = GetStructInfo(call->args[0]);
  const auto* tuple = sinfo.as<TupleStructInfoNode>();
  if (!tuple) {
    Fail(call, StrCat("argument tensors must be a Tuple of tensors, found ", manip::KindName(sinfo)));
  }
  if (tuple->fields.empty()) Fail(call, "argument tensors is an empty tuple");
  std::vector<TensorStructInfo> fields;
  for (size_t i = 0; i < tuple->fields.size(); ++i) {
    const auto* field = tuple->fields[i].as<TensorStructInfoNode>();
    if (!field) {
      Fail(call, StrCat("field ", i, " of argument tensors must be a Tensor, found ",
                        manip::KindName(tuple->fields[i])));
    }
    fields.push_back(GetRef<TensorStructInfo>(field));
  }
  return fields;
}

StructInfo InferConcat(const Call& call, const BlockBuilder& ctx) {
  CheckNumArgs(call, 1);
  std::vector<TensorStructInfo> fields = ConcatFields(call);
  DataType dtype;
  int64_t ndim = -1;
  size_t dtype_from = 0, ndim_from = 0;
  for (size_t i = 0; i < fields.size(); ++i) {
    const TensorStructInfo& f = fields[i];
    if (!f->IsUnknownDtype()) {
      if (!dtype.is_void() && f->dtype != dtype) {
        Fail(call, StrCat("field ", i, " of argument tensors has dtype ", f->dtype.ToString(),
                          ", but field ", dtype_from, " has ", dtype.ToString()));
      }
      if (dtype.is_void()) dtype = f->dtype, dtype_from = i;
    }
    if (!f->IsUnknownNdim()) {
      if (ndim != -1 && f->ndim != ndim) {
        Fail(call, StrCat("field ", i, " of argument tensors has rank ", f->ndim, ", but field ",
                          ndim_from, " has rank ", ndim));
      }
      if (ndim == -1) ndim = f->ndim, ndim_from = i;
    }
  }
  if (ndim == -1) return TensorStructInfo(dtype, -1);
  int64_t axis = NormalizeAxis(call, GetIntAttr(call, "axis"), ndim);
  std::vector<Array<PrimExpr>> shapes;
  for (const TensorStructInfo& f : fields) {
    std::optional<Array<PrimExpr>> shape = KnownShape(f);
    if (!shape) return TensorStructInfo(dtype, ndim);
    shapes.push_back(*shape);
  }
  std::vector<PrimExpr> dims = manip::Vec(shapes[0]);
  PrimExpr total = Int64(0);
  for (size_t i = 0; i < shapes.size(); ++i) {
    for (int64_t k = 0; k < ndim; ++k) {
      if (k != axis && manip::ProvablyDifferent(shapes[i][k], dims[k], ctx)) {
        Fail(call, StrCat("field ", i, " of argument tensors: dimension ", k, " is ",
                          DimStr(shapes[i][k]), ", but field 0 dimension ", k, " is ", DimStr(dims[k]),
                          " (only axis ", axis, " may differ)"));
      }
    }
    total = total + tir::cast(DataType::Int(64), shapes[i][axis]);
  }
  dims[axis] = ctx->GetAnalyzer()->Simplify(total);
  return TensorStructInfo(Array<PrimExpr>(dims), dtype);
}

Expr LegalizeConcat(const BlockBuilder& bb, const Call& call) {
  if (!manip::CanLegalize(call)) return call;
  Array<PrimExpr> out_shape = manip::ResultShape(call);
  int64_t axis = NormalizeAxis(call, GetIntAttr(call, "axis"), static_cast<int64_t>(out_shape.size()));
  Array<Expr> fields = manip::TupleFields(bb, call->args[0]);
  return OneKernel(bb, call, "concat", fields, [&](const auto& in, const auto& i) {
    // Select evaluates both branches, so each field's index is clamped into its own bounds.
    std::vector<PrimExpr> conds, values;
    PrimExpr offset = Int64(0);
    for (const te::Tensor& t : in) {
      PrimExpr dim = t->shape[axis];
      if (ConstDim(dim) == 0) continue;
      values.push_back(t(i.Set(axis, manip::Clamp(i[axis] - offset, Int64(0), dim - 1))));
      offset = offset + dim;
      conds.push_back(i[axis] < offset);
    }
    if (values.empty()) return tir::make_zero(in[0]->dtype);  // an empty result
    PrimExpr result = values.back();
    for (size_t k = values.size() - 1; k-- > 0;) result = tir::Select(conds[k], values[k], result);
    return result;
  });
}

TESSEL_RELAX_REGISTER_OP("relax.concat")
    .describe("The tensors of a tuple joined along axis; other dimensions must agree.")
    .add_argument("tensors")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferConcat)
    .set_attr<FLegalize>("FLegalize", LegalizeConcat)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kInjective)
    .set_attr<bool>("FPurity", true);

// ---------------------------------------------------------------------------------------
// split(x, indices_or_sections, axis=0): a tuple of pieces of x along axis, either
// `sections` equal pieces or the pieces between the given (non-decreasing) indices.

// The [begin, end) of each piece along an axis of size dim. Indices beyond a constant dim
// are clamped (empty pieces, like numpy); for a symbolic dim they are taken to be within it,
// and equal sections are taken to divide it (neither is checked at run time).
std::vector<std::pair<PrimExpr, PrimExpr>> SplitBounds(const Call& call, int64_t axis,
                                                       const PrimExpr& dim, const BlockBuilder& ctx) {
  ir::ObjectRef attr = call->attrs.Get("indices_or_sections");
  std::vector<std::pair<PrimExpr, PrimExpr>> bounds;
  std::optional<int64_t> size = ConstDim(dim);
  if (const auto* sections = attr.as<ir::IntImmNode>()) {
    int64_t n = sections->value;
    if (size && *size % n != 0) {
      Fail(call, StrCat("cannot split axis ", axis, " of argument x (size ", *size, ") into ", n,
                        " equal sections"));
    }
    PrimExpr piece = ctx->GetAnalyzer()->Simplify(
        tir::floordiv(tir::cast(DataType::Int(64), dim), Int64(n)));
    for (int64_t k = 0; k < n; ++k) {
      bounds.emplace_back(ctx->GetAnalyzer()->Simplify(piece * Int64(k)),
                          ctx->GetAnalyzer()->Simplify(piece * Int64(k + 1)));
    }
    return bounds;
  }
  std::vector<int64_t> indices = GetIntArrayAttr(call, "indices_or_sections");
  PrimExpr begin = Int64(0);
  for (size_t k = 0; k <= indices.size(); ++k) {
    PrimExpr end = tir::cast(DataType::Int(64), dim);
    if (k < indices.size()) {
      int64_t index = size ? std::min(indices[k], *size) : indices[k];
      end = Int64(index);
    } else if (size) {
      end = Int64(*size);
    }
    bounds.emplace_back(begin, end);
    begin = end;
  }
  return bounds;
}

// Checks the split attribute itself (independent of shapes).
void CheckSplitAttr(const Call& call) {
  ir::ObjectRef attr = call->attrs.Get("indices_or_sections");
  if (!attr.defined()) Fail(call, "attribute indices_or_sections is missing");
  if (const auto* sections = attr.as<ir::IntImmNode>()) {
    if (sections->value <= 0) {
      Fail(call, StrCat("indices_or_sections is ", sections->value, " sections, but must be positive"));
    }
    return;
  }
  std::vector<int64_t> indices = GetIntArrayAttr(call, "indices_or_sections");
  for (size_t k = 0; k < indices.size(); ++k) {
    if (indices[k] < 0 || (k > 0 && indices[k] < indices[k - 1])) {
      Fail(call, StrCat("indices_or_sections must be non-negative and non-decreasing, but index ", k,
                        " is ", indices[k]));
    }
  }
}

StructInfo InferSplit(const Call& call, const BlockBuilder& ctx) {
  CheckNumArgs(call, 1);
  TensorStructInfo x = GetTensorArg(call, 0);
  CheckSplitAttr(call);
  ir::ObjectRef attr = call->attrs.Get("indices_or_sections");
  size_t pieces = attr.as<ir::IntImmNode>()
                      ? static_cast<size_t>(attr.as<ir::IntImmNode>()->value)
                      : GetIntArrayAttr(call, "indices_or_sections").size() + 1;
  std::vector<StructInfo> fields;
  std::optional<Array<PrimExpr>> shape = KnownShape(x);
  if (x->IsUnknownNdim() || !shape) {
    if (!x->IsUnknownNdim()) NormalizeAxis(call, GetIntAttr(call, "axis"), x->ndim);
    for (size_t k = 0; k < pieces; ++k) fields.push_back(TensorStructInfo(x->dtype, x->ndim));
    return TupleStructInfo(Array<StructInfo>(fields));
  }
  int64_t axis = NormalizeAxis(call, GetIntAttr(call, "axis"), x->ndim);
  for (const auto& [begin, end] : SplitBounds(call, axis, (*shape)[axis], ctx)) {
    PrimExpr size = ctx->GetAnalyzer()->Simplify(end - begin);
    fields.push_back(TensorStructInfo(shape->Set(axis, size), x->dtype));
  }
  return TupleStructInfo(Array<StructInfo>(fields));
}

Expr LegalizeSplit(const BlockBuilder& bb, const Call& call) {
  if (!manip::CanLegalize(call)) return call;
  TensorStructInfo x = GetTensorArg(call, 0);
  Array<PrimExpr> shape = *KnownShape(x);
  int64_t axis = NormalizeAxis(call, GetIntAttr(call, "axis"), x->ndim);
  auto bounds = SplitBounds(call, axis, shape[axis], bb);
  const auto* out = GetStructInfo(call).as<TupleStructInfoNode>();
  return CallTE(bb, "split", {call->args[0]}, [&](const Array<te::Tensor>& in) {
    std::vector<te::Tensor> pieces;
    for (size_t k = 0; k < bounds.size(); ++k) {
      Array<PrimExpr> piece_shape = *KnownShape(ir::Downcast<TensorStructInfo>(out->fields[k]));
      PrimExpr begin = bounds[k].first;
      pieces.push_back(te::compute(
          piece_shape,
          [&](const Array<tir::Var>& i) {
            Array<PrimExpr> index = Indices(i);
            return in[0](index.Set(axis, index[axis] + begin));
          },
          StrCat("T_split_", k)));
    }
    return Array<te::Tensor>(pieces);
  });
}

TESSEL_RELAX_REGISTER_OP("relax.split")
    .describe("A tuple of the pieces of x along axis: equal sections, or between given indices.")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferSplit)
    .set_attr<FLegalize>("FLegalize", LegalizeSplit)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kInjective)
    .set_attr<bool>("FPurity", true);

// ---------------------------------------------------------------------------------------
// broadcast_to(x, shape): x repeated along its dimensions of size 1 (numpy rules, aligned
// from the right) and along new leading dimensions.

StructInfo InferBroadcastTo(const Call& call, const BlockBuilder& ctx) {
  CheckNumArgs(call, 2);
  TensorStructInfo x = GetTensorArg(call, 0);
  ShapeStructInfo target = manip::GetShapeArg(call, 1);
  if (!x->IsUnknownNdim() && target->ndim != -1 && target->ndim < x->ndim) {
    Fail(call, StrCat("argument shape has rank ", target->ndim, ", below the rank ", x->ndim,
                      " of argument x"));
  }
  std::optional<Array<PrimExpr>> values = manip::KnownValues(target);
  if (!values) {
    if (call->args[1].as<VarNode>()) return TensorStructInfo(call->args[1], x->dtype);
    return TensorStructInfo(x->dtype, target->ndim);
  }
  std::vector<PrimExpr> dims;
  for (const PrimExpr& dim : *values) dims.push_back(tir::cast(DataType::Int(64), dim));
  if (std::optional<Array<PrimExpr>> shape = KnownShape(x)) {
    size_t offset = dims.size() - shape->size();
    for (size_t k = 0; k < shape->size(); ++k) {
      PrimExpr from = (*shape)[k];
      if (ConstDim(from) != 1 && manip::ProvablyDifferent(from, dims[offset + k], ctx)) {
        Fail(call, StrCat("argument x: dimension ", k, " is ", DimStr(from), ", but shape dimension ",
                          offset + k, " is ", DimStr(dims[offset + k]), " (it must be 1 or equal)"));
      }
    }
  }
  return TensorStructInfo(Array<PrimExpr>(dims), x->dtype);
}

Expr LegalizeBroadcastTo(const BlockBuilder& bb, const Call& call) {
  if (!manip::CanLegalize(call)) return call;
  return OneKernel(bb, call, "broadcast_to", {call->args[0]}, [&](const auto& in, const auto& i) {
    const te::Tensor& x = in[0];
    size_t offset = i.size() - x.ndim();
    std::vector<PrimExpr> index;
    for (size_t k = 0; k < x.ndim(); ++k) {
      index.push_back(ConstDim(x->shape[k]) == 1 ? Int64(0) : i[offset + k]);
    }
    return x(Array<PrimExpr>(index));
  });
}

TESSEL_RELAX_REGISTER_OP("relax.broadcast_to")
    .describe("x broadcast to shape (numpy rules).")
    .add_argument("x")
    .add_argument("shape")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferBroadcastTo)
    .set_attr<FLegalize>("FLegalize", LegalizeBroadcastTo)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kBroadcast)
    .set_attr<bool>("FPurity", true);

// ---------------------------------------------------------------------------------------
// repeat(x, repeats, axis=None): each element repeated `repeats` times along axis (of the
// flattened x when axis is None), like numpy.repeat with one count.

int64_t GetRepeats(const Call& call) {
  int64_t repeats = GetIntAttr(call, "repeats");
  if (repeats < 0) Fail(call, StrCat("repeats is ", repeats, ", but must be non-negative"));
  return repeats;
}

StructInfo InferRepeat(const Call& call, const BlockBuilder& ctx) {
  CheckNumArgs(call, 1);
  TensorStructInfo x = GetTensorArg(call, 0);
  PrimExpr repeats = Int64(GetRepeats(call));
  std::optional<int64_t> axis = GetOptionalIntAttr(call, "axis");
  std::optional<Array<PrimExpr>> shape = KnownShape(x);
  if (!axis) {
    if (!shape) return TensorStructInfo(x->dtype, 1);
    PrimExpr size = ctx->GetAnalyzer()->Simplify(manip::Product(*shape, ctx) * repeats);
    return TensorStructInfo(Array<PrimExpr>{size}, x->dtype);
  }
  if (x->IsUnknownNdim()) return TensorStructInfo(x->dtype, -1);
  int64_t a = NormalizeAxis(call, *axis, x->ndim);
  if (!shape) return TensorStructInfo(x->dtype, x->ndim);
  PrimExpr dim = ctx->GetAnalyzer()->Simplify(tir::cast(DataType::Int(64), (*shape)[a]) * repeats);
  return TensorStructInfo(shape->Set(a, dim), x->dtype);
}

Expr LegalizeRepeat(const BlockBuilder& bb, const Call& call) {
  if (!manip::CanLegalize(call)) return call;
  TensorStructInfo x = GetTensorArg(call, 0);
  // With zero repeats the result is empty and no element is read; avoid a division by 0.
  PrimExpr repeats = Int64(std::max<int64_t>(GetRepeats(call), 1));
  std::optional<int64_t> axis = GetOptionalIntAttr(call, "axis");
  int64_t a = axis ? NormalizeAxis(call, *axis, x->ndim) : 0;
  return OneKernel(bb, call, "repeat", {call->args[0]}, [&](const auto& in, const auto& i) {
    if (!axis) return in[0](manip::Unravel(tir::floordiv(i[0], repeats), in[0]->shape));
    return in[0](i.Set(a, tir::floordiv(i[a], repeats)));
  });
}

TESSEL_RELAX_REGISTER_OP("relax.repeat")
    .describe("Each element of x repeated along axis (of the flattened x when axis is None).")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferRepeat)
    .set_attr<FLegalize>("FLegalize", LegalizeRepeat)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kInjective)
    .set_attr<bool>("FPurity", true);

// ---------------------------------------------------------------------------------------
// tile(x, repeats): x repeated repeats[k] times along each dimension; like numpy.tile, the
// shorter of x's shape and repeats is padded with leading 1s.

std::vector<int64_t> GetTileRepeats(const Call& call) {
  std::vector<int64_t> repeats = GetIntArrayAttr(call, "repeats");
  for (size_t k = 0; k < repeats.size(); ++k) {
    if (repeats[k] < 0) {
      Fail(call, StrCat("repeats[", k, "] is ", repeats[k], ", but must be non-negative"));
    }
  }
  return repeats;
}

StructInfo InferTile(const Call& call, const BlockBuilder& ctx) {
  CheckNumArgs(call, 1);
  TensorStructInfo x = GetTensorArg(call, 0);
  std::vector<int64_t> repeats = GetTileRepeats(call);
  if (x->IsUnknownNdim()) return TensorStructInfo(x->dtype, -1);
  int64_t ndim = std::max<int64_t>(x->ndim, static_cast<int64_t>(repeats.size()));
  std::optional<Array<PrimExpr>> shape = KnownShape(x);
  if (!shape) return TensorStructInfo(x->dtype, ndim);
  std::vector<PrimExpr> dims;
  for (int64_t k = 0; k < ndim; ++k) {
    int64_t xk = k - (ndim - x->ndim), rk = k - (ndim - static_cast<int64_t>(repeats.size()));
    PrimExpr dim = xk >= 0 ? tir::cast(DataType::Int(64), (*shape)[xk]) : Int64(1);
    dims.push_back(ctx->GetAnalyzer()->Simplify(dim * Int64(rk >= 0 ? repeats[rk] : 1)));
  }
  return TensorStructInfo(Array<PrimExpr>(dims), x->dtype);
}

Expr LegalizeTile(const BlockBuilder& bb, const Call& call) {
  if (!manip::CanLegalize(call)) return call;
  return OneKernel(bb, call, "tile", {call->args[0]}, [&](const auto& in, const auto& i) {
    const te::Tensor& x = in[0];
    size_t offset = i.size() - x.ndim();
    std::vector<PrimExpr> index;
    for (size_t k = 0; k < x.ndim(); ++k) {
      std::optional<int64_t> dim = ConstDim(x->shape[k]);
      // A dimension of size 0 makes the result empty: nothing is read.
      bool single = dim && *dim <= 1;
      index.push_back(single ? Int64(0) : tir::floormod(i[offset + k], x->shape[k]));
    }
    return x(Array<PrimExpr>(index));
  });
}

TESSEL_RELAX_REGISTER_OP("relax.tile")
    .describe("x repeated repeats[k] times along each dimension (numpy.tile).")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferTile)
    .set_attr<FLegalize>("FLegalize", LegalizeTile)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kInjective)
    .set_attr<bool>("FPurity", true);

// ---------------------------------------------------------------------------------------
// flip(x, axis): x with the order of its elements along axis reversed.

StructInfo InferFlip(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 1);
  TensorStructInfo x = GetTensorArg(call, 0);
  int64_t axis = GetIntAttr(call, "axis");
  if (!x->IsUnknownNdim()) NormalizeAxis(call, axis, x->ndim);
  return x;
}

Expr LegalizeFlip(const BlockBuilder& bb, const Call& call) {
  if (!manip::CanLegalize(call)) return call;
  int64_t axis = NormalizeAxis(call, GetIntAttr(call, "axis"), GetTensorArg(call, 0)->ndim);
  return OneKernel(bb, call, "flip", {call->args[0]}, [&](const auto& in, const auto& i) {
    return in[0](i.Set(axis, in[0]->shape[axis] - 1 - i[axis]));
  });
}

TESSEL_RELAX_REGISTER_OP("relax.flip")
    .describe("x reversed along axis.")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferFlip)
    .set_attr<FLegalize>("FLegalize", LegalizeFlip)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kInjective)
    .set_attr<bool>("FPurity", true);

// ---------------------------------------------------------------------------------------
// tril(x, k=0) / triu(x, k=0): the lower / upper triangle of the last two dimensions
// (element [.., i, j] kept when j - i <= k / j - i >= k), zeros elsewhere.

StructInfo InferTriangle(const Call& call, const BlockBuilder&) {
  CheckNumArgs(call, 1);
  TensorStructInfo x = GetTensorArg(call, 0);
  GetIntAttr(call, "k");
  if (!x->IsUnknownNdim() && x->ndim < 2) {
    Fail(call, StrCat("argument x has rank ", x->ndim, ", but must have at least 2 dimensions"));
  }
  return x;
}

Expr LegalizeTriangle(const BlockBuilder& bb, const Call& call, bool lower) {
  if (!manip::CanLegalize(call)) return call;
  int64_t k = GetIntAttr(call, "k");
  const char* name = lower ? "tril" : "triu";
  return OneKernel(bb, call, name, {call->args[0]}, [&](const auto& in, const auto& i) {
    PrimExpr diagonal = i[i.size() - 1] - i[i.size() - 2];
    PrimExpr keep = lower ? diagonal <= Int64(k) : diagonal >= Int64(k);
    return tir::Select(keep, in[0](i), tir::make_zero(in[0]->dtype));
  });
}

Expr LegalizeTril(const BlockBuilder& bb, const Call& call) {
  return LegalizeTriangle(bb, call, true);
}

Expr LegalizeTriu(const BlockBuilder& bb, const Call& call) {
  return LegalizeTriangle(bb, call, false);
}

TESSEL_RELAX_REGISTER_OP("relax.tril")
    .describe("The lower triangle of the last two dimensions of x (diagonal k and below).")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferTriangle)
    .set_attr<FLegalize>("FLegalize", LegalizeTril)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kInjective)
    .set_attr<bool>("FPurity", true);

TESSEL_RELAX_REGISTER_OP("relax.triu")
    .describe("The upper triangle of the last two dimensions of x (diagonal k and above).")
    .add_argument("x")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferTriangle)
    .set_attr<FLegalize>("FLegalize", LegalizeTriu)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kInjective)
    .set_attr<bool>("FPurity", true);

}  // namespace
}  // namespace relax
}  // namespace tessel
