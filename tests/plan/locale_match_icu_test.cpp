// The runtime's locale() against ICU's LocaleMatcher on the same supported lists (the design
// asks them to agree), including the cases an earlier runtime answered otherwise: CLDR parent
// locales (es-MX -> es-419, en-AU -> en-GB, zh-MO -> zh-Hant-HK) and language distances
// (nn -> nb), languages only LocaleMatcher's distance data knows ("sh" is 4 points from sr, hr
// and bs; "qub" 10 from qu), and codes CLDR's metadata replaces with more than one subtag
// ("sh" -> sr_Latn, "cnr" -> sr_ME, "SU" -> RU AM AZ ...), which LocaleMatcher does not read as
// that metadata says. The grid in locale_negotiate_icu_test.cpp covers preference lists.
#include <unicode/localematcher.h>
#include <unicode/locid.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "diaglot/catalog.hpp"
#include "plan/table_plan.hpp"
#include "plan/test_catalog.hpp"

namespace diaglot::plan {
namespace {

std::string icu_best(const std::vector<std::string>& supported, const std::string& request) {
  UErrorCode status = U_ZERO_ERROR;
  icu::LocaleMatcher::Builder builder;
  for (const std::string& tag : supported)
    builder.addSupportedLocale(icu::Locale::forLanguageTag(tag, status));
  builder.setDefaultLocale(&icu::Locale::getEnglish());
  const icu::LocaleMatcher matcher = builder.build(status);
  const icu::Locale* best =
      matcher.getBestMatch(icu::Locale::forLanguageTag(request, status), status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  return best ? best->toLanguageTag<std::string>(status) : std::string();
}

TEST(locale_match, agrees_with_icu_locale_matcher) {
  const std::vector<std::vector<std::string>> catalogs = {{"de-DE", "en"},
                                                          {"en", "zh-Hans", "zh-Hant"},
                                                          {"en", "ko-KR"},
                                                          {"en", "pt-BR"},
                                                          {"en", "es", "es-419"},
                                                          {"en", "pt", "pt-PT"},
                                                          {"en", "fr", "fr-CA"},
                                                          {"de", "en", "en-GB"},
                                                          {"en", "sr-Cyrl", "sr-Latn"},
                                                          {"en", "nb"},
                                                          {"en", "zh-Hant", "zh-Hant-HK"},
                                                          {"en", "ja", "ko"},
                                                          {"en", "sr-Latn"},
                                                          {"en", "hr", "sr-Latn"},
                                                          {"bs", "en"},
                                                          {"en", "sr-Cyrl"},
                                                          {"en", "ro", "ro-MD"},
                                                          {"en", "fa", "fa-AF"},
                                                          {"en", "sw", "sw-CD"},
                                                          {"ar", "en", "qu"},
                                                          {"en", "hy", "ru", "uk"}};
  const std::vector<std::string> requests = {
      "de-AT", "de", "de-CH", "zh-TW", "zh-HK", "zh-CN", "zh", "zh-SG", "zh-MO", "zh-Hant",
      "zh-Hant-TW", "ko-KR", "ko", "fr", "pt", "pt-PT", "pt-BR", "pt-AO", "es-MX", "es-ES", "es",
      "es-AR", "fr-CH", "fr-CA", "fr-BE", "en-AU", "en-US", "en-GB", "en-IN", "sr", "sr-Latn",
      "sr-ME", "no", "nb", "nn", "ja-JP", "da",
      // Codes CLDR's metadata replaces with more than one subtag, and their neighbours.
      "sh", "sh-RS", "sh-BA", "sh-HR", "sh-ME", "sh-Latn", "sh-Cyrl", "sh-Cyrl-BA", "sh-YU",
      "sh-CS", "hbs", "cnr", "cnr-ME", "cnr-Latn", "mo", "mo-MD", "mo-Cyrl", "prs", "drw", "tnf",
      "swc", "swc-CD", "sr-YU", "sr-CS", "sr-Latn-CS", "ru-SU", "hy-SU", "uk-SU", "ro-SU", "hr-YU",
      // Languages only the distance data pairs with another.
      "aeb", "ayl", "ayl-EG", "qub", "quy-PE", "cdo", "cdo-TW"};
  for (const std::vector<std::string>& locales : catalogs) {
    const table_plan p = make_plan(testing::catalog_builder(locales).build());
    const detail::table t = p.view();
    const catalog c(t);
    for (const std::string& request : requests) {
      const std::string ours(c.tag(c.locale(request)));
      const std::string icu = icu_best(locales, request);
      EXPECT_EQ(ours, icu) << request << " in " << ::testing::PrintToString(locales);
    }
  }
}

}  // namespace
}  // namespace diaglot::plan
