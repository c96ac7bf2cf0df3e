// `diaglot check` as a library call: one fixture per diagnostic it can report, a clean fixture
// and diaglot's own catalog that must stay silent, and the real corpus with its known problems.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "driver/report_commands.hpp"
#include "support/corpus.hpp"
#include "workflow/workflow_support.hpp"

namespace diaglot {
namespace {

namespace fs = std::filesystem;

struct found {
  std::string code;
  std::string file;  ///< file name only
  std::uint32_t line = 0, column = 0;
  bool operator==(const found& o) const {
    return code == o.code && file == o.file && line == o.line && column == o.column;
  }
};

std::ostream& operator<<(std::ostream& out, const found& f) {
  return out << f.file << ":" << f.line << ":" << f.column << " " << f.code;
}

struct checked {
  driver::session session;
  int status = 0;

  explicit checked(std::vector<std::string> sources, bool werror = false) {
    driver::check_options o;
    o.sources = std::move(sources);
    o.werror = werror;
    status = driver::check(o, session);
    session.sink.sort(session.sources);
  }
  std::vector<found> all() const {
    std::vector<found> out;
    for (const diagnostic& d : session.sink.all()) {
      found f{diag_code(d.code), "", 0, 0};
      if (d.where.known()) {
        f.file = fs::path(session.sources.path(d.where.file)).filename().string();
        const line_column pos = session.sources.position(d.where);
        f.line = pos.line;
        f.column = pos.column;
      }
      out.push_back(f);
    }
    return out;
  }
  /// Diagnostics per code, of the catalog-model and translation-check ranges (04xx, 05xx) that
  /// this file pins; other stages' checks have their own corpus tests.
  std::map<std::string, std::size_t> counts() const {
    std::map<std::string, std::size_t> out;
    for (const diagnostic& d : session.sink.all()) {
      const unsigned n = static_cast<unsigned>(d.code);
      if (n >= 400 && n < 600) ++out[diag_code(d.code)];
    }
    return out;
  }
  std::string rendered() const {
    std::string out;
    for (const diagnostic& d : session.sink.all()) out += render(d, session.sources);
    return out;
  }
};

std::string fixture(const std::string& name) { return testing::fixture_path("check/" + name); }

TEST(check_command, reports_nothing_on_a_clean_catalog) {
  checked c({fixture("clean")});
  EXPECT_EQ(c.status, driver::success);
  EXPECT_TRUE(c.all().empty()) << c.rendered();
}

TEST(check_command, reports_nothing_on_diaglots_own_catalog) {
  checked c({std::string(DIAGLOT_SOURCE_DIR) + "/catalog/en",
             std::string(DIAGLOT_SOURCE_DIR) + "/catalog/xliff"},
            true);
  EXPECT_EQ(c.status, driver::success);
  EXPECT_TRUE(c.all().empty()) << c.rendered();
}

/// Each fixture folder is named for the one diagnostic it must give, at this place.
struct expected_case {
  const char* code;
  const char* file;
  std::uint32_t line, column;
  int status;
};

TEST(check_command, each_fixture_gives_exactly_its_diagnostic) {
  const expected_case cases[] = {
      {"DGL0401", "second.ko-KR.xlf", 9, 7, driver::input_error},
      {"DGL0404", "widget-ready.ko-KR.xlf", 11, 9, driver::success},
      {"DGL0501", "strings.ko-KR.xlf", 11, 9, driver::input_error},
      {"DGL0502", "strings.ko-KR.xlf", 11, 9, driver::input_error},
      {"DGL0503", "strings.ko-KR.xlf", 11, 9, driver::success},
      {"DGL0504", "strings.ko-KR.xlf", 11, 9, driver::success},
      {"DGL0505", "strings.ko-KR.xlf", 11, 9, driver::success},
      {"DGL0506", "strings.ko-KR.xlf", 11, 9, driver::success},
      {"DGL0507", "strings.ko-KR.xlf", 11, 9, driver::input_error},
      {"DGL0508", "strings.ko-KR.xlf", 11, 9, driver::success},
      {"DGL0509", "strings.ko-KR.xlf", 11, 9, driver::success},
      {"DGL0510", "strings.ko-KR.xlf", 9, 7, driver::success},
      {"DGL0511", "strings.ko-KR.xlf", 9, 7, driver::success},
  };
  std::set<std::string> covered;
  for (const expected_case& e : cases) {
    SCOPED_TRACE(e.code);
    checked c({fixture(e.code)});
    EXPECT_EQ(c.all(), std::vector<found>({{e.code, e.file, e.line, e.column}})) << c.rendered();
    EXPECT_EQ(c.status, e.status);
    covered.insert(e.code);
  }
  // Every code in diaglot's translation-check range has its fixture.
  for (const diag d : all_diags()) {
    const unsigned n = static_cast<unsigned>(d);
    if (n >= 501 && n <= 549) {
      EXPECT_TRUE(covered.count(diag_code(d))) << diag_code(d);
    }
  }
}

TEST(check_command, a_field_without_a_translation_beside_translated_ones_is_reported) {
  // Before, only a message with no text at all in a locale was: this one has its summary.
  checked c({fixture("missing_field")});
  ASSERT_EQ(c.all(), std::vector<found>({{"DGL0511", "strings.de.xlf", 10, 9}})) << c.rendered();
  const diagnostic& d = c.session.sink.all()[0];
  EXPECT_EQ(english_text(d.code, d.args),
            "`Widget.Stopped#description` has no `de` translation; the source text is served");
}

TEST(check_command, an_unfinished_text_is_named_by_its_state_as_its_file_writes_it) {
  // XLIFF 1.2 `needs-l10n` (the model's needs-translation), XLIFF 2 `initial` (its `new`).
  checked c({fixture("state_words")});
  ASSERT_EQ(c.all(), std::vector<found>({{"DGL0510", "strings.de.xlf", 5, 7},
                                         {"DGL0510", "strings.ja.xlf", 4, 5}}))
      << c.rendered();
  const std::vector<diagnostic>& all = c.session.sink.all();
  EXPECT_EQ(english_text(all[0].code, all[0].args),
            "the `de` text of `Widget.Stopped` is not translated yet (state `needs-l10n`); the "
            "source text is served");
  EXPECT_EQ(english_text(all[1].code, all[1].args),
            "the `ja` text of `Widget.Stopped` is not translated yet (state `initial`); the "
            "source text is served");
}

TEST(check_command, a_plural_with_more_cases_in_the_translation_is_not_a_placeholder_count_change) {
  // Russian needs four cases where English has two: each repeats `{count}`. The argument checks
  // compare such texts (DGL1204-DGL1206); DGL0504 would count the repeats.
  testing::temp_folder tmp("check-plural-cases");
  std::ofstream(tmp / "files.ru.xlf", std::ios::binary)
      << "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file "
         "original=\"s\" datatype=\"plaintext\" source-language=\"en\" target-language=\"ru\">"
         "<body><trans-unit id=\"Files.Copied\"><source>{count, plural, one {{count} file "
         "copied} other {{count} files copied}}</source><target state=\"translated\">{count, "
         "plural, one {Скопирован {count} файл} few {Скопировано {count} файла} many "
         "{Скопировано {count} файлов} other {Скопировано {count} файла}}</target></trans-unit>"
         "</body></file></xliff>";
  checked c({tmp / "files.ru.xlf"});
  EXPECT_TRUE(c.all().empty()) << c.rendered();
}

TEST(check_command, a_pgs_group_is_checked_as_a_plural_message) {
  // The fixture's Russian group, without its `many` unit: the argument checks see a plural
  // that lacks a category Russian needs.
  std::string text = testing::read_file(testing::fixture_path("xliff2/pgs_plural.ru.xlf"));
  const std::size_t many = text.find("<unit id=\"u4\" pgs:case=\"many\">");
  ASSERT_NE(many, std::string::npos);
  text.erase(many, text.find("</unit>", many) + 7 - many);
  testing::temp_folder tmp("check-pgs");
  std::ofstream(tmp / "files.ru.xlf", std::ios::binary) << text;
  checked c({tmp / "files.ru.xlf"});
  ASSERT_EQ(c.session.sink.all().size(), 1u) << c.rendered();
  EXPECT_EQ(english_text(c.session.sink.all()[0].code, c.session.sink.all()[0].args),
            "the `plural` argument `count` lacks categories that `ru` needs: `many`");
  EXPECT_EQ(checked({testing::fixture_path("xliff2/pgs_plural.ru.xlf")}).all(),
            std::vector<found>{});
}

TEST(check_command, werror_turns_warnings_into_status_1) {
  EXPECT_EQ(checked({fixture("DGL0509")}, false).status, driver::success);
  EXPECT_EQ(checked({fixture("DGL0509")}, true).status, driver::input_error);
  EXPECT_EQ(checked({fixture("clean")}, true).status, driver::success);
}

TEST(check_command, messages_name_what_differs) {
  checked c({fixture("DGL0504")});
  ASSERT_EQ(c.session.sink.all().size(), 1u);
  EXPECT_EQ(english_text(c.session.sink.all()[0].code, c.session.sink.all()[0].args),
            "placeholders occur a different number of times than in the source: `{0}` 2 in the "
            "source, 1 in the translation");
  checked w({fixture("DGL0509")});
  ASSERT_EQ(w.session.sink.all().size(), 1u);
  EXPECT_EQ(english_text(w.session.sink.all()[0].code, w.session.sink.all()[0].args),
            "leading or trailing whitespace differs from the source: at the end the source has "
            "\" \", the translation \"\"");
}

/// The 20 resource sets of wcf-xliff: the 13 files of one .resx each.
std::map<std::string, std::vector<std::string>> xliff_sets(const std::string& root) {
  std::map<std::string, std::vector<std::string>> sets;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.path().extension() != ".xlf") continue;
    sets[e.path().parent_path().string() + "/" + e.path().stem().stem().string()].push_back(
        e.path().string());
  }
  return sets;
}

