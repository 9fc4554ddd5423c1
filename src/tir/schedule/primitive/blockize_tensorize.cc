// blockize (wrap a loop subtree into an outer block) and tensorize (replace a block's body by
// a registered tensor intrinsic whose description it matches).
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "tessel/tir/arith/analyzer.h"
#include "tessel/tir/functor.h"
#include "tessel/tir/node_kinds.h"
#include "tessel/tir/schedule/tensor_intrin.h"
#include "../utils.h"

namespace tessel {
namespace tir {
namespace schedule {

namespace {

PrimExpr True() { return make_const(DataType::Bool(), int64_t{1}); }

// ------------------------------------------------------------------ blockize

Array<BufferRegion> SubstituteRegions(const Array<BufferRegion>& regions, const VarMap& vmap) {
  Array<BufferRegion> out;
  for (const BufferRegion& r : regions) {
    std::vector<Range> ranges;
    for (const Range& range : r->region) {
      ranges.emplace_back(Substitute(range->min, vmap), Substitute(range->extent, vmap));
    }
    out = out.Append(BufferRegion(r->buffer, ranges));
  }
  return out;
}

// The init of a blockized reduction: a block `name` over the spatial ones of the inner
// iteration variables, in copies (`<var>_init`) of the inner loops their bindings use.
Stmt InitNest(const std::string& name, const std::vector<For>& inner_loops,
              const std::vector<IterVar>& inner_iters, const std::vector<PrimExpr>& inner_values,
              const Stmt& init, const Array<BufferRegion>& writes) {
  std::vector<IterVar> iters;
  std::vector<PrimExpr> values;
  VarMap block_vmap, loop_vmap;
  for (size_t i = 0; i < inner_iters.size(); ++i) {
    const IterVar& iv = inner_iters[i];
    if (iv->iter_type != IterVarType::kDataPar) continue;
    Var var(iv->var->name_hint, iv->var.dtype());
    iters.emplace_back(iv->dom, var, IterVarType::kDataPar);
    values.push_back(inner_values[i]);
    block_vmap[iv->var.get()] = var;
  }
  for (const For& l : inner_loops) {
    if (std::any_of(values.begin(), values.end(),
                    [&](const PrimExpr& v) { return UsesVar(v, {l->loop_var.get()}); })) {
      loop_vmap[l->loop_var.get()] = Var(l->loop_var->name_hint + "_init", l->loop_var.dtype());
    }
  }
  for (PrimExpr& v : values) v = Substitute(v, loop_vmap);
  Stmt nest = BlockRealize(values, True(), Block(iters, {}, SubstituteRegions(writes, block_vmap),
                                                 name, Substitute(init, block_vmap)));
  for (size_t k = inner_loops.size(); k-- > 0;) {
    auto it = loop_vmap.find(inner_loops[k]->loop_var.get());
    if (it == loop_vmap.end()) continue;
    nest = For(Downcast<Var>(it->second), inner_loops[k]->min, inner_loops[k]->extent,
               inner_loops[k]->kind, nest);
  }
  return nest;
}

// Blockize the loop of loop_rv and commit; returns the outer block. Not recorded, so that
// tensorize can use it.
BlockRV BlockizeLoop(ScheduleNode* sch, const LoopRV& loop_rv, const char* primitive) {
  For loop = sch->GetLoop(loop_rv, primitive);
  std::vector<BlockRealize> children = ChildBlockRealizes(loop);
  if (children.size() != 1) {
    ThrowScheduleError(primitive, StrCat(Describe(loop), " has ", children.size(),
                                         " blocks under it; blockize needs exactly one"));
  }
  BlockRealize realize = children[0];
  const Block& block = realize->block;
  std::vector<For> inner_loops;
  Stmt s = loop;
  while (const auto* f = s.as<ForNode>()) {
    inner_loops.push_back(For(s.data()));
    s = f->body;
  }
  if (!s.same_as(realize)) {
    ThrowScheduleError(primitive, StrCat("the loops under ", Describe(loop),
                                         " are not a single chain down to ", Describe(block)));
  }
  PrimFunc func = sch->GetFunc(loop_rv->func_name, primitive);
  std::string outer_name = block->name_hint + "_o";
  if (FindBlockRealize(func->body, outer_name).defined()) {
    ThrowScheduleError(primitive, StrCat("a block named \"", outer_name, "\" already exists"));
  }
  // Every binding b must divide as b = (outer part) * E + (inner part) + c0, where the
  // inner part takes the values [0, E) over the loops from `loop` down.
  arith::Analyzer analyzer;
  VarMap inner_to_min, outer_to_min;
  for (const For& l : LoopsAbove(func->body, realize)) {
    analyzer.Bind(l->loop_var, Range(l->min, l->extent));
    bool inner = std::any_of(inner_loops.begin(), inner_loops.end(),
                             [&](const For& x) { return x.same_as(l); });
    (inner ? inner_to_min : outer_to_min)[l->loop_var.get()] = l->min;
  }
  VarMap all_to_min = inner_to_min;
  all_to_min.insert(outer_to_min.begin(), outer_to_min.end());
  std::vector<IterVar> outer_iters, inner_iters;
  std::vector<PrimExpr> outer_values, inner_values;
  VarMap block_vmap;
  bool outer_reduction = false;  // whether a reduction variable steps outside the loop
  for (size_t i = 0; i < block->iter_vars.size(); ++i) {
    const IterVar& iv = block->iter_vars[i];
    const PrimExpr& b = realize->iter_values[i];
    DataType dtype = iv->var.dtype();
    std::string name = iv->var->name_hint;
    PrimExpr c0 = analyzer.Simplify(Substitute(b, all_to_min));
    PrimExpr b_outer = analyzer.Simplify(Substitute(b, inner_to_min));
    PrimExpr inner_part = analyzer.Simplify(Substitute(b, outer_to_min) - c0);
    auto fail = [&](const std::string& why) {
      ThrowScheduleError(primitive, StrCat(Describe(block), " binds ", name, " to ", ExprText(b),
                                           ", which cannot be divided into a part outside ",
                                           Describe(loop), " and a part inside it: ", why));
    };
    if (!analyzer.CanProveEqual(b, b_outer + inner_part)) fail("the parts are not additive");
    arith::ConstIntBound bound = analyzer.GetConstIntBound(inner_part);
    if (bound.min_value != 0 || bound.max_value == arith::ConstIntBound::kPosInf) {
      fail("the inner part does not range over [0, extent)");
    }
    int64_t inner_extent = bound.max_value + 1;
    int64_t dom_min, dom_extent;
    if (!AsConstInt(iv->dom->min, &dom_min) || !AsConstInt(iv->dom->extent, &dom_extent)) {
      fail("its domain is not constant");
    }
    PrimExpr outer_offset = analyzer.Simplify(b_outer - c0);
    arith::ModularSet mod = analyzer.GetModularSet(outer_offset);
    if (dom_min != 0 || dom_extent % inner_extent != 0 || mod.coeff % inner_extent != 0 ||
        mod.base % inner_extent != 0) {
      fail(StrCat("the outer part is not a multiple of the inner extent ", inner_extent));
    }
    int64_t outer_extent = dom_extent / inner_extent;
    Var vo(name + "_o", dtype);
    outer_iters.emplace_back(Range(make_zero(dtype), make_const(dtype, outer_extent)), vo,
                             iv->iter_type);
    outer_values.push_back(analyzer.Simplify(
        TidyFloorDiv(outer_offset, make_const(dtype, inner_extent))));
    // A unit outer variable is always 0: the inner variable alone stands for the old one.
    PrimExpr value =
        outer_extent == 1 ? make_zero(dtype) : TidyMul(vo, make_const(dtype, inner_extent));
    if (inner_extent > 1) {
      Var vi(name + "_i", dtype);
      inner_iters.emplace_back(Range(make_zero(dtype), make_const(dtype, inner_extent)), vi,
                               iv->iter_type);
      inner_values.push_back(inner_part);
      value = TidyAdd(value, vi);
    }
    if (!is_const_number(c0, 0)) value = TidyAdd(value, c0);
    block_vmap[iv->var.get()] = value;
    outer_reduction |= iv->iter_type != IterVarType::kDataPar && outer_extent > 1;
  }
  // An init left in the inner block would run again at every outer reduction step, so it
  // moves to the outer block (as a block over the inner spatial variables).
  Stmt inner_init = block->init.defined() ? Substitute(block->init, block_vmap) : Stmt();
  Stmt outer_init;
  if (inner_init.defined() && outer_reduction) {
    std::string init_name = block->name_hint + "_init";
    if (FindBlockRealize(func->body, init_name).defined()) {
      ThrowScheduleError(primitive, StrCat("a block named \"", init_name, "\" already exists"));
    }
    outer_init = InitNest(init_name, inner_loops, inner_iters, inner_values, inner_init,
                          SubstituteRegions(block->writes, block_vmap));
    inner_init = Stmt();
  }
  Block inner_block(inner_iters, SubstituteRegions(block->reads, block_vmap),
                    SubstituteRegions(block->writes, block_vmap), block->name_hint,
                    Substitute(block->body, block_vmap), inner_init, block->alloc_buffers,
                    block->annotations);
  BlockRealize inner_realize(inner_values, realize->predicate, inner_block);
  // The outer block touches the union of the inner regions over the inner variables.
  Map<Var, Range> inner_dom;
  for (const IterVar& iv : inner_iters) inner_dom = inner_dom.Set(iv->var, iv->dom);
  auto cover = [&](const Array<BufferRegion>& regions) {
    Array<BufferRegion> out;
    for (const BufferRegion& r : regions) {
      std::vector<Range> ranges;
      for (const arith::IntSet& set : analyzer.EvalSet(r->region, inner_dom)) {
        PrimExpr lo = analyzer.Simplify(set->min_value);
        ranges.emplace_back(lo, analyzer.Simplify(set->max_value - lo + 1));
      }
      out = out.Append(BufferRegion(r->buffer, ranges));
    }
    return out;
  };
  Block outer_block(outer_iters, cover(inner_block->reads), cover(inner_block->writes), outer_name,
                    ReplaceStmt(loop, realize, inner_realize), outer_init);
  sch->Replace(loop_rv->func_name, loop, BlockRealize(outer_values, True(), outer_block));
  return BlockRV(outer_name, loop_rv->func_name);
}

// ------------------------------------------------------------------ tensorize

// The body of a function without its root block.
Stmt StripRoot(const Stmt& body) {
  if (const auto* realize = body.as<BlockRealizeNode>()) {
    if (realize->block->iter_vars.empty() && realize->block->alloc_buffers.empty()) {
      return realize->block->body;
    }
  }
  return body;
}

// Matches a tensor intrinsic's description against a block body: loops, blocks and
// expressions must agree up to renaming, and each description buffer must be one target
// buffer whose trailing dimensions it indexes at a fixed offset.
class IntrinMatcher {
 public:
  std::string failure;  // why the last match failed
  std::unordered_map<const BufferNode*, Buffer> buffers;            // description -> target
  std::unordered_map<const BufferNode*, Array<PrimExpr>> offsets;   // description -> offsets

