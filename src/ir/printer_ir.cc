// Script printers for the nodes of the ir layer: constants, containers, modules.
#include <algorithm>

#include "tessel/ir/module.h"
#include "tessel/ir/op.h"
#include "tessel/ir/printer.h"

namespace tessel {
namespace ir {

namespace {

std::string PrintIntImm(const ObjectRef& node, ScriptPrinter*) {
  const auto* imm = node.as<IntImmNode>();
  if (imm->dtype.is_bool()) return imm->value ? "True" : "False";
  if (imm->dtype == DataType::Int(32)) return std::to_string(imm->value);
  return StrCat("T.", imm->dtype.ToString(), "(", imm->value, ")");
}

std::string PrintFloatImm(const ObjectRef& node, ScriptPrinter*) {
  const auto* imm = node.as<FloatImmNode>();
  // A Python float literal reads back as a float64 constant.
  if (imm->dtype == DataType::Float(64)) return FloatLiteral(imm->value);
  return StrCat("T.", imm->dtype.ToString(), "(", FloatLiteral(imm->value), ")");
}

std::string PrintArray(const ObjectRef& node, ScriptPrinter* p) {
  return "[" + p->PrintList(node.as<ArrayNode>()->data) + "]";
}

std::string PrintMap(const ObjectRef& node, ScriptPrinter* p) {
  std::string out = "{";
  const auto& entries = node.as<MapNode>()->entries;
  for (size_t i = 0; i < entries.size(); ++i) {
    out += (i ? ", " : "") + p->Print(entries[i].first) + ": " + p->Print(entries[i].second);
  }
  return out + "}";
}

// Prints the module as a decorated class whose methods are its functions. Each function's
// printer reads its name from ScriptPrinter::function_name.
std::string PrintIRModule(const ObjectRef& node, ScriptPrinter* p) {
  IRModule mod(node.data());
  p->Line("# from tessel.script import ir as I");
  p->Line("# from tessel.script import tir as T");
  p->Line("# from tessel.script import relax as R");
  p->Line("");
  p->Line("@I.ir_module");
  p->Line("class Module:");
  p->Indent();
  bool empty = true;
  if (!mod->attrs->dict.empty()) {
    p->Line("I.module_attrs(" + p->Print(mod->attrs->dict) + ")");
    empty = false;
  }
  auto items = mod->functions.items();
  std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return a.first->name_hint < b.first->name_hint;
  });
  for (const auto& [var, func] : items) {
    if (!empty) p->Line("");
    p->function_name = var->name_hint;
    std::string text = p->Print(func);
    if (!text.empty()) p->Line(var->name_hint + " = " + text);
    empty = false;
  }
  if (empty) p->Line("pass");
  p->Dedent();
  if (!p->metadata().empty()) {
    p->Line("");
    p->Line("# metadata: values printed by reference above are not shown inline");
  }
  return "";
}

struct Registrar {
  Registrar() {
    ScriptPrinter::Register("ir.IntImm", PrintIntImm);
    ScriptPrinter::Register("ir.FloatImm", PrintFloatImm);
    ScriptPrinter::Register("ir.String", [](const ObjectRef& n, ScriptPrinter*) {
      return QuoteString(n.as<StringNode>()->value);
    });
    ScriptPrinter::Register("ir.Array", PrintArray);
    ScriptPrinter::Register("ir.Map", PrintMap);
    ScriptPrinter::Register("ir.DictAttrs", [](const ObjectRef& n, ScriptPrinter* p) {
      return p->Print(n.as<DictAttrsNode>()->dict);
    });
    ScriptPrinter::Register("ir.GlobalVar", [](const ObjectRef& n, ScriptPrinter*) {
      return "Module." + n.as<GlobalVarNode>()->name_hint;
    });
    ScriptPrinter::Register("ir.Range", [](const ObjectRef& n, ScriptPrinter* p) {
      const auto* range = n.as<RangeNode>();
      return StrCat("I.Range(", p->Print(range->min), ", ", p->Print(range->extent), ")");
    });
    ScriptPrinter::Register("ir.Op", [](const ObjectRef& n, ScriptPrinter*) {
      return StrCat("I.op(", QuoteString(n.as<OpNode>()->name), ")");
    });
    ScriptPrinter::Register("ir.IRModule", PrintIRModule);
  }
};
const Registrar registrar;

}  // namespace

}  // namespace ir
}  // namespace tessel
