#include "workflow/xliff20.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "check/checks.hpp"
#include "driver/driver.hpp"
#include "read/readers.hpp"
#include "util/files.hpp"
#include "workflow/workflow_support.hpp"
#include "xliff/xliff2.hpp"

namespace diaglot::workflow {
namespace {

unit make_unit(std::string field, std::string source, std::optional<std::string> target = {},
               model::state st = model::state::translated) {
  unit u;
  u.message = "Sample.Alpha";
  u.field = std::move(field);
  u.page = "en/alpha.md";
  u.source = std::move(source);
  u.target = std::move(target);
  u.st = st;
  return u;
}

unit_set one_page(std::vector<unit> units) {
  unit_set set;
  set.target_locale = "ko-KR";
  set.by_page["en/alpha.md"] = std::move(units);
  return set;
}

/// Parses and validates with the XLIFF 2 model; the document when nothing is wrong.
std::optional<xliff::document> check(const std::string& xml) {
  diagnostic_sink sink;
  std::optional<xliff::document> doc = xliff::read(xml, 0, sink);
  source_manager sm;
  sm.add("test.xlf", xml);
  for (const diagnostic& d : sink.all()) ADD_FAILURE() << render(d, sm);
  return doc;
}

const xliff::unit& only_unit(const xliff::document& doc, std::size_t i = 0) {
  return *doc.files.at(0).members.at(i).as_unit();
}

TEST(xliff20, sentences_are_segments_and_markup_is_ignorable) {
  unit u = make_unit("description", "Set `a` to **true**. See [Tracing](index.md).",
                     "`a`를 **true**로 설정합니다. [추적](index.md)을 참조하세요.");
  u.segment_targets = {{"Set `a` to **true**.", "`a`를 **true**로 설정합니다."},
                       {"See [Tracing](index.md).", "[추적](index.md)을 참조하세요."}};
  u.origin = "origin: sxs/ko-KR/alpha.md:9:2";
  const std::string xml = xliff20::write(one_page({u}));
  const std::optional<xliff::document> doc = check(xml);
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->src_lang(), "en");
  EXPECT_EQ(doc->trg_lang(), "ko-KR");
  EXPECT_EQ(doc->files[0].get("original"), "en/alpha.md");
  const xliff::unit& x = only_unit(*doc);
  EXPECT_EQ(x.id(), "description");
  EXPECT_EQ(x.message_name(), "Sample.Alpha#description");
  ASSERT_EQ(x.notes.size(), 2u);
  EXPECT_EQ(x.notes[0].text, "page: en/alpha.md, field: description");
  EXPECT_EQ(x.notes[1].get("category"), "origin");
  ASSERT_EQ(x.segments.size(), 3u);
  EXPECT_FALSE(x.segments[0].ignorable);
  EXPECT_TRUE(x.segments[1].ignorable);
  EXPECT_FALSE(x.segments[2].ignorable);
  EXPECT_EQ(xliff20::render(x, x.segments[0].source), "Set `a` to **true**.");
  EXPECT_EQ(xliff20::render(x, *x.segments[0].target), "`a`를 **true**로 설정합니다.");
  EXPECT_EQ(x.segments[0].state(), "translated");
  EXPECT_EQ(xliff20::unit_source(x), u.source);
  EXPECT_EQ(xliff20::unit_target(x), *u.target);
  // Codes refer to their markdown, and a target's codes to the same data as the source's.
  EXPECT_EQ(x.segments[0].source.children[1].kind, xliff::code_kind::ph);
  EXPECT_EQ(x.segments[0].source.children[1].get("dataRef"),
            x.segments[0].target->children[0].get("dataRef"));
  EXPECT_EQ(x.segments[0].source.children[1].id(), x.segments[0].target->children[0].id());
}

TEST(xliff20, translations_that_do_not_follow_the_sentences_fill_one_segment) {
  // A translated page gives the whole field: one segment, so no text lands in the wrong one.
  unit u = make_unit("summary", "One. Two.", "하나 둘.", model::state::needs_review);
  u.machine = true;
  const std::optional<xliff::document> doc = check(xliff20::write(one_page({u})));
  ASSERT_TRUE(doc);
  const xliff::unit& x = only_unit(*doc);
  ASSERT_EQ(x.segments.size(), 1u);
  EXPECT_EQ(xliff20::render(x, x.segments[0].source), "One. Two.");
  EXPECT_EQ(xliff20::render(x, *x.segments[0].target), "하나 둘.");
  EXPECT_EQ(x.segments[0].state(), "translated");
  EXPECT_EQ(x.segments[0].get("subState"), "diaglot:machine-translation");
}

TEST(xliff20, the_reader_gets_every_field_back_byte_for_byte) {
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"Plain text. Two sentences.", "평문. 두 문장."},
      {"- [Tracing](index.md)\n- [Administration](../index.md)",
       "- [추적](index.md)\n- [관리](../index.md)"},
      {"|A|B|\n|-|-|\n|x `y`|One. Two.<br /><br /> Three|  ",
       "|가|나|\n|-|-|\n|엑스 `y`|하나. 둘.<br /><br /> 셋|  "},
      {"### <a name=\"s\"></a>Server\n\nText with <xref:A.B> &amp; `C:\\x` and \\<op>.",
       "### <a name=\"s\"></a>서버\n\n<xref:A.B> &amp; `C:\\x`, \\<op> 텍스트."},
  };
  std::vector<unit> units;
  for (std::size_t i = 0; i < fields.size(); ++i)
    units.push_back(make_unit("f" + std::to_string(i), fields[i].first, fields[i].second));
  // read_xliff12 hands an XLIFF 2 document to read_xliff2.
  const std::vector<model::entry> entries =
      testing::read_without_diagnostics(xliff20::write(one_page(units)), read::read_xliff12);
  ASSERT_EQ(entries.size(), 2u);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    EXPECT_EQ(entries[0].fields[i].text, fields[i].first);
    EXPECT_EQ(entries[1].fields[i].text, fields[i].second);
    EXPECT_EQ(entries[1].fields[i].made_from, fields[i].first);
  }
}

