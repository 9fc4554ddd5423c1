// The internal helpers of the schedule primitives, in one include: error.h (reporting),
// analysis.h (finding and checking), ir_rewrite.h (building the new IR).
#ifndef TESSEL_SRC_TIR_SCHEDULE_UTILS_H_
#define TESSEL_SRC_TIR_SCHEDULE_UTILS_H_

#include "analysis.h"
#include "error.h"
#include "ir_rewrite.h"
#include "tessel/tir/schedule/schedule.h"

#endif  // TESSEL_SRC_TIR_SCHEDULE_UTILS_H_
