// diaglot benchmarks: lookups on the WCF XLIFF corpus by string ID, typed ID and numeric code,
// beside gettext, ICU, Qt, std::unordered_map and two floors, all in one binary on the same units.
// Every answer of every peer is checked against the XLIFF target before anything is timed.
//
//   lookup_bench [google benchmark flags]       time every case (bench/README.md)
//   lookup_bench --count=CASE [--n=N]           run N lookups of one case and nothing else, with
//                                               callgrind instrumentation on only around them
//   lookup_bench --list                         the case names
#include <benchmark/benchmark.h>
#include <valgrind/callgrind.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <diaglot/catalog.hpp>
#include <diaglot/hash.hpp>

#include "alloc_counter.hpp"
#include "wcf.hpp"

#ifdef DIAGLOT_BENCH_GETTEXT
#include <libintl.h>
#include <clocale>
extern "C" int _nl_msg_cat_cntr;  // glibc: bumped to make gettext drop its caches
#endif
#ifdef DIAGLOT_BENCH_ICU
#include <unicode/ures.h>
#include <unicode/utypes.h>
#endif
#ifdef DIAGLOT_BENCH_QT
#include <QByteArray>
#include <QString>
#include <QTranslator>
#endif

namespace {

using diaglot::bench::allocation_count;

constexpr std::uint64_t query_seed = 0x5eedd1a910c00001ull;
constexpr std::size_t query_count = std::size_t{1} << 16;  // a power of two: the loop masks

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "lookup_bench: %s\n", what.c_str());
  std::exit(1);
}

/// splitmix64: a fixed, portable sequence (std::uniform_int_distribution is not portable).
struct splitmix64 {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
};

std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
  }
  return out;
}

/// The converter's expected.tsv: every unit's key and its text in every locale.
struct corpus {
  std::vector<std::string> keys;  ///< "<set>.<id>"
  std::unordered_map<std::string, std::size_t> index;
  std::map<std::string, std::vector<std::string>> text;  ///< locale -> text by key index

  explicit corpus(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail("cannot read " + path);
    std::string line;
    while (std::getline(in, line)) {
      const std::size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
      if (t2 == std::string::npos) fail("bad line in " + path);
      std::string key = line.substr(0, t1);
      const auto [it, inserted] = index.emplace(key, keys.size());
      if (inserted) keys.push_back(std::move(key));
      auto& texts = text[line.substr(t1 + 1, t2 - t1 - 1)];
      texts.resize(keys.size());
      texts[it->second] = unescape(std::string_view(line).substr(t2 + 1));
    }
    for (auto& [locale, texts] : text)
      if (texts.size() != keys.size()) fail("locale " + locale + " lacks units");
  }
};

struct bench_case {
  std::string name;
  std::function<void(benchmark::State&)> timed;
  std::function<void(std::size_t)> counted;
};
std::vector<bench_case> cases;

/// Registers one lookup: f(i) looks up query i and hands its answer to DoNotOptimize; setup()
/// runs, untimed, before each run of the case (gettext's language is process-wide).
template <typename F>
void add_case(
    const std::string& name, F f, std::function<void()> setup = [] {}) {
  bench_case c;
  c.name = name;
  c.timed = [f, setup](benchmark::State& state) {
    setup();
    // A copy on the stack, whose captures can stay in registers: read from the std::function's
    // heap block on every iteration (DoNotOptimize clobbers memory), they shared 4 KiB aliases
    // with the loop's stack stores as the block's address happened to fall, and the same
    // instructions took 0.67 or 0.95 ns from one build to the next.
    const F run = f;
    std::size_t i = 0;
    const std::uint64_t before = allocation_count();
    for (auto _ : state) {
      run(i);
      i = (i + 1) & (query_count - 1);
    }
    state.counters["allocs_per_lookup"] =
        static_cast<double>(allocation_count() - before) / static_cast<double>(state.iterations());
  };
  c.counted = [f, setup](std::size_t n) {
    setup();
    CALLGRIND_ZERO_STATS;
    CALLGRIND_START_INSTRUMENTATION;
    for (std::size_t i = 0; i < n; ++i) f(i & (query_count - 1));
    CALLGRIND_STOP_INSTRUMENTATION;
    CALLGRIND_DUMP_STATS_AT("lookups");
  };
  cases.push_back(std::move(c));
}

