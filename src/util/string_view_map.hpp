// diaglot compiler: a map from string views to small values, for the maps keyed by message IDs
// that reading and the model fill with one entry per unit (millions at scale). One array of
// slots, open addressing: a lookup costs one slot and one compare of the key's bytes, where
// std::unordered_map reads its bucket array, then a node of its own, then the key. The map
// keeps views: the bytes of each key must outlive it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "diaglot/hash.hpp"

namespace diaglot {

/// The slots an open-addressing table needs for n keys: a power of two, at least 16, at most
/// half full (so that a probe always meets a free slot).
inline std::size_t half_full_capacity(std::size_t n) {
  std::size_t capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  return capacity;
}

template <typename Value>
class string_view_map {
 public:
  /// Room for n keys without growing.
  void reserve(std::size_t n) {
    const std::size_t capacity = half_full_capacity(n);
    if (capacity > slots_.size()) rehash(capacity);
  }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }

  /// The value of key, or nullptr. Valid until the next try_emplace or reserve.
  Value* find(std::string_view key) noexcept {
    if (slots_.empty()) return nullptr;
    slot& s = slots_[probe(key, detail::hash_bytes(key, 0))];
    return s.data ? &s.value : nullptr;
  }
  const Value* find(std::string_view key) const noexcept {
    return const_cast<string_view_map*>(this)->find(key);
  }

  /// Inserts (key, value) unless key is there; the value for key (valid until the next
  /// try_emplace or reserve, which may grow the table even when the key is there), and whether
  /// it was inserted.
  std::pair<Value*, bool> try_emplace(std::string_view key, Value value) {
    if (2 * (size_ + 1) > slots_.size()) rehash(slots_.empty() ? 16 : 2 * slots_.size());
    const std::uint64_t h = detail::hash_bytes(key, 0);
    slot& s = slots_[probe(key, h)];
    if (s.data) return {&s.value, false};
    if (key.size() > 0xffffffffu) throw std::length_error("diaglot: a map key over 4 GiB");
    // A used slot's key pointer is never null: an empty key, whose view may have none, gets "".
    s = slot{h, key.empty() ? "" : key.data(), static_cast<std::uint32_t>(key.size()),
             std::move(value)};
    ++size_;
    return {&s.value, true};
  }

 private:
  /// 24 bytes with a 32-bit value. Free while `data` is null.
  struct slot {
    std::uint64_t hash = 0;
    const char* data = nullptr;
    std::uint32_t size = 0;
    Value value{};
  };

  /// The slot holding key (hash h), or the free slot where it would go. The table is at most
  /// half full, so a free slot is always found.
  std::size_t probe(std::string_view key, std::uint64_t h) const noexcept {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
      const slot& s = slots_[i];
      if (!s.data) return i;
      // memcmp is not given an empty view's pointer, which may be null.
      if (s.hash == h && s.size == key.size() &&
          (key.empty() || std::memcmp(s.data, key.data(), key.size()) == 0))
        return i;
    }
  }

  void rehash(std::size_t capacity) {
    std::vector<slot> old(capacity);
    old.swap(slots_);
    const std::size_t mask = capacity - 1;
    for (slot& s : old) {
      if (!s.data) continue;
      std::size_t i = static_cast<std::size_t>(s.hash) & mask;
      while (slots_[i].data) i = (i + 1) & mask;
      slots_[i] = std::move(s);
    }
  }

  std::vector<slot> slots_;  ///< a power of two in size, or none
  std::size_t size_ = 0;
};

}  // namespace diaglot
