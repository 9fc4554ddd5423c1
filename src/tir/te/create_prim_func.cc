// CreatePrimFunc: one block per compute of a te graph, in a PrimFunc shaped like TVM's
// te.create_prim_func output.
#include "tessel/tir/te/create_prim_func.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "te_functor.h"
#include "tessel/ir/structural_equal.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace te {

namespace {

using tir::Block;
using tir::BlockRealize;
using tir::Buffer;
using tir::BufferLoad;
using tir::BufferRegion;
using tir::BufferStore;
using tir::For;
using tir::ForKind;
using tir::Stmt;

// The buffer of each tensor, by (operation, output index).
using BufferMap = std::map<std::pair<const Object*, int64_t>, Buffer>;

std::pair<const Object*, int64_t> Key(const Object* op, size_t i) {
  return {op, static_cast<int64_t>(i)};
}
std::pair<const Object*, int64_t> KeyOf(const Tensor& t) { return {t->op.get(), t->value_index}; }

// The buffer name of output i: the operation's name, with "_v<i>" when it has several.
std::string BufferName(const Operation& op, size_t i) {
  return op->num_outputs() == 1 ? op->name : StrCat(op->name, "_v", i);
}

// The tensor expression as TensorIR: ProducerLoads become BufferLoads, the compute's
// axis variables become the block's iteration variables.
class ToTir : public Substituter {
 public:
  ToTir(std::unordered_map<const Object*, PrimExpr> vars, const BufferMap& buffers)
      : Substituter(std::move(vars)), buffers_(buffers) {}
  PrimExpr VisitProducerLoad(const ProducerLoadNode* op) override {
    Array<PrimExpr> indices = op->indices.Map([this](const PrimExpr& e) { return VisitExpr(e); });
    return BufferLoad(buffers_.at(KeyOf(op->producer)), indices, op->span);
  }

 private:
  const BufferMap& buffers_;
};

// The indices of every load of each buffer, buffers in first-use order.
class AccessCollector : public tir::ExprVisitor {
 public:
  std::vector<Buffer> buffers;
  std::unordered_map<const Object*, std::vector<Array<PrimExpr>>> accesses;

  void VisitExpr_(const tir::BufferLoadNode* op) override {
    auto& list = accesses[op->buffer.get()];
    if (list.empty()) buffers.push_back(op->buffer);
    list.push_back(op->indices);
    tir::ExprVisitor::VisitExpr_(op);
  }
};

// An index as base + constant offset; base is undefined for a constant index.
std::pair<PrimExpr, int64_t> SplitOffset(const PrimExpr& e) {
  if (const auto* imm = e.as<ir::IntImmNode>()) return {PrimExpr(), imm->value};
  if (const auto* add = e.as<tir::AddNode>()) {
    if (const auto* imm = add->b.as<ir::IntImmNode>()) return {add->a, imm->value};
    if (const auto* imm = add->a.as<ir::IntImmNode>()) return {add->b, imm->value};
  }
  if (const auto* sub = e.as<tir::SubNode>()) {
    if (const auto* imm = sub->b.as<ir::IntImmNode>()) return {sub->a, -imm->value};
  }
  return {e, 0};
}

// The range of one dimension covering all the given indices: the index itself when
// they are all the same, [base + lo, base + hi] when they differ by constants, else
// the whole dimension.
Range CoverDim(const std::vector<PrimExpr>& indices, const PrimExpr& extent) {
  const PrimExpr& first = indices[0];
  DataType t = first.dtype();
  bool same = std::all_of(indices.begin(), indices.end(),
                          [&](const PrimExpr& e) { return ir::StructuralEqual(e, first); });
  if (same) return Range(first, tir::make_one(t));
  auto [base, lo] = SplitOffset(first);
  int64_t hi = lo;
  for (const PrimExpr& e : indices) {
    auto [b, offset] = SplitOffset(e);
    if (b.defined() != base.defined() || (b.defined() && !ir::StructuralEqual(b, base)) ||
        e.dtype() != t) {
      return Range(tir::make_zero(extent.dtype()), extent);
    }
    lo = std::min(lo, offset);
    hi = std::max(hi, offset);
  }
  PrimExpr min = tir::make_const(t, lo);
  if (base.defined()) min = lo == 0 ? base : lo > 0 ? base + min : base - tir::make_const(t, -lo);
  return Range(min, tir::make_const(t, hi - lo + 1));
}

// The regions read by exprs, one per buffer other than the written ones.
Array<BufferRegion> ReadRegions(const Array<PrimExpr>& exprs, const std::vector<Buffer>& written) {
  AccessCollector collector;
  for (const PrimExpr& e : exprs) collector(e);
  std::vector<BufferRegion> regions;
  for (const Buffer& buffer : collector.buffers) {
    auto is_buffer = [&](const Buffer& b) { return b.same_as(buffer); };
    if (std::any_of(written.begin(), written.end(), is_buffer)) continue;
    const auto& accesses = collector.accesses.at(buffer.get());
    std::vector<Range> region;
    for (size_t d = 0; d < buffer->shape.size(); ++d) {
      std::vector<PrimExpr> indices;
      for (const Array<PrimExpr>& access : accesses) indices.push_back(access[d]);
      region.push_back(CoverDim(indices, buffer->shape[d]));
    }
    regions.push_back(BufferRegion(buffer, region));
  }
  return regions;
}

// Hands out block names, adding "_1", "_2", ... to repeated ones.
class NameSupply {
 public:
  std::string Fresh(const std::string& name) {
    std::string out = name;
    for (int i = 1; !used_.insert(out).second; ++i) out = StrCat(name, "_", i);
    return out;
  }

