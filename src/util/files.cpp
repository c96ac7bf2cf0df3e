#include "util/files.hpp"

#include <algorithm>
#include <cctype>
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

#include "diag/diagnostics.hpp"

namespace diaglot::files {

namespace fs = std::filesystem;

bool read(const std::string& path, std::string& contents, std::string& error) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    error = system_error_text(EISDIR);
    return false;
  }
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (!in) {
    error = system_error_text(errno);
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
    error = system_error_text(EIO);
    return false;
  }
  out.resize(used);
  contents = std::move(out);
  return true;
}

bool read_text(const std::string& path, std::string& contents, std::string& error,
               utf8::file_encoding& encoding, utf8::utf16_problem& problem) {
  problem = {};
  if (!read(path, contents, error)) return false;
  utf8::from_file(contents, encoding, problem);  // the caller reports a problem
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
  output_set set({{path, pieces}});
  std::size_t failed = 0;
  if (!set.stage(0, error) || !set.commit(failed, error)) return write_result::failed;
  return set.result(0);
}

output_set::output_set(std::vector<output> outputs)
    : outputs_(std::move(outputs)), staged_(outputs_.size()) {}

output_set::~output_set() {
  std::error_code ec;
  for (const staged& s : staged_)
    if (!s.temp.empty() && !s.committed) fs::remove(s.temp, ec);
}

namespace {

/// The file a path names after following symbolic links, even to a file that does not exist
/// yet (a dangling link is written through, creating the file it names). False, with ELOOP in
/// errno, for a loop.
bool resolve_links(const std::string& path, std::string& out) {
  fs::path p(path);
  std::error_code ec;
  for (int hops = 0; fs::is_symlink(p, ec); ++hops) {
    if (hops == 40) {
      errno = ELOOP;
      return false;
    }
    const fs::path next = fs::read_symlink(p, ec);
    if (ec) break;
    p = next.is_absolute() ? next : p.parent_path() / next;
  }
  out = p.lexically_normal().string();
  return true;
}

/// `base` + ".N" for the first N that names nothing yet.
std::string free_name(const std::string& base) {
  std::error_code ec;
  for (unsigned n = 0;; ++n) {
    std::string name = base + "." + std::to_string(n);
    if (!fs::exists(fs::symlink_status(name, ec))) return name;
  }
}

}  // namespace

bool output_set::stage(std::size_t i, std::string& error) {
  const output& o = outputs_[i];
  staged& s = staged_[i];
  std::error_code ec;
  // Through a symbolic link to the file it names: replacing the link itself would leave the
  // file it points to (a translator's, in a shared folder) as it was.
  if (!resolve_links(o.path, s.target)) {
    error = system_error_text(errno);
    return false;
  }
  if (holds(s.target, o.pieces)) {
    s.unchanged = true;
    return true;
  }
  struct stat existing;
  const bool exists = ::stat(s.target.c_str(), &existing) == 0;
  if (exists && !S_ISREG(existing.st_mode)) {
    error = system_error_text(S_ISDIR(existing.st_mode) ? EISDIR : EEXIST);
    return false;
  }
  s.replaces = exists;
  const fs::path target(s.target);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  // The temporary lives beside the target so the rename stays on one file system; a name of its
  // own, as two outputs may name one file (a path and a link to it).
  const std::string temp =
      free_name(s.target + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(i));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = system_error_text(errno);
      return false;
    }
    s.temp = temp;
    for (const std::string_view piece : o.pieces)
      out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    out.flush();
    if (!out) {
      error = system_error_text(errno);
      return false;
    }
  }
  if (exists) {
    // The replaced file's permissions, and its owner and group where the system lets this user
    // give them (the group, to a member of it): a shared file stays writable by its team.
    if (::chmod(temp.c_str(), existing.st_mode & 07777) != 0) {
      error = system_error_text(errno);
      return false;
    }
    if (::chown(temp.c_str(), existing.st_uid, existing.st_gid) != 0 &&
        ::chown(temp.c_str(), static_cast<uid_t>(-1), existing.st_gid) != 0) {
      // Neither can be kept: the file is this user's, as any file they write.
    }
  }
  return true;
}

bool output_set::commit(std::size_t& failed, std::string& error) {
  // Each file replaced keeps a second name (a hard link) until every rename has succeeded, to be
  // put back if one fails. Where no link can be made (a file system without hard links), a
  // replaced file cannot be put back, and is left with its new bytes rather than removed.
  std::vector<std::string> backup(staged_.size());
  std::vector<char> existed(staged_.size(), 0);
  const auto put_back = [&](std::size_t upto) {
    std::error_code ec;
    for (std::size_t j = upto; j-- > 0;) {  // last first: a file written twice gets its first bytes
      staged& s = staged_[j];
      if (!s.committed) continue;
      if (!backup[j].empty())
        fs::rename(backup[j], s.target, ec);
      else if (!existed[j])
        fs::remove(s.target, ec);  // it was new
      s.committed = false;
      s.temp.clear();
    }
  };
  bool ok = true;
  for (std::size_t i = 0; i < staged_.size() && ok; ++i) {
    staged& s = staged_[i];
    if (s.temp.empty()) continue;
    std::error_code ec;
    existed[i] = fs::exists(s.target, ec);
    if (existed[i]) {
      const std::string name = free_name(s.target + ".old." + std::to_string(::getpid()));
      if (::link(s.target.c_str(), name.c_str()) == 0) backup[i] = name;
    }
    fs::rename(s.temp, s.target, ec);
    if (ec) {
      failed = i;
      error = system_error_text(ec.value());
      if (!backup[i].empty()) fs::remove(backup[i], ec);
      backup[i].clear();
      put_back(i);
      for (staged& left : staged_) {  // the failed one's and those not reached
        if (!left.temp.empty() && !left.committed) fs::remove(left.temp, ec);
        left.temp.clear();
      }
      ok = false;
    } else {
      s.committed = true;
    }
  }
  std::error_code ec;
  for (const std::string& name : backup)
    if (!name.empty()) fs::remove(name, ec);
  return ok;
}

write_result output_set::result(std::size_t i) const {
  return staged_[i].unchanged ? write_result::unchanged : write_result::written;
}

std::string extension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

bool is_xliff(const std::string& path) {
  const std::string ext = extension(path);
  return ext == ".xlf" || ext == ".xliff";
}

std::vector<std::string> list_recursive(const std::string& dir,
                                        const std::vector<std::string>& extensions) {
  std::vector<std::string> out;
  std::error_code ec;
  std::string root;  // the directory resolved, with a trailing separator: once a link needs it
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string ext = extension(it->path().string());
    if (std::find(extensions.begin(), extensions.end(), ext) == extensions.end()) continue;
    // The entry's type comes with the directory listing: only links cost a resolution.
    if (it->is_symlink(ec)) {
      std::error_code resolve;
      if (root.empty()) root = (fs::weakly_canonical(dir, resolve) / "").string();
      const std::string target = fs::weakly_canonical(it->path(), resolve).string();
      if (!resolve && target.compare(0, root.size(), root) == 0) continue;
    }
    out.push_back(it->path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace diaglot::files
