#include "plan/table_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "diaglot/catalog.hpp"
#include "plan/test_catalog.hpp"

namespace diaglot::plan {
namespace {

using testing::catalog_builder;

/// Every string in the pool, in order.
std::vector<std::string> pool_strings(const table_plan& p) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < p.pool.size();) {
    out.emplace_back(p.pool.data() + i);
    i += out.back().size() + 1;
  }
  return out;
}

std::uint32_t locale_index(const table_plan& p, const std::string& tag) {
  const auto it = std::find(p.locales.begin(), p.locales.end(), tag);
  EXPECT_NE(it, p.locales.end()) << tag;
  return static_cast<std::uint32_t>(it - p.locales.begin());
}

/// The text and serving locale of a message's field in a locale, read from the plan's arrays.
struct served {
  std::string text, locale;
};
/// The slot of a message, or message_count() when there is none.
std::size_t message_slot(const table_plan& p, std::string_view id) {
  std::size_t m = 0;
  while (m < p.message_count() && p.id(m) != id) ++m;
  return m;
}

served slot(const table_plan& p, const std::string& id, const std::string& field,
            const std::string& locale) {
  const std::size_t m = message_slot(p, id);
  if (m == p.message_count()) {
    ADD_FAILURE() << "no message " << id;
    return {};
  }
  // The main field at the message's own index, the others after every main field.
  std::vector<std::size_t> fields;
  if (p.message_main[m] != detail::no_main) fields.push_back(m);
  for (std::uint32_t f = p.message_fields[m]; f < p.message_fields[m + 1]; ++f) fields.push_back(f);
  for (const std::size_t f : fields) {
    if (p.str(p.field_name[f]) != field) continue;
    const std::uint32_t l = locale_index(p, locale);
    const std::uint64_t e = p.texts[l][f];
    const auto offset = static_cast<std::uint32_t>(e);
    const std::string text(p.str(offset),
                           (e >> detail::text_length_shift) & detail::text_length_mask);
    EXPECT_EQ(text, p.str(offset)) << "the stored length ends at the NUL";
    const std::uint16_t from =
        p.locale_chain[p.locale_chain_start[l] +
                       ((e >> detail::text_step_shift) & detail::text_step_mask)];
    return {text, p.locales[from]};
  }
  ADD_FAILURE() << "no field " << field << " in " << id;
  return {};
}

TEST(table_plan, pool_stores_each_string_once) {
  const auto cat = catalog_builder({"de", "en"})
                       .text("A", "summary", "en", "Shared text")
                       .text("A", "summary", "de", "Shared text")
                       .text("B", "summary", "en", "Shared text")
                       .text("B", "description", "en", "summary")  // equals a field name
                       .build();
  const table_plan p = make_plan(cat);
  const std::vector<std::string> strings = pool_strings(p);
  EXPECT_EQ(std::set<std::string>(strings.begin(), strings.end()).size(), strings.size());
  EXPECT_EQ(std::count(strings.begin(), strings.end(), "Shared text"), 1);
  EXPECT_EQ(std::count(strings.begin(), strings.end(), "summary"), 1);
  EXPECT_EQ(p.pool.back(), '\0');
  EXPECT_EQ(slot(p, "A", "summary", "de").text, "Shared text");
  EXPECT_EQ(slot(p, "B", "description", "de").text, "summary");
}

TEST(table_plan, pool_keeps_texts_byte_for_byte) {
  const std::string odd = "line one\nline \"two\"\t\\ ?\?= caf\xc3\xa9 \xea\xb0\x80";
  const auto cat = catalog_builder({"en", "ko-KR"})
                       .text("A", "summary", "en", odd)
                       .text("A", "summary", "ko-KR", "")
                       .build();
  const table_plan p = make_plan(cat);
  EXPECT_EQ(slot(p, "A", "summary", "en").text, odd);
  // An empty translation is still a translation.
  EXPECT_EQ(slot(p, "A", "summary", "ko-KR").text, "");
  EXPECT_EQ(slot(p, "A", "summary", "ko-KR").locale, "ko-KR");
}

