// A 128x128x128 matmul PrimFunc shared by the tir tests.
#ifndef TESSEL_TESTS_CPP_TIR_MATMUL_H_
#define TESSEL_TESTS_CPP_TIR_MATMUL_H_

#include "tessel/tir/function.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace tir {
namespace testing {

/*! C[i, j] += A[i, k] * B[k, j] as loops i, j, k around block "C", with an init. */
inline PrimFunc Matmul(int n = 128) {
  DataType f32 = DataType::Float(32);
  Buffer a = decl_buffer({n, n}, f32, "A");
  Buffer b = decl_buffer({n, n}, f32, "B");
  Buffer c = decl_buffer({n, n}, f32, "C");
  Var i("i"), j("j"), k("k");
  Var vi("vi"), vj("vj"), vk("vk");
  auto point = [](const PrimExpr& e) { return Range(e, 1); };
  Stmt init = BufferStore(c, FloatImm(f32, 0.0), {vi, vj});
  Stmt update = BufferStore(
      c, BufferLoad(c, {vi, vj}) + BufferLoad(a, {vi, vk}) * BufferLoad(b, {vk, vj}), {vi, vj});
  Block block({IterVar(Range(0, n), vi, IterVarType::kDataPar),
               IterVar(Range(0, n), vj, IterVarType::kDataPar),
               IterVar(Range(0, n), vk, IterVarType::kCommReduce)},
              {BufferRegion(a, {point(vi), point(vk)}), BufferRegion(b, {point(vk), point(vj)})},
              {BufferRegion(c, {point(vi), point(vj)})}, "C", update, init);
  Stmt realize = BlockRealize({i, j, k}, IntImm(DataType::Bool(), 1), block);
  Stmt loops = For(i, 0, n, ForKind::kSerial,
                   For(j, 0, n, ForKind::kSerial, For(k, 0, n, ForKind::kSerial, realize)));
  Var pa("A", DataType::Handle()), pb("B", DataType::Handle()), pc("C", DataType::Handle());
  return PrimFunc({pa, pb, pc}, loops, DataType::Void(), {{pa, a}, {pb, b}, {pc, c}},
                  ir::DictAttrs({{String("global_symbol"), String("main")}}));
}

}  // namespace testing
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TESTS_CPP_TIR_MATMUL_H_
