// diaglot compiler: the catalog model. Readers turn each source file into entries; the catalog
// merges entries from every file into messages; checks, planning and emitters read the catalog.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "diag/diagnostics.hpp"
#include "model/locale_map.hpp"

namespace diaglot::model {

/// Translation states; XLIFF 1.2 and 2.x states map onto these.
enum class state : std::uint8_t { initial, needs_translation, needs_review, translated, final_ };
const char* to_string(state s);
/// Whether a text in this state is served at run time (new and untranslated texts fall back).
inline bool is_served(state s) { return s >= state::needs_review; }
/// The state of an entry whose texts so far are in state `a`, given one more in state `b`: the
/// least finished of its served texts, or of all of them when none is served.
inline state with_text(state a, state b) {
  return is_served(a) == is_served(b) ? std::min(a, b) : std::max(a, b);
}

/// One sentence-sized unit of translation within a field (an sxs span pair, an XLIFF 2
/// <segment>). A field its format does not split (an XLIFF 1.2 trans-unit, a monolingual page)
/// has none: it is one unit, its English the made_from (see for_each_unit).
struct segment {
  std::string id;      ///< data-ttu-id, XLIFF segment id; empty when the format has none
  std::string source;  ///< the English text
  std::string target;  ///< the translation, equal to source in the source locale
  source_location where;
};

/// An optional text whose bytes may be shared: the English a translation was made from is the
/// same in each of a message's translations, and a reader that has seen it before hands out the
/// same bytes rather than another copy (read::source_texts). Reads like std::optional<string>;
/// it is never changed in place, only replaced.
class shared_text {
 public:
  shared_text() = default;
  shared_text(std::nullptr_t) noexcept {}
  shared_text(std::string text) : text_(std::make_shared<const std::string>(std::move(text))) {}
  shared_text(const char* text) : shared_text(std::string(text)) {}
  /// Shares the bytes `text` points to; a null shared_ptr is no text.
  shared_text(std::shared_ptr<const std::string> text) : text_(std::move(text)) {}

  bool has_value() const noexcept { return text_ != nullptr; }
  explicit operator bool() const noexcept { return has_value(); }
  const std::string& operator*() const noexcept { return *text_; }
  const std::string* operator->() const noexcept { return text_.get(); }
  /// The text, or `otherwise`: a copy, as std::optional gives (a reference could outlive a
  /// temporary `otherwise`).
  std::string value_or(std::string otherwise) const { return text_ ? *text_ : otherwise; }
  /// The shared bytes, to hand on to another text.
  const std::shared_ptr<const std::string>& shared() const noexcept { return text_; }

  /// Equal when both have no text or both have the same text, as for std::optional.
  friend bool operator==(const shared_text& a, const shared_text& b) {
    return a.text_ == b.text_ || (a.text_ && b.text_ && *a.text_ == *b.text_);
  }
  friend bool operator!=(const shared_text& a, const shared_text& b) { return !(a == b); }
  /// Types compared as strings: what converts to a string_view, but not a null pointer.
  template <class S>
  using string_like = std::enable_if_t<std::is_convertible_v<const S&, std::string_view> &&
                                       !std::is_same_v<S, std::nullptr_t>>;

  /// Compared with a string: equal when there is a text and it is that string.
  template <class S, class = string_like<S>>
  friend bool operator==(const shared_text& a, const S& b) {
    return a.text_ && std::string_view(*a.text_) == std::string_view(b);
  }
  template <class S, class = string_like<S>>
  friend bool operator==(const S& a, const shared_text& b) {
    return b == a;
  }
  template <class S, class = string_like<S>>
  friend bool operator!=(const shared_text& a, const S& b) {
    return !(a == b);
  }
  template <class S, class = string_like<S>>
  friend bool operator!=(const S& a, const shared_text& b) {
    return !(b == a);
  }
  friend std::ostream& operator<<(std::ostream& out, const shared_text& t) {
    return t.text_ ? out << '"' << *t.text_ << '"' : out << "(none)";
  }

 private:
  std::shared_ptr<const std::string> text_;
};

/// What few texts carry besides their words (see field_text).
struct field_markup {
  std::vector<std::string> source_codes, target_codes;
  std::string shape;
  std::optional<state> unserved;
  std::string unserved_as;  ///< that state as its file writes it (`initial`, `needs-l10n`)
  bool source_only = false;

  /// Whether it says nothing a text without markup would not.
  bool empty() const {
    return source_codes.empty() && target_codes.empty() && shape.empty() && !unserved &&
           !source_only;
  }
};

/// One field of a message (summary, description, text, ...) in one locale.
struct field_text {
  std::string name;
  std::string text;  ///< as served at run time; markdown kept as written
  /// The English this text was made from, when the format says (sxs, XLIFF); else empty.
  shared_text made_from;
  std::vector<segment> segments;
  source_location where;

