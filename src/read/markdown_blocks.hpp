// diaglot compiler: the small block parser behind the markdown reader. It splits a page into
// lines and blocks (paragraphs, list items, quotes, tables, code fences, headings) and keeps, for
// every byte it hands out, the offset it had in the file, so views of a page (an sxs page with its
// spans replaced) still point at the original bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace diaglot::read::markdown {

/// Text together with the file offset of each of its bytes.
struct mapped_text {
  std::string text;
  /// offsets[i] is the file offset of text[i]; one more entry gives the end of the text.
  std::vector<std::uint32_t> offsets{0};

  /// Appends bytes that lie contiguously in the file from `from` on.
  void append(std::string_view bytes, std::uint32_t from);
  /// Appends bytes [from, to) of another mapped text with their offsets.
  void append(const mapped_text& source, std::size_t from, std::size_t to);
  /// The file offset of text[i] (the end of the text for i == size).
  std::uint32_t original(std::size_t i) const { return offsets[i]; }
};

/// The file without its UTF-8 BOM and with `\r\n` turned into `\n`.
mapped_text normalize_line_ends(std::string_view contents);

/// A line of a mapped text: [begin, end) without its `\n`.
struct line_range {
  std::size_t begin = 0, end = 0;
};

/// The lines of a text; a final line without `\n` counts, an empty tail does not.
std::vector<line_range> split_lines(std::string_view text);

/// Block kinds; the character is what a field's `shape` records.
enum class block_kind : char {
  paragraph = 'p',
  list_item = 'l',
  quote = 'q',
  table = 't',
  code = 'c',
  heading = 'h',
};

/// One block of a page.
struct block {
  block_kind kind = block_kind::paragraph;
  int heading_level = 0;                     ///< 1 for `#`, 2 for `##`, ...; 0 for other kinds
  std::size_t first_line = 0, end_line = 0;  ///< lines [first_line, end_line)
  std::string text;                          ///< the block as a person reads it (see parse_blocks)
  std::size_t begin = 0;  ///< index in the mapped text of the first byte of `text`
  bool unterminated_fence = false;
};

/// Whether a line is empty or whitespace only.
bool is_blank(std::string_view line);

/// Splits lines [first_line, lines.size()) into blocks. Blocks are separated by blank lines;
/// a fenced code block (``` or ~~~) is one block up to its closing fence, blank lines included;
/// a heading is a block of its own. A block's text keeps its lines as written except that the
/// trailing whitespace at its end goes, and a non-code block loses up to 3 leading spaces.
std::vector<block> parse_blocks(std::string_view text, const std::vector<line_range>& lines,
                                std::size_t first_line);

/// The text of a heading line after its `#` marks, without a closing `#` sequence and trimmed;
/// `begin` receives its index in `line`.
std::string_view heading_content(std::string_view line, std::size_t& begin);

/// Removes `<a name="..."></a>` anchors from a heading's text; `anchor` receives the first
/// anchor's name and `skipped` the number of bytes before the remaining text starts.
std::string strip_anchors(std::string_view heading, std::string& anchor, std::size_t& skipped);

/// A field name from heading text: ASCII lowercase, runs of other bytes become one `-`, and no
/// `-` at either end.
std::string slug(std::string_view heading);

}  // namespace diaglot::read::markdown
