// diaglot compiler: the commands that report on sources without compiling them: `check` (every
// check, for translators and CI) and `stats` (translation coverage per locale).
#pragma once

#include <string>

#include "driver/driver.hpp"
#include "report/stats.hpp"

namespace diaglot::driver {

struct check_options : source_options {
  bool werror = false;  ///< warnings make the status 1
};

/// read -> model -> the compile's checks and the translators' checks (check::run_lints). Reports
/// everything it finds even after an error in a check, but stops after a file cannot be read or
/// parsed (a catalog missing a file would report its messages as missing). Writes nothing.
int check(const check_options& options, session& s);

enum class stats_format { text, json, html };

struct stats_options : source_options {
  stats_format format = stats_format::text;
  std::string out_file;  ///< empty: the report goes to `out`
  /// The report's words in the reader's language (text and HTML; JSON's keys stay as they are);
  /// empty: English.
  phrase_template_fn words;
  std::string language = "en";  ///< the language of `words` (BCP 47), for the HTML page
};

/// Translation coverage per locale (report::compute_stats) as text, JSON or one HTML page.
/// Only errors are reported: warnings about the sources are `check`'s business.
int stats(const stats_options& options, session& s, std::string& out);

}  // namespace diaglot::driver
