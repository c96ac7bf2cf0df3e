// diaglot compiler: the table's string pool. Every string the table holds (locale tags, matching
// facts, field names, texts) is stored once, NUL-terminated, at the offset of its first
// insertion, so the pool depends only on the order strings are given in.
//
// Strings are given one at a time (add: the offset at once) or, for the bulk of them, as
// tickets (defer) that resolve() turns into offsets all together, on several threads. The pool
// and the offsets are the same as if every deferred string had been added, in ticket order,
// after the strings added directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace diaglot::plan {

/// An allocator whose containers leave elements they add by size (resize) uninitialized.
template <class T>
struct uninitialized_allocator : std::allocator<T> {
  using std::allocator<T>::allocator;
  template <class U>
  struct rebind {
    using other = uninitialized_allocator<U>;
  };
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

/// The pool's bytes. resolve() sizes the pool once for all the deferred strings and copies them
/// in on several threads, each writing every byte of its part: zeroing them first (as a
/// std::string's resize would) was a pass over the whole pool on one thread, faulting in its
/// pages (2 of the plan's 7 ms on the WCF corpus).
using pool_bytes = std::vector<char, uninitialized_allocator<char>>;

/// The strings added directly are found through an open-addressing table of their pool offsets,
/// each with 32 bits of its hash: it compares against the pool itself, so it keeps no copy of a
/// string, and costs 8 bytes a string with no block of its own. Deferred strings are hashed,
/// looked up and copied in on several threads; equal ones are found by splitting them between
/// the threads by hash, so only the offsets are assigned in order on one thread.
class string_pool {
 public:
  /// Builds into `out`. `strings`: how many distinct strings add() will be given at most, the
  /// empty one included (its index is sized once); `bytes`: about how many bytes all the
  /// strings hold, deferred ones included.
  string_pool(pool_bytes& out, std::size_t strings, std::size_t bytes);

  /// The offset of s, added now. Not after resolve().
  std::uint32_t add(std::string_view s);

  /// A ticket for s (the number of strings deferred before it), whose offset resolve() gives.
  /// The bytes s views must stay valid until then.
  std::uint32_t defer(std::string_view s);

  /// Adds the deferred strings after the others, as add() would in ticket order, on up to
  /// `jobs` threads (0: one per core): the offset of each ticket. Once only.
  std::vector<std::uint32_t> resolve(unsigned jobs);

 private:
  static constexpr std::uint32_t empty = 0xffffffffu;
  struct slot {
    std::uint32_t offset = empty;
    std::uint32_t tag = 0;  ///< the high 32 bits of the string's hash
  };

  /// The slot holding s (hash h), or the empty slot where it would go.
  std::size_t find(std::string_view s, std::uint64_t h) const;
  /// Whether the pool holds s at offset: its bytes, then the NUL that ends every pool string
  /// (no pool string holds one, so a longer one cannot match).
  bool holds(std::uint32_t offset, std::string_view s) const;

  pool_bytes& out_;
  std::size_t most_;  ///< strings announced for add(): the index is at most half full
  std::size_t count_ = 0;
  std::vector<slot> slots_;  ///< open addressing over the strings added directly
  std::vector<std::string_view> deferred_;
  bool resolved_ = false;
};

}  // namespace diaglot::plan
