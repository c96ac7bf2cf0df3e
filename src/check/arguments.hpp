// diaglot compiler: build-time checks of message arguments, with the parser diaglot::format uses at
// run time. Each message's syntax is decided by its source text (diaglot/format.hpp says how).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.hpp"
#include "model/model.hpp"

namespace diaglot::check {

/// A translation that does not parse in its message's syntax: the source text is served instead.
struct unusable_text {
  std::size_t message;  ///< index in catalog::messages
  std::string locale;
};

/// Checks every served text of every message: the source parses in its syntax (DGL1201; a source
/// that looks like a format string but is not: DGL1203), and each translation does too (else
/// DGL1202, and it is returned as unusable), uses the source's arguments where DGL0501 does not
/// see the difference (DGL1204), gives ICU plural and selectordinal arguments every category its
/// locale needs (DGL1205) and none it never uses (DGL1206), and hides no argument in an
/// apostrophe quote (DGL1207). With `sources`, each report points at the exact byte in its file;
/// without, at the start of the text. Large catalogs are checked on `jobs` threads (0: one per
/// core), with the same reports, in the same order, for any number.
std::vector<unusable_text> check_arguments(const model::catalog& cat, diagnostic_sink& sink,
                                           const source_manager* sources = nullptr,
                                           unsigned jobs = 0);

/// What a compile and `diaglot check` run: run_checks (checks.hpp) and check_arguments in one
/// pass, message by message, so that the second check of a message finds its texts in cache.
/// The reports are both checks' for one message, then for the next; the unusable texts are
/// check_arguments'. The same for any number of `jobs`.
std::vector<unusable_text> check_catalog(const model::catalog& cat, diagnostic_sink& sink,
                                         const source_manager* sources = nullptr,
                                         unsigned jobs = 0);

/// Marks unusable translations as not served (state needs-translation), so lookups fall back.
void withdraw(model::catalog& cat, const std::vector<unusable_text>& texts);

/// Where byte `offset` of a text is in its file: found by matching the token there (`{0`,
/// `plural`, ...) against the file's bytes from the text's (or its segment's) start, since XML
/// escapes change the length of other parts. Falls back to the start of the text.
source_location locate(const model::field_text& text, std::size_t offset,
                       const source_manager* sources);

}  // namespace diaglot::check
