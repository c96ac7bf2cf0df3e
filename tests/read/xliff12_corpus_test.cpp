// The reader on the real XLIFF 1.2 files of dotnet/wcf (../shared/corpus/wcf-xliff).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "read/readers.hpp"
#include "support/corpus.hpp"
#include "util/files.hpp"

namespace diaglot::read {
namespace {

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// Decodes the predefined entities and character references, independently of pugixml.
std::string decode_xml_text(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    const std::string_view ref = s.substr(i + 1, semi - i - 1);
    if (ref == "lt")
      out += '<';
    else if (ref == "gt")
      out += '>';
    else if (ref == "amp")
      out += '&';
    else if (ref == "quot")
      out += '"';
    else if (ref == "apos")
      out += '\'';
    else if (ref.size() > 1 && ref[0] == '#' && (ref[1] == 'x' || ref[1] == 'X'))
      append_utf8(out, std::stoul(std::string(ref.substr(2)), nullptr, 16));
    else if (!ref.empty() && ref[0] == '#')
      append_utf8(out, std::stoul(std::string(ref.substr(1))));
    else
      ADD_FAILURE() << "unexpected reference &" << ref << ";";
    i = semi;
  }
  return out;
}

/// Unit id -> decoded <target> text, found by scanning the raw bytes (these files have no
/// CDATA and no inline elements, and put attributes in a fixed order).
std::map<std::string, std::string> raw_targets(const std::string& xml) {
  std::map<std::string, std::string> out;
  std::size_t pos = 0;
  while ((pos = xml.find("<trans-unit id=\"", pos)) != std::string::npos) {
    pos += 16;
    const std::string id = xml.substr(pos, xml.find('"', pos) - pos);
    const std::size_t end = xml.find("</trans-unit>", pos);
    const std::size_t open = xml.find("<target", pos);
    if (open == std::string::npos || open > end) continue;
    const std::size_t start = xml.find('>', open) + 1;
    const std::size_t close = xml.find("</target>", start);
    out[id] = decode_xml_text(std::string_view(xml).substr(start, close - start));
  }
  return out;
}

TEST(xliff12_corpus, reads_every_wcf_file_as_written) {
  DIAGLOT_REQUIRE_SHARED(dir, "corpus/wcf-xliff");
  const std::vector<std::string> paths = files::list_recursive(dir, {".xlf"});
  ASSERT_EQ(paths.size(), 260u);

  source_manager sources;
  diagnostic_sink sink;
  context ctx{sources, sink};
  std::size_t units = 0, translations = 0, compared = 0;
  std::map<model::state, std::size_t> by_state;
  std::map<std::string, std::size_t> nbsp_by_locale;
  std::size_t nbsp = 0, brace_escapes_source = 0, brace_escapes_target = 0;
  std::size_t multi_line_sources = 0;

  for (const std::string& path : paths) {
    SCOPED_TRACE(path);
    std::string contents, error;
    ASSERT_TRUE(files::read(path, contents, error)) << error;
    const std::map<std::string, std::string> expected = raw_targets(contents);
    const std::uint32_t file = sources.add(path, std::move(contents));
    const std::vector<model::entry> entries = read_xliff12(file, ctx);
    for (const model::entry& e : entries) {
      ASSERT_EQ(e.fields.size(), 1u);
      const model::field_text& f = e.fields[0];
      EXPECT_EQ(f.name, "text");
      EXPECT_EQ(e.where.file, file);
      if (e.kind == model::origin::derived_source) {
        ++units;
        EXPECT_EQ(e.locale, "en");
        if (f.text.find('\n') != std::string::npos) ++multi_line_sources;
        continue;
      }
      ASSERT_EQ(e.kind, model::origin::translation);
      ++translations;
      ++by_state[e.st];
      const auto it = expected.find(e.id);
      ASSERT_NE(it, expected.end()) << e.id;
      EXPECT_EQ(f.text, it->second) << e.id;
      ++compared;
      ASSERT_TRUE(f.made_from.has_value());
      if (f.text.find("\xC2\xA0") != std::string::npos) {
        ++nbsp;
        ++nbsp_by_locale[e.locale];
      }
      if (f.made_from->find("{{") != std::string::npos ||
          f.made_from->find("}}") != std::string::npos)
        ++brace_escapes_source;
      if (f.text.find("{{") != std::string::npos || f.text.find("}}") != std::string::npos)
        ++brace_escapes_target;
      EXPECT_TRUE(f.source_codes().empty());
      EXPECT_TRUE(f.target_codes().empty());
    }
  }
  EXPECT_EQ(sink.error_count(), 0u);
  EXPECT_EQ(sink.warning_count(), 0u);
  for (const diagnostic& d : sink.all()) ADD_FAILURE() << render(d, sources);

  EXPECT_EQ(units, 53534u);
  EXPECT_EQ(translations, 53534u);
  EXPECT_EQ(compared, translations);
  EXPECT_EQ(by_state[model::state::translated], 53027u);
  EXPECT_EQ(by_state[model::state::initial], 507u);
  EXPECT_EQ(by_state.size(), 2u);
  EXPECT_EQ(nbsp, 533u);
  // The corpus README says "fr 496"; counting the raw files gives 500 (and 533 in all).
  const std::map<std::string, std::size_t> nbsp_expected = {{"de", 20}, {"es", 3},    {"fr", 500},
                                                            {"pl", 5},  {"pt-BR", 1}, {"ru", 4}};
  EXPECT_EQ(nbsp_by_locale, nbsp_expected);
  EXPECT_EQ(brace_escapes_source, 26u);
  EXPECT_EQ(brace_escapes_target, 26u);
  // 195 sources span several lines (15 units in each of the 13 languages).
  EXPECT_EQ(multi_line_sources, 195u);
}

TEST(xliff12_corpus, canonicalizes_the_wcf_languages) {
  DIAGLOT_REQUIRE_SHARED(dir, "corpus/wcf-xliff");
  std::map<std::string, std::size_t> files_by_locale;
  for (const std::string& path : files::list_recursive(dir, {".xlf"})) {
    source_manager sources;
    diagnostic_sink sink;
    context ctx{sources, sink};
    std::string contents, error;
    ASSERT_TRUE(files::read(path, contents, error)) << error;
    const std::uint32_t file = sources.add(path, std::move(contents));
    for (const model::entry& e : read_xliff12(file, ctx)) {
      if (e.kind != model::origin::translation) continue;
      ++files_by_locale[e.locale];
      break;
    }
  }
  const std::map<std::string, std::size_t> expected = {
      {"cs", 20}, {"de", 20},      {"es", 20},      {"fr", 20},    {"it", 20},
      {"ja", 20}, {"ko", 20},      {"pl", 20},      {"pt-BR", 20}, {"ru", 20},
      {"tr", 20}, {"zh-Hans", 20}, {"zh-Hant", 20},
  };
  EXPECT_EQ(files_by_locale, expected);
}

}  // namespace
}  // namespace diaglot::read
