// The markdown reader on small fixtures (tests/fixtures/markdown): an English page, its sxs page
// and its translated (live) page, and one malformed page per diagnostic.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "read/readers.hpp"
#include "support/corpus.hpp"

namespace diaglot::read {
namespace {

using model::entry;
using model::field_text;
using model::origin;

/// Pages read into one source manager and sink, as a compile would.
struct markdown_run {
  source_manager sources;
  diagnostic_sink sink;
  context ctx{sources, sink};

  std::vector<entry> read(const std::string& path, const std::string& text) {
    return read_markdown(sources.add(path, text), ctx);
  }
  std::vector<entry> read_fixture(const std::string& name) {
    const std::string path = testing::fixture_path("markdown/" + name);
    return read(path, testing::read_file(path));
  }
  /// "line:col" of a location, for compact assertions.
  std::string at(source_location where) const {
    const line_column p = sources.position(where);
    return std::to_string(p.line) + ":" + std::to_string(p.column);
  }
};

std::string fixture_text(const std::string& name) {
  return testing::read_file(testing::fixture_path("markdown/" + name));
}

const field_text* field(const entry& e, const std::string& name) {
  for (const field_text& f : e.fields)
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string> names(const entry& e) {
  std::vector<std::string> out;
  for (const field_text& f : e.fields) out.push_back(f.name);
  return out;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

const std::vector<std::string> sample_fields = {"title",           "summary",
                                                "intro",           "description.heading",
                                                "description",     "troubleshooting.heading",
                                                "troubleshooting", "see-also.heading",
                                                "see-also"};

// --- English pages ------------------------------------------------------------------------------

TEST(markdown_reader, english_page_gives_one_source_entry) {
  markdown_run r;
  const auto entries = r.read_fixture("en/sample-trace.md");
  EXPECT_EQ(r.sink.all().size(), 0u);
  ASSERT_EQ(entries.size(), 1u);
  const entry& e = entries[0];
  EXPECT_EQ(e.kind, origin::source);
  EXPECT_EQ(e.id, "Contoso.Widgets.FrobnicationFailed");
  EXPECT_EQ(e.locale, "en");
  EXPECT_EQ(e.code, 0x4000Fu);
  EXPECT_EQ(e.asset_id, "11111111-2222-3333-4444-555555555555");
  EXPECT_EQ(r.at(e.where), "2:8") << "the ID is given by `title:`";
  EXPECT_EQ(names(e), sample_fields);
}

TEST(markdown_reader, english_fields_are_text_as_read) {
  markdown_run r;
  const entry e = r.read_fixture("en/sample-trace.md").at(0);
  EXPECT_EQ(field(e, "title")->text, "Contoso.Widgets.FrobnicationFailed");
  EXPECT_EQ(field(e, "summary")->text, "The widget could not be frobnicated.");
  EXPECT_EQ(field(e, "intro")->text, "See the [widget guide](widgets.md) first.");
  EXPECT_EQ(field(e, "description.heading")->text, "Description");
  EXPECT_EQ(field(e, "description")->text,
            "This trace indicates that frobnication failed. Check the `<frob "
            "enabled=\"true\"/>` setting.\n\n"
            "> [!NOTE]\n> Frobnication requires **administrator** rights.\n\n"
            "|Setting|Meaning|\n|-------|-------|\n"
            "|`on`|Frobnicate.<br /><br /> Uses \\<frob> &#124; \\<widget>.|\n\n"
            "```xml  \n<frob enabled=\"true\">\n  \n  <level>3</level>\n</frob>\n```\n\n"
            "### <a name=\"details\"></a>Details\n\n"
            "![Frobnication flow](media/frob.png \"Frob\") See <xref:Contoso.Widgets.Frob>.");
  EXPECT_EQ(field(e, "description")->shape(), "pqtchp");
  EXPECT_EQ(field(e, "troubleshooting")->text, "1. Restart the widget.\n2. Try again.");
  EXPECT_EQ(field(e, "troubleshooting")->shape(), "l");
  EXPECT_EQ(field(e, "see-also.heading")->text, "See also");
  EXPECT_EQ(field(e, "see-also")->text, "- [Widgets](index.md)\n- [Tracing](../index.md)");
  EXPECT_EQ(field(e, "title")->shape(), "h");
  for (const field_text& f : e.fields) {
    EXPECT_FALSE(f.made_from.has_value()) << f.name;
    EXPECT_TRUE(f.segments.empty()) << f.name;
  }
}

TEST(markdown_reader, english_field_locations_are_their_first_block) {
  markdown_run r;
  const entry e = r.read_fixture("en/sample-trace.md").at(0);
  EXPECT_EQ(r.at(field(e, "title")->where), "10:50");
  EXPECT_EQ(r.at(field(e, "summary")->where), "12:1");
  EXPECT_EQ(r.at(field(e, "intro")->where), "14:2");
  EXPECT_EQ(r.at(field(e, "description.heading")->where), "16:30");
  EXPECT_EQ(r.at(field(e, "description")->where), "18:2");
  EXPECT_EQ(r.at(field(e, "see-also.heading")->where), "41:4");
  EXPECT_EQ(r.at(field(e, "see-also")->where), "43:1");
}

TEST(markdown_reader, page_without_front_matter_takes_its_id_from_the_h1) {
  markdown_run r;
  const auto entries = r.read("plain.md", "# Plain.Trace\nIt happened.\n## Details\nMore.\n");
  EXPECT_EQ(r.sink.all().size(), 0u);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].id, "Plain.Trace");
  EXPECT_EQ(names(entries[0]),
            (std::vector<std::string>{"title", "summary", "details.heading", "details"}));
  EXPECT_EQ(field(entries[0], "summary")->text, "It happened.");
}

TEST(markdown_reader, front_matter_title_is_the_id_and_code_may_be_decimal) {
  markdown_run r;
  const auto entries =
      r.read("t.md", "---\ntitle: \"Quoted.Id\"\ncode: 4294967294\n---\n# Shown title\n\nText.\n");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].id, "Quoted.Id");
  EXPECT_EQ(entries[0].code, 0xFFFFFFFEu);
  EXPECT_EQ(field(entries[0], "title")->text, "Shown title");
}

