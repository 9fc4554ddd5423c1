/*!
 * \file tessel/tir/schedule/schedule.h
 * \brief Schedule: transforms the loops and blocks of the PrimFuncs in an IRModule.
 *
 * The IR is immutable. A Schedule holds the current IRModule; each primitive works on one
 * PrimFunc, computes the new function entirely and only then commits it into a new
 * module, so a primitive that throws ScheduleError (naming itself, the block or loop and
 * the condition that does not hold) leaves the schedule exactly as it was. Every
 * successful call appends an Instruction to the schedule's Trace.
 *
 * \code
 * Schedule sch(mod);
 * BlockRV c = sch->GetBlock("C");
 * Array<LoopRV> loops = sch->GetLoops(c);                         // i, j, k
 * Array<LoopRV> i = sch->Split(loops[0], {PrimExpr(), IntImm(DataType::Int(32), 32)});
 * sch->Reorder({loops[1], i[1]});                                // i_0, j, i_1, k
 * sch->Parallel(i[0]);
 * \endcode
 *
 * Writing a primitive: declare it here, define it in src/tir/schedule/primitive/ (one file
 * per family) with the helpers of src/tir/schedule/utils.h (resolve the random variables with
 * GetBlockRealize / GetLoop, build the new statement, Replace, then Record), and register its
 * instruction kind in the same file with TESSEL_REGISTER_INSTRUCTION_KIND.
 */
#ifndef TESSEL_TIR_SCHEDULE_SCHEDULE_H_
#define TESSEL_TIR_SCHEDULE_SCHEDULE_H_

#include <string>
#include <utility>

#include "tessel/ir/module.h"
#include "tessel/tir/function.h"
#include "tessel/tir/schedule/trace.h"

namespace tessel {
namespace tir {
namespace schedule {

class Schedule;

/*! \brief The state of a schedule and its primitives. */
class ScheduleNode : public Object {
 public:
  // ------------------------------------------------------------------ state

  /*! \brief The current module. Each commit makes a new module, so earlier ones stay as they were. */
  const ir::IRModule& mod() const { return mod_; }
  /*! \brief The instructions run so far. */
  const Trace& trace() const { return trace_; }
  /*! \brief Restart the random number generator from seed (-1: from the system's entropy). */
  void Seed(int64_t seed);
  /*! \brief A seed derived from this schedule's generator (advancing it), for a copy or a child. */
  int64_t ForkSeed();
  /*!
   * \brief An independent schedule with the same module, trace and sampled values; its
   * generator is seeded by ForkSeed, so the two sample independently.
   */
  Schedule Copy();

  /*! \brief The block a BlockRV names; throws ScheduleError when it no longer exists. */
  Block Get(const BlockRV& rv) const;
  /*! \brief The loop a LoopRV names; throws ScheduleError when it no longer exists. */
  For Get(const LoopRV& rv) const;
  /*! \brief The value of an ExprRV; throws ScheduleError when this schedule did not make it. */
  int64_t Get(const ExprRV& rv) const;

  // ------------------------------------------------------------------ getters

  /*!
   * \brief The block named name in the PrimFunc func_name.
   * \param name The block's name_hint.
   * \param func_name The function; "" means the only PrimFunc of the module, else "main".
   * \throws ScheduleError when there is no such function or block.
   */
  BlockRV GetBlock(const std::string& name, const std::string& func_name = "");
  /*! \brief The loops around a block, outer to inner, up to the enclosing block. */
  Array<LoopRV> GetLoops(const BlockRV& block);
  /*! \brief The blocks directly inside a block's body (not inside a nested block), in order. */
  Array<BlockRV> GetChildBlocks(const BlockRV& block);
  /*! \brief The blocks directly inside a loop (not inside a nested block), in order. */
  Array<BlockRV> GetChildBlocks(const LoopRV& loop);

  // ------------------------------------------------------------------ loops

  /*!
   * \brief Split a loop into nested loops, outer to inner, whose extents are factors.
   *
   * The loop's variable becomes `(l0 * f1 + l1) * f2 + l2 ...` in every expression under
   * it. One factor may be undefined (inferred as ceil(extent / product of the others)).
   * When the product exceeds the extent, every block under the loop gets the predicate
   * `<that expression> < extent`.
   * \param loop The loop; its min must be 0.
   * \param factors Positive integers or ExprRVs; at most one undefined.
   * \param preserve_unit_iters Whether loops of extent 1 still appear in block bindings.
   * \return The new loops, outer to inner.
   * \throws ScheduleError for a non-zero min, a factor that is not positive, two undefined
   *   factors, or factors whose product is less than the extent.
   */
  Array<LoopRV> Split(const LoopRV& loop, const Array<PrimExpr>& factors,
                      bool preserve_unit_iters = true);
  /*!
   * \brief Fuse directly nested loops, outer to inner, into one loop `l0_l1_fused`.
   *
   * Each old variable becomes `fused // (inner extents) % extent` in every expression.
   * \throws ScheduleError when the loops are not a chain of directly nested loops (with
   *   nothing else in between) or a min is non-zero.
   */
  LoopRV Fuse(const Array<LoopRV>& loops, bool preserve_unit_iters = true);
  /*!
   * \brief Reorder loops of one nest into the given order; the loops between them that are
   * not given stay in place.
   * \throws ScheduleError when the loops are not in one chain of single-statement loops
   *   within one block scope, a loop repeats, or a block under them has a binding that is
   *   not quasi-affine (sums of loop variables times constants, floordiv/floormod by
   *   constants) in the loops.
   */
  void Reorder(const Array<LoopRV>& loops);
  /*!
   * \brief Run a loop's iterations on several threads.
   * \throws ScheduleError when a block under it binds a reduction variable to the loop.
   */
  void Parallel(const LoopRV& loop);
  /*!
   * \brief Run a loop as vector lanes.
   * \throws ScheduleError when its extent is not constant or a block under it binds a
   *   reduction variable to the loop.
   */
  void Vectorize(const LoopRV& loop);
  /*! \brief Mark a loop to be unrolled. */
  void Unroll(const LoopRV& loop);

