// The real corpus: every wcf-xliff message with `{n}` placeholders formats in all 13 locales, each
// argument in its place and the `{{`/`}}` escapes honoured.
#include <gtest/gtest.h>

#include <diaglot/format.hpp>

#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "driver/driver.hpp"
#include "support/corpus.hpp"

namespace diaglot {
namespace {

namespace fs = std::filesystem;

/// The marker an argument is replaced with; it occurs in no corpus text.
std::string marker(int i) { return "\xe2\x9f\xaa" + std::to_string(i) + "\xe2\x9f\xab"; }

/// What String.Format gives for a corpus text (only `{n}` items and `{{`/`}}` occur there),
/// computed without diaglot's parser. -1 in `largest` when the text is not a format string.
std::string expand(const std::string& t, int& largest) {
  std::string out;
  largest = -1;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if ((t[i] == '{' || t[i] == '}') && i + 1 < t.size() && t[i + 1] == t[i]) {
      out += t[i++];
    } else if (t[i] == '{') {
      std::size_t j = i + 1;
      while (j < t.size() && t[j] >= '0' && t[j] <= '9') ++j;
      if (j == i + 1 || j >= t.size() || t[j] != '}') return {};
      const int n = std::stoi(t.substr(i + 1, j - i - 1));
      largest = std::max(largest, n);
      out += marker(n);
      i = j;
    } else {
      out += t[i];
    }
  }
  return out;
}

/// The 13 language files of each resource set, keyed by folder and base name.
std::map<std::string, std::vector<std::string>> xliff_sets(const std::string& root) {
  std::map<std::string, std::vector<std::string>> sets;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.path().extension() != ".xlf") continue;
    const std::string stem = e.path().stem().stem().string();  // Strings.ko.xlf -> Strings
    sets[e.path().parent_path().string() + "/" + stem].push_back(e.path().string());
  }
  return sets;
}

TEST(corpus_format, every_wcf_xliff_message_with_placeholders_formats_in_all_13_locales) {
  DIAGLOT_REQUIRE_SHARED(root, "corpus/wcf-xliff");
  std::map<std::string, std::size_t> formatted, from_source;
  std::size_t messages = 0, escapes = 0;
  for (const auto& [set, paths] : xliff_sets(root)) {
    SCOPED_TRACE(set);
    ASSERT_EQ(paths.size(), 13u);
    driver::session s;
    const std::optional<model::catalog> cat = driver::build_catalog({paths, {}, "en"}, s);
    ASSERT_TRUE(cat);
    const plan::table_plan plan = plan::make_plan(*cat);
    const detail::table table = plan.view();
    const catalog c(table);
    ASSERT_EQ(c.locale_count(), 14u);
    for (const model::message& m : cat->messages) {
      const std::string& source = m.fields.at(0).by_locale.at("en").text;
      int largest = -1;
      expand(source, largest);
      if (largest < 0) continue;  // no `{n}`: not what this test is about
      ++messages;
      ASSERT_EQ(detect_syntax(source), message_syntax::composite) << m.id;
      std::vector<std::string> values;
      for (int i = 0; i <= largest; ++i) values.push_back(marker(i));
      const std::vector<format_arg> args(values.begin(), values.end());
      for (std::size_t l = 0; l < c.locale_count(); ++l) {
        const locale loc(static_cast<std::uint16_t>(l));
        const std::string tag(c.tag(loc));
        if (tag == "en") continue;
        const message found = *c.find(m.id, loc);
        const std::string served(found.text());
        int served_largest = -1;
        const std::string expected = expand(served, served_largest);
        const format_result r = format_message(c, found, {}, format_args(args));
        ASSERT_TRUE(r) << m.id << " [" << tag << "]: " << r.error().detail;
        EXPECT_EQ(*r, expected) << m.id << " [" << tag << "]";
        if (c.tag(found.locale()) == tag)
          ++formatted[tag];
        else
          ++from_source[tag];
        if (served.find("{{") != std::string::npos) ++escapes;
      }
    }
  }
  EXPECT_EQ(messages, 2519u);
  EXPECT_EQ(formatted.size(), 13u);
  std::size_t total = 0;
  for (const auto& [tag, n] : formatted) {
    total += n + from_source[tag];
    std::cout << "[ format   ] " << tag << ": " << n << " formatted, " << from_source[tag]
              << " from the English fallback\n";
  }
  EXPECT_EQ(total, 2519u * 13u);
  // `GenericNameBraceMismatch` escapes `{{` in every language.
  EXPECT_GE(escapes, 13u);
  // The English fallbacks: untranslated units (state `new`), and one Czech unit whose translation
  // does not parse (`{0}{ 0}`, DGL1202).
  EXPECT_EQ(from_source["cs"], from_source["de"] + 1);
}

}  // namespace
}  // namespace diaglot
