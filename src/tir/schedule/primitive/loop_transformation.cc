// The loop transformations: split, fuse and reorder. Each rebuilds the loops it changes and
// rewrites the old loop variables in everything below (block bindings included).
#include <algorithm>
#include <unordered_set>

#include "../utils.h"

namespace tessel {
namespace tir {
namespace schedule {

namespace {

void CheckStartsAtZero(const char* primitive, const For& loop) {
  int64_t min;
  if (!AsConstInt(loop->min, &min) || min != 0) {
    ThrowScheduleError(primitive, StrCat(Describe(loop), " starts at ", ExprText(loop->min), "; ",
                                         primitive, " needs loops that start at 0"));
  }
}

// The loops of rvs, all in one function (returned through func_name).
std::vector<For> ResolveLoops(ScheduleNode* sch, const Array<LoopRV>& rvs, const char* primitive,
                          std::string* func_name) {
  if (rvs.empty()) ThrowScheduleError(primitive, "needs at least one loop");
  std::vector<For> loops;
  for (const LoopRV& rv : rvs) {
    loops.push_back(sch->GetLoop(rv, primitive));
    if (rv->func_name != rvs[0]->func_name) {
      ThrowScheduleError(primitive, StrCat(Describe(loops.back()), " is in function \"",
                                           rv->func_name, "\", not in \"", rvs[0]->func_name, "\""));
    }
  }
  *func_name = rvs[0]->func_name;
  return loops;
}

Array<ObjectRef> AsObjects(const Array<LoopRV>& rvs) { return Array<ObjectRef>(rvs.data()); }

}  // namespace

// ------------------------------------------------------------------ split

Array<LoopRV> ScheduleNode::Split(const LoopRV& loop_rv, const Array<PrimExpr>& factors,
                                  bool preserve_unit_iters) {
  const char* kName = "split";
  For loop = GetLoop(loop_rv, kName);
  CheckStartsAtZero(kName, loop);
  if (factors.empty()) ThrowScheduleError(kName, StrCat(Describe(loop), ": no factors given"));
  // Resolve the factors; -1 and None both ask for the factor to be inferred.
  int inferred = -1;
  int64_t known_product = 1;
  std::vector<int64_t> values(factors.size(), 0);
  for (size_t i = 0; i < factors.size(); ++i) {
    int64_t v = -1;
    if (factors[i].defined()) v = GetInt(factors[i], kName);
    if (v == -1) {
      if (inferred >= 0) {
        ThrowScheduleError(kName, StrCat(Describe(loop), ": factors ", inferred, " and ", i,
                                         " are both None; at most one factor can be inferred"));
      }
      inferred = static_cast<int>(i);
      continue;
    }
    if (v <= 0) {
      ThrowScheduleError(kName, StrCat(Describe(loop), ": factor ", i, " is ", v,
                                       "; factors must be positive"));
    }
    values[i] = v;
    known_product *= v;
  }
  DataType dtype = loop->loop_var.dtype();
  int64_t extent = 0;
  bool const_extent = AsConstInt(loop->extent, &extent);
  std::vector<PrimExpr> extents;
  for (int64_t v : values) extents.push_back(make_const(dtype, v));
  bool needs_predicate;
  if (inferred >= 0) {
    extents[inferred] = const_extent
        ? make_const(dtype, (extent + known_product - 1) / known_product)
        : TidyFloorDiv(TidyAdd(loop->extent, make_const(dtype, known_product - 1)),
                       make_const(dtype, known_product));
    needs_predicate = const_extent ? extent % known_product != 0 : known_product != 1;
  } else if (!const_extent) {
    ThrowScheduleError(kName, StrCat(Describe(loop), " has the symbolic extent ",
                                     ExprText(loop->extent),
                                     "; one factor must be None so that the loops cover it"));
  } else if (known_product < extent) {
    ThrowScheduleError(kName, StrCat(Describe(loop), ": the factors' product ", known_product,
                                     " does not cover the extent ", extent));
  } else {
    needs_predicate = known_product != extent;
  }
  // The old variable becomes ((l0 * f1 + l1) * f2 + l2) ...; unit loops drop out when asked.
  std::vector<Var> vars;
  PrimExpr value = make_zero(dtype);
  for (size_t i = 0; i < extents.size(); ++i) {
    vars.emplace_back(StrCat(loop->loop_var->name_hint, "_", i), dtype);
    if (preserve_unit_iters || !is_const_number(extents[i], 1)) {
      value = TidyAdd(TidyMul(value, extents[i]), vars.back());
    }
  }
  Stmt body = Substitute(loop->body, {{loop->loop_var.get(), value}});
  if (needs_predicate) {
    PrimExpr in_range = value < loop->extent;
    body = ChildBlockRealizes(loop).empty() ? Stmt(IfThenElse(in_range, body))
                                            : AddPredicate(body, in_range);
  }
  for (size_t i = extents.size(); i-- > 0;) {
    body = For(vars[i], make_zero(dtype), extents[i], ForKind::kSerial, body);
  }
  Replace(loop_rv->func_name, loop, body);
  std::vector<LoopRV> result;
  for (const Var& var : vars) result.emplace_back(var, loop_rv->func_name);
  std::vector<ObjectRef> inputs{loop_rv};
  for (size_t i = 0; i < factors.size(); ++i) {
    inputs.push_back(static_cast<int>(i) == inferred ? ObjectRef() : ObjectRef(factors[i]));
  }
  Array<LoopRV> outputs(result);
  Record("Split", inputs, {IntImm(DataType::Bool(), preserve_unit_iters)}, AsObjects(outputs));
  return outputs;
}

TESSEL_REGISTER_INSTRUCTION_KIND(
    "Split", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>& attrs,
       const ObjectRef&) -> Array<ObjectRef> {
      std::vector<PrimExpr> factors;
      for (size_t i = 1; i < inputs.size(); ++i) factors.push_back(PrimExpr(inputs[i].data()));
      return AsObjects(sch->Split(Downcast<LoopRV>(inputs[0]), factors,
                                  Downcast<IntImm>(attrs[0])->value != 0));
    },
    [](const Array<String>& inputs, const Array<ObjectRef>& attrs, const ObjectRef&,
       const Array<String>& outputs) {
      std::string factors = "[";
      for (size_t i = 1; i < inputs.size(); ++i) factors += (i > 1 ? ", " : "") + inputs[i].str();
      return PythonCall("split",
                        {{"loop", inputs[0]}, {"factors", factors + "]"},
                         {"preserve_unit_iters", PythonLiteral(attrs[0])}},
                        outputs, true);
    });

// ------------------------------------------------------------------ fuse

LoopRV ScheduleNode::Fuse(const Array<LoopRV>& loop_rvs, bool preserve_unit_iters) {
  const char* kName = "fuse";
  std::string func_name;
  std::vector<For> loops = ResolveLoops(this, loop_rvs, kName, &func_name);
  std::string name;
  for (size_t i = 0; i < loops.size(); ++i) {
    CheckStartsAtZero(kName, loops[i]);
    if (i > 0 && !loops[i - 1]->body.same_as(loops[i])) {
      ThrowScheduleError(kName, StrCat(Describe(loops[i]), " is not the whole body of ",
                                       Describe(loops[i - 1]),
                                       "; fuse needs a chain of directly nested loops"));
    }
    if (loops[i]->loop_var.dtype() != loops[0]->loop_var.dtype()) {
      ThrowScheduleError(kName, StrCat(Describe(loops[i]), " has dtype ",
                                       loops[i]->loop_var.dtype().ToString(), ", ",
                                       Describe(loops[0]), " has ",
                                       loops[0]->loop_var.dtype().ToString()));
    }
    name += loops[i]->loop_var->name_hint + "_";
  }
  DataType dtype = loops[0]->loop_var.dtype();
  Var fused(name + "fused", dtype);
  // Inner loops vary fastest: l_j = fused // (extents inside j) % extent_j.
  VarMap vmap;
  PrimExpr inner = make_const(dtype, int64_t{1});
  for (size_t j = loops.size(); j-- > 0;) {
    const PrimExpr& extent = loops[j]->extent;
    PrimExpr value = TidyFloorDiv(fused, inner);
    if (j > 0) value = TidyFloorMod(value, extent);
    if (!preserve_unit_iters && is_const_number(extent, 1)) value = make_zero(dtype);
    vmap[loops[j]->loop_var.get()] = value;
    inner = TidyMul(inner, extent);
  }
  Stmt body = Substitute(loops.back()->body, vmap);
  Replace(func_name, loops[0], For(fused, make_zero(dtype), inner, ForKind::kSerial, body));
  LoopRV result(fused, func_name);
  Record("Fuse", AsObjects(loop_rvs), {IntImm(DataType::Bool(), preserve_unit_iters)}, {result});
  return result;
}

TESSEL_REGISTER_INSTRUCTION_KIND(
    "Fuse", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>& attrs,
       const ObjectRef&) -> Array<ObjectRef> {
      return {sch->Fuse(Array<LoopRV>(inputs.data()), Downcast<IntImm>(attrs[0])->value != 0)};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>& attrs, const ObjectRef&,
       const Array<String>& outputs) {
      // fuse takes the loops positionally: `sch.fuse(l1, l2, preserve_unit_iters=True)`.
      std::vector<std::pair<std::string, std::string>> args;
      for (const String& loop : inputs) args.emplace_back("", loop);
      args.emplace_back("preserve_unit_iters", PythonLiteral(attrs[0]));
      return PythonCall("fuse", args, outputs);
    });

// ------------------------------------------------------------------ reorder

void ScheduleNode::Reorder(const Array<LoopRV>& loop_rvs) {
  const char* kName = "reorder";
  std::string func_name;
  std::vector<For> loops = ResolveLoops(this, loop_rvs, kName, &func_name);
  Stmt root = GetFunc(func_name, kName)->body;
  // The deepest loop's path from the root must hold all the others.
  std::vector<std::vector<Stmt>> paths;
  size_t deepest = 0;
  for (size_t i = 0; i < loops.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (loops[i].same_as(loops[j])) {
        ThrowScheduleError(kName, StrCat(Describe(loops[i]), " is given twice"));
      }
    }
    paths.push_back(PathTo(root, loops[i]));
    if (paths[i].size() > paths[deepest].size()) deepest = i;
  }
  const std::vector<Stmt>& path = paths[deepest];
  std::vector<size_t> depth;
  for (size_t i = 0; i < loops.size(); ++i) {
    size_t d = paths[i].size() - 1;
    if (!path[d].same_as(loops[i])) {
      ThrowScheduleError(kName, StrCat(Describe(loops[i]), " and ", Describe(loops[deepest]),
                                       " are not in one loop nest chain"));
    }
    depth.push_back(d);
  }
  size_t top = *std::min_element(depth.begin(), depth.end());
  size_t bottom = *std::max_element(depth.begin(), depth.end());
  // Between top and bottom every statement must be a loop (whose body is then the next one).
  std::vector<For> chain;
  for (size_t d = top; d <= bottom; ++d) {
    const auto* loop = path[d].as<ForNode>();
    if (!loop) {
      ThrowScheduleError(kName, StrCat("a ", path[d]->type_key(), " stands between ",
                                       Describe(For(path[top].data())), " and ",
                                       Describe(For(path[bottom].data())),
                                       "; the loops must form a single chain"));
    }
    chain.push_back(For(path[d].data()));
  }
  // Reordering is a permutation of the iteration space only for quasi-affine bindings.
  std::unordered_set<const VarNode*> vars;
  for (const For& loop : chain) vars.insert(loop->loop_var.get());
  for (const BlockRealize& realize : ChildBlockRealizes(chain.back())) {
    CheckAffineBindings(kName, realize, vars);
  }
  // The given loops take the chain positions the given loops held, in the given order.
  std::vector<For> order = chain;
  std::vector<size_t> slots(depth);
  std::sort(slots.begin(), slots.end());
  for (size_t i = 0; i < loops.size(); ++i) order[slots[i] - top] = loops[i];
  Stmt body = chain.back()->body;
  for (size_t k = order.size(); k-- > 0;) {
    const For& l = order[k];
    body = For(l->loop_var, l->min, l->extent, l->kind, body, l->annotations, l->span);
  }
  Replace(func_name, chain.front(), body);
  Record("Reorder", AsObjects(loop_rvs), {}, {});
}

TESSEL_REGISTER_INSTRUCTION_KIND(
    "Reorder", false,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>&,
       const ObjectRef&) -> Array<ObjectRef> {
      sch->Reorder(Array<LoopRV>(inputs.data()));
      return {};
    },
    [](const Array<String>& inputs, const Array<ObjectRef>&, const ObjectRef&,
       const Array<String>&) {
      std::vector<std::pair<std::string, std::string>> args;
      for (const String& loop : inputs) args.emplace_back("", loop);
      return PythonCall("reorder", args, {});
    });

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
