// The runtime's hash: it must not depend on the host (a table built on one machine is read on
// another) and must read every byte.
#include "diaglot/hash.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace diaglot::detail {
namespace {

TEST(hash_bytes, known_values_fix_the_function_across_hosts) {
  // Generated tables store perfect-hash pilots computed with this function; a change of the
  // hash must come with a new table layout version.
  // Values since layout 4, one per path of the function (empty, 4..16 bytes, over 48 bytes, a
  // code); the pilot's mix and slot since layout 6.
  EXPECT_EQ(hash_bytes("", 0), 0x146a6b2ea9984c76ull);
  EXPECT_EQ(hash_bytes("Trace.A", 0x1234), 0x5d71a8109b022123ull);
  EXPECT_EQ(hash_bytes("System.ServiceModel.Federation.Strings.ActivityProcessAction", 0x1234),
            0x6708cb3fa859267aull);
  EXPECT_EQ(hash_code(0x4000F, 7), 0xae885d7c87838c60ull);
  EXPECT_EQ(mix_pilot(5), 0x4df3e0f3u);
  EXPECT_EQ(pilot_slot(0x0123456789abcdefull, 0x4df3e0f3u, 1000), 964u);
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

TEST(hash_code, spreads_consecutive_codes) {
  std::set<std::uint32_t> top;
  for (std::uint32_t c = 0x20000; c < 0x20000 + 256; ++c) top.insert(hash_code(c, 7) >> 56);
  EXPECT_GT(top.size(), 140u);  // 256 draws from 256 values: about 162 distinct when random
}

}  // namespace
}  // namespace diaglot::detail