// --- sxs pages ----------------------------------------------------------------------------------

TEST(markdown_reader, sxs_page_gives_derived_english_equal_to_the_english_page) {
  markdown_run r;
  const auto english = r.read_fixture("en/sample-trace.md").at(0);
  const auto entries = r.read_fixture("sxs/ko-KR/sample-trace.md");
  EXPECT_EQ(r.sink.all().size(), 0u);
  ASSERT_EQ(entries.size(), 2u);
  const entry& derived = entries[0];
  EXPECT_EQ(derived.kind, origin::derived_source);
  EXPECT_EQ(derived.locale, "en");
  EXPECT_EQ(derived.id, english.id);
  EXPECT_EQ(derived.code, 0x4000Fu);
  ASSERT_EQ(names(derived), sample_fields);
  for (std::size_t i = 0; i < english.fields.size(); ++i) {
    EXPECT_EQ(derived.fields[i].text, english.fields[i].text) << english.fields[i].name;
    EXPECT_EQ(derived.fields[i].shape(), english.fields[i].shape()) << english.fields[i].name;
  }
}

TEST(markdown_reader, sxs_page_gives_translation_with_segments) {
  markdown_run r;
  const auto entries = r.read_fixture("sxs/ko-KR/sample-trace.md");
  ASSERT_EQ(entries.size(), 2u);
  const entry& derived = entries[0];
  const entry& t = entries[1];
  EXPECT_EQ(t.kind, origin::translation);
  EXPECT_EQ(t.locale, "ko-KR");
  EXPECT_EQ(t.id, "Contoso.Widgets.FrobnicationFailed");
  EXPECT_EQ(t.st, model::state::translated);
  EXPECT_EQ(t.asset_id, "11111111-2222-3333-4444-555555555555");
  EXPECT_EQ(r.at(t.where), "13:50");  // the `<span` of the H1 text
  ASSERT_EQ(names(t), sample_fields);
  for (std::size_t i = 0; i < t.fields.size(); ++i) {
    ASSERT_TRUE(t.fields[i].made_from.has_value());
    EXPECT_EQ(*t.fields[i].made_from, derived.fields[i].text);
    EXPECT_EQ(t.fields[i].shape(), derived.fields[i].shape());
  }
  EXPECT_EQ(field(t, "summary")->text, "위젯을 처리할 수 없습니다.");
  EXPECT_EQ(field(t, "description.heading")->text, "설명");
  EXPECT_EQ(field(t, "see-also.heading")->text, "참고 항목");  // named from the English slug
  EXPECT_EQ(field(t, "troubleshooting")->text, "1. 위젯을 다시 시작합니다.\n2. 다시 시도합니다.");
  EXPECT_EQ(field(t, "see-also")->text, "- [위젯](index.md)\n- [추적](../index.md)");
  EXPECT_EQ(r.at(field(t, "description")->where), "21:2");

  std::vector<std::size_t> counts;
  for (const field_text& f : t.fields) counts.push_back(f.segments.size());
  EXPECT_EQ(counts, (std::vector<std::size_t>{1, 1, 1, 1, 10, 1, 2, 1, 2}));
  const auto& description = field(t, "description")->segments;
  ASSERT_EQ(description.size(), 10u);
  EXPECT_EQ(description[0].id, "a1b2c-106");
  EXPECT_EQ(r.at(description[0].where), "21:2");
  EXPECT_EQ(description[1].source, "Check the `<frob enabled=\"true\"/>` setting.");
  EXPECT_EQ(description[1].target, "`<frob enabled=\"true\"/>` 설정을 확인하세요.");
  EXPECT_EQ(description[2].source, "Frobnication requires **administrator** rights.");
  EXPECT_EQ(r.at(description[2].where), "24:3");
  EXPECT_EQ(description[6].source, "Uses \\<frob> &#124; \\<widget>.");
  EXPECT_EQ(description[7].target, "세부 정보");  // the ### heading stays in the body
  EXPECT_EQ(description[8].source, "![Frobnication flow](media/frob.png \"Frob\")");
  EXPECT_EQ(description[9].source, "See <xref:Contoso.Widgets.Frob>.");
  const auto& links = field(t, "see-also")->segments;
  EXPECT_EQ(links[1].source, "Tracing");
  EXPECT_EQ(links[1].target, "추적");
  EXPECT_EQ(r.at(links[1].where), "47:4");

  // The derived English carries the same segments, English on both sides.
  const auto& english = field(derived, "description")->segments;
  ASSERT_EQ(english.size(), 10u);
  EXPECT_EQ(english[3].target, english[3].source);
  EXPECT_EQ(english[3].source, "Setting");
}

