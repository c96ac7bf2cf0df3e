// Machine-readable diagnostics. No SARIF 2.1.0 JSON schema ships in a Debian package, so the
// SARIF test checks, property by property, what the schema requires of each object diaglot
// writes (sarifLog: version, runs; run: tool; tool: driver; driver: name; result: message;
// reportingDescriptor: id; physicalLocation: artifactLocation; region: 1-based lines and
// columns) and what code-scanning services read (ruleId, level, locations).
#include "report/diagnostics_report.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "diaglot/version.hpp"
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

/// The members of a JSON object whose values are all strings or numbers, as text.
std::map<std::string, std::string> fields(const pt::ptree& object) {
  std::map<std::string, std::string> out;
  for (const auto& [key, v] : object) {
    EXPECT_TRUE(v.empty()) << key << " is not a string or a number";
    out[key] = v.data();
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
  EXPECT_EQ(run.get<std::string>("tool.driver.version"), version_string);
  EXPECT_EQ(run.get<std::string>("tool.driver.semanticVersion"), version_string);
  EXPECT_FALSE(run.get_child_optional("tool.driver.informationUri"));

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
  const pt::ptree korean = parse_json(diagnostics_sarif({}, sources, english_text, {"ko"}));
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

// SARIF 2.1.0 §3.4.4 and §3.14.14: a path under the working directory is a relative reference
// resolved against SRCROOT, which the run gives as the directory's file URI; a path outside it
// (`..` included, which a relative reference under SRCROOT must not hold) stays an absolute URI.
TEST(diagnostics_sarif, gives_paths_under_the_working_directory_relative_to_srcroot) {
  namespace fs = std::filesystem;
  const fs::path cwd = fs::current_path();
  ASSERT_NE(cwd, cwd.root_path()) << "the test needs a working directory with a parent";
  source_manager sources;
  diagnostic_sink sink;
  const std::uint32_t rel = sources.add("dir with space/문서.md", "# T\n\nx\n");
  const std::uint32_t inside = sources.add((cwd / "sub" / "b c.md").string(), "# T\n");
  sources.add("../outside é.md", "# T\n");
  sources.add("sub/../../up.md", "# T\n");
  sources.add("./sub/./x/../y.md", "# T\n");
  sink.report(diag::duplicate_id, {rel, 5}, {"Hello", "ko"});
  sink.note(diag::note_first_definition, {inside, 0});
  const std::string sarif = diagnostics_sarif(sink.all(), sources);
  const pt::ptree log = parse_json(sarif);
  const pt::ptree& run = log.get_child("runs").begin()->second;

  const std::string root = path_to_uri(cwd.string()) + "/";
  EXPECT_EQ(root.substr(0, 8), "file:///");
  EXPECT_EQ(fields(run.get_child("originalUriBaseIds.SRCROOT")),
            (std::map<std::string, std::string>{{"uri", root}}));

  using object = std::map<std::string, std::string>;
  const std::vector<pt::ptree> artifacts = items(run.get_child("artifacts"));
  ASSERT_EQ(artifacts.size(), 5u);
  EXPECT_EQ(
      fields(artifacts[0].get_child("location")),
      (object{{"uri", "dir%20with%20space/%EB%AC%B8%EC%84%9C.md"}, {"uriBaseId", "SRCROOT"}}));
  EXPECT_EQ(fields(artifacts[1].get_child("location")),
            (object{{"uri", "sub/b%20c.md"}, {"uriBaseId", "SRCROOT"}}));
  EXPECT_EQ(fields(artifacts[2].get_child("location")),
            (object{{"uri", path_to_uri((cwd.parent_path() / "outside é.md").string())}}));
  EXPECT_EQ(fields(artifacts[3].get_child("location")),
            (object{{"uri", path_to_uri((cwd.parent_path() / "up.md").string())}}));
  EXPECT_EQ(fields(artifacts[4].get_child("location")),
            (object{{"uri", "sub/y.md"}, {"uriBaseId", "SRCROOT"}}));
  const std::string outside = artifacts[2].get<std::string>("location.uri");
  EXPECT_EQ(outside.substr(outside.size() - 20), "/outside%20%C3%A9.md");

  // Results and their related locations say the same, with the artifact's index.
  const pt::ptree& result = run.get_child("results").begin()->second;
  EXPECT_EQ(fields(result.get_child("locations")
                       .begin()
                       ->second.get_child("physicalLocation.artifactLocation")),
            (object{{"uri", "dir%20with%20space/%EB%AC%B8%EC%84%9C.md"},
                    {"uriBaseId", "SRCROOT"},
                    {"index", "0"}}));
  EXPECT_EQ(fields(result.get_child("relatedLocations")
                       .begin()
                       ->second.get_child("physicalLocation.artifactLocation")),
            (object{{"uri", "sub/b%20c.md"}, {"uriBaseId", "SRCROOT"}, {"index", "1"}}));
  EXPECT_NE(sarif.find("{\"uri\": \"sub/b%20c.md\", \"uriBaseId\": \"SRCROOT\", \"index\": 1}"),
            std::string::npos)
      << sarif;
}

TEST(diagnostics_sarif, relative_uris_are_against_the_working_directory_given) {
  source_manager sources;
  sources.add("/home/user/my proj/디렉터리/a b/c.md", "# T\n");
  sources.add("/home/user/my proj/디렉터리2/x.md", "# T\n");  // a sibling, not under it
  sources.add("rel/d.md", "# T\n");
  sources.add("../e.md", "# T\n");
  sarif_options options;
  options.working_directory = "/home/user/my proj/디렉터리/";
  const std::string sarif = diagnostics_sarif({}, sources, english_text, options);
  EXPECT_NE(
      sarif.find("\n    \"originalUriBaseIds\": {\"SRCROOT\": {\"uri\": "
                 "\"file:///home/user/my%20proj/%EB%94%94%EB%A0%89%ED%84%B0%EB%A6%AC/\"}},\n"),
      std::string::npos)
      << sarif;
  EXPECT_NE(
      sarif.find("\"artifacts\": [\n"
                 "      {\"location\": {\"uri\": \"a%20b/c.md\", \"uriBaseId\": \"SRCROOT\"}},\n"
                 "      {\"location\": {\"uri\": "
                 "\"file:///home/user/my%20proj/%EB%94%94%EB%A0%89%ED%84%B0%EB%A6%AC2/x.md\"}},\n"
                 "      {\"location\": {\"uri\": \"rel/d.md\", \"uriBaseId\": \"SRCROOT\"}},\n"
                 "      {\"location\": {\"uri\": \"file:///home/user/my%20proj/e.md\"}}\n"
                 "    ],\n"),
      std::string::npos)
      << sarif;
  // The same inputs give the same bytes.
  EXPECT_EQ(diagnostics_sarif({}, sources, english_text, options), sarif);

  // Under the root directory every absolute path is relative to it.
  options.working_directory = "/";
  const pt::ptree log = parse_json(diagnostics_sarif({}, sources, english_text, options));
  const pt::ptree& run = log.get_child("runs").begin()->second;
  EXPECT_EQ(run.get<std::string>("originalUriBaseIds.SRCROOT.uri"), "file:///");
  const std::vector<pt::ptree> artifacts = items(run.get_child("artifacts"));
  ASSERT_EQ(artifacts.size(), 4u);
  EXPECT_EQ(fields(artifacts[1].get_child("location")),
            (std::map<std::string, std::string>{
                {"uri", "home/user/my%20proj/%EB%94%94%EB%A0%89%ED%84%B0%EB%A6%AC2/x.md"},
                {"uriBaseId", "SRCROOT"}}));
  EXPECT_EQ(fields(artifacts[3].get_child("location")),
            (std::map<std::string, std::string>{{"uri", "e.md"}, {"uriBaseId", "SRCROOT"}}));
}

// A rule's page (`diaglot explain`) is its full description (first paragraph) and its help
// (the whole page, as text and as markdown), as given, braces included; a code without a page
// has neither.
TEST(diagnostics_sarif, gives_each_rule_its_page_as_full_description_and_help) {
  const sample s;
  std::vector<diag> asked;
  sarif_options options;
  options.language = "de";
  options.help = [&asked](diag d) -> std::optional<rule_help> {
    asked.push_back(d);
    if (d == diag::duplicate_id)
      return rule_help{"Eine ID `{0}` darf \"einmal\" vorkommen.",
                       "DGL0401: doppelte ID\n\n## Beschreibung\n\nEine ID `{0}` darf "
                       "\"einmal\" vorkommen.\n\nZweiter Absatz."};
    if (d == diag::no_messages) return rule_help{"", ""};  // an empty page is none
    return std::nullopt;
  };
  const std::string sarif = diagnostics_sarif(s.sink.all(), s.sources, english_text, options);
  EXPECT_EQ(asked,
            (std::vector<diag>{diag::duplicate_id, diag::no_messages, diag::whitespace_mismatch}));
  EXPECT_NE(
      sarif.find(
          "\n        {\"id\": \"DGL0401\", \"shortDescription\": {\"text\": \"message `{0}` is "
          "defined twice in `{1}`\"}, \"fullDescription\": {\"text\": \"Eine ID `{0}` darf "
          "\\\"einmal\\\" vorkommen.\"}, \"defaultConfiguration\": {\"level\": \"error\"}, "
          "\"help\": {\"text\": \"DGL0401: doppelte ID\\n\\n## Beschreibung\\n\\nEine ID `{0}` "
          "darf \\\"einmal\\\" vorkommen.\\n\\nZweiter Absatz.\", \"markdown\": \"DGL0401: "
          "doppelte ID\\n\\n## Beschreibung\\n\\nEine ID `{0}` darf \\\"einmal\\\" "
          "vorkommen.\\n\\nZweiter Absatz.\"}},\n"),
      std::string::npos)
      << sarif;
  const pt::ptree log = parse_json(sarif);
  const pt::ptree& run = log.get_child("runs").begin()->second;
  const std::vector<pt::ptree> rules = items(run.get_child("tool.driver.rules"));
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0].get<std::string>("help.markdown"),
            "DGL0401: doppelte ID\n\n## Beschreibung\n\nEine ID `{0}` darf \"einmal\" "
            "vorkommen.\n\nZweiter Absatz.");
  for (const std::size_t i : {1u, 2u}) {
    SCOPED_TRACE(i);
    EXPECT_FALSE(rules[i].get_child_optional("help"));
    EXPECT_FALSE(rules[i].get_child_optional("fullDescription"));
    EXPECT_EQ(rules[i].size(), 3u) << "id, shortDescription, defaultConfiguration";
  }
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
