// The runtime over planned tables: locale names, preference lists, the environment and lookups.
// The runtime itself links no ICU (tests/runtime/no_icu_symbols.cmake checks it); ICU's own
// answers are compared with it in tests/plan/locale_negotiate_icu_test.cpp.
#include "diaglot/catalog.hpp"
#include "diaglot/environment.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "plan/table_plan.hpp"
#include "plan/test_catalog.hpp"

namespace diaglot {
namespace {

/// A planned table (the compiler bakes ICU's matching facts) with one message in the locales
/// given: every locale but the source lacks the description and falls back to the source.
class hand_table {
 public:
  explicit hand_table(const std::vector<std::string>& locales, std::uint32_t source)
      : plan_(make(locales, source)), t_(plan_.view()) {}
  hand_table(const hand_table&) = delete;

  catalog cat() const { return catalog(t_); }

 private:
  static plan::table_plan make(const std::vector<std::string>& locales, std::uint32_t source) {
    testing::catalog_builder b(locales, locales[source]);
    for (const std::string& l : locales) b.text("Trace.Started", "summary", l, "summary " + l);
    b.text("Trace.Started", "description", locales[source], "description " + locales[source]);
    b.code("Trace.Started", 0x4000F);
    return plan::make_plan(b.build());
  }

  plan::table_plan plan_;
  detail::table t_;
};

const std::vector<std::string> many = {"en",      "he",      "ko-KR",   "nb",
                                       "sr-Cyrl", "sr-Latn", "zh-Hans", "zh-Hant"};

std::string resolve(const catalog& c, std::string_view name) {
  return std::string(c.tag(c.locale(name)));
}
std::string negotiate(const catalog& c, std::string_view prefs) {
  return std::string(c.tag(c.negotiate(prefs)));
}

TEST(runtime_locale, reads_bcp47_posix_and_windows_names) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  EXPECT_EQ(resolve(c, "ko-KR"), "ko-KR");
  EXPECT_EQ(resolve(c, "KO-kr"), "ko-KR");
  EXPECT_EQ(resolve(c, "ko_KR.UTF-8"), "ko-KR");
  EXPECT_EQ(resolve(c, "ko_KR.UTF-8@euro"), "ko-KR");
  EXPECT_EQ(resolve(c, " ko-KR\n"), "ko-KR");
  EXPECT_EQ(resolve(c, "zh_TW.Big5"), "zh-Hant");
  EXPECT_EQ(resolve(c, "zh-Hant-TW-u-nu-hanidec"), "zh-Hant");
  EXPECT_EQ(resolve(c, "zh-MO"), "zh-Hant");
  EXPECT_EQ(resolve(c, "zh-SG"), "zh-Hans");
  EXPECT_EQ(resolve(c, "zh-hans-x-private"), "zh-Hans");
  EXPECT_EQ(resolve(c, "sr_RS"), "sr-Cyrl");
  EXPECT_EQ(resolve(c, "sr_RS@latin"), "sr-Latn");
  EXPECT_EQ(resolve(c, "sr-Latn-RS"), "sr-Latn");
}

TEST(runtime_locale, maps_deprecated_language_codes) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  EXPECT_EQ(resolve(c, "iw_IL"), "he");
  EXPECT_EQ(resolve(c, "no"), "nb");
  EXPECT_EQ(resolve(c, "no-NO"), "nb");
}

TEST(runtime_locale, neutral_and_unknown_names_give_the_source) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  for (const char* name : {"", "C", "c", "POSIX", "C.UTF-8", "fr", "xx-!!", "ko-", "-ko", "ko--KR",
                           "i-klingon", "x-private", "e", "toolonglanguage", "\xff\xfe", "ko KR"})
    EXPECT_EQ(resolve(c, name), "en") << name;
  EXPECT_EQ(resolve(c, std::string(5000, 'a')), "en");
  EXPECT_EQ(resolve(c, std::string("ko\0KR", 5)), "en");  // a NUL is no separator
  EXPECT_EQ(resolve(c, "ko"), "ko-KR");
}

