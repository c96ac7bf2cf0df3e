#include "check/arguments.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "check/checks.hpp"
#include "check/parallel.hpp"
#include "format/syntax.hpp"

namespace diaglot::check {

namespace {

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// The token at `offset`: a brace with the name after it (`{0`, `{count`, `}`), or a word.
std::string_view token_at(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return {};
  const char c = text[offset];
  if (c != '{' && c != '}' && !is_token_char(c)) return text.substr(offset, 1);
  std::size_t end = offset + 1;
  if (c != '}')
    while (end < text.size() && is_token_char(text[end])) ++end;
  return text.substr(offset, end - offset);
}

template <typename Names>
std::string list(const Names& names, bool braces) {
  std::string out;
  for (const std::string& n : names)
    out += (out.empty() ? "`" : ", `") + (braces ? "{" + n + "}" : n) + "`";
  return out;
}

std::string describe(const std::set<std::string>& source, const std::set<std::string>& target) {
  std::set<std::string> missing, extra;
  std::set_difference(source.begin(), source.end(), target.begin(), target.end(),
                      std::inserter(missing, missing.end()));
  std::set_difference(target.begin(), target.end(), source.begin(), source.end(),
                      std::inserter(extra, extra.end()));
  std::string out;
  if (!missing.empty()) out += "missing " + list(missing, true);
  if (!extra.empty())
    out += std::string(out.empty() ? "" : "; ") + "not in the source " + list(extra, true);
  return out;
}

std::set<std::string> names_of(const std::vector<syntax::argument_use>& uses) {
  std::set<std::string> out;
  for (const syntax::argument_use& u : uses) out.insert(u.name);
  return out;
}

// Two memchr scans: string_view::find_first_of calls memchr once per byte of the text.
bool has_brace(std::string_view text) {
  return text.find('{') != std::string_view::npos || text.find('}') != std::string_view::npos;
}

bool has_numbered(const std::set<std::string>& placeholders) {
  return std::any_of(placeholders.begin(), placeholders.end(), [](const std::string& p) {
    return p.size() > 2 && p[1] >= '0' && p[1] <= '9';
  });
}

class checker {
 public:
  checker(const model::catalog& cat, diagnostic_sink& sink, const source_manager* sources)
      : cat_(cat), sink_(sink), sources_(sources) {}

  /// Checks messages [begin, end).
  std::vector<unusable_text> run(std::size_t begin, std::size_t end) {
    for (message_ = begin; message_ < end; ++message_)
      for (const model::field& f : cat_.messages[message_].fields)
        check_field(cat_.messages[message_], f);
    return std::move(unusable_);
  }

 private:
  void check_field(const model::message& m, const model::field& f) {
    const auto src = f.by_locale.find(cat_.source_locale);
    if (src == f.by_locale.end()) return;
    const model::field_text& source = src->second;
    // Text without braces is plain composite text with no arguments: nothing to parse.
    const message_syntax s =
        has_brace(source.text) ? detect_syntax(source.text) : message_syntax::composite;
    if (s == message_syntax::literal) {
      // A text with `{0}` that does not parse was probably meant as a format string.
      const std::set<std::string> p = placeholders(source.text);
      if (has_numbered(p)) {
        std::vector<syntax::composite_piece> pieces;
        syntax::error err;
        syntax::parse_composite(source.text, pieces, err);
        std::string first;
        for (const std::string& x : p)
          if (x.size() > 2 && x[1] >= '0' && x[1] <= '9') {
            first = x;
            break;
          }
        sink_.report(diag::not_a_format_string, locate(source, err.offset, sources_),
                     {first, err.what});
      }
      return;
    }
    std::vector<syntax::argument_use> source_uses;
    syntax::error err;
    const bool source_ok = syntax::argument_uses(source.text, s, source_uses, err);
    std::set<std::string> source_names = names_of(source_uses);
    // An argument the source hides in a quote (DGL1207) is still one its translations should use.
    if (s == message_syntax::icu)
      for (const syntax::quoted_argument& q : syntax::quoted_arguments(source.text))
        source_names.insert(q.name);
    for (const auto& [locale, text] : f.by_locale) {
      const bool is_source = locale == cat_.source_locale;
      if (!is_source) {
        // Unfinished work is not served, so it cannot break a message.
        const auto st = m.states.find(locale);
        if (st != m.states.end() && !model::is_served(st->second)) continue;
      }
      check_text(locale, text, s, is_source, source_ok ? &source : nullptr, source_names);
    }
  }