TEST(xliff20, the_reader_reads_the_states_the_writer_writes) {
  // One message per state, so each translation entry has the state of one unit.
  struct expected {
    model::state written;
    bool machine;
    model::state read;
  };
  const expected cases[] = {
      {model::state::needs_translation, false, model::state::initial},
      {model::state::needs_review, false, model::state::needs_review},
      {model::state::needs_review, true, model::state::needs_review},
      {model::state::translated, false, model::state::translated},
      {model::state::final_, false, model::state::final_},
  };
  unit_set set;
  set.target_locale = "ko-KR";
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    unit u = make_unit("summary", "One. Two.", "하나. 둘.", cases[i].written);
    u.message = "Sample.M" + std::to_string(i);
    u.machine = cases[i].machine;
    u.segment_targets = {{"One.", "하나."}, {"Two.", "둘."}};
    set.by_page["en/alpha.md"].push_back(u);
  }
  const std::string xml = xliff20::write(set);
  EXPECT_NE(xml.find("subState=\"diaglot:needs-review\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("subState=\"diaglot:machine-translation\""), std::string::npos) << xml;
  const std::vector<model::entry> entries =
      testing::read_without_diagnostics(xml, read::read_xliff2);
  std::map<std::string, model::state> read_states;
  for (const model::entry& e : entries)
    if (e.kind == model::origin::translation) read_states[e.id] = e.st;
  ASSERT_EQ(read_states.size(), std::size(cases));
  for (std::size_t i = 0; i < std::size(cases); ++i)
    EXPECT_EQ(read_states["Sample.M" + std::to_string(i)], cases[i].read)
        << i << ": " << model::to_string(cases[i].written);

  // A needs-review text is served (a CAT tool's new translation still waits for review).
  EXPECT_TRUE(model::is_served(read_states["Sample.M1"]));
  EXPECT_FALSE(model::is_served(read_states["Sample.M0"]));
}

TEST(xliff20, a_target_without_ignorable_targets_keeps_the_ignorables_codes) {
  // CAT tools need not copy targets into <ignorable>s: their sources stand in, codes included.
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ko-KR">
  <file id="f1">
    <unit id="u1" name="Sample.Alpha#see-also">
      <originalData>
        <data id="d1">- [</data>
        <data id="d2">](index.md)</data>
      </originalData>
      <ignorable><source><ph id="1" dataRef="d1"/></source></ignorable>
      <segment state="translated"><source>Tracing</source><target>추적</target></segment>
      <ignorable><source><ph id="2" dataRef="d2"/></source></ignorable>
    </unit>
  </file>
</xliff>
)";
  const std::vector<model::entry> entries =
      testing::read_without_diagnostics(xml, read::read_xliff2);
  ASSERT_EQ(entries.size(), 2u);
  const model::field_text& t = entries[1].fields.at(0);
  EXPECT_EQ(t.text, "- [추적](index.md)");
  EXPECT_EQ(t.target_codes(), t.source_codes());
  EXPECT_EQ(t.target_codes(), (std::vector<std::string>{"ph:1", "ph:2"}));
}

TEST(xliff20, what_we_write_validates_against_the_schema) {
  DIAGLOT_REQUIRE_SHARED(schemas, "schemas");
  DIAGLOT_REQUIRE_PROGRAM("xmllint");
  testing::temp_folder tmp("xliff20-schema");
  unit u = make_unit("f", "See `a` and [b](b.md). Done.", "`a`와 [b](b.md)를 보세요.",
                     model::state::needs_review);
  const std::string path = tmp / "a.xlf";
  std::string error;
  ASSERT_NE(
      files::write_if_changed(path, xliff20::write(one_page({u, make_unit("g", "x")})), error),
      files::write_result::failed);
  const testing::command_result r = testing::validate(path, testing::xliff20_core);
  EXPECT_EQ(r.status, 0) << r.output;
}

// --- merge --------------------------------------------------------------------------------------

class merge20_test : public ::testing::Test {
 protected:
  merge20_test() : tmp_("merge20") {
    std::filesystem::copy(testing::fixture_path("workflow/en"), tmp_ / "en");
  }

  /// A translator's file: every sentence translated and reviewed; with `whole`, each field
  /// translated as one segment (as when a translation cannot be placed sentence by sentence).
  std::string translated_file(bool whole = false) {
    driver::session s;
    const auto cat = driver::build_catalog({{tmp_ / "en"}, {}, "en"}, s);
    EXPECT_TRUE(cat);
    std::vector<unit_set> sets = extract_units(*cat, s.sources, {"ko-KR"});
    for (auto& [page, units] : sets[0].by_page)
      for (unit& u : units) {
        std::string target;
        for (const piece& p : segment_field(u.source)) {
          const std::string text = join(p.runs);
          if (!p.segment) {
            target += text;
            continue;
          }
          u.segment_targets.emplace_back(text, "KO(" + text + ")");
          target += "KO(" + text + ")";
        }
        u.target = target;
        u.st = model::state::translated;
        if (whole) u.segment_targets.clear();
      }
    return xliff20::write(sets[0]);
  }

