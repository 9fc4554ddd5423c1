// The persistent thread pool: workers wait for a region, claim its tasks from a shared
// counter, and go back to waiting (spinning briefly first, so back-to-back regions of a
// kernel do not pay for a wake-up each).
#include "tessel/runtime/thread_pool.h"

#include <sched.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tessel/runtime/registry.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {

namespace {

// Spin iterations before a waiting thread blocks on its condition variable.
constexpr int kSpinCount = 1 << 12;

thread_local bool in_parallel_region = false;

void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#else
  std::this_thread::yield();
#endif
}

// Spins until pred() holds or the spin budget is used; returns pred().
template <typename Pred>
bool SpinUntil(Pred pred) {
  for (int i = 0; i < kSpinCount; ++i) {
    if (pred()) return true;
    CpuRelax();
  }
  return pred();
}

}  // namespace

/*! One parallel region: its tasks are claimed through `next` by every participant. */
struct Region {
  const ThreadPool::Task* task = nullptr;
  int num_tasks = 0;
  std::atomic<int> next{0};
  std::atomic<int> remaining{0};
  std::mutex error_mutex;
  std::exception_ptr error;

  // Runs tasks until none is left; returns whether this call finished the last one.
  bool Work() {
    bool finished_last = false;
    while (true) {
      int id = next.fetch_add(1, std::memory_order_relaxed);
      if (id >= num_tasks) break;
      bool failed;
      {
        std::lock_guard<std::mutex> lock(error_mutex);
        failed = static_cast<bool>(error);
      }
      // After a failure the remaining tasks are skipped but still counted.
      if (!failed) {
        try {
          (*task)(id, num_tasks);
        } catch (...) {
          std::lock_guard<std::mutex> lock(error_mutex);
          if (!error) error = std::current_exception();
        }
      }
      if (remaining.fetch_sub(1, std::memory_order_acq_rel) == 1) finished_last = true;
    }
    return finished_last;
  }
};

struct ThreadPool::Impl {
  int num_threads = 1;
  std::vector<std::thread> workers;

  std::mutex mutex;  // guards region, stop; generation changes under it
  std::condition_variable wake;
  std::shared_ptr<Region> region;
  std::atomic<uint64_t> generation{0};
  bool stop = false;

  std::mutex done_mutex;
  std::condition_variable done;

  std::mutex launch_mutex;  // one region at a time

  void WorkerLoop() {
    uint64_t seen = 0;
    while (true) {
      std::shared_ptr<Region> current;
      SpinUntil([&] { return generation.load(std::memory_order_acquire) != seen; });
      {
        std::unique_lock<std::mutex> lock(mutex);
        wake.wait(lock, [&] { return stop || generation.load() != seen; });
        if (stop) return;
        seen = generation.load();
        current = region;
      }
      if (!current) continue;  // woke after the region was already finished and dropped
      in_parallel_region = true;
      bool finished_last = current->Work();
      in_parallel_region = false;
      if (finished_last) {
        std::lock_guard<std::mutex> lock(done_mutex);
        done.notify_all();
      }
    }
  }
};

ThreadPool::ThreadPool(int num_threads) : impl_(std::make_unique<Impl>()) {
  if (num_threads < 1) {
    throw InvalidArgumentError(StrCat("ThreadPool: num_threads is ", num_threads, "; it must be >= 1"));
  }
  impl_->num_threads = num_threads;
  for (int i = 1; i < num_threads; ++i) {
    impl_->workers.emplace_back([impl = impl_.get()] { impl->WorkerLoop(); });
  }
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->stop = true;
  }
  impl_->wake.notify_all();
  for (auto& worker : impl_->workers) worker.join();
}

ThreadPool& ThreadPool::Global() {
  // Never destroyed: joining threads during static destruction can deadlock, and kernels
  // may run from other static destructors.
  static ThreadPool* pool = new ThreadPool(DefaultNumThreads());
  return *pool;
}

int ThreadPool::DefaultNumThreads() {
  if (const char* env = std::getenv("TESSEL_NUM_THREADS")) {
    char* end = nullptr;
    long value = std::strtol(env, &end, 10);
    if (end == env || *end != '\0' || value < 1 || value > 4096) {
      throw InvalidArgumentError(StrCat("TESSEL_NUM_THREADS is '", env,
                                        "'; it must be a positive integer"));
    }
    return static_cast<int>(value);
  }
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    int count = CPU_COUNT(&set);
    if (count > 0) return count;
  }
  unsigned hardware = std::thread::hardware_concurrency();
  return hardware > 0 ? static_cast<int>(hardware) : 1;
}

int ThreadPool::num_threads() const { return impl_->num_threads; }

bool ThreadPool::InParallelRegion() { return in_parallel_region; }

void ThreadPool::ParallelFor(int num_tasks, const Task& task) {
  if (num_tasks <= 0) num_tasks = impl_->num_threads;
  // Nested or single-threaded regions run in the caller: no hand-off, no deadlock.
  if (in_parallel_region || impl_->num_threads == 1 || num_tasks == 1) {
    bool outer = in_parallel_region;
    in_parallel_region = true;
    std::exception_ptr error;
    for (int id = 0; id < num_tasks && !error; ++id) {
      try {
        task(id, num_tasks);
      } catch (...) {
        error = std::current_exception();
      }
    }
    in_parallel_region = outer;
    if (error) std::rethrow_exception(error);
    return;
  }
  std::lock_guard<std::mutex> launch(impl_->launch_mutex);
  auto region = std::make_shared<Region>();
  region->task = &task;
  region->num_tasks = num_tasks;
  region->remaining.store(num_tasks);
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->region = region;
    impl_->generation.fetch_add(1, std::memory_order_release);
  }
  impl_->wake.notify_all();

  in_parallel_region = true;
  region->Work();
  in_parallel_region = false;

  auto finished = [&] { return region->remaining.load(std::memory_order_acquire) == 0; };
  if (!SpinUntil(finished)) {
    std::unique_lock<std::mutex> lock(impl_->done_mutex);
    impl_->done.wait(lock, finished);
  }
  {
    // Drop the pool's reference so the task's captures do not outlive the call.
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->region.reset();
  }
  if (region->error) std::rethrow_exception(region->error);
}

TESSEL_REGISTER_GLOBAL("runtime.NumThreads", [](const std::vector<Any>&) -> Any {
  return ThreadPool::Global().num_threads();
});

}  // namespace runtime
}  // namespace tessel
