// The time evaluator: repeated, self-calibrating timing of a PackedFunc.
#include "tessel/runtime/time_evaluator.h"

#include <algorithm>
#include <chrono>

#include "tessel/runtime/registry.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {

PackedFunc TimeEvaluator(PackedFunc func, int number, int repeat, int min_repeat_ms) {
  if (!func.defined()) throw InvalidArgumentError("TimeEvaluator: undefined function");
  if (number < 1 || repeat < 1 || min_repeat_ms < 0) {
    throw InvalidArgumentError(StrCat("TimeEvaluator: number = ", number, ", repeat = ", repeat,
                                      ", min_repeat_ms = ", min_repeat_ms,
                                      "; expected number >= 1, repeat >= 1, min_repeat_ms >= 0"));
  }
  return PackedFunc([=](const std::vector<Any>& args) -> Any {
    using Clock = std::chrono::steady_clock;
    func(args);  // warm-up: first-touch page faults, lazy thread-pool start
    std::vector<Any> results;
    int count = number;
    for (int r = 0; r < repeat; ++r) {
      double elapsed_ms = -1;
      do {
        if (elapsed_ms >= 0) {
          // Too short: aim for min_repeat_ms, growing by at least the golden ratio.
          double per_call = std::max(elapsed_ms, 1e-6) / count;
          double target = min_repeat_ms / per_call + 1;
          count = static_cast<int>(std::min(1e9, std::max(target, count * 1.618)));
        }
        auto start = Clock::now();
        for (int i = 0; i < count; ++i) func(args);
        elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      } while (elapsed_ms < min_repeat_ms);
      results.emplace_back(elapsed_ms / 1e3 / count);
    }
    return Any(std::move(results));
  });
}

TESSEL_REGISTER_GLOBAL("runtime.TimeEvaluator", [](const std::vector<Any>& args) -> Any {
  if (args.size() != 4) {
    throw InvalidArgumentError(StrCat("runtime.TimeEvaluator: expected 4 arguments (func, number, "
                                      "repeat, min_repeat_ms), but got ", args.size()));
  }
  return TimeEvaluator(args[0].AsFunc(), static_cast<int>(args[1].AsInt()),
                       static_cast<int>(args[2].AsInt()), static_cast<int>(args[3].AsInt()));
});

}  // namespace runtime
}  // namespace tessel