  // ------------------------------------------------------------------ annotations

  /*!
   * \brief Set the annotation key of a block or loop (a BlockRV or LoopRV) to value.
   *
   * An ExprRV value is replaced by its integer.
   */
  void Annotate(const ObjectRef& block_or_loop, const std::string& key, const ObjectRef& value);
  /*! \brief Remove the annotation key; throws ScheduleError when it is absent. */
  void Unannotate(const ObjectRef& block_or_loop, const std::string& key);

  // ------------------------------------------------------------------ sampling

  /*!
   * \brief Sample n factors whose product is a loop's constant extent, uniformly among all
   * such factorizations whose innermost factor is at most max_innermost_factor.
   * \param loop The loop; its extent must be constant.
   * \param n The number of factors, at least 1.
   * \param max_innermost_factor The bound on the last factor; <= 0 means none.
   * \param decision The factors to take instead of sampling (checked); undefined to sample.
   * \return n ExprRVs, outer to inner.
   */
  Array<ExprRV> SamplePerfectTile(const LoopRV& loop, int n, int max_innermost_factor = 16,
                                  const Array<IntImm>& decision = Array<IntImm>());
  /*!
   * \brief Sample one of candidates with the given probabilities (normalized).
   * \param candidates The values.
   * \param probs One non-negative weight per candidate.
   * \param decision The index to take instead of sampling; negative to sample.
   */
  ExprRV SampleCategorical(const Array<IntImm>& candidates, const Array<FloatImm>& probs,
                           int64_t decision = -1);
  /*! \brief Mark the start of post-processing in the trace (a no-op on the IR). */
  void EnterPostproc();

  // ------------------------------------------------------------------ for primitives

  /*! \brief The name of the PrimFunc an empty func_name means; throws ScheduleError if none. */
  std::string ResolveFuncName(const std::string& func_name) const;
  /*! \brief The PrimFunc func_name; throws ScheduleError naming primitive when absent. */
  PrimFunc GetFunc(const std::string& func_name, const char* primitive) const;
  /*! \brief The BlockRealize of a BlockRV; throws ScheduleError naming primitive when gone. */
  BlockRealize GetBlockRealize(const BlockRV& rv, const char* primitive) const;
  /*! \brief The loop of a LoopRV; throws ScheduleError naming primitive when gone. */
  For GetLoop(const LoopRV& rv, const char* primitive) const;
  /*! \brief The integer an expression stands for: an IntImm, or an ExprRV's value. */
  int64_t GetInt(const PrimExpr& value, const char* primitive) const;
  /*!
   * \brief Commit a new version of the PrimFunc func_name: the old statement (found by
   * identity) replaced by new_stmt.
   */
  void Replace(const std::string& func_name, const Stmt& old_stmt, const Stmt& new_stmt);
  /*! \brief Commit a new version of the PrimFunc func_name. */
  void Commit(const std::string& func_name, const PrimFunc& func);
  /*! \brief Append an instruction of the registered kind to the trace. */
  void Record(const std::string& kind, Array<ObjectRef> inputs, Array<ObjectRef> attrs,
              Array<ObjectRef> outputs, const ObjectRef& decision = ObjectRef());
  /*! \brief Give an ExprRV its value in the symbol table. */
  void Bind(const ExprRV& rv, int64_t value);
  /*! \brief A uniformly random integer in [0, n), advancing the generator. */
  int64_t SampleInt(int64_t n);
  /*! \brief A uniformly random double in [0, 1), advancing the generator. */
  double SampleUnit();

  void VisitFields(FieldVisitor* v) override {
    v->Visit("mod", &mod_);
    v->Visit("trace", &trace_);
  }
  TESSEL_DECLARE_NODE(ScheduleNode, "tir.schedule.Schedule");

 private:
  friend class Schedule;
  ir::IRModule mod_;
  Trace trace_{Array<Instruction>(), Map<Instruction, ObjectRef>()};
  Map<ExprRV, IntImm> symbols_;
  int64_t rand_state_ = 1;
};

/*! \brief Handle to a ScheduleNode. */
class Schedule : public ObjectRef {
 public:
  /*! \brief The node class. */
  using ContainerType = ScheduleNode;
  Schedule() = default;
  /*! \brief Wrap a ScheduleNode. */
  explicit Schedule(ObjectPtr<Object> data) : ObjectRef(std::move(data)) {}
  /*!
   * \brief A schedule of mod with an empty trace.
   * \param mod The module; the schedule never changes it (commits make new modules).
   * \param seed The random seed; -1 takes one from the system's entropy.
   */
  explicit Schedule(ir::IRModule mod, int64_t seed = -1);
  /*! \brief The schedule, mutable: primitives change its state. */
  ScheduleNode* operator->() const { return static_cast<ScheduleNode*>(data_.get()); }
  /*! \brief The schedule, mutable. */
  ScheduleNode* get() const { return static_cast<ScheduleNode*>(data_.get()); }
};

}  // namespace schedule
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_SCHEDULE_SCHEDULE_H_
