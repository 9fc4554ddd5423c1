/*!
 * \file tessel/runtime/data_type.h
 * \brief Element types of runtime tensors (DLDataType) and their names ("float32").
 */
#ifndef TESSEL_RUNTIME_DATA_TYPE_H_
#define TESSEL_RUNTIME_DATA_TYPE_H_

#include <cstdint>
#include <string>

#include "tessel/runtime/dlpack.h"

namespace tessel {
namespace runtime {

/*!
 * \brief Parse an element type name: "float32", "int8", "uint16", "bfloat16", "bool",
 *        "float32x4" (4 lanes).
 *
 * "bool" is {kDLBool, 8, 1}, the layout numpy and PyTorch use.
 * \throws InvalidArgumentError naming the text when it is not a type.
 */
DLDataType DataTypeFromString(const std::string& text);

/*! \brief The name of an element type, the inverse of DataTypeFromString(). */
std::string DataTypeToString(DLDataType dtype);

/*! \brief Whether two element types are the same (code, bits and lanes). */
inline bool DataTypeEqual(DLDataType a, DLDataType b) {
  return a.code == b.code && a.bits == b.bits && a.lanes == b.lanes;
}

/*! \brief Bytes one element occupies in memory (bits * lanes, rounded up to bytes). */
inline int64_t DataTypeBytes(DLDataType dtype) {
  return (static_cast<int64_t>(dtype.bits) * dtype.lanes + 7) / 8;
}

}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_RUNTIME_DATA_TYPE_H_
