// Coverage statistics: counts by progress on a small fixture worked out by hand, word counting,
// and the text and JSON forms agreeing number for number (on the fixture and the real corpus).
#include "report/stats.hpp"
#include "report/stats_support.hpp"

#include <gtest/gtest.h>

// Boost 1.74 property_tree includes boost/bind.hpp, which warns without this.
#define BOOST_BIND_GLOBAL_PLACEHOLDERS
#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "driver/report_commands.hpp"
#include "driver/workflow_commands.hpp"
#include "support/corpus.hpp"
#include "workflow/segmenter.hpp"
#include "workflow/workflow.hpp"
#include "workflow/workflow_support.hpp"
#include "workflow/xliff12.hpp"
#include "workflow/xliff20.hpp"

namespace diaglot::report {
namespace {

namespace pt = boost::property_tree;

TEST(count_words, counts_what_icu_segments_as_words) {
  EXPECT_EQ(count_words("The widget is ready.", "en"), 4u);
  EXPECT_EQ(count_words("Contoso.Widgets.Ready", "en"), 1u);  // ICU keeps dotted names whole
  EXPECT_EQ(count_words("Version 4.5, twice", "en"), 3u);     // a number is a word
  EXPECT_EQ(count_words("See [the guide](a/b/c.md) and <xref:A.B>.", "en"), 4u);
  EXPECT_EQ(count_words("Power is on for {0} widgets.", "en"), 5u);
  EXPECT_EQ(count_words("위젯이 준비되었습니다.", "ko"), 2u);
  EXPECT_EQ(count_words("", "en"), 0u);
  EXPECT_EQ(count_words(" , . ", "en"), 0u);
}

TEST(count_words, segments_japanese_without_spaces_by_dictionary) {
  // One run of kana and kanji without a space: ICU's dictionary splits it into several words.
  EXPECT_GT(count_words("ウィジェットの準備ができました。", "ja"), 3u);
  EXPECT_GT(count_words("小部件已准备就绪。", "zh"), 1u);
}

struct fixture_stats {
  driver::session session;
  std::string text, json;

