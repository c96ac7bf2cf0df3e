// diaglot compiler: UTF-8 validation of whole source files, which every reader needs before it
// parses a file (a diagnostic names the first ill-formed byte).
#pragma once

#include <cstddef>
#include <string_view>

namespace diaglot::utf8 {

/// Offset of the first byte of the first ill-formed UTF-8 sequence in s (a stray continuation
/// byte, a truncated or overlong sequence, a surrogate, above U+10FFFF), or npos. 32 bytes at a
/// time with AVX2 where the processor has it, else byte by byte (ASCII 8 bytes at a time).
std::size_t first_invalid(std::string_view s);

namespace detail {
/// The byte-by-byte validator: the reference the vector one is tested against.
std::size_t first_invalid_scalar(std::string_view s);
/// Whether first_invalid runs the vector validator on this processor.
bool vector_validator();
}  // namespace detail

}  // namespace diaglot::utf8
