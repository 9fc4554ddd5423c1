// The x86 AVX-512 tensor intrinsics of a float32 GEMM micro-kernel (documented in
// include/tessel/tir/schedule/tensor_intrin.h): a 16-lane broadcast FMA and a 16-lane zero.
#include <functional>

#include "tessel/tir/op.h"
#include "tessel/tir/schedule/tensor_intrin.h"

namespace tessel {
namespace tir {
namespace schedule {

namespace {

constexpr int64_t kLanes = 16;

PrimExpr I32(int64_t v) { return make_const(DataType::Int(32), v); }

Range Point(const PrimExpr& index) { return Range(index, I32(1)); }

// A PrimFunc over float32 buffers of the given names and shapes.
PrimFunc MakeFunc(const std::vector<Buffer>& buffers, const Stmt& body) {
  Array<Var> params;
  Map<Var, Buffer> buffer_map;
  for (const Buffer& buffer : buffers) {
    Var param(buffer->name, DataType::Handle());
    params = params.Append(param);
    buffer_map = buffer_map.Set(param, buffer);
  }
  return PrimFunc(params, body, DataType::Void(), buffer_map);
}

// `for i in range(16): with T.block(name): vi = T.axis.spatial(16, i); out[vi] = value(vi)`.
Stmt LaneLoop(const std::string& name, const Buffer& out,
              const std::function<Array<BufferRegion>(const Var&)>& reads,
              const std::function<PrimExpr(const Var&)>& value) {
  Var i("i"), vi("vi");
  Block block({IterVar(Range(I32(0), I32(kLanes)), vi, IterVarType::kDataPar)}, reads(vi),
              {BufferRegion(out, {Point(vi)})}, name, BufferStore(out, value(vi), {vi}));
  return For(i, I32(0), I32(kLanes), ForKind::kSerial,
             BlockRealize({i}, make_const(DataType::Bool(), int64_t{1}), block));
}

PrimExpr Lanes() { return Ramp(I32(0), I32(1), kLanes); }

bool RegisterFma() {
  DataType f32 = DataType::Float(32);
  Buffer a = decl_buffer({I32(1)}, f32, "A"), b = decl_buffer({I32(kLanes)}, f32, "B"),
         c = decl_buffer({I32(kLanes)}, f32, "C");
  Stmt desc = LaneLoop(
      "update", c,
      [&](const Var& vi) -> Array<BufferRegion> {
        return {BufferRegion(c, {Point(vi)}), BufferRegion(a, {Point(I32(0))}),
                BufferRegion(b, {Point(vi)})};
      },
      [&](const Var& vi) {
        return BufferLoad(c, {vi}) + BufferLoad(a, {I32(0)}) * BufferLoad(b, {vi});
      });
  Stmt impl = BufferStore(c,
                          fma(Broadcast(BufferLoad(a, {I32(0)}), kLanes), BufferLoad(b, {Lanes()}),
                              BufferLoad(c, {Lanes()})),
                          {Lanes()});
  TensorIntrin::Register("x86_avx512_fma_f32x16",
                         TensorIntrin(MakeFunc({a, b, c}, desc), MakeFunc({a, b, c}, impl)));
  return true;
}

bool RegisterZero() {
  DataType f32 = DataType::Float(32);
  Buffer c = decl_buffer({I32(kLanes)}, f32, "C");
  Stmt desc = LaneLoop(
      "init", c, [](const Var&) { return Array<BufferRegion>(); },
      [&](const Var&) { return make_zero(f32); });
  Stmt impl = BufferStore(c, Broadcast(make_zero(f32), kLanes), {Lanes()});
  TensorIntrin::Register("x86_avx512_zero_f32x16",
                         TensorIntrin(MakeFunc({c}, desc), MakeFunc({c}, impl)));
  return true;
}

const bool kFmaRegistered = RegisterFma();
const bool kZeroRegistered = RegisterZero();

}  // namespace

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
