// diaglot compiler: the source loader. It expands directories, numbers every file in sorted path
// order (so the result does not depend on the order of the command line), reads each once,
// checks UTF-8 and hands it to the reader of its format.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <limits>
#include <map>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "locale/locale_data.hpp"
#include "read/readers.hpp"
#include "util/files.hpp"
#include "util/parallel.hpp"
#include "util/utf8.hpp"
#include "xliff/xml_memory.hpp"

namespace diaglot::read {

std::string context::source_of(const std::string& declared) const {
  if (declared == source_locale) return declared;
  // The same language in the same script: `en-US` or `en-GB` for `en`, `en` for `en-US`; not
  // `zh-TW` for `zh` (Hant, not Hans).
  const locale_data::likely d = locale_data::maximize(declared),
                            s = locale_data::maximize(source_locale);
  return d.language == s.language && d.script == s.script ? source_locale : declared;
}

namespace {

namespace fs = std::filesystem;

enum class role { source, codes };

/// More threads than this do not pay: merging and reading the files are serial.
constexpr std::size_t max_jobs = 8;

enum class format { none, codes, markdown, xliff };

/// One input on its way through the loader: what reading it reported, then what parsing gave.
struct pending {
  std::string path;
  std::uint32_t file = 0;
  format kind = format::none;  ///< none: nothing to parse (unknown, unreadable, not UTF-8)
  bool read = false;           ///< its bytes were read
  diagnostic_sink sink;
  std::vector<model::entry> entries;
  std::vector<std::string> declared_locales;
  std::exception_ptr failure;
};

/// Runs `parse(item, thread)` on every item, on up to `jobs` threads (0: one per core; `thread`
/// is which, below max_jobs), and `merge` on each in order, on the calling thread, as soon as it
/// and every item before it are parsed.
template <typename Parse, typename Merge>
void run_in_order(std::vector<pending>& work, const Parse& parse, const Merge& merge,
                  unsigned jobs) {
  jobs = static_cast<unsigned>(parallel::thread_count(jobs));
  const std::size_t parsed =
      static_cast<std::size_t>(std::count_if(work.begin(), work.end(), [](const pending& p) {
        return p.kind == format::markdown || p.kind == format::xliff;
      }));
  jobs = static_cast<unsigned>(std::min<std::size_t>({jobs, parsed, max_jobs}));
  // Each reading thread keeps the blocks of one document's XML tree for the next
  // (xml_memory.hpp).
  if (jobs <= 1) {
    const xml_memory::thread_cache xml_blocks;
    for (pending& p : work) {
      parse(p, 0);
      merge(p);
    }
    return;
  }
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::condition_variable ready;
  std::vector<char> done(work.size(), 0);
  const auto worker = [&](std::size_t thread) {
    const xml_memory::thread_cache xml_blocks;
    for (std::size_t i = next++; i < work.size(); i = next++) {
      try {
        parse(work[i], thread);
      } catch (...) {
        work[i].failure = std::current_exception();
      }
      {
        const std::lock_guard<std::mutex> lock(mutex);
        done[i] = 1;
      }
      ready.notify_all();
    }
  };
  // Threads of its own rather than the worker pool's (util/worker_pool.hpp): the calling thread
  // only merges, waiting on the parsers. Reading on the pool was tried: no faster, no smaller.
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker, t);
  std::exception_ptr failure;
  for (std::size_t i = 0; i < work.size() && !failure; ++i) {
    {
      std::unique_lock<std::mutex> lock(mutex);
      ready.wait(lock, [&] { return done[i] != 0; });
    }
    if (work[i].failure) {
      failure = work[i].failure;
      next = work.size();  // the workers stop after their current file
    } else {
      merge(work[i]);
    }
  }
  for (std::thread& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

std::optional<std::uint32_t> derived_ids::first_file(std::string_view id) const {
  const std::shared_lock<std::shared_mutex> lock(mutex_);
  const std::uint32_t* file = files_.find(id);
  if (!file) return std::nullopt;
  return *file;
}

void derived_ids::add(const std::vector<std::string_view>& ids, std::uint32_t file) {
  const std::unique_lock<std::shared_mutex> lock(mutex_);
  for (const std::string_view id : ids) {
    if (std::uint32_t* recorded = files_.find(id)) {
      *recorded = std::min(*recorded, file);
    } else {
      storage_.emplace_back(id);
      files_.try_emplace(storage_.back(), file);
    }
  }
}

std::size_t detail::joined_room(std::size_t needed, std::size_t merged_files,
                                std::size_t all_files) {
  const double share = static_cast<double>(all_files) / static_cast<double>(merged_files);
  const double room = std::min(1.25 * share, 8.0) * static_cast<double>(needed);
  // In doubles, as the ratio is: converted back only below what size_t holds.
  if (room <= static_cast<double>(needed)) return needed;
  constexpr auto most = static_cast<double>(std::numeric_limits<std::size_t>::max() / 2);
  return room >= most ? needed : static_cast<std::size_t>(room);
}

std::shared_ptr<const std::string> source_texts::find(std::string_view unit) const {
  const std::shared_ptr<const std::string>* text = texts_.find(unit);
  return text ? *text : nullptr;
}

void source_texts::add(
    const std::vector<std::pair<std::string_view, std::shared_ptr<const std::string>>>& texts) {
  for (const auto& [unit, text] : texts) {
    if (texts_.find(unit)) continue;
    names_.emplace_back(unit);
    texts_.try_emplace(names_.back(), text);
  }
}

model::shared_text shared_sources::share(std::string_view unit,
                                         const std::shared_ptr<const std::string>& recorded,
                                         std::string text) {
  if (recorded && *recorded == text) return recorded;
  auto own = std::make_shared<const std::string>(std::move(text));
  if (!recorded && all_) new_.emplace_back(unit, own);
  return own;
}

void shared_sources::flush() {
  if (all_ && !new_.empty()) all_->add(new_);
  new_.clear();
}

source_set load_sources(const std::vector<std::string>& paths,
                        const std::vector<std::string>& code_files, context& ctx) {
  // Path -> role; a file named both as a source and as a code table is read once, as codes.
  std::map<std::string, role> inputs;
  const auto add = [&](const std::string& path, role r) {
    const std::string key = fs::path(path).lexically_normal().string();
    auto [it, inserted] = inputs.emplace(key, r);
    if (!inserted && r == role::codes) it->second = r;
  };
  // Each file is read once, however many names the arguments give it (two spellings of a
  // directory, one directory inside another, a symbolic link to a directory or a file, a hard
  // link): files are known by device and inode (files::source_files), and two files with the
  // same bytes stay two files. A file named two ways is read, and named in diagnostics and the
  // depfile, under the first name found with the arguments in sorted order (so any order of the
  // same arguments gives the same outputs), a directory's files in path order, a file itself
  // before a link to it in the same directory. Files are then numbered in path order.
  std::vector<std::string> sorted = paths;
  std::sort(sorted.begin(), sorted.end());
  files::source_files named({".md", ".xlf", ".xliff"});
  for (const std::string& path : sorted) named.add(path);
  for (const std::string& path : named.paths()) add(path, role::source);
  for (const std::string& path : code_files) add(named.add_file(path), role::codes);

  // Every file is registered first, in path order, so file indices do not depend on how the
  // reading and parsing below are scheduled; the workers read them.
  std::vector<pending> work;
  work.reserve(inputs.size());
  source_set out;
  for (const auto& [path, r] : inputs) {
    pending p;
    p.path = path;
    const std::string ext = files::extension(path);
    const bool known =
        r == role::codes || ext == ".tsv" || ext == ".md" || ext == ".xlf" || ext == ".xliff";
    std::error_code ec;
    if (!known && !fs::exists(path, ec)) {
      // Not there at all (a mistyped directory): say so, rather than that its format is unknown.
      p.sink.report(diag::cannot_read, {}, {path, system_error_text(ENOENT)});
    } else if (!known) {
      p.sink.report(diag::unknown_format, {}, {path});
    } else {
      p.file = ctx.sources.add(path, {});
      p.kind = r == role::codes || ext == ".tsv" ? format::codes
               : ext == ".md"                    ? format::markdown
                                                 : format::xliff;
    }
    work.push_back(std::move(p));
  }

  // English recovered from bilingual files is kept from the first file that gives a message
  // only: the catalog would take that one (the lowest file, then offset) and drop the others.
  // Each file's IDs are recorded as soon as it is parsed, so that the files parsed after it
  // need not build English that would be dropped. Which English is kept is decided as each file
  // is merged, in path order, once every file before it is parsed: the lowest file recorded, the
  // same whatever order the files were parsed in.
  derived_ids derived_from;
  // One record of sources for each reading thread, which alone uses it: no lock, and no two
  // threads counting references to the same texts. A unit's source is then held once by each
  // thread that reads one of its files rather than once in all: twice on two cores, up to
  // max_jobs times on a machine with that many.
  std::vector<source_texts> sources_seen(max_jobs);
  const auto is_derived_english = [&](const model::entry& e) {
    return e.kind == model::origin::derived_source && e.locale == ctx.source_locale;
  };
  // Sources are read and parsed in parallel, each into its own sink; results are merged in path
  // order (diagnostics, entries), so the outcome is the same for any number of threads. Code
  // tables merge into one table, so they are parsed in order as they are merged.
  const auto parse = [&](pending& p, std::size_t thread) {
    if (p.kind == format::none) return;
    std::string contents, error;
    utf8::file_encoding encoding;  // UTF-16 (with its mark) is read as UTF-8
    utf8::utf16_problem problem;
    if (!files::read_text(p.path, contents, error, encoding, problem)) {
      p.sink.report(diag::cannot_read, {}, {p.path, error});
      p.kind = format::none;
      return;
    }
    p.read = true;
    ctx.sources.set_contents(p.file, std::move(contents));
    if (problem) {  // converted all the same, for the diagnostic to quote its line
      report_utf16_problem(problem, p.file, p.sink);
      p.kind = format::none;
      return;
    }
    const std::size_t bad = utf8::first_invalid(ctx.sources.contents(p.file));
    if (bad != std::string_view::npos) {
      p.sink.report(diag::invalid_utf8, {p.file, static_cast<std::uint32_t>(bad)});
      p.kind = format::none;
      return;
    }
    if (p.kind != format::markdown && p.kind != format::xliff) return;
    context local{ctx.sources, p.sink, ctx.source_locale, 1, &derived_from};
    // A file read from UTF-16 stays: read again, its bytes would not be the text it was.
    local.evict_sources = ctx.evict_sources && encoding == utf8::file_encoding::utf8;
    local.sources_seen = &sources_seen[thread];
    local.declared_locales = &p.declared_locales;
    // read_xliff12 hands XLIFF 2.x documents (root version="2...") to read_xliff2.
    p.entries =
        p.kind == format::markdown ? read_markdown(p.file, local) : read_xliff12(p.file, local);
    if (local.evict_sources) ctx.sources.evict(p.file);
    std::vector<std::string_view> derived;
    for (const model::entry& e : p.entries)
      if (is_derived_english(e)) derived.push_back(e.id);
    if (!derived.empty()) derived_from.add(derived, p.file);
  };
  const auto merge = [&](pending& p) {
    ctx.sink.append(std::move(p.sink));
    if (p.read) out.files_read.push_back(p.path);
    if (p.kind == format::codes) read_code_table(p.file, ctx, out.codes);
    // Every file before this one is parsed, and has recorded its English: whether a lower file
    // gives an ID's is known, so the entries are joined now, while later files are parsed.
    // When they do not fit, room is made for as many as the files merged so far suggest all
    // will give, and a quarter more. Grown by doubling, the vector moved every entry again into
    // pages never touched before (at 100,000 x 40, 180 k of reading's 1.06 M page faults and
    // 0.3 s of its 3.7 s); room never used is never touched. At most eight times what is
    // needed: a large file merged before many small ones would suggest far too much, more
    // address space than a machine may grant; and the room is a hint, which growing as needed
    // replaces when it cannot be had.
    const std::size_t needed = out.entries.size() + p.entries.size();
    if (needed > out.entries.capacity()) {
      const auto merged = static_cast<std::size_t>(&p - work.data()) + 1;  // this one included
      try {
        out.entries.reserve(detail::joined_room(needed, merged, work.size()));
      } catch (const std::bad_alloc&) {
      }
    }
    for (model::entry& e : p.entries)
      if (!is_derived_english(e) || derived_from.first_file(e.id) == p.file)
        out.entries.push_back(std::move(e));
    std::vector<model::entry>().swap(p.entries);
    out.declared_locales.insert(out.declared_locales.end(), p.declared_locales.begin(),
                                p.declared_locales.end());
  };
  run_in_order(work, parse, merge, ctx.jobs);
  std::sort(out.declared_locales.begin(), out.declared_locales.end());
  out.declared_locales.erase(std::unique(out.declared_locales.begin(), out.declared_locales.end()),
                             out.declared_locales.end());
  align_translated_pages(out.entries, ctx);
  return out;
}

void report_utf16_problem(const utf8::utf16_problem& problem, std::uint32_t file,
                          diagnostic_sink& sink) {
  const source_location where{file, static_cast<std::uint32_t>(problem.offset)};
  if (problem.what == utf8::utf16_problem::kind::odd_length) {
    sink.report(diag::utf16_odd_length, where);
    return;
  }
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string unit = "0x";
  for (int shift = 12; shift >= 0; shift -= 4) unit += hex[(problem.unit >> shift) & 0xF];
  sink.report(diag::utf16_unpaired_surrogate, where, {unit});
}

}  // namespace diaglot::read
