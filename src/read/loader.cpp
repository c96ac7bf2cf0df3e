// diaglot compiler: the source loader. It expands directories, reads every file once in sorted
// path order (so the result never depends on the order of the command line), checks UTF-8 and
// hands each file to the reader of its format.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "read/readers.hpp"
#include "util/files.hpp"

namespace diaglot::read {

namespace {

namespace fs = std::filesystem;

enum class role { source, codes };

/// Offset of the first byte of the first ill-formed UTF-8 sequence (truncated, overlong, a
/// surrogate or above U+10FFFF), or npos.
std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length;
    unsigned char low = 0x80, high = 0xBF;  // bounds of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    for (std::size_t k = 1; k < length; ++k) {
      if (i + k >= s.size()) return i;
      const unsigned char b = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (b < low || b > high) : (b < 0x80 || b > 0xBF)) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

std::string extension_of(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace

source_set load_sources(const std::vector<std::string>& paths,
                        const std::vector<std::string>& code_files, context& ctx) {
  // Path -> role; a file named both as a source and as a code table is read once, as codes.
  std::map<std::string, role> inputs;
  const auto add = [&](const std::string& path, role r) {
    const std::string key = fs::path(path).lexically_normal().string();
    auto [it, inserted] = inputs.emplace(key, r);
    if (!inserted && r == role::codes) it->second = r;
  };
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      for (const std::string& f : files::list_recursive(path, {".md", ".xlf", ".xliff"}))
        add(f, role::source);
    } else {
      add(path, role::source);
    }
  }
  for (const std::string& path : code_files) add(path, role::codes);

  source_set out;
  for (const auto& [path, r] : inputs) {
    const std::string ext = extension_of(path);
    const bool known =
        r == role::codes || ext == ".tsv" || ext == ".md" || ext == ".xlf" || ext == ".xliff";
    if (!known) {
      ctx.sink.report(diag::unknown_format, {}, {path});
      continue;
    }
    std::string contents, error;
    if (!files::read(path, contents, error)) {
      ctx.sink.report(diag::cannot_read, {}, {path, error});
      continue;
    }
    out.files_read.push_back(path);
    const std::uint32_t file = ctx.sources.add(path, std::move(contents));
    const std::size_t bad = first_invalid_utf8(ctx.sources.contents(file));
    if (bad != std::string_view::npos) {
      ctx.sink.report(diag::invalid_utf8, {file, static_cast<std::uint32_t>(bad)});
      continue;
    }
    if (r == role::codes || ext == ".tsv") {
      read_code_table(file, ctx, out.codes);
    } else if (ext == ".md") {
      std::vector<model::entry> entries = read_markdown(file, ctx);
      out.entries.insert(out.entries.end(), std::make_move_iterator(entries.begin()),
                         std::make_move_iterator(entries.end()));
    } else {
      // read_xliff12 hands XLIFF 2.x documents (root version="2...") to read_xliff2.
      std::vector<model::entry> entries = read_xliff12(file, ctx);
      out.entries.insert(out.entries.end(), std::make_move_iterator(entries.begin()),
                         std::make_move_iterator(entries.end()));
    }
  }
  align_translated_pages(out.entries, ctx);
  return out;
}

}  // namespace diaglot::read
