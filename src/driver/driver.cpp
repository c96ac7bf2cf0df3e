#include "driver/driver.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <thread>

#include "check/arguments.hpp"
#include "driver/format_lookup.hpp"
#include "driver/outputs.hpp"
#include "emit/cpp_emitter.hpp"
#include "locale/locale_data.hpp"
#include "locale/match_data.hpp"
#include "read/readers.hpp"
#include "util/files.hpp"
#include "util/json.hpp"
#include "util/parallel.hpp"
#include "util/stage_clock.hpp"

namespace diaglot::driver {

void write_outputs(std::vector<files::output> outputs, session& s, unsigned jobs,
                   existing_files existing) {
  files::output_set set(std::move(outputs));
  std::vector<std::string> errors(set.size());
  std::vector<char> failed(set.size(), 0);
  parallel::for_each_index(set.size(), jobs,
                           [&](std::size_t i) { failed[i] = !set.stage(i, errors[i]); });
  if (std::find(failed.begin(), failed.end(), 1) == failed.end()) {
    bool kept = false;
    if (existing == existing_files::keep)
      for (std::size_t i = 0; i < set.size(); ++i)
        if (set.replaces(i)) {
          s.sink.report(diag::output_exists, source_location{}, {set.path(i)});
          kept = true;
        }
    if (kept) return;  // the set removes its temporaries
    std::size_t i = 0;
    if (set.commit(i, errors[i])) return;
    failed[i] = 1;
  }
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (!failed[i]) continue;
    s.sink.report(diag::cannot_write, source_location{}, {set.path(i), errors[i]});
    s.io_failed = true;
  }
}

namespace {

/// DGL0402 for a tag, with a suggestion when there is one.
void report_invalid_locale(const std::string& tag, diagnostic_sink& sink) {
  const std::string hint = locale_data::suggest(tag);
  sink.report(diag::invalid_locale, source_location{},
              {tag, hint.empty() ? "" : "; did you mean `" + hint + "`?"});
}

}  // namespace

std::optional<std::string> canonical_locale(const std::string& tag, diagnostic_sink& sink) {
  if (std::optional<std::string> canonical = locale_data::canonicalize(tag)) return canonical;
  report_invalid_locale(tag, sink);
  return std::nullopt;
}

int session::status() const {
  if (io_failed) return io_error;
  return sink.has_errors() ? input_error : success;
}

namespace {

/// Records on the session's clock, if it has one, that `stage` ends now.
void end_stage(session& s, const char* stage) {
  if (s.clock) s.clock->end(stage);
}

/// read_catalog. With `plan_next` (a table is planned from the catalog: compile, lookup), the
/// locale-matching facts for the locales the entries name (what the catalog's locales nearly
/// always are) start on another thread before the model is built
/// (locale_data::prefetch_match_data), and no copy of a source is kept once it is parsed: only
/// a diagnostic can need it again, and then it is read again (source_manager::evict).
std::optional<model::catalog> read_entries(const source_options& options, session& s,
                                           diagnostic_sink& sink, bool plan_next) {
  for (const diag code : options.ignored) {
    sink.ignore(code);
    s.sink.ignore(code);  // what a command reports after reading, too
  }
  // Sources name their locales in canonical form: so must the source locale, or no English
  // would be found ("EN", "en_US").
  const std::optional<std::string> source_locale = canonical_locale(options.source_locale, sink);
  if (!source_locale) return std::nullopt;
  read::context ctx{s.sources, sink, *source_locale, options.jobs};
  ctx.evict_sources = plan_next;
  read::source_set set = read::load_sources(options.sources, options.codes, ctx);
  end_stage(s, "read");
  s.files_read = std::move(set.files_read);
  for (const diagnostic& d : sink.all())
    if (d.code == diag::cannot_read) s.io_failed = true;
  if (sink.has_errors()) return std::nullopt;
  if (plan_next) {
    std::vector<std::string> locales{*source_locale};
    for (const model::entry& e : set.entries)
      if (e.locale != locales.back()) locales.push_back(e.locale);
    std::sort(locales.begin(), locales.end());
    locales.erase(std::unique(locales.begin(), locales.end()), locales.end());
    locale_data::prefetch_match_data(locales, *source_locale);
  }
  model::catalog cat =
      model::build_catalog(std::move(set.entries), set.codes, *source_locale, sink, options.jobs);
  cat.declared_locales = std::move(set.declared_locales);
  end_stage(s, "model");
  if (cat.messages.empty() && !sink.has_errors()) {
    std::string where;  // the sources as given: which folder held nothing, or only other files
    for (const std::string& source : options.sources)
      where += (where.empty() ? "`" : ", `") + source + "`";
    sink.report(diag::no_messages, source_location{}, {where});
  }
  return cat;
}

}  // namespace

