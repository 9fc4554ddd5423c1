// Bindings of the BlockBuilder, the cross-level calls and CallTE (tessel._core.relax).
#include "common.h"
#include "tessel/relax/analysis.h"
#include "tessel/relax/block_builder.h"
#include "tessel/relax/op/call.h"
#include "tessel/relax/op/call_te.h"
#include "tessel/relax/op/op_common.h"

namespace tessel {
namespace bindings {

using namespace relax;  // NOLINT(build/namespaces)

void BindRelaxBlockBuilder(py::module_& m) {
  py::class_<BlockBuilderNode, ir::Object, ir::ObjectPtr<BlockBuilderNode>>(m, "BlockBuilder",
                                                                             R"doc(
The C++ builder behind :class:`tessel.relax.BlockBuilder` (use that class).
)doc")
      .def(py::init([](ir::IRModule mod) {
             return ir::ObjectPtr<BlockBuilderNode>(
                 static_cast<BlockBuilderNode*>(BlockBuilder::Create(mod).get()));
           }),
           py::arg("mod") = ir::IRModule())
      .def("get", &BlockBuilderNode::GetContextIRModule, "The module built so far.")
      .def("add_function", &BlockBuilderNode::AddFunction, py::arg("func"), py::arg("name_hint"),
           "Add a function under a unique name; returns its GlobalVar.")
      .def("update_function", &BlockBuilderNode::UpdateFunction, py::arg("gv"), py::arg("func"),
           "Replace the function of gv.")
      .def("begin_dataflow_block", &BlockBuilderNode::BeginDataflowBlock, "Open a dataflow block.")
      .def("begin_binding_block", &BlockBuilderNode::BeginBindingBlock, "Open a binding block.")
      .def("end_block", &BlockBuilderNode::EndBlock, "Close the innermost block and return it.")
      .def("current_block_is_dataflow", &BlockBuilderNode::CurrentBlockIsDataflow,
           "Whether the innermost open block is a dataflow block.")
      .def("emit", &BlockBuilderNode::Emit, py::arg("value"), py::arg("name_hint") = "",
           "Normalize value and bind it to a new variable.")
      .def("emit_match_cast", &BlockBuilderNode::EmitMatchCast, py::arg("value"),
           py::arg("struct_info"), py::arg("name_hint") = "", "Bind R.match_cast(value, struct_info).")
      .def("emit_output", &BlockBuilderNode::EmitOutput, py::arg("value"), py::arg("name_hint") = "",
           "Bind value to a variable visible after the dataflow block.")
      .def("emit_normalized", &BlockBuilderNode::EmitNormalized, py::arg("binding"),
           "Append a binding whose value is already normalized.")
      .def("normalize", &BlockBuilderNode::Normalize, py::arg("expr"),
           "expr with struct info inferred everywhere, in A-normal form.")
      .def("lookup_binding", &BlockBuilderNode::LookupBinding, py::arg("var"),
           "The value bound to var, or None.")
      .def(
          "call_te",
          [](BlockBuilderNode& self, const std::string& name_hint, const Array<Expr>& args,
             const py::function& compute) {
            BlockBuilder bb{ir::ObjectPtr<ir::Object>(&self)};
            return CallTE(bb, name_hint, args, [&compute](const Array<te::Tensor>& inputs) {
              py::object result = compute(inputs);
              if (py::isinstance<te::TensorNode>(result)) return Array<te::Tensor>{result.cast<te::Tensor>()};
              return result.cast<Array<te::Tensor>>();
            });
          },
          py::arg("name_hint"), py::arg("args"), py::arg("compute"),
          "call_tir of a PrimFunc built by compute(placeholders) -> te tensor(s).");

  m.def("call_tir", &CallTIR, py::arg("gv"), py::arg("args"), py::arg("out_sinfo"),
        py::arg("tir_vars") = Expr(), "R.call_tir(gv, args, out_sinfo, tir_vars).");
  m.def("call_dps_packed", &CallDPSPacked, py::arg("name"), py::arg("args"), py::arg("out_sinfo"),
        "R.call_dps_packed(name, args, out_sinfo).");
  m.def("call_pure_packed", &CallPurePacked, py::arg("name"), py::arg("args"), py::arg("sinfo_args"),
        "R.call_pure_packed(name, *args, sinfo_args).");
  m.def("get_callee", &GetCallee, py::arg("call"), "The callee of a cross-level call.");
  m.def("get_call_args", &GetCallArgs, py::arg("call"), "The arguments of a cross-level call.");
  m.def("is_base_of", [](const StructInfo& base, const StructInfo& derived) {
        tir::arith::Analyzer analyzer;
        return IsBaseOf(base, derived, &analyzer);
      }, py::arg("base"), py::arg("derived"), "Whether base describes every value derived does.");
  m.def("struct_info_lub", [](const StructInfo& a, const StructInfo& b) {
        tir::arith::Analyzer analyzer;
        return StructInfoLUB(a, b, &analyzer);
      }, py::arg("a"), py::arg("b"), "The join of two struct infos.");
  m.def("op_pattern", [](const ir::Op& op) -> py::object {
        static const ir::OpAttrMap<OpPatternKind> pattern("TOpPattern");
        if (!pattern.count(op)) return py::none();
        return py::int_(static_cast<int>(pattern.at(op)));
      }, py::arg("op"), "The fusion pattern kind (an int) of an operator, or None.");
  m.def("legalize_call", [](BlockBuilderNode& self, const Call& call) {
        static const ir::OpAttrMap<FLegalize> legalize("FLegalize");
        const auto* op = call->op.as<ir::OpNode>();
        ir::Op handle(ir::ObjectPtr<ir::Object>(const_cast<ir::OpNode*>(op)));
        if (!op || !legalize.count(handle)) {
          throw InvalidArgumentError(StrCat("legalize_call: ", op ? op->name : "the callee",
                                            " has no legalization"));
        }
        return legalize.at(handle)(BlockBuilder(ir::ObjectPtr<ir::Object>(&self)), call);
      }, py::arg("bb"), py::arg("call"), "The legalization of one normalized operator call.");
}

}  // namespace bindings
}  // namespace tessel
