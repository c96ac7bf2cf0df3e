#include "util/files.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "diag/diagnostics.hpp"
#include "support/corpus.hpp"
#include "support/temp_tree.hpp"

namespace diaglot::files {
namespace {

namespace fs = std::filesystem;

/// An output file in a scratch directory for one test.
class temp_file {
 public:
  std::string path() const { return dir_.path("out.cpp"); }
  std::string text() const { return testing::read_file(path()); }
  /// Files in the directory: the output and any temporary left behind.
  std::size_t files() const {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_.path())) ++n;
    return n;
  }

 private:
  testing::temp_tree dir_{"files"};
};

TEST(files, pieces_are_written_one_after_the_other) {
  const temp_file f;
  std::string error;
  const std::vector<std::string_view> pieces = {"// head\n", "", "pool\n", "tail\n"};
  EXPECT_EQ(write_joined_if_changed(f.path(), pieces, error), write_result::written) << error;
  EXPECT_EQ(f.text(), "// head\npool\ntail\n");
  EXPECT_EQ(f.files(), 1u) << "no temporary is left";
}

TEST(files, the_same_bytes_in_other_pieces_leave_the_file_alone) {
  const temp_file f;
  std::string error;
  ASSERT_EQ(write_if_changed(f.path(), std::string("abcdef"), error), write_result::written);
  const auto written = fs::last_write_time(f.path());
  EXPECT_EQ(write_joined_if_changed(f.path(), {"ab", "cde", "f"}, error), write_result::unchanged);
  EXPECT_EQ(write_joined_if_changed(f.path(), {"abcdef"}, error), write_result::unchanged);
  EXPECT_EQ(fs::last_write_time(f.path()), written);
  // One byte off, in any piece, or one byte more or less: written again.
  EXPECT_EQ(write_joined_if_changed(f.path(), {"ab", "cdE", "f"}, error), write_result::written);
  EXPECT_EQ(f.text(), "abcdEf");
  EXPECT_EQ(write_joined_if_changed(f.path(), {"ab", "cdE"}, error), write_result::written);
  EXPECT_EQ(f.text(), "abcdE");
  EXPECT_EQ(write_joined_if_changed(f.path(), {"ab", "cdE", "fg"}, error), write_result::written);
  EXPECT_EQ(f.text(), "abcdEfg");
}

TEST(files, pieces_longer_than_the_compare_buffer_are_compared_whole) {
  const temp_file f;
  std::string error;
  const std::string big(200000, 'x');
  ASSERT_EQ(write_joined_if_changed(f.path(), {big, big}, error), write_result::written);
  EXPECT_EQ(f.text().size(), 400000u);
  EXPECT_EQ(write_joined_if_changed(f.path(), {big + big}, error), write_result::unchanged);
  std::string changed = big;
  changed[150000] = 'y';
  EXPECT_EQ(write_joined_if_changed(f.path(), {big, changed}, error), write_result::written);
  EXPECT_EQ(f.text().substr(200000), changed);
}

TEST(files, a_symbolic_link_is_written_through_to_the_file_it_names) {
  const testing::temp_tree dir("files");
  const std::string real = dir.write("store/messages.de.xlf", "old");
  fs::create_directories(dir.path("work"));
  const std::string link = dir.path("work/messages.de.xlf");
  fs::create_symlink(real, link);
  std::string error;
  EXPECT_EQ(write_if_changed(link, std::string("new"), error), write_result::written) << error;
  EXPECT_TRUE(fs::is_symlink(link)) << "the link stays a link";
  EXPECT_EQ(testing::read_file(real), "new");
  EXPECT_EQ(write_if_changed(link, std::string("new"), error), write_result::unchanged);
}

