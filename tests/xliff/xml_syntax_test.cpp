#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "util/utf8.hpp"
#include "xliff/xml_syntax.hpp"

namespace diaglot::xliff::syntax {
namespace {

TEST(xml_syntax, nmtokens_are_name_characters) {
  for (const char* ok : {"a", "1", "u-1", "s.2", "x_y", "a:b", "\xC3\xA9t\xC3\xA9", "\xE4\xB8\xAD"})
    EXPECT_TRUE(is_nmtoken(ok)) << ok;
  for (const char* bad : {"", "/1", "#1", "\\1", "a b", "a,b", "a$b", "\xC2\xA0"})
    EXPECT_FALSE(is_nmtoken(bad)) << bad;
  EXPECT_TRUE(is_nmtokens("tu1  tu2\ttu3"));
  EXPECT_FALSE(is_nmtokens("tu7, tu8"));
  EXPECT_FALSE(is_nmtokens("  "));
  EXPECT_EQ(split_tokens(" a  b\n"), (std::vector<std::string_view>{"a", "b"}));
}

TEST(xml_syntax, bcp47_well_formedness) {
  for (const char* ok :
       {"en", "en-US", "en-us", "de-CH-1996", "zh-Hant-TW", "sr-Latn-RS", "es-419", "zh-yue-HK",
        "x-private", "en-a-bbb-x-a-ccc", "i-klingon", "en-GB-oed", "lb-lu", "fr-fr"})
    EXPECT_TRUE(is_bcp47(ok)) << ok;
  for (const char* bad : {"", "e", "f r", "en_US", "en-", "-en", "en--US", "toolongtag", "en-a",
                          "en-x", "x", "en-US-a"})
    EXPECT_FALSE(is_bcp47(bad)) << bad;
  EXPECT_TRUE(iequals("en-US", "EN-us"));
  EXPECT_FALSE(iequals("en", "en-US"));
}

TEST(xml_syntax, xml_characters) {
  EXPECT_TRUE(is_xml_char(0x9));
  EXPECT_TRUE(is_xml_char(0xA0));
  EXPECT_TRUE(is_xml_char(0x10FFFF));
  EXPECT_FALSE(is_xml_char(0x1));
  EXPECT_FALSE(is_xml_char(0xFFFE));
  EXPECT_FALSE(is_xml_char(0xD800));
  std::string s;
  utf8::append(s, 0x20AC);
  utf8::append(s, 0xD800);
  EXPECT_EQ(s, "\xE2\x82\xAC\xEF\xBF\xBD");
}

fragment_error check(const std::string& ref, std::vector<std::string> extensions = {}) {
  fragment f;
  std::string_view prefix;
  return parse_fragment(ref, f, prefix, extensions);
}

TEST(xml_syntax, fragment_identifiers) {
  fragment f;
  std::string_view prefix;
  ASSERT_EQ(parse_fragment("#/f=f1/u=u1/n=n1", f, prefix), fragment_error::none);
  EXPECT_TRUE(f.absolute);
  ASSERT_EQ(f.selectors.size(), 3u);
  EXPECT_EQ(f.selectors[1].prefix, "u");
  EXPECT_EQ(f.selectors[2].id, "n1");
  for (const char* ok : {"#n=n1", "#s1", "#f=f1/t=1", "#u=1/mtc=m1", "#/f=f1/g=g1/u=u1/1"})
    EXPECT_EQ(check(ok), fragment_error::none) << ok;
  for (const char* syntax : {"", "n1", "#", "#/", "#a//b", "#=x", "#n=", "#a b"})
    EXPECT_EQ(check(syntax), fragment_error::syntax) << syntax;
  for (const char* selectors : {"#u=1/f=f1", "#u=f1/u=1", "#f=f1/d=d1/u=1", "#c1/c2", "#n/n1"})
    EXPECT_EQ(check(selectors), fragment_error::selectors) << selectors;
  ASSERT_EQ(parse_fragment("#f=f1/f=f2", f, prefix), fragment_error::selectors);
  EXPECT_EQ(prefix, "f");
  for (const char* bad_prefix : {"#/f=f1/u=1/r$d=x", "#z=x", "#my=x"})
    EXPECT_EQ(check(bad_prefix), fragment_error::prefix) << bad_prefix;
  ASSERT_EQ(parse_fragment("#tbx=t", f, prefix), fragment_error::prefix);
  EXPECT_EQ(prefix, "tbx");
  EXPECT_EQ(check("#tbx=t", {"tbx"}), fragment_error::none);
}

TEST(xml_syntax, lexical_errors_pugixml_lets_through) {
  const auto errors = xml_lexical_errors(
      "<a b=\"&nbsp;\">x &amp; &#1; &#x41; & \x01<!-- &c; -->\x02<![CDATA[&d;]]></a>");
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0].first, 6u);
  EXPECT_EQ(errors[0].second, "undefined entity `&nbsp;`");
  EXPECT_EQ(errors[1].first, 22u);
  EXPECT_NE(errors[1].second.find("`&#1;`"), std::string::npos);
  EXPECT_EQ(errors[2].first, 34u);
  EXPECT_EQ(errors[3].first, 36u);
  EXPECT_EQ(errors[3].second,
            "character U+0001 is not allowed in XML; in XLIFF 2 content write it as "
            "`<cp hex=\"0001\"/>`");
  // Raw characters are errors even in a comment.
  EXPECT_EQ(errors[4].first, 49u);
}

TEST(element_end, finds_an_elements_bytes_or_says_it_cannot) {
  const std::string doc =
      "<body><unit id=\"a>b\"><s>x</s></unit>\n<unitx/><x:unit  a='1' ><s/></x:unit >"
      "<unit id=\"e\"/><unit><!-- </unit> --></unit><unit><s/>";
  const auto at = [&](const std::string& from) { return doc.find(from); };
  // A `>` in an attribute value, and `</unit>` after it.
  EXPECT_EQ(element_end(doc, at("<unit id=\"a")), at("\n<unitx"));
  // An empty-element tag; a prefixed name, with spaces before `>` in both tags.
  EXPECT_EQ(element_end(doc, at("<unitx")), at("<x:unit"));
  EXPECT_EQ(element_end(doc, at("<x:unit")), at("<unit id=\"e\""));
  EXPECT_EQ(element_end(doc, at("<unit id=\"e\"")), at("<unit><!--"));
  // A comment could spell the end tag; an element never closed has no end.
  EXPECT_EQ(element_end(doc, at("<unit><!--")), std::nullopt);
  EXPECT_EQ(element_end(doc, doc.rfind("<unit>")), std::nullopt);
  EXPECT_EQ(element_end(doc, at("id=")), std::nullopt) << "not at a `<`";
}

}  // namespace
}  // namespace diaglot::xliff::syntax
