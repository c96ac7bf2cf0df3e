// diaglot command line: maps options onto the driver and prints what its sink collected, in the
// user's language. No logic of its own.
#include <boost/program_options.hpp>

#include <cstdlib>
#include <deque>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#if defined(__GLIBC__) && !defined(DIAGLOT_JEMALLOC)
#include <malloc.h>
#endif

#include "diag/diagnostics.hpp"
#include "diaglot/environment.hpp"
#include "driver/driver.hpp"
#include "driver/negotiate_command.hpp"
#include "driver/report_commands.hpp"
#include "driver/workflow_commands.hpp"
#include "emit/cpp_emitter.hpp"
#include "report/diagnostics_report.hpp"
#include "util/files.hpp"
#include "util/text_wrap.hpp"
#include "xliff/xml_memory.hpp"

#ifndef DIAGLOT_STAGE0
#include "diaglot_messages.hpp"
#endif

#if defined(DIAGLOT_JEMALLOC)
// jemalloc reads its options from this symbol.
// - Freed pages go back to the system after 100 ms instead of 10 s: what one stage frees (the
//   entries once the model holds their texts) is reused by the next, not added to the peak.
// - No "oversize" arena: by default blocks of 8 MiB and more come from an arena that returns
//   them at once, so every large input file's buffer was faulted in afresh; here they are
//   reused like the others (100,000 x 40 catalog: a sixth fewer page faults).
// - No transparent huge pages (thp:always): they cut the page faults tenfold and made back-to-back
//   compiles 15-25% faster, but a compile that follows other programs' work (as in a build)
//   spent twice the system time getting them, and was 20-50% slower (bench/README.md).
extern "C" {
const char* malloc_conf = "dirty_decay_ms:100,oversize_threshold:0";
}
#endif

namespace po = boost::program_options;
using namespace diaglot;

namespace {

constexpr const char* version_text = "diaglot 0.1.0";

/// diaglot's own compiled messages, or none in the stage-0 compiler that builds them.
const catalog* own_catalog() {
#ifdef DIAGLOT_STAGE0
  return nullptr;
#else
  return &diaglot::own::diaglot_messages;
#endif
}

/// The user's language: --lang, else the environment as gettext reads it (LANGUAGE, ignored
/// when the locale is C, then LC_ALL, LC_MESSAGES, LANG).
locale user_locale(const catalog& c, const std::string& lang) {
  if (!lang.empty()) return c.locale(lang);
  return process_locale(c);
}

/// Prints diagnostics in the user's language.
class printer {
 public:
  explicit printer(const std::string& lang) {
    if (const catalog* own = own_catalog()) {
      own_ = own;
      locale_ = user_locale(*own, lang);
      words_.error = ui("severity.error", words_.error);
      words_.warning = ui("severity.warning", words_.warning);
      words_.note = ui("severity.note", words_.note);
    }
  }

  message_text_fn text() const {
    return [this](diag d, const std::vector<std::string>& args) {
      if (own_)
        if (const auto m = own_->find(diag_code(d), locale_)) {
          const std::string_view summary = m->field("summary");
          if (!summary.empty())
            return format_template(summary, expand_phrases(args, ui_template()));
        }
      return english_text(d, args);
    };
  }

  int print(driver::session& s) const {
    s.sink.sort(s.sources);
    for (const diagnostic& d : s.sink.all()) std::cerr << render(d, s.sources, text(), words_);
    if (s.sink.error_count() || s.sink.warning_count())
      std::cerr << format_template(ui("summary.errors", "{0} error(s), {1} warning(s)"),
                                   {std::to_string(s.sink.error_count()),
                                    std::to_string(s.sink.warning_count())})
                << "\n";
    // The page of each code says how to fix it: a command for each, in order of appearance.
    std::vector<diag> codes;
    for (const diagnostic& d : s.sink.all())
      if (d.level != severity::note && std::find(codes.begin(), codes.end(), d.code) == codes.end())
        codes.push_back(d.code);
    for (const diag code : codes)
      std::cerr << format_template(ui("summary.explain", "how to fix: diaglot explain {0}"),
                                   {diag_code(code)})
                << "\n";
    return s.status();
  }

