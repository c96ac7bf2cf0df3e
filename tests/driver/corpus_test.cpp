// End to end over the real corpus: sources -> model -> plan -> the runtime view, as `diaglot
// lookup` and generated code query it.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "driver/driver.hpp"
#include "support/corpus.hpp"

namespace diaglot {
namespace {

namespace fs = std::filesystem;

struct compiled {
  driver::session session;
  std::optional<model::catalog> cat;
  plan::table_plan plan;
  detail::table table{};

  explicit compiled(const driver::source_options& o) {
    cat = driver::build_catalog(o, session);
    if (cat) {
      plan = plan::make_plan(*cat);
      table = plan.view();
    }
  }
  catalog runtime() const { return catalog(table); }
  std::string errors() const {
    std::string out;
    for (const diagnostic& d : session.sink.all())
      if (d.level == severity::error) out += render(d, session.sources);
    return out;
  }
  std::size_t count(diag code) const {
    std::size_t n = 0;
    for (const diagnostic& d : session.sink.all()) n += d.code == code;
    return n;
  }
};

const char* const sxs_locales[] = {"ko-KR", "ja-JP", "zh-CN", "ru-RU", "de-DE"};

TEST(corpus, each_sxs_locale_compiles_alone_and_serves_every_segment) {
  DIAGLOT_REQUIRE_SHARED(sxs, "corpus/wcf-traces/sxs");
  for (const char* locale : sxs_locales) {
    SCOPED_TRACE(locale);
    compiled c({{sxs + "/" + locale}, {}, "en"});
    ASSERT_TRUE(c.cat) << c.errors();
    EXPECT_EQ(c.cat->messages.size(), 423u);
    const catalog rt = c.runtime();
    const diaglot::locale l = rt.locale(locale);
    ASSERT_EQ(rt.tag(l), locale);
    std::size_t segments = 0;
    for (const model::message& m : c.cat->messages) {
      const auto found = rt.find(m.id, l);
      ASSERT_TRUE(found) << m.id;
      const auto english = rt.find(m.id, rt.source_locale());
      ASSERT_TRUE(english);
      for (std::size_t f = 0; f < m.fields.size(); ++f) {
        const model::field& field = m.fields[f];
        ASSERT_EQ(found->field_name(f), field.name);
        EXPECT_EQ(english->field_text(f), field.by_locale.at("en").text);
        EXPECT_EQ(rt.tag(english->field_locale(f)), "en");
        const auto t = field.by_locale.find(locale);
        if (t == field.by_locale.end()) continue;
        EXPECT_EQ(rt.tag(found->field_locale(f)), locale) << m.id << " " << field.name;
        for (const model::segment& s : t->second.segments) {
          ++segments;
          EXPECT_NE(found->field_text(f).find(s.target), std::string_view::npos)
              << m.id << " segment " << s.id;
        }
      }
    }
    EXPECT_EQ(segments, 4854u);
  }
}

TEST(corpus, reference_page_in_korean) {
  DIAGLOT_REQUIRE_SHARED(sxs, "corpus/wcf-traces/sxs/ko-KR");
  DIAGLOT_REQUIRE_SHARED(codes, "corpus/wcf-traces/trace-codes.tsv");
  compiled c({{sxs}, {codes}, "en"});
  ASSERT_TRUE(c.cat) << c.errors();
  const catalog rt = c.runtime();
  const diaglot::locale ko = rt.locale("ko_KR.UTF-8");
  const auto m = rt.find("System.ServiceModel.Channels.HttpsClientCertificateInvalid", ko);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->text(), "클라이언트 인증서가 잘못되었습니다.");
  EXPECT_EQ(rt.tag(m->locale()), "ko-KR");
  const auto by_code = rt.find(std::uint32_t{0x4000F}, ko);
  ASSERT_TRUE(by_code);
  EXPECT_EQ(by_code->id(), m->id());
  EXPECT_EQ(m->code(), 0x4000Fu);
}

TEST(corpus, live_pages_give_the_sxs_lookups_where_they_align) {
  DIAGLOT_REQUIRE_SHARED(root, "corpus/wcf-traces");
  for (const char* locale : sxs_locales) {
    SCOPED_TRACE(locale);
    compiled live({{root + "/en", root + "/live/" + locale}, {}, "en"});
    compiled sxs({{root + "/sxs/" + locale}, {}, "en"});
    ASSERT_TRUE(live.cat) << live.errors();
    ASSERT_TRUE(sxs.cat) << sxs.errors();
    const std::size_t misaligned =
        live.count(diag::blocks_misaligned) + live.count(diag::no_english_page);
    const catalog a = live.runtime(), b = sxs.runtime();
    const diaglot::locale la = a.locale(locale), lb = b.locale(locale);
    std::size_t compared = 0;
    std::set<std::string> differing;
    for (const model::message& m : live.cat->messages) {
      if (m.fields.empty() || !m.states.count(locale)) continue;  // dropped: reported
      const auto x = a.find(m.id, la);
      const auto y = b.find(m.id, lb);
      ASSERT_TRUE(x && y) << m.id;
      ASSERT_EQ(x->field_count(), y->field_count()) << m.id;
      for (std::size_t f = 0; f < x->field_count(); ++f)
        if (x->field_text(f) != y->field_text(f)) differing.insert(m.id);
      ++compared;
    }
    // The one known difference in the data itself: activity-list.md has `RST*` live and `RST\*`
    // in sxs (corpus README).
    EXPECT_EQ(differing, std::set<std::string>{"Activity List"});
    EXPECT_EQ(compared + misaligned, 423u);
    std::cout << "[ corpus   ] " << locale << ": " << compared << " live pages aligned, "
              << misaligned << " reported\n";
  }
}

/// The 13 language files of each resource set, keyed by the set's folder and base name.
std::map<std::string, std::vector<std::string>> xliff_sets(const std::string& root) {
  std::map<std::string, std::vector<std::string>> sets;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.path().extension() != ".xlf") continue;
    std::string stem = e.path().stem().stem().string();  // Strings.ko.xlf -> Strings
    sets[e.path().parent_path().string() + "/" + stem].push_back(e.path().string());
  }
  for (auto& [k, v] : sets) std::sort(v.begin(), v.end());
  return sets;
}