TEST(runtime_locale, neutral_names_give_the_catalog_source) {
  const hand_table t(many, 2);  // ko-KR is the source here
  const catalog c = t.cat();
  EXPECT_EQ(resolve(c, "C"), "ko-KR");
  EXPECT_EQ(resolve(c, "POSIX"), "ko-KR");
  EXPECT_EQ(resolve(c, "fr"), "ko-KR");
  EXPECT_EQ(resolve(c, "en"), "en");
  EXPECT_EQ(c.find("Trace.Started", c.locale("he"))->field("description"), "description ko-KR");
}

TEST(runtime_negotiate, orders_by_quality_then_position) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  EXPECT_EQ(negotiate(c, "fr-CH, fr;q=0.9, ko;q=0.8, *;q=0.1"), "ko-KR");
  EXPECT_EQ(negotiate(c, "ko;q=0.1, zh-TW;q=0.5"), "zh-Hant");
  EXPECT_EQ(negotiate(c, "he;q=0.5, ko;q=0.5"), "he");
  EXPECT_EQ(negotiate(c, "ko;q=0.500, he;q=0.501"), "he");
  EXPECT_EQ(negotiate(c, "ko;q=1.000, he"), "ko-KR");
  EXPECT_EQ(negotiate(c, " KO ; Q = 0.5 , zh-hk;q=0.4"), "ko-KR");
  // "*" is an item ICU matches with nothing; Korean still counts after it.
  EXPECT_EQ(negotiate(c, "fr, *;q=0.5, ko;q=0.1"), "ko-KR");
  EXPECT_EQ(negotiate(c, "*"), "en");
  // A repeated range moves to the end with its new weight; q=0 removes it.
  EXPECT_EQ(negotiate(c, "ko, he, ko;q=0"), "he");
  EXPECT_EQ(negotiate(c, "ko, he, ko"), "he");
}

TEST(runtime_negotiate, skips_malformed_and_unacceptable_items) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  EXPECT_EQ(negotiate(c, "ko;q=0, he"), "he");
  EXPECT_EQ(negotiate(c, "ko;q=0.000, he;q=0.1"), "he");
  EXPECT_EQ(negotiate(c, "ko;q=2, he;q=0.1"), "he");
  EXPECT_EQ(negotiate(c, "ko;q=1.5, he;q=0.1"), "he");
  EXPECT_EQ(negotiate(c, "ko;q=0.1234, he;q=0.1"), "he");
  EXPECT_EQ(negotiate(c, "ko;q=abc, he;q=0.1"), "he");
  EXPECT_EQ(negotiate(c, "ko;q=, he;q=0.1"), "he");
  EXPECT_EQ(negotiate(c, ",,;,ko"), "ko-KR");
  EXPECT_EQ(negotiate(c, ""), "en");
  EXPECT_EQ(negotiate(c, "fr, de"), "en");
}

TEST(runtime_negotiate, reads_colon_lists) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  EXPECT_EQ(negotiate(c, "fr:ko:he"), "ko-KR");
  EXPECT_EQ(negotiate(c, "ko_KR.UTF-8:he"), "ko-KR");
  EXPECT_EQ(negotiate(c, "fr::sr_RS@latin"), "sr-Latn");
  EXPECT_EQ(negotiate(c, "ko"), "ko-KR");
}

TEST(runtime_negotiate, demotes_each_further_item) {
  // ICU's LocaleMatcher: each item must beat the best so far by 5 points; after ten items with
  // no match, nothing later can.
  const hand_table t(many, 0);
  const catalog c = t.cat();
  std::string prefs;
  for (const char* l : {"fr", "de", "it", "es", "pt", "pl", "cs", "hu", "tr"})
    prefs += l + std::string(", ");
  EXPECT_EQ(negotiate(c, prefs + "ko"), "ko-KR");   // the 10th item still counts
  EXPECT_EQ(negotiate(c, prefs + "ro, ko"), "en");  // the 11th does not
  const std::string header = prefs + "ko";
  const catalog::negotiation n = c.explain(header);
  // "ko" gives ko-KR's subtags but not its region: ICU's micro distance of 1/8 point.
  EXPECT_EQ(n.why, catalog::negotiation::reason::closest);
  EXPECT_EQ(n.distance, 1);
  EXPECT_EQ(n.item, "ko");
  EXPECT_EQ(n.considered, 10);
}

