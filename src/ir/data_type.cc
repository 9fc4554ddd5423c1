// DataType names: parsing and printing "float32x4"-style type names.
#include "tessel/ir/data_type.h"

#include <cctype>

#include "tessel/support/error.h"

namespace tessel {
namespace ir {

namespace {

// Reads a positive decimal number at text[pos...]; returns false when there is none.
bool ReadNumber(const std::string& text, size_t* pos, int* out) {
  size_t start = *pos;
  long value = 0;
  while (*pos < text.size() && std::isdigit(static_cast<unsigned char>(text[*pos]))) {
    value = value * 10 + (text[*pos] - '0');
    if (value > 65535) return false;
    ++*pos;
  }
  *out = static_cast<int>(value);
  return *pos > start && value > 0;
}

}  // namespace

DataType DataType::Parse(const std::string& text) {
  auto fail = [&]() -> DataType {
    throw InvalidArgumentError(StrCat(
        "expected a data type such as float32, int8x16, bool or bfloat16, found '", text, "'"));
  };
  if (text == "void") return Void();
  if (text == "handle") return Handle();
  struct Prefix { const char* name; Code code; int default_bits; };
  // Longest prefixes first so "uint" is not read as "int" and "bfloat" not as "float".
  static const Prefix kPrefixes[] = {{"bfloat", Code::kBFloat, 16}, {"float", Code::kFloat, 32},
                                     {"uint", Code::kUInt, 32},     {"int", Code::kInt, 32},
                                     {"bool", Code::kUInt, 1}};
  for (const Prefix& prefix : kPrefixes) {
    std::string name = prefix.name;
    if (text.compare(0, name.size(), name) != 0) continue;
    size_t pos = name.size();
    int bits = prefix.default_bits;
    if (prefix.default_bits != 1 && pos < text.size() && text[pos] != 'x') {
      if (!ReadNumber(text, &pos, &bits)) return fail();
    }
    int lanes = 1;
    if (pos < text.size()) {
      if (text[pos] != 'x') return fail();
      ++pos;
      if (!ReadNumber(text, &pos, &lanes) || pos != text.size()) return fail();
    }
    bool valid_bits = prefix.code == Code::kFloat ? (bits == 16 || bits == 32 || bits == 64)
                      : prefix.code == Code::kBFloat ? bits == 16
                      : prefix.default_bits == 1     ? true
                                                     : (bits == 8 || bits == 16 || bits == 32 || bits == 64);
    if (!valid_bits) return fail();
    return DataType(prefix.code, bits, lanes);
  }
  return fail();
}

std::string DataType::ToString() const {
  if (is_void()) return "void";
  std::string base;
  if (is_bool()) {
    base = "bool";
  } else {
    switch (code_) {
      case Code::kInt: base = "int"; break;
      case Code::kUInt: base = "uint"; break;
      case Code::kFloat: base = "float"; break;
      case Code::kBFloat: base = "bfloat"; break;
      case Code::kHandle: return "handle";
    }
    base += std::to_string(bits_);
  }
  return lanes_ > 1 ? base + "x" + std::to_string(lanes_) : base;
}

}  // namespace ir
}  // namespace tessel
