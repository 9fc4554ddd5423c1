/*!
 * \file tessel/ir/module.h
 * \brief IRModule: the unit every pass transforms, a set of named functions plus attributes.
 */
#ifndef TESSEL_IR_MODULE_H_
#define TESSEL_IR_MODULE_H_

#include <string>
#include <vector>

#include "tessel/ir/function.h"

namespace tessel {
namespace ir {

/*!
 * \brief Functions by global name, and module attributes.
 *
 * The functions of all dialects (Relax functions, PrimFuncs) live side by side, and
 * refer to each other through GlobalVar. Passes never edit the module they are given:
 * they build a new one (IRModule::ShallowCopy shares the functions).
 */
class IRModuleNode : public Object {
 public:
  /*! \brief The functions, in insertion order. */
  Map<GlobalVar, BaseFunc> functions;
  /*! \brief Module attributes. */
  DictAttrs attrs;

  /*! \brief Presents functions sorted by name, so insertion order does not affect equality. */
  void VisitFields(FieldVisitor* v) override;
  TESSEL_DECLARE_NODE(IRModuleNode, "ir.IRModule");
};

/*! \brief Handle to an IRModuleNode. Editing methods change this handle's module only. */
class IRModule : public ObjectRef {
 public:
  TESSEL_DEFINE_COW_HANDLE(IRModule, ObjectRef, IRModuleNode);
  /*! \brief A module with the given functions and attributes. */
  explicit IRModule(Map<GlobalVar, BaseFunc> functions, DictAttrs attrs = DictAttrs());
  /*! \brief An empty module. */
  static IRModule Empty() { return IRModule(Map<GlobalVar, BaseFunc>()); }

  /*!
   * \brief Add a function under a new name.
   * \throws InvalidArgumentError when the name is already taken.
   */
  void Add(const GlobalVar& var, const BaseFunc& func);
  /*! \brief Add a function under the name, creating its GlobalVar; returns it. */
  GlobalVar Add(const std::string& name, const BaseFunc& func);
  /*!
   * \brief Replace the function of an existing name.
   * \throws InvalidArgumentError when there is no such function.
   */
  void Update(const GlobalVar& var, const BaseFunc& func);
  /*! \brief Remove a function; throws InvalidArgumentError when absent. */
  void Remove(const GlobalVar& var);
  /*! \brief Set a module attribute. */
  void SetAttr(const std::string& key, ObjectRef value);

  /*! \brief Whether a function of that name exists. */
  bool Contains(const std::string& name) const;
  /*! \brief The GlobalVar of a name; throws InvalidArgumentError listing the names when absent. */
  GlobalVar GetGlobalVar(const std::string& name) const;
  /*! \brief The function of a name; throws InvalidArgumentError when absent. */
  BaseFunc Lookup(const std::string& name) const;
  /*! \brief The function of a GlobalVar; throws InvalidArgumentError when absent. */
  BaseFunc Lookup(const GlobalVar& var) const;
  /*! \brief All GlobalVars, in insertion order. */
  std::vector<GlobalVar> GetGlobalVars() const;
  /*! \brief A new module sharing this one's functions and attributes. */
  IRModule ShallowCopy() const;
};

}  // namespace ir
}  // namespace tessel

#endif  // TESSEL_IR_MODULE_H_