/// Hostile Accept-Language values: long, many items, invalid bytes.
std::vector<std::pair<std::string, std::string>> hostile_headers() {
  std::vector<std::pair<std::string, std::string>> out;
  std::string many;
  for (int i = 0; i < 10000; ++i) many += "x" + std::to_string(i % 97) + "x;q=0.5,";
  out.emplace_back("10,000 items", many);
  out.emplace_back("100 KB item", std::string(100 * 1024, 'a'));
  std::string bytes;
  for (int i = 0; i < 100 * 1024; ++i) bytes += static_cast<char>((i * 131) % 256);
  out.emplace_back("100 KB invalid bytes", bytes);
  std::string commas(100 * 1024, ',');
  out.emplace_back("100 KB commas", commas);
  std::string q;
  for (int i = 0; i < 10000; ++i) q += "zz;q=0.001, ";
  out.emplace_back("10,000 weighted items", q + "ko");
  return out;
}

TEST(runtime_negotiate, hostile_headers_pick_the_default) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  for (const auto& [name, header] : hostile_headers()) {
    const auto start = std::chrono::steady_clock::now();
    constexpr int rounds = 20;
    locale got;
    for (int i = 0; i < rounds; ++i) got = c.negotiate(header);
    const auto us =
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count() /
        rounds;
    EXPECT_EQ(c.tag(got), "en") << name;
    // A figure for the report, not an assertion.
    std::cout << "[ hostile ] " << name << " (" << header.size() << " bytes): " << us
              << " us per negotiate()\n";
  }
}

TEST(runtime_environment, follows_gettext) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  struct row {
    locale_environment env;
    const char* want;
  };
  const row rows[] = {
      // LANGUAGE > LC_ALL > LC_MESSAGES > LANG
      {{"", "", "", "ko_KR.UTF-8"}, "ko-KR"},
      {{"", "", "he_IL.UTF-8", "ko_KR.UTF-8"}, "he"},
      {{"", "zh_TW.Big5", "he_IL.UTF-8", "ko_KR.UTF-8"}, "zh-Hant"},
      {{"he:ko", "zh_TW.UTF-8", "", ""}, "he"},
      {{"fr:ko", "", "", "de_DE.UTF-8"}, "ko-KR"},
      // LANGUAGE replaces the locale name: nothing it lists gives the source, not LANG
      {{"fr", "", "", "ko_KR.UTF-8"}, "en"},
      // LANGUAGE is ignored when the locale is C (unset means C)
      {{"ko", "C", "", "he_IL.UTF-8"}, "en"},
      {{"ko", "", "", "POSIX"}, "en"},
      {{"ko", "", "", ""}, "en"},
      {{"ko", "", "C", "he_IL.UTF-8"}, "en"},
      {{"ko", "", "", "C.UTF-8"}, "ko-KR"},
      {{"", "", "", "C.UTF-8"}, "en"},
      // empty entries are skipped; names are POSIX, BCP 47 or Windows
      {{"::ko", "", "", "en_US.UTF-8"}, "ko-KR"},
      {{"sr@latin:en", "", "", "sr_RS.UTF-8"}, "sr-Latn"},
      {{"", "", "", "sr_RS.UTF-8@latin"}, "sr-Latn"},
      {{"", "", "", "sr_RS@latin"}, "sr-Latn"},
      {{"", "", "", "sr_RS"}, "sr-Cyrl"},
      {{"", "", "", "zh_TW.Big5"}, "zh-Hant"},
      {{"", "", "", "zh-CHS"}, "zh-Hans"},
      {{"", "", "", "zh-CHT"}, "zh-Hant"},
      {{"", "", "", "de-DE-u-co-phonebk"}, "en"},
      {{"", "", "", "iw_IL.ISO-8859-8"}, "he"},
      {{"", "", "", "nb_NO.UTF-8"}, "nb"},
      {{"", "", "", "no_NO"}, "nb"},
      {{"", "", "", "ko-KR"}, "ko-KR"},
      {{"", "", "", "zh-Hant-TW"}, "zh-Hant"},
  };
  for (const row& r : rows)
    EXPECT_EQ(c.tag(environment_locale(c, r.env)), r.want)
        << "LANGUAGE=" << r.env.language << " LC_ALL=" << r.env.lc_all
        << " LC_MESSAGES=" << r.env.lc_messages << " LANG=" << r.env.lang;
}

