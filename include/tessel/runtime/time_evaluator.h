/*!
 * \file tessel/runtime/time_evaluator.h
 * \brief Measuring the run time of a PackedFunc.
 */
#ifndef TESSEL_RUNTIME_TIME_EVALUATOR_H_
#define TESSEL_RUNTIME_TIME_EVALUATOR_H_

#include "tessel/runtime/packed_func.h"

namespace tessel {
namespace runtime {

/*!
 * \brief A PackedFunc that times `func` on the arguments it is given.
 *
 * The returned function calls `func` once to warm up, then measures `repeat` times; each
 * measurement runs `func` `number` times back to back and records the mean seconds per
 * call. When a measurement takes less than `min_repeat_ms`, `number` grows (to the count
 * expected to reach min_repeat_ms, at least 1.618 times the previous one) and the
 * measurement is retaken, as TVM's time evaluator does.
 * \param func The function to time.
 * \param number Calls per measurement (>= 1).
 * \param repeat Measurements (>= 1).
 * \param min_repeat_ms The least duration of one measurement, in milliseconds (>= 0).
 * \return A function returning a list of `repeat` floats: seconds per call.
 * \throws InvalidArgumentError when a count is out of range or func is undefined.
 */
PackedFunc TimeEvaluator(PackedFunc func, int number, int repeat, int min_repeat_ms);

}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_RUNTIME_TIME_EVALUATOR_H_
