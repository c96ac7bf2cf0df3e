// diaglot compiler: a minimal perfect hash over string keys (hash-and-displace, as frozen's pmh),
// built to be queried exactly as catalog::find does: bucket from the high 32 bits of the hash,
// slot from the low 32 bits mixed with the bucket's pilot, or a slot stored in the pilot itself.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "diaglot/table.hpp"

namespace diaglot::plan {

struct perfect_hash {
  std::uint64_t seed = 0;
  /// One per bucket: pilot_direct set when it is the slot; pilot_rehash set when the bucket's
  /// keys share a hash and are placed by their full hash instead.
  std::vector<std::uint32_t> pilots;
  std::vector<std::uint32_t> slot_of;  ///< key index -> slot, a permutation of 0..n-1
};

/// The hash of key i under a seed.
using key_hasher = std::function<std::uint64_t(std::uint32_t key, std::uint64_t seed)>;

/// The bucket count for n keys: about four keys per bucket, at least one.
std::uint32_t perfect_hash_bucket_count(std::uint32_t n);

/// The buckets as a table stores them (detail::perfect_hash::bucket).
std::vector<std::uint32_t> stored_buckets(const perfect_hash& ph);

/// Builds the hash for n distinct keys, trying seeds from a fixed sequence until every bucket is
/// placed; nullopt when none works (only when keys repeat or their 64-bit hashes collide). With a
/// `full` hash, keys may share their `hash` (a sample of the key): a bucket that holds such keys
/// places all its keys by their full hash, and is marked so.
std::optional<perfect_hash> build_perfect_hash(std::uint32_t n, const key_hasher& hash,
                                               const key_hasher& full = nullptr);

/// The same over message IDs (detail::hash_id, with detail::hash_bytes as the full hash; whole
/// IDs unless a sample is given) ...
std::optional<perfect_hash> build_perfect_hash(const std::vector<std::string_view>& keys,
                                               const detail::hash_sample& sample = {});
/// ... and over numeric codes (detail::hash_code).
std::optional<perfect_hash> build_perfect_hash(const std::vector<std::uint32_t>& codes);

}  // namespace diaglot::plan
