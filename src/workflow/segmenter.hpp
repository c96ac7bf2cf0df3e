// diaglot compiler: what a translator sees of a markdown field. A field's text is cut into runs of
// translatable text and protected markdown (inline code, link targets, `<xref:...>`, HTML tags,
// `**`, code blocks, list, heading, quote and table markup), and into sentences the way the
// bilingual sxs pages cut it: a segment never spans a line, block and table-cell markup lies
// between segments, a line that is only a link is translated by its link text, and the rest of a
// line is split into sentences by ICU's BreakIterator (English rules; CLDR's abbreviations
// suppress a boundary only as whole words; a boundary needs a space before it). Escapes (`\<`)
// and entities (`&#124;`) stay text. Concatenating the runs of every piece gives the field's
// text back byte for byte.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace diaglot::workflow {

/// A run of a field's text: words to translate, or markdown a translator must keep as written.
struct run {
  enum kind_t : std::uint8_t { text, code } kind = text;
  std::string value;
  bool operator==(const run& o) const { return kind == o.kind && value == o.value; }
};

/// A piece of a field: a segment (a sentence to translate) or the markup and space between them.
struct piece {
  bool segment = false;
  std::vector<run> runs;
};

/// Splits a markdown field into segments and what lies between them.
std::vector<piece> segment_field(std::string_view text);

/// The same runs without the segment boundaries: how a translated field is protected.
std::vector<run> protect_field(std::string_view text);

/// Runs of a sentence or any text without line structure: only inline markdown is protected.
std::vector<run> protect_inline(std::string_view text);

/// The text of runs, as written.
std::string join(const std::vector<run>& runs);
/// The text of a piece's runs, or of every piece.
std::string join(const std::vector<piece>& pieces);

}  // namespace diaglot::workflow
