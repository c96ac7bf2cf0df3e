#include "workflow/segmenter.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/putil.h>
#include <unicode/udata.h>
#include <unicode/ures.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <utility>

namespace diaglot::workflow {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

bool is_ascii_punct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// --- inline markdown
// ------------------------------------------------------------------------------

/// The end of a code span opened by the backtick run at `i`, or npos.
std::size_t code_span_end(std::string_view s, std::size_t i) {
  std::size_t n = 0;
  while (i + n < s.size() && s[i + n] == '`') ++n;
  for (std::size_t j = i + n; j < s.size();) {
    if (s[j] != '`') {
      ++j;
      continue;
    }
    std::size_t m = 0;
    while (j + m < s.size() && s[j + m] == '`') ++m;
    if (m == n) return j + m;
    j += m;
  }
  return std::string_view::npos;
}

/// The end of an HTML tag, comment, `<xref:...>` or autolink starting at `i` (a `<`), or npos.
std::size_t html_end(std::string_view s, std::size_t i) {
  if (s.compare(i, 4, "<!--") == 0) {
    const std::size_t close = s.find("-->", i + 4);
    return close == std::string_view::npos ? close : close + 3;
  }
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '/') ++j;
  if (j >= s.size() || !is_alpha(s[j])) return std::string_view::npos;
  while (j < s.size() && (is_alpha(s[j]) || is_digit(s[j]) || s[j] == '-')) ++j;
  // `<xref:...>` and autolinks `<https://...>`: a scheme, then anything up to `>` without spaces.
  if (j < s.size() && s[j] == ':') {
    while (j < s.size() && s[j] != '>' && s[j] != '<' && !is_space(s[j])) ++j;
    return j < s.size() && s[j] == '>' ? j + 1 : std::string_view::npos;
  }
  // A tag: its name, then attributes up to `>` (quoted values may hold `>`).
  if (j < s.size() && !is_space(s[j]) && s[j] != '>' && s[j] != '/') return std::string_view::npos;
  char quote = 0;
  for (; j < s.size(); ++j) {
    const char c = s[j];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return j + 1;
    } else if (c == '<') {
      return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

/// A link or image at `i`: `[text](target)`, `[text][ref]`, `![alt](src)`.
struct link_match {
  std::size_t text_begin = 0, text_end = 0, end = 0;
};

bool match_link(std::string_view s, std::size_t i, link_match& m) {
  std::size_t open = i;
  if (s[open] == '!') ++open;
  if (open >= s.size() || s[open] != '[') return false;
  int depth = 0;
  std::size_t j = open;
  for (; j < s.size(); ++j) {
    const char c = s[j];
    if (c == '\\' && j + 1 < s.size()) {
      ++j;
    } else if (c == '`') {
      const std::size_t e = code_span_end(s, j);
      if (e != std::string_view::npos) j = e - 1;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']' && --depth == 0) {
      break;
    }
  }
  if (j >= s.size() || j + 1 >= s.size()) return false;
  const std::size_t close = j;
  std::size_t k = close + 1;
  if (s[k] == '(') {
    int parens = 0;
    for (; k < s.size(); ++k) {
      const char c = s[k];
      if (c == '\\' && k + 1 < s.size()) {
        ++k;
      } else if (c == '(') {
        ++parens;
      } else if (c == ')' && --parens == 0) {
        break;
      }
    }
  } else if (s[k] == '[') {
    k = s.find(']', k + 1);
    if (k == std::string_view::npos) return false;
  } else {
    return false;
  }
  if (k >= s.size()) return false;
  m.text_begin = open + 1;
  m.text_end = close;
  m.end = k + 1;
  return true;
}

/// A run with its place in the text being cut.
struct token {
  std::size_t begin = 0, end = 0;
  run::kind_t kind = run::text;
};

/// Inline tokens of `s[begin, end)`, and ranges no sentence boundary may fall into (links).
void tokenize(std::string_view s, std::size_t begin, std::size_t end, std::vector<token>& out,
              std::vector<std::pair<std::size_t, std::size_t>>& atomic) {
  const auto add = [&](std::size_t b, std::size_t e, run::kind_t k) {
    if (b == e) return;
    if (k == run::text && !out.empty() && out.back().kind == k && out.back().end == b) {
      out.back().end = e;
      return;
    }
    out.push_back({b, e, k});
  };
  std::size_t text_from = begin;
  const auto code = [&](std::size_t b, std::size_t e) {
    add(text_from, b, run::text);
    add(b, e, run::code);
    text_from = e;
  };
  const std::string_view bounded = s.substr(0, end);
  std::size_t i = begin;
  while (i < end) {
    const char c = s[i];
    std::size_t e = std::string_view::npos;
    link_match link;
    if (c == '\\' && i + 1 < end && is_ascii_punct(s[i + 1])) {
      // An escaped character is text: `\<operation>` is not a tag, `\*` not emphasis. Qt's
      // XLIFF reader would take a backslash in a <ph> as an escape, so escapes stay text.
      i += 2;
      continue;
    }
    if (c == '`') {
      e = code_span_end(bounded, i);
      if (e == std::string_view::npos) {
        // An unmatched backtick run is text.
        while (i < end && s[i] == '`') ++i;
        continue;
      }
    } else if (c == '<') {
      e = html_end(bounded, i);
    } else if (c == '*' && i + 1 < end && s[i + 1] == '*') {
      e = i + 2;
    } else if ((c == '[' || (c == '!' && i + 1 < end && s[i + 1] == '[')) &&
               match_link(bounded, i, link)) {
      code(i, link.text_begin);
      tokenize(s, link.text_begin, link.text_end, out, atomic);
      text_from = link.text_end;
      code(link.text_end, link.end);
      atomic.emplace_back(i, link.end);
      i = link.end;
      continue;
    }
    if (e == std::string_view::npos) {
      ++i;
      continue;
    }
    code(i, e);
    i = e;
  }
  add(text_from, end, run::text);
}

// --- the pieces of a field -----------------------------------------------------------------------

class builder {
 public:
  explicit builder(std::string_view text) : text_(text) {}

  /// Appends skeleton (markup or space) between segments.
  void skeleton(std::size_t begin, std::size_t end, run::kind_t kind) {
    if (begin == end) return;
    if (out_.empty() || out_.back().segment) out_.push_back({false, {}});
    append(out_.back().runs, text_.substr(begin, end - begin), kind);
  }

  /// Appends a segment made of tokens clipped to [begin, end).
  void segment(const std::vector<token>& tokens, std::size_t begin, std::size_t end) {
    piece p{true, {}};
    for (const token& t : tokens) {
      const std::size_t b = std::max(t.begin, begin), e = std::min(t.end, end);
      if (b < e) append(p.runs, text_.substr(b, e - b), t.kind);
    }
    out_.push_back(std::move(p));
  }

  /// Appends tokens clipped to [begin, end) as skeleton.
  void skeleton_tokens(const std::vector<token>& tokens, std::size_t begin, std::size_t end) {
    for (const token& t : tokens) {
      const std::size_t b = std::max(t.begin, begin), e = std::min(t.end, end);
      if (b < e) skeleton(b, e, t.kind);
    }
  }

  std::vector<piece> take() { return std::move(out_); }

 private:
  static void append(std::vector<run>& runs, std::string_view s, run::kind_t kind) {
    if (kind == run::code) {
      // Qt's XLIFF reader takes a backslash as an escape inside a <ph> ("\n" is a line break),
      // and also when the text just before the <ph> ends with one. So a backslash in protected
      // markdown is text, together with the character after it, and a code after a text that
      // ends with a backslash gives its first character to that text.
      if (!s.empty() && !runs.empty() && runs.back().kind == run::text &&
          !runs.back().value.empty() && runs.back().value.back() == '\\') {
        const std::size_t n = std::min(utf8_length(s[0]), s.size());
        runs.back().value += s.substr(0, n);
        s.remove_prefix(n);
      }
      const std::size_t backslash = s.find('\\');
      if (backslash != std::string_view::npos) {
        std::size_t end = backslash;
        while (end < s.size() && s[end] == '\\') ++end;
        if (end < s.size()) end = std::min(end + utf8_length(s[end]), s.size());
        append(runs, s.substr(0, backslash), run::code);
        append(runs, s.substr(backslash, end - backslash), run::text);
        append(runs, s.substr(end), run::code);
        return;
      }
    }
    if (s.empty()) return;
    // Text joins text; codes stay apart, so a code is the same run whatever lies around it.
    if (kind == run::text && !runs.empty() && runs.back().kind == run::text) {
      runs.back().value += s;
      return;
    }
    runs.push_back({kind, std::string(s)});
  }

  /// The length of the UTF-8 sequence a byte starts.
  static std::size_t utf8_length(char c) {
    const unsigned char b = static_cast<unsigned char>(c);
    return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  }

  std::string_view text_;
  std::vector<piece> out_;
};

/// ICU's sentence rules for English. CLDR's abbreviations ("e.g.", "Mr.", "Id.") suppress a
/// boundary only when they are a whole word: ICU's own filter (`en@ss=standard`) also matches
/// word endings, so "MSMQ." or "gAId." would never end a sentence. A boundary also needs a space
/// before it, so ".NET" or "serviceHost.open" stay whole, as they do in the sxs pages.
class sentence_breaker {
 public:
  sentence_breaker() {
    UErrorCode status = U_ZERO_ERROR;
    iterator_.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("en"), status));
    if (U_FAILURE(status)) iterator_.reset();
    status = U_ZERO_ERROR;
    UResourceBundle* bundle =
        ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "en", &status);
    UResourceBundle* exceptions = ures_getByKey(bundle, "exceptions", nullptr, &status);
    UResourceBundle* list = ures_getByKey(exceptions, "SentenceBreak", nullptr, &status);
    while (U_SUCCESS(status) && ures_hasNext(list)) {
      int32_t length = 0;
      const UChar* word = ures_getNextString(list, &length, nullptr, &status);
      if (U_FAILURE(status)) break;
      std::string utf8;
      icu::UnicodeString(word, length).toUTF8String(utf8);
      abbreviations_.push_back(std::move(utf8));
    }
    ures_close(list);
    ures_close(exceptions);
    ures_close(bundle);
  }

  /// Sentence boundaries strictly inside s[begin, end), as offsets into s.
  std::vector<std::size_t> boundaries(std::string_view s, std::size_t begin, std::size_t end) {
    std::vector<std::size_t> out;
    if (!iterator_ || end <= begin) return out;
    UErrorCode status = U_ZERO_ERROR;
    UText* text =
        utext_openUTF8(nullptr, s.data() + begin, static_cast<int64_t>(end - begin), &status);
    if (U_FAILURE(status)) return out;
    iterator_->setText(text, status);
    if (U_SUCCESS(status)) {
      for (int32_t b = iterator_->next(); b != icu::BreakIterator::DONE; b = iterator_->next()) {
        const std::size_t at = begin + static_cast<std::size_t>(b);
        if (at < end && keeps(s, begin, at)) out.push_back(at);
      }
    }
    // The iterator keeps a pointer to the text; give it an empty one before closing ours.
    iterator_->setText(icu::UnicodeString());
    utext_close(text);
    return out;
  }

 private:
  bool keeps(std::string_view s, std::size_t begin, std::size_t at) const {
    const unsigned char before = static_cast<unsigned char>(s[at - 1]);
    if (before < 0x80 && !is_space(static_cast<char>(before))) return false;
    std::size_t e = at;
    while (e > begin && is_space(s[e - 1])) --e;
    for (const std::string& a : abbreviations_) {
      if (e - begin < a.size() || s.compare(e - a.size(), a.size(), a) != 0) continue;
      const std::size_t start = e - a.size();
      const unsigned char prev = start > begin ? static_cast<unsigned char>(s[start - 1]) : ' ';
      if (prev < 0x80 && !is_alpha(static_cast<char>(prev)) && !is_digit(static_cast<char>(prev)))
        return false;
    }
    return true;
  }

  std::unique_ptr<icu::BreakIterator> iterator_;
  std::vector<std::string> abbreviations_;
};