  fixture_stats() {
    driver::stats_options o;
    o.sources = {testing::fixture_path("stats")};
    EXPECT_EQ(driver::stats(o, session, text), driver::success);
    o.format = driver::stats_format::json;
    driver::session again;
    EXPECT_EQ(driver::stats(o, again, json), driver::success);
  }
};

pt::ptree parse_json(const std::string& json) {
  std::istringstream in(json);
  pt::ptree tree;
  pt::read_json(in, tree);
  return tree;
}

const pt::ptree& locale_node(const pt::ptree& root, const std::string& locale) {
  for (const auto& [key, l] : root.get_child("locales"))
    if (l.get<std::string>("locale") == locale) return l;
  throw std::runtime_error("no locale " + locale);
}

TEST(compute_stats, counts_the_fixture_by_hand) {
  const fixture_stats f;
  const pt::ptree root = parse_json(f.json);
  EXPECT_EQ(root.get<std::string>("source_locale"), "en");
  EXPECT_EQ(root.get<int>("messages"), 5);
  // Ready 1 + 4, Stopped 1 + 7 (the link destination is not a word), Overview 1 + 6,
  // PowerOn 5 (nor is the placeholder), PowerOff 3.
  EXPECT_EQ(root.get<int>("words"), 28);

  // ko-KR: Ready translated, Stopped stale (made from "The widget stopped."), Overview absent,
  // PowerOn and PowerOff translated.
  const pt::ptree& ko = locale_node(root, "ko-KR");
  EXPECT_EQ(ko.get<int>("messages.translated"), 3);
  EXPECT_EQ(ko.get<int>("messages.stale"), 1);
  EXPECT_EQ(ko.get<int>("messages.new"), 1);
  EXPECT_EQ(ko.get<int>("messages.needs-review"), 0);
  EXPECT_EQ(ko.get<int>("messages.obsolete"), 0);
  EXPECT_EQ(ko.get<int>("words.translated"), 13);
  EXPECT_EQ(ko.get<int>("words.stale"), 8);
  EXPECT_EQ(ko.get<int>("words.new"), 7);
  EXPECT_EQ(ko.get<int>("segments.translated"), 4);
  EXPECT_EQ(ko.get<int>("segments.total"), 8);
  EXPECT_EQ(ko.get<std::string>("share_translated"), "0.4642");  // 13 / 28, rounded down
  EXPECT_EQ(ko.get<int>("target_words"), 12);  // the served ko-KR texts, stale one included

  // ja: Ready needs review, Stopped new, Overview final but for its title (a word to translate,
  // held back: new), PowerOn translated, PowerOff absent. The ko-KR pages lack their titles too,
  // but those are IDs, with nothing to translate.
  const pt::ptree& ja = locale_node(root, "ja");
  EXPECT_EQ(ja.get<int>("messages.translated"), 1);
  EXPECT_EQ(ja.get<int>("messages.needs-review"), 1);
  EXPECT_EQ(ja.get<int>("messages.new"), 3);
  EXPECT_EQ(ja.get<int>("words.translated"), 11);
  EXPECT_EQ(ja.get<int>("words.needs-review"), 5);
  EXPECT_EQ(ja.get<int>("words.new"), 12);

  // Groups: the dotted IDs' namespace, the XLIFF resource set, the markdown folder.
  std::vector<std::string> groups;
  for (const auto& [key, g] : root.get_child("groups"))
    groups.push_back(g.get<std::string>("group"));
  EXPECT_EQ(groups, (std::vector<std::string>{"Contoso.Widgets", "Strings", "en/"}));
  const pt::ptree& contoso = root.get_child("groups").begin()->second;
  EXPECT_EQ(contoso.get<int>("words"), 13);
  EXPECT_EQ(contoso.get<int>("locales.ko-KR.words.translated"), 5);
  EXPECT_EQ(contoso.get<int>("locales.ko-KR.words.stale"), 8);
}

/// Every number of the text form, in order, for comparison with the JSON.
struct text_numbers {
  std::map<std::string, std::map<std::string, std::vector<std::uint64_t>>> rows;  // locale, row
  std::map<std::string, std::string> percent;                                     // locale
  std::map<std::string, std::uint64_t> target_words;
  std::map<std::string, std::map<std::string, std::string>> group_percent;  // group, locale
  std::map<std::string, std::uint64_t> group_words;
};

text_numbers parse_text(const std::string& text) {
  text_numbers out;
  std::istringstream in(text);
  std::string line, locale;
  std::vector<std::string> locales;
  bool in_groups = false;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::istringstream words(line);
    std::vector<std::string> w;
    for (std::string x; words >> x;) w.push_back(x);
    if (in_groups) {
      if (w[0] == "group") {
        locales.assign(w.begin() + 2, w.end());
        continue;
      }
      // Group names have no spaces in these catalogs.
      out.group_words[w[0]] = std::stoull(w[1]);
      for (std::size_t i = 0; i < locales.size(); ++i)
        out.group_percent[w[0]][locales[i]] = w[2 + i];
    } else if (line.rfind("words translated by group", 0) == 0) {
      in_groups = true;
    } else if (line[0] != ' ' && w.size() > 3 && w[2] == "of" && w[3] == "words") {
      locale = w[0].substr(0, w[0].size() - 1);
      out.percent[locale] = w[1];
      out.target_words[locale] = std::stoull(w[5]);
    } else if (!locale.empty() && (w[0] == "messages" || w[0] == "segments" || w[0] == "words")) {
      std::vector<std::uint64_t> numbers;
      for (std::size_t i = 1; i < w.size(); ++i) numbers.push_back(std::stoull(w[i]));
      out.rows[locale][w[0]] = numbers;
    }
  }
  return out;
}

std::string floor_percent(std::uint64_t part, std::uint64_t whole) {
  char buf[16];
  const double share = whole ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
  std::snprintf(buf, sizeof buf, "%.1f%%", std::floor(share * 1000.0) / 10.0);
  return buf;
}

/// Checks that the text and the JSON give the same numbers.
void expect_text_agrees_with_json(const std::string& text, const std::string& json) {
  const text_numbers t = parse_text(text);
  const pt::ptree root = parse_json(json);
  const char* states[] = {"translated", "needs-review", "stale", "new", "obsolete", "total"};
  std::size_t locales = 0;
  for (const auto& [key, l] : root.get_child("locales")) {
    const std::string locale = l.get<std::string>("locale");
    SCOPED_TRACE(locale);
    ++locales;
    ASSERT_TRUE(t.rows.count(locale));
    for (const char* row : {"messages", "segments", "words"}) {
      std::vector<std::uint64_t> from_json;
      for (const char* s : states)
        from_json.push_back(l.get<std::uint64_t>(std::string(row) + "." + s));
      EXPECT_EQ(t.rows.at(locale).at(row), from_json) << row;
    }
    EXPECT_EQ(t.percent.at(locale), floor_percent(l.get<std::uint64_t>("words.translated"),
                                                  l.get<std::uint64_t>("words.total")));
    EXPECT_EQ(t.target_words.at(locale), l.get<std::uint64_t>("target_words"));
  }
  EXPECT_EQ(t.rows.size(), locales);
  std::size_t groups = 0;
  for (const auto& [key, g] : root.get_child("groups")) {
    const std::string name = g.get<std::string>("group");
    ++groups;
    EXPECT_EQ(t.group_words.at(name), g.get<std::uint64_t>("words")) << name;
    for (const auto& [locale, c] : g.get_child("locales"))
      EXPECT_EQ(t.group_percent.at(name).at(locale),
                floor_percent(c.get<std::uint64_t>("words.translated"),
                              c.get<std::uint64_t>("words.total")))
          << name << " " << locale;
  }
  EXPECT_EQ(t.group_words.size(), groups);
}

// A CI gate on `share_translated == 1` passed for a locale with one word of 30,000 left to
// translate: the JSON rounded 0.99997 to 1.0000, where the text says 99.9% and the page 99%.
TEST(stats_json, rounds_the_share_down_as_the_text_and_page_do) {
  counts ko;
  ko[progress::translated] = 29999;
  ko[progress::new_] = 1;
  catalog_stats s = testing::one_locale(ko, ko);
  const pt::ptree root = parse_json(stats_json(s));
  EXPECT_EQ(locale_node(root, "ko").get<std::string>("share_translated"), "0.9999");
  EXPECT_EQ(
      root.get_child("groups").begin()->second.get<std::string>("locales.ko.share_translated"),
      "0.9999");
  EXPECT_NE(stats_text(s).find("ko: 99.9% of words translated"), std::string::npos)
      << stats_text(s);
  s.locales[0].words[progress::new_] = 0;
  EXPECT_EQ(locale_node(parse_json(stats_json(s)), "ko").get<std::string>("share_translated"),
            "1.0000");
  EXPECT_NE(stats_text(s).find("ko: 100.0% of words translated"), std::string::npos);
}

TEST(stats_forms, text_and_json_agree_on_the_fixture) {
  const fixture_stats f;
  expect_text_agrees_with_json(f.text, f.json);
  EXPECT_NE(f.text.find("ko-KR: 46.4% of words translated"), std::string::npos) << f.text;
}

TEST(stats_forms, text_and_json_agree_on_the_sxs_corpus) {
  DIAGLOT_REQUIRE_SHARED(root, "corpus/wcf-traces");
  driver::stats_options o;
  o.sources = {root + "/en"};
  for (const char* l : {"ko-KR", "ja-JP", "zh-CN", "ru-RU", "de-DE"})
    o.sources.push_back(root + "/sxs/" + l);
  driver::session s1, s2;
  std::string text, json;
  ASSERT_EQ(driver::stats(o, s1, text), driver::success);
  o.format = driver::stats_format::json;
  ASSERT_EQ(driver::stats(o, s2, json), driver::success);
  expect_text_agrees_with_json(text, json);
  const pt::ptree tree = parse_json(json);
  EXPECT_EQ(tree.get<int>("messages"), 423);
  for (const auto& [key, l] : tree.get_child("locales")) {
    EXPECT_EQ(l.get<int>("messages.total"), 423);
    EXPECT_EQ(l.get<int>("segments.total"), 4854);  // the corpus README's segments per locale
  }
  // ja-JP was translated from older English than the rest: 419 of its 423 pages are stale,
  // as DGL0404 reports.
  EXPECT_EQ(locale_node(tree, "ja-JP").get<int>("messages.stale"), 419);
  EXPECT_EQ(locale_node(tree, "ko-KR").get<int>("messages.translated"), 423);
}

TEST(stats_command, reports_errors_and_prints_nothing_then) {
  driver::stats_options o;
  o.sources = {testing::fixture_path("check/DGL0401")};
  driver::session s;
  std::string out;
  EXPECT_EQ(driver::stats(o, s, out), driver::input_error);
  EXPECT_TRUE(out.empty());
  ASSERT_EQ(s.sink.all().size(), 1u);
  EXPECT_EQ(s.sink.all()[0].code, diag::duplicate_id);
}

TEST(stats_command, keeps_warnings_to_check) {
  driver::stats_options o;
  o.sources = {testing::fixture_path("check/DGL0404")};  // a stale translation: DGL0404
  driver::session s;
  std::string out;
  EXPECT_EQ(driver::stats(o, s, out), driver::success);
  EXPECT_TRUE(s.sink.all().empty());
  EXPECT_NE(out.find("ko-KR"), std::string::npos);
}

/// Stats of the workflow fixtures' English and one ko-KR XLIFF file, as text and as JSON.
struct stats_pair {
  std::string text, json;
};
stats_pair stats_of(const std::vector<std::string>& sources) {
  driver::stats_options o;
  o.sources = sources;
  stats_pair out;
  driver::session s1, s2;
  EXPECT_EQ(driver::stats(o, s1, out.text), driver::success);
  o.format = driver::stats_format::json;
  EXPECT_EQ(driver::stats(o, s2, out.json), driver::success);
  return out;
}

TEST(stats_extracted, files_with_no_target_yet_count_everything_as_new) {
  for (const auto format : {driver::xliff_format::xliff12, driver::xliff_format::xliff20}) {
    const bool v12 = format == driver::xliff_format::xliff12;
    SCOPED_TRACE(v12 ? "xliff12" : "xliff20");
    testing::temp_folder tmp(v12 ? "stats-extracted12" : "stats-extracted20");
    driver::extract_options x;
    x.sources = {testing::fixture_path("workflow/en")};
    x.target_locales = {"ko-KR", "ja-JP"};
    x.format = format;
    x.out_dir = tmp / "l10n";
    driver::session xs;
    workflow::unit_counts extracted;
    ASSERT_EQ(driver::extract(x, xs, &extracted), driver::success);

    const stats_pair st = stats_of({testing::fixture_path("workflow/en"), tmp / "l10n"});
    expect_text_agrees_with_json(st.text, st.json);
    const pt::ptree root = parse_json(st.json);
    // The English counted in the segments extract cut it into.
    EXPECT_EQ(root.get<std::size_t>("segments"), extracted.segments);
    for (const char* locale : {"ja-JP", "ko-KR"}) {
      SCOPED_TRACE(locale);
      const pt::ptree& l = locale_node(root, locale);
      EXPECT_EQ(l.get<int>("messages.new"), 2);
      EXPECT_EQ(l.get<int>("messages.total"), 2);
      EXPECT_EQ(l.get<std::size_t>("segments.new"), extracted.segments);
      EXPECT_EQ(l.get<std::string>("share_translated"), "0.0000");
    }
  }
}

/// The workflow fixture's units for ko-KR, every one translated ("KO " and its English), each
/// then handed to `edit`: the XLIFF 1.2 text of the file.
std::string translated_ko_units(const std::function<void(workflow::unit&)>& edit) {
  driver::session s;
  const auto cat = driver::build_catalog({{testing::fixture_path("workflow/en")}, {}, "en"}, s);
  EXPECT_TRUE(cat);
  if (!cat) return {};
  std::vector<workflow::unit_set> sets = workflow::extract_units(*cat, s.sources, {"ko-KR"});
  for (auto& [page, units] : sets.at(0).by_page)
    for (workflow::unit& u : units) {
      u.target = "KO " + u.source;
      u.st = model::state::translated;
      edit(u);
    }
  return workflow::xliff12::write(sets[0]);
}

TEST(stats_held_back, an_unfinished_unit_counts_as_new_and_the_rest_of_its_message_as_served) {
  // Every unit translated but one (needs-translation): that field is not served and counts as
  // new, with its message; the message's other fields count as translated.
  testing::temp_folder tmp("stats-held-back");
  const std::string xlf = tmp / "messages.ko-KR.xlf";
  std::uint64_t held_words = 0;
  std::ofstream(xlf, std::ios::binary) << translated_ko_units([&](workflow::unit& u) {
    if (u.message == "Sample.Alpha" && u.field == "summary") {
      u.st = model::state::needs_translation;
      held_words = report::count_words(u.source, "en");
    }
  });
  ASSERT_GT(held_words, 0u);
  const stats_pair st = stats_of({testing::fixture_path("workflow/en"), xlf});
  expect_text_agrees_with_json(st.text, st.json);
  const pt::ptree root = parse_json(st.json);
  const pt::ptree& ko = locale_node(root, "ko-KR");
  EXPECT_EQ(ko.get<int>("messages.new"), 1);  // Sample.Alpha
  EXPECT_EQ(ko.get<int>("messages.translated"), 1);
  EXPECT_EQ(ko.get<std::uint64_t>("words.new"), held_words);
  EXPECT_EQ(ko.get<std::uint64_t>("words.translated"),
            ko.get<std::uint64_t>("words.total") - held_words);
}

TEST(stats_source_only, a_unit_not_for_translation_is_neither_new_nor_stale) {
  // Every unit translated; Sample.Alpha's summary is marked translate="no" and holds an older
  // English: its locale serves today's, so nothing is left to do and nothing is stale.
  testing::temp_folder tmp("stats-source-only");
  const std::string xlf = tmp / "messages.ko-KR.xlf";
  std::string text = translated_ko_units([](workflow::unit& u) {
    if (u.message == "Sample.Alpha" && u.field == "summary") u.source = "Older English.";
  });
  const std::string unit = "<trans-unit id=\"Sample.Alpha#summary\"";
  const std::size_t at = text.find(unit);
  ASSERT_NE(at, std::string::npos);
  text.insert(at + unit.size(), " translate=\"no\"");
  std::ofstream(xlf, std::ios::binary) << text;
  const stats_pair st = stats_of({testing::fixture_path("workflow/en"), xlf});
  expect_text_agrees_with_json(st.text, st.json);
  const pt::ptree root = parse_json(st.json);
  const pt::ptree& ko = locale_node(root, "ko-KR");
  EXPECT_EQ(ko.get<int>("messages.new"), 0);
  EXPECT_EQ(ko.get<int>("messages.stale"), 0);
  EXPECT_EQ(ko.get<int>("messages.translated"), 2);
}

TEST(stats_held_back, a_field_missing_beside_translated_ones_counts_as_new) {
  // The summary is translated, the description's unit has no target.
  const stats_pair st = stats_of({testing::fixture_path("check/missing_field")});
  expect_text_agrees_with_json(st.text, st.json);
  const pt::ptree root = parse_json(st.json);
  const pt::ptree& de = locale_node(root, "de");
  EXPECT_EQ(de.get<int>("messages.new"), 1);
  EXPECT_EQ(de.get<int>("messages.translated"), 0);
  EXPECT_EQ(de.get<std::uint64_t>("words.new"),
            report::count_words("Start it again from the console.", "en"));
  EXPECT_EQ(de.get<std::uint64_t>("words.translated"),
            report::count_words("The widget stopped.", "en"));
}

TEST(stats_obsolete, merged_files_count_their_obsolete_units_in_every_form) {
  for (const bool v12 : {true, false}) {
    SCOPED_TRACE(v12 ? "xliff12" : "xliff20");
    testing::temp_folder tmp(v12 ? "stats-obsolete12" : "stats-obsolete20");
    namespace fs = std::filesystem;
    fs::copy(testing::fixture_path("workflow/en"), tmp / "en");
    // Every unit translated and approved, sentence by sentence.
    const std::string xlf = tmp / "messages.ko-KR.xlf";
    {
      driver::session s;
      const auto cat = driver::build_catalog({{tmp / "en"}, {}, "en"}, s);
      ASSERT_TRUE(cat);
      std::vector<workflow::unit_set> sets = workflow::extract_units(*cat, s.sources, {"ko-KR"});
      for (auto& [page, units] : sets.at(0).by_page)
        for (workflow::unit& u : units) {
          std::string target;
          for (const workflow::piece& p : workflow::segment_field(u.source)) {
            const std::string text = workflow::join(p.runs);
            if (p.segment) u.segment_targets.emplace_back(text, text);
            target += text;
          }
          u.target = target;
          u.st = model::state::translated;
        }
      std::ofstream(xlf, std::ios::binary)
          << (v12 ? workflow::xliff12::write(sets[0]) : workflow::xliff20::write(sets[0]));
    }
    const stats_pair before = stats_of({tmp / "en", xlf});
    const pt::ptree b = parse_json(before.json);
    const pt::ptree& ko_before = locale_node(b, "ko-KR");
    ASSERT_EQ(ko_before.get<int>("messages.translated"), 2);

    // Sample.Beta's page goes; merge keeps its units as obsolete.
    fs::remove(tmp / "en/beta.md");
    driver::merge_options m;
    m.sources = {tmp / "en"};
    m.xliff_files = {xlf};
    driver::session ms;
    workflow::merge_counts counts;
    ASSERT_EQ(driver::merge(m, ms, &counts), driver::success);
    ASSERT_EQ(counts.obsolete, 4u);

    const stats_pair after = stats_of({tmp / "en", xlf});
    expect_text_agrees_with_json(after.text, after.json);
    const pt::ptree a = parse_json(after.json);
    const pt::ptree& ko = locale_node(a, "ko-KR");
    // What left the totals is what is obsolete now: all of Sample.Beta.
    EXPECT_EQ(ko.get<int>("messages.translated"), 1);
    EXPECT_EQ(ko.get<int>("messages.obsolete"), 1);
    EXPECT_EQ(ko.get<int>("messages.total"), 1);
    for (const char* row : {"segments", "words"}) {
      SCOPED_TRACE(row);
      const std::string r(row);
      EXPECT_GT(ko.get<int>(r + ".obsolete"), 0);
      EXPECT_EQ(ko.get<int>(r + ".obsolete"),
                ko_before.get<int>(r + ".total") - ko.get<int>(r + ".total"));
    }
    // Nothing obsolete is served or checked: the catalog has one message, all translated.
    EXPECT_EQ(ko.get<std::string>("share_translated"), "1.0000");
    EXPECT_EQ(a.get<int>("messages"), 1);
    // The HTML shows the obsolete words in the locale's bar and table.
    driver::stats_options o;
    o.sources = {tmp / "en", xlf};
    o.format = driver::stats_format::html;
    driver::session hs;
    std::string html;
    ASSERT_EQ(driver::stats(o, hs, html), driver::success);
    EXPECT_NE(html.find("<span class=\"obsolete\" style=\"width:"), std::string::npos) << html;
    EXPECT_NE(html.find("title=\"obsolete: " + std::to_string(ko.get<int>("words.obsolete")) +
                        " words\""),
              std::string::npos);

    if (v12) {
      // A locale whose file holds only obsolete units still has every message to translate.
      std::string only = testing::read_file(xlf);
      for (std::size_t at; (at = only.find("target-language=\"ko-KR\"")) != std::string::npos;)
        only.replace(at, 23, "target-language=\"ja-JP\"");
      for (std::size_t at;
           (at = only.find("<trans-unit id=\"Sample.Alpha")) != std::string::npos;) {
        const std::size_t end = only.find("</trans-unit>", at) + 13;
        only.erase(only.rfind('\n', at) + 1, end - only.rfind('\n', at) - 1);
      }
      ASSERT_EQ(only.find("Sample.Alpha"), std::string::npos);
      std::ofstream(tmp / "only.ja-JP.xlf", std::ios::binary) << only;
      const stats_pair j = stats_of({tmp / "en", tmp / "only.ja-JP.xlf"});
      expect_text_agrees_with_json(j.text, j.json);
      const pt::ptree jt = parse_json(j.json);
      const pt::ptree& ja = locale_node(jt, "ja-JP");
      EXPECT_EQ(ja.get<int>("messages.new"), 1);
      EXPECT_EQ(ja.get<int>("messages.total"), 1);
      EXPECT_EQ(ja.get<int>("messages.obsolete"), 1);
      EXPECT_EQ(ja.get<int>("words.obsolete"), ko.get<int>("words.obsolete"));
    }

    // Dropped, they are gone from the stats too.
    m.drop_obsolete = true;
    driver::session ds;
    ASSERT_EQ(driver::merge(m, ds), driver::success);
    const pt::ptree d = parse_json(stats_of({tmp / "en", xlf}).json);
    EXPECT_EQ(locale_node(d, "ko-KR").get<int>("words.obsolete"), 0);
    EXPECT_EQ(locale_node(d, "ko-KR").get<int>("messages.obsolete"), 0);
  }
}

}  // namespace
}  // namespace diaglot::report