  std::string merge(const std::string& xml, merge_counts& counts, bool drop = false,
                    std::vector<diagnostic>* diags = nullptr) {
    driver::session s;
    const auto cat = driver::build_catalog({{tmp_ / "en"}, {}, "en"}, s);
    EXPECT_TRUE(cat);
    const std::uint32_t f = s.sources.add("ko-KR.xlf", xml);
    merge_options options;
    options.drop_obsolete = drop;
    const std::optional<std::string> out =
        xliff20::merge(f, *cat, s.sources, options, counts, s.sink);
    if (diags)
      *diags = s.sink.all();
    else
      for (const diagnostic& d : s.sink.all()) ADD_FAILURE() << render(d, s.sources);
    if (out) check(*out);
    return out.value_or("");
  }

  /// What a merge writes keeps the file's line ends throughout, and a second merge changes
  /// nothing.
  void expect_settled(const std::string& after, const std::string& eol) {
    if (eol == "\r\n") {
      for (std::size_t at = 0; (at = after.find('\n', at)) != std::string::npos; ++at)
        ASSERT_EQ(after[at - 1], '\r') << "a bare line feed at " << at;
    }
    merge_counts again;
    EXPECT_EQ(merge(after, again), after) << "a second merge changes nothing";
  }

  void edit(const std::string& page, const std::string& from, const std::string& to) {
    const std::string path = tmp_ / ("en/" + page);
    std::string text = testing::read_file(path);
    const std::size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    std::ofstream(path, std::ios::binary) << text;
  }

  /// A unit's segments without its ignorables: its sentences.
  static std::vector<const xliff::segment*> sentences(const xliff::unit& u) {
    std::vector<const xliff::segment*> out;
    for (const xliff::segment& s : u.segments)
      if (!s.ignorable) out.push_back(&s);
    return out;
  }

  static const xliff::unit* find(const xliff::document& doc, const std::string& name) {
    const xliff::unit* out = nullptr;
    xliff::for_each_unit(doc, [&](const xliff::unit& u, const xliff::unit_context&) {
      if (u.message_name() == name) out = &u;
    });
    return out;
  }

  testing::temp_folder tmp_;
};

TEST_F(merge20_test, unchanged_english_changes_nothing) {
  const std::string before = translated_file();
  merge_counts c;
  EXPECT_EQ(merge(before, c), before);
  EXPECT_EQ(c.kept, 10u);
  EXPECT_EQ(c.changed + c.added + c.obsolete + c.lost, 0u);
}

TEST_F(merge20_test, units_merge_does_not_change_keep_their_bytes) {
  // Targets spelled with references, as a CAT tool may write them.
  std::string before = translated_file();
  for (std::size_t at = 0; (at = before.find("<target>KO(", at)) != std::string::npos; at += 8)
    before.replace(at, 11, "<target>KO&#160;&apos;(");
  ASSERT_NE(before.find("KO&#160;&apos;("), std::string::npos);
  edit("alpha.md", "It is rare.", "It is very rare.");
  merge_counts c;
  const std::string after = merge(before, c);
  EXPECT_EQ(c.changed, 1u);
  EXPECT_EQ(testing::elements_kept(before, after, "unit"),
            testing::elements_named(before, "unit").size() - 1)
      << "every unit but the changed one, byte for byte";
  merge_counts again;
  EXPECT_EQ(merge(after, again), after) << "a second merge changes nothing";
}

TEST_F(merge20_test, a_unit_that_needs_a_namespace_from_around_it_keeps_its_bytes_in_place) {
  // A module element whose prefix its <file> declares: its bytes would not read on their own,
  // but in place they do. Targets spelled with references, so that a kept unit shows.
  std::string before = translated_file();
  for (std::size_t at = 0; (at = before.find("<target>KO(", at)) != std::string::npos; at += 8)
    before.replace(at, 11, "<target>KO&#160;&apos;(");
  const std::size_t file_at = before.find("<file ");
  ASSERT_NE(file_at, std::string::npos);
  before.insert(file_at + 6, "xmlns:mda=\"urn:oasis:names:tc:xliff:metadata:2.0\" ");
  const std::string notes = "<notes>";
  const std::size_t notes_at = before.find(notes, file_at);
  before.insert(notes_at,
                "<mda:metadata><mda:metaGroup><mda:meta type=\"k\">v</mda:meta>"
                "</mda:metaGroup></mda:metadata>\n      ");
  ASSERT_TRUE(check(before));
  edit("alpha.md", "It is rare.", "It is very rare.");
  merge_counts c;
  const std::string after = merge(before, c);  // merge() checks what it wrote
  EXPECT_EQ(c.changed, 1u);
  const std::vector<std::string> was = testing::elements_named(before, "unit");
  EXPECT_EQ(testing::elements_kept(before, after, "unit"), was.size() - 1);
  EXPECT_EQ(testing::elements_named(after, "unit")[0], was[0]);
}

