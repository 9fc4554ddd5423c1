// JSON: a strict recursive-descent parser with line:column errors, and a writer.
#include "tessel/runtime/json.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "tessel/support/error.h"

namespace tessel {
namespace runtime {

namespace {

// Nesting deeper than this is rejected rather than risking the stack.
constexpr int kMaxDepth = 512;

class Parser {
 public:
  Parser(const std::string& text, const std::string& source) : text_(text), source_(source) {}

  Json ParseDocument() {
    SkipSpace();
    Json value = ParseValue(0);
    SkipSpace();
    if (pos_ != text_.size()) Fail("unexpected text after the JSON value");
    return value;
  }

 private:
  [[noreturn]] void Fail(const std::string& message) const {
    // Line and column (from 1) of pos_; columns count bytes.
    int line = 1, column = 1;
    for (size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    SourceLocation location{source_, line, column, line, column + 1};
    throw ParseError("invalid JSON: " + message, location);
  }

  std::string Describe() const {
    if (pos_ >= text_.size()) return "the end of the text";
    char c = text_[pos_];
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
      char buf[16];
      std::snprintf(buf, sizeof(buf), "byte 0x%02x", static_cast<unsigned char>(c));
      return buf;
    }
    return StrCat("'", c, "'");
  }

  void SkipSpace() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  void Expect(char c) {
    if (pos_ >= text_.size() || text_[pos_] != c) {
      Fail(StrCat("expected '", c, "', but found ", Describe()));
    }
    ++pos_;
  }

  Json ParseValue(int depth) {
    if (depth > kMaxDepth) Fail(StrCat("nesting deeper than ", kMaxDepth, " levels"));
    if (pos_ >= text_.size()) Fail("expected a value, but found the end of the text");
    char c = text_[pos_];
    switch (c) {
      case '{': return ParseObject(depth);
      case '[': return ParseArray(depth);
      case '"': return Json(ParseString());
      case 't': ParseWord("true"); return Json(true);
      case 'f': ParseWord("false"); return Json(false);
      case 'n': ParseWord("null"); return Json();
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber();
        Fail(StrCat("expected a value, but found ", Describe()));
    }
  }

  void ParseWord(const char* word) {
    size_t n = std::strlen(word);
    if (text_.compare(pos_, n, word) != 0) Fail(StrCat("expected '", word, "'"));
    pos_ += n;
  }

  Json ParseObject(int depth) {
    Expect('{');
    Json::Object members;
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return Json(std::move(members));
    }
    while (true) {
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != '"') {
        Fail(StrCat("expected a string key, but found ", Describe()));
      }
      size_t key_pos = pos_;
      std::string key = ParseString();
      for (const auto& member : members) {
        if (member.first == key) {
          pos_ = key_pos;
          Fail(StrCat("duplicate key \"", key, "\""));
        }
      }
      SkipSpace();
      Expect(':');
      SkipSpace();
      Json value = ParseValue(depth + 1);
      members.emplace_back(std::move(key), std::move(value));
      SkipSpace();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        return Json(std::move(members));
      }
      Fail(StrCat("expected ',' or '}' in an object, but found ", Describe()));
    }
  }

