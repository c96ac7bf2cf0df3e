#include "workflow/page_names.hpp"

#include <algorithm>
#include <iterator>
#include <system_error>

namespace diaglot::workflow {

namespace fs = std::filesystem;

namespace {

/// `path` made absolute against `cwd`, lexically normal, without a trailing separator.
fs::path normal(const fs::path& path, const fs::path& cwd) {
  fs::path out = (path.is_absolute() ? path : cwd / path).lexically_normal();
  if (!out.has_filename() && out.has_relative_path()) out = out.parent_path();
  return out;
}

/// `path` with symbolic links resolved; empty when that fails.
fs::path resolved(const fs::path& path) {
  std::error_code ec;
  fs::path out = fs::weakly_canonical(path, ec);
  if (ec) return {};
  if (!out.has_filename() && out.has_relative_path()) out = out.parent_path();
  return out;
}

/// `path` relative to `base` with '/' separators; empty unless `path` is strictly under it.
std::string under(const fs::path& path, const fs::path& base) {
  if (base.empty() || path.empty()) return {};
  const fs::path rel = path.lexically_relative(base);
  if (rel.empty() || rel == "." || *rel.begin() == "..") return {};
  return rel.generic_string();
}

/// The deepest folder holding every path of `paths` (their parent for one path).
fs::path common_parent(const std::vector<fs::path>& paths) {
  fs::path base;
  for (const fs::path& p : paths) {
    if (p.empty()) return {};
    if (base.empty()) {
      base = p.parent_path();
      continue;
    }
    while (!base.empty() && under(p, base).empty() && base != base.root_path())
      base = base.parent_path();
  }
  return base;
}

std::size_t depth(const fs::path& p) {
  return static_cast<std::size_t>(std::distance(p.begin(), p.end()));
}

}  // namespace

page_names::page_names(const std::vector<std::string>& sources) : relative_(true) {
  std::error_code ec;
  cwd_ = fs::current_path(ec);
  for (const std::string& source : sources) {
    root r{normal(source, cwd_), resolved(source)};
    if (fs::is_directory(source, ec))
      directories_.push_back(std::move(r));
    else
      files_.push_back(std::move(r));
  }
  // The innermost directory names a page found in nested directory sources.
  std::stable_sort(directories_.begin(), directories_.end(), [](const root& a, const root& b) {
    return depth(a.lexical) > depth(b.lexical);
  });
  std::vector<fs::path> lexical, canonical;
  for (const root& f : files_) {
    lexical.push_back(f.lexical);
    canonical.push_back(f.canonical);
  }
  files_base_ = {common_parent(lexical), common_parent(canonical)};
}

std::string page_names::name_under(const fs::path& absolute, bool canonical) const {
  if (absolute.empty()) return {};
  const auto base = [canonical](const root& r) { return canonical ? r.canonical : r.lexical; };
  for (const root& d : directories_)
    if (std::string name = under(absolute, base(d)); !name.empty()) return name;
  for (const root& f : files_)
    if (!base(f).empty() && absolute == base(f)) return under(absolute, base(files_base_));
  return {};
}

std::string page_names::operator()(const std::string& path) const {
  if (!relative_ || path.empty()) return path;
  std::string name = name_under(normal(path, cwd_), false);
  // A path spelled through a symbolic link the source's spelling does not share.
  if (name.empty()) name = name_under(resolved(path), true);
  return name.empty() ? path : name;
}

std::string page_names::name_of_original(const std::string& original) const {
  if (!relative_ || original.empty()) return {};
  if (const auto it = original_names_.find(original); it != original_names_.end())
    return it->second;
  std::string& name = original_names_[original];
  name = name_under(normal(original, cwd_), false);
  if (name.empty()) {
    std::error_code ec;
    if (fs::exists(original, ec)) name = name_under(resolved(original), true);
  }
  return name;
}

std::optional<std::size_t> page_names::find_file(const std::vector<std::string>& originals,
                                                 const std::string& page,
                                                 const std::string& path) const {
  const auto equal = [&](const std::string& want) -> std::optional<std::size_t> {
    const auto it = std::find(originals.begin(), originals.end(), want);
    if (it == originals.end()) return std::nullopt;
    return static_cast<std::size_t>(it - originals.begin());
  };
  if (const auto i = equal(page)) return i;
  if (!path.empty())
    if (const auto i = equal(path)) return i;
  if (!relative_) return std::nullopt;
  for (std::size_t i = 0; i < originals.size(); ++i)
    if (name_of_original(originals[i]) == page) return i;
  return std::nullopt;
}

}  // namespace diaglot::workflow
