// Any and PackedFunc: the dynamically typed values and functions of the runtime.
#include "tessel/runtime/packed_func.h"

#include <sstream>

#include "tessel/runtime/module.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {

PackedFunc::PackedFunc(Body body)
    : body_(body ? std::make_shared<const Body>(std::move(body)) : nullptr) {}

Any PackedFunc::operator()(const std::vector<Any>& args) const {
  if (!body_) throw InvalidArgumentError("call of an undefined PackedFunc");
  return (*body_)(args);
}

Any::Any(const Module& value) : value_(value.node()) {
  if (!value.defined()) value_ = std::monostate();
}

Any::Any(std::vector<Any> value)
    : value_(std::make_shared<const std::vector<Any>>(std::move(value))) {}

const char* Any::KindName(Kind kind) {
  switch (kind) {
    case Kind::kNone: return "none";
    case Kind::kInt: return "int";
    case Kind::kFloat: return "float";
    case Kind::kBool: return "bool";
    case Kind::kString: return "string";
    case Kind::kTensor: return "Tensor";
    case Kind::kFunc: return "PackedFunc";
    case Kind::kModule: return "Module";
    case Kind::kArray: return "list";
    case Kind::kShape: return "Shape";
  }
  return "unknown";
}

void Any::KindMismatch(Kind expected) const {
  throw InvalidArgumentError(
      StrCat("expected ", KindName(expected), ", but found ", ToString()));
}

int64_t Any::AsInt() const {
  if (kind() == Kind::kBool) return std::get<bool>(value_) ? 1 : 0;
  if (kind() != Kind::kInt) KindMismatch(Kind::kInt);
  return std::get<int64_t>(value_);
}

double Any::AsFloat() const {
  if (kind() == Kind::kInt) return static_cast<double>(std::get<int64_t>(value_));
  if (kind() != Kind::kFloat) KindMismatch(Kind::kFloat);
  return std::get<double>(value_);
}

bool Any::AsBool() const {
  if (kind() != Kind::kBool) KindMismatch(Kind::kBool);
  return std::get<bool>(value_);
}

const std::string& Any::AsString() const {
  if (kind() != Kind::kString) KindMismatch(Kind::kString);
  return std::get<std::string>(value_);
}

const Tensor& Any::AsTensor() const {
  if (kind() != Kind::kTensor) KindMismatch(Kind::kTensor);
  return std::get<Tensor>(value_);
}

const PackedFunc& Any::AsFunc() const {
  if (kind() != Kind::kFunc) KindMismatch(Kind::kFunc);
  return std::get<PackedFunc>(value_);
}

Module Any::AsModule() const {
  if (kind() != Kind::kModule) KindMismatch(Kind::kModule);
  return Module(std::get<std::shared_ptr<ModuleNode>>(value_));
}

const std::vector<Any>& Any::AsArray() const {
  if (kind() != Kind::kArray) KindMismatch(Kind::kArray);
  return *std::get<std::shared_ptr<const std::vector<Any>>>(value_);
}

const ShapeTuple& Any::AsShape() const {
  if (kind() != Kind::kShape) KindMismatch(Kind::kShape);
  return std::get<ShapeTuple>(value_);
}

std::string Any::ToString() const {
  std::ostringstream os;
  switch (kind()) {
    case Kind::kNone: return "none";
    case Kind::kInt: os << "int " << std::get<int64_t>(value_); break;
    case Kind::kFloat: os << "float " << std::get<double>(value_); break;
    case Kind::kBool: os << "bool " << (std::get<bool>(value_) ? "true" : "false"); break;
    case Kind::kString: os << "string '" << std::get<std::string>(value_) << "'"; break;
    case Kind::kTensor: {
      const Tensor& t = std::get<Tensor>(value_);
      os << "Tensor " << DataTypeToString(t.dtype()) << "[";
      for (int32_t i = 0; i < t.ndim(); ++i) os << (i ? ", " : "") << t.dltensor().shape[i];
      os << "]";
      break;
    }
    case Kind::kFunc: return "PackedFunc";
    case Kind::kModule:
      os << "Module '" << std::get<std::shared_ptr<ModuleNode>>(value_)->type_key() << "'";
      break;
    case Kind::kArray: os << "list of " << AsArray().size(); break;
    case Kind::kShape: os << "Shape " << AsShape().ToString(); break;
  }
  return os.str();
}

}  // namespace runtime
}  // namespace tessel
