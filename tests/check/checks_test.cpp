#include "check/checks.hpp"

#include <gtest/gtest.h>

namespace diaglot::check {
namespace {

using set = std::set<std::string>;

TEST(placeholders, finds_indexed_named_and_formatted_arguments) {
  EXPECT_EQ(placeholders("The endpoint {0} could not reach {1}."), (set{"{0}", "{1}"}));
  EXPECT_EQ(placeholders("Hello {name}, {0,-10} {1:N2}"), (set{"{name}", "{0}", "{1}"}));
}

TEST(placeholders, ignores_escapes_code_spans_and_fences) {
  EXPECT_EQ(placeholders("Use {{0}} literally"), set{});
  EXPECT_EQ(placeholders("Write `{0}` in code, not {1}"), set{"{1}"});
  EXPECT_EQ(placeholders("```csharp\nvar x = new {a};\n```\nand {2}"), set{"{2}"});
  EXPECT_EQ(placeholders("a { b } {} {"), set{});
}

TEST(code_span_count, counts_spans_of_any_backtick_length) {
  EXPECT_EQ(code_span_count("`a` and ``b ` c`` and `"), 2u);
  EXPECT_EQ(code_span_count("```xml\n`not`\n```"), 0u);
}

struct fixture {
  source_manager sources;
  diagnostic_sink sink;
  std::uint32_t file = sources.add("x.xlf", "<a/>\n<b/>\n");
  model::catalog cat;

  void add(const std::string& source, const std::string& target,
           std::vector<std::string> source_codes = {}, std::vector<std::string> target_codes = {}) {
    model::message m;
    m.id = "m" + std::to_string(cat.messages.size());
    model::field f;
    f.name = "text";
    f.by_locale["en"].text = source;
    model::field_text t;
    t.text = target;
    t.where = {file, 5};
    t.set_codes(std::move(source_codes), std::move(target_codes));
    model::segment s{"1", source, target, {file, 5}};
    t.segments.push_back(s);
    f.by_locale["ja"] = t;
    m.fields.push_back(f);
    cat.messages.push_back(m);
  }
  std::vector<diag> codes() const {
    std::vector<diag> out;
    for (const auto& d : sink.all()) out.push_back(d.code);
    return out;
  }
};

TEST(run_checks, compares_placeholder_sets_not_counts) {
  fixture fx;
  fx.add("{0} and {0} and {1}", "{1} {0}");
  run_checks(fx.cat, fx.sink);
  EXPECT_TRUE(fx.sink.all().empty());
}

TEST(run_checks, reports_missing_and_extra_placeholders_at_the_translation) {
  fixture fx;
  fx.add("{0} failed: {1}", "{0} failed: {2}");
  run_checks(fx.cat, fx.sink);
  ASSERT_EQ(fx.codes(), std::vector<diag>{diag::placeholder_mismatch});
  EXPECT_EQ(english_text(fx.sink.all()[0].code, fx.sink.all()[0].args),
            "placeholders differ from the source: missing `{1}`; not in the source `{2}`");
  EXPECT_EQ(fx.sources.position(fx.sink.all()[0].where).line, 2u);
}

TEST(run_checks, skips_translations_that_are_not_served) {
  fixture fx;
  fx.add("{0} failed", "unfinished");
  fx.cat.messages[0].states["ja"] = model::state::needs_translation;
  run_checks(fx.cat, fx.sink);
  EXPECT_TRUE(fx.sink.all().empty());
}

TEST(run_checks, reports_inline_code_differences) {
  fixture fx;
  fx.add("a", "b", {"x:1", "g:2"}, {"g:2"});
  run_checks(fx.cat, fx.sink);
  ASSERT_EQ(fx.codes(), std::vector<diag>{diag::inline_mismatch});
  EXPECT_EQ(english_text(fx.sink.all()[0].code, fx.sink.all()[0].args),
            "inline codes differ from the source: missing `x:1`");
}

TEST(run_checks, warns_when_a_segment_loses_inline_code) {
  fixture fx;
  fx.add("Set `a` and `b`.", "`a`와 b를 설정합니다.");
  run_checks(fx.cat, fx.sink);
  EXPECT_EQ(fx.codes(), std::vector<diag>{diag::code_span_mismatch});
  EXPECT_FALSE(fx.sink.has_errors());
}

TEST(run_checks, checks_an_unsegmented_field_as_one_unit_when_it_says_its_english) {
  // An XLIFF 1.2 unit or a monolingual page: no segments, the English it was made from.
  fixture fx;
  fx.add("Set `a` and `b`.", "`a`와 b를 설정합니다.");
  model::field_text& t = fx.cat.messages[0].fields[0].by_locale.at("ja");
  t.segments.clear();
  run_checks(fx.cat, fx.sink);
  EXPECT_TRUE(fx.sink.all().empty());  // nothing says what the translation was made from
  t.made_from = "Set `a` and `b`.";
  run_checks(fx.cat, fx.sink);
  ASSERT_EQ(fx.codes(), std::vector<diag>{diag::code_span_mismatch});
  EXPECT_EQ(fx.sink.all()[0].args, (std::vector<std::string>{"2", "1"}));
}

}  // namespace
}  // namespace diaglot::check
