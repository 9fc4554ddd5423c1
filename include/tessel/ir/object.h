/*!
 * \file tessel/ir/object.h
 * \brief The object model: reference-counted immutable nodes and the handles that own them.
 *
 * Every IR node derives from Object and is owned through ObjectPtr (an intrusive
 * reference count). User code holds handles: classes derived from ObjectRef that
 * wrap one ObjectPtr and give typed access to the node (`expr->dtype`). Nodes are
 * never changed after they are shared; a mutator builds new nodes and keeps
 * unchanged subtrees by reference.
 */
#ifndef TESSEL_IR_OBJECT_H_
#define TESSEL_IR_OBJECT_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>

#include "tessel/support/error.h"

namespace tessel {
namespace ir {

class FieldVisitor;
template <typename T>
class ObjectPtr;

/*!
 * \brief The base class of every node.
 *
 * A node class declares its type key and its fields once (TESSEL_DECLARE_NODE and
 * VisitFields); structural equality, hashing, printing and the Python bindings are
 * all derived from that declaration.
 */
class Object {
 public:
  virtual ~Object() = default;

  /*! \brief The unique name of the node's class, such as "tir.Add". */
  virtual const char* type_key() const = 0;
  /*! \brief A small integer naming the node's class, used for fast dispatch. */
  uint32_t type_index() const { return type_index_; }
  /*!
   * \brief Present each field to the visitor, in declaration order.
   *
   * This is the node's reflection: it is all structural equality, hashing and the
   * Python bindings need to know about the node's layout.
   */
  virtual void VisitFields(FieldVisitor* /*visitor*/) {}
  /*!
   * \brief Whether this node is a variable: compared by binding, not by content.
   *
   * Two functions that differ only in the names of their variables are equal.
   */
  virtual bool IsVariable() const { return false; }
  /*!
   * \brief A fresh, unshared copy of this node, of its most-derived class.
   *
   * Generic passes use it to change one field of a node whose class they do not know.
   */
  virtual ObjectPtr<Object> Clone() const = 0;

  /*! \brief Allocate the type index for a type key; called once per node class. */
  static uint32_t AllocateTypeIndex(const char* type_key);
  /*! \brief The type key of a type index (for messages). */
  static const char* TypeIndexToKey(uint32_t index);
  /*! \brief The number of type indices allocated so far. */
  static uint32_t NumTypeIndices();

  /*! \brief The current reference count (for tests and debugging). */
  int use_count() const { return ref_count_.load(std::memory_order_relaxed); }

 protected:
  Object() = default;
  Object(const Object& other) : type_index_(other.type_index_) {}
  Object& operator=(const Object&) = delete;

 private:
  template <typename T>
  friend class ObjectPtr;
  template <typename T, typename... Args>
  friend ObjectPtr<T> make_object(Args&&... args);
  template <typename T>
  friend ObjectPtr<T> CopyNode(const T& node);

  void IncRef() const { ref_count_.fetch_add(1, std::memory_order_relaxed); }
  void DecRef() const {
    if (ref_count_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }

  mutable std::atomic<int32_t> ref_count_{0};
  uint32_t type_index_ = 0;
};

/*!
 * \brief An owning pointer to a node; copying it shares the node.
 * \tparam T The node class.
 */
template <typename T>
class ObjectPtr {
 public:
  ObjectPtr() = default;
  /*! \brief Take shared ownership of a node (intrusive: any raw pointer can be adopted). */
  explicit ObjectPtr(T* ptr) : ptr_(ptr) {
    if (ptr_) ptr_->IncRef();
  }
  ObjectPtr(const ObjectPtr& other) : ObjectPtr(other.ptr_) {}
  ObjectPtr(ObjectPtr&& other) noexcept : ptr_(other.ptr_) { other.ptr_ = nullptr; }
  /*! \brief Upcast from a pointer to a derived node. */
  template <typename U, typename = std::enable_if_t<std::is_base_of_v<T, U>>>
  ObjectPtr(const ObjectPtr<U>& other) : ObjectPtr(static_cast<T*>(other.get())) {}
  ~ObjectPtr() {
    if (ptr_) ptr_->DecRef();
  }
  ObjectPtr& operator=(ObjectPtr other) noexcept {
    std::swap(ptr_, other.ptr_);
    return *this;
  }

  /*! \brief The raw pointer, still owned by this ObjectPtr. */
  T* get() const { return ptr_; }
  T* operator->() const { return ptr_; }
  T& operator*() const { return *ptr_; }
  explicit operator bool() const { return ptr_ != nullptr; }

