// diaglot compiler: the checks `diaglot check` adds to a compile's, for translators. They look
// at every translation, served or not: unfinished and missing ones are reported as such, and the
// served ones are compared with the English they were made from.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "check/checks.hpp"
#include "check/difference.hpp"
#include "check/markup.hpp"
#include "format/syntax.hpp"
#include "locale/locale_data.hpp"
#include "util/json.hpp"

namespace diaglot::check {

namespace {

/// What a check needs to know about a target locale.
struct locale_facts {
  std::string language;        ///< lowercase, as likely subtags give it (links may name it)
  bool same_language = false;  ///< the source's language (en-GB for en): identical text is fine
  std::size_t min_words = 1;   ///< identical text is suspect from this many words on
};

std::string lowercase(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

/// Links may name the page's locale (`/en-us/`, `/ko-kr/`); a translation may localize that
/// path segment, so it compares as `{locale}`.
std::string normalize_link(const std::string& url, const std::string& source_language,
                           const std::string& target_language) {
  std::string out;
  std::size_t begin = 0;
  while (begin <= url.size()) {
    std::size_t end = url.find('/', begin);
    if (end == std::string::npos) end = url.size();
    const std::string part = url.substr(begin, end - begin);
    const std::size_t dash = part.find('-');
    const std::string language = lowercase(part.substr(0, dash));
    const bool locale_like = dash != std::string::npos && dash >= 2 && dash <= 3 &&
                             part.size() - dash - 1 >= 2 && part.size() - dash - 1 <= 4 &&
                             (language == source_language || language == target_language);
    out += locale_like ? "{locale}" : part;
    if (end < url.size()) out += '/';
    begin = end + 1;
  }
  return out;
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& x : items) out += (out.empty() ? "" : ", ") + ("`" + x + "`");
  return out;
}

/// "missing `a`; not in the source `b`" for two lists compared as multisets; empty when equal.
std::string multiset_difference(std::vector<std::string> source, std::vector<std::string> target) {
  std::sort(source.begin(), source.end());
  std::sort(target.begin(), target.end());
  std::vector<std::string> missing, extra;
  std::set_difference(source.begin(), source.end(), target.begin(), target.end(),
                      std::back_inserter(missing));
  std::set_difference(target.begin(), target.end(), source.begin(), source.end(),
                      std::back_inserter(extra));
  return difference(quoted_list(missing), quoted_list(extra));
}

/// A relative link without its leading `./` and `../` steps.
std::string_view relative_path(std::string_view url) {
  for (;;) {
    if (url.substr(0, 2) == "./")
      url.remove_prefix(2);
    else if (url.substr(0, 3) == "../")
      url.remove_prefix(3);
    else
      return url;
  }
}

bool is_relative(std::string_view url) {
  return !url.empty() && url[0] != '/' && url[0] != '#' && url.find("://") == std::string::npos &&
         url.substr(0, 7) != "mailto:";
}

/// Two spellings of one relative link: `../index.md` and
/// `../../../docs/framework/wcf/diagnostics/index.md` from a page in the same tree.
bool same_relative_link(std::string_view a, std::string_view b) {
  if (!is_relative(a) || !is_relative(b)) return false;
  a = relative_path(a);
  b = relative_path(b);
  if (a.size() > b.size()) std::swap(a, b);
  return !a.empty() && b.size() > a.size() && b.compare(b.size() - a.size(), a.size(), a) == 0 &&
         b[b.size() - a.size() - 1] == '/';
}

/// multiset_difference for links: exact matches first, then relative links that name the same
/// page by a longer path.
std::string link_difference(std::vector<std::string> source, std::vector<std::string> target) {
  std::sort(source.begin(), source.end());
  std::sort(target.begin(), target.end());
  std::vector<std::string> missing, extra;
  std::set_difference(source.begin(), source.end(), target.begin(), target.end(),
                      std::back_inserter(missing));
  std::set_difference(target.begin(), target.end(), source.begin(), source.end(),
                      std::back_inserter(extra));
  for (auto m = missing.begin(); m != missing.end();) {
    const auto e = std::find_if(extra.begin(), extra.end(),
                                [&](const std::string& x) { return same_relative_link(*m, x); });
    if (e == extra.end()) {
      ++m;
      continue;
    }
    extra.erase(e);
    m = missing.erase(m);
  }
  return difference(quoted_list(missing), quoted_list(extra));
}

std::string count_difference(const std::map<std::string, std::size_t>& source,
                             const std::map<std::string, std::size_t>& target) {
  std::string out;
  for (const auto& [name, n] : source) {
    const auto t = target.find(name);
    const std::size_t m = t == target.end() ? 0 : t->second;
    if (m == n) continue;
    out += (out.empty() ? "" : ", ") +
           phrase("difference.count", "{0} {1} in the source, {2} in the translation",
                  {"`" + name + "`", std::to_string(n), std::to_string(m)});
  }
  return out;
}

std::string whitespace_difference(std::string_view source, std::string_view target) {
  std::string out;
  const auto side = [&](const char* id, const char* english, std::string_view s,
                        std::string_view t) {
    if (s == t) return;
    out += (out.empty() ? "" : "; ") + phrase(id, english, {json::quote(s), json::quote(t)});
  };
  side("difference.start", "at the start the source has {0}, the translation {1}",
       leading_space(source), leading_space(target));
  // A text of whitespace only has the same leading and trailing part: say it once.
  if (leading_space(source).size() != source.size() ||
      leading_space(target).size() != target.size())
    side("difference.end", "at the end the source has {0}, the translation {1}",
         trailing_space(source), trailing_space(target));
  return out;
}

/// A piece of text with its translation, as finely as the format marks it.
struct unit {
  std::string_view source, target;
  source_location where;
};

/// The state of a message's unfinished text in a locale as its file writes it: the word a field
/// in that state kept (XLIFF), else the model's name for the state.
std::string state_word(const model::message& m, const std::string& locale, model::state st) {
  for (const model::field& f : m.fields) {
    const auto t = f.by_locale.find(locale);
    if (t != f.by_locale.end() && t->second.unserved() == st) return t->second.unserved_word();
  }
  return model::to_string(st);
}

class linter {
 public:
  linter(const model::catalog& cat, diagnostic_sink& sink) : cat_(cat), sink_(sink) {
    source_language_ = lowercase(locale_data::maximize(cat.source_locale).language);
  }

