// diaglot compiler: the translators' workflow. extract turns English into units for each target
// locale, import turns the translations the sources already hold (sxs pages, translated pages,
// XLIFF) into units with their states, and merge brings new English into a translator's XLIFF
// file without losing a translation. Nothing here reads or writes files: the driver does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.hpp"
#include "model/model.hpp"
#include "workflow/page_names.hpp"
#include "workflow/units.hpp"

namespace diaglot::workflow {

/// The English of a non-empty message field and the file it is defined in.
struct english_field {
  const model::message* message = nullptr;
  const model::field_text* text = nullptr;
  std::string page;  ///< the file's name in XLIFF (page_names)
  std::string path;  ///< the file's path as read
};

/// Every English field of the catalog, messages by ID, fields in order.
std::vector<english_field> english_fields(const model::catalog& cat, const source_manager& sources,
                                          const page_names& names = {});

/// Units of the English of every message, one set per target locale, without targets.
/// Fields whose English is empty have no unit.
std::vector<unit_set> extract_units(const model::catalog& cat, const source_manager& sources,
                                    const std::vector<std::string>& target_locales,
                                    const page_names& names = {});

/// Units of every translation the catalog holds, one set per locale. A unit's source is the
/// English the translation was made from (so a later merge sees what changed); its state is the
/// catalog's, except that pages marked `ms.translationtype: MT` give `needs_review` (served,
/// flagged as machine translated); its origin names the file, line and column of the text and,
/// for sxs pages, of every segment. Pages and origins are named by `names`.
std::vector<unit_set> import_units(const model::catalog& cat, const source_manager& sources,
                                   const page_names& names = {});

/// Whether a markdown page says `ms.translationtype: MT` in its front matter.
bool is_machine_translated(std::string_view page);

/// What a merge did to one file.
struct merge_counts {
  std::size_t kept = 0;      ///< units whose English did not change
  std::size_t changed = 0;   ///< units whose English changed (source replaced)
  std::size_t review = 0;    ///< changed units with a translation, now needs-review
  std::size_t added = 0;     ///< new units
  std::size_t obsolete = 0;  ///< units newly marked obsolete
  std::size_t restored = 0;  ///< obsolete units whose English is back
  std::size_t dropped = 0;   ///< obsolete units removed (--drop-obsolete)
  /// Translations present before and missing after: a bug, which the driver reports (DGL0807)
  /// instead of writing the file.
  std::size_t lost = 0;
  std::string first_lost;  ///< the unit of the first of them
  merge_counts& operator+=(const merge_counts& o);
  void lose(const std::string& unit);
};

/// A merged file, unless the merge lost a translation: merging never drops one, so a merge that
/// would is a bug, reported (DGL0807) with the file left as it was.
std::optional<std::string> unless_lost(std::optional<std::string> merged,
                                       const merge_counts& counts, std::uint32_t file,
                                       diagnostic_sink& sink);

struct merge_options {
  bool drop_obsolete = false;
};

/// Merges the English of `cat` into the XLIFF 1.2 document that is file `file` of `sources`,
/// working on its DOM so everything else in it is kept. Returns the new bytes (equal to the old
/// ones when nothing changed), or nullopt after reporting why the file cannot be merged.
/// Units are matched by name; a new unit whose message has none goes to its page's <file>,
/// found by `names` (page_names::find_file: older files name pages by their path as read).
std::optional<std::string> merge_xliff12(std::uint32_t file, const model::catalog& cat,
                                         const source_manager& sources,
                                         const merge_options& options, merge_counts& counts,
                                         diagnostic_sink& sink, const page_names& names = {});

/// A unit `diaglot merge` kept after its English went (XLIFF 1.2: `translate="no"` and a
/// diaglot note `obsolete: ...`; XLIFF 2: `translate="no"` and the diaglot metadata). Readers skip
/// such units, so they are never served or checked; stats counts them from here.
struct obsolete_unit {
  std::string message, field;  ///< as the unit's name says (`MESSAGE#field`, else field `text`)
  std::string locale;          ///< the file's target language, canonical
  std::string source;          ///< the English it was a translation of, as served text
  std::size_t segments = 0;    ///< 1.2: as extract cuts its English; 2.0: its <segment>s
  source_location where;
};

/// The obsolete units of the XLIFF files (.xlf, .xliff) among `sources`, in file and document
/// order. A file that does not parse, or has no valid target language, gives none: its readers
/// report it.
std::vector<obsolete_unit> obsolete_units(const source_manager& sources,
                                          const std::string& source_locale);

}  // namespace diaglot::workflow
