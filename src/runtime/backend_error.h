// The per-thread error message of the C backend API, read by the kernel wrapper.
#ifndef TESSEL_SRC_RUNTIME_BACKEND_ERROR_H_
#define TESSEL_SRC_RUNTIME_BACKEND_ERROR_H_

#include <string>

namespace tessel {
namespace runtime {

/*! Forget the calling thread's backend error message (before a kernel call). */
void ClearBackendError();
/*! The message the calling thread last set with TesselBackendSetError. */
const std::string& GetBackendError();

}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_SRC_RUNTIME_BACKEND_ERROR_H_
