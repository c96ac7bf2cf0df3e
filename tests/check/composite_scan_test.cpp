// The composite scan the checks use (syntax::composite_uses) against the parser the formatter
// uses (syntax::parse_composite): one scanner behind both, so the same verdicts, errors and items.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "format/syntax.hpp"

namespace diaglot::syntax {
namespace {

const char* const texts[] = {
    "",
    "plain text",
    "{0}",
    "Cannot reach '{0}' after {1} tries.",
    "{007} {000} {0001} {0000999}",
    "{1000}",
    "{name}, {_a1} {0,-10} {1:N2} {2 , 5:yyyy-MM} {0 ,  -12 }",
    "a{{b}}c{0}d}}",
    "{{0}}",
    "{ 0}",
    "{0",
    "{0]",
    "{0,x}",
    "{0,}",
    "{0, 99999999}",
    "{0,1001}",
    "{0,-1000}",
    "{0:{1}}",
    "}",
    "text }",
    "{é}",
    "{0é}",
    "{0,5",
    "{0:abc",
    "{0} {1} {x",
    "{0,-10:N2} {1,",
};

TEST(composite_uses, agrees_with_parse_composite) {
  for (const char* t : texts) {
    std::vector<composite_piece> pieces;
    error perr;
    const bool parsed = parse_composite(t, pieces, perr);
    std::vector<item_use> uses{{"stale", 99}};
    error uerr;
    EXPECT_EQ(composite_uses(t, &uses, uerr), parsed) << t;
    error cerr;
    EXPECT_EQ(composite_uses(t, nullptr, cerr), parsed) << t;
    if (!parsed) {
      EXPECT_EQ(uerr.offset, perr.offset) << t;
      EXPECT_EQ(uerr.what, perr.what) << t;
      EXPECT_EQ(cerr.what, perr.what) << t;
      EXPECT_TRUE(uses.empty()) << t;  // items before the error are not uses
      continue;
    }
    std::vector<item_use> items;
    for (const composite_piece& p : pieces)
      if (p.is_item) items.push_back({p.item.name, p.item.begin});
    ASSERT_EQ(uses.size(), items.size()) << t;
    for (std::size_t i = 0; i < items.size(); ++i) {
      EXPECT_EQ(uses[i].name, items[i].name) << t;
      EXPECT_EQ(uses[i].offset, items[i].offset) << t;
    }
  }
}

TEST(composite_uses, names_have_no_leading_zeros) {
  std::vector<item_use> uses;
  error err;
  ASSERT_TRUE(composite_uses("{007} {000} {0001} {0000999} {x1}", &uses, err));
  std::vector<std::string> names;
  for (const item_use& u : uses) names.emplace_back(u.name);
  EXPECT_EQ(names, (std::vector<std::string>{"7", "0", "1", "999", "x1"}));
  EXPECT_FALSE(composite_uses("{01000}", &uses, err));
  EXPECT_EQ(err.offset, 1u);
}

TEST(parse_composite, literal_pieces_resolve_escapes_and_point_into_the_text) {
  const std::string t = "a{{b}}c{0,-3:x}d}}";
  std::vector<composite_piece> pieces;
  error err;
  ASSERT_TRUE(parse_composite(t, pieces, err));
  std::string before, after;
  bool item = false;
  for (const composite_piece& p : pieces) {
    if (p.is_item) {
      item = true;
      EXPECT_EQ(p.item.name, "0");
      EXPECT_EQ(p.item.alignment, -3);
      EXPECT_EQ(p.item.spec, "x");
      EXPECT_EQ(p.item.begin, 7u);
      EXPECT_EQ(p.item.end, 15u);
      continue;
    }
    EXPECT_GE(p.literal.data(), t.data());
    EXPECT_LE(p.literal.data() + p.literal.size(), t.data() + t.size());
    (item ? after : before) += p.literal;
  }
  EXPECT_TRUE(item);
  EXPECT_EQ(before, "a{b}c");
  EXPECT_EQ(after, "d}");
}

}  // namespace
}  // namespace diaglot::syntax
