#include "util/utf8.hpp"

#include <unicode/ustring.h>

#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define DIAGLOT_UTF8_AVX2
#endif

namespace diaglot::utf8 {

namespace detail {

std::size_t first_invalid_scalar(std::string_view s) {
  const auto* const begin = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = begin + s.size();
  const unsigned char* p = begin;
  while (p != end) {
    if (*p < 0x80) {
      // ASCII, then eight bytes at a time while they are ASCII. Text in other scripts comes
      // here only between words, not before every character. (Words of 32 bytes were slower on
      // the corpus, 8.5 against 7.3 ms for its 24 MB: its many short runs of other scripts.)
      ++p;
      for (std::uint64_t word; end - p >= 8; p += 8) {
        std::memcpy(&word, p, 8);
        if (word & 0x8080808080808080ull) break;
      }
      continue;
    }
    const unsigned char c = *p;
    std::size_t length;
    unsigned char low = 0x80, high = 0xBF;  // bounds of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return static_cast<std::size_t>(p - begin);
    }
    if (static_cast<std::size_t>(end - p) < length || p[1] < low || p[1] > high)
      return static_cast<std::size_t>(p - begin);
    for (std::size_t k = 2; k < length; ++k)
      if ((p[k] & 0xC0) != 0x80) return static_cast<std::size_t>(p - begin);
    p += length;
  }
  return std::string_view::npos;
}

}  // namespace detail

namespace {

#ifdef DIAGLOT_UTF8_AVX2

// The vector validator of Keiser and Lemire ("Validating UTF-8 in less than one instruction per
// byte", 2021). Every ill-formed two-byte pair is one of these classes, found by looking up the
// high nibble of the first byte, its low nibble and the high nibble of the second in three
// tables and and-ing the three masks; third and fourth bytes are checked apart (continuation
// bytes where a three- or four-byte sequence needs them, and only there).
constexpr std::uint8_t too_short = 1 << 0;       // a lead byte not followed by a continuation
constexpr std::uint8_t too_long = 1 << 1;        // ASCII followed by a continuation
constexpr std::uint8_t overlong_3 = 1 << 2;      // E0 80..9F
constexpr std::uint8_t too_large = 1 << 3;       // F4 90..BF
constexpr std::uint8_t surrogate = 1 << 4;       // ED A0..BF
constexpr std::uint8_t overlong_2 = 1 << 5;      // C0 or C1 and a continuation
constexpr std::uint8_t too_large_1000 = 1 << 6;  // F5..FF 80..8F
constexpr std::uint8_t overlong_4 = 1 << 6;      // F0 80..8F
constexpr std::uint8_t two_continuations = 1 << 7;
constexpr std::uint8_t carry = too_short | too_long | two_continuations;
constexpr std::uint8_t large = carry | too_large | too_large_1000;

using nibble_table = std::uint8_t[16];

// One row per group of nibbles:
// clang-format off
/// By the first byte's high nibble.
constexpr nibble_table first_high = {
    too_long, too_long, too_long, too_long, too_long, too_long, too_long, too_long,  // 0-7: ASCII
    two_continuations, two_continuations, two_continuations, two_continuations,      // 8-B
    too_short | overlong_2,                                                          // C
    too_short,                                                                       // D
    too_short | overlong_3 | surrogate,                                              // E
    too_short | too_large | too_large_1000 | overlong_4,                             // F
};
/// By the first byte's low nibble.
constexpr nibble_table first_low = {
    carry | overlong_3 | overlong_2 | overlong_4,                                    // 0
    carry | overlong_2,                                                              // 1
    carry, carry,                                                                    // 2-3
    carry | too_large,                                                               // 4
    large, large, large, large, large, large, large, large,                          // 5-C
    large | surrogate,                                                               // D
    large, large,                                                                    // E-F
};
/// By the second byte's high nibble.
constexpr nibble_table second_high = {
    too_short, too_short, too_short, too_short, too_short, too_short, too_short, too_short,  // 0-7
    too_long | overlong_2 | two_continuations | overlong_3 | too_large_1000 | overlong_4,  // 8
    too_long | overlong_2 | two_continuations | overlong_3 | too_large,                     // 9
    too_long | overlong_2 | two_continuations | surrogate | too_large,                      // A
    too_long | overlong_2 | two_continuations | surrogate | too_large,                      // B
    too_short, too_short, too_short, too_short,                                             // C-F
};
// clang-format on

#define DIAGLOT_AVX2 __attribute__((target("avx2")))

DIAGLOT_AVX2 inline __m256i lookup(const nibble_table& table, __m256i nibbles) {
  const __m128i half = _mm_loadu_si128(reinterpret_cast<const __m128i*>(table));
  return _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(half), nibbles);
}

