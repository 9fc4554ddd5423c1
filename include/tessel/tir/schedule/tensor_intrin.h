/*!
 * \file tessel/tir/schedule/tensor_intrin.h
 * \brief Tensor intrinsics: a small computation's description paired with a hand-written
 * implementation, registered by name for Schedule::Tensorize.
 *
 * The description is a PrimFunc whose body is the computation in TensorIR form (loops and
 * one block, optionally inside a root block); the implementation is a PrimFunc with the
 * same buffer parameters, in the same order, whose body computes the same thing with
 * other instructions (vector Ramp/Broadcast code, intrinsic calls). Tensorize matches a
 * block's body against the description and substitutes the implementation, with each
 * parameter buffer bound to a buffer of the block at an offset.
 *
 * Built in (src/tir/schedule/intrin/x86_avx512.cc):
 * - `x86_avx512_fma_f32x16`: `C[i] = C[i] + A[0] * B[i]` for i in [0, 16), float32, as one
 *   `tir.fma` of 16 lanes (an AVX-512 `vfmadd231ps zmm, zmm, m32bcst`).
 * - `x86_avx512_zero_f32x16`: `C[i] = 0` for i in [0, 16), float32, as one 16-lane store
 *   of a broadcast zero (the init of a GEMM micro-kernel's accumulators).
 */
#ifndef TESSEL_TIR_SCHEDULE_TENSOR_INTRIN_H_
#define TESSEL_TIR_SCHEDULE_TENSOR_INTRIN_H_

#include <string>
#include <vector>

#include "tessel/tir/function.h"

namespace tessel {
namespace tir {
namespace schedule {

/*! \brief A tensor intrinsic: what it computes and how. */
class TensorIntrinNode : public Object {
 public:
  PrimFunc desc;  //!< the computation, in TensorIR form
  PrimFunc impl;  //!< the same computation, with the instructions to use

  void VisitFields(FieldVisitor* v) override {
    v->Visit("desc", &desc);
    v->Visit("impl", &impl);
  }
  TESSEL_DECLARE_NODE(TensorIntrinNode, "tir.schedule.TensorIntrin");
};

/*! \brief Handle to a TensorIntrinNode. */
class TensorIntrin : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(TensorIntrin, ObjectRef, TensorIntrinNode);
  /*!
   * \brief An intrinsic.
   * \throws InvalidArgumentError when desc and impl do not have the same number of buffer
   *   parameters, or two parameters at one position differ in dtype or shape.
   */
  TensorIntrin(PrimFunc desc, PrimFunc impl);
  /*!
   * \brief Register intrin under name.
   * \throws InvalidArgumentError when the name is taken and override_existing is false.
   */
  static void Register(const std::string& name, TensorIntrin intrin,
                       bool override_existing = false);
  /*! \brief The intrinsic registered under name; throws InvalidArgumentError listing the names. */
  static TensorIntrin Get(const std::string& name);
  /*! \brief Whether an intrinsic is registered under name. */
  static bool Has(const std::string& name);
  /*! \brief The registered names, sorted. */
  static std::vector<std::string> ListNames();
};

}  // namespace schedule
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_SCHEDULE_TENSOR_INTRIN_H_
