// Machine-readable diagnostics. No SARIF 2.1.0 JSON schema ships in a Debian package, so the
// SARIF test checks, property by property, what the schema requires of each object diaglot
// writes (sarifLog: version, runs; run: tool; tool: driver; driver: name; result: message;
// reportingDescriptor: id; physicalLocation: artifactLocation; region: 1-based lines and
// columns) and what code-scanning services read (ruleId, level, locations).
#include "report/diagnostics_report.hpp"

#include <gtest/gtest.h>

#include <set>

#include "driver/report_commands.hpp"
#include "support/corpus.hpp"
#include "support/json.hpp"
#include "support/temp_tree.hpp"
#include "util/utf8.hpp"

namespace diaglot::report {
namespace {

namespace pt = boost::property_tree;
using testing::parse_json;

std::vector<pt::ptree> items(const pt::ptree& array) {
  std::vector<pt::ptree> out;
  for (const auto& [key, v] : array) {
    EXPECT_TRUE(key.empty()) << "not an array";
    out.push_back(v);
  }
  return out;
}

struct sample {
  source_manager sources;
  diagnostic_sink sink;
  sample() {
    const std::uint32_t a = sources.add("dir with space/a.ko.xlf", "<a>\n  <target>x</target>\n");
    const std::uint32_t b = sources.add("b.md", "# T\n\ntext\n");
    sink.report(diag::duplicate_id, {a, 6}, {"Hello", "ko"});
    sink.note(diag::note_first_definition, {b, 0});
    sink.report(diag::whitespace_mismatch, {a, 8}, {"at the end ..."});
    sink.report(diag::no_messages, source_location{});
  }
};

TEST(path_to_uri, keeps_relative_paths_relative_and_encodes_the_rest) {
  EXPECT_EQ(path_to_uri("corpus/ko-KR/a b.md"), "corpus/ko-KR/a%20b.md");
  EXPECT_EQ(path_to_uri("/work/x#1.xlf"), "file:///work/x%231.xlf");
  EXPECT_EQ(path_to_uri("문서.md"), "%EB%AC%B8%EC%84%9C.md");
}

TEST(diagnostics_sarif, has_what_sarif_2_1_0_requires) {
  const sample s;
  const pt::ptree log = parse_json(diagnostics_sarif(s.sink.all(), s.sources));
  EXPECT_EQ(log.get<std::string>("version"), "2.1.0");
  EXPECT_EQ(log.get<std::string>("$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
  const std::vector<pt::ptree> runs = items(log.get_child("runs"));
  ASSERT_EQ(runs.size(), 1u);
  const pt::ptree& run = runs[0];
  EXPECT_EQ(run.get<std::string>("tool.driver.name"), "diaglot");
  EXPECT_EQ(run.get<std::string>("columnKind"), "unicodeCodePoints");

  const std::vector<pt::ptree> rules = items(run.get_child("tool.driver.rules"));
  std::vector<std::string> rule_ids;
  for (const pt::ptree& r : rules) {
    rule_ids.push_back(r.get<std::string>("id"));
    EXPECT_FALSE(r.get<std::string>("shortDescription.text").empty());
    const std::string level = r.get<std::string>("defaultConfiguration.level");
    EXPECT_TRUE(level == "error" || level == "warning" || level == "note") << level;
  }
  EXPECT_EQ(rule_ids, (std::vector<std::string>{"DGL0401", "DGL0407", "DGL0509"}));

  const std::vector<pt::ptree> artifacts = items(run.get_child("artifacts"));
  ASSERT_EQ(artifacts.size(), 2u);
  EXPECT_EQ(artifacts[0].get<std::string>("location.uri"), "dir%20with%20space/a.ko.xlf");

  const std::vector<pt::ptree> results = items(run.get_child("results"));
  ASSERT_EQ(results.size(), 3u);
  for (const pt::ptree& r : results) {
    const std::string id = r.get<std::string>("ruleId");
    const std::size_t index = r.get<std::size_t>("ruleIndex");
    ASSERT_LT(index, rule_ids.size());
    EXPECT_EQ(rule_ids[index], id);
    EXPECT_FALSE(r.get<std::string>("message.text").empty());
    const std::string level = r.get<std::string>("level");
    EXPECT_TRUE(level == "error" || level == "warning" || level == "note") << level;
  }
  const pt::ptree& first = results[0];
  EXPECT_EQ(first.get<std::string>("ruleId"), "DGL0401");
  EXPECT_EQ(first.get<std::string>("level"), "error");
  EXPECT_EQ(first.get<std::string>("message.text"), "message `Hello` is defined twice in `ko`");
  const std::vector<pt::ptree> locations = items(first.get_child("locations"));
  ASSERT_EQ(locations.size(), 1u);
  EXPECT_EQ(locations[0].get<std::string>("physicalLocation.artifactLocation.uri"),
            "dir%20with%20space/a.ko.xlf");
  EXPECT_EQ(locations[0].get<int>("physicalLocation.artifactLocation.index"), 0);
  EXPECT_EQ(locations[0].get<int>("physicalLocation.region.startLine"), 2);
  EXPECT_EQ(locations[0].get<int>("physicalLocation.region.startColumn"), 3);
  const std::vector<pt::ptree> related = items(first.get_child("relatedLocations"));
  ASSERT_EQ(related.size(), 1u);
  EXPECT_EQ(related[0].get<std::string>("physicalLocation.artifactLocation.uri"), "b.md");
  EXPECT_EQ(related[0].get<std::string>("message.text"), "first defined here");
  EXPECT_EQ(results[1].get<std::string>("level"), "warning");
  // A diagnostic without a place has no locations rather than an empty one.
  EXPECT_FALSE(results[2].get_child_optional("locations"));
}

// SARIF 2.1.0 §3.11.5: `{n}` in a message string is a placeholder for `arguments[n]`, and a
// literal brace is written `{{` or `}}`. diaglot's messages quote placeholders (`{0}`, `{dir}`)
// and give no arguments: written as they are, a viewer substitutes or drops them.
TEST(diagnostics_sarif, doubles_the_braces_of_quoted_placeholders) {
  source_manager sources;
  diagnostic_sink sink;
  const std::uint32_t a = sources.add("a.ko.xlf", "<a>\n  <target>x</target>\n");
  sink.report(diag::placeholder_mismatch, {a, 6}, {"missing `{0}`; not in the source `{dir}`"});
  sink.note(diag::note_first_definition, {a, 0});
  const pt::ptree log = parse_json(
      diagnostics_sarif(sink.all(), sources, [](diag, const std::vector<std::string>& args) {
        return args.empty() ? std::string("first {here}") : "quoted " + args[0];
      }));
  const pt::ptree& result =
      log.get_child("runs").begin()->second.get_child("results").begin()->second;
  EXPECT_EQ(result.get<std::string>("message.text"),
            "quoted missing `{{0}}`; not in the source `{{dir}}`");
  EXPECT_FALSE(result.get_child_optional("message.arguments"));
  EXPECT_EQ(result.get_child("relatedLocations").begin()->second.get<std::string>("message.text"),
            "first {{here}}");
  // The JSON form is diaglot's own: the text as it is.
  const pt::ptree json = parse_json(diagnostics_json(sink.all(), sources));
  EXPECT_EQ(json.begin()->second.get<std::string>("message"),
            "placeholders differ from the source: missing `{0}`; not in the source `{dir}`");
}

TEST(diagnostics_sarif, keeps_a_note_without_a_place_and_words_rules_in_the_messages_language) {
  source_manager sources;
  diagnostic_sink sink;
  const std::uint32_t a = sources.add("a.ko.xlf", "<a>\n  <target>x</target>\n");
  sink.report(diag::duplicate_id, {a, 6}, {"Hello", "ko"});
  sink.note(diag::note_first_definition, source_location{});
  const auto shout = [](diag d, const std::vector<std::string>& args) {
    std::string out = english_text(d, args);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
  };
  const pt::ptree log = parse_json(diagnostics_sarif(sink.all(), sources, shout));
  const pt::ptree& run = log.get_child("runs").begin()->second;
  // The rule's description is its template, placeholders kept, in the messages' language.
  EXPECT_EQ(
      run.get_child("tool.driver.rules").begin()->second.get<std::string>("shortDescription.text"),
      "MESSAGE `{0}` IS DEFINED TWICE IN `{1}`");
  const pt::ptree& result = run.get_child("results").begin()->second;
  const std::vector<pt::ptree> related = items(result.get_child("relatedLocations"));
  ASSERT_EQ(related.size(), 1u);
  EXPECT_EQ(related[0].get<std::string>("message.text"), "FIRST DEFINED HERE");
  EXPECT_FALSE(related[0].get_child_optional("physicalLocation"));
}

TEST(diagnostics_sarif, an_empty_run_is_still_a_log) {
  const source_manager sources;
  const pt::ptree log = parse_json(diagnostics_sarif({}, sources));
  EXPECT_EQ(log.get<std::string>("version"), "2.1.0");
  const pt::ptree& run = log.get_child("runs").begin()->second;
  EXPECT_EQ(run.get<std::string>("tool.driver.name"), "diaglot");
  EXPECT_TRUE(run.get_child("results").empty());
  EXPECT_EQ(run.get<std::string>("language"), "en");
  // Messages printed in another language say so (SARIF takes a run without it to be en-US).
  const pt::ptree korean = parse_json(diagnostics_sarif({}, sources, english_text, "ko"));
  EXPECT_EQ(korean.get_child("runs").begin()->second.get<std::string>("language"), "ko");
}

TEST(diagnostics_json, lists_code_severity_place_message_and_notes) {
  const sample s;
  const pt::ptree all = parse_json(diagnostics_json(s.sink.all(), s.sources));
  const std::vector<pt::ptree> ds = items(all);
  ASSERT_EQ(ds.size(), 3u);
  EXPECT_EQ(ds[0].get<std::string>("code"), "DGL0401");
  EXPECT_EQ(ds[0].get<std::string>("severity"), "error");
  EXPECT_EQ(ds[0].get<std::string>("file"), "dir with space/a.ko.xlf");
  EXPECT_EQ(ds[0].get<int>("line"), 2);
  EXPECT_EQ(ds[0].get<int>("column"), 3);
  const std::vector<pt::ptree> notes = items(ds[0].get_child("notes"));
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].get<std::string>("severity"), "note");
  EXPECT_FALSE(ds[2].get_child_optional("file"));
}

TEST(diagnostics_sarif, locates_a_real_check_finding) {
  driver::check_options o;
  o.sources = {testing::fixture_path("check/DGL0504")};
  driver::session s;
  driver::check(o, s);
  const pt::ptree log = parse_json(diagnostics_sarif(s.sink.all(), s.sources));
  const pt::ptree& run = log.get_child("runs").begin()->second;
  const std::vector<pt::ptree> results = items(run.get_child("results"));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].get<std::string>("ruleId"), "DGL0504");
  const pt::ptree& where = results[0].get_child("locations").begin()->second;
  EXPECT_EQ(where.get<int>("physicalLocation.region.startLine"), 11);
  EXPECT_EQ(where.get<int>("physicalLocation.region.startColumn"), 9);
  const std::string uri = where.get<std::string>("physicalLocation.artifactLocation.uri");
  EXPECT_EQ(uri.substr(0, 8), "file:///");
  EXPECT_EQ(uri.substr(uri.size() - 17), "strings.ko-KR.xlf");
}

