// diaglot compiler: source files, locations and the one counting diagnostic sink.
// Readers record byte offsets; line:column is computed once, when a diagnostic is rendered.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace diaglot {

enum class severity : std::uint8_t { note, warning, error };

enum class diag : std::uint16_t {
#define DIAGLOT_DIAG(number, name, sev, text) name = number,
#include "diag/codes.def"
#undef DIAGLOT_DIAG
};

/// "DGL0401" for diag::duplicate_id.
std::string diag_code(diag d);
/// The code's default severity and English template (from codes.def).
severity diag_severity(diag d);
std::string_view diag_english(diag d);
/// Parses "DGL0401" (or "dgl401", "401"); false when no such code exists.
bool parse_diag_code(std::string_view text, diag& out);
/// Every diagnostic code, ascending.
const std::vector<diag>& all_diags();

/// A place in a source file: the file's index in the source_manager and a byte offset.
struct source_location {
  static constexpr std::uint32_t none = 0xffffffffu;
  std::uint32_t file = none;
  std::uint32_t offset = 0;
  bool known() const { return file != none; }
};

struct line_column {
  std::uint32_t line = 0;    ///< 1-based
  std::uint32_t column = 0;  ///< 1-based, in Unicode code points
};

/// Owns the bytes of every file read, so diagnostics can quote lines and readers can keep views.
/// Reading contents is safe from several threads; position() and line_text() are not (they find
/// a file's lines the first time they are asked about it).
class source_manager {
 public:
  /// Adds a file's contents; returns its index.
  std::uint32_t add(std::string path, std::string contents);
  const std::string& path(std::uint32_t file) const { return files_[file].path; }
  /// A file's bytes; an evicted file's are read again first.
  const std::string& contents(std::uint32_t file) const;
  std::size_t size() const { return files_.size(); }
  /// Frees a file's bytes (its path stays): for files no diagnostic will quote.
  void release(std::uint32_t file);
  /// Frees a file's bytes until they are asked for again, when they are read again from its
  /// path: a compile keeps no copy of its sources for the few that diagnostics quote later.
  /// A file that has changed since reads as empty, and places in it as unknown.
  void evict(std::uint32_t file);
  /// Evicts a file as evict() does, but hands its bytes to the caller instead of freeing them:
  /// for a parser that works in place, which would otherwise need a copy. Empty when the file
  /// changed since it was read. Safe from several threads for distinct files.
  std::string take(std::uint32_t file);
  /// Gives a file added without its bytes (read later, e.g. on another thread) its contents.
  /// Safe from several threads for distinct files while no file is added.
  void set_contents(std::uint32_t file, std::string contents) {
    files_[file].contents = std::move(contents);
  }

  line_column position(source_location where) const;
  /// The text of a 1-based line, without its line end.
  std::string_view line_text(std::uint32_t file, std::uint32_t line) const;

 private:
  struct file {
    std::string path;
    mutable std::string contents;
    /// Offsets where lines start; found on the first position() or line_text() of the file.
    mutable std::vector<std::uint32_t> line_starts;
    /// Evicted: the bytes are to be read again, and must have this size and hash.
    mutable bool evicted = false;
    mutable bool changed = false;  ///< read again, and not the bytes first read
    std::size_t size = 0;
    std::uint64_t digest = 0;
  };
  const std::vector<std::uint32_t>& line_starts(const file& f) const;
  /// Marks a file evicted, remembering its size and hash, and moves its bytes out.
  static std::string detach(file& f);
  std::vector<file> files_;
  std::unique_ptr<std::mutex> reload_ = std::make_unique<std::mutex>();
};

struct diagnostic {
  diag code;
  severity level;
  source_location where;
  std::vector<std::string> args;
  std::vector<diagnostic> notes;
};

/// Turns a code and its arguments into text in the user's language. The default uses the
/// English templates of codes.def; the CLI plugs in its compiled catalog.
using message_text_fn = std::function<std::string(diag, const std::vector<std::string>&)>;

/// Substitutes {0}, {1}, ... in a template.
std::string format_template(std::string_view templ, const std::vector<std::string>& args);
/// The codes.def template with its arguments, their phrases in English.
std::string english_text(diag d, const std::vector<std::string>& args);

/// A translated phrase inside an argument, such as "missing {0}" in "placeholders differ from the
/// source: missing `{1}`": encoded with its id (a UI string of diaglot's catalog), its English
/// template and its own arguments, and written out in the user's language with the message
/// (english_text, the CLI's text). Its arguments are quoted user text; the two control bytes
/// that mark a phrase (U+001E, U+001F) are dropped from them.
std::string phrase(std::string_view id, std::string_view english,
                   const std::vector<std::string>& args);
/// Why a system call failed (an errno value), as a phrase: the C library's English text, and
/// the UI string `system.ENOENT` (`system.EACCES`, ...) in the user's language for the errors a
/// run can meet reading and writing files; other values give the English text alone.
std::string system_error_text(int err);
/// The template of a phrase: its id's text in the user's language, else `english`.
using phrase_template_fn =
    std::function<std::string(std::string_view id, std::string_view english)>;
/// The template of UI string `id` from `words`; `english` when `words` is empty.
std::string template_of(const phrase_template_fn& words, std::string_view id,
                        std::string_view english);
/// UI string `id` from `words` (English when empty) with its arguments: what reports and
/// explanations outside diagnostics say in the reader's language.
std::string ui_text(const phrase_template_fn& words, std::string_view id, std::string_view english,
                    const std::vector<std::string>& args = {});
/// Arguments with each phrase written out from its template.
std::vector<std::string> expand_phrases(const std::vector<std::string>& args,
                                        const phrase_template_fn& template_of);

/// Collects diagnostics and counts errors; nothing in the library prints or exits.
class diagnostic_sink {
 public:
  diagnostic& report(diag code, source_location where, std::vector<std::string> args = {});
  /// Adds a note to the last reported diagnostic.
  void note(diag code, source_location where, std::vector<std::string> args = {});
  /// Moves another sink's diagnostics after these, with their counts.
  void append(diagnostic_sink&& other);

  /// Stops reporting a warning (the user's --ignore): report() and append() drop it and its
  /// notes, and it does not count. Returns false, ignoring nothing, for an error or a note.
  bool ignore(diag code);
  /// How many warnings were dropped so.
  std::size_t ignored_count() const { return ignored_count_; }

  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return warnings_; }
  bool has_errors() const { return errors_ != 0; }
  const std::vector<diagnostic>& all() const { return diags_; }

  /// Orders diagnostics by file, offset and code so output does not depend on input order.
  void sort(const source_manager& sources);

 private:
  bool ignored(const diagnostic& d) const;

  std::vector<diagnostic> diags_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
  std::vector<diag> ignored_;
  std::size_t ignored_count_ = 0;
  diagnostic dropped_;           ///< what report() returns for an ignored warning
  bool dropping_notes_ = false;  ///< the last report was ignored: so are its notes
};

/// Renders one diagnostic as `file:line:col: error: text [DGLnnnn]`, the source line and a caret,
/// then its notes the same way.
std::string render(const diagnostic& d, const source_manager& sources,
                   const message_text_fn& text = english_text);

/// Words for "error", "warning" and "note" are localized too; the default is English.
struct severity_words {
  std::string error = "error", warning = "warning", note = "note";
};
std::string render(const diagnostic& d, const source_manager& sources, const message_text_fn& text,
                   const severity_words& words);

// Machine-readable forms (JSON, SARIF) are in report/diagnostics_report.hpp.

}  // namespace diaglot
