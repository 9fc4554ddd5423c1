// DetectIterMap: decompose index expressions into pieces of the loop iterators.
#include "tessel/tir/arith/iter_map.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "linear_sum.h"
#include "tessel/tir/op.h"

namespace tessel {
namespace tir {
namespace arith {

IterMark::IterMark(PrimExpr source, PrimExpr extent) {
  auto node = ir::make_object<IterMarkNode>();
  node->source = std::move(source);
  node->extent = std::move(extent);
  data_ = std::move(node);
}

IterSplitExpr::IterSplitExpr(IterMark source, PrimExpr lower_factor, PrimExpr extent, PrimExpr scale) {
  auto node = ir::make_object<IterSplitExprNode>();
  node->source = std::move(source);
  node->lower_factor = std::move(lower_factor);
  node->extent = std::move(extent);
  node->scale = std::move(scale);
  data_ = std::move(node);
}

IterSumExpr::IterSumExpr(Array<IterSplitExpr> args, PrimExpr base) {
  auto node = ir::make_object<IterSumExprNode>();
  node->args = std::move(args);
  node->base = std::move(base);
  data_ = std::move(node);
}

namespace {

std::optional<int64_t> AsInt(const PrimExpr& e) {
  if (const auto* imm = e.as<IntImmNode>()) return imm->value;
  return std::nullopt;
}

// floormod(floordiv(mark, lower), extent), before it gets a scale.
struct Piece {
  IterMark mark;
  int64_t lower = 1;
  PrimExpr extent;
};

class Detector {
 public:
  Detector(const Map<Var, Range>& iters, Analyzer* analyzer) : analyzer_(analyzer) {
    for (const auto& [var, range] : iters.items()) {
      PrimExpr min = analyzer_->Simplify(range->min);
      if (!AsInt(min) || *AsInt(min) != 0) {
        Fail(StrCat("iterator ", var->name_hint, " starts at ", ExprText(min),
                    "; only ranges starting at 0 are supported"));
      }
      PrimExpr extent = analyzer_->Simplify(range->extent);
      analyzer_->Bind(var, Range(min, extent));
      IterMark mark(var, extent);
      var_marks_.emplace_back(var.get(), mark);
      input_marks_.push_back(mark);
    }
  }

  std::optional<IterSumExpr> DetectIndex(const PrimExpr& index) {
    PrimExpr simplified = analyzer_->Simplify(index);
    if (!IsLinearType(simplified.dtype())) {
      Fail(StrCat("index ", ExprText(index), " is not a signed integer"));
      return std::nullopt;
    }
    LinearSum sum = ToLinear(simplified);
    if (!sum.ok) {
      Fail(StrCat("index ", ExprText(index), " overflows int64 coefficients"));
      return std::nullopt;
    }
    LinearSum base;
    base.dtype = sum.dtype;
    base.constant = sum.constant;
    std::vector<std::pair<Piece, int64_t>> pieces;
    for (const auto& [atom, coeff] : sum.terms) {
      if (!UsesIter(atom)) {
        base.AddTerm(atom, coeff);
        continue;
      }
      auto piece = ParsePiece(atom);
      if (!piece) return std::nullopt;
      pieces.emplace_back(*piece, coeff);
      uses_.push_back(*piece);
    }
    std::stable_sort(pieces.begin(), pieces.end(),
                     [](const auto& x, const auto& y) { return x.second > y.second; });
    std::vector<IterSplitExpr> args;
    DataType t = sum.dtype;
    for (const auto& [piece, scale] : pieces) {
      if (!FitsDType(scale, t) || !FitsDType(piece.lower, t)) {
        Fail(StrCat("index ", ExprText(index), ": a scale does not fit ", t.ToString()));
        return std::nullopt;
      }
      args.emplace_back(piece.mark, IntImm(t, piece.lower), piece.extent, IntImm(t, scale));
    }
    auto base_expr = ToExpr(base);
    if (!base_expr) {
      Fail(StrCat("the base of index ", ExprText(index), " does not fit ", t.ToString()));
      return std::nullopt;
    }
    return IterSumExpr(Array<IterSplitExpr>(args), *base_expr);
  }

