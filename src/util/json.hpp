// diaglot: the little JSON writing diaglot does (strings escaped per RFC 8259).
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace diaglot::json {

namespace detail {

/// At s[i], a byte of 0x80 or above: the length of the well-formed UTF-8 sequence it starts (2
/// to 4), or minus the length of the maximal subpart of an ill-formed sequence there (1 to 3):
/// the bytes one U+FFFD replaces, as Unicode 3.9 (U+FFFD substitution of maximal subparts),
/// ICU and the WHATWG decoder do. A surrogate (ED A0..BF) and an overlong form (C0, C1, E0
/// 80..9F, F0 80..8F) are ill-formed, as is anything above U+10FFFF.
inline int utf8_sequence(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  int need = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the byte after the lead
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return -1;  // a continuation byte alone, C0, C1, F5..FF
  }
  for (int n = 1; n <= need; ++n) {
    const std::size_t at = i + static_cast<std::size_t>(n);
    if (at >= s.size()) return -n;
    const auto b = static_cast<unsigned char>(s[at]);
    if (b < lo || b > hi) return -n;
    lo = 0x80;
    hi = 0xBF;
  }
  return need + 1;
}

}  // namespace detail

/// Appends s as a JSON string literal; control characters are escaped, well-formed UTF-8 passes
/// through, and each ill-formed sequence becomes U+FFFD: JSON must be UTF-8 (RFC 8259 8.1), and
/// a file name on Linux may be any bytes.
inline void append_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const char ch = s[i];
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      const int n = detail::utf8_sequence(s, i);
      if (n > 0) {
        out.append(s.data() + i, static_cast<std::size_t>(n));
        i += static_cast<std::size_t>(n);
      } else {
        out += "\xEF\xBF\xBD";
        i += static_cast<std::size_t>(-n);
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

inline std::string quote(std::string_view s) {
  std::string out;
  append_string(out, s);
  return out;
}

}  // namespace diaglot::json
