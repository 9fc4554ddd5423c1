/*!
 * \file tessel/relax/function.h
 * \brief Relax functions (the graph-level functions of an IRModule) and external functions.
 */
#ifndef TESSEL_RELAX_FUNCTION_H_
#define TESSEL_RELAX_FUNCTION_H_

#include <string>

#include "tessel/ir/function.h"
#include "tessel/relax/struct_info.h"

namespace tessel {
namespace relax {

/*!
 * \brief A function of Relax variables whose body is an expression (usually a SeqExpr).
 *
 * Its struct info is the FuncStructInfo of its parameters and ret_struct_info. The
 * parameters define variables (role kDefines), so renaming them keeps it structurally equal.
 */
class FunctionNode : public ir::BaseFuncNode {
 public:
  Array<Var> params;           //!< the parameters, in calling order
  Expr body;                   //!< the result
  StructInfo ret_struct_info;  //!< what the result is declared to be
  bool is_pure = true;         //!< whether it has no visible side effect
  /*! \brief The function's struct info (derived from params and ret_struct_info). */
  StructInfo struct_info_;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("params", &params, FieldRole::kDefines);
    v->Visit("body", &body);
    v->Visit("ret_struct_info", &ret_struct_info);
    v->Visit("is_pure", &is_pure);
    v->Visit("struct_info_", &struct_info_, FieldRole::kIgnored);
    BaseFuncNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(FunctionNode, "relax.Function");
};

/*! \brief Handle to a FunctionNode. */
class Function : public ir::BaseFunc {
 public:
  TESSEL_DEFINE_HANDLE(Function, ir::BaseFunc, FunctionNode);
  /*!
   * \brief A function.
   *
   * An undefined ret_struct_info takes the body's, or ObjectStructInfo when the body has none.
   * \throws InvalidArgumentError when the body or a parameter is undefined, or a
   * parameter has no struct info.
   */
  Function(Array<Var> params, Expr body, StructInfo ret_struct_info = StructInfo(),
           bool is_pure = true, ir::DictAttrs attrs = ir::DictAttrs(), Span span = Span());
  /*! \brief A copy with one attribute set (such as "global_symbol"). */
  Function WithAttr(const std::string& key, ObjectRef value) const;
};

/*! \brief A function provided outside the module, called by its symbol name. */
class ExternFuncNode : public ir::BaseFuncNode {
 public:
  /*! \brief The symbol. */
  std::string global_symbol;
  /*! \brief An unknown function's struct info. */
  StructInfo struct_info_;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("global_symbol", &global_symbol);
    v->Visit("struct_info_", &struct_info_, FieldRole::kIgnored);
    BaseFuncNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(ExternFuncNode, "relax.ExternFunc");
};

/*! \brief Handle to an ExternFuncNode. */
class ExternFunc : public ir::BaseFunc {
 public:
  TESSEL_DEFINE_HANDLE(ExternFunc, ir::BaseFunc, ExternFuncNode);
  /*! \brief `R.ExternFunc(global_symbol)`; throws InvalidArgumentError when it is empty. */
  explicit ExternFunc(std::string global_symbol, Span span = Span());
};

}  // namespace relax
}  // namespace tessel

#endif  // TESSEL_RELAX_FUNCTION_H_