 private:
  T* ptr_ = nullptr;
};

/*! \brief Allocate a node of class T, constructed from args, with its type index set. */
template <typename T, typename... Args>
ObjectPtr<T> make_object(Args&&... args) {
  T* node = new T(std::forward<Args>(args)...);
  node->type_index_ = T::RuntimeTypeIndex();
  return ObjectPtr<T>(node);
}

/*! \brief A fresh, unshared copy of a node: the start of every copy-on-write edit. */
template <typename T>
ObjectPtr<T> CopyNode(const T& node) {
  T* copy = new T(node);
  copy->type_index_ = node.type_index_;
  return ObjectPtr<T>(copy);
}

namespace detail {
/*! \brief Clone for concrete classes; abstract node classes cannot be copied. */
template <typename T>
ObjectPtr<Object> CloneAs(const T& node) {
  if constexpr (std::is_abstract_v<T>) {
    throw InternalError(StrCat("cannot copy a node of the abstract class ", T::TypeKeyStatic()));
  } else {
    return CopyNode(node);
  }
}
}  // namespace detail

/*!
 * \brief The base class of handles: a possibly-null shared reference to a node.
 *
 * Handles compare with `same_as` by identity. Structural comparison is explicit:
 * see tessel/ir/structural_equal.h.
 */
class ObjectRef {
 public:
  /*! \brief The node class of this handle. */
  using ContainerType = Object;

  ObjectRef() = default;
  /*! \brief Wrap an owning pointer. */
  explicit ObjectRef(ObjectPtr<Object> data) : data_(std::move(data)) {}

  /*! \brief Whether the handle refers to a node. */
  bool defined() const { return static_cast<bool>(data_); }
  /*! \brief Whether both handles refer to the very same node. */
  bool same_as(const ObjectRef& other) const { return data_.get() == other.data_.get(); }
  /*! \brief The node, or nullptr. */
  const Object* get() const { return data_.get(); }
  const Object* operator->() const { return data_.get(); }
  /*! \brief The node as class T, or nullptr when it is of another class or undefined. */
  template <typename T>
  const T* as() const {
    return dynamic_cast<const T*>(data_.get());
  }
  /*! \brief The owning pointer. */
  const ObjectPtr<Object>& data() const { return data_; }

 protected:
  /*! \brief Mutable access for copy-on-write in handle methods. */
  Object* get_mutable() const { return data_.get(); }
  ObjectPtr<Object> data_;
};

/*! \brief Hash of a handle by identity, for unordered containers. */
struct ObjectPtrHash {
  size_t operator()(const ObjectRef& ref) const { return std::hash<const Object*>()(ref.get()); }
};
/*! \brief Equality of handles by identity, for unordered containers. */
struct ObjectPtrEqual {
  bool operator()(const ObjectRef& a, const ObjectRef& b) const { return a.same_as(b); }
};

/*!
 * \brief Convert a handle to a handle of a derived class, checking the node's class.
 * \throws InvalidArgumentError naming both classes when the node is of another class.
 */
template <typename To>
To Downcast(const ObjectRef& ref) {
  if (ref.defined() && !ref.template as<typename To::ContainerType>()) {
    throw InvalidArgumentError(StrCat("expected a ", To::ContainerType::TypeKeyStatic(),
                                      ", found a ", ref->type_key()));
  }
  return To(ref.data());
}

}  // namespace ir
}  // namespace tessel

/*!
 * \brief Declare a node class's type key and runtime type index.
 *
 * Used inside every node class (abstract or concrete).
 */
#define TESSEL_DECLARE_NODE(TypeName, TypeKey)                                          \
 public:                                                                                \
  static constexpr const char* TypeKeyStatic() { return TypeKey; }                      \
  const char* type_key() const override { return TypeKey; }                             \
  ::tessel::ir::ObjectPtr<::tessel::ir::Object> Clone() const override {                \
    return ::tessel::ir::detail::CloneAs(*this);                                        \
  }                                                                                     \
  static uint32_t RuntimeTypeIndex() {                                                  \
    static const uint32_t index = ::tessel::ir::Object::AllocateTypeIndex(TypeKey);     \
    return index;                                                                       \
  }

/*!
 * \brief Declare the constructors and accessors of a handle class.
 * \param TypeName The handle class.
 * \param ParentType Its parent handle class.
 * \param NodeType The node class it refers to.
 */
#define TESSEL_DEFINE_HANDLE(TypeName, ParentType, NodeType)                               \
 public:                                                                                   \
  using ContainerType = NodeType;                                                          \
  TypeName() = default;                                                                    \
  explicit TypeName(::tessel::ir::ObjectPtr<::tessel::ir::Object> data)                    \
      : ParentType(std::move(data)) {}                                                     \
  const NodeType* operator->() const { return static_cast<const NodeType*>(data_.get()); } \
  const NodeType* get() const { return static_cast<const NodeType*>(data_.get()); }

/*! \brief Like TESSEL_DEFINE_HANDLE, plus a mutable accessor that copies a shared node first. */
#define TESSEL_DEFINE_COW_HANDLE(TypeName, ParentType, NodeType)  \
  TESSEL_DEFINE_HANDLE(TypeName, ParentType, NodeType)            \
  NodeType* CopyOnWrite() {                                       \
    if (data_.get()->use_count() > 1) {                           \
      data_ = ::tessel::ir::CopyNode(*static_cast<NodeType*>(data_.get())); \
    }                                                             \
    return static_cast<NodeType*>(data_.get());                   \
  }

#endif  // TESSEL_IR_OBJECT_H_
