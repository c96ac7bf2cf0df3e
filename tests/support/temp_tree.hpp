// Test support: a scratch directory for one test, named after it and removed at the end.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace diaglot::testing {

class temp_tree {
 public:
  /// `prefix` tells the suites apart ("diaglot-<prefix>-<pid>-<test>").
  explicit temp_tree(const std::string& prefix) {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = std::filesystem::temp_directory_path() /
            ("diaglot-" + prefix + "-" + std::to_string(::getpid()) + "-" + info->name());
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  ~temp_tree() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  temp_tree(const temp_tree&) = delete;
  temp_tree& operator=(const temp_tree&) = delete;

  /// Writes a file below the root; returns its normalized path.
  std::string write(const std::string& relative, const std::string& contents) const {
    const std::filesystem::path p = root_ / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << contents;
    return p.lexically_normal().string();
  }
  std::string path(const std::string& relative = "") const {
    return (root_ / relative).lexically_normal().string();
  }

 private:
  std::filesystem::path root_;
};

}  // namespace diaglot::testing
