#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "read/readers.hpp"
#include "support/corpus.hpp"

namespace diaglot::read {
namespace {

using model::origin;
using model::state;

/// One XLIFF document read into entries, with the sources and diagnostics kept for assertions.
struct xliff_run {
  source_manager sources;
  diagnostic_sink sink;
  context ctx{sources, sink};
  std::uint32_t file = 0;
  std::vector<model::entry> entries;

  xliff_run(const std::string& path, const std::string& text) {
    file = sources.add(path, text);
    entries = read_xliff12(file, ctx);
  }
  static xliff_run fixture(const std::string& name) {
    const std::string path = testing::fixture_path("xliff12/" + name);
    return xliff_run(path, testing::read_file(path));
  }

  const model::entry* find(const std::string& id, const std::string& locale) const {
    for (const model::entry& e : entries)
      if (e.id == id && e.locale == locale) return &e;
    return nullptr;
  }
  std::size_t count(origin kind) const {
    return static_cast<std::size_t>(std::count_if(
        entries.begin(), entries.end(), [&](const model::entry& e) { return e.kind == kind; }));
  }
  line_column position(source_location where) const { return sources.position(where); }
  /// "line:col" of a location, for compact assertions.
  std::string at(source_location where) const {
    const line_column p = sources.position(where);
    return std::to_string(p.line) + ":" + std::to_string(p.column);
  }
};

TEST(xliff12_reader, reads_every_file_element_with_canonical_locales) {
  const xliff_run r = xliff_run::fixture("features.xlf");
  EXPECT_EQ(r.sink.all().size(), 0u);
  EXPECT_EQ(r.entries.size(), 23u);
  EXPECT_EQ(r.count(origin::derived_source), 12u);
  EXPECT_EQ(r.count(origin::translation), 11u);     // one of them not for translation
  ASSERT_NE(r.find("Greeting", "ko-KR"), nullptr);  // written ko_KR
  // The second file's source language, en-US, is a regional form of the source locale, en: its
  // sources are the catalog's English (CAT tools write en-US where the catalog says en).
  ASSERT_NE(r.find("Second", "en"), nullptr);
  EXPECT_EQ(r.find("Second", "en-US"), nullptr);
  ASSERT_NE(r.find("Second", "de"), nullptr);
  EXPECT_EQ(r.find("Second", "de")->fields.at(0).text, "Aus der zweiten Datei");
}

TEST(xliff12_reader, message_id_is_resname_else_id) {
  const xliff_run r = xliff_run::fixture("features.xlf");
  const model::entry* greeting = r.find("Greeting", "ko-KR");
  ASSERT_NE(greeting, nullptr);
  EXPECT_EQ(r.find("u1", "ko-KR"), nullptr);
  ASSERT_EQ(greeting->fields.size(), 1u);
  EXPECT_EQ(greeting->fields[0].name, "text");
  // The unit is found by where it is: the entry sits at its <trans-unit id="u1">.
  EXPECT_EQ(r.sources.contents(r.file).substr(greeting->where.offset, 19), "<trans-unit id=\"u1\"");
  ASSERT_NE(r.find("PlainId", "en"), nullptr);
}

TEST(xliff12_reader, derived_source_and_translation_carry_text_segments_and_places) {
  const xliff_run r = xliff_run::fixture("features.xlf");
  const model::entry* en = r.find("Greeting", "en");
  const model::entry* ko = r.find("Greeting", "ko-KR");
  ASSERT_NE(en, nullptr);
  ASSERT_NE(ko, nullptr);
  EXPECT_EQ(en->kind, origin::derived_source);
  EXPECT_EQ(ko->kind, origin::translation);
  EXPECT_EQ(ko->st, state::translated);

  const model::field_text& s = en->fields.at(0);
  EXPECT_EQ(s.text, "Hello, {0}!");
  EXPECT_FALSE(s.made_from.has_value());
  // A unit is its field's whole text, not split into segments: nothing is stored twice.
  EXPECT_TRUE(s.segments.empty());

  const model::field_text& t = ko->fields.at(0);
  EXPECT_EQ(t.text, "안녕하세요, {0}!");
  ASSERT_TRUE(t.made_from.has_value());
  EXPECT_EQ(*t.made_from, "Hello, {0}!");
  EXPECT_TRUE(t.segments.empty());
  // Checks and translators see the unit whole: its English and its translation.
  std::vector<std::string> seen;
  EXPECT_TRUE(model::for_each_unit(
      t, [&](const std::string& english, const std::string& target, source_location where) {
        seen.push_back(english + "|" + target + "|" + r.at(where));
      }));
  EXPECT_EQ(seen, std::vector<std::string>{"Hello, {0}!|안녕하세요, {0}!|10:9"});
  EXPECT_FALSE(model::for_each_unit(
      s, [](const std::string&, const std::string&, source_location) { ADD_FAILURE(); }));

  // Entries sit at the `<` of their <trans-unit>, fields at their <source> / <target>.
  EXPECT_EQ(r.at(en->where), "8:7");
  EXPECT_EQ(r.at(ko->where), "8:7");
  EXPECT_EQ(r.at(s.where), "9:9");
  EXPECT_EQ(r.at(t.where), "10:9");
  EXPECT_EQ(en->where.file, r.file);
}

TEST(xliff12_reader, reads_units_in_nested_groups) {
  const xliff_run r = xliff_run::fixture("features.xlf");
  const model::entry* nested = r.find("Nested", "ko-KR");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(nested->fields.at(0).text, "깊은 & 중첩");
  EXPECT_EQ(nested->st, state::final_);
  EXPECT_EQ(r.at(nested->where), "19:11");
}

TEST(xliff12_reader, hash_names_merge_into_fields_of_one_entry) {
  const xliff_run r = xliff_run::fixture("features.xlf");
  for (const char* locale : {"en", "ko-KR"}) {
    SCOPED_TRACE(locale);
    const auto n = std::count_if(r.entries.begin(), r.entries.end(), [&](const model::entry& e) {
      return e.id == "Trace.Channels.Opened" && e.locale == locale;
    });
    EXPECT_EQ(n, 1);
  }
  const model::entry* en = r.find("Trace.Channels.Opened", "en");
  ASSERT_NE(en, nullptr);
  ASSERT_EQ(en->fields.size(), 2u);
  EXPECT_EQ(en->fields[0].name, "title");
  EXPECT_EQ(en->fields[0].text, "Channel opened");
  EXPECT_EQ(en->fields[1].name, "description");
  EXPECT_EQ(en->fields[1].text, "The channel was opened.");
  EXPECT_EQ(r.at(en->fields[1].where), "30:9");  // unit t2's <source>
  EXPECT_EQ(r.at(en->where), "25:7");            // the first unit

  const model::entry* ko = r.find("Trace.Channels.Opened", "ko-KR");
  ASSERT_NE(ko, nullptr);
  ASSERT_EQ(ko->fields.size(), 2u);
  EXPECT_EQ(ko->fields[0].text, "채널 열림");
  EXPECT_EQ(ko->fields[1].text, "채널이 열렸습니다.");
  // One field needs review, so the entry does.
  EXPECT_EQ(ko->st, state::needs_review);
}

TEST(xliff12_reader, repeated_field_starts_another_entry_for_the_catalog_to_report) {
  const xliff_run r("dup.xlf",
                    "<xliff version=\"1.2\"><file source-language=\"en\"><body>\n"
                    "<trans-unit id=\"a\" resname=\"M#f\"><source>one</source></trans-unit>\n"
                    "<trans-unit id=\"b\" resname=\"M#f\"><source>two</source></trans-unit>\n"
                    "</body></file></xliff>\n");
  EXPECT_EQ(r.sink.all().size(), 0u);
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].id, "M");
  EXPECT_EQ(r.entries[1].id, "M");
  EXPECT_EQ(r.entries[1].fields.at(0).text, "two");
  EXPECT_EQ(r.at(r.entries[1].where), "3:1");
}

