// diaglot compiler: the names pages have in XLIFF. A page is named relative to the source it came
// from, with '/' separators, so the same sources give the same files however they are spelled on
// the command line (relative, absolute, `./x`, `x/`):
// - a page found in a directory source is named relative to that directory (the innermost one
//   when directory sources nest);
// - a file given directly is named relative to the common parent of all files given directly
//   (its file name when they share a folder, which is the usual case);
// - anything else keeps its path as read.
// Diagnostics keep naming files as the user gave them: only the XLIFF uses these names.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace diaglot::workflow {

/// Maps paths as read to page names in XLIFF (`<file original>`, page notes, origins).
class page_names {
 public:
  /// Names are paths as read (what diaglot wrote before pages were named by their source).
  page_names() = default;
  /// Names relative to the sources given on the command line (files or directories).
  explicit page_names(const std::vector<std::string>& sources);

  /// The name of the page at `path` (as the reader read it).
  std::string operator()(const std::string& path) const;

  /// Which of a document's `<file original>`s holds the page named `page`, read from `path`:
  /// the one equal to its name, else (files older versions wrote) the one equal to its path as
  /// read, else one naming the same file another way (page_names::name_of_original).
  std::optional<std::size_t> find_file(const std::vector<std::string>& originals,
                                       const std::string& page, const std::string& path) const;

  /// The name of the page an older file's `<file original>` names: an absolute path, or one
  /// relative to the current folder, that lies under a source; empty when it names none.
  std::string name_of_original(const std::string& original) const;

 private:
  struct root {
    std::filesystem::path lexical;    ///< absolute, lexically normal, no trailing separator
    std::filesystem::path canonical;  ///< symbolic links resolved (empty: same as lexical)
  };
  /// The name of an absolute, normal path under a root; empty when it is under none.
  std::string name_under(const std::filesystem::path& absolute, bool canonical) const;

  bool relative_ = false;
  std::filesystem::path cwd_;      ///< relative paths are read against it
  std::vector<root> directories_;  ///< innermost first
  std::vector<root> files_;
  root files_base_;  ///< the common parent of `files_`
  /// name_of_original's answers: merge asks for every <file> of a document again for each
  /// page it lacks (not thread-safe; merges run one after another).
  mutable std::map<std::string, std::string> original_names_;
};

}  // namespace diaglot::workflow
