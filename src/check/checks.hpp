// diaglot compiler: checks that compare each translation with its English source.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.hpp"
#include "model/model.hpp"

namespace diaglot::check {

/// Placeholders of a message text: "{0}", "{name}", "{1,-10}" (as "{1}"), ignoring "{{", "}}"
/// escapes and anything inside markdown code spans or fences.
std::set<std::string> placeholders(std::string_view text);

/// Number of markdown inline code spans (`code`) outside code fences.
std::size_t code_span_count(std::string_view text);

/// The checks a compile runs: what would serve a broken message (placeholders, inline codes,
/// lost code spans), over every served translation. Large catalogs are checked on `jobs` threads
/// (0: one per core), with the same reports, in the same order, for any number.
void run_checks(const model::catalog& cat, diagnostic_sink& sink, unsigned jobs = 0);

/// run_checks one message at a time, its buffers reused from message to message: for a caller
/// that runs other checks on each message too (check_catalog).
class translation_checks {
 public:
  void check(const model::catalog& cat, const model::message& m, diagnostic_sink& sink);

 private:
  // Placeholder names as views, reused from text to text: comparing them decides; the sets of
  // strings are built only for a report.
  std::vector<std::string_view> source_args_, target_args_;
  std::string source_scratch_, target_scratch_;
};

/// The further checks `diaglot check` runs for translators (DGL0504-DGL0511): placeholder repeat
/// counts, broken protected markup (backticks, link destinations, cross-references), text the
/// same as the source where the language differs, changed leading or trailing whitespace, and
/// untranslated or missing translations.
void run_lints(const model::catalog& cat, diagnostic_sink& sink);

}  // namespace diaglot::check