TEST(xliff12_reader, names_without_both_parts_of_a_hash_are_plain_ids) {
  const xliff_run r("hash.xlf",
                    "<xliff><file source-language=\"en\"><body>"
                    "<trans-unit id=\"#lead\"><source>a</source></trans-unit>"
                    "<trans-unit id=\"trail#\"><source>b</source></trans-unit>"
                    "<trans-unit id=\"a#b#c\"><source>c</source></trans-unit>"
                    "</body></file></xliff>");
  ASSERT_EQ(r.entries.size(), 3u);
  EXPECT_EQ(r.entries[0].id, "#lead");
  EXPECT_EQ(r.entries[0].fields.at(0).name, "text");
  EXPECT_EQ(r.entries[1].id, "trail#");
  EXPECT_EQ(r.entries[2].id, "a#b");
  EXPECT_EQ(r.entries[2].fields.at(0).name, "c");
}

TEST(xliff12_reader, maps_every_state) {
  const xliff_run r = xliff_run::fixture("states.xlf");
  EXPECT_EQ(r.sink.all().size(), 0u);
  const std::vector<std::pair<std::string, state>> expected = {
      {"s.new", state::initial},
      {"s.needs-translation", state::needs_translation},
      {"s.needs-adaptation", state::needs_translation},
      {"s.needs-l10n", state::needs_translation},
      {"s.needs-review-translation", state::needs_review},
      {"s.needs-review-adaptation", state::needs_review},
      {"s.needs-review-l10n", state::needs_review},
      {"s.translated", state::translated},
      {"s.signed-off", state::final_},
      {"s.final", state::final_},
      {"s.absent", state::translated},
      {"s.absent-approved", state::final_},
      {"s.approved-but-new", state::initial},
  };
  EXPECT_EQ(r.count(origin::translation), expected.size());
  for (const auto& [id, st] : expected) {
    SCOPED_TRACE(id);
    const model::entry* e = r.find(id, "fr");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->kind, origin::translation);
    EXPECT_EQ(static_cast<int>(e->st), static_cast<int>(st));
  }
}

