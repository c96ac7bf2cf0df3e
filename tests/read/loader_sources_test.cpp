#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "read/readers.hpp"
#include "support/corpus.hpp"
#include "support/temp_tree.hpp"
#include "support/utf16.hpp"
#include "util/files.hpp"
#include "xliff/xml_memory.hpp"

namespace diaglot::read {
namespace {

namespace fs = std::filesystem;

TEST(context, a_files_source_language_in_a_regional_form_of_the_source_locale_is_the_source) {
  source_manager sources;
  diagnostic_sink sink;
  context ctx{sources, sink};
  const auto of = [&](const std::string& source_locale, const std::string& declared) {
    ctx.source_locale = source_locale;
    return ctx.source_of(declared);
  };
  EXPECT_EQ(of("en", "en"), "en");
  EXPECT_EQ(of("en", "en-US"), "en");  // what CAT tools write
  EXPECT_EQ(of("en", "en-GB"), "en");
  EXPECT_EQ(of("en", "de-DE"), "de-DE");
  EXPECT_EQ(of("en", "eo"), "eo");  // a prefix, not a region
  EXPECT_EQ(of("en-US", "en"), "en-US");
  EXPECT_EQ(of("en-US", "en-GB"), "en-US");
  EXPECT_EQ(of("zh", "zh-CN"), "zh");
  EXPECT_EQ(of("zh", "zh-TW"), "zh-TW");  // another script: Hant, not Hans
  EXPECT_EQ(of("sr", "sr-Latn"), "sr-Latn");
}

// As diaglot's main does: the reading threads then keep their XML trees' blocks.
[[maybe_unused]] const bool xml_memory_installed = (xml_memory::install(), true);

/// A scratch directory for one test, removed at the end.
struct temp_tree : testing::temp_tree {
  temp_tree() : testing::temp_tree("loader") {}
};

/// An XLIFF 1.2 file of units (id, source, target) for one language, a unit a line from line 4.
std::string units_file(
    const std::string& language,
    const std::vector<std::tuple<std::string, std::string, std::string>>& units) {
  std::string out =
      "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">\n  <file source-language=\"en\" "
      "target-language=\"" +
      language + "\"><body>\n";
  for (const auto& [id, source, target] : units)
    out += "    <trans-unit id=\"" + id + "\"><source>" + source + "</source><target>" + target +
           "</target></trans-unit>\n";
  return out + "  </body></file>\n</xliff>\n";
}

/// A file of one unit whose source is its ID and whose target is the ID and "!".
std::string unit_file(const std::string& id, const std::string& target_language = "de") {
  return units_file(target_language, {{id, id, id + "!"}});
}

struct load_run {
  source_manager sources;
  diagnostic_sink sink;
  context ctx{sources, sink};
  source_set result;

