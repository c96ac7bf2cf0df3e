// diaglot runtime: query a compiled message table by string ID, numeric code or typed ID, in a
// locale resolved once. No ICU, no allocation, no exceptions; safe to share between threads.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "diaglot/hash.hpp"
#include "diaglot/table.hpp"

namespace diaglot {

/// A catalog locale, resolved once from a request and reused for every lookup. It knows the
/// catalog it came from: given to another catalog (a service with several), it stands for the
/// same tag there, resolved as that catalog's locale() would (a step off the fast path).
class locale {
 public:
  constexpr locale() noexcept = default;
  /// Locale `index` of whichever catalog it is given to (its source locale when out of range).
  constexpr explicit locale(std::uint16_t index) noexcept : index_(index) {}
  /// Locale `index` of the catalog whose table is `t`.
  constexpr locale(const detail::table& t, std::uint16_t index) noexcept
      : index_(index), table_(&t) {}
  constexpr std::uint16_t index() const noexcept { return index_; }
  /// The table of the catalog it came from; null for an index alone.
  constexpr const detail::table* table() const noexcept { return table_; }
  friend constexpr bool operator==(locale a, locale b) noexcept {
    return a.index_ == b.index_ && a.table_ == b.table_;
  }
  friend constexpr bool operator!=(locale a, locale b) noexcept { return !(a == b); }

 private:
  std::uint16_t index_ = 0;
  const detail::table* table_ = nullptr;
};

/// A message named in generated code: a direct index into its catalog, and that catalog's table
/// (null: whichever catalog the ID is given to, as for message_id{index}).
struct message_id {
  std::uint32_t index;
  const detail::table* table = nullptr;
};

/// A message named in generated code that takes N arguments, with their names in the order a call
/// passes them ("0", "1", ... for `{0}`, `{1}`; then `{name}`s as the source first uses them).
/// diaglot::format (diaglot/format.hpp) rejects another count at compile time. A message without
/// arguments has a plain message_id.
template <std::size_t N>
struct message_id_n : message_id {
  static_assert(N > 0, "a message without arguments has a plain message_id");
  std::string_view names[N];
};

namespace detail {

/// The slot of a key with hash h in a perfect hash over n keys (n > 0); full() gives the hash
/// that places it when its bucket is marked bucket_rehash.
template <typename FullHash>
inline std::uint32_t hash_slot(const perfect_hash& ph, std::uint64_t h, std::uint32_t n,
                               FullHash full) noexcept {
  const auto bucket =
      static_cast<std::uint32_t>(((h >> 32) * std::uint64_t{ph.bucket_count}) >> 32);
  const std::uint32_t entry = ph.bucket[bucket];
  if (entry & bucket_direct) return entry & ~bucket_direct;
#if defined(__GNUC__)
  if (__builtin_expect((entry & bucket_rehash) != 0, 0))
#else
  if (entry & bucket_rehash)
#endif
    return pilot_slot(full(), entry & ~bucket_rehash, n);
  return pilot_slot(h, entry, n);
}

/// The same where no bucket is marked (numeric codes).
inline std::uint32_t hash_slot(const perfect_hash& ph, std::uint64_t h, std::uint32_t n) noexcept {
  return hash_slot(ph, h, n, [h] { return h; });
}

/// The key record of a slot.
inline const unsigned char* key_record(const table& t, std::size_t slot) noexcept {
  return t.key_records + (slot << t.key_record_shift);
}

/// The ID a key record holds, in the record or among the long keys (not for an empty table's
/// record).
inline std::string_view key_in(const unsigned char* record,
                               const unsigned char* long_keys) noexcept {
  if (record[0] != 0) return {reinterpret_cast<const char*>(record + 1), record[0]};
  const unsigned char* stored = long_keys + load_le<std::uint32_t>(record + 1);
  return {reinterpret_cast<const char*>(stored + 4), load_le<std::uint32_t>(stored)};
}

}  // namespace detail

/// A view of one message in one locale. Valid as long as its catalog's table.
class message {
 public:
  constexpr message(const detail::table* t, std::uint32_t index, locale requested) noexcept
      : t_(t), index_(index), requested_(requested) {}

