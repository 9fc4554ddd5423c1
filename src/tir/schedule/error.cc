// ScheduleError messages of the schedule primitives (see error.h).
#include "error.h"

#include "tessel/ir/printer.h"

namespace tessel {
namespace tir {
namespace schedule {

void ThrowScheduleError(const char* primitive, const std::string& message) {
  throw ScheduleError(StrCat(primitive, ": ", message));
}

std::string Describe(const For& loop) { return StrCat("loop ", loop->loop_var->name_hint); }

std::string Describe(const Block& block) { return StrCat("block \"", block->name_hint, "\""); }

std::string ExprText(const PrimExpr& e) { return ir::ScriptPrinter().Print(e); }

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
