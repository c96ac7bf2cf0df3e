// The real diaglot program given one file under two names (two spellings of a directory, a
// symbolic link to it, a hard link): each file is read once, under one name whatever the order of
// the arguments.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "cli/run_diaglot.hpp"
#include "support/corpus.hpp"

namespace {

namespace fs = std::filesystem;
using diaglot::testing::read_file;
using diaglot::testing::result;
using diaglot::testing::run_in;
using diaglot::testing::temp_dir;

/// An XLIFF 1.2 file of two German translations, a unit a line from line 4.
std::string german(const std::string& first, const std::string& second) {
  std::string out =
      "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">\n"
      "  <file source-language=\"en\" target-language=\"de\"><body>\n";
  for (const std::string& id : {first, second})
    out += "    <trans-unit id=\"" + id + "\"><source>" + id + "</source><target>" + id +
           "!</target></trans-unit>\n";
  return out + "  </body></file>\n</xliff>\n";
}

void write(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

/// How many times `needle` occurs in `text`.
std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++n;
  return n;
}

TEST(same_file_cli, a_directory_named_two_ways_is_read_once) {
  const fs::path root = fs::absolute(temp_dir("same-file"));
  write(root / "docs/en/a.de.xlf", german("Alpha", "Beta"));
  write(root / "docs/b.de.xlf", german("Gamma", "Delta"));
  fs::create_directory_symlink("docs", root / "link");
  fs::create_directories(root / "other");
  fs::create_hard_link(root / "docs/en/a.de.xlf", root / "other/hard.de.xlf");
  const std::vector<std::vector<std::string>> spellings = {
      {(root / "docs").string(), "docs/en"},  // absolute and relative, one inside the other
      {"docs/en", (root / "docs").string()},
      {"docs", "./docs/../docs"},
      {"docs", "link/en"},  // through a symbolic link to the directory
      {"link", "docs"},
      {"docs", "other"},  // a hard link to a file
  };
  for (const std::vector<std::string>& sources : spellings) {
    SCOPED_TRACE(sources[0] + " " + sources[1]);
    std::vector<std::string> args{"check"};
    args.insert(args.end(), sources.begin(), sources.end());
    const result check = run_in(root, args);
    EXPECT_EQ(check.status, 0) << check.err;
    EXPECT_EQ(check.err, "");  // no "defined twice" (DGL0401)
    // The depfile lists each file read: each once.
    args[0] = "compile";
    for (const char* a : {"--out", "out", "--name", "m", "--depfile", "out/m.d"}) args.push_back(a);
    const result compile = run_in(root, args);
    ASSERT_EQ(compile.status, 0) << compile.err;
    const std::string depfile = read_file((root / "out/m.d").string());
    EXPECT_EQ(count(depfile, "a.de.xlf") + count(depfile, "hard.de.xlf"), 1u) << depfile;
    EXPECT_EQ(count(depfile, "b.de.xlf"), 1u) << depfile;
  }
}

TEST(same_file_cli, a_diagnostic_names_a_file_by_the_same_name_in_any_order_of_the_arguments) {
  const fs::path root = fs::absolute(temp_dir("same-file-name"));
  write(root / "docs/en/broken.de.xlf", "<xliff version=\"1.2\">\n<file>\n</xliff>\n");
  fs::create_directory_symlink("docs", root / "link");
  for (const auto& [first, second, named] :
       {std::tuple<std::string, std::string, std::string>{"link/en", "docs", "docs/en"},
        {"docs", "link/en", "docs/en"},
        {(root / "docs/en").string(), "docs", (root / "docs/en").string()},
        {"docs", (root / "docs/en").string(), (root / "docs/en").string()}}) {
    SCOPED_TRACE(first + " " + second);
    const result r = run_in(root, {"check", first, second});
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_EQ(count(r.err, "broken.de.xlf:"), 1u) << r.err;
    EXPECT_EQ(r.err.rfind(named + "/broken.de.xlf:3:", 0), 0u) << r.err;
    EXPECT_NE(r.err.find("\n1 error(s)"), std::string::npos) << r.err;
  }
}

TEST(same_file_cli, the_outputs_do_not_depend_on_the_order_of_the_names) {
  const fs::path root = fs::absolute(temp_dir("same-file-order"));
  write(root / "docs/en/a.de.xlf", german("Alpha", "Beta"));
  fs::create_directory_symlink("docs", root / "link");
  std::string first;
  for (const std::vector<std::string>& sources :
       {std::vector<std::string>{"link/en", "docs"}, {"docs", "link/en"}}) {
    std::vector<std::string> args{"compile"};
    args.insert(args.end(), sources.begin(), sources.end());
    for (const char* a : {"--out", "out", "--name", "m", "--depfile", "out/m.d"}) args.push_back(a);
    const result r = run_in(root, args);
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string depfile = read_file((root / "out/m.d").string());
    EXPECT_NE(depfile.find("docs/en/a.de.xlf"), std::string::npos) << depfile;
    if (first.empty())
      first = depfile;
    else
      EXPECT_EQ(depfile, first);
  }
}

TEST(same_file_cli, two_files_with_the_same_bytes_are_two_files) {
  const fs::path root = fs::absolute(temp_dir("same-bytes"));
  const std::string bytes = german("Alpha", "Beta");
  write(root / "docs/a.de.xlf", bytes);
  write(root / "docs/copy/a.de.xlf", bytes);
  // The copy named twice more is read once, and still defines each message a second time.
  const result r = run_in(root, {"check", "docs", (root / "docs/copy").string(), "docs/copy"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(count(r.err, "[DGL0401]"), 2u) << r.err;
  // The copy is named as the sorted arguments first give it (absolute, "/..." before "docs"),
  // and files are numbered in path order: it is the first definition.
  EXPECT_EQ(r.err.rfind("docs/a.de.xlf:4:5: error: message `Alpha#text` is defined twice in `de` "
                        "[DGL0401]\n",
                        0),
            0u)
      << r.err;
  EXPECT_NE(r.err.find((root / "docs/copy/a.de.xlf").string() + ":4:5: note: first defined here\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("\n2 error(s), 0 warning(s)\n"), std::string::npos) << r.err;
}

}  // namespace