  /// The string ID. The table holds a NUL after it, so id().data() is also a C string.
  std::string_view id() const noexcept {
    return detail::key_in(detail::key_record(*t_, index_), t_->long_keys);
  }
  std::optional<std::uint32_t> code() const noexcept {
    const std::uint32_t c = t_->message_code[index_];
    return c == detail::no_code ? std::nullopt : std::optional<std::uint32_t>(c);
  }
  /// The locale that was asked for.
  diaglot::locale requested_locale() const noexcept { return requested_; }

  /// The message's fields, in source order.
  std::size_t field_count() const noexcept {
    return t_->message_fields[index_ + 1] - t_->message_fields[index_] +
           (t_->message_main[index_] != detail::no_main ? 1 : 0);
  }
  std::string_view field_name(std::size_t i) const noexcept {
    return detail::pool_at(*t_, t_->field_name[field_index(i)]);
  }
  std::string_view field_text(std::size_t i) const noexcept { return text_of(field_index(i)); }
  /// The locale that served field i: the requested one, or the fallback that had a text.
  diaglot::locale field_locale(std::size_t i) const noexcept { return locale_of(field_index(i)); }

  /// The main text: a markdown page's summary, an XLIFF unit's text; empty when it has none.
  std::string_view text() const noexcept { return text_of(index_); }
  /// The locale that served text().
  diaglot::locale locale() const noexcept { return locale_of(index_); }
  /// A field by name ("summary", "description", ...), empty when the message has none.
  std::string_view field(std::string_view name) const noexcept {
    for (std::size_t i = 0, n = field_count(); i < n; ++i)
      if (field_name(i) == name) return field_text(i);
    return {};
  }

 private:
  /// The table's field for the message's field i (source order).
  std::size_t field_index(std::size_t i) const noexcept {
    const std::uint32_t main = t_->message_main[index_];
    if (i == main) return index_;
    return t_->message_fields[index_] + i - (main != detail::no_main && i > main ? 1 : 0);
  }
  std::uint64_t entry(std::size_t field) const noexcept {
    return t_->texts[requested_.index()][field];
  }
  std::string_view text_of(std::size_t field) const noexcept {
    const std::uint64_t e = entry(field);
    return {detail::pool_at(*t_, static_cast<std::uint32_t>(e)), detail::text_length(e)};
  }
  diaglot::locale locale_of(std::size_t field) const noexcept {
    const auto step = static_cast<std::uint32_t>((entry(field) >> detail::text_step_shift) &
                                                 detail::text_step_mask);
    return diaglot::locale(*t_,
                           t_->locale_chain[t_->locale_chain_start[requested_.index()] + step]);
  }

  const detail::table* t_;
  std::uint32_t index_;
  diaglot::locale requested_;
};

/// A compiled catalog: generated code defines one per table.
class catalog {
 public:
  constexpr explicit catalog(const detail::table& t) noexcept : t_(&t) {}

  /// Finds a message by its string ID.
  std::optional<message> find(std::string_view id, diaglot::locale l) const noexcept {
    const detail::table& t = *t_;
    const std::uint64_t seed = t.id_hash.seed;
    const std::size_t index =
        detail::hash_slot(t.id_hash, detail::hash_id(id, t.id_sample, seed), t.message_count,
                          [id, seed] { return detail::hash_bytes(id, seed); });
    const unsigned char* record = detail::key_record(t, index);
    // An empty table has one bucket, which leads to slot 0, whose record has length 0: tested
    // only where a record says its ID is kept apart, off the common path.
    if (record[0] == 0 && t.message_count == 0) return std::nullopt;
    const std::string_view key = detail::key_in(record, t.long_keys);
    if (key.size() != id.size() || std::memcmp(key.data(), id.data(), id.size()) != 0)
      return std::nullopt;
    return message(t_, static_cast<std::uint32_t>(index), own(l));
  }

  /// Finds a message by its numeric code (e.g. a WCF trace code such as 0x4000F).
  std::optional<message> find(std::uint32_t code, diaglot::locale l) const noexcept {
    const std::uint32_t n = t_->code_count;
    if (n == 0) return std::nullopt;
    const std::uint32_t slot =
        detail::hash_slot(t_->code_hash, detail::hash_code(code, t_->code_hash.seed), n);
    if (t_->code_value[slot] != code) return std::nullopt;
    return message(t_, t_->code_message[slot], own(l));
  }