  Json ParseArray(int depth) {
    Expect('[');
    Json::Array items;
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return Json(std::move(items));
    }
    while (true) {
      SkipSpace();
      items.push_back(ParseValue(depth + 1));
      SkipSpace();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        return Json(std::move(items));
      }
      Fail(StrCat("expected ',' or ']' in an array, but found ", Describe()));
    }
  }

  unsigned ParseHex4() {
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
      if (pos_ >= text_.size() || !std::isxdigit(static_cast<unsigned char>(text_[pos_]))) {
        Fail("expected 4 hex digits after \\u");
      }
      char c = text_[pos_++];
      value = value * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return value;
  }

  static void AppendUtf8(unsigned code, std::string* out) {
    if (code < 0x80) {
      out->push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (code >> 6)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (code >> 12)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (code >> 18)));
      out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }

  std::string ParseString() {
    Expect('"');
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) Fail("unterminated string");
      char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) Fail("control character in a string");
      if (c != '\\') {
        out.push_back(c);
        ++pos_;
        continue;
      }
      ++pos_;
      if (pos_ >= text_.size()) Fail("unterminated string");
      char e = text_[pos_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          unsigned code = ParseHex4();
          if (code >= 0xD800 && code < 0xDC00) {
            // A high surrogate must be followed by a low one.
            if (text_.compare(pos_, 2, "\\u") != 0) Fail("unpaired surrogate in \\u escape");
            pos_ += 2;
            unsigned low = ParseHex4();
            if (low < 0xDC00 || low >= 0xE000) Fail("unpaired surrogate in \\u escape");
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          } else if (code >= 0xDC00 && code < 0xE000) {
            Fail("unpaired surrogate in \\u escape");
          }
          AppendUtf8(code, &out);
          break;
        }
        default:
          --pos_;
          Fail(StrCat("invalid escape '\\", e, "'"));
      }
    }
  }

  Json ParseNumber() {
    size_t start = pos_;
    auto digits = [&] {
      size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    if (text_[pos_] == '-') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '0') {
      ++pos_;
    } else if (digits() == 0) {
      Fail("expected a digit");
    }
    bool integral = true;
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      integral = false;
      if (digits() == 0) Fail("expected a digit after '.'");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      integral = false;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (digits() == 0) Fail("expected a digit in the exponent");
    }
    std::string literal = text_.substr(start, pos_ - start);
    if (integral) {
      errno = 0;
      char* end = nullptr;
      long long value = std::strtoll(literal.c_str(), &end, 10);
      if (errno == 0) return Json(static_cast<int64_t>(value));
    }
    double value = std::strtod(literal.c_str(), nullptr);
    if (!std::isfinite(value)) {
      pos_ = start;
      Fail(StrCat("number ", literal, " is out of range"));
    }
    return Json(value);
  }

  const std::string& text_;
  const std::string& source_;
  size_t pos_ = 0;
};

void WriteString(const std::string& s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned char>(c));
          *out += buf;
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void Write(const Json& value, int indent, int level, std::string* out) {
  auto newline = [&](int at) {
    if (indent < 0) return;
    out->push_back('\n');
    out->append(static_cast<size_t>(indent * at), ' ');
  };
  switch (value.kind()) {
    case Json::Kind::kNull: *out += "null"; break;
    case Json::Kind::kBool: *out += value.AsBool() ? "true" : "false"; break;
    case Json::Kind::kInt: *out += std::to_string(value.AsInt()); break;
    case Json::Kind::kReal: {
      char buf[32];
      std::snprintf(buf, sizeof(buf), "%.17g", value.AsReal());
      std::string text = buf;
      // Keep reals recognisable as reals when read back.
      if (text.find_first_of(".eE") == std::string::npos) text += ".0";
      *out += text;
      break;
    }
    case Json::Kind::kString: WriteString(value.AsString(), out); break;
    case Json::Kind::kArray: {
      const auto& items = value.AsArray();
      out->push_back('[');
      for (size_t i = 0; i < items.size(); ++i) {
        if (i) out->push_back(',');
        if (i && indent < 0) out->push_back(' ');
        newline(level + 1);
        Write(items[i], indent, level + 1, out);
      }
      if (!items.empty()) newline(level);
      out->push_back(']');
      break;
    }
    case Json::Kind::kObject: {
      const auto& members = value.AsObject();
      out->push_back('{');
      for (size_t i = 0; i < members.size(); ++i) {
        if (i) out->push_back(',');
        if (i && indent < 0) out->push_back(' ');
        newline(level + 1);
        WriteString(members[i].first, out);
        *out += ": ";
        Write(members[i].second, indent, level + 1, out);
      }
      if (!members.empty()) newline(level);
      out->push_back('}');
      break;
    }
  }
}

}  // namespace

Json::Json(Array value) : value_(std::make_shared<Array>(std::move(value))) {}

