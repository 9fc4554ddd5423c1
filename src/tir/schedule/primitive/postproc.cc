// enter_postproc: marks where post-processing starts in a trace, so that a replay can stop
// there (Trace::ApplyToSchedule with remove_postproc). It changes no IR.
#include "../utils.h"

namespace tessel {
namespace tir {
namespace schedule {

void ScheduleNode::EnterPostproc() { Record("EnterPostproc", {}, {}, {}); }

TESSEL_REGISTER_INSTRUCTION_KIND(
    "EnterPostproc", true,
    [](ScheduleNode* sch, const Array<ObjectRef>&, const Array<ObjectRef>&,
       const ObjectRef&) -> Array<ObjectRef> {
      sch->EnterPostproc();
      return {};
    },
    [](const Array<String>&, const Array<ObjectRef>&, const ObjectRef&, const Array<String>&) {
      return std::string("sch.enter_postproc()");
    });

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