/// The block's bytes moved up by n (1..3), the previous block's last n bytes first.
template <int n>
DIAGLOT_AVX2 inline __m256i earlier(__m256i block, __m256i previous) {
  return _mm256_alignr_epi8(block, _mm256_permute2x128_si256(previous, block, 0x21), 16 - n);
}

/// Nonzero where a byte of the block, with the three before it, is ill-formed.
DIAGLOT_AVX2 inline __m256i errors(__m256i block, __m256i previous) {
  const __m256i low_nibble = _mm256_set1_epi8(0x0F);
  const __m256i before = earlier<1>(block, previous);
  const __m256i classes = _mm256_and_si256(
      _mm256_and_si256(
          lookup(first_high, _mm256_and_si256(_mm256_srli_epi16(before, 4), low_nibble)),
          lookup(first_low, _mm256_and_si256(before, low_nibble))),
      lookup(second_high, _mm256_and_si256(_mm256_srli_epi16(block, 4), low_nibble)));
  // Bytes two after an E0..FF or three after an F0..FF must be continuations, which the tables
  // call two_continuations; anywhere else two continuations in a row are an error.
  const __m256i third = _mm256_subs_epu8(earlier<2>(block, previous), _mm256_set1_epi8(0x60));
  const __m256i fourth = _mm256_subs_epu8(earlier<3>(block, previous), _mm256_set1_epi8(0x70));
  const __m256i must_continue =
      _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8(static_cast<char>(0x80)));
  return _mm256_xor_si256(must_continue, classes);
}

/// Nonzero where the block ends inside a sequence: its last byte a lead byte, the one before a
/// lead byte of three or four bytes, or the one before that a lead byte of four.
DIAGLOT_AVX2 inline __m256i unfinished(__m256i block) {
  const __m256i limit =
      _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                       -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, static_cast<char>(0xEF),
                       static_cast<char>(0xDF), static_cast<char>(0xBF));
  return _mm256_subs_epu8(block, limit);
}

/// Where the first block that is not valid UTF-8 (with what comes before it) starts, or npos.
DIAGLOT_AVX2 std::size_t first_invalid_block(std::string_view s) {
  const char* const p = s.data();
  const std::size_t n = s.size();
  __m256i previous = _mm256_setzero_si256();
  __m256i open = _mm256_setzero_si256();  // the previous block ended inside a sequence
  std::size_t at = 0;
  for (; n - at >= 32; at += 32) {
    const __m256i block = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + at));
    __m256i bad;
    if (_mm256_movemask_epi8(block) == 0) {  // ASCII: well-formed unless a sequence was open
      bad = open;
      open = _mm256_setzero_si256();
    } else {
      bad = errors(block, previous);
      open = unfinished(block);
    }
    if (!_mm256_testz_si256(bad, bad)) return at;
    previous = block;
  }
  // The last bytes, followed by zeros (ASCII), which end no sequence.
  alignas(32) char last[32] = {};
  if (n > at) std::memcpy(last, p + at, n - at);  // (an empty view's pointer may be null)
  const __m256i block = _mm256_load_si256(reinterpret_cast<const __m256i*>(last));
  const __m256i bad = _mm256_or_si256(errors(block, previous), unfinished(block));
  return _mm256_testz_si256(bad, bad) ? std::string_view::npos : at;
}

#endif  // DIAGLOT_UTF8_AVX2

}  // namespace

bool detail::vector_validator() {
#ifdef DIAGLOT_UTF8_AVX2
  static const bool avx2 = __builtin_cpu_supports("avx2");
  return avx2;
#else
  return false;
#endif
}

