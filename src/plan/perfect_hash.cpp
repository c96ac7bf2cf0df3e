#include "plan/perfect_hash.hpp"

#include <algorithm>

#include "diaglot/catalog.hpp"

namespace diaglot::plan {

namespace {

// A bucket that finds no pilot below this bound makes the seed fail; with about four keys per
// bucket, the last two-key buckets need some thousands of tries at 100,000 keys.
constexpr std::uint32_t max_pilot = 1u << 22;
constexpr int seed_attempts = 32;

/// The fixed seed sequence: splitmix64 steps from "diaglot", so every host tries the same seeds.
std::uint64_t seed_at(int attempt) {
  std::uint64_t z =
      0x646961676c6f74ull + 0x9e3779b97f4a7c15ull * static_cast<std::uint64_t>(attempt + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

std::uint32_t bucket_of(std::uint64_t h, std::uint32_t bucket_count) {
  return static_cast<std::uint32_t>(((h >> 32) * std::uint64_t{bucket_count}) >> 32);
}

/// Scratch reused across seeds so that a retry allocates nothing new.
struct scratch {
  std::vector<std::uint64_t> hash;          // key -> its hash under the seed
  std::vector<std::uint64_t> place_hash;    // key -> the hash that places it in its bucket
  std::vector<std::uint32_t> bucket_start;  // bucket -> first position in `members`
  std::vector<std::uint32_t> members;       // keys grouped by bucket, ascending within a bucket
  std::vector<std::uint32_t> order;         // buckets by size descending, index ascending
  std::vector<std::uint32_t> size_start;
  std::vector<std::uint32_t> key_bucket;  // key -> bucket
  std::vector<std::uint32_t> fill;        // bucket -> next free position while grouping
  std::vector<std::uint32_t> mark;        // slot -> stamp of the attempt that tentatively took it
  std::vector<std::uint8_t> occupied;
  std::vector<std::uint32_t> tentative;
};

/// Whether two of the keys share a hash.
bool any_equal(const std::uint32_t* keys, std::uint32_t size, const std::vector<std::uint64_t>& h) {
  for (std::uint32_t i = 0; i < size; ++i)
    for (std::uint32_t j = i + 1; j < size; ++j)
      if (h[keys[i]] == h[keys[j]]) return true;
  return false;
}

bool try_seed(std::uint32_t n, const key_hasher& hash, const key_hasher& full, std::uint64_t seed,
              scratch& s, perfect_hash& ph) {
  const std::uint32_t buckets = perfect_hash_bucket_count(n);
  ph.seed = seed;
  ph.pilots.assign(buckets, 0);
  ph.slot_of.assign(n, 0);

  // Group keys by bucket with a counting sort.
  s.hash.resize(n);
  s.place_hash.resize(n);
  s.bucket_start.assign(std::size_t{buckets} + 1, 0);
  std::vector<std::uint32_t>& key_bucket = s.key_bucket;
  key_bucket.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    s.hash[i] = hash(i, seed);
    key_bucket[i] = bucket_of(s.hash[i], buckets);
    ++s.bucket_start[key_bucket[i] + 1];
  }
  std::uint32_t max_size = 0;
  for (std::uint32_t b = 0; b < buckets; ++b) {
    max_size = std::max(max_size, s.bucket_start[b + 1]);
    s.bucket_start[b + 1] += s.bucket_start[b];
  }
  s.members.resize(n);
  s.fill.assign(s.bucket_start.begin(), s.bucket_start.end() - 1);
  for (std::uint32_t i = 0; i < n; ++i) s.members[s.fill[key_bucket[i]]++] = i;
  auto size_of = [&](std::uint32_t b) { return s.bucket_start[b + 1] - s.bucket_start[b]; };

  // Buckets by size, largest first; a counting sort keeps equal sizes in index order.
  s.size_start.assign(std::size_t{max_size} + 2, 0);
  for (std::uint32_t b = 0; b < buckets; ++b) ++s.size_start[max_size - size_of(b) + 1];
  for (std::uint32_t k = 0; k <= max_size; ++k) s.size_start[k + 1] += s.size_start[k];
  s.order.resize(buckets);
  for (std::uint32_t b = 0; b < buckets; ++b) s.order[s.size_start[max_size - size_of(b)]++] = b;

  s.mark.assign(n, 0);
  s.occupied.assign(n, 0);
  s.tentative.assign(std::max<std::uint32_t>(max_size, 1), 0);
  std::uint32_t stamp = 0;

  for (const std::uint32_t b : s.order) {
    const std::uint32_t size = size_of(b);
    if (size < 2) break;  // single keys are placed directly below
    const std::uint32_t* const first = s.members.data() + s.bucket_start[b];
    // Keys with equal hashes land together for every pilot: placed by their full hashes, or no
    // need to search.
    for (std::uint32_t j = 0; j < size; ++j) s.place_hash[first[j]] = s.hash[first[j]];
    std::uint32_t flags = 0;
    if (any_equal(first, size, s.hash)) {
      if (!full) return false;
      for (std::uint32_t j = 0; j < size; ++j) s.place_hash[first[j]] = full(first[j], seed);
      if (any_equal(first, size, s.place_hash)) return false;
      flags = detail::pilot_rehash;
    }
    bool placed = false;
    for (std::uint32_t pilot = 0; pilot < max_pilot && !placed; ++pilot) {
      const std::uint32_t mix = detail::mix_pilot(pilot);
      if (++stamp == 0) {
        std::fill(s.mark.begin(), s.mark.end(), 0);
        stamp = 1;
      }
      std::uint32_t j = 0;
      for (; j < size; ++j) {
        const std::uint32_t slot = detail::pilot_slot(s.place_hash[first[j]], mix, n);
        if (s.occupied[slot] || s.mark[slot] == stamp) break;
        s.mark[slot] = stamp;
        s.tentative[j] = slot;
      }
      if (j < size) continue;
      for (j = 0; j < size; ++j) {
        s.occupied[s.tentative[j]] = 1;
        ph.slot_of[first[j]] = s.tentative[j];
      }
      ph.pilots[b] = flags | pilot;
      placed = true;
    }
    if (!placed) return false;
  }

  // Single-key buckets take the free slots directly, in bucket order.
  std::uint32_t cursor = 0;
  for (std::uint32_t b = 0; b < buckets; ++b) {
    if (size_of(b) != 1) continue;
    while (s.occupied[cursor]) ++cursor;
    s.occupied[cursor] = 1;
    ph.slot_of[s.members[s.bucket_start[b]]] = cursor;
    ph.pilots[b] = detail::pilot_direct | cursor;
  }
  return true;
}

}  // namespace

std::uint32_t perfect_hash_bucket_count(std::uint32_t n) {
  return static_cast<std::uint32_t>(std::max<std::uint64_t>(1, (std::uint64_t{n} + 3) / 4));
}

std::vector<std::uint32_t> stored_buckets(const perfect_hash& ph) {
  std::vector<std::uint32_t> out;
  out.reserve(ph.pilots.size());
  for (const std::uint32_t p : ph.pilots)
    out.push_back(p & detail::pilot_direct ? detail::bucket_direct | (p & ~detail::pilot_direct)
                  : p & detail::pilot_rehash
                      ? detail::bucket_rehash | detail::mix_pilot(p & ~detail::pilot_rehash)
                      : detail::mix_pilot(p));
  return out;
}

std::optional<perfect_hash> build_perfect_hash(std::uint32_t n, const key_hasher& hash,
                                               const key_hasher& full) {
  perfect_hash ph;
  if (n == 0) {
    ph.seed = seed_at(0);
    ph.pilots.assign(1, 0);
    return ph;
  }
  if (n > detail::pilot_direct) return std::nullopt;
  scratch s;
  for (int attempt = 0; attempt < seed_attempts; ++attempt)
    if (try_seed(n, hash, full, seed_at(attempt), s, ph)) return ph;
  return std::nullopt;
}

std::optional<perfect_hash> build_perfect_hash(const std::vector<std::string_view>& keys,
                                               const detail::hash_sample& sample) {
  if (keys.size() > detail::pilot_direct) return std::nullopt;
  return build_perfect_hash(
      static_cast<std::uint32_t>(keys.size()),
      [&](std::uint32_t i, std::uint64_t seed) { return detail::hash_id(keys[i], sample, seed); },
      [&](std::uint32_t i, std::uint64_t seed) { return detail::hash_bytes(keys[i], seed); });
}

std::optional<perfect_hash> build_perfect_hash(const std::vector<std::uint32_t>& codes) {
  if (codes.size() > detail::pilot_direct) return std::nullopt;
  return build_perfect_hash(
      static_cast<std::uint32_t>(codes.size()),
      [&](std::uint32_t i, std::uint64_t seed) { return detail::hash_code(codes[i], seed); });
}

}  // namespace diaglot::plan
