// Element type names of runtime tensors: "float32" <-> DLDataType.
#include "tessel/runtime/data_type.h"

#include <cctype>

#include "tessel/support/error.h"

namespace tessel {
namespace runtime {

namespace {

// Reads a decimal number of at most 5 digits from text[pos...]; -1 when there is none.
int ReadNumber(const std::string& text, size_t* pos) {
  size_t start = *pos;
  int value = 0;
  while (*pos < text.size() && std::isdigit(static_cast<unsigned char>(text[*pos])) &&
         *pos - start < 5) {
    value = value * 10 + (text[*pos] - '0');
    ++*pos;
  }
  return *pos == start ? -1 : value;
}

}  // namespace

DLDataType DataTypeFromString(const std::string& text) {
  auto fail = [&]() -> DLDataType {
    throw InvalidArgumentError(StrCat("'", text,
                                      "' is not an element type (expected a name such as "
                                      "float32, int64, uint8, bfloat16, bool or float32x4)"));
  };
  if (text == "bool") return DLDataType{kDLBool, 8, 1};
  static const std::pair<const char*, DLDataTypeCode> kPrefixes[] = {
      {"bfloat", kDLBfloat}, {"float", kDLFloat}, {"uint", kDLUInt}, {"int", kDLInt}};
  for (const auto& [prefix, code] : kPrefixes) {
    std::string p = prefix;
    if (text.compare(0, p.size(), p) != 0) continue;
    size_t pos = p.size();
    int bits = ReadNumber(text, &pos);
    if (bits <= 0 || bits > 255) return fail();
    int lanes = 1;
    if (pos < text.size()) {
      if (text[pos] != 'x') return fail();
      ++pos;
      lanes = ReadNumber(text, &pos);
      if (lanes <= 0 || lanes > 65535) return fail();
    }
    if (pos != text.size()) return fail();
    return DLDataType{static_cast<uint8_t>(code), static_cast<uint8_t>(bits),
                      static_cast<uint16_t>(lanes)};
  }
  return fail();
}

std::string DataTypeToString(DLDataType dtype) {
  std::string name;
  switch (dtype.code) {
    case kDLInt: name = "int"; break;
    case kDLUInt: name = "uint"; break;
    case kDLFloat: name = "float"; break;
    case kDLBfloat: name = "bfloat"; break;
    case kDLOpaqueHandle: name = "handle"; break;
    case kDLComplex: name = "complex"; break;
    case kDLBool: name = "bool"; break;
    default: name = StrCat("code", static_cast<int>(dtype.code), "_"); break;
  }
  // Bytes-wide bools are plain "bool", as in numpy; other widths keep their bits.
  if (!(dtype.code == kDLBool && dtype.bits == 8)) name += std::to_string(dtype.bits);
  if (dtype.lanes != 1) name += "x" + std::to_string(dtype.lanes);
  return name;
}

}  // namespace runtime
}  // namespace tessel
