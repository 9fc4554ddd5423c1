/*!
 * \file tessel/tir/stmt.h
 * \brief The statements of TensorIR: loops, blocks, stores, allocations and control flow.
 *
 * Fields that introduce variables (a loop variable, a block's iteration variables, an
 * allocated buffer) have the role kDefines, so structural equality binds them instead
 * of comparing their names.
 */
#ifndef TESSEL_TIR_STMT_H_
#define TESSEL_TIR_STMT_H_

#include <string>
#include <utility>

#include "tessel/tir/expr.h"

namespace tessel {
namespace tir {

/*! \brief The base of all statements. */
class StmtNode : public Object {
 public:
  /*! \brief Where the statement was written; may be undefined. */
  Span span;

  void VisitFields(FieldVisitor* v) override { v->Visit("span", &span, FieldRole::kIgnored); }
  TESSEL_DECLARE_NODE(StmtNode, "tir.Stmt");
};

/*! \brief Handle to any statement. */
class Stmt : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(Stmt, ObjectRef, StmtNode);
};

/*! \brief `body` with `var` bound to `value`. */
class LetStmtNode : public StmtNode {
 public:
  Var var;         //!< the variable bound (defined here)
  PrimExpr value;  //!< its value
  Stmt body;       //!< the statement that may use var

  void VisitFields(FieldVisitor* v) override {
    v->Visit("var", &var, FieldRole::kDefines);
    v->Visit("value", &value);
    v->Visit("body", &body);
    StmtNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(LetStmtNode, "tir.LetStmt");
};

/*! \brief Handle to a LetStmtNode. */
class LetStmt : public Stmt {
 public:
  TESSEL_DEFINE_HANDLE(LetStmt, Stmt, LetStmtNode);
  /*! \brief Bind var to value in body; throws InvalidArgumentError when their dtypes differ. */
  LetStmt(Var var, PrimExpr value, Stmt body, Span span = Span());
};

/*! \brief A key/value hint attached to a node for the duration of `body` (pragmas, ...). */
class AttrStmtNode : public StmtNode {
 public:
  ObjectRef node;        //!< what the attribute is about (a Var, a Buffer, an Array of Vars, ...)
  std::string attr_key;  //!< the attribute's name
  PrimExpr value;        //!< its value
  Stmt body;             //!< the statement it applies to

  // node has the role kDefines: a "parallel_launch" region defines its task variables
  // there; for a node defined earlier, a defining field only checks the binding.
  void VisitFields(FieldVisitor* v) override {
    v->Visit("node", &node, FieldRole::kDefines);
    v->Visit("attr_key", &attr_key);
    v->Visit("value", &value);
    v->Visit("body", &body);
    StmtNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(AttrStmtNode, "tir.AttrStmt");
};

/*! \brief Handle to an AttrStmtNode. */
class AttrStmt : public Stmt {
 public:
  TESSEL_DEFINE_HANDLE(AttrStmt, Stmt, AttrStmtNode);
  /*! \brief An attribute `attr_key = value` on node over body. */
  AttrStmt(ObjectRef node, std::string attr_key, PrimExpr value, Stmt body, Span span = Span());
};

/*! \brief `if condition: then_case else: else_case`. */
class IfThenElseNode : public StmtNode {
 public:
  PrimExpr condition;  //!< a scalar bool
  Stmt then_case;      //!< run when condition holds
  Stmt else_case;      //!< run otherwise; may be undefined

  void VisitFields(FieldVisitor* v) override {
    v->Visit("condition", &condition);
    v->Visit("then_case", &then_case);
    v->Visit("else_case", &else_case);
    StmtNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(IfThenElseNode, "tir.IfThenElse");
};

/*! \brief Handle to an IfThenElseNode. */
class IfThenElse : public Stmt {
 public:
  TESSEL_DEFINE_HANDLE(IfThenElse, Stmt, IfThenElseNode);
  /*! \brief A conditional; throws InvalidArgumentError when condition is not a scalar bool. */
  IfThenElse(PrimExpr condition, Stmt then_case, Stmt else_case = Stmt(), Span span = Span());
};

/*! \brief How a loop's iterations run. */
enum class ForKind : int {
  kSerial = 0,      //!< one after another
  kParallel = 1,    //!< on several threads
  kVectorized = 2,  //!< as the lanes of vector instructions
  kUnrolled = 3,    //!< unrolled into straight-line code
};

/*! \brief The name of a loop kind as in the script ("serial", "parallel", "vectorized", "unroll"). */
const char* ForKindName(ForKind kind);

/*! \brief `for loop_var in range(min, min + extent): body`. */
class ForNode : public StmtNode {
 public:
  Var loop_var;       //!< the loop variable (defined here)
  PrimExpr min;       //!< the first value
  PrimExpr extent;    //!< the number of iterations
  ForKind kind = ForKind::kSerial;  //!< how the iterations run
  Stmt body;          //!< the loop body
  /*! \brief Hints for later passes (such as "pragma_unroll_explicit"). */
  Map<String, ObjectRef> annotations;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("loop_var", &loop_var, FieldRole::kDefines);
    v->Visit("min", &min);
    v->Visit("extent", &extent);
    v->Visit("kind", &kind);
    v->Visit("body", &body);
    v->Visit("annotations", &annotations);
    StmtNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(ForNode, "tir.For");
};

/*! \brief Handle to a ForNode. */
class For : public Stmt {
 public:
  TESSEL_DEFINE_HANDLE(For, Stmt, ForNode);
  /*!
   * \brief A loop.
   * \throws InvalidArgumentError when loop_var, min and extent are not integers of one dtype.
   */
  For(Var loop_var, PrimExpr min, PrimExpr extent, ForKind kind, Stmt body,
      Map<String, ObjectRef> annotations = Map<String, ObjectRef>(), Span span = Span());
};

/*! \brief `while condition: body`. */
class WhileNode : public StmtNode {
 public:
  PrimExpr condition;  //!< a scalar bool, tested before each iteration
  Stmt body;           //!< the loop body

