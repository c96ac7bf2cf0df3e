#include "emit/cpp_emitter.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "diag/diagnostics.hpp"
#include "diaglot/version.hpp"
#include "emit/code_writer.hpp"
#include "format/syntax.hpp"
#include "util/parallel.hpp"

namespace diaglot::emit {

namespace {

// MSVC rejects a string literal above 65,535 bytes after concatenation (C1091) and a single
// quoted piece above 16,380 (C2026): chunks stay under the first, lines far under the second.
constexpr std::size_t chunk_limit = 60 * 1024;
constexpr std::size_t line_bytes = 2048;
constexpr std::size_t values_per_line = 16;

bool is_ident_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// C++ keywords, alternative tokens, and names that common headers define as macros.
bool is_taken_word(std::string_view s) {
  static const std::set<std::string_view> words = {
      // C++20 keywords and alternative tokens
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
      "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept",
      "const", "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await",
      "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast",
      "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto",
      "if", "import", "inline", "int", "long", "module", "mutable", "namespace", "new", "noexcept",
      "not", "not_eq", "nullptr", "operator", "or", "or_eq", "private", "protected", "public",
      "register", "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
      "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local",
      "throw", "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
      "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
      // macros of the C and POSIX headers, GNU predefines and <windows.h>
      "NULL", "EOF", "errno", "assert", "offsetof", "stdin", "stdout", "stderr", "BUFSIZ",
      "CHAR_BIT", "SIZE_MAX", "INT_MAX", "unix", "linux", "i386", "TRUE", "FALSE", "DELETE",
      "ERROR", "IN", "OUT", "OPTIONAL", "CONST", "VOID", "min", "max", "near", "far", "small",
      "interface"};
  if (words.count(s) != 0) return true;
  // Families of macro names the C standard reserves to its headers (C17 7.31): <errno.h>'s E
  // and a digit or capital (ENOENT, EACCES), <signal.h>'s SIG and a capital or SIG_ (SIGINT,
  // SIG_DFL), <locale.h>'s LC_ and a capital (LC_ALL). An ID part spelled so would be replaced
  // by the macro wherever the header is included first.
  const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  const auto starts = [&](std::string_view prefix) {
    return s.size() > prefix.size() && s.substr(0, prefix.size()) == prefix;
  };
  return (s.size() > 1 && s[0] == 'E' && (upper(s[1]) || (s[1] >= '0' && s[1] <= '9'))) ||
         (starts("SIG") && (upper(s[3]) || s[3] == '_')) || (starts("LC_") && upper(s[3]));
}

// --- text for generated files ------------------------------------------------------------------

void append_octal(std::string& out, unsigned char c) {
  out += '\\';
  out += static_cast<char>('0' + ((c >> 6) & 7));
  out += static_cast<char>('0' + ((c >> 3) & 7));
  out += static_cast<char>('0' + (c & 7));
}

/// The length of the valid UTF-8 sequence at s[i] that may be written raw, or 0: overlong forms,
/// surrogates, bytes past U+10FFFF and bidirectional controls (which GCC's -Wbidi-chars flags in
/// source text, and which could make the file read differently than it compiles) are escaped.
/// Decided on the bytes, without decoding: a pool holds hundreds of thousands of sequences.
inline std::size_t raw_utf8_length(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const std::size_t left = s.size() - i;
  const auto tail = [&](std::size_t k) { return (p[k] & 0xc0) == 0x80; };
  const unsigned c = p[0];
  if (c >= 0xc2 && c <= 0xdf) {
    if (left < 2 || !tail(1)) return 0;
    return c == 0xd8 && p[1] == 0x9c ? 0 : 2;  // U+061C ARABIC LETTER MARK
  }
  if (c >= 0xe0 && c <= 0xef) {
    if (left < 3 || !tail(1) || !tail(2)) return 0;
    if (c == 0xe0 && p[1] < 0xa0) return 0;   // overlong: below U+0800
    if (c == 0xed && p[1] >= 0xa0) return 0;  // surrogates U+D800..U+DFFF
    if (c == 0xe2) {
      // U+200E, U+200F, U+202A..U+202E, U+2066..U+2069
      const unsigned low = (p[1] & 0x3fu) << 6 | (p[2] & 0x3fu);
      if (low == 0x0e || low == 0x0f || (low >= 0x2a && low <= 0x2e) ||
          (low >= 0x66 && low <= 0x69))
        return 0;
    }
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (left < 4 || !tail(1) || !tail(2) || !tail(3)) return 0;
    if (c == 0xf0 && p[1] < 0x90) return 0;   // overlong: below U+10000
    if (c == 0xf4 && p[1] >= 0x90) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

/// Whether byte c stands for itself inside a string literal: printable ASCII but the backslash,
/// the quote and the question mark (which could begin a trigraph).
constexpr bool needs_no_escape(unsigned char c) {
  return c >= 0x20 && c < 0x7f && c != '\\' && c != '"' && c != '?';
}

/// needs_no_escape as a table: the scan over a pool tests every byte.
constexpr std::array<bool, 256> stands_for_itself = [] {
  std::array<bool, 256> table{};
  for (unsigned c = 0; c < 256; ++c) table[c] = needs_no_escape(static_cast<unsigned char>(c));
  return table;
}();

/// Bytes as the inside of a string literal. UTF-8 is written as it is (the generated file is
/// UTF-8 and says so; MSVC needs /utf-8, which diaglot_add_catalog sets); other non-ASCII bytes
/// and controls are three-digit octal escapes, which cannot swallow a following digit as a hex
/// escape would ("\x41" "B" pitfalls).
void append_escaped(std::string& out, std::string_view s) {
  const auto* const begin = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = begin + s.size();
  // Runs that need no escape, raw UTF-8 included, are copied in one piece (most of a catalog's
  // text, in any script): [run, p) is the pending one.
  const unsigned char* run = begin;
  for (const unsigned char* p = begin;;) {
    p = std::find_if_not(p, end, [](unsigned char b) { return stands_for_itself[b]; });
    if (p == end) break;
    const unsigned char c = *p;
    if (c >= 0x80) {
      if (const std::size_t n = raw_utf8_length(s, static_cast<std::size_t>(p - begin))) {
        p += n;
        continue;
      }
    }
    out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '?':
        // "??x" would be a trigraph under -trigraphs or before C++17.
        out += p != begin && p[-1] == '?' ? "\\?" : "?";
        break;
      default:
        append_octal(out, c);
    }
    run = ++p;
  }
  out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(end - run));
}

/// Text for a `//` comment: as it is when plain, else quoted with escapes, so that nothing in it
/// (a trailing backslash, a newline, a trigraph) can reach the next line.
void append_comment_text(std::string& out, std::string_view s) {
  bool plain = !s.empty() && s.back() != '\\' && s.find("??") == std::string_view::npos;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7f) plain = false;
  }
  if (plain) {
    out += s;
    return;
  }
  out += '"';
  append_escaped(out, s);
  out += '"';
}

