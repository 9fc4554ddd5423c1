/*!
 * \file math_intrinsics.h
 * \brief Vectorizable float math for the LLVM code generator.
 *
 * The TensorIR intrinsics exp, log, tanh, erf, sigmoid and rsqrt are emitted as
 * straight-line LLVM IR (integer bit tricks, polynomials and LLVM intrinsics that lower to
 * instructions) instead of libm calls: the same IR works on fixed vectors such as
 * `<16 x float>`, and a serial loop applying it to scalars is still vectorized by LLVM's
 * loop vectorizer (both checked by the test on the host CPU and on plain x86-64).
 *
 * Accuracy against long double references over dense sweeps, random bit patterns and special
 * values (tests/cpp/codegen/math_intrinsics_test.cc): the worst error measured on an AVX-512
 * host, over builds for the host CPU (with FMA) and for plain x86-64 (without), and the bound
 * the test asserts. ulp errors hold for denormal results too; rsqrt rounds twice (sqrt, then
 * divide), which bounds it by 1.5 ulp.
 *
 * | op      | float32 measured | float32 bound  | float64 measured | float64 bound  |
 * |---------|------------------|----------------|------------------|----------------|
 * | exp     | 0.99 ulp         | 1.5 ulp        | 0.99 ulp         | 1.5 ulp        |
 * | log     | 0.84 ulp         | 1.5 ulp        | 1.11 ulp         | 1.5 ulp        |
 * | tanh    | 1.25 ulp         | 2 ulp          | 1.34 ulp         | 2 ulp          |
 * | sigmoid | 2.18 ulp         | 3 ulp          | 2.10 ulp         | 3 ulp          |
 * | erf     | 1.2e-7 absolute  | 2e-7 absolute  | 1.7e-16 absolute | 3e-16 absolute |
 * | rsqrt   | 1.48 ulp         | 1.5 ulp        | 1.48 ulp         | 1.5 ulp        |
 *
 * Special values follow C: exp(+inf) = +inf, exp(-inf) = 0, overflow gives +inf and
 * underflow 0 or a denormal; log(0) = -inf, log(x < 0) = NaN, log(+inf) = +inf; tanh, erf
 * and sigmoid saturate; NaN passes through every op. The builder's fast-math flags are
 * ignored inside these sequences, since reassociation would undo their rounding tricks.
 */
#ifndef TESSEL_CODEGEN_LLVM_MATH_INTRINSICS_H_
#define TESSEL_CODEGEN_LLVM_MATH_INTRINSICS_H_

#include <llvm/IR/IRBuilder.h>

#include <string>
#include <vector>

namespace tessel {
namespace codegen {

/*!
 * \brief Emit the TensorIR math intrinsic `op` at the builder's insertion point.
 * \param b The builder; its fast-math flags are restored on return.
 * \param op The operator name: "tir.exp", "tir.log", "tir.tanh", "tir.erf", "tir.sigmoid"
 *        or "tir.rsqrt".
 * \param args The one operand: float or double, scalar or fixed vector.
 * \return The result, of the operand's type; nullptr when `op` is not one of the above, so
 *         the caller can lower it another way.
 * \throws InvalidArgumentError when `op` is handled but the operands are not one float
 *         scalar or vector.
 */
llvm::Value* EmitMathIntrinsic(llvm::IRBuilder<>& b, const std::string& op,
                               const std::vector<llvm::Value*>& args);

}  // namespace codegen
}  // namespace tessel

#endif  // TESSEL_CODEGEN_LLVM_MATH_INTRINSICS_H_
