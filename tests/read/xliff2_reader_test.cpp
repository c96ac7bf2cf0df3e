// The XLIFF 2 reader: units to entries, names and fields, text with original data, codes,
// states, target order, and documents that are rejected whole.
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

struct xliff2_run {
  source_manager sources;
  diagnostic_sink sink;
  context ctx{sources, sink};
  std::uint32_t file = 0;
  std::vector<model::entry> entries;

  xliff2_run(const std::string& path, const std::string& text) {
    file = sources.add(path, text);
    entries = read_xliff2(file, ctx);
  }
  static xliff2_run fixture(const std::string& name) {
    const std::string path = testing::fixture_path("xliff2/" + name);
    return xliff2_run(path, testing::read_file(path));
  }
  const model::entry* find(const std::string& id, const std::string& locale) const {
    for (const model::entry& e : entries)
      if (e.id == id && e.locale == locale) return &e;
    return nullptr;
  }
  const model::field_text* field(const std::string& id, const std::string& locale,
                                 const std::string& name) const {
    const model::entry* e = find(id, locale);
    if (!e) return nullptr;
    for (const model::field_text& f : e->fields)
      if (f.name == name) return &f;
    return nullptr;
  }
  std::string at(source_location where) const {
    const line_column p = sources.position(where);
    return std::to_string(p.line) + ":" + std::to_string(p.column);
  }
};

TEST(xliff2_reader, gives_a_source_entry_per_message_and_translations_where_there_are_targets) {
  const xliff2_run r = xliff2_run::fixture("messages.xlf");
  EXPECT_EQ(r.sink.all().size(), 0u);
  std::vector<std::string> keys;
  for (const model::entry& e : r.entries)
    keys.push_back(e.id + "/" + e.locale + (e.kind == origin::translation ? "" : "*"));
  // srcLang="en-us", a regional form of the source locale: the catalog's English.
  EXPECT_EQ(keys,
            (std::vector<std::string>{"Greeting/en*", "Greeting/ko-KR", "System.Foo/en*",
                                      "System.Foo/ko-KR", "Untranslated/en*", "Untranslated/ko-KR",
                                      "Partial/en*", "Partial/ko-KR", "u6/en*"}));
  const model::entry* greeting = r.find("Greeting", "ko-KR");
  ASSERT_NE(greeting, nullptr);
  EXPECT_EQ(greeting->st, state::translated);
  EXPECT_EQ(r.at(greeting->where), "4:5");
  ASSERT_EQ(greeting->fields.size(), 1u);
  EXPECT_EQ(greeting->fields[0].name, "text");
  EXPECT_EQ(greeting->fields[0].text, "안녕하세요.");
  EXPECT_EQ(greeting->fields[0].made_from, "Hello, world.");
  EXPECT_EQ(r.at(greeting->fields[0].where), "7:9");
  // One segment and nothing else: the field's whole text, with no segment to repeat it.
  EXPECT_TRUE(greeting->fields[0].segments.empty());
  EXPECT_TRUE(r.find("Greeting", "en")->fields[0].segments.empty());
}

TEST(xliff2_reader, name_hash_field_sets_one_field_of_a_message) {
  const xliff2_run r = xliff2_run::fixture("messages.xlf");
  const model::entry* en = r.find("System.Foo", "en");
  ASSERT_NE(en, nullptr);
  ASSERT_EQ(en->fields.size(), 2u);
  EXPECT_EQ(en->fields[0].name, "summary");
  EXPECT_EQ(en->fields[1].name, "description");
}

TEST(xliff2_reader, serves_original_data_and_records_codes) {
  const xliff2_run r = xliff2_run::fixture("messages.xlf");
  const model::field_text* en = r.field("System.Foo", "en", "summary");
  const model::field_text* ko = r.field("System.Foo", "ko-KR", "summary");
  ASSERT_NE(en, nullptr);
  ASSERT_NE(ko, nullptr);
  EXPECT_EQ(en->text, "Cannot open {0}. <b>Retry</b> later.");
  EXPECT_EQ(en->source_codes(), (std::vector<std::string>{"ph:1", "pc:2"}));
  // The ignorable has no target, so its source joins the two targets.
  EXPECT_EQ(ko->text, "{0}을(를) 열 수 없습니다. 나중에 <b>다시 시도</b>하세요.");
  EXPECT_EQ(ko->source_codes(), (std::vector<std::string>{"ph:1", "pc:2"}));
  EXPECT_EQ(ko->target_codes(), (std::vector<std::string>{"ph:1", "pc:2"}));
  ASSERT_EQ(ko->segments.size(), 2u);
  EXPECT_EQ(ko->segments[1].id, "s2");
  EXPECT_EQ(ko->segments[1].source, "<b>Retry</b> later.");
  EXPECT_EQ(ko->segments[1].target, "나중에 <b>다시 시도</b>하세요.");
  EXPECT_EQ(r.at(ko->segments[1].where), "26:11");
  const model::field_text* plain = r.field("u6", "en", "text");
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(plain->text, "Plain id [x]");
  EXPECT_EQ(plain->source_codes(), (std::vector<std::string>{"sc:1", "ec:1"}));
}

