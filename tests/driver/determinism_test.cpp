// A compile gives the same bytes and the same diagnostics whatever the number of threads the
// sources are read on and whatever the order they are named in.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "driver/driver.hpp"
#include "support/corpus.hpp"

namespace diaglot {
namespace {

namespace fs = std::filesystem;

/// What one compile gave: its status, rendered diagnostics and every output file's bytes.
struct outcome {
  int status = 0;
  std::string diagnostics;
  std::vector<std::pair<std::string, std::string>> files;  // name, bytes

  friend bool operator==(const outcome& a, const outcome& b) {
    return a.status == b.status && a.diagnostics == b.diagnostics && a.files == b.files;
  }
};

outcome compile(std::vector<std::string> sources, unsigned jobs, const std::string& tag) {
  const fs::path out =
      fs::temp_directory_path() / ("diaglot-determinism-" + std::to_string(::getpid()) + "-" + tag);
  fs::remove_all(out);
  driver::compile_options o;
  o.sources = std::move(sources);
  o.jobs = jobs;
  o.out_dir = out.string();
  o.name = "table";
  driver::session s;
  outcome r;
  r.status = driver::compile(o, s);
  s.sink.sort(s.sources);
  for (const diagnostic& d : s.sink.all()) r.diagnostics += render(d, s.sources);
  std::vector<fs::path> written;
  std::error_code ec;
  for (fs::directory_iterator it(out, ec), end; !ec && it != end; it.increment(ec))
    written.push_back(it->path());
  std::sort(written.begin(), written.end());
  for (const fs::path& p : written)
    r.files.emplace_back(p.filename().string(), testing::read_file(p.string()));
  fs::remove_all(out);
  return r;
}

/// Compiles the sources on 1 and 4 threads and expects one outcome; named in reverse order (on
/// 3 threads), the same diagnostics and the same bytes.
void expect_deterministic(const std::vector<std::string>& sources, bool expect_output) {
  const outcome one = compile(sources, 1, "one");
  EXPECT_EQ(one.files.empty(), !expect_output) << one.diagnostics;
  const outcome four = compile(sources, 4, "four");
  EXPECT_TRUE(one == four) << "1 thread:\n"
                           << one.diagnostics << "4 threads:\n"
                           << four.diagnostics;
  const std::vector<std::string> reversed(sources.rbegin(), sources.rend());
  outcome backwards = compile(reversed, 3, "reversed");
  EXPECT_EQ(backwards.status, one.status);
  EXPECT_EQ(backwards.diagnostics, one.diagnostics);
  ASSERT_EQ(backwards.files.size(), one.files.size());
  for (std::size_t i = 0; i < one.files.size(); ++i) {
    EXPECT_EQ(backwards.files[i].first, one.files[i].first);
    EXPECT_EQ(backwards.files[i].second, one.files[i].second) << one.files[i].first;
  }
}

TEST(determinism, fixtures_compile_alike_on_any_number_of_threads) {
  expect_deterministic(
      {testing::fixture_path("xliff12"), testing::fixture_path("markdown/en"),
       testing::fixture_path("markdown/sxs"), testing::fixture_path("format/lookup")},
      true);
}

TEST(determinism, diagnostics_come_in_one_order_on_any_number_of_threads) {
  // Malformed inputs of every format: no output, the same reports.
  expect_deterministic({testing::fixture_path("malformed"), testing::fixture_path("warnings"),
                        testing::fixture_path("xliff2"), testing::fixture_path("format")},
                       false);
}

TEST(determinism, the_markdown_corpus_compiles_alike_on_any_number_of_threads) {
  DIAGLOT_REQUIRE_SHARED(en, "corpus/wcf-traces/en");
  DIAGLOT_REQUIRE_SHARED(sxs, "corpus/wcf-traces/sxs");
  expect_deterministic({en, sxs}, true);
}

TEST(determinism, the_xliff_corpus_reports_alike_on_any_number_of_threads) {
  // Its 20 resource sets share unit IDs: thousands of duplicate IDs, each with a note.
  DIAGLOT_REQUIRE_SHARED(xliff, "corpus/wcf-xliff");
  expect_deterministic({xliff}, false);
}

}  // namespace
}  // namespace diaglot
