// diaglot: the fixed-width string hash shared by the compiler (which builds the perfect hash) and
// the runtime (which queries it). It must give the same value on every host, whatever its word
// size or byte order, because a table generated on one machine is queried on another.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

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

/// Reads n (1..8) bytes as a little-endian integer, so the hash does not depend on byte order.
inline std::uint64_t load_le(const char* p, std::size_t n) noexcept {
  std::uint64_t v = 0;
  if (n == 8) {
    std::memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
  }
  for (std::size_t i = 0; i < n; ++i)
    v |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  return v;
}

inline constexpr std::uint64_t hash_k0 = 0xa0761d6478bd642full;
inline constexpr std::uint64_t hash_k1 = 0xe7037ed1a0b428dbull;
inline constexpr std::uint64_t hash_k2 = 0x8ebc6af09c88c6e3ull;

/// Hashes the bytes of s with a seed. Eight bytes per step; one multiply per step.
inline std::uint64_t hash_bytes(std::string_view s, std::uint64_t seed) noexcept {
  const char* p = s.data();
  std::size_t n = s.size();
  std::uint64_t h = seed ^ mum(n ^ hash_k0, hash_k1);
  while (n > 8) {
    h = mum(h ^ load_le(p, 8), hash_k1 ^ hash_k2);
    p += 8;
    n -= 8;
  }
  // The last 1..8 bytes (or none for an empty string); reading them ends every string the same way.
  const std::uint64_t tail = n ? load_le(p, n) : 0;
  return mum(h ^ tail ^ hash_k2, hash_k0 ^ n);
}

/// Mixes a perfect-hash pilot (a small integer) into a well-spread 64-bit value.
constexpr std::uint64_t mix_pilot(std::uint64_t pilot) noexcept {
  return mum(pilot ^ hash_k2, hash_k1);
}

/// The slot (0..n-1) that a key with hash h takes under a pilot, given mix_pilot(pilot).
/// The key is mixed again after the pilot: taking the slot straight from (h ^ pilot_mix) would
/// only move a bucket's keys together, keeping their distances, so a bucket that did not fit
/// at one pilot would fit at few others, and two keys whose top bits agree would never part.
constexpr std::uint32_t pilot_slot(std::uint64_t h, std::uint64_t pilot_mix,
                                   std::uint32_t n) noexcept {
  const std::uint64_t x = mum(h ^ pilot_mix, hash_k0);
  return static_cast<std::uint32_t>(((x >> 32) * n) >> 32);
}

}  // namespace diaglot::detail