  load_run(const std::vector<std::string>& paths, const std::vector<std::string>& codes = {},
           unsigned jobs = 0, bool evict = false) {
    ctx.jobs = jobs;
    ctx.evict_sources = evict;
    result = load_sources(paths, codes, ctx);
  }
  /// "id/locale" of every entry, in order.
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (const model::entry& e : result.entries) out.push_back(e.id + "/" + e.locale);
    return out;
  }
  std::string at(source_location where) const {
    const line_column p = sources.position(where);
    return std::to_string(p.line) + ":" + std::to_string(p.column);
  }
};

TEST(loader, reads_directories_recursively_in_path_order) {
  const temp_tree t;
  const std::string b = t.write("b.xlf", unit_file("B"));
  const std::string a = t.write("sub/a.xliff", unit_file("A", "fr"));
  const std::string c = t.write("sub/deeper/c.xlf", unit_file("C"));
  t.write("sub/notes.txt", "not a source");
  t.write("sub/codes.tsv", "X\t1\n");  // tables are read only when named

  const load_run r({t.path()});
  EXPECT_EQ(r.sink.all().size(), 0u);
  EXPECT_EQ(r.result.files_read, (std::vector<std::string>{b, a, c}));
  EXPECT_EQ(r.keys(), (std::vector<std::string>{"B/en", "B/de", "A/en", "A/fr", "C/en", "C/de"}));
  EXPECT_TRUE(r.result.codes.by_name.empty());
  ASSERT_EQ(r.sources.size(), 3u);
  EXPECT_EQ(r.sources.path(r.result.entries[2].where.file), a);
  EXPECT_EQ(r.at(r.result.entries[2].where), "4:5");
}

TEST(loader, result_does_not_depend_on_the_order_or_repetition_of_paths) {
  const temp_tree t;
  const std::string b = t.write("b.xlf", unit_file("B"));
  const std::string a = t.write("sub/a.xliff", unit_file("A"));
  const load_run all({t.path()});
  const load_run shuffled({t.path("sub"), b, t.path(), t.path("sub/./a.xliff"), a});
  EXPECT_EQ(shuffled.sink.all().size(), 0u);
  EXPECT_EQ(shuffled.result.files_read, all.result.files_read);
  EXPECT_EQ(shuffled.keys(), all.keys());
  EXPECT_EQ(shuffled.sources.size(), 2u);  // each file read once
}

TEST(loader, a_file_named_two_ways_is_read_once_under_one_name_whatever_the_order_of_the_paths) {
  const temp_tree t;
  const std::string a = t.write("docs/en/a.xlf", unit_file("A"));
  const std::string b = t.write("docs/b.xlf", unit_file("B"));
  fs::create_directory_symlink(t.path("docs"), t.path("link"));
  fs::create_directories(t.path("other"));
  fs::create_hard_link(a, t.path("other/hard.xlf"));
  // The same directory relative to where the loader runs, and the same file that way.
  const std::string relative_en = fs::relative(t.path("docs/en")).string();
  const std::string relative_a = fs::path(relative_en + "/a.xlf").lexically_normal().string();
  ASSERT_NE(relative_en.front(), '/');
  struct spelling {
    const char* name;
    std::vector<std::string> paths;
    std::vector<std::string> files_read;
  };
  // The name is the first found with the paths in sorted order: "../x" before "/tmp/x".
  const std::vector<spelling> spellings = {
      {"absolute, then relative", {t.path("docs"), relative_en}, {relative_a, b}},
      {"relative, then absolute", {relative_en, t.path("docs")}, {relative_a, b}},
      {"lexically other", {t.path("docs"), t.path("docs") + "/./en/../../docs"}, {a, b}},
      {"through a link to the directory", {t.path("docs"), t.path("link/en")}, {a, b}},
      {"the link first", {t.path("link/en"), t.path("docs")}, {a, b}},
      {"a hard link", {t.path("docs"), t.path("other")}, {a, b}},
      {"the hard link first", {t.path("other"), t.path("docs")}, {a, b}},
      {"a file and its directory", {a, t.path("docs/en"), t.path("link/en/a.xlf")}, {a}},
      {"a link to the file, then the file", {t.path("link/en/a.xlf"), a}, {a}},
  };
  for (const spelling& s : spellings) {
    SCOPED_TRACE(s.name);
    const load_run r(s.paths);
    for (const diagnostic& d : r.sink.all()) ADD_FAILURE() << render(d, r.sources);
    std::vector<std::string> files_read = s.files_read;  // in path order
    std::sort(files_read.begin(), files_read.end());
    EXPECT_EQ(r.result.files_read, files_read);
    EXPECT_EQ(r.sources.size(), files_read.size());  // each file read once
    std::vector<std::string> keys = r.keys();
    std::sort(keys.begin(), keys.end());
    EXPECT_EQ(keys, s.files_read.size() == 1
                        ? (std::vector<std::string>{"A/de", "A/en"})
                        : (std::vector<std::string>{"A/de", "A/en", "B/de", "B/en"}));
  }
}

TEST(loader, two_files_with_the_same_bytes_are_two_files_however_they_are_named) {
  const temp_tree t;
  const std::string a = t.write("docs/a.xlf", unit_file("A"));
  t.write("docs/copy/a.xlf", unit_file("A"));
  const std::string relative_copy_dir = fs::relative(t.path("docs/copy")).string();
  const load_run r({t.path("docs"), relative_copy_dir});
  EXPECT_EQ(r.sink.all().size(), 0u);
  // The copy under its relative name, the sorted arguments' first ("../" before "/").
  EXPECT_EQ(r.result.files_read, (std::vector<std::string>{relative_copy_dir + "/a.xlf", a}));
  // Both files' messages: the check stage then tells that A is defined twice (DGL0401).
  EXPECT_EQ(r.keys(), (std::vector<std::string>{"A/en", "A/de", "A/de"}));
}

TEST(loader, reports_a_file_that_cannot_be_read) {
  const temp_tree t;
  const std::string missing = t.path("missing.xlf");
  const load_run r({missing});
  ASSERT_EQ(r.sink.all().size(), 1u);
  const diagnostic& d = r.sink.all()[0];
  EXPECT_EQ(d.code, diag::cannot_read);
  EXPECT_FALSE(d.where.known());
  ASSERT_EQ(d.args.size(), 2u);
  EXPECT_EQ(d.args[0], missing);
  EXPECT_FALSE(d.args[1].empty());
  EXPECT_TRUE(r.result.files_read.empty());
}

TEST(loader, an_evicted_source_is_read_again_when_a_diagnostic_quotes_it) {
  const temp_tree t;
  const std::string path = t.write("a.de.xlf", unit_file("Hello"));
  // Loads the file, then replaces it with `after` before anything asks for its bytes.
  const auto place_after_change = [&](bool evict, const std::string& after) {
    source_manager sources;
    diagnostic_sink sink;
    context ctx{sources, sink};
    ctx.evict_sources = evict;
    const source_set set = load_sources({path}, {}, ctx);
    t.write("a.de.xlf", after);
    EXPECT_EQ(set.entries.size(), 2u);
    const model::entry& de = set.entries.back();
    EXPECT_EQ(de.locale, "de");
    const line_column at = sources.position(de.where);
    const std::string line(sources.line_text(de.where.file, at.line == 0 ? 4 : at.line));
    const bool same_bytes = sources.contents(de.where.file) == unit_file("Hello");
    t.write("a.de.xlf", unit_file("Hello"));
    return std::make_tuple(at.line, at.column, line, same_bytes);
  };
  // Kept: the bytes read first, whatever happens to the file.
  EXPECT_EQ(place_after_change(false, unit_file("Goodbye")),
            std::make_tuple(4u, 5u,
                            std::string("    <trans-unit id=\"Hello\"><source>Hello</source>"
                                        "<target>Hello!</target></trans-unit>"),
                            true));
  // Evicted once parsed, then read again: the same place and line from the unchanged file.
  EXPECT_EQ(place_after_change(true, unit_file("Hello")),
            place_after_change(false, unit_file("Hello")));
  // Evicted, and the file changed meanwhile: nothing is quoted, its places are unknown.
  EXPECT_EQ(place_after_change(true, unit_file("Goodbye")),
            std::make_tuple(0u, 0u, std::string(), false));
}

TEST(loader, reports_an_unknown_format_given_explicitly) {
  const temp_tree t;
  const std::string notes = t.write("notes.txt", "hello");
  const load_run r({notes});
  ASSERT_EQ(r.sink.all().size(), 1u);
  EXPECT_EQ(r.sink.all()[0].code, diag::unknown_format);
  EXPECT_EQ(r.sink.all()[0].args, std::vector<std::string>{notes});
  EXPECT_TRUE(r.result.files_read.empty());
}

TEST(loader, reports_invalid_utf8_at_the_first_bad_byte) {
  struct utf8_case {
    const char* name;
    std::string bad;
  };
  const std::vector<utf8_case> cases = {
      {"stray continuation", "\x80"},  {"lead without continuation", "\xC3("},
      {"overlong", "\xC0\xAF"},        {"overlong three bytes", "\xE0\x80\xAF"},
      {"surrogate", "\xED\xA0\x80"},   {"above U+10FFFF", "\xF4\x90\x80\x80"},
      {"invalid lead", "\xFF"},        {"truncated sequence", "\xE4\xB8"},
      {"bad third byte", "\xE4\xB8("}, {"bad fourth byte", "\xF0\x9F\x98("},
  };
  for (const utf8_case& c : cases) {
    SCOPED_TRACE(c.name);
    const temp_tree t;
    // "ä😀" before the bad byte: columns count code points.
    const std::string path =
        t.write("bad.xlf", "<xliff>\n  <!-- \xC3\xA4\xF0\x9F\x98\x80" + c.bad + " -->\n</xliff>");
    const load_run r({path});
    ASSERT_EQ(r.sink.all().size(), 1u);
    const diagnostic& d = r.sink.all()[0];
    EXPECT_EQ(d.code, diag::invalid_utf8);
    EXPECT_EQ(r.at(d.where), "2:10");
    EXPECT_TRUE(r.result.entries.empty());
    EXPECT_EQ(r.result.files_read, std::vector<std::string>{path});
  }
}

TEST(loader, reports_a_sequence_the_end_of_the_file_cuts) {
  const temp_tree t;
  const std::string path = t.write("cut.xlf", "<xliff/>\n\xD0\x9F\xD1\x80\xE4\xB8");
  const load_run r({path});
  ASSERT_EQ(r.sink.all().size(), 1u);
  EXPECT_EQ(r.sink.all()[0].code, diag::invalid_utf8);
  EXPECT_EQ(r.sink.all()[0].where.offset, 13u);
}

TEST(loader, reports_an_unpaired_utf16_surrogate_where_it_is_and_reads_nothing_of_the_file) {
  // A unit of 2 lines, then a third whose emoji lost its low surrogate after "ä".
  std::u16string text =
      u"<xliff version=\"1.2\">\n  <file source-language=\"en\" "
      u"target-language=\"ko\"><body><trans-unit id=\"u\">\n  <source>\xE4";
  text += char16_t{0xD83D};
  text += u"!</source></trans-unit></body></file></xliff>\n";
  for (const bool le : {true, false}) {
    SCOPED_TRACE(le ? "little endian" : "big endian");
    const temp_tree t;
    const std::string path = t.write("broken.ko.xlf", testing::utf16_file(text, le));
    const load_run r({path});
    ASSERT_EQ(r.sink.all().size(), 1u);
    const diagnostic& d = r.sink.all()[0];
    EXPECT_EQ(d.code, diag::utf16_unpaired_surrogate);
    EXPECT_EQ(d.args, std::vector<std::string>{"0xD83D"});
    EXPECT_EQ(r.at(d.where), "3:12");
    // The line quoted is the text, the missing character shown as U+FFFD.
    EXPECT_EQ(r.sources.line_text(d.where.file, 3),
              "  <source>\xC3\xA4\xEF\xBF\xBD!</source></trans-unit></body></file></xliff>");
    EXPECT_TRUE(r.result.entries.empty());
    EXPECT_EQ(r.result.files_read, std::vector<std::string>{path});
  }
}

TEST(loader, reports_a_utf16_file_with_an_odd_number_of_bytes_at_its_end) {
  const temp_tree t;
  // The last "\n" lost its second byte.
  std::string bytes = testing::utf16_file(u"<xliff version=\"1.2\"/>\n<!-- \xE4 -->\n", true);
  bytes.pop_back();
  const std::string path = t.write("cut.ko.xlf", bytes);
  const load_run r({path});
  ASSERT_EQ(r.sink.all().size(), 1u);
  const diagnostic& d = r.sink.all()[0];
  EXPECT_EQ(d.code, diag::utf16_odd_length);
  EXPECT_TRUE(d.args.empty());
  EXPECT_EQ(r.at(d.where), "2:11");
  EXPECT_TRUE(r.result.entries.empty());
}

TEST(loader, a_utf16_file_with_an_odd_byte_after_its_last_line_is_reported_on_that_line) {
  const temp_tree t;
  // A byte after the final line break (a script appended one): told at the end of the last line
  // with text, not on an empty line after it.
  for (const char* end : {"\n", "\r\n", "\n\n"}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(end)));
    std::u16string text = u"<xliff version=\"1.2\"/>\n<!-- \xE4 -->";
    for (const char* c = end; *c; ++c) text += static_cast<char16_t>(*c);
    const std::string path = t.write("odd.ko.xlf", testing::utf16_file(text, false) + "x");
    const load_run r({path});
    ASSERT_EQ(r.sink.all().size(), 1u);
    const diagnostic& d = r.sink.all()[0];
    EXPECT_EQ(d.code, diag::utf16_odd_length);
    EXPECT_EQ(r.at(d.where), "2:11");
    EXPECT_EQ(r.sources.line_text(d.where.file, 2), "<!-- \xC3\xA4 -->");
    EXPECT_TRUE(r.result.entries.empty());
  }
}