  /// Prints a usage error in the user's language (`diaglot: error: ...`, then the command's
  /// usage when there is one) and returns the usage exit status. `id` names the UI string of
  /// diaglot's catalog (cli.xlf), `english` its template.
  int usage_error(const char* usage, std::string_view id, std::string_view english,
                  const std::vector<std::string>& values = {}) const {
    std::cerr << "diaglot: " << words_.error << ": "
              << format_template(ui(id, english), expand_phrases(values, ui_template())) << "\n";
    if (usage) std::cerr << format_template(ui("usage.line", "usage: {0}"), {usage}) << "\n";
    return driver::usage_error;
  }

  /// A --format that is not one of `formats`.
  int format_error(const std::string& formats, const std::string& given) const {
    return usage_error(nullptr, "usage.format", "--format must be one of {0}, not `{1}`",
                       {formats, given});
  }

  /// The templates of phrases (diag::phrase) in the user's language.
  phrase_template_fn ui_template() const {
    return [this](std::string_view id, std::string_view english) { return ui(id, english); };
  }

  /// A UI string of diaglot's catalog (cli.xlf) in the user's language, else `fallback`.
  std::string ui(std::string_view id, std::string_view fallback) const {
    if (own_)
      if (const auto m = own_->find(id, locale_); m && !m->text().empty())
        return std::string(m->text());
    return std::string(fallback);
  }

  /// The pages of diagnostic codes in the user's language, as SARIF rule help.
  report::rule_help_fn help() const {
    return [this](diag d) {
      return own_ ? driver::rule_help(*own_, d, locale_) : std::optional<report::rule_help>();
    };
  }

  /// An option's description for --help in the user's language (UI string `id`, else
  /// `english`), kept as long as the printer: Boost.Program_options takes a C string.
  const char* help_text(std::string_view id, std::string_view english) const {
    return kept_.emplace_back(ui(id, english)).c_str();
  }

  const catalog* own() const { return own_; }
  locale user() const { return locale_; }
  /// The language messages are printed in (BCP 47).
  std::string_view language() const { return own_ ? own_->tag(locale_) : "en"; }

 private:
  const catalog* own_ = nullptr;
  locale locale_;
  severity_words words_;
  mutable std::deque<std::string> kept_;  // help texts handed out (a deque: they never move)
};

struct command {
  const char* name;
  const char* synopsis;
  int (*run)(const std::vector<std::string>& args);
};

/// A usage error found while the options are read, worded as printer::usage_error words it.
struct usage_problem : po::error {
  usage_problem(std::string id, std::string english, std::vector<std::string> values)
      : po::error(format_template(english, values)),
        id(std::move(id)),
        english(std::move(english)),
        values(std::move(values)) {}
  std::string id, english;
  std::vector<std::string> values;
};

/// What Boost.Program_options found wrong, as a usage_problem: its exception types name the
/// problem and the option, and diaglot's catalog words them.
usage_problem usage_problem_of(const po::error& e) {
  if (const auto* u = dynamic_cast<const usage_problem*>(&e)) return *u;
  const auto* named = dynamic_cast<const po::error_with_option_name*>(&e);
  const std::vector<std::string> option = {named ? named->get_option_name() : std::string()};
  if (dynamic_cast<const po::required_option*>(&e))
    return {"usage.required", "the option {0} is required", option};
  if (dynamic_cast<const po::unknown_option*>(&e))
    return {"usage.unknown", "unknown option {0}", option};
  if (dynamic_cast<const po::ambiguous_option*>(&e))
    return {"usage.ambiguous", "{0} is ambiguous: write the whole option name", option};
  if (dynamic_cast<const po::multiple_occurrences*>(&e) ||
      dynamic_cast<const po::multiple_values*>(&e))
    return {"usage.repeated", "{0} can be given only once", option};
  if (const auto* syntax = dynamic_cast<const po::invalid_command_line_syntax*>(&e);
      syntax && syntax->kind() == po::invalid_syntax::missing_parameter)
    return {"usage.missing_value", "{0} needs a value", option};
  if (dynamic_cast<const po::validation_error*>(&e))
    return {"usage.invalid_value", "the value given to {0} is not valid", option};
  if (dynamic_cast<const po::too_many_positional_options_error*>(&e))
    return {"usage.too_many", "too many arguments", {}};
  return {"usage.other", "{0}", {e.what()}};  // Boost's own English
}

/// The --lang a command line gives, read before its other options so that what is wrong with
/// them is said in that language; "" when there is none or it cannot be read.
std::string lang_option(const std::vector<std::string>& args) {
  po::options_description lang;
  lang.add_options()("lang", po::value<std::string>()->default_value(""), "");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(lang).allow_unregistered().run(), vm);
    return vm["lang"].as<std::string>();
  } catch (const po::error&) {
    return {};
  }
}