TEST(xliff2_reader, joins_targets_in_their_order_and_holds_back_an_unfinished_field) {
  const xliff2_run r = xliff2_run::fixture("messages.xlf");
  const model::field_text* ko = r.field("System.Foo", "ko-KR", "description");
  ASSERT_NE(ko, nullptr);
  EXPECT_EQ(ko->text, "둘째.첫째.");
  EXPECT_EQ(ko->made_from, "First.Second.");
  ASSERT_EQ(ko->segments.size(), 2u);
  EXPECT_EQ(ko->segments[0].id, "1");  // the position, as the segment has no id
  EXPECT_EQ(ko->segments[0].target, "첫째.");
  // summary: final and reviewed (both final_); description: translated and initial, so the
  // least finished, initial: held back on its own while the message serves its summary.
  EXPECT_EQ(r.find("System.Foo", "ko-KR")->st, state::final_);
  EXPECT_EQ(ko->unserved(), state::initial);
  const model::field_text* summary = r.field("System.Foo", "ko-KR", "summary");
  ASSERT_NE(summary, nullptr);
  EXPECT_EQ(summary->unserved(), std::nullopt);
}

TEST(xliff2_reader, a_segment_without_target_leaves_the_translation_unfinished) {
  const xliff2_run r = xliff2_run::fixture("messages.xlf");
  const model::entry* ko = r.find("Partial", "ko-KR");
  ASSERT_NE(ko, nullptr);
  EXPECT_EQ(ko->st, state::initial);
  EXPECT_EQ(ko->fields[0].text, "하나. Two terms\x07.");
  EXPECT_EQ(r.find("Partial", "en")->fields[0].text, "One. Two terms\x07.");
}

TEST(xliff2_reader, a_unit_not_for_translation_serves_its_english_in_the_target_locale) {
  const xliff2_run r = xliff2_run::fixture("messages.xlf");  // translate="no" on its group
  const model::field_text* ko = r.field("Untranslated", "ko-KR", "text");
  ASSERT_NE(ko, nullptr);
  EXPECT_TRUE(ko->source_only());
  EXPECT_EQ(ko->text, "Keep");  // its English, not its target
  EXPECT_FALSE(ko->served());
  EXPECT_EQ(ko->made_from, "Keep");
  EXPECT_EQ(r.find("Untranslated", "ko-KR")->st, state::final_);
}

TEST(xliff2_reader, skips_units_merge_marked_obsolete) {
  const xliff2_run r = xliff2_run::fixture("messages.xlf");
  EXPECT_EQ(r.find("Removed", "en"), nullptr);
  EXPECT_EQ(r.find("Removed", "ko-KR"), nullptr);
}

TEST(xliff2_reader, maps_the_four_states) {
  const std::string head =
      "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" "
      "trgLang=\"de\"><file id=\"f\"><unit id=\"u\"><segment";
  const std::string tail = "><source>a</source><target>b</target></segment></unit></file></xliff>";
  const std::vector<std::pair<std::string, state>> cases = {
      // No state: the spec's default is `initial`, but tools that track none (Angular's) write
      // finished translations so.
      {"", state::translated},
      {" state=\"initial\"", state::initial},
      {" state=\"translated\"", state::translated},
      {" state=\"reviewed\"", state::final_},
      {" state=\"final\"", state::final_}};
  for (const auto& [attr, expected] : cases) {
    SCOPED_TRACE(attr);
    const xliff2_run r("s.xlf", head + attr + tail);
    const model::entry* de = r.find("u", "de");
    ASSERT_NE(de, nullptr);
    EXPECT_EQ(de->st, expected);
    EXPECT_EQ(model::is_served(de->st), expected != state::initial);
  }
}

