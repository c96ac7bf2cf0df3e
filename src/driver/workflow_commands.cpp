#include "driver/workflow_commands.hpp"

#include <filesystem>
#include <set>
#include <utility>

#include "driver/outputs.hpp"
#include "locale/locale_data.hpp"
#include "read/readers.hpp"
#include "util/files.hpp"
#include "util/utf8.hpp"
#include "workflow/xliff12.hpp"
#include "workflow/xliff20.hpp"

namespace diaglot::driver {

namespace {

/// The files of a run, as write_outputs takes them.
std::vector<files::output> as_outputs(
    const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<files::output> out;
  for (const auto& [path, contents] : files) out.push_back({path, {contents}});
  return out;
}

std::string output_path(const xliff_output_options& options, const std::string& locale) {
  return (std::filesystem::path(options.out_dir) / (options.name + "." + locale + ".xlf")).string();
}

/// Writes new XLIFF files (extract, import). A file that exists with other bytes may hold
/// translators' work, which merge keeps and this would not: unless told to replace it, it is kept
/// (write_outputs reports it, and writes none).
void write_new_files(const std::vector<std::pair<std::string, std::string>>& outputs,
                     const xliff_output_options& options, session& s) {
  write_outputs(as_outputs(outputs), s, 1,
                options.replace ? existing_files::replace : existing_files::keep);
}

std::string write_units(const workflow::unit_set& set, xliff_format format) {
  return format == xliff_format::xliff20 ? workflow::xliff20::write(set)
                                         : workflow::xliff12::write(set);
}

}  // namespace

bool parse_xliff_format(const std::string& text, xliff_format& out) {
  if (text == "xliff12" || text == "1.2" || text == "xliff1.2") {
    out = xliff_format::xliff12;
    return true;
  }
  if (text == "xliff20" || text == "2.0" || text == "xliff2" || text == "xliff2.0") {
    out = xliff_format::xliff20;
    return true;
  }
  return false;
}

int extract(const extract_options& options, session& s, workflow::unit_counts* counts) {
  std::vector<std::string> locales;
  std::set<std::string> seen;
  const std::string source_locale =
      locale_data::canonicalize(options.source_locale).value_or(options.source_locale);
  for (const std::string& tag : options.target_locales) {
    const std::optional<std::string> canonical = canonical_locale(tag, s.sink);
    if (!canonical) continue;
    if (*canonical == source_locale) {
      s.sink.report(diag::target_is_source_locale, source_location{}, {tag});
      continue;
    }
    if (seen.insert(*canonical).second) locales.push_back(*canonical);
  }
  const std::optional<model::catalog> cat = build_catalog(options, s);
  if (!cat || s.sink.has_errors()) return s.status();

  std::vector<std::pair<std::string, std::string>> outputs;
  const std::vector<workflow::unit_set> sets =
      workflow::extract_units(*cat, s.sources, locales, workflow::page_names(options.sources));
  for (const workflow::unit_set& set : sets)
    outputs.emplace_back(output_path(options, set.target_locale), write_units(set, options.format));
  if (counts && !sets.empty()) *counts = workflow::count(sets.front());
  write_new_files(outputs, options, s);
  return s.status();
}

int import(const import_options& options, session& s, workflow::unit_counts* counts) {
  const std::optional<model::catalog> cat = build_catalog(options, s);
  if (!cat) return s.status();
  const std::vector<workflow::unit_set> sets =
      workflow::import_units(*cat, s.sources, workflow::page_names(options.sources));
  if (sets.empty()) {
    s.sink.report(diag::nothing_to_import, source_location{});
    return s.status();
  }
  std::vector<std::pair<std::string, std::string>> outputs;
  workflow::unit_counts total;
  for (const workflow::unit_set& set : sets) {
    outputs.emplace_back(output_path(options, set.target_locale), write_units(set, options.format));
    const workflow::unit_counts c = workflow::count(set);
    total.units += c.units;
    total.segments += c.segments;
    total.with_target += c.with_target;
  }
  if (counts) *counts = total;
  write_new_files(outputs, options, s);
  return s.status();
}

int merge(const merge_options& options, session& s, workflow::merge_counts* counts) {
  const std::optional<model::catalog> cat = build_catalog(options, s);
  if (!cat) return s.status();
  std::vector<std::pair<std::string, std::string>> outputs;
  workflow::merge_counts total;
  workflow::merge_options how;
  how.drop_obsolete = options.drop_obsolete;
  const workflow::page_names names(options.sources);
  for (const std::string& path : options.xliff_files) {
    // merge edits XLIFF only: a page given by mistake is not "malformed XML".
    if (!files::is_xliff(path) && files::extension(path) != ".xml") {
      s.sink.report(diag::merge_not_xliff, source_location{}, {path});
      continue;
    }
    std::string contents, error;
    utf8::file_encoding encoding;  // a file saved as UTF-16 is merged as UTF-8, written as it was
    utf8::utf16_problem problem;
    if (!files::read_text(path, contents, error, encoding, problem)) {
      s.sink.report(diag::cannot_read, source_location{}, {path, error});
      s.io_failed = true;
      continue;
    }
    s.files_read.push_back(path);
    const std::uint32_t file = s.sources.add(path, std::move(contents));
    if (problem) {  // broken UTF-16 is not merged; the error keeps every file as it was
      read::report_utf16_problem(problem, file, s.sink);
      continue;
    }
    workflow::merge_counts c;
    std::optional<std::string> merged;
    if (read::is_xliff2_document(s.sources.contents(file)))
      merged = workflow::xliff20::merge(file, *cat, s.sources, how, c, s.sink, names);
    else
      merged = workflow::merge_xliff12(file, *cat, s.sources, how, c, s.sink, names);
    merged = workflow::unless_lost(std::move(merged), c, file, s.sink);
    if (merged) outputs.emplace_back(path, utf8::to_file(*merged, encoding));
    total += c;
  }
  if (counts) *counts = total;
  // Files are written only when every one of them merged: a half-merged set is worse than none.
  if (!s.sink.has_errors()) write_outputs(as_outputs(outputs), s);
  return s.status();
}

}  // namespace diaglot::driver
