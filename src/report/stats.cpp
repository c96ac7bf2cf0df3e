#include "report/stats.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>

#include "check/markup.hpp"
#include "locale/locale_data.hpp"
#include "util/files.hpp"
#include "util/json.hpp"
#include "util/text_wrap.hpp"
#include "workflow/segmenter.hpp"
#include "workflow/workflow.hpp"

namespace diaglot::report {

const char* to_string(progress p) {
  switch (p) {
    case progress::translated:
      return "translated";
    case progress::needs_review:
      return "needs-review";
    case progress::stale:
      return "stale";
    case progress::new_:
      return "new";
    case progress::obsolete:
      return "obsolete";
  }
  return "?";
}

std::uint64_t counts::total() const {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < progress_count; ++i)
    if (static_cast<progress>(i) != progress::obsolete) n += by[i];
  return n;
}

double counts::share_translated() const {
  const std::uint64_t t = total();
  return t ? static_cast<double>((*this)[progress::translated]) / static_cast<double>(t) : 0.0;
}

std::uint64_t floor_share(std::uint64_t part, std::uint64_t whole, std::uint64_t scale) {
  if (!whole) return 0;
  // part * scale / whole without overflow: part <= whole, so the remainder term is exact.
  return part / whole * scale + part % whole * scale / whole;
}