TEST(loader, reads_well_formed_utf16_next_to_a_broken_file) {
  const temp_tree t;
  const std::string good =
      t.write("a.ko.xlf", testing::utf16_file(u"<xliff version=\"1.2\"/>\n", true));
  std::u16string broken = u"<xliff version=\"1.2\"/>";
  broken += char16_t{0xDC00};
  const std::string bad = t.write("b.ko.xlf", testing::utf16_file(broken, false));
  const load_run r({bad, good}, {}, 2, true);  // in path order whatever the order given
  ASSERT_EQ(r.sink.all().size(), 1u);
  EXPECT_EQ(r.sink.all()[0].code, diag::utf16_unpaired_surrogate);
  EXPECT_EQ(r.sources.path(r.sink.all()[0].where.file), bad);
  EXPECT_EQ(r.at(r.sink.all()[0].where), "1:23");
  EXPECT_EQ(r.result.files_read, (std::vector<std::string>{good, bad}));
}

TEST(loader, a_utf16_file_keeps_its_places_when_sources_are_evicted_as_a_compile_evicts_them) {
  // Evicted and read again, a UTF-16 file's bytes would not be the UTF-8 text it was read as:
  // its places were lost (file:0:0, no line quoted). It is kept instead.
  const temp_tree t;
  std::u16string text;
  for (const char c : unit_file("Hello")) text += static_cast<char16_t>(c);
  for (const bool le : {true, false}) {
    SCOPED_TRACE(le ? "UTF-16LE" : "UTF-16BE");
    const std::string path = t.write("a.de.xlf", testing::utf16_file(text, le));
    const load_run r({path}, {}, 1, true);
    ASSERT_EQ(r.result.entries.size(), 2u);
    const model::entry& de = r.result.entries.back();
    EXPECT_EQ(r.at(de.where), "4:5");
    EXPECT_EQ(r.sources.line_text(de.where.file, 4),
              "    <trans-unit id=\"Hello\"><source>Hello</source><target>Hello!</target>"
              "</trans-unit>");
  }
}