TEST(xliff12_reader, decodes_references_and_keeps_cdata_verbatim) {
  const xliff_run r = xliff_run::fixture("features.xlf");
  const model::entry* en = r.find("Chars", "en");
  const model::entry* ko = r.find("Chars", "ko-KR");
  ASSERT_NE(en, nullptr);
  ASSERT_NE(ko, nullptr);
  EXPECT_EQ(en->fields.at(0).text, "Chinese \xE4\xB8\xAD and <tag> and <raw> & {{literal}}");
  EXPECT_EQ(ko->fields.at(0).text, "中文 中 und <tag> und <raw> & {{literal}}");
}

TEST(xliff12_reader, keeps_whitespace_line_breaks_and_nbsp) {
  const xliff_run r = xliff_run::fixture("features.xlf");
  ASSERT_NE(r.find("Multi", "en"), nullptr);
  EXPECT_EQ(r.find("Multi", "en")->fields.at(0).text, "  first line\nsecond line  ");
  EXPECT_EQ(r.find("Multi", "ko-KR")->fields.at(0).text, "  첫째 줄\n둘째 줄  ");
  ASSERT_NE(r.find("Spaces", "en"), nullptr);
  EXPECT_EQ(r.find("Spaces", "en")->fields.at(0).text,
            "two  spaces and NBSP: a\xC2\xA0"
            "b");
  EXPECT_EQ(r.find("Spaces", "ko-KR")->fields.at(0).text,
            "두  공백 NBSP: a\xC2\xA0"
            "b");
}

TEST(xliff12_reader, a_source_only_unit_gives_only_the_source) {
  const xliff_run r = xliff_run::fixture("features.xlf");
  ASSERT_NE(r.find("SourceOnly", "en"), nullptr);
  EXPECT_EQ(r.find("SourceOnly", "ko-KR"), nullptr);
}

TEST(xliff12_reader, a_unit_not_for_translation_serves_its_english_in_the_target_locale) {
  const xliff_run r = xliff_run::fixture("features.xlf");
  ASSERT_NE(r.find("Frozen", "en"), nullptr);
  EXPECT_EQ(r.find("Frozen", "en")->fields.at(0).text, "DoNotTranslate");
  // Its target is not taken: the locale has the English, marked so, and nothing to finish.
  const model::entry* ko = r.find("Frozen", "ko-KR");
  ASSERT_NE(ko, nullptr);
  EXPECT_EQ(ko->st, state::final_);
  ASSERT_EQ(ko->fields.size(), 1u);
  EXPECT_TRUE(ko->fields[0].source_only());
  EXPECT_FALSE(ko->fields[0].served());
  EXPECT_EQ(ko->fields[0].text, "DoNotTranslate");
  EXPECT_EQ(ko->fields[0].made_from, "DoNotTranslate");
}