TEST(xliff2_reader, an_invalid_document_gives_no_entries) {
  const xliff2_run r(
      "bad.xlf",
      "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" "
      "srcLang=\"en\">\n<file id=\"f\"><unit id=\"u\"><segment><source><sc id=\"1\"/>a"
      "</source></segment></unit></file></xliff>");
  EXPECT_TRUE(r.entries.empty());
  ASSERT_EQ(r.sink.all().size(), 1u);
  EXPECT_EQ(r.sink.all()[0].code, diag::xliff2_sc_without_ec);
  EXPECT_EQ(r.at(r.sink.all()[0].where), "2:44");
}

TEST(xliff2_reader, reports_a_language_icu_does_not_know) {
  const xliff2_run r("zz.xlf",
                     "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" "
                     "srcLang=\"zz\"><file id=\"f\"><unit id=\"u\"><segment><source>a</source>"
                     "</segment></unit></file></xliff>");
  EXPECT_TRUE(r.entries.empty());
  ASSERT_EQ(r.sink.all().size(), 1u);
  EXPECT_EQ(r.sink.all()[0].code, diag::invalid_locale);
  EXPECT_EQ(r.at(r.sink.all()[0].where), "1:77");
}

TEST(xliff2_reader, the_xliff_1_2_reader_hands_version_2_documents_over) {
  source_manager sources;
  diagnostic_sink sink;
  context ctx{sources, sink};
  const std::string path = testing::fixture_path("xliff2/messages.xlf");
  const std::uint32_t file = sources.add(path, testing::read_file(path));
  EXPECT_EQ(read_xliff12(file, ctx).size(), 9u);
  EXPECT_EQ(sink.all().size(), 0u);
}

TEST(xliff2_reader, a_version_2_document_is_handed_over_before_its_bytes_are_taken) {
  // A compile evicts sources once parsed; the XLIFF 1.2 reader takes the bytes to parse them in
  // place. An XLIFF 2 document must reach its reader with its bytes still there: under a path
  // that cannot be read again, a second read would find nothing.
  source_manager sources;
  diagnostic_sink sink;
  context ctx{sources, sink};
  ctx.evict_sources = true;
  const std::uint32_t file =
      sources.add("/nonexistent/messages.xlf",
                  testing::read_file(testing::fixture_path("xliff2/messages.xlf")));
  EXPECT_EQ(read_xliff12(file, ctx).size(), 9u);
  EXPECT_EQ(sink.all().size(), 0u);
}

TEST(is_xliff2_document, reads_the_root_tag_after_the_prolog) {
  const std::string ns2 = "urn:oasis:names:tc:xliff:document:2.0";
  EXPECT_TRUE(is_xliff2_document("<xliff version=\"2.0\" srcLang=\"en\">"));
  EXPECT_TRUE(
      is_xliff2_document("\xEF\xBB\xBF<?xml version=\"1.0\"?>\r\n<!-- a < b -->\n"
                         "<!DOCTYPE xliff [<!ENTITY e \"x\">]>\n<xliff version='2.1'/>"));
  EXPECT_TRUE(
      is_xliff2_document("<x:xliff xmlns:x=\"" + ns2 + "\">"));  // no version: the namespace
  EXPECT_TRUE(is_xliff2_document("<xliff\n  xmlns = \"urn:oasis:names:tc:xliff:document:2.2\">"));
  EXPECT_FALSE(
      is_xliff2_document("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:"
                         "document:1.2\">"));
  EXPECT_FALSE(is_xliff2_document("<x:xliff xmlns=\"" + ns2 + "\">"));  // not x's namespace
  EXPECT_FALSE(is_xliff2_document("<root version=\"2.0\">"));
}

TEST(is_xliff2_document, parses_a_root_tag_it_cannot_read_as_written) {
  // A reference in a value: the parse decodes it.
  EXPECT_TRUE(is_xliff2_document("<xliff version=\"&#50;.0\"/>"));
  EXPECT_FALSE(is_xliff2_document("<xliff version=\"&#49;.2\"/>"));
  // What does not parse is not XLIFF 2 (the XLIFF 1.2 reader reports it).
  EXPECT_FALSE(is_xliff2_document("<xliff version=\"&#50;.0\">"));
  EXPECT_FALSE(is_xliff2_document("<xliff version=2.0/>"));
  EXPECT_FALSE(is_xliff2_document("<xliff version=\"2.0"));
  EXPECT_FALSE(is_xliff2_document(""));
  EXPECT_FALSE(is_xliff2_document("<!-- never closed"));
  EXPECT_FALSE(is_xliff2_document("<!DOCTYPE xliff [ never closed"));
  EXPECT_FALSE(is_xliff2_document("<?xml never closed"));
}

