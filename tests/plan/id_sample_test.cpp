// Which bytes of the IDs the ID hash reads: offsets that tell the IDs apart, both ends tried, the
// sample off when it would not pay, and the same choice whatever the order of the IDs.
#include "plan/id_sample.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "diaglot/hash.hpp"

namespace diaglot::plan {
namespace {

/// IDs as resource files name them: a namespace, a class and a name, where the same name
/// appears under several namespaces of the same length.
std::vector<std::string> namespaced_ids() {
  // Two byte ranges tell the namespaces apart: "Storage"/"Network" and
  // "Primitives"/"Federation". The best window from the end alone is not the one that pairs
  // best with a window that covers both (a choice made blind must be made again).
  const std::vector<std::string> spaces = {"Contoso.Storage.Primitives.Strings",
                                           "Contoso.Storage.Federation.Strings",
                                           "Contoso.Network.Primitives.Strings"};
  const std::vector<std::string> words = {"Open",  "Close",  "Channel",  "Timeout", "Reply",
                                          "Token", "Policy", "Listener", "Faulted", "Quota"};
  std::vector<std::string> ids;
  for (const std::string& space : spaces)
    for (const std::string& a : words)
      for (const char* b : {"Failed", "Expired", "Invalid"})
        for (const char* c : {"", "2"}) ids.push_back(space + "." + a + b + c);
  return ids;
}

std::vector<std::string_view> views(const std::vector<std::string>& ids) {
  return std::vector<std::string_view>(ids.begin(), ids.end());
}

/// How many IDs share their sample (length and the two windows) with another.
std::size_t shared(const std::vector<std::string>& ids, const detail::hash_sample& s) {
  std::multiset<std::string> samples;
  std::vector<std::string> of;
  for (const std::string& id : ids) {
    if (id.size() < detail::sample_min_length) continue;
    const std::size_t last = id.size() - detail::window_size;
    const std::size_t head = std::min<std::size_t>(s.from_start, last);
    const std::size_t tail = last - std::min<std::size_t>(s.from_end, last);
    of.push_back(std::to_string(id.size()) + "|" + id.substr(head, 16) + "|" + id.substr(tail, 16));
    samples.insert(of.back());
  }
  return static_cast<std::size_t>(std::count_if(
      of.begin(), of.end(), [&](const std::string& x) { return samples.count(x) > 1; }));
}

TEST(choose_id_sample, tells_namespaced_ids_apart) {
  const std::vector<std::string> ids = namespaced_ids();
  const detail::hash_sample s = choose_id_sample(views(ids));
  ASSERT_EQ(s.sampled, 1u);
  // The names alone repeat across namespaces: the window from the start must reach the
  // namespace, the one from the end the name.
  EXPECT_EQ(shared(ids, s), 0u);
  std::set<std::uint64_t> hashes;
  for (const std::string& id : ids) hashes.insert(detail::hash_id(id, s, 7));
  EXPECT_EQ(hashes.size(), ids.size());
}

TEST(choose_id_sample, leaves_few_ids_sharing_and_turns_off_when_many_would) {
  std::vector<std::string> ids = namespaced_ids();
  // Pairs alike in their first and last 150 bytes: no window reaches the byte that differs.
  const std::string wide(150, 'w');
  for (const char c : {'a', 'b', 'c', 'd'}) ids.push_back(wide + "." + c + "." + wide);
  const detail::hash_sample s = choose_id_sample(views(ids));
  ASSERT_EQ(s.sampled, 1u);
  EXPECT_EQ(shared(ids, s), 4u);

  // When more than one sampled ID in eight would share its sample, every ID is hashed whole.
  for (int i = 0; i < 200; ++i) ids.push_back(wide + "." + std::to_string(i) + "." + wide);
  EXPECT_EQ(choose_id_sample(views(ids)).sampled, 0u);
}

TEST(choose_id_sample, short_ids_are_hashed_whole_and_need_no_sample) {
  const std::vector<std::string> ids = {"E1", "E2", "Trace.Started", "sixteen.bytes.ID"};
  const detail::hash_sample s = choose_id_sample(views(ids));
  EXPECT_EQ(s.sampled, 1u);
  for (const std::string& id : ids) EXPECT_EQ(detail::hash_id(id, s, 3), detail::hash_bytes(id, 3));
}

TEST(choose_id_sample, does_not_depend_on_the_order_of_the_ids) {
  std::vector<std::string> ids = namespaced_ids();
  const detail::hash_sample first = choose_id_sample(views(ids));
  std::mt19937 rng(11);
  for (int round = 0; round < 3; ++round) {
    std::shuffle(ids.begin(), ids.end(), rng);
    const detail::hash_sample again = choose_id_sample(views(ids));
    EXPECT_EQ(again.sampled, first.sampled);
    EXPECT_EQ(again.from_start, first.from_start);
    EXPECT_EQ(again.from_end, first.from_end);
  }
}

}  // namespace
}  // namespace diaglot::plan
