// The kernel signature of a PrimFunc (its arguments in ABI order) and the
// `__tessel_metadata` JSON text that describes every kernel of a module.
#ifndef TESSEL_SRC_CODEGEN_LLVM_METADATA_H_
#define TESSEL_SRC_CODEGEN_LLVM_METADATA_H_

#include <string>
#include <vector>

#include "tessel/tir/function.h"

namespace tessel {
namespace codegen {

/*! \brief One TesselValue a kernel receives. */
struct KernelArgument {
  std::string name;        //!< the parameter's or symbolic dimension's name
  tir::Var var;            //!< the variable it binds in the body
  bool is_tensor = false;  //!< a tensor's data pointer; else a scalar of var's dtype
  tir::Buffer buffer;      //!< for a tensor: the buffer the body indexes (its data is bound too)
};

/*! \brief What the kernel of one PrimFunc takes, and its metadata entry. */
struct KernelSignature {
  std::string symbol;                    //!< the exported name
  std::vector<KernelArgument> arguments;  //!< params, then shape variables
  std::string json;                      //!< the function's entry of "functions"
};

/*!
 * \brief The signature of func's kernel: params in order, then one int64 per symbolic
 * dimension of a tensor parameter that is not itself a param.
 *
 * Tensor parameters are described by the "tir.param_buffers" attribute when present,
 * else by buffer_map.
 * \throws InvalidArgumentError when a dimension is neither a constant nor a variable, or
 *   two different variables share a name.
 */
KernelSignature DescribeKernel(const std::string& symbol, const tir::PrimFunc& func);

/*! \brief The JSON text of `__tessel_metadata` for the given kernels. */
std::string MetadataJson(const std::vector<KernelSignature>& kernels);

}  // namespace codegen
}  // namespace tessel

#endif  // TESSEL_SRC_CODEGEN_LLVM_METADATA_H_