TEST(xliff12_reader, translate_no_is_inherited_from_groups) {
  const xliff_run r("group.xlf",
                    "<xliff><file source-language=\"en\" target-language=\"fr\"><body>"
                    "<group translate=\"no\">"
                    "<trans-unit id=\"a\"><source>a</source><target>A</target></trans-unit>"
                    "<trans-unit id=\"b\" translate=\"yes\"><source>b</source><target>B</target>"
                    "</trans-unit></group></body></file></xliff>");
  EXPECT_EQ(r.sink.all().size(), 0u);
  EXPECT_NE(r.find("a", "en"), nullptr);
  ASSERT_NE(r.find("a", "fr"), nullptr);
  EXPECT_TRUE(r.find("a", "fr")->fields.at(0).source_only());
  ASSERT_NE(r.find("b", "fr"), nullptr);
  EXPECT_FALSE(r.find("b", "fr")->fields.at(0).source_only());
  EXPECT_EQ(r.find("b", "fr")->fields.at(0).text, "B");
}

TEST(xliff12_reader, notes_are_ignored) {
  const xliff_run r = xliff_run::fixture("features.xlf");
  for (const model::entry& e : r.entries) {
    SCOPED_TRACE(e.id);
    for (const model::field_text& f : e.fields) {
      EXPECT_EQ(f.text.find("note"), std::string::npos);
      EXPECT_NE(f.name, "note");
    }
  }
  EXPECT_EQ(r.find("Greeting", "en")->fields.size(), 1u);
}

TEST(xliff12_reader, renders_inline_elements_and_records_their_codes) {
  const xliff_run r = xliff_run::fixture("features.xlf");
  const model::entry* en = r.find("Inline", "en");
  const model::entry* ko = r.find("Inline", "ko-KR");
  ASSERT_NE(en, nullptr);
  ASSERT_NE(ko, nullptr);
  // g and mrk give their content; x, bx, ex nothing; ph, bpt, ept, it their native code
  // without <sub>.
  EXPECT_EQ(en->fields.at(0).text, "Click here now<br/><b>bold</b><i>Term{}.");
  EXPECT_EQ(ko->fields.at(0).text, "Term 여기 지금<br/><b>굵게</b><i>{} 클릭.");
  const std::vector<std::string> source_codes = {"g:1",  "x:2",  "ph:3", "bpt:4", "ept:4",
                                                 "it:5", "bx:6", "ex:6", "mrk:7", "ph:8"};
  const std::vector<std::string> target_codes = {"mrk:7", "g:1",  "x:2",  "ph:3", "bpt:4",
                                                 "ept:4", "it:5", "bx:6", "ex:6", "ph:8"};
  EXPECT_EQ(en->fields[0].source_codes(), source_codes);
  EXPECT_EQ(ko->fields[0].source_codes(), source_codes);
  EXPECT_EQ(ko->fields[0].target_codes(), target_codes);
  EXPECT_EQ(*ko->fields[0].made_from, en->fields[0].text);
  // Units without inline elements have no codes.
  EXPECT_TRUE(r.find("Chars", "ko-KR")->fields.at(0).target_codes().empty());
}

TEST(xliff12_reader, segment_marks_in_a_target_are_structure_not_codes) {
  // CAT tools mark a target's segments as its <seg-source> does; other <mrk>s stay codes.
  const xliff_run r(
      "seg.xlf",
      "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file "
      "original=\"a\" source-language=\"en\" target-language=\"de\"><body>"
      "<trans-unit id=\"m\"><source>One <ph id=\"1\">`x`</ph>. Two.</source>"
      "<seg-source><mrk mtype=\"seg\" mid=\"1\">One <ph id=\"1\">`x`</ph>.</mrk> "
      "<mrk mtype=\"seg\" mid=\"2\">Two.</mrk></seg-source>"
      "<target><mrk mtype=\"seg\" mid=\"1\">Eins <ph id=\"1\">`x`</ph>.</mrk> "
      "<mrk mtype=\"seg\" mid=\"2\"><mrk mtype=\"term\" mid=\"t\">Zwei</mrk>.</mrk></target>"
      "</trans-unit></body></file></xliff>");
  EXPECT_TRUE(r.sink.all().empty());
  const model::entry* de = r.find("m", "de");
  ASSERT_NE(de, nullptr);
  EXPECT_EQ(de->fields.at(0).text, "Eins `x`. Zwei.");
  EXPECT_EQ(de->fields[0].source_codes(), std::vector<std::string>{"ph:1"});
  EXPECT_EQ(de->fields[0].target_codes(), (std::vector<std::string>{"ph:1", "mrk:t"}));
}