  // Checks that no two pieces of one mark overlap and, when asked, that they tile it.
  void CheckUses(bool require_bijective) {
    std::vector<IterMark> marks = input_marks_;
    for (const IterMark& m : fused_marks_) marks.push_back(m);
    for (const IterMark& mark : marks) {
      std::vector<Piece> pieces;
      for (const Piece& p : uses_) {
        if (p.mark.same_as(mark)) pieces.push_back(p);
      }
      std::sort(pieces.begin(), pieces.end(),
                [](const Piece& x, const Piece& y) { return x.lower < y.lower; });
      std::string name = ExprText(mark->source);
      int64_t next = 1;  // the lowest lower_factor the next piece may have
      for (size_t i = 0; i < pieces.size(); ++i) {
        if (pieces[i].lower < next) {
          Fail(StrCat("iterator ", name, " is used by overlapping pieces"));
          return;
        }
        if (require_bijective && pieces[i].lower != next) {
          Fail(StrCat("iterator ", name, " is not covered exactly: no piece at stride ", next));
          return;
        }
        auto e = AsInt(pieces[i].extent);
        if (!e) {
          next = ConstIntBound::kPosInf;  // a symbolic whole iterator: nothing may follow
          continue;
        }
        if (__builtin_mul_overflow(pieces[i].lower, *e, &next)) next = ConstIntBound::kPosInf;
      }
      if (!require_bijective) continue;
      auto total = AsInt(mark->extent);
      bool whole = pieces.size() == 1 && pieces[0].lower == 1 &&
                   analyzer_->CanProveEqual(pieces[0].extent, mark->extent);
      bool unit = total && *total == 1;
      if (!whole && !unit && (!total || next != *total)) {
        Fail(StrCat("iterator ", name, " is not covered exactly by the indices"));
        return;
      }
    }
  }

  void Fail(std::string reason) { errors_.push_back(std::move(reason)); }
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  bool UsesIter(const PrimExpr& expr) const {
    for (const auto& [var, mark] : var_marks_) {
      if (UsesVar(expr, var)) return true;
    }
    return false;
  }

  std::optional<IterMark> VarMark(const PrimExpr& expr) const {
    for (const auto& [var, mark] : var_marks_) {
      if (expr.get() == var) return mark;
    }
    return std::nullopt;
  }

  // An atom of an index: an iterator, or floordiv/floormod of a piece or a fused sum.
  std::optional<Piece> ParsePiece(const PrimExpr& atom) {
    if (auto mark = VarMark(atom)) return Piece{*mark, 1, (*mark)->extent};
    const auto* div = atom.as<FloorDivNode>();
    const auto* mod = atom.as<FloorModNode>();
    auto c = div ? AsInt(div->b) : mod ? AsInt(mod->b) : std::nullopt;
    if (!c || *c <= 0) {
      Fail(StrCat("cannot decompose ", ExprText(atom),
                  ": only iterators, sums of them, and // or % by positive constants are supported"));
      return std::nullopt;
    }
    auto inner = ParseOperand(div ? div->a : mod->a);
    if (!inner) return std::nullopt;
    auto e = AsInt(inner->extent);
    if (!e) {
      Fail(StrCat("cannot decompose ", ExprText(atom), ": the extent ",
                  ExprText(inner->extent), " of its operand is not a constant"));
      return std::nullopt;
    }
    int64_t lower = inner->lower;
    DataType t = atom.dtype();
    if (div) {
      auto total = AsInt(inner->mark->extent);
      bool outermost = total && lower * *e >= *total;
      if (*e % *c != 0 && !outermost) {
        Fail(StrCat("cannot decompose ", ExprText(atom), ": ", *c, " does not divide the extent ", *e));
        return std::nullopt;
      }
      int64_t new_lower;
      if (__builtin_mul_overflow(lower, *c, &new_lower) || !FitsDType(new_lower, t)) {
        Fail(StrCat("cannot decompose ", ExprText(atom), ": its stride overflows"));
        return std::nullopt;
      }
      return Piece{inner->mark, new_lower, IntImm(t, (*e + *c - 1) / *c)};
    }
    if (*e % *c != 0) {
      Fail(StrCat("cannot decompose ", ExprText(atom), ": ", *c, " does not divide the extent ", *e));
      return std::nullopt;
    }
    return Piece{inner->mark, lower, IntImm(t, *c)};
  }

