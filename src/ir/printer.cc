// The script printer's shared machinery: dispatch by type key, lines, names, metadata.
#include "tessel/ir/printer.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <sstream>

#include "tessel/ir/expr.h"

namespace tessel {
namespace ir {

namespace {

std::map<std::string, NodePrintHandler>& Handlers() {
  static auto* handlers = new std::map<std::string, NodePrintHandler>();  // never destroyed
  return *handlers;
}

std::mutex& HandlersMutex() {
  static auto* mutex = new std::mutex();
  return *mutex;
}

// Prints a node with no registered handler as `type_key(field=value, ...)`.
class GenericFieldPrinter : public FieldVisitor {
 public:
  explicit GenericFieldPrinter(ScriptPrinter* printer) : printer_(printer) {}

  void Visit(const char* name, bool* value, FieldRole role) override {
    Add(name, role, *value ? "True" : "False");
  }
  void Visit(const char* name, int64_t* value, FieldRole role) override {
    Add(name, role, std::to_string(*value));
  }
  void Visit(const char* name, double* value, FieldRole role) override {
    Add(name, role, FloatLiteral(*value));
  }
  void Visit(const char* name, std::string* value, FieldRole role) override {
    Add(name, role, QuoteString(*value));
  }
  void Visit(const char* name, DataType* value, FieldRole role) override {
    Add(name, role, QuoteString(value->ToString()));
  }
  void Visit(const char* name, ObjectRef* value, FieldRole role) override {
    Add(name, role, value->defined() ? printer_->Print(*value) : "None");
  }
  std::string Joined() const { return text_.str(); }

 private:
  void Add(const char* name, FieldRole role, const std::string& value) {
    if (role == FieldRole::kIgnored) return;
    text_ << (first_ ? "" : ", ") << name << "=" << value;
    first_ = false;
  }
  ScriptPrinter* printer_;
  std::ostringstream text_;
  bool first_ = true;
};

}  // namespace

void ScriptPrinter::Register(const std::string& type_key, NodePrintHandler handler) {
  std::lock_guard<std::mutex> lock(HandlersMutex());
  if (!Handlers().emplace(type_key, std::move(handler)).second) {
    throw InvalidArgumentError(StrCat("a printer for ", type_key, " is already registered"));
  }
}

std::string ScriptPrinter::Print(const ObjectRef& node) {
  if (!node.defined()) return "None";
  NodePrintHandler handler;
  {
    std::lock_guard<std::mutex> lock(HandlersMutex());
    auto it = Handlers().find(node->type_key());
    if (it != Handlers().end()) handler = it->second;
  }
  if (handler) return handler(node, this);
  GenericFieldPrinter fields(this);
  const_cast<Object*>(node.get())->VisitFields(&fields);
  return StrCat(node->type_key(), "(", fields.Joined(), ")");
}

std::string ScriptPrinter::PrintList(const std::vector<ObjectRef>& nodes) {
  std::string out;
  for (size_t i = 0; i < nodes.size(); ++i) out += (i ? ", " : "") + Print(nodes[i]);
  return out;
}

void ScriptPrinter::Line(const std::string& text) {
  lines_.push_back(std::string(4 * static_cast<size_t>(indent_), ' ') + text);
}

std::string ScriptPrinter::NameOf(const ObjectRef& var, const std::string& hint) {
  auto it = names_.find(var.get());
  if (it != names_.end()) return it->second;
  std::string base = hint.empty() ? "v" : hint;
  std::string name = base;
  int& uses = name_uses_[base];
  // Skip suffixes already taken by a variable literally named like "x_1".
  while (uses > 0 && name_uses_.count(name = base + "_" + std::to_string(uses))) ++uses;
  ++uses;
  if (name != base) name_uses_[name] = 1;
  names_[var.get()] = name;
  return name;
}

std::string ScriptPrinter::AddMetadata(const ObjectRef& node) {
  std::string key = node->type_key();
  for (auto& [group_key, values] : metadata_) {
    if (group_key != key) continue;
    for (size_t i = 0; i < values.size(); ++i) {
      if (values[i].same_as(node)) return StrCat("metadata[", QuoteString(key), "][", i, "]");
    }
    values.push_back(node);
    return StrCat("metadata[", QuoteString(key), "][", values.size() - 1, "]");
  }
  metadata_.push_back({key, {node}});
  return StrCat("metadata[", QuoteString(key), "][0]");
}

std::string ScriptPrinter::Text() const {
  std::string out;
  for (size_t i = 0; i < lines_.size(); ++i) out += (i ? "\n" : "") + lines_[i];
  return out;
}

std::string QuoteString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\x%02x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string FloatLiteral(double value) {
  if (std::isnan(value)) return "float(\"nan\")";
  if (std::isinf(value)) return value > 0 ? "float(\"inf\")" : "float(\"-inf\")";
  // Shortest text that reads back to the same double.
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof(buf), "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  std::string text = buf;
  if (text.find_first_of(".einf") == std::string::npos) text += ".0";
  return text;
}

std::string AsScript(const ObjectRef& node) {
  ScriptPrinter printer;
  std::string expr = printer.Print(node);
  if (!expr.empty()) printer.Line(expr);
  return printer.Text();
}

}  // namespace ir
}  // namespace tessel
