// Each constraint and processing requirement validate() implements, with the exact code and
// place it reports, and documents that follow the rule and must pass.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "xliff/xliff2.hpp"

namespace diaglot::xliff {
namespace {

/// A document read and checked; `found` lists "DGLnnnn line:col" of every diagnostic.
struct checked {
  source_manager sources;
  diagnostic_sink sink;
  std::vector<std::string> found;

  explicit checked(const std::string& xml, const validate_options& options = {}) {
    const std::uint32_t file = sources.add("t.xlf", xml);
    if (const std::optional<document> doc = parse(xml, file, sink))
      validate(*doc, file, sink, options);
    sink.sort(sources);
    for (const diagnostic& d : sink.all()) {
      const line_column p = sources.position(d.where);
      found.push_back(diag_code(d.code) + " " + std::to_string(p.line) + ":" +
                      std::to_string(p.column));
    }
  }
  std::string rendered() const {
    std::string out;
    for (const diagnostic& d : sink.all()) out += render(d, sources);
    return out;
  }
};

const char* const head =
    "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" "
    "trgLang=\"fr\"\n xmlns:fs=\"urn:oasis:names:tc:xliff:fs:2.0\" xmlns:my=\"urn:my\">\n";

/// A document whose <file id="f1"> (line 3) holds `body` from line 4 on.
std::string in_file(const std::string& body) {
  return std::string(head) + "<file id=\"f1\">\n" + body + "\n</file>\n</xliff>\n";
}

/// A document whose <unit id="u1"> (line 4) holds `body`, from line 5 on.
std::string in_unit(const std::string& body) {
  return in_file("<unit id=\"u1\">\n" + body + "\n</unit>");
}

struct rule_case {
  const char* rule;
  std::string xml;
  std::vector<std::string> expected;  ///< every diagnostic, "DGLnnnn line:col"
};

void expect_cases(const std::vector<rule_case>& cases) {
  for (const rule_case& c : cases) {
    SCOPED_TRACE(c.rule);
    const checked r(c.xml);
    EXPECT_EQ(r.found, c.expected) << r.rendered();
  }
}

TEST(xliff2_validator, structure_and_required_content) {
  expect_cases({
      {"notes after the segments of a unit",
       in_unit("<segment><source>a</source></segment><notes><note>n</note></notes>"),
       {"DGL0701 5:38"}},
      {"an extension element inside a segment",
       in_unit("<segment><source>a</source><my:x/></segment>"),
       {"DGL0701 5:28"}},
      {"text in a unit", in_unit("<segment><source>a</source></segment>stray"), {"DGL0701 5:38"}},
      {"content in an empty element",
       in_unit("<segment><source><ph id=\"1\">x</ph></source></segment>"),
       {"DGL0701 5:29"}},
      {"an element outside the XLIFF inline set in a source",
       in_unit("<segment><source><b>x</b></source></segment>"),
       {"DGL0701 5:18"}},
      {"a unit with only an ignorable",
       in_unit("<ignorable><source> </source></ignorable>"),
       {"DGL0702 4:1"}},
      {"empty notes",
       in_unit("<notes></notes><segment><source>a</source></segment>"),
       {"DGL0702 5:1"}},
      {"a segment without source",
       in_unit("<segment><target>a</target></segment>"),
       {"DGL0702 5:1"}},
      {"a file without units", in_file("<notes><note>n</note></notes>"), {"DGL0702 3:1"}},
      {"a group without id",
       in_file("<group><unit id=\"u\"><segment><source>a</source></segment></unit></group>"),
       {"DGL0703 4:1"}},
      {"a ph without id", in_unit("<segment><source><ph/></source></segment>"), {"DGL0703 5:18"}},
  });
}

TEST(xliff2_validator, attributes_and_their_values) {
  expect_cases({
      {"translate on a segment",
       in_unit("<segment translate=\"no\"><source>a</source></segment>"),
       {"DGL0704 5:21"}},
      {"an extension attribute on a code",
       in_unit("<segment><source><pc id=\"1\" my:x=\"1\">a</pc></source></segment>"),
       {"DGL0704 5:35"}},
      {"an attribute the Format Style module does not define",
       in_unit("<segment><source><ph id=\"1\" fs:Bad=\"b\"/></source></segment>"),
       {"DGL0704 5:37"}},
      {"xml:lang on a mrk",
       in_unit("<segment><source><mrk id=\"m\" xml:lang=\"en\">a</mrk></source></segment>"),
       {"DGL0704 5:40"}},
      {"a state outside the four",
       in_unit("<segment state=\"done\"><source>a</source></segment>"),
       {"DGL0705 5:17"}},
      {"an id that is not an NMTOKEN",
       in_unit("<segment id=\"a b\"><source>a</source></segment>"),
       {"DGL0705 5:14"}},
      {"a code type outside the six",
       in_unit("<segment><source><ph id=\"1\" type=\"bold\"/></source></segment>"),
       {"DGL0705 5:35"}},
      {"a keyword in the wrong case",
       in_unit("<segment><source><ph id=\"1\" canCopy=\"YES\"/></source></segment>"),
       {"DGL0705 5:38"}},
      {"an fs:fs value that is no HTML element",
       in_unit("<segment><source><ph id=\"1\" fs:fs=\"bold\"/></source></segment>"),
       {"DGL0705 5:36"}},
      {"a data xml:space other than preserve",
       in_unit("<originalData><data id=\"d\" xml:space=\"default\">x</data></originalData>"
               "<segment><source>a</source></segment>"),
       {"DGL0705 5:39"}},
      {"a malformed srcLang",
       "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"e\">"
       "<file id=\"f\"><unit id=\"u\"><segment><source>a</source></segment></unit></file></xliff>",
       {"DGL0706 1:77"}},
      {"a malformed xml:lang",
       in_unit("<segment><source xml:lang=\"en US\">a</source></segment>"),
       {"DGL0706 5:28"}},
  });
}

TEST(xliff2_validator, languages_and_white_space) {
  expect_cases({
      {"a source in another language",
       in_unit("<segment><source xml:lang=\"de\">a</source></segment>"),
       {"DGL0707 5:28"}},
      {"a target inheriting another language from its unit",
       in_file("<unit id=\"u\" xml:lang=\"en\"><segment><source>a</source><target>b</target>"
               "</segment></unit>"),
       {"DGL0707 4:55"}},
      {"language tags compare without case",
       in_unit("<segment><source xml:lang=\"EN\">a</source><target xml:lang=\"Fr\">b</target>"
               "</segment>"),
       {}},
      {"targets without trgLang",
       "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\">"
       "<file id=\"f\"><unit id=\"u\"><segment><source>a</source><target>b</target></segment>"
       "</unit></file></xliff>",
       {"DGL0708 1:1"}},
      {"a version of another namespace",
       "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.2\" srcLang=\"en\">"
       "<file id=\"f\"><unit id=\"u\"><segment><source>a</source></segment></unit></file></xliff>",
       {"DGL0709 1:63"}},
      {"a root that is not xliff",
       "<file xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" id=\"f\"/>",
       {"DGL0709 1:1"}},
      {"target and source with different xml:space",
       in_unit("<segment><source xml:space=\"preserve\">a</source><target>b</target></segment>"),
       {"DGL0738 5:49"}},
      {"xml:space inherited alike",
       in_file("<unit id=\"u\" xml:space=\"preserve\"><segment><source>a</source><target>b"
               "</target></segment></unit>"),
       {}},
  });
}

TEST(xliff2_validator, ids_are_unique_in_their_scope) {
  expect_cases({
      {"files",
       std::string(head) +
           "<file id=\"f\"><unit id=\"u\"><segment><source>a</source>"
           "</segment></unit></file>\n<file id=\"f\"><unit id=\"u\"><segment><source>a"
           "</source></segment></unit></file>\n</xliff>",
       {"DGL0710 4:11"}},
      {"groups of a file, nested",
       in_file("<group id=\"g\"><group id=\"g\"><unit id=\"u\"><segment><source>a</source>"
               "</segment></unit></group></group>"),
       {"DGL0710 4:26"}},
      {"units of a file across groups",
       in_file("<group id=\"g\"><unit id=\"u\"><segment><source>a</source></segment></unit></group>"
               "<unit id=\"u\"><segment><source>a</source></segment></unit>"),
       {"DGL0710 4:90"}},
      {"notes of one unit",
       in_unit("<notes><note id=\"n\">a</note><note id=\"n\">b</note></notes><segment><source>a"
               "</source></segment>"),
       {"DGL0710 5:39"}},
      {"notes of a unit and of its file may share ids",
       in_file("<notes><note id=\"n\">a</note></notes><unit id=\"u\"><notes><note id=\"n\">b"
               "</note></notes><segment><source>a</source></segment></unit>"),
       {}},
      {"data of a unit",
       in_unit("<originalData><data id=\"d\">a</data><data id=\"d\">b</data></originalData>"
               "<segment><source><ph id=\"1\" dataRef=\"d\"/></source></segment>"),
       {"DGL0710 5:46"}},
      {"a segment and a code share one scope",
       in_unit("<segment id=\"1\"><source><ph id=\"1\"/></source></segment>"),
       {"DGL0710 5:33"}},
      {"an ignorable and a segment",
       in_unit("<segment id=\"s\"><source>a</source></segment><ignorable id=\"s\"><source> "
               "</source></ignorable>"),
       {"DGL0710 5:60"}},
      {"a target code reusing the id of another kind of source code",
       in_unit("<segment><source><ph id=\"1\"/></source><target><pc id=\"1\">b</pc></target>"
               "</segment>"),
       {"DGL0710 5:55"}},
      {"a target turning a pc into an sc/ec pair, keeping its id and hints",
       in_unit("<segment><source><pc id=\"1\" canDelete=\"no\">a</pc></source><target>"
               "<sc id=\"1\" canDelete=\"no\"/>b<ec startRef=\"1\" canDelete=\"no\"/>"
               "</target></segment>"),
       {}},
      {"target codes reuse their source code's id",
       in_unit("<segment><source><ph id=\"1\"/></source><target><ph id=\"1\"/></target>"
               "</segment>"),
       {}},
      {"extension ids in one unit, id and xml:id alike",
       in_unit("<my:a id=\"x\"/><my:b xml:id=\"x\"/><segment><source>a</source></segment>"),
       {"DGL0710 5:29"}},
  });
}

TEST(xliff2_validator, target_order) {
  expect_cases({
      {"two explicit orders alike",
       in_unit("<segment><source>a</source><target order=\"2\">b</target></segment>"
               "<segment><source>c</source><target order=\"2\">d</target></segment>"),
       {"DGL0711 5:108"}},
      {"an explicit order taking an implicit one",
       in_unit("<segment><source>a</source><target order=\"2\">b</target></segment>"
               "<segment><source>c</source><target>d</target></segment>"),
       {"DGL0711 5:43"}},
      {"an order beyond the segments",
       in_unit("<segment><source>a</source><target order=\"3\">b</target></segment>"
               "<ignorable><source> </source></ignorable>"),
       {"DGL0711 5:43"}},
      {"a swap",
       in_unit("<segment><source>a</source><target order=\"2\">b</target></segment>"
               "<segment><source>c</source><target order=\"1\">d</target></segment>"),
       {}},
  });
}

TEST(xliff2_validator, spanning_codes_and_markers_pair_up) {
  expect_cases({
      {"sc without ec",
       in_unit("<segment><source><sc id=\"1\"/>a</source></segment>"),
       {"DGL0712 5:18"}},
      {"ec before its sc",
       in_unit("<segment><source><ec startRef=\"1\"/>a<sc id=\"1\"/></source></segment>"),
       {"DGL0713 5:32"}},
      {"ec without sc",
       in_unit("<segment><source>a<ec startRef=\"9\"/></source></segment>"),
       {"DGL0713 5:33"}},
      {"a pair across segments",
       in_unit("<segment><source><sc id=\"1\"/>a</source></segment><segment><source>b"
               "<ec startRef=\"1\"/></source></segment>"),
       {}},
      {"an isolated sc whose ec is in the unit",
       in_unit("<segment><source><sc id=\"1\" isolated=\"yes\"/>a<ec startRef=\"1\"/></source>"
               "</segment>"),
       {"DGL0714 5:39"}},
      {"an isolated ec whose sc is in the unit",
       in_unit("<segment><source><sc id=\"1\"/>a<ec id=\"1\" isolated=\"yes\"/></source>"
               "</segment>"),
       {"DGL0712 5:18", "DGL0710 5:39", "DGL0714 5:52"}},
      {"isolated codes",
       in_unit("<segment><source><sc id=\"1\" isolated=\"yes\"/>a<ec id=\"2\" "
               "isolated=\"yes\"/></source></segment>"),
       {}},
      {"a non-isolated ec with an id",
       in_unit("<segment><source><sc id=\"1\"/>a<ec id=\"2\"/></source></segment>"),
       {"DGL0712 5:18", "DGL0715 5:31"}},
      {"an isolated ec with startRef",
       in_unit("<segment><source>a<ec startRef=\"1\" isolated=\"yes\"/></source></segment>"),
       {"DGL0715 5:19"}},
      {"an ec with neither",
       in_unit("<segment><source>a<ec/></source></segment>"),
       {"DGL0715 5:19"}},
      {"an ec that does not repeat its sc's canCopy",
       in_unit("<segment><source><sc id=\"1\" canCopy=\"no\"/>a<ec startRef=\"1\"/></source>"
               "</segment>"),
       {"DGL0716 5:44"}},
      {"an ec after firstNo must say no",
       in_unit("<segment><source><sc id=\"1\" canReorder=\"firstNo\" canCopy=\"no\" "
               "canDelete=\"no\"/>a<ec startRef=\"1\" canCopy=\"no\" canDelete=\"no\"/>"
               "</source></segment>"),
       {"DGL0716 5:80"}},
      {"dir on a non-isolated ec",
       in_unit("<segment><source><sc id=\"1\"/>a<ec startRef=\"1\" dir=\"rtl\"/></source>"
               "</segment>"),
       {"DGL0717 5:53"}},
      {"sm without em",
       in_unit("<segment><source><sm id=\"m\" type=\"my:x\"/>a</source></segment>"),
       {"DGL0718 5:18"}},
      {"em without sm",
       in_unit("<segment><source>a<em startRef=\"m\"/></source></segment>"),
       {"DGL0719 5:33"}},
      {"an annotation across segments",
       in_unit("<segment><source><sm id=\"m\" translate=\"no\"/>a</source></segment>"
               "<segment><source>b<em startRef=\"m\"/></source></segment>"),
       {}},
  });
}

TEST(xliff2_validator, original_data_and_copies) {
  expect_cases({
      {"a dataRef naming no data",
       in_unit("<originalData><data id=\"d1\">x</data></originalData><segment><source>"
               "<ph id=\"1\" dataRef=\"d2\"/></source></segment>"),
       {"DGL0720 5:89"}},
      {"a dataRefEnd without originalData",
       in_unit("<segment><source><pc id=\"1\" dataRefEnd=\"d\">a</pc></source></segment>"),
       {"DGL0720 5:41"}},
      {"copyOf naming no code",
       in_unit("<segment><source><ph id=\"1\"/></source><target><ph id=\"1\"/><ph id=\"2\" "
               "copyOf=\"7\"/></target></segment>"),
       {"DGL0721 5:78"}},
      {"a copy of a code that may not be copied",
       in_unit("<segment><source><ph id=\"1\" canCopy=\"no\"/></source><target><ph id=\"1\" "
               "canCopy=\"no\"/><ph id=\"2\" copyOf=\"1\"/></target></segment>"),
       {"DGL0722 5:104"}},
      {"a copy with original data of its own",
       in_unit("<originalData><data id=\"d\">x</data></originalData><segment><source>"
               "<ph id=\"1\"/><ph id=\"2\" copyOf=\"1\" dataRef=\"d\"/></source></segment>"),
       {"DGL0722 5:99"}},
      {"a copy of a code without data",
       in_unit("<segment><source><pc id=\"1\">a</pc></source><target><pc id=\"1\">b</pc>"
               "<pc id=\"2\" copyOf=\"1\">c</pc></target></segment>"),
       {}},
  });
}

TEST(xliff2_validator, editing_hints) {
  expect_cases({
      {"no without copy and delete hints",
       in_unit("<segment><source><ph id=\"1\" canReorder=\"firstNo\"/></source></segment>"),
       {"DGL0723 5:41"}},
      {"a sequence starting with no",
       in_unit("<segment><source><ph id=\"1\" canReorder=\"no\" canCopy=\"no\" canDelete=\"no\"/>"
               "</source></segment>"),
       {"DGL0724 5:41"}},
      {"a target breaking a sequence",
       in_unit("<segment><source><ph id=\"1\" canReorder=\"firstNo\" canCopy=\"no\" "
               "canDelete=\"no\"/><ph id=\"2\" canReorder=\"no\" canCopy=\"no\" canDelete=\"no\"/>"
               "<ph id=\"3\"/></source><target><ph id=\"1\" canReorder=\"firstNo\" canCopy=\"no\" "
               "canDelete=\"no\"/><ph id=\"3\"/><ph id=\"2\" canReorder=\"no\" canCopy=\"no\" "
               "canDelete=\"no\"/></target></segment>"),
       {"DGL0725 5:237", "DGL0724 5:260"}},
      {"a target moving a whole sequence",
       in_unit("<segment><source><ph id=\"1\" canReorder=\"firstNo\" canCopy=\"no\" "
               "canDelete=\"no\"/><ph id=\"2\" canReorder=\"no\" canCopy=\"no\" canDelete=\"no\"/>"
               "<ph id=\"3\"/></source><target><ph id=\"3\"/><ph id=\"1\" canReorder=\"firstNo\" "
               "canCopy=\"no\" canDelete=\"no\"/><ph id=\"2\" canReorder=\"no\" canCopy=\"no\" "
               "canDelete=\"no\"/></target></segment>"),
       {}},
      {"a target without a code that cannot be deleted",
       in_unit("<segment><source><ph id=\"1\" canDelete=\"no\"/>a</source><target>b</target>"
               "</segment>"),
       {"DGL0726 5:55"}},
      {"the code in another segment's target",
       in_unit("<segment><source><ph id=\"1\" canDelete=\"no\"/>a</source><target>b</target>"
               "</segment><segment><source>c</source><target><ph id=\"1\" canDelete=\"no\"/>"
               "</target></segment>"),
       {}},
      {"no target, nothing to check",
       in_unit("<segment><source><ph id=\"1\" canDelete=\"no\"/>a</source></segment>"),
       {}},
  });
}

TEST(xliff2_validator, annotations_and_references) {
  expect_cases({
      {"a comment with value and ref",
       in_unit("<notes><note id=\"n\">c</note></notes><segment><source><mrk id=\"m\" "
               "type=\"comment\" value=\"v\" ref=\"#n=n\">a</mrk></source></segment>"),
       {"DGL0727 5:54"}},
      {"a comment with neither",
       in_unit("<segment><source><mrk id=\"m\" type=\"comment\">a</mrk></source></segment>"),
       {"DGL0727 5:18"}},
      {"a comment on a file note",
       in_file(
           "<notes><note id=\"n\">c</note></notes><unit id=\"u\"><segment><source>"
           "<mrk id=\"m\" type=\"comment\" ref=\"#f=f1/n=n\">a</mrk></source></segment></unit>"),
       {"DGL0728 4:99"}},
      {"a comment on a missing note",
       in_unit("<segment><source><mrk id=\"m\" type=\"comment\" ref=\"#n=x\">a</mrk></source>"
               "</segment>"),
       {"DGL0728 5:50"}},
      {"a comment on a note of its unit, absolute",
       in_unit("<notes><note id=\"n\">c</note></notes><segment><source><mrk id=\"m\" "
               "type=\"comment\" ref=\"#/f=f1/u=u1/n=n\">a</mrk></source></segment>"),
       {}},
      {"a fragment identifier without a selector",
       in_unit("<segment><source><mrk id=\"m\" type=\"term\" ref=\"#/\">a</mrk></source>"
               "</segment>"),
       {"DGL0729 5:47"}},
      {"selectors out of order",
       in_unit("<segment><source><mrk id=\"m\" type=\"term\" ref=\"#u=u1/f=f1/n=n\">a</mrk>"
               "</source></segment>"),
       {"DGL0730 5:47"}},
      {"two leaves",
       in_unit("<segment><source><mrk id=\"m\" type=\"term\" ref=\"#n=n/d=d\">a</mrk></source>"
               "</segment>"),
       {"DGL0730 5:47"}},
      {"an unregistered prefix",
       in_unit("<segment><source><mrk id=\"m\" type=\"term\" ref=\"#abc=x\">a</mrk></source>"
               "</segment>"),
       {"DGL0731 5:47"}},
      {"a module prefix",
       in_unit("<segment><source><mrk id=\"m\" type=\"term\" ref=\"#gls=g1\">a</mrk></source>"
               "</segment>"),
       {}},
      {"a sub-flow naming no unit of the file",
       in_unit("<segment><source><ph id=\"1\" subFlows=\"u1 u9\"/></source></segment>"),
       {"DGL0732 5:39"}},
  });
}

TEST(xliff2_validator, code_points_skeleton_states_and_types) {
  expect_cases({
      {"cp for a valid character",
       in_unit("<segment><source><cp hex=\"0041\"/></source></segment>"),
       {"DGL0733 5:27"}},
      {"cp for a control character",
       in_unit("<segment><source><cp hex=\"0001\"/></source></segment>"),
       {}},
      {"cp beyond Unicode",
       in_unit("<segment><source><cp hex=\"110000\"/></source></segment>"),
       {"DGL0705 5:27"}},
      {"an empty skeleton without href",
       in_file("<skeleton/><unit id=\"u\"><segment><source>a</source></segment></unit>"),
       {"DGL0734 4:1"}},
      {"a skeleton with content and href",
       in_file("<skeleton href=\"s.skl\">x</skeleton><unit id=\"u\"><segment><source>a</source>"
               "</segment></unit>"),
       {"DGL0734 4:1"}},
      {"subState without state",
       in_unit("<segment subState=\"my:x\"><source>a</source></segment>"),
       {"DGL0735 5:20"}},
      {"a final segment without target",
       in_unit("<segment state=\"final\"><source>a</source></segment>"),
       {"DGL0736 5:17"}},
      {"subType without type",
       in_unit("<segment><source><ph id=\"1\" subType=\"my:var\"/></source></segment>"),
       {"DGL0737 5:38"}},
      {"xlf:var with type fmt",
       in_unit("<segment><source><ph id=\"1\" type=\"fmt\" subType=\"xlf:var\"/></source>"
               "</segment>"),
       {"DGL0737 5:49"}},
      {"a reserved subType xlf does not define",
       in_unit("<segment><source><ph id=\"1\" type=\"fmt\" subType=\"xlf:big\"/></source>"
               "</segment>"),
       {"DGL0705 5:49"}},
  });
}

TEST(xliff2_validator, modules) {
  expect_cases({
      {"fs on a non-isolated ec",
       in_unit("<segment><source><sc id=\"1\"/>a<ec startRef=\"1\" fs:fs=\"b\"/></source>"
               "</segment>"),
       {"DGL0739 5:55"}},
      {"fs on an isolated ec",
       in_unit("<segment><source>a<ec id=\"1\" isolated=\"yes\" fs:fs=\"b\"/></source>"
               "</segment>"),
       {}},
      {"subFs without fs",
       in_file("<unit id=\"u\" fs:subFs=\"src,a.png\"><segment><source>a</source></segment>"
               "</unit>"),
       {"DGL0739 4:24"}},
      {"an element the Validation module does not define",
       in_unit("<val:rules xmlns:val=\"urn:oasis:names:tc:xliff:validation:2.0\"/>"
               "<segment><source>a</source></segment>"),
       {"DGL0740 5:1"}},
      {"a module element in the wrong place",
       in_file("<mtc:matches xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\"/>"
               "<unit id=\"u\"><segment><source>a</source></segment></unit>"),
       {"DGL0740 4:1"}},
      {"match scores as xs:decimal writes them: signed, a negative zero, white space around",
       in_unit("<mtc:matches xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\"><mtc:match "
               "ref=\"#s\" similarity=\"+87.5\" matchQuality=\"-0.0\" matchSuitability=\" 100 "
               "\"><source>a</source><target>b</target></mtc:match></mtc:matches>"
               "<segment id=\"s\"><source>a</source></segment>"),
       {}},
      {"match scores below zero or above 100",
       in_unit("<mtc:matches xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\"><mtc:match "
               "ref=\"#s\" similarity=\"-0.5\" matchQuality=\"100.01\" matchSuitability=\" \">"
               "<source>a</source><target>b</target></mtc:match></mtc:matches>"
               "<segment id=\"s\"><source>a</source></segment>"),
       {"DGL0705 5:95", "DGL0705 5:115", "DGL0705 5:141"}},
      {"module data where it belongs, kept whatever it holds",
       in_unit("<mtc:matches xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\"><mtc:match "
               "ref=\"#s\"><source><ph id=\"1\"/></source><target><ph id=\"1\"/></target>"
               "</mtc:match></mtc:matches><segment id=\"s\"><source><ph id=\"1\"/></source>"
               "</segment>"),
       {}},
  });
}

TEST(xliff2_validator, extension_prefixes_can_be_registered) {
  const std::string xml = in_unit(
      "<segment><source><mrk id=\"m\" type=\"term\" ref=\"#tbx=t1\">a</mrk></source></segment>");
  EXPECT_EQ(checked(xml).found, (std::vector<std::string>{"DGL0731 5:47"}));
  validate_options options;
  options.extension_prefixes = {"tbx"};
  EXPECT_EQ(checked(xml, options).found, (std::vector<std::string>{}));
}

TEST(xliff2_validator, messages_name_the_rule) {
  const checked r(in_unit("<segment><source><sc id=\"1\"/>a</source></segment>"));
  ASSERT_EQ(r.sink.all().size(), 1u);
  EXPECT_EQ(english_text(r.sink.all()[0].code, r.sink.all()[0].args),
            "`<sc id=\"1\">` has no matching `<ec startRef=\"1\">` after it in its unit; a start "
            "code whose end is in another unit needs `isolated=\"yes\"` (XLIFF 2.1 §4.2.3.4)");
  const checked dup(in_unit("<segment id=\"1\"><source><ph id=\"1\"/></source></segment>"));
  ASSERT_EQ(dup.sink.all().size(), 1u);
  EXPECT_EQ(english_text(dup.sink.all()[0].code, dup.sink.all()[0].args),
            "`<ph id=\"1\">` repeats an id already used in its scope, `<unit id=\"u1\">` "
            "(XLIFF 2.1 §4.3.1.21)");
}

TEST(xliff2_validator, checks_built_documents_without_a_file) {
  document doc("en", "de");
  unit& u = doc.add_file("f1").add_unit("u1");
  u.add_segment("a").set("state", "final");
  diagnostic_sink sink;
  validate(doc, source_location::none, sink);
  ASSERT_EQ(sink.all().size(), 1u);
  EXPECT_EQ(sink.all()[0].code, diag::xliff2_state_without_target);
  EXPECT_FALSE(sink.all()[0].where.known());
}

}  // namespace
}  // namespace diaglot::xliff
