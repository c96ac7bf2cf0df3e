// diaglot compiler: plans the lookup table for a catalog: the string pool, fallback resolved for
// every (field, locale) slot, the perfect hash and the code index. Emitters and the in-memory
// runtime view both take a plan, so the generated code and `diaglot lookup` cannot drift apart.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "diaglot/table.hpp"
#include "model/model.hpp"

namespace diaglot::plan {

struct table_plan {
  std::string pool;  ///< NUL-terminated strings, deduplicated
  std::uint32_t source_locale = 0;
  std::vector<std::string> locales;  ///< canonical tags, sorted
  std::vector<std::uint32_t> locale_tag, locale_likely, likely;
  /// Locale matching baked from ICU's LocaleMatcher (see detail::table).
  std::vector<std::uint32_t> locale_match, alias, match_rule, match_region, match_answer;
  std::vector<std::string> message_ids;  ///< in table (slot) order, for the typed-ID header
  std::vector<std::uint32_t> message_id, message_code, message_fields;
  std::vector<std::uint32_t> field_name, slot_text;
  std::vector<std::uint16_t> slot_locale;
  std::uint64_t hash_seed = 0;
  std::vector<std::uint32_t> bucket_pilot;
  std::vector<std::uint32_t> code_value, code_message;

  /// A runtime view of this plan; valid while the plan lives and is not changed.
  detail::table view() const;
};

/// Plans the table. Throws std::invalid_argument when the catalog cannot make one (no locales
/// or more than 65535, a source locale that is not among them, repeated IDs, a NUL in a string).
table_plan make_plan(const model::catalog& cat);

}  // namespace diaglot::plan
