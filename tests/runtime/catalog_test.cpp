// The runtime alone, over a table written by hand (no compiler, no ICU): locale names, preference
// lists and lookups. The same behaviour over tables planned from model catalogs, with ICU's
// likely subtags, is tested in tests/plan/catalog_view_test.cpp.
#include "diaglot/catalog.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace diaglot {
namespace {

/// A table with one message, in the locales given, with hand-written CLDR likely subtags.
class hand_table {
 public:
  struct locale_row {
    std::string tag, language, script, region;
  };

  explicit hand_table(const std::vector<locale_row>& locales, std::uint32_t source) {
    for (const auto& l : locales) {
      locale_tag_.push_back(str(l.tag));
      for (const std::string* s : {&l.language, &l.script, &l.region})
        likely_of_.push_back(str(*s));
    }
    // Sorted by key, as the compiler writes them.
    const std::map<std::string, std::pair<std::string, std::string>> facts = {
        {"en", {"Latn", "US"}},      {"he", {"Hebr", "IL"}},      {"ko", {"Kore", "KR"}},
        {"nb", {"Latn", "NO"}},      {"sr", {"Cyrl", "RS"}},      {"sr-Cyrl", {"Cyrl", "RS"}},
        {"sr-Latn", {"Latn", "RS"}}, {"zh", {"Hans", "CN"}},      {"zh-HK", {"Hant", "HK"}},
        {"zh-Hans", {"Hans", "CN"}}, {"zh-Hant", {"Hant", "TW"}}, {"zh-MO", {"Hant", "MO"}},
        {"zh-TW", {"Hant", "TW"}}};
    for (const auto& [key, value] : facts) {
      likely_.push_back(str(key));
      likely_.push_back(str(value.first));
      likely_.push_back(str(value.second));
    }
    id_ = str("Trace.Started");
    field_names_ = {str("summary"), str("description")};
    for (std::size_t f = 0; f < 2; ++f)
      for (std::size_t l = 0; l < locales.size(); ++l) {
        // Every locale but the source lacks the description and falls back to the source.
        const bool own = f == 0 || l == source;
        slot_text_.push_back(
            str((f == 0 ? "summary " : "description ") + locales[own ? l : source].tag));
        slot_locale_.push_back(static_cast<std::uint16_t>(own ? l : source));
      }
    t_.layout_version = table_layout_version;
    t_.pool = pool_.data();
    t_.pool_size = static_cast<std::uint32_t>(pool_.size());
    t_.locale_count = static_cast<std::uint32_t>(locales.size());
    t_.source_locale = source;
    t_.locale_tag = locale_tag_.data();
    t_.locale_likely = likely_of_.data();
    t_.likely_count = static_cast<std::uint32_t>(likely_.size() / 3);
    t_.likely = likely_.data();
    t_.message_count = 1;
    t_.message_id = &id_;
    t_.message_code = &code_;
    t_.message_fields = fields_;
    t_.field_count = 2;
    t_.field_name = field_names_.data();
    t_.slot_text = slot_text_.data();
    t_.slot_locale = slot_locale_.data();
    t_.hash_seed = 12345;
    t_.bucket_count = 1;
    t_.bucket_pilot = &pilot_;
    t_.code_count = 1;
    t_.code_value = &code_;
    t_.code_message = &zero_;
  }
  hand_table(const hand_table&) = delete;

  catalog cat() const { return catalog(t_); }

 private:
  std::uint32_t str(const std::string& s) {
    const auto it = offsets_.find(s);
    if (it != offsets_.end()) return it->second;
    const auto offset = static_cast<std::uint32_t>(pool_.size());
    pool_ += s;
    pool_.push_back('\0');
    offsets_.emplace(s, offset);
    return offset;
  }