TEST(markdown_reader, sxs_id_is_the_english_h1_not_the_translated_title) {
  markdown_run r;
  const std::string text =
      replaced(fixture_text("sxs/ko-KR/sample-trace.md"),
               "title: Contoso.Widgets.FrobnicationFailed", "title: 처리 실패");
  const auto entries = r.read("sxs/ko-KR/sample-trace.md", text);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].id, "Contoso.Widgets.FrobnicationFailed");
  EXPECT_EQ(entries[1].id, "Contoso.Widgets.FrobnicationFailed");
}

TEST(markdown_reader, crlf_and_bom_change_nothing_but_offsets) {
  const std::string lf = fixture_text("sxs/ko-KR/sample-trace.md");
  std::string crlf = "\xEF\xBB\xBF";
  for (const char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  markdown_run a, b;
  const auto plain = a.read("lf.md", lf);
  const auto windows = b.read("crlf.md", crlf);
  EXPECT_EQ(b.sink.all().size(), 0u);
  ASSERT_EQ(plain.size(), 2u);
  ASSERT_EQ(windows.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(a.at(plain[k].where), b.at(windows[k].where));
    ASSERT_EQ(names(plain[k]), names(windows[k]));
    for (std::size_t i = 0; i < plain[k].fields.size(); ++i) {
      const field_text& p = plain[k].fields[i];
      const field_text& w = windows[k].fields[i];
      EXPECT_EQ(p.text, w.text) << p.name;
      EXPECT_EQ(p.made_from, w.made_from) << p.name;
      EXPECT_EQ(a.at(p.where), b.at(w.where)) << p.name;
      ASSERT_EQ(p.segments.size(), w.segments.size());
      for (std::size_t s = 0; s < p.segments.size(); ++s) {
        EXPECT_EQ(p.segments[s].target, w.segments[s].target);
        EXPECT_EQ(a.at(p.segments[s].where), b.at(w.segments[s].where)) << p.segments[s].id;
      }
    }
  }
  // The offsets themselves point into the CRLF bytes.
  const source_location last = field(windows[1], "see-also")->segments[1].where;
  EXPECT_EQ(crlf.compare(last.offset, 19, "<span data-ttu-id=\""), 0);
}

// --- translated pages and alignment -------------------------------------------------------------

/// The English fixture and a translated page, read and aligned.
struct aligned_run : markdown_run {
  std::vector<entry> entries;
  aligned_run(const std::string& live_path, const std::string& live_text) {
    entries = read_fixture("en/sample-trace.md");
    for (entry& e : read(live_path, live_text)) entries.push_back(std::move(e));
    align_translated_pages(entries, ctx);
  }
  const entry* translation() const {
    for (const entry& e : entries)
      if (e.kind == origin::translation) return &e;
    return nullptr;
  }
};

const std::string live_path = "live/ko-KR/sample-trace.md";

TEST(markdown_reader, translated_page_is_a_translation_entry_before_alignment) {
  markdown_run r;
  const auto entries = r.read_fixture(live_path);
  EXPECT_EQ(r.sink.all().size(), 0u);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].kind, origin::translation);
  EXPECT_EQ(entries[0].locale, "ko-KR");
  EXPECT_EQ(entries[0].asset_id, "11111111-2222-3333-4444-555555555555");
  EXPECT_EQ(names(entries[0]), sample_fields);
  for (const field_text& f : entries[0].fields) EXPECT_FALSE(f.made_from.has_value());
}

