// Target: parsing and printing target strings, and the TargetMachine of a target.
#include "tessel/target/target.h"

#include <llvm/ADT/StringMap.h>
#include <llvm/MC/MCSubtargetInfo.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/TargetParser/Host.h>
#include <llvm/TargetParser/Triple.h>

#include <mutex>
#include <sstream>

#include "llvm_target.h"
#include "tessel/support/error.h"

namespace tessel {
namespace target {

namespace {

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, sep)) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

std::vector<std::string> HostFeatures() {
  std::vector<std::string> features;
  for (const auto& [name, enabled] : llvm::sys::getHostCPUFeatures()) {
    features.push_back((enabled ? "+" : "-") + name.str());
  }
  return features;
}

const llvm::Target* LookupTarget(const std::string& triple, const std::string& where) {
  InitializeLLVMTargets();
  std::string error;
  const llvm::Target* target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (target == nullptr) {
    throw InvalidArgumentError(StrCat(where, ": LLVM has no target for triple '", triple, "' (",
                                      error, ")"));
  }
  return target;
}

}  // namespace

void InitializeLLVMTargets() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmPrinters();
    llvm::InitializeAllAsmParsers();
  });
}

Target::Target(const std::string& text) {
  std::vector<std::string> words = Split(text, ' ');
  if (words.empty()) throw InvalidArgumentError("Target: empty target string, expected e.g. 'llvm'");
  kind_ = words[0];
  if (kind_ != "llvm") {
    throw InvalidArgumentError(StrCat("Target '", text, "': unknown kind '", kind_,
                                      "' (known kinds: llvm)"));
  }
  for (size_t i = 1; i < words.size(); ++i) {
    const std::string& word = words[i];
    size_t eq = word.find('=');
    std::string key = word.substr(0, eq);
    std::string value = eq == std::string::npos ? "" : word.substr(eq + 1);
    auto need_value = [&] {
      if (eq == std::string::npos || value.empty()) {
        throw InvalidArgumentError(StrCat("Target '", text, "': option ", key, " needs a value (",
                                          key, "=...)"));
      }
    };
    if (key == "-mtriple") {
      need_value();
      triple_ = value;
      has_triple_ = true;
    } else if (key == "-mcpu") {
      need_value();
      cpu_ = value;
      has_cpu_ = true;
    } else if (key == "-mattr") {
      need_value();
      attrs_ = Split(value, ',');
      for (const std::string& attr : attrs_) {
        if (attr.size() < 2 || (attr[0] != '+' && attr[0] != '-')) {
          throw InvalidArgumentError(StrCat("Target '", text, "': -mattr feature '", attr,
                                            "' must start with + or -"));
        }
      }
      has_attrs_ = true;
    } else if (key == "-num-threads") {
      need_value();
      size_t used = 0;
      int threads = -1;
      try {
        threads = std::stoi(value, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != value.size() || threads < 0) {
        throw InvalidArgumentError(StrCat("Target '", text, "': -num-threads value '", value,
                                          "' is not a non-negative integer"));
      }
      num_threads_ = threads;
      has_num_threads_ = true;
    } else if (key == "-fast-math") {
      if (eq != std::string::npos) {
        throw InvalidArgumentError(StrCat("Target '", text, "': -fast-math takes no value"));
      }
      fast_math_ = true;
    } else {
      throw InvalidArgumentError(StrCat("Target '", text, "': unknown option '", key,
                                        "' (known: -mtriple, -mcpu, -mattr, -num-threads, "
                                        "-fast-math)"));
    }
  }
  std::string host_triple = llvm::sys::getDefaultTargetTriple();
  if (!has_triple_) triple_ = host_triple;
  triple_ = llvm::Triple::normalize(triple_);
  bool host = triple_ == llvm::Triple::normalize(host_triple);
  if (!has_cpu_) cpu_ = host ? llvm::sys::getHostCPUName().str() : "generic";
  if (!has_attrs_ && !has_cpu_ && host) attrs_ = HostFeatures();

  const llvm::Target* llvm_target = LookupTarget(triple_, StrCat("Target '", text, "'"));
  std::unique_ptr<llvm::MCSubtargetInfo> info(
      llvm_target->createMCSubtargetInfo(triple_, cpu_, ""));
  if (info == nullptr || !info->isCPUStringValid(cpu_)) {
    throw InvalidArgumentError(StrCat("Target '", text, "': unknown -mcpu '", cpu_,
                                      "' for triple ", triple_));
  }
}

Target Target::Host() { return Target("llvm"); }

std::string Target::FeatureString() const {
  std::string joined;
  for (const std::string& attr : attrs_) joined += (joined.empty() ? "" : ",") + attr;
  return joined;
}

bool Target::is_host() const {
  return triple_ == llvm::Triple::normalize(llvm::sys::getDefaultTargetTriple());
}

std::string Target::str() const {
  std::string text = kind_;
  if (has_triple_) text += " -mtriple=" + triple_;
  if (has_cpu_) text += " -mcpu=" + cpu_;
  if (has_attrs_) text += " -mattr=" + FeatureString();
  if (has_num_threads_) text += " -num-threads=" + std::to_string(num_threads_);
  if (fast_math_) text += " -fast-math";
  return text;
}

std::unique_ptr<llvm::TargetMachine> CreateTargetMachine(const Target& target) {
  const llvm::Target* llvm_target = LookupTarget(target.triple(), StrCat("Target '", target.str(), "'"));
  llvm::TargetOptions options;
  // Contraction of a * b + c into an FMA is always on; the other fast-math rewrites are not.
  options.AllowFPOpFusion = llvm::FPOpFusion::Fast;
  if (target.fast_math()) {
    options.UnsafeFPMath = true;
    options.NoInfsFPMath = true;
    options.NoNaNsFPMath = true;
    options.NoSignedZerosFPMath = true;
  }
  std::unique_ptr<llvm::TargetMachine> machine(llvm_target->createTargetMachine(
      target.triple(), target.cpu(), target.FeatureString(), options, llvm::Reloc::PIC_,
      std::nullopt, llvm::CodeGenOptLevel::Aggressive));
  if (machine == nullptr) {
    throw InvalidArgumentError(StrCat("Target '", target.str(), "': LLVM cannot create a machine"));
  }
  return machine;
}

}  // namespace target
}  // namespace tessel