std::string comment_text(std::string_view s) {
  std::string out;
  append_comment_text(out, s);
  return out;
}

template <typename T>
void append_number(std::string& out, T value) {
  char buf[24];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, result.ptr);
}

template <typename T>
void append_values(std::string& out, const std::vector<T>& values) {
  if (values.empty()) {
    out += "0};  // empty: a placeholder element\n\n";
    return;
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += i % values_per_line == 0 ? "\n    " : " ";
    append_number(out, values[i]);
    if (sizeof(T) == 8) out += 'u';  // above 2^63 only unsigned fits
    out += ',';
  }
  out += "\n};\n\n";
}

template <typename T>
void append_array(std::string& out, const char* type, const std::string& name,
                  const std::vector<T>& values, bool external = false) {
  if (external) out += std::string("extern const ") + type + " " + name + "[];\n";
  out += "constexpr ";
  out += type;
  out += ' ';
  out += name;
  out += "[] = {";
  append_values(out, values);
}

// --- byte arrays as structs of chunks -----------------------------------------------------------
//
// The pools (NUL-terminated strings) and the big integer arrays (as their little-endian bytes,
// which the runtime reads with memcpy through detail::le_array) are both written as a struct of
// chunks laid end to end and read as one array: a compiler reads a string literal many times
// faster than a list of numbers, and MSVC rejects a literal above 64 KiB. A literal's own
// terminating NUL is the last byte of its chunk, so a literal chunk ends at a zero byte; a
// stretch that cannot end at one is a list of values. The two kinds differ only in where chunks
// end (split_strings, split_binary) and how they are written (array_style).

/// One member of a chunk struct: bytes [begin, end) of the array, as a literal or as values.
struct chunk {
  std::size_t begin, end;
  bool literal;
};

/// Pool chunks: runs of whole strings as literals; a string too long for one literal is cut
/// into pieces written as characters.
std::vector<chunk> split_strings(std::string_view pool) {
  std::vector<chunk> chunks;
  std::size_t pos = 0;
  while (pos < pool.size()) {
    // The strings that fit end at the last NUL within the limit: found from the back, in one
    // search per chunk rather than one per string.
    const std::size_t last_nul = pool.rfind('\0', pos + chunk_limit - 1);
    if (last_nul != std::string_view::npos && last_nul >= pos) {
      chunks.push_back({pos, last_nul + 1, true});
      pos = last_nul + 1;
    } else {
      const std::size_t next = pool.find('\0', pos) + 1;
      for (; pos < next; pos = std::min(next, pos + chunk_limit))
        chunks.push_back({pos, std::min(next, pos + chunk_limit), false});
    }
  }
  return chunks;
}

/// Binary chunks: each ends at the last zero byte within the limit, unless that zero is too
/// early to make a chunk of a useful size; then the chunk is values up to the limit.
std::vector<chunk> split_binary(std::string_view bytes) {
  std::vector<chunk> chunks;
  for (std::size_t pos = 0; pos < bytes.size();) {
    const std::size_t limit = std::min(bytes.size(), pos + chunk_limit);
    const std::size_t zero = bytes.substr(0, limit).rfind('\0');
    if (zero != std::string_view::npos && zero >= pos &&
        (limit == bytes.size() || zero - pos >= chunk_limit / 2)) {
      chunks.push_back({pos, zero + 1, true});
      pos = zero + 1;
    } else {
      chunks.push_back({pos, limit, false});
      pos = limit;
    }
  }
  return chunks;
}

/// The lines of a literal chunk of strings (without the chunk's last NUL, which the literal
/// supplies): one string per line, long ones continued on further lines, each string but the
/// last followed by an explicit "\0".
void append_string_lines(std::string& out, std::string_view strings) {
  for (;;) {
    const std::size_t nul = strings.find('\0');
    std::string_view s = strings.substr(0, nul);
    do {
      // Lines end on a character boundary, so that each holds whole UTF-8 sequences.
      std::size_t cut = std::min(s.size(), line_bytes);
      while (cut < s.size() && cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xc0) == 0x80)
        --cut;
      if (cut == 0) cut = std::min(s.size(), line_bytes);
      const std::string_view piece = s.substr(0, cut);
      s.remove_prefix(piece.size());
      out += "    \"";
      append_escaped(out, piece);
      if (s.empty() && nul != std::string_view::npos) out += "\\0";
      out += "\"\n";
    } while (!s.empty());
    if (nul == std::string_view::npos) return;
    strings.remove_prefix(nul + 1);
  }
}