  std::string pool_ = std::string(1, '\0');
  std::map<std::string, std::uint32_t> offsets_ = {{"", 0}};
  std::vector<std::uint32_t> locale_tag_, likely_of_, likely_, field_names_, slot_text_;
  std::vector<std::uint16_t> slot_locale_;
  std::uint32_t id_ = 0, code_ = 0x4000F, zero_ = 0, pilot_ = detail::pilot_direct | 0;
  std::uint32_t fields_[2] = {0, 2};
  detail::table t_{};
};

const std::vector<hand_table::locale_row> many = {
    {"en", "en", "Latn", "US"},      {"he", "he", "Hebr", "IL"},
    {"ko-KR", "ko", "Kore", "KR"},   {"nb", "nb", "Latn", "NO"},
    {"sr-Cyrl", "sr", "Cyrl", "RS"}, {"sr-Latn", "sr", "Latn", "RS"},
    {"zh-Hans", "zh", "Hans", "CN"}, {"zh-Hant", "zh", "Hant", "TW"}};

std::string resolve(const catalog& c, std::string_view name) {
  return std::string(c.tag(c.locale(name)));
}
std::string negotiate(const catalog& c, std::string_view prefs) {
  return std::string(c.tag(c.negotiate(prefs)));
}

TEST(runtime_locale, reads_bcp47_posix_and_windows_names) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  EXPECT_EQ(resolve(c, "ko-KR"), "ko-KR");
  EXPECT_EQ(resolve(c, "KO-kr"), "ko-KR");
  EXPECT_EQ(resolve(c, "ko_KR.UTF-8"), "ko-KR");
  EXPECT_EQ(resolve(c, "ko_KR.UTF-8@euro"), "ko-KR");
  EXPECT_EQ(resolve(c, " ko-KR\n"), "ko-KR");
  EXPECT_EQ(resolve(c, "zh_TW.Big5"), "zh-Hant");
  EXPECT_EQ(resolve(c, "zh-Hant-TW-u-nu-hanidec"), "zh-Hant");
  EXPECT_EQ(resolve(c, "zh-MO"), "zh-Hant");
  EXPECT_EQ(resolve(c, "zh-SG"), "zh-Hans");
  EXPECT_EQ(resolve(c, "zh-hans-x-private"), "zh-Hans");
  EXPECT_EQ(resolve(c, "sr_RS"), "sr-Cyrl");
  EXPECT_EQ(resolve(c, "sr_RS@latin"), "sr-Latn");
  EXPECT_EQ(resolve(c, "sr-Latn-RS"), "sr-Latn");
}

TEST(runtime_locale, maps_deprecated_language_codes) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  EXPECT_EQ(resolve(c, "iw_IL"), "he");
  EXPECT_EQ(resolve(c, "no"), "nb");
  EXPECT_EQ(resolve(c, "no-NO"), "nb");
}

TEST(runtime_locale, neutral_and_unknown_names_give_the_source) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  for (const char* name : {"", "C", "c", "POSIX", "C.UTF-8", "fr", "xx-!!", "ko-", "-ko", "ko--KR",
                           "i-klingon", "x-private", "e", "toolonglanguage", "\xff\xfe", "ko KR"})
    EXPECT_EQ(resolve(c, name), "en") << name;
  EXPECT_EQ(resolve(c, std::string(5000, 'a')), "en");
  EXPECT_EQ(resolve(c, std::string("ko\0KR", 5)), "en");  // a NUL is no separator
  EXPECT_EQ(resolve(c, "ko"), "ko-KR");
}

TEST(runtime_locale, neutral_names_give_the_catalog_source) {
  const hand_table t(many, 2);  // ko-KR is the source here
  const catalog c = t.cat();
  EXPECT_EQ(resolve(c, "C"), "ko-KR");
  EXPECT_EQ(resolve(c, "POSIX"), "ko-KR");
  EXPECT_EQ(resolve(c, "fr"), "ko-KR");
  EXPECT_EQ(resolve(c, "en"), "en");
  EXPECT_EQ(c.find("Trace.Started", c.locale("he"))->field("description"), "description ko-KR");
}

TEST(runtime_negotiate, orders_by_quality_then_position) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  EXPECT_EQ(negotiate(c, "fr-CH, fr;q=0.9, ko;q=0.8, *;q=0.1"), "ko-KR");
  EXPECT_EQ(negotiate(c, "ko;q=0.1, zh-TW;q=0.5"), "zh-Hant");
  EXPECT_EQ(negotiate(c, "he;q=0.5, ko;q=0.5"), "he");
  EXPECT_EQ(negotiate(c, "ko;q=0.500, he;q=0.501"), "he");
  EXPECT_EQ(negotiate(c, "ko;q=1.000, he"), "ko-KR");
  EXPECT_EQ(negotiate(c, " KO ; Q = 0.5 , zh-hk;q=0.4"), "ko-KR");
  EXPECT_EQ(negotiate(c, "fr, *;q=0.5, ko;q=0.1"), "en");  // anything beats Korean
}

