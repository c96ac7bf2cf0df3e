// diaglot compiler: diagnostics in machine formats. JSON is diaglot's own array; SARIF 2.1.0 is
// what CI systems (GitHub code scanning, Azure DevOps, GitLab) read to annotate source lines.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.hpp"

namespace diaglot::report {

/// `[{"code", "severity", "file", "line", "column", "message", "notes": [...]}]`, one object per
/// diagnostic in the order given; `file`, `line` and `column` only when the place is known.
std::string diagnostics_json(const std::vector<diagnostic>& ds, const source_manager& sources,
                             const message_text_fn& text = english_text);

/// A diagnostic code's long explanation, in the language of the messages.
struct rule_help {
  std::string description;  ///< the first paragraph of the page's first section (or its summary)
  std::string page;         ///< the whole page, as `diaglot explain` prints it (markdown)
};

/// The explanation of a code, or nullopt when the code has no page.
using rule_help_fn = std::function<std::optional<rule_help>(diag)>;

/// What a SARIF log says besides the diagnostics.
struct sarif_options {
  /// The messages' language (BCP 47; the run's `language`, which SARIF otherwise takes to be
  /// en-US).
  std::string_view language = "en";
  /// Each rule's `fullDescription` and `help`; empty, or nullopt for a code: the rule has none.
  rule_help_fn help = {};
  /// The absolute directory that relative paths are relative to, the run's SRCROOT; empty: the
  /// process's working directory.
  std::string working_directory = {};
};

/// A SARIF 2.1.0 log with one run. The tool's driver names diaglot's version, and its rules are
/// the codes reported: id `DGLnnnn`, the template in the messages' language as short
/// description, and the code's page (options.help) as full description and help. Each result
/// has its level, localized message and physical location (artifact URI, 1-based line and
/// column in Unicode code points), and notes become related locations. Braces in results'
/// message texts are doubled (§3.11.5: `{0}` would be a placeholder for an argument); rules'
/// texts are as they are. A path under the working directory is a URI relative to
/// `originalUriBaseIds.SRCROOT` (the directory's `file://` URI, §3.14.14) with `uriBaseId`
/// SRCROOT; any other path (`..` included) is an absolute `file://` URI without a base.
std::string diagnostics_sarif(const std::vector<diagnostic>& ds, const source_manager& sources,
                              const message_text_fn& text = english_text,
                              const sarif_options& options = {});

/// A path as a SARIF artifact URI: a relative path stays relative (RFC 3986 percent-encoding
/// of what a URI may not hold), an absolute one becomes `file:///...`.
std::string path_to_uri(const std::string& path);

}  // namespace diaglot::report