TEST(diagnostics_json, writes_utf8_for_a_file_name_that_is_not) {
  // Linux allows any bytes but '/' and NUL in a file name: a Latin-1 name is not UTF-8, and JSON
  // must be. Its bytes become U+FFFD in JSON, and are percent-encoded, as they are, in a URI.
  const testing::temp_tree tree("report");
  tree.write("caf\xE9.md", "Just a paragraph without any title.\n");
  driver::check_options o;
  o.sources = {tree.path()};
  driver::session s;
  driver::check(o, s);
  s.sink.report(diag::cannot_read, source_location{}, {tree.path("caf\xE9.md"), "why not"});
  ASSERT_EQ(s.sink.all().size(), 2u);

  const std::string json = diagnostics_json(s.sink.all(), s.sources);
  EXPECT_EQ(utf8::first_invalid(json), std::string_view::npos) << json;
  const std::vector<pt::ptree> ds = items(parse_json(json));
  ASSERT_EQ(ds.size(), 2u);
  EXPECT_EQ(ds[0].get<std::string>("code"), "DGL0102");
  EXPECT_EQ(ds[0].get<std::string>("file"), tree.path("caf\xEF\xBF\xBD.md"));
  EXPECT_EQ(ds[1].get<std::string>("message"),
            "cannot read `" + tree.path("caf\xEF\xBF\xBD.md") + "`: why not");

  const std::string sarif = diagnostics_sarif(s.sink.all(), s.sources);
  EXPECT_EQ(utf8::first_invalid(sarif), std::string_view::npos) << sarif;
  const pt::ptree log = parse_json(sarif);
  const pt::ptree& run = log.get_child("runs").begin()->second;
  const std::vector<pt::ptree> results = items(run.get_child("results"));
  ASSERT_EQ(results.size(), 2u);
  const pt::ptree& where = results[0].get_child("locations").begin()->second;
  const std::string uri = where.get<std::string>("physicalLocation.artifactLocation.uri");
  EXPECT_EQ(uri.substr(uri.size() - 9), "caf%E9.md");
  EXPECT_EQ(results[1].get<std::string>("message.text"),
            "cannot read `" + tree.path("caf\xEF\xBF\xBD.md") + "`: why not");
}

}  // namespace
}  // namespace diaglot::report