TEST(loader, accepts_valid_multibyte_text) {
  const temp_tree t;
  const std::string path =
      t.write("ok.xlf",
              "\xEF\xBB\xBF<xliff><file source-language=\"en\" target-language=\"ja\"><body>"
              "<trans-unit id=\"u\"><source>\xC2\xA0\xE4\xB8\xAD\xF0\x9F\x98\x80\xEF\xBF\xBF"
              "</source></trans-unit></body></file></xliff>");
  const load_run r({path});
  EXPECT_EQ(r.sink.all().size(), 0u);
  ASSERT_EQ(r.result.entries.size(), 1u);
  EXPECT_EQ(r.result.entries[0].fields.at(0).text,
            "\xC2\xA0\xE4\xB8\xAD\xF0\x9F\x98\x80\xEF\xBF\xBF");
}

TEST(loader, reads_xliff_2_documents_with_the_xliff_2_reader) {
  const temp_tree t;
  const std::string path =
      t.write("v2.xlf",
              "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" "
              "version=\"2.0\" srcLang=\"en\" trgLang=\"de\"><file id=\"f\"><unit id=\"A\">"
              "<segment state=\"translated\"><source>Hello</source><target>Hallo</target>"
              "</segment></unit></file></xliff>\n");
  const load_run r({path});
  EXPECT_EQ(r.sink.all().size(), 0u);
  EXPECT_EQ(r.keys(), (std::vector<std::string>{"A/en", "A/de"}));
}

