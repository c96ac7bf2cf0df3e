#include "check/arguments.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "check/checks.hpp"
#include "check/difference.hpp"
#include "check/served.hpp"
#include "format/syntax.hpp"
#include "util/parallel.hpp"
#include "util/prefetch.hpp"

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
  return difference(list(missing, true), list(extra, true));
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

/// Sorts names and keeps each once.
void sort_unique(std::vector<std::string_view>& names) {
  if (names.size() < 2) return;
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
}

/// Whether sorted names hold `name`.
bool contains(const std::vector<std::string_view>& sorted, std::string_view name) {
  return std::binary_search(sorted.begin(), sorted.end(), name);
}

/// The names as a set of strings, for describe().
std::set<std::string> to_set(const std::vector<std::string_view>& names) {
  return std::set<std::string>(names.begin(), names.end());
}

/// One text parsed in its message's syntax. Names are views into the text or into `icu`.
struct parsed_text {
  bool ok = true;
  syntax::error err;
  std::vector<syntax::item_use> uses;
  std::vector<syntax::icu_argument> icu;
  std::vector<syntax::quoted_argument> quoted;

  /// Parses `text` in `s` (composite or ICU), reusing this object's vectors.
  void parse(std::string_view text, message_syntax s) {
    uses.clear();
    icu.clear();
    quoted.clear();
    if (s == message_syntax::icu) {
      ok = syntax::parse_icu(text, icu, err);
      if (!ok) return;
      for (const syntax::icu_argument& a : icu) uses.push_back({a.name, a.brace});
      // An argument hidden in an apostrophe quote is reported as that (DGL1207), not as missing.
      quoted = syntax::quoted_arguments(text);
    } else {
      // Composite text without braces uses no argument.
      ok = !has_brace(text) || syntax::composite_uses(text, &uses, err);
    }
  }
};

/// check_arguments one message at a time, its buffers reused from message to message.
class argument_checker {
 public:
  argument_checker(const model::catalog& cat, diagnostic_sink& sink, const source_manager* sources)
      : cat_(cat), sink_(sink), sources_(sources) {}

  void check(std::size_t message) {
    message_ = message;
    for (const model::field& f : cat_.messages[message].fields)
      check_field(cat_.messages[message], f);
  }
  std::vector<unusable_text> take_unusable() { return std::move(unusable_); }

 private:
  void check_field(const model::message& m, const model::field& f) {
    const auto src = f.by_locale.find(cat_.source_locale);
    if (src == f.by_locale.end()) return;
    const model::field_text& source = src->second;
    // The source is parsed once: for its syntax, its arguments and its own check. Its syntax is
    // what detect_syntax says: composite text that does not parse is literal.
    message_syntax s = syntax::has_icu_typed_argument(source.text) ? message_syntax::icu
                                                                   : message_syntax::composite;
    source_.parse(source.text, s);
    if (!source_.ok && s == message_syntax::composite) s = message_syntax::literal;
    if (s == message_syntax::literal) {
      // A text with `{0}` that does not parse was probably meant as a format string.
      const std::set<std::string> p = placeholders(source.text);
      if (has_numbered(p)) {
        std::string first;
        for (const std::string& x : p)
          if (x.size() > 2 && x[1] >= '0' && x[1] <= '9') {
            first = x;
            break;
          }
        sink_.report(diag::not_a_format_string, locate(source, source_.err.offset, sources_),
                     {first, source_.err.what});
      }
      return;
    }
    source_names_.clear();
    for (const syntax::item_use& u : source_.uses) source_names_.push_back(u.name);
    // An argument the source hides in a quote (DGL1207) is still one its translations should use.
    for (const syntax::quoted_argument& q : source_.quoted) source_names_.push_back(q.name);
    sort_unique(source_names_);
    served_walk served(m.states);
    for (const auto& [locale, text] : f.by_locale) {
      const bool is_source = &text == &source;
      if (!is_source) {
        // Unfinished work is not served, so it cannot break a message.
        if (!served(locale) || !text.served()) continue;
        target_.parse(text.text, s);
      }
      check_text(locale, text, s, is_source ? source_ : target_, is_source,
                 source_.ok ? &source : nullptr);
    }
  }