/// The lines of a literal chunk of binary bytes (without the chunk's last zero, which the
/// literal supplies), values_per_line * 4 bytes each: printable ASCII as it is, the rest as
/// octal escapes, three digits only when an octal digit follows.
void append_binary_lines(std::string& out, std::string_view bytes) {
  constexpr std::size_t per_line = values_per_line * 4;
  // Each line is built in a buffer and appended once: most bytes take an escape.
  char line_text[4 + 1 + per_line * 4 + 2];
  for (std::size_t line = 0; line == 0 || line < bytes.size(); line += per_line) {
    const std::string_view piece = bytes.substr(line, per_line);
    char* p = line_text;
    for (const char ch : {' ', ' ', ' ', ' ', '"'}) *p++ = ch;
    for (std::size_t i = 0; i < piece.size(); ++i) {
      const auto c = static_cast<unsigned char>(piece[i]);
      if (stands_for_itself[c]) {
        *p++ = static_cast<char>(c);
        continue;
      }
      const bool digit_follows = i + 1 < piece.size() && piece[i + 1] >= '0' && piece[i + 1] <= '7';
      *p++ = '\\';
      if (digit_follows || c >= 0100) *p++ = static_cast<char>('0' + ((c >> 6) & 7));
      if (digit_follows || c >= 010) *p++ = static_cast<char>('0' + ((c >> 3) & 7));
      *p++ = static_cast<char>('0' + (c & 7));
    }
    *p++ = '"';
    *p++ = '\n';
    out.append(line_text, static_cast<std::size_t>(p - line_text));
  }
}

/// How one kind of byte array is written.
struct array_style {
  const char* type_head;  ///< "struct " and any alignment
  const char* element;    ///< the chunks' element type
  void (*literal_lines)(std::string&, std::string_view);
  bool char_values;         ///< values as character literals (text), else as numbers
  const char* assert_text;  ///< the static_assert's message
};

const array_style string_pool{"struct ", "char", append_string_lines, true,
                              "the pool chunks must be contiguous"};
// 8-aligned with no tail padding: encode_le pads the bytes to a multiple of 8.
const array_style le_bytes_array{"struct alignas(8) ", "unsigned char", append_binary_lines, false,
                                 "the chunks must be contiguous"};
// Key records start a cache line (detail::table::key_records); padded to a multiple of 64.
const array_style key_records_array{"struct alignas(64) ", "unsigned char", append_binary_lines,
                                    false, "the chunks must be contiguous"};

/// A chunk that is not a literal, as a braced list of values_per_line values a line.
void append_values_chunk(std::string& out, std::string_view bytes, bool chars) {
  out += "    {";
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out += i % values_per_line == 0 ? "\n        " : " ";
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (!chars) {
      append_number(out, static_cast<unsigned>(c));
    } else if (c == '"' || (needs_no_escape(c) && c != '\'')) {  // as in a char literal
      out += '\'';
      out += static_cast<char>(c);
      out += '\'';
    } else {
      out += '\'';
      append_octal(out, c);
      out += '\'';
    }
    out += ',';
  }
  out += "\n    }";
}

/// The struct type of a chunked array, one member per chunk (an empty array gets one byte).
void append_chunked_type(std::string& out, const array_style& style, const std::string& type,
                         const std::vector<chunk>& chunks) {
  out += style.type_head + type + " {\n";
  for (std::size_t i = 0; i < chunks.size(); ++i)
    out += std::string("  ") + style.element + " c" + std::to_string(i) + "[" +
           std::to_string(chunks[i].end - chunks[i].begin) + "];\n";
  if (chunks.empty()) out += std::string("  ") + style.element + " c0[1];\n";
  out += "};\n";
}

/// A chunked array's struct type and the opening of the constant `name`; `external` gives the
/// constant external linkage for another source file.
void append_chunked_head(std::string& out, const array_style& style, const std::string& type,
                         const std::string& name, const std::vector<chunk>& chunks, bool external) {
  append_chunked_type(out, style, type, chunks);
  if (external) out += "extern const " + type + " " + name + ";\n";
  out += "constexpr " + type + " " + name + " = {\n";
}

/// The values of chunks [first, last) of `bytes`.
void append_chunk_values(std::string& out, const array_style& style, std::string_view bytes,
                         const std::vector<chunk>& chunks, std::size_t first, std::size_t last) {
  for (std::size_t i = first; i < last; ++i) {
    const std::string_view part = bytes.substr(chunks[i].begin, chunks[i].end - chunks[i].begin);
    if (chunks[i].literal) {
      style.literal_lines(out, part.substr(0, part.size() - 1));
      out.pop_back();  // the last line's '\n': the separator follows
    } else {
      append_values_chunk(out, part, style.char_values);
    }
    out += ",\n";
  }
}

/// The end of the constant, with a check that the chunks add up.
void append_chunked_tail(std::string& out, const array_style& style, const std::string& type,
                         std::string_view bytes) {
  if (bytes.empty()) out += "    \"\",\n";  // the placeholder member's
  out += "};\n";
  out += "static_assert(sizeof(" + type +
         ") == " + std::to_string(std::max<std::size_t>(bytes.size(), 1)) + ", \"" +
         style.assert_text + "\");\n\n";
}

