// diaglot::format: .NET composite formatting and ICU MessageFormat, numbers, dates and plural
// rules by locale, and errors as values.
#include <gtest/gtest.h>

#include <diaglot/format.hpp>

#include <chrono>
#include <cstdlib>
#include <limits>
#include <string>
#include <thread>
#include <vector>

namespace diaglot {
namespace {

// Dates are shown in ICU's default time zone, the host's: pin it before ICU first reads it.
const bool utc = [] { return setenv("TZ", "UTC", 1) == 0; }();

std::string ok(const format_result& r) {
  EXPECT_TRUE(r.has_value()) << "error: " << r.error().detail << " at " << r.error().offset;
  return r.value();
}

format_error fails(const format_result& r) {
  EXPECT_FALSE(r.has_value()) << "unexpected text: " << r.value();
  return r.error();
}

/// 2024-05-01T10:00:00Z, a Wednesday.
std::chrono::system_clock::time_point may_day() {
  return std::chrono::system_clock::time_point(std::chrono::seconds(1714557600));
}

// --- syntax -------------------------------------------------------------------------------------

TEST(detect_syntax, icu_when_an_argument_has_a_type) {
  EXPECT_EQ(detect_syntax("{count, plural, one {# file} other {# files}}"), message_syntax::icu);
  EXPECT_EQ(detect_syntax("{g, select, female {she} other {they}}"), message_syntax::icu);
  EXPECT_EQ(detect_syntax("the {n,selectordinal,one{#st}other{#th}} try"), message_syntax::icu);
  EXPECT_EQ(detect_syntax("on {d, date, short}"), message_syntax::icu);
  EXPECT_EQ(detect_syntax("{0, number}"), message_syntax::icu);
}

TEST(detect_syntax, composite_when_it_parses_else_literal) {
  EXPECT_EQ(detect_syntax("The endpoint '{0}' could not reach {1}."), message_syntax::composite);
  EXPECT_EQ(detect_syntax("plain text"), message_syntax::composite);
  EXPECT_EQ(detect_syntax("{0,-10}|{1:N2}|{name}"), message_syntax::composite);
  EXPECT_EQ(detect_syntax("a brace '{{' escaped"), message_syntax::composite);
  // XML Schema property names in braces (corpus: ResXml Sch_AllRefMinMax): not a format string.
  EXPECT_EQ(detect_syntax("must have {min occurs}= 0 or 1 and {max occurs}=1."),
            message_syntax::literal);
  EXPECT_EQ(detect_syntax("a lone } brace"), message_syntax::literal);
  EXPECT_EQ(detect_syntax("an unclosed {0"), message_syntax::literal);
}

TEST(detect_syntax, ignores_icu_types_inside_code_spans) {
  // Documentation that shows ICU syntax in code is not ICU; here it is not composite either.
  EXPECT_EQ(detect_syntax("write `{n, plural, other {#}}` for plurals"), message_syntax::literal);
  EXPECT_EQ(detect_syntax("write `{n, plural, other {#}}` for {n, plural, other {#}}"),
            message_syntax::icu);
}

TEST(argument_names, numbered_up_to_the_largest_then_names_in_order) {
  using v = std::vector<std::string>;
  EXPECT_EQ(argument_names("{1} and {0} and {1}", message_syntax::composite), (v{"0", "1"}));
  EXPECT_EQ(argument_names("{2} only", message_syntax::composite), (v{"0", "1", "2"}));
  EXPECT_EQ(argument_names("{user} has {count} in {0}", message_syntax::composite),
            (v{"0", "user", "count"}));
  EXPECT_EQ(argument_names("{n, plural, one {{who} has # file} other {{who} has # files}}",
                           message_syntax::icu),
            (v{"n", "who"}));
  EXPECT_EQ(argument_names("{min occurs}", message_syntax::literal), v{});
}

// --- composite ----------------------------------------------------------------------------------

TEST(composite, places_arguments_and_honours_escapes) {
  EXPECT_EQ(ok(format("en", "'{0}' for '{1}' has '{{' and '}}'", "Name", "T")),
            "'Name' for 'T' has '{' and '}'");
  EXPECT_EQ(ok(format("en", "{1} before {0}, {1} again", "a", "b")), "b before a, b again");
  EXPECT_EQ(ok(format("en", "-r \"{{MyLibrary,1.0.0}}\"")), "-r \"{MyLibrary,1.0.0}\"");
  EXPECT_EQ(ok(format("en", "{{0}} is not an item")), "{0} is not an item");
}

TEST(composite, aligns_in_characters) {
  EXPECT_EQ(ok(format("en", "[{0,6}]", "ab")), "[    ab]");
  EXPECT_EQ(ok(format("en", "[{0,-6}]", "ab")), "[ab    ]");
  EXPECT_EQ(ok(format("en", "[{0,3}]", "long")), "[long]");
  EXPECT_EQ(ok(format("ko", "[{0,4}]", "\xed\x95\x9c\xea\xb8\x80")),
            "[  \xed\x95\x9c\xea\xb8\x80]");
  EXPECT_EQ(ok(format("en", "[{0,5:D3}]", 7)), "[  007]");
}

TEST(composite, named_arguments_by_name_or_position) {
  EXPECT_EQ(ok(format("en", "{user} has {count}", arg("count", 3), arg("user", "kim"))),
            "kim has 3");
  EXPECT_EQ(ok(format("en", "{user} has {count}", "kim", 3)), "kim has 3");
}

TEST(composite, missing_and_duplicate_arguments_are_errors) {
  const format_error e = fails(format("en", "a {0} b {1}", "x"));
  EXPECT_EQ(e.code, format_errc::missing_argument);
  EXPECT_EQ(e.offset, 8u);
  EXPECT_EQ(e.detail, "no argument `1` was given");
  EXPECT_EQ(fails(format("en", "{user}", "a", arg("user", "b"))).code,
            format_errc::duplicate_argument);
  // Extra arguments are ignored, as String.Format does.
  EXPECT_EQ(ok(format("en", "{0}", "a", "b")), "a");
}

TEST(composite, a_text_that_does_not_parse_is_an_error_when_read_as_composite) {
  const format_error e =
      fails(format_text("en", "a } b", message_syntax::composite, format_args()));
  EXPECT_EQ(e.code, format_errc::syntax);
  EXPECT_EQ(e.offset, 2u);
  // Read as what it is, it is shown as written.
  EXPECT_EQ(ok(format("en", "a } b", 1)), "a } b");
}

TEST(composite, numbers_follow_the_locale) {
  EXPECT_EQ(ok(format("en", "{0:N2}", 1234.5)), "1,234.50");
  EXPECT_EQ(ok(format("de", "{0:N2}", 1234.5)), "1.234,50");
  EXPECT_EQ(ok(format("ru", "{0:N0}", 1234567)),
            "1\xc2\xa0"
            "234\xc2\xa0"
            "567");
  EXPECT_EQ(ok(format("en", "{0:N}", 1234)), "1,234.00");
  EXPECT_EQ(ok(format("de", "{0}", 1234.5)), "1234,5");
  EXPECT_EQ(ok(format("en", "{0}", 1234567)), "1234567");
  EXPECT_EQ(ok(format("en", "{0:F3}", 2.5)), "2.500");
  // Halves round away from zero, as in .NET.
  EXPECT_EQ(ok(format("en", "{0:N1}", 0.25)), "0.3");
  EXPECT_EQ(ok(format("en", "{0:F0}", -2.5)), "-3");
  EXPECT_EQ(ok(format("en", "{0:0.0}", 0.25)), "0.3");
  EXPECT_EQ(ok(format("en", "{0:D5}", -42)), "-00042");
  EXPECT_EQ(ok(format("en", "{0:X}", 255)), "FF");
  EXPECT_EQ(ok(format("en", "{0:x8}", 255u)), "000000ff");
  EXPECT_EQ(ok(format("en", "{0:X}", -1)), "FFFFFFFFFFFFFFFF");
  EXPECT_EQ(ok(format("en", "{0:P1}", 0.256)), "25.6%");
  EXPECT_EQ(ok(format("en", "{0:E2}", 1234.5)), "1.23E+003");
  EXPECT_EQ(ok(format("en", "{0:e2}", 1234.5)), "1.23e+003");
  EXPECT_EQ(ok(format("en", "{0:0.00}", 3.14159)), "3.14");
  EXPECT_EQ(ok(format("de", "{0:#,##0.0}", 12345.67)), "12.345,7");
  EXPECT_EQ(ok(format("en", "{0}", std::numeric_limits<std::uint64_t>::max())),
            "18446744073709551615");
  EXPECT_EQ(ok(format("ja", "{0:C}", 1234)),
            "\xef\xbf\xa5"
            "1,234");
  EXPECT_EQ(ok(format("en-US", "{0:C}", 1234.5)), "$1,234.50");
}

TEST(composite, bad_number_formats_are_errors) {
  EXPECT_EQ(fails(format("en", "{0:D}", 1.5)).code, format_errc::argument_type);
  EXPECT_EQ(fails(format("en", "{0:X}", 1.5)).code, format_errc::argument_type);
  EXPECT_EQ(fails(format("en", "{0:Q}", 1)).code, format_errc::format_spec);
  EXPECT_EQ(fails(format("en", "{0:N100}", 1)).code, format_errc::format_spec);
  // Text ignores a format string, as in .NET.
  EXPECT_EQ(ok(format("en", "{0:N2}", "abc")), "abc");
}

TEST(composite, dates_follow_the_locale) {
  const auto t = may_day();
  EXPECT_EQ(ok(format("en", "{0:s}", t)), "2024-05-01T10:00:00");
  EXPECT_EQ(ok(format("en", "{0:u}", t)), "2024-05-01 10:00:00Z");
  EXPECT_EQ(ok(format("en", "{0:yyyy-MM-dd HH:mm}", t)), "2024-05-01 10:00");
  EXPECT_EQ(ok(format("en", "{0:dddd, MMMM d}", t)), "Wednesday, May 1");
  EXPECT_EQ(ok(format("de", "{0:dddd, d. MMMM yyyy}", t)), "Mittwoch, 1. Mai 2024");
  EXPECT_EQ(ok(format("de", "{0:d}", t)), "01.05.24");
  EXPECT_EQ(ok(format("ja", "{0:D}", t)),
            "2024\xe5\xb9\xb4"
            "5\xe6\x9c\x88"
            "1\xe6\x97\xa5\xe6\xb0\xb4\xe6\x9b\x9c\xe6\x97\xa5");
  EXPECT_EQ(ok(format("ko", "{0:yyyy}\xeb\x85\x84 {0:M}", t)),
            "2024\xeb\x85\x84 5\xec\x9b\x94 1\xec\x9d\xbc");
  EXPECT_EQ(ok(format("en", "{0:r}", t)), "Wed, 01 May 2024 10:00:00 GMT");
  EXPECT_EQ(fails(format("en", "{0:Q}", t)).code, format_errc::format_spec);
}

// --- ICU MessageFormat --------------------------------------------------------------------------

const char* const files = "{n, plural, =0 {no files} one {# file} other {# files}}";

/// A select nested `n` deep, taking `x` at every level to a leaf.
std::string nested_select(std::size_t n) {
  std::string p;
  for (std::size_t i = 0; i < n; ++i) p += "{a, select, x {";
  p += "leaf";
  for (std::size_t i = 0; i < n; ++i) p += "} other {o}}";
  return p;
}

TEST(icu_nesting, is_bounded_so_no_message_exhausts_the_stack) {
  // 32 levels format; deeper ones are refused before ICU parses them (it recurses per level:
  // 4,000 levels overflowed an 8 MiB stack, 200 a 256 KiB thread stack).
  EXPECT_EQ(ok(format("en", nested_select(32), arg("a", "x"))), "leaf");
  const format_error e = fails(format("en", nested_select(33), arg("a", "x")));
  EXPECT_EQ(e.code, format_errc::syntax);
  EXPECT_EQ(e.offset, 32u * 15u);  // the brace of the 33rd argument
  EXPECT_NE(e.detail.find("nested more than 32 deep"), std::string::npos) << e.detail;
  EXPECT_EQ(fails(format("en", nested_select(100000), arg("a", "x"))).code, format_errc::syntax);
  // On a small stack too.
  std::thread small([] {
    EXPECT_EQ(fails(format("en", nested_select(5000), arg("a", "x"))).code, format_errc::syntax);
  });
  small.join();
  // Quoted braces are text, not nesting.
  const std::string braces(70, '{');
  EXPECT_EQ(ok(format("en", "'" + braces + "' {a, select, other {z}}", arg("a", "y"))),
            braces + " z");
}

TEST(icu_plural, english_and_german_have_one_and_other) {
  EXPECT_EQ(ok(format("en", files, 0)), "no files");
  EXPECT_EQ(ok(format("en", files, 1)), "1 file");
  EXPECT_EQ(ok(format("en", files, 2)), "2 files");
  EXPECT_EQ(ok(format("en", files, 1234)), "1,234 files");
  const char* de = "{n, plural, one {# Datei} other {# Dateien}}";
  EXPECT_EQ(ok(format("de", de, 1)), "1 Datei");
  EXPECT_EQ(ok(format("de", de, 2)), "2 Dateien");
  EXPECT_EQ(ok(format("de", de, 1000)), "1.000 Dateien");
  EXPECT_EQ(ok(format("de", de, 1.5)), "1,5 Dateien");
}

TEST(icu_plural, korean_and_japanese_have_only_other) {
  const char* ko = "{n, plural, other {\xed\x8c\x8c\xec\x9d\xbc #\xea\xb0\x9c}}";
  EXPECT_EQ(ok(format("ko", ko, 1)), "\xed\x8c\x8c\xec\x9d\xbc 1\xea\xb0\x9c");
  EXPECT_EQ(ok(format("ko", ko, 21)), "\xed\x8c\x8c\xec\x9d\xbc 21\xea\xb0\x9c");
  // A `one` case is never chosen in Korean or Japanese: CLDR gives them no `one` category.
  const char* ja = "{n, plural, one {ONE} other {#\xe4\xbb\xb6}}";
  EXPECT_EQ(ok(format("ja", ja, 1)), "1\xe4\xbb\xb6");
  EXPECT_EQ(ok(format("ja", ja, 2)), "2\xe4\xbb\xb6");
}

TEST(icu_plural, russian_has_one_few_many_other) {
  const char* ru =
      "{n, plural, one {# \xd1\x84\xd0\xb0\xd0\xb9\xd0\xbb} "
      "few {# \xd1\x84\xd0\xb0\xd0\xb9\xd0\xbb\xd0\xb0} "
      "many {# \xd1\x84\xd0\xb0\xd0\xb9\xd0\xbb\xd0\xbe\xd0\xb2} "
      "other {# \xd1\x84\xd0\xb0\xd0\xb9\xd0\xbb\xd0\xb0}}";
  const std::string one = " \xd1\x84\xd0\xb0\xd0\xb9\xd0\xbb";
  const std::string few = one + "\xd0\xb0", many = one + "\xd0\xbe\xd0\xb2";
  EXPECT_EQ(ok(format("ru", ru, 1)), "1" + one);
  EXPECT_EQ(ok(format("ru", ru, 21)), "21" + one);
  EXPECT_EQ(ok(format("ru", ru, 2)), "2" + few);
  EXPECT_EQ(ok(format("ru", ru, 24)), "24" + few);
  EXPECT_EQ(ok(format("ru", ru, 5)), "5" + many);
  EXPECT_EQ(ok(format("ru", ru, 11)), "11" + many);
  EXPECT_EQ(ok(format("ru", ru, 12)), "12" + many);
  EXPECT_EQ(ok(format("ru", ru, 111)), "111" + many);
  EXPECT_EQ(ok(format("ru", ru, 1.5)), "1,5" + few);  // other
}

TEST(icu_plural, polish_has_one_few_many_other) {
  const char* pl = "{n, plural, one {# plik} few {# pliki} many {# plik\xc3\xb3w} other {# pliku}}";
  EXPECT_EQ(ok(format("pl", pl, 1)), "1 plik");
  EXPECT_EQ(ok(format("pl", pl, 2)), "2 pliki");
  EXPECT_EQ(ok(format("pl", pl, 22)), "22 pliki");
  EXPECT_EQ(ok(format("pl", pl, 5)), "5 plik\xc3\xb3w");
  EXPECT_EQ(ok(format("pl", pl, 12)), "12 plik\xc3\xb3w");
  EXPECT_EQ(ok(format("pl", pl, 21)), "21 plik\xc3\xb3w");
  EXPECT_EQ(ok(format("pl", pl, 0.5)), "0,5 pliku");
}

TEST(icu_plural, arabic_has_all_six_categories) {
  const char* ar = "{n, plural, zero {Z} one {O} two {T} few {F#} many {M#} other {X#}}";
  EXPECT_EQ(ok(format("ar", ar, 0)), "Z");
  EXPECT_EQ(ok(format("ar", ar, 1)), "O");
  EXPECT_EQ(ok(format("ar", ar, 2)), "T");
  // Arabic digits: CLDR's default numbering system for `ar`.
  EXPECT_EQ(ok(format("ar", ar, 3)), "F\xd9\xa3");
  EXPECT_EQ(ok(format("ar", ar, 11)), "M\xd9\xa1\xd9\xa1");
  EXPECT_EQ(ok(format("ar", ar, 100)), "X\xd9\xa1\xd9\xa0\xd9\xa0");
  EXPECT_EQ(ok(format("ar-u-nu-latn", ar, 103)), "F103");
}

TEST(icu, select_and_selectordinal) {
  const char* s = "{g, select, female {she} male {he} other {they}} wrote";
  EXPECT_EQ(ok(format("en", s, "female")), "she wrote");
  EXPECT_EQ(ok(format("en", s, "x")), "they wrote");
  const char* o = "{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}";
  EXPECT_EQ(ok(format("en", o, 1)), "1st");
  EXPECT_EQ(ok(format("en", o, 2)), "2nd");
  EXPECT_EQ(ok(format("en", o, 3)), "3rd");
  EXPECT_EQ(ok(format("en", o, 11)), "11th");
  EXPECT_EQ(ok(format("en", o, 22)), "22nd");
}

TEST(icu, nested_arguments_and_names) {
  const char* p = "{who} has {n, plural, one {one file in {dir}} other {# files in {dir}}}";
  EXPECT_EQ(ok(format("en", p, "kim", 2, "/tmp")), "kim has 2 files in /tmp");
  EXPECT_EQ(ok(format("en", p, arg("dir", "/a"), arg("n", 1), arg("who", "lee"))),
            "lee has one file in /a");
}

TEST(icu, apostrophes_quote_as_icu_says) {
  // "it's" is an apostrophe; '' is one too; '{0}' is the literal text {0} (the check DGL1207
  // reports that at build time).
  EXPECT_EQ(ok(format("en", "it's {0, number}", 5)), "it's 5");
  EXPECT_EQ(ok(format("en", "''{0, number}''", 5)), "'5'");
  EXPECT_EQ(ok(format("en", "'{0}' {1, number}", 5, 6)), "{0} 6");
}

TEST(icu, bad_arguments_are_errors) {
  format_error e = fails(format("en", files, "many"));
  EXPECT_EQ(e.code, format_errc::argument_type);
  EXPECT_EQ(e.detail, "`n` is used as `plural`, which needs a number, but text was given");
  e = fails(format("en", "{g, select, a {A} other {B}}", 3));
  EXPECT_EQ(e.code, format_errc::argument_type);
  e = fails(format("en", "x {n, plural, other {#}} {who}", 1));
  EXPECT_EQ(e.code, format_errc::missing_argument);
  EXPECT_EQ(e.offset, 25u);
  e = fails(format("en", "{d, date, short}", 3));
  EXPECT_EQ(e.code, format_errc::argument_type);
  e = fails(format_text("en", "{n, plural, one {x}}", message_syntax::icu, format_args()));
  EXPECT_EQ(e.code, format_errc::syntax);
}

TEST(icu, numbers_and_dates_follow_the_locale) {
  EXPECT_EQ(ok(format("de", "{0, number} / {0, number, percent}", 0.25)), "0,25 / 25\xc2\xa0%");
  EXPECT_EQ(ok(format("en", "{d, date, long}", may_day())), "May 1, 2024");
  EXPECT_EQ(ok(format("ja", "{d, date, long}", may_day())),
            "2024\xe5\xb9\xb4"
            "5\xe6\x9c\x88"
            "1\xe6\x97\xa5");
}

TEST(format_result, is_a_value) {
  const format_result r = format("en", "{0}");
  EXPECT_FALSE(r);
  EXPECT_EQ(r.value(), "");
  EXPECT_EQ(r.value_or("fallback"), "fallback");
  EXPECT_EQ(std::string(to_string(r.error().code)), "missing argument");
}

TEST(format, hostile_input_gives_errors_not_crashes) {
  // Invalid UTF-8, huge alignments and numbers, unbalanced braces: errors whose offset is inside
  // the text (the sanitizer build checks the rest).
  std::size_t errors = 0;
  for (const char* p :
       {"\xff{0}\xfe", "{0,99999999}", "{0,1001}", "{1000}", "{0:}", "{0,}", "{", "}", "{0", "{0:N",
        "{n, plural, other {#", "{n, plural,", "{n, select, other {{m, plural, other {#}}}}", "'{",
        "{0,-}", "{99999999999999999999}", "{0:yyyy\\"})
    for (const message_syntax s : {message_syntax::composite, message_syntax::icu}) {
      const format_arg a[] = {format_arg(1), format_arg("x"), format_arg(2.5)};
      for (const format_result& r :
           {format_text("en", p, s, format_args()), format_text("ar", p, s, format_args(a))}) {
        if (r) continue;
        ++errors;
        EXPECT_LE(r.error().offset, std::string(p).size()) << p;
        EXPECT_FALSE(r.error().detail.empty()) << p;
      }
    }
  EXPECT_GE(errors, 30u);
  // Read as literal text, anything is shown as written.
  EXPECT_EQ(format_text("en", "{0,99999999}", message_syntax::literal, format_args()).value(),
            "{0,99999999}");
}

TEST(format, threads_format_independently) {
  // Each thread keeps its own ICU formatters; results must not mix.
  const char* ru = "{n, plural, one {# файл} few {# файла} many {# файлов} other {# файла}}";
  auto one = [&](int n) {
    return format("ru", ru, n).value() + "|" +
           format("de", "{0:N1}|{1:d}", n / 4.0, may_day()).value();
  };
  std::vector<std::string> expected;
  for (int n = 0; n < 1200; ++n) expected.push_back(one(n));
  EXPECT_EQ(expected[21], "21 файл|5,3|01.05.24");
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int n = t * 300; n < (t + 1) * 300; ++n) wrong[t] += one(n) != expected[n];
    });
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace diaglot