std::vector<std::string> shuffled_ids(std::size_t n, unsigned seed) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < n; ++i)
    ids.push_back("Trace.Area" + std::to_string(i % 7) + ".Event" + std::to_string(i));
  std::shuffle(ids.begin(), ids.end(), std::mt19937(seed));
  return ids;
}

model::catalog catalog_in_order(const std::vector<std::string>& ids, unsigned seed) {
  std::vector<std::string> locales = {"de-DE", "en", "ko-KR", "zh-Hant"};
  catalog_builder b(locales);
  std::vector<std::string> order = locales;
  std::mt19937 rng(seed);
  for (const std::string& id : ids) {
    std::shuffle(order.begin(), order.end(), rng);
    for (const std::string& l : order) {
      if (l != "en" && id.size() % 3 == 0) continue;  // some messages untranslated
      b.text(id, "summary", l, id + " in " + l);
      b.text(id, "description", l, "Details (" + l + ")");
    }
    if (id.size() % 2)
      b.code(id,
             static_cast<std::uint32_t>(std::hash<std::string>()(id) & 0xffff) << 8 | id.size());
  }
  return b.build();
}

TEST(table_plan, same_catalog_gives_identical_plans) {
  const table_plan a = make_plan(catalog_in_order(shuffled_ids(300, 1), 1));
  const table_plan b = make_plan(catalog_in_order(shuffled_ids(300, 2), 2));
  EXPECT_EQ(a.pool, b.pool);
  EXPECT_EQ(a.locales, b.locales);
  EXPECT_EQ(a.source_locale, b.source_locale);
  EXPECT_EQ(a.locale_tag, b.locale_tag);
  EXPECT_EQ(a.locale_likely, b.locale_likely);
  EXPECT_EQ(a.likely, b.likely);
  EXPECT_EQ(a.key_record_shift, b.key_record_shift);
  EXPECT_EQ(a.key_records.view(), b.key_records.view());
  EXPECT_EQ(a.long_keys, b.long_keys);
  EXPECT_EQ(a.message_code, b.message_code);
  EXPECT_EQ(a.message_fields, b.message_fields);
  EXPECT_EQ(a.message_main, b.message_main);
  EXPECT_EQ(a.field_name, b.field_name);
  ASSERT_EQ(a.texts.size(), b.texts.size());
  for (std::size_t l = 0; l < a.texts.size(); ++l) {
    EXPECT_EQ(a.texts[l], b.texts[l]);
  }
  EXPECT_EQ(a.hash_seed, b.hash_seed);
  EXPECT_EQ(a.bucket, b.bucket);
  EXPECT_EQ(a.code_value, b.code_value);
  EXPECT_EQ(a.code_message, b.code_message);
  EXPECT_EQ(a.code_seed, b.code_seed);
  EXPECT_EQ(a.code_bucket, b.code_bucket);
}

TEST(table_plan, locales_carry_tags_and_likely_subtags) {
  const table_plan p = make_plan(catalog_builder({"en", "ko-KR", "zh-Hant"}).build());
  ASSERT_EQ(p.locales.size(), 3u);
  EXPECT_EQ(p.source_locale, 0u);
  auto str = [&](std::uint32_t o) { return std::string(p.pool.data() + o); };
  EXPECT_EQ(str(p.locale_tag[2]), "zh-Hant");
  EXPECT_EQ(str(p.locale_likely[6]), "zh");
  EXPECT_EQ(str(p.locale_likely[7]), "Hant");
  EXPECT_EQ(str(p.locale_likely[8]), "TW");
  EXPECT_EQ(str(p.locale_likely[3 * 1 + 2]), "KR");
  ASSERT_EQ(p.likely.size() % 3, 0u);
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < p.likely.size(); i += 3) keys.push_back(str(p.likely[i]));
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  EXPECT_NE(std::find(keys.begin(), keys.end(), "zh-TW"), keys.end());
  EXPECT_NE(std::find(keys.begin(), keys.end(), "ko"), keys.end());
}

