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

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag/diagnostics.hpp"

namespace diaglot::files {

namespace fs = std::filesystem;

bool read(const std::string& path, std::string& contents, std::string& error) {
  // open, fstat, read, close. The stat of what was opened tells a directory and the size; stdio
  // would stat the file again for its buffer and read the file's end in pieces.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int opened = errno;
    std::error_code ec;
    error = system_error_text(fs::is_directory(path, ec) ? EISDIR : opened);
    return false;
  }
  struct stat st;
  const bool known = ::fstat(fd, &st) == 0;
  if (known && S_ISDIR(st.st_mode)) {
    ::close(fd);
    error = system_error_text(EISDIR);
    return false;
  }
  // One allocation of the file's size and a byte more when it is known, so that the second
  // read finds the end without growing it; then reads until the end (the size may change, or
  // not be known for a pipe).
  std::string out;
  out.resize(known && S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) + 1 : 4096);
  std::size_t used = 0;
  int failed = 0;  // the errno of a read that failed
  for (;;) {
    if (used == out.size()) out.resize(out.size() * 2);
    const ::ssize_t n = ::read(fd, &out[used], out.size() - used);
    if (n > 0)
      used += static_cast<std::size_t>(n);
    else if (n == 0)
      break;
    else if (errno != EINTR) {
      failed = errno;
      break;
    }
  }
  ::close(fd);
  if (failed) {
    error = system_error_text(failed);
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

namespace {

file_id id_of(const struct stat& st) {
  return {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
}

}  // namespace

source_files::source_files(std::vector<std::string> extensions)
    : extensions_(std::move(extensions)) {}

const std::string& source_files::keep(const std::string& path, const file_id& id) {
  const auto [it, added] = names_.try_emplace(id, path);
  if (added) paths_.push_back(path);
  return it->second;
}

const std::string& source_files::keep_unknown(const std::string& path) {
  const auto [it, added] = unknown_.try_emplace(fs::path(path).lexically_normal().string(), path);
  if (added) paths_.push_back(path);
  return it->second;
}

void source_files::add(const std::string& source) {
  struct stat st;
  if (::stat(source.c_str(), &st) != 0)
    keep_unknown(source);
  else if (S_ISDIR(st.st_mode))
    add_directory(source, id_of(st));
  else
    keep(source, id_of(st));
}

std::string source_files::add_file(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) != 0 ? keep_unknown(path) : keep(path, id_of(st));
}

void source_files::add_directory(const std::string& dir, const file_id& id) {
  if (!directories_.insert(id).second) return;  // listed already: each of its files is known
  struct found {
    std::string path;
    file_id id;
    bool link = false;
    bool known = false;  ///< stat told what it is
  };
  std::vector<found> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    std::string path = it->path().string();
    const std::string ext = extension(path);
    if (std::find(extensions_.begin(), extensions_.end(), ext) == extensions_.end()) continue;
    // The entry's type comes with the directory listing; what the file is costs one stat, which
    // for a link also tells whether it names a file.
    std::error_code type;
    const bool link = it->is_symlink(type);
    if (!link && !it->is_regular_file(type)) continue;
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      // A file gone since it was listed is read all the same, to tell why it cannot be; a link
      // to nothing is not a source.
      if (!link) files.push_back({std::move(path), {}, false, false});
      continue;
    }
    if (S_ISREG(st.st_mode)) files.push_back({std::move(path), id_of(st), link, true});
  }
  // In path order, whatever order the directories list their entries in. A file's name is the
  // first in that order, but a name that is the file itself comes before a symbolic link to it.
  std::sort(files.begin(), files.end(),
            [](const found& a, const found& b) { return a.path < b.path; });
  for (const bool links : {false, true})
    for (const found& f : files) {
      if (f.link != links) continue;
      if (f.known)
        keep(f.path, f.id);
      else
        keep_unknown(f.path);
    }
}

std::vector<std::string> list_recursive(const std::string& dir,
                                        const std::vector<std::string>& extensions) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return {};
  source_files files(extensions);
  files.add(dir);
  std::vector<std::string> out = files.paths();  // the files themselves first, then links
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace diaglot::files
