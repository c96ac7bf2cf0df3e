// diaglot compiler: readers, one per source format. Each turns one file into model entries and
// reports what is wrong with it; none of them writes anything.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/diagnostics.hpp"
#include "model/model.hpp"
#include "util/string_view_map.hpp"
#include "util/utf8.hpp"

namespace diaglot::read {

/// The message IDs whose English the bilingual files parsed so far give, each with the lowest
/// (first in path order) of those files; safe to use from several threads at once.
class derived_ids {
 public:
  /// The lowest file recorded for this ID's English, or none.
  std::optional<std::uint32_t> first_file(std::string_view id) const;
  /// Records that `file` gives the English of each of `ids`, under one lock. An ID keeps the
  /// lowest file recorded for it, so files may be recorded in any order.
  void add(const std::vector<std::string_view>& ids, std::uint32_t file);

 private:
  mutable std::shared_mutex mutex_;
  std::deque<std::string> storage_;  // the IDs; a deque never moves them
  string_view_map<std::uint32_t> files_;
};

/// The source text each unit name was first seen with, so that the translations made from the
/// same English share its bytes (model::shared_text) instead of each holding a copy: a message's
/// English comes again in every language's file. Only a text equal to a unit's own source is
/// shared, so what a reader gives does not depend on which file recorded it first. Used by one
/// thread at a time (load_sources keeps one for each reading thread).
class source_texts {
 public:
  /// The text recorded for this unit name, or null.
  std::shared_ptr<const std::string> find(std::string_view unit) const;
  /// Records each (unit name, text) whose name has none yet.
  void add(
      const std::vector<std::pair<std::string_view, std::shared_ptr<const std::string>>>& texts);

 private:
  std::deque<std::string> names_;  // a deque never moves them
  string_view_map<std::shared_ptr<const std::string>> texts_;
};

/// One file's side of a source_texts (which may be null: then nothing is shared): what the
/// reader of the file asks while it reads units, and the sources it records once it is done.
class shared_sources {
 public:
  explicit shared_sources(source_texts* all) : all_(all) {}
  /// What a file recorded for this unit's source, or null.
  std::shared_ptr<const std::string> recorded(std::string_view unit) const {
    return all_ ? all_->find(unit) : nullptr;
  }
  /// The made_from of a unit whose source is `text`, given what was `recorded` for the unit:
  /// those bytes when they are the same text, else text's own, to be recorded by flush when
  /// none were. `unit` must stay valid until flush.
  model::shared_text share(std::string_view unit,
                           const std::shared_ptr<const std::string>& recorded, std::string text);
  /// Records the sources of this file's units that had none.
  void flush();

 private:
  source_texts* all_;
  std::vector<std::pair<std::string_view, std::shared_ptr<const std::string>>> new_;
};

/// How the notes `diaglot merge` writes into XLIFF 1.2 units begin (`<note from="diaglot">`,
/// src/workflow/xliff12.hpp); the XLIFF 1.2 reader reads them.
inline constexpr std::string_view xliff12_obsolete_note = "obsolete:";
inline constexpr std::string_view xliff12_previous_source_note = "previous source: ";

struct context {
  source_manager& sources;
  diagnostic_sink& sink;
  std::string source_locale = "en";
  /// Threads load_sources parses files on (0: one per core); the result is the same for any.
  unsigned jobs = 0;
  /// Set by load_sources: IDs whose English the files parsed so far give. A reader need not
  /// derive English in the source locale for an ID a file before its own gives (it would be
  /// dropped).
  const derived_ids* derived = nullptr;
  /// Set by load_sources: the source texts this reading thread has seen, to share (a reader may
  /// leave it alone).
  source_texts* sources_seen = nullptr;
  /// Evict each file from `sources` once it is parsed (source_manager::evict); a reader that
  /// parses in place takes the bytes instead (source_manager::take).
  bool evict_sources = false;
  /// Set by load_sources: where an XLIFF reader records the target locale its file declares
  /// (canonical), whether or not the file translates anything yet.
  std::vector<std::string>* declared_locales = nullptr;

  /// The locale of the source text of a file that declares `declared` (canonical) as its source
  /// language: the source locale when `declared` has its language and script (a file from a CAT
  /// tool says `en-US` where the catalog's source is `en`, or `en` where it is `en-US`), else
  /// `declared`.
  std::string source_of(const std::string& declared) const;
};

/// A markdown page: English (one source entry), bilingual sxs (a derived English entry and a
/// translation entry with segments), or translated monolingual (a translation entry without
/// `made_from`, to be aligned with its English page by align_translated_pages).
std::vector<model::entry> read_markdown(std::uint32_t file, context& ctx);

/// Matches monolingual translated pages to their English pages (by `ms.assetid`, else file
/// name) and keeps those whose blocks align; the others are reported and dropped.
void align_translated_pages(std::vector<model::entry>& entries, context& ctx);

/// An XLIFF 1.2 document: per unit a derived English entry and, when it has a target, a
/// translation entry. An XLIFF 2 document (is_xliff2_document) is read by read_xliff2.
std::vector<model::entry> read_xliff12(std::uint32_t file, context& ctx);

/// Whether a document is XLIFF 2.x: its root <xliff> has a `version` starting with 2, or is in
/// the XLIFF 2.0 or 2.2 namespace. Read from the root start tag as written when it reads plainly,
/// else from a parse of the document (false when it does not parse). Every reader and workflow
/// that must tell the versions apart asks this.
bool is_xliff2_document(std::string_view document);

/// An XLIFF 2.x document (2.0, 2.1, 2.2), checked against the specification first: per unit a
/// derived English entry and, when it has targets, a translation entry; nothing when any error
/// was reported.
std::vector<model::entry> read_xliff2(std::uint32_t file, context& ctx);

/// A tab-separated codes table: a header row, then name and code (hex 0x.. or decimal); when the
/// header names `code_hex` or `code_decimal` columns they are used.
void read_code_table(std::uint32_t file, context& ctx, model::code_table& out);

namespace detail {
/// The entries load_sources makes room for when the joined entries need `needed` places and
/// `merged_files` of `all_files` files are merged: as many as the files so far suggest all will
/// give, and a quarter more, but at most eight times what is needed (a large file merged before
/// many small ones would suggest far too much); never less than `needed`. `merged_files` is
/// at least 1.
std::size_t joined_room(std::size_t needed, std::size_t merged_files, std::size_t all_files);
}  // namespace detail

/// What a set of sources gives: entries of every file and the merged code table. English
/// recovered from bilingual files (derived_source entries in the source locale) is kept from
/// the first file that gives a message only, the one the catalog takes.
struct source_set {
  std::vector<model::entry> entries;
  model::code_table codes;
  std::vector<std::string> files_read;  ///< every input, for the depfile
  /// The target locales XLIFF files declare (context::declared_locales), sorted, no repeats.
  std::vector<std::string> declared_locales;
};

/// Reads files and directories (recursively: .md, .xlf, .xliff), in sorted path order, plus
/// optional code tables. Files are parsed on ctx.jobs threads; entries and diagnostics come in
/// path order whatever the number.
source_set load_sources(const std::vector<std::string>& paths,
                        const std::vector<std::string>& code_files, context& ctx);

/// Reports what is wrong with a UTF-16 file (files::read_text) at its place in the file's
/// converted text: an unpaired surrogate (DGL0005) or an odd number of bytes (DGL0006).
void report_utf16_problem(const utf8::utf16_problem& problem, std::uint32_t file,
                          diagnostic_sink& sink);

}  // namespace diaglot::read