namespace {

/// The text a reader reads: without markdown link destinations, HTML tags and placeholders.
std::string readable_text(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{') {
      const std::size_t close = text.find_first_of("{} \t\n", i + 1);
      if (close != std::string_view::npos && text[close] == '}') {
        out += ' ';
        i = close;
        continue;
      }
    }
    if (c == ']' && i + 1 < text.size() && text[i + 1] == '(') {
      const std::size_t close = text.find(')', i + 2);
      if (close != std::string_view::npos) {
        out += "] ";
        i = close;
        continue;
      }
    }
    if (c == '<' && i + 1 < text.size() &&
        (std::isalpha(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '/' ||
         text[i + 1] == '!')) {
      const std::size_t close = text.find('>', i + 1);
      if (close != std::string_view::npos) {
        out += ' ';
        i = close;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/// ICU word break iterators, one per locale, made once.
class word_counter {
 public:
  std::size_t count(std::string_view text, const std::string& locale) {
    const std::string readable = readable_text(text);
    if (readable.empty()) return 0;
    icu::BreakIterator* words = iterator(locale);
    if (!words) return 0;
    UErrorCode status = U_ZERO_ERROR;
    UText* ut =
        utext_openUTF8(nullptr, readable.data(), static_cast<int64_t>(readable.size()), &status);
    if (U_FAILURE(status)) return 0;
    words->setText(ut, status);
    std::size_t n = 0;
    if (U_SUCCESS(status)) {
      words->first();
      while (words->next() != icu::BreakIterator::DONE)
        if (words->getRuleStatus() >= UBRK_WORD_NONE_LIMIT) ++n;
    }
    // The iterator keeps a shallow clone of the UText: detach it before the text goes.
    utext_close(ut);
    words->setText(icu::UnicodeString());
    return n;
  }

 private:
  icu::BreakIterator* iterator(const std::string& locale) {
    auto it = iterators_.find(locale);
    if (it == iterators_.end()) {
      UErrorCode status = U_ZERO_ERROR;
      const icu::Locale l = icu::Locale::forLanguageTag(locale, status);
      std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(
          U_SUCCESS(status) ? l : icu::Locale::getRoot(), status));
      if (U_FAILURE(status)) bi.reset();
      it = iterators_.emplace(locale, std::move(bi)).first;
    }
    return it->second.get();
  }

  std::map<std::string, std::unique_ptr<icu::BreakIterator>> iterators_;
};

std::string common_directory(const std::vector<std::string>& paths) {
  if (paths.empty()) return {};
  namespace fs = std::filesystem;
  fs::path common = fs::path(paths[0]).parent_path();
  for (const std::string& p : paths) {
    const fs::path dir = fs::path(p).parent_path();
    fs::path shared;
    auto a = common.begin();
    auto b = dir.begin();
    for (; a != common.end() && b != dir.end() && *a == *b; ++a, ++b) shared /= *a;
    common = shared;
  }
  return common.string();
}

progress progress_of(const model::message& m, const std::string& locale,
                     const std::string& source_locale) {
  const auto st = m.states.find(locale);
  if (st == m.states.end() || !model::is_served(st->second)) return progress::new_;
  for (const model::field& f : m.fields) {
    const auto t = f.by_locale.find(locale);
    const auto s = f.by_locale.find(source_locale);
    // A text not for translation serves today's English: it cannot be stale.
    if (t != f.by_locale.end() && s != f.by_locale.end() && t->second.made_from &&
        !t->second.source_only() && *t->second.made_from != s->second.text)
      return progress::stale;
  }
  return st->second == model::state::needs_review ? progress::needs_review : progress::translated;
}

}  // namespace

std::size_t count_words(std::string_view text, const std::string& locale) {
  return word_counter().count(text, locale);
}

std::string message_group(const model::message& m, const model::catalog& cat,
                          const source_manager& sources, const std::string& common_dir) {
  const std::size_t dot = m.id.rfind('.');
  if (dot != std::string::npos && dot > 0) return m.id.substr(0, dot);
  if (!m.where.known() || m.where.file >= sources.size()) return "(no file)";
  namespace fs = std::filesystem;
  const fs::path path(sources.path(m.where.file));
  fs::path relative = common_dir.empty() ? path : path.lexically_relative(common_dir);
  if (relative.empty()) relative = path;
  if (files::is_xliff(relative.string())) {
    std::string stem = relative.stem().string();
    // Strings.ko.xlf and Strings.zh-Hans.xlf are one resource set: Strings.
    const std::size_t last = stem.rfind('.');
    if (last != std::string::npos) {
      const auto tag = locale_data::canonicalize(stem.substr(last + 1));
      if (tag && std::find(cat.locales.begin(), cat.locales.end(), *tag) != cat.locales.end())
        stem.erase(last);
    }
    const fs::path dir = relative.parent_path();
    return dir.empty() ? stem : (dir / stem).generic_string();
  }
  const fs::path dir = relative.parent_path();
  if (!dir.empty()) return dir.generic_string() + "/";
  const fs::path base = fs::path(common_dir).filename();
  return (base.empty() ? std::string(".") : base.generic_string()) + "/";
}

catalog_stats compute_stats(const model::catalog& cat, const source_manager& sources) {
  catalog_stats out;
  out.source_locale = cat.source_locale;
  word_counter words;

  std::vector<std::string> defining;
  for (const model::message& m : cat.messages)
    if (m.where.known() && m.where.file < sources.size())
      defining.push_back(sources.path(m.where.file));
  std::sort(defining.begin(), defining.end());
  defining.erase(std::unique(defining.begin(), defining.end()), defining.end());
  const std::string common = common_directory(defining);

  // A locale whose file holds only obsolete units still has every current message to translate.
  const std::vector<workflow::obsolete_unit> obsolete =
      workflow::obsolete_units(sources, cat.source_locale);
  std::set<std::string> target_set;
  for (const std::string& l : cat.locales)
    if (l != cat.source_locale) target_set.insert(l);
  for (const workflow::obsolete_unit& u : obsolete) target_set.insert(u.locale);
  // A locale whose files have no target yet (just extracted): everything is still to do.
  for (const std::string& l : cat.declared_locales)
    if (l != cat.source_locale) target_set.insert(l);
  const std::vector<std::string> targets(target_set.begin(), target_set.end());
  std::map<std::string, locale_stats> by_locale;
  for (const std::string& l : targets) by_locale[l].locale = l;
  std::map<std::string, group_stats> groups;

  for (const model::message& m : cat.messages) {
    std::uint64_t message_words = 0, source_segments = 0;
    std::vector<std::uint64_t> field_segments, field_words;  // in the source, per field
    std::vector<bool> field_translatable;  // whether its English has words to translate
    for (const model::field& f : m.fields) {
      const auto s = f.by_locale.find(cat.source_locale);
      if (s == f.by_locale.end()) {
        field_segments.push_back(0);
        field_words.push_back(0);
        field_translatable.push_back(false);
        continue;
      }
      field_words.push_back(words.count(s->second.text, cat.source_locale));
      field_translatable.push_back(check::has_translatable_words(s->second.text, 1));
      message_words += field_words.back();
      // As extract cuts the English into segments for translators, whatever its source.
      std::uint64_t n = 0;
      for (const workflow::piece& p : workflow::segment_field(s->second.text)) n += p.segment;
      field_segments.push_back(n);
      source_segments += n;
    }
    ++out.messages;
    out.segments += source_segments;
    out.words += message_words;
    group_stats& g = groups[message_group(m, cat, sources, common)];
    ++g.messages;
    g.words += message_words;

    for (const std::string& locale : targets) {
      locale_stats& ls = by_locale[locale];
      const progress p = progress_of(m, locale, cat.source_locale);
      // A field held back (not served while the message's others are, or missing from a
      // locale that has them) counts as new, and so does its message; the other fields count
      // as the message's served texts are.
      const bool has_locale = m.states.count(locale) != 0;
      bool held_back = false;
      for (std::size_t i = 0; i < m.fields.size(); ++i) {
        const auto t = m.fields[i].by_locale.find(locale);
        const bool missing =
            t == m.fields[i].by_locale.end() && has_locale && field_translatable[i];
        const bool unserved = missing || (t != m.fields[i].by_locale.end() && t->second.unserved());
        const progress fp = unserved ? progress::new_ : p;
        held_back = held_back || unserved;
        const bool own = t != m.fields[i].by_locale.end() && !t->second.segments.empty();
        ls.segments[fp] += own ? t->second.segments.size() : field_segments[i];
        ls.words[fp] += field_words[i];
        g.words_by_locale[locale][fp] += field_words[i];
        if (t != m.fields[i].by_locale.end() && fp != progress::new_)
          ls.target_words += words.count(t->second.text, locale);
      }
      ++ls.messages[held_back ? progress::new_ : p];
    }
  }
  // Units merge kept after their English went: their words and segments, and the messages of
  // which nothing is left in the catalog. Not in any total or share, nor in a group's heatmap.
  std::map<std::string, std::set<std::string>> obsolete_messages;  // locale -> message IDs
  for (const workflow::obsolete_unit& u : obsolete) {
    locale_stats& ls = by_locale[u.locale];
    ls.segments[progress::obsolete] += u.segments;
    ls.words[progress::obsolete] += words.count(u.source, cat.source_locale);
    if (!cat.find(u.message) && obsolete_messages[u.locale].insert(u.message).second)
      ++ls.messages[progress::obsolete];
  }
  for (auto& [l, ls] : by_locale) out.locales.push_back(std::move(ls));
  for (auto& [name, g] : groups) {
    g.name = name;
    out.groups.push_back(std::move(g));
  }
  return out;
}

namespace {

std::string percent(const counts& c) {
  const std::uint64_t per_mille = floor_share(c[progress::translated], c.total(), 1000);
  return std::to_string(per_mille / 10) + "." + std::to_string(per_mille % 10) + "%";
}

std::string pad_left(const std::string& s, std::size_t width) {
  const std::size_t used = text::columns(s);
  return used >= width ? s : std::string(width - used, ' ') + s;
}

std::string pad_right(const std::string& s, std::size_t width) {
  const std::size_t used = text::columns(s);
  return used >= width ? s : s + std::string(width - used, ' ');
}

void append_counts_json(std::string& out, const counts& c) {
  out += "{";
  for (std::size_t i = 0; i < progress_count; ++i) {
    out += "\"";
    out += to_string(static_cast<progress>(i));
    out += "\": " + std::to_string(c.by[i]) + ", ";
  }
  out += "\"total\": " + std::to_string(c.total()) + "}";
}

/// The share translated with four decimals, rounded down as the text and the page round it: a
/// locale with a word left is never 1.0000.
std::string share_json(const counts& c) {
  const std::uint64_t per_10000 = floor_share(c[progress::translated], c.total(), 10000);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%llu.%04llu", static_cast<unsigned long long>(per_10000 / 10000),
                static_cast<unsigned long long>(per_10000 % 10000));
  return buf;
}

}  // namespace

std::string state_name(progress p, const phrase_template_fn& words) {
  const char* name = to_string(p);
  return ui_text(words, std::string("stats.state.") + name, name);
}

std::string stats_text(const catalog_stats& s, const phrase_template_fn& words) {
  std::string out =
      ui_text(words, "stats.source",
              "source locale {0}: {1} messages, {2} words, {3} segments in the source files",
              {s.source_locale, std::to_string(s.messages), std::to_string(s.words),
               std::to_string(s.segments)}) +
      "\n";
  if (s.locales.empty())
    return out + ui_text(words, "stats.no_targets", "no target locales") + "\n";
  std::string state[progress_count];
  for (std::size_t i = 0; i < progress_count; ++i)
    state[i] = state_name(static_cast<progress>(i), words);
  const std::string total = ui_text(words, "stats.total", "total");
  const std::pair<std::string, counts locale_stats::*> rows[] = {
      {ui_text(words, "stats.messages", "messages"), &locale_stats::messages},
      {ui_text(words, "stats.segments", "segments"), &locale_stats::segments},
      {ui_text(words, "stats.words", "words"), &locale_stats::words}};
  std::size_t label = 10;
  for (const auto& row : rows) label = std::max(label, text::columns(row.first) + 2);
  for (const locale_stats& l : s.locales) {
    out += "\n" +
           ui_text(words, "stats.locale", "{0}: {1} of words translated; {2} words in {0}",
                   {l.locale, percent(l.words), std::to_string(l.target_words)}) +
           "\n";
    out += pad_right("", label);
    for (std::size_t i = 0; i < progress_count; ++i) out += pad_left(state[i], 14);
    out += pad_left(total, 10) + "\n";
    for (const auto& [name, member] : rows) {
      const counts& c = l.*member;
      out += pad_right("  " + name, label);
      for (std::size_t i = 0; i < progress_count; ++i) out += pad_left(std::to_string(c.by[i]), 14);
      out += pad_left(std::to_string(c.total()), 10) + "\n";
    }
  }
  out += "\n" + ui_text(words, "stats.by_group", "words translated by group") + "\n";
  const std::string group = ui_text(words, "stats.group", "group");
  std::size_t width = std::max<std::size_t>(5, text::columns(group));
  for (const group_stats& g : s.groups) width = std::max(width, text::columns(g.name));
  out += pad_right(group, width + 2) + pad_left(rows[2].first, 8);
  for (const locale_stats& l : s.locales)
    out += pad_left(l.locale, std::max<std::size_t>(8, l.locale.size() + 2));
  out += "\n";
  for (const group_stats& g : s.groups) {
    out += pad_right(g.name, width + 2) + pad_left(std::to_string(g.words), 8);
    for (const locale_stats& l : s.locales) {
      const auto c = g.words_by_locale.find(l.locale);
      out += pad_left(percent(c == g.words_by_locale.end() ? counts() : c->second),
                      std::max<std::size_t>(8, l.locale.size() + 2));
    }
    out += "\n";
  }
  return out;
}

std::string stats_json(const catalog_stats& s) {
  std::string out = "{\"source_locale\": ";
  json::append_string(out, s.source_locale);
  out += ", \"messages\": " + std::to_string(s.messages) +
         ", \"segments\": " + std::to_string(s.segments) +
         ", \"words\": " + std::to_string(s.words);
  out += ",\n \"locales\": [";
  for (std::size_t i = 0; i < s.locales.size(); ++i) {
    const locale_stats& l = s.locales[i];
    out += i ? ",\n  " : "\n  ";
    out += "{\"locale\": ";
    json::append_string(out, l.locale);
    out += ", \"share_translated\": " + share_json(l.words);
    out += ", \"target_words\": " + std::to_string(l.target_words);
    out += ",\n   \"messages\": ";
    append_counts_json(out, l.messages);
    out += ",\n   \"segments\": ";
    append_counts_json(out, l.segments);
    out += ",\n   \"words\": ";
    append_counts_json(out, l.words);
    out += "}";
  }
  out += "],\n \"groups\": [";
  for (std::size_t i = 0; i < s.groups.size(); ++i) {
    const group_stats& g = s.groups[i];
    out += i ? ",\n  " : "\n  ";
    out += "{\"group\": ";
    json::append_string(out, g.name);
    out += ", \"messages\": " + std::to_string(g.messages) +
           ", \"words\": " + std::to_string(g.words) + ", \"locales\": {";
    bool first = true;
    for (const auto& [locale, c] : g.words_by_locale) {
      out += first ? "\n   " : ",\n   ";
      first = false;
      json::append_string(out, locale);
      out += ": {\"share_translated\": " + share_json(c) + ", \"words\": ";
      append_counts_json(out, c);
      out += "}";
    }
    out += "}}";
  }
  out += "]}\n";
  return out;
}

}  // namespace diaglot::report
