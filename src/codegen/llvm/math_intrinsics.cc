// Float math intrinsics as straight-line LLVM IR, so loops calling them still vectorize.
//
// Every function works on float or double, scalar or vector: constants are splatted to the
// operand's type, and branches become per-lane selects. Coefficients were fitted by weighted
// least squares (iterated toward minimax) in 40-digit arithmetic on the ranges named below.
#include "math_intrinsics.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/Intrinsics.h>

#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "tessel/support/error.h"

namespace tessel {
namespace codegen {

namespace {

// Builds splatted constants and arithmetic for one operand type.
class MathBuilder {
 public:
  MathBuilder(llvm::IRBuilder<>& b, llvm::Type* type)
      : b(b),
        type_(type),
        f64_(type->getScalarType()->isDoubleTy()),
        int_type_(type->getWithNewType(f64_ ? b.getInt64Ty() : b.getInt32Ty())) {}

  bool f64() const { return f64_; }
  int mantissa_bits() const { return f64_ ? 52 : 23; }
  int exponent_bias() const { return f64_ ? 1023 : 127; }

  llvm::Value* F(double v) { return llvm::ConstantFP::get(type_, v); }
  llvm::Value* I(int64_t v) { return llvm::ConstantInt::get(int_type_, v, /*IsSigned=*/true); }
  llvm::Value* Bits(llvm::Value* x) { return b.CreateBitCast(x, int_type_); }
  llvm::Value* Float(llvm::Value* bits) { return b.CreateBitCast(bits, type_); }

  llvm::Value* Add(llvm::Value* x, llvm::Value* y) { return b.CreateFAdd(x, y); }
  llvm::Value* Sub(llvm::Value* x, llvm::Value* y) { return b.CreateFSub(x, y); }
  llvm::Value* Mul(llvm::Value* x, llvm::Value* y) { return b.CreateFMul(x, y); }
  llvm::Value* Div(llvm::Value* x, llvm::Value* y) { return b.CreateFDiv(x, y); }
  // x * y + z, fused where the target has FMA (llvm.fmuladd never becomes a libm call).
  llvm::Value* MulAdd(llvm::Value* x, llvm::Value* y, llvm::Value* z) {
    return b.CreateIntrinsic(llvm::Intrinsic::fmuladd, {type_}, {x, y, z});
  }
  llvm::Value* Abs(llvm::Value* x) { return b.CreateUnaryIntrinsic(llvm::Intrinsic::fabs, x); }
  llvm::Value* CopySign(llvm::Value* magnitude, llvm::Value* sign) {
    return b.CreateBinaryIntrinsic(llvm::Intrinsic::copysign, magnitude, sign);
  }
  llvm::Value* Select(llvm::Value* cond, llvm::Value* x, llvm::Value* y) {
    return b.CreateSelect(cond, x, y);
  }

  // c[0] + c[1] x + c[2] x^2 + ... by Horner's rule.
  llvm::Value* Poly(llvm::Value* x, const std::vector<double>& c) {
    llvm::Value* acc = F(c.back());
    for (size_t i = c.size() - 1; i-- > 0;) acc = MulAdd(acc, x, F(c[i]));
    return acc;
  }

  // p * 2^k for integer k in [-1076, 1025], as two factors so each stays a normal number:
  // then a denormal result is rounded once, by the last multiply.
  llvm::Value* Scale(llvm::Value* p, llvm::Value* k) {
    llvm::Value* k1 = b.CreateAShr(k, I(1));
    llvm::Value* k2 = b.CreateSub(k, k1);
    auto pow2 = [&](llvm::Value* e) {
      return Float(b.CreateShl(b.CreateAdd(e, I(exponent_bias())), I(mantissa_bits())));
    };
    return Mul(Mul(p, pow2(k1)), pow2(k2));
  }

  llvm::IRBuilder<>& b;

