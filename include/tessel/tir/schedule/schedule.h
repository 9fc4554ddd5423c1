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

  // ------------------------------------------------------------------ compute location and caching

  /*!
   * \brief Move a producer block under a loop of its consumers.
   *
   * The block is taken out of its loops and put under loop, before the first statement
   * that holds a consumer, in new loops `ax0, ax1, ...` that cover exactly the region of
   * its outputs the consumers under loop read in one iteration of loop (found with
   * EvalSet over their reads, the loops inside loop relaxed).
   * \param block The producer; it must have no predicate.
   * \param loop A loop of the same block scope that comes after the block.
   * \param preserve_unit_loops Whether loops of extent 1 are generated too.
   * \throws ScheduleError when the block writes a function parameter (an output block),
   *   is already under loop, is not a producer of any block under loop, has a consumer
   *   outside loop, or a consumer's access is not affine in the loops.
   */
  void ComputeAt(const BlockRV& block, const LoopRV& loop, bool preserve_unit_loops = false);
  /*!
   * \brief Move a consumer block under a loop of its producers.
   *
   * The block is put under loop after the last statement that holds a producer, in new
   * loops covering exactly the region those producers write in one iteration of loop.
   * \throws ScheduleError when the block is already under loop, is not a consumer of any
   *   block under loop, a producer of what it reads comes after loop outside it or writes
   *   the same buffer outside it, or a producer's access is not affine in the loops.
   */
  void ReverseComputeAt(const BlockRV& block, const LoopRV& loop, bool preserve_unit_loops = false);
  /*!
   * \brief Inline a block `B[v0, v1, ...] = f(...)` into its consumers: each load
   * `B[e0, e1, ...]` becomes `f` with `v_i := e_i`; the block and the allocation of B go.
   * \throws ScheduleError when the block is a reduction block (an init or a reduction
   *   variable), has a body other than one store, writes a function parameter, indexes
   *   the store by anything but distinct iteration variables, or B is written elsewhere.
   */
  void ComputeInline(const BlockRV& block);
  /*!
   * \brief Inline a consumer block `C[g(u)] = h(B[u0, u1, ...], ...)` into its single
   * producer `B[e] = f`: the producer becomes `C[g(u := e)] = h(f, ...)` and the consumer
   * and the allocation of B go.
   * \throws ScheduleError when the consumer is a reduction block or not one store, its
   *   loads of B are not all indexed by the same distinct iteration variables covering
   *   every variable, B has no single producer that is a single spatial store, B is a
   *   function parameter, or another block reads B.
   */
  void ReverseComputeInline(const BlockRV& block);
  /*!
   * \brief Read a buffer through a copy in another storage scope.
   *
   * Makes the buffer `<name>_<scope>` (allocated by the enclosing block; a block "root"
   * is made around the function body when there is none) and a block of the same name
   * copying the region of the buffer its readers in the scope read, placed before the
   * first of them; every reader then reads the copy. ComputeAt can then move the copy
   * next to its readers.
   * \param block A block reading the buffer.
   * \param read_buffer_index The index of the buffer in the block's reads.
   * \param storage_scope The scope of the copy ("global", "local", ...).
   * \return The copy block.
   * \throws ScheduleError when the index is out of range.
   */
  BlockRV CacheRead(const BlockRV& block, int read_buffer_index, const std::string& storage_scope);
  /*!
   * \brief Write a buffer through a copy in another storage scope: the block writes
   * `<name>_<scope>` instead, and a new block of that name, placed after the loop nest
   * of the block, copies the region it writes back. ReverseComputeAt can then move the
   * copy under a tile loop of the block (registers for a GEMM tile).
   * \param block The block writing the buffer.
   * \param write_buffer_index The index of the buffer in the block's writes.
   * \param storage_scope The scope of the copy.
   * \return The copy block.
   * \throws ScheduleError when the index is out of range.
   */
  BlockRV CacheWrite(const BlockRV& block, int write_buffer_index,
                     const std::string& storage_scope);

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