std::optional<model::catalog> read_catalog(const source_options& options, session& s,
                                           diagnostic_sink& sink) {
  return read_entries(options, s, sink, false);
}

namespace {

/// read -> model -> check. With `plan_next` (see read_entries), the locale-matching facts the
/// table plan needs are computed on another thread while the checks run (they depend on the
/// locales only).
std::optional<model::catalog> checked_catalog(const source_options& options, session& s,
                                              bool plan_next) {
  std::optional<model::catalog> cat = read_entries(options, s, s.sink, plan_next);
  if (!cat) {
    if (plan_next) locale_data::cancel_prefetch();
    return std::nullopt;
  }
  // The locales the entries named are the catalog's unless a locale had only orphans; then
  // the facts are asked for again, for the catalog's own.
  const bool prefetch = plan_next && !s.sink.has_errors();
  if (prefetch) locale_data::prefetch_match_data(cat->locales, cat->source_locale);
  if (!prefetch && plan_next) locale_data::cancel_prefetch();
  check::withdraw(*cat, check::check_catalog(*cat, s.sink, &s.sources, options.jobs));
  end_stage(s, "check");
  if (s.sink.has_errors()) {
    if (prefetch) locale_data::cancel_prefetch();
    return std::nullopt;
  }
  return cat;
}

}  // namespace

std::optional<model::catalog> build_catalog(const source_options& options, session& s) {
  return checked_catalog(options, s, false);
}

namespace {

/// A Make-style depfile: "target target: input input", spaces escaped.
std::string depfile_text(const std::vector<std::string>& targets,
                         const std::vector<std::string>& inputs) {
  auto escape = [](const std::string& path) {
    std::string out;
    for (const char c : path) {
      if (c == ' ' || c == '#') out += '\\';
      if (c == '$') out += '$';
      out += c;
    }
    return out;
  };
  std::string out;
  for (std::size_t i = 0; i < targets.size(); ++i) out += (i ? " " : "") + escape(targets[i]);
  out += ":";
  for (const std::string& in : inputs) out += " \\\n  " + escape(in);
  out += "\n";
  return out;
}

/// Takes the catalog once the plan is made. Freeing its many small blocks takes a while
/// (seconds at scale): another thread does it while the outputs are built and written, and the
/// destructor waits for it. A process that ends next does not free it at all: the system takes
/// the memory back at exit, and the freeing would only take a core from the emitter. It stays
/// reachable (a leak checker does not report it).
class catalog_release {
 public:
  catalog_release(model::catalog&& doomed, bool process_ends) {
    if (process_ends) {
      kept_until_exit_ = new model::catalog(std::move(doomed));
    } else {
      thread_ = std::thread([doomed = std::move(doomed)]() mutable {
        const model::catalog gone = std::move(doomed);
      });
    }
  }
  catalog_release(const catalog_release&) = delete;
  catalog_release& operator=(const catalog_release&) = delete;
  ~catalog_release() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  static inline model::catalog* kept_until_exit_ = nullptr;
  std::thread thread_;
};

/// Frees the bytes of every source no diagnostic (or note) points into.
void release_unquoted_sources(session& s) {
  std::vector<char> quoted(s.sources.size(), 0);
  const auto mark = [&](const source_location& where) {
    if (where.known() && where.file < quoted.size()) quoted[where.file] = 1;
  };
  for (const diagnostic& d : s.sink.all()) {
    mark(d.where);
    for (const diagnostic& n : d.notes) mark(n.where);
  }
  for (std::uint32_t f = 0; f < quoted.size(); ++f)
    if (!quoted[f]) s.sources.release(f);
}

void write_output(const std::string& path, const std::string& contents, session& s) {
  write_outputs({{path, {contents}}}, s);
}

}  // namespace

