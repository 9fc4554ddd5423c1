// The sampling primitives: sample_perfect_tile and sample_categorical. They change no IR;
// they bind new ExprRVs to values drawn from the schedule's generator (or to a given
// decision) and record the decision, so replaying the trace draws the same values.
#include "../utils.h"

namespace tessel {
namespace tir {
namespace schedule {

namespace {

// Every ordered way to write extent as a product of n positive factors, the last at most
// max_innermost (no bound when <= 0).
void Factorizations(int64_t extent, int n, int64_t max_innermost, std::vector<int64_t>* prefix,
                    std::vector<std::vector<int64_t>>* out) {
  if (n == 1) {
    if (max_innermost > 0 && extent > max_innermost) return;
    prefix->push_back(extent);
    out->push_back(*prefix);
    prefix->pop_back();
    return;
  }
  for (int64_t f = 1; f <= extent; ++f) {
    if (extent % f != 0) continue;
    prefix->push_back(f);
    Factorizations(extent / f, n - 1, max_innermost, prefix, out);
    prefix->pop_back();
  }
}

std::string Join(const std::vector<int64_t>& values) {
  std::string text = "[";
  for (size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + std::to_string(values[i]);
  return text + "]";
}

}  // namespace

Array<ExprRV> ScheduleNode::SamplePerfectTile(const LoopRV& loop_rv, int n,
                                              int max_innermost_factor,
                                              const Array<IntImm>& decision) {
  const char* kName = "sample_perfect_tile";
  For loop = GetLoop(loop_rv, kName);
  int64_t extent;
  if (!AsConstInt(loop->extent, &extent)) {
    ThrowScheduleError(kName, StrCat(Describe(loop), " has a symbolic extent; ", kName,
                                     " needs a constant one"));
  }
  if (n < 1) ThrowScheduleError(kName, StrCat("n is ", n, "; it must be at least 1"));
  std::vector<int64_t> factors;
  if (!decision.empty()) {
    int64_t product = 1;
    for (const IntImm& f : decision) {
      factors.push_back(f->value);
      product *= f->value;
    }
    bool positive = std::all_of(factors.begin(), factors.end(), [](int64_t f) { return f > 0; });
    if (static_cast<int>(factors.size()) != n || !positive || product != extent ||
        (max_innermost_factor > 0 && factors.back() > max_innermost_factor)) {
      ThrowScheduleError(kName, StrCat("the decision ", Join(factors), " is not ", n,
                                       " positive factors of ", extent, " (", Describe(loop),
                                       ") with the innermost at most ", max_innermost_factor));
    }
  } else {
    std::vector<std::vector<int64_t>> all;
    std::vector<int64_t> prefix;
    Factorizations(extent, n, max_innermost_factor, &prefix, &all);
    if (all.empty()) {
      ThrowScheduleError(kName, StrCat(Describe(loop), " of extent ", extent, " has no ", n,
                                       "-factor tiling with the innermost at most ",
                                       max_innermost_factor));
    }
    factors = all[SampleInt(static_cast<int64_t>(all.size()))];
  }
  std::vector<ExprRV> rvs;
  std::vector<IntImm> chosen;
  for (int64_t f : factors) {
    rvs.emplace_back("v");
    Bind(rvs.back(), f);
    chosen.push_back(IntImm(DataType::Int(32), f));
  }
  Array<ExprRV> outputs(rvs);
  Record("SamplePerfectTile", {loop_rv},
         {IntImm(DataType::Int(32), n), IntImm(DataType::Int(32), max_innermost_factor)},
         Array<ObjectRef>(outputs.data()), Array<IntImm>(chosen));
  return outputs;
}

ExprRV ScheduleNode::SampleCategorical(const Array<IntImm>& candidates,
                                       const Array<FloatImm>& probs, int64_t decision) {
  const char* kName = "sample_categorical";
  if (candidates.empty() || candidates.size() != probs.size()) {
    ThrowScheduleError(kName, StrCat("needs one probability per candidate, found ",
                                     candidates.size(), " candidates and ", probs.size(),
                                     " probabilities"));
  }
  double total = 0;
  for (const FloatImm& p : probs) {
    if (p->value < 0) ThrowScheduleError(kName, StrCat("probability ", p->value, " is negative"));
    total += p->value;
  }
  if (total <= 0) ThrowScheduleError(kName, "the probabilities sum to 0");
  int64_t index = decision;
  if (index >= static_cast<int64_t>(candidates.size())) {
    ThrowScheduleError(kName, StrCat("the decision ", index, " is not an index of the ",
                                     candidates.size(), " candidates"));
  }
  if (index < 0) {
    double u = SampleUnit() * total;
    index = static_cast<int64_t>(candidates.size()) - 1;
    for (size_t i = 0; i < probs.size(); ++i) {
      if (u < probs[i]->value) {
        index = static_cast<int64_t>(i);
        break;
      }
      u -= probs[i]->value;
    }
  }
  ExprRV rv("v");
  Bind(rv, candidates[index]->value);
  Record("SampleCategorical", {}, {candidates, probs}, {rv}, IntImm(DataType::Int(32), index));
  return rv;
}

TESSEL_REGISTER_INSTRUCTION_KIND(
    "SamplePerfectTile", true,
    [](ScheduleNode* sch, const Array<ObjectRef>& inputs, const Array<ObjectRef>& attrs,
       const ObjectRef& decision) -> Array<ObjectRef> {
      Array<ExprRV> rvs = sch->SamplePerfectTile(
          Downcast<LoopRV>(inputs[0]), Downcast<IntImm>(attrs[0])->value,
          Downcast<IntImm>(attrs[1])->value, Array<IntImm>(decision.data()));
      return Array<ObjectRef>(rvs.data());
    },
    [](const Array<String>& inputs, const Array<ObjectRef>& attrs, const ObjectRef& decision,
       const Array<String>& outputs) {
      return PythonCall("sample_perfect_tile",
                        {{"loop", inputs[0]}, {"n", PythonLiteral(attrs[0])},
                         {"max_innermost_factor", PythonLiteral(attrs[1])},
                         {"decision", PythonLiteral(decision)}},
                        outputs, true);
    });

TESSEL_REGISTER_INSTRUCTION_KIND(
    "SampleCategorical", true,
    [](ScheduleNode* sch, const Array<ObjectRef>&, const Array<ObjectRef>& attrs,
       const ObjectRef& decision) -> Array<ObjectRef> {
      int64_t index = decision.defined() ? Downcast<IntImm>(decision)->value : -1;
      return {sch->SampleCategorical(Array<IntImm>(attrs[0].data()),
                                     Array<FloatImm>(attrs[1].data()), index)};
    },
    [](const Array<String>&, const Array<ObjectRef>& attrs, const ObjectRef& decision,
       const Array<String>& outputs) {
      return PythonCall("sample_categorical",
                        {{"candidates", PythonLiteral(attrs[0])},
                         {"probs", PythonLiteral(attrs[1])},
                         {"decision", PythonLiteral(decision)}},
                        outputs);
    });

}  // namespace schedule
}  // namespace tir
}  // namespace tessel
