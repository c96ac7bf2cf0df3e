// diaglot: the layout of a compiled message table. The compiler emits one of these as constant data
// (generated .cpp files) or builds one in memory (`diaglot lookup`); the runtime reads both the
// same way. Plain integers, string pools and integer arrays stored as little-endian bytes: no
// per-string pointers, no constructors.
#pragma once

#include <cstddef>
#include <cstdint>
#if !defined(__GNUC__)
#include <cstring>  // GCC and Clang have the builtin, and generated sources compile faster without
#endif

namespace diaglot {

/// Bumped whenever the meaning of a table field changes; generated code static_asserts it.
inline constexpr std::uint32_t table_layout_version = 10;

namespace detail {

inline constexpr std::uint32_t no_code = 0xffffffffu;
inline constexpr std::uint32_t no_main = 0xffffffffu;
inline constexpr std::uint32_t pilot_direct = 0x80000000u;  // pilot holds the slot itself
inline constexpr std::uint32_t pilot_rehash = 0x40000000u;  // keys placed by their full hash
/// A stored bucket entry with this bit holds its key's slot; without it, the mixed pilot (below
/// 2^30), and bucket_rehash when the bucket's keys are placed by their full hash (IDs whose
/// sampled hash is shared; see hash_sample).
inline constexpr std::uint32_t bucket_direct = 0x80000000u;
inline constexpr std::uint32_t bucket_rehash = 0x40000000u;
/// A match answer: (distance << 16) | catalog locale, distance in ICU LocaleMatcher's units.
inline constexpr std::uint32_t no_match = 0xffffffffu;

/// A text entry: the pool offset (bits 0-31), the step on the requested locale's fallback chain
/// that served it (bits 32-35; 0: the locale itself), and the length in bytes (bits 36-63, so
/// that one shift gives it).
inline constexpr unsigned text_length_shift = 36;
inline constexpr std::uint64_t text_length_mask = (std::uint64_t{1} << 28) - 1;
inline constexpr unsigned text_step_shift = 32;
inline constexpr std::uint64_t text_step_mask = 15;

/// The length of a text entry, as a size: a cast only where size_t is narrower (a template, so
/// that the branch not taken is not compiled: GCC's -Wuseless-cast in users' builds).
template <typename Size = std::size_t>
inline Size text_length(std::uint64_t entry) noexcept {
  if constexpr (sizeof(Size) < sizeof(std::uint64_t))
    return static_cast<Size>(entry >> text_length_shift);
  else
    return entry >> text_length_shift;
}

/// Reads the little-endian T at p, whatever the host's byte order (one load on x86 and ARM).
template <typename T>
inline T load_le(const unsigned char* p) noexcept {
  T v;
#if defined(__GNUC__)
  __builtin_memcpy(&v, p, sizeof v);
#else
  std::memcpy(&v, p, sizeof v);
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  if constexpr (sizeof(T) == 8)
    v = __builtin_bswap64(v);
  else if constexpr (sizeof(T) == 4)
    v = __builtin_bswap32(v);
#endif
  return v;
}

/// An array of T stored as little-endian bytes. Generated code writes the big arrays so, as
/// string literals, which a compiler reads many times faster than lists of numbers; the bytes
/// are read with memcpy, so no object is accessed through a pointer of another type.
template <typename T>
struct le_array {
  const unsigned char* bytes;
  T operator[](std::size_t i) const noexcept { return load_le<T>(bytes + i * sizeof(T)); }
};

/// A minimal perfect hash (hash-and-displace): the bucket from the high 32 bits of the key's
/// hash, the slot from the hash multiplied by the bucket's mixed pilot, or the slot stored
/// directly.
struct perfect_hash {
  std::uint64_t seed;
  std::uint32_t bucket_count;
  le_array<std::uint32_t> bucket;  ///< bucket_direct | slot, or mix_pilot(pilot)
};

/// Which bytes of an ID the hash that finds its bucket reads, chosen by the compiler for each
/// table as gperf chooses key positions: 16 bytes from an offset from the ID's start, 16 bytes
/// that end an offset before its end (both clamped into the ID), and the ID's length. So a lookup
/// hashes 32 bytes however long the ID, then reads the whole ID once, comparing it with the one
/// record the hash leads to. The compiler picks the offsets that leave the fewest IDs sharing
/// their sample; a bucket that holds such IDs is marked bucket_rehash, and its keys are placed by
/// the hash of the whole ID. IDs shorter than sample_min_length bytes, and every ID when
/// `sampled` is 0, are hashed whole.
struct hash_sample {
  std::uint32_t sampled;
  std::uint16_t from_start;
  std::uint16_t from_end;
};
inline constexpr std::size_t window_size = 16;
inline constexpr std::size_t sample_min_length = window_size + 1;

struct table {
  std::uint32_t layout_version;

  /// Every string but the IDs, NUL-terminated. The pool is split in shards (one per generated
  /// source file): an offset's high bits (from pool_shard_bits up) pick the shard, the low bits
  /// are the byte in it. One shard: pool_shard_bits is 32.
  const char* const* pool_shard;
  std::uint32_t pool_shard_bits;