TEST(runtime_environment, reads_the_first_max_preferences_elements_of_language) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  // Elements are counted empty or not: "ko" is read as the 256th element, not as the 257th.
  const std::string within = std::string(catalog::max_preferences - 1, ':') + "ko";
  const std::string beyond = std::string(catalog::max_preferences, ':') + "ko";
  EXPECT_EQ(c.tag(environment_locale(c, {within, "", "", "fr_FR.UTF-8"})), "ko-KR");
  EXPECT_EQ(c.tag(environment_locale(c, {beyond, "", "", "ko_KR.UTF-8"})), "en");
  // Malformed names do not count against the bound of negotiate(): here the 300th name is read.
  std::vector<std::string> names(299, "!");
  names.push_back("he");
  const std::vector<std::string_view> views(names.begin(), names.end());
  EXPECT_EQ(c.tag(c.negotiate(views.data(), views.size())), "he");
}

TEST(runtime_find, compares_the_whole_key) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  const locale ko = c.locale("ko-KR");
  const auto m = c.find("Trace.Started", ko);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->id(), "Trace.Started");
  EXPECT_EQ(m->text(), "summary ko-KR");
  EXPECT_EQ(m->locale(), ko);
  EXPECT_EQ(m->field("description"), "description en");
  EXPECT_EQ(m->field_locale(1), c.source_locale());
  EXPECT_EQ(m->field("missing"), "");
  EXPECT_EQ(m->code(), 0x4000Fu);
  for (const std::string_view miss :
       {std::string_view("Trace.Starte"), std::string_view("Trace.StartedX"), std::string_view(""),
        std::string_view("Trace.Started\0", 14), std::string_view("Trace\0Started", 13),
        std::string_view("trace.started")})
    EXPECT_FALSE(c.find(miss, ko)) << miss;
}

TEST(runtime_find, tells_apart_ids_that_share_their_sampled_bytes) {
  // IDs alike in their first and last 150 bytes share what the bucket hash reads of them (see
  // detail::hash_sample): their buckets place them by the hash of the whole ID.
  testing::catalog_builder b({"en"});
  for (int i = 0; i < 300; ++i)
    b.text("Contoso.Storage.Channels.Message" + std::to_string(i), "text", "en",
           "text " + std::to_string(i));
  const std::string wide(150, 'w');
  for (const char c : {'a', 'b', 'c', 'd'})
    b.text(wide + c + wide, "text", "en", std::string("wide ") + c);
  const plan::table_plan plan = plan::make_plan(b.build());
  ASSERT_EQ(plan.id_sample.sampled, 1u);
  EXPECT_TRUE(std::any_of(plan.bucket.begin(), plan.bucket.end(), [](std::uint32_t entry) {
    return (entry & (detail::bucket_direct | detail::bucket_rehash)) == detail::bucket_rehash;
  }));
  const detail::table t = plan.view();
  const catalog cat(t);
  const locale en = cat.source_locale();
  for (int i = 0; i < 300; ++i) {
    const auto m = cat.find("Contoso.Storage.Channels.Message" + std::to_string(i), en);
    ASSERT_TRUE(m) << i;
    EXPECT_EQ(m->text(), "text " + std::to_string(i));
  }
  for (const char c : {'a', 'b', 'c', 'd'}) {
    const auto m = cat.find(wide + c + wide, en);
    ASSERT_TRUE(m) << c;
    EXPECT_EQ(m->text(), std::string("wide ") + c);
  }
  // Same sample, other IDs: the comparison of the whole ID turns them away.
  for (const char c : {'e', 'A', '\0'}) EXPECT_FALSE(cat.find(wide + c + wide, en)) << int{c};
  EXPECT_FALSE(cat.find("Contoso.Storage.Channels.Message300", en));
}