  bool Stmts(const Stmt& d, const Stmt& t) {
    if (d->type_key() != t->type_key()) {
      return Fail(StrCat("found a ", t->type_key(), " where the description has a ",
                         d->type_key()));
    }
    if (const auto* df = d.as<ForNode>()) {
      const auto* tf = t.as<ForNode>();
      if (!Exprs(df->min, tf->min) || !Exprs(df->extent, tf->extent)) {
        return Fail(StrCat("loop ", tf->loop_var->name_hint, " has the range [", ExprText(tf->min),
                           ", +", ExprText(tf->extent), "), the description's loop [",
                           ExprText(df->min), ", +", ExprText(df->extent), ")"));
      }
      Bind(df->loop_var, tf->loop_var);
      return Stmts(df->body, tf->body);
    }
    if (const auto* dr = d.as<BlockRealizeNode>()) {
      const auto* tr = t.as<BlockRealizeNode>();
      const Block& db = dr->block;
      const Block& tb = tr->block;
      if (db->iter_vars.size() != tb->iter_vars.size()) {
        return Fail(StrCat(Describe(tb), " has ", tb->iter_vars.size(),
                           " iteration variables, the description's block ", db->iter_vars.size()));
      }
      for (size_t i = 0; i < db->iter_vars.size(); ++i) {
        const IterVar& a = db->iter_vars[i];
        const IterVar& b = tb->iter_vars[i];
        if (a->iter_type != b->iter_type || !Exprs(a->dom->min, b->dom->min) ||
            !Exprs(a->dom->extent, b->dom->extent)) {
          return Fail(StrCat("iteration variable ", b->var->name_hint, " of ", Describe(tb),
                             " differs in kind or domain from the description's"));
        }
        Bind(a->var, b->var);
      }
      for (size_t i = 0; i < dr->iter_values.size(); ++i) {
        if (!Exprs(dr->iter_values[i], tr->iter_values[i])) {
          return Fail(StrCat(Describe(tb), " binds ", tb->iter_vars[i]->var->name_hint, " to ",
                             ExprText(tr->iter_values[i]), ", the description to ",
                             ExprText(dr->iter_values[i])));
        }
      }
      if (!Exprs(dr->predicate, tr->predicate)) {
        return Fail(StrCat("the predicate of ", Describe(tb), " is ", ExprText(tr->predicate),
                           ", the description's ", ExprText(dr->predicate)));
      }
      if (db->init.defined() != tb->init.defined()) {
        return Fail(StrCat(Describe(tb), (tb->init.defined() ? " has" : " has no"), " init"));
      }
      if (db->init.defined() && !Stmts(db->init, tb->init)) return false;
      return Stmts(db->body, tb->body);
    }
    if (const auto* ds = d.as<BufferStoreNode>()) {
      const auto* ts = t.as<BufferStoreNode>();
      return Access(ds->buffer, ds->indices, ts->buffer, ts->indices) &&
             Exprs(ds->value, ts->value);
    }
    if (const auto* ds = d.as<SeqStmtNode>()) {
      const auto* ts = t.as<SeqStmtNode>();
      if (ds->seq.size() != ts->seq.size()) return Fail("a sequence differs in length");
      for (size_t i = 0; i < ds->seq.size(); ++i) {
        if (!Stmts(ds->seq[i], ts->seq[i])) return false;
      }
      return true;
    }
    return Fail(StrCat("a ", d->type_key(), " in the description is not supported"));
  }