/// Options every command shares.
void add_common(po::options_description& opts, const printer& p) {
  opts.add_options()("help,h", p.help_text("help.option.help", "show this help"))(
      "lang", po::value<std::string>()->default_value(""),
      p.help_text("help.option.lang",
                  "language of diaglot's messages (default: LANGUAGE, LC_ALL, LC_MESSAGES, "
                  "LANG)"));
}

/// The codes given to --ignore; throws a usage error for one that is not a warning's.
std::vector<diag> warnings(const std::vector<std::string>& codes) {
  std::vector<diag> out;
  for (const std::string& text : codes) {
    diag code;
    if (!parse_diag_code(text, code))
      throw usage_problem("usage.ignore_code",
                          "--ignore takes a diagnostic code such as DGL0404, not `{0}`", {text});
    if (diag_severity(code) != severity::warning)
      throw usage_problem("usage.ignore_error", "--ignore takes warnings only: {0} is an error",
                          {diag_code(code)});
    out.push_back(code);
  }
  return out;
}

void add_sources(po::options_description& opts, const printer& p) {
  opts.add_options()("sources", po::value<std::vector<std::string>>()->multitoken(),
                     p.help_text("help.option.sources",
                                 "message sources: files or directories (read recursively)"))(
      "codes", po::value<std::vector<std::string>>()->default_value({}, ""),
      p.help_text("help.option.codes", "a TSV of trace-code names and numeric codes (repeatable)"))(
      "source-locale", po::value<std::string>()->default_value("en"),
      p.help_text("help.option.source_locale", "the locale of the sources"))(
      "jobs,j", po::value<unsigned>()->default_value(0),
      p.help_text("help.option.jobs",
                  "threads to read and check sources on (0: one per core); the output is the "
                  "same for any"))(
      "ignore", po::value<std::vector<std::string>>()->default_value({}, "")->notifier(warnings),
      p.help_text("help.option.ignore",
                  "do not report this warning, e.g. DGL0404 (repeatable); errors cannot be "
                  "ignored"));
}

/// Options descriptions are made this wide, so that Boost.Program_options does not wrap them:
/// it cuts lines at a byte count, which splits a UTF-8 character and wraps CJK text at the wrong
/// width. print_help wraps them instead.
constexpr unsigned unwrapped = 100000;

/// The columns help text fills: 80, one kept free as Boost.Program_options keeps it.
constexpr std::size_t help_width = 79;

/// Writes `text` wrapped in the user's language (ICU's line breaks, wide characters counted as
/// two columns) from `column` on, where the line already is, each further line indented to it;
/// ends the line.
void write_wrapped(std::ostream& out, std::string_view text, std::size_t column, const printer& p) {
  const std::vector<std::string> lines =
      text::wrap(text, help_width > column + 20 ? help_width - column : 20, p.language());
  for (std::size_t i = 0; i < lines.size(); ++i)
    out << (i ? "\n" + std::string(column, ' ') : "") << lines[i];
  out << "\n";
}

/// A command's --help: its usage and its options, each description wrapped (write_wrapped).
void print_help(std::ostream& out, const po::options_description& opts, const char* usage,
                const printer& p) {
  out << format_template(p.ui("usage.line", "usage: {0}"), {usage}) << "\n\n";
  std::ostringstream raw;  // one line per option: the option, padded to the column, and its text
  raw << opts;
  const std::size_t column = opts.get_option_column_width();
  std::istringstream lines(raw.str());
  for (std::string l; std::getline(lines, l);) {
    if (l.compare(0, 2, "  ") != 0) {  // the caption, which may say more than the command
      write_wrapped(out, l, 0, p);
      continue;
    }
    if (l.size() <= column) {
      out << l << "\n";
      continue;
    }
    out << l.substr(0, column);
    write_wrapped(out, std::string_view(l).substr(column), column, p);
  }
  out << "\n";
}

