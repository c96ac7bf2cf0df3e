// Fuzz targets for every source parser. Built as libFuzzer targets with clang
// (-DDIAGLOT_FUZZ=ON), and always as a replay program that runs the fixtures through them so CI
// keeps them compiling and crash-free.
#include <cstddef>
#include <cstdint>
#include <string>

#include "read/readers.hpp"

#ifndef DIAGLOT_FUZZ_READER
#error "define DIAGLOT_FUZZ_READER to markdown, xliff12, xliff2 or code_table"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  diaglot::source_manager sources;
  diaglot::diagnostic_sink sink;
  diaglot::read::context ctx{sources, sink, "en"};
  const std::uint32_t file =
      sources.add("fuzz", std::string(reinterpret_cast<const char*>(data), size));
#define DIAGLOT_READER_markdown 1
#define DIAGLOT_READER_xliff12 2
#define DIAGLOT_READER_code_table 3
#define DIAGLOT_READER_xliff2 4
#define DIAGLOT_CAT(a, b) a##b
#define DIAGLOT_READER_ID(r) DIAGLOT_CAT(DIAGLOT_READER_, r)
#if DIAGLOT_READER_ID(DIAGLOT_FUZZ_READER) == 1
  auto entries = diaglot::read::read_markdown(file, ctx);
  diaglot::read::align_translated_pages(entries, ctx);
#elif DIAGLOT_READER_ID(DIAGLOT_FUZZ_READER) == 2
  (void)diaglot::read::read_xliff12(file, ctx);
#elif DIAGLOT_READER_ID(DIAGLOT_FUZZ_READER) == 4
  (void)diaglot::read::read_xliff2(file, ctx);
#else
  diaglot::model::code_table codes;
  diaglot::read::read_code_table(file, ctx, codes);
#endif
  // Every diagnostic must render: positions inside the buffer, valid carets.
  for (const diaglot::diagnostic& d : sink.all()) (void)diaglot::render(d, sources);
  return 0;
}
