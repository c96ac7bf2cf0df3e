// diaglot's own catalog/: every diagnostic has a page whose summary is its codes.def template,
// translated in full into every catalog language, with no warning.
#include <gtest/gtest.h>

#include "driver/driver.hpp"

namespace diaglot {
namespace {

TEST(own_catalog, documents_every_diagnostic_in_every_language) {
  driver::session s;
  const std::string root = DIAGLOT_SOURCE_DIR "/catalog";
  const auto cat = driver::build_catalog({{root + "/en", root + "/xliff"}, {}, "en"}, s);
  ASSERT_TRUE(cat);
  for (const diagnostic& d : s.sink.all()) ADD_FAILURE() << render(d, s.sources);
  EXPECT_EQ(cat->locales, (std::vector<std::string>{"de", "en", "ja", "ko"}));

  const plan::table_plan plan = plan::make_plan(*cat);
  const detail::table table = plan.view();
  const catalog own(table);
  for (const diag code : all_diags()) {
    const std::string id = diag_code(code);
    SCOPED_TRACE(id);
    const auto en = own.find(id, own.source_locale());
    ASSERT_TRUE(en);
    EXPECT_EQ(en->text(), diag_english(code));
    EXPECT_EQ(en->code(), static_cast<std::uint32_t>(code));
    for (const char* lang : {"ko", "ja", "de"}) {
      const locale l = own.locale(lang);
      ASSERT_EQ(own.tag(l), lang);
      const auto m = own.find(id, l);
      ASSERT_TRUE(m);
      for (std::size_t f = 0; f < m->field_count(); ++f)
        EXPECT_EQ(own.tag(m->field_locale(f)), lang) << m->field_name(f);
      EXPECT_NE(m->text(), en->text());
    }
  }
  for (const char* ui : {"severity.error", "severity.warning", "severity.note", "lookup.served",
                         "lookup.fallback", "summary.errors", "summary.explain"})
    for (const char* lang : {"ko", "ja", "de"}) {
      const auto m = own.find(ui, own.locale(lang));
      ASSERT_TRUE(m) << ui;
      EXPECT_EQ(own.tag(m->locale()), lang) << ui;
    }
}

}  // namespace
}  // namespace diaglot
