// The generated tables (built by diaglot_add_catalog from the corpus) answer exactly as the
// in-memory tables `diaglot lookup` uses, for every message, field and locale.
#include <gtest/gtest.h>

#include <filesystem>

#include "driver/driver.hpp"
#include "support/corpus.hpp"
#include "wcf_http_strings.hpp"
#include "wcf_traces.hpp"

namespace diaglot {
namespace {

/// Compares two catalogs message by message in every locale of the first.
void expect_same_lookups(const catalog& generated, const catalog& memory) {
  ASSERT_EQ(generated.size(), memory.size());
  ASSERT_EQ(generated.locale_count(), memory.locale_count());
  for (std::size_t li = 0; li < generated.locale_count(); ++li) {
    const locale l(static_cast<std::uint16_t>(li));
    ASSERT_EQ(generated.tag(l), memory.tag(l));
    for (std::size_t i = 0; i < memory.size(); ++i) {
      const message want = memory.at(i, l);
      const auto got = generated.find(want.id(), l);
      ASSERT_TRUE(got) << want.id();
      ASSERT_EQ(got->code(), want.code());
      ASSERT_EQ(got->field_count(), want.field_count());
      for (std::size_t f = 0; f < want.field_count(); ++f) {
        EXPECT_EQ(got->field_name(f), want.field_name(f));
        EXPECT_EQ(got->field_text(f), want.field_text(f)) << want.id() << " " << generated.tag(l);
        // Two catalogs: their handles differ, their locales are the same ones.
        EXPECT_EQ(got->field_locale(f).index(), want.field_locale(f).index());
      }
    }
  }
}

TEST(generated, wcf_traces_match_the_in_memory_tables) {
  DIAGLOT_REQUIRE_SHARED(traces, "corpus/wcf-traces");
  driver::session s;
  const auto cat =
      driver::build_catalog({{traces + "/en", traces + "/sxs/ko-KR", traces + "/sxs/ja-JP",
                              traces + "/sxs/zh-CN", traces + "/sxs/ru-RU", traces + "/sxs/de-DE"},
                             {traces + "/trace-codes.tsv"},
                             "en"},
                            s);
  ASSERT_TRUE(cat);
  const plan::table_plan plan = plan::make_plan(*cat);
  const detail::table table = plan.view();
  expect_same_lookups(wcf::wcf_traces, catalog(table));
}

TEST(generated, typed_ids_and_codes_reach_the_same_message) {
  const locale ko = wcf::wcf_traces.locale("ko_KR.UTF-8");
  ASSERT_EQ(wcf::wcf_traces.tag(ko), "ko-KR");
  const message typed = wcf::wcf_traces.get(
      wcf::ids::System::ServiceModel::Channels::HttpsClientCertificateInvalid, ko);
  EXPECT_EQ(typed.id(), "System.ServiceModel.Channels.HttpsClientCertificateInvalid");
  EXPECT_EQ(typed.text(), "클라이언트 인증서가 잘못되었습니다.");
  const auto by_code = wcf::wcf_traces.find(std::uint32_t{0x4000F}, ko);
  ASSERT_TRUE(by_code);
  EXPECT_EQ(by_code->id(), typed.id());
  // German request for Austria is served by the German pages.
  const locale at = wcf::wcf_traces.locale("de-AT");
  EXPECT_EQ(wcf::wcf_traces.tag(at), "de-DE");
}

TEST(generated, xliff_resource_set_matches_the_in_memory_tables) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(DIAGLOT_XLIFF_SET_DIR))
    files.push_back(e.path().string());
  driver::session s;
  const auto cat = driver::build_catalog({files, {}, "en"}, s);
  ASSERT_TRUE(cat);
  const plan::table_plan plan = plan::make_plan(*cat);
  const detail::table table = plan.view();
  expect_same_lookups(wcf::http::wcf_http_strings, catalog(table));
  EXPECT_EQ(wcf::http::wcf_http_strings.tag(wcf::http::wcf_http_strings.locale("zh-TW")),
            "zh-Hant");
}

}  // namespace
}  // namespace diaglot
