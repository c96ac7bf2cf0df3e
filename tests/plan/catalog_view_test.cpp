// The runtime over tables planned from model catalogs (ICU's likely subtags and parents baked
// in), read through table_plan::view() as `diaglot lookup` does. (These belong with the runtime
// tests, but test_runtime links the runtime alone.)
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "diaglot/catalog.hpp"
#include "plan/table_plan.hpp"
#include "plan/test_catalog.hpp"

namespace diaglot::plan {
namespace {

using testing::catalog_builder;

/// A plan and a catalog over its view, kept together.
struct planned {
  explicit planned(const model::catalog& cat)
      : plan(make_plan(cat)), table(plan.view()), cat(table) {}
  table_plan plan;
  detail::table table;
  catalog cat;

  std::string resolve(std::string_view name) const {
    return std::string(cat.tag(cat.locale(name)));
  }
  std::string negotiate(std::string_view prefs) const {
    return std::string(cat.tag(cat.negotiate(prefs)));
  }
};

std::unique_ptr<planned> with_locales(std::vector<std::string> locales) {
  catalog_builder b(locales);
  for (const std::string& l : locales) b.text("Trace.Started", "summary", l, "Started (" + l + ")");
  return std::make_unique<planned>(b.build());
}

TEST(catalog_view, german_requests_find_the_one_german_locale) {
  const auto p = with_locales({"de-DE", "en"});
  EXPECT_EQ(p->resolve("de-AT"), "de-DE");
  EXPECT_EQ(p->resolve("de"), "de-DE");
  EXPECT_EQ(p->resolve("de_CH.UTF-8"), "de-DE");
  EXPECT_EQ(p->resolve("en-GB"), "en");
}

TEST(catalog_view, chinese_requests_follow_the_script) {
  const auto p = with_locales({"en", "zh-Hans", "zh-Hant"});
  EXPECT_EQ(p->resolve("zh_TW"), "zh-Hant");
  EXPECT_EQ(p->resolve("zh-HK"), "zh-Hant");
  EXPECT_EQ(p->resolve("zh-CN"), "zh-Hans");
  EXPECT_EQ(p->resolve("zh"), "zh-Hans");
  EXPECT_EQ(p->resolve("zh-Hant"), "zh-Hant");
  EXPECT_EQ(p->resolve("zh-Hans-SG"), "zh-Hans");
}

TEST(catalog_view, korean_requests_and_fallbacks) {
  const auto p = with_locales({"en", "ko-KR"});
  EXPECT_EQ(p->resolve("ko_KR.UTF-8"), "ko-KR");
  EXPECT_EQ(p->resolve("ko"), "ko-KR");
  EXPECT_EQ(p->resolve("C"), "en");
  EXPECT_EQ(p->resolve("fr"), "en");
  EXPECT_EQ(p->resolve("xx-!!"), "en");
}

TEST(catalog_view, portuguese_requests_take_the_only_portuguese) {
  const auto p = with_locales({"en", "pt-BR"});
  EXPECT_EQ(p->resolve("pt"), "pt-BR");
  EXPECT_EQ(p->resolve("pt-PT"), "pt-BR");
}

TEST(catalog_view, catalog_tags_select_themselves) {
  const auto p = with_locales({"en", "pt", "pt-BR", "pt-PT"});
  EXPECT_EQ(p->resolve("pt"), "pt");  // exact, though pt maximizes to pt-Latn-BR
  EXPECT_EQ(p->resolve("pt-BR"), "pt-BR");
  EXPECT_EQ(p->resolve("pt_PT"), "pt-PT");
  EXPECT_EQ(p->resolve("pt-AO"), "pt-PT");  // CLDR: pt-AO is closer to pt-PT than to pt (BR)
}

TEST(catalog_view, negotiates_preference_lists) {
  const auto p = with_locales({"en", "ja", "ko-KR", "zh-Hant"});
  EXPECT_EQ(p->negotiate("fr-CH, fr;q=0.9, ko;q=0.8, *;q=0.1"), "ko-KR");
  EXPECT_EQ(p->negotiate("ko;q=0.2, zh-TW;q=0.8"), "zh-Hant");
  EXPECT_EQ(p->negotiate("ko:ja:en"), "ko-KR");
  EXPECT_EQ(p->negotiate("fr:ja"), "ja");
  EXPECT_EQ(p->negotiate("fr, de;q=0.5"), "en");
}

TEST(catalog_view, finds_by_id_code_and_typed_index) {
  catalog_builder b({"en", "ko-KR"});
  for (int i = 0; i < 50; ++i) {
    const std::string id = "System.ServiceModel.Trace" + std::to_string(i);
    b.text(id, "summary", "en", "Summary " + std::to_string(i));
    b.text(id, "description", "en", "Description " + std::to_string(i));
    if (i % 2) b.text(id, "summary", "ko-KR", "요약 " + std::to_string(i));
    b.code(id, 0x40000 + static_cast<std::uint32_t>(i));
  }
  b.text("Configuring Tracing", "summary", "en", "A conceptual page");
  const planned p(b.build());
  const locale ko = p.cat.locale("ko-KR");
  for (int i = 0; i < 50; ++i) {
    const std::string id = "System.ServiceModel.Trace" + std::to_string(i);
    const auto m = p.cat.find(id, ko);
    ASSERT_TRUE(m) << id;
    EXPECT_EQ(m->text(), i % 2 ? "요약 " + std::to_string(i) : "Summary " + std::to_string(i));
    EXPECT_EQ(m->locale(), i % 2 ? ko : p.cat.source_locale());
    EXPECT_EQ(m->field("description"), "Description " + std::to_string(i));
    EXPECT_EQ(m->requested_locale(), ko);
    const auto by_code = p.cat.find(0x40000u + static_cast<std::uint32_t>(i), ko);
    ASSERT_TRUE(by_code);
    EXPECT_EQ(by_code->id(), id);
    // A typed ID is the table index the header names.
    std::uint32_t index = 0;
    while (index < p.plan.message_count() && p.plan.id(index) != id) ++index;
    EXPECT_EQ(p.cat.get(message_id{index}, ko).id(), id);
  }
  ASSERT_TRUE(p.cat.find("Configuring Tracing", ko));
  EXPECT_EQ(p.cat.find("Configuring Tracing", ko)->text(), "A conceptual page");
  EXPECT_FALSE(p.cat.find(0x3ffffu, ko));
}

TEST(catalog_view, rejects_unknown_ids_prefixes_and_embedded_nul) {
  catalog_builder b({"en"});
  for (const char* id : {"A", "A.B", "A.B.C", "Trace.Long.Identifier.With.Many.Parts"})
    b.text(id, "text", "en", id);
  const planned p(b.build());
  const locale en = p.cat.source_locale();
  EXPECT_TRUE(p.cat.find("A.B", en));
  for (const std::string_view miss :
       {std::string_view(""), std::string_view("A."), std::string_view("A.B.C.D"),
        std::string_view("Trace.Long.Identifier.With.Many.Part"), std::string_view("a"),
        std::string_view("A\0", 2), std::string_view("A.B\0.C", 6),
        std::string_view("Trace.Long.Identifier.With.Many.Parts\0", 38),
        std::string_view("Unknown")})
    EXPECT_FALSE(p.cat.find(miss, en)) << miss;
}

}  // namespace
}  // namespace diaglot::plan
