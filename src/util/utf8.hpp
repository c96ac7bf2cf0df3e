// diaglot compiler: UTF-8 validation of whole source files, which every reader needs before it
// parses a file (a diagnostic names the first ill-formed byte).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace diaglot::utf8 {

/// Offset of the first byte of the first ill-formed UTF-8 sequence in s (a stray continuation
/// byte, a truncated or overlong sequence, a surrogate, above U+10FFFF), or npos. 32 bytes at a
/// time with AVX2 where the processor has it, else byte by byte (ASCII 8 bytes at a time).
std::size_t first_invalid(std::string_view s);

/// A text file's encoding, as its byte order mark says (XML requires one for UTF-16).
enum class file_encoding : std::uint8_t { utf8, utf16le, utf16be };

/// What is wrong with a UTF-16 file that from_file converted all the same.
struct utf16_problem {
  enum class kind : std::uint8_t {
    none,
    unpaired_surrogate,  ///< a code unit D800..DFFF without its other half
    odd_length,          ///< an odd number of bytes: the last code unit is cut in half
  };
  kind what = kind::none;
  /// Where in the converted UTF-8 text: the U+FFFD put in place of the surrogate, or the end
  /// of the last line with text (the line breaks that end the file left out).
  std::size_t offset = 0;
  char16_t unit = 0;  ///< the unpaired surrogate
  explicit operator bool() const { return what != kind::none; }
};

/// Turns the bytes of a UTF-16 file (its byte order mark, then code units) into UTF-8 in place,
/// so that every reader and every diagnostic works on UTF-8; `was` says what they were. UTF-8
/// is left as it is. UTF-16 that is not well-formed is converted all the same, an unpaired
/// surrogate as U+FFFD and a last odd byte dropped, so that a diagnostic can point at the place
/// and quote its line; false then, `problem` saying what and where (the first problem; an odd
/// byte count, not a surrogate, when the high surrogate it leaves last is the cut character).
bool from_file(std::string& bytes, file_encoding& was, utf16_problem& problem);

/// Appends the UTF-8 encoding of `c` (U+FFFD for a surrogate or a value above U+10FFFF).
void append(std::string& out, char32_t c);

/// UTF-8 text as the bytes of a file in `to`, with a byte order mark for UTF-16: to write a file
/// back in the encoding it was read in.
std::string to_file(std::string_view text, file_encoding to);

namespace detail {
/// The byte-by-byte validator: the reference the vector one is tested against.
std::size_t first_invalid_scalar(std::string_view s);
/// Whether first_invalid runs the vector validator on this processor.
bool vector_validator();
}  // namespace detail

}  // namespace diaglot::utf8
