// Normalizer: the part of BlockBuilder that infers struct info and makes A-normal form.
#ifndef TESSEL_SRC_RELAX_NORMALIZER_H_
#define TESSEL_SRC_RELAX_NORMALIZER_H_

#include "tessel/relax/block_builder.h"

namespace tessel {
namespace relax {

// Fills in missing struct info bottom-up. Inside an open block of the builder, non-leaf
// call arguments are emitted as bindings first; the branches of an If and the blocks of a
// SeqExpr are normalized in blocks of their own.
class Normalizer {
 public:
  explicit Normalizer(BlockBuilderNode* builder) : builder_(builder) {}
  Expr Normalize(const Expr& expr);

 private:
  // Normalize, then bind to a variable when it is not a leaf and a block is open.
  Expr NormalizeArgument(const Expr& expr);
  Array<Expr> NormalizeArguments(const Array<Expr>& args, bool* changed);
  Expr NormalizeCall(const CallNode* call);
  Expr NormalizeSeq(const SeqExprNode* seq);
  BindingBlock NormalizeBlock(const BindingBlock& block);
  StructInfo InferCall(const Call& call);
  StructInfo InferGlobalCall(const Call& call, const ir::GlobalVar& gv);

  BlockBuilderNode* builder_;
};

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_SRC_RELAX_NORMALIZER_H_
