/*!
 * \file tessel/tir/schedule/instruction.h
 * \brief One recorded schedule primitive call, and the registry of instruction kinds.
 *
 * Every primitive a Schedule runs appends an Instruction to its Trace: the kind, the
 * inputs (random variables, or constants and lists that may hold random variables),
 * the attributes (plain constants) and the outputs (new random variables). A kind is
 * registered once, in the source file of its primitive, with the function that replays
 * it on a schedule and the function that prints it as a line of Python:
 *
 * \code
 * TESSEL_REGISTER_INSTRUCTION_KIND("Parallel", false,  // changes the IR
 *     [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>& attrs,
 *        const ObjectRef& decision) -> Array<ObjectRef> {
 *       sch->Parallel(Downcast<LoopRV>(inputs[0]));
 *       return {};
 *     },
 *     [](const Array<String>& inputs, const Array<ObjectRef>& attrs, const ObjectRef& decision,
 *        const Array<String>& outputs) {
 *       return PythonCall("parallel", {{"loop", inputs[0]}}, outputs);
 *     });
 * \endcode
 */
#ifndef TESSEL_TIR_SCHEDULE_INSTRUCTION_H_
#define TESSEL_TIR_SCHEDULE_INSTRUCTION_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "tessel/tir/schedule/random_variable.h"

namespace tessel {
namespace tir {
namespace schedule {

class ScheduleNode;

/*!
 * \brief Replays an instruction on a schedule.
 * \param sch The schedule to apply it to.
 * \param inputs The inputs, with random variables already those of sch.
 * \param attrs The attributes.
 * \param decision The sampling decision to reuse; undefined to sample afresh.
 * \return The outputs: new random variables of sch, in order.
 */
using FInstructionApply = std::function<Array<ObjectRef>(
    ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>& attrs,
    const ObjectRef& decision)>;

/*!
 * \brief Prints an instruction as one line of Python calling `sch`.
 * \param inputs The inputs, each already rendered as Python text (`l1`, `[None, 32]`).
 * \param attrs The attributes (render them with PythonLiteral).
 * \param decision The sampling decision, or undefined.
 * \param outputs The names of the outputs (`l4`, `l5`).
 */
using FInstructionAsPython = std::function<std::string(
    const Array<String>& inputs, const Array<ObjectRef>& attrs, const ObjectRef& decision,
    const Array<String>& outputs)>;

/*! \brief A kind of instruction: a schedule primitive, by name. */
class InstructionKindNode : public Object {
 public:
  std::string name;                 //!< the primitive's name in traces ("Split")
  bool is_pure = false;             //!< whether it leaves the IR unchanged (get_*, sample_*)
  FInstructionApply apply;          //!< replays it on a schedule
  FInstructionAsPython as_python;   //!< prints it as Python

  void VisitFields(FieldVisitor* v) override {
    v->Visit("name", &name);
    v->Visit("is_pure", &is_pure);
  }
  TESSEL_DECLARE_NODE(InstructionKindNode, "tir.schedule.InstructionKind");
};

/*! \brief Handle to an InstructionKindNode. */
class InstructionKind : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(InstructionKind, ObjectRef, InstructionKindNode);
  /*!
   * \brief The kind registered under name.
   * \throws InvalidArgumentError listing the registered names when there is none.
   */
  static InstructionKind Get(const std::string& name);
  /*!
   * \brief Register a kind; called at static-initialization time by
   * TESSEL_REGISTER_INSTRUCTION_KIND.
   * \throws InternalError when the name is already registered.
   */
  static void Register(const std::string& name, bool is_pure, FInstructionApply apply,
                       FInstructionAsPython as_python);
  /*! \brief The names of all registered kinds, sorted. */
  static std::vector<std::string> ListNames();
};

/*! \brief Token pasting for TESSEL_REGISTER_INSTRUCTION_KIND (a helper, not for direct use). */
#define TESSEL_INST_CONCAT_INNER_(a, b) a##b
/*! \brief Pastes after expanding (for __LINE__); a helper of TESSEL_REGISTER_INSTRUCTION_KIND. */
#define TESSEL_INST_CONCAT_(a, b) TESSEL_INST_CONCAT_INNER_(a, b)

/*!
 * \brief Register an instruction kind from the source file of its primitive.
 * \param Name The kind's name (a string literal).
 * \param IsPure Whether the primitive leaves the IR unchanged.
 * \param ... The FInstructionApply, then the FInstructionAsPython (lambdas may hold commas).
 */
#define TESSEL_REGISTER_INSTRUCTION_KIND(Name, IsPure, ...)                                \
  static const bool TESSEL_INST_CONCAT_(tessel_inst_kind_registered_, __LINE__) =         \
      (::tessel::tir::schedule::InstructionKind::Register(Name, IsPure, __VA_ARGS__), true)

/*! \brief One recorded primitive call. */
class InstructionNode : public Object {
 public:
  InstructionKind kind;       //!< what was called
  Array<ObjectRef> inputs;    //!< random variables, constants, None, or lists of these
  Array<ObjectRef> attrs;     //!< constants
  Array<ObjectRef> outputs;   //!< the random variables it returned

  void VisitFields(FieldVisitor* v) override {
    v->Visit("kind", &kind);
    v->Visit("inputs", &inputs);
    v->Visit("attrs", &attrs);
    v->Visit("outputs", &outputs);
  }
  TESSEL_DECLARE_NODE(InstructionNode, "tir.schedule.Instruction");
};

/*! \brief Handle to an InstructionNode. */
class Instruction : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(Instruction, ObjectRef, InstructionNode);
  /*! \brief An instruction of kind with the given inputs, attributes and outputs. */
  Instruction(InstructionKind kind, Array<ObjectRef> inputs, Array<ObjectRef> attrs,
              Array<ObjectRef> outputs);
};

/*!
 * \brief A constant as Python source: `None`, `True`, `32`, `0.5`, `"C"`, `[8, 16]`.
 * \throws InvalidArgumentError for a node that has no Python literal (a random variable).
 */
std::string PythonLiteral(const ObjectRef& value);

/*!
 * \brief One line of Python calling `sch.<method>(key=value, ...)`, assigned to outputs.
 * \param method The schedule method.
 * \param kwargs The arguments, values already rendered; an empty key makes a positional one.
 * \param outputs The output names: none prints a bare call, one prints `b0 = ...`.
 * \param outputs_are_list Whether the method returns a list (one output prints `l1, = ...`).
 */
std::string PythonCall(const std::string& method,
                       const std::vector<std::pair<std::string, std::string>>& kwargs,
                       const Array<String>& outputs, bool outputs_are_list = false);

}  // namespace schedule
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_SCHEDULE_INSTRUCTION_H_
