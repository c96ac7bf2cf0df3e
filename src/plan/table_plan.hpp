// diaglot compiler: plans the lookup table for a catalog: the string pool, fallback resolved for
// every (field, locale) slot, the perfect hash and the code index. Emitters and the in-memory
// runtime view both take a plan, so the generated code and `diaglot lookup` cannot drift apart.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diaglot/table.hpp"
#include "model/model.hpp"
#include "plan/string_pool.hpp"

namespace diaglot::plan {

struct plan_options {
  /// Pool shards, one per generated source file, so that big tables compile in parallel.
  std::uint32_t shards = 1;
  /// Threads for building the string pool (0: one per core); the plan is the same for any.
  unsigned jobs = 0;
};

/// Zeroed bytes at an address aligned to 64, where a cache line starts.
class line_aligned_bytes {
 public:
  line_aligned_bytes() = default;
  explicit line_aligned_bytes(std::size_t size);
  line_aligned_bytes(const line_aligned_bytes& other);
  line_aligned_bytes(line_aligned_bytes&& other) noexcept
      : bytes_(std::move(other.bytes_)), size_(std::exchange(other.size_, 0)) {}
  line_aligned_bytes& operator=(line_aligned_bytes other) noexcept {
    std::swap(bytes_, other.bytes_);
    std::swap(size_, other.size_);
    return *this;
  }

  unsigned char* data() noexcept { return bytes_.get(); }
  const unsigned char* data() const noexcept { return bytes_.get(); }
  std::size_t size() const noexcept { return size_; }
  std::string_view view() const noexcept {
    return {reinterpret_cast<const char*>(bytes_.get()), size_};
  }

 private:
  struct free_bytes {
    void operator()(unsigned char* p) const noexcept {
      ::operator delete (p, std::align_val_t{64});
    }
  };
  std::unique_ptr<unsigned char, free_bytes> bytes_;
  std::size_t size_ = 0;
};

struct table_plan {
  /// NUL-terminated strings, deduplicated, shard after shard; offsets elsewhere are in the
  /// table's form ((shard << pool_shard_bits) | byte in shard).
  pool_bytes pool;
  std::vector<std::size_t> pool_shard_start;  ///< where each shard starts in `pool`
  std::uint32_t pool_shard_bits = 32;
  std::uint32_t source_locale = 0;
  std::vector<std::string> locales;  ///< canonical tags, sorted
  std::vector<std::uint32_t> locale_tag, locale_likely, likely;
  /// Locale matching baked from ICU's LocaleMatcher (see detail::table).
  std::vector<std::uint32_t> locale_match, alias, match_rule, match_region, match_answer;
  /// The message IDs in slot order, a record of 2^key_record_shift bytes each, and those too
  /// long for one (see detail::table).
  std::uint32_t key_record_shift = 4;
  line_aligned_bytes key_records;
  std::string long_keys;
  std::vector<std::uint32_t> message_code, message_fields, message_main;
  std::uint64_t hash_seed = 0;
  std::vector<std::uint32_t> bucket;  ///< the ID hash's buckets, as the table stores them
  detail::hash_sample id_sample{};    ///< the bytes of an ID that the ID hash reads
  std::vector<std::uint32_t> field_name;
  std::vector<std::vector<std::uint64_t>> texts;  ///< [locale][field]: text entries
  std::vector<std::uint32_t> locale_chain_start;
  std::vector<std::uint16_t> locale_chain;
  std::vector<std::uint32_t> code_value, code_message;  ///< in code-hash slot order
  std::uint64_t code_seed = 0;
  std::vector<std::uint32_t> code_bucket;

  std::size_t message_count() const { return message_code.size(); }
  /// Message i's ID (slot order).
  std::string_view id(std::size_t i) const;
  /// The bytes of pool shard k.
  std::string_view shard(std::size_t k) const {
    const std::size_t end = k + 1 < pool_shard_start.size() ? pool_shard_start[k + 1] : pool.size();
    return std::string_view(pool.data() + pool_shard_start[k], end - pool_shard_start[k]);
  }
  /// The shard that holds locale l's texts in generated code.
  std::size_t shard_of_locale(std::size_t l) const { return l % pool_shard_start.size(); }
  /// The NUL-terminated string at a table offset.
  const char* str(std::uint32_t offset) const {
    const std::uint64_t mask = (std::uint64_t{1} << pool_shard_bits) - 1;
    return pool.data() + pool_shard_start[std::uint64_t{offset} >> pool_shard_bits] +
           (offset & mask);
  }

  /// A runtime view of this plan; valid while the plan lives and is not changed. Not to be
  /// called from several threads at once (it refreshes the pointer arrays the view uses).
  detail::table view() const;

 private:
  mutable std::vector<const char*> view_shards_;
  mutable std::vector<detail::le_array<std::uint64_t>> view_texts_;
  /// Little-endian copies of the arrays, on a big-endian host only.
  mutable std::vector<std::vector<unsigned char>> view_bytes_;
};

/// Plans the table. Throws std::invalid_argument when the catalog cannot make one (no locales
/// or more than 65535, a source locale that is not among them, repeated IDs, a NUL in a string).
table_plan make_plan(const model::catalog& cat, const plan_options& options = {});

}  // namespace diaglot::plan