/// The struct type and the constant `name` that holds `bytes` as `chunks`.
void append_chunked(std::string& out, const array_style& style, const std::string& type,
                    const std::string& name, std::string_view bytes,
                    const std::vector<chunk>& chunks, bool external) {
  append_chunked_head(out, style, type, name, chunks, external);
  append_chunk_values(out, style, bytes, chunks, 0, chunks.size());
  append_chunked_tail(out, style, type, bytes);
}

/// A pool of NUL-terminated strings named `name` of type `type`.
void append_pool(std::string& out, const std::string& type, const std::string& name,
                 std::string_view pool, const std::vector<chunk>& chunks, bool external) {
  append_chunked(out, string_pool, type, name, pool, chunks, external);
}

/// Bytes split into chunks: an integer array's little-endian bytes, or the key records.
struct chunked_bytes {
  std::string bytes;
  std::vector<chunk> chunks;
};

/// Bytes padded with zeros to a multiple of `alignment` and at least one zero, so that the last
/// chunk ends with one and the aligned struct has no tail padding.
chunked_bytes padded(std::string_view bytes, std::size_t alignment) {
  chunked_bytes a;
  a.bytes.assign((bytes.size() / alignment + 1) * alignment, '\0');
  std::copy(bytes.begin(), bytes.end(), a.bytes.begin());
  a.chunks = split_binary(a.bytes);
  return a;
}

/// The values' little-endian bytes, padded to a multiple of 8.
template <typename T>
chunked_bytes encode_le(const std::vector<T>& values) {
  std::string bytes(values.size() * sizeof(T), '\0');
  char* p = bytes.data();
  for (const T v : values)
    for (std::size_t b = 0; b < sizeof(T); ++b)
      *p++ = static_cast<char>(static_cast<unsigned char>(v >> (8 * b)));
  return padded(bytes, 8);
}

/// An integer array as a byte array named `name` of type `name`_t.
void append_le_array(std::string& out, const std::string& name, const chunked_bytes& a,
                     bool external = false) {
  append_chunked(out, le_bytes_array, name + "_t", name, a.bytes, a.chunks, external);
}

template <typename T>
void append_le_array(std::string& out, const std::string& name, const std::vector<T>& values) {
  append_le_array(out, name, encode_le(values));
}

/// Locale l's texts, from their encoding.
void append_locale_text(std::string& out, const plan::table_plan& plan, const chunked_bytes& text,
                        std::size_t l, bool external) {
  out += "// " + comment_text(plan.locales[l]) + "\n";
  append_le_array(out, "text" + std::to_string(l), text, external);
}

// --- typed IDs ---------------------------------------------------------------------------------

struct id_scope {
  struct leaf {
    std::string_view id;  ///< in the plan's keys
    std::string plain, name;
    std::uint32_t index;
    std::vector<std::string> args;  ///< argument names in call order; none: a plain message_id
  };
  std::vector<leaf> leaves;                  // sorted by ID
  std::map<std::string, id_scope> children;  // namespaces by mangled name
};

/// The dot-separated parts of an ID, into `parts`.
void split_id(std::string_view id, std::vector<std::string_view>& parts) {
  parts.clear();
  for (;;) {
    const std::size_t dot = id.find('.');
    parts.push_back(id.substr(0, dot));
    if (dot == std::string_view::npos) return;
    id.remove_prefix(dot + 1);
  }
}

/// Gives every leaf a name unique in its scope: a name taken by several IDs, or by a namespace,
/// gets a numbered suffix, in sorted-ID order; the first such ID keeps the plain name when no
/// namespace has it.
void resolve_names(id_scope& scope) {
  // Views of the children's keys and of the leaves' names, which stay put: the leaves are not
  // added to while their names are chosen.
  std::unordered_map<std::string_view, int> uses;
  std::unordered_set<std::string_view> taken;
  uses.reserve(scope.leaves.size());
  taken.reserve(scope.leaves.size() + scope.children.size());
  for (const auto& l : scope.leaves) ++uses[l.plain];
  for (const auto& [name, child] : scope.children) taken.insert(name);
  for (auto& l : scope.leaves)
    if (uses[l.plain] == 1 && !taken.count(l.plain)) taken.insert(l.name = l.plain);
  for (auto& l : scope.leaves) {
    if (!l.name.empty()) continue;
    if (!taken.count(l.plain)) {
      taken.insert(l.name = l.plain);
      continue;
    }
    const std::string stem = l.plain.back() == '_' ? l.plain : l.plain + "_";
    for (int n = 2;; ++n) {
      std::string candidate = stem + std::to_string(n);
      if (!taken.count(candidate) && !uses.count(candidate)) {
        taken.insert(l.name = std::move(candidate));
        break;
      }
    }
  }
  for (auto& [name, child] : scope.children) resolve_names(child);
}

