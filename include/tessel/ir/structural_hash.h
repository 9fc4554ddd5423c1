/*!
 * \file tessel/ir/structural_hash.h
 * \brief Structural hashing: a hash of an IR tree's content that agrees with
 * StructuralEqual.
 *
 * Structurally equal trees hash equal, including trees that differ only in the names
 * of their variables: a variable hashes by the order in which it is defined, not by
 * its identity. Passes use it to find repeated subtrees (common subexpressions, equal
 * functions) before confirming with StructuralEqual.
 */
#ifndef TESSEL_IR_STRUCTURAL_HASH_H_
#define TESSEL_IR_STRUCTURAL_HASH_H_

#include <cstdint>

#include "tessel/ir/object.h"

namespace tessel {
namespace ir {

/*!
 * \brief The structural hash of an IR tree.
 *
 * Fields marked FieldRole::kIgnored are not hashed. A variable bound by a
 * FieldRole::kDefines field hashes as its definition order (with its non-ignored
 * fields, such as its dtype). A free variable hashes by identity, or, when
 * map_free_vars is true, by the order in which it is first met, like a defined one.
 * Free variables hashed by identity make the value differ from one run to the next;
 * it is otherwise deterministic.
 *
 * \param node The tree; may be undefined.
 * \param map_free_vars Must match the map_free_vars given to StructuralEqual for the
 *        guarantee `StructuralEqual(a, b) implies StructuralHash(a) == StructuralHash(b)`.
 */
uint64_t StructuralHash(const ObjectRef& node, bool map_free_vars = false);

}  // namespace ir
}  // namespace tessel

#endif  // TESSEL_IR_STRUCTURAL_HASH_H_
