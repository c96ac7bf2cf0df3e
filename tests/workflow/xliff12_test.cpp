#include "workflow/xliff12.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "check/checks.hpp"
#include "driver/driver.hpp"
#include "read/readers.hpp"
#include "util/files.hpp"
#include "workflow/workflow.hpp"
#include "workflow/workflow_support.hpp"

namespace diaglot::workflow {
namespace {

unit make_unit(std::string message, std::string field, std::string source,
               std::optional<std::string> target = std::nullopt,
               model::state st = model::state::needs_translation) {
  unit u;
  u.message = std::move(message);
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

TEST(xliff12, writes_units_as_documented) {
  const std::string xml = xliff12::write(
      one_page({make_unit("Sample.Alpha", "summary", "Alpha happens. It is `rare`.",
                          "알파가 일어납니다. <x>`rare`</x>입니다.", model::state::translated),
                make_unit("Sample.Alpha", "see-also", "- [Tracing](index.md)")}));
  EXPECT_EQ(xml, R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="en/alpha.md" source-language="en" target-language="ko-KR" datatype="x-markdown">
    <body>
      <trans-unit id="Sample.Alpha#summary" resname="Sample.Alpha#summary" approved="yes" xml:space="preserve">
        <source>Alpha happens. It is <ph id="1">`rare`</ph>.</source>
        <seg-source><mrk mtype="seg" mid="1">Alpha happens.</mrk> <mrk mtype="seg" mid="2">It is <ph id="1">`rare`</ph>.</mrk></seg-source>
        <target state="translated">알파가 일어납니다. &lt;x&gt;<ph id="1">`rare`</ph>&lt;/x&gt;입니다.</target>
        <note from="developer" annotates="source">page: en/alpha.md, field: summary</note>
      </trans-unit>
      <trans-unit id="Sample.Alpha#see-also" resname="Sample.Alpha#see-also" xml:space="preserve">
        <source><ph id="1">- </ph><ph id="2">[</ph>Tracing<ph id="3">](index.md)</ph></source>
        <seg-source><ph id="1">- </ph><ph id="2">[</ph><mrk mtype="seg" mid="1">Tracing</mrk><ph id="3">](index.md)</ph></seg-source>
        <note from="developer" annotates="source">page: en/alpha.md, field: see-also</note>
      </trans-unit>
    </body>
  </file>
</xliff>
)");
}

TEST(xliff12, target_codes_take_the_ids_of_the_same_markdown) {
  const std::vector<run> source = protect_field("See `a`, `b` and [c](c.md).");
  const code_ids ids(source);
  EXPECT_EQ(ids.source_ids(), (std::vector<std::string>{"1", "2", "3", "4"}));
  // Reordered codes keep their ids; a changed link target takes the one left; codes the
  // source lacks get none (they are written as text).
  EXPECT_EQ(ids.target_ids(protect_field("[c](c-ko.md), `b`, `a`, **x**")),
            (std::vector<std::string>{"3", "4", "2", "1", "", ""}));
}

/// Reads an XLIFF document with diaglot's reader; any diagnostic fails the test.
std::vector<model::entry> read_back(const std::string& xml) {
  return testing::read_without_diagnostics(xml, read::read_xliff12);
}

TEST(xliff12, the_reader_gets_every_field_back_byte_for_byte) {
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"Plain text. Two sentences.", "평문. 두 문장."},
      {"- [Tracing](index.md)\n- [Administration](../index.md)",
       "- [추적](index.md)\n- [관리](../index.md)"},
      {"|A|B|\n|-|-|\n|x `y`|One. Two.<br /><br /> Three|  ",
       "|가|나|\n|-|-|\n|엑스 `y`|하나. 둘.<br /><br /> 셋|  "},
      {"### <a name=\"s\"></a>Server\n\nText with <xref:A.B> &amp; `C:\\x` and \\<op>.",
       "### <a name=\"s\"></a>서버\n\n<xref:A.B> &amp; `C:\\x`, \\<op> 텍스트."},
      {"> [!NOTE]\n> Careful.  \n  \n```xml\n<a/>\n```",
       "> [!NOTE]\n> 주의.  \n  \n```xml\n<a/>\n```"},
  };
  const model::state states[] = {model::state::initial, model::state::needs_translation,
                                 model::state::needs_review, model::state::translated,
                                 model::state::final_};
  for (const model::state st : states) {
    std::vector<unit> units;
    for (std::size_t i = 0; i < fields.size(); ++i)
      units.push_back(
          make_unit("M", "f" + std::to_string(i), fields[i].first, fields[i].second, st));
    units[0].machine = true;
    const std::vector<model::entry> entries = read_back(xliff12::write(one_page(units)));
    ASSERT_EQ(entries.size(), 2u);
    const model::entry& en = entries[0];
    const model::entry& ko = entries[1];
    EXPECT_EQ(ko.locale, "ko-KR");
    EXPECT_EQ(ko.st, st);
    ASSERT_EQ(en.fields.size(), fields.size());
    ASSERT_EQ(ko.fields.size(), fields.size());
    for (std::size_t i = 0; i < fields.size(); ++i) {
      EXPECT_EQ(en.fields[i].text, fields[i].first);
      EXPECT_EQ(ko.fields[i].text, fields[i].second);
      EXPECT_EQ(ko.fields[i].made_from, fields[i].first);
      std::vector<std::string> a = ko.fields[i].source_codes(), b = ko.fields[i].target_codes();
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      EXPECT_EQ(a, b) << fields[i].first;
    }
  }
}

TEST(xliff12, machine_translations_are_flagged_for_review) {
  unit u = make_unit("M", "f", "Hello.", "안녕.", model::state::needs_review);
  u.machine = true;
  const std::string xml = xliff12::write(one_page({u}));
  EXPECT_NE(
      xml.find("<target state=\"needs-review-translation\" state-qualifier=\"leveraged-mt\">"),
      std::string::npos);
  EXPECT_EQ(xml.find("approved"), std::string::npos);
}

TEST(xliff12, what_we_write_validates_against_the_schemas) {
  DIAGLOT_REQUIRE_SHARED(schemas, "schemas");
  DIAGLOT_REQUIRE_PROGRAM("xmllint");
  testing::temp_folder tmp("xliff12-schema");
  unit u = make_unit("M", "f", "See `a` and [b](b.md).", "`a`와 [b](b.md)를 보세요.",
                     model::state::needs_review);
  u.machine = true;
  u.origin = "origin: sxs/ko-KR/m.md:3:1";
  const std::string path = tmp / "a.xlf";
  std::string error;
  ASSERT_NE(
      files::write_if_changed(path, xliff12::write(one_page({u, make_unit("M", "g", "x")})), error),
      files::write_result::failed);
  for (const char* schema : {testing::xliff12_strict, testing::xliff12_transitional}) {
    const testing::command_result r = testing::validate(path, schema);
    EXPECT_EQ(r.status, 0) << r.output;
  }
}

// --- merge --------------------------------------------------------------------------------------

class merge_test : public ::testing::Test {
 protected:
  merge_test() : tmp_("merge") {
    std::filesystem::copy(testing::fixture_path("workflow/en"), tmp_ / "en");
  }

