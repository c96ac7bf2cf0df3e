// diaglot compiler: asking for memory before it is read. The catalog's texts live in blocks of
// their own, scattered over gigabytes at scale; a stage that reads many of them in turn waits
// for one cache miss after another unless it asks for the next ones first.
#pragma once

#include <cstddef>

namespace diaglot {

/// Asks for the first cache lines (up to 256 bytes) of [p, p + n) to be loaded; no effect on
/// any result.
inline void prefetch(const char* p, std::size_t n) noexcept {
#if defined(__GNUC__)
  for (std::size_t i = 0; i < n && i < 256; i += 64) __builtin_prefetch(p + i);
#else
  (void)p, (void)n;
#endif
}

}  // namespace diaglot
