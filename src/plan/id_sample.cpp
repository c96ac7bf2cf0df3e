#include "plan/id_sample.hpp"

#include <algorithm>
#include <cstdint>

#include "diaglot/hash.hpp"

namespace diaglot::plan {

namespace {

constexpr std::uint16_t offset_step = 4;
constexpr std::uint16_t offset_reach = 128;  // offsets from either end below this
constexpr std::size_t max_shared = 8;        // of the sampled IDs, at most one in this many

/// Counts the values that occur more than once, each occurrence, reusing its table: a count per
/// candidate offset without sorting.
class sharing_counter {
 public:
  std::size_t count(const std::vector<std::uint64_t>& values) {
    std::size_t size = 16;
    while (size < values.size() * 2) size *= 2;
    key_.assign(size, 0);
    seen_.assign(size, 0);
    std::size_t shared = 0;
    for (const std::uint64_t v : values) {
      std::size_t i = (v * 0x9e3779b97f4a7c15ull) >> 32 & (size - 1);
      while (seen_[i] != 0 && key_[i] != v) i = (i + 1) & (size - 1);
      key_[i] = v;
      // The second occurrence counts for the first too.
      shared += seen_[i] == 0 ? 0 : seen_[i] == 1 ? 2 : 1;
      ++seen_[i];
    }
    return shared;
  }

 private:
  std::vector<std::uint64_t> key_;
  std::vector<std::uint32_t> seen_;
};

/// The bytes of an ID that a window reads (detail::sample_window, as the runtime reads them),
/// folded into what is known of the ID.
std::uint64_t fold(std::uint64_t known, std::string_view id, std::uint16_t offset, bool from_end) {
  const char* at = detail::sample_window(id, offset, from_end);
  return detail::mum(detail::mum(known ^ detail::hash_k2, detail::read64(at) ^ detail::hash_k3),
                     detail::read64(at + 8) ^ detail::hash_k1);
}

struct chooser {
  std::vector<std::string_view> ids;   // those the sample hashes
  std::vector<std::uint64_t> lengths;  // what is known of each before a window is read
  std::vector<std::uint16_t> offsets;
  sharing_counter counter;
  std::vector<std::uint64_t> folded;

  /// The offset from the start (or end) that leaves the fewest IDs sharing what is known of them,
  /// and how many it leaves.
  std::pair<std::uint16_t, std::size_t> best(const std::vector<std::uint64_t>& known,
                                             bool from_end) {
    std::pair<std::uint16_t, std::size_t> out{0, ids.size() + 1};
    for (const std::uint16_t offset : offsets) {
      folded.clear();
      for (std::size_t i = 0; i < ids.size(); ++i)
        folded.push_back(fold(known[i], ids[i], offset, from_end));
      const std::size_t shared = counter.count(folded);
      if (shared < out.second) out = {offset, shared};
    }
    return out;
  }

  /// The best offset from one end given the length and the offset from the other end.
  std::pair<std::uint16_t, std::size_t> best_given(std::uint16_t other, bool from_end) {
    std::vector<std::uint64_t> known(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
      known[i] = fold(lengths[i], ids[i], other, !from_end);
    return best(known, from_end);
  }

  /// The best offset from one end alone, the best from the other given it, then the best from
  /// the first end again given that (the first choice was made blind to the other end): the
  /// sample and the IDs that still share theirs.
  std::pair<detail::hash_sample, std::size_t> pick(bool end_first) {
    const std::uint16_t blind = best(lengths, end_first).first;
    const std::uint16_t second = best_given(blind, !end_first).first;
    const auto [first, shared] = best_given(second, end_first);
    detail::hash_sample sample{1, end_first ? second : first, end_first ? first : second};
    return {sample, shared};
  }
};

}  // namespace

detail::hash_sample choose_id_sample(const std::vector<std::string_view>& ids) {
  chooser c;
  std::size_t longest = 0;
  for (const std::string_view id : ids) {
    if (id.size() < detail::sample_min_length) continue;
    c.ids.push_back(id);
    c.lengths.push_back(detail::mum(id.size() ^ detail::hash_k0, detail::hash_k1));
    longest = std::max(longest, id.size());
  }
  if (c.ids.size() < 2) return detail::hash_sample{1, 0, 0};
  const std::size_t reach = std::min<std::size_t>(longest - detail::window_size + 1, offset_reach);
  for (std::uint16_t offset = 0; offset < reach; offset += offset_step) c.offsets.push_back(offset);

  // Greedy from either end first; the better of the two (the end first when they tie).
  const auto end_first = c.pick(true);
  const auto start_first = c.pick(false);
  const auto& chosen = start_first.second < end_first.second ? start_first : end_first;
  // IDs that share their sample cost a second hash, of the whole ID, and so do the IDs that share
  // their bucket: when more than one in eight share it, the sample saves little.
  if (chosen.second * max_shared > c.ids.size()) return detail::hash_sample{0, 0, 0};
  return chosen.first;
}

}  // namespace diaglot::plan