  /// The catalog of the English pages in the temporary folder.
  model::catalog english(driver::session& s) {
    const auto cat = driver::build_catalog({{tmp_ / "en"}, {}, "en"}, s);
    EXPECT_TRUE(cat);
    return cat ? *cat : model::catalog{};
  }

  /// A translator's file: every unit translated, as a reviewer left it.
  std::string translated_file() {
    driver::session s;
    const model::catalog cat = english(s);
    std::vector<unit_set> sets = extract_units(cat, s.sources, {"ko-KR"});
    for (auto& [page, units] : sets[0].by_page)
      for (unit& u : units) {
        u.target = "KO " + u.source;
        u.st = model::state::translated;
      }
    return xliff12::write(sets[0]);
  }

  /// Merges the English pages into `xml`.
  std::string merge(const std::string& xml, merge_counts& counts, bool drop = false,
                    std::vector<diagnostic>* diags = nullptr) {
    driver::session s;
    const model::catalog cat = english(s);
    const std::uint32_t f = s.sources.add("ko-KR.xlf", xml);
    merge_options options;
    options.drop_obsolete = drop;
    const std::optional<std::string> out =
        merge_xliff12(f, cat, s.sources, options, counts, s.sink);
    if (diags)
      *diags = s.sink.all();
    else
      for (const diagnostic& d : s.sink.all()) ADD_FAILURE() << render(d, s.sources);
    return out.value_or("");
  }

  void edit(const std::string& page, const std::string& from, const std::string& to) {
    const std::string path = tmp_ / ("en/" + page);
    std::string text = testing::read_file(path);
    const std::size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    std::ofstream(path, std::ios::binary) << text;
  }