  bool Exprs(const PrimExpr& d, const PrimExpr& t) {
    if (d->type_key() != t->type_key() || d.dtype() != t.dtype()) {
      return Fail(StrCat(ExprText(t), " does not match ", ExprText(d)));
    }
    if (const auto* v = d.as<VarNode>()) {
      auto it = vmap_.find(v);
      return (it != vmap_.end() && it->second.same_as(t)) ||
             Fail(StrCat(ExprText(t), " does not match ", ExprText(d)));
    }
    if (const auto* imm = d.as<IntImmNode>()) {
      return imm->value == t.as<IntImmNode>()->value ||
             Fail(StrCat(ExprText(t), " does not match ", ExprText(d)));
    }
    if (const auto* imm = d.as<FloatImmNode>()) {
      return imm->value == t.as<FloatImmNode>()->value ||
             Fail(StrCat(ExprText(t), " does not match ", ExprText(d)));
    }
#define TESSEL_MATCH_BINARY(Name)                   \
    if (const auto* op = d.as<Name##Node>()) {      \
      const auto* other = t.as<Name##Node>();       \
      return Exprs(op->a, other->a) && Exprs(op->b, other->b); \
    }
    TESSEL_TIR_BINARY_NODES(TESSEL_MATCH_BINARY)
#undef TESSEL_MATCH_BINARY
    if (const auto* op = d.as<CastNode>()) return Exprs(op->value, t.as<CastNode>()->value);
    if (const auto* op = d.as<NotNode>()) return Exprs(op->a, t.as<NotNode>()->a);
    if (const auto* op = d.as<SelectNode>()) {
      const auto* other = t.as<SelectNode>();
      return Exprs(op->condition, other->condition) && Exprs(op->true_value, other->true_value) &&
             Exprs(op->false_value, other->false_value);
    }
    if (const auto* op = d.as<CallNode>()) {
      const auto* other = t.as<CallNode>();
      if (!op->op.same_as(other->op) || op->args.size() != other->args.size()) {
        return Fail(StrCat(ExprText(t), " does not match ", ExprText(d)));
      }
      for (size_t i = 0; i < op->args.size(); ++i) {
        if (!Exprs(op->args[i], other->args[i])) return false;
      }
      return true;
    }
    if (const auto* op = d.as<BufferLoadNode>()) {
      const auto* other = t.as<BufferLoadNode>();
      return Access(op->buffer, op->indices, other->buffer, other->indices);
    }
    return Fail(StrCat("a ", d->type_key(), " in the description is not supported"));
  }

