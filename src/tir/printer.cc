// Script printer handlers for every TensorIR node: TVMScript-style Python text that the
// `T` dialect parser (tessel.script) reads back.
//
// ===================================================================== The printed format
// `T` is the tir script dialect, `I` the ir one. Everything printed is valid Python.
//
// Functions
//   @T.prim_func
//   def main(A: T.Buffer((128, 128), "float32"), n: T.int32, var_B: T.handle) -> T.int32:
//       m = T.int32()                                # variables used before any definition
//       B = T.match_buffer(var_B, (m, 784), "float32")
//       T.func_attr({"global_symbol": "main"})       # only when attrs are not empty
//       <body>
//   * The name after `def` is ScriptPrinter::function_name, else attr "global_symbol", else
//     "main". `-> T.<dtype>` appears only for a non-void ret_type.
//   * A parameter in buffer_map prints as `A: T.Buffer(...)` when every variable of its
//     shape/strides/elem_offset is a scalar parameter; otherwise as `var_A: T.handle`
//     plus a `T.match_buffer` line. Scalar parameters print as `n: T.int32`.
//   * Free variables (used before any definition) are declared first as
//     `x = T.int32()` (`T.<dtype>()`; a SizeVar as `T.int32(is_size_var=True)`), then
//     free buffers as `X = T.Buffer(<buffer args>)`, then the match_buffer lines,
//     then T.func_attr (whose buffers may use the memory of match_buffer parameters).
//   Buffer args: `(d0, d1, ...), "dtype"` then, only when not default, `strides=(...)`,
//     `elem_offset=e` (default: the constant 0), `scope="shared"` (default "global"),
//     `data=A.data` (when a buffer named before, A, has the same data pointer, as a
//     flattened parameter and its original in "tir.param_buffers" do).
//     A 1-d shape is `(128,)`, a 0-d shape `()`.
//
// Statements (one per line; the body of a compound statement is indented 4 spaces)
//   BufferStore   A[i, j] = value            (0-d: A[()] = value)
//   Evaluate      T.evaluate(value)
//   SeqStmt       its statements in order; an empty SeqStmt prints `pass`
//   IfThenElse    if cond:  <then>  [else:  <else>]
//   While         while cond:  <body>
//   AttrStmt      with T.attr(node, "key", value):  <body>
//   LetStmt       x: T.int32 = value   followed by the body at the same indentation, when the
//                 LetStmt is the last statement of its sequence; otherwise
//                 with T.LetStmt(value) as x:  <body>
//                 (the variable's dtype is the value's dtype)
//   Allocate      A = T.decl_buffer(<buffer args>)   followed by the body at the same
//                 indentation when last in its sequence; otherwise
//                 with T.decl_buffer(<buffer args>) as A:  <body>
//   For           for i in range(extent):              serial, min 0, no annotations
//                 for i in T.serial(extent):           serial with annotations
//                 for i in T.parallel(extent):  T.vectorized(extent)  T.unroll(extent)
//                 with min != 0 the arguments are (min, stop), stop = min + extent, like
//                 Python's range: T.serial(2, 12) is min 2, extent 10. stop is folded when
//                 both are constants, else printed as `min + extent`; so the parser takes
//                 extent = stop - min, folding constants and reading `min + e` back as e.
//                 Annotations add `annotations={...}`: T.serial(0, n, annotations=...) is
//                 never needed, min 0 prints the single-argument form T.serial(n, annotations={...}).
//                 Perfectly nested serial loops with min 0 and no annotations, whose
//                 extents do not use the outer loop variables, merge into
//                 for i, j, k in T.grid(128, 128, 128):
//   BlockRealize  with T.block("name"):
//                     vi, vj, vk = T.axis.remap("SSR", [i, j, k])
//                     T.where(predicate)                   # only when not True
//                     T.reads(A[vi, vk], B[vk, vj])        # always, possibly T.reads()
//                     T.writes(C[vi, vj])                  # always
//                     T.block_attr({...})                  # only when annotations
//                     X = T.alloc_buffer(<buffer args>)    # one per alloc_buffer
//                     with T.init():                       # only when init is defined
//                         <init>
//                     <body>
//                 T.axis.remap is used when every binding is a distinct enclosing loop
//                 variable with min 0 whose extent is the iteration domain (min 0). Otherwise
//                 each axis is `vi = T.axis.spatial(dom, value)` or
//                 `vk = T.axis.reduce(dom, value)`, dom being `extent` or `(min, stop)`.
//                 A region is `A[i, 0:128]`: a range of extent 1 prints as its min, other
//                 ranges as `min:stop` (stop as for loops).
//   Block (bare, without BlockRealize; for debugging only)
//                 with T.block("name", no_realize=True):  axes as `vi = T.axis.spatial(dom)`
//
// Expressions (parenthesised by Python precedence; never more parentheses than needed)
//   Var x        x                       IntImm  3, True/False, T.int64(3), T.uint8(1)
//   FloatImm     T.float32(1.5)          StringImm "text"
//   Cast         T.Cast("float32", x)
//   Add Sub Mul  a + b, a - b, a * b   (two int32 constants: T.int32(0) * 8, which Python
//                would otherwise fold; the same for every infix operator)
//   Div          a / b for floats, T.Div(a, b) for integers (truncating)
//   Mod          T.truncmod(a, b)
//   FloorDiv     a // b                  FloorMod  a % b
//   Min Max      T.min(a, b), T.max(a, b)
//   EQ NE LT LE GT GE   a == b, a != b, a < b, a <= b, a > b, a >= b
//   And Or Not   a and b, a or b, not a
//   Select       T.Select(cond, t, f)
//   BufferLoad   A[i, j]                 (0-d: A[()])
//   Ramp         T.Ramp(base, stride, lanes)
//   Broadcast    T.Broadcast(value, lanes)
//   Let          T.Let(body, where={x: value})   (x is defined there, dtype of value)
//   Call         T.exp(x), T.pow(x, y), ... for an Op "tir.<name>" whose dtype is its first
//                argument's; otherwise T.call_intrin("dtype", "op.name", args...) (a GlobalVar
//                op prints as Module.<name> in place of "op.name")
//   IterVar      T.iter_var(v, I.Range(0, 128), "DataPar"|"CommReduce", "")
//   BufferRegion A[vi, 0:128]
// A node printed on its own (repr) declares the variables and buffers it uses first:
//   x = T.int32()
//   x + 1
// =========================================================================================
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "tessel/ir/printer.h"
#include "tessel/tir/function.h"
#include "tessel/tir/functor.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace tir {