TEST(loader, reads_code_tables_named_as_sources_or_as_code_files) {
  const temp_tree t;
  const std::string x = t.write("x.xlf", unit_file("X"));
  const std::string named = t.write("named.tsv", "name\tcode\nAlpha\t0x10\n");
  const std::string extra = t.write("extra/more.codes", "Beta\t2\n");
  const load_run r({x, named}, {extra});
  EXPECT_EQ(r.sink.all().size(), 0u);
  EXPECT_EQ(r.result.codes.by_name.at("Alpha"), 0x10u);
  EXPECT_EQ(r.result.codes.by_name.at("Beta"), 2u);
  EXPECT_EQ(r.result.files_read, (std::vector<std::string>{extra, named, x}));
  EXPECT_EQ(r.keys(), (std::vector<std::string>{"X/en", "X/de"}));
}

TEST(loader, a_code_file_also_given_as_a_source_is_read_once) {
  const temp_tree t;
  const std::string codes = t.write("codes.tsv", "A\t1\nA\t1\n");
  const load_run r({codes}, {codes});
  EXPECT_EQ(r.sink.all().size(), 0u);
  EXPECT_EQ(r.result.files_read, std::vector<std::string>{codes});
  EXPECT_EQ(r.sources.size(), 1u);
}

TEST(loader, a_code_file_also_given_as_a_source_under_another_name_is_read_once_as_codes) {
  const temp_tree t;
  const std::string codes = t.write("codes.tsv", "A\t1\n");
  fs::create_symlink("codes.tsv", t.path("link.tsv"));
  const load_run r({codes}, {t.path("link.tsv")});
  EXPECT_EQ(r.sink.all().size(), 0u);
  EXPECT_EQ(r.result.files_read, std::vector<std::string>{codes});
  EXPECT_EQ(r.sources.size(), 1u);
  EXPECT_EQ(r.result.codes.by_name.size(), 1u);
}

TEST(loader, reads_files_in_sorted_order_whatever_their_health) {
  const temp_tree t;
  const std::string good = t.write("1-good.xlf", unit_file("G"));
  const std::string bad = t.write("0-bad.xlf", "<xliff>\n<file>\n</xliff>\n");
  const load_run r({good, bad});
  ASSERT_EQ(r.sink.all().size(), 1u);
  EXPECT_EQ(r.sink.all()[0].code, diag::xml_malformed);
  EXPECT_EQ(r.sources.path(r.sink.all()[0].where.file), bad);
  EXPECT_EQ(r.result.files_read, (std::vector<std::string>{bad, good}));
  EXPECT_EQ(r.keys(), (std::vector<std::string>{"G/en", "G/de"}));
}

TEST(loader, dispatches_markdown_and_xliff_from_one_directory) {
  const temp_tree t;
  const std::string md = t.write("pages/trace.md",
                                 "---\ntitle: Sample.Trace.Opened\n---\n"
                                 "# Sample.Trace.Opened\n\nThe trace was opened.\n");
  const std::string x = t.write("pages/units.xlf", unit_file("Unit"));
  const load_run r({t.path("pages")});
  EXPECT_EQ(r.sink.error_count(), 0u);
  EXPECT_EQ(r.result.files_read, (std::vector<std::string>{md, x}));
  const auto from_md =
      std::find_if(r.result.entries.begin(), r.result.entries.end(),
                   [](const model::entry& e) { return e.id == "Sample.Trace.Opened"; });
  ASSERT_NE(from_md, r.result.entries.end());
  EXPECT_EQ(r.sources.path(from_md->where.file), md);
  EXPECT_EQ(r.result.entries.back().id, "Unit");
}

