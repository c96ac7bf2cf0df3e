#include "plan/perfect_hash.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "diaglot/catalog.hpp"

namespace diaglot::plan {
namespace {

std::vector<std::string> make_keys(std::size_t n) {
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < n; ++i) keys.push_back("key/" + std::to_string(i * 7919));
  return keys;
}

std::vector<std::string_view> views(const std::vector<std::string>& keys) {
  return std::vector<std::string_view>(keys.begin(), keys.end());
}

/// The hash as a table stores it, queried by the runtime's own lookup.
struct stored {
  std::vector<unsigned char> bytes;  // little endian, as tables store them
  detail::perfect_hash view;
  explicit stored(const perfect_hash& ph) : bytes(le_bytes(stored_buckets(ph))) {
    view = {ph.seed, static_cast<std::uint32_t>(bytes.size() / 4), {bytes.data()}};
  }
  static std::vector<unsigned char> le_bytes(const std::vector<std::uint32_t>& values) {
    std::vector<unsigned char> out;
    for (const std::uint32_t v : values)
      for (int b = 0; b < 4; ++b) out.push_back(static_cast<unsigned char>(v >> (8 * b)));
    return out;
  }
  std::uint32_t slot(std::uint64_t h, std::size_t n) const {
    return detail::hash_slot(view, h, static_cast<std::uint32_t>(n));
  }
};

TEST(perfect_hash, maps_keys_onto_a_permutation) {
  for (const std::size_t n : {1u, 2u, 3u, 4u, 5u, 17u, 1000u, 20000u}) {
    const std::vector<std::string> keys = make_keys(n);
    const auto ph = build_perfect_hash(views(keys));
    ASSERT_TRUE(ph) << n;
    ASSERT_EQ(ph->pilots.size(), perfect_hash_bucket_count(static_cast<std::uint32_t>(n)));
    std::vector<std::uint32_t> slots = ph->slot_of;
    std::sort(slots.begin(), slots.end());
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(slots[i], i) << n;
    const stored table(*ph);
    for (std::size_t i = 0; i < n; ++i)
      ASSERT_EQ(table.slot(detail::hash_bytes(keys[i], ph->seed), n), ph->slot_of[i]);
  }
}

TEST(perfect_hash, buckets_hold_about_four_keys) {
  EXPECT_EQ(perfect_hash_bucket_count(0), 1u);
  EXPECT_EQ(perfect_hash_bucket_count(1), 1u);
  EXPECT_EQ(perfect_hash_bucket_count(4), 1u);
  EXPECT_EQ(perfect_hash_bucket_count(5), 2u);
  EXPECT_EQ(perfect_hash_bucket_count(100000), 25000u);
}

TEST(perfect_hash, single_key_buckets_store_their_slot) {
  const std::vector<std::string> keys = make_keys(5000);
  const auto ph = build_perfect_hash(views(keys));
  ASSERT_TRUE(ph);
  const auto direct = std::count_if(ph->pilots.begin(), ph->pilots.end(), [](std::uint32_t p) {
    return (p & detail::pilot_direct) != 0;
  });
  EXPECT_GT(direct, 0);
  for (const std::uint32_t p : ph->pilots) {
    if (p & detail::pilot_direct) {
      EXPECT_LT(p & ~detail::pilot_direct, keys.size());
    }
  }
}

TEST(perfect_hash, is_the_same_for_the_same_keys) {
  const std::vector<std::string> keys = make_keys(3000);
  const auto a = build_perfect_hash(views(keys));
  const auto b = build_perfect_hash(views(keys));
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->seed, b->seed);
  EXPECT_EQ(a->pilots, b->pilots);
  EXPECT_EQ(a->slot_of, b->slot_of);
}

TEST(perfect_hash, repeated_keys_exhaust_the_seeds) {
  std::vector<std::string> keys = make_keys(100);
  keys.push_back(keys[40]);
  EXPECT_FALSE(build_perfect_hash(views(keys)));
}

TEST(perfect_hash, keys_that_share_a_hash_are_placed_by_their_full_hash) {
  // Keys 2k and 2k+1 share their sampled hash; their buckets place them by the full one.
  const std::uint32_t n = 1000;
  const key_hasher sampled = [](std::uint32_t i, std::uint64_t seed) {
    return detail::hash_code(i / 2, seed);
  };
  const key_hasher full = [](std::uint32_t i, std::uint64_t seed) {
    return detail::hash_code(i, seed ^ 1);
  };
  EXPECT_FALSE(build_perfect_hash(n, sampled));
  const auto ph = build_perfect_hash(n, sampled, full);
  ASSERT_TRUE(ph);
  std::vector<std::uint32_t> slots = ph->slot_of;
  std::sort(slots.begin(), slots.end());
  for (std::uint32_t i = 0; i < n; ++i) ASSERT_EQ(slots[i], i);
  const stored table(*ph);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint64_t h = sampled(i, ph->seed);
    ASSERT_EQ(detail::hash_slot(table.view, h, n, [&] { return full(i, ph->seed); }),
              ph->slot_of[i]);
  }
  // Every key's bucket holds its pair, so every key's bucket is marked.
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint64_t h = sampled(i, ph->seed);
    const auto bucket = ((h >> 32) * ph->pilots.size()) >> 32;
    EXPECT_EQ(ph->pilots[bucket] & (detail::pilot_direct | detail::pilot_rehash),
              detail::pilot_rehash)
        << i;
    EXPECT_NE(table.view.bucket[bucket] & detail::bucket_rehash, 0u) << i;
  }
}

TEST(perfect_hash, no_keys_need_one_bucket) {
  const auto ph = build_perfect_hash(std::vector<std::string_view>{});
  ASSERT_TRUE(ph);
  EXPECT_EQ(ph->pilots.size(), 1u);
  EXPECT_TRUE(ph->slot_of.empty());
}

TEST(perfect_hash, maps_numeric_codes_onto_a_permutation) {
  // WCF trace codes are dense runs (0x20001, 0x20002, ...): nearby integers must still spread.
  std::vector<std::uint32_t> codes;
  for (std::uint32_t c = 0x20001; c < 0x20001 + 3000; ++c) codes.push_back(c);
  for (std::uint32_t c = 0; c < 500; ++c) codes.push_back(c);
  const auto ph = build_perfect_hash(codes);
  ASSERT_TRUE(ph);
  std::vector<std::uint32_t> slots = ph->slot_of;
  std::sort(slots.begin(), slots.end());
  for (std::size_t i = 0; i < codes.size(); ++i) ASSERT_EQ(slots[i], i);
  const stored table(*ph);
  for (std::size_t i = 0; i < codes.size(); ++i)
    ASSERT_EQ(table.slot(detail::hash_code(codes[i], ph->seed), codes.size()), ph->slot_of[i]);
  codes.push_back(7);
  EXPECT_FALSE(build_perfect_hash(codes));
}

}  // namespace
}  // namespace diaglot::plan