TEST(table_plan, source_locale_must_be_a_catalog_locale) {
  EXPECT_THROW(make_plan(catalog_builder({"de", "fr"}, "en").build()), std::invalid_argument);
  EXPECT_THROW(make_plan(catalog_builder({}, "en").build()), std::invalid_argument);
}

TEST(table_plan, fallback_walks_the_cldr_chain) {
  const auto cat = catalog_builder({"en", "pt", "pt-PT", "zh-Hant", "zh-Hant-TW"})
                       .text("A", "summary", "en", "English")
                       .text("A", "summary", "zh-Hant", "Traditional")
                       .text("A", "summary", "pt", "Portuguese")
                       .text("A", "description", "en", "More")
                       .text("A", "description", "zh-Hant-TW", "Taiwan")
                       .build();
  const table_plan p = make_plan(cat);
  EXPECT_EQ(slot(p, "A", "summary", "zh-Hant-TW").text, "Traditional");
  EXPECT_EQ(slot(p, "A", "summary", "zh-Hant-TW").locale, "zh-Hant");
  EXPECT_EQ(slot(p, "A", "summary", "pt-PT").text, "Portuguese");
  EXPECT_EQ(slot(p, "A", "summary", "pt-PT").locale, "pt");
  EXPECT_EQ(slot(p, "A", "summary", "pt").locale, "pt");
  EXPECT_EQ(slot(p, "A", "description", "zh-Hant-TW").text, "Taiwan");
  EXPECT_EQ(slot(p, "A", "description", "zh-Hant").text, "More");
  EXPECT_EQ(slot(p, "A", "description", "zh-Hant").locale, "en");
}

TEST(table_plan, unserved_states_fall_back) {
  const auto cat = catalog_builder({"de", "en", "ja", "ko-KR"})
                       .text("A", "summary", "en", "English")
                       .text("A", "summary", "ko-KR", "Korean, new")
                       .text("A", "summary", "de", "German, needs review")
                       .text("A", "summary", "ja", "Japanese, needs translation")
                       .state("A", "ko-KR", model::state::initial)
                       .state("A", "de", model::state::needs_review)
                       .state("A", "ja", model::state::needs_translation)
                       .build();
  const table_plan p = make_plan(cat);
  EXPECT_EQ(slot(p, "A", "summary", "ko-KR").text, "English");
  EXPECT_EQ(slot(p, "A", "summary", "ko-KR").locale, "en");
  EXPECT_EQ(slot(p, "A", "summary", "ja").locale, "en");
  EXPECT_EQ(slot(p, "A", "summary", "de").text, "German, needs review");
  const std::vector<std::string> strings = pool_strings(p);
  EXPECT_EQ(std::count(strings.begin(), strings.end(), "Korean, new"), 0);
}

TEST(table_plan, a_text_not_for_translation_serves_the_source_locales_text) {
  // de-CH's unit is marked translate="no": it serves today's English, not de's German, nor the
  // older English the unit holds.
  const auto cat = catalog_builder({"de", "de-CH", "en", "fr"})
                       .text("A", "summary", "en", "English, now")
                       .text("A", "summary", "de", "German")
                       .source_only("A", "summary", "de-CH", "English, before")
                       .source_only("A", "summary", "fr", "English, before")
                       .text("A", "details", "en", "Details")
                       .text("A", "details", "de", "Einzelheiten")
                       .text("A", "details", "de-CH", "Einzelheiten (CH)")
                       .build();
  const table_plan p = make_plan(cat);
  EXPECT_EQ(slot(p, "A", "summary", "de-CH").text, "English, now");
  EXPECT_EQ(slot(p, "A", "summary", "de-CH").locale, "en");
  EXPECT_EQ(slot(p, "A", "summary", "fr").text, "English, now");
  EXPECT_EQ(slot(p, "A", "summary", "de").text, "German");
  EXPECT_EQ(slot(p, "A", "details", "de-CH").text, "Einzelheiten (CH)");
  const std::vector<std::string> strings = pool_strings(p);
  EXPECT_EQ(std::count(strings.begin(), strings.end(), "English, before"), 0);
}