TEST(corpus, every_xliff_file_alone_serves_its_translations) {
  DIAGLOT_REQUIRE_SHARED(root, "corpus/wcf-xliff");
  std::size_t files = 0, served = 0, fell_back = 0;
  for (const auto& [set, paths] : xliff_sets(root)) {
    for (const std::string& path : paths) {
      SCOPED_TRACE(path);
      compiled c({{path}, {}, "en"});
      ASSERT_TRUE(c.cat) << c.errors();
      ASSERT_EQ(c.cat->locales.size(), 2u);
      const std::string target = c.cat->locales[0] == "en" ? c.cat->locales[1] : c.cat->locales[0];
      const catalog rt = c.runtime();
      const diaglot::locale l = rt.locale(target);
      ASSERT_EQ(rt.tag(l), target);
      for (const model::message& m : c.cat->messages) {
        const auto found = rt.find(m.id, l);
        ASSERT_TRUE(found);
        const model::field& f = m.fields.at(0);
        const auto t = f.by_locale.find(target);
        ASSERT_NE(t, f.by_locale.end()) << m.id;  // every unit of the corpus has a <target>
        if (model::is_served(m.states.at(target))) {
          EXPECT_EQ(found->text(), t->second.text) << m.id;
          EXPECT_EQ(rt.tag(found->locale()), target);
          ++served;
        } else {
          EXPECT_EQ(found->text(), f.by_locale.at("en").text) << m.id;
          EXPECT_EQ(rt.tag(found->locale()), "en");
          ++fell_back;
        }
      }
      ++files;
    }
  }
  EXPECT_EQ(files, 260u);
  // 53,027 units are translated and 507 new; one Czech translation (svcutilcore
  // WrnNoServiceContractTypes, `{0}{ 0}`) does not parse as a .NET format string, so it is
  // reported (DGL1202) and English is served instead.
  EXPECT_EQ(served, 53026u);
  EXPECT_EQ(fell_back, 508u);
}

TEST(corpus, whole_resource_sets_compile_together) {
  DIAGLOT_REQUIRE_SHARED(root, "corpus/wcf-xliff");
  const auto sets = xliff_sets(root);
  EXPECT_EQ(sets.size(), 20u);
  for (const auto& [set, paths] : sets) {
    SCOPED_TRACE(set);
    ASSERT_EQ(paths.size(), 13u);
    compiled c({paths, {}, "en"});
    ASSERT_TRUE(c.cat) << c.errors();
    EXPECT_EQ(c.cat->locales.size(), 14u);
    const catalog rt = c.runtime();
    // zh-Hant is served as itself, and a Taiwanese request finds it.
    EXPECT_EQ(rt.tag(rt.locale("zh_TW")), "zh-Hant");
    EXPECT_EQ(rt.tag(rt.locale("pt-PT")), "pt-BR");
    // The ID hash reads a sample of each ID (detail::hash_sample) and every ID is found by it.
    EXPECT_EQ(c.plan.id_sample.sampled, 1u);
    for (const model::message& m : c.cat->messages) {
      const auto found = rt.find(m.id, rt.source_locale());
      ASSERT_TRUE(found) << m.id;
      EXPECT_EQ(found->id(), m.id);
    }
  }
}

}  // namespace
}  // namespace diaglot
