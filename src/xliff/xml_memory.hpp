// diaglot compiler: pugixml's memory. A document frees every block of its tree when it goes, and
// a thread that reads one document after another needs as many again for the next. Handed back
// to malloc, they had been returned to the system by the time the next tree was built (jemalloc
// purges freed pages after 100 ms, and a large file takes longer to read and check than that),
// so every tree was built in fresh pages: at 100,000 messages x 40 locales, 0.6 M of reading's
// 1.6 M page faults. A reading thread keeps them instead (thread_cache).
#pragma once

#include <cstddef>
#include <memory>

namespace diaglot::xml_memory {

/// Makes pugixml take its memory from the functions here, which serve a thread with a
/// thread_cache from its cache. pugixml allows the change only before its first allocation, so
/// a program calls this first thing in main (tests: before any test runs). Safe to call again.
void install();

/// Whether a thread_cache keeps blocks at all: not under AddressSanitizer, where a block used
/// again would hide a node read after its document was freed.
bool keeps_blocks();

/// While one lives, its thread keeps the blocks of the trees it frees (pugixml's pages; not the
/// one-off large blocks) for its next documents, and frees them when it goes: the cache holds
/// at most what the largest document took. Without one, or without install(), blocks are freed
/// at once. A second one on the same thread adds nothing; it is not to be moved to another thread.
class thread_cache {
 public:
  thread_cache();
  ~thread_cache();
  thread_cache(const thread_cache&) = delete;
  thread_cache& operator=(const thread_cache&) = delete;

  /// Bytes the thread keeps now, for its next documents.
  std::size_t bytes() const;

  struct blocks;

 private:
  std::unique_ptr<blocks> owned_;  ///< null for a second cache on a thread that has one
};

}  // namespace diaglot::xml_memory
