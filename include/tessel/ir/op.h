/*!
 * \file tessel/ir/op.h
 * \brief The operator registry: primitive operators by name, with per-operator properties.
 *
 * An operator (such as "relax.add") is registered once with its description and
 * arguments. Later layers attach properties to it by key: struct-info inference,
 * legalization to a tensor program, the fusion pattern kind. A property is any C++
 * value; OpAttrMap reads one property for all operators.
 */
#ifndef TESSEL_IR_OP_H_
#define TESSEL_IR_OP_H_

#include <any>
#include <string>
#include <vector>

#include "tessel/ir/expr.h"

namespace tessel {
namespace ir {

/*! \brief A primitive operator; one node per name, shared by every call. */
class OpNode : public BaseExprNode {
 public:
  /*! \brief The unique name, such as "relax.matmul". */
  std::string name;
  /*! \brief What the operator computes, for documentation. */
  std::string description;
  /*! \brief Argument names, in order. */
  std::vector<std::string> arguments;
  /*! \brief The operator's position in the registry. */
  int64_t index = 0;

  /*! \brief Only the name: an operator is identified by it. */
  void VisitFields(FieldVisitor* v) override { v->Visit("name", &name); }
  TESSEL_DECLARE_NODE(OpNode, "ir.Op");
};

/*! \brief Handle to a registered operator. */
class Op : public BaseExpr {
 public:
  TESSEL_DEFINE_HANDLE(Op, BaseExpr, OpNode);
  /*!
   * \brief The operator registered under name.
   * \throws InvalidArgumentError naming the operator when none is registered.
   */
  static Op Get(const std::string& name);
  /*! \brief Whether an operator of that name is registered. */
  static bool Exists(const std::string& name);
  /*! \brief The names of all registered operators, in registration order. */
  static std::vector<std::string> ListNames();
};

/*!
 * \brief The registration of one operator; chain setters on it.
 *
 * \code
 * OpRegistry::Register("relax.add").describe("x + y").add_argument("x").add_argument("y")
 *     .set_attr<FInferStructInfo>("FInferStructInfo", InferBinary);
 * \endcode
 */
class OpRegistry {
 public:
  /*! \brief Register an operator (or reopen an existing one to add properties). */
  static OpRegistry Register(const std::string& name);
  /*! \brief Set the description. */
  OpRegistry& describe(const std::string& text);
  /*! \brief Append an argument name. */
  OpRegistry& add_argument(const std::string& name);
  /*!
   * \brief Set a property of this operator.
   * \throws InvalidArgumentError when the property is already set (two registrations collide).
   */
  template <typename T>
  OpRegistry& set_attr(const std::string& key, T value) {
    SetAttrAny(key, std::any(std::move(value)));
    return *this;
  }
  /*! \brief The operator being registered. */
  Op op() const { return op_; }

 private:
  explicit OpRegistry(Op op) : op_(std::move(op)) {}
  void SetAttrAny(const std::string& key, std::any value);
  Op op_;
};

/*! \brief Storage of one property for every operator; see OpAttrMap. */
const std::vector<std::any>& OpAttrColumn(const std::string& key);

/*! \brief One property (such as "FInferStructInfo") of all operators. */
template <typename T>
class OpAttrMap {
 public:
  /*! \brief The map of the property named key. */
  explicit OpAttrMap(const std::string& key) : key_(key), column_(&OpAttrColumn(key)) {}
  /*! \brief Whether op has the property. */
  bool count(const Op& op) const {
    size_t i = static_cast<size_t>(op->index);
    return i < column_->size() && (*column_)[i].has_value();
  }
  /*! \brief The property of op, or `fallback` when it has none. */
  T get(const Op& op, T fallback) const { return count(op) ? at(op) : fallback; }
  /*! \brief The property of op; throws InvalidArgumentError naming both when absent. */
  T at(const Op& op) const {
    if (!count(op)) {
      throw InvalidArgumentError(StrCat("operator ", op->name, " has no property ", key_));
    }
    return std::any_cast<T>((*column_)[static_cast<size_t>(op->index)]);
  }

 private:
  std::string key_;
  const std::vector<std::any>* column_;
};

}  // namespace ir
}  // namespace tessel

#endif  // TESSEL_IR_OP_H_
