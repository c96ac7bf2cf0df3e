#include "locale/locale_data.hpp"

#include <gtest/gtest.h>

namespace diaglot::locale_data {
namespace {

TEST(locale_data, canonicalizes_common_spellings) {
  EXPECT_EQ(canonicalize("ko_KR"), "ko-KR");
  EXPECT_EQ(canonicalize("KO-kr"), "ko-KR");
  EXPECT_EQ(canonicalize("zh-hant"), "zh-Hant");
  EXPECT_EQ(canonicalize("pt-BR"), "pt-BR");
  EXPECT_EQ(canonicalize("iw"), "he");
  EXPECT_EQ(canonicalize("en"), "en");
  EXPECT_EQ(canonicalize("kor"), "ko");
}

TEST(locale_data, rejects_malformed_and_unknown_tags) {
  EXPECT_EQ(canonicalize(""), std::nullopt);
  EXPECT_EQ(canonicalize("ko_KR.UTF-8"), std::nullopt);
  EXPECT_EQ(canonicalize("english"), std::nullopt);
  EXPECT_EQ(canonicalize("zz"), std::nullopt);
  EXPECT_EQ(canonicalize("x!"), std::nullopt);
}

TEST(locale_data, suggests_a_fix) {
  EXPECT_EQ(suggest("zz"), "");
  EXPECT_EQ(canonicalize("JP"), std::nullopt);
  EXPECT_EQ(suggest("JP"), "ja-JP");
  EXPECT_EQ(suggest("ko_KR.UTF-8"), "ko-KR");
  EXPECT_EQ(suggest("english"), "");
}

TEST(locale_data, parents_follow_cldr) {
  EXPECT_EQ(parent("zh-Hant-TW"), "zh-Hant");
  EXPECT_EQ(parent("zh-Hant"), "");
  EXPECT_EQ(parent("ko-KR"), "ko");
  EXPECT_EQ(parent("es-MX"), "es-419");
  EXPECT_EQ(parent("es-419"), "es");
  EXPECT_EQ(parent("pt-PT"), "pt");
}

TEST(locale_data, chains_end_at_the_source_locale) {
  const std::vector<std::string> cat = {"en", "zh-Hans", "zh-Hant", "de-DE", "pt-BR", "es"};
  EXPECT_EQ(fallback_chain("zh-Hant", cat, "en"), (std::vector<std::string>{"zh-Hant", "en"}));
  EXPECT_EQ(fallback_chain("zh-Hant-TW", cat, "en"), (std::vector<std::string>{"zh-Hant", "en"}));
  EXPECT_EQ(fallback_chain("zh-TW", cat, "en"), (std::vector<std::string>{"zh-Hant", "en"}));
  EXPECT_EQ(fallback_chain("de-AT", cat, "en"), (std::vector<std::string>{"de-DE", "en"}));
  EXPECT_EQ(fallback_chain("es-MX", cat, "en"), (std::vector<std::string>{"es", "en"}));
  EXPECT_EQ(fallback_chain("pt-BR", cat, "en"), (std::vector<std::string>{"pt-BR", "en"}));
  // "pt" is not in the catalog; pt-BR is what "pt" means once likely subtags are added.
  EXPECT_EQ(fallback_chain("pt-PT", cat, "en"), (std::vector<std::string>{"pt-BR", "en"}));
}

TEST(locale_data, likely_facts_cover_script_regions) {
  const auto facts = likely_facts({"en", "zh-Hans", "zh-Hant"});
  auto find = [&](const std::string& key) -> const likely_fact* {
    for (const auto& f : facts)
      if (f.key == key) return &f;
    return nullptr;
  };
  ASSERT_NE(find("zh"), nullptr);
  EXPECT_EQ(find("zh")->script, "Hans");
  ASSERT_NE(find("zh-TW"), nullptr);
  EXPECT_EQ(find("zh-TW")->script, "Hant");
  ASSERT_NE(find("zh-Hant"), nullptr);
  EXPECT_EQ(find("zh-Hant")->region, "TW");
  EXPECT_EQ(find("zh-CN"), nullptr);  // same script as the default: not needed
  EXPECT_TRUE(std::is_sorted(facts.begin(), facts.end(),
                             [](const auto& a, const auto& b) { return a.key < b.key; }));
}

}  // namespace
}  // namespace diaglot::locale_data
