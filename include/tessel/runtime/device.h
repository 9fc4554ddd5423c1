/*!
 * \file tessel/runtime/device.h
 * \brief Devices (DLDevice): constructing and naming them.
 */
#ifndef TESSEL_RUNTIME_DEVICE_H_
#define TESSEL_RUNTIME_DEVICE_H_

#include <cstdint>
#include <string>

#include "tessel/runtime/dlpack.h"

namespace tessel {
namespace runtime {

/*! \brief The host CPU; `index` is kept for symmetry with other devices and is usually 0. */
inline DLDevice CPUDevice(int32_t index = 0) { return DLDevice{kDLCPU, index}; }

/*! \brief Whether two devices are the same kind and index. */
inline bool DeviceEqual(DLDevice a, DLDevice b) {
  return a.device_type == b.device_type && a.device_id == b.device_id;
}

/*! \brief The name of a device kind: "cpu", "cuda", ...; "device<N>" for unknown kinds. */
std::string DeviceTypeName(DLDeviceType type);

/*! \brief The name of a device, such as "cpu(0)". */
std::string DeviceToString(DLDevice device);

}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_RUNTIME_DEVICE_H_
