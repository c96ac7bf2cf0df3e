// diaglot compiler: translation units, the translator's view of a catalog. One unit is one field
// of one message in one target locale: its English, its translation when there is one, its state
// and what a translator should know about where it comes from. extract, import and merge build
// units from the catalog model; the XLIFF writers turn them into documents.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/model.hpp"
#include "workflow/segmenter.hpp"

namespace diaglot::workflow {

/// One field of one message, to be translated into one locale.
struct unit {
  std::string message;  ///< the message ID
  std::string field;    ///< the field name
  /// The file the English (extract) or the translation (import) is in, named as page_names says.
  std::string page;
  std::string source;  ///< English markdown, as served
  /// The translation, as served; nullopt when there is none yet.
  std::optional<std::string> target;
  model::state st = model::state::needs_translation;
  bool machine = false;  ///< a machine translation (`ms.translationtype: MT`)
  /// Where the translation comes from, for the translator: "path:line:col", segment origins.
  std::string origin;
  /// The translation sentence by sentence, when the source says (sxs pages): each segment's
  /// English and translation, in order.
  std::vector<std::pair<std::string, std::string>> segment_targets;
};

/// `MESSAGE#field`: the XLIFF 1.2 `resname` (and `id`) of a unit, as the reader splits it.
std::string unit_name(const std::string& message, const std::string& field);

/// The units of one target locale, grouped by page (sorted by path), fields in message order.
struct unit_set {
  std::string source_locale = "en";
  std::string target_locale;
  std::map<std::string, std::vector<unit>> by_page;
};

/// Counts of an extraction or import, for reports and tests.
struct unit_counts {
  std::size_t units = 0;     ///< trans-units written (per locale)
  std::size_t segments = 0;  ///< segments (sentences) in their sources
  std::size_t with_target = 0;
};

unit_counts count(const unit_set& set);

/// Inline codes and their XLIFF ids: a source numbers its codes 1, 2, ...; a target's code takes
/// the id of the source code with the same markdown, else of an unmatched source code in order (a
/// code the translation changed), else none: a code the source lacks is written as text.
class code_ids {
 public:
  explicit code_ids(const std::vector<run>& source_runs);
  /// The ids of the source's codes, in order.
  const std::vector<std::string>& source_ids() const { return source_ids_; }
  /// The ids for a target's code runs, in order ("" for a code the source lacks).
  std::vector<std::string> target_ids(const std::vector<run>& target_runs) const;

 private:
  std::vector<std::string> values_, source_ids_;
};

}  // namespace diaglot::workflow
