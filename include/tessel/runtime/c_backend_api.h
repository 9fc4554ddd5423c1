/*!
 * \file tessel/runtime/c_backend_api.h
 * \brief The C ABI between generated kernels and the runtime.
 *
 * Every compiled PrimFunc `name` is exported with C linkage as a TesselKernel under the
 * symbol `__tessel_kernel_<name>` (TESSEL_KERNEL_SYMBOL_PREFIX): a kernel named like a C
 * library function (`sin`, `memcpy`) must not stand in for it. Its arguments are the PrimFunc's parameters in order (a tensor's data
 * pointer in `v_handle`, an int scalar in `v_int64`, a float scalar in `v_float64`), then
 * one `v_int64` per symbolic dimension listed in the metadata's `shape_vars`.
 *
 * Generated code never links against these functions by name: each generated module
 * defines four null-initialised function-pointer globals, `__tessel_backend_parallel_launch`,
 * `__tessel_backend_alloc_workspace`, `__tessel_backend_free_workspace` and
 * `__tessel_backend_set_error`, which the loader fills in (tessel::runtime::InitBackendApi),
 * and the JSON text `const char __tessel_metadata[]` describing its kernels.
 */
#ifndef TESSEL_RUNTIME_C_BACKEND_API_H_
#define TESSEL_RUNTIME_C_BACKEND_API_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*! \brief What precedes a kernel's name in its exported symbol. */
#define TESSEL_KERNEL_SYMBOL_PREFIX "__tessel_kernel_"

/*! \brief One kernel argument. */
typedef union {
  int64_t v_int64;   /*!< an int scalar or a symbolic dimension */
  double v_float64;  /*!< a float scalar */
  void* v_handle;    /*!< a tensor's data pointer */
} TesselValue;

/*! \brief A compiled kernel: returns 0 on success, non-zero after TesselBackendSetError. */
typedef int32_t (*TesselKernel)(TesselValue* args, int32_t num_args);

/*! \brief The body of a parallel region, run once per task; returns 0 on success. */
typedef int32_t (*TesselParallelLambda)(int32_t task_id, int32_t num_tasks, void* closure);

/*!
 * \brief Run `body(task_id, num_tasks, closure)` for every task_id in [0, num_tasks) on the
 *        runtime thread pool and wait for all of them.
 *
 * `num_tasks` <= 0 means the pool's size. A launch from inside a task runs its tasks
 * serially in the calling thread.
 * \return 0, or -1 when a task returned non-zero (its error message is kept for the caller).
 */
int32_t TesselBackendParallelLaunch(TesselParallelLambda body, void* closure, int32_t num_tasks);

/*!
 * \brief Allocate `nbytes` of scratch memory aligned to `alignment` (at least 64) bytes.
 * \return the memory, or NULL (with the error message set) when allocation fails.
 */
void* TesselBackendAllocWorkspace(uint64_t nbytes, uint32_t alignment);

/*! \brief Free memory from TesselBackendAllocWorkspace; returns 0. NULL is accepted. */
int32_t TesselBackendFreeWorkspace(void* ptr);

/*! \brief Set the calling thread's error message, reported when the kernel returns non-zero. */
void TesselBackendSetError(const char* message);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // TESSEL_RUNTIME_C_BACKEND_API_H_