 private:
  bool Fail(const std::string& why) {
    failure = why;
    return false;
  }

  void Bind(const Var& d, const Var& t) {
    vmap_[d.get()] = t;
    inner_.insert(t.get());
  }

  // The target access t_buf[t_idx] must be d_buf[d_idx] shifted by this buffer's offsets.
  bool Access(const Buffer& d_buf, const Array<PrimExpr>& d_idx, const Buffer& t_buf,
              const Array<PrimExpr>& t_idx) {
    auto mapped = buffers.find(d_buf.get());
    if (mapped != buffers.end() && !mapped->second.same_as(t_buf)) {
      return Fail(StrCat("description buffer ", d_buf->name, " stands for both ",
                         mapped->second->name, " and ", t_buf->name));
    }
    if (d_buf->dtype != t_buf->dtype || t_idx.size() < d_idx.size()) {
      return Fail(StrCat("buffer ", t_buf->name, " (", t_buf->dtype.ToString(), ", ",
                         t_idx.size(), " dimensions) cannot stand for description buffer ",
                         d_buf->name, " (", d_buf->dtype.ToString(), ", ", d_idx.size(), ")"));
    }
    size_t lead = t_idx.size() - d_idx.size();
    Array<PrimExpr> offs;
    for (size_t k = 0; k < t_idx.size(); ++k) {
      PrimExpr off = k < lead ? t_idx[k]
                              : analyzer_.Simplify(t_idx[k] - Substitute(d_idx[k - lead], vmap_));
      if (UsesVar(off, inner_)) {
        return Fail(StrCat("index ", k, " of ", t_buf->name, " is ", ExprText(t_idx[k]),
                           ", which is not the description's index plus a fixed offset"));
      }
      offs = offs.Append(off);
    }
    auto known = offsets.find(d_buf.get());
    if (known != offsets.end()) {
      for (size_t k = 0; k < offs.size(); ++k) {
        if (!analyzer_.CanProveEqual(known->second[k], offs[k])) {
          return Fail(StrCat("buffer ", t_buf->name, " is accessed at two different offsets"));
        }
      }
    }
    buffers[d_buf.get()] = t_buf;
    offsets[d_buf.get()] = offs;
    return true;
  }

