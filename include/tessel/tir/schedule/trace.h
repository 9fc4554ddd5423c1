/*!
 * \file tessel/tir/schedule/trace.h
 * \brief Trace: the instructions a schedule ran, with their sampling decisions.
 *
 * A trace prints as runnable Python (`b0 = sch.get_block(name="C", func_name="main")`)
 * and replays onto a fresh schedule of the unscheduled module; replaying with the
 * recorded decisions reproduces the same sampled values and hence the same IR.
 */
#ifndef TESSEL_TIR_SCHEDULE_TRACE_H_
#define TESSEL_TIR_SCHEDULE_TRACE_H_

#include <string>
#include <vector>

#include "tessel/tir/schedule/instruction.h"

namespace tessel {
namespace tir {
namespace schedule {

/*! \brief The instructions of a schedule in order, and the decisions of its sampling ones. */
class TraceNode : public Object {
 public:
  Array<Instruction> insts;                  //!< the instructions, in the order they ran
  Map<Instruction, ObjectRef> decisions;     //!< the decision of each sampling instruction

  void VisitFields(FieldVisitor* v) override {
    v->Visit("insts", &insts);
    v->Visit("decisions", &decisions);
  }
  TESSEL_DECLARE_NODE(TraceNode, "tir.schedule.Trace");
};

/*! \brief Handle to a TraceNode. */
class Trace : public ObjectRef {
 public:
  TESSEL_DEFINE_COW_HANDLE(Trace, ObjectRef, TraceNode);
  /*! \brief The given instructions and decisions. */
  Trace(Array<Instruction> insts, Map<Instruction, ObjectRef> decisions);
  /*! \brief Add an instruction, with its decision when it sampled (copies a shared node first). */
  void Append(const Instruction& inst, const ObjectRef& decision = ObjectRef());
  /*! \brief The decision recorded for inst, or undefined. */
  ObjectRef GetDecision(const Instruction& inst) const;
  /*!
   * \brief The trace as Python lines, one per instruction, calling a schedule named `sch`.
   *
   * Random variables are named by kind and first appearance: `b` blocks, `l` loops,
   * `v` integers, numbered in one sequence (b0, l1, l2, v3). Sampling instructions print
   * their decision, so running the lines reproduces the schedule.
   * \param remove_postproc Whether to stop at the first EnterPostproc instruction.
   */
  std::vector<std::string> AsPython(bool remove_postproc = false) const;
  /*!
   * \brief Run every instruction on sch, mapping this trace's random variables to sch's.
   * \param sch A schedule, usually fresh, of the module this trace was recorded on.
   * \param remove_postproc Whether to stop at the first EnterPostproc instruction.
   * \throws ScheduleError when an instruction does not apply to sch.
   */
  void ApplyToSchedule(ScheduleNode* sch, bool remove_postproc = false) const;
};

}  // namespace schedule
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_SCHEDULE_TRACE_H_
