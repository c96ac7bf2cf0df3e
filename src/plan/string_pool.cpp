// diaglot compiler: the table's string pool (see string_pool.hpp).
#include "plan/string_pool.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "diaglot/hash.hpp"
#include "util/parallel.hpp"
#include "util/prefetch.hpp"
#include "util/string_view_map.hpp"

namespace diaglot::plan {

namespace {

/// Below this many deferred strings resolve() stays on the calling thread.
constexpr std::size_t min_parallel = 4096;

/// How many strings ahead resolve() asks for the bytes of the string it will hash.
constexpr std::size_t prefetch_ahead = 8;

}  // namespace

string_pool::string_pool(pool_bytes& out, std::size_t strings, std::size_t bytes)
    : out_(out), most_(strings) {
  slots_.assign(half_full_capacity(most_), slot{});
  out_.clear();
  out_.reserve(bytes + 1);
  add("");
}

std::size_t string_pool::find(std::string_view s, std::uint64_t h) const {
  const auto tag = static_cast<std::uint32_t>(h >> 32);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = static_cast<std::size_t>(h) & mask;
  for (; slots_[i].offset != empty; i = (i + 1) & mask)
    if (slots_[i].tag == tag && holds(slots_[i].offset, s)) return i;
  return i;
}

bool string_pool::holds(std::uint32_t offset, std::string_view s) const {
  return out_.size() - offset > s.size() && out_[offset + s.size()] == '\0' &&
         std::memcmp(out_.data() + offset, s.data(), s.size()) == 0;
}

std::uint32_t string_pool::add(std::string_view s) {
  if (resolved_) throw std::logic_error("diaglot: a string added to a resolved pool");
  // Refused before it is looked up: "a\0b" would otherwise be found as the "a" before a "b".
  if (std::memchr(s.data(), '\0', s.size()) != nullptr)
    throw std::invalid_argument("diaglot: a string for the table holds a NUL byte");
  const std::uint64_t h = detail::hash_bytes(s, 0);
  const std::size_t i = find(s, h);
  if (slots_[i].offset != empty) return slots_[i].offset;
  if (out_.size() + s.size() + 1 >= empty)
    throw std::length_error("diaglot: the string pool exceeds 4 GiB");
  if (++count_ > most_) throw std::logic_error("diaglot: more pool strings than announced");
  const auto offset = static_cast<std::uint32_t>(out_.size());
  out_.insert(out_.end(), s.begin(), s.end());
  out_.push_back('\0');
  slots_[i] = {offset, static_cast<std::uint32_t>(h >> 32)};
  return offset;
}

std::uint32_t string_pool::defer(std::string_view s) {
  if (resolved_) throw std::logic_error("diaglot: a string deferred to a resolved pool");
  if (deferred_.size() >= empty) throw std::length_error("diaglot: too many pool strings");
  deferred_.push_back(s);
  return static_cast<std::uint32_t>(deferred_.size() - 1);
}

std::vector<std::uint32_t> string_pool::resolve(unsigned jobs) {
  if (resolved_) throw std::logic_error("diaglot: a string pool resolved twice");
  resolved_ = true;
  const std::size_t n = deferred_.size();
  const std::size_t parts = n < min_parallel ? 1 : parallel::range_threads(jobs);
  const auto each_part = [&](const auto& work) {
    parallel::for_each_index(parts, jobs, [&](std::size_t part) {
      work(part, n * part / parts, n * (part + 1) / parts);
    });
  };
  // Reading the strings (scattered over the catalog's blocks) is most of the work: they are
  // hashed, and looked up among the strings added directly, on every thread at once.
  std::vector<std::uint64_t> hash(n);
  std::vector<std::uint32_t> offset(n, empty);
  std::vector<char> has_nul(parts, 0);
  each_part([&](std::size_t part, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      // The strings are read in turn from blocks scattered over the catalog: the one some
      // strings ahead is asked for, so that its bytes come while these are hashed.
      if (i + prefetch_ahead < end) {
        const std::string_view next = deferred_[i + prefetch_ahead];
        prefetch(next.data(), next.size());
      }
      const std::string_view s = deferred_[i];
      if (std::memchr(s.data(), '\0', s.size()) != nullptr) {
        has_nul[part] = 1;
        continue;
      }
      hash[i] = detail::hash_bytes(s, 0);
      offset[i] = slots_[find(s, hash[i])].offset;
    }
  });
  if (std::find(has_nul.begin(), has_nul.end(), 1) != has_nul.end())
    throw std::invalid_argument("diaglot: a string for the table holds a NUL byte");

  // The first ticket of each new string: strings are split between the threads by their hash,
  // so equal ones meet on one thread, which takes its tickets in order.
  std::vector<std::uint32_t> first(n, empty);
  each_part([&](std::size_t part, std::size_t, std::size_t) {
    const auto mine = [&](std::size_t i) {
      return offset[i] == empty && (hash[i] >> 32) % parts == part;
    };
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i) count += mine(i) ? 1 : 0;
    std::vector<std::uint32_t> table(half_full_capacity(count), empty);  // tickets
    const std::size_t mask = table.size() - 1;
    for (std::size_t i = 0; i < n; ++i) {
      if (!mine(i)) continue;
      std::size_t k = static_cast<std::size_t>(hash[i]) & mask;
      for (; table[k] != empty; k = (k + 1) & mask) {
        const std::uint32_t t = table[k];
        if (hash[t] == hash[i] && deferred_[t] == deferred_[i]) break;
      }
      if (table[k] == empty) table[k] = static_cast<std::uint32_t>(i);
      first[i] = table[k];
    }
  });

  // Offsets in ticket order (no string is read here), then the new strings' bytes copied in
  // on every thread, each with its NUL: every byte resize() adds is written there.
  std::size_t size = out_.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (offset[i] != empty) continue;
    if (first[i] != i) {
      offset[i] = offset[first[i]];
      continue;
    }
    if (size + deferred_[i].size() + 1 >= empty)
      throw std::length_error("diaglot: the string pool exceeds 4 GiB");
    offset[i] = static_cast<std::uint32_t>(size);
    size += deferred_[i].size() + 1;
  }
  out_.resize(size);
  each_part([&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      if (first[i] == i) {
        std::memcpy(&out_[offset[i]], deferred_[i].data(), deferred_[i].size());
        out_[offset[i] + deferred_[i].size()] = '\0';
      }
  });
  std::vector<std::string_view>().swap(deferred_);
  return offset;
}

}  // namespace diaglot::plan