  void check_text(const std::string& locale, const model::field_text& t, message_syntax s,
                  const parsed_text& p, bool is_source, const model::field_text* source) {
    if (!p.ok) {
      if (is_source) {
        sink_.report(diag::icu_syntax, locate(t, p.err.offset, sources_), {p.err.what});
      } else {
        // Like a page that does not align (DGL0110): not served, so it cannot break at run time.
        sink_.report(diag::translation_syntax, locate(t, p.err.offset, sources_),
                     {locale, to_string(s), p.err.what});
        unusable_.push_back({message_, locale});
      }
      return;
    }

    if (!is_source && source) {
      names_.clear();
      for (const syntax::item_use& u : p.uses) names_.push_back(u.name);
      for (const syntax::quoted_argument& q : p.quoted)
        if (contains(source_names_, q.name)) names_.push_back(q.name);
      sort_unique(names_);
      // DGL0501 reports what it sees (placeholders outside code, `{name}` forms); this sees the
      // rest: arguments inside code spans and inside ICU plural and select cases.
      if (names_ != source_names_ && placeholders(source->text) == placeholders(t.text)) {
        std::size_t at = 0;
        for (const syntax::item_use& u : p.uses)
          if (!contains(source_names_, u.name)) {
            at = u.offset;
            break;
          }
        sink_.report(diag::argument_mismatch, locate(t, at, sources_),
                     {describe(to_set(source_names_), to_set(names_))});
      }
    }

    if (s != message_syntax::icu) return;
    for (const syntax::icu_argument& a : p.icu) {
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
    for (const syntax::quoted_argument& q : p.quoted)
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
  // Reused from field to field and text to text.
  parsed_text source_, target_;
  std::vector<std::string_view> source_names_, names_;
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
    const std::string& target = s.target;
    if (target.empty() || !s.where.known() || s.where.file != t.where.file) continue;
    const std::size_t p = t.text.find(target, cursor);
    if (p == std::string::npos) continue;
    if (offset >= p && offset < p + target.size()) {
      text = target;
      local = offset - p;
      start = s.where;
      break;
    }
    cursor = p + target.size();
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

namespace {

/// check_arguments over ranges of messages on `jobs` threads, and with `translations` run_checks
/// on each message first.
std::vector<unusable_text> check_messages(const model::catalog& cat, diagnostic_sink& sink,
                                          const source_manager* sources, unsigned jobs,
                                          bool translations) {
  std::vector<std::vector<unusable_text>> parts(parallel::range_count(cat.messages.size(), jobs));
  parallel::for_each_range(
      cat.messages.size(), jobs, sink,
      [&](std::size_t begin, std::size_t end, diagnostic_sink& out, std::size_t part) {
        translation_checks translation;
        argument_checker arguments(cat, out, sources);
        for (std::size_t i = begin; i < end; ++i) {
          // The checks read every text of the message: asked for together first.
          for (const model::field& f : cat.messages[i].fields)
            for (const auto& [locale, text] : f.by_locale) {
              prefetch(text.text.data(), text.text.size());
              if (text.made_from) prefetch(text.made_from->data(), text.made_from->size());
            }
          if (translations) translation.check(cat, cat.messages[i], out);
          arguments.check(i);
        }
        parts.at(part) = arguments.take_unusable();
      });
  std::vector<unusable_text> all;
  for (std::vector<unusable_text>& p : parts)
    all.insert(all.end(), std::make_move_iterator(p.begin()), std::make_move_iterator(p.end()));
  return all;
}

}  // namespace

std::vector<unusable_text> check_arguments(const model::catalog& cat, diagnostic_sink& sink,
                                           const source_manager* sources, unsigned jobs) {
  return check_messages(cat, sink, sources, jobs, false);
}

std::vector<unusable_text> check_catalog(const model::catalog& cat, diagnostic_sink& sink,
                                         const source_manager* sources, unsigned jobs) {
  return check_messages(cat, sink, sources, jobs, true);
}

void withdraw(model::catalog& cat, const std::vector<unusable_text>& texts) {
  for (const unusable_text& u : texts)
    if (u.message < cat.messages.size())
      cat.messages[u.message].states[u.locale] = model::state::needs_translation;
}

}  // namespace diaglot::check
