#include "model/model.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace diaglot::model {
namespace {

struct fixture {
  source_manager sources;
  diagnostic_sink sink;
  std::uint32_t file = sources.add("a.md", "line one\nline two\n");

  entry make(std::string id, std::string locale, origin kind, std::string text,
             std::uint32_t offset = 0) {
    entry e;
    e.id = std::move(id);
    e.locale = std::move(locale);
    e.kind = kind;
    e.where = {file, offset};
    field_text f;
    f.name = "summary";
    f.text = std::move(text);
    f.where = e.where;
    e.fields.push_back(f);
    return e;
  }
};

TEST(build_catalog, merges_locales_of_one_message) {
  fixture fx;
  std::vector<entry> in;
  in.push_back(fx.make("A.B", "en", origin::source, "Hello"));
  auto ko = fx.make("A.B", "ko-KR", origin::translation, "안녕");
  ko.fields[0].made_from = "Hello";
  in.push_back(ko);
  const catalog cat = build_catalog(in, {}, "en", fx.sink);
  EXPECT_EQ(fx.sink.error_count(), 0u);
  EXPECT_EQ(fx.sink.warning_count(), 0u);
  ASSERT_EQ(cat.messages.size(), 1u);
  EXPECT_EQ(cat.locales, (std::vector<std::string>{"en", "ko-KR"}));
  EXPECT_EQ(cat.messages[0].fields[0].by_locale.at("ko-KR").text, "안녕");
}

TEST(build_catalog, reports_a_duplicate_with_a_note_at_the_first) {
  fixture fx;
  std::vector<entry> in;
  in.push_back(fx.make("A", "en", origin::source, "one", 9));
  in.push_back(fx.make("A", "en", origin::source, "two", 0));
  build_catalog(in, {}, "en", fx.sink);
  ASSERT_EQ(fx.sink.all().size(), 1u);
  const diagnostic& d = fx.sink.all()[0];
  EXPECT_EQ(d.code, diag::duplicate_id);
  EXPECT_EQ(fx.sources.position(d.where).line, 2u);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(fx.sources.position(d.notes[0].where).line, 1u);
}

TEST(build_catalog, a_translated_field_given_twice_is_named_and_pointed_at) {
  // An XLIFF file that repeats a unit: the message's field, not the message, is defined twice.
  fixture fx;
  std::vector<entry> in;
  in.push_back(fx.make("A", "en", origin::source, "Hello"));
  entry first = fx.make("A", "ko-KR", origin::translation, "KO", 0);
  field_text title;
  title.name = "title";
  title.text = "KO A";
  title.where = {fx.file, 5};
  first.fields.push_back(title);
  entry again = fx.make("A", "ko-KR", origin::translation, "KO2", 9);
  in.push_back(first);
  in.push_back(again);
  const catalog cat = build_catalog(in, {}, "en", fx.sink);
  ASSERT_EQ(fx.sink.error_count(), 1u);
  const diagnostic& d = fx.sink.all()[0];
  EXPECT_EQ(d.code, diag::duplicate_id);
  EXPECT_EQ(d.args, (std::vector<std::string>{"A#summary", "ko-KR"}));
  EXPECT_EQ(d.where.offset, 9u);  // where the second definition begins
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].where.offset, 0u);
  // The first definition is the one served.
  ASSERT_EQ(cat.messages.size(), 1u);
  EXPECT_EQ(cat.messages[0].fields[0].by_locale.at("ko-KR").text, "KO");

  // Two definitions that share no field: the message is named.
  fixture other;
  std::vector<entry> two;
  two.push_back(other.make("B", "en", origin::source, "Hello"));
  two.push_back(other.make("B", "ko-KR", origin::translation, "KO", 0));
  entry title_only = other.make("B", "ko-KR", origin::translation, "KO B", 9);
  title_only.fields[0].name = "title";
  two.push_back(title_only);
  build_catalog(two, {}, "en", other.sink);
  ASSERT_EQ(other.sink.error_count(), 1u);
  EXPECT_EQ(other.sink.all()[0].args, (std::vector<std::string>{"B", "ko-KR"}));
  EXPECT_EQ(other.sink.all()[0].where.offset, 9u);
}