TEST(table_plan, field_only_in_a_translation_is_empty_elsewhere) {
  const auto cat = catalog_builder({"en", "ko-KR"})
                       .text("A", "summary", "en", "English")
                       .text("A", "note", "ko-KR", "Korean only")
                       .build();
  const table_plan p = make_plan(cat);
  EXPECT_EQ(slot(p, "A", "note", "ko-KR").text, "Korean only");
  EXPECT_EQ(slot(p, "A", "note", "en").text, "");
  EXPECT_EQ(slot(p, "A", "note", "en").locale, "en");
}

TEST(table_plan, codes_are_hashed_with_their_messages) {
  const auto cat = catalog_builder({"en"})
                       .text("A", "text", "en", "a")
                       .text("B", "text", "en", "b")
                       .text("C", "text", "en", "c")
                       .code("A", 0x4000F)
                       .code("B", 7)
                       .build();
  const table_plan p = make_plan(cat);
  ASSERT_EQ(p.code_value.size(), 2u);
  std::vector<std::uint32_t> values = p.code_value;
  std::sort(values.begin(), values.end());
  EXPECT_EQ(values, (std::vector<std::uint32_t>{7, 0x4000F}));
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(p.id(p.code_message[i]), p.code_value[i] == 7 ? "B" : "A");
    EXPECT_EQ(p.message_code[p.code_message[i]], p.code_value[i]);
  }
  EXPECT_EQ(p.message_code[message_slot(p, "C")], detail::no_code);
  const detail::table t = p.view();
  const catalog c(t);
  EXPECT_EQ(c.find(7u, c.source_locale())->id(), "B");
  EXPECT_EQ(c.find(0x4000Fu, c.source_locale())->id(), "A");
  EXPECT_FALSE(c.find(8u, c.source_locale()));
}

TEST(table_plan, empty_catalog_has_a_usable_view) {
  const table_plan p = make_plan(catalog_builder({"en"}).build());
  const detail::table t = p.view();
  EXPECT_EQ(t.message_count, 0u);
  for (const void* ptr :
       {static_cast<const void*>(t.pool_shard), static_cast<const void*>(t.key_records),
        static_cast<const void*>(t.long_keys), static_cast<const void*>(t.texts),
        static_cast<const void*>(t.texts[0].bytes), static_cast<const void*>(t.code_value.bytes),
        static_cast<const void*>(t.id_hash.bucket.bytes),
        static_cast<const void*>(t.code_hash.bucket.bytes),
        static_cast<const void*>(t.field_name.bytes)})
    EXPECT_NE(ptr, nullptr);
  const catalog c(t);
  // One record, of length 0, which find() reads at slot 0 before it tests for emptiness.
  ASSERT_EQ(p.key_records.size(), 16u);
  EXPECT_EQ(p.key_records.view()[0], '\0');
  // Read as a record of an ID kept apart, it gives an empty ID, not bytes out of bounds.
  EXPECT_EQ(detail::key_in(t.key_records, t.long_keys), "");
  EXPECT_FALSE(c.find("anything", c.source_locale()));
  EXPECT_FALSE(c.find("", c.source_locale()));
  EXPECT_FALSE(c.find(0u, c.source_locale()));
  EXPECT_EQ(c.tag(c.source_locale()), "en");
}