TEST(loader, reads_the_wcf_xliff_corpus_and_trace_codes) {
  DIAGLOT_REQUIRE_SHARED(xliff, "corpus/wcf-xliff");
  DIAGLOT_REQUIRE_SHARED(codes, "corpus/wcf-traces/trace-codes.tsv");
  const load_run r({xliff}, {codes});
  for (const diagnostic& d : r.sink.all()) ADD_FAILURE() << render(d, r.sources);
  // 260 .xlf files (the .resx beside them are not sources) and the codes table.
  EXPECT_EQ(r.result.files_read.size(), 261u);
  EXPECT_TRUE(std::is_sorted(r.result.files_read.begin(), r.result.files_read.end()));
  // A translation per unit; the English of each ID from the first file that has it.
  const auto derived = static_cast<std::size_t>(
      std::count_if(r.result.entries.begin(), r.result.entries.end(),
                    [](const model::entry& e) { return e.kind == model::origin::derived_source; }));
  EXPECT_EQ(r.result.entries.size() - derived, 53534u);
  std::set<std::string> ids;
  for (const model::entry& e : r.result.entries) ids.insert(e.id);
  EXPECT_EQ(derived, ids.size());
  EXPECT_EQ(r.result.codes.by_name.size(), 364u);
  EXPECT_EQ(r.result.codes.by_name.at("HttpsClientCertificateInvalid"), 0x4000Fu);
}

/// Everything a load gave, as text: entries (ID, locale, kind, place, fields) and diagnostics.
std::string describe(const load_run& r) {
  std::string out;
  for (const model::entry& e : r.result.entries) {
    out += e.id + " " + e.locale + " " + std::to_string(static_cast<int>(e.kind)) + " " +
           std::to_string(e.where.file) + ":" + std::to_string(e.where.offset);
    for (const model::field_text& f : e.fields) out += " [" + f.name + "=" + f.text + "]";
    out += "\n";
  }
  for (const diagnostic& d : r.sink.all()) out += render(d, r.sources);
  for (const std::string& f : r.result.files_read) out += f + "\n";
  return out;
}

TEST(loader, gives_the_same_entries_and_reports_on_any_number_of_threads) {
  const std::vector<std::string> paths = {
      testing::fixture_path("xliff12"), testing::fixture_path("xliff2"),
      testing::fixture_path("markdown"), testing::fixture_path("malformed")};
  const load_run one(paths, {}, 1);
  ASSERT_FALSE(one.result.entries.empty());
  ASSERT_NE(one.sink.error_count(), 0u);
  const std::string expected = describe(one);
  for (const unsigned jobs : {2u, 3u, 8u}) {
    SCOPED_TRACE(jobs);
    const load_run many(paths, {}, jobs);
    EXPECT_EQ(describe(many), expected);
    EXPECT_EQ(many.sink.error_count(), one.sink.error_count());
    EXPECT_EQ(many.sink.warning_count(), one.sink.warning_count());
  }
}

TEST(loader, gives_the_same_entries_and_reports_when_it_keeps_no_copy_of_the_sources) {
  // Evicting readers take the bytes to parse in place (XLIFF 1.2) and quote evicted files from
  // disk; none of that may change a thing.
  const std::vector<std::string> paths = {
      testing::fixture_path("xliff12"), testing::fixture_path("xliff2"),
      testing::fixture_path("markdown"), testing::fixture_path("malformed")};
  const load_run kept(paths, {}, 2, false);
  const load_run evicted(paths, {}, 2, true);
  ASSERT_FALSE(kept.result.entries.empty());
  ASSERT_NE(kept.sink.error_count(), 0u);
  EXPECT_EQ(describe(evicted), describe(kept));
}

TEST(loader, keeps_the_english_of_a_message_from_its_first_file_only) {
  const temp_tree t;
  const std::string a = t.write("a.xlf", unit_file("M", "de"));
  const std::string b = t.write("b.xlf", unit_file("M", "fr"));
  const load_run r({t.path()}, {}, 2);
  EXPECT_EQ(r.keys(), (std::vector<std::string>{"M/en", "M/de", "M/fr"}));
  EXPECT_EQ(r.sources.path(r.result.entries[0].where.file), a);
  EXPECT_EQ(r.sources.path(r.result.entries[2].where.file), b);
}

/// Each entry's first field, by "id/locale".
std::map<std::string, const model::field_text*> first_fields(
    const std::vector<model::entry>& entries) {
  std::map<std::string, const model::field_text*> out;
  for (const model::entry& e : entries) out[e.id + "/" + e.locale] = &e.fields.at(0);
  return out;
}