  testing::temp_folder tmp_;
};

TEST_F(merge_test, unchanged_english_changes_nothing) {
  const std::string before = translated_file();
  merge_counts c;
  EXPECT_EQ(merge(before, c), before);
  EXPECT_EQ(c.kept, 10u);
  EXPECT_EQ(c.changed + c.added + c.obsolete + c.lost, 0u);
}

TEST_F(merge_test, changed_english_keeps_the_translation_for_review) {
  const std::string before = translated_file();
  edit("alpha.md", "It is rare.", "It is very rare.");
  merge_counts c;
  const std::string after = merge(before, c);
  EXPECT_EQ(c.changed, 1u);
  EXPECT_EQ(c.review, 1u);
  EXPECT_EQ(c.lost, 0u);
  const std::string unit_xml =
      R"(      <trans-unit id="Sample.Alpha#summary" resname="Sample.Alpha#summary" xml:space="preserve">
        <source>Alpha happens when the channel opens. It is very rare.</source>
        <seg-source><mrk mtype="seg" mid="1">Alpha happens when the channel opens.</mrk> <mrk mtype="seg" mid="2">It is very rare.</mrk></seg-source>
        <target state="needs-review-translation">KO Alpha happens when the channel opens. It is rare.</target>
        <note from="developer" annotates="source">page: )";
  EXPECT_NE(after.find(unit_xml), std::string::npos) << after;
  EXPECT_NE(
      after.find(
          R"(<note from="diaglot" annotates="source">previous source: Alpha happens when the channel opens. It is rare.</note>)"),
      std::string::npos);

  // The reader serves the old translation, made from the old English (a stale translation).
  const std::vector<model::entry> entries = read_back(after);
  for (const model::entry& e : entries) {
    if (e.locale != "ko-KR" || e.id != "Sample.Alpha") continue;
    EXPECT_EQ(e.st, model::state::needs_review);
    EXPECT_EQ(e.fields[1].name, "summary");
    EXPECT_EQ(e.fields[1].text, "KO Alpha happens when the channel opens. It is rare.");
  }

  // Merging again changes nothing; a second change keeps the first previous source.
  merge_counts again;
  EXPECT_EQ(merge(after, again), after);
  EXPECT_EQ(again.changed, 0u);
  edit("alpha.md", "It is very rare.", "It is extremely rare.");
  merge_counts third;
  const std::string twice = merge(after, third);
  EXPECT_EQ(third.changed, 1u);
  EXPECT_NE(twice.find("previous source: Alpha happens when the channel opens. It is rare."),
            std::string::npos);
  EXPECT_EQ(twice.find("previous source: Alpha happens when the channel opens. It is very rare."),
            std::string::npos);

  // Once reviewed, the previous source goes.
  std::string reviewed = twice;
  const std::string mark = R"(<target state="needs-review-translation">KO Alpha)";
  reviewed.replace(reviewed.find(mark), mark.size(), R"(<target state="translated">KO Alpha)");
  merge_counts fourth;
  const std::string clean = merge(reviewed, fourth);
  EXPECT_EQ(clean.find("previous source:"), std::string::npos);
}

TEST_F(merge_test, a_stale_translation_keeps_valid_codes_and_is_checked_against_its_english) {
  // The English's link became a cross-reference. The old translation, kept for review, keeps
  // its link: its `[` takes the free id of the new code, its `](index.md)` has none left and
  // becomes text (an empty id would not read). It is stale (DGL0404), not broken: its markup is
  // compared with the English of the previous-source note.
  const std::string before = translated_file();
  edit("alpha.md", "see [Tracing](index.md).", "see <xref:System.Diagnostics.Tracing>.");
  merge_counts c;
  const std::string after = merge(before, c);
  ASSERT_EQ(c.changed, 1u);
  EXPECT_EQ(after.find("id=\"\""), std::string::npos) << after;
  EXPECT_NE(after.find("<ph id=\"4\">[</ph>Tracing](index.md).</target>"), std::string::npos)
      << after;
  // What `diaglot check` says, before and after: the merge adds a stale warning, nothing else.
  // (This fixture's list and table targets lack some codes already: "KO - [...]".)
  const auto check_codes = [&](const std::string& xml) {
    std::ofstream(tmp_ / "ko-KR.xlf", std::ios::binary) << xml;
    driver::session s;
    const auto cat = driver::build_catalog({{tmp_ / "en", tmp_ / "ko-KR.xlf"}, {}, "en"}, s);
    if (cat) check::run_lints(*cat, s.sink);
    std::multiset<diag> codes;
    for (const diagnostic& d : s.sink.all()) codes.insert(d.code);
    return codes;
  };
  edit("alpha.md", "see <xref:System.Diagnostics.Tracing>.", "see [Tracing](index.md).");
  std::multiset<diag> expected = check_codes(before);
  edit("alpha.md", "see [Tracing](index.md).", "see <xref:System.Diagnostics.Tracing>.");
  expected.insert(diag::stale_translation);
  EXPECT_EQ(check_codes(after), expected);
}