void expect_equal(const char* peer, const std::string& locale, const std::string& key,
                  std::string_view got, const std::string& want) {
  if (got == want) return;
  fail(std::string(peer) + " answers `" + std::string(got.substr(0, 200)) + "` for " + key +
       " in " + locale + ", the XLIFF target is `" + want.substr(0, 200) + "`");
}

/// Everything a locale's cases share: pre-drawn queries and the expected texts.
struct locale_side {
  std::string tag;       ///< BCP 47, e.g. "de-CH"
  std::string posix;     ///< "de_CH"
  std::string fallback;  ///< the locale its missing texts come from ("" if none)
  diaglot::locale l;
  std::vector<std::string_view> text_by_index;  ///< the array-index floor, in table order
};

struct shared_data {
  const corpus* c = nullptr;
  std::vector<std::uint32_t> query_key;  ///< key index of query i
  std::vector<std::string> query_id;     ///< string ID of query i (std::string: the map)
  /// Typed ID of query i: its index. The call builds the ID as generated code holds it, with its
  /// catalog's table, a constant there (an ID read from memory would be 16 bytes).
  std::vector<std::uint32_t> query_typed;
  std::vector<std::uint32_t> query_code;  ///< numeric code of query i (coded messages)
  std::vector<std::uint32_t> table_index_of_key;
};

void add_diaglot_cases(const shared_data& d, locale_side& side) {
  const diaglot::catalog& cat = wcf::wcf;
  const corpus& c = *d.c;
  const auto& want = c.text.at(side.tag);
  // Check every unit through every entry point first.
  for (std::size_t k = 0; k < c.keys.size(); ++k) {
    const auto m = cat.find(c.keys[k], side.l);
    if (!m) fail("diaglot does not find " + c.keys[k]);
    expect_equal("diaglot find(string)", side.tag, c.keys[k], m->text(), want[k]);
    const diaglot::message_id typed{d.table_index_of_key[k]};
    expect_equal("diaglot get(typed)", side.tag, c.keys[k], cat.get(typed, side.l).text(), want[k]);
    if (const auto code = m->code()) {
      const auto by_code = cat.find(*code, side.l);
      if (!by_code) fail("diaglot does not find code of " + c.keys[k]);
      expect_equal("diaglot find(code)", side.tag, c.keys[k], by_code->text(), want[k]);
    }
  }
  side.text_by_index.resize(cat.size());
  for (std::size_t k = 0; k < c.keys.size(); ++k)
    side.text_by_index[d.table_index_of_key[k]] = want[k];

  const diaglot::locale l = side.l;
  const std::string& t = side.tag;
  add_case("string_id/" + t + "/diaglot", [&d, &cat, l](std::size_t i) {
    benchmark::DoNotOptimize(cat.find(d.query_id[i], l)->text());
  });
  add_case("string_id/" + t + "/diaglot_find_only",
           [&d, &cat, l](std::size_t i) { benchmark::DoNotOptimize(cat.find(d.query_id[i], l)); });
  add_case("string_id/" + t + "/floor_hash_only", [&d, &cat](std::size_t i) {
    benchmark::DoNotOptimize(diaglot::detail::hash_bytes(d.query_id[i], cat.data().id_hash.seed));
  });
  add_case("typed_id/" + t + "/diaglot", [&d, &cat, l](std::size_t i) {
    benchmark::DoNotOptimize(cat.get(diaglot::message_id{d.query_typed[i], &cat.data()}, l).text());
  });
  add_case("typed_id/" + t + "/floor_array_index", [&d, &side](std::size_t i) {
    benchmark::DoNotOptimize(side.text_by_index[d.query_typed[i]]);
  });
  add_case("code/" + t + "/diaglot", [&d, &cat, l](std::size_t i) {
    benchmark::DoNotOptimize(cat.find(d.query_code[i], l)->text());
  });
}

