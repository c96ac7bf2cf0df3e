#include "diag/diagnostics.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

#include "diaglot/hash.hpp"

namespace diaglot {

namespace {

struct diag_info {
  diag code;
  severity level;
  std::string_view english;
};

const std::vector<diag_info>& infos() {
  static const std::vector<diag_info> all = {
#define DIAGLOT_DIAG(number, name, sev, text) {diag::name, severity::sev, text},
#include "diag/codes.def"
#undef DIAGLOT_DIAG
  };
  return all;
}

const diag_info* info(diag d) {
  for (const diag_info& i : infos())
    if (i.code == d) return &i;
  return nullptr;
}

/// Display width of a code point in a terminal: 2 for East Asian wide and full-width.
int display_width(UChar32 c) {
  const int w = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return (w == U_EA_WIDE || w == U_EA_FULLWIDTH) ? 2 : 1;
}

}  // namespace

std::string diag_code(diag d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "DGL%04u", static_cast<unsigned>(d));
  return buf;
}

severity diag_severity(diag d) {
  const diag_info* i = info(d);
  return i ? i->level : severity::error;
}

std::string_view diag_english(diag d) {
  const diag_info* i = info(d);
  return i ? i->english : std::string_view("unknown diagnostic");
}

bool parse_diag_code(std::string_view text, diag& out) {
  if (text.size() >= 3 && std::toupper(static_cast<unsigned char>(text[0])) == 'D' &&
      std::toupper(static_cast<unsigned char>(text[1])) == 'G' &&
      std::toupper(static_cast<unsigned char>(text[2])) == 'L')
    text.remove_prefix(3);
  if (text.empty() || text.size() > 5) return false;
  unsigned number = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    number = number * 10 + static_cast<unsigned>(c - '0');
  }
  for (const diag_info& i : infos()) {
    if (static_cast<unsigned>(i.code) == number) {
      out = i.code;
      return true;
    }
  }
  return false;
}

const std::vector<diag>& all_diags() {
  static const std::vector<diag> all = [] {
    std::vector<diag> v;
    for (const diag_info& i : infos()) v.push_back(i.code);
    std::sort(v.begin(), v.end());
    return v;
  }();
  return all;
}

std::uint32_t source_manager::add(std::string path, std::string contents) {
  files_.push_back({std::move(path), std::move(contents), {}});
  return static_cast<std::uint32_t>(files_.size() - 1);
}