 private:
  llvm::Type* type_;
  bool f64_;
  llvm::Type* int_type_;
};

// ln 2 split so that k * kLn2Hi is exact for every k exp and log produce.
constexpr double kLn2 = 0.693147180559945309417;
constexpr double kLn2Hi32 = 0.693145751953125;  // 15 significant bits
constexpr double kLn2Lo32 = kLn2 - kLn2Hi32;
constexpr double kLn2Hi64 = 0.6931471805592082;  // 40 significant bits
constexpr double kLn2Lo64 = 7.371002565167799e-13;

// e^x = 2^k e^r with k = round(x / ln 2), so |r| <= ln2 / 2; e^r = 1 + r + r^2 q(r).
llvm::Value* Exp(MathBuilder& m, llvm::Value* x) {
  // Beyond these bounds e^x rounds to +inf or 0 anyway; clamping keeps k in Scale's range.
  // NaN fails both compares and flows through the arithmetic.
  const double lo = m.f64() ? -746.0 : -104.0, hi = m.f64() ? 710.0 : 89.0;
  x = m.Select(m.b.CreateFCmpOLT(x, m.F(lo)), m.F(lo), x);
  x = m.Select(m.b.CreateFCmpOGT(x, m.F(hi)), m.F(hi), x);
  // Adding 1.5 * 2^mantissa_bits rounds x / ln2 to an integer held in the low bits.
  const double shifter = m.f64() ? 6755399441055744.0 : 12582912.0;
  llvm::Value* t = m.MulAdd(x, m.F(1.0 / kLn2), m.F(shifter));
  llvm::Value* k = m.b.CreateSub(m.Bits(t), m.Bits(m.F(shifter)));
  llvm::Value* kf = m.Sub(t, m.F(shifter));
  llvm::Value* r = m.Sub(x, m.Mul(kf, m.F(m.f64() ? kLn2Hi64 : kLn2Hi32)));
  r = m.Sub(r, m.Mul(kf, m.F(m.f64() ? kLn2Lo64 : kLn2Lo32)));
  // q(r) = (e^r - 1 - r) / r^2 on [-0.3466, 0.3466]: 3e-9 (float), 4e-18 (double) relative.
  static const std::vector<double> q32 = {0.49999993426353326, 0.16666520440373286,
                                          0.04166839247418026, 0.0083687346562875712,
                                          0.0013814381002069232};
  static const std::vector<double> q64 = {
      0.50000000000000109,     0.16666666666666425,     0.041666666666528275,
      0.0083333333334865606,   0.0013888888944048785,   0.00019841269523237592,
      2.4801492718329585e-5,   2.7557571803909901e-6,   2.7630370326476318e-7,
      2.5004594472606044e-8};
  llvm::Value* q = m.Poly(r, m.f64() ? q64 : q32);
  llvm::Value* p = m.Add(m.MulAdd(m.Mul(r, r), q, r), m.F(1.0));
  return m.Scale(p, k);
}

// x = 2^e (1 + f) with 1 + f in [sqrt(1/2), sqrt(2)), so f = m - 1 is exact and
// log1p(f) = f - (h - s (h + R(s^2))) with s = f / (2 + f), h = f^2 / 2: the rounding of the
// small correction barely matters. R(z) = sum 2 z^k / (2k + 1), the series of 2 atanh(s) - 2s,
// truncated where z <= 0.0295 makes the next term negligible.
llvm::Value* Log(MathBuilder& m, llvm::Value* x) {
  llvm::IRBuilder<>& b = m.b;
  const int mbits = m.mantissa_bits();
  // Denormals get scaled to normal numbers first, the exponent corrected below.
  const double min_normal = m.f64() ? 2.2250738585072014e-308 : 1.1754943508222875e-38;
  llvm::Value* denormal = b.CreateFCmpOLT(x, m.F(min_normal));
  llvm::Value* xn = m.Select(denormal, m.Mul(x, m.F(m.f64() ? 0x1p54 : 0x1p24)), x);
  llvm::Value* e_adjust = m.Select(denormal, m.I(m.f64() ? -54 : -24), m.I(0));
  // Offsetting the bits by those of sqrt(1/2) puts the exponent boundary at sqrt(2).
  const int64_t sqrt_half_bits = m.f64() ? 0x3FE6A09E667F3BCDll : 0x3F3504F3;
  llvm::Value* ix = b.CreateSub(m.Bits(xn), m.I(sqrt_half_bits));
  llvm::Value* e = b.CreateAdd(b.CreateAShr(ix, m.I(mbits)), e_adjust);
  llvm::Value* mant_bits =
      b.CreateAdd(b.CreateAnd(ix, m.I((int64_t{1} << mbits) - 1)), m.I(sqrt_half_bits));
  llvm::Value* f = m.Sub(m.Float(mant_bits), m.F(1.0));
  llvm::Value* s = m.Div(f, m.Add(f, m.F(2.0)));
  llvm::Value* z = m.Mul(s, s);
  const int terms = m.f64() ? 10 : 5;
  std::vector<double> series = {0.0};
  for (int k = 1; k <= terms; ++k) series.push_back(2.0 / (2 * k + 1));
  llvm::Value* big_r = m.Poly(z, series);
  llvm::Value* h = m.Mul(m.Mul(f, f), m.F(0.5));
  llvm::Value* log1p = m.Sub(f, m.Sub(h, m.Mul(s, m.Add(h, big_r))));
  llvm::Value* ef = b.CreateSIToFP(e, x->getType());
  llvm::Value* result = m.MulAdd(ef, m.F(m.f64() ? kLn2Lo64 : kLn2Lo32), log1p);
  result = m.MulAdd(ef, m.F(m.f64() ? kLn2Hi64 : kLn2Hi32), result);
  // The bit tricks above mean nothing for the special values; patch them in.
  const double inf = std::numeric_limits<double>::infinity();
  result = m.Select(b.CreateFCmpOEQ(x, m.F(inf)), m.F(inf), result);
  result = m.Select(b.CreateFCmpOEQ(x, m.F(0.0)), m.F(-inf), result);
  return m.Select(b.CreateFCmpULT(x, m.F(0.0)), m.F(std::numeric_limits<double>::quiet_NaN()),
                  result);
}

// Near 0 an odd polynomial, x + x^3 P(x^2) on |x| < 0.6; beyond, 1 - 2 / (e^{2|x|} + 1), whose
// subtraction cannot cancel badly since the result is >= 0.53, and which saturates to 1
// when the exponential overflows.
llvm::Value* Tanh(MathBuilder& m, llvm::Value* x) {
  // P on [0, 0.6], relative error of tanh 9e-11 (float), 1.4e-19 (double).
  static const std::vector<double> p32 = {-0.33333331724696106, 0.13333245505111702,
                                          -0.053952182501685644, 0.021732801913631403,
                                          -0.0082629382023424081, 0.0022271484009108033};
  static const std::vector<double> p64 = {
      -0.33333333333333325, 0.13333333333331768, -0.053968253967214691, 0.021869488501501706,
      -0.0088632348513190682, 0.0035921195516794942, -0.0014557633415851092, 0.0005896189502174043,
      -0.00023750331608430189, 9.24724186532796e-5, -3.1161029132963809e-5, 6.4954497704108263e-6};
  llvm::Value* a = m.Abs(x);
  llvm::Value* x2 = m.Mul(x, x);
  llvm::Value* small = m.MulAdd(m.Mul(x, x2), m.Poly(x2, m.f64() ? p64 : p32), x);
  llvm::Value* e = Exp(m, m.Add(a, a));
  llvm::Value* large = m.CopySign(m.Sub(m.F(1.0), m.Div(m.F(2.0), m.Add(e, m.F(1.0)))), x);
  return m.Select(m.b.CreateFCmpOLT(a, m.F(0.6)), small, large);
}

// 1 / (1 + e^-x) for x >= 0 and e^x / (1 + e^x) below, so the exponential never overflows
// and tiny results keep their precision.
llvm::Value* Sigmoid(MathBuilder& m, llvm::Value* x) {
  llvm::Value* e = Exp(m, m.b.CreateFNeg(m.Abs(x)));
  llvm::Value* d = m.Add(e, m.F(1.0));
  return m.Select(m.b.CreateFCmpOGE(x, m.F(0.0)), m.Div(m.F(1.0), d), m.Div(e, d));
}

// Near 0 an odd polynomial x P(x^2) on |x| < 1; beyond, 1 - e^{-x^2} G(|x|) with G a
// polynomial fit of erfc(x) e^{x^2}; past the point where erfc is below half an ulp of 1, 1.
llvm::Value* Erf(MathBuilder& m, llvm::Value* x) {
  // P on [0, 1], relative error 4e-8 (float), 1.3e-19 (double); G in powers of |x| - 2.5 on
  // [1, 4] (float) and of |x| - 3.5 on [1, 6] (double), weighted by e^{-x^2} so the absolute
  // error of erf is 2.4e-9 (float), 1e-17 (double).
  static const std::vector<double> p32 = {
      1.1283791249787728, -0.37612331462693989, 0.11280210179606897, -0.026712002496746936,
      0.0049182435499407916, -0.00056339379315066152};
  static const std::vector<double> p64 = {
      1.1283791670955126, -0.37612638903183748, 0.11283791670954862, -0.026866170645073506,
      0.005223977624785908, -0.00085483269789969099, 0.00012055331045255466, -1.4925593690394521e-5,
      1.6460975538826512e-6, -1.6350052140718427e-7, 1.4658049923575357e-8, -1.1366287006393422e-9,
      5.9462587418888098e-11};
  static const std::vector<double> g32 = {
      0.21080760164077723, -0.07434218141486116, 0.024914769807109037, -0.0081318709416024179,
      0.0023027651345127424, -0.00066138652889370919, 0.00054280796046148407,
      0.00022477759067319439, 0.00010678804568306129};
  static const std::vector<double> g64 = {
      0.15529365560722046, -0.041323577831962622, 0.010661133337733706, -0.002673073819011702,
      0.00065268658600323263, -0.0001554726449037282, 3.6172560287799495e-5, -8.2431759088558462e-6,
      1.8487177206477634e-6, -3.7808736421965669e-7, 1.0100009162872764e-7, -2.3286339069255044e-8,
      -1.1022880687037264e-8, -1.0821579513879316e-8, -1.7878582657515547e-9, 1.6603974441818453e-9,
      1.5503713237817455e-9, 6.2204519011728727e-10, 1.4598535079030767e-10, 1.9333468649277237e-11,
      1.1712229752455181e-12};
  const double limit = m.f64() ? 6.0 : 4.0;
  const double g_center = m.f64() ? 3.5 : 2.5;
  llvm::Value* a = m.Abs(x);
  llvm::Value* small = m.Mul(x, m.Poly(m.Mul(x, x), m.f64() ? p64 : p32));
  llvm::Value* g = m.Poly(m.Sub(a, m.F(g_center)), m.f64() ? g64 : g32);
  llvm::Value* erfc = m.Mul(Exp(m, m.b.CreateFNeg(m.Mul(a, a))), g);
  llvm::Value* large = m.Sub(m.F(1.0), erfc);
  large = m.Select(m.b.CreateFCmpOGE(a, m.F(limit)), m.F(1.0), large);
  return m.Select(m.b.CreateFCmpOLT(a, m.F(1.0)), small, m.CopySign(large, x));
}

// llvm.sqrt is one instruction on every target we build for, and the division rounds once more.
llvm::Value* Rsqrt(MathBuilder& m, llvm::Value* x) {
  return m.Div(m.F(1.0), m.b.CreateUnaryIntrinsic(llvm::Intrinsic::sqrt, x));
}

}  // namespace

llvm::Value* EmitMathIntrinsic(llvm::IRBuilder<>& b, const std::string& op,
                               const std::vector<llvm::Value*>& args) {
  using Emitter = llvm::Value* (*)(MathBuilder&, llvm::Value*);
  static const std::pair<const char*, Emitter> kOps[] = {
      {"tir.exp", Exp},   {"tir.log", Log},         {"tir.tanh", Tanh},
      {"tir.erf", Erf},   {"tir.sigmoid", Sigmoid}, {"tir.rsqrt", Rsqrt}};
  Emitter emit = nullptr;
  for (const auto& [name, fn] : kOps) {
    if (op == name) emit = fn;
  }
  if (emit == nullptr) return nullptr;
  llvm::Type* type = args.size() == 1 ? args[0]->getType() : nullptr;
  if (type == nullptr || type->isScalableTy() ||
      !(type->getScalarType()->isFloatTy() || type->getScalarType()->isDoubleTy())) {
    std::string found = "no type";
    if (type != nullptr) {
      found.clear();
      llvm::raw_string_ostream os(found);
      type->print(os);
    }
    throw InvalidArgumentError(StrCat(op, ": expected one float32 or float64 operand (scalar or ",
                                      "fixed vector), found ", args.size(), " operand(s) of ",
                                      found));
  }
  // Reassociation or no-NaN assumptions would undo the rounding tricks and special cases.
  llvm::IRBuilderBase::FastMathFlagGuard guard(b);
  b.clearFastMathFlags();
  MathBuilder m(b, type);
  return emit(m, args[0]);
}

}  // namespace codegen
}  // namespace tessel
