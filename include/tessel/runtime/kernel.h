/*!
 * \file tessel/runtime/kernel.h
 * \brief Kernel metadata and the checked PackedFunc wrapper around a compiled kernel.
 */
#ifndef TESSEL_RUNTIME_KERNEL_H_
#define TESSEL_RUNTIME_KERNEL_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "tessel/runtime/c_backend_api.h"
#include "tessel/runtime/dlpack.h"
#include "tessel/runtime/packed_func.h"

namespace tessel {
namespace runtime {

/*! \brief One parameter of a kernel, as described by the metadata. */
struct KernelParam {
  /*! \brief The parameter's name, used in error messages. */
  std::string name;
  /*! \brief A tensor (passed as its data pointer) or a scalar. */
  bool is_tensor = false;
  /*! \brief The element type of a tensor, or the type of a scalar. */
  DLDataType dtype{kDLFloat, 32, 1};
  /*! \brief A tensor's shape: each dimension fixed, or the name of a symbolic dimension. */
  std::vector<std::variant<int64_t, std::string>> shape;
};

/*! \brief One kernel of a module, as described by the metadata. */
struct KernelInfo {
  /*! \brief The exported symbol, also the function's name. */
  std::string name;
  /*! \brief The parameters the caller passes, in order. */
  std::vector<KernelParam> params;
  /*! \brief Symbolic dimensions that are not parameters, passed after them in this order. */
  std::vector<std::string> shape_vars;
};

/*!
 * \brief Parse the `__tessel_metadata` JSON text of a generated module.
 *
 * The text is `{"format": "tessel.kernels", "version": 1, "functions": [...]}` as
 * specified by the kernel ABI. Besides the syntax it checks that every symbolic shape
 * entry names an int scalar parameter or a shape var, and that every shape var appears
 * in some tensor's shape.
 * \throws ParseError (with line:column) for malformed JSON, InvalidArgumentError for
 *         well-formed JSON that does not describe kernels.
 */
std::vector<KernelInfo> ParseKernelMetadata(const std::string& json);

/*!
 * \brief Wrap a kernel as a PackedFunc that checks its arguments before calling it.
 *
 * The PackedFunc takes the kernel's parameters (tensors as Tensor, scalars as int, float
 * or bool) and returns none. It checks the argument count, each tensor's device (CPU),
 * dtype, rank, fixed dimensions and compact row-major layout, binds every symbolic
 * dimension on first sight and checks each later use and each scalar parameter of the same
 * name, and checks scalar kinds and ranges. Messages name the function and the parameter:
 * `matmul: argument B: dimension 0 is 5, but n = 7 from argument A dimension 1`.
 * A kernel returning non-zero raises ExecutionError with the message it set.
 * \param fn The kernel.
 * \param info Its metadata.
 * \param keep_alive Kept by the PackedFunc (e.g. the library handle that holds `fn`).
 */
PackedFunc WrapKernel(TesselKernel fn, KernelInfo info, std::shared_ptr<void> keep_alive);

/*!
 * \brief Point a loaded module's four backend API globals at this runtime.
 *
 * `lookup(symbol)` returns the address of a global of the module, or null; each of
 * `__tessel_backend_parallel_launch`, `__tessel_backend_alloc_workspace`,
 * `__tessel_backend_free_workspace`, `__tessel_backend_set_error` that is found is set.
 */
void InitBackendApi(const std::function<void*(const char* symbol)>& lookup);

}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_RUNTIME_KERNEL_H_
