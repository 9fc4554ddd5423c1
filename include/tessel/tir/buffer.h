/*!
 * \file tessel/tir/buffer.h
 * \brief Buffer: a multi-dimensional view of memory that loads and stores index into.
 */
#ifndef TESSEL_TIR_BUFFER_H_
#define TESSEL_TIR_BUFFER_H_

#include <string>

#include "tessel/tir/var.h"

namespace tessel {
namespace tir {

/*!
 * \brief A typed, shaped region of memory.
 *
 * A Buffer is a variable-like node: it is compared by binding, like a Var. It is
 * defined by PrimFunc::buffer_map (function arguments), Block::alloc_buffers and
 * Allocate, and used by BufferLoad, BufferStore and BufferRegion.
 *
 * Field roles: `data`, `shape`, `strides` and `elem_offset` are kDefines, because a
 * buffer's definition is where the symbolic sizes in its shape (`n` in `(n, 784)`)
 * are first bound; the name is ignored.
 */
class BufferNode : public Object {
 public:
  /*! \brief The pointer to the memory (a Var of dtype "handle"). */
  Var data;
  /*! \brief The element type. */
  DataType dtype;
  /*! \brief The extent of each dimension (int32 or int64 expressions). */
  Array<PrimExpr> shape;
  /*! \brief Elements between consecutive indices of each dimension; empty means compact row-major. */
  Array<PrimExpr> strides;
  /*! \brief Offset of the first element from `data`, in elements. */
  PrimExpr elem_offset;
  /*! \brief The name to print. */
  std::string name;
  /*! \brief The memory scope: "global" (the default), "shared", "local", ... */
  std::string scope = "global";
  /*! \brief Where it was written. */
  Span span;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("data", &data, FieldRole::kDefines);
    v->Visit("dtype", &dtype);
    v->Visit("shape", &shape, FieldRole::kDefines);
    v->Visit("strides", &strides, FieldRole::kDefines);
    v->Visit("elem_offset", &elem_offset, FieldRole::kDefines);
    v->Visit("name", &name, FieldRole::kIgnored);
    v->Visit("scope", &scope);
    v->Visit("span", &span, FieldRole::kIgnored);
  }
  /*! \brief Buffers compare by binding. */
  bool IsVariable() const override { return true; }
  TESSEL_DECLARE_NODE(BufferNode, "tir.Buffer");
};

/*! \brief Handle to a BufferNode. */
class Buffer : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(Buffer, ObjectRef, BufferNode);
  /*!
   * \brief A buffer over existing memory.
   * \param data The memory: a Var of dtype "handle".
   * \param dtype The element type.
   * \param shape The extent of each dimension, integer expressions of one dtype.
   * \param strides Elements between consecutive indices per dimension, or empty (row-major).
   * \param elem_offset Offset in elements; undefined means 0 of the shape's index dtype.
   * \param name The name to print.
   * \param scope The memory scope; "" means "global".
   * \param span Where it was written.
   * \throws InvalidArgumentError when data is not a handle, a dimension is not an
   *   integer, or strides do not match the rank.
   */
  Buffer(Var data, DataType dtype, Array<PrimExpr> shape, Array<PrimExpr> strides,
         PrimExpr elem_offset, std::string name, std::string scope = "global",
         Span span = Span());
  /*! \brief The number of dimensions. */
  size_t ndim() const { return get()->shape.size(); }
};

/*!
 * \brief A new buffer with its own data pointer (`<name>` handle var), compact layout.
 * \param shape The extent of each dimension.
 * \param dtype The element type.
 * \param name The name to print.
 * \param scope The memory scope.
 */
Buffer decl_buffer(Array<PrimExpr> shape, DataType dtype = DataType::Float(32),
                   std::string name = "buffer", std::string scope = "global");

}  // namespace tir
}  // namespace tessel

#endif  // TESSEL_TIR_BUFFER_H_
