// The block parser under the markdown reader.
#include "read/markdown_blocks.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace diaglot::read::markdown;

std::vector<block> blocks_of(const std::string& text) {
  return parse_blocks(text, split_lines(text), 0);
}

std::string shape_of(const std::vector<block>& blocks) {
  std::string out;
  for (const block& b : blocks) out += static_cast<char>(b.kind);
  return out;
}

TEST(markdown_blocks, blank_and_whitespace_lines_separate_blocks) {
  const auto blocks = blocks_of("one  \ntwo\n  \n\t\n three  \n");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].text, "one  \ntwo");
  EXPECT_EQ(blocks[1].text, "three");
  EXPECT_EQ(blocks[1].begin, std::string("one  \ntwo\n  \n\t\n ").size());
}

TEST(markdown_blocks, headings_are_blocks_without_blank_lines) {
  const auto blocks = blocks_of("# Title\nSummary.\n## Section  \nBody\n### Deeper\nMore");
  EXPECT_EQ(shape_of(blocks), "hphphp");
  EXPECT_EQ(blocks[0].heading_level, 1);
  EXPECT_EQ(blocks[2].heading_level, 2);
  EXPECT_EQ(blocks[2].text, "## Section");
  EXPECT_EQ(blocks[4].heading_level, 3);
  // `#hashtag` is not a heading.
  EXPECT_EQ(shape_of(blocks_of("#hashtag\n")), "p");
}

TEST(markdown_blocks, fence_keeps_blank_lines_and_ends_at_its_closing_fence) {
  const std::string text = "Intro\n```xml  \n<a>\n  \n\n</a>\n```  \nAfter\n";
  const auto blocks = blocks_of(text);
  ASSERT_EQ(shape_of(blocks), "pcp");
  EXPECT_EQ(blocks[1].text, "```xml  \n<a>\n  \n\n</a>\n```");
  EXPECT_FALSE(blocks[1].unterminated_fence);
  EXPECT_EQ(blocks[2].text, "After");
}

TEST(markdown_blocks, tilde_fence_needs_a_tilde_close_of_the_same_length) {
  const auto blocks = blocks_of("~~~~\n```\n~~~\n~~~~\nx\n");
  ASSERT_EQ(shape_of(blocks), "cp");
  EXPECT_EQ(blocks[0].text, "~~~~\n```\n~~~\n~~~~");
}

TEST(markdown_blocks, unterminated_fence_takes_the_rest) {
  const auto blocks = blocks_of("```\ncode\n\n## not a heading\n");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_TRUE(blocks[0].unterminated_fence);
  EXPECT_EQ(blocks[0].text, "```\ncode\n\n## not a heading");
}

TEST(markdown_blocks, kinds_come_from_the_first_line) {
  EXPECT_EQ(shape_of(blocks_of("- a\n- b\n\n1. c\n\n2) d\n\n> [!NOTE]\n> e\n\n|x|y|\n|-|-|\n\n"
                               "-not a list\n\n  * star\n")),
            "lllqtpl");
}

TEST(markdown_blocks, up_to_three_leading_spaces_go) {
  const auto blocks = blocks_of(" one\n two\n\n    four\n");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].text, "one\n two");
  EXPECT_EQ(blocks[1].text, " four");
}

TEST(markdown_blocks, normalize_drops_bom_and_cr_but_keeps_offsets) {
  const std::string file =
      "\xEF\xBB\xBF"
      "a\r\nb\rc\r\n";
  const mapped_text m = normalize_line_ends(file);
  EXPECT_EQ(m.text, "a\nb\rc\n");
  ASSERT_EQ(m.offsets.size(), m.text.size() + 1);
  EXPECT_EQ(m.original(0), 3u);  // 'a'
  EXPECT_EQ(m.original(1), 5u);  // '\n' after the dropped '\r'
  EXPECT_EQ(m.original(2), 6u);  // 'b'
  EXPECT_EQ(m.original(m.text.size()), file.size());
}

TEST(markdown_blocks, headings_lose_marks_anchors_and_closing_hashes) {
  std::size_t begin = 0;
  EXPECT_EQ(heading_content("## Title ##  ", begin), "Title");
  EXPECT_EQ(begin, 3u);
  EXPECT_EQ(heading_content("# C# #", begin), "C#");
  std::string anchor;
  std::size_t skipped = 0;
  EXPECT_EQ(strip_anchors("<a name=\"see-also\"></a> See also", anchor, skipped), "See also");
  EXPECT_EQ(anchor, "see-also");
  EXPECT_EQ(skipped, std::string("<a name=\"see-also\"></a> ").size());
  EXPECT_EQ(strip_anchors("Plain", anchor, skipped), "Plain");
  EXPECT_EQ(anchor, "");
  EXPECT_EQ(skipped, 0u);
}

TEST(markdown_blocks, slug_lowercases_and_joins_words_with_dashes) {
  EXPECT_EQ(slug("See also"), "see-also");
  EXPECT_EQ(slug("  Activity Tracing & Propagation!"), "activity-tracing-propagation");
  EXPECT_EQ(slug("참고 항목"), "");
}

}  // namespace
