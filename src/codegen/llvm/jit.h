// LLVMJit: an LLVM module compiled in memory with ORC LLJIT.
#ifndef TESSEL_SRC_CODEGEN_LLVM_JIT_H_
#define TESSEL_SRC_CODEGEN_LLVM_JIT_H_

#include <llvm/ExecutionEngine/Orc/LLJIT.h>

#include <memory>
#include <string>

#include "compile.h"

namespace tessel {
namespace codegen {

/*! \brief Owns the JIT-compiled code of one module; addresses stay valid while it lives. */
class LLVMJit {
 public:
  /*!
   * \brief Compile the module for the host.
   * \throws InvalidArgumentError when the target is not the host.
   */
  LLVMJit(LLVMCompilation compilation, const target::Target& target);

  /*! \brief The address of a symbol of the module, or nullptr when there is none. */
  void* Lookup(const std::string& symbol) const;

 private:
  std::unique_ptr<llvm::orc::LLJIT> jit_;
};

}  // namespace codegen
}  // namespace tessel

#endif  // TESSEL_SRC_CODEGEN_LLVM_JIT_H_