TEST(files, a_replaced_file_keeps_its_permissions) {
  const temp_file f;
  std::string error;
  ASSERT_EQ(write_if_changed(f.path(), std::string("one"), error), write_result::written);
  fs::permissions(f.path(), fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  ASSERT_EQ(write_if_changed(f.path(), std::string("two"), error), write_result::written);
  EXPECT_EQ(fs::status(f.path()).permissions(),
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(f.text(), "two");
}

TEST(files, a_directory_in_the_way_is_reported_before_anything_is_written) {
  const testing::temp_tree dir("files");
  fs::create_directories(dir.path("b.cpp"));
  output_set set({{dir.path("a.hpp"), {"a"}}, {dir.path("b.cpp"), {"b"}}});
  std::string error;
  EXPECT_TRUE(set.stage(0, error)) << error;
  EXPECT_FALSE(set.stage(1, error));
  EXPECT_EQ(error,
            diaglot::system_error_text(EISDIR));  // a phrase: the C library's text, translated
}

/// Stages every output of `set`, then puts a directory where `blocked` goes, so that its rename
/// fails; returns the index commit() reports.
std::size_t commit_blocked(output_set& set, const std::string& blocked) {
  std::string error;
  for (std::size_t i = 0; i < set.size(); ++i) EXPECT_TRUE(set.stage(i, error)) << error;
  fs::create_directories(blocked + "/inside");
  std::size_t failed = 99;
  EXPECT_FALSE(set.commit(failed, error));
  EXPECT_FALSE(error.empty());
  return failed;
}

TEST(files, a_set_whose_rename_fails_puts_back_what_it_had_replaced) {
  const testing::temp_tree dir("files");
  const std::string a = dir.write("a.hpp", "old a"), b = dir.write("b.cpp", "old b");
  const std::string c = dir.path("c.cpp");
  output_set set({{a, {"new a"}}, {b, {"new b"}}, {c, {"new c"}}});
  // c's rename fails, after a's and b's.
  EXPECT_EQ(commit_blocked(set, c), 2u);
  EXPECT_EQ(testing::read_file(a), "old a");
  EXPECT_EQ(testing::read_file(b), "old b");
  std::vector<std::string> left;
  for (const fs::directory_entry& e : fs::directory_iterator(dir.path()))
    left.push_back(e.path().filename().string());
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"a.hpp", "b.cpp", "c.cpp"}))
      << "no temporary or second name is left";
}

TEST(files, a_new_file_of_a_failed_set_is_removed) {
  const testing::temp_tree dir("files");
  const std::string a = dir.path("a.hpp");
  output_set set({{a, {"new a"}}, {dir.path("b.cpp"), {"new b"}}});
  EXPECT_EQ(commit_blocked(set, dir.path("b.cpp")), 1u);
  EXPECT_FALSE(fs::exists(a));
}

TEST(files, a_dangling_link_is_written_through_and_a_loop_is_an_error) {
  const testing::temp_tree dir("files");
  fs::create_directories(dir.path("out"));
  fs::create_symlink("../shared/t.hpp", dir.path("out/t.hpp"));
  std::string error;
  EXPECT_EQ(write_if_changed(dir.path("out/t.hpp"), std::string("t"), error), write_result::written)
      << error;
  EXPECT_TRUE(fs::is_symlink(dir.path("out/t.hpp")));
  EXPECT_EQ(testing::read_file(dir.path("shared/t.hpp")), "t");
  fs::create_symlink("b", dir.path("a"));
  fs::create_symlink("a", dir.path("b"));
  EXPECT_EQ(write_if_changed(dir.path("a"), std::string("x"), error), write_result::failed);
  EXPECT_EQ(error, diaglot::system_error_text(ELOOP));
}

TEST(files, one_file_named_twice_in_a_set_is_written_once) {
  const testing::temp_tree dir("files");
  const std::string a = dir.write("a.xlf", "old");
  fs::create_symlink("a.xlf", dir.path("link.xlf"));
  output_set set({{a, {"new"}}, {dir.path("link.xlf"), {"new"}}, {a, {"new"}}});
  std::string error;
  for (std::size_t i = 0; i < set.size(); ++i) ASSERT_TRUE(set.stage(i, error)) << error;
  std::size_t failed = 99;
  EXPECT_TRUE(set.commit(failed, error)) << error;
  EXPECT_EQ(testing::read_file(a), "new");
  EXPECT_TRUE(fs::is_symlink(dir.path("link.xlf")));
}

TEST(files, a_failed_set_puts_back_a_file_written_twice_and_skips_a_stale_backup_name) {
  const testing::temp_tree dir("files");
  const std::string a = dir.write("a.xlf", "old");
  // What an earlier run with this process ID left: not to be used, nor touched.
  const std::string stale = dir.write("a.xlf.old." + std::to_string(::getpid()) + ".0", "stale");
  output_set set({{a, {"first"}}, {a, {"second"}}, {dir.path("b.xlf"), {"b"}}});
  EXPECT_EQ(commit_blocked(set, dir.path("b.xlf")), 2u);
  EXPECT_EQ(testing::read_file(a), "old");
  EXPECT_EQ(testing::read_file(stale), "stale");
}

