/*!
 * \file tessel/runtime/dlpack.h
 * \brief The DLPack 1.x ABI: the C structs through which tensors cross library boundaries.
 *
 * Written from the DLPack specification (https://dmlc.github.io/dlpack/latest/) rather than
 * vendored, so the runtime has no third-party headers. The names and layouts are those of
 * the standard, so a program that includes the upstream `dlpack/dlpack.h` first gets the
 * same types (the include guard is shared on purpose).
 */
#ifndef DLPACK_DLPACK_H_
#define DLPACK_DLPACK_H_

#include <stddef.h>
#include <stdint.h>

/*! \brief The major version of the DLPack ABI declared here. */
#define DLPACK_MAJOR_VERSION 1
/*! \brief The minor version of the DLPack ABI declared here. */
#define DLPACK_MINOR_VERSION 1

/*! \brief DLManagedTensorVersioned::flags bit: the consumer must not write the data. */
#define DLPACK_FLAG_BITMASK_READ_ONLY (1UL << 0UL)
/*! \brief DLManagedTensorVersioned::flags bit: the producer copied the data for this export. */
#define DLPACK_FLAG_BITMASK_IS_COPIED (1UL << 1UL)
/*! \brief DLManagedTensorVersioned::flags bit: sub-byte elements are padded to whole bytes. */
#define DLPACK_FLAG_BITMASK_IS_SUBBYTE_TYPE_PADDED (1UL << 2UL)

#ifdef __cplusplus
extern "C" {
#endif

/*! \brief The version of a DLManagedTensorVersioned; a consumer rejects a newer major. */
typedef struct {
  /*! \brief Incompatible ABI changes increase this. */
  uint32_t major;
  /*! \brief Compatible additions increase this. */
  uint32_t minor;
} DLPackVersion;

/*! \brief The kind of memory a tensor's data lives in. */
typedef enum {
  kDLCPU = 1,            //!< host memory
  kDLCUDA = 2,           //!< CUDA device memory
  kDLCUDAHost = 3,       //!< CUDA pinned host memory
  kDLOpenCL = 4,         //!< OpenCL device memory
  kDLVulkan = 7,         //!< Vulkan buffer
  kDLMetal = 8,          //!< Metal buffer
  kDLVPI = 9,            //!< Verilog simulator memory
  kDLROCM = 10,          //!< ROCm device memory
  kDLROCMHost = 11,      //!< ROCm pinned host memory
  kDLExtDev = 12,        //!< reserved for extension devices
  kDLCUDAManaged = 13,   //!< CUDA managed (unified) memory
  kDLOneAPI = 14,        //!< oneAPI USM memory
  kDLWebGPU = 15,        //!< WebGPU buffer
  kDLHexagon = 16,       //!< Qualcomm Hexagon DSP memory
  kDLMAIA = 17,          //!< Microsoft MAIA memory
} DLDeviceType;

/*! \brief A device: its kind and its index among devices of that kind. */
typedef struct {
  /*! \brief The kind of device. */
  DLDeviceType device_type;
  /*! \brief The index of the device (0 for the host CPU). */
  int32_t device_id;
} DLDevice;

/*! \brief The kind of number an element is. */
typedef enum {
  kDLInt = 0U,           //!< signed integer
  kDLUInt = 1U,          //!< unsigned integer
  kDLFloat = 2U,         //!< IEEE floating point
  kDLOpaqueHandle = 3U,  //!< an opaque pointer
  kDLBfloat = 4U,        //!< bfloat16
  kDLComplex = 5U,       //!< complex number (two floats)
  kDLBool = 6U,          //!< boolean, usually 8 bits
} DLDataTypeCode;

/*! \brief The element type of a tensor: a code, a bit width and a vector lane count. */
typedef struct {
  /*! \brief A DLDataTypeCode. */
  uint8_t code;
  /*! \brief Bits per lane (32 for float32). */
  uint8_t bits;
  /*! \brief Lanes per element (1 for scalars). */
  uint16_t lanes;
} DLDataType;

/*! \brief A strided view of memory; owns nothing. */
typedef struct {
  /*! \brief The base pointer of the allocation (the first element is at data + byte_offset). */
  void* data;
  /*! \brief Where the data lives. */
  DLDevice device;
  /*! \brief The number of dimensions. */
  int32_t ndim;
  /*! \brief The element type. */
  DLDataType dtype;
  /*! \brief The extent of each dimension (ndim entries). */
  int64_t* shape;
  /*! \brief Strides in elements (ndim entries), or NULL for compact row-major. */
  int64_t* strides;
  /*! \brief Bytes from data to the first element. */
  uint64_t byte_offset;
} DLTensor;

/*! \brief A DLTensor with its owner (the pre-1.0 exchange struct, capsule name "dltensor"). */
typedef struct DLManagedTensor {
  /*! \brief The tensor. */
  DLTensor dl_tensor;
  /*! \brief The producer's state that keeps the data alive. */
  void* manager_ctx;
  /*! \brief Called once by the consumer when done; frees manager_ctx and this struct. */
  void (*deleter)(struct DLManagedTensor* self);
} DLManagedTensor;

/*! \brief The versioned exchange struct (DLPack >= 1.0, capsule name "dltensor_versioned"). */
typedef struct DLManagedTensorVersioned {
  /*! \brief The ABI version the producer wrote. */
  DLPackVersion version;
  /*! \brief The producer's state that keeps the data alive. */
  void* manager_ctx;
  /*! \brief Called once by the consumer when done; frees manager_ctx and this struct. */
  void (*deleter)(struct DLManagedTensorVersioned* self);
  /*! \brief DLPACK_FLAG_BITMASK_* bits. */
  uint64_t flags;
  /*! \brief The tensor. */
  DLTensor dl_tensor;
} DLManagedTensorVersioned;

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // DLPACK_DLPACK_H_