/// Parses a command's arguments; returns false (and sets status) when done (help or usage error).
bool parse(const std::vector<std::string>& args, const po::options_description& opts,
           const po::positional_options_description& positional, const char* usage,
           const printer& p, po::variables_map& vm, int& status) {
  try {
    po::store(po::command_line_parser(args).options(opts).positional(positional).run(), vm);
    if (vm.count("help")) {
      print_help(std::cout, opts, usage, p);
      status = driver::success;
      return false;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    const usage_problem problem = usage_problem_of(e);
    status = p.usage_error(usage, problem.id, problem.english, problem.values);
    std::cerr << p.ui("usage.help", "(see --help for the options)") << "\n";
    return false;
  }
  return true;
}

driver::source_options sources_from(const po::variables_map& vm) {
  driver::source_options o;
  if (vm.count("sources")) o.sources = vm["sources"].as<std::vector<std::string>>();
  o.codes = vm["codes"].as<std::vector<std::string>>();
  o.source_locale = vm["source-locale"].as<std::string>();
  o.jobs = vm["jobs"].as<unsigned>();
  o.ignored = warnings(vm["ignore"].as<std::vector<std::string>>());
  return o;
}

int run_compile(const std::vector<std::string>& args) {
  const printer p(lang_option(args));
  const char* usage =
      "diaglot compile SOURCES... --out DIR --name NAME [--namespace NS] [--codes FILE] "
      "[--source-locale TAG] [--depfile FILE] [--stamp FILE] [--shards N] [--timings FILE]";
  po::options_description opts("diaglot compile", unwrapped);
  add_common(opts, p);
  add_sources(opts, p);
  opts.add_options()("out,o", po::value<std::string>()->required(),
                     p.help_text("help.compile.out", "output directory"))(
      "name", po::value<std::string>()->required(),
      p.help_text("help.compile.name", "catalog name: NAME.hpp, NAME.cpp"))(
      "namespace", po::value<std::string>()->default_value(""),
      p.help_text("help.compile.namespace", "C++ namespace, e.g. wcf"))(
      "depfile", po::value<std::string>()->default_value(""),
      p.help_text("help.compile.depfile", "write a Make-style depfile"))(
      "stamp", po::value<std::string>()->default_value(""),
      p.help_text("help.compile.stamp",
                  "a file written after every successful compile, and the depfile's first target "
                  "(outputs that did not change keep their time)"))(
      "shards", po::value<unsigned>()->default_value(1),
      p.help_text("help.compile.shards",
                  "split the table's data over N source files (NAME.cpp, NAME.shard1.cpp, ...) "
                  "that build in parallel; 1 to 64"))(
      "timings", po::value<std::string>()->default_value(""),
      p.help_text("help.compile.timings",
                  "write what each stage cost (wall and CPU time, page faults, peak memory) as "
                  "JSON"));
  po::positional_options_description pos;
  pos.add("sources", -1);
  po::variables_map vm;
  int status = 0;
  if (!parse(args, opts, pos, usage, p, vm, status)) return status;
  driver::compile_options o;
  o.shards = vm["shards"].as<unsigned>();
  if (o.shards < 1 || o.shards > 64) {
    return p.usage_error(usage, "usage.shards", "--shards takes 1 to 64");
  }
  static_cast<driver::source_options&>(o) = sources_from(vm);
  o.out_dir = vm["out"].as<std::string>();
  o.name = vm["name"].as<std::string>();
  o.name_space = vm["namespace"].as<std::string>();
  if (const std::string problem = emit::namespace_problem(o.name_space); !problem.empty()) {
    return p.usage_error(usage, "usage.namespace", "--namespace {0}", {problem});
  }
  o.depfile = vm["depfile"].as<std::string>();
  o.stamp = vm["stamp"].as<std::string>();
  o.timings = vm["timings"].as<std::string>();
  o.exit_after = true;
  if (o.sources.empty()) {
    return p.usage_error(usage, "usage.no_sources", "no sources given");
  }
  driver::session s;
  driver::compile(o, s);
  return p.print(s);
}

int run_lookup(const std::vector<std::string>& args) {
  const printer p(lang_option(args));
  const char* usage =
      "diaglot lookup SOURCES... [--codes FILE] [--locale TAG] (ID_OR_CODE | --all) "
      "[--format text|json] [--arg NAME=VALUE...]";
  po::options_description opts("diaglot lookup", unwrapped);
  add_common(opts, p);
  add_sources(opts, p);
  opts.add_options()(
      "locale,l", po::value<std::string>()->default_value("en"),
      p.help_text("help.lookup.locale", "the locale to look up in (BCP 47, POSIX ko_KR.UTF-8, C)"))(
      "all", po::bool_switch(), p.help_text("help.lookup.all", "every message"))(
      "format", po::value<std::string>()->default_value("text"),
      p.help_text("help.lookup.format", "text or json"))(
      "arg", po::value<std::vector<std::string>>()->default_value({}, ""),
      p.help_text("help.lookup.arg",
                  "NAME=VALUE: format the message with this argument, by number (0=x) or name "
                  "(count=3); integers, decimals and UTC times (2024-05-01T10:00:00Z) are passed "
                  "as such (repeatable)"));
  po::positional_options_description pos;
  pos.add("sources", -1);
  po::variables_map vm;
  int status = 0;
  if (!parse(args, opts, pos, usage, p, vm, status)) return status;
  driver::lookup_options o;
  o.args = vm["arg"].as<std::vector<std::string>>();
  for (const std::string& a : o.args)
    if (a.find('=') == std::string::npos || a[0] == '=') {
      return p.usage_error(usage, "usage.arg_form", "--arg takes NAME=VALUE, not `{0}`", {a});
    }
  if (!o.args.empty() && vm["all"].as<bool>()) {
    return p.usage_error(nullptr, "usage.arg_all",
                         "--arg formats one message; it cannot go with --all");
  }
  static_cast<driver::source_options&>(o) = sources_from(vm);
  o.locale = vm["locale"].as<std::string>();
  if (o.locale.empty()) {
    return p.usage_error(usage, "usage.locale",
                         "--locale needs a locale, such as ko-KR or ko_KR.UTF-8");
  }
  o.all = vm["all"].as<bool>();
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json") {
    return p.format_error("`text`, `json`", format);
  }
  o.format = format == "json" ? driver::output_format::json : driver::output_format::text;
  // Without --all the last positional argument is the ID or code to look up.
  if (!o.all) {
    if (o.sources.size() < 2) {
      return p.usage_error(usage, "usage.key", "give SOURCES and then an ID or code, or --all");
    }
    o.key = o.sources.back();
    o.sources.pop_back();
  } else if (o.sources.empty()) {
    return p.usage_error(usage, "usage.no_sources", "no sources given");
  }
  driver::session s;
  std::string out;
  driver::lookup(o, s, out);
  std::cout << out;
  return p.print(s);
}