/// A translated file as a CAT tool gives it back: the summary's two sentences with segment ids,
/// one not to be resegmented, its target with a language and a do-not-translate mark, and a
/// translation candidate for each sentence.
std::string as_a_tool_leaves_it(std::string xml) {
  const auto replace = [&xml](const std::string& from, const std::string& to) {
    const std::size_t at = xml.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) xml.replace(at, from.size(), to);
  };
  const auto id_segment = [&xml](const std::string& source, const std::string& attributes) {
    const std::size_t sentence = xml.find("<source>" + source + "</source>");
    EXPECT_NE(sentence, std::string::npos) << source;
    if (sentence == std::string::npos) return;
    const std::size_t at = xml.rfind("<segment ", sentence);
    xml.insert(at + 9, attributes + " ");
  };
  id_segment("Alpha happens when the channel opens.", "id=\"s1\" canResegment=\"no\"");
  id_segment("It is rare.", "id=\"s2\"");
  replace("<target>KO(Alpha happens when the channel opens.)</target>",
          "<target xml:lang=\"ko-KR\">KO(<mrk id=\"m1\" translate=\"no\">Alpha</mrk> happens when "
          "the channel opens.)</target>");
  replace("<unit id=\"summary\" name=\"Sample.Alpha#summary\">",
          "<unit id=\"summary\" name=\"Sample.Alpha#summary\">\n      <mtc:matches "
          "xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\"><mtc:match ref=\"#s1\" "
          "similarity=\"100\"><source>Alpha happens when the channel opens.</source><target>TM "
          "one</target></mtc:match><mtc:match ref=\"#s2\"><source>It is rare.</source><target>TM "
          "two</target></mtc:match></mtc:matches>");
  return xml;
}

TEST_F(merge20_test, a_changed_unit_keeps_what_the_tool_wrote_on_sentences_that_did_not_change) {
  const std::string before = as_a_tool_leaves_it(translated_file());
  ASSERT_TRUE(check(before));
  const std::string kept =
      before.substr(before.find("<segment id=\"s1\""),
                    before.find("</segment>", before.find("<segment id=\"s1\"")) -
                        before.find("<segment id=\"s1\""));
  edit("alpha.md", "It is rare.", "It is very rare.");
  merge_counts c;
  const std::string after = merge(before, c);  // merge() checks what it wrote
  EXPECT_EQ(c.changed, 1u);
  EXPECT_EQ(c.lost, 0u);
  // The unchanged sentence: its id, canResegment, target language and mark, as they were.
  EXPECT_NE(after.find(kept), std::string::npos) << after;
  // The reworded one keeps its place's id, so its candidate still names it.
  const std::optional<xliff::document> doc = check(after);
  ASSERT_TRUE(doc);
  const std::vector<const xliff::segment*> s = sentences(*find(*doc, "Sample.Alpha#summary"));
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1]->id(), "s2");
  EXPECT_EQ(s[1]->get("subState"), "diaglot:needs-review");
  EXPECT_NE(after.find("<mtc:match ref=\"#s2\">"), std::string::npos);

  // A sentence taken out: the candidate for it goes, the other stays.
  edit("alpha.md", " It is very rare.", "");
  merge_counts out;
  const std::string shorter = merge(after, out);
  EXPECT_EQ(out.lost, 0u);
  EXPECT_EQ(shorter.find("<mtc:match ref=\"#s2\">"), std::string::npos);
  EXPECT_NE(shorter.find("<mtc:match ref=\"#s1\""), std::string::npos);
  // The sentence left is reviewed (the one after it went), and keeps what the tool wrote.
  EXPECT_NE(shorter.find("<segment id=\"s1\" canResegment=\"no\""), std::string::npos) << shorter;
  EXPECT_NE(shorter.find("<target xml:lang=\"ko-KR\">KO(<mrk id=\"m1\" translate=\"no\">"),
            std::string::npos);
  const std::optional<xliff::document> short_doc = check(shorter);
  ASSERT_TRUE(short_doc);
  const std::vector<const xliff::segment*> left =
      sentences(*find(*short_doc, "Sample.Alpha#summary"));
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0]->get("state"), "translated");
  EXPECT_EQ(left[0]->get("subState"), "diaglot:needs-review");
}

TEST_F(merge20_test, what_the_tool_wrote_goes_where_keeping_it_would_break_the_file) {
  // A mark in the first sentence's target with id 6, which no code had; the second sentence then
  // gains a code, which gets id 6: kept, the mark would clash with it. The unit is written
  // afresh instead, and the file stays valid.
  std::string before = translated_file();
  const std::string target = "<target>KO(Set <ph id=\"1\" dataRef=\"d1\"/>";
  const std::size_t at = before.find(target);
  ASSERT_NE(at, std::string::npos);
  before.replace(at, target.size(),
                 "<target>KO(<mrk id=\"6\" translate=\"no\">Set</mrk> <ph id=\"1\" "
                 "dataRef=\"d1\"/>");
  ASSERT_TRUE(check(before));
  edit("alpha.md", "see [Tracing](index.md).", "see [Tracing](index.md) and `tracing`.");
  merge_counts c;
  const std::string after = merge(before, c);  // merge() checks what it wrote
  EXPECT_EQ(c.changed, 1u);
  EXPECT_EQ(c.lost, 0u);
  EXPECT_EQ(after.find("<mrk id=\"6\""), std::string::npos);
  const std::optional<xliff::document> doc = check(after);
  ASSERT_TRUE(doc);
  const xliff::unit& unit = *find(*doc, "Sample.Alpha#description");
  EXPECT_EQ(xliff20::unit_target(unit).rfind("KO(Set", 0), 0u) << xliff20::unit_target(unit);
  // The new code took the id the mark had: the unit, written afresh, holds it once.
  const std::string written = after.substr(after.find("name=\"Sample.Alpha#description\""));
  const std::string unit_xml = written.substr(0, written.find("</unit>"));
  EXPECT_NE(unit_xml.find("id=\"6\""), std::string::npos) << unit_xml;
}