  /// Inline codes of the source and target, when the format marks them (XLIFF `<x id=.../>`, ...).
  const std::vector<std::string>& source_codes() const { return markup().source_codes; }
  const std::vector<std::string>& target_codes() const { return markup().target_codes; }
  /// Block structure of a markdown field ("p" paragraph, "l" list item, ...), to align pages.
  const std::string& shape() const { return markup().shape; }
  void set_codes(std::vector<std::string> source, std::vector<std::string> target);
  void set_shape(std::string shape);
  /// The state of a translation that is not served (new, needs translation), when its format
  /// gives each field one (an XLIFF unit). Its message may still serve its other fields: this
  /// one falls back on its own. Else the state is its entry's.
  std::optional<state> unserved() const { return markup_ ? markup_->unserved : std::nullopt; }
  /// `as_written`: the state as the file writes it, when it has a word for it.
  void set_unserved(state s, std::string as_written = {});
  /// The state of a text not served, in its file's words where the reader kept them (XLIFF 2
  /// `initial`, XLIFF 1.2 `needs-l10n`), else the model's name for it; "" when it is served.
  std::string unserved_word() const;
  /// Whether its unit is marked not for translation (XLIFF `translate="no"`): the locale serves
  /// the English the catalog has now, and the text is neither served nor checked as a
  /// translation. The text is the unit's own English, kept for reports.
  bool source_only() const { return markup_ && markup_->source_only; }
  void set_source_only();
  /// Whether the locale serves this text: neither unfinished nor marked not for translation.
  bool served() const { return !markup_ || (!markup_->unserved && !markup_->source_only); }

 private:
  const field_markup& markup() const;
  void set_markup(field_markup m);
  /// Held apart and shared by copies: most texts have no codes and no shape, and a large
  /// catalog holds millions of texts, each twice while the model is built.
  std::shared_ptr<const field_markup> markup_;
};

/// The text of a unit marked not for translation (field_text::source_only) in a target locale: its
/// own English as its text and made_from.
field_text source_only_text(std::string name, shared_text english, source_location where);

/// Calls visit(source, target, where) for each unit of translation a field's format gives: its
/// segments, or, for a field the format does not split but says the English of (an XLIFF 1.2
/// trans-unit), the field itself. Returns whether there was any.
template <typename Visit>
bool for_each_unit(const field_text& f, Visit visit) {
  for (const segment& s : f.segments) visit(s.source, s.target, s.where);
  if (f.segments.empty() && f.made_from) visit(*f.made_from, f.text, f.where);
  return !f.segments.empty() || f.made_from.has_value();
}

/// What an entry says about its locale's text.
enum class origin : std::uint8_t {
  source,          ///< an English page or source-language file: the definition of the message
  derived_source,  ///< English recovered from a bilingual file (sxs source spans, XLIFF <source>)
  translation,     ///< a target-locale text
};

/// One message in one locale, as one file gives it.
struct entry {
  std::string id;
  std::string locale;  ///< canonical BCP 47
  origin kind = origin::source;
  state st = state::translated;
  std::optional<std::uint32_t> code;
  source_location code_where;  ///< where the code is given (front matter `code:`)
  std::vector<field_text> fields;
  source_location where;  ///< where the message is named (title line, trans-unit)
  /// Files that name a page other than by ID (markdown `ms.assetid`), to match translations.
  std::string asset_id;
};

/// A field of a merged message: its name and its text per locale.
struct field {
  std::string name;
  locale_map<field_text> by_locale;  // locale -> text
};

/// A message with every locale's text.
struct message {
  std::string id;
  std::optional<std::uint32_t> code;
  source_location code_where;
  source_location where;  ///< definition in the source locale
  bool explicit_source = false;
  std::vector<field> fields;                 ///< in source order
  locale_map<state> states;                  // locale -> state of its text
  locale_map<source_location> locale_where;  // locale -> where that text is
  const field* find_field(const std::string& name) const;
};

/// A numeric code table: trace-code name -> value (a message matches by its last dotted part).
struct code_table {
  std::map<std::string, std::uint32_t> by_name;
  std::map<std::string, source_location> where;
};

/// All messages, sorted by ID, and the locales they have.
struct catalog {
  std::string source_locale = "en";
  std::vector<message> messages;     ///< sorted by id
  std::vector<std::string> locales;  ///< sorted, includes source_locale
  /// Target locales the XLIFF sources declare, sorted, whether or not they translate anything
  /// yet (a file just extracted): to count as wholly untranslated.
  std::vector<std::string> declared_locales;
  const message* find(const std::string& id) const;
};

/// Merges entries into a catalog, reporting duplicates, orphans and stale translations.
/// Entries may come in any order; the result depends only on their set. Large catalogs are
/// built on `jobs` threads (0: one per core), with the same result for any number.
catalog build_catalog(std::vector<entry> entries, const code_table& codes,
                      const std::string& source_locale, diagnostic_sink& sink, unsigned jobs = 0);

}  // namespace diaglot::model
