// negotiate() against ICU's LocaleMatcher, the oracle, on a grid of supported lists drawn from
// the locales of the shared corpus and requests drawn from ICU's (CLDR's) locales in the shapes
// real Accept-Language headers and LANGUAGE lists have. Every pair must agree.
#include <unicode/bytestrie.h>
#include <unicode/localematcher.h>
#include <unicode/locid.h>
#include <unicode/uloc.h>
#include <unicode/ures.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "diaglot/catalog.hpp"
#include "plan/table_plan.hpp"
#include "plan/test_catalog.hpp"
#include "support/corpus.hpp"

namespace diaglot::plan {
namespace {

namespace fs = std::filesystem;

/// ICU's LocaleMatcher over a catalog's locales in table order, the source as default.
class icu_oracle {
 public:
  icu_oracle(const std::vector<std::string>& supported, const std::string& source) {
    UErrorCode status = U_ZERO_ERROR;
    icu::LocaleMatcher::Builder builder;
    for (const std::string& tag : supported)
      builder.addSupportedLocale(icu::Locale::forLanguageTag(tag, status));
    const icu::Locale def = icu::Locale::forLanguageTag(source, status);
    builder.setDefaultLocale(&def);
    matcher_ = std::make_unique<icu::LocaleMatcher>(builder.build(status));
    EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  }

  /// The answer for an Accept-Language value, or "error" when ICU rejects the whole value.
  std::string accept_language(const std::string& header) const {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale* best = matcher_->getBestMatchForListString(header, status);
    if (U_FAILURE(status) || !best) return "error";
    return best->toLanguageTag<std::string>(status);
  }

  /// The answer for a list of locales, most preferred first.
  std::string list(const std::vector<std::string>& tags) const {
    UErrorCode status = U_ZERO_ERROR;
    std::vector<icu::Locale> locales;
    for (const std::string& t : tags) locales.push_back(icu::Locale(t.c_str()));
    icu::Locale::RangeIterator<std::vector<icu::Locale>::const_iterator> it(locales.begin(),
                                                                            locales.end());
    const icu::Locale* best = matcher_->getBestMatch(it, status);
    return best ? best->toLanguageTag<std::string>(status) : "error";
  }

