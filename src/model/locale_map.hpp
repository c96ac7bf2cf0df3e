// diaglot compiler: a map from locale tag to a value, as the catalog model keeps one per field
// and per message.
#pragma once

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace diaglot::model {

/// Locale tag -> V, sorted by tag, in one vector. A catalog has tens of locales, and the model
/// adds a message's translations in tag order, so an insertion is an append (or moves the one
/// entry after it) and a field costs one allocation instead of one per locale, which is what
/// dominated building and freeing large catalogs. Insertion invalidates iterators and
/// references into the map, as it does for a vector.
template <class V>
class locale_map {
 public:
  using value_type = std::pair<std::string, V>;
  using iterator = typename std::vector<value_type>::iterator;
  using const_iterator = typename std::vector<value_type>::const_iterator;

  iterator begin() noexcept { return items_.begin(); }
  iterator end() noexcept { return items_.end(); }
  const_iterator begin() const noexcept { return items_.begin(); }
  const_iterator end() const noexcept { return items_.end(); }
  std::size_t size() const noexcept { return items_.size(); }
  bool empty() const noexcept { return items_.empty(); }
  void reserve(std::size_t n) { items_.reserve(n); }

  iterator find(std::string_view tag) {
    const iterator it = lower_bound(tag);
    return it != items_.end() && it->first == tag ? it : items_.end();
  }
  const_iterator find(std::string_view tag) const {
    return const_cast<locale_map*>(this)->find(tag);
  }
  std::size_t count(std::string_view tag) const { return find(tag) != end() ? 1 : 0; }

  V& at(std::string_view tag) {
    const iterator it = find(tag);
    if (it == items_.end()) throw std::out_of_range("diaglot: locale_map has no " + key(tag));
    return it->second;
  }
  const V& at(std::string_view tag) const { return const_cast<locale_map*>(this)->at(tag); }

  /// The value for a tag, inserted value-initialized when there is none.
  V& operator[](std::string_view tag) { return try_emplace(tag).first->second; }

  /// Inserts (tag, V(args...)) unless the tag is there; says where it is and whether it is new.
  template <class... Args>
  std::pair<iterator, bool> try_emplace(std::string_view tag, Args&&... args) {
    const iterator it = lower_bound(tag);
    if (it != items_.end() && it->first == tag) return {it, false};
    return {items_.emplace(it, std::piecewise_construct, std::forward_as_tuple(key(tag)),
                           std::forward_as_tuple(std::forward<Args>(args)...)),
            true};
  }
  std::pair<iterator, bool> emplace(std::string_view tag, V value) {
    return try_emplace(tag, std::move(value));
  }

  friend bool operator==(const locale_map& a, const locale_map& b) { return a.items_ == b.items_; }
  friend bool operator!=(const locale_map& a, const locale_map& b) { return !(a == b); }

 private:
  static std::string key(std::string_view tag) { return std::string(tag); }
  iterator lower_bound(std::string_view tag) {
    // Appends in order are the common case: check the end first.
    if (items_.empty() || items_.back().first < tag) return items_.end();
    return std::lower_bound(items_.begin(), items_.end(), tag,
                            [](const value_type& v, std::string_view t) { return v.first < t; });
  }

  std::vector<value_type> items_;
};

}  // namespace diaglot::model
