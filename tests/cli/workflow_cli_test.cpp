// The real diaglot program on the translator workflow: extract, import and merge with the command
// lines the documentation gives, re-runs that rewrite nothing, malformed inputs reported at
// file:line:col with outputs untouched, and usage errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "cli/run_diaglot.hpp"
#include "support/corpus.hpp"
#include "util/utf8.hpp"

namespace {

namespace fs = std::filesystem;
using diaglot::testing::fixture_path;
using diaglot::testing::read_file;

using diaglot::testing::result;
using diaglot::testing::run;
using diaglot::testing::run_in;
using diaglot::testing::temp_dir;

/// Every regular file under a folder with its bytes and modification time.
struct snapshot {
  std::map<std::string, std::pair<std::string, fs::file_time_type>> files;
  explicit snapshot(const fs::path& dir) {
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file())
        files[e.path().lexically_relative(dir).string()] = {read_file(e.path().string()),
                                                            fs::last_write_time(e.path())};
  }
  bool operator==(const snapshot& o) const { return files == o.files; }
};

/// Waits long enough that a rewritten file would get a different modification time.
void tick() { std::this_thread::sleep_for(std::chrono::milliseconds(20)); }

void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = read_file(file.string());
  const std::size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  std::ofstream(file, std::ios::binary) << text;
}

/// The English pages of the workflow fixtures, copied so a test may edit them.
fs::path english_pages(const fs::path& into) {
  fs::copy(fixture_path("workflow/en"), into / "en");
  return into / "en";
}

/// How often `what` occurs in `text`.
std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += what.size()) ++n;
  return n;
}

/// The `original` of the <file> holding the first unit named `name`; "" when there is none.
std::string file_of(const std::string& xml, const std::string& name) {
  const std::size_t unit = xml.find("\"" + name + "\"");
  if (unit == std::string::npos) return "";
  const std::size_t file = xml.rfind("<file ", unit);
  const std::size_t at = xml.find("original=\"", file);
  if (file == std::string::npos || at == std::string::npos) return "";
  return xml.substr(at + 10, xml.find('"', at + 10) - at - 10);
}

/// The text of every <target> of a document, in order.
std::vector<std::string> targets_in(const std::string& xml) {
  std::vector<std::string> out;
  for (std::size_t at = 0; (at = xml.find("<target", at)) != std::string::npos;) {
    const std::size_t open = xml.find('>', at) + 1, close = xml.find("</target>", open);
    out.push_back(xml.substr(open, close - open));
    at = close;
  }
  return out;
}

const char* const formats[] = {"xliff12", "xliff20"};

TEST(workflow_cli, extract_writes_a_file_per_locale_and_a_rerun_rewrites_nothing) {
  for (const std::string format : formats) {
    SCOPED_TRACE(format);
    const fs::path tmp = temp_dir("extract-" + format);
    const fs::path en = english_pages(tmp), out = tmp / "out";
    const std::vector<std::string> args = {"extract",     en.string(), "--target-locales",
                                           "ko-KR,ja-JP", "--format",  format,
                                           "--out",       out.string()};
    const result r = run(args);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    const snapshot first(out);
    ASSERT_EQ(first.files.size(), 2u);
    for (const char* locale : {"ko-KR", "ja-JP"}) {
      const std::string name = std::string("messages.") + locale + ".xlf";
      ASSERT_EQ(first.files.count(name), 1u) << name;
      const std::string& xml = first.files.at(name).first;
      const std::string target_attr = format == "xliff12"
                                          ? std::string("target-language=\"") + locale + "\""
                                          : std::string("trgLang=\"") + locale + "\"";
      EXPECT_NE(xml.find(target_attr), std::string::npos) << xml;
      EXPECT_NE(xml.find("Sample.Alpha#summary"), std::string::npos);
      EXPECT_NE(xml.find("Sample.Beta#description"), std::string::npos);
      // Nothing is translated yet.
      EXPECT_EQ(xml.find("<target"), std::string::npos);
    }
    tick();
    ASSERT_EQ(run(args).status, 0);
    EXPECT_TRUE(snapshot(out) == first) << "a second extract rewrote a file";

    // The short option and a repeated --target-locales give the same files.
    const fs::path again = tmp / "again";
    ASSERT_EQ(run({"extract", en.string(), "-t", "ko-KR", "--target-locales", "ja-JP", "--format",
                   format, "--out", again.string()})
                  .status,
              0);
    const snapshot second(again);
    ASSERT_EQ(second.files.size(), 2u);
    for (const auto& [name, file] : second.files)
      EXPECT_EQ(file.first, first.files.at(name).first) << name;
  }
}

