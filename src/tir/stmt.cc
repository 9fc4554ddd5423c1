// Constructors of TensorIR statements, blocks, iteration variables and regions.
#include "tessel/tir/stmt.h"

namespace tessel {
namespace tir {

namespace {

std::string TypeOf(const PrimExpr& e) { return e.defined() ? e.dtype().ToString() : "None"; }

void CheckDefined(const char* op, const char* field, const ObjectRef& value) {
  if (!value.defined()) throw InvalidArgumentError(StrCat(op, ": ", field, " must be given"));
}

void CheckScalarBool(const char* op, const char* field, const PrimExpr& e) {
  CheckDefined(op, field, e);
  if (!e.dtype().is_bool() || !e.dtype().is_scalar()) {
    throw InvalidArgumentError(
        StrCat(op, ": the ", field, " must be a scalar bool, found ", TypeOf(e)));
  }
}

}  // namespace

const char* ForKindName(ForKind kind) {
  switch (kind) {
    case ForKind::kSerial: return "serial";
    case ForKind::kParallel: return "parallel";
    case ForKind::kVectorized: return "vectorized";
    case ForKind::kUnrolled: return "unroll";
  }
  return "serial";
}

LetStmt::LetStmt(Var var, PrimExpr value, Stmt body, Span span) {
  CheckDefined("tir.LetStmt", "var", var);
  CheckDefined("tir.LetStmt", "value", value);
  CheckDefined("tir.LetStmt", "body", body);
  if (var.dtype() != value.dtype()) {
    throw InvalidArgumentError(StrCat("tir.LetStmt: variable ", var->name_hint, " has dtype ",
                                      TypeOf(var), " but its value has dtype ", TypeOf(value)));
  }
  auto node = ir::make_object<LetStmtNode>();
  node->var = std::move(var);
  node->value = std::move(value);
  node->body = std::move(body);
  node->span = std::move(span);
  data_ = std::move(node);
}

AttrStmt::AttrStmt(ObjectRef node_ref, std::string attr_key, PrimExpr value, Stmt body, Span span) {
  CheckDefined("tir.AttrStmt", "value", value);
  CheckDefined("tir.AttrStmt", "body", body);
  auto node = ir::make_object<AttrStmtNode>();
  node->node = std::move(node_ref);
  node->attr_key = std::move(attr_key);
  node->value = std::move(value);
  node->body = std::move(body);
  node->span = std::move(span);
  data_ = std::move(node);
}

IfThenElse::IfThenElse(PrimExpr condition, Stmt then_case, Stmt else_case, Span span) {
  CheckScalarBool("tir.IfThenElse", "condition", condition);
  CheckDefined("tir.IfThenElse", "then_case", then_case);
  auto node = ir::make_object<IfThenElseNode>();
  node->condition = std::move(condition);
  node->then_case = std::move(then_case);
  node->else_case = std::move(else_case);
  node->span = std::move(span);
  data_ = std::move(node);
}

For::For(Var loop_var, PrimExpr min, PrimExpr extent, ForKind kind, Stmt body,
         Map<String, ObjectRef> annotations, Span span) {
  CheckDefined("tir.For", "loop_var", loop_var);
  CheckDefined("tir.For", "min", min);
  CheckDefined("tir.For", "extent", extent);
  CheckDefined("tir.For", "body", body);
  DataType t = loop_var.dtype();
  if (!t.is_scalar() || !t.is_integer() || min.dtype() != t || extent.dtype() != t) {
    throw InvalidArgumentError(StrCat(
        "tir.For: loop variable ", loop_var->name_hint,
        ", min and extent must be scalar integers of one dtype, found ", TypeOf(loop_var), ", ",
        TypeOf(min), " and ", TypeOf(extent)));
  }
  int k = static_cast<int>(kind);
  if (k < 0 || k > 3) throw InvalidArgumentError(StrCat("tir.For: unknown loop kind ", k));
  auto node = ir::make_object<ForNode>();
  node->loop_var = std::move(loop_var);
  node->min = std::move(min);
  node->extent = std::move(extent);
  node->kind = kind;
  node->body = std::move(body);
  node->annotations = std::move(annotations);
  node->span = std::move(span);
  data_ = std::move(node);
}

While::While(PrimExpr condition, Stmt body, Span span) {
  CheckScalarBool("tir.While", "condition", condition);
  CheckDefined("tir.While", "body", body);
  auto node = ir::make_object<WhileNode>();
  node->condition = std::move(condition);
  node->body = std::move(body);
  node->span = std::move(span);
  data_ = std::move(node);
}

BufferStore::BufferStore(Buffer buffer, PrimExpr value, Array<PrimExpr> indices, Span span) {
  CheckDefined("tir.BufferStore", "buffer", buffer);
  CheckDefined("tir.BufferStore", "value", value);
  if (indices.size() != buffer.ndim()) {
    throw InvalidArgumentError(StrCat("tir.BufferStore: buffer ", buffer->name, " has ",
                                      buffer.ndim(), " dimensions, found ", indices.size(),
                                      " indices"));
  }
  int lanes = 1;
  for (const PrimExpr& index : indices) {
    if (!index.defined() || !index.dtype().is_integer()) {
      throw InvalidArgumentError(StrCat("tir.BufferStore: indices of buffer ", buffer->name,
                                        " must be integers, found ", TypeOf(index)));
    }
    if (index.dtype().lanes() > 1) lanes = index.dtype().lanes();
  }
  DataType expected = buffer->dtype.with_lanes(buffer->dtype.lanes() * lanes);
  if (value.dtype() != expected) {
    throw InvalidArgumentError(StrCat("tir.BufferStore: buffer ", buffer->name, " stores ",
                                      expected.ToString(), ", found a value of dtype ",
                                      TypeOf(value)));
  }
  auto node = ir::make_object<BufferStoreNode>();
  node->buffer = std::move(buffer);
  node->value = std::move(value);
  node->indices = std::move(indices);
  node->span = std::move(span);
  data_ = std::move(node);
}

Allocate::Allocate(Buffer buffer, Stmt body, Span span) {
  CheckDefined("tir.Allocate", "buffer", buffer);
  CheckDefined("tir.Allocate", "body", body);
  auto node = ir::make_object<AllocateNode>();
  node->buffer = std::move(buffer);
  node->body = std::move(body);
  node->span = std::move(span);
  data_ = std::move(node);
}

Evaluate::Evaluate(PrimExpr value, Span span) {
  CheckDefined("tir.Evaluate", "value", value);
  auto node = ir::make_object<EvaluateNode>();
  node->value = std::move(value);
  node->span = std::move(span);
  data_ = std::move(node);
}

SeqStmt::SeqStmt(Array<Stmt> seq, Span span) {
  for (const Stmt& s : seq) CheckDefined("tir.SeqStmt", "every statement", s);
  auto node = ir::make_object<SeqStmtNode>();
  node->seq = std::move(seq);
  node->span = std::move(span);
  data_ = std::move(node);
}

IterVar::IterVar(Range dom, Var var, IterVarType iter_type, Span span) {
  CheckDefined("tir.IterVar", "dom", dom);
  CheckDefined("tir.IterVar", "var", var);
  if (dom->extent.dtype() != var.dtype() || dom->min.dtype() != var.dtype()) {
    throw InvalidArgumentError(StrCat("tir.IterVar: variable ", var->name_hint, " has dtype ",
                                      TypeOf(var), " but its domain has dtype ",
                                      TypeOf(dom->extent)));
  }
  int t = static_cast<int>(iter_type);
  if (t != 0 && t != 2) throw InvalidArgumentError(StrCat("tir.IterVar: unknown iter_type ", t));
  auto node = ir::make_object<IterVarNode>();
  node->var = std::move(var);
  node->dom = std::move(dom);
  node->iter_type = iter_type;
  node->span = std::move(span);
  data_ = std::move(node);
}

BufferRegion::BufferRegion(Buffer buffer, Array<Range> region) {
  CheckDefined("tir.BufferRegion", "buffer", buffer);
  if (region.size() != buffer.ndim()) {
    throw InvalidArgumentError(StrCat("tir.BufferRegion: buffer ", buffer->name, " has ",
                                      buffer.ndim(), " dimensions, found a region of ",
                                      region.size()));
  }
  auto node = ir::make_object<BufferRegionNode>();
  node->buffer = std::move(buffer);
  node->region = std::move(region);
  data_ = std::move(node);
}

BufferRegion BufferRegion::FullRegion(Buffer buffer) {
  std::vector<Range> region;
  for (const PrimExpr& extent : buffer->shape) region.push_back(Range(IntImm(extent.dtype(), 0), extent));
  return BufferRegion(buffer, region);
}

Block::Block(Array<IterVar> iter_vars, Array<BufferRegion> reads, Array<BufferRegion> writes,
             std::string name_hint, Stmt body, Stmt init, Array<Buffer> alloc_buffers,
             Map<String, ObjectRef> annotations, Span span) {
  CheckDefined("tir.Block", "body", body);
  auto node = ir::make_object<BlockNode>();
  node->iter_vars = std::move(iter_vars);
  node->alloc_buffers = std::move(alloc_buffers);
  node->reads = std::move(reads);
  node->writes = std::move(writes);
  node->name_hint = std::move(name_hint);
  node->init = std::move(init);
  node->body = std::move(body);
  node->annotations = std::move(annotations);
  node->span = std::move(span);
  data_ = std::move(node);
}

BlockRealize::BlockRealize(Array<PrimExpr> iter_values, PrimExpr predicate, Block block, Span span) {
  CheckDefined("tir.BlockRealize", "block", block);
  if (!predicate.defined()) predicate = IntImm(DataType::Bool(), 1);
  CheckScalarBool("tir.BlockRealize", "predicate", predicate);
  const auto& iter_vars = block->iter_vars;
  if (iter_values.size() != iter_vars.size()) {
    throw InvalidArgumentError(StrCat("tir.BlockRealize: block ", block->name_hint, " has ",
                                      iter_vars.size(), " iteration variables, found ",
                                      iter_values.size(), " values"));
  }
  for (size_t i = 0; i < iter_values.size(); ++i) {
    if (!iter_values[i].defined() || iter_values[i].dtype() != iter_vars[i]->var.dtype()) {
      throw InvalidArgumentError(StrCat(
          "tir.BlockRealize: block ", block->name_hint, ": iteration variable ",
          iter_vars[i]->var->name_hint, " has dtype ", iter_vars[i]->var.dtype().ToString(),
          " but its value has dtype ", TypeOf(iter_values[i])));
    }
  }
  auto node = ir::make_object<BlockRealizeNode>();
  node->iter_values = std::move(iter_values);
  node->predicate = std::move(predicate);
  node->block = std::move(block);
  node->span = std::move(span);
  data_ = std::move(node);
}

}  // namespace tir
}  // namespace tessel
