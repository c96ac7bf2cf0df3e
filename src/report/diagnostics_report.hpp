// diaglot compiler: diagnostics in machine formats. JSON is diaglot's own array; SARIF 2.1.0 is
// what CI systems (GitHub code scanning, Azure DevOps, GitLab) read to annotate source lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.hpp"

namespace diaglot::report {

/// `[{"code", "severity", "file", "line", "column", "message", "notes": [...]}]`, one object per
/// diagnostic in the order given; `file`, `line` and `column` only when the place is known.
std::string diagnostics_json(const std::vector<diagnostic>& ds, const source_manager& sources,
                             const message_text_fn& text = english_text);

/// A SARIF 2.1.0 log with one run: the tool's rules are the codes reported (id `DGLnnnn`, the
/// English template as short description), each result has its level, localized message and
/// physical location (file URI, 1-based line and column in Unicode code points), and notes
/// become related locations. Braces in message texts are doubled (§3.11.5: `{0}` would be a
/// placeholder for an argument). `language` is the messages' (BCP 47; the run's `language`,
/// which SARIF otherwise takes to be en-US).
std::string diagnostics_sarif(const std::vector<diagnostic>& ds, const source_manager& sources,
                              const message_text_fn& text = english_text,
                              std::string_view language = "en");

/// A path as a SARIF artifact URI: a relative path stays relative (RFC 3986 percent-encoding
/// of what a URI may not hold), an absolute one becomes `file:///...`.
std::string path_to_uri(const std::string& path);

}  // namespace diaglot::report
