#include "util/text_wrap.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using diaglot::text::columns;
using diaglot::text::wrap;
using lines = std::vector<std::string>;

std::string joined(const lines& ls) {
  std::string out;
  for (const std::string& l : ls) out += l;
  return out;
}

TEST(text_columns, count_wide_characters_twice_and_marks_not_at_all) {
  EXPECT_EQ(columns("abc"), 3u);
  EXPECT_EQ(columns("\xed\x95\x9c\xea\xb5\xad"), 4u);   // 한국
  EXPECT_EQ(columns("\xe3\x83\x95\xe3\x82\xa1"), 4u);   // ファ
  EXPECT_EQ(columns("e\xcc\x81"), 1u);                  // e and a combining acute
  EXPECT_EQ(columns("\xef\xbc\x88x\xef\xbc\x89"), 5u);  // fullwidth parentheses
}

TEST(text_wrap, breaks_english_at_spaces_without_them) {
  EXPECT_EQ(wrap("the quick brown fox jumps", 10, "en"),
            (lines{"the quick", "brown fox", "jumps"}));
  EXPECT_EQ(wrap("short", 10, "en"), (lines{"short"}));
  // A word wider than a line stands alone rather than being cut.
  EXPECT_EQ(wrap("a supercalifragilistic b", 5, "en"), (lines{"a", "supercalifragilistic", "b"}));
  EXPECT_EQ(wrap("one\ntwo three", 5, "en"), (lines{"one", "two", "three"}));
  EXPECT_EQ(wrap("", 5, "en"), (lines{""}));
}

TEST(text_wrap, breaks_korean_between_words) {
  // 그런 파일이나 디렉터리가 없습니다: each syllable two columns.
  const std::string ko =
      "\xea\xb7\xb8\xeb\x9f\xb0 \xed\x8c\x8c\xec\x9d\xbc\xec\x9d\xb4\xeb\x82\x98 "
      "\xeb\x94\x94\xeb\xa0\x89\xed\x84\xb0\xeb\xa6\xac\xea\xb0\x80 "
      "\xec\x97\x86\xec\x8a\xb5\xeb\x8b\x88\xeb\x8b\xa4";
  const lines got = wrap(ko, 20, "ko");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], "\xea\xb7\xb8\xeb\x9f\xb0 \xed\x8c\x8c\xec\x9d\xbc\xec\x9d\xb4\xeb\x82\x98");
  EXPECT_EQ(got[1],
            "\xeb\x94\x94\xeb\xa0\x89\xed\x84\xb0\xeb\xa6\xac\xea\xb0\x80 "
            "\xec\x97\x86\xec\x8a\xb5\xeb\x8b\x88\xeb\x8b\xa4");
  // A word is not split between its syllables, though UAX #14 allows it: it stands alone.
  const lines narrow = wrap(ko, 6, "ko");
  ASSERT_EQ(narrow.size(), 4u);
  EXPECT_EQ(narrow[2], "\xeb\x94\x94\xeb\xa0\x89\xed\x84\xb0\xeb\xa6\xac\xea\xb0\x80");
}

TEST(text_wrap, breaks_japanese_between_phrases_never_inside_a_character) {
  // そのようなファイルやディレクトリはありません。 (no spaces; 23 characters, 46 columns)
  const std::string ja =
      "\xe3\x81\x9d\xe3\x81\xae\xe3\x82\x88\xe3\x81\x86\xe3\x81\xaa\xe3\x83\x95\xe3\x82\xa1"
      "\xe3\x82\xa4\xe3\x83\xab\xe3\x82\x84\xe3\x83\x87\xe3\x82\xa3\xe3\x83\xac\xe3\x82\xaf"
      "\xe3\x83\x88\xe3\x83\xaa\xe3\x81\xaf\xe3\x81\x82\xe3\x82\x8a\xe3\x81\xbe\xe3\x81\x9b"
      "\xe3\x82\x93\xe3\x80\x82";
  const lines got = wrap(ja, 20, "ja");
  EXPECT_EQ(joined(got), ja);  // nothing lost, no byte of a character split off
  // そのようなファイルや / ディレクトリは / ありません。
  EXPECT_EQ(got,
            (lines{"\xe3\x81\x9d\xe3\x81\xae\xe3\x82\x88\xe3\x81\x86\xe3\x81\xaa\xe3\x83\x95"
                   "\xe3\x82\xa1\xe3\x82\xa4\xe3\x83\xab\xe3\x82\x84",
                   "\xe3\x83\x87\xe3\x82\xa3\xe3\x83\xac\xe3\x82\xaf\xe3\x83\x88\xe3\x83\xaa"
                   "\xe3\x81\xaf",
                   "\xe3\x81\x82\xe3\x82\x8a\xe3\x81\xbe\xe3\x81\x9b\xe3\x82\x93\xe3\x80\x82"}));
  for (const std::string& l : wrap(ja, 6, "ja")) EXPECT_EQ(l.size() % 3, 0u) << l;
}

}  // namespace
