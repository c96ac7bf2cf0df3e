// diaglot compiler: the translators' commands. `extract` writes one XLIFF per target locale from
// English sources, `import` turns the translations the sources hold (sxs pages, translated pages)
// into XLIFF, and `merge` brings new English into translators' XLIFF files in place.
#pragma once

#include <string>
#include <vector>

#include "driver/driver.hpp"
#include "workflow/workflow.hpp"

namespace diaglot::driver {

enum class xliff_format { xliff12, xliff20 };

/// Parses "xliff12" / "xliff20" (also "1.2", "2.0"); false for anything else.
bool parse_xliff_format(const std::string& text, xliff_format& out);

/// Where extract and import write their XLIFF files.
struct xliff_output_options {
  xliff_format format = xliff_format::xliff12;
  std::string out_dir;
  std::string name = "messages";  ///< files are out_dir/NAME.LOCALE.xlf
  /// Whether a file that exists and holds something else (which may be translators' work) is
  /// replaced; when not, such a file is an error and no file is written.
  bool replace = false;
};

struct extract_options : source_options, xliff_output_options {
  std::vector<std::string> target_locales;  ///< BCP 47 tags; canonicalized
};

/// Writes out_dir/NAME.LOCALE.xlf for every target locale, atomically, only when changed and
/// only without errors. `counts` (optional) receives what the first locale's file holds.
int extract(const extract_options& options, session& s, workflow::unit_counts* counts = nullptr);

struct import_options : source_options, xliff_output_options {};

/// Writes out_dir/NAME.LOCALE.xlf for every locale the sources translate into, as extract does.
int import(const import_options& options, session& s, workflow::unit_counts* counts = nullptr);

struct merge_options : source_options {
  std::vector<std::string> xliff_files;  ///< merged in place
  bool drop_obsolete = false;
};

/// Merges the English of the sources into each XLIFF file, in place; writes a file only when its
/// bytes change and nothing went wrong with any file. `counts` receives the totals.
int merge(const merge_options& options, session& s, workflow::merge_counts* counts = nullptr);

}  // namespace diaglot::driver
