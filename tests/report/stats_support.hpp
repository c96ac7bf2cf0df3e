// Small stats by hand, for the report forms' rounding tests.
#pragma once

#include "report/stats.hpp"

namespace diaglot::testing {

/// Stats of one target locale, `ko`, whose words are `words`, and one group, `G`, of as many
/// source words, whose `ko` words are `group_words`.
inline report::catalog_stats one_locale(const report::counts& words,
                                        const report::counts& group_words) {
  report::catalog_stats s;
  s.source_locale = "en";
  report::locale_stats ko;
  ko.locale = "ko";
  ko.words = words;
  s.locales.push_back(ko);
  report::group_stats g;
  g.name = "G";
  g.words = group_words.total();
  g.words_by_locale["ko"] = group_words;
  s.groups.push_back(g);
  return s;
}

}  // namespace diaglot::testing
