// The map reading and the model key by message IDs: it finds what was inserted, never what was
// not, across growth, whatever the keys' bytes.
#include "util/string_view_map.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace diaglot {
namespace {

TEST(string_view_map, finds_what_was_inserted_and_nothing_else_across_growth) {
  std::vector<std::string> keys;
  for (int i = 0; i < 5000; ++i) keys.push_back("Woodgrove.Workflow.Message" + std::to_string(i));
  string_view_map<std::uint32_t> map;  // no reserve: grows from empty
  std::map<std::string, std::uint32_t> expected;
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    const auto [value, inserted] = map.try_emplace(keys[i], i);
    ASSERT_TRUE(inserted) << keys[i];
    EXPECT_EQ(*value, i);
    expected[keys[i]] = i;
  }
  EXPECT_EQ(map.size(), keys.size());
  for (const auto& [key, value] : expected) {
    const std::uint32_t* found = map.find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(*found, value);
  }
  EXPECT_EQ(map.find("Woodgrove.Workflow.Message5000"), nullptr);
  EXPECT_EQ(map.find("Woodgrove.Workflow.Message"), nullptr);  // a prefix of every key
  EXPECT_EQ(map.find(""), nullptr);
}

TEST(string_view_map, a_second_insertion_keeps_the_first_value_and_returns_it_to_change) {
  string_view_map<std::size_t> map;
  map.reserve(4);
  EXPECT_TRUE(map.try_emplace("M", 1).second);
  const auto [value, inserted] = map.try_emplace("M", 2);
  EXPECT_FALSE(inserted);
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(*value, 1u);
  *value = 7;
  EXPECT_EQ(*map.find("M"), 7u);
  EXPECT_EQ(map.size(), 1u);
}

TEST(string_view_map, tells_apart_keys_that_differ_in_length_or_hold_nul_bytes) {
  const std::string with_nul("a\0b", 3), a("a"), empty;
  string_view_map<int> map;
  EXPECT_TRUE(map.try_emplace(with_nul, 1).second);
  EXPECT_TRUE(map.try_emplace(a, 2).second);
  EXPECT_TRUE(map.try_emplace(empty, 3).second);
  EXPECT_EQ(*map.find(with_nul), 1);
  EXPECT_EQ(*map.find(a), 2);
  EXPECT_EQ(*map.find(std::string_view()), 3);
  EXPECT_EQ(map.find(std::string("a\0c", 3)), nullptr);
  EXPECT_EQ(map.size(), 3u);
}

TEST(string_view_map, an_empty_map_finds_nothing) {
  const string_view_map<int> map;
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(map.find("x"), nullptr);
}

}  // namespace
}  // namespace diaglot
