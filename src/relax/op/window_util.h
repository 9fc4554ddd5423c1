// The 2-d sliding windows of conv2d and the pools: their attributes (strides, padding,
// dilation), output sizes, and loads that read a pad value outside the input.
#ifndef TESSEL_SRC_RELAX_OP_WINDOW_UTIL_H_
#define TESSEL_SRC_RELAX_OP_WINDOW_UTIL_H_

#include <array>
#include <string>
#include <vector>

#include "tessel/relax/block_builder.h"
#include "tessel/relax/struct_info.h"
#include "tessel/tir/te/tensor.h"

namespace tessel {
namespace relax {

// The geometry of a window over the last two dimensions (height, width) of NCHW data.
struct Window2D {
  // The pools' window; conv2d takes its window from the weight's shape.
  std::array<int64_t, 2> pool_size{1, 1};
  std::array<int64_t, 2> strides{1, 1};
  std::array<int64_t, 2> dilation{1, 1};
  // top, left, bottom, right, as TVM orders them.
  std::array<int64_t, 4> padding{0, 0, 0, 0};
  bool ceil_mode = false;

  int64_t pad_before(int d) const { return padding[d]; }
  int64_t pad_after(int d) const { return padding[d + 2]; }
  bool padded() const { return padding != std::array<int64_t, 4>{0, 0, 0, 0}; }
};

// The "strides", "dilation" (2 positive ints), "padding" (4 ints >= 0) and, when present,
// "pool_size" (2 positive ints) and "ceil_mode" attributes; throws TypeInferenceError
// naming the op and the attribute.
Window2D GetWindow(const Call& call);

// The number of positions of a window of `kernel` elements (dilated) along a dimension of
// `in` elements, simplified with the analyzer; with ceil_mode a partial last window counts
// when it starts inside the input or its leading padding (PyTorch's rule).
PrimExpr WindowOutExtent(tir::arith::Analyzer* analyzer, const PrimExpr& in,
                         const PrimExpr& kernel, const Window2D& window, int d);

// Throws TypeInferenceError when the dilated kernel provably does not fit in the padded
// input along spatial dimension d ("height" or "width" in the message).
void CheckWindowFits(const Call& call, tir::arith::Analyzer* analyzer, const PrimExpr& in,
                     const PrimExpr& kernel, const Window2D& window, int d);

// The list attribute key of N ints, each at least `least`; `fallback` when absent. Throws
// TypeInferenceError naming the op and the attribute for a wrong length or value.
template <size_t N>
std::array<int64_t, N> GetIntsAttr(const Call& call, const std::string& key, int64_t least,
                                   std::array<int64_t, N> fallback);

// Throws TypeInferenceError unless the string attribute key (when present) is expected.
void CheckLayout(const Call& call, const std::string& key, const std::string& expected);

// x at index, or pad_value where index leaves x along a dimension marked in `guarded`;
// the load itself uses a clamped index, so it never reads outside x.
PrimExpr PaddedLoad(const te::Tensor& x, const Array<PrimExpr>& index,
                    const std::vector<bool>& guarded, const PrimExpr& pad_value);

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_SRC_RELAX_OP_WINDOW_UTIL_H_
