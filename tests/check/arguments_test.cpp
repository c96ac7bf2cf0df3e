// Build-time argument checks (src/check/arguments.cpp): syntax per message, arguments across
// locales, CLDR plural categories, apostrophe quotes, and exact positions in the file.
#include "check/arguments.hpp"

#include <gtest/gtest.h>

#include "check/checks.hpp"

namespace diaglot::check {
namespace {

struct fixture {
  source_manager sources;
  diagnostic_sink sink;
  model::catalog cat;

  /// One message with a source text and translations; each text in its own "file" whose contents
  /// are `prefix` + the text, so positions can be checked.
  void add(const std::string& source, std::vector<std::pair<std::string, std::string>> targets,
           const std::string& prefix = "<target state=\"x\">") {
    model::message m;
    m.id = "m" + std::to_string(cat.messages.size());
    model::field f;
    f.name = "text";
    auto text = [&](const std::string& locale, const std::string& t) {
      model::field_text ft;
      ft.text = t;
      ft.where = {sources.add(m.id + "." + locale, prefix + t + "</target>\n"), 0};
      ft.segments.push_back({"1", source, t, ft.where});
      f.by_locale[locale] = ft;
    };
    text("en", source);
    for (const auto& [locale, t] : targets) text(locale, t);
    m.fields.push_back(f);
    cat.messages.push_back(m);
  }
  std::vector<unusable_text> unusable;
  void check() {
    unusable = check_arguments(cat, sink, &sources);
    sink.sort(sources);
  }
  std::vector<diag> codes() const {
    std::vector<diag> out;
    for (const auto& d : sink.all()) out.push_back(d.code);
    return out;
  }
  std::string first() const { return sink.all().empty() ? "" : render(sink.all()[0], sources); }
};

const char* const en_files = "{n, plural, one {# file} other {# files}}";

TEST(check_arguments, accepts_what_each_locale_needs) {
  fixture fx;
  fx.add(en_files,
         {{"ru", "{n, plural, one {# файл} few {# файла} many {# файлов} other {# файла}}"},
          {"ko", "파일 {n, plural, other {#개}}"},
          {"ja", "{n, plural, other {#件}}"},
          {"de", "{n, plural, one {# Datei} other {# Dateien}}"},
          {"pl", "{n, plural, one {# plik} few {# pliki} many {# plików} other {# pliku}}"},
          {"ar", "{n, plural, zero {0} one {1} two {2} few {#} many {#} other {#}}"}});
  fx.add("Cannot reach '{0}' after {1} tries.",
         {{"ko", "{1}번 시도한 후 '{0}'에 연결할 수 없습니다."}});
  fx.check();
  EXPECT_TRUE(fx.sink.all().empty()) << fx.first();
}

TEST(check_arguments, reports_missing_plural_categories_at_the_plural_keyword) {
  fixture fx;
  fx.add(en_files, {{"ru", "&lt;b&gt;{n, plural, one {# файл} other {# файла}}"}});
  fx.check();
  ASSERT_EQ(fx.codes(), std::vector<diag>{diag::plural_category_missing});
  EXPECT_EQ(fx.sink.all()[0].args,
            (std::vector<std::string>{"plural", "n", "ru", "`few`, `many`"}));
  // `&lt;b&gt;` is 11 bytes for 3 characters of text: the position is the file's, not the text's.
  EXPECT_EQ(fx.first(),
            "m0.ru:1:32: error: the `plural` argument `n` lacks categories that `ru` needs: "
            "`few`, `many` [DGL1205]\n"
            "  <target state=\"x\">&lt;b&gt;{n, plural, one {# файл} other {# файла}}</target>\n"
            "                                 ^\n");
}

TEST(check_arguments, reports_categories_a_locale_never_uses) {
  fixture fx;
  fx.add(en_files, {{"ja", "{n, plural, one {#件} other {#件}}"}});
  fx.check();
  ASSERT_EQ(fx.codes(), std::vector<diag>{diag::plural_category_unused});
  EXPECT_EQ(fx.sink.all()[0].args, (std::vector<std::string>{"plural", "n", "one", "ja"}));
  EXPECT_EQ(fx.sources.position(fx.sink.all()[0].where).column, 31u);
}

TEST(check_arguments, checks_selectordinal_with_ordinal_rules) {
  fixture fx;
  fx.add("the {n, selectordinal, one {#st} other {#th}} try", {});
  fx.check();
  ASSERT_EQ(fx.codes(), std::vector<diag>{diag::plural_category_missing});
  EXPECT_EQ(fx.sink.all()[0].args[3], "`two`, `few`");
}

TEST(check_arguments, reports_an_apostrophe_that_hides_an_argument) {
  fixture fx;
  fx.add("Cannot open {file}: {n, plural, one {# try} other {# tries}}",
         {{"fr", "Impossible d'{file} : {n, plural, one {# essai} other {# essais}}"},
          {"de", "Kann ''{file}'' nicht öffnen: {n, plural, one {# Versuch} other {# Versuche}}"}});
  fx.check();
  // The quote after d' runs to the end: it hides the plural too. Neither is reported as missing.
  ASSERT_EQ(fx.codes(), (std::vector<diag>{diag::quoted_argument, diag::quoted_argument}))
      << fx.first();
  EXPECT_EQ(fx.sink.all()[0].args[0], "{file}");
  EXPECT_EQ(fx.sink.all()[1].args[0], "{n, ...}");
  EXPECT_EQ(fx.sources.position(fx.sink.all()[0].where).column, 32u);
}

TEST(check_arguments, a_quote_in_the_source_is_reported_too) {
  fixture fx;
  fx.add("It's '{name}' after {n, plural, one {# try} other {# tries}}", {});
  fx.check();
  ASSERT_EQ(fx.codes(), std::vector<diag>{diag::quoted_argument});
}

TEST(check_arguments, reports_icu_syntax_errors_where_icu_finds_them) {
  fixture fx;
  fx.add("{n, plural, one {# file} other {# files}",
         {{"de", "{n, plural, one {# Datei} other {# Dateien}"}});
  fx.check();
  // In the source an error; the translation is a warning and not served (sorted by file name).
  ASSERT_EQ(fx.codes(), (std::vector<diag>{diag::translation_syntax, diag::icu_syntax}));
  // ICU finds the plural's own closing brace missing: it reads " one" as more of its style.
  EXPECT_EQ(fx.sink.all()[1].args[0], "syntax error at ` one {# file} other `");
  EXPECT_EQ(fx.sources.position(fx.sink.all()[1].where).column, 30u);
  EXPECT_EQ(fx.sink.all()[0].args[2], "syntax error at ` one {# Datei} other`");
  EXPECT_EQ(fx.unusable.size(), 1u);
}

TEST(check_arguments, a_composite_translation_must_parse) {
  fixture fx;
  fx.add("Cannot reach '{0}' after {1} tries.",
         {{"ru", "Не удалось связаться с '{0}' после {1 попыток."}});
  fx.check();
  ASSERT_EQ(fx.codes(), std::vector<diag>{diag::translation_syntax});
  EXPECT_EQ(fx.sink.all()[0].level, severity::warning);
  EXPECT_EQ(fx.sources.position(fx.sink.all()[0].where).column, 57u);
  EXPECT_EQ(fx.sink.all()[0].args[1], ".NET composite formatting");
  // It is not served: lookups fall back to the source text.
  EXPECT_EQ(fx.unusable.size(), 1u);
  withdraw(fx.cat, fx.unusable);
  EXPECT_EQ(fx.cat.messages[0].states.at("ru"), model::state::needs_translation);
}

TEST(check_arguments, sees_arguments_that_the_placeholder_check_does_not) {
  fixture fx;
  // Inside code spans (DGL0501 skips them) ...
  fx.add("Run `{0}` now", {{"fr", "Lancez `{1}` maintenant"}});
  // ... and inside ICU cases.
  fx.add("{n, plural, one {{who} has # file} other {{who} has # files}}",
         {{"de", "{n, plural, one {{wer} hat # Datei} other {{wer} hat # Dateien}}"}});
  // What DGL0501 reports is not reported twice.
  fx.add("{0} failed: {1}", {{"ja", "{0} failed: {2}"}});
  fx.check();
  ASSERT_EQ(fx.codes(), (std::vector<diag>{diag::argument_mismatch, diag::argument_mismatch}));
  EXPECT_EQ(english_text(fx.sink.all()[0].code, fx.sink.all()[0].args),
            "arguments differ from the source: missing `{0}`; not in the source `{1}`");
  EXPECT_EQ(english_text(fx.sink.all()[1].code, fx.sink.all()[1].args),
            "arguments differ from the source: missing `{who}`; not in the source `{wer}`");
}

TEST(check_arguments, warns_when_a_source_with_numbered_arguments_does_not_parse) {
  fixture fx;
  fx.add("Put {0} in { braces }", {{"fr", "Mettez {0} entre { accolades }"}});
  // Text that is not a format string at all (XML Schema terms, corpus ResXml) is left alone.
  fx.add("must have {min occurs}= 0 or 1 and {max occurs}=1.", {{"ko", "{min occurs}= 0"}});
  fx.check();
  ASSERT_EQ(fx.codes(), std::vector<diag>{diag::not_a_format_string});
  EXPECT_EQ(fx.sink.all()[0].args, (std::vector<std::string>{"{0}", fx.sink.all()[0].args[1]}));
  EXPECT_EQ(fx.sources.position(fx.sink.all()[0].where).column, 30u);
}

TEST(check_arguments, skips_translations_that_are_not_served) {
  fixture fx;
  fx.add(en_files, {{"ru", "{n, plural, other {# files}}"}});
  fx.cat.messages[0].states["ru"] = model::state::initial;
  fx.check();
  EXPECT_TRUE(fx.sink.all().empty()) << fx.first();
}

TEST(locate, without_files_points_at_the_text) {
  model::field_text t;
  t.text = "abc {0}";
  t.where = {3, 17};
  const source_location l = locate(t, 4, nullptr);
  EXPECT_EQ(l.file, 3u);
  EXPECT_EQ(l.offset, 17u);
}

TEST(locate, counts_repeated_tokens) {
  source_manager sm;
  model::field_text t;
  t.text = "{0} &amp; {0} and {0}";
  t.where = {sm.add("f", "<target>{0} &amp;amp; {0} and {0}</target>"), 0};
  EXPECT_EQ(locate(t, 0, &sm).offset, 8u);
  EXPECT_EQ(locate(t, 10, &sm).offset, 22u);
  EXPECT_EQ(locate(t, 18, &sm).offset, 30u);
}

}  // namespace
}  // namespace diaglot::check
