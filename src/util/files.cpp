#include "util/files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace diaglot::files {

namespace fs = std::filesystem;

bool read(const std::string& path, std::string& contents, std::string& error) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    error = "it is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    error = "read error";
    return false;
  }
  contents = std::move(buffer).str();
  return true;
}

write_result write_if_changed(const std::string& path, const std::string& contents,
                              std::string& error) {
  std::string existing, ignored;
  if (read(path, existing, ignored) && existing == contents) return write_result::unchanged;

  const fs::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  // The temporary lives beside the target so the rename stays on one file system.
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = std::strerror(errno);
      return write_result::failed;
    }
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.flush();
    if (!out) {
      error = std::strerror(errno);
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