 private:
  std::unordered_set<std::string> used_;
};

PrimExpr True() { return IntImm(DataType::Bool(), 1); }

Stmt Seq(const std::vector<Stmt>& stmts) { return stmts.size() == 1 ? stmts[0] : tir::SeqStmt(stmts); }

// The loop nest and block computing one compute op into its buffers.
Stmt ComputeStmt(const ComputeOpNode* op, const BufferMap& buffers, NameSupply* names) {
  std::vector<Buffer> outputs;
  for (size_t i = 0; i < op->num_outputs(); ++i) outputs.push_back(buffers.at(Key(op, i)));
  std::vector<IterVar> iter_vars;
  std::vector<Var> loop_vars;
  std::unordered_map<const Object*, PrimExpr> vars;
  for (const auto* list : {&op->axis, &op->reduce_axis}) {
    for (const IterVar& iv : *list) {
      Var block_var("v_" + iv->var->name_hint, iv->var.dtype());
      iter_vars.push_back(IterVar(iv->dom, block_var, iv->iter_type));
      loop_vars.push_back(Var(iv->var->name_hint, iv->var.dtype()));
      vars[iv->var.get()] = block_var;
    }
  }
  std::vector<PrimExpr> indices(iter_vars.size() - op->reduce_axis.size());
  for (size_t i = 0; i < indices.size(); ++i) indices[i] = iter_vars[i]->var;
  ToTir to_tir(vars, buffers);
  auto convert = [&](const PrimExpr& e) { return to_tir(e); };

  Stmt body, init;
  Array<BufferRegion> reads;
  if (const auto* reduce = op->body[0].as<ReduceNode>()) {
    Array<PrimExpr> sources = reduce->source.Map(convert);
    PrimExpr condition = to_tir(reduce->condition);
    std::vector<Stmt> inits, updates;
    Array<PrimExpr> accumulated;
    for (size_t i = 0; i < outputs.size(); ++i) {
      inits.push_back(BufferStore(outputs[i], reduce->combiner->identity_element[i], indices));
      accumulated = accumulated.Append(BufferLoad(outputs[i], indices));
    }
    Array<PrimExpr> combined = (*reduce->combiner.get())(accumulated, sources);
    if (outputs.size() == 1) {
      body = BufferStore(outputs[0], combined[0], indices);
    } else {
      // Every new value is computed from the old ones before any is stored.
      std::vector<Var> temps;
      for (size_t i = 0; i < outputs.size(); ++i) {
        temps.push_back(Var(StrCat("v_", outputs[i]->name), combined[i].dtype()));
        updates.push_back(BufferStore(outputs[i], temps[i], indices));
      }
      body = Seq(updates);
      for (size_t i = temps.size(); i-- > 0;) body = tir::LetStmt(temps[i], combined[i], body);
    }
    init = Seq(inits);
    if (!tir::is_const_number(condition, 1) || !condition.dtype().is_bool()) {
      body = tir::IfThenElse(condition, body);
    }
    reads = ReadRegions(sources.Append(condition), outputs);
  } else {
    Array<PrimExpr> values = op->body.Map(convert);
    std::vector<Stmt> stores;
    for (size_t i = 0; i < outputs.size(); ++i) stores.push_back(BufferStore(outputs[i], values[i], indices));
    body = Seq(stores);
    reads = ReadRegions(values, outputs);
  }
  std::vector<Range> point;
  for (const PrimExpr& index : indices) point.push_back(Range(index, tir::make_one(index.dtype())));
  std::vector<BufferRegion> writes;
  for (const Buffer& buffer : outputs) writes.push_back(BufferRegion(buffer, point));
  Block block(iter_vars, reads, writes, names->Fresh(op->name), body, init, Array<Buffer>(),
              op->attrs);
  Stmt stmt = BlockRealize(Array<PrimExpr>(std::vector<PrimExpr>(loop_vars.begin(), loop_vars.end())),
                           True(), block);
  for (size_t i = loop_vars.size(); i-- > 0;) {
    stmt = For(loop_vars[i], iter_vars[i]->dom->min, iter_vars[i]->dom->extent, ForKind::kSerial, stmt);
  }
  return stmt;
}

// Appends op and, before it, every operation it depends on, each once.
void PostOrder(const Operation& op, std::unordered_set<const Object*>* visited,
               std::vector<Operation>* order) {
  if (!visited->insert(op.get()).second) return;
  for (const Tensor& input : op->InputTensors()) PostOrder(input->op, visited, order);
  order->push_back(op);
}

}  // namespace

