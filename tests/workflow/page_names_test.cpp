// Page names in XLIFF: relative to the source a page came from, whatever way the source is
// spelled, and older files that name pages by their path as read still merge into their <file>.
#include "workflow/page_names.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "driver/driver.hpp"
#include "workflow/workflow.hpp"
#include "workflow/workflow_support.hpp"
#include "workflow/xliff12.hpp"
#include "workflow/xliff20.hpp"

namespace diaglot::workflow {
namespace {

namespace fs = std::filesystem;

/// A folder with pages: docs/en/a.md, docs/en/sub/b.md, docs/sxs/a.md, other/c.md.
class page_names_test : public ::testing::Test {
 protected:
  page_names_test() : tmp_("page-names") {
    for (const char* page : {"docs/en/a.md", "docs/en/sub/b.md", "docs/sxs/a.md", "other/c.md"}) {
      fs::create_directories(fs::path(tmp_ / page).parent_path());
      std::ofstream(tmp_ / page) << "# page\n";
    }
  }
  /// `path` relative to the current folder (`../../tmp/...`).
  static std::string relative(const std::string& path) {
    return fs::path(path).lexically_relative(fs::current_path()).string();
  }
  testing::temp_folder tmp_;
};

TEST_F(page_names_test, a_directory_names_its_pages_relative_to_itself_however_it_is_spelled) {
  const std::string en = tmp_ / "docs/en";
  for (const std::string& spelling :
       {en, en + "/", en + "//", relative(en), relative(en) + "/", "./" + relative(en),
        tmp_ / "docs/sxs/../en", tmp_ / "docs/./en/."}) {
    SCOPED_TRACE(spelling);
    const page_names names({spelling});
    // Paths as the reader lists them: the source's spelling, then the file.
    const std::string prefix = spelling.back() == '/' ? spelling : spelling + "/";
    EXPECT_EQ(names(prefix + "a.md"), "a.md");
    EXPECT_EQ(names(prefix + "sub/b.md"), "sub/b.md");
    // And the same files spelled another way.
    EXPECT_EQ(names(en + "/sub/b.md"), "sub/b.md");
    EXPECT_EQ(names(relative(en + "/a.md")), "a.md");
  }
}

TEST_F(page_names_test, files_given_directly_are_named_from_their_common_parent) {
  const std::string a = tmp_ / "docs/en/a.md", b = tmp_ / "docs/en/sub/b.md",
                    x = tmp_ / "docs/sxs/a.md";
  EXPECT_EQ(page_names({a})(a), "a.md");
  EXPECT_EQ(page_names({relative(a)})(a), "a.md");
  EXPECT_EQ(page_names({a, b})(b), "sub/b.md");
  // Two files of one name in different folders stay apart.
  const page_names both({a, relative(x)});
  EXPECT_EQ(both(a), "en/a.md");
  EXPECT_EQ(both(relative(x)), "sxs/a.md");
  EXPECT_EQ(both("./" + relative(x)), "sxs/a.md");
}

TEST_F(page_names_test, the_innermost_directory_names_a_page_and_others_keep_their_path) {
  const page_names names({tmp_ / "docs", tmp_ / "docs/en", tmp_ / "docs/en/a.md"});
  EXPECT_EQ(names(tmp_ / "docs/en/sub/b.md"), "sub/b.md");
  EXPECT_EQ(names(tmp_ / "docs/en/a.md"), "a.md");  // a directory names it before the file
  EXPECT_EQ(names(tmp_ / "docs/sxs/a.md"), "sxs/a.md");
  // A file under no source, and names without sources, are paths as read.
  EXPECT_EQ(names(tmp_ / "other/c.md"), tmp_ / "other/c.md");
  EXPECT_EQ(page_names()(tmp_ / "docs/en/a.md"), tmp_ / "docs/en/a.md");
  EXPECT_EQ(page_names()("./x/a.md"), "./x/a.md");
}

TEST_F(page_names_test, a_source_spelled_through_a_symbolic_link_names_the_same_pages) {
  fs::create_directory_symlink(tmp_ / "docs", tmp_ / "link");
  const page_names names({tmp_ / "link/en"});
  EXPECT_EQ(names(tmp_ / "link/en/sub/b.md"), "sub/b.md");
  EXPECT_EQ(names(tmp_ / "docs/en/sub/b.md"), "sub/b.md");
  EXPECT_EQ(names.name_of_original(tmp_ / "docs/en/a.md"), "a.md");
}

TEST_F(page_names_test, older_originals_are_found_by_name_then_path_then_the_file_they_name) {
  const page_names names({tmp_ / "docs/en"});
  EXPECT_EQ(names.name_of_original(tmp_ / "docs/en/sub/b.md"), "sub/b.md");
  EXPECT_EQ(names.name_of_original(relative(tmp_ / "docs/en/a.md")), "a.md");
  EXPECT_EQ(names.name_of_original(tmp_ / "docs/sxs/a.md"), "");
  EXPECT_EQ(names.name_of_original(""), "");
  EXPECT_EQ(page_names().name_of_original(tmp_ / "docs/en/a.md"), "");

  const std::string as_read = relative(tmp_ / "docs/en") + "/a.md";
  const std::vector<std::string> originals = {tmp_ / "docs/en/a.md", as_read, "a.md", "c.md"};
  EXPECT_EQ(names.find_file(originals, "a.md", as_read), std::optional<std::size_t>(2));
  EXPECT_EQ(names.find_file({originals[0], originals[1]}, "a.md", as_read),
            std::optional<std::size_t>(1));
  EXPECT_EQ(names.find_file({originals[0], "c.md"}, "a.md", as_read),
            std::optional<std::size_t>(0));
  EXPECT_EQ(names.find_file({"c.md", tmp_ / "docs/sxs/a.md"}, "a.md", as_read), std::nullopt);
  // Without sources, only the literal forms match.
  EXPECT_EQ(page_names().find_file({originals[0]}, "a.md", as_read), std::nullopt);
}

/// How often `what` occurs in `text`.
std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += what.size()) ++n;
  return n;
}