  void VisitFields(FieldVisitor* v) override {
    v->Visit("condition", &condition);
    v->Visit("body", &body);
    StmtNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(WhileNode, "tir.While");
};

/*! \brief Handle to a WhileNode. */
class While : public Stmt {
 public:
  TESSEL_DEFINE_HANDLE(While, Stmt, WhileNode);
  /*! \brief A while loop; throws InvalidArgumentError when condition is not a scalar bool. */
  While(PrimExpr condition, Stmt body, Span span = Span());
};

/*! \brief `buffer[indices] = value`. */
class BufferStoreNode : public StmtNode {
 public:
  Buffer buffer;            //!< the buffer written
  PrimExpr value;           //!< the value stored
  Array<PrimExpr> indices;  //!< one integer index per dimension

  void VisitFields(FieldVisitor* v) override {
    v->Visit("buffer", &buffer);
    v->Visit("value", &value);
    v->Visit("indices", &indices);
    StmtNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(BufferStoreNode, "tir.BufferStore");
};

/*! \brief Handle to a BufferStoreNode. */
class BufferStore : public Stmt {
 public:
  TESSEL_DEFINE_HANDLE(BufferStore, Stmt, BufferStoreNode);
  /*!
   * \brief A store.
   * \throws InvalidArgumentError when the value's dtype is not the buffer's (with the
   *   indices' lanes) or the number of indices is not the buffer's rank.
   */
  BufferStore(Buffer buffer, PrimExpr value, Array<PrimExpr> indices, Span span = Span());
};

/*! \brief Memory for `buffer`, live while `body` runs. */
class AllocateNode : public StmtNode {
 public:
  Buffer buffer;  //!< the buffer allocated (defined here)
  Stmt body;      //!< the statement that uses it

  void VisitFields(FieldVisitor* v) override {
    v->Visit("buffer", &buffer, FieldRole::kDefines);
    v->Visit("body", &body);
    StmtNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(AllocateNode, "tir.Allocate");
};

/*! \brief Handle to an AllocateNode. */
class Allocate : public Stmt {
 public:
  TESSEL_DEFINE_HANDLE(Allocate, Stmt, AllocateNode);
  /*! \brief Allocate buffer for the duration of body. */
  Allocate(Buffer buffer, Stmt body, Span span = Span());
};

/*! \brief An expression evaluated for its side effects, such as a call. */
class EvaluateNode : public StmtNode {
 public:
  /*! \brief The expression. */
  PrimExpr value;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("value", &value);
    StmtNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(EvaluateNode, "tir.Evaluate");
};

/*! \brief Handle to an EvaluateNode. */
class Evaluate : public Stmt {
 public:
  TESSEL_DEFINE_HANDLE(Evaluate, Stmt, EvaluateNode);
  /*! \brief Evaluate value. */
  explicit Evaluate(PrimExpr value, Span span = Span());
};

/*! \brief Statements run in order. */
class SeqStmtNode : public StmtNode {
 public:
  /*! \brief The statements. */
  Array<Stmt> seq;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("seq", &seq);
    StmtNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(SeqStmtNode, "tir.SeqStmt");
};

/*! \brief Handle to a SeqStmtNode. */
class SeqStmt : public Stmt {
 public:
  TESSEL_DEFINE_HANDLE(SeqStmt, Stmt, SeqStmtNode);
  /*! \brief The statements in order; throws InvalidArgumentError when one is undefined. */
  explicit SeqStmt(Array<Stmt> seq, Span span = Span());
  /*! \brief The number of statements. */
  size_t size() const { return get()->seq.size(); }
  /*! \brief Statement i. */
  Stmt operator[](size_t i) const { return get()->seq[i]; }
};

/*! \brief The role of a block iteration variable. */
enum class IterVarType : int {
  kDataPar = 0,     //!< spatial ("S"): each value writes its own outputs
  kCommReduce = 2,  //!< reduction ("R"): values accumulate into the same outputs
};

/*! \brief A block's iteration variable: its variable, domain and role. */
class IterVarNode : public Object {
 public:
  Var var;        //!< the variable (defined here)
  Range dom;      //!< the values it takes
  IterVarType iter_type = IterVarType::kDataPar;  //!< spatial or reduction
  Span span;      //!< where it was written

