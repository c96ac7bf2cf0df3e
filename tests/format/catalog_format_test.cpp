// Formatting catalog messages: the served locale's rules, the source text's syntax, typed IDs
// (generated and compiled: a call with the wrong argument count must not compile), `lookup --arg`,
// and the build-time checks at the exact place in real files.
#include <gtest/gtest.h>

#include <diaglot/format.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "driver/driver.hpp"
#include "driver/format_lookup.hpp"
#include "emit/cpp_emitter.hpp"
#include "support/corpus.hpp"

namespace diaglot {
namespace {

namespace fs = std::filesystem;

struct built {
  model::catalog cat;
  plan::table_plan plan;
  detail::table table{};
  explicit built(model::catalog c) : cat(std::move(c)), plan(plan::make_plan(cat)) {
    table = plan.view();
  }
  catalog runtime() const { return catalog(table); }
};

/// A catalog of XLIFF-like messages: id -> locale -> text.
model::catalog make_catalog(const std::map<std::string, std::map<std::string, std::string>>& m) {
  model::catalog cat;
  std::set<std::string> locales;
  for (const auto& [id, texts] : m) {
    model::message msg;
    msg.id = id;
    model::field f;
    f.name = "text";
    for (const auto& [locale, text] : texts) {
      f.by_locale[locale].name = "text";
      f.by_locale[locale].text = text;
      if (locale != "en") msg.states[locale] = model::state::translated;
      locales.insert(locale);
    }
    msg.fields.push_back(f);
    cat.messages.push_back(msg);
  }
  cat.locales.assign(locales.begin(), locales.end());
  return cat;
}

const std::map<std::string, std::map<std::string, std::string>> sample = {
    {"Files",
     {{"en", "{n, plural, one {# file} other {# files}} in {dir}"},
      {"ru", "{n, plural, one {# файл} few {# файла} many {# файлов} other {# файла}} в {dir}"},
      {"ja", "{dir} に {n, plural, other {#個のファイル}}"}}},
    {"Reach",
     {{"en", "Cannot reach '{0}' after {1:N0} tries."},
      {"de", "'{0}' ist nach {1:N0} Versuchen nicht erreichbar."}}},
    {"Plain", {{"en", "Nothing to fill in {{here}}"}, {"de", "Hier gibt es {{nichts}}"}}},
    {"Terms", {{"en", "the {min occurs} of a particle"}}},
};

TEST(format_message, uses_the_served_locale_and_the_source_syntax) {
  const built b(make_catalog(sample));
  const catalog c = b.runtime();
  const auto ru = c.find("Files", c.locale("ru-RU"));
  ASSERT_TRUE(ru);
  EXPECT_EQ(format(c, *ru, 3, "/tmp").value(), "3 файла в /tmp");
  EXPECT_EQ(format(c, *ru, arg("dir", "/a"), arg("n", 1005)).value(),
            "1\xc2\xa0"
            "005 файлов в /a");
  const auto ja = c.find("Files", c.locale("ja"));
  EXPECT_EQ(format(c, *ja, 1, "/tmp").value(), "/tmp に 1個のファイル");
  // German falls back to English: English plural rules and numbers.
  const auto de = c.find("Files", c.locale("de"));
  EXPECT_EQ(format(c, *de, 1, "/x").value(), "1 file in /x");
  const auto reach = c.find("Reach", c.locale("de"));
  EXPECT_EQ(format(c, *reach, "srv", 12000).value(),
            "'srv' ist nach 12.000 Versuchen nicht erreichbar.");
  EXPECT_EQ(format(c, *c.find("Plain", c.locale("de"))).value(), "Hier gibt es {nichts}");
  // Literal text is shown as written.
  EXPECT_EQ(format(c, *c.find("Terms", c.source_locale())).value(),
            "the {min occurs} of a particle");
  const format_result missing = format_message(c, *reach, "summary", format_args());
  EXPECT_EQ(missing.error().code, format_errc::no_such_field);
}

TEST(format_typed, binds_arguments_in_the_order_of_the_typed_id) {
  const built b(make_catalog(sample));
  const catalog c = b.runtime();
  const auto files = c.find("Files", c.source_locale());
  ASSERT_TRUE(files);
  // What the generated header holds for "Files": its index and argument names.
  std::uint32_t index = 0;
  for (; index < c.size(); ++index)
    if (c.at(index, {}).id() == "Files") break;
  const message_id_n<2> id{{index}, {"n", "dir"}};
  EXPECT_EQ(format(c, id, c.locale("ru"), 21, "/v").value(), "21 файл в /v");
  const message_id plain{index};
  EXPECT_EQ(format(c, plain, c.locale("ru")).error().code, format_errc::missing_argument);
  const message_id_n<1> bad{{static_cast<std::uint32_t>(c.size() + 5)}, {"x"}};
  EXPECT_FALSE(format(c, bad, c.locale("ru"), 1));
  // A locale resolved from another catalog (README: one resolved from wcf_traces, used with
  // strings) stands for its tag here.
  const built other(
      make_catalog({{"Other", {{"ar", "x"}, {"bg", "x"}, {"cs", "x"}, {"en", "x"}, {"ru", "x"}}}}));
  const diaglot::locale ru = other.runtime().locale("ru");
  ASSERT_NE(ru.index(), c.locale("ru").index());  // so that its index alone would be wrong
  EXPECT_EQ(format(c, id, ru, 21, "/v").value(), "21 файл в /v");
  EXPECT_EQ(format(c, *c.find("Files", ru), 21, "/v").value(), "21 файл в /v");
}

// --- typed IDs in generated code ---------------------------------------------------------------

std::string compiler() {
  const char* cxx = std::getenv("CXX");
  return cxx && *cxx ? cxx : DIAGLOT_CXX;
}

/// Compiles `main_source` against the generated header; returns the exit status and the output.
int compile(const std::string& dir, const std::string& name, const std::string& main_source,
            std::string& output) {
  std::ofstream(dir + "/" + name + ".cpp") << main_source;
  const std::string log = dir + "/" + name + ".log";
  const std::string cmd = compiler() + " -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I" +
                          DIAGLOT_SOURCE_DIR "/include -I" + dir + " " + dir + "/" + name +
                          ".cpp > " + log + " 2>&1";
  const int status = std::system(cmd.c_str());
  output = testing::read_file(log);
  return status;
}

TEST(typed_ids, carry_argument_count_and_names) {
  emit::cpp_options o;
  o.name = "typed";
  o.name_space = "demo";
  const built b(make_catalog(sample));
  const std::string h = emit::emit_cpp(b.plan, o).header;
  auto index = [&](const char* id) {
    for (std::size_t i = 0; i < b.plan.message_count(); ++i)
      if (b.plan.id(i) == id) return std::to_string(i);
    return std::string("?");
  };
  const std::string table = ", &::demo::typed_data_::table";  // each ID names its catalog
  EXPECT_NE(h.find("inline constexpr ::diaglot::message_id_n<2> Files{{" + index("Files") + table +
                   "}, {\"n\", \"dir\"}};  // Files\n"),
            std::string::npos)
      << h;
  EXPECT_NE(h.find("inline constexpr ::diaglot::message_id_n<2> Reach{{" + index("Reach") + table +
                   "}, {\"0\", \"1\"}};  // Reach\n"),
            std::string::npos)
      << h;
  EXPECT_NE(h.find("inline constexpr ::diaglot::message_id Plain{" + index("Plain") + table + "};"),
            std::string::npos);
  EXPECT_NE(h.find("inline constexpr ::diaglot::message_id Terms{" + index("Terms") + table + "};"),
            std::string::npos);
}

TEST(typed_ids, a_call_with_the_wrong_argument_count_does_not_compile) {
  const fs::path dir = fs::temp_directory_path() / ("diaglot_typed_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  emit::cpp_options o;
  o.name = "typed";
  o.name_space = "demo";
  const built b(make_catalog(sample));
  std::ofstream(dir / "typed.hpp") << emit::emit_cpp(b.plan, o).header;
  const std::string head =
      "#include \"typed.hpp\"\n#include <diaglot/format.hpp>\n"
      "diaglot::format_result f(diaglot::locale l) {\n  return ";
  const std::string tail = ";\n}\n";
  std::string out;
  // The right counts compile ...
  EXPECT_EQ(
      compile(dir.string(), "good",
              head + "diaglot::format(demo::typed, demo::ids::Files, l, 3, \"/tmp\").value()" +
                  " + diaglot::format(demo::typed, demo::ids::Plain, l).value()" + tail,
              out),
      0)
      << out;
  // ... one argument too few does not, and says why.
  EXPECT_NE(compile(dir.string(), "too_few",
                    head + "diaglot::format(demo::typed, demo::ids::Files, l, 3)" + tail, out),
            0);
  EXPECT_NE(out.find("wrong number of arguments for this message"), std::string::npos) << out;
  // ... nor one too many for a message without arguments.
  EXPECT_NE(compile(dir.string(), "too_many",
                    head + "diaglot::format(demo::typed, demo::ids::Plain, l, 1)" + tail, out),
            0);
  EXPECT_NE(out.find("this message takes no arguments"), std::string::npos) << out;
  // ... nor an argument of a type that is neither text, number nor time.
  EXPECT_NE(compile(dir.string(), "bad_type",
                    head + "diaglot::format(demo::typed, demo::ids::Files, l, 3, l)" + tail, out),
            0);
  fs::remove_all(dir);
}

// --- lookup --arg ------------------------------------------------------------------------------

TEST(lookup_argument, types_values_as_written) {
  using k = driver::lookup_argument::kind;
  auto type = [](const char* a) { return driver::parse_lookup_argument(a)->type; };
  EXPECT_EQ(type("n=42"), k::integer);
  EXPECT_EQ(type("n=-7"), k::integer);
  EXPECT_EQ(type("n=0"), k::integer);
  EXPECT_EQ(type("n=2.5"), k::decimal);
  EXPECT_EQ(type("n=007"), k::text);
  EXPECT_EQ(type("n=1."), k::text);
  EXPECT_EQ(type("n=+3"), k::text);
  EXPECT_EQ(type("n=99999999999999999999"), k::text);
  EXPECT_EQ(type("when=2024-05-01T10:00:00Z"), k::time);
  EXPECT_EQ(type("when=2024-05-01T10:00:00.250Z"), k::time);
  EXPECT_EQ(type("when=2024-13-01T10:00:00Z"), k::text);
  EXPECT_EQ(type("s=hello=world"), k::text);
  EXPECT_EQ(driver::parse_lookup_argument("s=hello=world")->text, "hello=world");
  EXPECT_FALSE(driver::parse_lookup_argument("novalue"));
  EXPECT_FALSE(driver::parse_lookup_argument("=x"));
  const auto t = driver::parse_lookup_argument("when=2024-05-01T10:00:00.250Z");
  EXPECT_EQ(
      std::chrono::duration_cast<std::chrono::milliseconds>(t->time.time_since_epoch()).count(),
      1714557600250LL);
}

/// Looks `o` up, expecting `status` and one diagnostic; returns that diagnostic as printed.
std::string lookup_diagnostic(const driver::lookup_options& o, int status, std::string& out) {
  driver::session s;
  EXPECT_EQ(driver::lookup(o, s, out), status);
  if (s.sink.all().size() != 1u) {
    ADD_FAILURE() << s.sink.all().size() << " diagnostics";
    return {};
  }
  return render(s.sink.all()[0], s.sources);
}

TEST(lookup, formats_with_arg) {
  const std::string dir = DIAGLOT_FIXTURES_DIR "/format/lookup";
  driver::lookup_options o;
  o.sources = {dir};
  o.locale = "ru";
  o.key = "Files";
  o.args = {"n=3", "dir=/tmp"};
  driver::session s;
  std::string out;
  EXPECT_EQ(driver::lookup(o, s, out), 0);
  EXPECT_EQ(out, "id: Files\nlocale: ru\n\n== text [ru]\n3 файла в /tmp\n");
  o.format = driver::output_format::json;
  driver::session s2;
  EXPECT_EQ(driver::lookup(o, s2, out), 0);
  EXPECT_EQ(out,
            "[{\"id\": \"Files\", \"code\": null, \"fields\": [{\"name\": \"text\", \"text\": "
            "\"3 файла в /tmp\", \"locale\": \"ru\"}]}]\n");
  // A missing argument is an error, and the text is shown as it is.
  o.format = driver::output_format::text;
  o.args = {"n=3"};
  EXPECT_EQ(lookup_diagnostic(o, 1, out),
            "diaglot: error: cannot format the `text` field: no argument `dir` was given "
            "[DGL1208]\n");
  // A plural of text is too.
  o.args = {"n=three", "dir=/tmp"};
  driver::session s4;
  EXPECT_EQ(driver::lookup(o, s4, out), 1);
  // An argument the message does not take (a misspelled name) is a warning; the text is formatted.
  o.args = {"n=3", "dir=/tmp", "folder=/var"};
  EXPECT_EQ(lookup_diagnostic(o, 0, out),
            "diaglot: warning: `--arg folder=...` is not used: `Files` takes no argument named "
            "`folder`, only `n`, `dir` [DGL0603]\n");
  EXPECT_EQ(out, "id: Files\nlocale: ru\n\n== text [ru]\n3 файла в /tmp\n");
}

TEST(lookup, an_arg_for_a_message_without_arguments_is_a_warning) {
  driver::lookup_options o;
  o.sources = {DIAGLOT_FIXTURES_DIR "/workflow/en"};
  o.key = "Sample.Beta";
  o.args = {"name=x"};
  std::string out;
  EXPECT_EQ(lookup_diagnostic(o, 0, out),
            "diaglot: warning: `--arg name=...` is not used: `Sample.Beta` takes no arguments "
            "[DGL0604]\n");
}

// --- the checks, on real files ------------------------------------------------------------------

std::string check(const std::vector<std::string>& files) {
  driver::session s;
  std::vector<std::string> paths;
  for (const std::string& f : files) paths.push_back(DIAGLOT_FIXTURES_DIR "/format/" + f);
  driver::build_catalog({paths, {}, "en"}, s);
  s.sink.sort(s.sources);
  std::string out;
  for (const diagnostic& d : s.sink.all())
    if (d.code >= diag::icu_syntax && d.code <= diag::format_failed) {
      std::string r = render(d, s.sources);
      // Paths relative to the fixtures, for stable expectations.
      const std::string prefix = DIAGLOT_FIXTURES_DIR "/format/";
      for (std::size_t at; (at = r.find(prefix)) != std::string::npos;) r.erase(at, prefix.size());
      out += r;
    }
  return out;
}

TEST(check_arguments_in_files, report_the_exact_line_and_column) {
  // Columns count characters of the file as written: `&lt;b&gt;` is 9 of them, the Korean and
  // Russian letters one each.
  EXPECT_EQ(check({"args.ru.xlf", "args.ko.xlf"}),
            "args.ko.xlf:7:67: warning: the `plural` argument `n` has the category `one`, which "
            "`ko` never uses [DGL1206]\n"
            "          <target state=\"translated\">&lt;b&gt;{dir}에 파일 {n, plural, one {#개} "
            "other {#개}}&lt;/b&gt;</target>\n"
            "                                                                       ^\n"
            "args.ru.xlf:7:49: error: the `plural` argument `n` lacks categories that `ru` needs: "
            "`few`, `many` [DGL1205]\n"
            "          <target state=\"translated\">&lt;b&gt;{n, plural, one {# файл} other {# "
            "файла}}&lt;/b&gt; в {dir}</target>\n"
            "                                                  ^\n"
            "args.ru.xlf:19:74: warning: the `ru` translation is not valid .NET composite "
            "formatting, which its source uses: unexpected `п` in the item `{1 попыток.`; the "
            "source text is served instead [DGL1202]\n"
            "          <target state=\"translated\">Не удалось связаться с '{0}' после {1 "
            "попыток.</target>\n"
            "                                                                           ^\n");
}

TEST(check_arguments_in_files, report_apostrophes_and_broken_sources) {
  const std::string out = check({"quotes.fr.xlf"});
  auto has = [&](const std::string& line) {
    EXPECT_NE(out.find(line), std::string::npos) << line << "\nnot in:\n" << out;
  };
  // d'{file} : the quote runs to the end, so it hides the plural too.
  has("quotes.fr.xlf:7:49: error: an apostrophe quotes `{file}`, so ICU MessageFormat shows it as "
      "written instead of the argument; write `''` for an apostrophe [DGL1207]\n");
  has("quotes.fr.xlf:7:58: error: an apostrophe quotes `{n, ...}`");
  // The source's own quote; its translation, which doubles the apostrophes, is fine.
  has("quotes.fr.xlf:10:23: error: an apostrophe quotes `{name}`");
  EXPECT_EQ(out.find("quotes.fr.xlf:11:"), std::string::npos) << out;
  // Inside code spans, where DGL0501 does not look.
  has("quotes.fr.xlf:15:44: error: arguments differ from the source: missing `{0}`; not in the "
      "source `{1}` [DGL1204]\n");
  has("quotes.fr.xlf:18:28: error: not valid ICU MessageFormat: syntax error at ` one {# file} "
      "other ` [DGL1201]\n");
  // French plurals have `many` (for 1000000 and up) in CLDR 38 and later.
  has("quotes.fr.xlf:19:40: error: the `plural` argument `n` lacks categories that `fr` needs: "
      "`many` [DGL1205]\n");
  has("quotes.fr.xlf:22:28: warning: the source has `{0}` but is not valid .NET composite "
      "formatting (`{` must start an item such as `{0}` or `{name}`; write `{{` for a brace); it "
      "is shown as written and takes no arguments [DGL1203]\n");
}

}  // namespace
}  // namespace diaglot