/// std::unordered_map<std::string, std::string> per locale; a fallback locale tries its own map,
/// then its parent's, as a runtime chain would.
void add_map_cases(const shared_data& d, const locale_side& side) {
  const corpus& c = *d.c;
  const auto& want = c.text.at(side.tag);
  using map = std::unordered_map<std::string, std::string>;
  auto own = std::make_shared<map>();
  auto parent = std::make_shared<map>();
  if (side.fallback.empty()) {
    for (std::size_t k = 0; k < c.keys.size(); ++k) own->emplace(c.keys[k], want[k]);
  } else {
    const auto& base = c.text.at(side.fallback);
    for (std::size_t k = 0; k < c.keys.size(); ++k) {
      parent->emplace(c.keys[k], base[k]);
      if (want[k] != base[k]) own->emplace(c.keys[k], want[k]);
    }
  }
  auto lookup = [own, parent](const std::string& key) -> const std::string& {
    auto it = own->find(key);
    if (it == own->end()) it = parent->find(key);
    return it->second;
  };
  for (std::size_t k = 0; k < c.keys.size(); ++k)
    expect_equal("std::unordered_map", side.tag, c.keys[k], lookup(c.keys[k]), want[k]);
  add_case("string_id/" + side.tag + "/std_unordered_map", [&d, lookup](std::size_t i) {
    const std::string& s = lookup(d.query_id[i]);
    benchmark::DoNotOptimize(s.data());
    benchmark::DoNotOptimize(s.size());
  });
}

#ifdef DIAGLOT_BENCH_GETTEXT
void gettext_language(const std::string& posix) {
  ::setenv("LANGUAGE", posix.c_str(), 1);
  ++_nl_msg_cat_cntr;
}

void add_gettext_cases(const shared_data& d, const locale_side& side) {
  const corpus& c = *d.c;
  const auto& want = c.text.at(side.tag);
  const auto& source = c.text.at("en");
  // pgettext's key: context, EOT, msgid; built once, as pgettext does at compile time.
  auto keys = std::make_shared<std::vector<std::string>>();
  for (std::size_t k = 0; k < c.keys.size(); ++k) keys->push_back(c.keys[k] + '\004' + source[k]);
  gettext_language(side.posix);
  for (std::size_t k = 0; k < c.keys.size(); ++k) {
    const char* r = ::dcgettext("wcf", (*keys)[k].c_str(), LC_MESSAGES);
    if (r == (*keys)[k].c_str()) fail("gettext does not find " + c.keys[k] + " in " + side.tag);
    expect_equal("gettext", side.tag, c.keys[k], r, want[k]);
  }
  auto query = std::make_shared<std::vector<const char*>>();
  for (std::size_t i = 0; i < query_count; ++i) query->push_back((*keys)[d.query_key[i]].c_str());
  const std::string posix = side.posix;
  add_case(
      "string_id/" + side.tag + "/gettext",
      [keys, query](std::size_t i) {
        benchmark::DoNotOptimize(::dcgettext("wcf", (*query)[i], LC_MESSAGES));
      },
      [posix] { gettext_language(posix); });
}
#endif

#ifdef DIAGLOT_BENCH_ICU
void add_icu_cases(const shared_data& d, const locale_side& side) {
  const corpus& c = *d.c;
  const auto& want = c.text.at(side.tag);
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* bundle = ures_open(DIAGLOT_BENCH_RES_DIR "/", side.posix.c_str(), &status);
  if (U_FAILURE(status)) fail(std::string("ures_open: ") + u_errorName(status));
  static char buffer[1 << 16];
  for (std::size_t k = 0; k < c.keys.size(); ++k) {
    UErrorCode st = U_ZERO_ERROR;
    std::int32_t n = sizeof buffer;
    const char* s = ures_getUTF8StringByKey(bundle, c.keys[k].c_str(), buffer, &n, false, &st);
    if (U_FAILURE(st)) fail("ICU does not find " + c.keys[k] + ": " + u_errorName(st));
    expect_equal("ICU (UTF-8)", side.tag, c.keys[k], std::string_view(s, n), want[k]);
    st = U_ZERO_ERROR;
    std::int32_t n16 = 0;
    const UChar* u = ures_getStringByKey(bundle, c.keys[k].c_str(), &n16, &st);
    if (U_FAILURE(st) || u == nullptr) fail("ICU (UTF-16) does not find " + c.keys[k]);
    std::string utf8;  // UTF-16 -> UTF-8 by hand, to check the UTF-16 answer on its own
    for (std::int32_t j = 0; j < n16; ++j) {
      std::uint32_t cp = u[j];
      if (cp >= 0xd800 && cp < 0xdc00 && j + 1 < n16)
        cp = 0x10000 + ((cp - 0xd800) << 10) + (u[++j] - 0xdc00);
      if (cp < 0x80) {
        utf8 += static_cast<char>(cp);
      } else if (cp < 0x800) {
        utf8 += static_cast<char>(0xc0 | (cp >> 6));
        utf8 += static_cast<char>(0x80 | (cp & 0x3f));
      } else if (cp < 0x10000) {
        utf8 += static_cast<char>(0xe0 | (cp >> 12));
        utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        utf8 += static_cast<char>(0x80 | (cp & 0x3f));
      } else {
        utf8 += static_cast<char>(0xf0 | (cp >> 18));
        utf8 += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        utf8 += static_cast<char>(0x80 | (cp & 0x3f));
      }
    }
    expect_equal("ICU (UTF-16)", side.tag, c.keys[k], utf8, want[k]);
  }
  add_case("string_id/" + side.tag + "/icu_utf16", [&d, bundle](std::size_t i) {
    UErrorCode st = U_ZERO_ERROR;
    std::int32_t n = 0;
    benchmark::DoNotOptimize(ures_getStringByKey(bundle, d.query_id[i].c_str(), &n, &st));
    benchmark::DoNotOptimize(n);
  });
  add_case("string_id/" + side.tag + "/icu_utf8", [&d, bundle](std::size_t i) {
    UErrorCode st = U_ZERO_ERROR;
    std::int32_t n = sizeof buffer;
    benchmark::DoNotOptimize(
        ures_getUTF8StringByKey(bundle, d.query_id[i].c_str(), buffer, &n, false, &st));
    benchmark::DoNotOptimize(n);
  });
}
#endif