/// `xml` without its <unit> elements, each taken with the line break and margin before it.
std::string without_units(const std::string& xml) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t at; (at = xml.find("<unit ", from)) != std::string::npos;) {
    std::size_t cut = at;
    while (cut > from && (xml[cut - 1] == ' ' || xml[cut - 1] == '\t')) --cut;
    if (cut > from && xml[cut - 1] == '\n') --cut;
    if (cut > from && xml[cut - 1] == '\r') --cut;
    out.append(xml, from, cut - from);
    from = xml.find("</unit>", at) + 7;
  }
  return out + xml.substr(from);
}

/// A translator's file laid out by another tool: tabs, single quotes, a comment between units,
/// and the given line ends.
std::string restyled(std::string xml, const std::string& eol) {
  std::string out;
  for (std::size_t i = 0; i < xml.size(); ++i) {
    if (xml[i] != '\n') {
      out += xml[i];
      continue;
    }
    out += eol;
    std::size_t spaces = 0;
    while (i + 1 + spaces < xml.size() && xml[i + 1 + spaces] == ' ') ++spaces;
    out.append(spaces / 2, '\t');
    i += spaces;
  }
  out.replace(out.find("version=\"2.0\""), 13, "version='2.0'");
  const std::size_t second = out.find("<unit ", out.find("<unit ") + 1);
  out.insert(second, "<!-- checked by the reviewer -->" + eol + "\t\t");
  return out;
}

class merge20_layout_test : public merge20_test,
                            public ::testing::WithParamInterface<std::string> {};

TEST_P(merge20_layout_test, a_merge_keeps_everything_around_the_units_it_changes) {
  const std::string eol = GetParam();
  const std::string before = restyled(translated_file(), eol);
  ASSERT_TRUE(check(before));
  edit("alpha.md", "It is rare.", "It is very rare.");
  edit("alpha.md", "## <a name=\"see-also\"></a>See also",
       "## <a name=\"remarks\"></a>Remarks\n\nNew.\n\n## <a name=\"see-also\"></a>See also");
  merge_counts c;
  const std::string after = merge(before, c);
  EXPECT_EQ(c.changed, 1u);
  EXPECT_EQ(c.added, 2u);
  // Root, <file>, notes, the comment and every line break and tab outside the units: as they were.
  EXPECT_EQ(without_units(after), without_units(before));
  // Every unit merge left alone keeps its bytes; the changed one and the new ones sit on lines of
  // their own, at the margin of the units around them, with the file's line ends.
  const std::vector<std::string> was = testing::elements_named(before, "unit"),
                                 now = testing::elements_named(after, "unit");
  ASSERT_EQ(now.size(), was.size() + 2);
  std::size_t same = 0;
  for (const std::string& u : now) same += std::count(was.begin(), was.end(), u);
  EXPECT_EQ(same, was.size() - 1);
  EXPECT_NE(after.find(eol + "\t\t<unit id=\"remarks\""), std::string::npos) << after;
  EXPECT_NE(after.find(eol + "\t\t\t<segment"), std::string::npos) << "its lines at its margin";
  EXPECT_EQ(after.find("  <"), std::string::npos) << "indented with the file's tabs";
  expect_settled(after, eol);

  // Units of a section taken out of the English, dropped: each with its line, nothing else.
  edit("alpha.md",
       "## <a name=\"description\"></a>Description\n\nSet `propagateActivity` to **true** on both "
       "sides. For more information, see [Tracing](index.md).\n\n",
       "");
  merge_counts dropped;
  const std::string without = merge(after, dropped, true);
  EXPECT_EQ(dropped.dropped, 2u);
  EXPECT_EQ(dropped.lost, 0u);
  EXPECT_EQ(without_units(without), without_units(before));
  std::vector<std::string> left = testing::elements_named(after, "unit");
  left.erase(std::remove_if(left.begin(), left.end(),
                            [](const std::string& u) {
                              return u.find("name=\"Sample.Alpha#description") != std::string::npos;
                            }),
             left.end());
  EXPECT_EQ(testing::elements_named(without, "unit"), left);
}

/// `xml` without its first element that starts with `start`, taken with the line break and
/// margin before it.
std::string without_element(const std::string& xml, const std::string& start,
                            const std::string& end_tag) {
  const std::size_t at = xml.find(start);
  if (at == std::string::npos) return xml;
  std::size_t cut = at;
  while (cut > 0 && (xml[cut - 1] == ' ' || xml[cut - 1] == '\t')) --cut;
  if (cut > 0 && xml[cut - 1] == '\n') --cut;
  if (cut > 0 && xml[cut - 1] == '\r') --cut;
  const std::size_t end = xml.find(end_tag, at) + end_tag.size();
  return xml.substr(0, cut) + xml.substr(end);
}

TEST_P(merge20_layout_test, a_new_page_and_a_dropped_page_leave_the_rest_as_it_was) {
  const std::string eol = GetParam();
  const std::string before = restyled(translated_file(), eol);
  ASSERT_TRUE(check(before));
  ASSERT_NE(before.find("<file id=\"f2\""), std::string::npos);
  ASSERT_EQ(before.find("<file id=\"f3\""), std::string::npos);
  // A new page: a <file> of its own after the last one, at the files' margin; nothing else moves.
  std::ofstream(tmp_ / "en/gamma.md", std::ios::binary)
      << "---\ntitle: Sample.Gamma\n---\n# Sample.Gamma\n\nGamma is logged.\n";
  merge_counts c;
  const std::string after = merge(before, c);
  EXPECT_EQ(c.added, 2u);
  EXPECT_EQ(without_element(after, "<file id=\"f3\"", "</file>"), before);
  EXPECT_NE(after.find(eol + "\t<file id=\"f3\""), std::string::npos) << after;
  EXPECT_NE(after.find("gamma.md\">" + eol + "\t\t<unit "), std::string::npos) << after;
  EXPECT_EQ(after.find("  <"), std::string::npos) << "indented with the file's tabs";
  expect_settled(after, eol);

  // Both pages gone, dropped: their <file>s go with their lines, and nothing else.
  std::filesystem::remove(tmp_ / "en/beta.md");
  std::filesystem::remove(tmp_ / "en/gamma.md");
  merge_counts dropped;
  const std::string without = merge(after, dropped, true);
  EXPECT_EQ(dropped.dropped, 6u);
  EXPECT_EQ(dropped.lost, 0u);
  EXPECT_EQ(without, without_element(before, "<file id=\"f2\"", "</file>")) << without;
}