/// `table` is the qualified name of the catalog's table: each ID names it, so that a typed ID
/// given to another catalog still serves its own message (catalog::get).
void append_scope(std::string& out, const id_scope& scope, const std::string& table) {
  for (const auto& l : scope.leaves) {
    if (l.args.empty()) {
      out += "inline constexpr ::diaglot::message_id ";
      out += l.name;
      out += '{';
      append_number(out, l.index);
      out += ", &";
      out += table;
    } else {
      // message_id_n<N>{{index, &table}, {"name", ...}}: diaglot::format checks the count at
      // compile time.
      out += "inline constexpr ::diaglot::message_id_n<";
      append_number(out, l.args.size());
      out += "> ";
      out += l.name;
      out += "{{";
      append_number(out, l.index);
      out += ", &";
      out += table;
      out += "}, {";
      for (std::size_t i = 0; i < l.args.size(); ++i) {
        out += i ? ", \"" : "\"";
        append_escaped(out, l.args[i]);
        out += '"';
      }
      out += '}';
    }
    out += "};  // ";
    append_comment_text(out, l.id);
    out += '\n';
  }
  for (const auto& [name, child] : scope.children) {
    out += "namespace ";
    out += name;
    out += " {\n";
    append_scope(out, child, table);
    out += "}  // namespace ";
    out += name;
    out += '\n';
  }
}

/// The arguments a message takes: those of all its source-language fields, in call order.
std::vector<std::string> message_arguments(const catalog& c, std::uint32_t index) {
  const message m = c.at(index, c.source_locale());
  std::vector<syntax::argument_use> all;
  for (std::size_t f = 0; f < m.field_count(); ++f) {
    const std::string_view text = m.field_text(f);
    std::vector<syntax::argument_use> uses;
    syntax::error err;
    if (syntax::argument_uses(text, detect_syntax(text), uses, err))
      all.insert(all.end(), uses.begin(), uses.end());
  }
  return syntax::call_order(all);
}

/// The typed IDs of the plan whose view is `table`, whose generated name is `table_name`.
std::string typed_ids(const plan::table_plan& plan, const detail::table& table,
                      const std::string& table_name) {
  const catalog c(table);
  std::vector<std::pair<std::string_view, std::uint32_t>> ids;
  ids.reserve(plan.message_count());
  for (std::size_t i = 0; i < plan.message_count(); ++i)
    ids.emplace_back(plan.id(i), static_cast<std::uint32_t>(i));
  std::sort(ids.begin(), ids.end());
  id_scope root;
  // scopes[d] is the namespace at depth d of the ID before; sorted IDs share most of theirs
  // with it, so only the parts after the shared ones are mangled and looked up.
  std::vector<id_scope*> scopes{&root};
  std::vector<std::string_view> parts, previous;
  for (const auto& [id, index] : ids) {
    split_id(id, parts);
    std::size_t shared = 0;
    while (shared + 1 < parts.size() && shared + 1 < previous.size() &&
           parts[shared] == previous[shared])
      ++shared;
    scopes.resize(shared + 1);
    for (std::size_t i = shared; i + 1 < parts.size(); ++i)
      scopes.push_back(&scopes.back()->children[mangle_identifier(parts[i])]);
    scopes.back()->leaves.push_back(
        {id, mangle_identifier(parts.back()), {}, index, message_arguments(c, index)});
    parts.swap(previous);
  }
  resolve_names(root);
  std::string out;
  append_scope(out, root, table_name);
  return out;
}

/// "a::b" with each part made a valid identifier; empty stays empty.
std::string mangled_namespace(const std::string& ns) {
  std::string out;
  std::string_view rest = ns;
  while (!rest.empty()) {
    const std::size_t sep = rest.find("::");
    if (!out.empty()) out += "::";
    out += mangle_identifier(rest.substr(0, sep));
    if (sep == std::string_view::npos) break;
    rest.remove_prefix(sep + 2);
  }
  return out;
}

std::string banner(const cpp_options& options) {
  std::string out = "// Generated by diaglot ";
  out += version_string;
  out += " from:\n";
  // Sorted: the same sources named in another order give the same bytes (and no rebuild).
  std::vector<std::string> inputs = options.inputs;
  std::sort(inputs.begin(), inputs.end());
  inputs.erase(std::unique(inputs.begin(), inputs.end()), inputs.end());
  for (const std::string& input : inputs) out += "//   " + comment_text(input) + "\n";
  out += "// Do not edit.\n\n";
  return out;
}

}  // namespace

std::string namespace_problem(const std::string& ns) {
  if (ns.empty()) return {};
  const std::string as = mangled_namespace(ns);
  if (as != ns)
    return phrase("namespace.not_identifier",
                  "`{0}` is not a C++ namespace name: each part between `::` is an identifier "
                  "that is not a keyword; write `{1}`",
                  {ns, as});
  if (ns == "std" || ns.rfind("std::", 0) == 0)
    return phrase("namespace.std",
                  "`{0}` is the standard library's namespace, which programs may not add to", {ns});
  return {};
}

std::string mangle_identifier(std::string_view part) {
  std::string out;
  out.reserve(part.size() + 1);
  for (const char ch : part) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xc0) == 0x80) continue;  // one '_' per UTF-8 sequence, at its lead byte
    const char mapped = is_ident_char(c) ? ch : '_';
    // No "__" anywhere: such names are reserved to the implementation.
    if (mapped == '_' && !out.empty() && out.back() == '_') continue;
    out += mapped;
  }
  // "_Upper" is reserved too: drop the underscore.
  if (out.size() > 1 && out[0] == '_' && out[1] >= 'A' && out[1] <= 'Z') out.erase(0, 1);
  if (out.empty()) return "_";
  if (out[0] >= '0' && out[0] <= '9') return "_" + out;
  if (is_taken_word(out)) out += '_';
  return out;
}

