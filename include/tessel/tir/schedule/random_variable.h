/*!
 * \file tessel/tir/schedule/random_variable.h
 * \brief The random variables of a schedule: handles to blocks, loops and sampled integers.
 *
 * A schedule's primitives take and return random variables instead of IR nodes, because
 * the IR changes under them. Each kind resolves against the schedule's current module:
 * a BlockRV by the block's name inside one PrimFunc (block names are unique per
 * function), a LoopRV by the identity of the loop's variable (primitives that keep a
 * loop keep its Var; new loops get new Vars), and an ExprRV by the schedule's symbol
 * table, which holds the integer a sampling primitive chose for it.
 */
#ifndef TESSEL_TIR_SCHEDULE_RANDOM_VARIABLE_H_
#define TESSEL_TIR_SCHEDULE_RANDOM_VARIABLE_H_

#include <string>

#include "tessel/tir/var.h"

namespace tessel {
namespace tir {
namespace schedule {

using ir::Downcast;

/*! \brief A block of one PrimFunc, named by the block's name_hint. */
class BlockRVNode : public Object {
 public:
  std::string block_name;  //!< the block's name, unique within the function
  std::string func_name;   //!< the name of the PrimFunc in the schedule's module

  void VisitFields(FieldVisitor* v) override {
    v->Visit("block_name", &block_name);
    v->Visit("func_name", &func_name);
  }
  TESSEL_DECLARE_NODE(BlockRVNode, "tir.schedule.BlockRV");
};

/*! \brief Handle to a BlockRVNode. */
class BlockRV : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(BlockRV, ObjectRef, BlockRVNode);
  /*! \brief The block named block_name in the PrimFunc func_name. */
  BlockRV(std::string block_name, std::string func_name);
};

/*! \brief A loop of one PrimFunc, named by the identity of its loop variable. */
class LoopRVNode : public Object {
 public:
  Var loop_var;           //!< the loop's variable (compared by identity)
  std::string func_name;  //!< the name of the PrimFunc in the schedule's module

  void VisitFields(FieldVisitor* v) override {
    v->Visit("loop_var", &loop_var);
    v->Visit("func_name", &func_name);
  }
  TESSEL_DECLARE_NODE(LoopRVNode, "tir.schedule.LoopRV");
};

/*! \brief Handle to a LoopRVNode. */
class LoopRV : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(LoopRV, ObjectRef, LoopRVNode);
  /*! \brief The loop whose variable is loop_var in the PrimFunc func_name. */
  LoopRV(Var loop_var, std::string func_name);
};

/*!
 * \brief An integer chosen by a sampling primitive: a variable whose value the schedule's
 * symbol table holds.
 *
 * It is a Var so that it can stand where an integer expression is expected (the factors of
 * `split`); the schedule replaces it by its value before it builds IR, so an ExprRV never
 * appears in a PrimFunc.
 */
class ExprRVNode : public VarNode {
 public:
  TESSEL_DECLARE_NODE(ExprRVNode, "tir.schedule.ExprRV");
};

/*! \brief Handle to an ExprRVNode. */
class ExprRV : public Var {
 public:
  TESSEL_DEFINE_HANDLE(ExprRV, Var, ExprRVNode);
  /*! \brief A new int32 random variable; name_hint is for printing only. */
  explicit ExprRV(std::string name_hint);
};

}  // namespace schedule
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_SCHEDULE_RANDOM_VARIABLE_H_