sentence_breaker& breaker() {
  thread_local sentence_breaker b;
  return b;
}

class field_cutter {
 public:
  explicit field_cutter(std::string_view text) : s_(text), out_(text) {}

  std::vector<piece> run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      std::size_t eol = s_.find('\n', i);
      if (eol == std::string_view::npos) eol = s_.size();
      char fence_char = 0;
      const std::size_t fence = fence_open(i, eol, fence_char);
      if (fence) {
        // A fenced block is code as a whole, up to its closing fence line (or the end).
        std::size_t j = eol;
        while (j < s_.size()) {
          const std::size_t b = j + 1;
          std::size_t e = s_.find('\n', b);
          if (e == std::string_view::npos) e = s_.size();
          j = e;
          if (fence_closes(b, e, fence_char, fence)) break;
        }
        std::size_t content_end = j;
        while (content_end > i && is_space(s_[content_end - 1])) --content_end;
        out_.skeleton(i, content_end, run::code);
        out_.skeleton(content_end, j, run::text);
        eol = j;
      } else {
        line(i, eol);
      }
      if (eol < s_.size()) out_.skeleton(eol, eol + 1, run::text);
      i = eol + 1;
    }
    return out_.take();
  }

 private:
  std::size_t skip_spaces(std::size_t i, std::size_t end) const {
    while (i < end && is_space(s_[i])) ++i;
    return i;
  }

  std::size_t fence_open(std::size_t b, std::size_t e, char& fence_char) const {
    std::size_t i = skip_spaces(b, e);
    if (i >= e || (s_[i] != '`' && s_[i] != '~')) return 0;
    const char c = s_[i];
    std::size_t n = 0;
    while (i + n < e && s_[i + n] == c) ++n;
    if (n < 3) return 0;
    if (c == '`' && s_.substr(i + n, e - i - n).find('`') != std::string_view::npos) return 0;
    fence_char = c;
    return n;
  }

  bool fence_closes(std::size_t b, std::size_t e, char c, std::size_t length) const {
    std::size_t i = skip_spaces(b, e);
    std::size_t n = 0;
    while (i + n < e && s_[i + n] == c) ++n;
    return n >= length && skip_spaces(i + n, e) == e;
  }

  /// The end of the line's content without its trailing spaces.
  std::size_t content_end(std::size_t b, std::size_t e) const {
    while (e > b && is_space(s_[e - 1])) --e;
    return e;
  }

  /// A list marker (`-`, `*`, `+`, `1.`, `1)`) and its spaces at `i`, or `i`.
  std::size_t list_marker(std::size_t i, std::size_t e) const {
    std::size_t j = i;
    if (j < e && (s_[j] == '-' || s_[j] == '*' || s_[j] == '+')) {
      ++j;
    } else {
      while (j < e && j - i < 9 && is_digit(s_[j])) ++j;
      if (j == i || j >= e || (s_[j] != '.' && s_[j] != ')')) return i;
      ++j;
    }
    if (j < e && !is_space(s_[j])) return i;
    return skip_spaces(j, e);
  }

  void line(std::size_t b, std::size_t e) {
    std::size_t i = skip_spaces(b, e);
    out_.skeleton(b, i, run::text);
    // Blockquote markers.
    while (i < e && s_[i] == '>') {
      std::size_t j = i + 1;
      if (j < e && s_[j] == ' ') ++j;
      out_.skeleton(i, j, run::code);
      i = skip_spaces(j, e);
      out_.skeleton(j, i, run::text);
    }
    const std::size_t end = content_end(i, e);
    // An alert (`[!NOTE]`) is markup.
    if (end - i > 3 && s_.compare(i, 2, "[!") == 0 && s_[end - 1] == ']' &&
        std::all_of(s_.begin() + static_cast<std::ptrdiff_t>(i + 2),
                    s_.begin() + static_cast<std::ptrdiff_t>(end - 1),
                    [](char c) { return is_alpha(c); })) {
      out_.skeleton(i, end, run::code);
      out_.skeleton(end, e, run::text);
      return;
    }
    // ATX heading marks.
    if (i < end && s_[i] == '#') {
      std::size_t j = i;
      while (j < end && s_[j] == '#') ++j;
      if (j - i <= 6 && (j == end || is_space(s_[j]))) {
        const std::size_t k = skip_spaces(j, end);
        out_.skeleton(i, k, run::code);
        i = k;
      }
    }
    if (i < end && s_[i] == '|') {
      table_row(i, end);
    } else {
      const std::size_t k = list_marker(i, end);
      out_.skeleton(i, k, run::code);
      block_content(k, end);
    }
    out_.skeleton(end, e, run::text);
  }

  void table_row(std::size_t b, std::size_t e) {
    if (std::all_of(s_.begin() + static_cast<std::ptrdiff_t>(b),
                    s_.begin() + static_cast<std::ptrdiff_t>(e),
                    [](char c) { return c == '|' || c == '-' || c == ':' || is_space(c); })) {
      out_.skeleton(b, e, run::code);
      return;
    }
    std::size_t cell = b;
    for (std::size_t i = b; i <= e; ++i) {
      if (i < e && s_[i] == '\\') {
        ++i;
        continue;
      }
      if (i < e && s_[i] == '`') {
        const std::size_t end = code_span_end(s_.substr(0, e), i);
        if (end != std::string_view::npos) i = end - 1;
        continue;
      }
      if (i < e && s_[i] != '|') continue;
      if (i > cell) table_cell(cell, i);
      if (i < e) out_.skeleton(i, i + 1, run::code);
      cell = i + 1;
    }
  }

  /// A table cell: parts separated by `<br />` tags, each a small block of its own.
  void table_cell(std::size_t b, std::size_t e) {
    std::size_t part = b;
    std::size_t i = b;
    while (i < e) {
      const std::size_t br = s_.substr(0, e).find("<br", i);
      if (br == std::string_view::npos) break;
      const std::size_t end = html_end(s_.substr(0, e), br);
      if (end == std::string_view::npos) {
        i = br + 3;
        continue;
      }
      cell_part(part, br);
      out_.skeleton(br, end, run::code);
      part = i = end;
    }
    cell_part(part, e);
  }

  void cell_part(std::size_t b, std::size_t e) {
    std::size_t i = skip_spaces(b, e);
    out_.skeleton(b, i, run::text);
    const std::size_t end = content_end(i, e);
    // A list marker in a table cell is text (tables hold no lists), and the sxs pages keep it
    // in the cell's sentence.
    const std::size_t marker = list_marker(i, end);
    if (marker > i)
      sentences(i, end, marker, run::text);
    else
      block_content(i, end);
    out_.skeleton(end, e, run::text);
  }

  /// The content of a line or cell: its link text when it is nothing but a link, else its
  /// sentences.
  void block_content(std::size_t b, std::size_t e) {
    if (b == e) return;
    link_match link;
    if (s_[b] == '[' && match_link(s_.substr(0, e), b, link) && link.end == e) {
      out_.skeleton(b, link.text_begin, run::code);
      sentences(link.text_begin, link.text_end);
      out_.skeleton(link.text_end, e, run::code);
      return;
    }
    sentences(b, e);
  }

  /// Sentences of s[b, e); s[b, lead_end) (a list marker, of kind `lead_kind`) starts the first
  /// one and ends none.
  void sentences(std::size_t b, std::size_t e, std::size_t lead_end = 0,
                 run::kind_t lead_kind = run::code) {
    std::vector<token> tokens;
    std::vector<std::pair<std::size_t, std::size_t>> atomic;
    if (lead_end > b) tokens.push_back({b, lead_end, lead_kind});
    tokenize(s_, std::max(b, lead_end), e, tokens, atomic);
    for (const token& t : tokens)
      if (t.kind == run::code) atomic.emplace_back(t.begin, t.end);
    std::vector<std::size_t> cuts;
    for (const std::size_t c : breaker().boundaries(s_, b, e)) {
      if (c <= lead_end) continue;  // "1." of a list marker ends no sentence
      const bool inside = std::any_of(atomic.begin(), atomic.end(),
                                      [&](const auto& r) { return c > r.first && c < r.second; });
      if (!inside) cuts.push_back(c);
    }
    cuts.push_back(e);
    std::size_t from = b;
    for (const std::size_t to : cuts) {
      std::size_t first = skip_spaces(from, to);
      std::size_t last = content_end(first, to);
      out_.skeleton(from, first, run::text);
      // HTML tags at either end of a sentence (a heading's `<a name>` anchor) are not part of it.
      for (const token& t : tokens) {
        if (t.kind == run::code && t.begin == first && t.end <= last && is_tag(t)) {
          out_.skeleton(t.begin, t.end, run::code);
          first = skip_spaces(t.end, last);
          out_.skeleton(t.end, first, run::text);
        }
      }
      std::size_t tail = last;
      for (auto t = tokens.rbegin(); t != tokens.rend(); ++t) {
        if (t->kind == run::code && t->end == tail && t->begin >= first && is_tag(*t))
          tail = content_end(first, t->begin);
      }
      if (has_words(tokens, first, tail))
        out_.segment(tokens, first, tail);
      else
        out_.skeleton_tokens(tokens, first, tail);
      out_.skeleton_tokens(tokens, tail, last);
      out_.skeleton(last, to, run::text);
      from = to;
    }
  }

  /// Whether a code token is an HTML tag or comment (not `<xref:...>` or an autolink).
  bool is_tag(const token& t) const {
    if (s_[t.begin] != '<') return false;
    const std::string_view tag = s_.substr(t.begin, t.end - t.begin);
    const std::size_t colon = tag.find(':'), space = tag.find_first_of(" \t/>");
    return colon == std::string_view::npos || colon > space;
  }

  /// Whether text runs in [b, e) hold anything but spaces.
  bool has_words(const std::vector<token>& tokens, std::size_t b, std::size_t e) const {
    for (const token& t : tokens) {
      if (t.kind != run::text) continue;
      for (std::size_t i = std::max(t.begin, b); i < std::min(t.end, e); ++i)
        if (!is_space(s_[i])) return true;
    }
    return false;
  }

  std::string_view s_;
  builder out_;
};

}  // namespace

std::vector<piece> segment_field(std::string_view text) { return field_cutter(text).run(); }

std::vector<run> protect_field(std::string_view text) {
  // Runs keep the granularity of the pieces, so a target's codes line up with the source's.
  std::vector<run> out;
  for (piece& p : segment_field(text))
    for (run& r : p.runs) out.push_back(std::move(r));
  return out;
}

std::vector<run> protect_inline(std::string_view text) {
  std::vector<token> tokens;
  std::vector<std::pair<std::size_t, std::size_t>> atomic;
  tokenize(text, 0, text.size(), tokens, atomic);
  builder out(text);
  out.skeleton_tokens(tokens, 0, text.size());
  std::vector<run> runs;
  for (piece& p : out.take())
    for (run& r : p.runs) runs.push_back(std::move(r));
  return runs;
}

std::string join(const std::vector<run>& runs) {
  std::string out;
  for (const run& r : runs) out += r.value;
  return out;
}

std::string join(const std::vector<piece>& pieces) {
  std::string out;
  for (const piece& p : pieces) out += join(p.runs);
  return out;
}

}  // namespace diaglot::workflow