TEST(runtime_negotiate, skips_malformed_and_unacceptable_items) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  EXPECT_EQ(negotiate(c, "ko;q=0, he"), "he");
  EXPECT_EQ(negotiate(c, "ko;q=0.000, he;q=0.1"), "he");
  EXPECT_EQ(negotiate(c, "ko;q=2, he;q=0.1"), "he");
  EXPECT_EQ(negotiate(c, "ko;q=1.5, he;q=0.1"), "he");
  EXPECT_EQ(negotiate(c, "ko;q=0.1234, he;q=0.1"), "he");
  EXPECT_EQ(negotiate(c, "ko;q=abc, he;q=0.1"), "he");
  EXPECT_EQ(negotiate(c, "ko;q=, he;q=0.1"), "he");
  EXPECT_EQ(negotiate(c, ",,;,ko"), "ko-KR");
  EXPECT_EQ(negotiate(c, ""), "en");
  EXPECT_EQ(negotiate(c, "fr, de"), "en");
}

TEST(runtime_negotiate, reads_colon_lists) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  EXPECT_EQ(negotiate(c, "fr:ko:he"), "ko-KR");
  EXPECT_EQ(negotiate(c, "ko_KR.UTF-8:he"), "ko-KR");
  EXPECT_EQ(negotiate(c, "fr::sr_RS@latin"), "sr-Latn");
  EXPECT_EQ(negotiate(c, "ko"), "ko-KR");
}

TEST(runtime_negotiate, bounds_its_work) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  std::string prefs;
  for (int i = 0; i < 31; ++i) prefs += "fr, ";
  EXPECT_EQ(negotiate(c, prefs + "ko"), "ko-KR");   // the 32nd item still counts
  EXPECT_EQ(negotiate(c, prefs + "fr, ko"), "en");  // the 33rd does not
  std::string huge;
  for (int i = 0; i < 100000; ++i) huge += "x;q=0.5,";
  EXPECT_EQ(negotiate(c, huge), "en");
}

TEST(runtime_find, compares_the_whole_key) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  const locale ko = c.locale("ko-KR");
  const auto m = c.find("Trace.Started", ko);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->id(), "Trace.Started");
  EXPECT_EQ(m->text(), "summary ko-KR");
  EXPECT_EQ(m->locale(), ko);
  EXPECT_EQ(m->field("description"), "description en");
  EXPECT_EQ(m->field_locale(1), c.source_locale());
  EXPECT_EQ(m->field("missing"), "");
  EXPECT_EQ(m->code(), 0x4000Fu);
  for (const std::string_view miss :
       {std::string_view("Trace.Starte"), std::string_view("Trace.StartedX"), std::string_view(""),
        std::string_view("Trace.Started\0", 14), std::string_view("Trace\0Started", 13),
        std::string_view("trace.started")})
    EXPECT_FALSE(c.find(miss, ko)) << miss;
}

TEST(runtime_find, by_code_and_typed_index) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  const auto m = c.find(0x4000Fu, c.source_locale());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->id(), "Trace.Started");
  EXPECT_FALSE(c.find(0x4000Eu, c.source_locale()));
  EXPECT_FALSE(c.find(detail::no_code, c.source_locale()));
  EXPECT_EQ(c.get(message_id{0}, c.locale("zh-TW")).text(), "summary zh-Hant");
}

}  // namespace
}  // namespace diaglot

namespace diaglot {
namespace {

TEST(runtime_locale, survives_arbitrary_names_and_lists) {
  const hand_table t(many, 0);
  const catalog c = t.cat();
  const std::string alphabet = "abkozhrsKRTWHant-_.@:;,=q01. *\t\xff";
  std::uint64_t state = 0x9e3779b97f4a7c15ull;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int round = 0; round < 20000; ++round) {
    std::string s(next() % 48, ' ');
    for (char& ch : s) ch = alphabet[next() % alphabet.size()];
    ASSERT_LT(c.locale(s).index(), c.locale_count()) << s;
    ASSERT_LT(c.negotiate(s).index(), c.locale_count()) << s;
  }
}

}  // namespace
}  // namespace diaglot
