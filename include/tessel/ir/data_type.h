/*!
 * \file tessel/ir/data_type.h
 * \brief DataType: the scalar or vector type of a value ("float32", "int8x16", "bool").
 */
#ifndef TESSEL_IR_DATA_TYPE_H_
#define TESSEL_IR_DATA_TYPE_H_

#include <cstdint>
#include <string>

namespace tessel {
namespace ir {

/*!
 * \brief A value type: a code (int, uint, float, bfloat, handle), a bit width and a lane count.
 *
 * `bool` is `uint1`. A vector of 16 floats is `float32x16`. DataType is a plain value,
 * not a node: it is copied, compared with `==`, and printed with ToString().
 */
class DataType {
 public:
  /*! \brief The kind of number. */
  enum class Code : uint8_t { kInt = 0, kUInt = 1, kFloat = 2, kHandle = 3, kBFloat = 4 };

  /*! \brief The void type (handle of 0 bits), used for statements and opaque values. */
  DataType() : code_(Code::kHandle), bits_(0), lanes_(0) {}
  /*! \brief A type from its parts. */
  DataType(Code code, int bits, int lanes = 1)
      : code_(code), bits_(static_cast<uint8_t>(bits)), lanes_(static_cast<uint16_t>(lanes)) {}

  /*!
   * \brief Parse a type name such as "float32", "int8x16", "bool", "bfloat16", "handle", "void".
   * \throws InvalidArgumentError naming the text when it is not a type.
   */
  static DataType Parse(const std::string& text);
  /*! \brief A signed integer type. */
  static DataType Int(int bits, int lanes = 1) { return DataType(Code::kInt, bits, lanes); }
  /*! \brief An unsigned integer type. */
  static DataType UInt(int bits, int lanes = 1) { return DataType(Code::kUInt, bits, lanes); }
  /*! \brief An IEEE floating-point type. */
  static DataType Float(int bits, int lanes = 1) { return DataType(Code::kFloat, bits, lanes); }
  /*! \brief bfloat16. */
  static DataType BFloat16(int lanes = 1) { return DataType(Code::kBFloat, 16, lanes); }
  /*! \brief The boolean type (uint1). */
  static DataType Bool(int lanes = 1) { return DataType(Code::kUInt, 1, lanes); }
  /*! \brief An opaque pointer. */
  static DataType Handle() { return DataType(Code::kHandle, 64, 1); }
  /*! \brief The type of a statement or of no value. */
  static DataType Void() { return DataType(); }

  /*! \brief The code. */
  Code code() const { return code_; }
  /*! \brief Bits per lane. */
  int bits() const { return bits_; }
  /*! \brief Number of lanes; 1 for scalars. */
  int lanes() const { return lanes_; }
  /*! \brief Bytes per lane, rounded up. */
  int bytes() const { return (bits_ + 7) / 8; }

  bool is_scalar() const { return lanes_ == 1; }        //!< one lane
  bool is_vector() const { return lanes_ > 1; }         //!< more than one lane
  bool is_bool() const { return code_ == Code::kUInt && bits_ == 1; }  //!< bool
  bool is_int() const { return code_ == Code::kInt; }    //!< signed integer
  bool is_uint() const { return code_ == Code::kUInt; }  //!< unsigned integer (bool included)
  bool is_float() const { return code_ == Code::kFloat || code_ == Code::kBFloat; }  //!< float or bfloat
  bool is_handle() const { return code_ == Code::kHandle && bits_ != 0; }  //!< a pointer
  bool is_void() const { return code_ == Code::kHandle && bits_ == 0; }    //!< no value
  /*! \brief Signed or unsigned integer, bool excluded. */
  bool is_integer() const { return (is_int() || is_uint()) && !is_bool(); }

  /*! \brief The same type with another lane count. */
  DataType with_lanes(int lanes) const { return DataType(code_, bits_, lanes); }
  /*! \brief The scalar type of one lane. */
  DataType element_of() const { return with_lanes(1); }

  /*! \brief The canonical name ("float32", "int8x16", "bool"). */
  std::string ToString() const;

  bool operator==(const DataType& other) const {
    return code_ == other.code_ && bits_ == other.bits_ && lanes_ == other.lanes_;
  }
  bool operator!=(const DataType& other) const { return !(*this == other); }

 private:
  Code code_;
  uint8_t bits_;
  uint16_t lanes_;
};

}  // namespace ir
}  // namespace tessel

#endif  // TESSEL_IR_DATA_TYPE_H_