namespace {

/// Reserves room for the most `bytes` of data can take in a source: each byte escaped as four
/// characters, with line breaks and declarations. A source is appended to in many pieces, and a
/// string that grows by doubling copies itself and holds both copies at once (a third of the
/// compile's peak memory, for a big table); capacity that is never written costs no memory.
void reserve_for(std::string& out, std::size_t bytes) {
  out.reserve(out.size() + 5 * bytes + 64 * 1024);
}

/// The data bytes of shard k's source other than its pool: its locales' texts, and for the
/// first source the table's arrays and IDs.
std::size_t table_data_bytes(const plan::table_plan& plan, std::size_t k) {
  std::size_t bytes = 0;
  for (std::size_t l = 0; l < plan.texts.size(); ++l)
    if (plan.shard_of_locale(l) == k) bytes += plan.texts[l].size() * sizeof(std::uint64_t);
  if (k == 0) {
    bytes += plan.key_records.size() + plan.long_keys.size();
    for (const auto* v :
         {&plan.message_code, &plan.message_fields, &plan.message_main, &plan.bucket,
          &plan.field_name, &plan.code_value, &plan.code_message, &plan.code_bucket})
      bytes += v->size() * sizeof(std::uint32_t);
  }
  return bytes;
}

/// Reserves room for the most the source of shard k can take.
void reserve_worst_case(std::string& out, const plan::table_plan& plan, std::size_t k) {
  reserve_for(out, plan.shard(k).size() + table_data_bytes(plan, k));
}

/// What the files of one emit_cpp call share.
struct emit_context {
  const plan::table_plan& plan;
  const cpp_options& options;
  detail::table table;  ///< plan.view(), taken once: view() may not be called on several threads
  std::string object, ns, stem, data_ns;
  std::size_t shards;
  bool sharded;
  /// Each shard's pool chunks and each locale's texts, split and encoded once: a further
  /// shard's are declared in the first source and defined in the shard's own.
  std::vector<std::vector<chunk>> pool_chunks;
  std::vector<chunked_bytes> texts;
};

std::string header_file(const emit_context& e) {
  code_writer h;
  h.set("NAME", e.object);
  h.set("NS", e.ns);
  h.raw(banner(e.options));
  h.line("#pragma once");
  h.line("");
  h.line("#include <diaglot/catalog.hpp>");
  h.line("");
  if (!e.ns.empty()) {
    h.line("namespace {{NS}} {");
    h.line("");
  }
  h.line("namespace {{NAME}}_data_ {");
  h.line("extern const ::diaglot::detail::table table;  // in {{NAME}}.cpp");
  h.line("}  // namespace {{NAME}}_data_");
  h.line("");
  h.line("/// The compiled catalog: a constant, so that lookups address its table directly.");
  h.line("inline constexpr ::diaglot::catalog {{NAME}}({{NAME}}_data_::table);");
  h.line("");
  h.line("/// Typed message IDs: get() reads them as direct indexes; each names the string ID.");
  h.line("namespace ids {");
  h.raw(typed_ids(e.plan, e.table, "::" + e.data_ns + "::table"));
  h.line("}  // namespace ids");
  if (!e.ns.empty()) {
    h.line("");
    h.line("}  // namespace {{NS}}");
  }
  return h.take();
}

/// A writer for the first source's fixed text.
code_writer source_writer(const emit_context& e) {
  code_writer s;
  s.set("NAME", e.object);
  s.set("NS", e.ns);
  s.set("DATA", e.data_ns);
  s.set("LAYOUT", std::to_string(table_layout_version));
  std::string stem_text;
  append_escaped(stem_text, e.stem);
  s.set("STEM", stem_text);
  return s;
}

/// The first source up to pool 0.
void append_source_head(std::string& out, const emit_context& e) {
  code_writer s = source_writer(e);
  s.raw(banner(e.options));
  // Only the table's layout: the catalog object is in the header, and the runtime headers would
  // cost this file a fifth of its compile time.
  s.line("#include <diaglot/table.hpp>");
  s.line("");
  s.line("#include <cstdint>");
  s.line("");
  s.line("static_assert(::diaglot::table_layout_version == {{LAYOUT}},");
  s.line(
      "              \"{{STEM}}.cpp was generated for table layout {{LAYOUT}}: regenerate it with "
      "\"");
  s.line("              \"the diaglot that matches these runtime headers\");");
  s.line(
      "// Texts are written in UTF-8 as they are: the file must be read as UTF-8 (the u8 literal");
  s.line("// has 3 bytes only then) and its narrow literals kept in UTF-8.");
  s.line("static_assert(sizeof(u8\"\xc3\xa9\") == 3 && sizeof(\"\xc3\xa9\") == 3,");
  s.line(
      "              \"compile {{STEM}}.cpp as UTF-8 (MSVC: /utf-8, as diaglot_add_catalog "
      "sets)\");");
  s.line("");
  s.line("namespace {{DATA}} {");
  s.line("");
  s.raw("// Every string but the IDs, NUL-terminated; chunks under 64 KiB for MSVC.\n");
  out += s.take();
}

/// The first source after pool 0, up to the texts of the locales it holds: the other pool
/// shards, declared.
void append_pool_declarations(std::string& out, const emit_context& e) {
  for (std::size_t k = 1; k < e.shards; ++k) {
    out += "// In " + comment_text(e.stem + ".shard" + std::to_string(k) + ".cpp") + ".\n";
    append_chunked_type(out, string_pool, "pool" + std::to_string(k) + "_t", e.pool_chunks[k]);
    out += "extern const pool" + std::to_string(k) + "_t pool" + std::to_string(k) + ";\n\n";
  }
  out += "constexpr const char* pool_shard[] = {";
  for (std::size_t k = 0; k < e.shards; ++k)
    out += (k ? ", pool" : "pool") + std::to_string(k) + ".c0";
  out += "};\n\n";
}

/// The rest of the first source, after the texts of the locales it holds.
void append_source_rest(std::string& out, const emit_context& e) {
  const plan::table_plan& plan = e.plan;
  for (std::size_t l = 0; l < plan.locales.size(); ++l) {
    if (plan.shard_of_locale(l) == 0) continue;
    const std::string name = "text" + std::to_string(l);
    out += "// In " +
           comment_text(e.stem + ".shard" + std::to_string(plan.shard_of_locale(l)) + ".cpp") +
           ".\n";
    append_chunked_type(out, le_bytes_array, name + "_t", e.texts[l].chunks);
    out += "extern const " + name + "_t " + name + ";\n";
  }
  out += "constexpr ::diaglot::detail::le_array<std::uint64_t> texts[] = {";
  for (std::size_t l = 0; l < plan.locales.size(); ++l)
    out += (l % 8 == 0 ? "\n    {text" : " {text") + std::to_string(l) + ".c0},";
  out += "\n};\n";
  append_array(out, "std::uint32_t", "locale_chain_start", plan.locale_chain_start);
  append_array(out, "std::uint16_t", "locale_chain", plan.locale_chain);

  out += "// The message IDs in slot order, a record each, and those too long for one.\n";
  const chunked_bytes records = padded(plan.key_records.view(), 64);
  append_chunked(out, key_records_array, "key_records_t", "key_records", records.bytes,
                 records.chunks, false);
  append_le_array(out, "long_keys", padded(plan.long_keys, 8));
  append_le_array(out, "message_code", plan.message_code);
  append_le_array(out, "message_fields", plan.message_fields);
  append_le_array(out, "message_main", plan.message_main);
  append_le_array(out, "bucket", plan.bucket);
  append_le_array(out, "field_name", plan.field_name);
  append_array(out, "std::uint32_t", "locale_tag", plan.locale_tag);
  append_array(out, "std::uint32_t", "locale_likely", plan.locale_likely);
  append_array(out, "std::uint32_t", "locale_match", plan.locale_match);
  append_array(out, "std::uint32_t", "likely", plan.likely);
  append_array(out, "std::uint32_t", "alias", plan.alias);
  append_array(out, "std::uint32_t", "match_rule", plan.match_rule);
  append_array(out, "std::uint32_t", "match_region", plan.match_region);
  append_array(out, "std::uint32_t", "match_answer", plan.match_answer);
  append_le_array(out, "code_value", plan.code_value);
  append_le_array(out, "code_message", plan.code_message);
  append_le_array(out, "code_bucket", plan.code_bucket);

  const detail::table& t = e.table;
  code_writer s = source_writer(e);
  auto number = [](std::uint64_t v) { return std::to_string(v); };
  auto hex = [](std::uint64_t v) {
    char buf[24];
    return "0x" + std::string(buf, std::to_chars(buf, buf + sizeof buf, v, 16).ptr) + "ull";
  };
  s.set("SHARD_BITS", number(t.pool_shard_bits));
  s.set("LOCALE_COUNT", number(t.locale_count));
  s.set("SOURCE_LOCALE", number(t.source_locale));
  s.set("LIKELY_COUNT", number(t.likely_count));
  s.set("ALIAS_COUNT", number(t.alias_count));
  s.set("MATCH_RULE_COUNT", number(t.match_rule_count));
  s.set("MATCH_ANSWER_COUNT", number(t.match_answer_count));
  s.set("MESSAGE_COUNT", number(t.message_count));
  s.set("KEY_RECORD_SHIFT", number(plan.key_record_shift));
  s.set("HASH_SEED", hex(plan.hash_seed));
  s.set("BUCKET_COUNT", number(t.id_hash.bucket_count));
  const detail::hash_sample& sample = plan.id_sample;
  s.set("ID_SAMPLE",
        number(sample.sampled) + ", " + number(sample.from_start) + ", " + number(sample.from_end));
  s.set("FIELD_COUNT", number(t.field_count));
  s.set("CODE_COUNT", number(t.code_count));
  s.set("CODE_SEED", hex(plan.code_seed));
  s.set("CODE_BUCKET_COUNT", number(t.code_hash.bucket_count));
  s.line("extern const ::diaglot::detail::table table;  // {{STEM}}.hpp's catalog reads it");
  s.line("constexpr ::diaglot::detail::table table = {");
  s.line("    {{LAYOUT}},  // layout_version");
  s.line("    pool_shard,");
  s.line("    {{SHARD_BITS}},  // pool_shard_bits");
  s.line("    {{LOCALE_COUNT}},  // locale_count");
  s.line("    {{SOURCE_LOCALE}},  // source_locale");
  s.line("    locale_tag,");
  s.line("    locale_likely,");
  s.line("    locale_match,");
  s.line("    {{LIKELY_COUNT}},  // likely_count");
  s.line("    likely,");
  s.line("    {{ALIAS_COUNT}},  // alias_count");
  s.line("    alias,");
  s.line("    {{MATCH_RULE_COUNT}},  // match_rule_count");
  s.line("    match_rule,");
  s.line("    match_region,");
  s.line("    {{MATCH_ANSWER_COUNT}},  // match_answer_count");
  s.line("    match_answer,");
  s.line("    {{MESSAGE_COUNT}},  // message_count");
  s.line("    {{KEY_RECORD_SHIFT}},  // key_record_shift");
  s.line("    key_records.c0,");
  s.line("    long_keys.c0,");
  s.line("    {message_code.c0},");
  s.line("    {message_fields.c0},");
  s.line("    {message_main.c0},");
  s.line("    { {{HASH_SEED}}, {{BUCKET_COUNT}}, {bucket.c0} },  // id_hash");
  s.line("    { {{ID_SAMPLE}} },  // id_sample");
  s.line("    {{FIELD_COUNT}},  // field_count");
  s.line("    {field_name.c0},");
  s.line("    texts,");
  s.line("    locale_chain_start,");
  s.line("    locale_chain,");
  s.line("    {{CODE_COUNT}},  // code_count");
  s.line("    {code_value.c0},");
  s.line("    {code_message.c0},");
  s.line("    { {{CODE_SEED}}, {{CODE_BUCKET_COUNT}}, {code_bucket.c0} },  // code_hash");
  s.line("};");
  s.line("");
  s.line("}  // namespace {{DATA}}");
  out += s.take();
}

/// How many pieces the first source is built in.
constexpr std::size_t source_pieces = 3;

/// Piece `piece` of the first source (the table, pool shard 0 and the texts of the locales that
/// go with it): its head and the first half of pool 0's chunks, by bytes; the second half; the
/// rest. The pieces are built on threads of their own and written one after the other.
std::string source_piece(const emit_context& e, std::size_t piece) {
  const std::string_view pool = e.plan.shard(0);
  const std::vector<chunk>& chunks = e.pool_chunks[0];
  std::size_t middle = 0;
  while (middle < chunks.size() && chunks[middle].begin < pool.size() / 2) ++middle;
  const auto bytes_of = [&](std::size_t first, std::size_t last) {
    return first < last ? chunks[last - 1].end - chunks[first].begin : 0;
  };
  std::string out;
  if (piece == 0) {
    append_source_head(out, e);
    reserve_for(out, bytes_of(0, middle));
    append_chunked_head(out, string_pool, "pool0_t", "pool0", chunks, e.sharded);
    append_chunk_values(out, string_pool, pool, chunks, 0, middle);
  } else if (piece == 1) {
    reserve_for(out, bytes_of(middle, chunks.size()));
    append_chunk_values(out, string_pool, pool, chunks, middle, chunks.size());
  } else {
    reserve_for(out, table_data_bytes(e.plan, 0));
    append_chunked_tail(out, string_pool, "pool0_t", pool);
    append_pool_declarations(out, e);
    for (std::size_t l = 0; l < e.plan.locales.size(); ++l)
      if (e.plan.shard_of_locale(l) == 0) append_locale_text(out, e.plan, e.texts[l], l, e.sharded);
    append_source_rest(out, e);
  }
  return out;
}

/// Pool shard k's source: the shard and the texts of the locales that go with it.
std::string shard_file(const emit_context& e, std::size_t k) {
  std::string out = banner(e.options);
  reserve_worst_case(out, e.plan, k);
  out += "#include <cstdint>\n\n";
  out += "namespace " + e.data_ns + " {\n\n";
  append_pool(out, "pool" + std::to_string(k) + "_t", "pool" + std::to_string(k), e.plan.shard(k),
              e.pool_chunks[k], true);
  for (std::size_t l = 0; l < e.plan.locales.size(); ++l)
    if (e.plan.shard_of_locale(l) == k) append_locale_text(out, e.plan, e.texts[l], l, true);
  out += "}  // namespace " + e.data_ns + "\n";
  return out;
}

}  // namespace