TEST(markdown_reader, aligned_translated_page_gets_english_id_and_made_from) {
  aligned_run r(testing::fixture_path("markdown/" + live_path), fixture_text(live_path));
  EXPECT_EQ(r.sink.all().size(), 0u);
  ASSERT_EQ(r.entries.size(), 2u);
  const entry* t = r.translation();
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->id, "Contoso.Widgets.FrobnicationFailed");
  const entry& english = r.entries[0];
  // The same texts as the target view of the sxs page it was published from.
  markdown_run s;
  const entry sxs = s.read_fixture("sxs/ko-KR/sample-trace.md").at(1);
  ASSERT_EQ(names(*t), names(sxs));
  for (std::size_t i = 0; i < t->fields.size(); ++i) {
    EXPECT_EQ(t->fields[i].text, sxs.fields[i].text) << sxs.fields[i].name;
    EXPECT_EQ(t->fields[i].made_from, english.fields[i].text) << sxs.fields[i].name;
  }
}

TEST(markdown_reader, translated_page_matches_by_file_name_without_asset_id) {
  const std::string text =
      replaced(fixture_text(live_path), "ms.assetid: 11111111-2222-3333-4444-555555555555\n", "");
  aligned_run r("elsewhere/sample-trace.md", text);
  EXPECT_EQ(r.sink.all().size(), 0u);
  ASSERT_NE(r.translation(), nullptr);
  EXPECT_EQ(r.translation()->id, "Contoso.Widgets.FrobnicationFailed");
}

TEST(markdown_reader, translated_page_without_english_page_is_dropped) {
  const std::string text = replaced(fixture_text(live_path), "11111111-2222", "99999999-2222");
  aligned_run r("live/ko-KR/other-page.md", text);
  EXPECT_EQ(r.translation(), nullptr);
  ASSERT_EQ(r.sink.all().size(), 1u);
  EXPECT_EQ(r.sink.all()[0].code, diag::no_english_page);
  EXPECT_EQ(r.at(r.sink.all()[0].where), "13:50");
  EXPECT_EQ(r.sink.error_count(), 0u);
}

struct misaligned_case {
  const char* name;
  std::string from, to;
  std::string why;
  std::string at;          ///< on the translated page
  std::string english_at;  ///< the note on the English page
};

