#include "xliff/xml_memory.hpp"

#include <pugixml.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

namespace diaglot::xml_memory {

namespace {

/// Each block starts with its size, in a header that keeps the alignment malloc gives.
constexpr std::size_t header = alignof(std::max_align_t);
/// pugixml takes its tree in pages of 32 KiB; blocks above this are one-off (a copy of a
/// document's text), which a later document of another size would not reuse.
constexpr std::size_t largest_kept = 64 * 1024;
/// Sizes kept apart: pugixml's pages come in one size, a few others are rare.
constexpr std::size_t sizes_kept = 8;

/// See keeps_blocks().
#if defined(__SANITIZE_ADDRESS__)
constexpr bool keep_blocks = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool keep_blocks = false;
#else
constexpr bool keep_blocks = true;
#endif
#else
constexpr bool keep_blocks = true;
#endif

}  // namespace

struct thread_cache::blocks {
  std::size_t bytes = 0;
  std::vector<std::pair<std::size_t, std::vector<char*>>> free_by_size;

  ~blocks() {
    for (const auto& same_size : free_by_size)
      for (char* raw : same_size.second) std::free(raw);
  }
};

namespace {

/// The calling thread's cache; a plain pointer, so that no thread-local object is destroyed at
/// thread exit while a document might still free into it.
thread_local thread_cache::blocks* cache = nullptr;

void* allocate(std::size_t size) {
  if (cache) {
    for (auto& [kept, blocks] : cache->free_by_size) {
      if (kept != size || blocks.empty()) continue;
      char* raw = blocks.back();
      blocks.pop_back();
      cache->bytes -= size;
      return raw + header;
    }
  }
  if (size > SIZE_MAX - header) return nullptr;
  char* raw = static_cast<char*>(std::malloc(header + size));
  if (!raw) return nullptr;
  std::memcpy(raw, &size, sizeof size);
  return raw + header;
}

/// Keeps the block for the thread's next documents, when the thread has a cache and the block
/// is of a size worth keeping.
bool keep(char* raw, std::size_t size) noexcept {
  if (!keep_blocks || !cache || size > largest_kept) return false;
  try {
    for (auto& [kept, blocks] : cache->free_by_size) {
      if (kept != size) continue;
      blocks.push_back(raw);
      cache->bytes += size;
      return true;
    }
    if (cache->free_by_size.size() == sizes_kept) return false;
    cache->free_by_size.emplace_back(size, std::vector<char*>{raw});
    cache->bytes += size;
    return true;
  } catch (...) {  // no memory for the list: the block goes back instead
    return false;
  }
}

void deallocate(void* block) {
  if (!block) return;
  char* raw = static_cast<char*>(block) - header;
  std::size_t size;
  std::memcpy(&size, raw, sizeof size);
  if (!keep(raw, size)) std::free(raw);
}

}  // namespace

void install() { pugi::set_memory_management_functions(allocate, deallocate); }

bool keeps_blocks() { return keep_blocks; }

thread_cache::thread_cache() {
  if (cache) return;
  owned_ = std::make_unique<blocks>();
  cache = owned_.get();
}

thread_cache::~thread_cache() {
  if (owned_) cache = nullptr;  // owned_ frees the blocks next
}

std::size_t thread_cache::bytes() const { return cache ? cache->bytes : 0; }

}  // namespace diaglot::xml_memory
