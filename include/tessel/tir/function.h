/*!
 * \file tessel/tir/function.h
 * \brief PrimFunc: a tensor program, the TensorIR function an IRModule holds.
 */
#ifndef TESSEL_TIR_FUNCTION_H_
#define TESSEL_TIR_FUNCTION_H_

#include <string>

#include "tessel/ir/function.h"
#include "tessel/tir/stmt.h"

namespace tessel {
namespace tir {

/*!
 * \brief A function of scalar and buffer parameters whose body is a statement.
 *
 * Buffer arguments are passed as handle parameters; buffer_map binds each such
 * parameter to the Buffer the body indexes. Both params and buffer_map define
 * variables (role kDefines), so renaming them keeps the function structurally equal.
 */
class PrimFuncNode : public ir::BaseFuncNode {
 public:
  Array<Var> params;             //!< the parameters, in calling order
  Map<Var, Buffer> buffer_map;   //!< the buffer behind each handle parameter
  Stmt body;                     //!< the computation
  DataType ret_type;             //!< the return type; void for most tensor programs

  void VisitFields(FieldVisitor* v) override {
    v->Visit("params", &params, FieldRole::kDefines);
    v->Visit("buffer_map", &buffer_map, FieldRole::kDefines);
    v->Visit("body", &body);
    v->Visit("ret_type", &ret_type);
    BaseFuncNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(PrimFuncNode, "tir.PrimFunc");
};

/*! \brief Handle to a PrimFuncNode. */
class PrimFunc : public ir::BaseFunc {
 public:
  TESSEL_DEFINE_HANDLE(PrimFunc, ir::BaseFunc, PrimFuncNode);
  /*!
   * \brief A PrimFunc (arguments in TVM's order).
   * \throws InvalidArgumentError when a buffer_map key is not one of params.
   */
  PrimFunc(Array<Var> params, Stmt body, DataType ret_type = DataType::Void(),
           Map<Var, Buffer> buffer_map = Map<Var, Buffer>(),
           ir::DictAttrs attrs = ir::DictAttrs(), Span span = Span());
  /*! \brief A copy with one attribute set (such as "global_symbol"). */
  PrimFunc WithAttr(const std::string& key, ObjectRef value) const;
  /*! \brief A copy with another body. */
  PrimFunc WithBody(Stmt body) const;
};

}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_FUNCTION_H_