TEST(markdown_reader, misaligned_translated_pages_are_reported_and_dropped) {
  const std::vector<misaligned_case> cases = {
      {"missing section",
       "## <a name=\"troubleshooting\"></a>문제 해결\n\n1. 위젯을 다시 시작합니다.\n2. "
       "다시 시도합니다.\n\n",
       "", "section `troubleshooting` is missing", "39:27", "36:34"},
      {"merged blocks", "권한이 필요합니다.\n\n|설정", "권한이 필요합니다.\n|설정",
       "section `description` has 6 blocks in English and 5 here", "29:1", "18:2"},
      {"list became a paragraph", "1. 위젯을", "위젯을",
       "block 1 of section `troubleshooting` is a list in English and a paragraph here", "41:1",
       "38:1"},
      {"heading without anchor", "## <a name=\"see-also\"></a>참고 항목", "## 참고 항목",
       "section `see-also` is missing", "44:4", "41:4"},
      {"extra intro", "를 참조하세요.\n", "를 참조하세요.\n\n추가 문단.\n",
       "field `intro` has 1 block in English and 2 here", "19:1", "14:2"},
  };
  for (const misaligned_case& c : cases) {
    SCOPED_TRACE(c.name);
    aligned_run r(live_path, replaced(fixture_text(live_path), c.from, c.to));
    EXPECT_EQ(r.translation(), nullptr);
    EXPECT_EQ(r.entries.size(), 1u);
    ASSERT_EQ(r.sink.all().size(), 1u);
    const diagnostic& d = r.sink.all()[0];
    EXPECT_EQ(d.code, diag::blocks_misaligned);
    EXPECT_EQ(d.level, severity::warning);
    EXPECT_EQ(d.args, std::vector<std::string>{c.why});
    EXPECT_EQ(r.at(d.where), c.at);
    ASSERT_EQ(d.notes.size(), 1u);
    EXPECT_EQ(d.notes[0].code, diag::note_english_source);
    EXPECT_EQ(r.at(d.notes[0].where), c.english_at);
  }
}

TEST(markdown_reader, alignment_leaves_sxs_and_english_entries_alone) {
  markdown_run r;
  std::vector<entry> entries = r.read_fixture("sxs/ko-KR/sample-trace.md");
  align_translated_pages(entries, r.ctx);
  EXPECT_EQ(entries.size(), 2u);
  EXPECT_EQ(r.sink.all().size(), 0u);
}

// --- malformed pages ----------------------------------------------------------------------------

const std::string sxs_front = "---\ntitle: T\nms.contentlocale: ko-KR\n---\n";

std::string pair(const std::string& id, const std::string& target, const std::string& source) {
  return "<span data-ttu-id=\"" + id + "\">" + target +
         "</span><span class=\"sxs-lookup\"><span data-stu-id=\"" + id + "\">" + source +
         "</span></span>";
}

struct malformed_case {
  const char* name;
  std::string text;
  diag code;
  std::string at;
  std::vector<std::string> args;
};

TEST(markdown_reader, malformed_pages_report_the_exact_diagnostic_and_give_nothing) {
  const std::vector<malformed_case> cases = {
      {"unterminated front matter",
       "---\ntitle: T\n# T\n",
       diag::front_matter_unterminated,
       "1:1",
       {}},
      {"front matter line without colon",
       "---\ntitle: T\nnot a pair\n---\n# T\n",
       diag::front_matter_syntax,
       "3:1",
       {}},
      {"front matter key without space",
       "---\ntitle:T\n---\n# T\n",
       diag::front_matter_syntax,
       "2:1",
       {}},
      {"list item without a key",
       "---\ntitle: T\n  - item\n---\n# T\n",
       diag::front_matter_syntax,
       "3:1",
       {}},
      {"code not a number",
       "---\ntitle: T\ncode: 0xZZ\n---\n# T\n",
       diag::invalid_code_value,
       "3:7",
       {"0xZZ"}},
      {"code too large",
       "---\ntitle: T\ncode: 0xFFFFFFFF\n---\n# T\n",
       diag::invalid_code_value,
       "3:7",
       {"0xFFFFFFFF"}},
      {"no title", "Just text.\n", diag::missing_title, "1:1", {}},
      {"invalid content locale",
       "---\ntitle: T\nms.contentlocale: ko_KR.UTF-8\n---\n# T\n",
       diag::invalid_locale,
       "3:19",
       {"ko_KR.UTF-8", "; did you mean `ko-KR`?"}},
      {"unpaired span",
       sxs_front + "# <span data-ttu-id=\"a-1\">T</span> and more\n",
       diag::span_unpaired,
       "5:3",
       {"a-1"}},
      {"span not closed on its line",
       sxs_front + "\nx <span data-ttu-id=\"a-1\">T\n</span>\n",
       diag::span_unpaired,
       "6:3",
       {"a-1"}},
      {"ids differ",
       sxs_front + "# <span data-ttu-id=\"a-1\">T</span><span class=\"sxs-lookup\"><span "
                   "data-stu-id=\"a-2\">T</span></span>\n",
       diag::span_id_mismatch,
       "5:3",
       {"a-1", "a-2"}},
      {"no content locale",
       "---\ntitle: T\n---\n# " + pair("a-1", "T", "T") + "\n",
       diag::missing_content_locale,
       "1:1",
       {}},
      {"duplicate segment",
       sxs_front + "# " + pair("a-1", "T", "T") + "\n\n" + pair("a-2", "x", "y") + " " +
           pair("a-1", "z", "w") + "\n",
       diag::duplicate_segment,
       "7:" + std::to_string(pair("a-2", "x", "y").size() + 2),
       {"a-1"}},
  };
  for (const malformed_case& c : cases) {
    SCOPED_TRACE(c.name);
    markdown_run r;
    const auto entries = r.read("bad.md", c.text);
    EXPECT_TRUE(entries.empty());
    ASSERT_GE(r.sink.all().size(), 1u);
    const diagnostic& d = r.sink.all()[0];
    EXPECT_EQ(diag_code(d.code), diag_code(c.code));
    EXPECT_EQ(d.level, severity::error);
    EXPECT_EQ(r.at(d.where), c.at);
    EXPECT_EQ(d.args, c.args);
  }
}

