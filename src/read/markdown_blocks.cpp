#include "read/markdown_blocks.hpp"

#include <algorithm>

namespace diaglot::read::markdown {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (is_space(s.back()) || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

/// Number of leading spaces, capped at `cap`.
std::size_t leading_spaces(std::string_view line, std::size_t cap) {
  std::size_t n = 0;
  while (n < line.size() && n < cap && line[n] == ' ') ++n;
  return n;
}

/// A fence opener: the fence character and length, or 0.
std::size_t fence_open(std::string_view line, char& fence_char) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i == line.size() || (line[i] != '`' && line[i] != '~')) return 0;
  const char c = line[i];
  std::size_t n = 0;
  while (i + n < line.size() && line[i + n] == c) ++n;
  if (n < 3) return 0;
  // A backtick fence's info string cannot contain backticks (that would be inline code).
  if (c == '`' && line.find('`', i + n) != std::string_view::npos) return 0;
  fence_char = c;
  return n;
}

bool fence_close(std::string_view line, char fence_char, std::size_t length) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  std::size_t n = 0;
  while (i + n < line.size() && line[i + n] == fence_char) ++n;
  return n >= length && trim_right(line.substr(i + n)).empty();
}

/// The level of an ATX heading line (1..6), or 0.
int heading_level(std::string_view line) {
  std::size_t i = leading_spaces(line, 3);
  int level = 0;
  while (i < line.size() && line[i] == '#') ++i, ++level;
  if (level == 0 || level > 6) return 0;
  return (i == line.size() || is_space(line[i])) ? level : 0;
}

block_kind line_kind(std::string_view line) {
  const std::size_t i = leading_spaces(line, 3);
  if (i == line.size()) return block_kind::paragraph;
  const char c = line[i];
  const auto marker_ends = [&](std::size_t j) { return j == line.size() || is_space(line[j]); };
  if ((c == '-' || c == '*' || c == '+') && marker_ends(i + 1)) return block_kind::list_item;
  if (c >= '0' && c <= '9') {
    std::size_t j = i;
    while (j < line.size() && j - i < 9 && line[j] >= '0' && line[j] <= '9') ++j;
    if (j < line.size() && (line[j] == '.' || line[j] == ')') && marker_ends(j + 1))
      return block_kind::list_item;
  }
  if (c == '>') return block_kind::quote;
  if (c == '|') return block_kind::table;
  return block_kind::paragraph;
}

}  // namespace

void mapped_text::append(std::string_view bytes, std::uint32_t from) {
  text.append(bytes);
  offsets.pop_back();
  for (std::size_t i = 0; i < bytes.size(); ++i)
    offsets.push_back(from + static_cast<std::uint32_t>(i));
  offsets.push_back(from + static_cast<std::uint32_t>(bytes.size()));
}

void mapped_text::append(const mapped_text& source, std::size_t from, std::size_t to) {
  text.append(source.text, from, to - from);
  offsets.pop_back();
  offsets.insert(offsets.end(), source.offsets.begin() + static_cast<std::ptrdiff_t>(from),
                 source.offsets.begin() + static_cast<std::ptrdiff_t>(to) + 1);
}

mapped_text normalize_line_ends(std::string_view contents) {
  mapped_text out;
  std::size_t start = 0;
  if (contents.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
  out.offsets.back() = static_cast<std::uint32_t>(start);
  std::size_t run = start;
  for (std::size_t i = start; i < contents.size(); ++i) {
    if (contents[i] == '\r' && i + 1 < contents.size() && contents[i + 1] == '\n') {
      out.append(contents.substr(run, i - run), static_cast<std::uint32_t>(run));
      run = i + 1;
    }
  }
  out.append(contents.substr(run), static_cast<std::uint32_t>(run));
  return out;
}

std::vector<line_range> split_lines(std::string_view text) {
  std::vector<line_range> lines;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back({begin, end});
    begin = end + 1;
  }
  return lines;
}

bool is_blank(std::string_view line) { return trim_right(line).empty(); }

