// diaglot benchmarks: lookup time as a catalog grows. Each synthetic catalog
// (bench/tools/gen_synthetic.py) is read and planned in memory, as `diaglot lookup` does, and
// queried through the same runtime code that generated tables use.
//
//   scale_bench LABEL=DIR... [google benchmark flags]
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <diaglot/catalog.hpp>
#include <diaglot/hash.hpp>

#include "driver/driver.hpp"
#include "plan/table_plan.hpp"

namespace {

constexpr std::uint64_t query_seed = 0x5eedd1a910c00002ull;
constexpr std::size_t query_count = std::size_t{1} << 16;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "scale_bench: %s\n", what.c_str());
  std::exit(1);
}

struct splitmix64 {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
};

/// One catalog size: its plan (which owns the table's memory) and pre-drawn queries.
struct sized_catalog {
  std::string label;
  diaglot::plan::table_plan plan;
  diaglot::detail::table table{};
  std::unique_ptr<diaglot::catalog> cat;
  diaglot::locale l;
  std::vector<std::string> query_id;
  std::vector<std::uint32_t> query_typed;  ///< typed IDs' indexes (see lookup_bench.cpp)
};

std::unique_ptr<sized_catalog> load(const std::string& label, const std::string& dir) {
  auto s = std::make_unique<sized_catalog>();
  s->label = label;
  {
    diaglot::driver::source_options options;
    options.sources = {dir};
    diaglot::driver::session session;
    std::optional<diaglot::model::catalog> model = diaglot::driver::build_catalog(options, session);
    if (!model) fail("cannot build " + dir);
    s->plan = diaglot::plan::make_plan(*model);
  }  // the model and the sources are freed here; the plan holds the table
  s->table = s->plan.view();
  s->cat = std::make_unique<diaglot::catalog>(s->table);
  s->l = s->cat->locale("de");
  if (s->cat->tag(s->l) != "de") fail(dir + " has no de locale");

  std::vector<std::string> ids;
  std::ifstream in(dir + "/ids.txt");
  for (std::string line; std::getline(in, line);) ids.push_back(line);
  if (ids.size() != s->cat->size()) fail(dir + "/ids.txt does not list the catalog's messages");
  splitmix64 rng{query_seed};
  for (std::size_t i = 0; i < query_count; ++i) {
    const std::string& id = ids[rng.next() % ids.size()];
    const auto m = s->cat->find(id, s->l);
    if (!m || m->id() != id || m->text().empty()) fail("lookup of " + id + " fails in " + dir);
    s->query_id.push_back(id);
  }
  // Typed IDs are table indexes: the same messages, by index.
  for (std::size_t i = 0; i < s->cat->size(); ++i) {
    const auto m = s->cat->at(i, s->l);
    if (s->cat->find(m.id(), s->l)->id() != m.id()) fail("table order broken in " + dir);
  }
  for (std::size_t i = 0; i < query_count; ++i)
    s->query_typed.push_back(static_cast<std::uint32_t>(rng.next() % s->cat->size()));
  return s;
}

template <typename F>
void loop(benchmark::State& state, F f) {
  std::size_t i = 0;
  for (auto _ : state) {
    f(i);
    i = (i + 1) & (query_count - 1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest = {argv[0]};
  static std::vector<std::unique_ptr<sized_catalog>> sizes;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const std::size_t eq = a.find('=');
    if (a.rfind("--", 0) == 0 || eq == std::string::npos) {
      rest.push_back(argv[i]);
      continue;
    }
    sizes.push_back(load(a.substr(0, eq), a.substr(eq + 1)));
    std::fprintf(stderr, "scale_bench: %s: %zu messages, %zu locales, pool %zu bytes\n",
                 sizes.back()->label.c_str(), sizes.back()->cat->size(),
                 sizes.back()->cat->locale_count(), sizes.back()->plan.pool.size());
  }
  for (const auto& sp : sizes) {
    const sized_catalog* s = sp.get();
    benchmark::RegisterBenchmark(
        ("scale/" + s->label + "/string_id").c_str(), [s](benchmark::State& st) {
          loop(st, [s](std::size_t i) {
            benchmark::DoNotOptimize(s->cat->find(s->query_id[i], s->l)->text());
          });
        });
    benchmark::RegisterBenchmark(
        ("scale/" + s->label + "/typed_id").c_str(), [s](benchmark::State& st) {
          loop(st, [s](std::size_t i) {
            benchmark::DoNotOptimize(
                s->cat->get(diaglot::message_id{s->query_typed[i], &s->cat->data()}, s->l).text());
          });
        });
    benchmark::RegisterBenchmark(
        ("scale/" + s->label + "/floor_hash_only").c_str(), [s](benchmark::State& st) {
          loop(st, [s](std::size_t i) {
            benchmark::DoNotOptimize(
                diaglot::detail::hash_bytes(s->query_id[i], s->table.id_hash.seed));
          });
        });
  }
  int bargc = static_cast<int>(rest.size());
  benchmark::Initialize(&bargc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(bargc, rest.data())) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
