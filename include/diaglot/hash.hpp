// diaglot: the fixed-width string hash shared by the compiler (which builds the perfect hash) and
// the runtime (which queries it). It must give the same value on every host, whatever its word
// size or byte order, because a table generated on one machine is queried on another.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "diaglot/table.hpp"

namespace diaglot::detail {

/// 64x64 -> 128 bit multiply, folded to 64 bits by xor (the "mum" mix).
constexpr std::uint64_t mum(std::uint64_t a, std::uint64_t b) noexcept {
#if defined(__SIZEOF_INT128__)
  __extension__ typedef unsigned __int128 uint128;  // no -pedantic warning in user builds
  const uint128 r = static_cast<uint128>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
#else
  const std::uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32;
  const std::uint64_t b_lo = b & 0xffffffffu, b_hi = b >> 32;
  const std::uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi;
  const std::uint64_t hi_hi = a_hi * b_hi;
  const std::uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xffffffffu) + lo_hi;
  const std::uint64_t hi = (hi_lo >> 32) + (cross >> 32) + hi_hi;
  const std::uint64_t lo = (cross << 32) | (lo_lo & 0xffffffffu);
  return lo ^ hi;
#endif
}

/// Reads 8 bytes as a little-endian integer, so the hash does not depend on byte order.
inline std::uint64_t read64(const char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}

/// Reads 4 bytes as a little-endian integer.
inline std::uint64_t read32(const char* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap32(v);
#endif
  return v;
}

inline constexpr std::uint64_t hash_k0 = 0xa0761d6478bd642full;
inline constexpr std::uint64_t hash_k1 = 0xe7037ed1a0b428dbull;
inline constexpr std::uint64_t hash_k2 = 0x8ebc6af09c88c6e3ull;
inline constexpr std::uint64_t hash_k3 = 0x589965cc75374cc3ull;

/// Hashes the bytes of s with a seed, in the manner of wyhash: 16 bytes per multiply, three
/// independent lanes above 48 bytes, and the last bytes read with overlapping whole-word loads
/// rather than byte by byte, so an ID of 40-60 bytes costs a handful of multiplies.
inline std::uint64_t hash_bytes(std::string_view s, std::uint64_t seed) noexcept {
  const char* p = s.data();
  const std::size_t n = s.size();
  seed ^= mum(seed ^ hash_k0, hash_k1);
  std::uint64_t a, b;
  if (n <= 16) {
    if (n >= 4) {
      // Two overlapping pairs of 4-byte words cover any 4..16 bytes.
      const std::size_t q = (n >> 3) << 2;
      a = (read32(p) << 32) | read32(p + q);
      b = (read32(p + n - 4) << 32) | read32(p + n - 4 - q);
    } else if (n > 0) {
      a = (std::uint64_t{static_cast<unsigned char>(p[0])} << 16) |
          (std::uint64_t{static_cast<unsigned char>(p[n >> 1])} << 8) |
          static_cast<unsigned char>(p[n - 1]);
      b = 0;
    } else {
      a = b = 0;
    }
  } else {
    std::size_t i = n;
    if (i > 48) {
      std::uint64_t lane1 = seed, lane2 = seed;
      do {
        seed = mum(read64(p) ^ hash_k1, read64(p + 8) ^ seed);
        lane1 = mum(read64(p + 16) ^ hash_k2, read64(p + 24) ^ lane1);
        lane2 = mum(read64(p + 32) ^ hash_k3, read64(p + 40) ^ lane2);
        p += 48;
        i -= 48;
      } while (i > 48);
      seed ^= lane1 ^ lane2;
    }
    while (i > 16) {
      seed = mum(read64(p) ^ hash_k1, read64(p + 8) ^ seed);
      p += 16;
      i -= 16;
    }
    // The last 16 bytes of the string, overlapping what the loop read.
    a = read64(p + i - 16);
    b = read64(p + i - 8);
  }
  return mum(hash_k1 ^ n, mum(a ^ hash_k1, b ^ seed));
}

/// The hash of a numeric code: its 4 bytes, little endian.
inline std::uint64_t hash_code(std::uint32_t code, std::uint64_t seed) noexcept {
  const char bytes[4] = {static_cast<char>(code & 0xff), static_cast<char>((code >> 8) & 0xff),
                         static_cast<char>((code >> 16) & 0xff),
                         static_cast<char>((code >> 24) & 0xff)};
  return hash_bytes(std::string_view(bytes, 4), seed);
}

/// Where the window_size bytes a sample reads start in an ID of at least window_size bytes: at
/// `offset` from its start, or (from_end) ending `offset` before its end, clamped into the ID.
inline const char* sample_window(std::string_view id, std::size_t offset, bool from_end) noexcept {
  const std::size_t last = id.size() - window_size;
  const std::size_t clamped = offset < last ? offset : last;
  return id.data() + (from_end ? last - clamped : clamped);
}

/// The hash that finds a message ID's bucket (and its slot, unless the bucket is marked
/// bucket_rehash): its sampled bytes and length (see hash_sample), or the whole ID.
inline std::uint64_t hash_id(std::string_view id, const hash_sample& sample,
                             std::uint64_t seed) noexcept {
  const std::size_t n = id.size();
  if (sample.sampled == 0 || n < sample_min_length) return hash_bytes(id, seed);
  const char* head = sample_window(id, sample.from_start, false);
  const char* tail = sample_window(id, sample.from_end, true);
  // Two independent multiplies, xor-ed, and no third on top: each already spreads its 16 bytes
  // over the bits the bucket and the slot use, and a third would add its latency to every lookup
  // (measured: bench/README.md).
  return mum(read64(head) ^ seed ^ hash_k0, read64(head + 8) ^ hash_k1) ^
         mum(read64(tail) ^ seed ^ hash_k2, read64(tail + 8) ^ hash_k3 ^ n);
}

/// Mixes a perfect-hash pilot (a small integer) into an odd multiplier below 2^30; tables store
/// it mixed, so that a lookup does no mixing (the top two bits of a stored bucket are flags).
constexpr std::uint32_t mix_pilot(std::uint64_t pilot) noexcept {
  return static_cast<std::uint32_t>(mum(pilot ^ hash_k2, hash_k1) >> 34) | 1u;
}

/// The slot (0..n-1) that a key with hash h takes under a pilot, given mix_pilot(pilot): one
/// multiply-shift (bits 32-63 of h times the multiplier), then a multiply into 0..n-1.
/// Multiplying, rather than taking the slot straight from (h ^ pilot), makes the slots of a
/// bucket's keys move independently from one pilot to the next: with an xor they would keep
/// their distances, so a bucket that did not fit at one pilot would fit at few others.
constexpr std::uint32_t pilot_slot(std::uint64_t h, std::uint32_t pilot_mix,
                                   std::uint32_t n) noexcept {
  const std::uint64_t x = (h * pilot_mix) >> 32;
  return static_cast<std::uint32_t>((x * n) >> 32);
}

}  // namespace diaglot::detail
