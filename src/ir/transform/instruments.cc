// The pass instruments: the callable-based bridge, pass timing, and IR dumps.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "tessel/ir/printer.h"
#include "tessel/ir/transform.h"

namespace tessel {
namespace ir {
namespace transform {

// --- FunctionInstrument ----------------------------------------------------------

FunctionInstrument::FunctionInstrument(
    std::string name, std::function<void()> enter_pass_ctx, std::function<void()> exit_pass_ctx,
    std::function<bool(const IRModule&, const PassInfo&)> should_run,
    std::function<void(const IRModule&, const PassInfo&)> run_before_pass,
    std::function<void(const IRModule&, const PassInfo&)> run_after_pass) {
  auto node = make_object<FunctionInstrumentNode>();
  node->name = std::move(name);
  node->enter_pass_ctx = std::move(enter_pass_ctx);
  node->exit_pass_ctx = std::move(exit_pass_ctx);
  node->should_run = std::move(should_run);
  node->run_before_pass = std::move(run_before_pass);
  node->run_after_pass = std::move(run_after_pass);
  data_ = std::move(node);
}

void FunctionInstrumentNode::EnterPassContext() const {
  if (enter_pass_ctx) enter_pass_ctx();
}

void FunctionInstrumentNode::ExitPassContext() const {
  if (exit_pass_ctx) exit_pass_ctx();
}

bool FunctionInstrumentNode::ShouldRun(const IRModule& mod, const PassInfo& info) const {
  return should_run ? should_run(mod, info) : true;
}

void FunctionInstrumentNode::RunBeforePass(const IRModule& mod, const PassInfo& info) const {
  if (run_before_pass) run_before_pass(mod, info);
}

void FunctionInstrumentNode::RunAfterPass(const IRModule& mod, const PassInfo& info) const {
  if (run_after_pass) run_after_pass(mod, info);
}

// --- PassTimingInstrument --------------------------------------------------------

PassTimingInstrument PassTimingInstrument::Create() {
  auto node = make_object<PassTimingInstrumentNode>();
  node->name = "PassTimingInstrument";
  return PassTimingInstrument(ObjectPtr<Object>(node));
}

void PassTimingInstrumentNode::EnterPassContext() const {
  records_.clear();
  open_.clear();
}

void PassTimingInstrumentNode::RunBeforePass(const IRModule&, const PassInfo& info) const {
  Record record;
  record.name = info->name;
  record.depth = static_cast<int>(open_.size());
  record.start = std::chrono::steady_clock::now();
  open_.push_back(records_.size());
  records_.push_back(std::move(record));
}

void PassTimingInstrumentNode::RunAfterPass(const IRModule&, const PassInfo& info) const {
  auto now = std::chrono::steady_clock::now();
  // A pass that threw never reaches RunAfterPass: close the runs left open above it.
  while (!open_.empty() && records_[open_.back()].name != info->name) open_.pop_back();
  if (open_.empty()) return;
  Record& record = records_[open_.back()];
  open_.pop_back();
  record.ms = std::chrono::duration<double, std::milli>(now - record.start).count();
}

std::string PassTimingInstrumentNode::Report() const {
  double total = 0;
  size_t width = 4;  // "pass"
  for (const Record& r : records_) {
    if (r.depth == 0 && r.ms >= 0) total += r.ms;
    width = std::max(width, r.name.size() + 2 * r.depth);
  }
  std::ostringstream os;
  os << std::left << std::setw(static_cast<int>(width)) << "pass" << "  " << std::right
     << std::setw(10) << "time (ms)" << "  " << std::setw(7) << "percent" << "\n";
  for (const Record& r : records_) {
    os << std::left << std::setw(static_cast<int>(width)) << (std::string(2 * r.depth, ' ') + r.name)
       << "  " << std::right << std::fixed;
    if (r.ms < 0) {
      os << std::setw(10) << "failed" << "  " << std::setw(7) << "-" << "\n";
      continue;
    }
    double percent = total > 0 ? 100.0 * r.ms / total : 0.0;
    os << std::setw(10) << std::setprecision(3) << r.ms << "  " << std::setw(6)
       << std::setprecision(1) << percent << "%\n";
  }
  os << std::left << std::setw(static_cast<int>(width)) << "total" << "  " << std::right
     << std::setw(10) << std::setprecision(3) << total << "  " << std::setw(6) << std::setprecision(1)
     << (total > 0 ? 100.0 : 0.0) << "%";
  return os.str();
}

// --- DumpIR ------------------------------------------------------------------------

DumpIR::DumpIR(std::string folder) {
  auto node = make_object<DumpIRNode>();
  node->name = "DumpIR";
  node->folder = std::move(folder);
  data_ = std::move(node);
}

void DumpIRNode::RunAfterPass(const IRModule& mod, const PassInfo& info) const {
  namespace fs = std::filesystem;
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) {
    throw InvalidArgumentError(
        StrCat("DumpIR: cannot create folder '", folder, "': ", error.message()));
  }
  std::string safe = info->name;
  for (char& c : safe) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') c = '_';
  }
  char number[32];
  std::snprintf(number, sizeof(number), "%03lld", static_cast<long long>(count_++));
  fs::path path = fs::path(folder) / (std::string(number) + "_" + safe + ".py");
  std::ofstream out(path);
  out << "# IR after pass " << info->name << "\n" << AsScript(mod) << "\n";
  if (!out) throw InvalidArgumentError(StrCat("DumpIR: cannot write '", path.string(), "'"));
}

}  // namespace transform
}  // namespace ir
}  // namespace tessel