TEST(xliff12_reader, reads_bom_crlf_and_prefixed_elements) {
  const xliff_run r = xliff_run::fixture("bom_crlf_prefixed.xlf");
  EXPECT_EQ(r.sink.all().size(), 0u);
  const model::entry* en = r.find("Crlf", "en");
  const model::entry* ja = r.find("Crlf", "ja");
  ASSERT_NE(en, nullptr);
  ASSERT_NE(ja, nullptr);
  EXPECT_EQ(en->fields.at(0).text, "line one\nline two");
  EXPECT_EQ(ja->fields.at(0).text, "一行目\n二行目");
  EXPECT_EQ(r.at(en->where), "5:7");
  EXPECT_EQ(r.at(ja->fields[0].where), "8:9");
}

/// A malformed input and the one diagnostic it must give.
struct bad_case {
  const char* name;
  std::string text;
  diag code;
  const char* where;  ///< line:col
  std::vector<std::string> args;
};

TEST(xliff12_reader, reads_xliff_1_x_namespaces_and_none) {
  for (const std::string root :
       {"<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">",
        "<xliff version=\"1.1\" xmlns=\"urn:oasis:names:tc:xliff:document:1.1\">",
        "<xliff version=\"1.2\">", "<xliff version=\"1.2\" xmlns=\"\">"}) {
    SCOPED_TRACE(root);
    const xliff_run r("ns.xlf", root +
                                    "<file source-language=\"en\" target-language=\"de\"><body>"
                                    "<trans-unit id=\"A\"><source>a</source><target>b</target>"
                                    "</trans-unit></body></file></xliff>");
    EXPECT_EQ(r.sink.all().size(), 0u);
    EXPECT_EQ(r.entries.size(), 2u);
  }
}

