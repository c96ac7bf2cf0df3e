// A compile's outputs: written side by side once all are computed, each atomically; one that
// cannot be written is reported by path and leaves the others written and itself untouched.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "driver/driver.hpp"
#include "support/corpus.hpp"

namespace diaglot {
namespace {

namespace fs = std::filesystem;

TEST(outputs, one_that_cannot_be_written_is_reported_and_the_others_are_written) {
  const fs::path root =
      fs::temp_directory_path() / ("diaglot-outputs-" + std::to_string(::getpid()));
  fs::remove_all(root);
  // The first shard's path is taken by a directory holding a file: nothing can replace it.
  fs::create_directories(root / "table.shard1.cpp");
  std::ofstream(root / "table.shard1.cpp" / "keep") << "kept";
  driver::compile_options o;
  o.sources = {testing::fixture_path("xliff12/features.xlf")};
  o.out_dir = root.string();
  o.name = "table";
  o.shards = 3;
  driver::session s;
  EXPECT_EQ(driver::compile(o, s), driver::io_error);
  std::vector<std::string> failed;
  for (const diagnostic& d : s.sink.all())
    if (d.code == diag::cannot_write) failed.push_back(d.args.at(0));
  EXPECT_EQ(failed, std::vector<std::string>{(root / "table.shard1.cpp").string()});
  for (const char* name : {"table.hpp", "table.cpp", "table.shard2.cpp"})
    EXPECT_TRUE(fs::is_regular_file(root / name)) << name;
  EXPECT_EQ(testing::read_file((root / "table.shard1.cpp" / "keep").string()), "kept");
  // No temporary is left beside the outputs.
  for (const fs::directory_entry& e : fs::directory_iterator(root))
    EXPECT_EQ(e.path().filename().string().find(".tmp."), std::string::npos) << e.path();
  fs::remove_all(root);
}

}  // namespace
}  // namespace diaglot