/// A file an older diaglot wrote (pages named by their absolute path, every unit translated)
/// merges into its <file>s when the English is given relative: a message renamed in its page
/// goes to that page's <file>, and no translation is lost.
TEST(page_names_merge, files_with_absolute_pages_merge_without_a_new_file) {
  for (const bool xliff2 : {false, true}) {
    SCOPED_TRACE(xliff2 ? "xliff20" : "xliff12");
    testing::temp_folder tmp(xliff2 ? "old-originals-20" : "old-originals-12");
    fs::copy(testing::fixture_path("workflow/en"), tmp / "en");
    const std::string en = tmp / "en";
    std::string old;
    {
      driver::session s;
      const auto cat = driver::build_catalog({{en}, {}, "en"}, s);
      ASSERT_TRUE(cat);
      std::vector<unit_set> sets = extract_units(*cat, s.sources, {"ko-KR"});  // as read
      for (auto& [page, units] : sets[0].by_page)
        for (unit& u : units) {
          u.target = "KO " + u.source;
          u.st = model::state::translated;
        }
      old = xliff2 ? xliff20::write(sets[0]) : xliff12::write(sets[0]);
    }
    ASSERT_NE(old.find("original=\"" + en + "/alpha.md\""), std::string::npos) << old;
    const std::string alpha = tmp / "en/alpha.md";
    std::string page = testing::read_file(alpha);
    page.replace(page.find("title: Sample.Alpha"), 19, "title: Sample.Renamed");
    page.replace(page.find("# Sample.Alpha"), 14, "# Sample.Renamed");
    std::ofstream(alpha, std::ios::binary) << page;

    driver::session s;
    const std::string spelled =
        "./" + fs::path(en).lexically_relative(fs::current_path()).string() + "/";
    const auto cat = driver::build_catalog({{spelled}, {}, "en"}, s);
    ASSERT_TRUE(cat);
    const std::uint32_t f = s.sources.add("ko-KR.xlf", old);
    merge_counts counts;
    const page_names names({spelled});
    const std::optional<std::string> merged =
        xliff2 ? xliff20::merge(f, *cat, s.sources, {}, counts, s.sink, names)
               : merge_xliff12(f, *cat, s.sources, {}, counts, s.sink, names);
    ASSERT_TRUE(merged);
    EXPECT_FALSE(s.sink.has_errors());
    EXPECT_EQ(counts.lost, 0u);
    EXPECT_GT(counts.added, 0u);
    EXPECT_EQ(count_of(*merged, "<file "), count_of(old, "<file ")) << *merged;
    // The new units are in alpha.md's <file>, and name the page the new way.
    const std::size_t unit = merged->find("name=\"Sample.Renamed#summary\"");
    ASSERT_NE(unit, std::string::npos);
    const std::size_t file = merged->rfind("<file ", unit);
    EXPECT_EQ(merged->find("original=\"" + en + "/alpha.md\"", file),
              merged->find("original=", file));
    EXPECT_NE(merged->find("page: alpha.md, field: summary"), std::string::npos);
    EXPECT_EQ(count_of(*merged, ">KO "), count_of(old, ">KO "));
  }
}

}  // namespace
}  // namespace diaglot::workflow