int run_check(const std::vector<std::string>& args) {
  const printer p(lang_option(args));
  const char* usage =
      "diaglot check SOURCES... [--codes FILE] [--werror] [--format text|json|sarif]";
  po::options_description opts("diaglot check", unwrapped);
  add_common(opts, p);
  add_sources(opts, p);
  opts.add_options()("werror", po::bool_switch(),
                     p.help_text("help.check.werror", "treat warnings as errors (exit status 1)"))(
      "format", po::value<std::string>()->default_value("text"),
      p.help_text("help.check.format",
                  "text, json, or sarif (SARIF 2.1.0 for CI annotations) on standard output"));
  po::positional_options_description pos;
  pos.add("sources", -1);
  po::variables_map vm;
  int status = 0;
  if (!parse(args, opts, pos, usage, p, vm, status)) return status;
  driver::check_options o;
  static_cast<driver::source_options&>(o) = sources_from(vm);
  o.werror = vm["werror"].as<bool>();
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "sarif") {
    return p.format_error("`text`, `json`, `sarif`", format);
  }
  if (o.sources.empty()) {
    return p.usage_error(usage, "usage.no_sources", "no sources given");
  }
  driver::session s;
  status = driver::check(o, s);
  if (format == "text") {
    p.print(s);
  } else {
    s.sink.sort(s.sources);
    std::cout << (format == "json" ? report::diagnostics_json(s.sink.all(), s.sources, p.text())
                                   : report::diagnostics_sarif(s.sink.all(), s.sources, p.text(),
                                                               {p.language(), p.help()}));
  }
  return status;
}