  // The operand of // or %: a piece, or a sum of pieces fused into one mark.
  std::optional<Piece> ParseOperand(const PrimExpr& expr) {
    if (VarMark(expr) || expr.as<FloorDivNode>() || expr.as<FloorModNode>()) return ParsePiece(expr);
    LinearSum sum = ToLinear(expr);
    if (!sum.ok || sum.constant != 0) {
      Fail(StrCat("cannot fuse ", ExprText(expr), ": it has a constant offset"));
      return std::nullopt;
    }
    std::vector<std::pair<Piece, int64_t>> parts;
    for (const auto& [atom, coeff] : sum.terms) {
      auto piece = ParsePiece(atom);
      if (!piece) return std::nullopt;
      parts.emplace_back(*piece, coeff);
    }
    std::sort(parts.begin(), parts.end(), [](const auto& x, const auto& y) { return x.second < y.second; });
    int64_t expected = 1;
    for (const auto& [piece, scale] : parts) {
      auto e = AsInt(piece.extent);
      if (scale != expected || !e || __builtin_mul_overflow(expected, *e, &expected)) {
        Fail(StrCat("cannot fuse ", ExprText(expr), ": its scales do not form a mixed radix"));
        return std::nullopt;
      }
    }
    if (!FitsDType(expected, expr.dtype())) {
      Fail(StrCat("cannot fuse ", ExprText(expr), ": its extent does not fit ", expr.dtype().ToString()));
      return std::nullopt;
    }
    for (const IterMark& mark : fused_marks_) {
      if (ExprEqual(mark->source, expr)) return Piece{mark, 1, mark->extent};
    }
    IterMark mark(expr, IntImm(expr.dtype(), expected));
    fused_marks_.push_back(mark);
    for (const auto& part : parts) uses_.push_back(part.first);
    return Piece{mark, 1, mark->extent};
  }

  Analyzer* analyzer_;
  std::vector<std::pair<const VarNode*, IterMark>> var_marks_;
  std::vector<IterMark> input_marks_;
  std::vector<IterMark> fused_marks_;
  std::vector<Piece> uses_;
  std::vector<std::string> errors_;
};

}  // namespace

IterMapResult DetectIterMap(const Array<PrimExpr>& indices, const Map<Var, Range>& input_iters,
                            Analyzer* analyzer, bool require_bijective) {
  Analyzer local;
  Detector detector(input_iters, analyzer ? analyzer : &local);
  std::vector<IterSumExpr> sums;
  if (detector.errors().empty()) {
    for (const PrimExpr& index : indices) {
      auto sum = detector.DetectIndex(index);
      if (!sum) break;
      sums.push_back(*sum);
    }
  }
  if (detector.errors().empty()) detector.CheckUses(require_bijective);
  auto node = ir::make_object<IterMapResultNode>();
  if (detector.errors().empty()) {
    node->indices = Array<IterSumExpr>(sums);
  } else {
    std::vector<String> errors(detector.errors().begin(), detector.errors().end());
    node->errors = Array<String>(errors);
  }
  return IterMapResult(node);
}

bool IsAffineBinding(const Array<PrimExpr>& indices, const Map<Var, Range>& input_iters,
                     Analyzer* analyzer) {
  return DetectIterMap(indices, input_iters, analyzer).success();
}

PrimExpr IterMapToExpr(const IterSumExpr& sum) {
  PrimExpr result = sum->base;
  for (const IterSplitExpr& split : sum->args) {
    PrimExpr e = split->source->source;
    auto lower = AsInt(split->lower_factor);
    if (!lower || *lower != 1) e = floordiv(e, split->lower_factor);
    auto total = AsInt(split->source->extent), extent = AsInt(split->extent);
    bool top = (lower && extent && total && *lower * *extent >= *total) ||
               (lower == 1 && ExprEqual(split->extent, split->source->extent));
    if (!top) e = floormod(e, split->extent);
    if (!is_const_number(split->scale, 1)) e = e * split->scale;
    result = is_const_number(result, 0) ? e : result + e;
  }
  return result;
}

}  // namespace arith
}  // namespace tir
}  // namespace tessel