  void check_text(const std::string& locale, const model::field_text& t, message_syntax s,
                  bool is_source, const model::field_text* source,
                  const std::set<std::string>& source_names) {
    std::vector<syntax::argument_use> uses;
    std::vector<syntax::icu_argument> icu_args;
    syntax::error err;
    bool ok;
    if (s == message_syntax::icu) {
      ok = syntax::parse_icu(t.text, icu_args, err);
      for (const syntax::icu_argument& a : icu_args) uses.push_back({a.name, a.brace});
    } else if (s != message_syntax::composite || has_brace(t.text)) {
      ok = syntax::argument_uses(t.text, s, uses, err);
    } else {
      ok = true;  // composite text without braces uses no argument
    }
    if (!ok) {
      if (is_source) {
        sink_.report(diag::icu_syntax, locate(t, err.offset, sources_), {err.what});
      } else {
        // Like a page that does not align (DGL0110): not served, so it cannot break at run time.
        sink_.report(diag::translation_syntax, locate(t, err.offset, sources_),
                     {locale, to_string(s), err.what});
        unusable_.push_back({message_, locale});
      }
      return;
    }

    // An argument hidden in an apostrophe quote is reported as that (DGL1207), not as missing.
    const std::vector<syntax::quoted_argument> quoted =
        s == message_syntax::icu ? syntax::quoted_arguments(t.text)
                                 : std::vector<syntax::quoted_argument>();
    if (!is_source && source) {
      std::set<std::string> names = names_of(uses);
      for (const syntax::quoted_argument& q : quoted)
        if (source_names.count(q.name)) names.insert(q.name);
      // DGL0501 reports what it sees (placeholders outside code, `{name}` forms); this sees the
      // rest: arguments inside code spans and inside ICU plural and select cases.
      if (names != source_names && placeholders(source->text) == placeholders(t.text)) {
        std::size_t at = 0;
        for (const syntax::argument_use& u : uses)
          if (!source_names.count(u.name)) {
            at = u.offset;
            break;
          }
        sink_.report(diag::argument_mismatch, locate(t, at, sources_),
                     {describe(source_names, names)});
      }
    }

    if (s != message_syntax::icu) return;
    for (const syntax::icu_argument& a : icu_args) {
      const bool ordinal = a.type == "selectordinal";
      if (a.type != "plural" && !ordinal) continue;
      const std::vector<std::string>& needed = categories(locale, ordinal);
      if (needed.empty()) continue;
      std::set<std::string> present;
      for (const auto& [key, offset] : a.keywords) present.insert(key);
      std::vector<std::string> missing;  // in CLDR order
      for (const std::string& c : needed)
        if (!present.count(c)) missing.push_back(c);
      if (!missing.empty())
        sink_.report(diag::plural_category_missing, locate(t, a.type_offset, sources_),
                     {a.type, a.name, locale, list(missing, false)});
      for (const auto& [key, offset] : a.keywords)
        if (std::find(needed.begin(), needed.end(), key) == needed.end())
          sink_.report(diag::plural_category_unused, locate(t, offset, sources_),
                       {a.type, a.name, key, locale});
    }
    for (const syntax::quoted_argument& q : quoted)
      sink_.report(diag::quoted_argument, locate(t, q.offset, sources_), {q.item});
  }

  const std::vector<std::string>& categories(const std::string& locale, bool ordinal) {
    const auto key = std::make_pair(locale, ordinal);
    auto it = categories_.find(key);
    if (it == categories_.end())
      it = categories_.emplace(key, syntax::plural_categories(locale, ordinal)).first;
    return it->second;
  }

  const model::catalog& cat_;
  diagnostic_sink& sink_;
  const source_manager* sources_;
  std::map<std::pair<std::string, bool>, std::vector<std::string>> categories_;
  std::size_t message_ = 0;
  std::vector<unusable_text> unusable_;
};

}  // namespace

source_location locate(const model::field_text& t, std::size_t offset,
                       const source_manager* sources) {
  if (!sources || !t.where.known() || t.where.file >= sources->size()) return t.where;
  std::string_view text = t.text;
  std::size_t local = offset;
  source_location start = t.where;
  // The segment (sxs span, XLIFF unit) that holds the offset starts closer to it.
  std::size_t cursor = 0;
  for (const model::segment& s : t.segments) {
    if (s.target.empty() || !s.where.known() || s.where.file != t.where.file) continue;
    const std::size_t p = t.text.find(s.target, cursor);
    if (p == std::string::npos) continue;
    if (offset >= p && offset < p + s.target.size()) {
      text = s.target;
      local = offset - p;
      start = s.where;
      break;
    }
    cursor = p + s.target.size();
  }
  const std::string_view token = token_at(text, local);
  if (token.empty()) return start;
  std::size_t before = 0;
  for (std::size_t p = text.find(token); p != std::string_view::npos && p < local;
       p = text.find(token, p + 1))
    ++before;
  const std::string& raw = sources->contents(start.file);
  std::size_t pos = start.offset;
  if (pos < raw.size() && raw[pos] == '<') {
    // An element (XLIFF <target>, an sxs <span>): its text begins after the tag.
    const std::size_t gt = raw.find('>', pos);
    if (gt != std::string::npos) pos = gt + 1;
  }
  for (std::size_t i = 0;; ++i) {
    const std::size_t found = raw.find(token, pos);
    if (found == std::string::npos) return start;
    if (i == before) return {start.file, static_cast<std::uint32_t>(found)};
    pos = found + 1;
  }
}

std::vector<unusable_text> check_arguments(const model::catalog& cat, diagnostic_sink& sink,
                                           const source_manager* sources) {
  std::vector<std::vector<unusable_text>> parts(std::max(1u, std::thread::hardware_concurrency()));
  for_each_range(cat.messages.size(), sink,
                 [&](std::size_t begin, std::size_t end, diagnostic_sink& out, std::size_t part) {
                   parts.at(part) = checker(cat, out, sources).run(begin, end);
                 });
  std::vector<unusable_text> all;
  for (std::vector<unusable_text>& p : parts)
    all.insert(all.end(), std::make_move_iterator(p.begin()), std::make_move_iterator(p.end()));
  return all;
}

void withdraw(model::catalog& cat, const std::vector<unusable_text>& texts) {
  for (const unusable_text& u : texts)
    if (u.message < cat.messages.size())
      cat.messages[u.message].states[u.locale] = model::state::needs_translation;
}

}  // namespace diaglot::check
