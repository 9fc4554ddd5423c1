// PassContext: the per-thread stack of pass settings, and the config key registry.
#include <exception>
#include <mutex>

#include "tessel/ir/transform.h"

namespace tessel {
namespace ir {
namespace transform {

namespace {

struct ConfigRegistry {
  std::mutex mutex;
  std::map<std::string, std::string> types;  // key -> value type key
};

ConfigRegistry& Configs() {
  static ConfigRegistry* registry = new ConfigRegistry();  // never destroyed: static teardown
  return *registry;
}

// The entered contexts of this thread, innermost last. Function-local so a thread that
// never uses passes pays nothing.
std::vector<PassContext>& Stack() {
  thread_local std::vector<PassContext> stack;
  return stack;
}

std::string JoinKeys(const std::map<std::string, std::string>& types) {
  std::string out;
  for (const auto& [key, type] : types) out += (out.empty() ? "" : ", ") + key + " (" + type + ")";
  return out.empty() ? "(none)" : out;
}

void ValidateConfig(const Map<String, ObjectRef>& config) {
  ConfigRegistry& registry = Configs();
  std::lock_guard<std::mutex> lock(registry.mutex);
  for (const auto& [key, value] : config.items()) {
    auto it = registry.types.find(key.str());
    if (it == registry.types.end()) {
      throw InvalidArgumentError(StrCat("PassContext: unknown config key '", key.str(),
                                        "'; registered keys: ", JoinKeys(registry.types)));
    }
    const char* found = value.defined() ? value->type_key() : "None";
    if (it->second != found) {
      throw InvalidArgumentError(StrCat("PassContext: config '", key.str(), "' expects a ",
                                        it->second, ", found a ", found));
    }
  }
}

std::vector<String> ToStrings(const std::vector<std::string>& names) {
  return std::vector<String>(names.begin(), names.end());
}

bool Contains(const Array<String>& names, const std::string& name) {
  for (const String& n : names) {
    if (n.str() == name) return true;
  }
  return false;
}

}  // namespace

PassContext PassContext::Create(int opt_level, Map<String, ObjectRef> config,
                                std::vector<std::string> disabled_pass,
                                std::vector<std::string> required_pass,
                                std::vector<PassInstrument> instruments) {
  ValidateConfig(config);
  for (const PassInstrument& instrument : instruments) {
    if (!instrument.defined()) throw InvalidArgumentError("PassContext: an instrument is None");
  }
  auto node = make_object<PassContextNode>();
  node->opt_level = opt_level;
  node->config = std::move(config);
  node->disabled_pass = Array<String>(ToStrings(disabled_pass));
  node->required_pass = Array<String>(ToStrings(required_pass));
  node->instruments = Array<PassInstrument>(instruments);
  return PassContext(ObjectPtr<Object>(node));
}

PassContext PassContext::Current() {
  std::vector<PassContext>& stack = Stack();
  if (!stack.empty()) return stack.back();
  thread_local PassContext fallback = Create();
  return fallback;
}

void PassContext::EnterWithScope() const {
  const auto& instruments = get()->instruments;
  // Enter the instruments first: if one fails, the ones already entered are exited and
  // the context is not entered, so the stack never holds a half-entered context.
  for (size_t i = 0; i < instruments.size(); ++i) {
    try {
      instruments[i]->EnterPassContext();
    } catch (...) {
      for (size_t j = i; j-- > 0;) {
        try {
          instruments[j]->ExitPassContext();
        } catch (...) {  // the first error is the one to report
        }
      }
      throw;
    }
  }
  Stack().push_back(*this);
}

void PassContext::ExitWithScope() const {
  std::vector<PassContext>& stack = Stack();
  if (stack.empty() || !stack.back().same_as(*this)) {
    throw InvalidArgumentError(
        "PassContext: exiting a context that is not the innermost entered one");
  }
  // Pop first so that an instrument failing on exit leaves the stack consistent.
  stack.pop_back();
  for (const PassInstrument& instrument : get()->instruments) instrument->ExitPassContext();
}

PassContext::Scope::Scope(PassContext ctx)
    : ctx_(ctx.data()), uncaught_at_entry_(std::uncaught_exceptions()) {
  ctx.EnterWithScope();
}

PassContext::Scope::~Scope() noexcept(false) {
  if (std::uncaught_exceptions() > uncaught_at_entry_) {
    try {
      PassContext(ctx_).ExitWithScope();
    } catch (...) {  // throwing while unwinding would terminate the program
    }
  } else {
    PassContext(ctx_).ExitWithScope();
  }
}

void PassContext::RegisterConfig(const std::string& key, const std::string& value_type_key) {
  ConfigRegistry& registry = Configs();
  std::lock_guard<std::mutex> lock(registry.mutex);
  auto [it, inserted] = registry.types.emplace(key, value_type_key);
  if (!inserted && it->second != value_type_key) {
    throw InvalidArgumentError(StrCat("PassContext.register_config: '", key,
                                      "' is already registered with type ", it->second,
                                      ", not ", value_type_key));
  }
}

std::map<std::string, std::string> PassContext::ListConfigs() {
  ConfigRegistry& registry = Configs();
  std::lock_guard<std::mutex> lock(registry.mutex);
  return registry.types;
}

bool PassContext::PassEnabled(const PassInfo& info) const {
  if (Contains(get()->disabled_pass, info->name)) return false;
  if (Contains(get()->required_pass, info->name)) return true;
  return info->opt_level <= get()->opt_level;
}

bool PassContext::InstrumentShouldRun(const IRModule& mod, const PassInfo& info) const {
  for (const PassInstrument& instrument : get()->instruments) {
    if (!instrument->ShouldRun(mod, info)) return false;
  }
  return true;
}

void PassContext::InstrumentBeforePass(const IRModule& mod, const PassInfo& info) const {
  for (const PassInstrument& instrument : get()->instruments) instrument->RunBeforePass(mod, info);
}

void PassContext::InstrumentAfterPass(const IRModule& mod, const PassInfo& info) const {
  for (const PassInstrument& instrument : get()->instruments) instrument->RunAfterPass(mod, info);
}

}  // namespace transform
}  // namespace ir
}  // namespace tessel
