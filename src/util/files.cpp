#include "util/files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <sys/stat.h>
#include <unistd.h>

namespace diaglot::files {

namespace fs = std::filesystem;

bool read(const std::string& path, std::string& contents, std::string& error) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    error = "it is a directory";
    return false;
  }
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (!in) {
    error = std::generic_category().message(errno);
    return false;
  }
  // One allocation of the file's size when it is known, then reads until the end (the size may
  // change, or not be known for a pipe).
  std::string out;
  struct stat st;
  if (::fstat(::fileno(in), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
    out.resize(static_cast<std::size_t>(st.st_size));
  std::size_t used = 0;
  for (;;) {
    if (used == out.size()) {
      // At the expected end: grow only when there is more.
      char more;
      if (std::fread(&more, 1, 1, in) == 0) break;
      out.resize(std::max<std::size_t>(out.size() * 2, 4096));
      out[used++] = more;
    }
    const std::size_t n = std::fread(&out[used], 1, out.size() - used, in);
    used += n;
    if (n == 0) break;
  }
  const bool failed = std::ferror(in) != 0;
  std::fclose(in);
  if (failed) {
    error = "read error";
    return false;
  }
  out.resize(used);
  contents = std::move(out);
  return true;
}

namespace {

/// Whether the file at `path` holds exactly the bytes of `pieces`, one after the other,
/// compared a block at a time.
bool holds(const std::string& path, const std::vector<std::string_view>& pieces) {
  std::uint64_t size = 0;
  for (const std::string_view piece : pieces) size += piece.size();
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<std::uint64_t>(st.st_size) != size)
    return false;
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (!in) return false;
  char block[1 << 16];
  bool same = true;
  for (std::string_view piece : pieces) {
    while (same && !piece.empty()) {
      const std::size_t n = std::fread(block, 1, std::min(sizeof block, piece.size()), in);
      same = n != 0 && std::memcmp(block, piece.data(), n) == 0;
      piece.remove_prefix(n);
    }
  }
  same = same && std::fgetc(in) == EOF && std::ferror(in) == 0;
  std::fclose(in);
  return same;
}

}  // namespace

write_result write_if_changed(const std::string& path, const std::string& contents,
                              std::string& error) {
  return write_joined_if_changed(path, {contents}, error);
}

write_result write_joined_if_changed(const std::string& path,
                                     const std::vector<std::string_view>& pieces,
                                     std::string& error) {
  if (holds(path, pieces)) return write_result::unchanged;

  const fs::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  // The temporary lives beside the target so the rename stays on one file system.
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = std::generic_category().message(errno);
      return write_result::failed;
    }
    for (const std::string_view piece : pieces)
      out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    out.flush();
    if (!out) {
      error = std::generic_category().message(errno);
      out.close();
      fs::remove(temp, ec);
      return write_result::failed;
    }
  }
  fs::rename(temp, target, ec);
  if (ec) {
    error = ec.message();
    fs::remove(temp, ec);
    return write_result::failed;
  }
  return write_result::written;
}

std::vector<std::string> list_recursive(const std::string& dir,
                                        const std::vector<std::string>& extensions) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string ext = it->path().extension().string();
    if (std::find(extensions.begin(), extensions.end(), ext) != extensions.end())
      out.push_back(it->path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace diaglot::files
