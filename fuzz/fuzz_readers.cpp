// Fuzz targets for every source parser. Built as libFuzzer targets with clang
// (-DDIAGLOT_FUZZ=ON), and always as a replay program that runs the fixtures through them so CI
// keeps them compiling and crash-free.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "read/readers.hpp"

namespace {

/// Whether two reads gave the same entries, as far as the catalog sees them.
[[maybe_unused]] bool same_entries(const std::vector<diaglot::model::entry>& a,
                                   const std::vector<diaglot::model::entry>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const diaglot::model::entry& x = a[i];
    const diaglot::model::entry& y = b[i];
    if (x.id != y.id || x.locale != y.locale || x.kind != y.kind || x.st != y.st ||
        x.fields.size() != y.fields.size())
      return false;
    for (std::size_t k = 0; k < x.fields.size(); ++k) {
      const diaglot::model::field_text& f = x.fields[k];
      const diaglot::model::field_text& g = y.fields[k];
      if (f.name != g.name || f.text != g.text || f.made_from != g.made_from ||
          f.source_codes() != g.source_codes() || f.target_codes() != g.target_codes())
        return false;
    }
  }
  return true;
}

/// Whether two reads reported the same: codes, places and arguments.
[[maybe_unused]] bool same_reports(const std::vector<diaglot::diagnostic>& a,
                                   const std::vector<diaglot::diagnostic>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].code != b[i].code || a[i].where.offset != b[i].where.offset ||
        a[i].args != b[i].args || a[i].notes.size() != b[i].notes.size())
      return false;
  return true;
}

/// An XLIFF reader must give the same entries and reports whether or not it was given recorded
/// sources (read::source_texts): a record of each unit's own source, which it may take; records
/// of other texts (one byte more, one byte less), which it must not; and the record a read of
/// the same file left, which the next read takes from. `alone` and `reports` are what a read
/// without a record gave.
template <typename Read>
void check_shared_sources(const std::string& bytes, Read read,
                          const std::vector<diaglot::model::entry>& alone,
                          const std::vector<diaglot::diagnostic>& reports) {
  const auto read_with = [&](diaglot::read::source_texts* seen) {
    diaglot::source_manager sources;
    diaglot::diagnostic_sink sink;
    diaglot::read::context ctx{sources, sink, "en"};
    ctx.sources_seen = seen;
    const std::vector<diaglot::model::entry> entries = read(sources.add("fuzz", bytes), ctx);
    if (!same_entries(alone, entries) || !same_reports(reports, sink.all())) std::abort();
  };
  const auto changed = [](const std::string& text, int how) {
    if (how == 0) return text;
    if (how == 1) return text + "\x01";
    return text.empty() ? std::string("\x01") : text.substr(0, text.size() - 1);
  };
  for (int how = 0; how < 3; ++how) {
    // A unit is named MESSAGE#field, or MESSAGE for its field `text`.
    std::vector<std::string> names;
    std::vector<std::shared_ptr<const std::string>> texts;
    for (const diaglot::model::entry& e : alone) {
      if (e.kind != diaglot::model::origin::translation) continue;
      for (const diaglot::model::field_text& f : e.fields) {
        if (!f.made_from) continue;
        const auto text = std::make_shared<const std::string>(changed(*f.made_from, how));
        names.push_back(e.id + "#" + f.name);
        texts.push_back(text);
        if (f.name == "text") {
          names.push_back(e.id);
          texts.push_back(text);
        }
      }
    }
    std::vector<std::pair<std::string_view, std::shared_ptr<const std::string>>> recorded;
    for (std::size_t i = 0; i < names.size(); ++i) recorded.emplace_back(names[i], texts[i]);
    diaglot::read::source_texts seen;
    seen.add(recorded);
    read_with(&seen);
  }
  diaglot::read::source_texts left;
  read_with(&left);
  read_with(&left);
}

}  // namespace

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
  const auto entries = diaglot::read::read_xliff12(file, ctx);
  check_shared_sources(sources.contents(file), diaglot::read::read_xliff12, entries, sink.all());
#elif DIAGLOT_READER_ID(DIAGLOT_FUZZ_READER) == 4
  const auto entries = diaglot::read::read_xliff2(file, ctx);
  check_shared_sources(sources.contents(file), diaglot::read::read_xliff2, entries, sink.all());
#else
  diaglot::model::code_table codes;
  diaglot::read::read_code_table(file, ctx, codes);
#endif
  // Every diagnostic must render: positions inside the buffer, valid carets.
  for (const diaglot::diagnostic& d : sink.all()) (void)diaglot::render(d, sources);
  return 0;
}