  void VisitFields(FieldVisitor* v) override {
    v->Visit("var", &var, FieldRole::kDefines);
    v->Visit("dom", &dom);
    v->Visit("iter_type", &iter_type);
    v->Visit("span", &span, FieldRole::kIgnored);
  }
  TESSEL_DECLARE_NODE(IterVarNode, "tir.IterVar");
};

/*! \brief Handle to an IterVarNode. */
class IterVar : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(IterVar, ObjectRef, IterVarNode);
  /*!
   * \brief An iteration variable over dom.
   * \throws InvalidArgumentError when var's dtype differs from the domain's.
   */
  IterVar(Range dom, Var var, IterVarType iter_type, Span span = Span());
};

/*! \brief A rectangular region of a buffer: one Range per dimension. */
class BufferRegionNode : public Object {
 public:
  Buffer buffer;         //!< the buffer
  Array<Range> region;   //!< one range per dimension

  void VisitFields(FieldVisitor* v) override {
    v->Visit("buffer", &buffer);
    v->Visit("region", &region);
  }
  TESSEL_DECLARE_NODE(BufferRegionNode, "tir.BufferRegion");
};

/*! \brief Handle to a BufferRegionNode. */
class BufferRegion : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(BufferRegion, ObjectRef, BufferRegionNode);
  /*! \brief A region; throws InvalidArgumentError when its rank is not the buffer's. */
  BufferRegion(Buffer buffer, Array<Range> region);
  /*! \brief The whole buffer. */
  static BufferRegion FullRegion(Buffer buffer);
};

/*!
 * \brief The unit of scheduling: a computation over iteration variables, with the
 * regions it reads and writes declared.
 *
 * A block's body sees only its iteration variables, not the loops around it;
 * BlockRealize binds them to values. `init`, when present, runs before the first
 * reduction iteration.
 */
class BlockNode : public StmtNode {
 public:
  Array<IterVar> iter_vars;     //!< the iteration variables (defined here)
  Array<Buffer> alloc_buffers;  //!< buffers allocated for the block (defined here)
  Array<BufferRegion> reads;    //!< regions read
  Array<BufferRegion> writes;   //!< regions written
  std::string name_hint;        //!< the block's name, used by schedules to find it
  Stmt init;                    //!< the reduction initialisation; may be undefined
  Stmt body;                    //!< the computation
  Map<String, ObjectRef> annotations;  //!< hints for schedules and passes

  void VisitFields(FieldVisitor* v) override {
    v->Visit("iter_vars", &iter_vars, FieldRole::kDefines);
    v->Visit("alloc_buffers", &alloc_buffers, FieldRole::kDefines);
    v->Visit("reads", &reads);
    v->Visit("writes", &writes);
    v->Visit("name_hint", &name_hint);
    v->Visit("init", &init);
    v->Visit("body", &body);
    v->Visit("annotations", &annotations);
    StmtNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(BlockNode, "tir.Block");
};

/*! \brief Handle to a BlockNode. */
class Block : public Stmt {
 public:
  TESSEL_DEFINE_HANDLE(Block, Stmt, BlockNode);
  /*! \brief A block (arguments in TVM's order). */
  Block(Array<IterVar> iter_vars, Array<BufferRegion> reads, Array<BufferRegion> writes,
        std::string name_hint, Stmt body, Stmt init = Stmt(),
        Array<Buffer> alloc_buffers = Array<Buffer>(),
        Map<String, ObjectRef> annotations = Map<String, ObjectRef>(), Span span = Span());
};

/*! \brief A block executed with its iteration variables bound to values, under a predicate. */
class BlockRealizeNode : public StmtNode {
 public:
  Array<PrimExpr> iter_values;  //!< one value per block iteration variable
  PrimExpr predicate;           //!< the block runs only where this bool holds
  Block block;                  //!< the block

  void VisitFields(FieldVisitor* v) override {
    v->Visit("iter_values", &iter_values);
    v->Visit("predicate", &predicate);
    v->Visit("block", &block);
    StmtNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(BlockRealizeNode, "tir.BlockRealize");
};

/*! \brief Handle to a BlockRealizeNode. */
class BlockRealize : public Stmt {
 public:
  TESSEL_DEFINE_HANDLE(BlockRealize, Stmt, BlockRealizeNode);
  /*!
   * \brief Realize block with the given iteration values.
   * \throws InvalidArgumentError when the number of values is not the number of iteration
   *   variables, a value's dtype differs from its variable's, or predicate is not a bool.
   */
  BlockRealize(Array<PrimExpr> iter_values, PrimExpr predicate, Block block, Span span = Span());
};

}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_STMT_H_
