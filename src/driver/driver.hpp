// diaglot compiler: the commands, as library calls. Each reads its sources, reports into the
// session's sink and returns an exit status; the CLI only maps options onto these and prints.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <diaglot/catalog.hpp>

#include "diag/diagnostics.hpp"
#include "model/model.hpp"
#include "plan/table_plan.hpp"
#include "report/diagnostics_report.hpp"

namespace diaglot {
class stage_clock;
}

namespace diaglot::driver {

/// Exit statuses: 0 success, 1 input errors, 2 usage, 3 I/O.
enum exit_status : int { success = 0, input_error = 1, usage_error = 2, io_error = 3 };

/// What every command shares: the files read and the diagnostics reported.
struct session {
  source_manager sources;
  diagnostic_sink sink;
  std::vector<std::string> files_read;
  bool io_failed = false;
  stage_clock* clock = nullptr;  ///< when set, each stage that ends is recorded on it
  /// The status for what was reported: 3 after an I/O failure, 1 after an error, else 0.
  int status() const;
};

struct source_options {
  std::vector<std::string> sources;  ///< files or directories
  std::vector<std::string> codes;    ///< code tables (TSV)
  std::string source_locale = "en";
  unsigned jobs = 0;  ///< threads to read sources on (0: one per core); same output for any
  std::vector<diag> ignored = {};  ///< warnings not to report (--ignore)
};

/// The canonical BCP 47 form of a locale tag given on the command line ("EN" -> "en",
/// "en_US" -> "en-US"); nullopt after reporting DGL0402, with a suggestion when there is one.
std::optional<std::string> canonical_locale(const std::string& tag, diagnostic_sink& sink);

/// read -> model, reporting into `sink`; nullopt when a file could not be read or parsed, or
/// when the source locale is not a locale tag.
std::optional<model::catalog> read_catalog(const source_options& options, session& s,
                                           diagnostic_sink& sink);

/// read -> model -> check. nullopt when an error was reported.
std::optional<model::catalog> build_catalog(const source_options& options, session& s);

struct compile_options : source_options {
  std::string out_dir;
  std::string name;
  std::string name_space;
  std::string depfile;  ///< empty: none
  /// Written (emptied) after every successful compile and named first in the depfile; empty:
  /// none. For build systems that cannot tell an output left alone from one rebuilt (Make).
  std::string stamp;
  unsigned shards = 1;  ///< source files for the table's data: NAME.cpp, NAME.shard1.cpp, ...
  /// The process ends after this compile: its model is never freed (the millions of blocks of
  /// a large catalog take seconds; the system takes them back at once).
  bool exit_after = false;
  /// Where to write what each stage cost (read, model, check, plan, emit, write) as JSON, also
  /// after an error (the stages that ran); empty: nowhere.
  std::string timings;
};

/// Writes out_dir/name.hpp and .cpp (and .shardK.cpp), atomically and only when changed, and
/// only without errors.
int compile(const compile_options& options, session& s);

enum class output_format { text, json };

struct lookup_options : source_options {
  std::string locale;
  std::string key;  ///< a string ID, or a numeric code (decimal or 0x hex)
  bool all = false;
  output_format format = output_format::text;
  /// "NAME=VALUE": format the message with these arguments (driver/format_lookup.hpp).
  std::vector<std::string> args;
};

/// Builds the table in memory and queries it through the runtime, as generated code would.
int lookup(const lookup_options& options, session& s, std::string& out);

/// `[{"id": ..., "code": ..., "fields": [{"name", "text", "locale"}]}]` for every message of a
/// catalog in a locale, sorted by ID.
std::string lookup_json(const catalog& c, locale l);
/// The same JSON for the given messages, in the order given.
std::string messages_json(const catalog& c, const std::vector<message>& messages);
/// One message, field by field, saying which locale served each.
std::string lookup_text(const catalog& c, const message& m);
/// The same with other texts for its fields (formatted with arguments, say).
std::string lookup_text(const catalog& c, const message& m,
                        const std::vector<std::string_view>& texts);
/// One message as a JSON object of the lookup_json shape, with the given field texts.
std::string message_json(const catalog& c, const message& m,
                         const std::vector<std::string_view>& texts);

/// Parses "0x4000F" or "262159".
std::optional<std::uint32_t> parse_code(const std::string& text);

/// The long description of a diagnostic from a compiled catalog of diaglot's own pages, or
/// nullopt when the catalog has no such code.
std::optional<std::string> explain(const catalog& own, diag code, locale l);

/// A diagnostic's page as SARIF rule help: the page as `explain` gives it, and the first
/// paragraph of its first section (the summary when it has none); nullopt when there is no page.
std::optional<report::rule_help> rule_help(const catalog& own, diag code, locale l);

}  // namespace diaglot::driver