cpp_files emit_cpp(const plan::table_plan& plan, const cpp_options& options) {
  const std::string object = mangle_identifier(options.name.empty() ? "catalog" : options.name);
  const std::string ns = mangled_namespace(options.name_space);
  const std::size_t shards = plan.pool_shard_start.size();
  emit_context e{plan,
                 options,
                 plan.view(),
                 object,
                 ns,
                 options.name.empty() ? object : options.name,
                 (ns.empty() ? "" : ns + "::") + object + "_data_",
                 shards,
                 shards > 1,
                 {},
                 {}};
  for (std::size_t k = 0; k < shards; ++k) e.pool_chunks.push_back(split_strings(plan.shard(k)));
  for (const auto& t : plan.texts) e.texts.push_back(encode_le(t));

  // Sources: the first holds the table and pool shard 0; each further one a pool shard and the
  // texts of the locales that go with it. They are compiled apart, so they do not include the
  // header: its typed IDs would cost every one of them the time to parse them.
  //
  // The files are independent, and so are the first source's pieces: each is built by one
  // thread. The first source is not joined from its pieces but written piece by piece: joined,
  // its bytes were copied into pages touched for the first time, which cost more than the
  // second thread saved (10.9 -> 12.0 ms on the corpus). In pieces the corpus's emit went
  // 10.6 -> 7.8 ms (31 interleaved runs). The header is taken last, so that it fills a
  // thread's gap instead of delaying a shard. The output is the same for any number of threads.
  cpp_files files;
  files.source.resize(source_pieces);
  files.shards.resize(shards - 1);
  parallel::for_each_index(source_pieces + shards, options.jobs, [&](std::size_t i) {
    if (i < source_pieces) {
      files.source[i] = source_piece(e, i);
    } else if (i < source_pieces + shards - 1) {
      files.shards[i - source_pieces] = shard_file(e, i - source_pieces + 1);
    } else {
      files.header = header_file(e);
    }
  });
  return files;
}

}  // namespace diaglot::emit