  VarMap vmap_;                              // description variable -> target variable
  std::unordered_set<const VarNode*> inner_;  // the target variables bound in the match
  arith::Analyzer analyzer_;
};

// The implementation's body with each parameter buffer replaced by its target buffer and
// every index shifted by that buffer's offsets.
class ImplInstantiator : public StmtExprMutator {
 public:
  std::unordered_map<const BufferNode*, std::pair<Buffer, Array<PrimExpr>>> bind;

  PrimExpr VisitExpr_(const BufferLoadNode* op) override {
    PrimExpr e = StmtExprMutator::VisitExpr_(op);
    const auto* load = e.as<BufferLoadNode>();
    auto it = bind.find(load->buffer.get());
    if (it == bind.end()) return e;
    return BufferLoad(it->second.first, Shift(it->second.second, load->indices));
  }

  Stmt VisitStmt_(const BufferStoreNode* op) override {
    Stmt s = StmtExprMutator::VisitStmt_(op);
    const auto* store = s.as<BufferStoreNode>();
    auto it = bind.find(store->buffer.get());
    if (it == bind.end()) return s;
    return BufferStore(it->second.first, store->value, Shift(it->second.second, store->indices));
  }

 private:
  static Array<PrimExpr> Shift(const Array<PrimExpr>& offsets, const Array<PrimExpr>& indices) {
    size_t lead = offsets.size() - indices.size();
    Array<PrimExpr> out;
    for (size_t k = 0; k < offsets.size(); ++k) {
      if (k < lead) {
        out = out.Append(offsets[k]);
        continue;
      }
      const PrimExpr& index = indices[k - lead];
      if (const auto* ramp = index.as<RampNode>()) {
        out = out.Append(Ramp(TidyAdd(offsets[k], ramp->base), ramp->stride, ramp->lanes));
      } else if (index.dtype().is_vector()) {
        out = out.Append(Broadcast(offsets[k], index.dtype().lanes()) + index);
      } else {
        out = out.Append(TidyAdd(offsets[k], index));
      }
    }
    return out;
  }
};

std::vector<Buffer> ParamBuffers(const PrimFunc& func) {
  std::vector<Buffer> buffers;
  for (const Var& param : func->params) {
    Buffer buffer = func->buffer_map.Get(param);
    if (buffer.defined()) buffers.push_back(buffer);
  }
  return buffers;
}

}  // namespace

// ------------------------------------------------------------------ blockize

BlockRV ScheduleNode::Blockize(const LoopRV& loop_rv) {
  BlockRV result = BlockizeLoop(this, loop_rv, "blockize");
  Record("Blockize", {loop_rv}, {}, {result});
  return result;
}

TESSEL_REGISTER_INSTRUCTION_KIND(
    "Blockize", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>&,
       const ObjectRef&) -> Array<ObjectRef> {
      return {sch->Blockize(Downcast<LoopRV>(inputs[0]))};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>&, const ObjectRef&,
       const Array<String>& outputs) {
      return PythonCall("blockize", {{"loop", inputs[0]}}, outputs);
    });

// ------------------------------------------------------------------ tensorize

void ScheduleNode::Tensorize(const ObjectRef& block_or_loop, const std::string& intrin_name) {
  const char* kName = "tensorize";
  if (!TensorIntrin::Has(intrin_name)) {
    std::string known;
    for (const std::string& name : TensorIntrin::ListNames()) {
      known += (known.empty() ? "" : ", ") + name;
    }
    ThrowScheduleError(kName, StrCat("no tensor intrinsic named \"", intrin_name,
                                     "\"; registered: ", known));
  }
  TensorIntrin intrin = TensorIntrin::Get(intrin_name);
  ir::IRModule saved = mod_;  // blockizing a loop commits; a failed match must undo it
  try {
    BlockRV block_rv;
    if (const auto* loop = block_or_loop.as<LoopRVNode>()) {
      block_rv = BlockizeLoop(this, GetRef<LoopRV>(loop), kName);
    } else if (const auto* block = block_or_loop.as<BlockRVNode>()) {
      block_rv = GetRef<BlockRV>(block);
    } else {
      ThrowScheduleError(kName, StrCat("expected a BlockRV or LoopRV, found ",
                                       block_or_loop.defined() ? block_or_loop->type_key()
                                                               : std::string("None")));
    }
    Block block = GetBlockRealize(block_rv, kName)->block;
    std::string prefix = StrCat("the body of ", Describe(block),
                                " does not match the description of \"", intrin_name, "\": ");
    if (block->init.defined()) {
      ThrowScheduleError(kName, prefix + "the block has an init; decompose_reduction first");
    }
    IntrinMatcher matcher;
    if (!matcher.Stmts(StripRoot(intrin->desc->body), block->body)) {
      ThrowScheduleError(kName, prefix + matcher.failure);
    }
    ImplInstantiator impl;
    std::vector<Buffer> desc_params = ParamBuffers(intrin->desc);
    std::vector<Buffer> impl_params = ParamBuffers(intrin->impl);
    for (size_t k = 0; k < desc_params.size(); ++k) {
      auto target = matcher.buffers.find(desc_params[k].get());
      if (target == matcher.buffers.end()) {
        ThrowScheduleError(kName, prefix + StrCat("description buffer ", desc_params[k]->name,
                                                  " is never accessed"));
      }
      impl.bind[impl_params[k].get()] = {target->second, matcher.offsets.at(desc_params[k].get())};
    }
    auto node = ir::CopyNode(*block.get());
    node->body = impl(StripRoot(intrin->impl->body));
    Replace(block_rv->func_name, block, Block(ObjectPtr<Object>(node)));
  } catch (...) {
    mod_ = saved;
    throw;
  }
  Record("Tensorize", {block_or_loop}, {String(intrin_name)}, {});
}

TESSEL_REGISTER_INSTRUCTION_KIND(
    "Tensorize", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>& attrs,
       const ObjectRef&) -> Array<ObjectRef> {
      sch->Tensorize(inputs[0], Downcast<String>(attrs[0]));
      return {};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>& attrs, const ObjectRef&,
       const Array<String>& outputs) {
      return PythonCall("tensorize",
                        {{"block_or_loop", inputs[0]}, {"tensor_intrin", PythonLiteral(attrs[0])}},
                        outputs);
    });

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
