// The XLIFF 2 parser (what it keeps, where it reports), the writer (escaping, namespaces, <cp>)
// and the API that builds documents for `extract`, `import` and `merge`.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "support/corpus.hpp"
#include "xliff/xliff2.hpp"
#include "xliff/xml_canonical.hpp"

namespace diaglot::xliff {
namespace {

struct parsed {
  source_manager sources;
  diagnostic_sink sink;
  std::uint32_t file = 0;
  std::optional<document> doc;

  explicit parsed(const std::string& xml) {
    file = sources.add("t.xlf", xml);
    doc = parse(sources.contents(file), file, sink);
  }
  /// "DGLnnnn line:col" of each diagnostic.
  std::vector<std::string> found() const {
    std::vector<std::string> out;
    for (const diagnostic& d : sink.all())
      out.push_back(diag_code(d.code) + " " + at(d.where.offset));
    return out;
  }
  std::string at(std::uint32_t offset) const {
    const line_column p = sources.position({file, offset});
    return std::to_string(p.line) + ":" + std::to_string(p.column);
  }
};

const std::string open_xliff =
    "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" "
    "trgLang=\"de\">\n";

TEST(xliff2_parser, reports_malformed_xml_at_its_place) {
  EXPECT_EQ(parsed(open_xliff + "<file id=\"f\">\n</xliff>").found(),
            (std::vector<std::string>{"DGL0201 3:3"}));
  EXPECT_EQ(parsed(open_xliff + "<file id=\"f\"><unit id=\"u\"><segment><source>a &nbsp; b"
                                "</source></segment></unit></file></xliff>")
                .found(),
            (std::vector<std::string>{"DGL0201 2:46"}));
  EXPECT_EQ(parsed(open_xliff + "<file id=\"f\"><unit id=\"u\"><segment><source>a \x01</source>"
                                "</segment></unit></file></xliff>")
                .found(),
            (std::vector<std::string>{"DGL0201 2:46"}));
  EXPECT_EQ(parsed(open_xliff + "<file id=\"f\"><x:unit id=\"u\"/></file></xliff>").found(),
            (std::vector<std::string>{"DGL0201 2:15"}));
  EXPECT_EQ(parsed(open_xliff + "<file id=\"f\" id=\"g\"/></xliff>").found(),
            (std::vector<std::string>{"DGL0201 2:18"}));
  EXPECT_EQ(parsed("<xliff>\xC3(</xliff>").found(), (std::vector<std::string>{"DGL0004 1:8"}));
  EXPECT_FALSE(parsed(open_xliff + "<file id=\"f\" id=\"g\"/></xliff>").doc);
}

TEST(xliff2_parser, refuses_roots_that_are_not_xliff_2) {
  const parsed r("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\"/>");
  EXPECT_FALSE(r.doc);
  ASSERT_EQ(r.found(), (std::vector<std::string>{"DGL0709 1:1"}));
  EXPECT_EQ(r.sink.all()[0].args,
            (std::vector<std::string>{"xliff", "urn:oasis:names:tc:xliff:document:1.2", "1.2"}));
}

TEST(xliff2_parser, keeps_attributes_namespaces_and_offsets) {
  const parsed r(open_xliff +
                 "<file id=\"f\" xmlns:my=\"urn:my\" my:a=\"1\">\n"
                 "<unit id=\"u\" name=\"Msg#summary\"><segment id=\"s\" state=\"final\">"
                 "<source xml:space=\"preserve\">Hi <ph id=\"1\" equiv=\"{0}\"/>!</source>"
                 "<target>Hallo <ph id=\"1\" equiv=\"{0}\"/>!</target></segment></unit>\n"
                 "</file></xliff>");
  ASSERT_TRUE(r.doc) << r.found().size();
  EXPECT_EQ(r.found(), (std::vector<std::string>{}));
  const file& f = r.doc->files.at(0);
  EXPECT_EQ(r.at(f.offset), "2:1");
  ASSERT_NE(f.find("a", "urn:my"), nullptr);
  EXPECT_EQ(f.find("a", "urn:my")->prefix, "my");
  EXPECT_EQ(r.at(f.find("a", "urn:my")->offset), "2:38");
  const unit& u = *f.members.at(0).as_unit();
  EXPECT_EQ(u.message_name(), "Msg#summary");
  const segment& s = u.segments.at(0);
  EXPECT_EQ(s.state(), "final");
  EXPECT_EQ(s.source.get("space", ns_xml), "preserve");
  ASSERT_EQ(s.source.children.size(), 3u);
  EXPECT_EQ(s.source.children[1].kind, code_kind::ph);
  EXPECT_EQ(r.at(s.source.children[1].offset), "3:95");
  EXPECT_EQ(s.source.plain_text(), "Hi !");
  ASSERT_TRUE(s.target);
  EXPECT_EQ(s.target->children.at(0).text, "Hallo ");
}

TEST(xliff2_parser, reads_content_as_text_whatever_its_xml_form) {
  const parsed r(open_xliff +
                 "<file id=\"f\"><unit id=\"u\"><segment><source>a<!-- note -->b<![CDATA[<c>]]>"
                 "<?pi x?>&amp;<cp hex=\"0001\"/>  </source></segment><segment><source>  </source>"
                 "</segment></unit></file></xliff>");
  ASSERT_TRUE(r.doc);
  const unit& u = *r.doc->files[0].members[0].as_unit();
  ASSERT_EQ(u.segments[0].source.children.size(), 3u);
  EXPECT_EQ(u.segments[0].source.children[0].text, "ab<c>&");
  EXPECT_EQ(u.segments[0].source.plain_text(), "ab<c>&\x01  ");
  EXPECT_EQ(u.segments[1].source.plain_text(), "  ");
}

TEST(xliff2_parser, keeps_skeleton_and_extensions_as_written) {
  const parsed r(open_xliff +
                 "<file id=\"f\"><skeleton> data <s:x xmlns:s=\"urn:s\" a=\"1\"/><?keep me?>"
                 "<!--c--></skeleton>"
                 "<v xmlns=\"urn:v\"><w>t</w></v>"
                 "<unit id=\"u\"><segment><source>a</source></segment></unit></file></xliff>");
  ASSERT_TRUE(r.doc);
  const file& f = r.doc->files[0];
  ASSERT_TRUE(f.skeleton);
  ASSERT_EQ(f.skeleton->children.size(), 4u);
  EXPECT_EQ(f.skeleton->children[1].ns, "urn:s");
  EXPECT_EQ(f.skeleton->children[2].type, xml_node::kind::processing_instruction);
  EXPECT_EQ(f.skeleton->children[2].name, "keep");
  EXPECT_EQ(f.skeleton->children[3].type, xml_node::kind::comment);
  ASSERT_EQ(f.extensions.size(), 1u);
  EXPECT_EQ(f.extensions[0].ns, "urn:v");
  EXPECT_EQ(f.extensions[0].children[0].ns, "urn:v");
  const std::string xml = write(*r.doc);
  EXPECT_NE(xml.find("<s:x xmlns:s=\"urn:s\" a=\"1\"/><?keep me?><!--c-->"), std::string::npos);
  EXPECT_NE(xml.find("<v xmlns=\"urn:v\"><w>t</w></v>"), std::string::npos);
}

TEST(xliff2_parser, reads_xliff_2_2) {
  const std::string xml =
      "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.2\" version=\"2.2\" srcLang=\"en\" "
      "trgLang=\"ja\"><file id=\"f\"><unit id=\"u\"><segment state=\"translated\"><source>Hi"
      "</source><target>やあ</target></segment></unit></file></xliff>";
  source_manager sources;
  diagnostic_sink sink;
  const std::optional<document> doc = read(xml, sources.add("t.xlf", xml), sink);
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->ns, ns_core22);
  const std::string out = write(*doc);
  EXPECT_NE(out.find("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.2\" version=\"2.2\""),
            std::string::npos);
}

TEST(xliff2_writer, writes_a_built_document) {
  document doc("en", "ko");
  file& f = doc.add_file("f1");
  f.set("original", "docs/traces/en");
  unit& u = f.add_unit("u1");
  u.set("name", "System.Foo#summary");
  u.add_note("Shown <rarely> & briefly");
  segment& s = u.add_segment("Cannot open ");
  s.source.add(code_kind::ph, "1").set("equiv", "{0}");
  s.source.add_text(".");
  content& t = s.add_target("translated");
  t.add_text("열 수 없습니다: ");
  t.add(code_kind::ph, "1").set("equiv", "{0}");
  u.add_ignorable(" ");
  EXPECT_EQ(write(doc),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" "
            "trgLang=\"ko\">\n"
            "  <file id=\"f1\" original=\"docs/traces/en\">\n"
            "    <unit id=\"u1\" name=\"System.Foo#summary\">\n"
            "      <notes>\n"
            "        <note>Shown &lt;rarely&gt; &amp; briefly</note>\n"
            "      </notes>\n"
            "      <segment state=\"translated\">\n"
            "        <source>Cannot open <ph id=\"1\" equiv=\"{0}\"/>.</source>\n"
            "        <target>열 수 없습니다: <ph id=\"1\" equiv=\"{0}\"/></target>\n"
            "      </segment>\n"
            "      <ignorable>\n"
            "        <source> </source>\n"
            "      </ignorable>\n"
            "    </unit>\n"
            "  </file>\n"
            "</xliff>\n");
  diagnostic_sink sink;
  validate(doc, source_location::none, sink);
  EXPECT_EQ(sink.all().size(), 0u);
}

TEST(xliff2_writer, escapes_what_xml_needs_and_encodes_what_it_cannot_hold) {
  document doc("en", "");
  unit& u = doc.add_file("f").add_unit("u");
  u.set("name", "a\"b\tc\nd<e&f");
  u.add_note(std::string("bell\x07") + "\r");
  segment& s = u.add_segment(std::string("x\x01y\r\n]]>"));
  (void)s;
  const std::string xml = write(doc);
  EXPECT_NE(xml.find("name=\"a&quot;b&#9;c&#10;d&lt;e&amp;f\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<note>bell\xEF\xBF\xBD&#13;</note>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<source>x<cp hex=\"0001\"/>y&#13;\n]]&gt;</source>"), std::string::npos)
      << xml;
  // What was written reads back as the same text.
  source_manager sources;
  diagnostic_sink sink;
  const std::optional<document> again = read(xml, sources.add("w.xlf", xml), sink);
  ASSERT_TRUE(again);
  const unit& v = *again->files[0].members[0].as_unit();
  EXPECT_EQ(v.get("name"), "a\"b\tc\nd<e&f");
  EXPECT_EQ(v.segments[0].source.plain_text(), "x\x01y\r\n]]>");
}

TEST(xliff2_writer, declares_namespaces_where_they_are_needed) {
  document doc("en", "");
  doc.set("urn:tool", "", "run", "7");  // no prefix: the writer chooses one
  unit& u = doc.add_file("f").add_unit("u");
  u.set(std::string(ns_fs), "fs", "fs", "p");
  xml_node ext = xml_node::make_element("urn:ext", "", "data");  // default namespace
  xml_node inner = xml_node::make_element("urn:ext", "", "item");
  inner.children.push_back(xml_node::make_text("v"));
  ext.children.push_back(std::move(inner));
  u.extensions.push_back(std::move(ext));
  u.add_segment("a");
  const std::string xml = write(doc);
  EXPECT_NE(
      xml.find("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:ns1=\"urn:tool\" "
               "version=\"2.0\" srcLang=\"en\" ns1:run=\"7\">"),
      std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<unit xmlns:fs=\"urn:oasis:names:tc:xliff:fs:2.0\" id=\"u\" fs:fs=\"p\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<data xmlns=\"urn:ext\"><item>v</item></data>"), std::string::npos) << xml;
  const testing::xml_canon canon(xml);
  EXPECT_TRUE(canon.ok());
  EXPECT_NE(canon.canonical().find("<{urn:ext}data><{urn:ext}item>v</></>"), std::string::npos);
}

