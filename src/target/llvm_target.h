// The LLVM side of a Target: target registry set-up and TargetMachine creation.
// Internal to libtessel (LLVM headers stay out of include/).
#ifndef TESSEL_SRC_TARGET_LLVM_TARGET_H_
#define TESSEL_SRC_TARGET_LLVM_TARGET_H_

#include <llvm/Target/TargetMachine.h>

#include <memory>

#include "tessel/target/target.h"

namespace tessel {
namespace target {

/*! \brief Register every target LLVM was built with (once per process). */
void InitializeLLVMTargets();

/*!
 * \brief The TargetMachine of a target: its triple, CPU and features, position-independent
 * code (so objects link into shared libraries), O3 code generation and FMA contraction.
 * \throws InvalidArgumentError when LLVM does not know the triple.
 */
std::unique_ptr<llvm::TargetMachine> CreateTargetMachine(const Target& target);

}  // namespace target
}  // namespace tessel

#endif  // TESSEL_SRC_TARGET_LLVM_TARGET_H_
