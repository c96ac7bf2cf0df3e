// diaglot compiler: the locale-matching facts a catalog's runtime needs to choose, without ICU,
// the catalog locale that ICU's LocaleMatcher would choose. The catalog's locales are fixed at
// build time, so ICU is asked here, once, about every request that can reach any of them: which
// likely subtags such a request gets, and which catalog locale it matches at which distance.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace diaglot::locale_data {

/// A locale reduced to what ICU matches on: language, script and region after likely subtags.
struct lsr {
  std::string language, script, region;
  friend bool operator==(const lsr& a, const lsr& b) {
    return a.language == b.language && a.script == b.script && a.region == b.region;
  }
};

/// ICU's answer for one request: the catalog locale it matches (no_match: none within ICU's
/// threshold) and the distance, in ICU's units (1/8 of a CLDR distance point).
struct match_answer {
  static constexpr std::uint16_t no_match = 0xffff;
  std::uint16_t locale = no_match;
  std::uint16_t distance = 0;
  friend bool operator==(match_answer a, match_answer b) {
    return a.locale == b.locale && a.distance == b.distance;
  }
  friend bool operator!=(match_answer a, match_answer b) { return !(a == b); }
};

/// The answers for requests of one language and script, by region.
struct match_rule {
  std::string language;
  std::string script;  ///< empty: any script without a rule of its own
  match_answer otherwise;
  std::vector<std::pair<std::string, match_answer>> regions;  ///< sorted by region
};

struct match_data {
  /// ICU's maximized subtags of each catalog locale, in catalog order.
  std::vector<lsr> locales;
  /// For each catalog locale: which subtags its tag gives (4 language, 2 script, 1 region), its
  /// place in LocaleMatcher's order of the supported list (the default's equals, paradigm
  /// locales, then the rest), and the locale LocaleMatcher answers with for its subtags and flags
  /// (itself, or the first locale with the same).
  std::vector<std::uint8_t> flags;
  std::vector<std::uint16_t> rank, answer;
  /// Language and region aliases ICU applies before matching ("iw" -> "he", "DD" -> "DE"),
  /// those that can change an answer; sorted by code.
  std::vector<std::pair<std::string, std::string>> aliases;
  /// Likely subtags for the languages requests can match with (key "ko", "zh-TW", "zh-Hant"),
  /// only where the runtime's default (the language's script and region) would be wrong. A
  /// language ICU's likely-subtags data does not know ("sh", "qub") has no script and no region
  /// here: requests of it take the facts of "und" ("und", "und-RS", "und-Cyrl"), listed once.
  struct fact {
    std::string key, script, region;
  };
  std::vector<fact> likely;       ///< sorted by key
  std::vector<match_rule> rules;  ///< sorted by language, then script
  /// Facts ICU's two likely-subtags implementations disagreed on (0 expected): the runtime may
  /// then answer otherwise than LocaleMatcher for requests that need them.
  std::size_t unverified = 0;
};

/// How build_match_data asks ICU: `fast` asks about one region of each class of regions that
/// LocaleMatcher cannot tell apart, about likely scripts only where the likely-subtags data
/// names a region, and skips the languages, scripts and regions LocaleMatcher's distance data
/// shows cannot change an answer; `exhaustive` asks about every region (slow; the tests
/// compare the two).
enum class match_mode { fast, exhaustive };

/// ICU's matching facts for a catalog with these locales (in table order) and default locale.
/// Throws std::runtime_error when ICU's data cannot be read.
match_data build_match_data(const std::vector<std::string>& catalog_locales,
                            const std::string& default_locale, match_mode mode = match_mode::fast);

/// Starts build_match_data (fast) for these arguments on another thread, so it runs while the
/// caller does other work: the next build_match_data call with the same arguments takes that
/// result instead of computing it. One prefetch at a time: one for other arguments replaces
/// (cancels) the last; one for the same arguments as the pending one is that one.
void prefetch_match_data(const std::vector<std::string>& catalog_locales,
                         const std::string& default_locale);

/// Stops a prefetch whose result will not be wanted (it ends at the next language it looks at).
void cancel_prefetch();

}  // namespace diaglot::locale_data
