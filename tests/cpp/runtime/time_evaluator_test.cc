// The time evaluator: call counts, results, growth of `number` up to min_repeat_ms.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tessel/runtime/registry.h"
#include "tessel/runtime/time_evaluator.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {
namespace {

TEST(RuntimeTimeEvaluator, CallsNumberTimesRepeatPlusWarmUp) {
  int calls = 0;
  PackedFunc f([&](const std::vector<Any>& args) -> Any {
    EXPECT_EQ(args[0].AsInt(), 7);
    ++calls;
    return Any();
  });
  Any result = TimeEvaluator(f, 4, 3, 0)({7});
  EXPECT_EQ(calls, 1 + 4 * 3);
  const std::vector<Any>& times = result.AsArray();
  ASSERT_EQ(times.size(), 3u);
  for (const Any& t : times) EXPECT_GE(t.AsFloat(), 0.0);
}

TEST(RuntimeTimeEvaluator, MeasuresSeconds) {
  PackedFunc sleep([](const std::vector<Any>&) -> Any {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return Any();
  });
  Any result = TimeEvaluator(sleep, 2, 1, 0)({});
  double seconds = result.AsArray()[0].AsFloat();
  EXPECT_GE(seconds, 0.002);
  EXPECT_LT(seconds, 0.5);
}

TEST(RuntimeTimeEvaluator, GrowsNumberToReachMinRepeatMs) {
  int calls = 0;
  PackedFunc f([&](const std::vector<Any>&) -> Any {
    ++calls;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    return Any();
  });
  TimeEvaluator(f, 1, 1, 20)({});
  // At 200us or more per call, 20ms needs at most 100 calls plus the growing steps.
  EXPECT_GT(calls, 10);
  EXPECT_LT(calls, 400);
}

TEST(RuntimeTimeEvaluator, RejectsBadCounts) {
  PackedFunc f([](const std::vector<Any>&) -> Any { return Any(); });
  EXPECT_THROW(TimeEvaluator(f, 0, 1, 0), InvalidArgumentError);
  EXPECT_THROW(TimeEvaluator(f, 1, 0, 0), InvalidArgumentError);
  EXPECT_THROW(TimeEvaluator(f, 1, 1, -1), InvalidArgumentError);
  EXPECT_THROW(TimeEvaluator(PackedFunc(), 1, 1, 0), InvalidArgumentError);
}

TEST(RuntimeTimeEvaluator, RegisteredGlobally) {
  int calls = 0;
  PackedFunc f([&](const std::vector<Any>&) -> Any {
    ++calls;
    return Any();
  });
  std::optional<PackedFunc> make = Registry::Get("runtime.TimeEvaluator");
  ASSERT_TRUE(make.has_value());
  Any timer = (*make)({f, 2, 2, 0});
  EXPECT_EQ(timer.AsFunc()({}).AsArray().size(), 2u);
  EXPECT_EQ(calls, 5);
  EXPECT_THROW((*make)({f}), InvalidArgumentError);
}

}  // namespace
}  // namespace runtime
}  // namespace tessel
