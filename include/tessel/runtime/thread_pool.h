/*!
 * \file tessel/runtime/thread_pool.h
 * \brief The runtime's persistent thread pool, behind parallel loops of compiled kernels.
 */
#ifndef TESSEL_RUNTIME_THREAD_POOL_H_
#define TESSEL_RUNTIME_THREAD_POOL_H_

#include <functional>
#include <memory>

namespace tessel {
namespace runtime {

/*!
 * \brief A fixed set of worker threads that run the tasks of one parallel region at a time.
 *
 * The calling thread takes part in the region, so a pool of N threads has N - 1 workers.
 * Idle workers spin briefly, then sleep on a condition variable. Regions launched from
 * different threads run one after the other; a region launched from inside a task runs
 * serially in that task's thread.
 */
class ThreadPool {
 public:
  /*! \brief The task body: called once per task_id in [0, num_tasks). */
  using Task = std::function<void(int task_id, int num_tasks)>;

  /*!
   * \brief Start a pool of `num_threads` threads (counting the caller).
   * \throws InvalidArgumentError when num_threads < 1.
   */
  explicit ThreadPool(int num_threads);
  /*! \brief Stop and join the workers. */
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  /*!
   * \brief The process-wide pool, started on first use with DefaultNumThreads() threads.
   */
  static ThreadPool& Global();

  /*!
   * \brief The pool size from the environment: `TESSEL_NUM_THREADS` when set, else the
   *        number of CPUs this process may run on (sched_getaffinity).
   * \throws InvalidArgumentError when TESSEL_NUM_THREADS is not a positive integer.
   */
  static int DefaultNumThreads();

  /*! \brief The number of threads, the caller included. */
  int num_threads() const;

  /*!
   * \brief Run `task(task_id, num_tasks)` for every task_id in [0, num_tasks) and wait.
   *
   * `num_tasks` <= 0 means num_threads(). If tasks throw, every task still finishes or is
   * skipped, and the first exception is rethrown in the caller.
   */
  void ParallelFor(int num_tasks, const Task& task);

  /*! \brief Whether the calling thread is running a task of some pool's region. */
  static bool InParallelRegion();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_RUNTIME_THREAD_POOL_H_