TEST(check_corpus, wcf_xliff_known_problems) {
  DIAGLOT_REQUIRE_SHARED(root, "corpus/wcf-xliff");
  std::map<std::string, std::size_t> total;
  std::size_t japanese_repeats = 0;
  for (const auto& [set, paths] : xliff_sets(root)) {
    checked c(paths);
    EXPECT_EQ(c.status, driver::success) << set << "\n" << c.rendered();
    for (const auto& [code, n] : c.counts()) total[code] += n;
    for (const found& f : c.all())
      if (f.code == "DGL0504" && f.file.find(".ja.xlf") != std::string::npos) ++japanese_repeats;
  }
  // The corpus README's 10 Japanese units whose placeholders repeat a different number of times
  // than the source (same sets, so no DGL0501), plus 3 Italian units that drop one of the two
  // `{value}`s of the source.
  EXPECT_EQ(japanese_repeats, 10u);
  const std::map<std::string, std::size_t> expected = {
      {"DGL0504", 13},   // 10 ja + 3 it
      {"DGL0505", 2},    // zh-Hant "EndpointSupp`ortingTokenParameters", in two sets
      {"DGL0508", 14},   // e.g. "Copyright (c) ... All rights reserved." kept in English
      {"DGL0509", 106},  // 96 lost trailing spaces, 82 of them in zh-Hans
      {"DGL0510", 507},  // state="new": 39 units x 13 languages
  };
  EXPECT_EQ(total, expected);
}

TEST(check_corpus, wcf_traces_sxs_known_problems) {
  DIAGLOT_REQUIRE_SHARED(root, "corpus/wcf-traces");
  const std::map<std::string, std::map<std::string, std::size_t>> expected = {
      // ko-KR leaves the heading "Description" in English on 400 pages (corpus README), and
      // drops backticks around `switchValue`/`propagateActivity` in configuring-tracing.md.
      {"ko-KR", {{"DGL0503", 2}, {"DGL0508", 405}}},
      // ja-JP was translated from an older English revision than the other locales.
      {"ja-JP", {{"DGL0404", 419}, {"DGL0508", 5}, {"DGL0509", 1}}},
      {"zh-CN", {{"DGL0404", 4}, {"DGL0508", 7}, {"DGL0509", 2}}},
      {"ru-RU", {{"DGL0404", 4}}},
      {"de-DE", {{"DGL0404", 4}}},
  };
  for (const auto& [locale, counts] : expected) {
    SCOPED_TRACE(locale);
    checked c({root + "/en", root + "/sxs/" + locale});
    EXPECT_EQ(c.status, driver::success);
    EXPECT_EQ(c.counts(), counts);
  }
}

}  // namespace
}  // namespace diaglot
