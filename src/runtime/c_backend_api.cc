// The C backend API that generated kernels call through their function-pointer globals.
#include "tessel/runtime/c_backend_api.h"

#include <cstdlib>
#include <exception>
#include <string>

#include "backend_error.h"
#include "tessel/runtime/thread_pool.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {

namespace {

thread_local std::string last_error;

}  // namespace

void ClearBackendError() { last_error.clear(); }

const std::string& GetBackendError() { return last_error; }

}  // namespace runtime
}  // namespace tessel

using tessel::runtime::ThreadPool;

extern "C" {

int32_t TesselBackendParallelLaunch(TesselParallelLambda body, void* closure, int32_t num_tasks) {
  try {
    ThreadPool::Global().ParallelFor(num_tasks, [&](int task_id, int count) {
      tessel::runtime::ClearBackendError();
      if (body(task_id, count, closure) != 0) {
        // The message was set in the worker's thread; carry it to the launching thread.
        const std::string& message = tessel::runtime::GetBackendError();
        throw tessel::ExecutionError(message.empty()
                                         ? tessel::StrCat("parallel task ", task_id, " failed")
                                         : message);
      }
    });
  } catch (const std::exception& e) {
    TesselBackendSetError(e.what());
    return -1;
  }
  return 0;
}

void* TesselBackendAllocWorkspace(uint64_t nbytes, uint32_t alignment) {
  size_t align = alignment < 64 ? 64 : alignment;
  if ((align & (align - 1)) != 0) {
    TesselBackendSetError(tessel::StrCat("workspace alignment ", alignment, " is not a power of two")
                              .c_str());
    return nullptr;
  }
  if (nbytes > UINT64_MAX - align) {
    TesselBackendSetError(tessel::StrCat("cannot allocate a workspace of ", nbytes, " bytes").c_str());
    return nullptr;
  }
  // aligned_alloc needs a non-zero multiple of the alignment.
  uint64_t padded = (nbytes + align - 1) / align * align;
  void* ptr = std::aligned_alloc(align, padded == 0 ? align : padded);
  if (ptr == nullptr) {
    TesselBackendSetError(tessel::StrCat("cannot allocate a workspace of ", nbytes, " bytes").c_str());
  }
  return ptr;
}

int32_t TesselBackendFreeWorkspace(void* ptr) {
  std::free(ptr);
  return 0;
}

void TesselBackendSetError(const char* message) {
  tessel::runtime::last_error = message != nullptr ? message : "";
}

}  // extern "C"
