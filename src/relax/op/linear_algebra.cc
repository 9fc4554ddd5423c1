// relax.matmul: numpy's matmul (1-D operands promoted, batch dimensions broadcast,
// symbolic dimensions kept), with an optional output dtype.
#include <algorithm>

#include "dim_checks.h"
#include "tessel/relax/op/call_te.h"
#include "tessel/relax/op/op_common.h"
#include "tessel/tir/op.h"
#include "tessel/tir/te/reduction.h"

namespace tessel {
namespace relax {

namespace {

// The out_dtype attribute when given (the operands may then differ), else the operands'
// common dtype.
DataType MatmulDtype(const Call& call) {
  DataType out = GetDTypeAttr(call, "out_dtype");
  return out.is_void() ? SameDtype(call, 0, 1) : out;
}

// The positions of the contracted dimensions: x1's last, x2's second to last (its only
// one when it is 1-D).
size_t ContractedA(size_t ndim_a) { return ndim_a - 1; }
size_t ContractedB(size_t ndim_b) { return ndim_b == 1 ? 0 : ndim_b - 2; }

// The batch dimensions of an operand: all but its last two (none for 1-D and 2-D).
Array<PrimExpr> BatchDims(const Array<PrimExpr>& shape) {
  std::vector<PrimExpr> dims;
  for (size_t i = 0; i + 2 < shape.size(); ++i) dims.push_back(shape[i]);
  return Array<PrimExpr>(dims);
}

int64_t MatmulNdim(int64_t ndim_a, int64_t ndim_b) {
  int64_t batch = std::max<int64_t>({ndim_a - 2, ndim_b - 2, 0});
  return batch + (ndim_a >= 2 ? 1 : 0) + (ndim_b >= 2 ? 1 : 0);
}

StructInfo InferMatmul(const Call& call, const BlockBuilder& ctx) {
  CheckNumArgs(call, 2);
  TensorStructInfo a = GetTensorArg(call, 0), b = GetTensorArg(call, 1);
  DataType dtype = MatmulDtype(call);
  for (size_t i = 0; i < 2; ++i) {
    if ((i == 0 ? a : b)->ndim == 0) {
      throw TypeInferenceError(StrCat("relax.matmul: argument ", ArgName(call, i),
                                      " has 0 dimensions, but at least 1 is expected"));
    }
  }
  if (a->IsUnknownNdim() || b->IsUnknownNdim()) return TensorStructInfo(dtype, -1);
  int64_t ndim = MatmulNdim(a->ndim, b->ndim);
  auto sa = KnownShape(a), sb = KnownShape(b);
  if (!sa || !sb) return TensorStructInfo(dtype, ndim);
  size_t ka = ContractedA(sa->size()), kb = ContractedB(sb->size());
  CheckSameDim(call, ctx->GetAnalyzer(), "x2", kb, (*sb)[kb], StrCat("x1 dimension ", ka),
               (*sa)[ka]);
  auto batch = BroadcastShapes(call, BatchDims(*sa), BatchDims(*sb), ctx);
  if (!batch) return TensorStructInfo(dtype, ndim);
  std::vector<PrimExpr> shape;
  for (const PrimExpr& dim : *batch) shape.push_back(dim);
  if (sa->size() >= 2) shape.push_back((*sa)[sa->size() - 2]);
  if (sb->size() >= 2) shape.push_back(sb->back());
  return TensorStructInfo(Array<PrimExpr>(shape), dtype);
}

bool IsOne(const PrimExpr& dim) { return tir::is_const_number(dim, 1); }

// The extent of a dimension two operands share (legalization checked that they are equal): the
// constant one when there is one, which makes simpler loops.
PrimExpr SharedDim(const PrimExpr& a, const PrimExpr& b) {
  if (a.as<ir::IntImmNode>() != nullptr || b.as<ir::IntImmNode>() == nullptr) return a;
  return b;
}

// The index of an operand's batch dimensions for the output index: aligned to the right,
// and 0 where the operand's dimension is 1 (broadcast).
void PushBatchIndex(const Array<PrimExpr>& batch, const Array<tir::Var>& out, size_t out_batch,
                    std::vector<PrimExpr>* index) {
  size_t offset = out_batch - batch.size();
  for (size_t j = 0; j < batch.size(); ++j) {
    index->push_back(IsOne(batch[j]) ? tir::make_zero(out[offset + j].dtype())
                                     : PrimExpr(out[offset + j]));
  }
}

te::Tensor MatmulTE(const te::Tensor& a, const te::Tensor& b, DataType dtype) {
  const Array<PrimExpr>& sa = a->shape;
  const Array<PrimExpr>& sb = b->shape;
  Array<PrimExpr> batch_a = BatchDims(sa), batch_b = BatchDims(sb);
  size_t out_batch = std::max(batch_a.size(), batch_b.size());
  std::vector<PrimExpr> shape;
  for (size_t j = 0; j < out_batch; ++j) {
    // Right-aligned: a missing dimension counts as 1.
    int64_t ja = static_cast<int64_t>(j) - static_cast<int64_t>(out_batch - batch_a.size());
    int64_t jb = static_cast<int64_t>(j) - static_cast<int64_t>(out_batch - batch_b.size());
    if (ja < 0 || (jb >= 0 && IsOne(batch_a[ja]))) {
      shape.push_back(batch_b[jb]);
    } else if (jb < 0 || IsOne(batch_b[jb])) {
      shape.push_back(batch_a[ja]);
    } else {
      shape.push_back(SharedDim(batch_a[ja], batch_b[jb]));
    }
  }
  if (sa.size() >= 2) shape.push_back(sa[sa.size() - 2]);
  if (sb.size() >= 2) shape.push_back(sb.back());
  PrimExpr extent = SharedDim(sa[ContractedA(sa.size())], sb[ContractedB(sb.size())]);
  te::IterVar k = te::reduce_axis(ir::Range(tir::make_zero(extent.dtype()), extent), "k");
  auto fcompute = [&](const Array<tir::Var>& out) {
    std::vector<PrimExpr> ia, ib;
    PushBatchIndex(batch_a, out, out_batch, &ia);
    if (sa.size() >= 2) ia.push_back(out[out_batch]);
    ia.push_back(k->var);
    PushBatchIndex(batch_b, out, out_batch, &ib);
    ib.push_back(k->var);
    if (sb.size() >= 2) ib.push_back(out[out.size() - 1]);
    PrimExpr lhs = tir::cast(dtype, a(Array<PrimExpr>(ia)));
    PrimExpr rhs = tir::cast(dtype, b(Array<PrimExpr>(ib)));
    return te::sum(lhs * rhs, {k});
  };
  return te::compute(Array<PrimExpr>(shape), fcompute, "matmul");
}

Expr LegalizeMatmul(const BlockBuilder& bb, const Call& call) {
  if (!TensorArgsKnown(call)) return call;
  Array<PrimExpr> sa = *KnownShape(GetTensorArg(call, 0)), sb = *KnownShape(GetTensorArg(call, 1));
  tir::arith::Analyzer* analyzer = bb->GetAnalyzer();
  size_t ka = ContractedA(sa.size()), kb = ContractedB(sb.size());
  auto check = [&](size_t i, const PrimExpr& a, size_t j, const PrimExpr& b) {
    CheckLegalizableDims(call, analyzer, StrCat("x1 dimension ", i), a, StrCat("x2 dimension ", j),
                         b);
  };
  check(ka, sa[ka], kb, sb[kb]);
  Array<PrimExpr> batch_a = BatchDims(sa), batch_b = BatchDims(sb);
  for (size_t k = 1; k <= std::min(batch_a.size(), batch_b.size()); ++k) {
    PrimExpr da = batch_a[batch_a.size() - k], db = batch_b[batch_b.size() - k];
    if (!IsOne(da) && !IsOne(db)) {
      check(batch_a.size() - k, da, batch_b.size() - k, db);
    }
  }
  DataType dtype = MatmulDtype(call);
  return CallTE(bb, "matmul", call->args, [dtype](const Array<te::Tensor>& in) {
    return Array<te::Tensor>{MatmulTE(in[0], in[1], dtype)};
  });
}

}  // namespace

TESSEL_RELAX_REGISTER_OP("relax.matmul")
    .describe("Matrix product with numpy semantics: 1-D operands are promoted to matrices "
              "(and the added dimension removed), batch dimensions broadcast.")
    .add_argument("x1")
    .add_argument("x2")
    .set_attr<FInferStructInfo>("FInferStructInfo", InferMatmul)
    .set_attr<FLegalize>("FLegalize", LegalizeMatmul)
    .set_attr<OpPatternKind>("TOpPattern", OpPatternKind::kOutEWiseFusable)
    .set_attr<bool>("FPurity", true);

}  // namespace relax
}  // namespace tessel
