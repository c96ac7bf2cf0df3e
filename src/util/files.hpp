// diaglot: file access. Outputs are written to a temporary file and renamed into place, and only
// when their bytes change, so a failed or repeated run never leaves a half-written file or
// touches a timestamp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace diaglot::files {

/// Reads a whole file; false with a reason in `error` when it cannot.
bool read(const std::string& path, std::string& contents, std::string& error);

enum class write_result { unchanged, written, failed };
/// Writes `contents` to `path` atomically, unless the file already holds exactly these bytes.
write_result write_if_changed(const std::string& path, const std::string& contents,
                              std::string& error);
/// The same for the bytes of `pieces`, one after the other, without joining them in memory.
write_result write_joined_if_changed(const std::string& path,
                                     const std::vector<std::string_view>& pieces,
                                     std::string& error);

/// Files below a directory (recursively) whose names end in one of `extensions`, sorted by path.
std::vector<std::string> list_recursive(const std::string& dir,
                                        const std::vector<std::string>& extensions);

}  // namespace diaglot::files