TEST(loader, translations_of_the_same_english_share_its_bytes) {
  const temp_tree t;
  t.write("set/a.de.xlf",
          units_file("de", {{"Greeting", "Hello, {0}!", "Hallo, {0}!"},
                            {"Farewell", "Goodbye.", "Auf Wiedersehen."},
                            {"Marked", "Press <x id=\"1\"/> now.", "Jetzt <x id=\"1\"/>."}}));
  t.write("set/b.fr.xlf",
          units_file("fr", {{"Greeting", "Hello, {0}!", "Bonjour, {0} !"},
                            {"Farewell", "Goodbye now.", "Au revoir."},
                            {"Marked", "Press <x id=\"1\"/> now.", "Appuyez <x id=\"1\"/>."}}));
  t.write("set/c.ko.xlf",
          units_file("ko", {{"Greeting", "Hello, {0}!", "{0}님, 안녕하세요!"},
                            {"Farewell", "Goodbye.", "안녕히 가세요."},
                            {"Marked", "<![CDATA[Press ]]><x id=\"1\"/> now.", "<x id=\"1\"/>."}}));
  for (const unsigned jobs : {1u, 2u}) {
    const load_run r({t.path()}, {}, jobs);
    EXPECT_EQ(r.sink.all().size(), 0u);
    std::map<std::string, const model::field_text*> text = first_fields(r.result.entries);
    ASSERT_EQ(text.size(), 12u);
    std::vector<std::string> got;
    for (const auto& [key, f] : text)
      if (key.substr(key.size() - 3) != "/en")
        got.push_back(key + "=" + f->made_from.value_or("-"));
    // Each translation was made from its own file's source, whichever file gave it first.
    EXPECT_EQ(got,
              (std::vector<std::string>{
                  "Farewell/de=Goodbye.", "Farewell/fr=Goodbye now.", "Farewell/ko=Goodbye.",
                  "Greeting/de=Hello, {0}!", "Greeting/fr=Hello, {0}!", "Greeting/ko=Hello, {0}!",
                  "Marked/de=Press  now.", "Marked/fr=Press  now.", "Marked/ko=Press  now."}));
    if (jobs != 1) continue;
    // Read in order, a later file's plain source equal to the first's is the first's bytes.
    EXPECT_EQ(text["Greeting/de"]->made_from->data(), text["Greeting/fr"]->made_from->data());
    EXPECT_EQ(text["Greeting/de"]->made_from->data(), text["Greeting/ko"]->made_from->data());
    EXPECT_EQ(text["Farewell/de"]->made_from->data(), text["Farewell/ko"]->made_from->data());
    // A changed source is a text of its own.
    EXPECT_NE(text["Farewell/de"]->made_from->data(), text["Farewell/fr"]->made_from->data());
    EXPECT_EQ(text["Marked/fr"]->source_codes(), std::vector<std::string>{"x:1"});
  }
}

TEST(loader, xliff2_translations_of_the_same_english_share_its_bytes) {
  const auto file = [](const std::string& language, const std::string& hello) {
    return "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" "
           "version=\"2.0\" srcLang=\"en\" trgLang=\"" +
           language + "\"><file id=\"f\">\n<unit id=\"Hello\"><segment><source>" + hello +
           "</source><target>" + language +
           "</target></segment></unit>\n<unit id=\"Bye\"><segment><source>Goodbye.</source>"
           "<target>" +
           language + "</target></segment></unit>\n</file></xliff>\n";
  };
  const temp_tree t;
  t.write("a.de.xlf", file("de", "Hello."));
  t.write("b.fr.xlf", file("fr", "Hello."));
  t.write("c.ko.xlf", file("ko", "Hello again."));
  const load_run r({t.path()}, {}, 1);
  EXPECT_EQ(r.sink.all().size(), 0u);
  std::map<std::string, const model::field_text*> text = first_fields(r.result.entries);
  ASSERT_EQ(text.size(), 8u);  // 3 languages and the English of 2 units
  EXPECT_EQ(text["Hello/de"]->made_from, "Hello.");
  EXPECT_EQ(text["Hello/ko"]->made_from, "Hello again.");
  EXPECT_EQ(text["Hello/de"]->made_from->data(), text["Hello/fr"]->made_from->data());
  EXPECT_NE(text["Hello/de"]->made_from->data(), text["Hello/ko"]->made_from->data());
  EXPECT_EQ(text["Bye/de"]->made_from->data(), text["Bye/ko"]->made_from->data());
}

TEST(loader, a_recorded_source_that_differs_is_not_taken) {
  // Whichever file recorded a unit's source first, a reader's made_from is its own file's
  // source: here the record holds another text for one unit and the same for the other.
  const temp_tree t;
  const std::string path = t.write(
      "ko.xlf",
      units_file("ko", {{"Greeting", "Hello!", "안녕하세요!"}, {"Farewell", "Bye.", "안녕히."}}));
  source_manager sources;
  diagnostic_sink sink;
  context ctx{sources, sink};
  source_texts seen;
  const auto greeting = std::make_shared<const std::string>("Hello, old friend!");
  const auto farewell = std::make_shared<const std::string>("Bye.");
  seen.add({{"Greeting", greeting}, {"Farewell", farewell}});
  ctx.sources_seen = &seen;
  std::string contents, error;
  ASSERT_TRUE(files::read(path, contents, error)) << error;
  const std::uint32_t file = sources.add(path, std::move(contents));
  const std::vector<model::entry> entries = read_xliff12(file, ctx);
  EXPECT_EQ(sink.all().size(), 0u);
  std::map<std::string, const model::field_text*> text = first_fields(entries);
  ASSERT_EQ(text.count("Greeting/ko"), 1u);
  ASSERT_EQ(text.count("Farewell/ko"), 1u);
  EXPECT_EQ(text["Greeting/ko"]->made_from, "Hello!");
  EXPECT_NE(text["Greeting/ko"]->made_from.shared(), greeting);
  EXPECT_EQ(text["Farewell/ko"]->made_from.shared(), farewell);
  // The English derived from the file is the file's own too.
  EXPECT_EQ(text["Greeting/en"]->text, "Hello!");
  // What the record already had is not recorded again.
  EXPECT_EQ(seen.find("Greeting"), greeting);
}