TEST(markdown_reader, duplicate_segment_notes_the_first_one) {
  markdown_run r;
  r.read("dup.md",
         sxs_front + "# " + pair("a-1", "T", "T") + "\n\n" + pair("a-1", "x", "y") + "\n");
  ASSERT_EQ(r.sink.all().size(), 1u);
  ASSERT_EQ(r.sink.all()[0].notes.size(), 1u);
  EXPECT_EQ(r.sink.all()[0].notes[0].code, diag::note_first_definition);
  EXPECT_EQ(r.at(r.sink.all()[0].notes[0].where), "5:3");
  EXPECT_EQ(r.at(r.sink.all()[0].where), "7:1");
}

TEST(markdown_reader, invalid_locale_without_suggestion_has_an_empty_hint) {
  markdown_run r;
  r.read("bad.md", "---\nms.contentlocale: not a locale\n---\n# T\n");
  ASSERT_EQ(r.sink.all().size(), 1u);
  EXPECT_EQ(r.sink.all()[0].args, (std::vector<std::string>{"not a locale", ""}));
}

TEST(markdown_reader, unterminated_fence_warns_and_takes_the_rest_as_code) {
  markdown_run r;
  const auto entries =
      r.read("fence.md", "# T\n\nSummary.\n\n## Code\n\n~~~cs  \nint x;\n\n## not a heading\n");
  ASSERT_EQ(entries.size(), 1u);
  ASSERT_EQ(r.sink.all().size(), 1u);
  EXPECT_EQ(r.sink.all()[0].code, diag::fence_unterminated);
  EXPECT_EQ(r.sink.all()[0].level, severity::warning);
  EXPECT_EQ(r.at(r.sink.all()[0].where), "7:1");
  EXPECT_EQ(names(entries[0]),
            (std::vector<std::string>{"title", "summary", "code.heading", "code"}));
  EXPECT_EQ(field(entries[0], "code")->text, "~~~cs  \nint x;\n\n## not a heading");
  EXPECT_EQ(field(entries[0], "code")->shape(), "c");
}

TEST(markdown_reader, every_prefix_of_a_page_gives_entries_or_errors) {
  // Cut pages (a span or a fence cut in half, front matter never closed) must be reported, not
  // read past their end; the sanitizer build checks the offsets.
  const std::string text = fixture_text("sxs/ko-KR/sample-trace.md");
  for (std::size_t n = 0; n <= text.size(); ++n) {
    markdown_run r;
    const auto entries = r.read("cut.md", text.substr(0, n));
    EXPECT_NE(entries.empty(), r.sink.error_count() == 0) << n;
    for (const entry& e : entries) {
      for (const field_text& f : e.fields) {
        EXPECT_LE(f.where.offset, n);
        for (const model::segment& seg : f.segments) EXPECT_LT(seg.where.offset, n);
      }
    }
  }
}

}  // namespace
}  // namespace diaglot::read
