#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "read/readers.hpp"
#include "support/corpus.hpp"

namespace diaglot::read {
namespace {

/// One or more code tables read into one code_table.
struct codes_run {
  source_manager sources;
  diagnostic_sink sink;
  context ctx{sources, sink};
  model::code_table codes;

  std::uint32_t add(const std::string& path, const std::string& text) {
    const std::uint32_t file = sources.add(path, text);
    read_code_table(file, ctx, codes);
    return file;
  }
  static std::string fixture(const std::string& name) {
    return testing::read_file(testing::fixture_path("codes/" + name));
  }
  std::string at(source_location where) const {
    const line_column p = sources.position(where);
    return std::to_string(p.line) + ":" + std::to_string(p.column);
  }
};

TEST(code_table_reader, uses_the_code_hex_column_of_a_wcf_style_header) {
  codes_run r;
  r.add("wcf_style.tsv", codes_run::fixture("wcf_style.tsv"));
  EXPECT_EQ(r.sink.all().size(), 0u);
  const std::map<std::string, std::uint32_t> expected = {
      {"Administration", 0x10000}, {"WmiPut", 0x10001},     {"Secure", 0x4000F},
      {"Base", 0xF0000},           {"SameAsBase", 0xF0000},
  };
  EXPECT_EQ(r.codes.by_name, expected);
  EXPECT_EQ(r.at(r.codes.where.at("Administration")), "2:1");
  EXPECT_EQ(r.at(r.codes.where.at("Secure")), "6:1");
}

TEST(code_table_reader, without_a_header_column_two_is_the_code) {
  codes_run r;
  r.add("headerless.tsv", codes_run::fixture("headerless.tsv"));
  EXPECT_EQ(r.sink.all().size(), 0u);
  const std::map<std::string, std::uint32_t> expected = {
      {"Alpha", 1}, {"Beta", 0x20}, {"Gamma", 0xFFFFFFFFu}};
  EXPECT_EQ(r.codes.by_name, expected);  // BOM, CRLF, blank and comment lines skipped
  EXPECT_EQ(r.at(r.codes.where.at("Alpha")), "1:1");
  EXPECT_EQ(r.at(r.codes.where.at("Gamma")), "5:1");
}

TEST(code_table_reader, an_unrecognized_header_is_skipped) {
  codes_run r;
  r.add("unnamed_header.tsv", codes_run::fixture("unnamed_header.tsv"));
  EXPECT_EQ(r.sink.all().size(), 0u);
  const std::map<std::string, std::uint32_t> expected = {{"One", 1}, {"Two", 2}};
  EXPECT_EQ(r.codes.by_name, expected);
}

TEST(code_table_reader, header_names_the_name_and_code_columns) {
  codes_run r;
  r.add("named_columns.tsv", codes_run::fixture("named_columns.tsv"));
  EXPECT_EQ(r.sink.all().size(), 0u);
  const std::map<std::string, std::uint32_t> expected = {{"Seven", 7}, {"Eight", 8}};
  EXPECT_EQ(r.codes.by_name, expected);
}

TEST(code_table_reader, same_name_with_same_value_is_not_an_error) {
  codes_run r;
  r.add("a.tsv", "A\t1\nA\t0x1\n");
  EXPECT_EQ(r.sink.all().size(), 0u);
  EXPECT_EQ(r.codes.by_name.at("A"), 1u);
  EXPECT_EQ(r.at(r.codes.where.at("A")), "1:1");
}

TEST(code_table_reader, duplicates_across_files_point_at_the_first_file) {
  codes_run r;
  const std::uint32_t first = r.add("a.tsv", "A\t1\n");
  const std::uint32_t second = r.add("b.tsv", "B\t5\nA\t2\n");
  ASSERT_EQ(r.sink.all().size(), 1u);
  const diagnostic& d = r.sink.all()[0];
  EXPECT_EQ(d.code, diag::codes_duplicate_name);
  EXPECT_EQ(d.where.file, second);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].where.file, first);
  EXPECT_EQ(r.codes.by_name.at("A"), 1u);  // the first definition stays
}

struct bad_case {
  const char* name;
  const char* text;
  diag code;
  const char* where;
  std::vector<std::string> args;
};

