// Device names for messages and Python reprs.
#include "tessel/runtime/device.h"

namespace tessel {
namespace runtime {

std::string DeviceTypeName(DLDeviceType type) {
  switch (type) {
    case kDLCPU: return "cpu";
    case kDLCUDA: return "cuda";
    case kDLCUDAHost: return "cuda_host";
    case kDLOpenCL: return "opencl";
    case kDLVulkan: return "vulkan";
    case kDLMetal: return "metal";
    case kDLROCM: return "rocm";
    case kDLCUDAManaged: return "cuda_managed";
    case kDLOneAPI: return "oneapi";
    case kDLWebGPU: return "webgpu";
    default: return "device" + std::to_string(static_cast<int>(type));
  }
}

std::string DeviceToString(DLDevice device) {
  return DeviceTypeName(device.device_type) + "(" + std::to_string(device.device_id) + ")";
}

}  // namespace runtime
}  // namespace tessel