std::size_t first_invalid(std::string_view s) {
#ifdef DIAGLOT_UTF8_AVX2
  if (detail::vector_validator()) {
    const std::size_t block = first_invalid_block(s);
    if (block == std::string_view::npos) return block;
    // Every sequence that ends before the block is well-formed; the first ill-formed one starts
    // in it or in the three bytes before it. From the first of those that is not in the middle
    // of a sequence, byte by byte.
    std::size_t from = block >= 3 ? block - 3 : 0;
    while (from < block && (static_cast<unsigned char>(s[from]) & 0xC0) == 0x80) ++from;
    const std::size_t bad = detail::first_invalid_scalar(s.substr(from));
    return bad == std::string_view::npos ? bad : from + bad;
  }
#endif
  return detail::first_invalid_scalar(s);
}

void append(std::string& out, char32_t c) {
  if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) c = 0xFFFD;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool from_file(std::string& bytes, file_encoding& was, utf16_problem& problem) {
  was = file_encoding::utf8;
  problem = {};
  if (bytes.size() < 2) return true;
  const auto b0 = static_cast<unsigned char>(bytes[0]), b1 = static_cast<unsigned char>(bytes[1]);
  const bool le = b0 == 0xFF && b1 == 0xFE, be = b0 == 0xFE && b1 == 0xFF;
  if (!le && !be) return true;
  const std::size_t count = (bytes.size() - 2) / 2;
  const auto unit = [&](std::size_t i) {
    const auto lo = static_cast<unsigned char>(bytes[2 + 2 * i + (le ? 0 : 1)]);
    const auto hi = static_cast<unsigned char>(bytes[2 + 2 * i + (le ? 1 : 0)]);
    return static_cast<char16_t>(lo | (hi << 8));
  };
  const bool odd = bytes.size() % 2 != 0;
  std::string out;
  out.reserve(count + count / 2);  // ASCII markup, mostly
  for (std::size_t i = 0; i < count; ++i) {
    const char16_t u = unit(i);
    if (u < 0xD800 || u > 0xDFFF) {
      append(out, u);
      continue;
    }
    if (u <= 0xDBFF && i + 1 < count) {
      const char16_t next = unit(i + 1);
      if (next >= 0xDC00 && next <= 0xDFFF) {
        append(out, 0x10000 + ((char32_t{u} - 0xD800) << 10) + (char32_t{next} - 0xDC00));
        ++i;
        continue;
      }
    }
    // A high surrogate last in a file with an odd byte after it is the first half of a pair
    // the cut took the rest of: the odd byte count is the problem to tell.
    const bool cut = odd && i + 1 == count && u <= 0xDBFF;
    if (!problem && !cut) problem = {utf16_problem::kind::unpaired_surrogate, out.size(), u};
    append(out, 0xFFFD);
  }
  if (odd && !problem) {
    // At the end of the last line with text: after a final line break, the place would be on a
    // line of its own, and the diagnostic would quote an empty line.
    std::size_t end = out.size();
    while (end > 0 && (out[end - 1] == '\n' || out[end - 1] == '\r')) --end;
    problem = {utf16_problem::kind::odd_length, end, 0};
  }
  bytes = std::move(out);
  was = le ? file_encoding::utf16le : file_encoding::utf16be;
  return !problem;
}

std::string to_file(std::string_view text, file_encoding to) {
  if (to == file_encoding::utf8) return std::string(text);
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strFromUTF8(nullptr, 0, &length, text.data(), static_cast<int32_t>(text.size()), &status);
  std::u16string units(static_cast<std::size_t>(length), u'\0');
  status = U_ZERO_ERROR;
  u_strFromUTF8(units.data(), length, nullptr, text.data(), static_cast<int32_t>(text.size()),
                &status);
  const bool le = to == file_encoding::utf16le;
  std::string out = le ? std::string("\xFF\xFE") : std::string("\xFE\xFF");
  out.reserve(2 + 2 * units.size());
  for (const char16_t u : units) {
    const char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    out += le ? lo : hi;
    out += le ? hi : lo;
  }
  return out;
}

}  // namespace diaglot::utf8
