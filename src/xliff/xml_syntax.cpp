#include "xliff/xml_syntax.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace diaglot::xliff::syntax {

namespace {

bool is_name_char(char32_t c) {
  // XML 1.0 (fifth edition) NameChar.
  return c == ':' || c == '_' || c == '-' || c == '.' || (c >= 'A' && c <= 'Z') ||
         (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == 0xB7 ||
         (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x37D) ||
         (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) ||
         (c >= 0x203F && c <= 0x2040) || (c >= 0x2070 && c <= 0x218F) ||
         (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) ||
         (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0xEFFFF);
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool all_of(std::string_view s, int (*pred)(int)) {
  return std::all_of(s.begin(), s.end(),
                     [&](char c) { return pred(static_cast<unsigned char>(c)); });
}
bool alpha(std::string_view s) { return !s.empty() && all_of(s, std::isalpha); }
bool digits(std::string_view s) { return !s.empty() && all_of(s, std::isdigit); }
bool alnum(std::string_view s) { return !s.empty() && all_of(s, std::isalnum); }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The module prefixes XLIFF 2.1 registers for fragment identifiers (section 5, "Module Fragment
/// Identification Prefix" of each module).
bool is_registered_prefix(std::string_view p) {
  static constexpr std::array<std::string_view, 9> known = {"mtc", "gls", "fs",  "mda", "res",
                                                            "ctr", "slr", "val", "its"};
  return std::find(known.begin(), known.end(), p) != known.end();
}

std::string describe_reference(std::string_view s, std::size_t at) {
  std::size_t end = at + 1;
  if (end < s.size() && s[end] == '#') {
    ++end;
    const bool hex = end < s.size() && s[end] == 'x';
    if (hex) ++end;
    const std::size_t first = end;
    std::uint32_t value = 0;
    bool overflow = false;
    while (end < s.size() && (hex ? std::isxdigit(static_cast<unsigned char>(s[end]))
                                  : std::isdigit(static_cast<unsigned char>(s[end])))) {
      const char c = s[end];
      const std::uint32_t digit = c <= '9' ? static_cast<std::uint32_t>(c - '0')
                                           : static_cast<std::uint32_t>((c | 0x20) - 'a' + 10);
      overflow = overflow || value > 0x10FFFF;
      if (!overflow) value = value * (hex ? 16 : 10) + digit;
      ++end;
    }
    if (end == first || end >= s.size() || s[end] != ';')
      return "`&` must start a reference; write `&amp;` for a literal ampersand";
    if (overflow || !is_xml_char(value))
      return "`" + std::string(s.substr(at, end + 1 - at)) +
             "` refers to a character XML does not allow; in XLIFF 2 content write it as "
             "`<cp hex=\"...\"/>`";
    return {};
  }
  while (end < s.size() &&
         (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '_' || s[end] == '-' ||
          s[end] == '.' || s[end] == ':' || static_cast<unsigned char>(s[end]) >= 0x80))
    ++end;
  if (end == at + 1 || end >= s.size() || s[end] != ';')
    return "`&` must start a reference; write `&amp;` for a literal ampersand";
  const std::string_view name = s.substr(at + 1, end - at - 1);
  if (name == "lt" || name == "gt" || name == "amp" || name == "quot" || name == "apos") return {};
  return "undefined entity `&" + std::string(name) + ";`";
}

}  // namespace

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (length == 1 || i + length > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t value = c & (0xFF >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return value;
}

bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

bool is_nmtoken(std::string_view s) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size();)
    if (!is_name_char(next_code_point(s, i))) return false;
  return true;
}

std::vector<std::string_view> split_tokens(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_xml_space(s[i])) ++i;
    const std::size_t start = i;
    while (i < s.size() && !is_xml_space(s[i])) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

bool is_nmtokens(std::string_view s) {
  const std::vector<std::string_view> tokens = split_tokens(s);
  return !tokens.empty() && std::all_of(tokens.begin(), tokens.end(), is_nmtoken);
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_bcp47(std::string_view tag) {
  static constexpr std::array<std::string_view, 17> irregular = {
      "en-gb-oed", "i-ami", "i-bnn",     "i-default", "i-enochian", "i-hak",
      "i-klingon", "i-lux", "i-mingo",   "i-navajo",  "i-pwn",      "i-tao",
      "i-tay",     "i-tsu", "sgn-be-fr", "sgn-be-nl", "sgn-ch-de"};
  const std::string low = lower(tag);
  if (std::find(irregular.begin(), irregular.end(), low) != irregular.end()) return true;

  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t dash = tag.find('-', start);
    parts.push_back(tag.substr(start, dash == std::string_view::npos ? dash : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  for (const std::string_view p : parts)
    if (!alnum(p) || p.size() > 8) return false;

  std::size_t i = 0;
  const auto at = [&](std::size_t k) { return k < parts.size() ? parts[k] : std::string_view(); };
  const auto private_use = [&]() {
    if (!iequals(at(i), "x")) return false;
    if (i + 1 >= parts.size()) return false;
    i = parts.size();  // every following subtag is 1-8 alphanumerics, checked above
    return true;
  };
  if (private_use()) return true;

  // language: 2-3 letters with up to three extlang subtags, or 4 or 5-8 letters
  const std::string_view language = at(i);
  if (!alpha(language) || language.size() < 2) return false;
  ++i;
  if (language.size() <= 3)
    for (int n = 0; n < 3 && alpha(at(i)) && at(i).size() == 3; ++n) ++i;
  if (alpha(at(i)) && at(i).size() == 4) ++i;                                            // script
  if ((alpha(at(i)) && at(i).size() == 2) || (digits(at(i)) && at(i).size() == 3)) ++i;  // region
  while (i < parts.size()) {                                                             // variants
    const std::string_view v = at(i);
    const bool variant =
        (v.size() >= 5) || (v.size() == 4 && std::isdigit(static_cast<unsigned char>(v[0])));
    if (!variant) break;
    ++i;
  }
  while (i < parts.size() && at(i).size() == 1 && !iequals(at(i), "x")) {  // extensions
    ++i;
    const std::size_t first = i;
    while (i < parts.size() && at(i).size() >= 2) ++i;
    if (i == first) return false;
  }
  if (i < parts.size() && !private_use()) return false;
  return i == parts.size();
}

fragment_error parse_fragment(std::string_view ref, fragment& out, std::string_view& bad_prefix,
                              const std::vector<std::string>& extension_prefixes) {
  out = fragment{};
  if (ref.empty() || ref[0] != '#') return fragment_error::syntax;
  std::string_view rest = ref.substr(1);
  if (!rest.empty() && rest[0] == '/') {
    out.absolute = true;
    rest.remove_prefix(1);
  }
  if (rest.empty()) return fragment_error::syntax;
  for (std::size_t start = 0;;) {
    const std::size_t slash = rest.find('/', start);
    const std::string_view part =
        rest.substr(start, slash == std::string_view::npos ? slash : slash - start);
    const std::size_t eq = part.find('=');
    fragment::selector sel;
    if (eq == std::string_view::npos) {
      sel.id = part;
    } else {
      sel.prefix = part.substr(0, eq);
      sel.id = part.substr(eq + 1);
      if (sel.prefix.empty()) return fragment_error::syntax;
    }
    if (!is_nmtoken(sel.id)) return fragment_error::syntax;
    out.selectors.push_back(sel);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }

  // Selector rules: no prefix twice; f, g, u first and in that order; at most one other selector,
  // and it comes last.
  const auto rank = [](std::string_view p) {
    return p == "f" ? 0 : p == "g" ? 1 : p == "u" ? 2 : 3;
  };
  int last_rank = -1;
  std::size_t leaves = 0;
  for (std::size_t k = 0; k < out.selectors.size(); ++k) {
    const std::string_view p = out.selectors[k].prefix;
    for (std::size_t j = 0; j < k; ++j)
      if (!p.empty() && out.selectors[j].prefix == p) {
        bad_prefix = p;
        return fragment_error::selectors;
      }
    const int r = rank(p);
    if (r < 3) {
      if (r <= last_rank) return fragment_error::selectors;
      last_rank = r;
    } else {
      ++leaves;
      if (leaves > 1 || k + 1 != out.selectors.size()) return fragment_error::selectors;
      last_rank = 3;
    }
  }
  for (const fragment::selector& s : out.selectors) {
    const std::string_view p = s.prefix;
    const bool core =
        p.empty() || p == "f" || p == "g" || p == "u" || p == "n" || p == "d" || p == "t";
    const bool registered = is_registered_prefix(p) ||
                            std::find(extension_prefixes.begin(), extension_prefixes.end(), p) !=
                                extension_prefixes.end();
    if (!core && (!is_nmtoken(p) || p.size() < 2 || !registered)) {
      bad_prefix = p;
      return fragment_error::prefix;
    }
  }
  return fragment_error::none;
}

std::vector<std::pair<std::size_t, std::string>> xml_lexical_errors(std::string_view s) {
  std::vector<std::pair<std::size_t, std::string>> out;
  // Regions where references are not expanded: comments, CDATA, processing instructions and the
  // document type declaration.
  const auto skip_past = [&](std::size_t from, std::string_view end) {
    const std::size_t at = s.find(end, from);
    return at == std::string_view::npos ? s.size() : at + end.size();
  };
  std::size_t i = 0;
  bool raw = false;  // inside a region without references
  std::size_t raw_end = 0;
  while (i < s.size()) {
    const std::size_t here = i;
    const char32_t c = next_code_point(s, i);
    if (!is_xml_char(c)) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(c));
      std::string what = "character U+" + std::string(hex) + " is not allowed in XML";
      if (c < 0x20)
        what += "; in XLIFF 2 content write it as `<cp hex=\"" + std::string(hex) + "\"/>`";
      out.emplace_back(here, std::move(what));
      continue;
    }
    if (raw) {
      if (i >= raw_end) raw = false;
      continue;
    }
    if (c == '&') {
      std::string what = describe_reference(s, here);
      if (!what.empty()) out.emplace_back(here, std::move(what));
    } else if (c == '<') {
      std::size_t end = 0;
      if (s.compare(here, 4, "<!--") == 0) {
        end = skip_past(here + 4, "-->");
      } else if (s.compare(here, 9, "<![CDATA[") == 0) {
        end = skip_past(here + 9, "]]>");
      } else if (s.compare(here, 2, "<?") == 0) {
        end = skip_past(here + 2, "?>");
      } else if (s.compare(here, 9, "<!DOCTYPE") == 0) {
        int depth = 0;
        end = here + 1;
        for (; end < s.size() && (s[end] != '>' || depth > 0); ++end) {
          if (s[end] == '[') ++depth;
          if (s[end] == ']') --depth;
        }
        end = std::min(end + 1, s.size());
      }
      if (end > i) {
        raw = true;
        raw_end = end;
      }
    }
  }
  return out;
}

std::optional<std::size_t> element_end(std::string_view document, std::size_t open) {
  constexpr auto npos = std::string_view::npos;
  if (open >= document.size() || document[open] != '<') return std::nullopt;
  const std::size_t name_end = document.find_first_of(" \t\r\n/>", open + 1);
  if (name_end == npos || name_end == open + 1) return std::nullopt;
  // The start tag's `>`, past attribute values (which may hold `>`).
  std::size_t gt = name_end;
  for (; gt < document.size() && document[gt] != '>'; ++gt)
    if (document[gt] == '"' || document[gt] == '\'') {
      gt = document.find(document[gt], gt + 1);
      if (gt == npos) return std::nullopt;
    }
  if (gt >= document.size()) return std::nullopt;
  if (document[gt - 1] != '/') {  // not an empty-element tag: find its end tag
    const std::string end_tag = "</" + std::string(document.substr(open + 1, name_end - open - 1));
    std::size_t close = document.find(end_tag, gt);
    // "</unit" also begins "</units": the name must end there.
    while (close != npos &&
           document.find_first_of(" \t\r\n>", close + end_tag.size()) != close + end_tag.size())
      close = document.find(end_tag, close + 1);
    gt = close == npos ? npos : document.find('>', close);
    if (gt == npos) return std::nullopt;
  }
  const std::string_view element = document.substr(open, gt + 1 - open);
  for (const std::string_view risky : {"<!--", "<![CDATA[", "<?"})
    if (element.find(risky) != npos) return std::nullopt;
  return gt + 1;
}

std::string parse_error_text(const char* description, std::size_t offset,
                             std::string_view document) {
  std::string what = description;
  if (!what.empty()) what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
  // No tag ends after the error: the parser ran into the end of the file, inside a tag or with
  // elements open. (What follows the error is as read: an in-place parse stopped there.)
  if (!document.empty() &&
      document.find('>', std::min(offset, document.size())) == std::string_view::npos)
    what += "; the file ends before its elements are closed: is it complete?";
  return what;
}

std::string with_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (const char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

}  // namespace diaglot::xliff::syntax