TEST(xliff2_reader, a_stale_translation_is_made_from_the_english_merge_kept_not_a_tools_revision) {
  // A CAT tool tracked its translator's earlier targets in the <ctr:revisions> where `diaglot
  // merge` then kept the English and target it replaced: the target under review was made from
  // the English merge kept, whatever the tool's history holds before it.
  const std::string path = testing::fixture_path("xliff2_tools/ctr_tool_revisions.xlf");
  const xliff2_run r(path, testing::read_file(path));
  EXPECT_EQ(r.sink.all().size(), 0u);
  const model::field_text* fr = r.field("Sample.Lamp", "fr-FR", "summary");
  ASSERT_NE(fr, nullptr);
  EXPECT_EQ(fr->text, "La lampe s'allume.");
  EXPECT_EQ(fr->made_from, "The lamp turns on.");
}

/// An XLIFF 2.2 document from en to `trg` with `body` in its one <file>.
std::string xliff22(const std::string& trg, const std::string& body) {
  return "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.2\" "
         "xmlns:pgs=\"urn:oasis:names:tc:xliff:pgs:1.0\" version=\"2.2\" srcLang=\"en\" "
         "trgLang=\"" +
         trg + "\"><file id=\"f\">" + body + "</file></xliff>";
}

/// A unit of a pgs group: its case, English and translation.
std::string variant(const std::string& id, const std::string& c, const std::string& source,
                    const std::string& target) {
  return "<unit id=\"" + id + "\" pgs:case=\"" + c + "\"><segment state=\"translated\"><source>" +
         source + "</source><target>" + target + "</target></segment></unit>";
}

TEST(xliff2_reader, a_pgs_group_is_one_message_whose_texts_select_over_its_units) {
  // As a tool writes it for Russian: a unit for each of ru's categories, the English repeated
  // under the ones English does not have.
  const xliff2_run r(
      "files.ru.xlf",
      xliff22("ru",
              "<group id=\"g1\" name=\"Files.Copied\" pgs:switch=\"plural:count\">" +
                  variant("u1", "one", "{count} file copied", "Скопирован {count} файл") +
                  variant("u2", "few", "{count} files copied", "Скопировано {count} файла") +
                  variant("u3", "many", "{count} files copied", "Скопировано {count} файлов") +
                  variant("u4", "other", "{count} files copied", "Скопировано {count} файла") +
                  "</group>"));
  EXPECT_TRUE(r.sink.all().empty());
  ASSERT_EQ(r.entries.size(), 2u);
  const model::field_text* en = r.field("Files.Copied", "en", "text");
  ASSERT_NE(en, nullptr);
  EXPECT_EQ(en->text, "{count, plural, one {{count} file copied} other {{count} files copied}}");
  EXPECT_EQ(r.at(en->where), "1:270");  // the first unit's <source>
  const model::entry* ru = r.find("Files.Copied", "ru");
  ASSERT_NE(ru, nullptr);
  EXPECT_EQ(ru->st, state::translated);
  EXPECT_EQ(ru->fields.at(0).text,
            "{count, plural, one {Скопирован {count} файл} few {Скопировано {count} файла} many "
            "{Скопировано {count} файлов} other {Скопировано {count} файла}}");
  EXPECT_EQ(ru->fields.at(0).made_from, en->text);
  EXPECT_EQ(r.at(ru->where), "1:152");  // the group
}

TEST(xliff2_reader, a_pgs_group_of_two_selectors_nests_them_and_escapes_its_texts) {
  const xliff2_run r(
      "invite.de.xlf",
      xliff22("de", "<group id=\"g\" name=\"Invite#text\" pgs:switch=\"plural:n, gender:host\">" +
                        variant("a", "1 feminine", "She's #1", "Sie ist #1") +
                        variant("b", "1 other", "They're #1", "Sie sind #1") +
                        variant("c", "other feminine", "She has {n}", "Sie hat {n}") +
                        variant("d", "other other", "They have {n}", "Sie haben {n}") +
                        "</group>"));
  EXPECT_TRUE(r.sink.all().empty());
  const model::field_text* en = r.field("Invite", "en", "text");
  ASSERT_NE(en, nullptr);
  // `#` is the number only in a plural's own branch; here the select's branches hold the texts.
  EXPECT_EQ(en->text,
            "{n, plural, =1 {{host, select, feminine {She''s #1} other {They''re #1}}} other "
            "{{host, select, feminine {She has {n}} other {They have {n}}}}}");
  const xliff2_run p(
      "count.de.xlf",
      xliff22("de", "<group id=\"g\" pgs:switch=\"ordinal:n\">" +
                        variant("a", "other", "#{n} isn't it", "#{n} nicht") + "</group>"));
  ASSERT_NE(p.field("g", "de", "text"), nullptr);
  EXPECT_EQ(p.field("g", "de", "text")->text, "{n, selectordinal, other {'#'{n} nicht}}");
}

