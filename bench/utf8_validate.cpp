// UTF-8 validation of the sources, as the loader does it before parsing: diaglot's validator
// (the vector one where the processor has AVX2) against the byte-by-byte one, over every .xlf
// below the given directories (bench/run.sh builds the corpus's in build-bench/bench/data/xliff).
// Reports bytes per second; both must find every file well-formed.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/files.hpp"
#include "util/utf8.hpp"

namespace {

std::vector<std::string> files;
std::size_t total_bytes = 0;

template <std::size_t (*validate)(std::string_view)>
void validate_corpus(benchmark::State& state) {
  for (auto _ : state)
    for (const std::string& f : files)
      if (validate(f) != std::string_view::npos) state.SkipWithError("a file is not UTF-8");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes));
  state.counters["vector"] = diaglot::utf8::detail::vector_validator() ? 1 : 0;
}

BENCHMARK_TEMPLATE(validate_corpus, diaglot::utf8::first_invalid)
    ->Name("utf8/first_invalid")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(validate_corpus, diaglot::utf8::detail::first_invalid_scalar)
    ->Name("utf8/byte_by_byte")
    ->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: utf8_validate DIR... [benchmark options]\n");
    return 2;
  }
  for (int i = 1; i < argc; ++i) {
    if (!std::filesystem::is_directory(argv[i])) {
      std::fprintf(stderr, "utf8_validate: %s is not a directory\n", argv[i]);
      return 2;
    }
    for (const auto& e : std::filesystem::recursive_directory_iterator(argv[i])) {
      if (!e.is_regular_file() || e.path().extension() != ".xlf") continue;
      std::string bytes, error;
      if (!diaglot::files::read(e.path().string(), bytes, error)) {
        std::fprintf(stderr, "utf8_validate: %s: %s\n", e.path().c_str(), error.c_str());
        return 1;
      }
      total_bytes += bytes.size();
      files.push_back(std::move(bytes));
    }
  }
  std::fprintf(stderr, "utf8_validate: %zu files, %zu bytes\n", files.size(), total_bytes);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