TEST_P(merge20_layout_test, a_unit_with_a_comment_inside_keeps_its_bytes_and_so_do_the_others) {
  const std::string eol = GetParam();
  std::string before = restyled(translated_file(), eol);
  // A comment inside the first unit, mentioning an end tag: no scan can tell where it ends.
  const std::size_t notes = before.find("<notes>");
  ASSERT_NE(notes, std::string::npos);
  before.insert(notes, "<!-- see </unit> below -->" + eol + "\t\t\t");
  ASSERT_TRUE(check(before));
  edit("alpha.md", "It is rare.", "It is very rare.");
  merge_counts c;
  const std::string after = merge(before, c);
  EXPECT_EQ(c.changed, 1u);
  EXPECT_NE(after.find("<!-- see </unit> below -->"), std::string::npos);
  EXPECT_EQ(without_units(after), without_units(before));
  EXPECT_EQ(after.substr(0, after.find("name=\"Sample.Alpha#summary\"")),
            before.substr(0, before.find("name=\"Sample.Alpha#summary\"")));
}

INSTANTIATE_TEST_SUITE_P(line_ends, merge20_layout_test, ::testing::Values("\n", "\r\n"),
                         [](const ::testing::TestParamInfo<std::string>& i) {
                           return i.param == "\n" ? std::string("lf") : std::string("crlf");
                         });

TEST_F(merge20_test, sentences_keep_their_translations_and_changed_ones_are_reviewed) {
  const std::string before = translated_file();
  edit("alpha.md", "It is rare.", "It is very rare. It was seen once.");
  merge_counts c;
  const std::string after = merge(before, c);
  EXPECT_EQ(c.changed, 1u);
  EXPECT_EQ(c.review, 1u);
  EXPECT_EQ(c.lost, 0u);
  const std::optional<xliff::document> doc = check(after);
  ASSERT_TRUE(doc);
  const xliff::unit* u = find(*doc, "Sample.Alpha#summary");
  ASSERT_TRUE(u);
  const std::vector<const xliff::segment*> segments = sentences(*u);
  ASSERT_EQ(segments.size(), 3u);
  // Unchanged: its translation and state.
  EXPECT_EQ(xliff20::render(*u, *segments[0]->target), "KO(Alpha happens when the channel opens.)");
  EXPECT_EQ(segments[0]->state(), "translated");
  EXPECT_FALSE(segments[0]->has("subState"));
  // Changed: the old translation, to review; added: an empty target to review, so the unit
  // still serves the old translation.
  EXPECT_EQ(xliff20::render(*u, *segments[1]->target), "KO(It is rare.)");
  EXPECT_EQ(segments[1]->get("subState"), "diaglot:needs-review");
  EXPECT_EQ(xliff20::render(*u, *segments[2]->target), "");
  EXPECT_EQ(segments[2]->get("subState"), "diaglot:needs-review");
  // The previous source and target, in the Change Tracking module.
  EXPECT_NE(after.find("<ctr:changeTrack"), std::string::npos);
  EXPECT_NE(after.find("<ctr:item property=\"content\">Alpha happens when the channel opens. It is "
                       "rare.</ctr:item>"),
            std::string::npos);
  merge_counts again;
  EXPECT_EQ(merge(after, again), after);
  EXPECT_EQ(again.changed, 0u);
}

TEST_F(merge20_test, reworded_sentences_keep_their_own_translations_and_codes) {
  // Both sentences of a field with codes reworded: each keeps its own old translation, with its
  // codes under ids of its own sentence (the merged file must validate: merge() checks it).
  const std::string before = translated_file();
  edit("alpha.md", "on both sides. For more information, see", "on each side. For details, see");
  merge_counts c;
  const std::string after = merge(before, c);
  EXPECT_EQ(c.changed, 1u);
  EXPECT_EQ(c.lost, 0u);
  const std::optional<xliff::document> doc = check(after);
  ASSERT_TRUE(doc);
  const xliff::unit* u = find(*doc, "Sample.Alpha#description");
  ASSERT_TRUE(u);
  const std::vector<const xliff::segment*> segments = sentences(*u);
  ASSERT_EQ(segments.size(), 2u);
  EXPECT_EQ(xliff20::render(*u, *segments[0]->target),
            "KO(Set `propagateActivity` to **true** on both sides.)");
  EXPECT_EQ(xliff20::render(*u, *segments[1]->target),
            "KO(For more information, see [Tracing](index.md).)");
  for (const xliff::segment* s : segments) EXPECT_EQ(s->get("subState"), "diaglot:needs-review");
}