TEST(xliff12_reader, reports_malformed_documents_exactly) {
  const std::string head = "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">\n";
  const std::vector<bad_case> cases = {
      {"unclosed tag",
       head + "  <file source-language=\"en\">\n    <body>\n  </file>\n</xliff>\n",
       diag::xml_malformed,
       "5:5",
       {"start-end tags mismatch"}},
      {"unclosed tag after a bom",
       "\xEF\xBB\xBF<xliff><file source-language=\"en\"><body></file></xliff>",
       diag::xml_malformed,
       "1:43",
       {"start-end tags mismatch"}},
      // pugixml stops at the end of the input, just after the unterminated tag.
      // A file cut short: the parser meets its end inside a tag, or with elements open.
      {"bad start tag",
       head + "  <file source-language=\"en\"\n",
       diag::xml_malformed,
       "3:29",
       {"error parsing start element tag; the file ends before its elements are closed: is it "
        "complete?"}},
      {"cut after a unit",
       head + "  <file source-language=\"en\"><body>\n    <trans-unit id=\"a\"><source>a</source>"
              "</trans-unit>\n",
       diag::xml_malformed,
       "4:55",
       {"start-end tags mismatch; the file ends before its elements are closed: is it complete?"}},
      {"empty document", "", diag::xml_malformed, "1:1", {"no document element found"}},
      {"wrong root",
       "<?xml version=\"1.0\"?>\n<root>\n</root>\n",
       diag::not_xliff,
       "2:1",
       {"root"}},
      // An <xliff> of another vocabulary (one without any namespace is read: see below).
      {"foreign namespace",
       "<?xml version=\"1.0\"?>\n<x:xliff xmlns:x=\"http://example.com/not-xliff\" "
       "version=\"1.2\"/>\n",
       diag::not_xliff,
       "2:1",
       {"x:xliff xmlns:x=\"http://example.com/not-xliff\""}},
      // Read by the XLIFF 2 reader, which wants at least one <file>.
      {"xliff 2",
       "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\"/>",
       diag::xliff2_missing_child,
       "1:1",
       {"xliff", "`<file>`", "`<file>`+", "4.2.2.1"}},
      {"missing id",
       head + "  <file source-language=\"en\"><body>\n    <trans-unit><source>a</source>"
              "</trans-unit>\n  </body></file>\n</xliff>\n",
       diag::missing_attribute,
       "4:5",
       {"trans-unit", "id"}},
      {"missing source",
       head + "  <file source-language=\"en\"><body>\n    <trans-unit id=\"u7\"><target>a</target>"
              "</trans-unit>\n  </body></file>\n</xliff>\n",
       diag::missing_source,
       "4:5",
       {"u7"}},
      {"missing source-language",
       head + "  <file target-language=\"de\"><body/></file>\n</xliff>\n",
       diag::missing_attribute,
       "3:3",
       {"file", "source-language"}},
      {"bad locale with a hint",
       head + "  <file source-language=\"ko_KR.UTF-8\"><body/></file>\n</xliff>\n",
       diag::invalid_locale,
       "3:26",
       {"ko_KR.UTF-8", "; did you mean `ko-KR`?"}},
      {"bad target locale",
       head + "  <file source-language=\"en\" target-language=\"xx-!!\"><body/></file>\n</xliff>\n",
       diag::invalid_locale,
       "3:47",
       {"xx-!!", ""}},
      {"unknown state",
       head + "  <file source-language=\"en\" target-language=\"de\"><body>\n"
              "    <trans-unit id=\"u\"><source>a</source><target state=\"done\">b</target>"
              "</trans-unit>\n  </body></file>\n</xliff>\n",
       diag::unknown_state,
       "4:57",
       {"done"}},
      {"missing target-language",
       head + "  <file source-language=\"en\"><body>\n"
              "    <trans-unit id=\"u\"><source>a</source><target>b</target></trans-unit>\n"
              "  </body></file>\n</xliff>\n",
       diag::missing_target_language,
       "3:3",
       {}},
  };
  for (const bad_case& c : cases) {
    SCOPED_TRACE(c.name);
    const xliff_run r("bad.xlf", c.text);
    ASSERT_EQ(r.sink.all().size(), 1u);
    const diagnostic& d = r.sink.all()[0];
    EXPECT_EQ(diag_code(d.code), diag_code(c.code));
    EXPECT_EQ(r.at(d.where), c.where);
    EXPECT_EQ(d.where.file, r.file);
    EXPECT_EQ(d.args, c.args);
  }
}

TEST(xliff12_reader, reports_references_xml_does_not_define) {
  const std::string head =
      "<xliff><file source-language=\"en\" target-language=\"de\"><body>\n"
      "<trans-unit id=\"u\"><source>";
  const std::string tail = "</source></trans-unit></body></file></xliff>\n";
  const std::vector<bad_case> cases = {
      {"undefined entity",
       head + "Fish &chips;" + tail,
       diag::xml_malformed,
       "2:33",
       {"undefined entity `&chips;`"}},
      {"html entity",
       head + "a&nbsp;b" + tail,
       diag::xml_malformed,
       "2:29",
       {"undefined entity `&nbsp;`"}},
      {"bare ampersand",
       head + "Fish & chips" + tail,
       diag::xml_malformed,
       "2:33",
       {"`&` must start a reference; write `&amp;` for a literal ampersand"}},
      {"unterminated reference",
       head + "&#x41 b" + tail,
       diag::xml_malformed,
       "2:28",
       {"`&` must start a reference; write `&amp;` for a literal ampersand"}},
      {"nul reference",
       head + "&#0;" + tail,
       diag::xml_malformed,
       "2:28",
       {"`&#0;` is not a valid character reference"}},
      {"surrogate reference",
       head + "&#xD800;" + tail,
       diag::xml_malformed,
       "2:28",
       {"`&#xD800;` is not a valid character reference"}},
      {"reference above U+10FFFF",
       head + "&#x110000;" + tail,
       diag::xml_malformed,
       "2:28",
       {"`&#x110000;` is not a valid character reference"}},
      {"after good references and one in a comment",
       head + "&amp;&lt;<!-- & -->&#65; x &chips;" + tail,
       diag::xml_malformed,
       "2:55",
       {"undefined entity `&chips;`"}},
      {"in an attribute",
       "<xliff><file source-language=\"e&n;\"/></xliff>",
       diag::xml_malformed,
       "1:32",
       {"undefined entity `&n;`"}},
  };
  for (const bad_case& c : cases) {
    SCOPED_TRACE(c.name);
    const xliff_run r("refs.xlf", c.text);
    ASSERT_EQ(r.sink.all().size(), 1u);
    const diagnostic& d = r.sink.all()[0];
    EXPECT_EQ(diag_code(d.code), diag_code(c.code));
    EXPECT_EQ(r.at(d.where), c.where);
    EXPECT_EQ(d.args, c.args);
    EXPECT_TRUE(r.entries.empty());
  }
}