  // Locales: index 0..locale_count-1, sorted by tag; `source_locale` is where every chain ends.
  std::uint32_t locale_count;
  std::uint32_t source_locale;
  const std::uint32_t* locale_tag;  ///< canonical BCP 47 tag
  const std::uint32_t*
      locale_likely;  ///< [3*i]: language, script, region after adding likely subtags
  /// [2*i]: (rank << 3) | flags, and the locale LocaleMatcher answers with for a request with
  /// locale i's subtags: flags say which subtags the tag gave (4 language, 2 script, 1 region),
  /// rank is the place in LocaleMatcher's order (default, paradigm locales, the rest); locales
  /// with the same subtags and flags share the first one's rank and answer.
  const std::uint32_t* locale_match;

  // Locale matching: what ICU's LocaleMatcher (CLDR data) answers for this catalog, with the
  // source locale as its default, baked by the compiler for every request that can match.
  /// Likely subtags of the languages requests can match with, sorted by key ("ko", "zh-TW",
  /// "zh-Hant"): a language's script and region, and the regions and scripts that differ. A
  /// language ICU's likely-subtags data does not know ("sh", "tlh") has an empty script and
  /// region, and takes the facts of "und" ("und", "und-RS", "und-Cyrl") instead.
  std::uint32_t likely_count;
  const std::uint32_t* likely;  ///< [3*i]: key, script, region
  /// Codes ICU replaces before matching ("iw" -> "he", "kor" -> "ko", "DD" -> "DE"), sorted.
  std::uint32_t alias_count;
  const std::uint32_t* alias;  ///< [2*i]: code, replacement
  /// Answers by language and script ("ko-Kore"; "ko" alone: any script without a rule), sorted.
  std::uint32_t match_rule_count;
  /// [4*i]: key, answer for any region not listed, first listed region, listed regions.
  const std::uint32_t* match_rule;
  /// Listed regions, ascending within a rule: (region code << 16) | index into match_answer.
  /// Region codes: AA..ZZ are 0..675, 000..999 are 676..1675.
  const std::uint32_t* match_region;
  std::uint32_t match_answer_count;
  const std::uint32_t* match_answer;  ///< answers (see no_match)

  // Messages, in perfect-hash slot order.
  std::uint32_t message_count;
  /// The string IDs, one record of 2^key_record_shift bytes (16 to 128) per slot, at an address
  /// aligned to 64: the slot gives the record, with no offset to read first, and a record of up
  /// to 64 bytes is one cache line. A record holds the ID's length in its first byte, then the
  /// ID and a NUL; an ID too long for its record has length 0 there and, in the next 4 bytes,
  /// where it is in long_keys. The rest of a record is filler. An empty table has one record, of
  /// length 0.
  std::uint32_t key_record_shift;
  const unsigned char* key_records;
  /// The IDs too long for a record: each its length (4 bytes), then its bytes and a NUL.
  const unsigned char* long_keys;
  le_array<std::uint32_t> message_code;  ///< numeric code or no_code
  /// [message_count + 1]: the first of each message's fields other than its main one.
  le_array<std::uint32_t> message_fields;
  /// Where the main field (a markdown page's summary, an XLIFF unit's text) is among the
  /// message's fields in source order, or no_main.
  le_array<std::uint32_t> message_main;
  perfect_hash id_hash;  ///< over the IDs, hashed as id_sample says
  hash_sample id_sample;

  // Fields: first the main field of each message, at the message's own index (an empty text
  // when it has none), so that text() is one access; then the other fields, message by message,
  // in source order.
  std::uint32_t field_count;
  le_array<std::uint32_t> field_name;
  /// [locale][field]: the text served for each field after fallback, as a text entry.
  const le_array<std::uint64_t>* texts;
  /// [locale_count + 1]: where each locale's fallback chain starts in locale_chain; a chain
  /// starts with the locale itself and ends with the source locale.
  const std::uint32_t* locale_chain_start;
  const std::uint16_t* locale_chain;

  // Numeric codes, in the slots of their own perfect hash (over the code's 4 bytes, little
  // endian), with the message each belongs to.
  std::uint32_t code_count;
  le_array<std::uint32_t> code_value;
  le_array<std::uint32_t> code_message;
  perfect_hash code_hash;
};

/// The string at a pool offset.
inline const char* pool_at(const table& t, std::uint32_t offset) noexcept {
  // One shard (the common case): no shift and no mask, and the test kept on the straight path.
#if defined(__GNUC__)
  if (__builtin_expect(t.pool_shard_bits == 32, 1)) return t.pool_shard[0] + offset;
#else
  if (t.pool_shard_bits == 32) return t.pool_shard[0] + offset;
#endif
  const std::uint64_t mask = (std::uint64_t{1} << t.pool_shard_bits) - 1;
  return t.pool_shard[std::uint64_t{offset} >> t.pool_shard_bits] + (offset & mask);
}

}  // namespace detail
}  // namespace diaglot
