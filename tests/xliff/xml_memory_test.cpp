#include "xliff/xml_memory.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <future>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

namespace diaglot::xml_memory {
namespace {

// As diaglot's main does, before any document exists; every test of this program (the XLIFF 2
// parser's and validator's included) then parses with these functions.
const bool installed = (install(), true);

/// A document whose tree takes many of pugixml's pages.
std::string units(int count) {
  std::string out = "<xliff><file>";
  for (int i = 0; i < count; ++i)
    out += "<trans-unit id=\"u" + std::to_string(i) + "\"><source>Text " + std::to_string(i) +
           "</source><target state=\"translated\">Texte</target></trans-unit>\n";
  return out + "</file></xliff>";
}

std::string serialized(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw);
  return out.str();
}

TEST(xml_memory, a_thread_with_a_cache_keeps_a_freed_tree_and_builds_the_next_from_it) {
  ASSERT_TRUE(installed);
  if (!keeps_blocks()) GTEST_SKIP() << "under AddressSanitizer no block is kept";
  const std::string text = units(2000);
  const thread_cache cache;
  EXPECT_EQ(cache.bytes(), 0u);
  std::string first;
  {
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(text.c_str()));
    first = serialized(doc);
  }
  const std::size_t kept = cache.bytes();
  EXPECT_GT(kept, 100u * 1024) << "the tree of 2,000 units takes several pages";
  {
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(text.c_str()));
    EXPECT_LT(cache.bytes(), kept / 4) << "the second tree is built from the kept pages";
    EXPECT_EQ(serialized(doc), first);
  }
  // Bounded by what one document takes, however many are read.
  for (int i = 0; i < 5; ++i) {
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(text.c_str()));
  }
  EXPECT_EQ(cache.bytes(), kept);
}

TEST(xml_memory, a_thread_without_a_cache_keeps_nothing_in_another_threads) {
  if (!keeps_blocks()) GTEST_SKIP() << "under AddressSanitizer no block is kept";
  // This thread has a cache; a tree built and freed on a thread without one goes back to malloc,
  // not here: the caches are the threads' own.
  const thread_cache cache;
  std::thread other([] {
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(units(500).c_str()));
  });
  other.join();
  EXPECT_EQ(cache.bytes(), 0u);
  // The same tree freed here is kept: the check above could have seen blocks.
  {
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(units(500).c_str()));
  }
  EXPECT_GT(cache.bytes(), 0u);
}

TEST(xml_memory, a_second_cache_on_a_thread_shares_the_first_and_leaves_it_alone) {
  const thread_cache outer;
  {
    const thread_cache inner;
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(units(500).c_str()));
  }
  // The inner cache's end freed nothing: the blocks are the outer one's.
  EXPECT_EQ(outer.bytes() > 0, keeps_blocks());
}

TEST(xml_memory, a_tree_goes_to_the_cache_of_the_thread_that_frees_it_or_back) {
  if (!keeps_blocks()) GTEST_SKIP() << "under AddressSanitizer no block is kept";
  // Two trees built on a thread with a cache, freed here: the first while this thread has no
  // cache (back to malloc), the second while it has one (kept here). The building thread, still
  // alive with its cache, gets neither.
  std::unique_ptr<pugi::xml_document> first, second;
  std::promise<void> built, freed;
  std::size_t kept_by_builder = 1;
  std::thread builder([&] {
    const thread_cache cache;
    first = std::make_unique<pugi::xml_document>();
    second = std::make_unique<pugi::xml_document>();
    const bool parsed =
        first->load_string(units(500).c_str()) && second->load_string(units(500).c_str());
    built.set_value();
    freed.get_future().wait();
    kept_by_builder = parsed ? cache.bytes() : 1;
  });
  built.get_future().wait();
  const std::string text = serialized(*second);
  first.reset();
  std::size_t kept_here = 0;
  {
    const thread_cache cache;
    second.reset();
    kept_here = cache.bytes();
    // A tree built from them reads the same.
    pugi::xml_document again;
    ASSERT_TRUE(again.load_string(units(500).c_str()));
    EXPECT_EQ(serialized(again), text);
  }
  freed.set_value();
  builder.join();
  EXPECT_GT(kept_here, 0u);
  EXPECT_EQ(kept_by_builder, 0u);
}

}  // namespace
}  // namespace diaglot::xml_memory