TEST(xliff2_writer, built_documents_validate_against_the_schema) {
  DIAGLOT_REQUIRE_SHARED(schemas, "schemas");
  document doc("en", "de");
  file& f = doc.add_file("f1");
  group& g = f.add_group("g1");
  g.add_note("group note").set("appliesTo", "source");
  unit& u = g.add_unit("u1");
  u.add_data("d1", "%s");
  segment& s = u.add_segment("Open ");
  s.source.add(code_kind::ph, "1").set("dataRef", "d1");
  inline_node& pc = s.source.add(code_kind::pc, "2");
  pc.add_text("now");
  s.add_target("final").add_text("Jetzt \x02");
  s.target->add(code_kind::ph, "1").set("dataRef", "d1");
  u.add_segment("Second");
  diagnostic_sink sink;
  validate(doc, source_location::none, sink);
  ASSERT_EQ(sink.all().size(), 0u);
  if (std::system("command -v xmllint >/dev/null 2>&1") != 0) {
    if (const char* ci = std::getenv("CI"); ci && std::string(ci) == "true")
      FAIL() << "xmllint (libxml2-utils) is missing, and CI=true requires it";
    GTEST_SKIP() << "xmllint is not installed";
  }
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("diaglot-xliff2-built-" + std::to_string(::getpid()) + ".xlf");
  std::ofstream(path, std::ios::binary) << write(doc);
  const std::string cmd = "XML_CATALOG_FILES=" + schemas +
                          "/catalog.xml xmllint --nonet --noout "
                          "--schema " +
                          schemas + "/xliff-2.0/xliff_core_2.0.xsd '" + path.string() +
                          "' >/dev/null 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace diaglot::xliff
