/*!
 * \file tessel/tir/node_kinds.h
 * \brief The one list of TensorIR node kinds, from which visitors, mutators, the printer
 * and the Python bindings are derived.
 *
 * Each list is an X-macro: `TESSEL_TIR_EXPR_NODES(X)` expands to `X(Var) X(SizeVar) ...`,
 * one entry per node class `<Name>Node` with handle `<Name>` in namespace tessel::tir.
 * Adding a node kind means adding it here (and writing the node); every functor then
 * grows a `VisitExpr_(const <Name>Node*)` or `VisitStmt_(const <Name>Node*)` overload.
 */
#ifndef TESSEL_TIR_NODE_KINDS_H_
#define TESSEL_TIR_NODE_KINDS_H_

/*! \brief Arithmetic binary expressions: fields `a`, `b`; the result has the operands' dtype. */
#define TESSEL_TIR_ARITH_NODES(X) \
  X(Add)                          \
  X(Sub)                          \
  X(Mul)                          \
  X(Div)                          \
  X(Mod)                          \
  X(FloorDiv)                     \
  X(FloorMod)                     \
  X(Min)                          \
  X(Max)

/*! \brief Comparisons: fields `a`, `b` of one dtype; the result is bool (with the operands' lanes). */
#define TESSEL_TIR_CMP_NODES(X) \
  X(EQ)                         \
  X(NE)                         \
  X(LT)                         \
  X(LE)                         \
  X(GT)                         \
  X(GE)

/*! \brief Logical binary expressions on bool: fields `a`, `b`. */
#define TESSEL_TIR_LOGICAL_NODES(X) \
  X(And)                            \
  X(Or)

/*! \brief Every binary expression (fields `a` and `b`). */
#define TESSEL_TIR_BINARY_NODES(X) \
  TESSEL_TIR_ARITH_NODES(X)        \
  TESSEL_TIR_CMP_NODES(X)          \
  TESSEL_TIR_LOGICAL_NODES(X)

/*! \brief Every PrimExpr node kind of TensorIR (IntImm and FloatImm come from the ir layer). */
#define TESSEL_TIR_EXPR_NODES(X) \
  X(Var)                         \
  X(SizeVar)                     \
  X(IntImm)                      \
  X(FloatImm)                    \
  X(StringImm)                   \
  X(Cast)                        \
  TESSEL_TIR_BINARY_NODES(X)     \
  X(Not)                         \
  X(Select)                      \
  X(BufferLoad)                  \
  X(Ramp)                        \
  X(Broadcast)                   \
  X(Let)                         \
  X(Call)

/*! \brief Every statement node kind of TensorIR. */
#define TESSEL_TIR_STMT_NODES(X) \
  X(LetStmt)                     \
  X(AttrStmt)                    \
  X(IfThenElse)                  \
  X(For)                         \
  X(While)                       \
  X(BufferStore)                 \
  X(Allocate)                    \
  X(Evaluate)                    \
  X(SeqStmt)                     \
  X(Block)                       \
  X(BlockRealize)

#endif  // TESSEL_TIR_NODE_KINDS_H_
