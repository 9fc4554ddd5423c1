// The math intrinsics of TensorIR, registered as operators "tir.<name>".
//
// Each returns the dtype of its first argument; codegen maps them to libm or LLVM
// intrinsics. The printer writes a call of "tir.exp" as `T.exp(x)`.
#include "tessel/ir/op.h"

namespace tessel {
namespace tir {

namespace {

struct Intrinsic {
  const char* name;
  const char* description;
  std::vector<const char*> arguments;
};

const std::vector<Intrinsic>& Intrinsics() {
  static const auto* list = new std::vector<Intrinsic>{
      {"exp", "e to the power x", {"x"}},
      {"log", "natural logarithm of x", {"x"}},
      {"sqrt", "square root of x", {"x"}},
      {"rsqrt", "1 / sqrt(x)", {"x"}},
      {"tanh", "hyperbolic tangent of x", {"x"}},
      {"sin", "sine of x (radians)", {"x"}},
      {"cos", "cosine of x (radians)", {"x"}},
      {"erf", "the Gauss error function of x", {"x"}},
      {"sigmoid", "1 / (1 + exp(-x))", {"x"}},
      {"pow", "x to the power y", {"x", "y"}},
      {"fabs", "absolute value of a float x", {"x"}},
      {"floor", "x rounded toward negative infinity", {"x"}},
      {"ceil", "x rounded toward positive infinity", {"x"}},
      {"round", "x rounded to the nearest integer value, halves to even", {"x"}},
      {"fma", "a * b + c with one rounding", {"a", "b", "c"}},
  };
  return *list;
}

struct Registrar {
  Registrar() {
    for (const Intrinsic& intrinsic : Intrinsics()) {
      auto reg = ir::OpRegistry::Register(std::string("tir.") + intrinsic.name);
      reg.describe(intrinsic.description);
      for (const char* arg : intrinsic.arguments) reg.add_argument(arg);
      // Floating-point only: the helpers in tessel/tir/op.h check it.
      reg.set_attr<bool>("TFloatOnly", true);
    }
  }
};
const Registrar registrar;

}  // namespace

}  // namespace tir
}  // namespace tessel
