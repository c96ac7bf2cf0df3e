// Test support: where the shared corpus and fixtures are. Tests that need ../shared skip with a
// message when it is absent (a fresh clone), but fail under CI (CI=true), never skip silently.
#pragma once

#include <gtest/gtest.h>

#include <string>

namespace diaglot::testing {

/// Absolute path below ../shared, or "" when it does not exist.
std::string shared_path(const std::string& relative);
std::string fixture_path(const std::string& relative);
std::string read_file(const std::string& path);

}  // namespace diaglot::testing

/// Sets `var` to the shared path or skips (fails under CI) when it is missing.
#define DIAGLOT_REQUIRE_SHARED(var, relative)                                            \
  const std::string var = ::diaglot::testing::shared_path(relative);                     \
  if (var.empty()) {                                                                     \
    if (const char* ci = std::getenv("CI"); ci && std::string(ci) == "true") {           \
      FAIL() << "../shared/" << (relative) << " is missing, and CI=true requires it";    \
    }                                                                                    \
    GTEST_SKIP() << "../shared/" << (relative) << " is not beside the project; skipped"; \
  }
