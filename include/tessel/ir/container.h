/*!
 * \file tessel/ir/container.h
 * \brief Immutable containers that are nodes themselves: String, Array and Map.
 *
 * Fields of IR nodes hold these, so that a list of statements or a dictionary of
 * attributes is compared, hashed and printed like any other node.
 */
#ifndef TESSEL_IR_CONTAINER_H_
#define TESSEL_IR_CONTAINER_H_

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "tessel/ir/object.h"
#include "tessel/ir/reflection.h"

namespace tessel {
namespace ir {

/*! \brief A string value held as a node. */
class StringNode : public Object {
 public:
  /*! \brief The characters. */
  std::string value;

  explicit StringNode(std::string value) : value(std::move(value)) {}
  void VisitFields(FieldVisitor* v) override { v->Visit("value", &value); }
  TESSEL_DECLARE_NODE(StringNode, "ir.String");
};

/*! \brief Handle to a StringNode; converts to and from std::string. */
class String : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(String, ObjectRef, StringNode);
  /*! \brief A node holding the characters. */
  String(std::string value);  // NOLINT(runtime/explicit): strings convert freely
  /*! \brief A node holding the characters. */
  String(const char* value) : String(std::string(value)) {}  // NOLINT(runtime/explicit)
  /*! \brief The characters. */
  const std::string& str() const { return get()->value; }
  operator const std::string&() const { return get()->value; }  // NOLINT
};

/*! \brief The node behind Array: a vector of handles. */
class ArrayNode : public Object {
 public:
  /*! \brief The elements. */
  std::vector<ObjectRef> data;

  ArrayNode() = default;
  explicit ArrayNode(std::vector<ObjectRef> data) : data(std::move(data)) {}
  void VisitFields(FieldVisitor* v) override;
  TESSEL_DECLARE_NODE(ArrayNode, "ir.Array");
};

/*!
 * \brief An immutable list of handles of class T.
 *
 * An Array is always defined (an empty array is a node with no elements), so code
 * never has to test for a missing list.
 */
template <typename T>
class Array : public ObjectRef {
 public:
  /*! \brief The node class. */
  using ContainerType = ArrayNode;

  /*! \brief An empty array. */
  Array() : ObjectRef(make_object<ArrayNode>()) {}
  /*! \brief Wrap an ArrayNode (or an undefined pointer, read as empty). */
  explicit Array(ObjectPtr<Object> data)
      : ObjectRef(data ? std::move(data) : ObjectPtr<Object>(make_object<ArrayNode>())) {}
  /*! \brief An array of the given elements. */
  Array(std::initializer_list<T> items) : Array(std::vector<T>(items)) {}
  /*! \brief An array of the given elements. */
  Array(const std::vector<T>& items)  // NOLINT(runtime/explicit)
      : ObjectRef(make_object<ArrayNode>(std::vector<ObjectRef>(items.begin(), items.end()))) {}

  /*! \brief Number of elements. */
  size_t size() const { return node()->data.size(); }
  /*! \brief Whether there are no elements. */
  bool empty() const { return node()->data.empty(); }
  /*! \brief The element at index i (checked). */
  T operator[](size_t i) const {
    if (i >= size()) {
      throw InvalidArgumentError(StrCat("index ", i, " out of range for an array of ", size()));
    }
    return T(node()->data[i].data());
  }
  /*! \brief The last element. */
  T back() const { return (*this)[size() - 1]; }

  /*! \brief Iterates over the elements as handles of class T. */
  class iterator {
   public:
    explicit iterator(std::vector<ObjectRef>::const_iterator it) : it_(it) {}
    T operator*() const { return T(it_->data()); }
    iterator& operator++() {
      ++it_;
      return *this;
    }
    bool operator!=(const iterator& other) const { return it_ != other.it_; }
    bool operator==(const iterator& other) const { return it_ == other.it_; }

   private:
    std::vector<ObjectRef>::const_iterator it_;
  };
  iterator begin() const { return iterator(node()->data.begin()); }
  iterator end() const { return iterator(node()->data.end()); }

  /*! \brief A new array with one more element at the end. */
  Array<T> Append(const T& item) const {
    std::vector<ObjectRef> data = node()->data;
    data.push_back(item);
    return Array<T>(ObjectPtr<Object>(make_object<ArrayNode>(std::move(data))));
  }
  /*! \brief A new array with element i replaced. */
  Array<T> Set(size_t i, const T& item) const {
    std::vector<ObjectRef> data = node()->data;
    data.at(i) = item;
    return Array<T>(ObjectPtr<Object>(make_object<ArrayNode>(std::move(data))));
  }
  /*! \brief The elements as a std::vector. */
  std::vector<T> ToVector() const { return std::vector<T>(begin(), end()); }