TEST(build_catalog, prefers_an_explicit_english_page_and_flags_stale_translations) {
  fixture fx;
  std::vector<entry> in;
  in.push_back(fx.make("A", "en", origin::derived_source, "Old English"));
  in.push_back(fx.make("A", "en", origin::source, "New English"));
  auto de = fx.make("A", "de-DE", origin::translation, "Altes Deutsch");
  de.fields[0].made_from = "Old English";
  in.push_back(de);
  const catalog cat = build_catalog(in, {}, "en", fx.sink);
  EXPECT_EQ(fx.sink.error_count(), 0u);
  ASSERT_EQ(fx.sink.all().size(), 1u);
  EXPECT_EQ(fx.sink.all()[0].code, diag::stale_translation);
  EXPECT_EQ(cat.messages[0].fields[0].by_locale.at("en").text, "New English");
  EXPECT_EQ(cat.messages[0].fields[0].by_locale.at("de-DE").text, "Altes Deutsch");
}

TEST(build_catalog, a_stale_translation_points_at_the_english_field_that_changed) {
  // Not at the message's title: a page's summary changed, on its second line.
  fixture fx;
  std::vector<entry> in;
  entry en = fx.make("A", "en", origin::source, "New English");
  en.fields[0].where = {fx.file, 9};  // line two
  in.push_back(en);
  auto de = fx.make("A", "de-DE", origin::translation, "Altes Deutsch");
  de.fields[0].made_from = "Old English";
  in.push_back(de);
  build_catalog(in, {}, "en", fx.sink);
  ASSERT_EQ(fx.sink.all().size(), 1u);
  ASSERT_EQ(fx.sink.all()[0].notes.size(), 1u);
  EXPECT_EQ(fx.sources.position(fx.sink.all()[0].notes[0].where).line, 2u);
}

TEST(build_catalog, drops_translations_without_english) {
  fixture fx;
  const catalog cat =
      build_catalog({fx.make("A", "ja-JP", origin::translation, "x")}, {}, "en", fx.sink);
  EXPECT_TRUE(cat.messages.empty());
  ASSERT_EQ(fx.sink.all().size(), 1u);
  EXPECT_EQ(fx.sink.all()[0].code, diag::orphan_translation);
}

TEST(build_catalog, assigns_codes_by_last_dotted_part_and_rejects_duplicates) {
  fixture fx;
  code_table codes;
  codes.by_name = {{"Invalid", 0x4000F}, {"Other", 7}};
  auto page = fx.make("Sys.Other", "en", origin::source, "o");
  page.code = 0x4000F;
  const catalog cat = build_catalog(
      {fx.make("Sys.Channels.Invalid", "en", origin::source, "i"), page}, codes, "en", fx.sink);
  ASSERT_EQ(cat.messages.size(), 2u);
  EXPECT_EQ(cat.messages[0].code, 0x4000Fu);
  // Sys.Other's page says 0x4000F but the table says 7: the page wins, then clashes.
  std::vector<diag> got;
  for (const auto& d : fx.sink.all()) got.push_back(d.code);
  EXPECT_EQ(got, (std::vector<diag>{diag::code_conflict, diag::duplicate_code}));
}

TEST(build_catalog, a_code_name_two_messages_end_with_names_neither) {
  fixture fx;
  code_table codes;
  codes.by_name = {{"Trace", 5}, {"Unused", 6}, {"Whole", 9}};
  codes.where["Trace"] = {fx.file, 5};
  const catalog cat = build_catalog(
      {fx.make("A.Trace", "en", origin::source, "a"), fx.make("B.Trace", "en", origin::source, "b"),
       fx.make("Whole", "en", origin::source, "w"),
       fx.make("C.NotTrace", "en", origin::source, "c")},
      codes, "en", fx.sink);
  ASSERT_EQ(cat.messages.size(), 4u);
  ASSERT_EQ(fx.sink.all().size(), 1u);
  const diagnostic& d = fx.sink.all()[0];
  EXPECT_EQ(d.code, diag::ambiguous_code_name);
  EXPECT_EQ(d.where.offset, 5u);
  EXPECT_EQ(d.args, (std::vector<std::string>{"Trace", "A.Trace", "B.Trace"}));
  EXPECT_FALSE(cat.find("A.Trace")->code);
  EXPECT_FALSE(cat.find("B.Trace")->code);
  EXPECT_FALSE(cat.find("C.NotTrace")->code);
  EXPECT_EQ(cat.find("Whole")->code, 9u);  // an ID without a dot is its own last part
}