TEST(source_texts, keeps_the_first_text_recorded_for_a_unit) {
  source_texts seen;
  EXPECT_EQ(seen.find("a"), nullptr);
  const auto first = std::make_shared<const std::string>("one");
  const auto second = std::make_shared<const std::string>("two");
  std::string name = "a";
  seen.add({{name, first}});
  name = "x";  // the names are the registry's own copies
  seen.add({{"a", second}, {"b", second}});
  EXPECT_EQ(seen.find("a"), first);
  EXPECT_EQ(seen.find("b"), second);
  EXPECT_EQ(seen.find("x"), nullptr);
}

TEST(joined_room, extrapolates_from_the_files_merged_and_caps_at_eight_times) {
  // Half the files merged: twice the entries, and a quarter more.
  EXPECT_EQ(detail::joined_room(1000, 130, 260), 2500u);
  // The last file: a quarter more than needed.
  EXPECT_EQ(detail::joined_room(1000, 260, 260), 1250u);
  // A large first file of many: not 325 times what is needed (the room a machine may refuse),
  // eight times.
  EXPECT_EQ(detail::joined_room(400000, 1, 260), 3200000u);
  EXPECT_EQ(detail::joined_room(0, 1, 260), 0u);
  EXPECT_EQ(detail::joined_room(7, 3, 3), 8u);
}

TEST(derived_ids, keeps_the_lowest_file_whatever_order_files_are_recorded_in) {
  derived_ids ids;
  EXPECT_FALSE(ids.first_file("M").has_value());
  ids.add({"M", "N"}, 7);
  ids.add({"M"}, 3);
  ids.add({"M", "O"}, 5);
  EXPECT_EQ(ids.first_file("M"), 3u);
  EXPECT_EQ(ids.first_file("N"), 7u);
  EXPECT_EQ(ids.first_file("O"), 5u);
  EXPECT_FALSE(ids.first_file("P").has_value());
}

TEST(loader, keeps_the_english_of_the_lowest_file_on_any_number_of_threads) {
  // Files parsed side by side give the English of the same messages, each its own wording: the
  // first file in path order keeps every message's, however the parsing interleaves, and later
  // files need not build what is dropped.
  const temp_tree t;
  const char* const languages[] = {"ar", "cs", "da", "de", "el", "es", "fi", "fr",
                                   "he", "hu", "it", "ja", "ko", "nb", "nl", "pl",
                                   "pt", "ru", "sv", "th", "tr", "uk", "vi", "zh"};
  for (int f = 0; f < 24; ++f) {
    std::string units;
    for (int m = 0; m < 200; ++m)
      units += "<trans-unit id=\"M" + std::to_string(m) + "\"><source>English " +
               std::to_string(m) + " of file " + std::to_string(f) + "</source><target>T" +
               std::to_string(m) + "</target></trans-unit>\n";
    char name[16];
    std::snprintf(name, sizeof name, "f%02d.xlf", f);
    t.write(name, "<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"" +
                      std::string(languages[f]) + "\"><body>\n" + units +
                      "</body></file></xliff>\n");
  }
  const load_run one({t.path()}, {}, 1);
  for (const diagnostic& d : one.sink.all()) ADD_FAILURE() << render(d, one.sources);
  std::size_t english = 0;
  for (const model::entry& e : one.result.entries) {
    if (e.kind != model::origin::derived_source) continue;
    ++english;
    EXPECT_EQ(one.sources.path(e.where.file), t.path("f00.xlf"));
    ASSERT_EQ(e.fields.size(), 1u);
    EXPECT_EQ(e.fields[0].text, "English " + e.id.substr(1) + " of file 0");
  }
  EXPECT_EQ(english, 200u);
  EXPECT_EQ(one.result.entries.size(), 200u + 24u * 200u);
  for (const unsigned jobs : {2u, 3u, 8u}) {
    SCOPED_TRACE(jobs);
    const load_run many({t.path()}, {}, jobs);
    EXPECT_EQ(describe(many), describe(one));
  }
}

}  // namespace
}  // namespace diaglot::read
