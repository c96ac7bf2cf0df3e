// diaglot compiler: which bytes of a table's IDs their hash reads (detail::hash_sample).
#pragma once

#include <string_view>
#include <vector>

#include "diaglot/table.hpp"

namespace diaglot::plan {

/// Picks the offsets from either end (every fourth byte, up to 128 bytes in) whose 16 bytes, with
/// the length, tell apart the IDs of detail::sample_min_length bytes or more: greedily, the offset
/// from one end that leaves the fewest IDs sharing what was read, then the one from the other
/// end, then the first end's again given the other's, trying both ends first. IDs still sharing
/// their sample are placed by the hash of the whole ID (detail::bucket_rehash); when more than one
/// in eight would be, the sample is off and every ID is hashed whole. Greedy, it can miss a pair of
/// offsets that would tell more apart. The choice does not depend on the order of `ids`.
detail::hash_sample choose_id_sample(const std::vector<std::string_view>& ids);

}  // namespace diaglot::plan
