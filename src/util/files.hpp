// diaglot: file access. Outputs are written to a temporary file and renamed into place, and only
// when their bytes change, so a failed or repeated run never leaves a half-written file or
// touches a timestamp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "util/utf8.hpp"

namespace diaglot::files {

/// Reads a whole file; false with a reason in `error` when it cannot.
bool read(const std::string& path, std::string& contents, std::string& error);

/// Reads a source file as text: read(), then UTF-16 (with its byte order mark) turned into
/// UTF-8 (utf8::from_file), `encoding` saying which it was, to write it back so. UTF-16 that is
/// not well-formed is turned into UTF-8 all the same, `problem` saying what is wrong and where
/// in `contents`: the caller reports it (DGL0005, DGL0006) and does not parse the file.
bool read_text(const std::string& path, std::string& contents, std::string& error,
               utf8::file_encoding& encoding, utf8::utf16_problem& problem);

enum class write_result { unchanged, written, failed };
/// Writes `contents` to `path` atomically, unless the file already holds exactly these bytes.
write_result write_if_changed(const std::string& path, const std::string& contents,
                              std::string& error);
/// The same for the bytes of `pieces`, one after the other, without joining them in memory.
write_result write_joined_if_changed(const std::string& path,
                                     const std::vector<std::string_view>& pieces,
                                     std::string& error);

/// An output file: its path and its bytes, in pieces written one after the other.
struct output {
  std::string path;
  std::vector<std::string_view> pieces;
};

/// Outputs that belong together (a header and its sources, the XLIFF files of one run), written
/// all or none. stage() puts an output's bytes in a temporary file beside it, unless the file
/// already holds them; distinct outputs may be staged on different threads. commit() then
/// renames every temporary into place, and when a rename fails puts back the files it had
/// replaced. A path that is a symbolic link is written through, to the file it names, and a
/// replaced file keeps its permissions. Temporaries never committed are removed.
class output_set {
 public:
  explicit output_set(std::vector<output> outputs);
  ~output_set();
  output_set(const output_set&) = delete;
  output_set& operator=(const output_set&) = delete;

  std::size_t size() const { return outputs_.size(); }
  const std::string& path(std::size_t i) const { return outputs_[i].path; }
  /// Stages output i; false, with the reason in `error`, when it cannot.
  bool stage(std::size_t i, std::string& error);
  /// Renames every staged output into place. False when one fails: `failed` is its index and
  /// `error` the reason, and the outputs renamed before it are as they were.
  bool commit(std::size_t& failed, std::string& error);
  /// Whether output i was written or already held its bytes (after a successful commit).
  write_result result(std::size_t i) const;
  /// Whether staging found output i's file holding other bytes: committing replaces them.
  bool replaces(std::size_t i) const { return staged_[i].replaces; }

 private:
  struct staged {
    std::string target;  ///< the file written: the path, or the file its link names
    std::string temp;    ///< empty: nothing to rename (unchanged, or not staged)
    bool unchanged = false;
    bool replaces = false;  ///< a file was there, with other bytes
    bool committed = false;
  };
  std::vector<output> outputs_;
  std::vector<staged> staged_;
};

/// A path's extension in lower case, with its dot (".xlf"); "" when it has none.
std::string extension(const std::string& path);
/// Whether a path names an XLIFF file by its extension (.xlf, .xliff, in any case).
bool is_xliff(const std::string& path);

/// What a file is, whatever path names it: its device and inode number (stat), which every
/// spelling of its path, a symbolic link to it and a hard link to it share. Two files with the
/// same bytes are two files.
struct file_id {
  std::uint64_t device = 0, inode = 0;
  friend bool operator==(const file_id& a, const file_id& b) {
    return a.device == b.device && a.inode == b.inode;
  }
  friend bool operator<(const file_id& a, const file_id& b) {
    return a.device != b.device ? a.device < b.device : a.inode < b.inode;
  }
};

/// The files a list of sources names, each once however many names the sources give it (read
/// twice, its messages would be defined twice). A source is a file, or a directory whose files
/// with one of the extensions are listed recursively, in path order (links to directories are
/// not followed). A file is kept under the first name found for it (the loader adds its sources
/// sorted, so that the names do not depend on their order): sources in the order they
/// are added, a directory's files in path order, the files themselves before symbolic links
/// to them. Costs one stat for each source and for each file listed.
class source_files {
 public:
  /// `extensions` in lower case, with their dots (".md"), compared in any case.
  explicit source_files(std::vector<std::string> extensions);
  /// Adds a source. One that cannot be looked at (not there, no permission) is kept as it is
  /// given, once, for reading it to tell why.
  void add(const std::string& source);
  /// Adds one file, taken as a file whatever it is (a directory is not listed), and returns
  /// the name it is kept under: `path`, or the name found first for the same file.
  std::string add_file(const std::string& path);
  /// Every file, under the name kept, in the order found.
  const std::vector<std::string>& paths() const { return paths_; }

 private:
  /// The name kept for the file: `path` when the file is new.
  const std::string& keep(const std::string& path, const file_id& id);
  /// The same for a path that cannot be looked at, known by its lexically normal spelling.
  const std::string& keep_unknown(const std::string& path);
  void add_directory(const std::string& dir, const file_id& id);

  std::vector<std::string> extensions_;
  std::vector<std::string> paths_;
  std::map<file_id, std::string> names_;        ///< each file's name kept
  std::map<std::string, std::string> unknown_;  ///< normal spelling -> name kept
  std::set<file_id> directories_;               ///< listed already
};

/// Files below a directory (recursively) whose extensions, in any case, are among `extensions`
/// (lower case), sorted by path; a file with several names there once (source_files): a
/// symbolic link to a file listed itself is left out, and of hard links the first in path
/// order is listed. A link to a file elsewhere is listed. Links to directories are not followed.
std::vector<std::string> list_recursive(const std::string& dir,
                                        const std::vector<std::string>& extensions);

}  // namespace diaglot::files