 private:
  std::unique_ptr<icu::LocaleMatcher> matcher_;
};

/// A plan and a runtime catalog over its view.
struct planned {
  planned(const std::vector<std::string>& locales, const std::string& source)
      : plan(make_plan(testing::catalog_builder(locales, source).build())),
        table(plan.view()),
        cat(table) {}
  table_plan plan;
  detail::table table;
  catalog cat;
};

/// The locales of the corpus: sxs folder names and XLIFF file-name suffixes, canonicalized.
std::vector<std::string> corpus_locales(const std::string& corpus) {
  std::set<std::string> out = {"en"};
  for (const auto& e : fs::directory_iterator(corpus + "/wcf-traces/sxs"))
    out.insert(e.path().filename().string());
  for (const auto& e : fs::recursive_directory_iterator(corpus + "/wcf-xliff")) {
    if (e.path().extension() != ".xlf") continue;
    const std::string stem = e.path().stem().string();
    const std::size_t dot = stem.rfind('.');
    if (dot != std::string::npos) out.insert(stem.substr(dot + 1));
  }
  return {out.begin(), out.end()};
}

/// CLDR's locales as ICU ships them, as BCP 47 tags ("de-CH", "zh-Hant-HK", "sr-Latn").
std::vector<std::string> cldr_locales() {
  std::vector<std::string> out;
  for (int32_t i = 0; i < uloc_countAvailable(); ++i) {
    char tag[ULOC_FULLNAME_CAPACITY];
    UErrorCode status = U_ZERO_ERROR;
    uloc_toLanguageTag(uloc_getAvailable(i), tag, sizeof tag, true, &status);
    if (U_SUCCESS(status)) out.push_back(tag);
  }
  return out;
}

/// The supported lists of the grid: the corpus catalogs as they are, then random subsets of the
/// corpus locales (the source always among them; sometimes not English).
std::vector<std::pair<std::vector<std::string>, std::string>> supported_lists(
    const std::vector<std::string>& corpus, std::mt19937& rng) {
  std::vector<std::pair<std::vector<std::string>, std::string>> out = {
      {{"de-DE", "en", "ja-JP", "ko-KR", "ru-RU", "zh-CN"}, "en"},
      {{"cs", "de", "en", "es", "fr", "it", "ja", "ko", "pl", "pt-BR", "ru", "tr", "zh-Hans",
        "zh-Hant"},
       "en"},
      {{"de", "en", "ja", "ko"}, "en"},
  };
  while (out.size() < 40) {
    std::vector<std::string> pick;
    const std::size_t n = 2 + rng() % 8;
    while (pick.size() < n) {
      const std::string& l = corpus[rng() % corpus.size()];
      if (std::find(pick.begin(), pick.end(), l) == pick.end()) pick.push_back(l);
    }
    std::string source = out.size() % 5 == 0 ? pick[rng() % pick.size()] : "en";
    if (std::find(pick.begin(), pick.end(), source) == pick.end()) pick.push_back(source);
    std::sort(pick.begin(), pick.end());
    out.emplace_back(pick, source);
  }
  return out;
}

std::string base_language(const std::string& tag) { return tag.substr(0, tag.find('-')); }

/// An Accept-Language value in one of the shapes browsers and clients send.
std::string header_like(const std::vector<std::string>& cldr, std::mt19937& rng) {
  auto any = [&] { return cldr[rng() % cldr.size()]; };
  const std::string a = any(), b = any(), c = any();
  switch (rng() % 8) {
    case 0:  // one tag
      return a;
    case 1:  // Chrome: "de-CH,de;q=0.9,en-US;q=0.8,en;q=0.7"
      return a + "," + base_language(a) + ";q=0.9," + b + ";q=0.8," + base_language(b) + ";q=0.7";
    case 2:  // Firefox: "ko-KR,ko;q=0.8,en-US;q=0.5,en;q=0.3"
      return a + "," + base_language(a) + ";q=0.8," + b + ";q=0.5," + base_language(b) + ";q=0.3";
    case 3:  // Safari: "fr-FR,fr;q=0.9"
      return a + "," + base_language(a) + ";q=0.9";
    case 4:  // with a wildcard
      return a + ", " + b + ";q=0.7, *;q=0.5";
    case 5: {  // random weights, some equal, some q=0, sometimes a repeated range
      std::string h;
      const std::size_t n = 1 + rng() % 7;
      std::vector<std::string> seen;
      for (std::size_t i = 0; i < n; ++i) {
        std::string t = (!seen.empty() && rng() % 6 == 0) ? seen[rng() % seen.size()] : any();
        seen.push_back(t);
        if (!h.empty()) h += rng() % 2 ? "," : ", ";
        h += t;
        const unsigned q = rng() % 12;
        if (q < 10) h += ";q=0." + std::to_string(q);
        if (q == 10) h += ";q=1";
      }
      return h;
    }
    case 6:  // long lists of plain tags (demotion per item)
      return a + ", " + b + ", " + c + ", " + any() + ", " + any() + ", " + any() + ", " + any() +
             ", " + any() + ", " + any() + ", " + any() + ", " + any() + ", " + any();
    default:  // language-only fallbacks
      return base_language(a) + ", " + base_language(b) + ";q=0.5, " + c + ";q=0.4";
  }
}

TEST(locale_negotiate_icu, agrees_on_the_grid) {
  DIAGLOT_REQUIRE_SHARED(corpus, "corpus");
  std::mt19937 rng(20240611);
  const std::vector<std::string> cldr = cldr_locales();
  const auto lists = supported_lists(corpus_locales(corpus), rng);
  std::size_t pairs = 0, agree = 0, list_pairs = 0;
  for (const auto& [supported, source] : lists) {
    const planned p(supported, source);
    const icu_oracle icu(supported, source);
    ASSERT_EQ(p.plan.locales, supported);
    for (int i = 0; i < 300; ++i) {
      const std::string header = header_like(cldr, rng);
      const std::string want = icu.accept_language(header);
      ASSERT_NE(want, "error") << header;
      const std::string got(p.cat.tag(p.cat.negotiate(header)));
      ++pairs;
      if (got == want) ++agree;
      EXPECT_EQ(got, want) << "Accept-Language: " << header
                           << "\nsupported: " << ::testing::PrintToString(supported) << " default "
                           << source;
    }
    // LANGUAGE-style lists of names, and the same as a list of tags.
    for (int i = 0; i < 40; ++i) {
      std::vector<std::string> tags;
      std::string colon;
      const std::size_t n = 1 + rng() % 6;
      for (std::size_t k = 0; k < n; ++k) {
        tags.push_back(cldr[rng() % cldr.size()]);
        colon += (k ? ":" : "") + tags.back();
      }
      const std::string want = icu.list(tags);
      std::vector<std::string_view> views(tags.begin(), tags.end());
      const std::string got(p.cat.tag(p.cat.negotiate(views.data(), views.size())));
      ++list_pairs;
      EXPECT_EQ(got, want) << "list: " << colon;
      if (colon.find(':') != std::string::npos) {
        EXPECT_EQ(std::string(p.cat.tag(p.cat.negotiate(colon))), want) << "LANGUAGE=" << colon;
      }
    }
  }
  std::cout << "[ grid ] " << lists.size() << " supported lists, " << pairs
            << " Accept-Language pairs (" << agree << " agree), " << list_pairs << " list pairs\n";
  EXPECT_GE(pairs, 10000u);
  EXPECT_EQ(agree, pairs);
}

TEST(locale_negotiate_icu, every_cldr_locale_alone) {
  // Each of ICU's locales as a one-item request and as locale(), against the real catalogs.
  const std::vector<std::vector<std::string>> catalogs = {
      {"de-DE", "en", "ja-JP", "ko-KR", "ru-RU", "zh-CN"},
      {"cs", "de", "en", "es", "fr", "it", "ja", "ko", "pl", "pt-BR", "ru", "tr", "zh-Hans",
       "zh-Hant"},
      {"en", "en-GB", "es", "es-419", "pt-BR", "pt-PT", "zh-Hant", "zh-Hant-HK", "sr-Latn", "nb"}};
  for (const auto& supported : catalogs) {
    const planned p(supported, "en");
    const icu_oracle icu(supported, "en");
    for (const std::string& tag : cldr_locales()) {
      const std::string want = icu.accept_language(tag);
      EXPECT_EQ(std::string(p.cat.tag(p.cat.negotiate(tag))), want) << tag;
      // locale() agrees too, except that a catalog tag named as it is selects itself.
      const bool named = std::find(supported.begin(), supported.end(), tag) != supported.end();
      EXPECT_EQ(std::string(p.cat.tag(p.cat.locale(tag))), named ? tag : want) << tag;
    }
  }
}

TEST(locale_negotiate_icu, region_and_script_variations) {
  // Requests ICU reaches through likely subtags, partitions and unusual regions.
  const std::vector<std::string> supported = {"en",      "en-GB",     "es",      "es-419",
                                              "pt-BR",   "pt-PT",     "sr-Latn", "zh-Hans",
                                              "zh-Hant", "zh-Hant-HK"};
  const planned p(supported, "en");
  const icu_oracle icu(supported, "en");
  const std::vector<std::string> languages = {"en", "es", "pt", "sr", "zh", "yue", "gsw", "nn"};
  const std::vector<std::string> scripts = {"", "Latn", "Cyrl", "Hans", "Hant", "Qaaa"};
  const std::vector<std::string> regions = {
      "",   "US", "GB", "AU", "IN", "MX", "419", "ES",  "AR",  "BR",  "PT", "AO", "MO",
      "HK", "TW", "SG", "RS", "ME", "AA", "QO",  "001", "150", "999", "DD", "ZZ", "XA"};
  std::size_t n = 0;
  for (const auto& l : languages)
    for (const auto& s : scripts)
      for (const auto& r : regions) {
        std::string tag = l;
        if (!s.empty()) tag += "-" + s;
        if (!r.empty()) tag += "-" + r;
        EXPECT_EQ(std::string(p.cat.tag(p.cat.negotiate(tag))), icu.accept_language(tag)) << tag;
        ++n;
      }
  EXPECT_EQ(n, languages.size() * scripts.size() * regions.size());
}

/// The keys of one of ICU's metadata alias tables ("language": "sh", "cnr", "mo", ...;
/// "territory": "SU", "YU", "CS", ...) that are plain codes, and whether each is replaced by
/// more than one subtag or region ("sh" -> sr_Latn, "SU" -> RU AM AZ ...).
std::vector<std::pair<std::string, bool>> metadata_aliases(const char* kind) {
  std::vector<std::pair<std::string, bool>> out;
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* metadata = ures_openDirect(nullptr, "metadata", &status);
  UResourceBundle* alias = ures_getByKey(metadata, "alias", nullptr, &status);
  UResourceBundle* table = ures_getByKey(alias, kind, nullptr, &status);
  for (int32_t i = 0; U_SUCCESS(status) && i < ures_getSize(table); ++i) {
    UResourceBundle* entry = ures_getByIndex(table, i, nullptr, &status);
    int32_t length = 0;
    const UChar* replacement = ures_getStringByKey(entry, "replacement", &length, &status);
    const std::string key = U_SUCCESS(status) ? ures_getKey(entry) : "";
    bool several = false;
    for (int32_t k = 0; k < length; ++k) several |= replacement[k] == '_' || replacement[k] == ' ';
    if (!key.empty() && key.find('_') == std::string::npos) out.emplace_back(key, several);
    ures_close(entry);
  }
  ures_close(table);
  ures_close(alias);
  ures_close(metadata);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  return out;
}

/// The languages LocaleMatcher's distance data pairs with another ("sh" with sr, hr and bs, "qub"
/// with qu): the first subtag of each key of langInfo/match/trie (each subtag's last byte has
/// 0x80 set).
std::set<std::string> paired_languages() {
  std::set<std::string> out;
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* info = ures_openDirect(nullptr, "langInfo", &status);
  UResourceBundle* match = ures_getByKey(info, "match", nullptr, &status);
  UResourceBundle* trie = ures_getByKey(match, "trie", nullptr, &status);
  int32_t length = 0;
  const uint8_t* bytes = ures_getBinary(trie, &length, &status);
  icu::BytesTrie::Iterator keys(bytes, 0, status);
  while (U_SUCCESS(status) && keys.next(status)) {
    const icu::StringPiece key = keys.getString();
    std::string language;
    for (int32_t i = 0; i < key.length() && key.data()[i] != '*'; ++i) {
      language += static_cast<char>(key.data()[i] & 0x7f);
      if (key.data()[i] & 0x80) break;
    }
    if (!language.empty()) out.insert(language);
  }
  ures_close(trie);
  ures_close(match);
  ures_close(info);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  return out;
}

TEST(locale_negotiate_icu, aliased_and_paired_languages) {
  // Every code CLDR's metadata replaces, with one subtag or several ("sh" -> sr_Latn, "cnr" ->
  // sr_ME, "mo" -> ro, "SU" -> RU AM AZ ...), and every language LocaleMatcher's distance data
  // pairs with another (most of which ICU's likely-subtags data does not know), as requests
  // alone, with regions and scripts, and in preference lists, against catalogs of the languages
  // they are near.
  const std::vector<std::vector<std::string>> catalogs = {
      {"ar", "bs", "en", "es", "fa-AF", "hr", "ms", "qu", "ro", "ro-MD", "sr-Cyrl", "sr-Latn",
       "sw-CD", "zh-Hant"},
      {"en", "sr-Latn"},
      {"en", "hr", "sr-Latn"},
      {"de", "en", "ru", "sr-Cyrl"}};
  std::set<std::string> languages = paired_languages();
  // The distance data's own pairs, read from its trie: not only what the aliases also give.
  ASSERT_TRUE(languages.count("sh") && languages.count("qub")) << languages.size();
  std::vector<std::string> regions;
  std::size_t several = 0;
  for (const auto& [code, multiple] : metadata_aliases("language")) {
    several += multiple;
    if (code.size() >= 2 && code.size() <= 8 && code != "root") languages.insert(code);
  }
  for (const auto& [code, multiple] : metadata_aliases("territory")) {
    several += multiple;
    regions.push_back(code);  // "DD", "YU", "172", and alpha-3 codes Locale() reads ("YUG")
  }
  EXPECT_GE(several, 10u);  // sh, cnr, hbs, prs, swc, SU, YU, CS, AN, ...
  ASSERT_TRUE(languages.count("sh") && languages.count("cnr") && languages.count("mo"));
  ASSERT_NE(std::find(regions.begin(), regions.end(), "SU"), regions.end());
  std::vector<std::string> tags;
  for (const std::string& language : languages)
    for (const char* suffix : {"", "-Latn", "-Cyrl", "-RS", "-BA", "-ME", "-MD", "-TW", "-EG"})
      tags.push_back(language + suffix);
  // The territory codes with languages whose regions they are or were.
  for (const std::string& region : regions)
    for (const char* language : {"sr-", "sr-Latn-", "sh-", "ru-", "hy-", "nl-", "ro-"})
      tags.push_back(language + region);
  std::size_t matched = 0;
  for (const auto& supported : catalogs) {
    const planned p(supported, "en");
    const icu_oracle icu(supported, "en");
    for (const std::string& tag : tags) {
      const std::string want = icu.accept_language(tag);
      ASSERT_NE(want, "error") << tag;
      EXPECT_EQ(std::string(p.cat.tag(p.cat.negotiate(tag))), want) << tag;
      const bool named = std::find(supported.begin(), supported.end(), tag) != supported.end();
      EXPECT_EQ(std::string(p.cat.tag(p.cat.locale(tag))), named ? tag : want) << tag;
      if (want == "en") continue;  // the source: matched by nothing, most of them
      ++matched;
      // In preference lists: behind an item that matches nothing, ahead of one that matches at
      // a distance, and after the source at a lower weight. (Two spellings of one range in a
      // list: two_spellings_of_one_range.)
      for (const std::string& header :
           {"tlh-Piqd, " + tag + ", fr;q=0.5", tag + ", sr-Latn-BA;q=0.9, de-AT;q=0.1",
            "en-AU;q=0.3, " + tag + ";q=0.4"}) {
        EXPECT_EQ(std::string(p.cat.tag(p.cat.negotiate(header))), icu.accept_language(header))
            << "Accept-Language: " << header;
      }
      const std::vector<std::string> list = {"gsw-FR", tag, "hr-BA"};
      const std::string colon = list[0] + ":" + list[1] + ":" + list[2];
      EXPECT_EQ(std::string(p.cat.tag(p.cat.negotiate(colon))), icu.list(list))
          << "LANGUAGE=" << colon;
    }
  }
  EXPECT_GE(matched, 1000u);
}

TEST(locale_negotiate_icu, malformed_items_are_skipped) {
  // The answer for a header with malformed items is ICU's answer for the header without them;
  // spacing and the case of "q" do not matter.
  const std::vector<std::string> supported = {"de", "en", "fr", "ja", "ko"};
  const planned p(supported, "en");
  const icu_oracle icu(supported, "en");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"fr;level=1, ko", "ko"},
      {"ko;Q=0.5, fr;q=0.6", "fr;q=0.6, ko;q=0.5"},
      {"fr\t;\tq=0.5 ,\tde", "fr;q=0.5, de"},
      {"toolonglanguage, ja", "ja"},
      {"fr;q=2, ja;q=0.1", "ja;q=0.1"},
      {"fr;q=1.001, ja;q=0.1", "ja;q=0.1"},
      {"fr;q=0.1234, ja;q=0.1", "ja;q=0.1"},
      {"fr;q=, ja;q=0.1", "ja;q=0.1"},
      {"fr CH, ja", "ja"},
      {"\xff\xfe, ko", "ko"},
      {"fr--CA, de", "de"},
      {"-fr, de", "de"},
      {"12345, de", "de"},
      {";q=0.5, ko", "ko"},
  };
  for (const auto& [noisy, clean] : cases) {
    const std::string want = icu.accept_language(clean);
    ASSERT_NE(want, "error") << clean;
    EXPECT_EQ(std::string(p.cat.tag(p.cat.negotiate(noisy))), want) << noisy;
  }
}

