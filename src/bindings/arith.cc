// Bindings of the arithmetic analyzer (tessel._core.tir_arith).
#include <memory>
#include <vector>

#include "common.h"
#include "tessel/ir/printer.h"
#include "tessel/tir/arith/analyzer.h"
#include "tessel/tir/arith/iter_map.h"

namespace tessel {
namespace bindings {

namespace {

using tir::Var;
using namespace tir::arith;  // NOLINT(build/namespaces)

// An Analyzer plus the constraint scopes Python opened with enter_constraint.
struct PyAnalyzer {
  Analyzer analyzer;
  std::vector<std::unique_ptr<Analyzer::ConstraintScope>> scopes;
};

std::string EndText(const ir::PrimExpr& end, const char* infinity) {
  if (!end.defined()) return infinity;
  ir::ScriptPrinter printer;
  return printer.Print(end);
}

std::string IntSetRepr(const IntSetNode& set) {
  if (set.empty) return "IntSet(empty)";
  return StrCat("IntSet[", EndText(set.min_value, "-inf"), ", ", EndText(set.max_value, "+inf"), "]");
}

IntSet AsIntSet(const ir::ObjectRef& value) {
  if (const auto* set = value.as<IntSetNode>()) return IntSet(ir::ObjectPtr<ir::Object>(const_cast<IntSetNode*>(set)));
  if (const auto* range = value.as<ir::RangeNode>()) {
    return IntSet::FromRange(ir::Range(ir::ObjectPtr<ir::Object>(const_cast<ir::RangeNode*>(range))));
  }
  throw InvalidArgumentError(StrCat("eval_set: a domain must map a Var to an IntSet or a Range, found ",
                                    value.defined() ? value->type_key() : "None"));
}

}  // namespace

void BindArith(py::module_& m) {
  py::class_<ConstIntBound>(m, "ConstIntBound", "Constant bounds [min_value, max_value] of an integer expression.")
      .def_readonly("min_value", &ConstIntBound::min_value, "The least value, or NEG_INF.")
      .def_readonly("max_value", &ConstIntBound::max_value, "The greatest value, or POS_INF.")
      .def("__repr__", [](const ConstIntBound& b) {
        return StrCat("ConstIntBound[", b.min_value, ", ", b.max_value, "]");
      });
  m.attr("POS_INF") = ConstIntBound::kPosInf;
  m.attr("NEG_INF") = ConstIntBound::kNegInf;

  py::class_<ModularSet>(m, "ModularSet", "Every value is coeff * k + base.")
      .def_readonly("coeff", &ModularSet::coeff, "The stride (0 for a constant).")
      .def_readonly("base", &ModularSet::base, "The remainder modulo coeff.")
      .def("__repr__", [](const ModularSet& s) { return StrCat("ModularSet(coeff=", s.coeff, ", base=", s.base, ")"); });

  NodeClass<IntSetNode, ir::Object>(m, "IntSet", "An interval of integers with symbolic or infinite ends.")
      .def_static("interval", &IntSet::Interval, py::arg("min_value"), py::arg("max_value"))
      .def_static("single_point", &IntSet::SinglePoint, py::arg("value"))
      .def_static("from_range", &IntSet::FromRange, py::arg("range"))
      .def_static("everything", &IntSet::Everything)
      .def_static("empty_set", &IntSet::Empty)
      .def("is_everything", [](const IntSetNode& s) { return !s.empty && !s.min_value.defined() && !s.max_value.defined(); })
      .def("is_empty", [](const IntSetNode& s) { return s.empty; })
      .def("cover_range", [](IntSetNode& s) { return IntSet(ir::ObjectPtr<ir::Object>(&s)).CoverRange(); })
      .def("__repr__", &IntSetRepr);

  NodeClass<IterMarkNode, ir::Object>(m, "IterMark", "An iterator that splits take pieces of.");
  NodeClass<IterSplitExprNode, ir::Object>(m, "IterSplitExpr", "floormod(floordiv(source, lower_factor), extent) * scale.");
  NodeClass<IterSumExprNode, ir::Object>(m, "IterSumExpr", "A sum of splits plus a base.")
      .def("to_expr", [](IterSumExprNode& s) { return IterMapToExpr(IterSumExpr(ir::ObjectPtr<ir::Object>(&s))); });
  NodeClass<IterMapResultNode, ir::Object>(m, "IterMapResult", "The outcome of detect_iter_map.");
  for (const char* name : {"IterMark", "IterSplitExpr", "IterSumExpr", "IterMapResult"}) {
    m.attr(name).attr("__repr__") = py::cpp_function([](const ir::Object& self) {
      return StrCat("<", self.type_key(), ">");
    }, py::is_method(m.attr(name)));
  }

  py::class_<PyAnalyzer>(m, "Analyzer", "The arithmetic analyzer.")
      .def(py::init<>())
      .def("bind_range", [](PyAnalyzer& self, const Var& var, const ir::Range& range) { self.analyzer.Bind(var, range); })
      .def("bind_expr", [](PyAnalyzer& self, const Var& var, const ir::PrimExpr& expr) { self.analyzer.Bind(var, expr); })
      .def("simplify", [](PyAnalyzer& self, const ir::PrimExpr& e) { return self.analyzer.Simplify(e); })
      .def("can_prove", [](PyAnalyzer& self, const ir::PrimExpr& e) { return self.analyzer.CanProve(e); })
      .def("can_prove_equal", [](PyAnalyzer& self, const ir::PrimExpr& a, const ir::PrimExpr& b) {
        return self.analyzer.CanProveEqual(a, b);
      })
      .def("can_prove_greater_equal", [](PyAnalyzer& self, const ir::PrimExpr& e, int64_t v) {
        return self.analyzer.CanProveGreaterEqual(e, v);
      })
      .def("can_prove_less", [](PyAnalyzer& self, const ir::PrimExpr& e, int64_t v) {
        return self.analyzer.CanProveLess(e, v);
      })
      .def("const_int_bound", [](PyAnalyzer& self, const ir::PrimExpr& e) { return self.analyzer.GetConstIntBound(e); })
      .def("modular_set", [](PyAnalyzer& self, const ir::PrimExpr& e) { return self.analyzer.GetModularSet(e); })
      .def("eval_set", [](PyAnalyzer& self, const ir::PrimExpr& e, const ir::Map<Var, ir::ObjectRef>& dom) {
        ir::Map<Var, IntSet> sets;
        for (const auto& [var, value] : dom.items()) sets = sets.Set(var, AsIntSet(value));
        return self.analyzer.EvalSet(e, sets);
      })
      .def("eval_region", [](PyAnalyzer& self, const ir::Array<ir::Range>& region,
                             const ir::Map<Var, ir::ObjectRef>& dom) {
        ir::Map<Var, IntSet> sets;
        for (const auto& [var, value] : dom.items()) sets = sets.Set(var, AsIntSet(value));
        return self.analyzer.EvalSet(region, sets);
      })
      .def("union", [](PyAnalyzer& self, const ir::Array<IntSet>& sets) { return self.analyzer.Union(sets); })
      .def("intersect", [](PyAnalyzer& self, const ir::Array<IntSet>& sets) { return self.analyzer.Intersect(sets); })
      .def("covers_range", [](PyAnalyzer& self, const IntSet& set, const ir::Range& range) {
        return self.analyzer.CoversRange(set, range);
      })
      .def("enter_constraint", [](PyAnalyzer& self, const ir::PrimExpr& cond) {
        self.scopes.push_back(std::make_unique<Analyzer::ConstraintScope>(&self.analyzer, cond));
      })
      .def("exit_constraint", [](PyAnalyzer& self) {
        if (self.scopes.empty()) throw InvalidArgumentError("exit_constraint: no constraint scope is open");
        self.scopes.pop_back();
      })
      .def("detect_iter_map", [](PyAnalyzer& self, const ir::Array<ir::PrimExpr>& indices,
                                 const ir::Map<Var, ir::Range>& iters, bool require_bijective) {
        return DetectIterMap(indices, iters, &self.analyzer, require_bijective);
      });
}

}  // namespace bindings
}  // namespace tessel
