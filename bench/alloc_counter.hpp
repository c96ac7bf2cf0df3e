// diaglot benchmarks: counts heap allocations by interposing malloc and friends in the benchmark
// executable, so that allocations made inside gettext, ICU, Qt and libstdc++ are counted too.
#pragma once

#include <cstdint>

namespace diaglot::bench {

/// Calls of malloc, calloc, realloc and the aligned allocators since the process started.
std::uint64_t allocation_count() noexcept;

}  // namespace diaglot::bench
