/*!
 * \file tessel/relax/block_builder.h
 * \brief BlockBuilder: builds Relax functions binding by binding, inferring struct info.
 *
 * Every value emitted is first normalized: struct info is inferred for it and for each
 * sub-expression that lacks it (operator calls through their "FInferStructInfo"
 * property, calls of module functions through the callee's FuncStructInfo), and, inside
 * an open block, nested non-leaf arguments are bound to variables of their own, so
 * what the builder produces is in A-normal form.
 *
 * \code
 * BlockBuilder bb = BlockBuilder::Create();
 * bb->BeginDataflowBlock();
 * Var y = bb->Emit(Call(Op::Get("relax.nn.relu"), {x}));
 * Var out = bb->EmitOutput(y);
 * BindingBlock block = bb->EndBlock();
 * \endcode
 */
#ifndef TESSEL_RELAX_BLOCK_BUILDER_H_
#define TESSEL_RELAX_BLOCK_BUILDER_H_

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "tessel/ir/module.h"
#include "tessel/relax/function.h"
#include "tessel/tir/arith/analyzer.h"

namespace tessel {
namespace relax {

/*! \brief The state of a builder: the module being built and the open binding blocks. */
class BlockBuilderNode : public Object {
 public:
  /*! \brief The module of the functions added so far (a copy the builder owns). */
  ir::IRModule GetContextIRModule() const;
  /*!
   * \brief Add a function under a unique name made from name_hint ("add", "add1", ...).
   *
   * A PrimFunc structurally equal to one added before is not added again: its GlobalVar
   * is returned, so legalizing the same operator twice yields one kernel.
   */
  ir::GlobalVar AddFunction(const ir::BaseFunc& func, const std::string& name_hint);
  /*! \brief Replace the function of gv; throws InvalidArgumentError when gv is not in the module. */
  void UpdateFunction(const ir::GlobalVar& gv, const ir::BaseFunc& func);

  /*! \brief Open a dataflow block; its variables are DataflowVars except the outputs. */
  void BeginDataflowBlock();
  /*! \brief Open a plain binding block. */
  void BeginBindingBlock();
  /*! \brief Close the innermost block and return it; throws InvalidArgumentError when none is open. */
  BindingBlock EndBlock();
  /*! \brief Whether the innermost open block is a dataflow block. */
  bool CurrentBlockIsDataflow() const;

  /*!
   * \brief Normalize value and bind it to a new variable (a DataflowVar in a dataflow block)
   * carrying value's struct info; returns the variable.
   * \throws InvalidArgumentError when no block is open; TypeInferenceError from inference.
   */
  Var Emit(const Expr& value, const std::string& name_hint = "");
  /*! \brief Bind `R.match_cast(value, sinfo)` to a new variable whose struct info is sinfo. */
  Var EmitMatchCast(const Expr& value, const StructInfo& sinfo, const std::string& name_hint = "");
  /*!
   * \brief In a dataflow block, bind value to a Var visible after the block.
   * \throws InvalidArgumentError outside a dataflow block.
   */
  Var EmitOutput(const Expr& value, const std::string& name_hint = "");
  /*! \brief Append a binding whose value is already normalized. */
  void EmitNormalized(const Binding& binding);

  /*!
   * \brief expr with struct info on it and on every sub-expression (see the file comment);
   * the same handle when nothing was missing and nothing had to be bound.
   */
  Expr Normalize(const Expr& expr);
  /*! \brief The value bound to var by this builder, or an undefined Expr. */
  Expr LookupBinding(const Var& var) const;
  /*! \brief The arithmetic analyzer used to compare symbolic dimensions. */
  tir::arith::Analyzer* GetAnalyzer() const { return analyzer_.get(); }

  TESSEL_DECLARE_NODE(BlockBuilderNode, "relax.BlockBuilder");

 private:
  friend class BlockBuilder;
  friend class Normalizer;
  struct Frame {
    bool is_dataflow = false;
    std::vector<Binding> bindings;
  };
  // A variable for value named name_hint (unique among this builder's names).
  Var NewVar(const std::string& name_hint, bool dataflow, const StructInfo& sinfo);

  ir::IRModule module_ = ir::IRModule::Empty();
  std::vector<Frame> frames_;
  std::unordered_map<const VarNode*, Expr> bindings_;
  std::unordered_map<std::string, int> name_counts_;
  // Shared so that the node stays copyable (the object model clones by copy).
  std::shared_ptr<tir::arith::Analyzer> analyzer_ = std::make_shared<tir::arith::Analyzer>();
};

/*! \brief Handle to a BlockBuilderNode. */
class BlockBuilder : public ObjectRef {
 public:
  using ContainerType = BlockBuilderNode;  //!< the node class
  /*! \brief An undefined builder. */
  BlockBuilder() = default;
  /*! \brief A handle to an existing builder node. */
  explicit BlockBuilder(ObjectPtr<Object> data) : ObjectRef(std::move(data)) {}
  /*! \brief The builder; mutable through a const handle, as a builder is shared state. */
  BlockBuilderNode* operator->() const { return static_cast<BlockBuilderNode*>(data_.get()); }
  /*! \brief Same as operator->. */
  BlockBuilderNode* get() const { return operator->(); }
  /*! \brief A builder over a copy of mod (empty when mod is undefined). */
  static BlockBuilder Create(ir::IRModule mod = ir::IRModule());
};

/*!
 * \brief The struct info of a normalized expression.
 * \throws InternalError when expr has none (it was not normalized).
 */
StructInfo GetStructInfo(const Expr& expr);

/*!
 * \brief blocks with adjacent blocks of the same kind joined and empty blocks left out (the
 * script prints such runs as one block, so joining them keeps print and parse a round trip);
 * the same array when there is nothing to join.
 */
Array<BindingBlock> MergeAdjacentBlocks(const Array<BindingBlock>& blocks);

/*!
 * \brief expr with its struct info set to sinfo: expr itself when it already has exactly
 * that, else a copy (nodes are shared, so they are never changed in place).
 */
Expr WithStructInfo(const Expr& expr, const StructInfo& sinfo);

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_RELAX_BLOCK_BUILDER_H_
