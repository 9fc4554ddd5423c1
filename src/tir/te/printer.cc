// Script printer handlers for te's own expressions, for reading compute bodies
// (`repr(C.op.body)`); they have no script form that parses back:
//   ProducerLoad   A[i, k]                                 (A: the tensor's name)
//   Reduce         te.sum(A[i, k], axis=[k], where=k < i)   (where only when not True)
//                  te.argmax((k, A[i, k]), axis=[k])[1]     (value 1 of a tuple reduction)
#include "tessel/ir/printer.h"
#include "tessel/tir/op.h"
#include "tessel/tir/te/reduction.h"

namespace tessel {
namespace te {

namespace {

using ir::ScriptPrinter;

std::string PrintProducerLoad(const ObjectRef& n, ScriptPrinter* p) {
  const auto* load = n.as<ProducerLoadNode>();
  std::vector<ObjectRef> indices;
  for (const PrimExpr& index : load->indices) indices.push_back(index);
  return StrCat(load->producer->op->name, "[", indices.empty() ? "()" : p->PrintList(indices), "]");
}

std::string PrintReduce(const ObjectRef& n, ScriptPrinter* p) {
  const auto* reduce = n.as<ReduceNode>();
  std::vector<ObjectRef> axis, source;
  for (const IterVar& iv : reduce->axis) axis.push_back(iv->var);
  for (const PrimExpr& e : reduce->source) source.push_back(e);
  std::string sources = p->PrintList(source);
  if (source.size() > 1) sources = "(" + sources + ")";
  std::string out = StrCat("te.", reduce->combiner->name, "(", sources, ", axis=[", p->PrintList(axis), "]");
  if (!tir::is_const_number(reduce->condition, 1)) out += ", where=" + p->Print(reduce->condition);
  out += ")";
  return source.size() > 1 ? StrCat(out, "[", reduce->value_index, "]") : out;
}

struct Registrar {
  Registrar() {
    ScriptPrinter::Register("te.ProducerLoad", PrintProducerLoad);
    ScriptPrinter::Register("te.Reduce", PrintReduce);
  }
};
const Registrar registrar;

}  // namespace

}  // namespace te
}  // namespace tessel