#ifdef DIAGLOT_BENCH_QT
/// QCoreApplication::translate without an application: each translator in turn, most specific
/// first, until one has the message.
struct qt_chain {
  std::vector<std::unique_ptr<QTranslator>> translators;
  QString translate(const char* context, const char* source) const {
    for (const auto& t : translators) {
      QString r = t->translate(context, source);
      if (!r.isNull()) return r;
    }
    return QString();
  }
};

void add_qt_cases(const shared_data& d, const locale_side& side) {
  const corpus& c = *d.c;
  const auto& want = c.text.at(side.tag);
  auto chain = std::make_shared<qt_chain>();
  for (const std::string& tag : {side.posix, side.fallback}) {
    if (tag.empty()) continue;
    std::string posix = tag;
    for (char& ch : posix)
      if (ch == '-') ch = '_';
    auto t = std::make_unique<QTranslator>();
    if (!t->load(QString::fromStdString("wcf_" + posix), QStringLiteral(DIAGLOT_BENCH_QM_DIR)))
      fail("QTranslator cannot load wcf_" + posix);
    chain->translators.push_back(std::move(t));
  }
  // Context = set, source = unit ID: split "<set>.<id>" at the dot the converter added.
  auto contexts = std::make_shared<std::vector<std::string>>();
  auto ids = std::make_shared<std::vector<std::string>>();
  for (const std::string& key : c.keys) {
    // Unit IDs have no dot (the converter checks), so the last dot splits set and ID.
    const std::size_t dot = key.rfind('.');
    contexts->push_back(key.substr(0, dot));
    ids->push_back(key.substr(dot + 1));
  }
  for (std::size_t k = 0; k < c.keys.size(); ++k) {
    const QString r = chain->translate((*contexts)[k].c_str(), (*ids)[k].c_str());
    if (r.isNull()) fail("Qt does not find " + c.keys[k] + " in " + side.tag);
    expect_equal("Qt", side.tag, c.keys[k], r.toUtf8().toStdString(), want[k]);
  }
  add_case("string_id/" + side.tag + "/qt_qstring", [&d, chain, contexts, ids](std::size_t i) {
    const std::uint32_t k = d.query_key[i];
    const QString r = chain->translate((*contexts)[k].c_str(), (*ids)[k].c_str());
    benchmark::DoNotOptimize(r.constData());
  });
  add_case("string_id/" + side.tag + "/qt_utf8", [&d, chain, contexts, ids](std::size_t i) {
    const std::uint32_t k = d.query_key[i];
    const QByteArray r = chain->translate((*contexts)[k].c_str(), (*ids)[k].c_str()).toUtf8();
    benchmark::DoNotOptimize(r.constData());
  });
}
#endif

}  // namespace