namespace {

using ir::ScriptPrinter;

// ------------------------------------------------------------------ per-printing state

struct LoopInfo {
  PrimExpr min;
  PrimExpr extent;
};

// What the handlers of one printing share beyond ScriptPrinter: the loops around the
// statement being printed (for T.axis.remap) and whether that statement is followed by
// others in its sequence (for the flat forms of LetStmt and Allocate).
struct PrinterState {
  std::unordered_map<const Object*, LoopInfo> loops;
  bool not_last = false;
  // The first buffer named over each data variable; later ones print `data=<first>.data`.
  // Reset for each function (buffers are local to one); an owner this printer has not
  // named is left from an earlier printing and ignored.
  std::unordered_map<const Object*, Buffer> data_owner;
};

PrinterState& StateOf(const ScriptPrinter* p) {
  thread_local std::unordered_map<const ScriptPrinter*, PrinterState> states;
  return states[p];
}

// Registers loops as enclosing for the lifetime of the guard.
class LoopScope {
 public:
  LoopScope(ScriptPrinter* p, const std::vector<const ForNode*>& loops) : p_(p), loops_(loops) {
    for (const ForNode* loop : loops_) StateOf(p_).loops[loop->loop_var.get()] = {loop->min, loop->extent};
  }
  ~LoopScope() {
    for (const ForNode* loop : loops_) StateOf(p_).loops.erase(loop->loop_var.get());
  }

 private:
  ScriptPrinter* p_;
  std::vector<const ForNode*> loops_;
};

// ------------------------------------------------------------------ small helpers

bool IsZero(const PrimExpr& e) {
  const auto* imm = e.as<IntImmNode>();
  return imm && imm->value == 0;
}

bool IsOne(const PrimExpr& e) {
  const auto* imm = e.as<IntImmNode>();
  return imm && imm->value == 1;
}

bool IsConstTrue(const PrimExpr& e) {
  const auto* imm = e.as<IntImmNode>();
  return imm && imm->dtype.is_bool() && imm->value == 1;
}

// Whether two extents are the same: the same node, or equal constants.
bool SameExtent(const PrimExpr& a, const PrimExpr& b) {
  if (a.same_as(b)) return true;
  const auto* x = a.as<IntImmNode>();
  const auto* y = b.as<IntImmNode>();
  return x && y && x->value == y->value && x->dtype == y->dtype;
}

const char* kPythonKeywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
    "try", "while", "with", "yield", "T", "I", "R"};

// A name hint made into a Python identifier that does not shadow a keyword or a dialect.
std::string Identifier(const std::string& hint, const char* fallback) {
  std::string out;
  for (char c : hint) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
  if (out.empty()) out = fallback;
  if (std::isdigit(static_cast<unsigned char>(out[0]))) out = "v" + out;
  for (const char* keyword : kPythonKeywords) {
    if (out == keyword) return out + "_";
  }
  return out;
}

// The elements of an array as plain handles, for ScriptPrinter::PrintList.
template <typename T>
std::vector<ObjectRef> Objects(const Array<T>& items) {
  std::vector<ObjectRef> out;
  for (const T& item : items) out.push_back(item);
  return out;
}

std::string DtypeCall(DataType dtype) { return "T." + dtype.ToString(); }

// The text of a free variable's declaration: `T.int32()`.
std::string VarDecl(const VarNode* var) {
  if (dynamic_cast<const SizeVarNode*>(var)) return DtypeCall(var->dtype) + "(is_size_var=True)";
  return DtypeCall(var->dtype) + "()";
}