  void run() {
    for (const model::message& m : cat_.messages)
      for (const std::string& locale : cat_.locales)
        if (locale != cat_.source_locale) check(m, locale);
  }

 private:
  const locale_facts& facts(const std::string& locale) {
    const auto it = facts_.find(locale);
    if (it != facts_.end()) return it->second;
    const locale_data::likely l = locale_data::maximize(locale);
    locale_facts f;
    f.language = lowercase(l.language);
    f.same_language = f.language == source_language_;
    // In the source's own script a single identical word is often a loan word (German
    // "Name"); in another script even one untranslated word stands out.
    const std::string source_script = locale_data::maximize(cat_.source_locale).script;
    f.min_words = l.script == source_script ? 2 : 1;
    return facts_.emplace(locale, f).first->second;
  }

  void check(const model::message& m, const std::string& locale) {
    const auto st = m.states.find(locale);
    if (st == m.states.end()) {
      sink_.report(diag::missing_translation, m.where, {m.id, locale});
      return;
    }
    if (!model::is_served(st->second)) {
      const auto where = m.locale_where.find(locale);
      sink_.report(diag::untranslated, where != m.locale_where.end() ? where->second : m.where,
                   {locale, m.id, state_word(m, locale, st->second)});
      return;
    }
    const std::string& target_language = facts(locale).language;
    for (const model::field& f : m.fields) {
      const auto src = f.by_locale.find(cat_.source_locale);
      const auto tgt = f.by_locale.find(locale);
      if (src == f.by_locale.end()) continue;
      // A field the locale does not have while it has the message's others (an XLIFF unit
      // without a target beside translated ones): reported as a unit, by its name, unless its
      // English has nothing to translate (an ID as a page's title).
      if (tgt == f.by_locale.end()) {
        if (has_translatable_words(src->second.text, 1))
          sink_.report(diag::missing_translation,
                       src->second.where.known() ? src->second.where : m.where,
                       {m.id + "#" + f.name, locale});
        continue;
      }
      const model::field_text& target = tgt->second;
      if (target.source_only()) continue;  // the English is served, as the unit asks
      // A field not served while the message's others are: reported as a unit, by its name.
      if (target.unserved()) {
        sink_.report(diag::untranslated, target.where.known() ? target.where : m.where,
                     {locale, m.id + "#" + f.name, target.unserved_word()});
        continue;
      }
      const std::string& source = src->second.text;
      // Placeholders are compared with the English served beside this text; markup with the
      // English the translation was made from, so a stale text is not also a broken one.
      const auto source_counts = placeholder_counts(source);
      const auto target_counts = placeholder_counts(target.text);
      const bool same_set = std::equal(
          source_counts.begin(), source_counts.end(), target_counts.begin(), target_counts.end(),
          [](const auto& a, const auto& b) { return a.first == b.first; });
      // An ICU plural or select repeats its placeholders once per case, and languages have
      // different cases (the argument checks, DGL12xx, compare those texts).
      const bool cases =
          syntax::has_icu_typed_argument(source) || syntax::has_icu_typed_argument(target.text);
      if (same_set && !cases && source_counts != target_counts)
        sink_.report(diag::placeholder_count_mismatch, target.where,
                     {count_difference(source_counts, target_counts)});

      const std::string& base = target.made_from ? *target.made_from : source;
      std::vector<std::string> source_links, target_links;
      for (const std::string& l : link_targets(base))
        source_links.push_back(normalize_link(l, source_language_, target_language));
      for (const std::string& l : link_targets(target.text))
        target_links.push_back(normalize_link(l, source_language_, target_language));
      const std::string links = link_difference(source_links, target_links);
      if (!links.empty()) sink_.report(diag::link_mismatch, target.where, {links});
      const std::string xrefs = multiset_difference(xref_targets(base), xref_targets(target.text));
      if (!xrefs.empty()) sink_.report(diag::xref_mismatch, target.where, {xrefs});

      std::vector<unit> units;
      const bool given = model::for_each_unit(
          target,
          [&](const std::string& english, const std::string& translation, source_location where) {
            units.push_back({english, translation, where});
          });
      if (!given) units.push_back({base, target.text, target.where});
      for (const unit& u : units) check_unit(u, locale);
    }
  }

  void check_unit(const unit& u, const std::string& locale) {
    const std::size_t ns = prose(u.source).unclosed_backticks;
    const std::size_t nt = prose(u.target).unclosed_backticks;
    if (nt > ns)
      sink_.report(diag::unclosed_backtick, u.where, {std::to_string(ns), std::to_string(nt)});
    const std::string ws = whitespace_difference(u.source, u.target);
    if (!ws.empty()) sink_.report(diag::whitespace_mismatch, u.where, {ws});
    const locale_facts& f = facts(locale);
    if (!f.same_language && u.source == u.target && has_translatable_words(u.source, f.min_words))
      sink_.report(diag::same_as_source, u.where, {locale});
  }

  const model::catalog& cat_;
  diagnostic_sink& sink_;
  std::string source_language_;
  std::map<std::string, locale_facts> facts_;
};

}  // namespace

void run_lints(const model::catalog& cat, diagnostic_sink& sink) { linter(cat, sink).run(); }

}  // namespace diaglot::check