TEST(runtime_find, by_code_and_typed_index) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  const auto m = c.find(0x4000Fu, c.source_locale());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->id(), "Trace.Started");
  EXPECT_FALSE(c.find(0x4000Eu, c.source_locale()));
  EXPECT_FALSE(c.find(detail::no_code, c.source_locale()));
  EXPECT_EQ(c.get(message_id{0}, c.locale("zh-TW")).text(), "summary zh-Hant");
}

TEST(runtime_locale, a_handle_from_another_catalog_stands_for_its_tag) {
  // A service with two catalogs resolves one locale and uses it with both: each serves the
  // same tag (or what its locale() makes of it), never the other's index.
  const hand_table one({"de", "en", "ko-KR"}, 1), two(many, 0);
  const catalog a = one.cat(), b = two.cat();
  const diaglot::locale ko = a.locale("ko_KR.UTF-8");
  ASSERT_EQ(a.tag(ko), "ko-KR");
  EXPECT_EQ(b.find("Trace.Started", ko)->text(), "summary ko-KR");
  EXPECT_EQ(b.tag(b.find("Trace.Started", ko)->locale()), "ko-KR");
  // get() by typed ID adopts it too: en is index 1 of `one`, and `two`'s index 1 is he.
  EXPECT_EQ(b.get(message_id{0}, a.locale("en")).text(), "summary en");
  EXPECT_EQ(b.tag(b.get(message_id{0}, a.locale("en")).locale()), "en");
  EXPECT_EQ(b.get(message_id{0}, ko).text(), "summary ko-KR");
  EXPECT_EQ(b.get(message_id{0}, b.own(ko)).text(), "summary ko-KR");
  // zh-Hant, index 7 of `two`, given to `one` (three locales): its source, not past its arrays.
  EXPECT_EQ(a.get(message_id{0}, b.locale("zh-TW")).text(), "summary en");
  EXPECT_EQ(a.get(message_id{0}, diaglot::locale(7)).text(), "summary en");
  EXPECT_EQ(b.find(0x4000Fu, ko)->text(), "summary ko-KR");
  EXPECT_EQ(b.tag(ko), "ko-KR");
  // A locale the other catalog lacks: what its locale() gives for the tag (here its source).
  EXPECT_EQ(b.find("Trace.Started", a.locale("de"))->text(), "summary en");
  // zh-Hant is index 7 of eight in `two`; `one` has three: resolved by tag, not read past them.
  const diaglot::locale hant = b.locale("zh-TW");
  EXPECT_EQ(a.find("Trace.Started", hant)->text(), "summary en");
  EXPECT_EQ(a.tag(a.find("Trace.Started", hant)->locale()), "en");
  // An index alone: that locale of whichever catalog, the source when out of range.
  EXPECT_EQ(a.tag(a.find("Trace.Started", diaglot::locale(2))->locale()), "ko-KR");
  EXPECT_EQ(a.find("Trace.Started", diaglot::locale(7))->text(), "summary en");
}

}  // namespace
}  // namespace diaglot

namespace diaglot {
namespace {

TEST(runtime_locale, survives_arbitrary_names_and_lists) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  const std::string alphabet = "abkozhrsKRTWHant-_.@:;,=q01. *\t\xff";
  std::uint64_t state = 0x9e3779b97f4a7c15ull;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int round = 0; round < 20000; ++round) {
    std::string s(next() % 48, ' ');
    for (char& ch : s) ch = alphabet[next() % alphabet.size()];
    ASSERT_LT(c.locale(s).index(), c.locale_count()) << s;
    ASSERT_LT(c.negotiate(s).index(), c.locale_count()) << s;
  }
}

}  // namespace
}  // namespace diaglot