/// The three-letter codes ICU's Locale constructor reads as other codes, the way every name in a
/// list and every Accept-Language range is read: ISO 639-2 languages as their two-letter forms
/// ("eng" is "en", "heb" is "he"; "ger" and "cmn" stay), and ISO 3166 alpha-3 regions as alpha-2
/// ("DEU" is "DE", "YUG" is "YU").
std::vector<std::pair<std::string, std::string>> icu_three_letter_codes(bool regions) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string code = "aaa";
  for (char a = 'a'; a <= 'z'; ++a)
    for (char b = 'a'; b <= 'z'; ++b)
      for (char c = 'a'; c <= 'z'; ++c) {
        code = {a, b, c};
        if (regions) {
          for (char& ch : code) ch = static_cast<char>(ch - 'a' + 'A');
          const icu::Locale l(("und_" + code).c_str());
          if (code != l.getCountry()) out.emplace_back(code, l.getCountry());
        } else {
          const icu::Locale l(code.c_str());
          if (code != l.getLanguage()) out.emplace_back(code, l.getLanguage());
        }
      }
  return out;
}

TEST(locale_negotiate_icu, two_spellings_of_one_range) {
  // ICU's LocalePriorityList reads each range with Locale(), so two spellings of one locale are
  // one range ("eng" and "en", "de_DEU" and "de-DE", "en_US" and "en-us"): the later replaces
  // the earlier, at its own place and with its own weight, and a later q=0 removes both. "iw"
  // and "he", "in" and "id" are two ranges to Locale() (LocaleMatcher reads both as the same
  // language after that), and are kept as two.
  const std::vector<std::pair<std::string, std::string>> languages = icu_three_letter_codes(false);
  const auto region = [](const std::string& alpha3) {
    for (const auto& [from, to] : icu_three_letter_codes(true))
      if (from == alpha3) return to;
    return std::string();
  };
  ASSERT_EQ(region("DEU"), "DE");
  std::vector<std::pair<std::string, std::string>> spellings;
  for (const auto& [iso3, two] : languages) {
    if (iso3 == "und") continue;  // Locale() reads it as no language at all
    ASSERT_EQ(two.size(), 2u) << iso3;
    spellings.emplace_back(iso3, two);
    spellings.emplace_back(two + "-US", iso3 + "_us");
  }
  ASSERT_NE(std::find(spellings.begin(), spellings.end(),
                      std::make_pair(std::string("eng"), std::string("en"))),
            spellings.end());
  for (const auto& pair :
       std::vector<std::pair<std::string, std::string>>{{"en_US", "en-US"},
                                                        {"EN-us", "en_US"},
                                                        {"iw", "he"},
                                                        {"he", "iw"},
                                                        {"in", "id"},
                                                        {"ji", "yi"},
                                                        {"mol", "mo"},
                                                        {"de_DEU", "de-DE"},
                                                        {"pt-PRT", "pt_PT"},
                                                        {"zh_Hant_TWN", "zh-Hant-TW"},
                                                        {"zho-hant-tw", "zh_Hant_TWN"},
                                                        {"sr_YUG", "sr-YU"},
                                                        {"es_MEX", "es-MX"},
                                                        {"ger", "de"},
                                                        {"cmn", "zh"},
                                                        {"sh", "sr-Latn"}})
    spellings.push_back(pair);
  const std::vector<std::vector<std::string>> catalogs = {
      {"de", "en", "fr", "he", "id", "ja", "ko", "pt-BR", "pt-PT", "zh-Hans", "zh-Hant"},
      {"en", "es", "es-419", "fr", "sr-Cyrl", "sr-Latn", "yi"},
      {"ar", "de", "en", "nl", "ro", "ru"}};
  // Eight ranges that match nothing: ICU gives up after ten items without a match, so the
  // answer after them depends on whether the two spellings were one item or two.
  const std::string nothing = "zu, xh, yo, ig, ha, ti, so, tlh-Piqd";
  std::size_t checked = 0;
  for (const auto& supported : catalogs) {
    const planned p(supported, "en");
    const icu_oracle icu(supported, "en");
    for (const auto& [a, b] : spellings) {
      for (const std::string& header :
           {a + ", fr;q=0.8, " + b + ";q=0.1", a + ";q=0.1, fr;q=0.8, " + b, a + ", " + b + ";q=0",
            a + ";q=0.5, ro;q=0.7, " + b + ";q=0.9, de;q=0.8",
            a + ", " + b + ", " + nothing + ", de", a + ", " + nothing + ", " + b + ", fr;q=0.9"}) {
        const std::string want = icu.accept_language(header);
        ASSERT_NE(want, "error") << header;
        EXPECT_EQ(std::string(p.cat.tag(p.cat.negotiate(header))), want)
            << "Accept-Language: " << header
            << "\nsupported: " << ::testing::PrintToString(supported);
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 3000u);
}

TEST(locale_negotiate_icu, posix_names_with_three_letter_and_numeric_regions) {
  // "sr_YUG", "de_DEU", "es_419": Locale() reads an alpha-3 region as its alpha-2 code (then
  // LocaleMatcher replaces "YU" as it replaces any old code); an alpha-3 code it does not know
  // ("DDR", "ABC") stays an unknown region, and a numeric one (419, 276) goes to LocaleMatcher
  // as it is. Names alone, with scripts, codesets and in lists, through negotiate() and locale().
  const std::vector<std::vector<std::string>> catalogs = {
      {"de", "de-AT", "de-CH", "en", "en-GB", "es", "es-419", "pt-BR", "pt-PT", "sr-Cyrl",
       "sr-Latn", "zh-Hans", "zh-Hant", "zh-Hant-HK"},
      {"en", "es-MX", "fr-CA", "nl-BE", "sr-Latn-ME", "zh-TW"}};
  std::vector<std::string> regions;
  for (const auto& [alpha3, alpha2] : icu_three_letter_codes(true)) regions.push_back(alpha3);
  EXPECT_GE(regions.size(), 240u);
  for (const auto& [code, several] : metadata_aliases("territory")) regions.push_back(code);
  for (const char* code :
       {"DDR", "ABC", "AAA", "XAA", "419", "276", "840", "158", "344", "891", "076", "999", "000"})
    regions.push_back(code);
  const std::vector<std::string> languages = {"de", "en", "es", "pt",      "sr",
                                              "zh", "fr", "nl", "sr_Latn", "zh_Hant"};
  std::size_t mapped = 0;
  for (const auto& supported : catalogs) {
    const planned p(supported, "en");
    const icu_oracle icu(supported, "en");
    for (const std::string& language : languages)
      for (const std::string& r : regions) {
        const std::string name = language + "_" + r;
        const std::string want = icu.accept_language(name);
        ASSERT_NE(want, "error") << name;
        EXPECT_EQ(std::string(p.cat.tag(p.cat.negotiate(name))), want) << name;
        EXPECT_EQ(std::string(p.cat.tag(p.cat.locale(name))), want) << name;
        EXPECT_EQ(std::string(p.cat.tag(p.cat.locale(name + ".UTF-8"))), want) << name;
        const std::vector<std::string> list = {"gsw-FR", name, "hr-BA"};
        const std::string colon = list[0] + ":" + list[1] + ":" + list[2];
        EXPECT_EQ(std::string(p.cat.tag(p.cat.negotiate(colon))), icu.list(list))
            << "LANGUAGE=" << colon;
        mapped += want != icu.accept_language(language);
      }
  }
  EXPECT_GE(mapped, 100u);  // the region changed the answer
  // With a BCP 47 extension Locale() reads the tag as BCP 47, where three letters after the
  // language are an extended language subtag, which ICU takes as the language.
  const planned p(catalogs[0], "en");
  const icu_oracle icu(catalogs[0], "en");
  for (const char* tag : {"de-DEU-u-co-phonebk", "pt-PRT-x-private", "zh-TWN-u-nu-hanidec",
                          "eng-u-ca-gregory", "zh_Hant_HKG-u-nu-hanidec", "sr-Latn-YUG",
                          "zh-yue-HK-x-a", "en-deu-x-a", "sr-hrv-Latn-x-a"})
    EXPECT_EQ(std::string(p.cat.tag(p.cat.negotiate(tag))), icu.accept_language(tag)) << tag;
}

}  // namespace
}  // namespace diaglot::plan
