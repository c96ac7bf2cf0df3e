// The runtime's hash: it must not depend on the host (a table built on one machine is read on
// another) and must read every byte.
#include "diaglot/hash.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <set>
#include <string>

namespace diaglot::detail {
namespace {

TEST(hash_bytes, known_values_fix_the_function_across_hosts) {
  // Generated tables store perfect-hash pilots computed with this function; a change of the
  // hash must come with a new table layout version.
  // Values since layout 4, one per path of the function (empty, 4..16 bytes, over 48 bytes, a
  // code); the pilot's mix and slot, and the sampled ID hash, since layout 10.
  EXPECT_EQ(hash_bytes("", 0), 0x146a6b2ea9984c76ull);
  EXPECT_EQ(hash_bytes("Trace.A", 0x1234), 0x5d71a8109b022123ull);
  EXPECT_EQ(hash_bytes("System.ServiceModel.Federation.Strings.ActivityProcessAction", 0x1234),
            0x6708cb3fa859267aull);
  EXPECT_EQ(hash_code(0x4000F, 7), 0xae885d7c87838c60ull);
  EXPECT_EQ(mix_pilot(5), 0x26f9f079u);
  EXPECT_EQ(pilot_slot(0x0123456789abcdefull, 0x26f9f079u, 1000), 479u);
  const hash_sample sample{1, 20, 0};
  EXPECT_EQ(hash_id("System.ServiceModel.Federation.Strings.ActivityProcessAction", sample, 0x1234),
            0x57e3dd44e466b6b4ull);
  EXPECT_NE(hash_bytes("", 0), hash_bytes("", 1));
}

TEST(hash_bytes, every_byte_of_every_length_counts) {
  // Flipping any one byte of strings of 0..120 bytes (every path: <4, 4..16, 17..48, >48 with
  // tails) changes the hash; so does the length alone.
  std::set<std::uint64_t> seen;
  for (std::size_t n = 0; n <= 120; ++n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('a' + (i * 7) % 26);
    const std::uint64_t h = hash_bytes(s, 42);
    EXPECT_TRUE(seen.insert(h).second) << "length " << n;
    for (std::size_t i = 0; i < n; ++i) {
      std::string t = s;
      t[i] = static_cast<char>(t[i] ^ 0x20);
      EXPECT_NE(hash_bytes(t, 42), h) << "length " << n << ", byte " << i;
    }
  }
  EXPECT_NE(hash_bytes(std::string("a\0", 2), 42), hash_bytes("a", 42));
}

TEST(mix_pilot, leaves_the_flag_bits_of_a_bucket_clear) {
  for (std::uint64_t pilot = 0; pilot < 100000; ++pilot) {
    const std::uint32_t mix = mix_pilot(pilot);
    ASSERT_EQ(mix & (bucket_direct | bucket_rehash), 0u) << pilot;
    ASSERT_EQ(mix & 1u, 1u) << pilot;
  }
}

/// An ID in a buffer of exactly its size, so that AddressSanitizer sees a read past its end.
std::unique_ptr<char[]> exact(const std::string& s) {
  auto bytes = std::make_unique<char[]>(s.size());
  std::memcpy(bytes.get(), s.data(), s.size());
  return bytes;
}

TEST(hash_id, reads_the_sampled_windows_and_the_length_only) {
  // 16 bytes from offset 4, and the 16 bytes that end 2 bytes before the end.
  const hash_sample sample{1, 4, 2};
  const std::string id = "Contoso.Storage.Channels.OpenTimedOut.Retry";  // 43 bytes
  const std::uint64_t h = hash_id(id, sample, 9);
  for (std::size_t i = 0; i < id.size(); ++i) {
    std::string t = id;
    t[i] = static_cast<char>(t[i] ^ 0x20);
    const bool read = (i >= 4 && i < 20) || (i >= id.size() - 18 && i < id.size() - 2);
    EXPECT_EQ(hash_id(t, sample, 9) != h, read) << "byte " << i;
  }
  EXPECT_NE(hash_id(id + "x", sample, 9), h);
  EXPECT_NE(hash_id(id, sample, 10), h);
}

TEST(hash_id, hashes_short_ids_and_unsampled_tables_whole) {
  const hash_sample sample{1, 4, 2};
  const hash_sample off{0, 4, 2};
  for (const std::string id : {"", "Trace.A", "sixteen.bytes.ID", "seventeen.bytes.I"}) {
    EXPECT_EQ(hash_id(id, off, 3), hash_bytes(id, 3)) << id;
    EXPECT_EQ(hash_id(id, sample, 3) == hash_bytes(id, 3), id.size() < sample_min_length) << id;
  }
}

TEST(hash_id, clamps_its_windows_into_the_id) {
  // Offsets past the end of every length from sample_min_length up read inside the ID (under
  // AddressSanitizer, a read past it fails), and still see the bytes they clamp onto.
  const hash_sample sample{1, 120, 120};
  for (std::size_t n = sample_min_length; n <= 120 + window_size; ++n) {
    std::string id(n, 'a');
    for (std::size_t i = 0; i < n; ++i) id[i] = static_cast<char>('a' + i % 26);
    const auto bytes = exact(id);
    const std::uint64_t h = hash_id(std::string_view(bytes.get(), n), sample, 1);
    id[n - 1] = '!';  // read by the window from the start clamped to the last 16 bytes
    EXPECT_NE(hash_id(id, sample, 1), h) << n;
    id[n - 1] = static_cast<char>('a' + (n - 1) % 26);
    id[0] = '!';  // read by the window from the end clamped to the first 16 bytes
    EXPECT_NE(hash_id(id, sample, 1), h) << n;
  }
}

TEST(hash_code, spreads_consecutive_codes) {
  std::set<std::uint32_t> top;
  for (std::uint32_t c = 0x20000; c < 0x20000 + 256; ++c) top.insert(hash_code(c, 7) >> 56);
  EXPECT_GT(top.size(), 140u);  // 256 draws from 256 values: about 162 distinct when random
}

}  // namespace
}  // namespace diaglot::detail