  /*!
   * \brief Apply f to every element; returns this very array when f changed nothing.
   *
   * The sharing of unchanged lists is what keeps mutators cheap.
   */
  template <typename F>
  Array<T> Map(F f) const {
    std::vector<ObjectRef> out;
    bool changed = false;
    for (size_t i = 0; i < size(); ++i) {
      T before = (*this)[i];
      T after = f(before);
      changed |= !after.same_as(before);
      out.push_back(after);
    }
    if (!changed) return *this;
    return Array<T>(ObjectPtr<Object>(make_object<ArrayNode>(std::move(out))));
  }

 private:
  const ArrayNode* node() const { return static_cast<const ArrayNode*>(data_.get()); }
};

/*! \brief The node behind Map: entries in insertion order. */
class MapNode : public Object {
 public:
  /*! \brief The (key, value) entries, keys unique. */
  std::vector<std::pair<ObjectRef, ObjectRef>> entries;

  void VisitFields(FieldVisitor* v) override;
  /*! \brief The index of key, or -1. Strings match by content, other keys by identity. */
  int64_t Find(const ObjectRef& key) const;
  TESSEL_DECLARE_NODE(MapNode, "ir.Map");
};

/*!
 * \brief An immutable dictionary from K to V that keeps insertion order.
 *
 * String keys match by content; any other key matches by identity.
 */
template <typename K, typename V>
class Map : public ObjectRef {
 public:
  /*! \brief The node class. */
  using ContainerType = MapNode;

  /*! \brief An empty map. */
  Map() : ObjectRef(make_object<MapNode>()) {}
  /*! \brief Wrap a MapNode (or an undefined pointer, read as empty). */
  explicit Map(ObjectPtr<Object> data)
      : ObjectRef(data ? std::move(data) : ObjectPtr<Object>(make_object<MapNode>())) {}
  /*! \brief A map of the given entries; later duplicates replace earlier ones. */
  Map(std::initializer_list<std::pair<K, V>> items) : Map() {
    for (const auto& [key, value] : items) *this = Set(key, value);
  }

  /*! \brief Number of entries. */
  size_t size() const { return node()->entries.size(); }
  /*! \brief Whether there are no entries. */
  bool empty() const { return node()->entries.empty(); }
  /*! \brief Whether key is present. */
  bool count(const K& key) const { return node()->Find(key) >= 0; }
  /*! \brief The value of key; throws InvalidArgumentError when absent. */
  V at(const K& key) const {
    int64_t i = node()->Find(key);
    if (i < 0) throw InvalidArgumentError("key not found in map");
    return V(node()->entries[i].second.data());
  }
  /*! \brief The value of key, or `fallback` when absent. */
  V Get(const K& key, V fallback = V()) const {
    int64_t i = node()->Find(key);
    return i < 0 ? fallback : V(node()->entries[i].second.data());
  }
  /*! \brief A new map with key set to value (replacing in place, or appended). */
  Map<K, V> Set(const K& key, const V& value) const {
    auto copy = CopyNode(*node());
    int64_t i = node()->Find(key);
    if (i < 0) {
      copy->entries.emplace_back(key, value);
    } else {
      copy->entries[i].second = value;
    }
    return Map<K, V>(ObjectPtr<Object>(copy));
  }
  /*! \brief A new map without key. */
  Map<K, V> Erase(const K& key) const {
    auto copy = CopyNode(*node());
    int64_t i = node()->Find(key);
    if (i >= 0) copy->entries.erase(copy->entries.begin() + i);
    return Map<K, V>(ObjectPtr<Object>(copy));
  }
  /*! \brief The entries, in insertion order. */
  std::vector<std::pair<K, V>> items() const {
    std::vector<std::pair<K, V>> out;
    for (const auto& [key, value] : node()->entries) out.emplace_back(K(key.data()), V(value.data()));
    return out;
  }

 private:
  const MapNode* node() const { return static_cast<const MapNode*>(data_.get()); }
};

}  // namespace ir
}  // namespace tessel

#endif  // TESSEL_IR_CONTAINER_H_
