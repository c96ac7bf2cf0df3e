#include "check/markup.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace diaglot::check {

namespace {

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

bool is_fence(std::string_view line) {
  const std::size_t first = line.find_first_not_of(' ');
  return first != std::string_view::npos &&
         (line.compare(first, 3, "```") == 0 || line.compare(first, 3, "~~~") == 0);
}

bool is_ascii_punct(char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }

/// Inline code of one paragraph: spans may cross its line breaks, never a blank line.
void strip_inline_code(std::string_view p, prose_text& out) {
  for (std::size_t i = 0; i < p.size();) {
    if (p[i] == '\\' && i + 1 < p.size() && is_ascii_punct(p[i + 1])) {
      out.text.append(p.substr(i, 2));
      i += 2;
      continue;
    }
    if (p[i] != '`') {
      out.text += p[i++];
      continue;
    }
    std::size_t n = 0;
    while (i + n < p.size() && p[i + n] == '`') ++n;
    // The closing run has exactly n backticks: not part of a longer run.
    std::size_t close = i + n;
    for (;;) {
      close = p.find('`', close);
      if (close == std::string_view::npos) break;
      std::size_t m = 0;
      while (close + m < p.size() && p[close + m] == '`') ++m;
      if (m == n) break;
      close += m;
    }
    if (close == std::string_view::npos) {
      ++out.unclosed_backticks;
      out.text.append(n, '`');
      i += n;
    } else {
      ++out.code_spans;
      i = close + n;
    }
  }
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// The destination that starts at p[i] (after `(` or `]:` and spaces): `<...>` or a run without
/// spaces whose parentheses balance.
std::string destination_at(std::string_view p, std::size_t i) {
  while (i < p.size() && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n')) ++i;
  if (i < p.size() && p[i] == '<') {
    const std::size_t close = p.find('>', i + 1);
    if (close == std::string_view::npos) return {};
    return std::string(p.substr(i + 1, close - i - 1));
  }
  int depth = 0;
  const std::size_t begin = i;
  for (; i < p.size(); ++i) {
    const char c = p[i];
    if (c == ' ' || c == '\t' || c == '\n') break;
    if (c == '(') ++depth;
    if (c == ')' && depth-- == 0) break;
  }
  return std::string(p.substr(begin, i - begin));
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool may_hold_code(std::string_view text) {
  // Two memchr scans: string_view::find_first_of calls memchr once per byte of the text.
  return text.find('`') != std::string_view::npos || text.find('~') != std::string_view::npos;
}

}  // namespace

prose_text prose(std::string_view text) {
  prose_text out;
  // No backtick and no tilde: no fence, no code span, every byte is prose.
  if (!may_hold_code(text)) {
    out.text.assign(text.data(), text.size());
    return out;
  }
  bool in_fence = false;
  std::string paragraph;
  const auto flush = [&] {
    strip_inline_code(paragraph, out);
    paragraph.clear();
  };
  std::size_t line_start = 0;
  while (line_start <= text.size()) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    const std::string_view line = text.substr(line_start, line_end - line_start);
    const bool last = line_end == text.size();
    if (is_fence(line)) {
      flush();
      in_fence = !in_fence;
      if (!last) out.text += '\n';
    } else if (in_fence || is_blank(line)) {
      flush();
      if (!in_fence) out.text += line;
      if (!last) out.text += '\n';
    } else {
      paragraph += line;
      if (!last) paragraph += '\n';
    }
    line_start = line_end + 1;
  }
  flush();
  return out;
}

namespace {

/// Calls on_name(name) for each placeholder of prose text `p`: the name between `{` and the `}`,
/// `,` or `:` after it.
template <typename OnName>
void scan_placeholders(std::string_view p, const OnName& on_name) {
  for (std::size_t i = p.find('{'); i != std::string_view::npos; i = p.find('{', i + 1)) {
    if (i + 1 < p.size() && p[i + 1] == '{') {
      ++i;  // "{{" is a literal brace
      continue;
    }
    std::size_t j = i + 1;
    while (j < p.size() && is_name_char(p[j])) ++j;
    if (j == i + 1 || j >= p.size()) continue;
    // "{0}", "{name}", and .NET's "{0,-10}" / "{0:N2}" name the argument before ',' or ':'.
    if (p[j] == '}' || p[j] == ',' || p[j] == ':') {
      const std::size_t close = p.find('}', j);
      if (close == std::string_view::npos) continue;
      on_name(p.substr(i + 1, j - i - 1));
      i = close;
    }
  }
}

/// The text placeholders are looked for in: without code, when it may have any.
std::string_view placeholder_text(std::string_view text, std::string& scratch) {
  if (!may_hold_code(text)) return text;
  scratch = prose(text).text;
  return scratch;
}

}  // namespace

std::map<std::string, std::size_t> placeholder_counts(std::string_view text) {
  std::map<std::string, std::size_t> out;
  if (text.find('{') == std::string_view::npos) return out;
  std::string stripped;
  scan_placeholders(placeholder_text(text, stripped), [&](std::string_view name) {
    std::string key = "{";
    key.append(name);
    key += '}';
    ++out[std::move(key)];
  });
  return out;
}

void placeholder_names(std::string_view text, std::string& scratch,
                       std::vector<std::string_view>& out) {
  out.clear();
  if (text.find('{') == std::string_view::npos) return;
  scan_placeholders(placeholder_text(text, scratch),
                    [&](std::string_view name) { out.push_back(name); });
  if (out.size() < 2) return;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

namespace {

/// The bytes a link destination can follow: `]` of `](`, `<` of an autolink, `h` of `href=`.
constexpr std::array<bool, 256> starts_link = [] {
  std::array<bool, 256> t{};
  t[']'] = t['<'] = t['h'] = true;
  return t;
}();

}  // namespace

std::vector<std::string> link_targets(std::string_view text) {
  const std::string p = prose(text).text;
  std::vector<std::string> out;
  const auto add = [&](std::string d) {
    if (!d.empty() && !starts_with(d, "xref:")) out.push_back(std::move(d));
  };
  const char* const bytes = p.data();
  const std::size_t n = p.size();
  for (std::size_t i = 0; i < n; ++i) {
    // Only `](`, a line start, `<` and `href=` can start a destination: skip the rest fast.
    if (i > 0) {
      while (i < n && bytes[i - 1] != '\n' && !starts_link[static_cast<unsigned char>(bytes[i])])
        ++i;
      if (i == n) break;
    }
    const bool line_start = i == 0 || p[i - 1] == '\n';
    if (p[i] == ']' && i + 1 < p.size() && p[i + 1] == '(') {
      add(destination_at(p, i + 2));
    } else if (line_start) {
      // A reference definition: up to 3 spaces, `[label]:`, the destination.
      std::size_t j = i;
      while (j < p.size() && j - i < 3 && p[j] == ' ') ++j;
      if (j < p.size() && p[j] == '[') {
        const std::size_t close = p.find(']', j);
        const std::size_t eol = p.find('\n', j);
        if (close != std::string::npos && close < eol && close + 1 < p.size() &&
            p[close + 1] == ':')
          add(destination_at(p, close + 2));
      }
    }
    if (p[i] == '<' && i + 1 < p.size() && std::isalpha(static_cast<unsigned char>(p[i + 1]))) {
      // An autolink: <scheme:...> with no spaces.
      std::size_t j = i + 1;
      while (j < p.size() && (std::isalnum(static_cast<unsigned char>(p[j])) || p[j] == '+' ||
                              p[j] == '.' || p[j] == '-'))
        ++j;
      if (j < p.size() && p[j] == ':' && j - i - 1 >= 2) {
        const std::size_t close = p.find_first_of("> \t\n<", j);
        if (close != std::string::npos && p[close] == '>') add(p.substr(i + 1, close - i - 1));
      }
    }
    if (p[i] == 'h' && i + 5 < p.size() && p[i + 1] == 'r' && p.compare(i, 5, "href=") == 0 &&
        (p[i + 5] == '"' || p[i + 5] == '\'')) {
      const std::size_t close = p.find(p[i + 5], i + 6);
      if (close != std::string::npos) add(p.substr(i + 6, close - i - 6));
    }
  }
  return out;
}

std::vector<std::string> xref_targets(std::string_view text) {
  const std::string p = prose(text).text;
  std::vector<std::string> out;
  for (std::size_t at = p.find("xref:"); at != std::string::npos; at = p.find("xref:", at + 5)) {
    if (at == 0) continue;
    const char before = p[at - 1];
    if (before != '<' && before != '(' && before != '"' && before != '\'') continue;
    const std::size_t begin = at + 5;
    const std::size_t end = p.find_first_of(">)\"' \t\n", begin);
    out.push_back(p.substr(begin, (end == std::string::npos ? p.size() : end) - begin));
  }
  return out;
}

bool has_translatable_words(std::string_view text, std::size_t min_words) {
  const std::string p = prose(text).text;
  // Blank out what is not prose: placeholders, tags and autolinks, link destinations.
  std::string s;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    const char* closer = c == '{' ? "}" : c == '<' ? ">" : nullptr;
    if (c == ']' && i + 1 < p.size() && p[i + 1] == '(') closer = ")";
    if (closer) {
      const std::size_t close = p.find(closer, i + 1);
      if (close != std::string::npos) {
        s += ' ';
        i = close;
        continue;
      }
    }
    s += c;
  }
  std::size_t tokens = 0, words = 0, title_case = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t end = i;
    while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end]))) ++end;
    std::string_view token(s.data() + i, end - i);
    i = end;
    // Sentence punctuation around a word is not part of it; a leading `-` makes an option.
    while (!token.empty() &&
           std::string_view("([{\"'*_`").find(token.front()) != std::string_view::npos)
      token.remove_prefix(1);
    while (!token.empty() && is_ascii_punct(token.back())) token.remove_suffix(1);
    if (token.empty()) continue;
    bool identifier = token.front() == '-';
    std::size_t letters = 0, capitals = 0;
    for (std::size_t k = 0; k < token.size(); ++k) {
      const unsigned char u = static_cast<unsigned char>(token[k]);
      if (u >= 0x80 || std::isalpha(u)) {
        ++letters;
        if (std::isupper(u)) {
          ++capitals;
          if (k > 0) identifier = true;  // CamelCase, XPath, an acronym
        }
      } else if (u != '\'' && u != '-') {
        identifier = true;  // dots, underscores, digits, slashes: a name, a path, a number
      }
    }
    if (letters < 2 && !identifier) continue;  // "a", "(R)": neither prose nor code
    ++tokens;
    if (identifier) continue;
    ++words;
    title_case += capitals == 1;
  }
  // Prose: enough words, most of the text, and not a name written in title case ("Microsoft
  // Windows Communication Foundation", which is left as it is in every language).
  if (words < min_words || words * 2 <= tokens) return false;
  return words == 1 || title_case < words;
}

std::string_view leading_space(std::string_view text) {
  const std::size_t n = text.find_first_not_of(" \t\r\n");
  return text.substr(0, n == std::string_view::npos ? text.size() : n);
}

std::string_view trailing_space(std::string_view text) {
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return last == std::string_view::npos ? text : text.substr(last + 1);
}

}  // namespace diaglot::check