TEST(files, a_replaced_file_keeps_its_owner_and_group_where_the_system_allows) {
  if (::geteuid() != 0) GTEST_SKIP() << "giving a file to another user needs root";
  const temp_file f;
  std::string error;
  ASSERT_EQ(write_if_changed(f.path(), std::string("one"), error), write_result::written);
  ASSERT_EQ(::chown(f.path().c_str(), 65534, 65534), 0);
  ASSERT_EQ(write_if_changed(f.path(), std::string("two"), error), write_result::written);
  struct stat st;
  ASSERT_EQ(::stat(f.path().c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 65534u);
  EXPECT_EQ(st.st_gid, 65534u);
}

TEST(files, extensions_are_compared_in_any_case) {
  EXPECT_EQ(extension("dir.d/Messages.ko-KR.XLF"), ".xlf");
  EXPECT_EQ(extension("dir.d/README"), "");
  EXPECT_TRUE(is_xliff("a/Strings.de.Xliff"));
  EXPECT_FALSE(is_xliff("a/page.md"));
  const testing::temp_tree dir("files");
  dir.write("sub/A.XLF", "a");
  dir.write("b.md", "b");
  dir.write("c.txt", "c");
  EXPECT_EQ(list_recursive(dir.path(), {".xlf", ".md"}),
            (std::vector<std::string>{dir.path("b.md"), dir.path("sub/A.XLF")}));
}

TEST(files, a_link_to_a_file_listed_anyway_is_left_out_and_one_to_a_file_elsewhere_is_not) {
  const testing::temp_tree dir("files-links");
  dir.write("en/a.md", "a");
  dir.write("elsewhere/b.md", "b");
  std::filesystem::create_directories(dir.path("en/sub"));
  std::filesystem::create_symlink("../a.md", dir.path("en/sub/alias.md"));
  std::filesystem::create_symlink(dir.path("elsewhere/b.md"), dir.path("en/b.md"));
  std::filesystem::create_directory_symlink(dir.path("elsewhere"), dir.path("en/more"));
  EXPECT_EQ(list_recursive(dir.path("en"), {".md"}),
            (std::vector<std::string>{dir.path("en/a.md"), dir.path("en/b.md")}));
  // Spelled with a trailing separator or through a link, the directory lists the same.
  EXPECT_EQ(list_recursive(dir.path("en") + "/", {".md"}),
            (std::vector<std::string>{dir.path("en") + "/a.md", dir.path("en") + "/b.md"}));
  std::filesystem::create_directory_symlink(dir.path("en"), dir.path("en-link"));
  EXPECT_EQ(list_recursive(dir.path("en-link"), {".md"}),
            (std::vector<std::string>{dir.path("en-link/a.md"), dir.path("en-link/b.md")}));
}

TEST(files, a_file_with_two_hard_links_in_a_tree_is_listed_once_under_its_first_name) {
  const testing::temp_tree dir("files-hard-links");
  dir.write("en/b/page.md", "b");
  fs::create_directories(dir.path("en/a"));
  fs::create_hard_link(dir.path("en/b/page.md"), dir.path("en/a/page.md"));
  // A link that sorts before the file it names still gives way to the file itself.
  dir.write("en/z.md", "z");
  fs::create_symlink("z.md", dir.path("en/0-alias.md"));
  // Two files with the same bytes are two files.
  dir.write("en/copy.md", "z");
  EXPECT_EQ(list_recursive(dir.path("en"), {".md"}),
            (std::vector<std::string>{dir.path("en/a/page.md"), dir.path("en/copy.md"),
                                      dir.path("en/z.md")}));
}

TEST(files, reading_a_directory_says_so) {
  const testing::temp_tree dir("files-read-dir");
  std::string contents = "kept", error;
  EXPECT_FALSE(read(dir.path(), contents, error));
  EXPECT_EQ(error, diaglot::system_error_text(EISDIR));
  EXPECT_EQ(contents, "kept");
  EXPECT_FALSE(read(dir.path("missing.md"), contents, error));
  EXPECT_EQ(error, diaglot::system_error_text(ENOENT));
}

TEST(files, staging_tells_which_outputs_would_replace_other_bytes) {
  const testing::temp_tree dir("files");
  const std::string same = dir.write("same.xlf", "s"), other = dir.write("other.xlf", "o");
  output_set set({{same, {"s"}}, {other, {"new"}}, {dir.path("new.xlf"), {"n"}}});
  std::string error;
  for (std::size_t i = 0; i < set.size(); ++i) ASSERT_TRUE(set.stage(i, error)) << error;
  EXPECT_FALSE(set.replaces(0));
  EXPECT_TRUE(set.replaces(1));
  EXPECT_FALSE(set.replaces(2));
  EXPECT_EQ(set.path(1), other);
}

}  // namespace
}  // namespace diaglot::files
