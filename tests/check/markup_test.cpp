#include "check/markup.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace diaglot::check {
namespace {

using strings = std::vector<std::string>;

TEST(prose, code_spans_may_cross_a_line_break_but_not_a_blank_line) {
  const prose_text p = prose("Set `a\nb` here.\n\nAn `open\n\nspan`.");
  EXPECT_EQ(p.code_spans, 1u);
  EXPECT_EQ(p.unclosed_backticks, 2u);  // "`open" and "span`" sit in different paragraphs
  EXPECT_EQ(p.text.find("a\nb"), std::string::npos);
}

TEST(prose, a_span_closes_only_at_a_run_of_the_same_length) {
  const prose_text p = prose("``a ` b`` and `c`` d` e");
  EXPECT_EQ(p.code_spans, 2u);  // ``a ` b`` and `c`` d`
  EXPECT_EQ(p.unclosed_backticks, 0u);
  EXPECT_EQ(prose("one ` two ``").unclosed_backticks, 2u);
}

TEST(prose, escaped_backticks_and_fences_are_not_spans) {
  const prose_text p = prose("a \\` b\n```xml\n<a>`x</a>\n```\nc");
  EXPECT_EQ(p.code_spans, 0u);
  EXPECT_EQ(p.unclosed_backticks, 0u);
  EXPECT_EQ(p.text.find("<a>"), std::string::npos);
}

TEST(placeholder_counts, counts_each_placeholder_outside_code) {
  const std::map<std::string, std::size_t> expected = {{"{0}", 2}, {"{1}", 1}, {"{name}", 1}};
  EXPECT_EQ(placeholder_counts("{0} and {1:N2}, {0,-5} {name} `{2}` {{3}}"), expected);
  EXPECT_TRUE(placeholder_counts("{ 0 } {base type definition} {}").empty());
}

TEST(placeholder_names, are_the_placeholders_counted_sorted_and_once) {
  const char* const texts[] = {"",
                               "no braces",
                               "{0} and {1:N2}, {0,-5} {name} `{2}` {{3}}",
                               "{b} {a} {ab} {a,1} {a:x} {a",
                               "{ 0 } {base type definition} {}",
                               "`{x}`{y} ``{z}`` ```\n{w}\n```",
                               "{`code`0}",
                               "{0} {1} {0}",
                               "{0,} {1:} {2 } {3}}"};
  for (const char* t : texts) {
    std::string scratch;
    std::vector<std::string_view> names{"stale"};
    placeholder_names(t, scratch, names);
    std::vector<std::string> expected;
    for (const auto& [p, n] : placeholder_counts(t)) expected.push_back(p.substr(1, p.size() - 2));
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(std::vector<std::string>(names.begin(), names.end()), expected) << t;
  }
}

TEST(link_targets, finds_inline_reference_autolink_and_href_destinations) {
  EXPECT_EQ(link_targets("See [a](a.md \"title\") and ![i](media/i.png)."),
            (strings{"a.md", "media/i.png"}));
  EXPECT_EQ(link_targets("[a][ref]\n\n[ref]: https://example.com/x(1)"),
            (strings{"https://example.com/x(1)"}));
  EXPECT_EQ(link_targets("<https://example.com> <a href=\"b.html\">b</a> [c](<d e.md>)"),
            (strings{"https://example.com", "b.html", "d e.md"}));
  EXPECT_TRUE(link_targets("`[a](in-code.md)` [b](xref:X.Y) <xref:X> a<b> c").empty());
}

TEST(xref_targets, finds_cross_references_in_every_spelling) {
  EXPECT_EQ(xref_targets("<xref:A.B> [t](xref:C.D) <a href=\"xref:E\">"),
            (strings{"A.B", "C.D", "E"}));
  EXPECT_EQ(xref_targets("<xref:A.B?displayProperty=nameWithType>"),
            (strings{"A.B?displayProperty=nameWithType"}));
  EXPECT_TRUE(xref_targets("`<xref:In.Code>` prefix xref:bare").empty());
}

TEST(has_translatable_words, prose_is_translatable) {
  EXPECT_TRUE(has_translatable_words("Description", 1));
  EXPECT_FALSE(has_translatable_words("Description", 2));
  EXPECT_TRUE(has_translatable_words("The widget could not start.", 2));
  EXPECT_TRUE(
      has_translatable_words("Copyright (c) Microsoft Corporation. All rights reserved.", 2));
}

TEST(has_translatable_words, names_code_and_command_lines_are_not) {
  EXPECT_FALSE(
      has_translatable_words("System.ServiceModel.Channels.HttpsClientCertificateInvalid", 1));
  EXPECT_FALSE(has_translatable_words("HttpsClientCertificateInvalid", 1));
  EXPECT_FALSE(has_translatable_words("XPath:{0}", 1));
  EXPECT_FALSE(has_translatable_words("HTTPS WCF", 1));
  EXPECT_FALSE(has_translatable_words("{0}: {1}", 1));
  EXPECT_FALSE(has_translatable_words("`dotnet build` [x](y.md)", 1));
  EXPECT_FALSE(has_translatable_words("dotnet-svcutil *.wsdl *.xsd --language:C#", 1));
  EXPECT_FALSE(has_translatable_words("Microsoft (R) Windows (R) Communication Foundation", 1));
  EXPECT_FALSE(has_translatable_words("<P class='intro'><B>Visual Basic</B></P>", 1));
}

TEST(whitespace, leading_and_trailing_runs) {
  EXPECT_EQ(leading_space("\n  a b "), "\n  ");
  EXPECT_EQ(trailing_space("\n  a b \t"), " \t");
  EXPECT_EQ(leading_space("   "), "   ");
  EXPECT_EQ(trailing_space("a"), "");
}

}  // namespace
}  // namespace diaglot::check