TEST_F(merge_test, new_english_gets_units_next_to_its_message) {
  const std::string before = translated_file();
  edit("alpha.md", "## <a name=\"see-also\"></a>See also",
       "## <a name=\"remarks\"></a>Remarks\n\nA new remark.\n\n## <a name=\"see-also\"></a>See "
       "also");
  merge_counts c;
  const std::string after = merge(before, c);
  EXPECT_EQ(c.added, 2u);
  EXPECT_EQ(c.kept, 10u);
  const std::size_t description = after.find("resname=\"Sample.Alpha#description\"");
  const std::size_t heading = after.find("resname=\"Sample.Alpha#remarks.heading\"");
  const std::size_t remarks = after.find("resname=\"Sample.Alpha#remarks\"");
  const std::size_t see_also = after.find("resname=\"Sample.Alpha#see-also.heading\"");
  EXPECT_LT(description, heading);
  EXPECT_LT(heading, remarks);
  EXPECT_LT(remarks, see_also);
  // New units need translation: they have no target yet.
  const std::string unit_xml =
      after.substr(remarks, after.find("</trans-unit>", remarks) - remarks);
  EXPECT_EQ(unit_xml.find("<target"), std::string::npos);
  // Indented like their neighbours.
  EXPECT_NE(
      after.find("      </trans-unit>\n      <trans-unit id=\"Sample.Alpha#remarks.heading\""),
      std::string::npos);
}

TEST_F(merge_test, removed_english_is_kept_as_obsolete_until_dropped) {
  const std::string before = translated_file();
  std::filesystem::remove(tmp_ / "en/beta.md");
  merge_counts c;
  const std::string after = merge(before, c);
  EXPECT_EQ(c.obsolete, 4u);
  EXPECT_EQ(c.lost, 0u);
  EXPECT_NE(
      after.find(
          R"(<trans-unit id="Sample.Beta#title" resname="Sample.Beta#title" approved="yes" xml:space="preserve" translate="no">)"),
      std::string::npos);
  // The reader does not see obsolete units.
  for (const model::entry& e : read_back(after)) EXPECT_NE(e.id, "Sample.Beta");

  merge_counts again;
  EXPECT_EQ(merge(after, again), after);
  EXPECT_EQ(again.obsolete, 0u);

  // The English comes back: the unit is restored with its translation.
  std::filesystem::copy(testing::fixture_path("workflow/en/beta.md"), tmp_ / "en/beta.md");
  merge_counts back;
  EXPECT_EQ(merge(after, back), before);
  EXPECT_EQ(back.restored, 4u);

  std::filesystem::remove(tmp_ / "en/beta.md");
  merge_counts dropped;
  const std::string without = merge(after, dropped, true);
  EXPECT_EQ(dropped.dropped, 4u);
  EXPECT_EQ(dropped.lost, 0u);
  EXPECT_EQ(without.find("Sample.Beta"), std::string::npos);
  EXPECT_NE(without.find("    </body>\n  </file>"), std::string::npos);
  // The page's <file>, emptied, goes too, with its lines.
  EXPECT_EQ(without.find("beta.md"), std::string::npos) << without;
  EXPECT_EQ(without.find("<file "), without.rfind("<file "));
  EXPECT_NE(without.find("  </file>\n</xliff>"), std::string::npos) << without;
}

TEST_F(merge_test, keeps_everything_else_in_the_translators_file) {
  std::string before = translated_file();
  // A BOM, CRLF line ends, a comment, a header, a note of the translator, another tool's
  // attribute, a unit diaglot does not know in a group, and a prefix for the namespace.
  const auto replace = [&](const std::string& from, const std::string& to) {
    const std::size_t at = before.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    before.replace(at, from.size(), to);
  };
  replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
          "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- from the vendor -->\n");
  replace("<body>\n",
          "<header><tool tool-id=\"cat\" tool-name=\"CAT\"/></header>\n    <body>\n"
          "      <group id=\"g\"><trans-unit id=\"other\"><source>Other</source>"
          "<target>다른</target></trans-unit></group>\n");
  replace("field: title</note>",
          "field: title</note>\n        <note from=\"translator\">checked &amp; fine</note>");
  std::string crlf;
  for (const char c : before) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  before = crlf;

  edit("alpha.md", "It is rare.", "It is very rare.");
  merge_counts c;
  const std::string after = merge(before, c);
  EXPECT_EQ(c.changed, 1u);
  EXPECT_EQ(c.obsolete, 1u);  // `other` has no English
  EXPECT_EQ(after.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(after.find("<!-- from the vendor -->\r\n"), std::string::npos);
  EXPECT_NE(after.find("<header><tool tool-id=\"cat\" tool-name=\"CAT\"/></header>"),
            std::string::npos);
  EXPECT_NE(after.find("<note from=\"translator\">checked &amp; fine</note>"), std::string::npos);
  EXPECT_NE(after.find("<target>다른</target>"), std::string::npos);
  EXPECT_EQ(after.find("\n", after.find("\r\n") + 2) - 1,
            after.find("\r\n", after.find("\r\n") + 2));
  EXPECT_EQ(after.find("\r\r"), std::string::npos);
}

TEST_F(merge_test, units_merge_does_not_change_keep_their_bytes) {
  // Targets spelled with references and quotes as a CAT tool writes them, in CRLF lines.
  std::string before;
  for (const char c : translated_file())
    before += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const std::string plain = "<target state=\"translated\">KO ";
  const std::string spelled = "<target  state='translated' >KO&#160;&apos;";
  for (std::size_t at = 0; (at = before.find(plain, at)) != std::string::npos; at += spelled.size())
    before.replace(at, plain.size(), spelled);
  const auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += what.size())
      ++n;
    return n;
  };
  ASSERT_EQ(count(before, spelled), 10u);
  edit("alpha.md", "It is rare.", "It is very rare.");
  merge_counts c;
  const std::string after = merge(before, c);
  EXPECT_EQ(c.changed, 1u);
  EXPECT_EQ(c.kept, 9u);
  // Every unit but the changed one is as it was, byte for byte; the changed one is printed.
  EXPECT_EQ(testing::elements_kept(before, after, "trans-unit"),
            testing::elements_named(before, "trans-unit").size() - 1);
  EXPECT_EQ(count(after, spelled), 9u);
  EXPECT_EQ(after.find("\r\r"), std::string::npos);
  // A second merge changes nothing.
  merge_counts again;
  EXPECT_EQ(merge(after, again), after);
}

