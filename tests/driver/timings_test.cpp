// `diaglot compile --timings FILE`: what each stage cost, as JSON, after a compile that worked
// and after one that stopped early.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "driver/driver.hpp"
#include "support/corpus.hpp"
#include "support/json.hpp"
#include "util/stage_clock.hpp"

namespace diaglot {
namespace {

namespace fs = std::filesystem;
namespace pt = boost::property_tree;
using testing::parse_json;

std::vector<std::string> stage_names(const pt::ptree& timings) {
  std::vector<std::string> out;
  for (const auto& [key, stage] : timings.get_child("stages"))
    out.push_back(stage.get<std::string>("stage"));
  return out;
}

/// Compiles `sources` with --timings; the JSON it wrote.
pt::ptree compile_with_timings(const std::vector<std::string>& sources, const std::string& tag,
                               int& status) {
  const fs::path out =
      fs::temp_directory_path() / ("diaglot-timings-" + std::to_string(::getpid()) + "-" + tag);
  fs::remove_all(out);
  fs::create_directories(out);
  driver::compile_options o;
  o.sources = sources;
  o.out_dir = (out / "gen").string();
  o.name = "table";
  o.timings = (out / "timings.json").string();
  driver::session s;
  status = driver::compile(o, s);
  EXPECT_EQ(s.clock, nullptr) << "the session keeps no pointer to the finished clock";
  const pt::ptree timings = parse_json(testing::read_file(o.timings));
  fs::remove_all(out);
  return timings;
}

TEST(timings, a_compile_writes_each_stage_in_order_and_their_total) {
  int status = -1;
  const pt::ptree t =
      compile_with_timings({testing::fixture_path("xliff12/features.xlf")}, "ok", status);
  EXPECT_EQ(status, 0);
  EXPECT_EQ(stage_names(t),
            (std::vector<std::string>{"read", "model", "check", "plan", "emit", "write"}));
  double wall = 0, cpu = 0;
  long long faults = 0, peak = 0;
  for (const auto& [key, stage] : t.get_child("stages")) {
    const std::string name = stage.get<std::string>("stage");
    EXPECT_GE(stage.get<double>("wall_ms"), 0.0) << name;
    EXPECT_GE(stage.get<double>("cpu_ms"), 0.0) << name;
    EXPECT_GE(stage.get<long long>("page_faults"), 0) << name;
    // Peak memory never goes down from one stage to the next.
    EXPECT_GE(stage.get<long long>("peak_rss_kb"), peak) << name;
    peak = stage.get<long long>("peak_rss_kb");
    wall += stage.get<double>("wall_ms");
    cpu += stage.get<double>("cpu_ms");
    faults += stage.get<long long>("page_faults");
  }
  // The stages follow each other: their sum is the total, up to the rounding of each figure.
  EXPECT_EQ(t.get<std::string>("total.stage"), "total");
  EXPECT_NEAR(t.get<double>("total.wall_ms"), wall, 0.01);
  EXPECT_NEAR(t.get<double>("total.cpu_ms"), cpu, 0.01);
  EXPECT_EQ(t.get<long long>("total.page_faults"), faults);
  EXPECT_EQ(t.get<long long>("total.peak_rss_kb"), peak);
#if defined(__linux__)
  EXPECT_GT(peak, 0) << "Linux reports the peak resident set";
  EXPECT_GT(t.get<double>("total.wall_ms"), 0.0);
#endif
}

TEST(timings, a_compile_that_stops_early_writes_the_stages_that_ran) {
  int status = -1;
  const pt::ptree t = compile_with_timings(
      {testing::fixture_path("malformed/xlf_unclosed_tag.xlf")}, "stopped", status);
  EXPECT_EQ(status, driver::input_error);
  EXPECT_EQ(stage_names(t), std::vector<std::string>{"read"});
}

TEST(stage_clock, a_stage_costs_what_happened_between_its_start_and_its_end) {
  stage_clock clock;
  clock.end("nothing");
  std::vector<char> touched(64 << 20, 0);  // 64 MiB: pages faulted in, time spent
  for (std::size_t i = 0; i < touched.size(); i += 4096) touched[i] = 1;
  clock.end("touch");
  ASSERT_EQ(clock.stages().size(), 2u);
  const stage_cost& touch = clock.stages()[1];
  EXPECT_EQ(touch.stage, "touch");
#if defined(__linux__)
  EXPECT_GE(touch.page_faults, 8000) << "64 MiB are 16,384 pages";
  EXPECT_GT(touch.peak_rss_kb, clock.stages()[0].peak_rss_kb);
  EXPECT_GT(touch.cpu_ms, 0.0);
#endif
  EXPECT_GE(touch.wall_ms, 0.0);
  EXPECT_EQ(clock.total().page_faults, clock.stages()[0].page_faults + touch.page_faults);
  const pt::ptree t = parse_json(clock.json());
  EXPECT_EQ(stage_names(t), (std::vector<std::string>{"nothing", "touch"}));
}

}  // namespace
}  // namespace diaglot