// ------------------------------------------------------------------ expressions

// Python precedence levels, low to high.
enum Prec { kOr = 1, kAnd = 2, kNot = 3, kCmp = 4, kAdd = 6, kMul = 7, kUnary = 8, kAtom = 10 };

int PrecOf(const PrimExpr& e) {
  if (e.as<AddNode>() || e.as<SubNode>()) return kAdd;
  if (e.as<MulNode>() || e.as<FloorDivNode>() || e.as<FloorModNode>()) return kMul;
  if (e.as<DivNode>()) return e.dtype().is_float() ? kMul : kAtom;
  if (e.as<EQNode>() || e.as<NENode>() || e.as<LTNode>() || e.as<LENode>() || e.as<GTNode>() ||
      e.as<GENode>()) {
    return kCmp;
  }
  if (e.as<AndNode>()) return kAnd;
  if (e.as<OrNode>()) return kOr;
  if (e.as<NotNode>()) return kNot;
  if (const auto* imm = e.as<IntImmNode>()) {
    if (imm->value < 0 && imm->dtype == DataType::Int(32)) return kUnary;
  }
  return kAtom;
}

// An operand of an operator of precedence `parent`, parenthesised when needed. Python
// operators are left-associative and comparisons chain, so a right operand of equal
// precedence, and any comparison inside a comparison, get parentheses.
std::string Operand(ScriptPrinter* p, const PrimExpr& e, int parent, bool right) {
  std::string text = p->Print(e);
  int prec = PrecOf(e);
  bool paren = prec < parent || (prec == parent && (right || parent == kCmp));
  return paren ? "(" + text + ")" : text;
}

bool IsInt32Literal(const PrimExpr& e) {
  const auto* imm = e.as<IntImmNode>();
  return imm && imm->dtype == DataType::Int(32);
}

std::string Infix(ScriptPrinter* p, const BinaryOpNode* op, const char* sym, int prec) {
  // Python would fold `0 * 8` itself: a constant left operand keeps the node as T.int32(0).
  std::string left = IsInt32Literal(op->a) && IsInt32Literal(op->b)
                         ? StrCat("T.int32(", op->a.as<IntImmNode>()->value, ")")
                         : Operand(p, op->a, prec, false);
  return StrCat(left, " ", sym, " ", Operand(p, op->b, prec, true));
}

std::string Func(ScriptPrinter* p, const char* name, const std::vector<ObjectRef>& args) {
  return StrCat(name, "(", p->PrintList(args), ")");
}

std::string BinaryHandler(const ObjectRef& n, ScriptPrinter* p) {
  const auto* op = static_cast<const BinaryOpNode*>(n.get());
  if (n.as<AddNode>()) return Infix(p, op, "+", kAdd);
  if (n.as<SubNode>()) return Infix(p, op, "-", kAdd);
  if (n.as<MulNode>()) return Infix(p, op, "*", kMul);
  if (n.as<DivNode>()) {
    if (op->dtype.is_float()) return Infix(p, op, "/", kMul);
    return Func(p, "T.Div", {op->a, op->b});
  }
  if (n.as<ModNode>()) return Func(p, "T.truncmod", {op->a, op->b});
  if (n.as<FloorDivNode>()) return Infix(p, op, "//", kMul);
  if (n.as<FloorModNode>()) return Infix(p, op, "%", kMul);
  if (n.as<MinNode>()) return Func(p, "T.min", {op->a, op->b});
  if (n.as<MaxNode>()) return Func(p, "T.max", {op->a, op->b});
  if (n.as<EQNode>()) return Infix(p, op, "==", kCmp);
  if (n.as<NENode>()) return Infix(p, op, "!=", kCmp);
  if (n.as<LTNode>()) return Infix(p, op, "<", kCmp);
  if (n.as<LENode>()) return Infix(p, op, "<=", kCmp);
  if (n.as<GTNode>()) return Infix(p, op, ">", kCmp);
  if (n.as<GENode>()) return Infix(p, op, ">=", kCmp);
  if (n.as<AndNode>()) return Infix(p, op, "and", kAnd);
  return Infix(p, op, "or", kOr);
}

// A variable's name; the first mention of a variable no definition has named declares it.
std::string PrintVar(const ObjectRef& n, ScriptPrinter* p) {
  const auto* var = n.as<VarNode>();
  if (p->HasName(n)) return p->NameOf(n, "");
  std::string name = p->NameOf(n, Identifier(var->name_hint, "v"));
  p->Line(name + " = " + VarDecl(var));
  return name;
}

// `(128, 128), "float32"` plus the non-default keyword arguments.
std::string BufferArgs(const BufferNode* b, ScriptPrinter* p) {
  std::string shape = "(" + p->PrintList(Objects(b->shape));
  shape += b->shape.size() == 1 ? ",)" : ")";
  std::string out = StrCat(shape, ", ", ir::QuoteString(b->dtype.ToString()));
  if (!b->strides.empty()) {
    std::string strides = "(" + p->PrintList(Objects(b->strides));
    strides += b->strides.size() == 1 ? ",)" : ")";
    out += ", strides=" + strides;
  }
  if (b->elem_offset.defined() && !IsZero(b->elem_offset)) out += ", elem_offset=" + p->Print(b->elem_offset);
  if (b->scope != "global") out += ", scope=" + ir::QuoteString(b->scope);
  auto owner = StateOf(p).data_owner.find(b->data.get());
  if (owner != StateOf(p).data_owner.end() && owner->second.get() != b &&
      p->HasName(owner->second)) {
    out += ", data=" + p->NameOf(owner->second, "") + ".data";
  }
  return out;
}

