// The thread pool: many tasks, nested regions, failures, size from the environment, and
// the backend API's parallel launch and workspace.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "tessel/runtime/c_backend_api.h"
#include "tessel/runtime/thread_pool.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {
namespace {

TEST(RuntimeThreadPool, RunsEveryTaskOnce) {
  ThreadPool pool(4);
  EXPECT_EQ(pool.num_threads(), 4);
  for (int num_tasks : {1, 3, 4, 17, 1000}) {
    std::vector<std::atomic<int>> hits(num_tasks);
    pool.ParallelFor(num_tasks, [&](int id, int n) {
      EXPECT_EQ(n, num_tasks);
      hits[id].fetch_add(1);
    });
    for (int i = 0; i < num_tasks; ++i) EXPECT_EQ(hits[i].load(), 1) << i;
  }
}

TEST(RuntimeThreadPool, ZeroTasksMeansPoolSize) {
  ThreadPool pool(3);
  std::atomic<int> count{0};
  pool.ParallelFor(0, [&](int, int n) {
    EXPECT_EQ(n, 3);
    ++count;
  });
  EXPECT_EQ(count.load(), 3);
}

TEST(RuntimeThreadPool, ManyRegionsBackToBack) {
  ThreadPool pool(4);
  std::atomic<int64_t> sum{0};
  for (int r = 0; r < 2000; ++r) {
    pool.ParallelFor(8, [&](int id, int) { sum += id; });
  }
  EXPECT_EQ(sum.load(), 2000 * 28);
}

TEST(RuntimeThreadPool, UsesSeveralThreads) {
  ThreadPool pool(2);
  std::set<std::thread::id> seen;
  std::mutex mutex;
  std::atomic<int> arrived{0};
  pool.ParallelFor(2, [&](int, int) {
    // Both tasks wait for each other, so they must run on two threads.
    ++arrived;
    while (arrived.load() < 2) std::this_thread::yield();
    std::lock_guard<std::mutex> lock(mutex);
    seen.insert(std::this_thread::get_id());
  });
  EXPECT_EQ(seen.size(), 2u);
}

TEST(RuntimeThreadPool, NestedRegionRunsSeriallyInTheTask) {
  ThreadPool pool(4);
  std::atomic<int> inner{0};
  pool.ParallelFor(4, [&](int, int) {
    EXPECT_TRUE(ThreadPool::InParallelRegion());
    std::thread::id self = std::this_thread::get_id();
    pool.ParallelFor(5, [&](int, int n) {
      EXPECT_EQ(n, 5);
      EXPECT_EQ(std::this_thread::get_id(), self);
      ++inner;
    });
  });
  EXPECT_EQ(inner.load(), 20);
  EXPECT_FALSE(ThreadPool::InParallelRegion());
}

TEST(RuntimeThreadPool, ExceptionsPropagateAndThePoolSurvives) {
  ThreadPool pool(3);
  EXPECT_THROW(pool.ParallelFor(10,
                                [](int id, int) {
                                  if (id == 7) throw ExecutionError("task 7 failed");
                                }),
               ExecutionError);
  std::atomic<int> count{0};
  pool.ParallelFor(10, [&](int, int) { ++count; });
  EXPECT_EQ(count.load(), 10);
}

TEST(RuntimeThreadPool, ConcurrentCallersTakeTurns) {
  ThreadPool pool(3);
  std::atomic<int> count{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 4; ++c) {
    callers.emplace_back([&] {
      for (int r = 0; r < 50; ++r) pool.ParallelFor(6, [&](int, int) { ++count; });
    });
  }
  for (auto& caller : callers) caller.join();
  EXPECT_EQ(count.load(), 4 * 50 * 6);
}

TEST(RuntimeThreadPool, SizeFromEnvironment) {
  const char* old = std::getenv("TESSEL_NUM_THREADS");
  std::string saved = old ? old : "";
  setenv("TESSEL_NUM_THREADS", "3", 1);
  EXPECT_EQ(ThreadPool::DefaultNumThreads(), 3);
  for (const char* bad : {"0", "-2", "many", "4x", ""}) {
    setenv("TESSEL_NUM_THREADS", bad, 1);
    EXPECT_THROW(ThreadPool::DefaultNumThreads(), InvalidArgumentError) << bad;
  }
  unsetenv("TESSEL_NUM_THREADS");
  EXPECT_GE(ThreadPool::DefaultNumThreads(), 1);
  if (old) setenv("TESSEL_NUM_THREADS", saved.c_str(), 1);
  EXPECT_THROW(ThreadPool(0), InvalidArgumentError);
}

int32_t CountTask(int32_t, int32_t, void* closure) {
  static_cast<std::atomic<int>*>(closure)->fetch_add(1);
  return 0;
}

int32_t NestedTask(int32_t, int32_t, void* closure) {
  return TesselBackendParallelLaunch(CountTask, closure, 3);
}

int32_t FailingTask(int32_t task_id, int32_t, void*) {
  if (task_id != 1) return 0;
  TesselBackendSetError("task 1 ran out of luck");
  return 1;
}

TEST(RuntimeBackendApi, ParallelLaunch) {
  std::atomic<int> count{0};
  EXPECT_EQ(TesselBackendParallelLaunch(CountTask, &count, 6), 0);
  EXPECT_EQ(count.load(), 6);
  count = 0;
  EXPECT_EQ(TesselBackendParallelLaunch(NestedTask, &count, 4), 0);
  EXPECT_EQ(count.load(), 12);
  count = 0;
  EXPECT_EQ(TesselBackendParallelLaunch(CountTask, &count, 0), 0);
  EXPECT_EQ(count.load(), ThreadPool::Global().num_threads());
  EXPECT_NE(TesselBackendParallelLaunch(FailingTask, nullptr, 4), 0);
}

TEST(RuntimeBackendApi, Workspace) {
  for (uint32_t alignment : {0u, 8u, 64u, 256u}) {
    void* p = TesselBackendAllocWorkspace(1000, alignment);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % (alignment < 64 ? 64 : alignment), 0u);
    static_cast<char*>(p)[999] = 1;
    EXPECT_EQ(TesselBackendFreeWorkspace(p), 0);
  }
  void* empty = TesselBackendAllocWorkspace(0, 64);
  EXPECT_EQ(TesselBackendFreeWorkspace(empty), 0);
  EXPECT_EQ(TesselBackendAllocWorkspace(16, 96), nullptr);  // not a power of two
  EXPECT_EQ(TesselBackendFreeWorkspace(nullptr), 0);
}

}  // namespace
}  // namespace runtime
}  // namespace tessel
