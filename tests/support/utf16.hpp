// Test support: UTF-16 files written from code units, as the tests of the UTF-16 reading need.
#pragma once

#include <string>

namespace diaglot::testing {

/// UTF-16 code units as the bytes of a file with its byte order mark, little or big endian.
inline std::string utf16_file(const std::u16string& units, bool little_endian) {
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (const char16_t u : units) {
    const char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    out += little_endian ? lo : hi;
    out += little_endian ? hi : lo;
  }
  return out;
}

}  // namespace diaglot::testing