TEST(xliff12_reader, ampersands_in_cdata_comments_and_instructions_are_text) {
  const xliff_run r("amp.xlf",
                    "<?xml version=\"1.0\"?><?tool a & b?><!-- & --><!DOCTYPE xliff [ <!-- & --> ]>"
                    "<xliff><file source-language=\"en\"><body><trans-unit id=\"u\"><source>"
                    "<![CDATA[&nbsp; & ]]>&#x10FFFF;&#9;&amp;&quot;&apos;&lt;&gt;&#65;</source>"
                    "</trans-unit></body></file></xliff>");
  EXPECT_EQ(r.sink.all().size(), 0u);
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].fields.at(0).text, "&nbsp; & \xF4\x8F\xBF\xBF\t&\"'<>A");
}

TEST(xliff12_reader, unknown_state_warns_and_needs_translation) {
  const xliff_run r("state.xlf",
                    "<xliff><file source-language=\"en\" target-language=\"de\"><body>"
                    "<trans-unit id=\"u\"><source>a</source><target state=\"x-custom\">b</target>"
                    "</trans-unit></body></file></xliff>");
  EXPECT_EQ(r.sink.warning_count(), 1u);
  EXPECT_EQ(r.sink.error_count(), 0u);
  ASSERT_NE(r.find("u", "de"), nullptr);
  EXPECT_EQ(r.find("u", "de")->st, state::needs_translation);
  EXPECT_EQ(r.find("u", "de")->fields.at(0).text, "b");
}

TEST(xliff12_reader, missing_target_language_keeps_the_source) {
  const xliff_run r("nolang.xlf",
                    "<xliff><file source-language=\"en\"><body>"
                    "<trans-unit id=\"u\"><source>a</source><target>b</target></trans-unit>"
                    "<trans-unit id=\"v\"><source>c</source><target>d</target></trans-unit>"
                    "</body></file></xliff>");
  // Reported once per <file>, not once per unit.
  ASSERT_EQ(r.sink.all().size(), 1u);
  EXPECT_EQ(r.sink.all()[0].code, diag::missing_target_language);
  EXPECT_EQ(r.count(origin::derived_source), 2u);
  EXPECT_EQ(r.count(origin::translation), 0u);
}

TEST(xliff12_reader, a_bad_unit_does_not_hide_the_others) {
  const xliff_run r("mixed.xlf",
                    "<xliff><file source-language=\"en\" target-language=\"de\"><body>"
                    "<trans-unit><source>a</source></trans-unit>"
                    "<trans-unit id=\"nosource\"/>"
                    "<trans-unit id=\"ok\"><source>a</source><target>b</target></trans-unit>"
                    "</body></file></xliff>");
  EXPECT_EQ(r.sink.error_count(), 2u);
  EXPECT_NE(r.find("ok", "en"), nullptr);
  EXPECT_NE(r.find("ok", "de"), nullptr);
  EXPECT_EQ(r.entries.size(), 2u);
}

TEST(xliff12_reader, renders_a_diagnostic_with_its_caret) {
  const xliff_run r("bad.xlf",
                    "<xliff>\n  <file source-language=\"en\" target-language=\"de\"><body>\n"
                    "    <trans-unit id=\"u\"><source>a</source><target state=\"done\">b</target>"
                    "</trans-unit>\n  </body></file>\n</xliff>\n");
  ASSERT_EQ(r.sink.all().size(), 1u);
  EXPECT_EQ(render(r.sink.all()[0], r.sources),
            "bad.xlf:3:57: warning: unknown state `done`; treated as `needs-translation` "
            "[DGL0205]\n"
            "      <trans-unit id=\"u\"><source>a</source><target state=\"done\">b</target>"
            "</trans-unit>\n"
            "  " +
                std::string(56, ' ') + "^\n");
}

}  // namespace
}  // namespace diaglot::read