tir::PrimFunc CreatePrimFunc(const Array<ObjectRef>& args) {
  std::vector<Var> params;
  Map<Var, Buffer> buffer_map;
  BufferMap buffers;
  std::unordered_set<const Object*> seen_vars;
  std::vector<Operation> outputs;
  for (size_t i = 0; i < args.size(); ++i) {
    ObjectRef arg = args[i];
    if (const auto* tensor = arg.as<TensorNode>()) {
      Tensor t = tir::GetRef<Tensor>(tensor);
      std::string name = BufferName(t->op, t->value_index);
      if (buffers.count(KeyOf(t))) {
        throw InvalidArgumentError(StrCat("te.create_prim_func: tensor ", name, " (argument ", i,
                                          ") appears twice in the arguments"));
      }
      Var handle(name, DataType::Handle());
      Buffer buffer = tir::decl_buffer(tensor->shape, tensor->dtype, name);
      params.push_back(handle);
      buffer_map = buffer_map.Set(handle, buffer);
      buffers[KeyOf(t)] = buffer;
      outputs.push_back(tensor->op);
    } else if (const auto* var = arg.as<tir::VarNode>()) {
      if (!seen_vars.insert(var).second) {
        throw InvalidArgumentError(StrCat("te.create_prim_func: variable ", var->name_hint,
                                          " (argument ", i, ") appears twice in the arguments"));
      }
      params.push_back(tir::GetRef<Var>(var));
    } else {
      throw InvalidArgumentError(StrCat("te.create_prim_func: argument ", i, " is a ",
                                        arg.defined() ? arg->type_key() : "None",
                                        "; expected a te.Tensor or a tir.Var"));
    }
  }

  std::unordered_set<const Object*> visited;
  std::vector<Operation> order;
  for (const Operation& op : outputs) PostOrder(op, &visited, &order);

  std::vector<Buffer> allocs;
  std::vector<Stmt> stmts;
  NameSupply names;
  for (const Operation& op : order) {
    for (size_t i = 0; i < op->num_outputs(); ++i) {
      if (buffers.count(Key(op.get(), i))) continue;
      if (op.as<PlaceholderOpNode>()) {
        throw InvalidArgumentError(StrCat("te.create_prim_func: placeholder ", op->name,
                                          " is read but is not among the arguments"));
      }
      Buffer buffer = tir::decl_buffer(op->output_shape(), op->output_dtype(i), BufferName(op, i));
      buffers[Key(op.get(), i)] = buffer;
      allocs.push_back(buffer);
    }
    if (const auto* compute = op.as<ComputeOpNode>()) stmts.push_back(ComputeStmt(compute, buffers, &names));
  }
  if (stmts.empty()) {
    throw InvalidArgumentError("te.create_prim_func: the arguments hold no compute to build");
  }
  Stmt body = stmts.size() == 1 ? stmts[0] : tir::SeqStmt(stmts);
  if (!allocs.empty()) {
    body = BlockRealize({}, True(), Block({}, {}, {}, "root", body, Stmt(), allocs));
  }
  ir::DictAttrs attrs(Map<String, ObjectRef>{{String("global_symbol"), String("main")},
                                             {String("tir.noalias"), IntImm(DataType::Bool(), 1)}});
  return tir::PrimFunc(params, body, DataType::Void(), buffer_map, attrs);
}

}  // namespace te
}  // namespace tessel