namespace {

int compile_stages(const compile_options& options, session& s) {
  std::optional<model::catalog> cat = checked_catalog(options, s, true);
  const std::filesystem::path dir(options.out_dir);
  const std::string header = (dir / (options.name + ".hpp")).string();
  std::vector<std::string> outputs{header, (dir / (options.name + ".cpp")).string()};
  for (unsigned k = 1; k < options.shards; ++k)
    outputs.push_back((dir / (options.name + ".shard" + std::to_string(k) + ".cpp")).string());
  // The depfile names every input even after an error, so the next build retries when one
  // of them is fixed. A stamp leads its targets: the build system tracks that file.
  std::vector<std::string> targets = outputs;
  if (!options.stamp.empty()) targets.insert(targets.begin(), options.stamp);
  if (!options.depfile.empty() && !s.files_read.empty())
    write_output(options.depfile, depfile_text(targets, s.files_read), s);
  if (!cat) return s.status();

  // From here on only the diagnostics already reported quote the sources, and only the plan
  // needs the catalog: what nothing needs is freed before the big outputs are built.
  release_unquoted_sources(s);
  const plan::table_plan plan = plan::make_plan(*cat, {options.shards, options.jobs});
  end_stage(s, "plan");
  const catalog_release release(std::move(*cat), options.exit_after);
  cat.reset();
  // The banner names the sources relative to the output directory, not by where this build's
  // tree lies: the same sources give the same bytes in any checkout (reproducible builds).
  std::vector<std::string> inputs;
  std::error_code out_ec;
  const std::filesystem::path out_abs = std::filesystem::absolute(dir, out_ec);
  for (const std::string& source : options.sources) {
    std::error_code ec;
    std::filesystem::path normal = std::filesystem::absolute(source, ec).lexically_normal();
    if (!normal.has_filename() && normal.has_parent_path())
      normal = normal.parent_path();  // `dir/`
    const std::filesystem::path relative = normal.lexically_relative(out_abs);
    inputs.push_back(out_ec || ec || relative.empty() ? source : relative.generic_string());
  }
  emit::cpp_options emit_options{options.name, options.name_space, inputs};
  emit_options.jobs = options.jobs;
  const emit::cpp_files out = emit::emit_cpp(plan, emit_options);
  end_stage(s, "emit");
  // Every file is computed before any is written; they are written side by side (hundreds of
  // megabytes at scale). A build system lists all N outputs, so a pool too small to fill every
  // shard still gets its (empty) shard files.
  static const std::string empty_shard =
      "// Generated by diaglot: this shard is empty (the pool has fewer strings than shards).\n";
  std::vector<files::output> files{{outputs[0], {out.header}},
                                   {outputs[1], {out.source.begin(), out.source.end()}}};
  for (std::size_t k = 2; k < outputs.size(); ++k)
    files.push_back({outputs[k],
                     {k - 2 < out.shards.size() ? std::string_view(out.shards[k - 2])
                                                : std::string_view(empty_shard)}});
  write_outputs(std::move(files), s, options.jobs);
  // Written anew on every success, unlike the outputs, which keep their bytes and time when
  // unchanged: it tells a build system without restat (Make) that the catalog is up to date.
  if (!options.stamp.empty() && s.status() == success) {
    std::FILE* f = std::fopen(options.stamp.c_str(), "w");
    if (!f || std::fclose(f) != 0) {
      s.sink.report(diag::cannot_write, source_location{},
                    {options.stamp, system_error_text(errno)});
      s.io_failed = true;
    }
  }
  end_stage(s, "write");
  return s.status();
}

}  // namespace

int compile(const compile_options& options, session& s) {
  if (options.timings.empty()) return compile_stages(options, s);
  stage_clock clock;
  {
    // The session outlives the clock: it forgets it however compile_stages ends.
    struct attached {
      session& s;
      ~attached() { s.clock = nullptr; }
    } attach{s};
    s.clock = &clock;
    compile_stages(options, s);
  }
  write_output(options.timings, clock.json(), s);
  return s.status();
}

std::optional<std::uint32_t> parse_code(const std::string& text) {
  if (text.empty()) return std::nullopt;
  const bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
  const std::string digits = hex ? text.substr(2) : text;
  if (digits.empty() || digits.size() > (hex ? 8u : 10u)) return std::nullopt;
  unsigned long long value = 0;
  for (const char c : digits) {
    int d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (hex && c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (hex && c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return std::nullopt;
    value = value * (hex ? 16 : 10) + static_cast<unsigned>(d);
  }
  if (value >= 0xffffffffull) return std::nullopt;
  return static_cast<std::uint32_t>(value);
}

std::string lookup_json(const catalog& c, locale l) {
  std::vector<message> all;
  for (std::size_t i = 0; i < c.size(); ++i) all.push_back(c.at(i, l));
  std::sort(all.begin(), all.end(),
            [](const message& a, const message& b) { return a.id() < b.id(); });
  return messages_json(c, all);
}

std::vector<std::string_view> field_texts(const message& m) {
  std::vector<std::string_view> texts;
  for (std::size_t f = 0; f < m.field_count(); ++f) texts.push_back(m.field_text(f));
  return texts;
}

std::string message_json(const catalog& c, const message& m,
                         const std::vector<std::string_view>& texts) {
  std::string out = "{\"id\": ";
  json::append_string(out, m.id());
  out += ", \"code\": ";
  out += m.code() ? std::to_string(*m.code()) : "null";
  out += ", \"fields\": [";
  for (std::size_t f = 0; f < m.field_count(); ++f) {
    out += f ? ", " : "";
    out += "{\"name\": ";
    json::append_string(out, m.field_name(f));
    out += ", \"text\": ";
    json::append_string(out, texts[f]);
    out += ", \"locale\": ";
    json::append_string(out, c.tag(m.field_locale(f)));
    out += "}";
  }
  out += "]}";
  return out;
}

std::string messages_json(const catalog& c, const std::vector<message>& all) {
  std::string out = "[";
  for (std::size_t i = 0; i < all.size(); ++i) {
    out += i ? ",\n " : "";
    out += message_json(c, all[i], field_texts(all[i]));
  }
  out += "]\n";
  return out;
}

std::string lookup_text(const catalog& c, const message& m) {
  return lookup_text(c, m, field_texts(m));
}

std::string lookup_text(const catalog& c, const message& m,
                        const std::vector<std::string_view>& texts) {
  std::string out = "id: ";
  out += m.id();
  out += "\n";
  if (m.code()) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "code: 0x%X (%u)\n", *m.code(), *m.code());
    out += buf;
  }
  out += "locale: ";
  out += c.tag(m.requested_locale());
  out += "\n";
  for (std::size_t f = 0; f < m.field_count(); ++f) {
    out += "\n== ";
    out += m.field_name(f);
    out += " [";
    out += c.tag(m.field_locale(f));
    if (m.field_locale(f) != m.requested_locale()) out += ", fallback";
    out += "]\n";
    out += texts[f];
    out += "\n";
  }
  return out;
}

