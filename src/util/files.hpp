// diaglot: file access. Outputs are written to a temporary file and renamed into place, and only
// when their bytes change, so a failed or repeated run never leaves a half-written file or
// touches a timestamp.
#pragma once

#include <cstddef>
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

/// Files below a directory (recursively) whose extensions, in any case, are among `extensions`
/// (lower case), sorted by path. A symbolic link to a file below the same directory is left
/// out, since that file is listed itself (read twice, its messages would be defined twice);
/// one to a file elsewhere is listed. Links to directories are not followed.
std::vector<std::string> list_recursive(const std::string& dir,
                                        const std::vector<std::string>& extensions);

}  // namespace diaglot::files
