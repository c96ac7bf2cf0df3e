// diaglot compiler: translation coverage. For each target locale of a catalog: its messages,
// segments and words by progress (translated, needs review, stale, new, obsolete) and the share
// translated; for each message group (the ID's namespace, else its resource file) the same per
// locale, which the HTML report draws as a heatmap.
//
// Counting rules:
// - Each (message, locale) has one progress; all its segments and words count there. A served
//   text made from English that has since changed is `stale` (as DGL0404 reports it), before its
//   state; `needs-review` and `translated`/`final` come from the state; a text in state `new` or
//   `needs-translation`, or no text at all, is `new`.
// - `obsolete` counts the units `diaglot merge` kept in XLIFF files after their English went
//   (workflow::obsolete_units; readers skip them, so they are neither served nor checked): per
//   locale their segments and source words, and as messages those IDs the catalog no longer has
//   at all. They are in no total, share or group.
// - Words are those of the source text (so every locale has the same total), counted with ICU's
//   word break iterator for the source locale: a run of letters, digits, kana or ideographs that
//   ICU segments as a word is one word (dictionary-based for Chinese, Japanese and Thai); markdown
//   link destinations, HTML tags and placeholders are not counted. `target_words` counts a locale's
//   own served texts the same way in that locale.
// - Segments are the locale's own segments (sxs spans, XLIFF units), else the source's, else one
//   per non-empty field.
// - The share translated is translated words over all words (obsolete ones excluded), rounded
//   down in every form (so only a locale with every word translated shows 100% or 1.0000).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.hpp"
#include "model/model.hpp"

namespace diaglot::report {

/// Where a (message, locale) stands, in display order.
enum class progress : std::uint8_t { translated, needs_review, stale, new_, obsolete };
constexpr std::size_t progress_count = 5;
/// "translated", "needs-review", "stale", "new", "obsolete".
const char* to_string(progress p);

struct counts {
  std::array<std::uint64_t, progress_count> by{};
  std::uint64_t& operator[](progress p) { return by[static_cast<std::size_t>(p)]; }
  std::uint64_t operator[](progress p) const { return by[static_cast<std::size_t>(p)]; }
  /// Everything but obsolete: what the catalog has now.
  std::uint64_t total() const;
  /// translated / total, 0 for an empty total.
  double share_translated() const;
};

/// part / whole in units of 1 / scale, rounded down in integers (29 of 50 is 58 per cent, where
/// floor(29.0 / 50 * 100) is 57); 0 for an empty whole.
std::uint64_t floor_share(std::uint64_t part, std::uint64_t whole, std::uint64_t scale);

struct locale_stats {
  std::string locale;
  counts messages, segments, words;
  std::uint64_t target_words = 0;  ///< words of its served texts, segmented for this locale
};

struct group_stats {
  std::string name;
  std::uint64_t messages = 0, words = 0;          ///< in the source
  std::map<std::string, counts> words_by_locale;  ///< every target locale
};

struct catalog_stats {
  std::string source_locale;
  std::uint64_t messages = 0, segments = 0, words = 0;  ///< of the source
  std::vector<locale_stats> locales;                    ///< target locales, sorted
  std::vector<group_stats> groups;                      ///< sorted by name
};

/// Counts a catalog; `sources` gives the file names that name groups of IDs without dots, and
/// the XLIFF files whose obsolete units are counted.
catalog_stats compute_stats(const model::catalog& cat, const source_manager& sources);

/// Words in a text as ICU's word break iterator for `locale` segments them (see above).
std::size_t count_words(std::string_view text, const std::string& locale);

/// The group of a message: its ID up to the last dot; for an ID without one, its defining file
/// relative to `common_dir` (an XLIFF file without its language suffix and extension, a markdown
/// page's directory).
std::string message_group(const model::message& m, const model::catalog& cat,
                          const source_manager& sources, const std::string& common_dir);

/// A state's name in a report's words (UI strings `stats.state.*`; `words` empty: English).
std::string state_name(progress p, const phrase_template_fn& words);

/// Plain text: a table per locale and a locale x group matrix of shares, in `words` (UI strings
/// `stats.*`; empty: English), columns aligned by the columns a terminal gives each character.
std::string stats_text(const catalog_stats& s, const phrase_template_fn& words = {});
/// JSON with the same numbers (see the report tests for the shape).
std::string stats_json(const catalog_stats& s);
/// One self-contained HTML page (inline CSS, no script, no network): bars per locale and a
/// heatmap of locale x group.
std::string stats_html(const catalog_stats& s, const phrase_template_fn& words = {},
                       std::string_view language = "en");

}  // namespace diaglot::report
