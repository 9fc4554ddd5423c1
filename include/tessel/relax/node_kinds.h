/*!
 * \file tessel/relax/node_kinds.h
 * \brief The one list of Relax expression kinds, from which the functors and the Python
 * visitor classes are derived.
 *
 * `TESSEL_RELAX_EXPR_NODES(X)` expands to `X(Var) X(DataflowVar) ...`, one entry per node
 * class `<Name>Node` with handle `<Name>` in namespace tessel::relax. Adding an expression
 * kind means adding it here (and writing the node); every functor then grows a
 * `VisitExpr_(const <Name>Node*)` overload.
 */
#ifndef TESSEL_RELAX_NODE_KINDS_H_
#define TESSEL_RELAX_NODE_KINDS_H_

/*!
 * \brief Every expression kind of Relax. Functions (Function, ExternFunc) are ir::BaseFuncs,
 * not Relax expressions: they appear as module members and callees, never as values here.
 */
#define TESSEL_RELAX_EXPR_NODES(X) \
  X(Var)                           \
  X(DataflowVar)                   \
  X(Constant)                      \
  X(Tuple)                         \
  X(TupleGetItem)                  \
  X(ShapeExpr)                     \
  X(PrimValue)                     \
  X(StringImm)                     \
  X(Call)                          \
  X(If)                            \
  X(SeqExpr)

#endif  // TESSEL_RELAX_NODE_KINDS_H_
