// Fuzz target for the UTF-8 and UTF-16 decoding every source goes through:
// - the vector UTF-8 validator and the byte-by-byte one name the same first ill-formed byte for
//   any input, at any offset from the 32-byte blocks (the input is also checked from each of
//   its first 32 bytes on);
// - the input read as a UTF-16 file in either byte order (a byte order mark put before it)
//   converts to the UTF-8 ICU gives for the same code units (u_strToUTF8WithSub, an unpaired
//   surrogate as U+FFFD, a last odd byte dropped), says where its first problem is, and a file
//   without one converts back to its own bytes.
#include <unicode/ustring.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/utf8.hpp"

namespace {

using diaglot::utf8::file_encoding;

/// ICU's UTF-8 for the code units of `bytes` (after its two-byte mark) in the byte order given.
std::string icu_utf8(const std::string& bytes, bool little_endian) {
  std::vector<UChar> units;
  for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
    const auto lo = static_cast<unsigned char>(bytes[little_endian ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(bytes[little_endian ? i + 1 : i]);
    units.push_back(static_cast<UChar>(hi << 8 | lo));
  }
  std::string out(units.size() * 3 + 1, '\0');
  int32_t length = 0, substitutions = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &length, units.data(),
                     static_cast<int32_t>(units.size()), 0xFFFD, &substitutions, &status);
  if (U_FAILURE(status)) __builtin_trap();
  out.resize(static_cast<std::size_t>(length));
  return out;
}

void check_utf16(std::string_view text, bool little_endian) {
  const std::string file = std::string(little_endian ? "\xFF\xFE" : "\xFE\xFF") + std::string(text);
  std::string bytes = file;
  file_encoding was = file_encoding::utf8;
  diaglot::utf8::utf16_problem problem;
  diaglot::utf8::from_file(bytes, was, problem);
  if (was != (little_endian ? file_encoding::utf16le : file_encoding::utf16be)) __builtin_trap();
  if (bytes != icu_utf8(file, little_endian)) __builtin_trap();  // valid UTF-8 with it
  if (!problem) {
    if (diaglot::utf8::to_file(bytes, was) != file) __builtin_trap();
    return;
  }
  if (problem.offset > bytes.size()) __builtin_trap();
  if (problem.what == diaglot::utf8::utf16_problem::kind::odd_length) {
    if (file.size() % 2 == 0) __builtin_trap();
    // The end of the last line with text: only line breaks after it.
    if (bytes.find_first_not_of("\r\n", problem.offset) != std::string::npos) __builtin_trap();
  } else if (bytes.compare(problem.offset, 3, "\xEF\xBF\xBD") != 0) {
    __builtin_trap();  // the U+FFFD put in place of the surrogate
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (std::size_t skip = 0; skip < 32 && skip <= size; ++skip) {
    const std::string_view s = text.substr(skip);
    if (diaglot::utf8::first_invalid(s) != diaglot::utf8::detail::first_invalid_scalar(s))
      __builtin_trap();
  }
  check_utf16(text, true);
  check_utf16(text, false);
  return 0;
}