int main(int argc, char** argv) {
  std::string count_case;
  std::size_t count_n = 100000;
  bool list = false;
  std::vector<char*> rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a.substr(0, 8) == "--count=")
      count_case = std::string(a.substr(8));
    else if (a.substr(0, 4) == "--n=")
      count_n = std::strtoull(argv[i] + 4, nullptr, 10);
    else if (a == "--list")
      list = true;
    else
      rest.push_back(argv[i]);
  }

#ifdef DIAGLOT_BENCH_GETTEXT
  if (std::setlocale(LC_ALL, "C.UTF-8") == nullptr) fail("no C.UTF-8 locale");
  ::bindtextdomain("wcf", DIAGLOT_BENCH_MO_DIR);
  ::bind_textdomain_codeset("wcf", "UTF-8");
#endif

  static const corpus c(DIAGLOT_BENCH_DATA_DIR "/expected.tsv");
  static shared_data d;
  d.c = &c;
  const diaglot::catalog& cat = wcf::wcf;
  if (cat.size() != c.keys.size()) fail("the catalog and the corpus differ in size");
  d.table_index_of_key.resize(c.keys.size());
  for (std::size_t i = 0; i < cat.size(); ++i) {
    const auto it = c.index.find(std::string(cat.at(i, cat.source_locale()).id()));
    if (it == c.index.end()) fail("the catalog has a message the corpus lacks");
    d.table_index_of_key[it->second] = static_cast<std::uint32_t>(i);
  }
  // A typed ID from the generated header names the same message as its string ID.
  if (cat.get(wcf::ids::System::ServiceModel::Federation::Strings::ActivityProcessAction,
              cat.source_locale())
          .id() != "System.ServiceModel.Federation.Strings.ActivityProcessAction")
    fail("a typed ID from wcf.hpp does not name its message");

  splitmix64 rng{query_seed};
  std::vector<std::uint32_t> coded;
  for (std::size_t k = 0; k < c.keys.size(); ++k)
    if (cat.find(c.keys[k], cat.source_locale())->code())
      coded.push_back(static_cast<std::uint32_t>(k));
  if (coded.empty()) fail("no message has a numeric code");
  for (std::size_t i = 0; i < query_count; ++i) {
    const auto k = static_cast<std::uint32_t>(rng.next() % c.keys.size());
    d.query_key.push_back(k);
    d.query_id.push_back(c.keys[k]);
    d.query_typed.push_back(d.table_index_of_key[k]);
    const std::uint32_t ck = coded[rng.next() % coded.size()];
    d.query_code.push_back(*cat.find(c.keys[ck], cat.source_locale())->code());
  }

  // "de" has its own text for every unit; "de-CH" has 274 and falls back to "de" for the rest.
  static locale_side sides[] = {{"de", "de", "", {}, {}}, {"de-CH", "de_CH", "de", {}, {}}};
  for (locale_side& side : sides) {
    side.l = cat.locale(side.tag);
    if (cat.tag(side.l) != side.tag) fail("the catalog has no locale " + side.tag);
    add_diaglot_cases(d, side);
    add_map_cases(d, side);
#ifdef DIAGLOT_BENCH_GETTEXT
    add_gettext_cases(d, side);
#endif
#ifdef DIAGLOT_BENCH_ICU
    add_icu_cases(d, side);
#endif
#ifdef DIAGLOT_BENCH_QT
    add_qt_cases(d, side);
#endif
  }
  std::fprintf(stderr,
               "lookup_bench: every answer of every peer matches the XLIFF targets (%zu units, de "
               "and de-CH)\n",
               c.keys.size());

  if (list) {
    for (const bench_case& bc : cases) std::printf("%s\n", bc.name.c_str());
    return 0;
  }
  if (!count_case.empty()) {
    for (const bench_case& bc : cases) {
      if (bc.name != count_case) continue;
      bc.counted(count_n);
      return 0;
    }
    fail("no case named " + count_case);
  }
  for (const bench_case& bc : cases) {
    auto* b = benchmark::RegisterBenchmark(bc.name.c_str(), bc.timed);
    b->ComputeStatistics(
        "min", [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); });
    b->ComputeStatistics(
        "max", [](const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); });
  }
  int bargc = static_cast<int>(rest.size());
  benchmark::Initialize(&bargc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(bargc, rest.data())) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
