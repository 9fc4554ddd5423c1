// Constructors of the memory operators, for the passes that lower Relax to the VM form.
// Each returns a call whose struct info is already set, so passes need no BlockBuilder.
#ifndef TESSEL_SRC_RELAX_OP_MEMORY_H_
#define TESSEL_SRC_RELAX_OP_MEMORY_H_

#include <cstdint>

#include "tessel/relax/struct_info.h"

namespace tessel {
namespace relax {

// relax.memory.alloc_storage(R.shape([size_bytes]), device_index, dtype): a Storage.
Expr AllocStorage(int64_t size_bytes, int64_t device_index, DataType dtype);
// relax.memory.alloc_tensor(storage, offset_bytes, shape, dtype): a view into storage.
Expr AllocTensor(Expr storage, int64_t offset_bytes, Expr shape, DataType dtype);
// relax.builtin.alloc_tensor(shape, dtype, device_index): a fresh tensor.
Expr BuiltinAllocTensor(Expr shape, DataType dtype, int64_t device_index);

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_SRC_RELAX_OP_MEMORY_H_
