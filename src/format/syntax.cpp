#include "syntax.hpp"

#include <unicode/messagepattern.h>
#include <unicode/plurrule.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "icu_text.hpp"

namespace diaglot {

namespace icu_text {

icu::UnicodeString to_utf16(std::string_view text, std::vector<std::size_t>* byte_at) {
  icu::UnicodeString out;
  if (byte_at) {
    byte_at->clear();
    byte_at->reserve(text.size() + 1);
  }
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) c = 0xfffd;
    out.append(c);
    if (byte_at) {
      byte_at->push_back(static_cast<std::size_t>(start));
      if (c > 0xffff) byte_at->push_back(static_cast<std::size_t>(start));
    }
  }
  if (byte_at) byte_at->push_back(static_cast<std::size_t>(length));
  return out;
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace icu_text

const char* to_string(message_syntax s) noexcept {
  switch (s) {
    case message_syntax::literal:
      return "literal text";
    case message_syntax::composite:
      return ".NET composite formatting";
    case message_syntax::icu:
      return "ICU MessageFormat";
  }
  return "?";
}

namespace syntax {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident(char c) { return is_ident_start(c) || is_digit(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Up to 20 bytes of the text from `at`, for messages, cut at a character boundary.
std::string excerpt(std::string_view text, std::size_t at) {
  std::size_t end = std::min(text.size(), at + 20);
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) ++end;
  std::string out(text.substr(at, end - at));
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

/// An argument name at `i`: digits or an identifier. Sets `numbered`; returns its end, or `i`.
std::size_t scan_name(std::string_view t, std::size_t i, bool& numbered) {
  std::size_t j = i;
  if (j < t.size() && is_digit(t[j])) {
    while (j < t.size() && is_digit(t[j])) ++j;
    numbered = true;
    return j;
  }
  if (j < t.size() && is_ident_start(t[j])) {
    while (j < t.size() && is_ident(t[j])) ++j;
    numbered = false;
    return j;
  }
  return i;
}

std::string describe_icu(UErrorCode status) {
  switch (status) {
    case U_UNMATCHED_BRACES:
      return "unmatched braces";
    case U_PATTERN_SYNTAX_ERROR:
      return "syntax error";
    case U_DEFAULT_KEYWORD_MISSING:
      return "a plural or select argument has no `other` case";
    case U_DUPLICATE_KEYWORD:
      return "a plural or select case appears twice";
    case U_ARGUMENT_TYPE_MISMATCH:
      return "an argument is used with different types";
    case U_INDEX_OUTOFBOUNDS_ERROR:
      return "an argument number or nesting is too large";
    case U_ILLEGAL_ARGUMENT_ERROR:
      return "invalid argument";
    default:
      return u_errorName(status);
  }
}

const std::set<std::string_view>& icu_types() {
  static const std::set<std::string_view> types = {
      "plural", "select", "selectordinal", "choice",  "number",
      "date",   "time",   "spellout",      "ordinal", "duration"};
  return types;
}

}  // namespace

namespace {

/// An item as scanned: views into the text.
struct item_view {
  std::size_t begin = 0, end = 0;
  std::string_view name;  ///< no leading zeros
  bool numbered = false;
  bool has_alignment = false;
  int alignment = 0;
  bool has_spec = false;
  std::string_view spec;
};

/// The one .NET composite parser: calls on_literal(view) for each literal run (an escaped brace is
/// a run of its own, one byte long) and on_item(item_view) for each item, in text order; false
/// with `err` at the first error. Literal runs are found with memchr, not byte by byte.
template <typename OnLiteral, typename OnItem>
bool scan_composite(std::string_view t, error& err, const OnLiteral& on_literal,
                    const OnItem& on_item) {
  auto fail = [&](std::size_t at, std::string what) {
    err.offset = at;
    err.what = std::move(what);
    return false;
  };
  constexpr std::size_t npos = std::string_view::npos;
  std::size_t next_open = t.find('{'), next_close = t.find('}');
  for (std::size_t i = 0; i < t.size();) {
    if (next_open < i) next_open = t.find('{', i);
    if (next_close < i) next_close = t.find('}', i);
    const std::size_t k = std::min(next_open, next_close);
    if (k == npos) {
      on_literal(t.substr(i));
      break;
    }
    if (k > i) on_literal(t.substr(i, k - i));
    i = k;
    if (t[i] == '}') {
      if (i + 1 < t.size() && t[i + 1] == '}') {
        on_literal(t.substr(i, 1));
        i += 2;
        continue;
      }
      return fail(i, "a `}` that closes no item; write `}}` for a literal brace");
    }
    if (i + 1 < t.size() && t[i + 1] == '{') {
      on_literal(t.substr(i, 1));
      i += 2;
      continue;
    }
    item_view item;
    item.begin = i;
    std::size_t j = scan_name(t, i + 1, item.numbered);
    if (j == i + 1)
      return fail(i, "`{` must start an item such as `{0}` or `{name}`; write `{{` for a brace");
    item.name = t.substr(i + 1, j - i - 1);
    if (item.numbered) {
      // "007" is "7"; numbers above max_argument_number (999) are refused.
      while (item.name.size() > 1 && item.name[0] == '0') item.name.remove_prefix(1);
      if (item.name.size() > 3)
        return fail(i + 1, "argument numbers above " + std::to_string(max_argument_number) +
                               " are not supported");
    }
    while (j < t.size() && t[j] == ' ') ++j;
    if (j < t.size() && t[j] == ',') {
      ++j;
      while (j < t.size() && t[j] == ' ') ++j;
      const std::size_t sign = j;
      if (j < t.size() && t[j] == '-') ++j;
      const std::size_t digits = j;
      int alignment = 0;
      while (j < t.size() && is_digit(t[j]) && j - digits < 7)
        alignment = alignment * 10 + (t[j++] - '0');
      if (j == digits)
        return fail(sign, "the alignment after `,` must be a whole number, as in `{0,-10}`");
      if (j < t.size() && is_digit(t[j])) return fail(sign, "the alignment is too large");
      item.has_alignment = true;
      item.alignment = alignment;
      if (item.alignment > 1000) return fail(sign, "the alignment is too large (1000 at most)");
      if (t[sign] == '-') item.alignment = -item.alignment;
      while (j < t.size() && t[j] == ' ') ++j;
    }
    if (j < t.size() && t[j] == ':') {
      const std::size_t spec = ++j;
      while (j < t.size() && t[j] != '}' && t[j] != '{') ++j;
      if (j < t.size() && t[j] == '{') return fail(j, "a format string cannot contain `{`");
      item.has_spec = true;
      item.spec = t.substr(spec, j - spec);
    }
    if (j >= t.size()) return fail(i, "the item `" + excerpt(t, i) + "` is never closed with `}`");
    if (t[j] != '}') {
      std::size_t next = j + 1;  // the whole character, not a piece of its UTF-8
      while (next < t.size() && (static_cast<unsigned char>(t[next]) & 0xc0) == 0x80) ++next;
      return fail(j, "unexpected `" + std::string(t.substr(j, next - j)) + "` in the item `" +
                         excerpt(t, i) + "`");
    }
    item.end = j + 1;
    on_item(item);
    i = j + 1;
  }
  return true;
}

}  // namespace

bool parse_composite(std::string_view t, std::vector<composite_piece>& out, error& err) {
  out.clear();
  const auto on_literal = [&](std::string_view run) {
    // Runs split only by an escape are one piece: "a{{b" gives "a{" and "b".
    if (!out.empty() && !out.back().is_item &&
        out.back().literal.data() + out.back().literal.size() == run.data()) {
      out.back().literal =
          std::string_view(out.back().literal.data(), out.back().literal.size() + run.size());
      return;
    }
    composite_piece p;
    p.literal = run;
    out.push_back(std::move(p));
  };
  const auto on_item = [&](const item_view& v) {
    composite_piece& p = out.emplace_back();
    p.is_item = true;
    composite_item& item = p.item;
    item.begin = v.begin;
    item.end = v.end;
    item.name = std::string(v.name);
    item.numbered = v.numbered;
    item.has_alignment = v.has_alignment;
    item.alignment = v.alignment;
    item.has_spec = v.has_spec;
    item.spec = std::string(v.spec);
  };
  return scan_composite(t, err, on_literal, on_item);
}

bool composite_uses(std::string_view text, std::vector<item_use>* out, error& err) {
  if (out) out->clear();
  const auto on_literal = [](std::string_view) {};
  if (!out) return scan_composite(text, err, on_literal, [](const item_view&) {});
  const auto on_item = [&](const item_view& v) { out->push_back({v.name, v.begin}); };
  if (scan_composite(text, err, on_literal, on_item)) return true;
  out->clear();
  return false;
}

namespace {

/// Where ICU MessageFormat text nests arguments deeper than max_icu_depth, or npos. ICU parses and
/// formats nested messages recursively, a stack frame or more per level: unbounded, a message
/// nested a few thousand deep overflows an 8 MiB stack (and a few hundred, a thread's small one).
/// Braces quoted by an apostrophe (ICU's optional doubling: `'{` starts a quote) do not count.
std::size_t too_deep(std::string_view t) {
  std::size_t depth = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '\'') {
      if (i + 1 < t.size() && t[i + 1] == '\'') {
        ++i;  // '' is an apostrophe
      } else if (i + 1 < t.size() &&
                 (t[i + 1] == '{' || t[i + 1] == '}' || t[i + 1] == '#' || t[i + 1] == '|')) {
        // A quote, to the next lone apostrophe ('' inside it is one).
        for (++i; i < t.size(); ++i)
          if (t[i] == '\'') {
            if (i + 1 < t.size() && t[i + 1] == '\'') {
              ++i;
              continue;
            }
            break;
          }
      }
    } else if (c == '{') {
      if (++depth > 2 * max_icu_depth) return i;  // an argument and its message: two braces
    } else if (c == '}' && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

}  // namespace

bool parse_icu(std::string_view text, std::vector<icu_argument>& out, error& err) {
  out.clear();
  if (const std::size_t deep = too_deep(text); deep != std::string_view::npos) {
    err.offset = deep;
    err.what = "arguments are nested more than " + std::to_string(max_icu_depth) +
               " deep here; a message that deep is a mistake, and ICU would exhaust the stack";
    return false;
  }
  std::vector<std::size_t> byte_at;
  const icu::UnicodeString u = icu_text::to_utf16(text, &byte_at);
  UErrorCode status = U_ZERO_ERROR;
  icu::MessagePattern mp(UMSGPAT_APOS_DOUBLE_OPTIONAL, status);
  UParseError pe{};
  mp.parse(u, &pe, status);
  if (U_FAILURE(status)) {
    const std::size_t at = static_cast<std::size_t>(std::clamp(pe.offset, 0, u.length()));
    err.offset = byte_at[at];
    err.what = describe_icu(status) + " at `" + excerpt(text, err.offset) + "`";
    return false;
  }
  auto sub = [&](const icu::MessagePattern::Part& p) {
    return icu_text::to_utf8(u.tempSubString(p.getIndex(), p.getLength()));
  };
  const std::int32_t n = mp.countParts();
  for (std::int32_t i = 0; i + 1 < n; ++i) {
    const icu::MessagePattern::Part& p = mp.getPart(i);
    if (p.getType() != UMSGPAT_PART_TYPE_ARG_START) continue;
    const icu::MessagePattern::Part& np = mp.getPart(i + 1);
    icu_argument a;
    a.brace = byte_at[p.getIndex()];
    a.offset = byte_at[np.getIndex()];
    a.numbered = np.getType() == UMSGPAT_PART_TYPE_ARG_NUMBER;
    a.name = a.numbered ? std::to_string(np.getValue()) : sub(np);
    if (a.numbered && np.getValue() > max_argument_number) {
      err.offset = a.offset;
      err.what =
          "argument numbers above " + std::to_string(max_argument_number) + " are not supported";
      return false;
    }
    const UMessagePatternArgType type = p.getArgType();
    switch (type) {
      case UMSGPAT_ARG_TYPE_NONE:
        break;
      case UMSGPAT_ARG_TYPE_SIMPLE:
        if (i + 2 < n) {
          a.type = sub(mp.getPart(i + 2));
          a.type_offset = byte_at[mp.getPart(i + 2).getIndex()];
        }
        break;
      case UMSGPAT_ARG_TYPE_CHOICE:
        a.type = "choice";
        break;
      case UMSGPAT_ARG_TYPE_PLURAL:
        a.type = "plural";
        break;
      case UMSGPAT_ARG_TYPE_SELECT:
        a.type = "select";
        break;
      case UMSGPAT_ARG_TYPE_SELECTORDINAL:
        a.type = "selectordinal";
        break;
    }
    if (type == UMSGPAT_ARG_TYPE_PLURAL || type == UMSGPAT_ARG_TYPE_SELECT ||
        type == UMSGPAT_ARG_TYPE_SELECTORDINAL) {
      // The type keyword follows the name: find it for positions.
      const std::size_t comma = text.find(',', a.offset);
      if (comma != std::string_view::npos) {
        a.type_offset = comma + 1;
        while (a.type_offset < text.size() && is_space(text[a.type_offset])) ++a.type_offset;
      }
      const std::int32_t limit = mp.getLimitPartIndex(i);
      for (std::int32_t j = i + 2; j < limit; ++j) {
        const icu::MessagePattern::Part& q = mp.getPart(j);
        if (q.getType() == UMSGPAT_PART_TYPE_ARG_SELECTOR) {
          std::string key = sub(q);
          if (!key.empty() && key[0] != '=')
            a.keywords.emplace_back(std::move(key), byte_at[q.getIndex()]);
        } else if (q.getType() == UMSGPAT_PART_TYPE_MSG_START) {
          j = mp.getLimitPartIndex(j);
        }
      }
    }
    out.push_back(std::move(a));
  }
  return true;
}

std::vector<quoted_argument> quoted_arguments(std::string_view text) {
  std::vector<quoted_argument> out;
  std::vector<std::size_t> byte_at;
  const icu::UnicodeString u = icu_text::to_utf16(text, &byte_at);
  UErrorCode status = U_ZERO_ERROR;
  icu::MessagePattern mp(UMSGPAT_APOS_DOUBLE_OPTIONAL, status);
  mp.parse(u, nullptr, status);
  if (U_FAILURE(status)) return out;

  // Literal runs of each (sub)message, with the type of the argument the message belongs to:
  // that type decides whether an apostrophe before `#` or `|` starts a quote.
  struct run {
    std::size_t begin, end;
    UMessagePatternArgType parent;
  };
  std::vector<run> runs;
  std::vector<UMessagePatternArgType> args;
  const std::int32_t n = mp.countParts();
  for (std::int32_t i = 0; i < n; ++i) {
    const icu::MessagePattern::Part& p = mp.getPart(i);
    if (p.getType() == UMSGPAT_PART_TYPE_ARG_START) args.push_back(p.getArgType());
    if (p.getType() == UMSGPAT_PART_TYPE_ARG_LIMIT && !args.empty()) args.pop_back();
    if (p.getType() != UMSGPAT_PART_TYPE_MSG_START) continue;
    const UMessagePatternArgType parent = args.empty() ? UMSGPAT_ARG_TYPE_NONE : args.back();
    const std::int32_t limit = mp.getLimitPartIndex(i);
    std::int32_t begin = p.getLimit();
    for (std::int32_t j = i + 1; j < limit; ++j) {
      const icu::MessagePattern::Part& q = mp.getPart(j);
      if (q.getType() != UMSGPAT_PART_TYPE_ARG_START) continue;
      runs.push_back({byte_at[begin], byte_at[q.getIndex()], parent});
      j = mp.getLimitPartIndex(j);
      begin = mp.getPart(j).getLimit();
    }
    runs.push_back({byte_at[begin], byte_at[mp.getPart(limit).getIndex()], parent});
  }

  for (const run& r : runs) {
    for (std::size_t k = r.begin; k < r.end; ++k) {
      if (text[k] != '\'') continue;
      if (k + 1 < text.size() && text[k + 1] == '\'') {
        ++k;  // '' is one apostrophe
        continue;
      }
      const char next = k + 1 < text.size() ? text[k + 1] : '\0';
      const bool starts = next == '{' || next == '}' ||
                          (r.parent == UMSGPAT_ARG_TYPE_CHOICE && next == '|') ||
                          (UMSGPAT_ARG_TYPE_HAS_PLURAL_STYLE(r.parent) && next == '#');
      if (!starts) continue;
      // The quote ends at the next single apostrophe, or runs to the end of the message.
      std::size_t close = k + 1;
      for (;;) {
        close = text.find('\'', close);
        if (close == std::string_view::npos || close >= r.end) {
          close = r.end;
          break;
        }
        if (close + 1 < r.end && text[close + 1] == '\'') {
          close += 2;
          continue;
        }
        break;
      }
      for (std::size_t b = k + 1; b < close; ++b) {
        if (text[b] != '{') continue;
        std::size_t j = b + 1;
        while (j < close && is_space(text[j])) ++j;
        bool numbered = false;
        const std::size_t name_end = scan_name(text, j, numbered);
        if (name_end == j || name_end > close) continue;
        std::size_t e = name_end;
        while (e < close && is_space(text[e])) ++e;
        if (e >= close || (text[e] != '}' && text[e] != ',')) continue;
        quoted_argument q;
        q.quote = k;
        q.offset = b;
        q.name = std::string(text.substr(j, name_end - j));
        q.item = text[e] == '}' ? std::string(text.substr(b, e + 1 - b))
                                : std::string(text.substr(b, e + 1 - b)) + " ...}";
        out.push_back(std::move(q));
      }
      k = close;
    }
  }
  return out;
}

bool argument_uses(std::string_view text, message_syntax s, std::vector<argument_use>& out,
                   error& err) {
  out.clear();
  if (s == message_syntax::composite) {
    std::vector<item_use> uses;
    if (!composite_uses(text, &uses, err)) return false;
    for (const item_use& u : uses) out.push_back({std::string(u.name), u.offset});
  } else if (s == message_syntax::icu) {
    std::vector<icu_argument> args;
    if (!parse_icu(text, args, err)) return false;
    for (const icu_argument& a : args) out.push_back({a.name, a.brace});
  }
  return true;
}

std::vector<std::string> call_order(const std::vector<argument_use>& uses) {
  int largest = -1;
  std::vector<std::string> named;
  std::set<std::string> seen;
  for (const argument_use& u : uses) {
    const bool numbered = !u.name.empty() && u.name.size() <= 3 &&
                          std::all_of(u.name.begin(), u.name.end(), is_digit);
    if (numbered) {
      largest = std::max(largest, std::stoi(u.name));
    } else if (seen.insert(u.name).second) {
      named.push_back(u.name);
    }
  }
  std::vector<std::string> out;
  for (int i = 0; i <= largest; ++i) out.push_back(std::to_string(i));
  out.insert(out.end(), named.begin(), named.end());
  return out;
}

std::string mask_code(std::string_view text) {
  std::string out(text);
  bool in_fence = false;
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    const std::string_view line = text.substr(line_start, line_end - line_start);
    const std::size_t first = line.find_first_not_of(' ');
    const bool fence = first != std::string_view::npos &&
                       (line.compare(first, 3, "```") == 0 || line.compare(first, 3, "~~~") == 0);
    auto blank = [&](std::size_t from, std::size_t to) {
      for (std::size_t k = from; k < to; ++k) out[line_start + k] = ' ';
    };
    if (fence) {
      in_fence = !in_fence;
      blank(0, line.size());
    } else if (in_fence) {
      blank(0, line.size());
    } else {
      // A run of n backticks closes at the next run of exactly n.
      for (std::size_t i = 0; i < line.size();) {
        if (line[i] != '`') {
          ++i;
          continue;
        }
        std::size_t n = 0;
        while (i + n < line.size() && line[i + n] == '`') ++n;
        const std::string ticks(n, '`');
        std::size_t close = line.find(ticks, i + n);
        while (close != std::string_view::npos && close + n < line.size() && line[close + n] == '`')
          close = line.find(ticks, close + n + 1);
        if (close == std::string_view::npos) {
          i += n;
        } else {
          blank(i, close + n);
          i = close + n;
        }
      }
    }
    line_start = line_end + 1;
  }
  return out;
}

std::vector<std::string> plural_categories(std::string_view locale_tag, bool ordinal) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale loc = icu::Locale::forLanguageTag(
      icu::StringPiece(locale_tag.data(), static_cast<std::int32_t>(locale_tag.size())), status);
  if (U_FAILURE(status)) return {};
  std::unique_ptr<icu::PluralRules> rules(icu::PluralRules::forLocale(
      loc, ordinal ? UPLURAL_TYPE_ORDINAL : UPLURAL_TYPE_CARDINAL, status));
  if (U_FAILURE(status) || !rules) return {};
  std::unique_ptr<icu::StringEnumeration> keywords(rules->getKeywords(status));
  if (U_FAILURE(status) || !keywords) return {};
  std::set<std::string> found;
  while (const char* k = keywords->next(nullptr, status)) {
    if (U_FAILURE(status)) break;
    found.insert(k);
  }
  std::vector<std::string> out;
  for (const char* k : {"zero", "one", "two", "few", "many", "other"})
    if (found.count(k)) out.push_back(k);
  return out;
}

bool has_icu_typed_argument(std::string_view text) {
  if (text.find('{') == std::string_view::npos) return false;
  // Only backticks and tildes start code: without them mask_code would copy the text unchanged.
  std::string masked;
  const bool code =
      text.find('`') != std::string_view::npos || text.find('~') != std::string_view::npos;
  if (code) masked = mask_code(text);
  const std::string_view t = code ? std::string_view(masked) : text;
  for (std::size_t i = t.find('{'); i != std::string_view::npos; i = t.find('{', i + 1)) {
    std::size_t j = i + 1;
    while (j < t.size() && is_space(t[j])) ++j;
    bool numbered = false;
    const std::size_t name_end = scan_name(t, j, numbered);
    if (name_end == j) continue;
    j = name_end;
    while (j < t.size() && is_space(t[j])) ++j;
    if (j >= t.size() || t[j] != ',') continue;
    ++j;
    while (j < t.size() && is_space(t[j])) ++j;
    const std::size_t word = j;
    while (j < t.size() && t[j] >= 'a' && t[j] <= 'z') ++j;
    const std::string_view type = t.substr(word, j - word);
    while (j < t.size() && is_space(t[j])) ++j;
    if (icu_types().count(type) && j < t.size() && (t[j] == ',' || t[j] == '}')) return true;
  }
  return false;
}

}  // namespace syntax

message_syntax detect_syntax(std::string_view source_text) {
  if (syntax::has_icu_typed_argument(source_text)) return message_syntax::icu;
  syntax::error err;
  return syntax::composite_uses(source_text, nullptr, err) ? message_syntax::composite
                                                           : message_syntax::literal;
}

std::vector<std::string> argument_names(std::string_view text, message_syntax s) {
  std::vector<syntax::argument_use> uses;
  syntax::error err;
  if (!syntax::argument_uses(text, s, uses, err)) return {};
  return syntax::call_order(uses);
}

}  // namespace diaglot