TEST_F(merge20_test, a_field_translated_as_one_segment_stays_one_when_its_english_changes) {
  // Its translation cannot be split among the new sentences; in one segment it keeps every code
  // under the ids of the field's source (the merged file must validate: merge() checks it).
  const std::string before = translated_file(true);
  edit("alpha.md", "on both sides. For more information, see", "on each side. For details, see");
  merge_counts c;
  const std::string after = merge(before, c);
  EXPECT_EQ(c.changed, 1u);
  const std::optional<xliff::document> doc = check(after);
  ASSERT_TRUE(doc);
  const xliff::unit* u = find(*doc, "Sample.Alpha#description");
  ASSERT_TRUE(u);
  ASSERT_EQ(u->segments.size(), 1u);
  EXPECT_EQ(u->segments[0].get("subState"), "diaglot:needs-review");
  EXPECT_EQ(xliff20::render(*u, *u->segments[0].target),
            "KO(Set `propagateActivity` to **true** on both sides.) KO(For more information, see "
            "[Tracing](index.md).)");
  // Every code of the target is one of the source's.
  std::set<std::string> source_ids, target_ids;
  for (const xliff::inline_node& n : u->segments[0].source.children)
    if (n.kind == xliff::code_kind::ph) source_ids.insert(std::string(n.get("id")));
  for (const xliff::inline_node& n : u->segments[0].target->children)
    if (n.kind == xliff::code_kind::ph) target_ids.insert(std::string(n.get("id")));
  EXPECT_EQ(target_ids, source_ids);
}

TEST_F(merge20_test, a_translation_waiting_for_review_is_checked_against_its_own_english) {
  // The English's link changed: the old translation keeps the old link, to review. It is stale
  // (DGL0404, served), not broken: its markup is compared with the English it was made from,
  // which the unit's Change Tracking revision keeps.
  const std::string before = translated_file();
  edit("alpha.md", "see [Tracing](index.md).", "see [Tracing](tracing.md).");
  merge_counts c;
  const std::string after = merge(before, c);
  ASSERT_EQ(c.changed, 1u);
  std::ofstream(tmp_ / "ko-KR.xlf", std::ios::binary) << after;
  const auto codes_of = [&](const std::string& xml) {
    std::ofstream(tmp_ / "ko-KR.xlf", std::ios::binary) << xml;
    driver::session s;
    const auto cat = driver::build_catalog({{tmp_ / "en", tmp_ / "ko-KR.xlf"}, {}, "en"}, s);
    EXPECT_TRUE(cat);
    if (cat) check::run_lints(*cat, s.sink);  // as `diaglot check` does
    std::multiset<diag> codes;
    for (const diagnostic& d : s.sink.all()) {
      codes.insert(d.code);
      if (d.level == severity::error) ADD_FAILURE() << render(d, s.sources);
    }
    return codes;
  };
  const std::multiset<diag> merged = codes_of(after);
  EXPECT_EQ(merged.count(diag::stale_translation), 1u);
  EXPECT_EQ(merged.count(diag::link_mismatch), 0u);
  EXPECT_EQ(merged.count(diag::inline_mismatch), 0u);
  // Once reviewed (no longer marked), the translation is checked against the English it serves
  // beside: its old link is now a difference.
  std::string reviewed = after;
  const std::string mark = " subState=\"diaglot:needs-review\"";
  for (std::size_t at; (at = reviewed.find(mark)) != std::string::npos;)
    reviewed.erase(at, mark.size());
  const std::multiset<diag> done = codes_of(reviewed);
  EXPECT_EQ(done.count(diag::stale_translation), 0u);
  EXPECT_EQ(done.count(diag::link_mismatch), 1u);
}

TEST_F(merge20_test, removed_sentences_mark_their_neighbour_and_markup_changes_mark_nothing) {
  const std::string before = translated_file();
  edit("alpha.md", "Alpha happens when the channel opens. It is rare.", "It is rare.");
  edit("alpha.md", "- [Tracing](index.md)", "- [Tracing](tracing/index.md)");
  merge_counts c;
  const std::string after = merge(before, c);
  EXPECT_EQ(c.changed, 2u);
  EXPECT_EQ(c.review, 1u);  // the see-also links changed, not their text
  const std::optional<xliff::document> doc = check(after);
  ASSERT_TRUE(doc);
  const xliff::unit* summary = find(*doc, "Sample.Alpha#summary");
  EXPECT_EQ(xliff20::unit_target(*summary), "KO(It is rare.)");
  EXPECT_EQ(summary->segments[0].get("subState"), "diaglot:needs-review");
  const xliff::unit* links = find(*doc, "Sample.Alpha#see-also");
  EXPECT_EQ(
      xliff20::unit_target(*links),
      "- [KO(Tracing)](tracing/index.md)\n- [KO(Administration and Diagnostics)](../index.md)");
}