/// A catalog whose IDs are `ids`, planned.
table_plan plan_of_ids(const std::vector<std::string>& ids) {
  catalog_builder b({"en"});
  for (const std::string& id : ids) b.text(id, "text", "en", "t:" + id);
  return make_plan(b.build());
}

/// n IDs of `length` bytes, distinct.
std::vector<std::string> ids_of_length(std::size_t n, std::size_t length, char fill = 'x') {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string id = "I" + std::to_string(i) + ".";
    id.resize(length, fill);
    out.push_back(id);
  }
  return out;
}

/// Each ID is found, as itself (a C string too) with its text, and its near misses are not: a
/// byte more, and a byte less unless that is an ID too.
void expect_found_exactly(const catalog& c, const std::vector<std::string>& ids) {
  const std::set<std::string> known(ids.begin(), ids.end());
  for (const std::string& id : ids) {
    const auto m = c.find(id, c.source_locale());
    ASSERT_TRUE(m) << id;
    ASSERT_EQ(m->id(), id);
    EXPECT_EQ(m->id().data()[id.size()], '\0') << id;
    EXPECT_EQ(m->text(), "t:" + id);
    EXPECT_FALSE(c.find(id + "x", c.source_locale())) << id;
    const std::string prefix = id.substr(0, id.size() - 1);
    if (!known.count(prefix)) {
      EXPECT_FALSE(c.find(prefix, c.source_locale())) << id;
    }
  }
}

/// The perfect hash through the real lookup: every ID is found at its own slot, and near misses
/// are rejected.
void check_perfect_hash(std::size_t n) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < n; ++i)
    ids.push_back(i % 5 == 0 ? "Page title " + std::to_string(i)
                             : "System.ServiceModel.Synthetic" + std::to_string(i % 97) + ".Event" +
                                   std::to_string(i));
  const table_plan p = plan_of_ids(ids);
  const detail::table t = p.view();
  const catalog c(t);
  ASSERT_EQ(c.size(), n);
  EXPECT_EQ(t.id_hash.bucket_count, std::max<std::size_t>(1, (n + 3) / 4));
  // Distinct IDs each found under their own ID: the slots are a permutation.
  expect_found_exactly(c, ids);
  for (std::size_t i = 0; i < n; ++i)
    EXPECT_FALSE(c.find("Absent.Id" + std::to_string(i), c.source_locale()));
}

TEST(table_plan, key_records_are_the_smallest_that_hold_ninety_nine_ids_in_a_hundred) {
  // A record holds the length, the ID and a NUL.
  EXPECT_EQ(plan_of_ids(ids_of_length(50, 14)).key_record_shift, 4u);  // 16-byte records
  EXPECT_EQ(plan_of_ids(ids_of_length(50, 15)).key_record_shift, 5u);
  EXPECT_EQ(plan_of_ids(ids_of_length(50, 62)).key_record_shift, 6u);
  EXPECT_EQ(plan_of_ids(ids_of_length(50, 63)).key_record_shift, 7u);
  EXPECT_EQ(plan_of_ids(ids_of_length(50, 100)).key_record_shift, 7u);
  // All kept apart: the smallest records, which only say where.
  EXPECT_EQ(plan_of_ids(ids_of_length(50, 300)).key_record_shift, 4u);
  // Half too long for any record: the records that hold the other half.
  std::vector<std::string> half = ids_of_length(25, 100);
  for (std::string& id : ids_of_length(25, 300, 'y')) half.push_back(id + "!");
  EXPECT_EQ(plan_of_ids(half).key_record_shift, 7u);
  // One long ID in a hundred is kept apart; two are not.
  std::vector<std::string> one_long = ids_of_length(99, 20);
  one_long.push_back(std::string(200, 'L'));
  const table_plan p = plan_of_ids(one_long);
  EXPECT_EQ(p.key_record_shift, 5u);
  EXPECT_EQ(p.long_keys.size(), 4u + 200u + 1u);
  std::vector<std::string> two_long = ids_of_length(98, 20);
  two_long.push_back(std::string(40, 'L'));
  two_long.push_back(std::string(41, 'M'));
  EXPECT_EQ(plan_of_ids(two_long).key_record_shift, 6u);
}

