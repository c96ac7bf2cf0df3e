// The string pool: strings deferred and resolved together give the pool and offsets that adding
// them one by one would, on any number of threads.
#include "plan/string_pool.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace diaglot::plan {
namespace {

/// Texts with repeats near and far, the empty string, strings that differ in their last byte
/// or only in length, and some of the strings added directly.
std::vector<std::string> texts(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t kind = i % 7;
    if (kind == 0 || kind == 3)  // kind 3 repeats the kind 0 three strings before
      out.push_back("text " + std::to_string(i - kind));
    else if (kind == 1)  // 50 strings repeated all along, one of them added directly
      out.push_back("common " + std::to_string(i % 50));
    else if (kind == 2)
      out.push_back("");
    else if (kind == 4)  // added directly
      out.push_back("de");
    else if (kind == 5)  // prefixes of each other
      out.push_back(std::string(i % 300, 'x'));
    else
      out.push_back("Ünïcödé " + std::to_string(i % 13) + " — テキスト");
  }
  return out;
}

const std::vector<std::string> direct = {"en", "de", "Latn", "DE", "common 7"};

struct built {
  pool_bytes pool;
  std::vector<std::uint32_t> direct_offsets, text_offsets;
};

built one_by_one(const std::vector<std::string>& t) {
  built b;
  string_pool pool(b.pool, direct.size() + t.size() + 1, 0);
  for (const std::string& s : direct) b.direct_offsets.push_back(pool.add(s));
  for (const std::string& s : t) b.text_offsets.push_back(pool.add(s));
  return b;
}

built deferred(const std::vector<std::string>& t, unsigned jobs) {
  built b;
  string_pool pool(b.pool, direct.size() + 1, 0);
  for (const std::string& s : direct) b.direct_offsets.push_back(pool.add(s));
  std::vector<std::uint32_t> tickets;
  for (const std::string& s : t) tickets.push_back(pool.defer(s));
  const std::vector<std::uint32_t> offsets = pool.resolve(jobs);
  for (const std::uint32_t ticket : tickets) b.text_offsets.push_back(offsets.at(ticket));
  return b;
}

TEST(string_pool, deferred_strings_resolve_on_any_number_of_threads_as_if_added_in_order) {
  // Enough strings for resolve() to split them over threads, and a few for it not to.
  for (const std::size_t n : {std::size_t{9}, std::size_t{20000}}) {
    const std::vector<std::string> t = texts(n);
    const built expected = one_by_one(t);
    for (const unsigned jobs : {1u, 2u, 3u, 8u}) {
      const built got = deferred(t, jobs);
      EXPECT_EQ(got.pool, expected.pool) << n << " strings, " << jobs << " jobs";
      EXPECT_EQ(got.direct_offsets, expected.direct_offsets) << n << " strings, " << jobs;
      EXPECT_EQ(got.text_offsets, expected.text_offsets) << n << " strings, " << jobs << " jobs";
    }
  }
}

TEST(string_pool, on_two_threads_every_string_is_stored_once_at_its_offset) {
  const std::vector<std::string> t = texts(20000);
  const built b = deferred(t, 2);
  for (std::size_t i = 0; i < t.size(); ++i)
    ASSERT_EQ(std::string(b.pool.data() + b.text_offsets[i]), t[i]) << "string " << i;
  // "" is at 0 and "de" where it was added directly.
  EXPECT_EQ(b.text_offsets[2], 0u);
  EXPECT_EQ(b.text_offsets[4], b.direct_offsets[1]);
  // Each distinct string once: the pool is exactly the distinct strings with their NULs.
  std::vector<std::string> distinct(direct);
  distinct.insert(distinct.end(), t.begin(), t.end());
  distinct.push_back("");
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::size_t bytes = 0;
  for (const std::string& s : distinct) bytes += s.size() + 1;
  EXPECT_EQ(b.pool.size(), bytes);
}

// The pool's buffer leaves the bytes resolve() adds uninitialized: each must be written there.
// A buffer that held other bytes before shows any that is not (fresh pages would be zeros).
TEST(string_pool, resolve_writes_every_byte_whatever_the_buffer_held) {
  const std::vector<std::string> t = texts(20000);
  const built expected = one_by_one(t);
  for (const unsigned jobs : {1u, 2u}) {
    built b;
    b.pool.assign(2 * expected.pool.size(), 'x');
    string_pool pool(b.pool, direct.size() + 1, 0);  // clears the buffer, keeps its memory
    for (const std::string& s : direct) pool.add(s);
    for (const std::string& s : t) pool.defer(s);
    pool.resolve(jobs);
    EXPECT_EQ(b.pool, expected.pool) << jobs << " jobs";
  }
}

TEST(string_pool, a_deferred_string_with_a_nul_is_refused_on_one_thread_or_two) {
  for (const unsigned jobs : {1u, 2u}) {
    pool_bytes out;
    string_pool pool(out, 4, 0);
    std::vector<std::string> t = texts(5000);
    t[4321] = std::string("a\0b", 3);
    for (const std::string& s : t) pool.defer(s);
    EXPECT_THROW(pool.resolve(jobs), std::invalid_argument) << jobs << " jobs";
  }
}

// add() and resolve() both refuse it. The pool holds "a\0b\0", the bytes "a\0b" would match
// were a hash tag to lead there; no test can force that collision, so this checks the refusal
// itself, not that it comes before the lookup.
TEST(string_pool, a_string_with_a_nul_is_refused_by_add_and_by_resolve) {
  pool_bytes out;
  string_pool pool(out, 8, 0);
  pool.add("a");
  pool.add("b");
  EXPECT_THROW(pool.add(std::string("a\0b", 3)), std::invalid_argument);
  pool.defer(std::string_view("a\0b", 3));
  EXPECT_THROW(pool.resolve(1), std::invalid_argument);
}

TEST(string_pool, is_resolved_once_and_then_takes_no_more_strings) {
  pool_bytes out;
  string_pool pool(out, 4, 0);
  pool.add("en");
  pool.defer("de");
  pool.resolve(1);
  EXPECT_THROW(pool.resolve(1), std::logic_error);
  EXPECT_THROW(pool.add("fr"), std::logic_error);
  EXPECT_THROW(pool.defer("fr"), std::logic_error);
}

TEST(string_pool, adding_more_strings_than_announced_is_a_logic_error) {
  pool_bytes out;
  string_pool pool(out, 2, 0);  // "" and one more
  pool.add("a");
  pool.add("a");  // a repeat is no new string
  EXPECT_THROW(pool.add("b"), std::logic_error);
}

}  // namespace
}  // namespace diaglot::plan