TEST(xliff2_reader, a_pgs_group_not_for_translation_or_unfinished_is_not_served) {
  const xliff2_run r(
      "x.de.xlf",
      xliff22("de", "<group id=\"g\" name=\"Frozen\" translate=\"no\" pgs:switch=\"plural:n\">" +
                        variant("a", "one", "one", "eins") +
                        variant("b", "other", "many", "viele") +
                        "</group><group id=\"h\" name=\"Open\" pgs:switch=\"plural:n\">" +
                        variant("c", "one", "one", "eins") +
                        "<unit id=\"d\" pgs:case=\"other\"><segment><source>many</source>"
                        "</segment></unit></group>"));
  EXPECT_TRUE(r.sink.all().empty());
  const model::field_text* frozen = r.field("Frozen", "de", "text");
  ASSERT_NE(frozen, nullptr);
  EXPECT_TRUE(frozen->source_only());
  EXPECT_FALSE(frozen->served());
  EXPECT_EQ(frozen->text, "{n, plural, one {one} other {many}}");
  ASSERT_NE(r.find("Open", "de"), nullptr);
  EXPECT_EQ(r.find("Open", "de")->st, state::initial);  // one variant without a target
}

TEST(xliff2_reader, reports_a_pgs_group_it_cannot_read_and_gives_nothing_for_it) {
  const struct {
    std::string group, units, where, attribute, problem;
  } cases[] = {
      {"pgs:switch=\"count:n\"", variant("a", "one", "x", "y"), "1:178", "switch=\"count:n\"",
       "`count` is not a selector keyword: they are `plural`, `ordinal`, `gender` and `select`"},
      {"pgs:switch=\"plural\"", variant("a", "one", "x", "y"), "1:178", "switch=\"plural\"",
       "`plural` is not a selector keyword, a colon and a variable name"},
      {"pgs:switch=\"plural:n\"", variant("a", "one two", "x", "y"), "1:211", "case=\"one two\"",
       "it gives 2 value(s), but the `pgs:switch` of its group names 1 variable(s)"},
      {"pgs:switch=\"plural:n\"", variant("a", "lots", "x", "y"), "1:211", "case=\"lots\"",
       "`lots` is neither a number nor a plural category (`zero`, `one`, `two`, `few`, `many`, "
       "`other`)"},
      {"pgs:switch=\"select:kind\"", variant("a", "part-time", "x", "y"), "1:214",
       "case=\"part-time\"", "`part-time` cannot be a case of a select"},
      {"pgs:switch=\"plural:n\"", variant("a", "one", "x", "y") + variant("b", "one", "x", "y"),
       "1:320", "case=\"one\"", "another unit of the group has that case"},
      {"pgs:switch=\"plural:n\"",
       "<unit id=\"a\"><segment><source>x</source><target>y</target></segment></unit>", "1:188",
       "case=\"\"", "each unit of a group with `pgs:switch` needs one"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.problem);
    const xliff2_run r("bad.de.xlf",
                       xliff22("de", "<group id=\"g\" " + c.group + ">" + c.units + "</group>"));
    EXPECT_TRUE(r.entries.empty());
    ASSERT_EQ(r.sink.all().size(), 1u);
    EXPECT_EQ(r.sink.all()[0].code, diag::xliff2_pgs_invalid);
    EXPECT_EQ(r.at(r.sink.all()[0].where), c.where);
    EXPECT_EQ(english_text(r.sink.all()[0].code, r.sink.all()[0].args),
              "`pgs:" + c.attribute + "` is not valid: " + c.problem +
                  " (XLIFF 2.2 Plural, Gender and Select module)");
  }
}

}  // namespace
}  // namespace diaglot::read