int run_stats(const std::vector<std::string>& args) {
  const printer p(lang_option(args));
  const char* usage =
      "diaglot stats SOURCES... [--codes FILE] [--format text|json|html] [--out FILE]";
  po::options_description opts("diaglot stats", unwrapped);
  add_common(opts, p);
  add_sources(opts, p);
  opts.add_options()("format", po::value<std::string>()->default_value("text"),
                     p.help_text("help.stats.format",
                                 "text, json, or html (one self-contained page with a heatmap)"))(
      "out,o", po::value<std::string>()->default_value(""),
      p.help_text("help.stats.out", "write the report to FILE (default: standard output)"));
  po::positional_options_description pos;
  pos.add("sources", -1);
  po::variables_map vm;
  int status = 0;
  if (!parse(args, opts, pos, usage, p, vm, status)) return status;
  driver::stats_options o;
  static_cast<driver::source_options&>(o) = sources_from(vm);
  o.out_file = vm["out"].as<std::string>();
  o.words = p.ui_template();
  o.language = std::string(p.language());
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "html") {
    return p.format_error("`text`, `json`, `html`", format);
  }
  o.format = format == "json"   ? driver::stats_format::json
             : format == "html" ? driver::stats_format::html
                                : driver::stats_format::text;
  if (o.sources.empty()) {
    return p.usage_error(usage, "usage.no_sources", "no sources given");
  }
  driver::session s;
  std::string out;
  driver::stats(o, s, out);
  std::cout << out;
  return p.print(s);
}

int run_explain(const std::vector<std::string>& args) {
  const printer p(lang_option(args));
  const char* usage = "diaglot explain DGLnnnn [--lang TAG]";
  po::options_description opts("diaglot explain", unwrapped);
  add_common(opts, p);
  opts.add_options()("code", po::value<std::string>()->required(),
                     p.help_text("help.explain.code", "a diagnostic code"));
  po::positional_options_description pos;
  pos.add("code", 1);
  po::variables_map vm;
  int status = 0;
  if (!parse(args, opts, pos, usage, p, vm, status)) return status;
  driver::session s;
  diag code;
  if (!parse_diag_code(vm["code"].as<std::string>(), code)) {
    s.sink.report(diag::unknown_diagnostic, source_location{}, {vm["code"].as<std::string>()});
    return p.print(s);
  }
  std::optional<std::string> text;
  if (p.own()) text = driver::explain(*p.own(), code, p.user());
  if (!text) {
    // Stage 0 has no pages: the English summary is all there is.
    text = diag_code(code) + ": " + std::string(diag_english(code));
  }
  std::cout << *text << "\n";
  return driver::success;
}

/// Where extract and import write: --out, --format, --name, --force.
void add_xliff_output(po::options_description& opts, const printer& p) {
  opts.add_options()("out,o", po::value<std::string>()->required(),
                     p.help_text("help.xliff.out", "output directory: NAME.LOCALE.xlf"))(
      "format", po::value<std::string>()->default_value("xliff12"),
      p.help_text("help.xliff.format", "xliff12 or xliff20"))(
      "name", po::value<std::string>()->default_value("messages"),
      p.help_text("help.xliff.name", "file name before the locale"))(
      "force", po::bool_switch(),
      p.help_text("help.xliff.force",
                  "replace files that exist and differ (translators' work in them is lost; "
                  "`diaglot merge` keeps it)"));
}

/// The options of add_xliff_output; false after a message when --format is not one.
bool xliff_output_from(const po::variables_map& vm, const printer& p,
                       driver::xliff_output_options& o) {
  o.out_dir = vm["out"].as<std::string>();
  o.name = vm["name"].as<std::string>();
  o.replace = vm["force"].as<bool>();
  const std::string text = vm["format"].as<std::string>();
  if (driver::parse_xliff_format(text, o.format)) return true;
  p.format_error("`xliff12`, `xliff20`", text);
  return false;
}

/// A comma-separated (and repeatable) list option.
std::vector<std::string> comma_list(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& v : values) {
    std::size_t from = 0;
    while (from <= v.size()) {
      std::size_t comma = v.find(',', from);
      if (comma == std::string::npos) comma = v.size();
      if (comma > from) out.push_back(v.substr(from, comma - from));
      from = comma + 1;
    }
  }
  return out;
}