const std::string& source_manager::contents(std::uint32_t file_index) const {
  const file& f = files_[file_index];
  const std::lock_guard<std::mutex> lock(*reload_);
  if (f.evicted) {
    f.evicted = false;
    std::ifstream in(f.path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const bool same = in.is_open() && !in.bad() && bytes.size() == f.size &&
                      detail::hash_bytes(bytes, 0) == f.digest;
    f.changed = !same;
    if (same) f.contents = std::move(bytes);
  }
  return f.contents;
}

void source_manager::evict(std::uint32_t file_index) {
  if (file_index >= files_.size()) return;
  file& f = files_[file_index];
  const std::lock_guard<std::mutex> lock(*reload_);
  if (f.evicted || f.changed) return;
  detach(f);  // and the bytes are freed
}

std::string source_manager::take(std::uint32_t file_index) {
  if (file_index >= files_.size()) return {};
  contents(file_index);  // an evicted file is read again first
  file& f = files_[file_index];
  const std::lock_guard<std::mutex> lock(*reload_);
  if (f.changed) return {};
  return detach(f);
}

std::string source_manager::detach(file& f) {
  f.size = f.contents.size();
  f.digest = detail::hash_bytes(f.contents, 0);
  f.evicted = true;
  std::string bytes = std::move(f.contents);
  f.contents = std::string();
  return bytes;
}

void source_manager::release(std::uint32_t file_index) {
  if (file_index >= files_.size()) return;
  const std::lock_guard<std::mutex> lock(*reload_);
  files_[file_index].evicted = false;
  std::string().swap(files_[file_index].contents);
  std::vector<std::uint32_t>().swap(files_[file_index].line_starts);
}

const std::vector<std::uint32_t>& source_manager::line_starts(const file& f) const {
  if (f.line_starts.empty()) {
    f.line_starts.push_back(0);
    const char* begin = f.contents.data();
    const char* end = begin + f.contents.size();
    for (const char* p = begin; p < end;) {
      const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
      if (!nl) break;
      p = static_cast<const char*>(nl) + 1;
      f.line_starts.push_back(static_cast<std::uint32_t>(p - begin));
    }
  }
  return f.line_starts;
}

line_column source_manager::position(source_location where) const {
  if (!where.known() || where.file >= files_.size()) return {};
  const file& f = files_[where.file];
  contents(where.file);  // reads an evicted file again
  if (f.changed) return {};
  const std::vector<std::uint32_t>& starts = line_starts(f);
  const std::uint32_t offset =
      std::min<std::uint32_t>(where.offset, static_cast<std::uint32_t>(f.contents.size()));
  const auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  const std::uint32_t line = static_cast<std::uint32_t>(it - starts.begin());
  std::uint32_t start = starts[line - 1];
  // A UTF-8 BOM is not a column.
  if (line == 1 && f.contents.compare(0, 3, "\xEF\xBB\xBF") == 0 && offset >= 3) start = 3;
  std::uint32_t column = 1;
  for (std::uint32_t i = start; i < offset; ++i)
    if ((static_cast<unsigned char>(f.contents[i]) & 0xC0) != 0x80) ++column;
  return {line, column};
}

std::string_view source_manager::line_text(std::uint32_t file_index, std::uint32_t line) const {
  if (file_index >= files_.size()) return {};
  const file& f = files_[file_index];
  contents(file_index);  // reads an evicted file again
  if (f.changed) return {};
  const std::vector<std::uint32_t>& starts = line_starts(f);
  if (line == 0 || line > starts.size()) return {};
  std::string_view all(f.contents);
  std::size_t start = starts[line - 1];
  std::size_t end = line < starts.size() ? starts[line] - 1 : all.size();
  if (line == 1 && all.compare(0, 3, "\xEF\xBB\xBF") == 0) start = std::min<std::size_t>(3, end);
  if (end > start && all[end - 1] == '\r') --end;
  return all.substr(start, end - start);
}

std::string format_template(std::string_view templ, const std::vector<std::string>& args) {
  std::string out;
  for (std::size_t i = 0; i < templ.size(); ++i) {
    if (templ[i] == '{') {
      const std::size_t close = templ.find('}', i);
      if (close != std::string_view::npos && close > i + 1) {
        bool digits = true;
        std::size_t n = 0;
        for (std::size_t j = i + 1; j < close; ++j) {
          if (templ[j] < '0' || templ[j] > '9') digits = false;
          n = n * 10 + static_cast<std::size_t>(templ[j] - '0');
        }
        if (digits) {
          if (n < args.size()) out += args[n];
          i = close;
          continue;
        }
      }
    }
    out += templ[i];
  }
  return out;
}

namespace {

constexpr char phrase_mark = '\x1e', phrase_part = '\x1f';

/// `arg` with each well-formed phrase (mark, id, part, English, part, argument..., mark) written
/// out; anything else is kept as it is.
std::string expand_one(std::string_view arg, const phrase_template_fn& template_of) {
  std::string out;
  std::size_t at = 0;
  while (at < arg.size()) {
    const std::size_t open = arg.find(phrase_mark, at);
    const std::size_t close =
        open == std::string_view::npos ? open : arg.find(phrase_mark, open + 1);
    if (close == std::string_view::npos) break;
    out.append(arg, at, open - at);
    std::vector<std::string_view> parts;
    for (std::size_t p = open + 1;;) {
      const std::size_t end = std::min(arg.find(phrase_part, p), close);
      parts.push_back(arg.substr(p, end - p));
      if (end == close) break;
      p = end + 1;
    }
    if (parts.size() < 2) {
      out.append(arg, open, close + 1 - open);
    } else {
      const std::vector<std::string> args(parts.begin() + 2, parts.end());
      out += format_template(template_of(parts[0], parts[1]), args);
    }
    at = close + 1;
  }
  out.append(arg, at);
  return out;
}

}  // namespace

std::string phrase(std::string_view id, std::string_view english,
                   const std::vector<std::string>& args) {
  std::string out(1, phrase_mark);
  out.append(id).append(1, phrase_part).append(english);
  for (const std::string& a : args) {
    out += phrase_part;
    for (const char c : a)
      if (c != phrase_mark && c != phrase_part) out += c;
  }
  out += phrase_mark;
  return out;
}

std::string system_error_text(int err) {
  // The errors reading sources and writing outputs meet; diaglot's catalog words each of them.
  static constexpr std::pair<int, const char*> named[] = {
      {ENOENT, "ENOENT"},   {EACCES, "EACCES"}, {EPERM, "EPERM"},   {EISDIR, "EISDIR"},
      {ENOTDIR, "ENOTDIR"}, {EEXIST, "EEXIST"}, {ENOSPC, "ENOSPC"}, {EDQUOT, "EDQUOT"},
      {EROFS, "EROFS"},     {EMFILE, "EMFILE"}, {ENFILE, "ENFILE"}, {ENAMETOOLONG, "ENAMETOOLONG"},
      {ELOOP, "ELOOP"},     {EIO, "EIO"},       {EBUSY, "EBUSY"},   {EXDEV, "EXDEV"},
      {ETXTBSY, "ETXTBSY"}, {EFBIG, "EFBIG"},   {ENOMEM, "ENOMEM"},
  };
  const std::string english = std::generic_category().message(err);
  for (const auto& [value, name] : named)
    if (value == err) return phrase(std::string("system.") + name, english, {});
  return english;
}

std::string template_of(const phrase_template_fn& words, std::string_view id,
                        std::string_view english) {
  return words ? words(id, english) : std::string(english);
}

std::string ui_text(const phrase_template_fn& words, std::string_view id, std::string_view english,
                    const std::vector<std::string>& args) {
  return format_template(template_of(words, id, english), args);
}

std::vector<std::string> expand_phrases(const std::vector<std::string>& args,
                                        const phrase_template_fn& template_of) {
  std::vector<std::string> out;
  out.reserve(args.size());
  for (const std::string& a : args)
    out.push_back(a.find(phrase_mark) == std::string::npos ? a : expand_one(a, template_of));
  return out;
}

std::string english_text(diag d, const std::vector<std::string>& args) {
  return format_template(diag_english(d),
                         expand_phrases(args, [](std::string_view, std::string_view english) {
                           return std::string(english);
                         }));
}

bool diagnostic_sink::ignore(diag code) {
  if (diag_severity(code) != severity::warning) return false;
  if (std::find(ignored_.begin(), ignored_.end(), code) == ignored_.end()) ignored_.push_back(code);
  return true;
}

bool diagnostic_sink::ignored(const diagnostic& d) const {
  return d.level == severity::warning &&
         std::find(ignored_.begin(), ignored_.end(), d.code) != ignored_.end();
}

diagnostic& diagnostic_sink::report(diag code, source_location where,
                                    std::vector<std::string> args) {
  diagnostic d{code, diag_severity(code), where, std::move(args), {}};
  dropping_notes_ = ignored(d);
  if (dropping_notes_) {
    ++ignored_count_;
    dropped_ = std::move(d);
    return dropped_;
  }
  if (d.level == severity::error) ++errors_;
  if (d.level == severity::warning) ++warnings_;
  diags_.push_back(std::move(d));
  return diags_.back();
}

void diagnostic_sink::note(diag code, source_location where, std::vector<std::string> args) {
  if (diags_.empty() || dropping_notes_) return;
  diags_.back().notes.push_back({code, severity::note, where, std::move(args), {}});
}

void diagnostic_sink::append(diagnostic_sink&& other) {
  if (!ignored_.empty()) {  // the other sink's reports, as this one would have taken them
    for (diagnostic& d : other.diags_) {
      if (ignored(d)) {
        ++ignored_count_;
        --other.warnings_;
      } else {
        diags_.push_back(std::move(d));
      }
    }
  } else if (diags_.empty()) {
    diags_ = std::move(other.diags_);
  } else {
    diags_.insert(diags_.end(), std::make_move_iterator(other.diags_.begin()),
                  std::make_move_iterator(other.diags_.end()));
  }
  errors_ += other.errors_;
  warnings_ += other.warnings_;
  ignored_count_ += other.ignored_count_;
  other.diags_.clear();
  other.errors_ = other.warnings_ = other.ignored_count_ = 0;
}

void diagnostic_sink::sort(const source_manager& sources) {
  std::stable_sort(diags_.begin(), diags_.end(), [&](const diagnostic& a, const diagnostic& b) {
    const std::string& pa = a.where.known() ? sources.path(a.where.file) : std::string();
    const std::string& pb = b.where.known() ? sources.path(b.where.file) : std::string();
    if (pa != pb) return pa < pb;
    if (a.where.offset != b.where.offset) return a.where.offset < b.where.offset;
    return a.code < b.code;
  });
}

namespace {

void render_one(std::string& out, const diagnostic& d, const source_manager& sources,
                const message_text_fn& text, const severity_words& words) {
  const std::string* word = d.level == severity::error     ? &words.error
                            : d.level == severity::warning ? &words.warning
                                                           : &words.note;
  line_column pos;
  if (d.where.known()) {
    pos = sources.position(d.where);
    out += sources.path(d.where.file);
    out += ':' + std::to_string(pos.line) + ':' + std::to_string(pos.column) + ": ";
  } else {
    out += "diaglot: ";
  }
  out += *word + ": " + text(d.code, d.args);
  if (d.level != severity::note) out += " [" + diag_code(d.code) + "]";
  out += '\n';
  if (!d.where.known() || pos.line == 0) return;
  const std::string_view line = sources.line_text(d.where.file, pos.line);
  out += "  ";
  out += line;
  out += "\n  ";
  // The caret sits under the column, counting wide characters twice and keeping tabs.
  std::uint32_t column = 1;
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(line.size()) && column < pos.column;) {
    UChar32 c;
    U8_NEXT(line.data(), i, static_cast<std::int32_t>(line.size()), c);
    if (c == '\t')
      out += '\t';
    else
      out.append(static_cast<std::size_t>(c < 0 ? 1 : display_width(c)), ' ');
    ++column;
  }
  out += "^\n";
}

}  // namespace

std::string render(const diagnostic& d, const source_manager& sources, const message_text_fn& text,
                   const severity_words& words) {
  std::string out;
  render_one(out, d, sources, text, words);
  for (const diagnostic& n : d.notes) render_one(out, n, sources, text, words);
  return out;
}

std::string render(const diagnostic& d, const source_manager& sources,
                   const message_text_fn& text) {
  return render(d, sources, text, severity_words{});
}

}  // namespace diaglot
