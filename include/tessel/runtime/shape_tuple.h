/*!
 * \file tessel/runtime/shape_tuple.h
 * \brief ShapeTuple: an immutable tuple of int64 extents, the runtime value of a Relax shape.
 */
#ifndef TESSEL_RUNTIME_SHAPE_TUPLE_H_
#define TESSEL_RUNTIME_SHAPE_TUPLE_H_

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace tessel {
namespace runtime {

/*!
 * \brief A shape value, such as `(n, 784)` once n is known: a shared, immutable list of int64.
 *
 * Copies share the same storage. It is what a Relax expression of ShapeStructInfo evaluates
 * to in the VM (`R.shape([2, 3])`, `vm.builtin.make_shape`), as distinct from a tuple.
 */
class ShapeTuple {
 public:
  /*! \brief The empty shape (), the shape of a scalar. */
  ShapeTuple() : dims_(std::make_shared<const std::vector<int64_t>>()) {}
  /*! \brief A shape of the given extents. */
  explicit ShapeTuple(std::vector<int64_t> dims)
      : dims_(std::make_shared<const std::vector<int64_t>>(std::move(dims))) {}
  /*! \brief A shape of the given extents: `ShapeTuple({2, 3})`. */
  ShapeTuple(std::initializer_list<int64_t> dims) : ShapeTuple(std::vector<int64_t>(dims)) {}

  /*! \brief The number of dimensions. */
  size_t size() const { return dims_->size(); }
  /*! \brief The extent of dimension i (unchecked). */
  int64_t operator[](size_t i) const { return (*dims_)[i]; }
  /*! \brief The extents. */
  const std::vector<int64_t>& dims() const { return *dims_; }
  /*! \brief Iteration over the extents. */
  std::vector<int64_t>::const_iterator begin() const { return dims_->begin(); }
  /*! \brief Iteration over the extents. */
  std::vector<int64_t>::const_iterator end() const { return dims_->end(); }
  /*! \brief Equal extents. */
  bool operator==(const ShapeTuple& other) const { return *dims_ == *other.dims_; }
  /*! \brief Different extents. */
  bool operator!=(const ShapeTuple& other) const { return !(*this == other); }
  /*! \brief "(2, 3)", or "(5,)" for one dimension. */
  std::string ToString() const {
    std::string text = "(";
    for (size_t i = 0; i < size(); ++i) text += (i ? ", " : "") + std::to_string((*dims_)[i]);
    return text + (size() == 1 ? ",)" : ")");
  }

 private:
  std::shared_ptr<const std::vector<int64_t>> dims_;
};

}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_RUNTIME_SHAPE_TUPLE_H_