  /// A message named by a typed ID from the generated header: a direct index. An ID of another
  /// catalog (two catalogs in one namespace share `ids`) names a message of its own catalog: the
  /// comparison folds away where the ID is the generated constant. A locale of another catalog
  /// is adopted, as find() adopts it.
  message get(message_id id, diaglot::locale l) const noexcept {
    if (id.table && id.table != t_) {  // off the fast path: the ID's catalog
      const catalog home(*id.table);
      return home.get({id.index, nullptr}, l);
    }
    assert(id.index < t_->message_count && "a typed ID of another catalog, made by hand");
    return message(t_, id.index, own(l));
  }

  std::size_t size() const noexcept { return t_->message_count; }
  /// The i-th message in table order (for listing; not sorted by ID).
  message at(std::size_t i, diaglot::locale l) const noexcept {
    return message(t_, static_cast<std::uint32_t>(i), own(l));
  }

  std::size_t locale_count() const noexcept { return t_->locale_count; }
  diaglot::locale source_locale() const noexcept {
    return diaglot::locale(*t_, static_cast<std::uint16_t>(t_->source_locale));
  }
  /// The canonical BCP 47 tag of a catalog locale.
  std::string_view tag(diaglot::locale l) const noexcept {
    return detail::pool_at(*t_, t_->locale_tag[own(l).index()]);
  }
  /// `l` as a locale of this catalog: itself when it came from here (one comparison), else the
  /// locale its tag resolves to here.
  diaglot::locale own(diaglot::locale l) const noexcept {
#if defined(__GNUC__)
    if (__builtin_expect(l.table() == t_, 1)) return l;
#else
    if (l.table() == t_) return l;
#endif
    return adopt(l);
  }

  /// Resolves a locale name (BCP 47 "ko-KR", POSIX "ko_KR.UTF-8" or "sr_RS@latin", Windows
  /// "zh-CHT", "C") to a catalog locale: the one with that tag, else the one ICU's LocaleMatcher
  /// would choose for it (with the source locale as default); "C" and "POSIX" give the source.
  diaglot::locale locale(std::string_view name) const noexcept;

  /// Picks the catalog locale for a preference list as ICU's LocaleMatcher would (its CLDR
  /// distances, with the source locale as default): an HTTP Accept-Language value
  /// ("fr-CH, ko;q=0.8", RFC 9110; malformed items are skipped) or a colon list as in LANGUAGE
  /// ("ko:ja:en"). Reads at most max_preferences list elements.
  diaglot::locale negotiate(std::string_view preferences) const noexcept;
  /// The same for a list of tags or names, most preferred first.
  diaglot::locale negotiate(const std::string_view* tags, std::size_t count) const noexcept;

  /// Why negotiate() chose what it chose.
  struct negotiation {
    enum class reason : std::uint8_t {
      same,     ///< an item has the catalog locale's language, script and region
      closest,  ///< the closest catalog locale by CLDR distance, within ICU's threshold
      neutral,  ///< "C" or "POSIX" in a colon list: the untranslated source
      none,     ///< nothing acceptable: the source locale, as the default
    };
    diaglot::locale chosen;
    reason why = reason::none;
    std::string_view item;      ///< the preference that decided, as written (a view into the input)
    std::uint16_t quality = 0;  ///< its q-value in thousandths
    std::uint16_t distance = 0;    ///< LocaleMatcher's distance, in eighths of a CLDR point
    std::uint16_t considered = 0;  ///< items weighed before the choice was made
    std::uint16_t skipped = 0;     ///< malformed items skipped
  };
  /// negotiate(), saying why.
  negotiation explain(std::string_view preferences) const noexcept;

  /// List elements read at most (empty and malformed ones included); later ones are ignored, so
  /// that the work is bounded whatever the input.
  static constexpr std::size_t max_preferences = 256;

  const detail::table& data() const noexcept { return *t_; }

 private:
  diaglot::locale adopt(diaglot::locale foreign) const noexcept;

  const detail::table* t_;
};

}  // namespace diaglot
