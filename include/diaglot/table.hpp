// diaglot: the layout of a compiled message table. The compiler emits one of these as constant data
// (generated .cpp) or builds one in memory (`diaglot lookup`); the runtime reads both the same way.
// Plain integers and one string pool: no per-string pointers, no constructors.
#pragma once

#include <cstdint>

namespace diaglot {

/// Bumped whenever the meaning of a table field changes; generated code static_asserts it.
inline constexpr std::uint32_t table_layout_version = 2;

namespace detail {

inline constexpr std::uint32_t no_code = 0xffffffffu;
inline constexpr std::uint32_t pilot_direct = 0x80000000u;  // pilot holds the slot itself

struct table {
  std::uint32_t layout_version;

  /// Every string, NUL-terminated; all string references below are byte offsets into it.
  const char* pool;
  std::uint32_t pool_size;

  // Locales: index 0..locale_count-1, sorted by tag; `source_locale` is where every chain ends.
  std::uint32_t locale_count;
  std::uint32_t source_locale;
  const std::uint32_t* locale_tag;     ///< canonical BCP 47 tag
  const std::uint32_t* locale_likely;  ///< [3*i]: language, script, region after adding likely subtags

  // CLDR likely-subtags facts the catalog's languages need, sorted by key ("ko", "zh-TW", "zh-Hant").
  std::uint32_t likely_count;
  const std::uint32_t* likely;  ///< [3*i]: key, script, region

  // Messages, in perfect-hash slot order.
  std::uint32_t message_count;
  const std::uint32_t* message_id;      ///< string ID
  const std::uint32_t* message_code;    ///< numeric code or no_code
  const std::uint32_t* message_fields;  ///< [message_count + 1]: first field of each message

  // Fields of all messages, message by message, in source order.
  std::uint32_t field_count;
  const std::uint32_t* field_name;
  /// [field * locale_count + locale]: the text served for that locale after fallback ...
  const std::uint32_t* slot_text;
  /// ... and the locale that text really is in (the requested one, or a fallback).
  const std::uint16_t* slot_locale;

  // Minimal perfect hash over string IDs (hash-and-displace).
  std::uint64_t hash_seed;
  std::uint32_t bucket_count;
  const std::uint32_t* bucket_pilot;

  // Numeric codes, ascending, with the message each belongs to.
  std::uint32_t code_count;
  const std::uint32_t* code_value;
  const std::uint32_t* code_message;
};

}  // namespace detail
}  // namespace diaglot
