// diaglot compiler: the numeric code table reader (tab-separated, e.g. WCF's trace-codes.tsv).
//
// The first row is a header when its code column is not a number. A header naming `code_hex`,
// `code` or `code_decimal` (and optionally `name`) picks those columns; when it names both
// `code_hex` and `code_decimal`, the hex column is the code and the decimal one must agree. With
// no such header the name is column 1 and the code column 2.
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "read/readers.hpp"

namespace diaglot::read {

namespace {

struct cell {
  std::string_view text;
  std::size_t offset = 0;
};

std::string_view trim(std::string_view s, std::size_t& offset) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
    ++offset;
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::vector<cell> split_row(std::string_view line, std::size_t line_offset) {
  std::vector<cell> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    const std::size_t end = tab == std::string_view::npos ? line.size() : tab;
    std::size_t offset = line_offset + start;
    const std::string_view text = trim(line.substr(start, end - start), offset);
    cells.push_back({text, offset});
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return cells;
}

/// A code written in decimal or 0x hexadecimal, up to 0xFFFFFFFF.
std::optional<std::uint32_t> parse_code(std::string_view s) {
  unsigned base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  }
  if (s.empty()) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : s) {
    unsigned digit;
    if (c >= '0' && c <= '9')
      digit = static_cast<unsigned>(c - '0');
    else if (base == 16 && c >= 'a' && c <= 'f')
      digit = static_cast<unsigned>(c - 'a' + 10);
    else if (base == 16 && c >= 'A' && c <= 'F')
      digit = static_cast<unsigned>(c - 'A' + 10);
    else
      return std::nullopt;
    value = value * base + digit;
    if (value > 0xFFFFFFFFu) return std::nullopt;
  }
  return static_cast<std::uint32_t>(value);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct columns {
  std::size_t name = 0;
  std::size_t code = 1;
  std::optional<std::size_t> check;  ///< a decimal column that must agree with the code
};

/// Columns named by a header row, or nullopt when the row does not name a code column.
std::optional<columns> header_columns(const std::vector<cell>& cells) {
  std::optional<std::size_t> name, hex, plain, decimal;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::string h = lower(cells[i].text);
    if (h == "name" && !name) name = i;
    if (h == "code_hex" && !hex) hex = i;
    if (h == "code" && !plain) plain = i;
    if (h == "code_decimal" && !decimal) decimal = i;
  }
  if (!hex && !plain && !decimal) return std::nullopt;
  columns c;
  c.name = name.value_or(0);
  if (hex) {
    c.code = *hex;
    c.check = decimal;
  } else {
    c.code = plain ? *plain : *decimal;
  }
  return c;
}

}  // namespace

void read_code_table(std::uint32_t file, context& ctx, model::code_table& out) {
  const std::string& text = ctx.sources.contents(file);
  std::size_t pos = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  bool first = true;
  columns cols;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::size_t row_offset = pos;
    const std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;

    std::size_t ignored = 0;
    const std::string_view content = trim(line, ignored);
    if (content.empty() || content.front() == '#') continue;
    const source_location row_where{file, static_cast<std::uint32_t>(row_offset)};
    const std::vector<cell> cells = split_row(line, row_offset);

    if (first) {
      first = false;
      if (const std::optional<columns> named = header_columns(cells)) {
        cols = *named;
        continue;
      }
      // A first row whose second column is not a number is a header we cannot read.
      if (cells.size() > 1 && !parse_code(cells[1].text)) continue;
    }

    if (cells.size() <= cols.name || cells.size() <= cols.code || cells[cols.name].text.empty() ||
        cells[cols.code].text.empty()) {
      ctx.sink.report(diag::codes_syntax, row_where);
      continue;
    }
    const cell& code_cell = cells[cols.code];
    const std::optional<std::uint32_t> value = parse_code(code_cell.text);
    if (!value) {
      ctx.sink.report(diag::codes_bad_number, {file, static_cast<std::uint32_t>(code_cell.offset)},
                      {std::string(code_cell.text)});
      continue;
    }
    if (cols.check && *cols.check < cells.size() && !cells[*cols.check].text.empty()) {
      const cell& check = cells[*cols.check];
      const std::optional<std::uint32_t> decimal = parse_code(check.text);
      const source_location check_where{file, static_cast<std::uint32_t>(check.offset)};
      if (!decimal) {
        ctx.sink.report(diag::codes_bad_number, check_where, {std::string(check.text)});
        continue;
      }
      if (*decimal != *value) {
        ctx.sink.report(diag::codes_columns_disagree, check_where,
                        {std::string(check.text), std::string(code_cell.text)});
        continue;
      }
    }

    const std::string name(cells[cols.name].text);
    const auto [it, inserted] = out.by_name.emplace(name, *value);
    if (inserted) {
      out.where[name] = row_where;
    } else if (it->second != *value) {
      ctx.sink.report(diag::codes_duplicate_name, row_where, {name});
      ctx.sink.note(diag::note_first_definition, out.where[name]);
    }
  }
}

}  // namespace diaglot::read
