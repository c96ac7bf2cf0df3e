#include "driver/report_commands.hpp"

#include "check/checks.hpp"
#include "read/readers.hpp"
#include "report/stats.hpp"
#include "util/files.hpp"

namespace diaglot::driver {

namespace {

/// Reads the sources and builds the model into `sink`; nullopt when a file could not be read or
/// parsed.
std::optional<model::catalog> read_catalog(const source_options& options, session& s,
                                           diagnostic_sink& sink) {
  read::context ctx{s.sources, sink, options.source_locale};
  read::source_set set = read::load_sources(options.sources, options.codes, ctx);
  s.files_read = std::move(set.files_read);
  for (const diagnostic& d : sink.all())
    if (d.code == diag::cannot_read) s.io_failed = true;
  if (sink.has_errors()) return std::nullopt;
  model::catalog cat =
      model::build_catalog(std::move(set.entries), set.codes, options.source_locale, sink);
  if (cat.messages.empty()) sink.report(diag::no_messages, source_location{});
  return cat;
}

}  // namespace

int check(const check_options& options, session& s) {
  if (const std::optional<model::catalog> cat = read_catalog(options, s, s.sink)) {
    check::run_checks(*cat, s.sink);
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
  const std::string text = options.format == stats_format::json   ? report::stats_json(st)
                           : options.format == stats_format::html ? report::stats_html(st)
                                                                  : report::stats_text(st);
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
