// The reduction primitives: decompose_reduction (init block out of a reduction block) and
// rfactor (factorize a reduction over one of its loops into a new buffer and a write-back).
#include <algorithm>
#include <limits>
#include <string>
#include <unordered_set>
#include <vector>

#include "tessel/ir/structural_equal.h"
#include "../utils.h"

namespace tessel {
namespace tir {
namespace schedule {

namespace {

// root with target replaced by stmts, spliced into target's parent when that is a SeqStmt
// (so that the script form stays one flat sequence).
Stmt ReplaceWithSeq(const Stmt& root, const Stmt& target, const std::vector<Stmt>& stmts) {
  std::vector<Stmt> path = PathTo(root, target);
  if (path.size() >= 2) {
    if (const auto* parent = path[path.size() - 2].as<SeqStmtNode>()) {
      std::vector<Stmt> seq;
      for (const Stmt& s : parent->seq) {
        if (s.same_as(target)) {
          seq.insert(seq.end(), stmts.begin(), stmts.end());
        } else {
          seq.push_back(s);
        }
      }
      return ReplaceStmt(root, path[path.size() - 2], SeqStmt(seq));
    }
  }
  return ReplaceStmt(root, target, SeqStmt(Array<Stmt>(stmts)));
}

// The function body with buffer allocated by its root block (made when there is none).
Stmt AllocateAtRoot(const Stmt& body, const Buffer& buffer) {
  if (const auto* realize = body.as<BlockRealizeNode>()) {
    if (realize->block->iter_vars.empty()) {
      auto block = ir::CopyNode(*realize->block.get());
      block->alloc_buffers = block->alloc_buffers.Append(buffer);
      return ReplaceStmt(body, realize->block, Block(ObjectPtr<Object>(block)));
    }
  }
  return BlockRealize({}, make_const(DataType::Bool(), int64_t{1}),
                      Block({}, {}, {}, "root", body, Stmt(), {buffer}));
}

// region with vmap applied to its ranges.
BufferRegion SubstituteRegion(const BufferRegion& region, const VarMap& vmap) {
  std::vector<Range> ranges;
  for (const Range& r : region->region) {
    ranges.emplace_back(Substitute(r->min, vmap), Substitute(r->extent, vmap));
  }
  return BufferRegion(region->buffer, ranges);
}

Array<BufferRegion> SubstituteRegions(const Array<BufferRegion>& regions, const VarMap& vmap) {
  std::vector<BufferRegion> out;
  for (const BufferRegion& r : regions) out.push_back(SubstituteRegion(r, vmap));
  return out;
}

// The single-element region buffer[indices].
BufferRegion PointRegion(const Buffer& buffer, const Array<PrimExpr>& indices) {
  std::vector<Range> ranges;
  for (const PrimExpr& i : indices) ranges.emplace_back(i, make_const(i.dtype(), int64_t{1}));
  return BufferRegion(buffer, ranges);
}

bool UsesLoop(const PrimExpr& e, const For& loop) { return UsesVar(e, {loop->loop_var.get()}); }

// ------------------------------------------------------------------ commutative reducers

enum class Reducer { kSum, kProduct, kMax, kMin };

// The reducer of `buf[i] = buf[i] op rhs` (either operand order), with rhs.
bool MatchReducer(const BufferStoreNode* store, Reducer* reducer, PrimExpr* rhs) {
  auto is_self = [&](const PrimExpr& e) {
    const auto* load = e.as<BufferLoadNode>();
    return load && load->buffer.same_as(store->buffer) &&
           ir::StructuralEqual(load->indices, store->indices);
  };
  auto match = [&](const PrimExpr& a, const PrimExpr& b) {
    if (is_self(a) && !is_self(b)) {
      *rhs = b;
      return true;
    }
    if (is_self(b) && !is_self(a)) {
      *rhs = a;
      return true;
    }
    return false;
  };
  const PrimExpr& v = store->value;
  if (const auto* op = v.as<AddNode>()) {
    *reducer = Reducer::kSum;
    return match(op->a, op->b);
  }
  if (const auto* op = v.as<MulNode>()) {
    *reducer = Reducer::kProduct;
    return match(op->a, op->b);
  }
  if (const auto* op = v.as<MaxNode>()) {
    *reducer = Reducer::kMax;
    return match(op->a, op->b);
  }
  if (const auto* op = v.as<MinNode>()) {
    *reducer = Reducer::kMin;
    return match(op->a, op->b);
  }
  return false;
}

PrimExpr Combine(Reducer reducer, const PrimExpr& lhs, const PrimExpr& rhs) {
  switch (reducer) {
    case Reducer::kSum: return lhs + rhs;
    case Reducer::kProduct: return lhs * rhs;
    case Reducer::kMax: return max(lhs, rhs);
    case Reducer::kMin: return min(lhs, rhs);
  }
  return PrimExpr();
}

// The lowest (positive == false) or highest value of dtype.
PrimExpr Extreme(DataType dtype, bool positive) {
  if (dtype.is_float()) {
    double big = dtype.bits() == 64 ? std::numeric_limits<double>::max()
                                    : static_cast<double>(std::numeric_limits<float>::max());
    return make_const(dtype, positive ? big : -big);
  }
  if (dtype.is_uint()) {
    int64_t high = dtype.bits() >= 63 ? std::numeric_limits<int64_t>::max()
                                      : (int64_t{1} << dtype.bits()) - 1;
    return make_const(dtype, positive ? high : int64_t{0});
  }
  int64_t high = dtype.bits() >= 64 ? std::numeric_limits<int64_t>::max()
                                    : (int64_t{1} << (dtype.bits() - 1)) - 1;
  return make_const(dtype, positive ? high : -high - 1);
}

PrimExpr Identity(Reducer reducer, DataType dtype) {
  switch (reducer) {
    case Reducer::kSum: return make_zero(dtype);
    case Reducer::kProduct: return make_one(dtype);
    case Reducer::kMax: return Extreme(dtype, false);
    case Reducer::kMin: return Extreme(dtype, true);
  }
  return PrimExpr();
}

Array<PrimExpr> InsertAt(const Array<PrimExpr>& values, int axis, const PrimExpr& value) {
  std::vector<PrimExpr> out;
  for (const PrimExpr& v : values) out.push_back(v);
  out.insert(out.begin() + axis, value);
  return out;
}

}  // namespace

// ------------------------------------------------------------------ decompose_reduction

BlockRV ScheduleNode::DecomposeReduction(const BlockRV& block_rv, const LoopRV& loop_rv) {
  const char* kName = "decompose_reduction";
  BlockRealize realize = GetBlockRealize(block_rv, kName);
  For loop = GetLoop(loop_rv, kName);
  const Block& block = realize->block;
  if (!block->init.defined()) {
    ThrowScheduleError(kName, StrCat(Describe(block), " has no init to decompose"));
  }
  PrimFunc func = GetFunc(block_rv->func_name, kName);
  std::vector<For> loops = LoopsAbove(func->body, realize);
  auto pos = std::find_if(loops.begin(), loops.end(),
                          [&](const For& l) { return l.same_as(loop); });
  if (loop_rv->func_name != block_rv->func_name || pos == loops.end()) {
    ThrowScheduleError(kName, StrCat(Describe(loop), " is not a loop above ", Describe(block)));
  }
  // An init placed under a reduction loop would run at every step of that loop.
  for (auto it = loops.begin(); it != pos; ++it) {
    for (size_t i = 0; i < block->iter_vars.size(); ++i) {
      if (block->iter_vars[i]->iter_type != IterVarType::kDataPar &&
          UsesLoop(realize->iter_values[i], *it)) {
        ThrowScheduleError(kName, StrCat(Describe(loop), " is under ", Describe(*it),
                                         ", which feeds the reduction variable ",
                                         block->iter_vars[i]->var->name_hint, " of ",
                                         Describe(block), "; the init must go above every "
                                         "reduction loop"));
      }
    }
  }
  // The init block iterates over the spatial variables only.
  std::vector<IterVar> iters;
  std::vector<PrimExpr> values;
  VarMap block_vmap;
  for (size_t i = 0; i < block->iter_vars.size(); ++i) {
    const IterVar& iv = block->iter_vars[i];
    if (iv->iter_type != IterVarType::kDataPar) continue;
    Var var(iv->var->name_hint, iv->var.dtype());
    iters.emplace_back(iv->dom, var, IterVarType::kDataPar);
    values.push_back(realize->iter_values[i]);
    block_vmap[iv->var.get()] = var;
  }
  // It gets copies of the loops from `loop` down that its bindings use.
  VarMap loop_vmap;
  std::unordered_set<const VarNode*> dropped;
  for (auto it = pos; it != loops.end(); ++it) {
    const For& l = *it;
    bool used = std::any_of(values.begin(), values.end(),
                            [&](const PrimExpr& v) { return UsesLoop(v, l); });
    if (!used) {
      dropped.insert(l->loop_var.get());
      continue;
    }
    Var var(l->loop_var->name_hint + "_init", l->loop_var.dtype());
    loop_vmap[l->loop_var.get()] = var;
  }
  if (UsesVar(realize->predicate, dropped)) {
    ThrowScheduleError(kName, StrCat(Describe(block), " has the predicate ",
                                     ExprText(realize->predicate),
                                     ", which depends on a reduction loop under ", Describe(loop)));
  }
  for (PrimExpr& v : values) v = Substitute(v, loop_vmap);
  Block init_block(iters, {}, SubstituteRegions(block->writes, block_vmap),
                   block->name_hint + "_init", Substitute(block->init, block_vmap));
  Stmt init = BlockRealize(values, Substitute(realize->predicate, loop_vmap), init_block);
  for (auto it = loops.end(); it != pos;) {
    const For& l = *--it;
    auto found = loop_vmap.find(l->loop_var.get());
    if (found == loop_vmap.end()) continue;
    init = For(Downcast<Var>(found->second), l->min, l->extent, l->kind, init);
  }
  auto update = ir::CopyNode(*block.get());
  update->init = Stmt();
  Stmt new_loop = ReplaceStmt(loop, block, Block(ObjectPtr<Object>(update)));
  Stmt body = ReplaceWithSeq(ReplaceStmt(func->body, loop, new_loop), new_loop, {init, new_loop});
  Commit(block_rv->func_name, func.WithBody(body));
  BlockRV result(init_block->name_hint, block_rv->func_name);
  Record("DecomposeReduction", {block_rv, loop_rv}, {}, {result});
  return result;
}

TESSEL_REGISTER_INSTRUCTION_KIND(
    "DecomposeReduction", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>&,
       const ObjectRef&) -> Array<ObjectRef> {
      return {sch->DecomposeReduction(Downcast<BlockRV>(inputs[0]), Downcast<LoopRV>(inputs[1]))};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>&, const ObjectRef&,
       const Array<String>& outputs) {
      return PythonCall("decompose_reduction", {{"block", inputs[0]}, {"loop", inputs[1]}},
                        outputs);
    });

// ------------------------------------------------------------------ rfactor

BlockRV ScheduleNode::RFactor(const LoopRV& loop_rv, int factor_axis) {
  const char* kName = "rfactor";
  For loop = GetLoop(loop_rv, kName);
  std::vector<BlockRealize> children = ChildBlockRealizes(loop);
  if (children.size() != 1) {
    ThrowScheduleError(kName, StrCat(Describe(loop), " has ", children.size(),
                                     " blocks under it; rfactor needs exactly one"));
  }
  BlockRealize realize = children[0];
  const Block& block = realize->block;
  if (!block->init.defined()) {
    ThrowScheduleError(kName,
                       StrCat(Describe(block), " has no init; rfactor needs a reduction block"));
  }
  PrimFunc func = GetFunc(loop_rv->func_name, kName);
  std::vector<For> loops = LoopsAbove(func->body, realize);
  // Each loop feeds spatial variables, reduction variables, or neither; never both.
  std::unordered_set<const VarNode*> spatial_loops, reduce_loops;
  for (size_t i = 0; i < block->iter_vars.size(); ++i) {
    const IterVar& iv = block->iter_vars[i];
    for (const For& l : loops) {
      if (!UsesLoop(realize->iter_values[i], l)) continue;
      if (iv->iter_type == IterVarType::kDataPar) {
        if (l.same_as(loop)) {
          ThrowScheduleError(kName, StrCat(Describe(loop), " is bound to the spatial variable ",
                                           iv->var->name_hint, " of ", Describe(block),
                                           "; rfactor needs a loop bound to reduction "
                                           "variables only"));
        }
        spatial_loops.insert(l->loop_var.get());
      } else {
        reduce_loops.insert(l->loop_var.get());
      }
    }
  }
  if (!reduce_loops.count(loop->loop_var.get())) {
    ThrowScheduleError(kName, StrCat(Describe(loop), " is not bound to a reduction variable of ",
                                     Describe(block)));
  }
  for (const For& l : loops) {
    if (spatial_loops.count(l->loop_var.get()) && reduce_loops.count(l->loop_var.get())) {
      ThrowScheduleError(kName, StrCat(Describe(l), " is bound to both spatial and reduction "
                                       "variables of ", Describe(block)));
    }
  }
  const auto* store = block->body.as<BufferStoreNode>();
  Reducer reducer;
  PrimExpr rhs;
  if (!store || !MatchReducer(store, &reducer, &rhs)) {
    ThrowScheduleError(kName, StrCat("the update of ", Describe(block),
                                     " is not a recognized commutative reducer (C[i] = C[i] "
                                     "+ x, * x, max(C[i], x) or min(C[i], x))"));
  }
  const auto* init_store = block->init.as<BufferStoreNode>();
  if (!init_store || !init_store->buffer.same_as(store->buffer)) {
    ThrowScheduleError(kName, StrCat("the init of ", Describe(block),
                                     " is not one store to the buffer it reduces into"));
  }
  const Buffer& buffer = store->buffer;
  int ndim = static_cast<int>(buffer.ndim());
  if (factor_axis < -(ndim + 1) || factor_axis > ndim) {
    ThrowScheduleError(kName, StrCat("factor_axis ", factor_axis, " is out of range [",
                                     -(ndim + 1), ", ", ndim, "] for buffer ", buffer->name));
  }
  if (factor_axis < 0) factor_axis += ndim + 1;
  DataType index_type = ndim > 0 ? buffer->shape[0].dtype() : loop->extent.dtype();
  Buffer rf_buffer =
      decl_buffer(InsertAt(buffer->shape, factor_axis, cast(index_type, loop->extent)),
                  buffer->dtype, buffer->name + "_rf", buffer->scope);
  std::string rf_name = "v" + loop->loop_var->name_hint;
  DataType loop_type = loop->loop_var.dtype();

  // The rfactor block: the loop becomes a spatial variable, the other reduction loops
  // their own reduction variables.
  std::vector<IterVar> iters;
  std::vector<PrimExpr> values;
  VarMap vmap, loop_to_iter;
  Var rf_var(rf_name, loop_type);
  iters.emplace_back(Range(loop->min, loop->extent), rf_var, IterVarType::kDataPar);
  values.push_back(loop->loop_var);
  loop_to_iter[loop->loop_var.get()] = rf_var;
  for (size_t i = 0; i < block->iter_vars.size(); ++i) {
    const IterVar& iv = block->iter_vars[i];
    if (iv->iter_type != IterVarType::kDataPar) continue;
    Var var(iv->var->name_hint, iv->var.dtype());
    iters.emplace_back(iv->dom, var, IterVarType::kDataPar);
    values.push_back(realize->iter_values[i]);
    vmap[iv->var.get()] = var;
  }
  for (const For& l : loops) {
    if (l.same_as(loop) || !reduce_loops.count(l->loop_var.get())) continue;
    Var var("v" + l->loop_var->name_hint, l->loop_var.dtype());
    iters.emplace_back(Range(l->min, l->extent), var, IterVarType::kCommReduce);
    values.push_back(l->loop_var);
    loop_to_iter[l->loop_var.get()] = var;
  }
  for (size_t i = 0; i < block->iter_vars.size(); ++i) {
    const IterVar& iv = block->iter_vars[i];
    if (iv->iter_type == IterVarType::kDataPar) continue;
    vmap[iv->var.get()] = Substitute(realize->iter_values[i], loop_to_iter);
  }
  Array<PrimExpr> indices;
  for (const PrimExpr& e : store->indices) indices = indices.Append(Substitute(e, vmap));
  Array<PrimExpr> rf_indices = InsertAt(indices, factor_axis, rf_var);
  std::vector<BufferRegion> rf_reads;
  for (const BufferRegion& r : block->reads) {
    rf_reads.push_back(r->buffer.same_as(buffer) ? PointRegion(rf_buffer, rf_indices)
                                                 : SubstituteRegion(r, vmap));
  }
  Block rf_block(iters, rf_reads, {PointRegion(rf_buffer, rf_indices)}, block->name_hint + "_rf",
                 BufferStore(rf_buffer,
                             Combine(reducer, BufferLoad(rf_buffer, rf_indices),
                                     Substitute(rhs, vmap)),
                             rf_indices),
                 BufferStore(rf_buffer, Identity(reducer, buffer->dtype), rf_indices), {},
                 block->annotations);
  BlockRealize rf_realize(values, realize->predicate, rf_block);

  // The write-back block: copies of the spatial loops and the loop, reducing over the new axis.
  VarMap wb_loops;
  std::unordered_set<const VarNode*> dropped;
  for (const For& l : loops) {
    if (l.same_as(loop) || !reduce_loops.count(l->loop_var.get())) {
      wb_loops[l->loop_var.get()] = Var(l->loop_var->name_hint + "_1", l->loop_var.dtype());
    } else {
      dropped.insert(l->loop_var.get());
    }
  }
  if (UsesVar(realize->predicate, dropped)) {
    ThrowScheduleError(kName, StrCat(Describe(block), " has the predicate ",
                                     ExprText(realize->predicate),
                                     ", which depends on a reduction loop other than ",
                                     Describe(loop)));
  }
  Var wb_rf_var(rf_name, loop_type);
  std::vector<IterVar> wb_iters{IterVar(Range(loop->min, loop->extent), wb_rf_var,
                                        IterVarType::kCommReduce)};
  std::vector<PrimExpr> wb_values{wb_loops.at(loop->loop_var.get())};
  VarMap wb_vmap;
  for (size_t i = 0; i < block->iter_vars.size(); ++i) {
    const IterVar& iv = block->iter_vars[i];
    if (iv->iter_type != IterVarType::kDataPar) continue;
    Var var(iv->var->name_hint, iv->var.dtype());
    wb_iters.emplace_back(iv->dom, var, IterVarType::kDataPar);
    wb_values.push_back(Substitute(realize->iter_values[i], wb_loops));
    wb_vmap[iv->var.get()] = var;
  }
  Array<PrimExpr> wb_indices;
  for (const PrimExpr& e : store->indices) wb_indices = wb_indices.Append(Substitute(e, wb_vmap));
  Array<PrimExpr> wb_rf_indices = InsertAt(wb_indices, factor_axis, wb_rf_var);
  Block wb_block(wb_iters, {PointRegion(rf_buffer, wb_rf_indices)},
                 SubstituteRegions(block->writes, wb_vmap), block->name_hint,
                 BufferStore(buffer,
                             Combine(reducer, BufferLoad(buffer, wb_indices),
                                     BufferLoad(rf_buffer, wb_rf_indices)),
                             wb_indices),
                 Substitute(block->init, wb_vmap));
  Stmt write_back = BlockRealize(wb_values, Substitute(realize->predicate, wb_loops), wb_block);
  for (size_t k = loops.size(); k-- > 0;) {
    auto found = wb_loops.find(loops[k]->loop_var.get());
    if (found == wb_loops.end()) continue;
    write_back = For(Downcast<Var>(found->second), loops[k]->min, loops[k]->extent,
                     ForKind::kSerial, write_back);
  }
  const For& top = loops.front();
  Stmt new_top = ReplaceStmt(top, realize, rf_realize);
  Stmt body = ReplaceWithSeq(ReplaceStmt(func->body, top, new_top), new_top, {new_top, write_back});
  Commit(loop_rv->func_name, func.WithBody(AllocateAtRoot(body, rf_buffer)));
  BlockRV result(rf_block->name_hint, loop_rv->func_name);
  Record("RFactor", {loop_rv}, {IntImm(DataType::Int(32), factor_axis)}, {result});
  return result;
}

TESSEL_REGISTER_INSTRUCTION_KIND(
    "RFactor", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>& attrs,
       const ObjectRef&) -> Array<ObjectRef> {
      return {sch->RFactor(Downcast<LoopRV>(inputs[0]),
                           static_cast<int>(Downcast<IntImm>(attrs[0])->value))};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>& attrs, const ObjectRef&,
       const Array<String>& outputs) {
      return PythonCall("rfactor", {{"loop", inputs[0]}, {"factor_axis", PythonLiteral(attrs[0])}},
                        outputs);
    });

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
