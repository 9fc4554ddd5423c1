// How schedule primitives report violations: ScheduleError naming the primitive, and the
// descriptions of loops, blocks and expressions its messages use.
#ifndef TESSEL_SRC_TIR_SCHEDULE_ERROR_H_
#define TESSEL_SRC_TIR_SCHEDULE_ERROR_H_

#include <string>

#include "tessel/tir/stmt.h"

namespace tessel {
namespace tir {
namespace schedule {

// ------------------------------------------------------------------ errors

/*! Throw ScheduleError "<primitive>: <message>"; primitive is the Python name ("split"). */
[[noreturn]] void ThrowScheduleError(const char* primitive, const std::string& message);
/*! "loop i" (the loop's variable name), for messages. */
std::string Describe(const For& loop);
/*! "block \"C\"", for messages. */
std::string Describe(const Block& block);
/*! An expression as one line of script ("i * j"), for messages. */
std::string ExprText(const PrimExpr& e);

}  // namespace schedule
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_SRC_TIR_SCHEDULE_ERROR_H_
