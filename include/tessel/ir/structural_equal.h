/*!
 * \file tessel/ir/structural_equal.h
 * \brief Structural equality: whether two IR trees have the same content, up to the
 * renaming of their variables.
 *
 * Two nodes are structurally equal when they have the same type key and their fields,
 * as presented by Object::VisitFields, are equal pair by pair. Fields marked
 * FieldRole::kIgnored (source spans, name hints) take no part. Variables are compared
 * by binding, not by content: a field marked FieldRole::kDefines binds each variable
 * met inside it to the variable at the same place on the other side, and later uses
 * must agree with that binding. So `fn(x) { x + 1 }` equals `fn(y) { y + 1 }`, but
 * `fn(x, y) { x - y }` does not equal `fn(x, y) { y - x }`. Matching is one to one, and a
 * variable met again in a defining field (a shape variable shared by two parameters)
 * must match the same partner as before.
 *
 * Two handles to the very same tree are equal at once. A subtree shared by both sides
 * is still walked: under a binding it may mean something else.
 *
 * Tests compare the output of a pass with the expected IR with AssertStructuralEqual,
 * whose message names the first difference.
 */
#ifndef TESSEL_IR_STRUCTURAL_EQUAL_H_
#define TESSEL_IR_STRUCTURAL_EQUAL_H_

#include <optional>
#include <string>

#include "tessel/ir/object.h"

namespace tessel {
namespace ir {

/*! \brief The first place where two IR trees differ, as found by FindStructuralMismatch. */
struct StructuralMismatch {
  /*!
   * \brief Where the difference is, from the roots: field names joined with '.', array
   * elements as "[i]", such as "root.body.seq[2].value".
   */
  std::string path;
  /*! \brief The node on the left at `path` (undefined when the left has no node there). */
  ObjectRef lhs;
  /*! \brief The node on the right at `path` (undefined when the right has no node there). */
  ObjectRef rhs;
  /*!
   * \brief What differs, left value first: "dtype: float32 vs int32",
   * "type: tir.Add vs tir.Sub", "size: 2 vs 3", "variable x is bound to y, found z".
   */
  std::string detail;
};

/*!
 * \brief Find the first structural difference between two IR trees.
 *
 * Fields are compared in the order VisitFields presents them, depth first, and the
 * search stops at the first difference.
 *
 * \param lhs The left tree; may be undefined.
 * \param rhs The right tree; may be undefined.
 * \param map_free_vars Whether a variable used before any definition (a free variable)
 *        may match a different variable on the other side. When false, free variables
 *        match only themselves. Either way the matching is one to one.
 * \return Nothing when the trees are equal; otherwise the first difference.
 */
std::optional<StructuralMismatch> FindStructuralMismatch(const ObjectRef& lhs, const ObjectRef& rhs,
                                                         bool map_free_vars = false);

/*!
 * \brief Whether two IR trees are structurally equal (see the file comment).
 *
 * Equal trees have equal StructuralHash values when hashed with the same map_free_vars.
 *
 * \param lhs The left tree; may be undefined.
 * \param rhs The right tree; may be undefined.
 * \param map_free_vars Whether free variables may match different variables one to one.
 */
bool StructuralEqual(const ObjectRef& lhs, const ObjectRef& rhs, bool map_free_vars = false);

/*!
 * \brief Check that two IR trees are structurally equal, for tests.
 *
 * \param lhs The tree found (such as the output of a pass).
 * \param rhs The tree expected.
 * \param map_free_vars Whether free variables may match different variables one to one.
 * \throws InvalidArgumentError when they differ; the message gives the path of the first
 *         difference, what differs, and both differing sub-trees in script form.
 */
void AssertStructuralEqual(const ObjectRef& lhs, const ObjectRef& rhs, bool map_free_vars = false);

}  // namespace ir
}  // namespace tessel

#endif  // TESSEL_IR_STRUCTURAL_EQUAL_H_