TEST(table_plan, ids_kept_apart_are_found_and_near_misses_are_not) {
  // Records of 32 bytes: the 300-byte IDs and the 31-byte one (30 fit with the length byte and
  // the NUL) are kept apart, beside 30-byte IDs that fill their records.
  std::vector<std::string> ids = ids_of_length(300, 30);
  ids.push_back(std::string(300, 'a'));
  ids.push_back(std::string(299, 'a') + "b");
  ids.push_back(std::string(31, 'c'));
  const table_plan p = plan_of_ids(ids);
  ASSERT_EQ(p.key_record_shift, 5u);
  EXPECT_EQ(p.long_keys.size(), 3 * (4u + 1u) + 300u + 300u + 31u);
  const detail::table t = p.view();
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(t.key_records) % 64, 0u);
  const catalog c(t);
  expect_found_exactly(c, ids);
  EXPECT_FALSE(c.find(std::string(301, 'a'), c.source_locale()));
  EXPECT_FALSE(c.find(std::string(299, 'a') + "c", c.source_locale()));
  EXPECT_FALSE(c.find(std::string(31, 'd'), c.source_locale()));
  EXPECT_FALSE(c.find("", c.source_locale()));
  for (std::size_t i = 0; i < p.message_count(); ++i)
    EXPECT_EQ(c.at(i, c.source_locale()).id(), p.id(i));
}

TEST(table_plan, a_table_of_ids_all_kept_apart_finds_each_and_nothing_else) {
  const std::vector<std::string> ids = ids_of_length(40, 200);
  const table_plan p = plan_of_ids(ids);
  ASSERT_EQ(p.key_record_shift, 4u);
  const detail::table t = p.view();
  const catalog c(t);
  expect_found_exactly(c, ids);
  // Every slot's record says "kept apart": an empty query reaches one whatever its hash.
  EXPECT_FALSE(c.find("", c.source_locale()));
  EXPECT_FALSE(c.find(std::string(200, 'x'), c.source_locale()));
}

TEST(line_aligned_bytes, starts_a_cache_line_and_copies_and_moves_whole) {
  line_aligned_bytes a(100);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(a.data()) % 64, 0u);
  EXPECT_EQ(a.view(), std::string(100, '\0'));
  a.data()[99] = 'z';
  const line_aligned_bytes copy = a;
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(copy.data()) % 64, 0u);
  EXPECT_NE(copy.data(), a.data());
  EXPECT_EQ(copy.view(), a.view());
  line_aligned_bytes moved = std::move(a);
  EXPECT_EQ(moved.view(), copy.view());
  // A moved-from one is empty, and copies as empty.
  EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move)
  const line_aligned_bytes from_moved = a;
  EXPECT_EQ(from_moved.size(), 0u);
  a = copy;
  EXPECT_EQ(a.view(), copy.view());
  const line_aligned_bytes none;
  EXPECT_EQ(none.size(), 0u);
  const line_aligned_bytes none_copy = none;
  EXPECT_EQ(none_copy.size(), 0u);
}

TEST(table_plan, perfect_hash_finds_1_id) { check_perfect_hash(1); }
TEST(table_plan, perfect_hash_finds_10_ids) { check_perfect_hash(10); }
TEST(table_plan, perfect_hash_finds_1000_ids) { check_perfect_hash(1000); }
TEST(table_plan, perfect_hash_finds_100000_ids) { check_perfect_hash(100000); }