Json::Json(Object value) {
  Object unique;
  for (auto& [key, item] : value) {
    bool replaced = false;
    for (auto& member : unique) {
      if (member.first == key) {
        member.second = std::move(item);
        replaced = true;
      }
    }
    if (!replaced) unique.emplace_back(std::move(key), std::move(item));
  }
  value_ = std::make_shared<Object>(std::move(unique));
}

Json Json::Parse(const std::string& text, const std::string& source) {
  return Parser(text, source).ParseDocument();
}

std::string Json::Dump(int indent) const {
  std::string out;
  Write(*this, indent, 0, &out);
  return out;
}

const char* Json::KindName(Kind kind) {
  switch (kind) {
    case Kind::kNull: return "null";
    case Kind::kBool: return "bool";
    case Kind::kInt: return "integer";
    case Kind::kReal: return "number";
    case Kind::kString: return "string";
    case Kind::kArray: return "array";
    case Kind::kObject: return "object";
  }
  return "unknown";
}

void Json::KindMismatch(const char* expected) const {
  const char* found = KindName(kind());
  auto article = [](const char* word) { return std::strchr("aeiou", word[0]) ? "an " : "a "; };
  throw InvalidArgumentError(StrCat("expected a JSON ", expected,
                                    ", but found ", article(found), found));
}

bool Json::AsBool() const {
  if (kind() != Kind::kBool) KindMismatch("bool");
  return std::get<bool>(value_);
}

int64_t Json::AsInt() const {
  if (kind() != Kind::kInt) KindMismatch("integer");
  return std::get<int64_t>(value_);
}

double Json::AsReal() const {
  if (kind() == Kind::kInt) return static_cast<double>(std::get<int64_t>(value_));
  if (kind() != Kind::kReal) KindMismatch("number");
  return std::get<double>(value_);
}

const std::string& Json::AsString() const {
  if (kind() != Kind::kString) KindMismatch("string");
  return std::get<std::string>(value_);
}

const Json::Array& Json::AsArray() const {
  if (kind() != Kind::kArray) KindMismatch("array");
  return *std::get<std::shared_ptr<Array>>(value_);
}

const Json::Object& Json::AsObject() const {
  if (kind() != Kind::kObject) KindMismatch("object");
  return *std::get<std::shared_ptr<Object>>(value_);
}

const Json* Json::Find(const std::string& key) const {
  for (const auto& member : AsObject()) {
    if (member.first == key) return &member.second;
  }
  return nullptr;
}

const Json& Json::At(const std::string& key) const {
  const Json* value = Find(key);
  if (value == nullptr) throw InvalidArgumentError(StrCat("JSON object has no key \"", key, "\""));
  return *value;
}

void Json::Set(const std::string& key, Json value) {
  if (is_null()) value_ = std::make_shared<Object>();
  if (kind() != Kind::kObject) KindMismatch("object");
  auto& members = std::get<std::shared_ptr<Object>>(value_);
  // Copies share storage; copy it before the first write.
  if (members.use_count() > 1) members = std::make_shared<Object>(*members);
  for (auto& member : *members) {
    if (member.first == key) {
      member.second = std::move(value);
      return;
    }
  }
  members->emplace_back(key, std::move(value));
}

void Json::Push(Json value) {
  if (is_null()) value_ = std::make_shared<Array>();
  if (kind() != Kind::kArray) KindMismatch("array");
  auto& items = std::get<std::shared_ptr<Array>>(value_);
  if (items.use_count() > 1) items = std::make_shared<Array>(*items);
  items->push_back(std::move(value));
}

bool Json::operator==(const Json& other) const {
  if (kind() != other.kind()) return false;
  switch (kind()) {
    case Kind::kNull: return true;
    case Kind::kBool: return AsBool() == other.AsBool();
    case Kind::kInt: return AsInt() == other.AsInt();
    case Kind::kReal: return AsReal() == other.AsReal();
    case Kind::kString: return AsString() == other.AsString();
    case Kind::kArray: return AsArray() == other.AsArray();
    case Kind::kObject: return AsObject() == other.AsObject();
  }
  return false;
}

}  // namespace runtime
}  // namespace tessel
