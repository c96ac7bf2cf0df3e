#include "util/utf8.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "support/corpus.hpp"
#include "support/utf16.hpp"

namespace diaglot::utf8 {
namespace {

constexpr std::size_t npos = std::string_view::npos;

TEST(utf8, a_utf16_file_reads_as_utf8_and_writes_back_as_it_was) {
  // "Grüße 😀": an accented letter and a surrogate pair, little and big endian.
  const std::string le("\xFF\xFE<\0G\0r\0\xFC\0\xDF\0e\0 \0\x3D\xD8\x00\xDE", 20);
  const std::string be("\xFE\xFF\0<\0G\0r\0\xFC\0\xDF\0e\0 \xD8\x3D\xDE\x00", 20);
  for (const std::string& bytes : {le, be}) {
    std::string text = bytes;
    file_encoding was = file_encoding::utf8;
    utf16_problem problem;
    ASSERT_TRUE(from_file(text, was, problem));
    EXPECT_FALSE(problem);
    EXPECT_EQ(text, "<Grüße 😀");
    EXPECT_EQ(was, bytes == le ? file_encoding::utf16le : file_encoding::utf16be);
    EXPECT_EQ(to_file(text, was), bytes);
  }
  // UTF-8, with or without its mark: as it is.
  std::string plain = "\xEF\xBB\xBF<a/>";
  file_encoding was = file_encoding::utf16be;
  utf16_problem problem;
  ASSERT_TRUE(from_file(plain, was, problem));
  EXPECT_FALSE(problem);
  EXPECT_EQ(plain, "\xEF\xBB\xBF<a/>");
  EXPECT_EQ(was, file_encoding::utf8);
}

TEST(utf8, broken_utf16_is_converted_with_a_replacement_and_its_first_problem_told) {
  using kind = utf16_problem::kind;
  struct broken_case {
    const char* name;
    std::u16string units;
    bool odd;  ///< one byte more: the first of a unit the end cuts
    std::string text;
    kind what;
    std::size_t offset;
    char16_t unit;
  };
  const std::vector<broken_case> cases = {
      {"a high surrogate before a letter",
       {u'<', 0xE4, 0xD83D, u'a', u'>'},
       false,
       "<ä\uFFFDa>",
       kind::unpaired_surrogate,
       3,
       0xD83D},
      {"a low surrogate alone",
       {u'a', u'\n', 0xDE00, u'z'},
       false,
       "a\n\uFFFDz",
       kind::unpaired_surrogate,
       2,
       0xDE00},
      {"two high surrogates, then a low one",
       {0xD83D, 0xD83D, 0xDE00},
       false,
       "\uFFFD😀",
       kind::unpaired_surrogate,
       0,
       0xD83D},
      {"a high surrogate last",
       {u'a', u'b', 0xD83D},
       false,
       "ab\uFFFD",
       kind::unpaired_surrogate,
       2,
       0xD83D},
      {"the first of two",
       {0xDC00, u'-', 0xD800},
       false,
       "\uFFFD-\uFFFD",
       kind::unpaired_surrogate,
       0,
       0xDC00},
      {"an odd byte", {u'<', u'a', u'/', u'>'}, true, "<a/>", kind::odd_length, 4, 0},
      // After the last line break, the cut is told at the end of the last line with text.
      {"an odd byte after a line break",
       {u'<', u'a', u'/', u'>', u'\n'},
       true,
       "<a/>\n",
       kind::odd_length,
       4,
       0},
      {"an odd byte after empty lines",
       {u'a', u'\n', u'<', u'b', u'/', u'>', u'\r', u'\n', u'\r', u'\n', u'\n'},
       true,
       "a\n<b/>\r\n\r\n\n",
       kind::odd_length,
       6,
       0},
      {"an odd byte after nothing but line breaks",
       {u'\n', u'\n'},
       true,
       "\n\n",
       kind::odd_length,
       0,
       0},
      {"an emoji cut in half",
       {u'<', u'a', u'/', u'>', 0xD83D},
       true,
       "<a/>\uFFFD",
       kind::odd_length,
       7,
       0},
      {"a surrogate before an odd byte",
       {0xDE00, u'<', u'a', u'/', u'>'},
       true,
       "\uFFFD<a/>",
       kind::unpaired_surrogate,
       0,
       0xDE00},
  };
  for (const broken_case& c : cases) {
    for (const bool le : {true, false}) {
      SCOPED_TRACE(std::string(c.name) + (le ? ", little endian" : ", big endian"));
      std::string bytes = testing::utf16_file(c.units, le);
      if (c.odd) bytes += '\x20';
      file_encoding was = file_encoding::utf8;
      utf16_problem problem;
      EXPECT_FALSE(from_file(bytes, was, problem));
      EXPECT_EQ(bytes, c.text);
      EXPECT_EQ(first_invalid(bytes), npos);
      EXPECT_EQ(was, le ? file_encoding::utf16le : file_encoding::utf16be);
      EXPECT_TRUE(problem);
      EXPECT_EQ(problem.what, c.what);
      EXPECT_EQ(problem.offset, c.offset);
      EXPECT_EQ(problem.unit, c.unit);
    }
  }
  // A byte order mark and one byte: nothing but the cut character.
  std::string bytes("\xFF\xFE<", 3);
  file_encoding was;
  utf16_problem problem;
  EXPECT_FALSE(from_file(bytes, was, problem));
  EXPECT_EQ(bytes, "");
  EXPECT_EQ(problem.what, kind::odd_length);
  EXPECT_EQ(problem.offset, 0u);
}

TEST(utf8, finds_each_kind_of_ill_formed_sequence) {
  struct example {
    std::string text;
    std::size_t first_bad;
  };
  const std::vector<example> examples = {
      {"plain ASCII", npos},
      {"caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80 \xEF\xBF\xBF \xF4\x8F\xBF\xBF", npos},
      {"a\x80z", 1},                // a continuation byte alone
      {"ab\xC0\x80", 2},            // overlong two bytes
      {"ab\xC1\xBF", 2},            // overlong two bytes
      {"ab\xE0\x9F\xBF", 2},        // overlong three bytes
      {"ab\xF0\x8F\xBF\xBF", 2},    // overlong four bytes
      {"ab\xED\xA0\x80", 2},        // a surrogate
      {"ab\xF4\x90\x80\x80", 2},    // above U+10FFFF
      {"ab\xF5\x80\x80\x80", 2},    // no such lead byte
      {"ab\xFF", 2},                // no such byte
      {"ab\xE4\xB8", 2},            // truncated at the end
      {"ab\xE4\xB8z", 2},           // cut short by ASCII
      {"ab\xC3\xC3\xA9", 2},        // cut short by a lead byte
      {"\xC3\xA9\xC3\xA9\xBF", 4},  // one continuation too many
  };
  for (const example& e : examples) {
    EXPECT_EQ(first_invalid(e.text), e.first_bad) << e.text;
    EXPECT_EQ(detail::first_invalid_scalar(e.text), e.first_bad) << e.text;
  }
  // An empty view, whose pointer is null: nothing to read, nothing ill-formed.
  EXPECT_EQ(first_invalid(std::string_view()), npos);
}

/// Skips a test that compares the vector validator with the byte-by-byte one where the
/// processor has no vector validator (first_invalid is the byte-by-byte one there).
#define DIAGLOT_REQUIRE_VECTOR_VALIDATOR() \
  if (!detail::vector_validator())         \
  GTEST_SKIP() << "no AVX2 on this processor: first_invalid is the byte-by-byte validator"

/// first_invalid must agree with the byte-by-byte validator everywhere, above all where a
/// sequence crosses the vector validator's 32-byte blocks or ends the input.
void expect_agreement(const std::string& s) {
  ASSERT_EQ(first_invalid(s), detail::first_invalid_scalar(s)) << ::testing::PrintToString(s);
}

TEST(utf8, agrees_with_the_byte_by_byte_validator_on_every_pair_across_block_edges) {
  DIAGLOT_REQUIRE_VECTOR_VALIDATOR();
  const std::vector<unsigned char> thirds = {0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC3, 0xE4};
  for (std::size_t before : {0u, 29u, 30u, 31u, 32u, 33u, 62u, 63u}) {
    for (unsigned first = 0; first < 256; ++first) {
      for (unsigned second = 0; second < 256; ++second) {
        for (const unsigned char third : thirds) {
          std::string s(before, 'a');
          s += static_cast<char>(first);
          s += static_cast<char>(second);
          s += static_cast<char>(third);
          expect_agreement(s);
          s += "\x80\x80z";
          expect_agreement(s);
        }
      }
    }
  }
}

TEST(utf8, agrees_with_the_byte_by_byte_validator_on_random_text) {
  DIAGLOT_REQUIRE_VECTOR_VALIDATOR();
  const std::vector<std::string> good = {"a",    "\xC3\xA9",     "\xE4\xB8\xAD", "\xF0\x9F\x98\x80",
                                         "<x>",  "\xED\x9F\xBF", "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF",
                                         "\n\t", "\xEE\x80\x80"};
  const std::vector<std::string> bad = {
      "\x80", "\xC0\x80", "\xE0\x80\x80", "\xED\xA0\x80", "\xF0\x80\x80\x80", "\xF4\x90\x80\x80",
      "\xF8", "\xC3",     "\xE4\xB8",     "\xF0\x9F\x98", "\xC3\x41",         "\xBF\xBF"};
  std::mt19937 random(20261127);
  for (int round = 0; round < 50000; ++round) {
    std::string s;
    const std::size_t length = random() % 160;
    while (s.size() < length) s += good[random() % good.size()];
    if (random() % 2) s.insert(random() % (s.size() + 1), bad[random() % bad.size()]);
    if (random() % 4 == 0) s.resize(random() % (s.size() + 1));
    expect_agreement(s);
  }
}

TEST(utf8, the_corpus_is_well_formed) {
  DIAGLOT_REQUIRE_SHARED(xliff, "corpus/wcf-xliff");
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(xliff)) {
    if (entry.path().extension() != ".xlf") continue;
    const std::string text = testing::read_file(entry.path().string());
    EXPECT_EQ(first_invalid(text), npos) << entry.path();
    // One bad byte in the middle of real text is found where it is.
    std::string broken = text;
    const std::size_t middle = broken.size() / 2;
    broken[middle] = static_cast<char>(0xFF);
    EXPECT_EQ(first_invalid(broken), detail::first_invalid_scalar(broken)) << entry.path();
    EXPECT_LE(first_invalid(broken), middle) << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 260u);
}

}  // namespace
}  // namespace diaglot::utf8
