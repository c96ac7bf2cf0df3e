// Test support for the translator workflow: temporary folders, the programs the tests run
// (xmllint, translate-toolkit, Qt's lrelease), and reading diaglot's output back.
#pragma once

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "read/readers.hpp"
#include "support/corpus.hpp"

namespace diaglot::testing {

struct command_result {
  int status = -1;
  std::string output;  ///< standard output and standard error
};

/// Runs a shell command, collecting what it prints.
inline command_result run_command(const std::string& command) {
  command_result r;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) r.output.append(buffer, n);
  const int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline bool have_program(const std::string& name) {
  return run_command("command -v " + name).status == 0;
}

inline bool under_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

/// A fresh folder for one test, removed when the object goes.
class temp_folder {
 public:
  explicit temp_folder(const std::string& name) {
    path_ = std::filesystem::temp_directory_path() /
            ("diaglot-workflow-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~temp_folder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string operator/(const std::string& relative) const { return (path_ / relative).string(); }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

/// xmllint's verdict on a file against one of the schemas in ../shared/schemas, offline.
inline command_result validate(const std::string& file, const std::string& schema) {
  const std::string schemas = shared_path("schemas");
  return run_command("XML_CATALOG_FILES='" + schemas +
                     "/catalog.xml' xmllint --nonet --noout --schema '" + schemas + "/" + schema +
                     "' '" + file + "'");
}

/// The entries `reader` (read::read_xliff12 or read::read_xliff2) gives for `xml`; any
/// diagnostic fails the test.
inline std::vector<model::entry> read_without_diagnostics(
    const std::string& xml, std::vector<model::entry> (*reader)(std::uint32_t, read::context&)) {
  source_manager sm;
  diagnostic_sink sink;
  read::context ctx{sm, sink};
  const std::uint32_t f = sm.add("test.xlf", xml);
  std::vector<model::entry> entries = reader(f, ctx);
  for (const diagnostic& d : sink.all()) ADD_FAILURE() << render(d, sm);
  return entries;
}

inline const char* xliff12_strict = "xliff-1.2/xliff-core-1.2-strict.xsd";
inline const char* xliff12_transitional = "xliff-1.2/xliff-core-1.2-transitional.xsd";
inline const char* xliff20_core = "xliff-2.0/xliff_core_2.0.xsd";

/// The elements `<name ...>...</name>` of a document as written (they must not nest), for
/// telling which ones a rewrite left byte for byte.
inline std::vector<std::string> elements_named(const std::string& xml, const std::string& name) {
  std::vector<std::string> out;
  const std::string open = "<" + name + " ", close = "</" + name + ">";
  for (std::size_t at = 0; (at = xml.find(open, at)) != std::string::npos;) {
    const std::size_t end = xml.find(close, at) + close.size();
    out.push_back(xml.substr(at, end - at));
    at = end;
  }
  return out;
}

/// How many of the elements named `name` are the same in `before` and `after`, place by place;
/// fails when their numbers differ.
inline std::size_t elements_kept(const std::string& before, const std::string& after,
                                 const std::string& name) {
  const std::vector<std::string> was = elements_named(before, name),
                                 now = elements_named(after, name);
  EXPECT_EQ(was.size(), now.size());
  std::size_t same = 0;
  for (std::size_t i = 0; i < std::min(was.size(), now.size()); ++i) same += was[i] == now[i];
  return same;
}

}  // namespace diaglot::testing

/// Skips when a program the test runs is missing, but fails under CI (CI=true), where
/// tools/dev.sh has installed it.
#define DIAGLOT_REQUIRE_PROGRAM(name)                                                        \
  if (!::diaglot::testing::have_program(name)) {                                             \
    if (::diaglot::testing::under_ci())                                                      \
      FAIL() << (name) << " is missing, and CI=true requires it";                            \
    GTEST_SKIP() << (name) << " is not installed (tools/dev.sh setup installs it); skipped"; \
  }
