// The pass registry: factories by name, for pipelines, requirements and Python.
#include <algorithm>
#include <cctype>
#include <mutex>
#include <unordered_map>

#include "tessel/ir/transform.h"

namespace tessel {
namespace ir {
namespace transform {

namespace {

struct PassRegistry {
  std::mutex mutex;
  std::unordered_map<std::string, std::function<Pass()>> factories;
};

PassRegistry& Registry() {
  // Never destroyed: factories may hold Python callables, which must not be released
  // after the interpreter has shut down.
  static PassRegistry* registry = new PassRegistry();
  return *registry;
}

// Levenshtein distance, case-insensitive: "removeunused" should suggest "RemoveUnusedFunctions".
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                  std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Up to three registered names close to name: a substring match or a small edit distance.
std::vector<std::string> CloseNames(const std::string& name, std::vector<std::string> names) {
  std::string lower = Lower(name);
  std::vector<std::pair<size_t, std::string>> scored;
  for (std::string& candidate : names) {
    std::string lower_candidate = Lower(candidate);
    size_t distance = EditDistance(name, candidate);
    bool substring = !lower.empty() && (lower_candidate.find(lower) != std::string::npos ||
                                        lower.find(lower_candidate) != std::string::npos);
    if (substring) distance = 0;
    if (distance <= std::max<size_t>(2, name.size() / 3)) scored.emplace_back(distance, candidate);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && i < 3; ++i) out.push_back(scored[i].second);
  return out;
}

}  // namespace

void RegisterPass(const std::string& name, std::function<Pass()> factory, bool override) {
  if (!factory) throw InvalidArgumentError(StrCat("register_pass '", name, "': no factory"));
  PassRegistry& registry = Registry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  auto it = registry.factories.find(name);
  if (it != registry.factories.end() && !override) {
    throw InvalidArgumentError(StrCat("a pass named '", name, "' is already registered"));
  }
  registry.factories[name] = std::move(factory);
}

Pass GetPass(const std::string& name) {
  std::function<Pass()> factory;
  {
    PassRegistry& registry = Registry();
    std::lock_guard<std::mutex> lock(registry.mutex);
    auto it = registry.factories.find(name);
    if (it != registry.factories.end()) factory = it->second;
  }
  if (!factory) {
    std::vector<std::string> all = ListPasses();
    std::vector<std::string> close = CloseNames(name, all);
    std::string hint;
    for (const std::string& c : close.empty() ? all : close) hint += (hint.empty() ? "" : ", ") + c;
    throw InvalidArgumentError(StrCat("no pass named '", name, "' is registered; ",
                                      close.empty() ? "registered passes: " : "did you mean: ",
                                      hint.empty() ? "(none)" : hint));
  }
  // Called outside the lock: a factory may itself look passes up.
  Pass pass = factory();
  if (!pass.defined()) {
    throw InvalidArgumentError(StrCat("the factory of pass '", name, "' returned no pass"));
  }
  return pass;
}

std::vector<std::string> ListPasses() {
  PassRegistry& registry = Registry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  std::vector<std::string> names;
  for (const auto& [name, factory] : registry.factories) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace transform
}  // namespace ir
}  // namespace tessel