std::vector<block> parse_blocks(std::string_view text, const std::vector<line_range>& lines,
                                std::size_t first_line) {
  const auto line_at = [&](std::size_t i) {
    return text.substr(lines[i].begin, lines[i].end - lines[i].begin);
  };
  // The text of lines [first, end): joined as written, trailing whitespace gone, and `strip`
  // leading spaces of the first line gone.
  const auto block_text = [&](block& b, std::size_t strip) {
    const std::size_t from = lines[b.first_line].begin + strip;
    const std::size_t to = lines[b.end_line - 1].end;
    b.begin = from;
    b.text = std::string(trim_right(text.substr(from, to - from)));
  };

  std::vector<block> blocks;
  std::size_t i = first_line;
  while (i < lines.size()) {
    const std::string_view line = line_at(i);
    if (is_blank(line)) {
      ++i;
      continue;
    }
    block b;
    b.first_line = i;
    char fence_char = 0;
    if (const std::size_t fence = fence_open(line, fence_char)) {
      b.kind = block_kind::code;
      std::size_t j = i + 1;
      while (j < lines.size() && !fence_close(line_at(j), fence_char, fence)) ++j;
      b.unterminated_fence = j == lines.size();
      b.end_line = b.unterminated_fence ? j : j + 1;
      block_text(b, 0);
    } else if (const int level = heading_level(line)) {
      b.kind = block_kind::heading;
      b.heading_level = level;
      b.end_line = i + 1;
      block_text(b, leading_spaces(line, 3));
    } else {
      b.kind = line_kind(line);
      std::size_t j = i + 1;
      while (j < lines.size()) {
        const std::string_view next = line_at(j);
        char ignored = 0;
        if (is_blank(next) || heading_level(next) || fence_open(next, ignored)) break;
        ++j;
      }
      b.end_line = j;
      block_text(b, leading_spaces(line, 3));
    }
    i = b.end_line;
    blocks.push_back(std::move(b));
  }
  return blocks;
}

std::string_view heading_content(std::string_view line, std::size_t& begin) {
  std::size_t i = leading_spaces(line, 3);
  while (i < line.size() && line[i] == '#') ++i;
  while (i < line.size() && is_space(line[i])) ++i;
  std::string_view content = trim_right(line.substr(i));
  // A closing sequence of `#` is decoration when a space separates it from the text.
  std::size_t hashes = 0;
  while (hashes < content.size() && content[content.size() - 1 - hashes] == '#') ++hashes;
  if (hashes == content.size()) {
    content = {};
  } else if (hashes > 0 && is_space(content[content.size() - 1 - hashes])) {
    content = trim_right(content.substr(0, content.size() - hashes));
  }
  begin = i;
  return content;
}

std::string strip_anchors(std::string_view heading, std::string& anchor, std::size_t& skipped) {
  std::string out;
  anchor.clear();
  skipped = 0;
  bool at_start = true;
  std::size_t i = 0;
  while (i < heading.size()) {
    std::size_t name_at = std::string_view::npos;
    for (const std::string_view open :
         {std::string_view("<a name=\""), std::string_view("<a id=\"")}) {
      if (heading.compare(i, open.size(), open) == 0) name_at = i + open.size();
    }
    if (name_at != std::string_view::npos) {
      const std::size_t quote = heading.find('"', name_at);
      const std::string_view close = "\"></a>";
      if (quote != std::string_view::npos && heading.compare(quote, close.size(), close) == 0) {
        if (anchor.empty()) anchor = std::string(heading.substr(name_at, quote - name_at));
        i = quote + close.size();
        if (at_start) {
          while (i < heading.size() && is_space(heading[i])) ++i;
          skipped = i;
        }
        continue;
      }
    }
    at_start = false;
    out += heading[i++];
  }
  return std::string(trim_right(out));
}

std::string slug(std::string_view heading) {
  std::string out;
  bool dash = false;
  for (const char c : heading) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else {
      dash = true;
    }
  }
  return out;
}

}  // namespace diaglot::read::markdown
