// diaglot: wrapping text for a terminal in any language, as ICU's line breaking allows (between
// words, and between most CJK characters), counting the columns each character takes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace diaglot::text {

/// The columns a terminal gives UTF-8 text: two for East Asian wide and fullwidth characters
/// (UAX #11), none for combining marks and other zero-width characters, one for the rest.
std::size_t columns(std::string_view utf8);

/// Lines of at most `width` columns, broken where ICU's line break iterator for `language` allows
/// (UAX #14: spaces, hyphens, between CJK characters but not before a closing mark), without the
/// spaces at a break; a piece wider than a line stands alone. A newline in the text ends a line.
std::vector<std::string> wrap(std::string_view utf8, std::size_t width, std::string_view language);

}  // namespace diaglot::text