int lookup(const lookup_options& options, session& s, std::string& out) {
  const std::optional<model::catalog> cat = checked_catalog(options, s, true);
  if (!cat) return s.status();
  const plan::table_plan plan = plan::make_plan(*cat);
  const detail::table table = plan.view();
  const catalog c(table);
  // A name the runtime cannot read would quietly serve the source locale: a typo, most likely.
  // "C" and "POSIX" name the source locale on purpose, as an empty name does here (the CLI
  // does not pass one).
  const bool neutral = options.locale == "C" || options.locale == "POSIX";
  if (!neutral && !options.locale.empty() && c.explain(options.locale).skipped > 0) {
    report_invalid_locale(options.locale, s.sink);
    return s.status();
  }
  const locale l = c.locale(options.locale);
  if (options.all) {
    out = options.format == output_format::json ? lookup_json(c, l) : std::string();
    if (options.format == output_format::text)
      for (std::size_t i = 0; i < c.size(); ++i) out += lookup_text(c, c.at(i, l)) + "\n";
    return s.status();
  }
  std::optional<message> m = c.find(options.key, l);
  if (!m)
    if (const auto code = parse_code(options.key)) m = c.find(*code, l);
  if (!m) {
    s.sink.report(diag::message_not_found, source_location{}, {options.key});
    return s.status();
  }
  if (!options.args.empty()) {
    out = formatted_lookup(c, *m, options.args, options.format, s.sink);
  } else if (options.format == output_format::json) {
    out = messages_json(c, {*m});
  } else {
    out = lookup_text(c, *m);
  }
  return s.status();
}

namespace {

/// Whether a field of a diagnostic's page is one of its sections (not its title, its summary or
/// a section's heading).
bool is_section(std::string_view field) {
  return field != "title" && field != "summary" && field.find(".heading") == std::string_view::npos;
}

/// The page `diaglot explain` prints: the title, then each section under its heading.
std::string page_of(const message& m) {
  std::string out;
  out += m.field("title");
  out += "\n\n";
  for (std::size_t f = 0; f < m.field_count(); ++f) {
    const std::string_view name = m.field_name(f);
    if (!is_section(name)) continue;
    const std::string heading(m.field(std::string(name) + ".heading"));
    if (!heading.empty()) out += "## " + heading + "\n\n";
    out += m.field_text(f);
    out += "\n\n";
  }
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
    out.pop_back();
  return out;
}

}  // namespace

std::optional<std::string> explain(const catalog& own, diag code, locale l) {
  const std::optional<message> m = own.find(diag_code(code), l);
  if (!m) return std::nullopt;
  return page_of(*m);
}

std::optional<report::rule_help> rule_help(const catalog& own, diag code, locale l) {
  const std::optional<message> m = own.find(diag_code(code), l);
  if (!m) return std::nullopt;
  report::rule_help out;
  for (std::size_t f = 0; f < m->field_count() && out.description.empty(); ++f) {
    if (!is_section(m->field_name(f))) continue;
    const std::string_view text = m->field_text(f);
    out.description = std::string(text.substr(0, text.find("\n\n")));
  }
  if (out.description.empty()) out.description = std::string(m->field("summary"));
  out.page = page_of(*m);
  return out;
}

}  // namespace diaglot::driver