TEST(code_table_reader, reports_bad_rows_exactly) {
  const std::vector<bad_case> cases = {
      {"no tab", "name\tcode_hex\nNoTab\n", diag::codes_syntax, "2:1", {}},
      {"empty code", "A\t1\nB\t\n", diag::codes_syntax, "2:1", {}},
      {"empty name", "A\t1\n\t5\n", diag::codes_syntax, "2:1", {}},
      {"missing hex column", "name\tcategory\tcode_hex\nX\tCat\n", diag::codes_syntax, "2:1", {}},
      {"bad hex digit", "A\t1\nB\t0xZZ\n", diag::codes_bad_number, "2:3", {"0xZZ"}},
      {"letters after digits", "A\t1\nB\t12a\n", diag::codes_bad_number, "2:3", {"12a"}},
      {"bare prefix", "A\t1\nB\t0x\n", diag::codes_bad_number, "2:3", {"0x"}},
      {"negative", "A\t1\nB\t-5\n", diag::codes_bad_number, "2:3", {"-5"}},
      {"above 32 bits", "A\t1\nB\t0x100000000\n", diag::codes_bad_number, "2:3", {"0x100000000"}},
      {"padded cell", "A\t1\nB\t  0xQ \n", diag::codes_bad_number, "2:5", {"0xQ"}},
      {"bad hex column",
       "name\tcategory\tcode_hex\nX\tCat\toops\n",
       diag::codes_bad_number,
       "2:7",
       {"oops"}},
      {"decimal disagrees",
       "name\tcode_hex\tcode_decimal\nX\t0x10\t15\n",
       diag::codes_columns_disagree,
       "2:8",
       {"15", "0x10"}},
      {"decimal not a number",
       "name\tcode_hex\tcode_decimal\nX\t0x10\tsixteen\n",
       diag::codes_bad_number,
       "2:8",
       {"sixteen"}},
      {"duplicate name", "A\t1\nB\t2\nA\t3\n", diag::codes_duplicate_name, "3:1", {"A"}},
  };
  for (const bad_case& c : cases) {
    SCOPED_TRACE(c.name);
    codes_run r;
    r.add("bad.tsv", c.text);
    ASSERT_EQ(r.sink.all().size(), 1u);
    const diagnostic& d = r.sink.all()[0];
    EXPECT_EQ(diag_code(d.code), diag_code(c.code));
    EXPECT_EQ(r.at(d.where), c.where);
    EXPECT_EQ(d.args, c.args);
    EXPECT_EQ(r.codes.by_name.count("B") + r.codes.by_name.count("X"),
              std::string(c.name) == "duplicate name" ? 1u : 0u);
  }
}

TEST(code_table_reader, duplicate_name_notes_the_first_definition) {
  codes_run r;
  r.add("dup.tsv", "A\t1\nB\t2\nA\t3\n");
  ASSERT_EQ(r.sink.all().size(), 1u);
  EXPECT_EQ(render(r.sink.all()[0], r.sources),
            "dup.tsv:3:1: error: code name `A` is defined twice with different values "
            "[DGL0303]\n"
            "  A\t3\n"
            "  ^\n"
            "dup.tsv:1:1: note: first defined here\n"
            "  A\t1\n"
            "  ^\n");
}

TEST(code_table_reader, reads_the_wcf_trace_codes) {
  DIAGLOT_REQUIRE_SHARED(path, "corpus/wcf-traces/trace-codes.tsv");
  codes_run r;
  r.add(path, testing::read_file(path));
  EXPECT_EQ(r.sink.all().size(), 0u);
  EXPECT_EQ(r.codes.by_name.size(), 364u);
  EXPECT_EQ(r.codes.where.size(), 364u);
  ASSERT_EQ(r.codes.by_name.count("HttpsClientCertificateInvalid"), 1u);
  EXPECT_EQ(r.codes.by_name.at("HttpsClientCertificateInvalid"), 0x4000Fu);
  EXPECT_EQ(r.codes.by_name.at("HttpsClientCertificateInvalid"), 262159u);
  EXPECT_EQ(r.at(r.codes.where.at("HttpsClientCertificateInvalid")), "35:1");
  // NetFx35 | 0 is the category base itself.
  EXPECT_EQ(r.codes.by_name.at("ActivatingMessageReceived"), 0xF0000u);
  EXPECT_EQ(r.codes.by_name.at("NetFx35"), 0xF0000u);
  EXPECT_EQ(r.codes.by_name.count("name"), 0u);  // the header is not a code
}

}  // namespace
}  // namespace diaglot::read
