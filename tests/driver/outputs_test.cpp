// A compile's outputs: written side by side once all are computed, all or none: one that cannot
// be written is reported by path, and the others are left as they were (a header from one run
// beside a table from another would serve the wrong messages by typed ID).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "driver/driver.hpp"
#include "support/corpus.hpp"

namespace diaglot {
namespace {

namespace fs = std::filesystem;

/// The files in a directory, by name, with their bytes (a directory's as "<dir>").
std::map<std::string, std::string> files_in(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const fs::directory_entry& e : fs::directory_iterator(dir))
    out[e.path().filename().string()] =
        e.is_directory() ? "<dir>" : testing::read_file(e.path().string());
  return out;
}

driver::compile_options three_shards(const fs::path& out, const std::string& source) {
  driver::compile_options o;
  o.sources = {testing::fixture_path(source)};
  o.out_dir = out.string();
  o.name = "table";
  o.shards = 3;
  return o;
}

std::vector<std::string> not_written(const driver::session& s) {
  std::vector<std::string> paths;
  for (const diagnostic& d : s.sink.all())
    if (d.code == diag::cannot_write) paths.push_back(d.args.at(0));
  return paths;
}

TEST(outputs, one_that_cannot_be_written_writes_none_of_them) {
  const fs::path root =
      fs::temp_directory_path() / ("diaglot-outputs-" + std::to_string(::getpid()));
  fs::remove_all(root);
  // The first shard's path is taken by a directory holding a file: nothing can replace it.
  fs::create_directories(root / "table.shard1.cpp");
  std::ofstream(root / "table.shard1.cpp" / "keep") << "kept";
  driver::session s;
  EXPECT_EQ(driver::compile(three_shards(root, "xliff12/features.xlf"), s), driver::io_error);
  EXPECT_EQ(not_written(s), std::vector<std::string>{(root / "table.shard1.cpp").string()});
  // Nothing else was created, and no temporary is left.
  EXPECT_EQ(files_in(root), (std::map<std::string, std::string>{{"table.shard1.cpp", "<dir>"}}));
  EXPECT_EQ(testing::read_file((root / "table.shard1.cpp" / "keep").string()), "kept");
  fs::remove_all(root);
}

TEST(outputs, a_failed_run_leaves_the_previous_outputs_as_they_were) {
  const fs::path root =
      fs::temp_directory_path() / ("diaglot-outputs-kept-" + std::to_string(::getpid()));
  fs::remove_all(root);
  driver::session first;
  ASSERT_EQ(driver::compile(three_shards(root, "xliff12/features.xlf"), first), 0);
  // The next run compiles other messages, but its last shard cannot be written.
  fs::remove(root / "table.shard2.cpp");
  fs::create_directories(root / "table.shard2.cpp");
  const std::map<std::string, std::string> before = files_in(root);
  driver::session second;
  EXPECT_EQ(driver::compile(three_shards(root, "xliff12/states.xlf"), second), driver::io_error);
  EXPECT_EQ(not_written(second), std::vector<std::string>{(root / "table.shard2.cpp").string()});
  EXPECT_EQ(files_in(root), before) << "the header and sources of the first run";
  fs::remove_all(root);
}

}  // namespace
}  // namespace diaglot
