// The fast way of asking ICU for matching facts (one region per class LocaleMatcher cannot tell
// apart, likely scripts only where the data names a region, and no question LocaleMatcher's
// distance data already answers) gives what asking about every language, script and region
// gives, and a prefetched result is the one a direct call computes.
#include "locale/match_data.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace diaglot::locale_data {
namespace {

/// Every fact of a match_data as text, so a difference shows where it is.
std::string describe(const match_data& m) {
  std::string out;
  for (const lsr& l : m.locales) out += l.language + "-" + l.script + "-" + l.region + " ";
  out += "\nflags/rank/answer:";
  for (std::size_t i = 0; i < m.flags.size(); ++i)
    out += " " + std::to_string(m.flags[i]) + "/" + std::to_string(m.rank[i]) + "/" +
           std::to_string(m.answer[i]);
  out += "\naliases:";
  for (const auto& [from, to] : m.aliases) out += " " + from + ">" + to;
  out += "\nlikely:";
  for (const auto& f : m.likely) out += " " + f.key + "=" + f.script + "-" + f.region;
  for (const match_rule& r : m.rules) {
    out += "\nrule " + r.language + "/" + r.script + " otherwise " +
           std::to_string(r.otherwise.locale) + "@" + std::to_string(r.otherwise.distance);
    for (const auto& [region, a] : r.regions)
      out += " " + region + "=" + std::to_string(a.locale) + "@" + std::to_string(a.distance);
  }
  out += "\nunverified " + std::to_string(m.unverified) + "\n";
  return out;
}

void expect_fast_is_exhaustive(const std::vector<std::string>& locales) {
  const match_data fast = build_match_data(locales, "en", match_mode::fast);
  const match_data all = build_match_data(locales, "en", match_mode::exhaustive);
  EXPECT_FALSE(fast.rules.empty());
  EXPECT_EQ(describe(fast), describe(all));
}

TEST(match_data, fast_equals_exhaustive_for_languages_with_regional_variants) {
  // Regions that are catalog locales' own (exact matches), regions in partitions of their own
  // (en-GB, es-419, pt-PT), scripts with likely regions (zh-Hant, sr-Latn), and languages near
  // others (gsw to de, nn to nb).
  expect_fast_is_exhaustive({"de", "de-CH", "en", "en-GB", "es", "es-419", "gsw", "nb", "nn",
                             "pt-BR", "pt-PT", "sr-Latn", "zh-Hans", "zh-Hant-HK"});
}

TEST(match_data, fast_equals_exhaustive_for_a_wcf_like_catalog) {
  expect_fast_is_exhaustive({"cs", "de", "en", "es", "fr", "it", "ja", "ko", "pl", "pt-BR", "ru",
                             "tr", "zh-Hans", "zh-Hant"});
}

TEST(match_data, fast_equals_exhaustive_for_script_and_region_variants_of_one_language) {
  // zh-TW next to zh-Hant (same subtags once maximized), Serbian in both scripts, the two
  // Portugueses, and es-419: region keys below script pairs and regions of one partition.
  expect_fast_is_exhaustive({"en", "es", "es-419", "pt-BR", "pt-PT", "sr-Cyrl", "sr-Latn",
                             "zh-Hans", "zh-Hant", "zh-TW"});
}

TEST(match_data, fast_equals_exhaustive_for_languages_the_data_does_not_know) {
  // tlh has no likely subtags (it takes und's with a region), qaa is private use; the distance
  // data pairs neither with anything but tlh with en.
  expect_fast_is_exhaustive({"en", "fr", "qaa", "tlh"});
}

TEST(match_data, fast_equals_exhaustive_for_aliased_and_three_letter_codes) {
  // iw and mo are aliases (he, ro), fil has no 2-letter form, and a request for "heb" or
  // "ron" reads as he or ro.
  expect_fast_is_exhaustive({"en", "fil", "iw", "mo"});
}

TEST(match_data, fast_equals_exhaustive_for_languages_only_the_distance_data_knows) {
  // sh is paired with sr, hr and bs, aao and aeb with ar, qub with qu; ICU's likely-subtags data
  // knows none of sh, aao and qub, which take und's subtags.
  expect_fast_is_exhaustive({"ar", "bs", "en", "hr", "qu", "sr-Latn"});
}

TEST(match_data, languages_the_likely_data_does_not_know_share_und_facts) {
  // sh and tlh take und's likely subtags ("sh-RS" is Cyrl as "und-RS" is): one fact each, with
  // no script and no region, and the "und" facts once, instead of a copy for each language.
  const match_data m = build_match_data({"en", "hr", "sr-Cyrl", "sr-Latn"}, "en");
  EXPECT_EQ(m.unverified, 0u);
  auto find = [&](const std::string& key) -> const match_data::fact* {
    for (const match_data::fact& f : m.likely)
      if (f.key == key) return &f;
    return nullptr;
  };
  for (const char* language : {"sh", "tlh"}) {
    const match_data::fact* f = find(language);
    ASSERT_TRUE(f) << language;
    EXPECT_EQ(f->script + "-" + f->region, "-") << language;
  }
  const match_data::fact* und = find("und");
  ASSERT_TRUE(und);
  EXPECT_EQ(und->script + "-" + und->region, "Latn-US");
  ASSERT_TRUE(find("und-RS"));
  EXPECT_EQ(find("und-RS")->script, "Cyrl");
  ASSERT_TRUE(find("und-Cyrl"));
  EXPECT_EQ(find("und-Cyrl")->region, "RU");
  for (const match_data::fact& f : m.likely) {
    EXPECT_NE(f.key.rfind("sh-", 0), 0u) << f.key;
    EXPECT_NE(f.key.rfind("tlh-", 0), 0u) << f.key;
  }
  // A language the data knows keeps its own facts.
  ASSERT_TRUE(find("sr"));
  EXPECT_EQ(find("sr")->script + "-" + find("sr")->region, "Cyrl-RS");
  ASSERT_TRUE(find("sr-ME"));
  EXPECT_EQ(find("sr-ME")->script, "Latn");
}

TEST(match_data, fast_equals_exhaustive_for_languages_whose_other_script_is_near) {
  // The distance data has script pairs below ar/ar, hi/hi, bn/en and ja/ja (Latin-script
  // requests, kana), and region keys below some of them.
  expect_fast_is_exhaustive({"ar", "bn", "en", "hi", "ja"});
}

TEST(match_data, a_prefetched_result_is_what_a_direct_call_computes) {
  const std::vector<std::string> locales = {"de", "en", "fr-CA", "zh-Hant"};
  const std::string direct = describe(build_match_data(locales, "en"));
  prefetch_match_data(locales, "en");
  EXPECT_EQ(describe(build_match_data(locales, "en")), direct);
  // A prefetch for other locales is not taken, and a cancelled one is not either.
  prefetch_match_data({"de", "en"}, "en");
  EXPECT_EQ(describe(build_match_data(locales, "en")), direct);
  prefetch_match_data(locales, "en");
  cancel_prefetch();
  EXPECT_EQ(describe(build_match_data(locales, "en")), direct);
  cancel_prefetch();  // nothing pending: nothing happens
  // Asked twice for the same locales (the loader's guess, then the catalog's): one answer.
  prefetch_match_data(locales, "en");
  prefetch_match_data(locales, "en");
  EXPECT_EQ(describe(build_match_data(locales, "en")), direct);
  // A guess that turns out wrong is replaced by the right question.
  prefetch_match_data({"de", "en", "fr"}, "en");
  prefetch_match_data(locales, "en");
  EXPECT_EQ(describe(build_match_data(locales, "en")), direct);
}

}  // namespace
}  // namespace diaglot::locale_data