int run_extract(const std::vector<std::string>& args) {
  const printer p(lang_option(args));
  const char* usage =
      "diaglot extract SOURCES... --target-locales ko-KR,ja-JP,... --out DIR "
      "[--format xliff12|xliff20] [--name NAME] [--force]";
  po::options_description opts("diaglot extract", unwrapped);
  add_common(opts, p);
  add_sources(opts, p);
  opts.add_options()("target-locales,t", po::value<std::vector<std::string>>()->required(),
                     p.help_text("help.extract.target_locales",
                                 "locales to translate into, comma-separated (repeatable)"));
  add_xliff_output(opts, p);
  po::positional_options_description pos;
  pos.add("sources", -1);
  po::variables_map vm;
  int status = 0;
  if (!parse(args, opts, pos, usage, p, vm, status)) return status;
  driver::extract_options o;
  static_cast<driver::source_options&>(o) = sources_from(vm);
  o.target_locales = comma_list(vm["target-locales"].as<std::vector<std::string>>());
  if (!xliff_output_from(vm, p, o)) return driver::usage_error;
  if (o.sources.empty() || o.target_locales.empty()) {
    return p.usage_error(usage, "usage.extract", "give SOURCES and --target-locales");
  }
  driver::session s;
  driver::extract(o, s);
  return p.print(s);
}

int run_import(const std::vector<std::string>& args) {
  const printer p(lang_option(args));
  const char* usage =
      "diaglot import SOURCES... --out DIR [--format xliff12|xliff20] [--name NAME] [--force]";
  po::options_description opts(
      p.ui("help.import.caption",
           "diaglot import (sxs and translated pages; translated pages need their English pages "
           "among the SOURCES; ms.translationtype: MT gives needs-review)"),
      unwrapped);
  add_common(opts, p);
  add_sources(opts, p);
  add_xliff_output(opts, p);
  po::positional_options_description pos;
  pos.add("sources", -1);
  po::variables_map vm;
  int status = 0;
  if (!parse(args, opts, pos, usage, p, vm, status)) return status;
  driver::import_options o;
  static_cast<driver::source_options&>(o) = sources_from(vm);
  if (!xliff_output_from(vm, p, o)) return driver::usage_error;
  if (o.sources.empty()) {
    return p.usage_error(usage, "usage.no_sources", "no sources given");
  }
  driver::session s;
  driver::import(o, s);
  return p.print(s);
}

int run_merge(const std::vector<std::string>& args) {
  const printer p(lang_option(args));
  const char* usage =
      "diaglot merge --sources SOURCES... [--] XLIFF_FILES... [--drop-obsolete] [--codes FILE]";
  po::options_description opts(
      p.ui("help.merge.caption",
           "diaglot merge (in place; XLIFF_FILES go before --sources or after `--`; without "
           "either, the .xlf/.xliff files at the end of --sources are the files to merge)"),
      unwrapped);
  add_common(opts, p);
  add_sources(opts, p);
  opts.add_options()(
      "xliff", po::value<std::vector<std::string>>()->multitoken(),
      p.help_text("help.merge.xliff", "XLIFF 1.2 or 2.0 files to merge into, in place"))(
      "drop-obsolete", po::bool_switch(),
      p.help_text("help.merge.drop_obsolete", "remove units whose English is gone"));
  po::positional_options_description pos;
  pos.add("xliff", -1);
  po::variables_map vm;
  int status = 0;
  if (!parse(args, opts, pos, usage, p, vm, status)) return status;
  driver::merge_options o;
  static_cast<driver::source_options&>(o) = sources_from(vm);
  if (vm.count("xliff")) o.xliff_files = vm["xliff"].as<std::vector<std::string>>();
  while (o.xliff_files.empty() && o.sources.size() > 1 && files::is_xliff(o.sources.back())) {
    // `--sources en/ a.xlf b.xlf`: the trailing XLIFF files are the ones to merge.
    std::size_t first = o.sources.size();
    while (first > 1 && files::is_xliff(o.sources[first - 1])) --first;
    o.xliff_files.assign(o.sources.begin() + static_cast<std::ptrdiff_t>(first), o.sources.end());
    o.sources.resize(first);
  }
  o.drop_obsolete = vm["drop-obsolete"].as<bool>();
  if (o.sources.empty() || o.xliff_files.empty()) {
    return p.usage_error(usage, "usage.merge", "give --sources and the XLIFF files to merge");
  }
  driver::session s;
  driver::merge(o, s);
  return p.print(s);
}