TEST(workflow_cli, extract_and_import_keep_a_file_translators_changed_unless_forced) {
  const fs::path pages = fs::path(fixture_path("markdown"));
  for (const std::string format : formats) {
    SCOPED_TRACE(format);
    const fs::path tmp = temp_dir("keep-" + format);
    const fs::path en = english_pages(tmp), out = tmp / "l10n";
    const std::vector<std::string> extract = {"extract",  en.string(), "-t",    "ko-KR,ja-JP",
                                              "--format", format,      "--out", out.string()};
    ASSERT_EQ(run(extract).status, 0);
    // A translator's work in one of the two files.
    const fs::path ko = out / "messages.ko-KR.xlf";
    const std::string unit = format == "xliff12" ? "</seg-source>" : "</source>";
    replace_in(ko, unit, unit + "<target>번역</target>");
    const snapshot edited(out);
    tick();

    result r = run(extract);
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_NE(r.err.find(ko.string() + "` exists and holds something else"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("[DGL0805]"), std::string::npos) << r.err;
    EXPECT_TRUE(snapshot(out) == edited) << "neither file is written";
    // Importing into the same folder and name would replace it too.
    r = run({"import", (pages / "en").string(), (pages / "sxs").string(), "--format", format,
             "--out", out.string()});
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_TRUE(snapshot(out) == edited);

    r = run([&] {
      std::vector<std::string> forced = extract;
      forced.push_back("--force");
      return forced;
    }());
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(read_file(ko.string()).find("번역"), std::string::npos) << "replaced, as asked";
  }
}

TEST(workflow_cli, import_keeps_states_and_a_rerun_rewrites_nothing) {
  const fs::path pages = fs::path(fixture_path("markdown"));
  for (const std::string format : formats) {
    SCOPED_TRACE(format);
    const fs::path out = temp_dir("import-" + format);
    const std::vector<std::string> args = {
        "import",    (pages / "en").string(), (pages / "sxs").string(), "--format", format, "--out",
        out.string()};
    const result r = run(args);
    ASSERT_EQ(r.status, 0) << r.err;
    const snapshot first(out);
    ASSERT_EQ(first.files.size(), 1u);
    const std::string& xml = first.files.at("messages.ko-KR.xlf").first;
    // The page is machine translated (ms.translationtype: MT): its texts are to be reviewed.
    if (format == "xliff12") {
      EXPECT_NE(xml.find("state=\"needs-review-translation\" state-qualifier=\"leveraged-mt\""),
                std::string::npos)
          << xml;
      EXPECT_EQ(xml.find("state=\"translated\""), std::string::npos);
    } else {
      EXPECT_NE(xml.find("state=\"translated\" subState=\"diaglot:machine-translation\""),
                std::string::npos)
          << xml;
    }
    EXPECT_NE(xml.find("위젯을 처리할 수 없습니다."), std::string::npos);
    tick();
    ASSERT_EQ(run(args).status, 0);
    EXPECT_TRUE(snapshot(out) == first) << "a second import rewrote the file";

    // What was imported serves what the pages serve.
    const result from_xliff =
        run({"lookup", (pages / "en").string(), (out / "messages.ko-KR.xlf").string(), "--locale",
             "ko-KR", "Contoso.Widgets.FrobnicationFailed"});
    const result from_pages = run({"lookup", (pages / "en").string(), (pages / "sxs").string(),
                                   "--locale", "ko-KR", "Contoso.Widgets.FrobnicationFailed"});
    ASSERT_EQ(from_xliff.status, 0) << from_xliff.err;
    ASSERT_EQ(from_pages.status, 0) << from_pages.err;
    EXPECT_EQ(from_xliff.out, from_pages.out);
  }
}

TEST(workflow_cli, extract_and_import_do_not_depend_on_how_sources_are_spelled) {
  const fs::path tmp = fs::absolute(temp_dir("spelling"));
  english_pages(tmp);
  fs::copy(fixture_path("markdown"), tmp / "markdown", fs::copy_options::recursive);
  const std::string abs = tmp.string();
  struct spelling {
    fs::path cwd;
    std::vector<std::string> extract, import;
  };
  const spelling spellings[] = {
      {tmp, {"en"}, {"markdown/en", "markdown/sxs"}},
      {"/", {abs + "/en"}, {abs + "/markdown/en", abs + "/markdown/sxs"}},
      {tmp, {"./en/"}, {"./markdown/en/", "./markdown//sxs/"}},
      {tmp / "markdown", {"../en//"}, {"../markdown/en", "sxs/."}},
      // Files given directly are named relative to their common parent: here, their folder.
      {tmp / "en", {"alpha.md", "./beta.md"}, {abs + "/markdown/en", "../markdown/sxs"}},
  };
  for (const std::string format : formats) {
    SCOPED_TRACE(format);
    std::string first_extract, first_import;
    for (std::size_t i = 0; i < std::size(spellings); ++i) {
      const spelling& sp = spellings[i];
      SCOPED_TRACE(sp.cwd.string() + ": " + sp.extract[0] + ", " + sp.import[0]);
      const fs::path out = tmp / ("out-" + format + "-" + std::to_string(i));
      std::vector<std::string> args = {"extract"};
      args.insert(args.end(), sp.extract.begin(), sp.extract.end());
      args.insert(args.end(), {"-t", "ko-KR", "--format", format, "--out", out.string()});
      result r = run_in(sp.cwd, args);
      ASSERT_EQ(r.status, 0) << r.err;
      args = {"import"};
      args.insert(args.end(), sp.import.begin(), sp.import.end());
      args.insert(args.end(), {"--format", format, "--out", out.string(), "--name", "imported"});
      r = run_in(sp.cwd, args);
      ASSERT_EQ(r.status, 0) << r.err;
      const std::string extracted = read_file((out / "messages.ko-KR.xlf").string());
      const std::string imported = read_file((out / "imported.ko-KR.xlf").string());
      if (i == 0) {
        first_extract = extracted;
        first_import = imported;
        // Pages are named relative to their source, whatever folder diaglot ran in.
        EXPECT_NE(extracted.find("original=\"alpha.md\""), std::string::npos) << extracted;
        EXPECT_NE(extracted.find("page: alpha.md, field: summary"), std::string::npos);
        EXPECT_NE(imported.find("original=\"ko-KR/sample-trace.md\""), std::string::npos)
            << imported;
        EXPECT_NE(imported.find("origin: ko-KR/sample-trace.md:13:50"), std::string::npos);
        EXPECT_EQ(extracted.find(abs), std::string::npos);
        EXPECT_EQ(imported.find(abs), std::string::npos);
        EXPECT_EQ(imported.find("markdown/"), std::string::npos);
        continue;
      }
      EXPECT_EQ(extracted, first_extract);
      EXPECT_EQ(imported, first_import);
    }
  }
}

/// A translated file for the workflow fixtures: import of an sxs version of alpha.md.
class merge_cli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    tmp_ = temp_dir("merge-" + GetParam());
    en_ = english_pages(tmp_);
    // Extract, then give every unit a translation the way a CAT tool saves one.
    const result r = run({"extract", en_.string(), "--target-locales", "ko-KR", "--format",
                          GetParam(), "--out", tmp_.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    xlf_ = tmp_ / "messages.ko-KR.xlf";
    std::string xml = read_file(xlf_.string());
    if (GetParam() == "xliff12") {
      for (std::size_t at = 0; (at = xml.find("</source>", at)) != std::string::npos;) {
        const std::size_t open = xml.rfind("<source>", at);
        const std::string text = xml.substr(open + 8, at - open - 8);
        const std::size_t seg = xml.find("</seg-source>", at) + 13;
        const std::string target = "\n        <target state=\"translated\">" + text + "</target>";
        xml.insert(seg, target);
        at = seg + target.size();
      }
      // translate-toolkit and Qt count approved units as done; so do CAT tools.
      for (std::size_t at = 0; (at = xml.find("xml:space=\"preserve\">", at)) != std::string::npos;
           at += 30)
        xml.insert(at, "approved=\"yes\" ");
    } else {
      for (std::size_t at = 0; (at = xml.find("<segment", at)) != std::string::npos;) {
        const std::size_t close = xml.find("</source>", at);
        const std::size_t open = xml.find("<source>", at);
        const std::string text = xml.substr(open + 8, close - open - 8);
        const std::string target = "\n        <target>" + text + "</target>";
        xml.insert(close + 9, target);
        xml.insert(at + 8, " state=\"translated\"");
        at = close + 9 + target.size();
      }
    }
    std::ofstream(xlf_, std::ios::binary) << xml;
    // The English changes: a sentence, a new field, a page removed.
    replace_in(en_ / "alpha.md", "It is rare.", "It is very rare.");
    replace_in(en_ / "alpha.md", "## <a name=\"see-also\"></a>See also",
               "## <a name=\"remarks\"></a>Remarks\n\nNew remarks.\n\n"
               "## <a name=\"see-also\"></a>See also");
    fs::remove(en_ / "beta.md");
  }

  void TearDown() override { fs::remove_all(tmp_); }

  fs::path tmp_, en_, xlf_;
};

TEST_P(merge_cli, marks_changes_keeps_obsolete_units_and_is_idempotent) {
  const std::string before = read_file(xlf_.string());
  ASSERT_NE(before.find("Sample.Beta#title"), std::string::npos);
  // The documented form: --sources SOURCES... XLIFF_FILES...
  const result r = run({"merge", "--sources", en_.string(), xlf_.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string after = read_file(xlf_.string());
  EXPECT_NE(after, before);
  if (GetParam() == "xliff12") {
    EXPECT_NE(after.find("state=\"needs-review-translation\""), std::string::npos) << after;
    EXPECT_NE(after.find("previous source: Alpha happens when the channel opens. It is rare."),
              std::string::npos);
    EXPECT_NE(after.find("<note from=\"diaglot\" annotates=\"general\">obsolete:"),
              std::string::npos);
  } else {
    EXPECT_NE(after.find("subState=\"diaglot:needs-review\""), std::string::npos) << after;
    EXPECT_NE(after.find("<mda:meta type=\"obsolete\">"), std::string::npos);
  }
  // Nothing translated is lost: the removed page's translation stays, the new field is there.
  EXPECT_NE(after.find("Sample.Beta#title"), std::string::npos);
  EXPECT_NE(after.find("Beta is logged."), std::string::npos);
  EXPECT_NE(after.find("New remarks."), std::string::npos);

  // Merging again changes nothing and does not touch the file.
  const auto stamp = fs::last_write_time(xlf_);
  tick();
  const result again = run({"merge", "--sources", en_.string(), xlf_.string()});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(read_file(xlf_.string()), after);
  EXPECT_EQ(fs::last_write_time(xlf_), stamp);
  // The other documented orders name the same files.
  ASSERT_EQ(run({"merge", xlf_.string(), "--sources", en_.string()}).status, 0);
  ASSERT_EQ(run({"merge", "--sources", en_.string(), "--", xlf_.string()}).status, 0);
  EXPECT_EQ(fs::last_write_time(xlf_), stamp);

  // The merged file compiles: changed texts still serve their old translation.
  const result lookup =
      run({"lookup", en_.string(), xlf_.string(), "--locale", "ko-KR", "Sample.Alpha"});
  ASSERT_EQ(lookup.status, 0) << lookup.err;
  EXPECT_NE(lookup.out.find("It is rare."), std::string::npos) << lookup.out;

  // --drop-obsolete removes what the English no longer has, and only that.
  const result drop = run({"merge", "--sources", en_.string(), xlf_.string(), "--drop-obsolete"});
  ASSERT_EQ(drop.status, 0) << drop.err;
  const std::string dropped = read_file(xlf_.string());
  EXPECT_EQ(dropped.find("Sample.Beta"), std::string::npos);
  EXPECT_NE(dropped.find("Sample.Alpha#summary"), std::string::npos);
  EXPECT_NE(dropped.find("New remarks."), std::string::npos);
}

TEST_P(merge_cli, a_utf16_file_is_read_and_written_back_as_utf16) {
  // Some .NET tools save XLIFF as UTF-16 (with its byte order mark, as XML requires).
  std::string utf8 = read_file(xlf_.string());
  std::ofstream(xlf_, std::ios::binary)
      << diaglot::utf8::to_file(utf8, diaglot::utf8::file_encoding::utf16le);
  const result lookup =
      run({"lookup", en_.string(), xlf_.string(), "--locale", "ko-KR", "Sample.Alpha"});
  ASSERT_EQ(lookup.status, 0) << lookup.err;
  EXPECT_NE(lookup.out.find("== title [ko-KR]"), std::string::npos) << lookup.out;
  const result r = run({"merge", "--sources", en_.string(), xlf_.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  std::string after = read_file(xlf_.string());
  ASSERT_GE(after.size(), 2u);
  EXPECT_EQ(after.substr(0, 2), "\xFF\xFE");
  diaglot::utf8::file_encoding was;
  diaglot::utf8::utf16_problem problem;
  ASSERT_TRUE(diaglot::utf8::from_file(after, was, problem));
  EXPECT_EQ(was, diaglot::utf8::file_encoding::utf16le);
  EXPECT_NE(after.find("New remarks."), std::string::npos);
  EXPECT_NE(after.find("Beta is logged."), std::string::npos) << "the removed page's translation";
}

TEST_P(merge_cli, a_broken_utf16_file_is_reported_at_its_place_and_left_alone) {
  // A tool cut the file between the halves of a smiley (a lone high surrogate on line 3), or
  // cut its last character in half (an odd number of bytes).
  const std::string utf8 = read_file(xlf_.string());
  std::string lone =
      diaglot::utf8::to_file(utf8, diaglot::utf8::file_encoding::utf16le);  // after the mark
  std::size_t unit = 2;
  for (int newlines = 0; newlines < 2; unit += 2)
    if (lone[unit] == '\n' && lone[unit + 1] == '\0') ++newlines;
  lone.insert(unit + 2, std::string("\x3D\xD8", 2));  // after line 3's first character
  std::string cut = diaglot::utf8::to_file(utf8, diaglot::utf8::file_encoding::utf16be);
  cut.pop_back();
  // The cut takes the final line break: the problem is told at the end of the last line.
  ASSERT_EQ(utf8.back(), '\n');
  const std::string kept = utf8.substr(0, utf8.size() - 1);
  const std::string end = ":" + std::to_string(std::count(kept.begin(), kept.end(), '\n') + 1) +
                          ":" + std::to_string(kept.size() - kept.rfind('\n')) + ": error: ";
  for (const auto& [bytes, where, code] :
       {std::tuple<std::string, std::string, std::string>{lone, ":3:2: error: ", "[DGL0005]"},
        {cut, end, "[DGL0006]"}}) {
    SCOPED_TRACE(code);
    std::ofstream(xlf_, std::ios::binary) << bytes;
    const auto stamp = fs::last_write_time(xlf_);
    tick();
    const result r = run({"merge", "--sources", en_.string(), xlf_.string()});
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_NE(r.err.find(xlf_.string() + where), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(code), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("[DGL0201]"), std::string::npos) << r.err;
    EXPECT_EQ(read_file(xlf_.string()), bytes);
    EXPECT_EQ(fs::last_write_time(xlf_), stamp);
  }
}

TEST_P(merge_cli, a_malformed_xliff_file_is_reported_at_its_place_and_left_alone) {
  const fs::path broken = tmp_ / "broken.ko-KR.xlf";
  std::string xml = read_file(xlf_.string());
  // Line 5 of the file loses the `>` of an element: the XML is not well-formed there.
  std::size_t line_start = 0;
  for (int line = 1; line < 5; ++line) line_start = xml.find('\n', line_start) + 1;
  const std::size_t gt = xml.find('>', line_start);
  ASSERT_LT(gt, xml.find('\n', line_start));
  xml.replace(gt, 1, " <");
  std::ofstream(broken, std::ios::binary) << xml;
  const auto stamp = fs::last_write_time(broken), good_stamp = fs::last_write_time(xlf_);
  const std::string good = read_file(xlf_.string());
  tick();
  const result r = run({"merge", "--sources", en_.string(), xlf_.string(), broken.string()});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find(broken.string() + ":5:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(": error: "), std::string::npos) << r.err;
  EXPECT_EQ(read_file(broken.string()), xml);
  EXPECT_EQ(fs::last_write_time(broken), stamp);
  // No file is merged when one of them is wrong.
  EXPECT_EQ(read_file(xlf_.string()), good);
  EXPECT_EQ(fs::last_write_time(xlf_), good_stamp);
}

/// Renames Sample.Alpha in its page: its new units have no unit of their message to follow, so
/// merge puts them in their page's <file>.
void rename_alpha(const fs::path& en) {
  replace_in(en / "alpha.md", "title: Sample.Alpha", "title: Sample.Renamed");
  replace_in(en / "alpha.md", "# Sample.Alpha", "# Sample.Renamed");
}

TEST_P(merge_cli, differently_spelled_sources_add_no_file_and_keep_every_target) {
  rename_alpha(en_);
  const std::string before = read_file(xlf_.string());
  ASSERT_EQ(file_of(before, "Sample.Alpha#summary"), "alpha.md");
  const std::vector<std::string> targets = targets_in(before);
  ASSERT_FALSE(targets.empty());
  // The file was extracted from an absolute path; merge is given a relative one.
  const result r = run_in(tmp_, {"merge", "--sources", "./en/", "--", xlf_.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string after = read_file(xlf_.string());
  EXPECT_EQ(count_of(after, "<file "), count_of(before, "<file ")) << after;
  EXPECT_EQ(file_of(after, "Sample.Renamed#summary"), "alpha.md") << after;
  EXPECT_NE(after.find("page: alpha.md, field: summary"), std::string::npos);
  for (const std::string& t : targets) EXPECT_NE(after.find(t), std::string::npos) << t;
  // Other spellings of the same sources change nothing more.
  for (const auto& [cwd, source] : std::vector<std::pair<fs::path, std::string>>{
           {tmp_, "en"}, {en_, "."}, {"/", fs::absolute(en_).string() + "/"}}) {
    SCOPED_TRACE(cwd.string() + ": " + source);
    ASSERT_EQ(run_in(cwd, {"merge", "--sources", source, "--", fs::absolute(xlf_).string()}).status,
              0);
    EXPECT_EQ(read_file(xlf_.string()), after);
  }
}

TEST_P(merge_cli, files_older_versions_wrote_with_pages_as_given_merge_without_a_new_file) {
  rename_alpha(en_);
  const std::string current = read_file(xlf_.string());
  // Older versions wrote each page's path as given: absolute, or relative to where they ran.
  for (const std::string& prefix : {fs::absolute(en_).string() + "/", std::string("en/")}) {
    SCOPED_TRACE(prefix);
    std::string old = current;
    for (const char* page : {"alpha.md", "beta.md"}) {
      for (const std::string& pattern : {std::string("original=\""), std::string("page: ")}) {
        const std::string from = pattern + page, to = pattern + prefix + page;
        for (std::size_t at = 0; (at = old.find(from, at)) != std::string::npos; at += to.size())
          old.replace(at, from.size(), to);
      }
    }
    ASSERT_EQ(file_of(old, "Sample.Alpha#summary"), prefix + "alpha.md");
    std::ofstream(xlf_, std::ios::binary) << old;
    const std::vector<std::string> targets = targets_in(old);
    // The sources spelled the other way: relative for the absolute file, and the reverse.
    const std::string source = prefix == "en/" ? fs::absolute(en_).string() : "en";
    const result r = run_in(tmp_, {"merge", "--sources", source, "--", xlf_.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string after = read_file(xlf_.string());
    EXPECT_EQ(count_of(after, "<file "), count_of(old, "<file ")) << after;
    EXPECT_EQ(file_of(after, "Sample.Renamed#summary"), prefix + "alpha.md") << after;
    EXPECT_EQ(count_of(after, "name=\"Sample.Renamed#summary\""), 1u);  // resname in 1.2
    for (const std::string& t : targets) EXPECT_NE(after.find(t), std::string::npos) << t;
    // The old names stay: the file is the translator's.
    EXPECT_NE(after.find("page: " + prefix + "beta.md"), std::string::npos);
    const result again = run_in(tmp_, {"merge", "--sources", "./en", "--", xlf_.string()});
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(read_file(xlf_.string()), after);
  }
}

INSTANTIATE_TEST_SUITE_P(formats, merge_cli, ::testing::Values("xliff12", "xliff20"));

TEST(workflow_cli, malformed_sources_are_reported_at_their_place_and_outputs_stay) {
  struct bad_source {
    const char* fixture;
    const char* where;  ///< ":line:col: error: "
    const char* code;
  };
  const bad_source cases[] = {
      {"malformed/md_front_matter_syntax.md", ":3:1: error: ", "[DGL0103]"},
      {"malformed/md_bad_code.md", ":3:7: error: ", "[DGL0104]"},
      {"malformed/sxs_unpaired.md", ":9:1: error: ", "[DGL0105]"},
  };
  const fs::path tmp = temp_dir("bad-sources");
  const fs::path en = english_pages(tmp), out = tmp / "out";
  ASSERT_EQ(run({"extract", en.string(), "-t", "ko-KR", "--out", out.string()}).status, 0);
  ASSERT_EQ(run({"import", fixture_path("markdown/en"), fixture_path("markdown/sxs"), "--out",
                 out.string(), "--name", "imported"})
                .status,
            0);
  const snapshot before(out);
  ASSERT_EQ(before.files.size(), 2u);
  tick();
  for (const bad_source& c : cases) {
    SCOPED_TRACE(c.fixture);
    const std::string bad = fixture_path(c.fixture);
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"extract", en.string(), bad, "-t", "ko-KR", "--out", out.string()},
             {"import", fixture_path("markdown/en"), fixture_path("markdown/sxs"), bad, "--out",
              out.string(), "--name", "imported"},
             {"merge", "--sources", en.string(), bad, "--",
              (out / "messages.ko-KR.xlf").string()}}) {
      SCOPED_TRACE(args[0]);
      const result r = run(args);
      EXPECT_EQ(r.status, 1) << r.err;
      const std::size_t at = r.err.find(": error: ");
      ASSERT_NE(at, std::string::npos) << r.err;
      const std::string first = r.err.substr(0, r.err.find('\n', at));
      EXPECT_NE(first.find(bad + c.where), std::string::npos) << r.err;
      EXPECT_NE(first.find(c.code), std::string::npos) << r.err;
      EXPECT_TRUE(snapshot(out) == before) << "an output changed after an error";
    }
  }
}

TEST(workflow_cli, merge_refuses_a_file_that_is_not_xliff) {
  const fs::path tmp = temp_dir("merge-not-xliff");
  const fs::path en = english_pages(tmp);
  const std::string page = (en / "alpha.md").string();
  const std::string before = read_file(page);
  // The English page given as the file to merge into, on the wrong side of `--`.
  const result r = run({"merge", "--sources", en.string(), "--", page});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("`" + page + "` is not an XLIFF file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[DGL0806]"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("malformed XML"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(page), before);
  // An XLIFF file's extension in capitals is still XLIFF.
  const fs::path upper = tmp / "Messages.ko-KR.XLF";
  ASSERT_EQ(run({"extract", en.string(), "-t", "ko-KR", "--out", tmp.string()}).status, 0);
  fs::rename(tmp / "messages.ko-KR.xlf", upper);
  const result u = run({"merge", "--sources", en.string(), "--", upper.string()});
  EXPECT_EQ(u.status, 0) << u.err;
}

TEST(workflow_cli, usage_errors_exit_2) {
  const std::string en = fixture_path("workflow/en");
  const fs::path out = temp_dir("usage");
  const std::vector<std::vector<std::string>> wrong = {
      {"extract", en, "--out", out.string()},                                       // no locales
      {"extract", "--target-locales", "ko-KR", "--out", out.string()},              // no sources
      {"extract", en, "-t", "ko-KR"},                                               // no --out
      {"extract", en, "-t", "ko-KR", "--format", "xliff3", "--out", out.string()},  // format
      {"extract", en, "-t", "ko-KR", "--out", out.string(), "--frobnicate"},
      {"import", en, "--format", "po", "--out", out.string()},
      {"import", "--out", out.string()},
      {"import", en},
      {"merge", "--sources", en},           // no XLIFF files
      {"merge", (out / "a.xlf").string()},  // no sources
      {"merge", "--sources", en, "a.xlf", "--drop-obsolete=maybe"},
  };
  for (const auto& args : wrong) {
    std::string line;
    for (const std::string& a : args) line += a + " ";
    SCOPED_TRACE(line);
    const result r = run(args);
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("diaglot"), std::string::npos) << r.err;
  }
  EXPECT_TRUE(fs::is_empty(out));
  for (const char* c : {"extract", "import", "merge", "stats"}) {
    const result r = run({c, "--help"});
    EXPECT_EQ(r.status, 0) << c;
    EXPECT_NE(r.out.find(std::string("usage: diaglot ") + c), std::string::npos) << r.out;
  }
}

TEST(workflow_cli, stats_reports_are_told_in_the_users_language) {
  const std::string fixtures = fixture_path("stats");
  const result ko = run({"stats", fixtures, "--lang", "ko"});
  ASSERT_EQ(ko.status, 0) << ko.err;
  // Columns stay aligned: each Hangul syllable takes two columns.
  EXPECT_EQ(
      ko.out.substr(0, ko.out.find("\n\nko-KR")),
      "원본 로캘 en: 원본 파일의 메시지 5개, 단어 28개, 세그먼트 8개\n"
      "\n"
      "ja: 단어의 39.2% 번역됨, ja의 단어 22개\n"
      "                  번역됨     검토 필요        오래됨       새 항목        폐기됨      합계\n"
      "  메시지               1             1             0             3             0         5\n"
      "  세그먼트             2             2             0             4             0         8\n"
      "  단어                11             5             0            12             0        28");
  const result de = run({"stats", fixtures, "--format", "html"}, "LANG=de_DE.UTF-8 LANGUAGE=");
  ASSERT_EQ(de.status, 0) << de.err;
  EXPECT_NE(de.out.find("<html lang=\"de\">"), std::string::npos);
  EXPECT_NE(de.out.find("<title>Übersetzungsstand</title>"), std::string::npos);
  EXPECT_NE(de.out.find("<tr><th>Gebietsschema</th><th class=\"num\">Übersetzt</th>"),
            std::string::npos)
      << de.out;
  // JSON is for programs: its keys and state names stay as they are.
  const result json = run({"stats", fixtures, "--format", "json", "--lang", "ja"});
  EXPECT_EQ(json.out, run({"stats", fixtures, "--format", "json", "--lang", "en"}).out);
}

}  // namespace
