/*!
 * \file tessel/tir/arith/iter_map.h
 * \brief Affine index detection: express each index as a sum of pieces ("splits") of the
 * input loop iterators, the form schedules produce and check.
 *
 * A split of an iterator mark `m` (an input iterator, or a fusion of several) is
 * `floormod(floordiv(m, lower_factor), extent) * scale`. DetectIterMap recognises:
 * * a bare iterator `i` (a split with lower_factor 1 and the iterator's extent);
 * * sums of splits with constant scales plus a base that uses no iterator
 *   (`i0 * 8 + i1 + n`, the result of `split`);
 * * `x // c` and `x % c` of a split x (`k // 32`, `k % 32`, `(k // 4) % 8`, the result of
 *   `fuse`), and of a fused mark: a sum of splits whose scales form a mixed radix
 *   (`(i * 16 + j) // 4` with j in [0, 16));
 * * their compositions, after the analyzer's simplification (which already turns
 *   `(i0 * 8 + i1) // 8` with i1 in [0, 8) into `i0`).
 * Iterators must start at 0; dividing or taking the remainder of an iterator needs a
 * constant extent (a divisor of it, except for the outermost piece, which may round up).
 * It checks that no two splits of one mark overlap (the map is injective); with
 * require_bijective it also checks that the splits of every input iterator tile it
 * exactly. It does not handle multiplication of two iterators, non-constant scales, or
 * predicates that cut an iterator's range.
 */
#ifndef TESSEL_TIR_ARITH_ITER_MAP_H_
#define TESSEL_TIR_ARITH_ITER_MAP_H_

#include "tessel/tir/arith/analyzer.h"

namespace tessel {
namespace tir {
namespace arith {

/*! \brief An iterator the splits take pieces of: an input iterator or a fusion of several. */
class IterMarkNode : public Object {
 public:
  PrimExpr source;  //!< the input iterator (a Var), or the fused sum of splits
  PrimExpr extent;  //!< the number of values it takes, from 0

  void VisitFields(FieldVisitor* v) override {
    v->Visit("source", &source);
    v->Visit("extent", &extent);
  }
  TESSEL_DECLARE_NODE(IterMarkNode, "arith.IterMark");
};

/*! \brief Handle to an IterMarkNode. */
class IterMark : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(IterMark, ObjectRef, IterMarkNode);
  /*! \brief A mark of source over [0, extent). */
  IterMark(PrimExpr source, PrimExpr extent);
};

/*! \brief `floormod(floordiv(source, lower_factor), extent) * scale`. */
class IterSplitExprNode : public Object {
 public:
  IterMark source;        //!< the iterator split
  PrimExpr lower_factor;  //!< the stride of the piece within the source
  PrimExpr extent;        //!< the number of values of the piece
  PrimExpr scale;         //!< the coefficient of the piece in the index

  void VisitFields(FieldVisitor* v) override {
    v->Visit("source", &source);
    v->Visit("lower_factor", &lower_factor);
    v->Visit("extent", &extent);
    v->Visit("scale", &scale);
  }
  TESSEL_DECLARE_NODE(IterSplitExprNode, "arith.IterSplitExpr");
};

/*! \brief Handle to an IterSplitExprNode. */
class IterSplitExpr : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(IterSplitExpr, ObjectRef, IterSplitExprNode);
  /*! \brief A piece of source. */
  IterSplitExpr(IterMark source, PrimExpr lower_factor, PrimExpr extent, PrimExpr scale);
};

/*! \brief `sum(args) + base`: one index as pieces of iterators plus an iterator-free base. */
class IterSumExprNode : public Object {
 public:
  Array<IterSplitExpr> args;  //!< the pieces, outermost (largest scale) first
  PrimExpr base;              //!< the part that uses no input iterator

  void VisitFields(FieldVisitor* v) override {
    v->Visit("args", &args);
    v->Visit("base", &base);
  }
  TESSEL_DECLARE_NODE(IterSumExprNode, "arith.IterSumExpr");
};

/*! \brief Handle to an IterSumExprNode. */
class IterSumExpr : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(IterSumExpr, ObjectRef, IterSumExprNode);
  /*! \brief A sum of pieces plus base. */
  IterSumExpr(Array<IterSplitExpr> args, PrimExpr base);
};

/*! \brief The outcome of DetectIterMap: one IterSumExpr per index, or the reasons it failed. */
class IterMapResultNode : public Object {
 public:
  Array<IterSumExpr> indices;  //!< the decompositions; empty on failure
  Array<String> errors;        //!< why detection failed; empty on success

  void VisitFields(FieldVisitor* v) override {
    v->Visit("indices", &indices);
    v->Visit("errors", &errors);
  }
  TESSEL_DECLARE_NODE(IterMapResultNode, "arith.IterMapResult");
};

/*! \brief Handle to an IterMapResultNode. */
class IterMapResult : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(IterMapResult, ObjectRef, IterMapResultNode);
  /*! \brief Whether every index was decomposed. */
  bool success() const { return get()->errors.empty(); }
};

/*!
 * \brief Decompose each index into pieces of the input iterators (see the file comment).
 * \param indices The index expressions.
 * \param input_iters The iterators and their ranges (min 0).
 * \param analyzer Used to simplify; the iterators are bound in it. A local one when null.
 * \param require_bijective Also require the pieces to tile every input iterator exactly.
 */
IterMapResult DetectIterMap(const Array<PrimExpr>& indices, const Map<Var, Range>& input_iters,
                            Analyzer* analyzer = nullptr, bool require_bijective = false);

/*! \brief Whether DetectIterMap succeeds on the indices (injective, not necessarily onto). */
bool IsAffineBinding(const Array<PrimExpr>& indices, const Map<Var, Range>& input_iters,
                     Analyzer* analyzer = nullptr);

/*! \brief The expression an IterSumExpr stands for (with floordiv/floormod made explicit). */
PrimExpr IterMapToExpr(const IterSumExpr& sum);

}  // namespace arith
}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_ARITH_ITER_MAP_H_