int run_negotiate(const std::vector<std::string>& args) {
  const printer p(lang_option(args));
  const char* usage = "diaglot negotiate SOURCES... --accept-language VALUE [--explain]";
  po::options_description opts("diaglot negotiate", unwrapped);
  add_common(opts, p);
  add_sources(opts, p);
  opts.add_options()("accept-language,a", po::value<std::string>()->required(),
                     p.help_text("help.negotiate.accept_language",
                                 "an HTTP Accept-Language value, or a colon list as in LANGUAGE"))(
      "explain", po::bool_switch(),
      p.help_text("help.negotiate.explain", "also say why that locale was chosen"));
  po::positional_options_description pos;
  pos.add("sources", -1);
  po::variables_map vm;
  int status = 0;
  if (!parse(args, opts, pos, usage, p, vm, status)) return status;
  driver::negotiate_options o;
  static_cast<driver::source_options&>(o) = sources_from(vm);
  o.accept_language = vm["accept-language"].as<std::string>();
  o.explain = vm["explain"].as<bool>();
  o.words = p.ui_template();
  if (o.sources.empty()) {
    return p.usage_error(usage, "usage.no_sources", "no sources given");
  }
  driver::session s;
  std::string out;
  driver::negotiate(o, s, out);
  std::cout << out;
  return p.print(s);
}

const std::vector<command>& commands() {
  static const std::vector<command> all = {
      {"compile", "compile sources into a C++ lookup table (NAME.hpp, NAME.cpp)", run_compile},
      {"lookup", "look a message up by ID or code, in a locale, as the runtime would", run_lookup},
      {"negotiate", "the catalog locale for an Accept-Language value, as the runtime picks it",
       run_negotiate},
      {"check", "read and check sources; report problems without writing anything", run_check},
      {"stats", "translation coverage per locale and message group (text, JSON, HTML)", run_stats},
      {"extract", "write English sources as XLIFF for translators, one file per locale",
       run_extract},
      {"import", "write the translations in sxs and translated pages as XLIFF", run_import},
      {"merge", "bring new English into translators' XLIFF files, in place", run_merge},
      {"explain", "print the long description of a diagnostic code (DGLnnnn)", run_explain},
  };
  return all;
}

void print_usage(std::ostream& out, const printer& p) {
  out << format_template(p.ui("usage.line", "usage: {0}"), {"diaglot COMMAND [OPTIONS] [ARGS...]"})
      << "\n\n"
      << p.ui("help.commands", "commands:") << "\n";
  constexpr std::size_t column = 12;
  for (const command& c : commands()) {
    out << "  " << c.name << std::string(column - 2 - std::string(c.name).size(), ' ');
    write_wrapped(out, p.ui(std::string("help.command.") + c.name, c.synopsis), column, p);
  }
  out << "\n";
  write_wrapped(out,
                p.ui("help.more",
                     "`diaglot COMMAND --help` shows a command's options. Exit status: 0 success, "
                     "1 input errors, 2 usage, 3 I/O."),
                0, p);
}

}  // namespace

int main(int argc, char** argv) {
#if defined(__GLIBC__) && !defined(DIAGLOT_JEMALLOC)
  // glibc raises its mmap threshold to the size of each large block freed, so buffers of
  // megabytes (a file, its XML tree, a growing output) come to be kept in the heap of the thread
  // that allocated them and stay there after use, one heap per reading thread: 15-30 MB more
  // peak memory on the WCF corpus. A fixed threshold hands them back to the system when freed.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
  // Before anything parses XML (pugixml allows it only then): reading threads keep the blocks
  // of the trees they free for their next documents (xliff/xml_memory.hpp).
  xml_memory::install();
  if (argc < 2) {
    print_usage(std::cerr, printer(""));
    return driver::usage_error;
  }
  const std::string first = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  if (first == "--help" || first == "-h" || first == "help") {
    print_usage(std::cout, printer(lang_option(args)));
    return driver::success;
  }
  if (first == "--version") {
    std::cout << version_text << "\n";
    return driver::success;
  }
  for (const command& c : commands())
    if (first == c.name) {
      try {
        return c.run(args);
      } catch (const std::exception& e) {
        std::cerr << "diaglot: internal error: " << e.what() << "\n";
        return driver::io_error;
      }
    }
  const printer p(lang_option(args));
  p.usage_error(nullptr, "usage.command", "unknown command `{0}`", {first});
  print_usage(std::cerr, p);
  return driver::usage_error;
}