TEST(table_plan, view_reads_the_plan) {
  const auto cat = catalog_builder({"de", "en"})
                       .text("Trace.A", "summary", "en", "Summary A")
                       .text("Trace.A", "description", "en", "Description A")
                       .text("Trace.A", "summary", "de", "Zusammenfassung A")
                       .code("Trace.A", 42)
                       .build();
  const table_plan p = make_plan(cat);
  const detail::table t = p.view();
  const catalog c(t);
  const diaglot::locale de(static_cast<std::uint16_t>(locale_index(p, "de")));
  const auto m = c.find("Trace.A", de);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->text(), "Zusammenfassung A");
  EXPECT_EQ(m->locale(), c.own(de));
  EXPECT_EQ(m->field("description"), "Description A");
  EXPECT_EQ(m->field_locale(1), c.source_locale());
  EXPECT_EQ(m->code(), 42u);
}

TEST(table_plan, message_without_a_main_field_has_an_empty_text) {
  const auto cat = catalog_builder({"de", "en"})
                       .text("A", "title", "en", "Title only")
                       .text("B", "description", "en", "More")
                       .text("B", "summary", "en", "The summary")
                       .build();
  const table_plan p = make_plan(cat);
  const detail::table t = p.view();
  const catalog c(t);
  const diaglot::locale de(static_cast<std::uint16_t>(locale_index(p, "de")));
  const auto a = c.find("A", de);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->text(), "");
  EXPECT_EQ(a->locale(), c.own(de));
  EXPECT_EQ(a->field("title"), "Title only");
  const auto b = c.find("B", de);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->text(), "The summary");
  EXPECT_EQ(b->locale(), c.source_locale());
}

/// Every message's fields in every locale, as the runtime reads them.
std::vector<std::string> all_texts(const table_plan& p) {
  const detail::table t = p.view();
  const catalog c(t);
  std::vector<std::string> out;
  for (std::size_t l = 0; l < c.locale_count(); ++l) {
    for (std::size_t i = 0; i < c.size(); ++i) {
      const message m = c.at(i, diaglot::locale(static_cast<std::uint16_t>(l)));
      out.push_back(std::string(c.tag(m.requested_locale())) + " " + std::string(m.id()) + " " +
                    std::string(m.text()));
      for (std::size_t f = 0; f < m.field_count(); ++f)
        out.push_back(std::string(m.field_name(f)) + "=" + std::string(m.field_text(f)) + "@" +
                      std::string(c.tag(m.field_locale(f))));
    }
  }
  return out;
}

TEST(table_plan, shards_split_the_pool_and_keep_every_lookup) {
  const model::catalog cat = catalog_in_order(shuffled_ids(300, 1), 1);
  const table_plan one = make_plan(cat);
  const std::vector<std::string> expected = all_texts(one);
  for (const std::uint32_t shards : {2u, 3u, 7u}) {
    const table_plan p = make_plan(cat, {shards});
    ASSERT_EQ(p.pool_shard_start.size(), shards);
    EXPECT_EQ(p.pool, one.pool) << "the same bytes, split";
    std::size_t total = 0;
    for (std::size_t k = 0; k < shards; ++k) {
      const std::string_view shard = p.shard(k);
      EXPECT_FALSE(shard.empty());
      EXPECT_EQ(shard.back(), '\0') << "shards end on a string boundary";
      EXPECT_LE(shard.size(), p.pool.size() / shards + 64) << "about equal shards";
      total += shard.size();
    }
    EXPECT_EQ(total, p.pool.size());
    EXPECT_EQ(all_texts(p), expected) << shards << " shards";
  }
  // A pool of a few strings has fewer shards than asked.
  const table_plan tiny =
      make_plan(catalog_builder({"en"}).text("A", "text", "en", "a").build(), {16});
  EXPECT_LE(tiny.pool_shard_start.size(), 16u);
  EXPECT_EQ(all_texts(tiny),
            all_texts(make_plan(catalog_builder({"en"}).text("A", "text", "en", "a").build())));
}

}  // namespace
}  // namespace diaglot::plan
