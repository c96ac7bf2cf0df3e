// The real diaglot program: exit statuses, the exact diagnostic positions for malformed inputs,
// untouched outputs after a failure, lookups on the corpus, and localized output.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "cli/run_diaglot.hpp"
#include "diaglot/version.hpp"
#include "report/diagnostics_report.hpp"
#include "support/corpus.hpp"
#include "support/json.hpp"
#include "support/utf16.hpp"
#include "util/text_wrap.hpp"
#include "util/utf8.hpp"

namespace {

namespace fs = std::filesystem;
using diaglot::testing::fixture_path;
using diaglot::testing::read_file;

using diaglot::testing::result;
using diaglot::testing::run;
using diaglot::testing::temp_dir;

struct expectation {
  std::string fixture, code;
  int line = 0, column = 0;
};

std::vector<expectation> malformed_fixtures() {
  std::vector<expectation> out;
  std::ifstream in(fixture_path("malformed/expected.tsv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    expectation e;
    fields >> e.fixture >> e.code >> e.line >> e.column;
    out.push_back(e);
  }
  return out;
}

/// Arguments for one fixture: a file, or a directory whose codes.tsv is passed with --codes.
std::vector<std::string> fixture_args(const std::string& path) {
  std::vector<std::string> args;
  if (fs::is_directory(path) && fs::exists(fs::path(path) / "codes.tsv")) {
    args = {"--codes", (fs::path(path) / "codes.tsv").string()};
    for (const auto& e : fs::directory_iterator(path))
      if (e.path().extension() == ".md") args.push_back(e.path().string());
  } else {
    args.push_back(path);
  }
  return args;
}

TEST(cli, malformed_inputs_report_the_code_at_its_place_and_leave_outputs_alone) {
  const auto fixtures = malformed_fixtures();
  ASSERT_GE(fixtures.size(), 30u);
  const fs::path out = temp_dir("malformed-out");
  const std::string header = (out / "table.hpp").string(), source = (out / "table.cpp").string();
  std::ofstream(header) << "// previous header\n";
  std::ofstream(source) << "// previous source\n";
  const auto stamp = fs::last_write_time(header);
  for (const expectation& e : fixtures) {
    SCOPED_TRACE(e.fixture);
    const std::string path = fixture_path("malformed/" + e.fixture);
    std::vector<std::string> args = {"compile", "--out", out.string(), "--name", "table"};
    for (const std::string& a : fixture_args(path)) args.push_back(a);
    const result r = run(args);
    EXPECT_EQ(r.status, 1) << r.err;
    // The first error line names file:line:col, the text and the code.
    const std::size_t at = r.err.find(": error: ");
    ASSERT_NE(at, std::string::npos) << r.err;
    const std::string first = r.err.substr(0, r.err.find('\n', at));
    EXPECT_NE(first.find("[" + e.code + "]"), std::string::npos) << r.err;
    if (e.line > 0) {
      const std::string where =
          ":" + std::to_string(e.line) + ":" + std::to_string(e.column) + ": error: ";
      EXPECT_NE(first.find(where), std::string::npos) << r.err;
      // Then the source line and a caret.
      EXPECT_NE(r.err.find("\n  "), std::string::npos);
      EXPECT_NE(r.err.find("^\n"), std::string::npos);
    }
    EXPECT_EQ(read_file(header), "// previous header\n");
    EXPECT_EQ(read_file(source), "// previous source\n");
  }
  EXPECT_EQ(fs::last_write_time(header), stamp);
}

TEST(cli, warnings_do_not_fail_the_build) {
  const fs::path out = temp_dir("warnings");
  const result r = run({"compile", fixture_path("warnings/xlf_unknown_state.xlf"), "--out",
                        out.string(), "--name", "w"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("warning: "), std::string::npos);
  EXPECT_NE(r.err.find("[DGL0205]"), std::string::npos);
  EXPECT_TRUE(fs::exists(out / "w.hpp"));
}

TEST(cli, ignored_warnings_are_not_printed_and_errors_cannot_be_ignored) {
  const fs::path out = temp_dir("ignored");
  const std::string source = fixture_path("warnings/xlf_unknown_state.xlf");
  result r = run({"compile", source, "--out", out.string(), "--name", "w", "--ignore", "DGL0205"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(fs::exists(out / "w.hpp"));
  r = run({"check", source, "--werror", "--ignore", "dgl205", "--ignore", "DGL0510"});
  EXPECT_EQ(r.status, 0) << "an ignored warning does not fail --werror: " << r.err;
  r = run({"check", source, "--ignore", "DGL0201"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--ignore takes warnings only: DGL0201 is an error"), std::string::npos)
      << r.err;
  r = run({"check", source, "--ignore", "DGL9999"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("not `DGL9999`"), std::string::npos) << r.err;
}

TEST(cli, sarif_says_the_language_of_its_messages) {
  const std::string source = fixture_path("warnings/xlf_unknown_state.xlf");
  for (const char* lang : {"ko", "en"}) {
    SCOPED_TRACE(lang);
    const result r = run({"check", source, "--format", "sarif", "--lang", lang});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(
        diaglot::testing::parse_json(r.out).get_child("runs").begin()->second.get<std::string>(
            "language"),
        lang);
  }
}

// Code-scanning viewers show a rule's help beside each result: the page `diaglot explain` prints,
// in the language of the messages, and its first paragraph as the rule's full description.
TEST(cli, sarif_rules_carry_the_explain_page_in_the_messages_language) {
  const std::string fixture = fixture_path("check/DGL0501");
  for (const char* lang : {"de", "ko", "en"}) {
    SCOPED_TRACE(lang);
    const result explain = run({"explain", "DGL0501", "--lang", lang});
    ASSERT_EQ(explain.status, 0) << explain.err;
    ASSERT_EQ(explain.out.back(), '\n');
    const std::string page = explain.out.substr(0, explain.out.size() - 1);
    // The page: a title, then `## heading` and the paragraphs of each section.
    const std::size_t heading = page.find("\n\n## ");
    ASSERT_NE(heading, std::string::npos) << page;
    const std::size_t first = page.find("\n\n", heading + 2) + 2;
    const std::string paragraph = page.substr(first, page.find("\n\n", first) - first);
    ASSERT_FALSE(paragraph.empty());

    const result r = run({"check", fixture, "--format", "sarif", "--lang", lang});
    EXPECT_EQ(r.status, 1) << r.err;
    const auto log = diaglot::testing::parse_json(r.out);
    const auto& rule =
        log.get_child("runs").begin()->second.get_child("tool.driver.rules").begin()->second;
    EXPECT_EQ(rule.get<std::string>("id"), "DGL0501");
    EXPECT_EQ(rule.get<std::string>("help.markdown"), page);
    EXPECT_EQ(rule.get<std::string>("help.text"), page);
    EXPECT_EQ(rule.get<std::string>("fullDescription.text"), paragraph);
    if (std::string(lang) == "de") {
      EXPECT_EQ(paragraph.substr(0, 28), "Platzhalter wie `{0}`, `{1}`");
    }
  }
}

TEST(cli, sarif_names_the_version_of_diaglot) {
  const result r =
      run({"check", fixture_path("warnings/xlf_unknown_state.xlf"), "--format", "sarif"});
  EXPECT_EQ(r.status, 0) << r.err;
  const auto log = diaglot::testing::parse_json(r.out);
  const auto& driver = log.get_child("runs").begin()->second.get_child("tool.driver");
  EXPECT_EQ(driver.get<std::string>("version"), diaglot::version_string);
  EXPECT_EQ(driver.get<std::string>("semanticVersion"), diaglot::version_string);
  EXPECT_EQ(run({"--version"}).out, "diaglot " + std::string(diaglot::version_string) + "\n");
  // The project names no home page: there is none to point to.
  EXPECT_FALSE(driver.get_child_optional("informationUri"));
}

// SARIF 2.1.0 §3.14.14: relative paths are given against SRCROOT, the directory diaglot ran in.
TEST(cli, sarif_paths_are_relative_to_the_working_directory_when_under_it) {
  const fs::path dir = fs::canonical(temp_dir("sarif-srcroot"));
  fs::create_directories(dir / "sub dir");
  fs::copy_file(fixture_path("check/DGL0501/strings.ko-KR.xlf"),
                dir / "sub dir" / "문서.ko-KR.xlf");
  const std::string outside = fs::canonical(fixture_path("check/DGL0504")).string();
  // The artifact's URI and base, and those of each result's location, with its index.
  const auto where = [&](const std::string& source) {
    const result r = diaglot::testing::run_diaglot({"check", source, "--format", "sarif"},
                                                   "LANG=C LANGUAGE=", dir);
    EXPECT_LE(r.status, 1) << r.err;  // an error (DGL0501) or a warning (DGL0504)
    const auto log = diaglot::testing::parse_json(r.out);
    const auto& run_ = log.get_child("runs").begin()->second;
    EXPECT_EQ(run_.get<std::string>("originalUriBaseIds.SRCROOT.uri"),
              diaglot::report::path_to_uri(dir.string()) + "/");
    std::vector<std::string> out;
    for (const auto& [key, a] : run_.get_child("artifacts"))
      out.push_back(a.get<std::string>("location.uri") + " " +
                    a.get<std::string>("location.uriBaseId", "-"));
    for (const auto& [key, res] : run_.get_child("results")) {
      const auto& at =
          res.get_child("locations").begin()->second.get_child("physicalLocation.artifactLocation");
      out.push_back(at.get<std::string>("uri") + " " + at.get<std::string>("uriBaseId", "-") + " " +
                    at.get<std::string>("index"));
    }
    return out;
  };
  const std::vector<std::string> under = {"sub%20dir/%EB%AC%B8%EC%84%9C.ko-KR.xlf SRCROOT",
                                          "sub%20dir/%EB%AC%B8%EC%84%9C.ko-KR.xlf SRCROOT 0"};
  EXPECT_EQ(where("sub dir"), under);
  EXPECT_EQ(where((dir / "sub dir").string()), under) << "an absolute path under it";
  const std::string uri = diaglot::report::path_to_uri(outside + "/strings.ko-KR.xlf");
  EXPECT_EQ(uri.substr(0, 8), "file:///");
  EXPECT_EQ(where(outside), (std::vector<std::string>{uri + " -", uri + " - 0"}));
}

TEST(cli, an_xliff_2_2_plural_group_formats_as_the_language_counts) {
  // Russian's one/few/many/other: 1 and 21 take the singular, 3 the few form, 5 the many form,
  // a fraction the other one; each form has its own text.
  const std::string file = fixture_path("xliff2/pgs_plural.ru.xlf");
  const std::pair<const char*, const char*> cases[] = {{"1", "Скопирован 1 файл"},
                                                       {"21", "Скопирован 21 файл"},
                                                       {"3", "Скопировано 3 файла"},
                                                       {"5", "Скопировано 5 файлов"},
                                                       {"1.5", "Скопировано файлов: 1,5"}};
  for (const auto& [n, text] : cases) {
    SCOPED_TRACE(n);
    const result r =
        run({"lookup", file, "--locale", "ru", "Files.Copied", "--arg", std::string("count=") + n});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.out, std::string("id: Files.Copied\nlocale: ru\n\n== text [ru]\n") + text + "\n");
  }
  const result en = run({"lookup", file, "--locale", "en", "Files.Copied", "--arg", "count=1"});
  EXPECT_EQ(en.status, 0) << en.err;
  EXPECT_EQ(en.out, "id: Files.Copied\nlocale: en\n\n== text [en]\n1 file copied\n");
}

TEST(cli, usage_errors_are_told_in_the_users_language) {
  // What Boost.Program_options finds, what diaglot finds after it, and an unknown command.
  result r = run({"compile", "x", "--out", "o", "--lang", "ko"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("diaglot: 오류: --name 옵션이 필요합니다\n사용법: diaglot compile "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("(옵션은 --help를 참조하세요)"), std::string::npos) << r.err;
  r = run({"check", "x", "--jobs", "many"}, "LANG=de_DE.UTF-8 LANGUAGE=");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("diaglot: Fehler: der Wert für --jobs ist ungültig"), std::string::npos)
      << r.err;
  r = run({"check", "x", "--ignore", "DGL0201", "--lang=ja"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--ignore に指定できるのは警告だけです。DGL0201 はエラーです"),
            std::string::npos)
      << r.err;
  r = run({"lookup", "a", "b", "--format", "yaml", "--lang", "ko"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--format은 `yaml`이(가) 아니라 `text`, `json` 중 하나여야 합니다"),
            std::string::npos)
      << r.err;
  r = run({"compile", "x", "--out", "o", "--name", "n", "--namespace", "std::x", "--lang", "ko"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--namespace `std::x`은(는) 표준 라이브러리의 네임스페이스이므로"),
            std::string::npos)
      << r.err;
  r = run({"frobnicate", "--lang", "de"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("diaglot: Fehler: unbekannter Befehl `frobnicate`"), std::string::npos)
      << r.err;
  // English stays as it was.
  r = run({"check", "x", "--frob", "--lang", "en"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("diaglot: error: unknown option --frob\nusage: diaglot check "),
            std::string::npos)
      << r.err;
}

TEST(cli, help_is_told_in_the_users_language_and_fits_80_columns) {
  const auto lines_of = [](const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
  };
  const auto has_line = [&](const std::string& text, const std::string& line) {
    const std::vector<std::string> ls = lines_of(text);
    return std::find(ls.begin(), ls.end(), line) != ls.end();
  };
  for (const char* lang : {"en", "ko", "ja", "de"})
    for (const char* c : {"compile", "lookup", "check", "stats", "extract", "import", "merge",
                          "negotiate", "explain"}) {
      const result r = run({c, "--help", "--lang", lang});
      EXPECT_EQ(r.status, 0) << c << " " << lang;
      EXPECT_EQ(diaglot::utf8::first_invalid(r.out), std::string::npos) << c << " " << lang;
      for (const std::string& l : lines_of(r.out)) {
        if (l.rfind("usage: ", 0) != 0 && l.find(": diaglot ") == std::string::npos) {
          EXPECT_LE(diaglot::text::columns(l), 79u) << c << " " << lang << ": " << l;
        }
      }
    }
  // ファイル: a Japanese description wrapped between phrases, indented under its column.
  const result ja = run({"check", "--help", "--lang", "ja"});
  EXPECT_TRUE(has_line(ja.out, "  -h [ --help ]             このヘルプを表示します")) << ja.out;
  EXPECT_TRUE(has_line(ja.out,
                       "使い方: diaglot check SOURCES... [--codes FILE] [--werror] "
                       "[--format text|json|sarif]"))
      << ja.out;
  const result ko = run({"--help", "--lang", "ko"});
  EXPECT_EQ(ko.status, 0);
  EXPECT_TRUE(has_line(ko.out, "명령:")) << ko.out;
  EXPECT_TRUE(has_line(ko.out, "  explain   진단 코드(DGLnnnn)의 자세한 설명을 출력합니다"))
      << ko.out;
  const result de = run({"merge", "--help"}, "LANG=de_DE.UTF-8 LANGUAGE=");
  EXPECT_NE(de.out.find("  --drop-obsolete           Einheiten entfernen, deren englischer Text "
                        "nicht\n                            mehr existiert\n"),
            std::string::npos)
      << de.out;
  // English as before, wrapped at the same column.
  const result en = run({"check", "--help", "--lang", "en"});
  EXPECT_TRUE(
      has_line(en.out, "  --werror                  treat warnings as errors (exit status 1)"))
      << en.out;
}

TEST(cli, usage_errors_exit_2) {
  EXPECT_EQ(run({}).status, 2);
  EXPECT_EQ(run({"frobnicate"}).status, 2);
  EXPECT_EQ(run({"compile", "--name", "x"}).status, 2);
  EXPECT_EQ(run({"lookup", "--format", "yaml", "a", "b"}).status, 2);
  EXPECT_EQ(run({"--version"}).status, 0);
  for (const char* c : {"compile", "lookup", "check", "explain"}) {
    const result r = run({c, "--help"});
    EXPECT_EQ(r.status, 0) << c;
    EXPECT_NE(r.out.find("usage: diaglot "), std::string::npos) << c;
  }
}

TEST(cli, a_namespace_that_is_not_cpp_is_a_usage_error_not_silently_changed) {
  const fs::path out = temp_dir("namespace");
  const std::string page = fixture_path("markdown/en");
  const auto compile = [&](const std::string& ns) {
    return run({"compile", page, "--out", out.string(), "--name", "m", "--namespace", ns});
  };
  const result dash = compile("my-ns");
  EXPECT_EQ(dash.status, 2);
  EXPECT_NE(dash.err.find("write `my_ns`"), std::string::npos) << dash.err;
  EXPECT_EQ(compile("std").status, 2);
  EXPECT_EQ(compile("std::x").status, 2);
  EXPECT_EQ(compile("a::delete").status, 2);
  EXPECT_FALSE(fs::exists(out / "m.hpp"));
  EXPECT_EQ(compile("my_ns::v2").status, 0);
  EXPECT_NE(read_file((out / "m.hpp").string()).find("namespace my_ns::v2 {"), std::string::npos);
}

TEST(cli, broken_utf16_is_reported_at_its_place_not_as_utf8) {
  const fs::path dir = temp_dir("broken-utf16");
  // A smiley without its low surrogate on line 2, after "ä"; a file one byte short.
  std::u16string text = u"<xliff version=\"1.2\">\n  <!-- \xE4";
  text += char16_t{0xD83D};
  text += u" -->\n</xliff>\n";
  const std::string lone = (dir / "a.ko.xlf").string(), odd = (dir / "b.ko.xlf").string();
  std::ofstream(lone, std::ios::binary) << diaglot::testing::utf16_file(text, true);
  std::string cut = diaglot::testing::utf16_file(u"<xliff version=\"1.2\"/>\n<!-- -->", true);
  cut.pop_back();  // the second byte of the last `>`
  std::ofstream(odd, std::ios::binary) << cut;
  const std::string expected =
      lone +
      ":2:9: error: the file is UTF-16, as its byte order mark says, but code unit `0xD83D` "
      "here is half of a surrogate pair whose other half is missing [DGL0005]\n"
      "    <!-- \xC3\xA4\xEF\xBF\xBD -->\n"
      "          ^\n";
  const result check = run({"check", lone});
  EXPECT_EQ(check.status, 1) << check.err;
  EXPECT_EQ(check.err.substr(0, expected.size()), expected) << check.err;
  EXPECT_EQ(check.err.find("DGL0004"), std::string::npos) << check.err;
  EXPECT_EQ(check.err.find("DGL0201"), std::string::npos) << check.err;

  const fs::path out = dir / "out";
  const result compile = run({"compile", "--out", out.string(), "--name", "table", dir.string()});
  EXPECT_EQ(compile.status, 1) << compile.err;
  EXPECT_EQ(compile.err.substr(0, expected.size()), expected) << compile.err;
  EXPECT_NE(compile.err.find(odd + ":2:8: error: the file is UTF-16, as its byte order mark "
                                   "says, but has an odd number of bytes: its last character is "
                                   "cut in half [DGL0006]\n"),
            std::string::npos)
      << compile.err;
  EXPECT_FALSE(fs::exists(out / "table.hpp"));
}

TEST(cli, io_errors_exit_3) {
  const result r = run({"check", "/nonexistent/diaglot/source.md"});
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find("[DGL0001]"), std::string::npos) << r.err;
  // A path that is not there, whatever its name: a missing directory is not a format question.
  for (const char* missing : {"/nonexistent/diaglot/traces", "/nonexistent/diaglot/notes.txt"}) {
    const result m = run({"check", missing});
    EXPECT_EQ(m.status, 3) << missing << m.err;
    EXPECT_NE(m.err.find(std::string("cannot read `") + missing + "`: No such file or directory"),
              std::string::npos)
        << m.err;
  }
}

TEST(cli, system_errors_are_told_in_the_users_language) {
  const std::string missing = "/nonexistent/diaglot/source.md";
  const std::pair<const char*, std::string> lines[] = {
      {"en",
       "diaglot: error: cannot read `" + missing + "`: No such file or directory [DGL0001]\n"},
      {"ko", "diaglot: 오류: `" + missing +
                 "`을(를) 읽을 수 없습니다: 그런 파일이나 디렉터리가 없습니다 [DGL0001]\n"},
      {"ja", "diaglot: エラー: `" + missing +
                 "` を読み込めません: そのようなファイルやディレクトリはありません [DGL0001]\n"},
      {"de", "diaglot: Fehler: `" + missing +
                 "` kann nicht gelesen werden: Datei oder Verzeichnis nicht gefunden [DGL0001]\n"},
  };
  for (const auto& [lang, line] : lines) {
    const result r = run({"check", missing, "--lang", lang});
    EXPECT_EQ(r.status, 3) << r.err;
    EXPECT_EQ(r.err.substr(0, line.size()), line) << lang;
  }
  // Writing: an output directory under a regular file.
  const fs::path dir = temp_dir("system-error");
  std::ofstream(dir / "file") << "x";
  std::ofstream(dir / "a.md") << "# A\n\nAn English summary.\n";
  const std::string out = (dir / "file" / "sub").string();
  const result r =
      run({"compile", (dir / "a.md").string(), "--out", out, "--name", "n", "--lang", "de"});
  EXPECT_EQ(r.status, 3) << r.err;
  const std::string written =
      "diaglot: Fehler: `" + out +
      "/n.hpp` kann nicht geschrieben werden: Ist kein Verzeichnis [DGL0003]\n";
  EXPECT_EQ(r.err.substr(0, written.size()), written) << r.err;
}

TEST(cli, sources_without_messages_are_named) {
  const fs::path dir = temp_dir("no-messages");
  std::ofstream(dir / "readme.txt") << "not a message";
  const result r = run({"check", dir.string()});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("no messages found in `" + dir.string() + "`; diaglot reads messages from"),
            std::string::npos)
      << r.err;
}

TEST(cli, the_source_locale_is_canonicalized_or_rejected) {
  const std::string page = fixture_path("markdown/en");
  // As sources name it after canonicalization: "EN" and "en" are the same locale.
  const result upper = run({"check", page, "--source-locale", "EN"});
  EXPECT_EQ(upper.status, 0) << upper.err;
  const result bad = run({"check", page, "--source-locale", "!!"});
  EXPECT_EQ(bad.status, 1) << bad.err;
  EXPECT_NE(bad.err.find("`!!` is not a valid locale tag"), std::string::npos) << bad.err;
  EXPECT_EQ(bad.err.find("internal error"), std::string::npos) << bad.err;
}

TEST(cli, compile_writes_only_changed_outputs_and_a_depfile) {
  DIAGLOT_REQUIRE_SHARED(sxs, "corpus/wcf-traces/sxs/ko-KR");
  const fs::path out = temp_dir("compile");
  const std::vector<std::string> args = {
      "compile",    sxs,           "--out", out.string(), "--name",
      "wcf_traces", "--namespace", "wcf",   "--depfile",  (out / "wcf_traces.d").string()};
  ASSERT_EQ(run(args).status, 0);
  const std::string first = read_file((out / "wcf_traces.cpp").string());
  const auto stamp = fs::last_write_time(out / "wcf_traces.cpp");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(run(args).status, 0);
  EXPECT_EQ(fs::last_write_time(out / "wcf_traces.cpp"), stamp);
  EXPECT_EQ(read_file((out / "wcf_traces.cpp").string()), first);
  const std::string dep = read_file((out / "wcf_traces.d").string());
  EXPECT_NE(dep.find("system-servicemodel-channels-httpsclientcertificateinvalid.md"),
            std::string::npos);
  EXPECT_EQ(fs::exists(out / "wcf_traces.hpp"), true);
}

TEST(cli, compile_stamp_is_written_on_every_success_and_leads_the_depfile) {
  // What a build system without restat (Make) needs: the outputs keep their time when their bytes
  // do not change, the stamp says the catalog is up to date.
  const fs::path out = temp_dir("stamp");
  const std::string page = fixture_path("markdown/en");
  const std::vector<std::string> args = {"compile",   page,
                                         "--out",     out.string(),
                                         "--name",    "c",
                                         "--stamp",   (out / "c.stamp").string(),
                                         "--depfile", (out / "c.d").string()};
  ASSERT_EQ(run(args).status, 0);
  ASSERT_TRUE(fs::exists(out / "c.stamp"));
  const auto header = fs::last_write_time(out / "c.hpp");
  const auto stamp = fs::last_write_time(out / "c.stamp");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(run(args).status, 0);
  EXPECT_EQ(fs::last_write_time(out / "c.hpp"), header);
  EXPECT_GT(fs::last_write_time(out / "c.stamp"), stamp);
  EXPECT_EQ(read_file((out / "c.d").string()).rfind((out / "c.stamp").string() + " ", 0), 0u);
  // A failed compile leaves the stamp as it was, so the next build retries.
  const auto before = fs::last_write_time(out / "c.stamp");
  std::vector<std::string> bad = args;
  bad[1] = fixture_path("malformed");
  EXPECT_NE(run(bad).status, 0);
  EXPECT_EQ(fs::last_write_time(out / "c.stamp"), before);
}

TEST(cli, compile_names_the_sources_relative_to_the_output_so_any_checkout_gives_the_same_bytes) {
  // The same tree in two places (two checkouts, two build machines): the same outputs.
  const fs::path a = temp_dir("checkout-a"), b = temp_dir("checkout-b");
  for (const fs::path& root : {a, b}) {
    fs::create_directories(root / "src");
    fs::copy(fixture_path("markdown/en"), root / "src/en");
    ASSERT_EQ(run({"compile", (root / "src/en").string(), "--out", (root / "build/gen").string(),
                   "--name", "m"})
                  .status,
              0);
  }
  const std::string header = read_file((a / "build/gen/m.hpp").string());
  EXPECT_NE(header.find("//   ../../src/en\n"), std::string::npos) << header.substr(0, 200);
  EXPECT_EQ(header, read_file((b / "build/gen/m.hpp").string()));
  EXPECT_EQ(read_file((a / "build/gen/m.cpp").string()),
            read_file((b / "build/gen/m.cpp").string()));
}

TEST(cli, a_source_spelled_twice_is_read_once_and_a_trailing_slash_changes_nothing) {
  const fs::path root = temp_dir("spelled");
  fs::copy(fixture_path("markdown/en"), root / "en");
  fs::create_directory_symlink("en", root / "link");
  const auto compile = [&](std::vector<std::string> sources, const std::string& out) {
    std::vector<std::string> args{"compile"};
    for (const std::string& s : sources) args.push_back((root / s).string());
    for (const std::string& a :
         {std::string("--out"), (root / out).string(), std::string("--name"), std::string("m")})
      args.push_back(a);
    return run(args);
  };
  // A directory and a symbolic link to it: each message once, not "defined twice" (DGL0401).
  const result both = compile({"en", "link"}, "both");
  EXPECT_EQ(both.status, 0) << both.err;
  EXPECT_EQ(both.err.find("DGL0401"), std::string::npos) << both.err;
  ASSERT_EQ(compile({"link", "en"}, "reversed").status, 0);
  EXPECT_EQ(read_file((root / "both/m.cpp").string()),
            read_file((root / "reversed/m.cpp").string()));
  // `en/` and `en`: the same bytes, banner included.
  ASSERT_EQ(compile({"en/"}, "slash").status, 0);
  ASSERT_EQ(compile({"en"}, "plain").status, 0);
  EXPECT_EQ(read_file((root / "slash/m.hpp").string()), read_file((root / "plain/m.hpp").string()));
  EXPECT_EQ(read_file((root / "slash/m.cpp").string()), read_file((root / "plain/m.cpp").string()));
}

TEST(cli, compile_timings_lists_the_stages_and_is_not_in_the_depfile) {
  const fs::path out = temp_dir("timings");
  const result r =
      run({"compile", fixture_path("xliff12/features.xlf"), "--out", out.string(), "--name", "t",
           "--depfile", (out / "t.d").string(), "--timings", (out / "timings.json").string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string timings = read_file((out / "timings.json").string());
  for (const char* stage : {"read", "model", "check", "plan", "emit", "write", "total"})
    EXPECT_NE(timings.find("\"stage\": \"" + std::string(stage) + "\""), std::string::npos)
        << stage << "\n"
        << timings;
  EXPECT_EQ(read_file((out / "t.d").string()).find("timings.json"), std::string::npos);
}

TEST(cli, compile_shards_write_every_listed_source_and_the_depfile_names_them) {
  DIAGLOT_REQUIRE_SHARED(sxs, "corpus/wcf-traces/sxs/ko-KR");
  const fs::path out = temp_dir("shards");
  const std::vector<std::string> args = {
      "compile", sxs,        "--out", out.string(), "--name",
      "traces",  "--shards", "3",     "--depfile",  (out / "traces.d").string()};
  const result r = run(args);
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* file : {"traces.hpp", "traces.cpp", "traces.shard1.cpp", "traces.shard2.cpp"})
    EXPECT_TRUE(fs::exists(out / file)) << file;
  EXPECT_FALSE(fs::exists(out / "traces.shard3.cpp"));
  // Each shard holds a part of the strings; the table names all three.
  const std::string main_source = read_file((out / "traces.cpp").string());
  EXPECT_NE(main_source.find("constexpr const char* pool_shard[] = {pool0.c0, pool1.c0, "
                             "pool2.c0};"),
            std::string::npos);
  EXPECT_NE(read_file((out / "traces.shard2.cpp").string()).find("constexpr pool2_t pool2 = {"),
            std::string::npos);
  const std::string dep = read_file((out / "traces.d").string());
  EXPECT_EQ(dep.rfind(fs::path(out / "traces.hpp").string() + " " +
                          fs::path(out / "traces.cpp").string() + " " +
                          fs::path(out / "traces.shard1.cpp").string() + " " +
                          fs::path(out / "traces.shard2.cpp").string() + ":",
                      0),
            0u)
      << dep;

  for (const char* bad : {"0", "65", "x"}) {
    const result usage =
        run({"compile", sxs, "--out", out.string(), "--name", "t", "--shards", bad});
    EXPECT_EQ(usage.status, 2) << bad << ": " << usage.err;
  }
}

TEST(cli, compile_output_does_not_depend_on_the_number_of_jobs) {
  DIAGLOT_REQUIRE_SHARED(sxs, "corpus/wcf-traces/sxs/ko-KR");
  DIAGLOT_REQUIRE_SHARED(en, "corpus/wcf-traces/en");
  std::string first;
  for (const char* jobs : {"1", "3"}) {
    const fs::path out = temp_dir(std::string("jobs") + jobs);
    const result r =
        run({"compile", en, sxs, "--out", out.string(), "--name", "traces", "--jobs", jobs});
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string source = read_file((out / "traces.cpp").string());
    if (first.empty())
      first = source;
    else
      EXPECT_EQ(source, first) << "--jobs " << jobs;
  }
}

TEST(cli, lookup_reference_page_by_id_and_by_code) {
  DIAGLOT_REQUIRE_SHARED(sxs, "corpus/wcf-traces/sxs/ko-KR");
  DIAGLOT_REQUIRE_SHARED(codes, "corpus/wcf-traces/trace-codes.tsv");
  const result by_id = run({"lookup", sxs, "--locale", "ko-KR",
                            "System.ServiceModel.Channels.HttpsClientCertificateInvalid"});
  ASSERT_EQ(by_id.status, 0) << by_id.err;
  EXPECT_NE(by_id.out.find("== summary [ko-KR]\n클라이언트 인증서가 잘못되었습니다.\n"),
            std::string::npos)
      << by_id.out;
  const result by_code = run({"lookup", sxs, "--codes", codes, "--locale", "ko-KR", "0x4000F"});
  ASSERT_EQ(by_code.status, 0) << by_code.err;
  EXPECT_NE(by_code.out.find("id: System.ServiceModel.Channels.HttpsClientCertificateInvalid\n"),
            std::string::npos);
  EXPECT_NE(by_code.out.find("클라이언트 인증서가 잘못되었습니다."), std::string::npos);
  const result missing = run({"lookup", sxs, "--locale", "ko-KR", "No.Such.Trace"});
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("[DGL0601]"), std::string::npos);
}

TEST(cli, an_unfinished_unit_falls_back_alone_and_is_named) {
  // Two units of four unfinished: one needs translation, one has an empty target (as Qt's
  // lconvert writes unfinished messages, with no state). The message serves the other two.
  const fs::path dir = temp_dir("unfinished");
  std::ofstream(dir / "a.md") << "---\ntitle: Demo.Alpha\n---\n# Demo.Alpha\n\nAlpha summary.\n\n"
                                 "## <a name=\"description\"></a>Description\n\nAlpha text.\n";
  const auto unit = [](const std::string& field, const std::string& source,
                       const std::string& target) {
    return "<trans-unit id=\"Demo.Alpha#" + field + "\"><source>" + source + "</source>" + target +
           "</trans-unit>\n";
  };
  std::ofstream(dir / "ko.xlf")
      << "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
         "<file original=\"a.md\" source-language=\"en\" target-language=\"ko\"><body>\n"
      << unit("title", "Demo.Alpha", "<target state=\"translated\">Demo.Alpha</target>")
      << unit("summary", "Alpha summary.", "<target state=\"translated\">알파 요약.</target>")
      << unit("description.heading", "Description", "<target></target>")
      << unit("description", "Alpha text.",
              "<target state=\"needs-translation\">알파 텍스트.</target>")
      << "</body></file></xliff>\n";
  const result r = run({"lookup", (dir / "a.md").string(), (dir / "ko.xlf").string(), "--locale",
                        "ko", "Demo.Alpha"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("== summary [ko]\n알파 요약.\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("== description.heading [en, fallback]\nDescription\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("== description [en, fallback]\nAlpha text.\n"), std::string::npos) << r.out;
  const result check = run({"check", (dir / "a.md").string(), (dir / "ko.xlf").string()});
  EXPECT_EQ(check.status, 0) << check.err;
  EXPECT_NE(check.err.find("ko.xlf:5:"), std::string::npos) << check.err;
  EXPECT_NE(check.err.find("`Demo.Alpha#description.heading` is not translated yet (state `new`)"),
            std::string::npos)
      << check.err;
  EXPECT_NE(check.err.find("`Demo.Alpha#description` is not translated yet (state "
                           "`needs-translation`)"),
            std::string::npos)
      << check.err;
}

TEST(cli, lookup_rejects_a_locale_name_the_runtime_cannot_read) {
  const std::vector<std::string> pages = {fixture_path("markdown/en"),
                                          fixture_path("markdown/sxs")};
  const auto lookup = [&](const std::string& locale) {
    std::vector<std::string> args = {"lookup"};
    args.insert(args.end(), pages.begin(), pages.end());
    for (const std::string a : {"--locale", locale.c_str(), "Contoso.Widgets.FrobnicationFailed"})
      args.push_back(a);
    return run(args);
  };
  // What the runtime reads: tags, POSIX and Windows names, and C for the source.
  for (const char* ok : {"ko-KR", "ko_KR.UTF-8", "EN", "zh-CHT", "C", "POSIX"}) {
    const result r = lookup(ok);
    EXPECT_EQ(r.status, 0) << ok << ": " << r.err;
  }
  // A typo would quietly serve English.
  const result bad = lookup("ko!!");
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.err.find("[DGL0402]"), std::string::npos) << bad.err;
  EXPECT_EQ(bad.out, "");
  const result empty = lookup("");
  EXPECT_EQ(empty.status, 2) << empty.err;
  EXPECT_NE(empty.err.find("--locale needs a locale"), std::string::npos) << empty.err;
}

TEST(cli, lookup_all_as_json_has_the_documented_shape) {
  DIAGLOT_REQUIRE_SHARED(sxs, "corpus/wcf-traces/sxs/ko-KR");
  DIAGLOT_REQUIRE_SHARED(codes, "corpus/wcf-traces/trace-codes.tsv");
  const result r =
      run({"lookup", sxs, "--codes", codes, "--locale", "ko-KR", "--all", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("[{\"id\": \"", 0), 0u);
  EXPECT_NE(r.out.find("{\"id\": \"System.ServiceModel.Channels.HttpsClientCertificateInvalid\", "
                       "\"code\": 262159, \"fields\": [{\"name\": \"title\", \"text\": "
                       "\"System.ServiceModel.Channels.HttpsClientCertificateInvalid\", "
                       "\"locale\": \"ko-KR\"}, {\"name\": \"summary\", \"text\": \"클라이언트 "
                       "인증서가 잘못되었습니다.\", \"locale\": \"ko-KR\"}"),
            std::string::npos);
  EXPECT_NE(r.out.find("\"code\": null"), std::string::npos);
}

TEST(cli, explains_in_the_users_language) {
  const result en = run({"explain", "DGL0401"}, "LANG=C LANGUAGE=");
  ASSERT_EQ(en.status, 0) << en.err;
  EXPECT_EQ(en.out.rfind("DGL0401: ", 0), 0u) << en.out;
  EXPECT_NE(en.out.find("## How to fix"), std::string::npos) << en.out;
  const result ko = run({"explain", "DGL0401"}, "LANG=ko_KR.UTF-8 LANGUAGE=");
  ASSERT_EQ(ko.status, 0);
  EXPECT_NE(ko.out, en.out);
  EXPECT_EQ(run({"explain", "DGL0401", "--lang", "ko"}).out, ko.out);
  const result ja = run({"explain", "DGL0401"}, "LANG=C.UTF-8 LANGUAGE=ja:en");
  EXPECT_NE(ja.out, en.out);
  EXPECT_NE(ja.out, ko.out);
  // gettext ignores LANGUAGE when the locale is C.
  EXPECT_EQ(run({"explain", "DGL0401"}, "LANG=C LANGUAGE=ja").out, en.out);
  EXPECT_EQ(run({"explain", "DGL9999"}).status, 1);
}

TEST(cli, diagnostics_follow_the_users_language) {
  const std::string fixture = fixture_path("malformed/xlf_missing_source.xlf");
  const result en = run({"check", fixture}, "LANG=C");
  const result de = run({"check", fixture}, "LANG=de_DE.UTF-8");
  EXPECT_EQ(en.status, 1);
  EXPECT_EQ(de.status, 1);
  EXPECT_NE(en.err.find(": error: "), std::string::npos);
  EXPECT_NE(de.err, en.err);
  EXPECT_NE(de.err.find("[DGL0204]"), std::string::npos);
}

TEST(cli, what_a_check_found_different_is_told_in_the_users_language_too) {
  const std::string fixture = fixture_path("check/DGL0501");
  const result ko = run({"check", fixture, "--lang", "ko"});
  EXPECT_NE(ko.err.find("`{1}` 누락; 소스에 없는 `{2}` [DGL0501]"), std::string::npos) << ko.err;
  const result en = run({"check", fixture, "--lang", "en"});
  EXPECT_NE(en.err.find("missing `{1}`; not in the source `{2}` [DGL0501]"), std::string::npos)
      << en.err;
  EXPECT_EQ(en.err.find('\x1e'), std::string::npos) << "no phrase left unexpanded";
  const result sarif = run({"check", fixture, "--format", "sarif", "--lang", "de"});
  EXPECT_NE(sarif.out.find("es fehlt `{{1}}`; nicht in der Quelle: `{{2}}`"), std::string::npos)
      << sarif.out;
}

TEST(cli, negotiate_prints_the_chosen_catalog_locale) {
  DIAGLOT_REQUIRE_SHARED(sxs, "corpus/wcf-traces/sxs");
  const std::vector<std::string> sources = {"negotiate", sxs + "/ko-KR", sxs + "/de-DE"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = sources;
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  };
  const result de = with({"--accept-language", "fr-CH, fr;q=0.9, de-AT;q=0.8"});
  EXPECT_EQ(de.status, 0) << de.err;
  EXPECT_EQ(de.out, "de-DE\n");
  EXPECT_EQ(with({"--accept-language", "ko;q=0.5, de;q=0.4"}).out, "ko-KR\n");
  EXPECT_EQ(with({"--accept-language", "fr, ja"}).out, "en\n");
  const result why = with({"--accept-language", "de-AT", "--explain"});
  EXPECT_EQ(why.out.rfind("de-DE\n", 0), 0u) << why.out;
  EXPECT_NE(why.out.find("de-AT"), std::string::npos) << why.out;
  // The reason in the user's language.
  const result en = with({"--accept-language", "xx-!, ko;q=0.5", "--explain", "--lang", "en"});
  EXPECT_EQ(en.out,
            "ko-KR\n`ko` is closest to ko-KR (CLDR distance 0.125, under ICU's threshold of 50); "
            "q=0.500; 1 item(s) weighed, 1 malformed item(s) skipped\n");
  const result ko = with({"--accept-language", "xx-!, ko;q=0.5", "--explain", "--lang", "ko"});
  EXPECT_EQ(ko.out,
            "ko-KR\n`ko`에 가장 가까운 것은 ko-KR입니다(CLDR 거리 0.125, ICU의 임곗값 50 미만); "
            "q=0.500; 항목 1개를 비교함, 형식이 잘못된 항목 1개를 건너뜀\n");
}

}  // namespace
