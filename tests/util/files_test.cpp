#include "util/files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

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

}  // namespace
}  // namespace diaglot::files
