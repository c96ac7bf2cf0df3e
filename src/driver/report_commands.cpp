#include "driver/report_commands.hpp"

#include "check/arguments.hpp"
#include "check/checks.hpp"
#include "report/stats.hpp"
#include "util/files.hpp"

namespace diaglot::driver {

int check(const check_options& options, session& s) {
  if (const std::optional<model::catalog> cat = read_catalog(options, s, s.sink)) {
    // Every check reports; nothing is withdrawn, since nothing is compiled.
    check::check_catalog(*cat, s.sink, &s.sources, options.jobs);
    check::run_lints(*cat, s.sink);
  }
  const int status = s.status();
  if (status == success && options.werror && s.sink.warning_count()) return input_error;
  return status;
}

int stats(const stats_options& options, session& s, std::string& out) {
  diagnostic_sink all;
  const std::optional<model::catalog> cat = read_catalog(options, s, all);
  for (const diagnostic& d : all.all()) {
    if (d.level != severity::error) continue;
    s.sink.report(d.code, d.where, d.args).notes = d.notes;
  }
  if (!cat || s.sink.has_errors()) return s.status();
  const report::catalog_stats st = report::compute_stats(*cat, s.sources);
  const std::string text = options.format == stats_format::json ? report::stats_json(st)
                           : options.format == stats_format::html
                               ? report::stats_html(st, options.words, options.language)
                               : report::stats_text(st, options.words);
  if (options.out_file.empty()) {
    out = text;
  } else {
    std::string error;
    if (files::write_if_changed(options.out_file, text, error) == files::write_result::failed) {
      s.sink.report(diag::cannot_write, source_location{}, {options.out_file, error});
      s.io_failed = true;
    }
  }
  return s.status();
}

}  // namespace diaglot::driver