TEST_F(merge20_test, new_obsolete_restored_and_dropped_units) {
  const std::string before = translated_file();
  edit("alpha.md", "## <a name=\"see-also\"></a>See also",
       "## <a name=\"remarks\"></a>Remarks\n\nNew.\n\n## <a name=\"see-also\"></a>See also");
  std::filesystem::rename(tmp_ / "en/beta.md", tmp_ / "beta.md");
  merge_counts c;
  const std::string after = merge(before, c);
  EXPECT_EQ(c.added, 2u);
  EXPECT_EQ(c.obsolete, 4u);
  EXPECT_EQ(c.lost, 0u);
  const std::optional<xliff::document> doc = check(after);
  ASSERT_TRUE(doc);
  // New units follow the message's last unit; they have no target yet.
  const auto& members = doc->files[0].members;
  ASSERT_EQ(members.size(), 8u);
  EXPECT_EQ(members[6].as_unit()->message_name(), "Sample.Alpha#remarks.heading");
  EXPECT_EQ(members[7].as_unit()->message_name(), "Sample.Alpha#remarks");
  EXPECT_FALSE(members[7].as_unit()->segments[0].target);
  const xliff::unit* gone = find(*doc, "Sample.Beta#title");
  ASSERT_TRUE(gone);
  EXPECT_TRUE(xliff20::is_obsolete(*gone));
  EXPECT_EQ(gone->get("translate"), "no");
  EXPECT_EQ(xliff20::unit_target(*gone), "KO(Sample.Beta)");

  merge_counts again;
  EXPECT_EQ(merge(after, again), after);

  std::filesystem::rename(tmp_ / "beta.md", tmp_ / "en/beta.md");
  merge_counts back;
  const std::string restored = merge(after, back);
  EXPECT_EQ(back.restored, 4u);
  const std::optional<xliff::document> restored_doc = check(restored);
  EXPECT_FALSE(xliff20::is_obsolete(*find(*restored_doc, "Sample.Beta#title")));
  EXPECT_FALSE(find(*restored_doc, "Sample.Beta#title")->has("translate"));

  std::filesystem::remove(tmp_ / "en/beta.md");
  merge_counts dropped;
  const std::string without = merge(after, dropped, true);
  EXPECT_EQ(dropped.dropped, 4u);
  EXPECT_EQ(dropped.lost, 0u);
  EXPECT_EQ(without.find("Sample.Beta"), std::string::npos);
}

TEST_F(merge20_test, pgs_groups_are_left_as_they_are) {
  // XLIFF 2.2 plural groups: one for a message of the English (its field's unit replaced by the
  // group), one for a message the English does not have. Merge neither adds a unit for the
  // first nor marks the second's units obsolete.
  std::string before = translated_file();
  const std::size_t name = before.find("name=\"Sample.Alpha#summary\"");
  ASSERT_NE(name, std::string::npos);
  const std::size_t begin = before.rfind("<unit ", name);
  const std::size_t end = before.find("</unit>", name) + 7;
  const auto group = [](const std::string& id, const std::string& name) {
    return "<group xmlns:pgs=\"urn:oasis:names:tc:xliff:pgs:1.0\" id=\"" + id + "\" name=\"" +
           name + "\" pgs:switch=\"plural:n\"><unit id=\"" + id +
           "1\" pgs:case=\"one\"><segment state=\"translated\"><source>one</source>"
           "<target>KO(one)</target></segment></unit><unit id=\"" +
           id +
           "2\" pgs:case=\"other\"><segment state=\"translated\"><source>{n} of them</source>"
           "<target>KO({n})</target></segment></unit></group>";
  };
  before.replace(begin, end - begin,
                 group("g1", "Sample.Alpha#summary") + group("g2", "Other.Count"));
  merge_counts c;
  EXPECT_EQ(merge(before, c), before);
  EXPECT_EQ(c.added + c.obsolete + c.changed + c.lost, 0u);
}

TEST_F(merge20_test, dropping_units_keeps_every_unit_after_them) {
  const std::string before = translated_file();
  edit("alpha.md",
       "## <a name=\"description\"></a>Description\n\nSet `propagateActivity` to **true** on both "
       "sides. For more information, see [Tracing](index.md).\n\n",
       "");
  merge_counts c;
  const std::optional<xliff::document> doc = check(merge(before, c, true));
  ASSERT_TRUE(doc);
  EXPECT_EQ(c.dropped, 2u);
  EXPECT_EQ(c.lost, 0u);
  EXPECT_FALSE(find(*doc, "Sample.Alpha#description"));
  for (const char* name : {"Sample.Alpha#see-also.heading", "Sample.Alpha#see-also"}) {
    const xliff::unit* u = find(*doc, name);
    ASSERT_TRUE(u) << name;
    EXPECT_NE(xliff20::unit_target(*u).find("KO("), std::string::npos) << name;
  }
}

TEST(merge, a_merge_that_would_lose_a_translation_writes_nothing_and_says_so) {
  diagnostic_sink sink;
  merge_counts c;
  EXPECT_EQ(unless_lost(std::string("<xliff/>"), c, 3, sink), "<xliff/>");
  EXPECT_EQ(unless_lost(std::nullopt, c, 3, sink), std::nullopt);
  EXPECT_TRUE(sink.all().empty());
  c.lose("Sample.Alpha#summary");
  c.lose("Sample.Alpha#title");
  EXPECT_EQ(unless_lost(std::string("<xliff/>"), c, 3, sink), std::nullopt);
  ASSERT_EQ(sink.all().size(), 1u);
  EXPECT_EQ(sink.all()[0].code, diag::merge_would_lose);
  EXPECT_EQ(sink.all()[0].where.file, 3u);
  EXPECT_EQ(sink.all()[0].args, (std::vector<std::string>{"Sample.Alpha#summary", "2"}));
}

TEST_F(merge20_test, reports_a_repeated_unit) {
  std::string doubled = translated_file();
  const std::size_t unit = doubled.find("    <unit id=\"title\" name=\"Sample.Beta#title\">");
  ASSERT_NE(unit, std::string::npos);
  const std::size_t end = doubled.find("</unit>\n", unit) + 8;
  std::string copy = doubled.substr(unit, end - unit);
  copy.replace(copy.find("id=\"title\""), 10, "id=\"again\"");
  doubled.insert(end, copy);
  merge_counts c;
  std::vector<diagnostic> diags;
  merge(doubled, c, false, &diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].code, diag::merge_duplicate_unit);
}

}  // namespace
}  // namespace diaglot::workflow
