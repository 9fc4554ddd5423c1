// Visitor and mutator of tensor expressions: TensorIR's, plus te's own nodes
// (ProducerLoad, Reduce), which TensorIR's functors send to VisitExprDefault_.
#ifndef TESSEL_SRC_TIR_TE_TE_FUNCTOR_H_
#define TESSEL_SRC_TIR_TE_TE_FUNCTOR_H_

#include <unordered_map>
#include <utility>

#include "tessel/tir/functor.h"
#include "tessel/tir/te/reduction.h"

namespace tessel {
namespace te {

// Walks a tensor expression, te nodes included.
class TeExprVisitor : public tir::ExprVisitor {
 public:
  virtual void VisitProducerLoad(const ProducerLoadNode* op) {
    for (const PrimExpr& index : op->indices) VisitExpr(index);
  }
  virtual void VisitReduce(const ReduceNode* op) {
    for (const PrimExpr& source : op->source) VisitExpr(source);
    VisitExpr(op->condition);
  }
  void VisitExprDefault_(const Object* op) override {
    if (const auto* load = dynamic_cast<const ProducerLoadNode*>(op)) return VisitProducerLoad(load);
    if (const auto* reduce = dynamic_cast<const ReduceNode*>(op)) return VisitReduce(reduce);
    tir::ExprVisitor::VisitExprDefault_(op);
  }
};

// Rebuilds a tensor expression bottom-up; ProducerLoads are rebuilt with their indices
// rewritten, a Reduce is an error unless VisitReduce is overridden.
class TeExprMutator : public tir::ExprMutator {
 public:
  virtual PrimExpr VisitProducerLoad(const ProducerLoadNode* op) {
    Array<PrimExpr> indices = op->indices.Map([this](const PrimExpr& e) { return VisitExpr(e); });
    if (indices.same_as(op->indices)) return tir::GetRef<PrimExpr>(op);
    return ProducerLoad(op->producer, indices, op->span);
  }
  virtual PrimExpr VisitReduce(const ReduceNode* op) {
    throw InvalidArgumentError(StrCat("te.Reduce (", op->combiner->name,
                                      "): a reduction is only valid as the whole body of a compute"));
  }
  PrimExpr VisitExprDefault_(const Object* op) override {
    if (const auto* load = dynamic_cast<const ProducerLoadNode*>(op)) return VisitProducerLoad(load);
    if (const auto* reduce = dynamic_cast<const ReduceNode*>(op)) return VisitReduce(reduce);
    return tir::ExprMutator::VisitExprDefault_(op);
  }
};

// Replaces variables by expressions (te nodes included).
class Substituter : public TeExprMutator {
 public:
  explicit Substituter(std::unordered_map<const Object*, PrimExpr> map) : map_(std::move(map)) {}
  PrimExpr VisitExpr_(const tir::VarNode* op) override {
    auto it = map_.find(op);
    return it == map_.end() ? tir::GetRef<PrimExpr>(op) : it->second;
  }

 private:
  std::unordered_map<const Object*, PrimExpr> map_;
};

// Whether expr holds a Reduce anywhere.
inline bool ContainsReduce(const PrimExpr& expr) {
  struct Finder : TeExprVisitor {
    bool found = false;
    void VisitReduce(const ReduceNode*) override { found = true; }
  } finder;
  finder(expr);
  return finder.found;
}

}  // namespace te
}  // namespace tessel

#endif  // TESSEL_SRC_TIR_TE_TE_FUNCTOR_H_