TEST(build_catalog, result_does_not_depend_on_entry_order) {
  fixture fx;
  std::vector<entry> in;
  for (int i = 0; i < 50; ++i) {
    in.push_back(fx.make("M" + std::to_string(i), "en", origin::source, "t" + std::to_string(i)));
    in.push_back(fx.make("M" + std::to_string(i), i % 2 ? "ko-KR" : "de-DE", origin::translation,
                         "x" + std::to_string(i)));
  }
  const catalog a = build_catalog(in, {}, "en", fx.sink);
  std::shuffle(in.begin(), in.end(), std::mt19937(42));
  const catalog b = build_catalog(in, {}, "en", fx.sink);
  ASSERT_EQ(a.messages.size(), b.messages.size());
  for (std::size_t i = 0; i < a.messages.size(); ++i) {
    EXPECT_EQ(a.messages[i].id, b.messages[i].id);
    EXPECT_EQ(a.messages[i].fields[0].by_locale.size(), b.messages[i].fields[0].by_locale.size());
  }
  EXPECT_EQ(a.locales, b.locales);
}

/// Every diagnostic as code, offset and arguments, notes included, in order.
std::vector<std::string> reported(const diagnostic_sink& sink) {
  std::vector<std::string> out;
  const auto one = [&](const diagnostic& d) {
    std::string line =
        std::to_string(static_cast<int>(d.code)) + "@" + std::to_string(d.where.offset);
    for (const std::string& a : d.args) line += " " + a;
    out.push_back(line);
  };
  for (const diagnostic& d : sink.all()) {
    one(d);
    for (const diagnostic& n : d.notes) one(n);
  }
  return out;
}

TEST(build_catalog, same_catalog_and_diagnostics_on_any_number_of_threads) {
  // Enough messages to be split across threads, with duplicates, orphans and stale
  // translations spread over the ranges.
  fixture fx;
  std::vector<entry> in;
  std::size_t with_english = 0;
  for (int i = 0; i < 9000; ++i) {
    const std::string id = "M" + std::to_string(i);
    const auto offset = static_cast<std::uint32_t>(i % 17);
    if (i % 101 != 0) in.push_back(fx.make(id, "en", origin::source, "t" + id, offset));
    if (i % 997 == 0) in.push_back(fx.make(id, "en", origin::source, "again", offset + 1));
    if (i % 101 != 0 || i % 997 == 0) ++with_english;
    for (const char* locale : {"de", "ko-KR", "fr"}) {
      entry t = fx.make(id, locale, origin::translation, std::string(locale) + id, offset);
      t.fields[0].made_from = i % 89 == 0 ? "older" : "t" + id;
      in.push_back(t);
    }
    if (i % 499 == 0) in.push_back(fx.make(id, "de", origin::translation, "twice", offset + 2));
  }
  std::shuffle(in.begin(), in.end(), std::mt19937(7));
  diagnostic_sink one_sink, many_sink;
  const catalog one = build_catalog(in, {}, "en", one_sink, 1);
  const catalog many = build_catalog(in, {}, "en", many_sink, 4);
  EXPECT_EQ(reported(one_sink), reported(many_sink));
  EXPECT_GT(one_sink.error_count(), 0u);
  EXPECT_GT(one_sink.warning_count(), 0u);
  EXPECT_EQ(one.locales, many.locales);
  ASSERT_EQ(one.messages.size(), many.messages.size());
  EXPECT_EQ(one.messages.size(), with_english);
  for (std::size_t i = 0; i < one.messages.size(); ++i) {
    const message& a = one.messages[i];
    const message& b = many.messages[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.states, b.states);
    ASSERT_EQ(a.fields.size(), b.fields.size());
    for (std::size_t f = 0; f < a.fields.size(); ++f) {
      ASSERT_EQ(a.fields[f].by_locale.size(), b.fields[f].by_locale.size());
      auto x = a.fields[f].by_locale.begin();
      for (const auto& [locale, text] : b.fields[f].by_locale) {
        EXPECT_EQ(x->first, locale);
        EXPECT_EQ(x->second.text, text.text);
        ++x;
      }
    }
  }
}

}  // namespace
}  // namespace diaglot::model