std::string BufferName(const Buffer& b, ScriptPrinter* p) {
  StateOf(p).data_owner.emplace(b->data.get(), b);
  return p->NameOf(b, Identifier(b->name, "buffer"));
}

// A buffer's name; the first mention of a buffer nothing defined declares it.
std::string PrintBuffer(const ObjectRef& n, ScriptPrinter* p) {
  Buffer b(n.data());
  if (p->HasName(n)) return p->NameOf(n, "");
  std::string args = BufferArgs(b.get(), p);
  std::string name = BufferName(b, p);
  p->Line(StrCat(name, " = T.Buffer(", args, ")"));
  return name;
}

std::string Subscript(ScriptPrinter* p, const Buffer& buffer, const std::vector<std::string>& items) {
  std::string name = p->Print(buffer);
  if (items.empty()) return name + "[()]";
  std::string out = name + "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

std::string PrintIndices(ScriptPrinter* p, const Buffer& buffer, const Array<PrimExpr>& indices) {
  std::vector<std::string> items;
  for (const PrimExpr& index : indices) items.push_back(p->Print(index));
  return Subscript(p, buffer, items);
}

// The text of min + extent: folded when both are constants.
std::string Stop(ScriptPrinter* p, const PrimExpr& min, const PrimExpr& extent) {
  const auto* a = min.as<IntImmNode>();
  const auto* b = extent.as<IntImmNode>();
  if (a && b) return p->Print(IntImm(min.dtype(), a->value + b->value));
  return p->Print(Add(min, extent));
}

std::string PrintRegion(ScriptPrinter* p, const BufferRegionNode* region) {
  std::vector<std::string> items;
  for (const Range& range : region->region) {
    if (IsOne(range->extent)) {
      items.push_back(p->Print(range->min));
    } else {
      items.push_back(StrCat(p->Print(range->min), ":", Stop(p, range->min, range->extent)));
    }
  }
  return Subscript(p, region->buffer, items);
}

std::string PrintCall(const ObjectRef& n, ScriptPrinter* p) {
  const auto* call = n.as<CallNode>();
  std::vector<ObjectRef> args = Objects(call->args);
  if (const auto* op = call->op.as<ir::OpNode>()) {
    bool tir_op = op->name.rfind("tir.", 0) == 0;
    if (tir_op && !call->args.empty() && call->args[0].dtype() == call->dtype) {
      return StrCat("T.", op->name.substr(4), "(", p->PrintList(args), ")");
    }
    std::string out = StrCat("T.call_intrin(", ir::QuoteString(call->dtype.ToString()), ", ",
                             ir::QuoteString(op->name));
    return out + (args.empty() ? "" : ", " + p->PrintList(args)) + ")";
  }
  std::string out = StrCat("T.call_intrin(", ir::QuoteString(call->dtype.ToString()), ", ",
                           p->Print(call->op));
  return out + (args.empty() ? "" : ", " + p->PrintList(args)) + ")";
}

std::string PrintLet(const ObjectRef& n, ScriptPrinter* p) {
  const auto* let = n.as<LetNode>();
  std::string value = p->Print(let->value);
  std::string var = p->NameOf(let->var, Identifier(let->var->name_hint, "v"));
  return StrCat("T.Let(", p->Print(let->body), ", where={", var, ": ", value, "})");
}

// ------------------------------------------------------------------ statements

// A statement handler also learns whether its statement is the last of its sequence.
using StmtHandler = std::function<void(const ObjectRef&, ScriptPrinter*, bool last)>;

void RegisterStmt(const std::string& key, StmtHandler handler) {
  ScriptPrinter::Register(key, [handler](const ObjectRef& n, ScriptPrinter* p) {
    PrinterState& state = StateOf(p);
    bool last = !state.not_last;
    state.not_last = false;
    handler(n, p, last);
    return std::string();
  });
}

void PrintBody(ScriptPrinter* p, const Stmt& body) {
  p->Indent();
  p->Print(body);
  p->Dedent();
}

void PrintSeq(const ObjectRef& n, ScriptPrinter* p, bool) {
  const auto* seq = n.as<SeqStmtNode>();
  if (seq->seq.empty()) {
    p->Line("pass");
    return;
  }
  for (size_t i = 0; i < seq->seq.size(); ++i) {
    StateOf(p).not_last = i + 1 < seq->seq.size();
    p->Print(seq->seq[i]);
  }
  StateOf(p).not_last = false;
}

void PrintLetStmt(const ObjectRef& n, ScriptPrinter* p, bool last) {
  const auto* let = n.as<LetStmtNode>();
  std::string value = p->Print(let->value);
  std::string var = p->NameOf(let->var, Identifier(let->var->name_hint, "v"));
  if (last) {
    p->Line(StrCat(var, ": ", DtypeCall(let->var.dtype()), " = ", value));
    p->Print(let->body);
  } else {
    p->Line(StrCat("with T.LetStmt(", value, ") as ", var, ":"));
    PrintBody(p, let->body);
  }
}

void PrintAllocate(const ObjectRef& n, ScriptPrinter* p, bool last) {
  const auto* alloc = n.as<AllocateNode>();
  std::string args = BufferArgs(alloc->buffer.get(), p);
  std::string name = BufferName(alloc->buffer, p);
  if (last) {
    p->Line(StrCat(name, " = T.decl_buffer(", args, ")"));
    p->Print(alloc->body);
  } else {
    p->Line(StrCat("with T.decl_buffer(", args, ") as ", name, ":"));
    PrintBody(p, alloc->body);
  }
}

// Whether e uses one of the variables.
bool UsesAny(const PrimExpr& e, const std::unordered_set<const Object*>& vars) {
  struct Finder : public ExprVisitor {
    const std::unordered_set<const Object*>* vars;
    bool found = false;
    void VisitExpr_(const VarNode* op) override { found |= vars->count(op) > 0; }
  } finder;
  finder.vars = &vars;
  finder(e);
  return finder.found;
}

bool IsGridLoop(const ForNode* loop) {
  return loop->kind == ForKind::kSerial && IsZero(loop->min) && loop->annotations.empty();
}

void PrintFor(const ObjectRef& n, ScriptPrinter* p, bool) {
  std::vector<const ForNode*> loops = {n.as<ForNode>()};
  if (IsGridLoop(loops[0])) {
    std::unordered_set<const Object*> vars = {loops[0]->loop_var.get()};
    while (const auto* inner = loops.back()->body.as<ForNode>()) {
      if (!IsGridLoop(inner) || UsesAny(inner->extent, vars)) break;
      loops.push_back(inner);
      vars.insert(inner->loop_var.get());
    }
  }
  const ForNode* outer = loops[0];
  if (loops.size() > 1) {
    std::vector<ObjectRef> extents;
    for (const ForNode* loop : loops) extents.push_back(loop->extent);
    std::string args = p->PrintList(extents);
    std::string names;
    for (size_t i = 0; i < loops.size(); ++i) {
      names += (i ? ", " : "") + p->NameOf(loops[i]->loop_var, Identifier(loops[i]->loop_var->name_hint, "i"));
    }
    p->Line(StrCat("for ", names, " in T.grid(", args, "):"));
  } else {
    std::string range = IsZero(outer->min) ? p->Print(outer->extent)
                                           : StrCat(p->Print(outer->min), ", ",
                                                    Stop(p, outer->min, outer->extent));
    std::string iter;
    if (IsGridLoop(outer)) {
      iter = StrCat("range(", range, ")");
    } else {
      iter = StrCat("T.", ForKindName(outer->kind), "(", range);
      if (!outer->annotations.empty()) iter += ", annotations=" + p->Print(outer->annotations);
      iter += ")";
    }
    std::string name = p->NameOf(outer->loop_var, Identifier(outer->loop_var->name_hint, "i"));
    p->Line(StrCat("for ", name, " in ", iter, ":"));
  }
  LoopScope scope(p, loops);
  PrintBody(p, loops.back()->body);
}

// `128` for [0, 128), `(2, 12)` for [2, 12).
std::string Domain(ScriptPrinter* p, const Range& dom) {
  if (IsZero(dom->min)) return p->Print(dom->extent);
  return StrCat("(", p->Print(dom->min), ", ", Stop(p, dom->min, dom->extent), ")");
}

// Whether the bindings can print as T.axis.remap: each a distinct loop variable of a loop
// around the block, running over exactly the iteration variable's domain.
bool CanRemap(ScriptPrinter* p, const BlockNode* block, const Array<PrimExpr>& values) {
  if (values.empty()) return false;
  const auto& loops = StateOf(p).loops;
  std::unordered_set<const Object*> seen;
  for (size_t i = 0; i < values.size(); ++i) {
    const IterVar& iv = block->iter_vars[i];
    auto it = loops.find(values[i].get());
    if (!values[i].as<VarNode>() || it == loops.end() || !seen.insert(values[i].get()).second) {
      return false;
    }
    if (!IsZero(it->second.min) || !IsZero(iv->dom->min) ||
        !SameExtent(it->second.extent, iv->dom->extent)) {
      return false;
    }
  }
  return true;
}

void PrintBlock(ScriptPrinter* p, const BlockNode* block, const BlockRealizeNode* realize) {
  p->Line(StrCat("with T.block(", ir::QuoteString(block->name_hint),
                 realize ? "" : ", no_realize=True", "):"));
  p->Indent();
  Array<PrimExpr> values = realize ? realize->iter_values : Array<PrimExpr>();
  if (realize && CanRemap(p, block, values)) {
    std::string kinds, names, vars;
    for (size_t i = 0; i < values.size(); ++i) {
      const IterVar& iv = block->iter_vars[i];
      kinds += iv->iter_type == IterVarType::kCommReduce ? "R" : "S";
      vars += (i ? ", " : "") + p->Print(values[i]);
      names += (i ? ", " : "") + p->NameOf(iv->var, Identifier(iv->var->name_hint, "v"));
    }
    p->Line(StrCat(names, " = T.axis.remap(", ir::QuoteString(kinds), ", [", vars, "])"));
  } else {
    for (size_t i = 0; i < block->iter_vars.size(); ++i) {
      const IterVar& iv = block->iter_vars[i];
      std::string args = Domain(p, iv->dom);
      if (realize) args += ", " + p->Print(values[i]);
      std::string name = p->NameOf(iv->var, Identifier(iv->var->name_hint, "v"));
      const char* kind = iv->iter_type == IterVarType::kCommReduce ? "reduce" : "spatial";
      p->Line(StrCat(name, " = T.axis.", kind, "(", args, ")"));
    }
  }
  if (realize && !IsConstTrue(realize->predicate)) {
    p->Line(StrCat("T.where(", p->Print(realize->predicate), ")"));
  }
  auto regions = [p](const Array<BufferRegion>& list) {
    std::string out;
    for (size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + PrintRegion(p, list[i].get());
    return out;
  };
  // Alloc buffers are named first, so that reads/writes naming them do not declare them.
  std::vector<std::string> allocs;
  for (const Buffer& buffer : block->alloc_buffers) {
    std::string args = BufferArgs(buffer.get(), p);
    allocs.push_back(StrCat(BufferName(buffer, p), " = T.alloc_buffer(", args, ")"));
  }
  p->Line(StrCat("T.reads(", regions(block->reads), ")"));
  p->Line(StrCat("T.writes(", regions(block->writes), ")"));
  if (!block->annotations.empty()) p->Line(StrCat("T.block_attr(", p->Print(block->annotations), ")"));
  for (const std::string& line : allocs) p->Line(line);
  if (block->init.defined()) {
    p->Line("with T.init():");
    PrintBody(p, block->init);
  }
  p->Print(block->body);
  p->Dedent();
}

// ------------------------------------------------------------------ functions

// The variables and buffers a function uses before any definition, in first-use order.
class FreeVarCollector : public StmtExprVisitor {
 public:
  std::vector<Var> free_vars;
  std::vector<Buffer> free_buffers;

  void Define(const ObjectRef& node) { defined_.insert(node.get()); }
  void VisitBufferFields(const Buffer& b) {
    for (const PrimExpr& e : b->shape) VisitExpr(e);
    for (const PrimExpr& e : b->strides) VisitExpr(e);
    if (b->elem_offset.defined()) VisitExpr(b->elem_offset);
  }
  void DefineBuffer(const Buffer& b) {
    VisitBufferFields(b);
    Define(b);
  }

  void VisitExpr_(const VarNode* op) override {
    if (defined_.count(op) || !seen_.insert(op).second) return;
    free_vars.push_back(GetRef<Var>(op));
  }
  void VisitExpr_(const LetNode* op) override {
    VisitExpr(op->value);
    Define(op->var);
    VisitExpr(op->body);
  }
  void VisitExpr_(const BufferLoadNode* op) override {
    UseBuffer(op->buffer);
    ExprVisitor::VisitExpr_(op);
  }
  void VisitStmt_(const BufferStoreNode* op) override {
    UseBuffer(op->buffer);
    StmtVisitor::VisitStmt_(op);
  }
  void VisitStmt_(const ForNode* op) override {
    VisitExpr(op->min);
    VisitExpr(op->extent);
    Define(op->loop_var);
    VisitStmt(op->body);
  }
  void VisitStmt_(const LetStmtNode* op) override {
    VisitExpr(op->value);
    Define(op->var);
    VisitStmt(op->body);
  }
  void VisitStmt_(const AllocateNode* op) override {
    DefineBuffer(op->buffer);
    VisitStmt(op->body);
  }
  void VisitStmt_(const AttrStmtNode* op) override {
    if (const auto* var = op->node.as<VarNode>()) VisitExpr_(var);
    if (op->node.as<BufferNode>()) UseBuffer(Buffer(op->node.data()));
    StmtVisitor::VisitStmt_(op);
  }
  void VisitStmt_(const BlockNode* op) override {
    for (const IterVar& iv : op->iter_vars) {
      VisitExpr(iv->dom->min);
      VisitExpr(iv->dom->extent);
      Define(iv->var);
    }
    for (const Buffer& b : op->alloc_buffers) DefineBuffer(b);
    for (const auto* list : {&op->reads, &op->writes}) {
      for (const BufferRegion& region : *list) {
        UseBuffer(region->buffer);
        VisitBufferRegion(region);
      }
    }
    if (op->init.defined()) VisitStmt(op->init);
    VisitStmt(op->body);
  }

 private:
  void UseBuffer(const Buffer& b) {
    if (defined_.count(b.get()) || !seen_.insert(b.get()).second) return;
    VisitBufferFields(b);
    free_buffers.push_back(b);
  }
  std::unordered_set<const Object*> defined_;
  std::unordered_set<const Object*> seen_;
};

std::string FunctionName(const PrimFuncNode* func, ScriptPrinter* p) {
  if (!p->function_name.empty()) return p->function_name;
  if (const auto* symbol = func->attrs.Get("global_symbol").as<ir::StringNode>()) {
    return Identifier(symbol->value, "main");
  }
  return "main";
}

std::string PrintPrimFunc(const ObjectRef& n, ScriptPrinter* p) {
  const auto* func = n.as<PrimFuncNode>();
  StateOf(p).data_owner.clear();
  FreeVarCollector collector;
  std::unordered_set<const Object*> scalar_params;
  for (const Var& param : func->params) {
    collector.Define(param);
    if (!func->buffer_map.count(param)) scalar_params.insert(param.get());
  }
  // A buffer goes in the signature when its shape uses only scalar parameters.
  auto in_signature = [&](const Buffer& b) {
    for (const auto* list : {&b->shape, &b->strides}) {
      for (const PrimExpr& e : *list) {
        FreeVarCollector uses;
        uses(e);
        for (const Var& v : uses.free_vars) {
          if (!scalar_params.count(v.get())) return false;
        }
      }
    }
    FreeVarCollector uses;
    if (b->elem_offset.defined()) uses(b->elem_offset);
    for (const Var& v : uses.free_vars) {
      if (!scalar_params.count(v.get())) return false;
    }
    return true;
  };
  // Names: scalar parameters, then buffers, then the handles of match_buffer parameters.
  for (const Var& param : func->params) {
    if (scalar_params.count(param.get())) p->NameOf(param, Identifier(param->name_hint, "v"));
  }
  std::vector<Buffer> matched;
  for (const Var& param : func->params) {
    if (scalar_params.count(param.get())) continue;
    Buffer b = func->buffer_map.at(param);
    BufferName(b, p);
    if (in_signature(b)) {
      collector.Define(b);
    } else {
      matched.push_back(b);
    }
  }
  std::vector<std::string> params;
  for (const Var& param : func->params) {
    if (scalar_params.count(param.get())) {
      params.push_back(StrCat(p->NameOf(param, ""), ": ", DtypeCall(param.dtype())));
      continue;
    }
    Buffer b = func->buffer_map.at(param);
    std::string buffer_name = BufferName(b, p);
    if (in_signature(b)) {
      params.push_back(StrCat(buffer_name, ": T.Buffer(", BufferArgs(b.get(), p), ")"));
    } else {
      std::string hint = param->name_hint == b->name ? "var_" + b->name : param->name_hint;
      params.push_back(StrCat(p->NameOf(param, Identifier(hint, "var")), ": T.handle"));
    }
  }
  for (const Buffer& b : matched) collector.DefineBuffer(b);
  collector(func->body);

  p->Line("@T.prim_func");
  std::string signature = "def " + FunctionName(func, p) + "(";
  for (size_t i = 0; i < params.size(); ++i) signature += (i ? ", " : "") + params[i];
  signature += ")";
  if (!func->ret_type.is_void()) signature += " -> " + DtypeCall(func->ret_type);
  p->Line(signature + ":");
  p->Indent();
  for (const Var& var : collector.free_vars) {
    if (!p->HasName(var)) {
      p->Print(var);  // declares it
    } else {
      // Named by another function of the module (a Relax caller sharing its symbolic
      // dimensions): each function is parsed on its own, so declare it here too.
      p->Line(StrCat(p->NameOf(var, ""), " = ", VarDecl(var.get())));
    }
  }
  for (const Buffer& b : collector.free_buffers) {
    if (!p->HasName(b)) p->Print(b);  // declares it
  }
  for (const Var& param : func->params) {
    if (scalar_params.count(param.get())) continue;
    Buffer b = func->buffer_map.at(param);
    if (in_signature(b)) continue;
    p->Line(StrCat(BufferName(b, p), " = T.match_buffer(", p->NameOf(param, ""), ", ",
                   BufferArgs(b.get(), p), ")"));
  }
  // Last: attributes may name buffers over the parameters' memory ("tir.param_buffers").
  if (!func->attrs->dict.empty()) p->Line(StrCat("T.func_attr(", p->Print(func->attrs->dict), ")"));
  StateOf(p).not_last = false;
  p->Print(func->body);
  p->Dedent();
  return "";
}

// ------------------------------------------------------------------ registration

struct Registrar {
  Registrar() {
    using ir::QuoteString;
    ScriptPrinter::Register("tir.Var", PrintVar);
    ScriptPrinter::Register("tir.SizeVar", PrintVar);
    ScriptPrinter::Register("tir.StringImm", [](const ObjectRef& n, ScriptPrinter*) {
      return QuoteString(n.as<StringImmNode>()->value);
    });
    ScriptPrinter::Register("tir.Cast", [](const ObjectRef& n, ScriptPrinter* p) {
      const auto* cast = n.as<CastNode>();
      return StrCat("T.Cast(", QuoteString(cast->dtype.ToString()), ", ", p->Print(cast->value), ")");
    });
#define TESSEL_TIR_REGISTER_BINARY(Name) ScriptPrinter::Register("tir." #Name, BinaryHandler);
    TESSEL_TIR_BINARY_NODES(TESSEL_TIR_REGISTER_BINARY)
#undef TESSEL_TIR_REGISTER_BINARY
    ScriptPrinter::Register("tir.Not", [](const ObjectRef& n, ScriptPrinter* p) {
      return "not " + Operand(p, n.as<NotNode>()->a, kNot, true);
    });
    ScriptPrinter::Register("tir.Select", [](const ObjectRef& n, ScriptPrinter* p) {
      const auto* s = n.as<SelectNode>();
      return Func(p, "T.Select", {s->condition, s->true_value, s->false_value});
    });
    ScriptPrinter::Register("tir.BufferLoad", [](const ObjectRef& n, ScriptPrinter* p) {
      const auto* load = n.as<BufferLoadNode>();
      return PrintIndices(p, load->buffer, load->indices);
    });
    ScriptPrinter::Register("tir.Ramp", [](const ObjectRef& n, ScriptPrinter* p) {
      const auto* r = n.as<RampNode>();
      return StrCat("T.Ramp(", p->Print(r->base), ", ", p->Print(r->stride), ", ", r->lanes, ")");
    });
    ScriptPrinter::Register("tir.Broadcast", [](const ObjectRef& n, ScriptPrinter* p) {
      const auto* b = n.as<BroadcastNode>();
      return StrCat("T.Broadcast(", p->Print(b->value), ", ", b->lanes, ")");
    });
    ScriptPrinter::Register("tir.Let", PrintLet);
    ScriptPrinter::Register("tir.Call", PrintCall);
    ScriptPrinter::Register("tir.Buffer", PrintBuffer);
    ScriptPrinter::Register("tir.BufferRegion", [](const ObjectRef& n, ScriptPrinter* p) {
      return PrintRegion(p, n.as<BufferRegionNode>());
    });
    ScriptPrinter::Register("tir.IterVar", [](const ObjectRef& n, ScriptPrinter* p) {
      const auto* iv = n.as<IterVarNode>();
      return StrCat("T.iter_var(", p->Print(iv->var), ", ", p->Print(iv->dom), ", ",
                    iv->iter_type == IterVarType::kCommReduce ? "\"CommReduce\"" : "\"DataPar\"",
                    ", \"\")");
    });

    RegisterStmt("tir.SeqStmt", PrintSeq);
    RegisterStmt("tir.LetStmt", PrintLetStmt);
    RegisterStmt("tir.Allocate", PrintAllocate);
    RegisterStmt("tir.For", PrintFor);
    RegisterStmt("tir.BufferStore", [](const ObjectRef& n, ScriptPrinter* p, bool) {
      const auto* store = n.as<BufferStoreNode>();
      std::string value = p->Print(store->value);
      p->Line(StrCat(PrintIndices(p, store->buffer, store->indices), " = ", value));
    });
    RegisterStmt("tir.Evaluate", [](const ObjectRef& n, ScriptPrinter* p, bool) {
      p->Line(StrCat("T.evaluate(", p->Print(n.as<EvaluateNode>()->value), ")"));
    });
    RegisterStmt("tir.IfThenElse", [](const ObjectRef& n, ScriptPrinter* p, bool) {
      const auto* s = n.as<IfThenElseNode>();
      p->Line(StrCat("if ", p->Print(s->condition), ":"));
      PrintBody(p, s->then_case);
      if (s->else_case.defined()) {
        p->Line("else:");
        PrintBody(p, s->else_case);
      }
    });
    RegisterStmt("tir.While", [](const ObjectRef& n, ScriptPrinter* p, bool) {
      const auto* s = n.as<WhileNode>();
      p->Line(StrCat("while ", p->Print(s->condition), ":"));
      PrintBody(p, s->body);
    });
    RegisterStmt("tir.AttrStmt", [](const ObjectRef& n, ScriptPrinter* p, bool) {
      const auto* s = n.as<AttrStmtNode>();
      p->Line(StrCat("with T.attr(", p->Print(s->node), ", ", QuoteString(s->attr_key), ", ",
                     p->Print(s->value), "):"));
      PrintBody(p, s->body);
    });
    RegisterStmt("tir.BlockRealize", [](const ObjectRef& n, ScriptPrinter* p, bool) {
      const auto* realize = n.as<BlockRealizeNode>();
      PrintBlock(p, realize->block.get(), realize);
    });
    RegisterStmt("tir.Block", [](const ObjectRef& n, ScriptPrinter* p, bool) {
      PrintBlock(p, n.as<BlockNode>(), nullptr);
    });
    ScriptPrinter::Register("tir.PrimFunc", PrintPrimFunc);
  }
};
const Registrar registrar;

}  // namespace

}  // namespace tir
}  // namespace tessel