TEST_F(merge_test, prefixed_namespaces_get_prefixed_units) {
  std::string before = translated_file();
  std::string prefixed;
  for (std::size_t i = 0; i < before.size(); ++i) {
    prefixed += before[i];
    if (before[i] == '<' && i + 1 < before.size() && before[i + 1] != '?' && before[i + 1] != '/')
      prefixed += "x:";
    if (before[i] == '<' && i + 1 < before.size() && before[i + 1] == '/') prefixed += "/x:", ++i;
  }
  const std::string from = "xmlns=";
  prefixed.replace(prefixed.find(from), from.size(), "xmlns:x=");
  edit("alpha.md", "## <a name=\"see-also\"></a>See also",
       "## <a name=\"remarks\"></a>Remarks\n\nNew.\n\n## <a name=\"see-also\"></a>See also");
  merge_counts c;
  const std::string after = merge(prefixed, c);
  EXPECT_EQ(c.added, 2u);
  EXPECT_NE(after.find("<x:trans-unit id=\"Sample.Alpha#remarks\""), std::string::npos);
  EXPECT_NE(after.find("<x:source>New.</x:source>"), std::string::npos);
}

TEST_F(merge_test, reports_what_it_cannot_merge) {
  merge_counts c;
  std::vector<diagnostic> diags;
  std::string doubled = translated_file();
  const std::size_t unit = doubled.find("      <trans-unit id=\"Sample.Beta#title\"");
  const std::size_t end = doubled.find("</trans-unit>\n", unit) + 14;
  doubled.insert(end, doubled.substr(unit, end - unit));
  merge(doubled, c, false, &diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].code, diag::merge_duplicate_unit);

  EXPECT_EQ(merge("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"/>", c,
                  false, &diags),
            "");
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].code, diag::merge_no_file);

  merge("<xliff version=\"1.2\"><file", c, false, &diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].code, diag::xml_malformed);

  merge("<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\"/>", c, false,
        &diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].code, diag::not_xliff);
}

}  // namespace
}  // namespace diaglot::workflow
