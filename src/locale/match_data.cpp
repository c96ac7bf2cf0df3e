#include "locale/match_data.hpp"

#include <unicode/bytestrie.h>
#include <unicode/localematcher.h>
#include <unicode/locid.h>
#include <unicode/region.h>
#include <unicode/uloc.h>
#include <unicode/ures.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace diaglot::locale_data {

namespace {

// ICU's LocaleMatcher thresholds, in its units (1/8 point): a match must be closer than the
// default script distance (50 points).
constexpr int threshold = 50 * 8;
// A region no one uses: requests with it see the rules every unlisted region sees.
constexpr const char* unlisted_region = "AA";
// A private-use script: requests with it see the rules every unlisted script sees.
constexpr const char* unlisted_script = "Qaaz";
// A script and region to compare languages alone with: any that ICU knows would do.
const std::string probe_script = "Latn", probe_region = "US";

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_region(const std::string& r) {
  return (r.size() == 2 && is_alpha(r[0]) && is_alpha(r[1])) ||
         (r.size() == 3 && is_digit(r[0]) && is_digit(r[1]) && is_digit(r[2]));
}

/// XA, XB, XC: LocaleMatcher reads a request with one as a pseudo-locale, matching only itself.
bool is_pseudo_region(const std::string& r) {
  return r.size() == 2 && r[0] == 'X' && r[1] >= 'A' && r[1] <= 'C';
}

bool is_language(const std::string& l) {
  if (l.size() < 2 || l.size() > 8 || l.size() == 4) return false;
  return std::all_of(l.begin(), l.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

/// An ICU locale from subtags; an empty language is "und".
icu::Locale make_locale(const std::string& language, const std::string& script,
                        const std::string& region) {
  std::string name = language.empty() ? "und" : language;
  if (!script.empty()) name += "_" + script;
  if (!region.empty()) name += "_" + region;
  return icu::Locale::createFromName(name.c_str());
}

/// Likely subtags by uloc_addLikelySubtags (ICU's resource-bundle implementation).
lsr add_likely(const icu::Locale& loc) {
  icu::Locale l(loc);
  UErrorCode status = U_ZERO_ERROR;
  l.addLikelySubtags(status);
  if (U_FAILURE(status)) return {};
  return {l.getLanguage(), l.getScript(), l.getCountry()};
}

std::string to_string(const UChar* s, int32_t length) {
  std::string out;
  for (int32_t i = 0; i < length; ++i) out += static_cast<char>(s[i]);
  return out;
}

/// A string array of ICU's langInfo resource, the data LocaleMatcher uses ("likely/lsrs").
std::vector<std::string> read_strings(const char* table, const char* key) {
  std::vector<std::string> out;
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* info = ures_openDirect(nullptr, "langInfo", &status);
  UResourceBundle* t = ures_getByKey(info, table, nullptr, &status);
  UResourceBundle* array = ures_getByKey(t, key, nullptr, &status);
  if (U_SUCCESS(status)) {
    const int32_t n = ures_getSize(array);
    for (int32_t i = 0; i < n && U_SUCCESS(status); ++i) {
      int32_t length = 0;
      const UChar* s = ures_getStringByIndex(array, i, &length, &status);
      if (U_SUCCESS(status)) out.push_back(to_string(s, length));
    }
  }
  ures_close(array);
  ures_close(t);
  ures_close(info);
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("diaglot: cannot read ICU's langInfo/") + table + "/" +
                             key + ": " + u_errorName(status));
  return out;
}

/// Pairs (from, to) of such an array ("likely/languageAliases").
std::vector<std::pair<std::string, std::string>> read_pairs(const char* key) {
  const std::vector<std::string> s = read_strings("likely", key);
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) out.emplace_back(s[i], s[i + 1]);
  return out;
}

/// The languages ICU's likely-subtags data knows ("likely/lsrs" holds language, script, region).
std::set<std::string> data_languages() {
  const std::vector<std::string> lsrs = read_strings("likely", "lsrs");
  std::set<std::string> out;
  for (std::size_t i = 0; i < lsrs.size(); i += 3) out.insert(lsrs[i]);
  return out;
}

/// ICU's index of a region in LocaleMatcher's data ("DE", "419"); 0 for none.
int region_index(const std::string& r) {
  if (r.size() == 3 && is_digit(r[0]) && is_digit(r[1]) && is_digit(r[2]))
    return (r[0] - '0') * 100 + (r[1] - '0') * 10 + (r[2] - '0') + 1;
  if (r.size() == 2 && r[0] >= 'A' && r[0] <= 'Z' && r[1] >= 'A' && r[1] <= 'Z')
    return 26 * (r[0] - 'A') + (r[1] - 'A') + 1001;
  return 0;
}

/// A binary or int-vector resource of LocaleMatcher's data ("langInfo/match/<key>"); empty
/// when it cannot be read.
template <typename T>
std::vector<T> match_resource(const char* key) {
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* info = ures_openDirect(nullptr, "langInfo", &status);
  UResourceBundle* match = ures_getByKey(info, "match", nullptr, &status);
  UResourceBundle* resource = ures_getByKey(match, key, nullptr, &status);
  int32_t length = 0;
  const T* values = nullptr;
  if constexpr (std::is_same_v<T, std::uint8_t>)
    values = ures_getBinary(resource, &length, &status);
  else
    values = ures_getIntVector(resource, &length, &status);
  std::vector<T> out;
  if (U_SUCCESS(status) && values && length > 0) out.assign(values, values + length);
  ures_close(resource);
  ures_close(match);
  ures_close(info);
  return out;
}

/// LocaleMatcher's region partitions ("match/regionToPartitions": a byte per region index). Two
/// regions with the same partitions are at the same distance from every other region, so a
/// request answers the same for both unless one of them is a catalog locale's region. Empty when
/// the data cannot be read (every region is then asked about).
std::vector<std::uint8_t> region_partitions() {
  return match_resource<std::uint8_t>("regionToPartitions");
}

/// The subtags of a key of LocaleMatcher's distance data (see distance_data), "*" for a pair of
/// any.
std::vector<std::string> key_subtags(const icu::StringPiece& key) {
  std::vector<std::string> out;
  std::string subtag;
  for (int32_t i = 0; i < key.length(); ++i) {
    const auto c = static_cast<unsigned char>(key.data()[i]);
    if (subtag.empty() && c == '*') {
      out.emplace_back("*");
      continue;
    }
    subtag += static_cast<char>(c & 0x7f);
    if (c & 0x80) {
      out.push_back(std::move(subtag));
      subtag.clear();
    }
  }
  return out;
}

/// The languages LocaleMatcher's distance data pairs with others ("sh" with sr, hr and bs, "qub"
/// with qu): requests of them can match a catalog locale of another language, whether or not
/// ICU's likely-subtags data and its list of ISO languages know them. With `with`, only those
/// paired with one of these languages (either way round): another is as far from them as any
/// unrelated language. Empty when the data cannot be read.
std::set<std::string> paired_languages(const std::set<std::string>* with = nullptr) {
  const std::vector<std::uint8_t> bytes = match_resource<std::uint8_t>("trie");
  std::set<std::string> out;
  if (bytes.empty()) return out;
  UErrorCode status = U_ZERO_ERROR;
  icu::BytesTrie::Iterator keys(bytes.data(), 0, status);
  while (U_SUCCESS(status) && keys.next(status)) {
    const std::vector<std::string> key = key_subtags(keys.getString());
    if (key.size() < 2) continue;
    for (std::size_t i = 0; i < 2; ++i)
      if (key[i] != "*" && (!with || with->count(key[1 - i]))) out.insert(key[i]);
  }
  return out;
}

/// LocaleMatcher's distance data ("match/trie", "match/distances"). A key of the trie is a
/// desired and a supported subtag for each level (language, script, region partition), each
/// subtag's last byte with 0x80 set, or "*" for any pair at that level; LocaleMatcher looks a
/// request's subtags up in it and takes the default distances for pairs it does not find.
class distance_data {
 public:
  /// Reads the data; usable() is false when it cannot be read or does not look as expected.
  distance_data() : bytes_(match_resource<std::uint8_t>("trie")) {
    const std::vector<std::int32_t> distances = match_resource<std::int32_t>("distances");
    if (distances.size() > 1) {
      default_language_distance_ = distances[0];
      default_script_distance_ = distances[1];
    } else {
      bytes_.clear();  // no default distances: the shortcuts would have nothing to compare with
    }
    if (bytes_.empty()) return;
    UErrorCode status = U_ZERO_ERROR;
    std::set<std::string> scripts;
    icu::BytesTrie::Iterator keys(bytes_.data(), 0, status);
    while (U_SUCCESS(status) && keys.next(status)) {
      const std::vector<std::string> key = key_subtags(keys.getString());
      if (!key.empty() && key[0] != "*") languages_.insert(key[0]);
      add_scripts(key, scripts);
    }
    // A smoke check, not a proof of the layout described above: data that does not even name
    // the languages and scripts every CLDR version pairs is taken as unreadable.
    if (U_FAILURE(status) || !languages_.count("en") || !scripts.count("Hant") ||
        !scripts.count("Latn")) {
      bytes_.clear();
      languages_.clear();
    }
  }

  /// Whether the data was read. The queries below assume it: the builder keeps only usable data.
  bool usable() const { return !bytes_.empty(); }
  /// LocaleMatcher's distance between different languages the data does not pair, in points.
  int default_language_distance() const { return default_language_distance_; }
  /// LocaleMatcher's distance between different scripts the data does not pair, in points.
  int default_script_distance() const { return default_script_distance_; }
  /// Whether a key names this desired language (otherwise it is at the default distance from
  /// every other language).
  bool names_language(const std::string& language) const { return languages_.count(language); }

  /// Whether LocaleMatcher gives a request of the desired language and script the same
  /// distance to a locale of the supported language and script for every region but the
  /// locale's own: it then takes the default region distance, as no region key is below the
  /// pairs it looks up (the language pair; then the script pair and the "*" it falls back on,
  /// unless the language pair's value says to skip scripts).
  bool region_blind(const std::string& desired, const std::string& supported,
                    const std::string& desired_script, const std::string& supported_script) const {
    icu::BytesTrie trie(bytes_.data());
    if (!next_subtag(trie, desired) || !next_subtag(trie, supported)) return true;
    constexpr int skip_script = 0x80;
    if (!USTRINGTRIE_HAS_VALUE(trie.current()) || (trie.getValue() & skip_script) ||
        supported_script.empty())
      return false;
    const std::uint64_t pair = trie.getState64();
    if (next_subtag(trie, desired_script) && next_subtag(trie, supported_script)) return false;
    return !USTRINGTRIE_HAS_NEXT(trie.resetToState64(pair).next('*'));
  }

  /// Whether LocaleMatcher may look the desired and supported scripts up for these languages:
  /// not if the data does not pair the languages, or the pair's value ends the key or says to
  /// skip scripts (it then takes the default script distance for different scripts).
  bool looks_up_scripts(const std::string& desired, const std::string& supported) const {
    icu::BytesTrie trie(bytes_.data());
    if (!next_subtag(trie, desired) || !next_subtag(trie, supported)) return false;
    constexpr int skip_script = 0x80;
    return !USTRINGTRIE_HAS_VALUE(trie.current()) || !(trie.getValue() & skip_script);
  }

  /// Whether keys name this pair of languages (otherwise LocaleMatcher puts two different
  /// languages at the default distance).
  bool pairs(const std::string& desired, const std::string& supported) const {
    icu::BytesTrie trie(bytes_.data());
    if (!next_subtag(trie, desired) || supported.empty()) return false;
    UStringTrieResult r = USTRINGTRIE_NO_MATCH;
    for (std::size_t i = 0; i < supported.size(); ++i) {
      const bool last = i + 1 == supported.size();
      r = trie.next(static_cast<unsigned char>(supported[i]) | (last ? 0x80 : 0));
      if (!last && !USTRINGTRIE_HAS_NEXT(r)) return false;
    }
    return r != USTRINGTRIE_NO_MATCH;
  }

  /// The scripts that keys below a desired and a supported language name (none when the data
  /// does not pair them).
  void scripts_below(const std::string& desired, const std::string& supported,
                     std::set<std::string>& out) const {
    icu::BytesTrie trie(bytes_.data());
    if (!next_subtag(trie, desired) || !next_subtag(trie, supported)) return;
    UErrorCode status = U_ZERO_ERROR;
    icu::BytesTrie::Iterator keys(trie, 0, status);
    while (U_SUCCESS(status) && keys.next(status)) add_scripts(key_subtags(keys.getString()), out);
  }

 private:
  // Languages have 2, 3 or 5 to 8 letters and partitions one character: 4 letters are a script.
  static void add_scripts(const std::vector<std::string>& subtags, std::set<std::string>& out) {
    for (const std::string& t : subtags)
      if (t.size() == 4 && std::all_of(t.begin(), t.end(), is_alpha)) out.insert(t);
  }

  /// Follows one subtag; whether keys go on below it.
  static bool next_subtag(icu::BytesTrie& trie, const std::string& subtag) {
    UStringTrieResult r = USTRINGTRIE_NO_MATCH;
    for (std::size_t i = 0; i < subtag.size(); ++i) {
      r = trie.next(static_cast<unsigned char>(subtag[i]) | (i + 1 == subtag.size() ? 0x80 : 0));
      if (!USTRINGTRIE_HAS_NEXT(r)) return false;
    }
    return !subtag.empty();
  }

  std::vector<std::uint8_t> bytes_;
  int default_language_distance_ = 0, default_script_distance_ = 0;
  std::set<std::string> languages_;
};

/// ICU's likely-subtags table ("zh" -> "zh_Hans_CN", "zh_TW", "zh_Hant", "und_AE").
std::map<std::string, std::string> likely_table() {
  std::map<std::string, std::string> out;
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* table = ures_openDirect(nullptr, "likelySubtags", &status);
  if (U_SUCCESS(status)) {
    const int32_t n = ures_getSize(table);
    for (int32_t i = 0; i < n; ++i) {
      UErrorCode s = U_ZERO_ERROR;
      UResourceBundle* r = ures_getByIndex(table, i, nullptr, &s);
      int32_t length = 0;
      const UChar* value = ures_getString(r, &length, &s);
      if (U_SUCCESS(s) && ures_getKey(r)) out.emplace(ures_getKey(r), to_string(value, length));
      ures_close(r);
    }
  }
  ures_close(table);
  return out;
}

/// The script of a likely-subtags value ("ar_Arab_EG" -> "Arab"); empty if it has none.
std::string value_script(const std::string& value) {
  const std::size_t first = value.find('_');
  if (first == std::string::npos || value.size() < first + 5) return {};
  const std::string script = value.substr(first + 1, 4);
  const bool ends = value.size() == first + 5 || value[first + 5] == '_';
  return ends && std::all_of(script.begin(), script.end(), is_alpha) ? script : std::string();
}

/// Every region code ICU knows that a request can carry as it is (not ZZ, which ICU reads as
/// no region, nor codes ICU replaces).
std::vector<std::string> known_regions(const std::set<std::string>& replaced) {
  std::set<std::string> out;
  for (int type = URGN_TERRITORY; type <= URGN_DEPRECATED; ++type) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::StringEnumeration> e(
        icu::Region::getAvailable(static_cast<URegionType>(type), status));
    if (U_FAILURE(status) || !e) continue;
    while (const char* r = e->next(nullptr, status)) {
      const std::string region = r;
      if (is_region(region) && region != "ZZ" && !replaced.count(region)) out.insert(region);
    }
  }
  return {out.begin(), out.end()};
}

std::vector<std::string> known_scripts() {
  std::set<std::string> out;
  for (int c = 0; c < USCRIPT_CODE_LIMIT; ++c) {
    const char* name = uscript_getShortName(static_cast<UScriptCode>(c));
    if (name && std::string(name).size() == 4 && std::string(name) != "Zzzz") out.insert(name);
  }
  return {out.begin(), out.end()};
}

/// Asks one LocaleMatcher about requests.
class oracle {
 public:
  oracle(const std::vector<std::string>& supported, const std::string& default_locale) {
    UErrorCode status = U_ZERO_ERROR;
    icu::LocaleMatcher::Builder builder;
    for (const std::string& tag : supported) {
      locales_.push_back(icu::Locale::forLanguageTag(tag, status));
      builder.addSupportedLocale(locales_.back());
    }
    const icu::Locale def = icu::Locale::forLanguageTag(default_locale, status);
    builder.setDefaultLocale(&def);
    matcher_ = std::make_unique<icu::LocaleMatcher>(builder.build(status));
    if (U_FAILURE(status))
      throw std::runtime_error(std::string("diaglot: ICU's LocaleMatcher failed: ") +
                               u_errorName(status));
  }

  const icu::Locale& locale(std::size_t i) const { return locales_[i]; }

  /// The distance LocaleMatcher puts between a request and a supported locale, in 1/8 points.
  int distance(const icu::Locale& desired, const icu::Locale& supported) const {
    UErrorCode status = U_ZERO_ERROR;
    const double m = matcher_->internalMatch(desired, supported, status);
    return static_cast<int>(std::lround((1.0 - m) * 800.0));
  }

  match_answer answer(const icu::Locale& desired) const {
    UErrorCode status = U_ZERO_ERROR;
    const icu::LocaleMatcher::Result r = matcher_->getBestMatchResult(desired, status);
    const int32_t i = r.getSupportedIndex();
    if (U_FAILURE(status) || i < 0) return {};
    return {static_cast<std::uint16_t>(i),
            static_cast<std::uint16_t>(distance(desired, locales_[static_cast<std::size_t>(i)]))};
  }

  /// Whether LocaleMatcher maximizes `desired` to exactly these subtags.
  bool maximizes_to(const icu::Locale& desired, const lsr& l) const {
    return distance(desired, make_locale(l.language, l.script, l.region)) < 8;
  }

 private:
  std::vector<icu::Locale> locales_;
  std::unique_ptr<icu::LocaleMatcher> matcher_;
};

class builder {
 public:
  builder(const std::vector<std::string>& locales, const std::string& default_locale,
          bool exhaustive, const std::atomic<bool>* cancel)
      : oracle_(locales, default_locale),
        count_(locales.size()),
        exhaustive_(exhaustive),
        cancel_(cancel) {
    const auto it = std::find(locales.begin(), locales.end(), default_locale);
    if (it == locales.end())
      throw std::invalid_argument("diaglot: the default locale is not among the catalog locales");
    default_index_ = static_cast<std::size_t>(it - locales.begin());
  }

  match_data build() {
    read_aliases();
    regions_ = known_regions(replaced_regions_);
    scripts_ = known_scripts();
    if (!exhaustive_) {
      partitions_ = region_partitions();
      likely_table_ = likely_table();
      distances_ = std::make_unique<distance_data>();
      if (!distances_->usable()) distances_.reset();
    }
    supported();
    for (const lsr& l : out_.locales) catalog_regions_.insert(l.region);
    for (const std::string& region : regions_)
      if (is_pseudo_region(region)) pseudo_regions_.insert(region);
    if (distances_) catalog_facts();
    for (const std::string& region : regions_) region_classes_.push_back(region_class(region));
    find_languages();
    for (const std::string& language : languages_) {
      if (cancel_ && *cancel_) throw std::runtime_error("diaglot: locale matching cancelled");
      language_facts(language);
    }
    for (auto& [key, fact] : und_facts_) out_.likely.push_back(std::move(fact));
    std::sort(out_.likely.begin(), out_.likely.end(),
              [](const auto& a, const auto& b) { return a.key < b.key; });
    std::sort(out_.aliases.begin(), out_.aliases.end());
    out_.aliases.erase(std::unique(out_.aliases.begin(), out_.aliases.end(),
                                   [](const auto& a, const auto& b) { return a.first == b.first; }),
                       out_.aliases.end());
    return std::move(out_);
  }

 private:
  /// ICU's subtags for a request of these subtags: the ones given are kept, as LocaleMatcher
  /// keeps them; the others come from uloc_addLikelySubtags, checked against LocaleMatcher's own
  /// likely subtags.
  lsr likely(const std::string& language, const std::string& script, const std::string& region) {
    const icu::Locale loc = make_locale(language, script, region);
    lsr l = add_likely(loc);
    if (!language.empty()) l.language = language;
    if (!script.empty()) l.script = script;
    if (!region.empty()) l.region = region;
    // A language ICU has no data for: LocaleMatcher takes the rest as for "und" with the same
    // script and region ("tlh-AE" gets Arab from "und-AE").
    if (l.script.empty() || l.region.empty()) {
      const lsr und = add_likely(make_locale("", script, region));
      if (l.script.empty()) l.script = und.script;
      if (l.region.empty()) l.region = und.region;
    }
    if (!oracle_.maximizes_to(loc, l)) {
      ++out_.unverified;
      if (std::getenv("DIAGLOT_DEBUG_MATCH"))
        std::fprintf(stderr, "unverified %s -> %s-%s-%s\n", loc.getName(), l.language.c_str(),
                     l.script.c_str(), l.region.c_str());
    }
    return l;
  }

  void read_aliases() {
    for (auto& [from, to] : read_pairs("regionAliases")) {
      if (!is_region(from) || !is_region(to)) continue;
      replaced_regions_.insert(from);
      out_.aliases.emplace_back(from, to);
    }
    for (auto& [from, to] : read_pairs("languageAliases")) {
      if (is_language(from) && is_language(to)) language_aliases_.emplace(from, to);
      all_language_aliases_.emplace(from, to);
    }
  }

  /// The language subtags LocaleMatcher may compare for this language: as given, as uloc reads
  /// it ("kor" is "ko"), and through ICU's language aliases.
  std::set<std::string> language_forms(const std::string& language) const {
    std::set<std::string> out = {language};
    std::string read = language;
    // uloc_getLanguage is slow on 3-letter codes (a linear search), and reads as another code
    // only the ISO 639-2 forms of 2-letter codes.
    if (language.size() == 3 && iso3_codes_.count(language)) {
      char buffer[ULOC_LANG_CAPACITY];
      UErrorCode status = U_ZERO_ERROR;
      const int32_t n = uloc_getLanguage(language.c_str(), buffer, sizeof buffer, &status);
      if (U_SUCCESS(status) && n > 0 && n < static_cast<int32_t>(sizeof buffer))
        read.assign(buffer, static_cast<std::size_t>(n));
    }
    out.insert(read);
    for (const std::string& l : {language, read}) {
      const auto it = all_language_aliases_.find(l);
      if (it != all_language_aliases_.end()) out.insert(it->second);
    }
    return out;
  }

  /// What the distance data lets fast mode skip asking about, from the catalog's locales.
  void catalog_facts() {
    const auto add_iso3 = [this](const std::string& language) {
      if (language.size() != 2) return;
      const char* iso3 = uloc_getISO3Language(language.c_str());
      if (iso3 && std::string(iso3).size() == 3) iso3_codes_.insert(iso3);
    };
    for (const char* const* p = uloc_getISOLanguages(); *p; ++p) add_iso3(*p);
    for (const auto& alias : all_language_aliases_) add_iso3(alias.first);
    catalog_forms_.resize(count_);
    for (std::size_t j = 0; j < count_; ++j) {
      const icu::Locale& loc = oracle_.locale(j);
      for (const std::string& l : {out_.locales[j].language, std::string(loc.getLanguage())})
        for (const std::string& form : language_forms(l)) catalog_forms_[j].insert(form);
      catalog_languages_.insert(catalog_forms_[j].begin(), catalog_forms_[j].end());
      catalog_scripts_.insert(out_.locales[j].script);
      catalog_scripts_.insert(loc.getScript());
    }
    // Requests are asked about with each catalog locale's script and region: they must be
    // the ones LocaleMatcher matches with.
    script_filter_ = out_.unverified == 0;
    for (const lsr& l : out_.locales)
      if (l.script.empty() || l.region.empty()) script_filter_ = false;
  }

  /// The scripts whose requests of this language can answer otherwise than requests of a
  /// script no one uses: those a catalog locale has and those the distance data names below
  /// the language's pairs with catalog languages (LocaleMatcher compares any other two scripts
  /// alike). All scripts when that cannot be shown.
  std::vector<std::string> scripts_that_differ(const std::set<std::string>& forms) const {
    if (!script_filter_) return scripts_;
    std::set<std::string> named = catalog_scripts_;
    for (const std::string& form : forms)
      for (const std::string& supported : catalog_languages_)
        distances_->scripts_below(form, supported, named);
    if (named.count(unlisted_script)) return scripts_;
    std::vector<std::string> out;
    for (const std::string& script : named)
      if (std::binary_search(scripts_.begin(), scripts_.end(), script)) out.push_back(script);
    return out;
  }

  /// Whether the distance data can show languages far apart: two languages it does not pair are
  /// at its default language distance, and that is past the threshold.
  bool shows_far_languages() const {
    return distances_ && distances_->default_language_distance() * 8 >= threshold;
  }

  /// What !near_any(language_forms(language)) says, without making the forms, for a language
  /// that has no other (most candidates).
  bool plain_far(const std::string& language) const {
    return shows_far_languages() && !distances_->names_language(language) &&
           !catalog_languages_.count(language) && !iso3_codes_.count(language) &&
           !all_language_aliases_.count(language);
  }

  /// Whether requests of a language with these forms can be close to some catalog locale: it
  /// has a catalog locale's language or the distance data pairs it with some language.
  bool near_any(const std::set<std::string>& forms) const {
    if (!shows_far_languages()) return true;
    for (const std::string& form : forms)
      if (distances_->names_language(form) || catalog_languages_.count(form)) return true;
    return false;
  }

  /// Whether requests of a language with these forms can be close to catalog locale j: unless
  /// it has j's language or the distance data pairs the two, LocaleMatcher puts them at the
  /// default language distance, beyond the threshold.
  bool may_be_close(const std::set<std::string>& forms, std::size_t j) const {
    if (!shows_far_languages()) return true;
    for (const std::string& form : forms) {
      if (catalog_forms_[j].count(form)) return true;
      if (!distances_->names_language(form)) continue;
      for (const std::string& supported : catalog_forms_[j])
        if (distances_->pairs(form, supported)) return true;
    }
    return false;
  }

  /// Whether every region but the catalog locales' own gives requests of the language at
  /// hand and this script the same distances to all catalog locales, so the same answer.
  bool regions_alike(const std::string& script) const {
    if (!distances_) return false;
    for (std::size_t j = 0; j < count_; ++j) {
      // Scripts are looked at only when the catalog locale's is the one LocaleMatcher has.
      const std::string supported_script = script_filter_ ? out_.locales[j].script : "";
      for (const std::string& form : forms_)
        for (const std::string& supported : catalog_forms_[j])
          if (!distances_->region_blind(form, supported, script, supported_script)) return false;
    }
    return true;
  }

  void supported() {
    for (std::size_t i = 0; i < count_; ++i) {
      const icu::Locale& loc = oracle_.locale(i);
      const lsr l = likely(loc.getLanguage(), loc.getScript(), loc.getCountry());
      out_.locales.push_back(l);
      const std::string language = loc.getLanguage();
      out_.flags.push_back(
          static_cast<std::uint8_t>((!language.empty() && language != "und" ? 4 : 0) |
                                    (*loc.getScript() ? 2 : 0) | (*loc.getCountry() ? 1 : 0)));
    }
    // LocaleMatcher's order: locales with the default's subtags, paradigm locales, the rest,
    // each in the order given; a locale with the subtags and flags of an earlier one is not
    // added (requests for it get the earlier one).
    const lsr& def = out_.locales[default_index_];
    std::vector<lsr> paradigms;
    const auto p = read_strings("match", "paradigms");
    for (std::size_t i = 0; i + 2 < p.size(); i += 3)
      paradigms.push_back({p[i], p[i + 1], p[i + 2]});
    out_.rank.assign(count_, 0);
    out_.answer.assign(count_, 0);
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < count_; ++i)
      if (out_.locales[i] == def) order.push_back(i);
    for (std::size_t i = 0; i < count_; ++i)
      if (!(out_.locales[i] == def) &&
          std::find(paradigms.begin(), paradigms.end(), out_.locales[i]) != paradigms.end())
        order.push_back(i);
    for (std::size_t i = 0; i < count_; ++i)
      if (std::find(order.begin(), order.end(), i) == order.end()) order.push_back(i);
    std::vector<std::size_t> added;
    for (const std::size_t i : order) {
      std::size_t first = i;
      for (const std::size_t a : added)
        if (out_.locales[a] == out_.locales[i] && out_.flags[a] == out_.flags[i]) first = a;
      if (first == i) {
        out_.rank[i] = static_cast<std::uint16_t>(added.size());
        added.push_back(i);
      } else {
        out_.rank[i] = out_.rank[first];
      }
      out_.answer[i] = static_cast<std::uint16_t>(first);
    }
  }

  /// The languages whose requests can match a catalog locale: same language, or close enough
  /// by CLDR's language distances ("nn" to "nb", "gsw" to "de", "ak" to "en").
  void find_languages() {
    if (!exhaustive_)
      for (const lsr& l : out_.locales)
        language_probes_.push_back(make_locale(l.language, probe_script, probe_region));
    std::set<std::string> candidates = data_languages();
    for (const char* const* p = uloc_getISOLanguages(); *p; ++p) candidates.insert(*p);
    // Asking ICU about a three-letter code is slow (uloc looks each up in a list), and most of
    // the distance data's languages have one: fast mode takes those near the catalog's only.
    std::set<std::string> catalog_languages;
    for (const lsr& l : out_.locales) catalog_languages.insert(l.language);
    for (const std::string& l : paired_languages(exhaustive_ ? nullptr : &catalog_languages))
      candidates.insert(l);
    for (const lsr& l : out_.locales) candidates.insert(l.language);
    for (const std::string& c : candidates) {
      if (cancel_ && *cancel_) throw std::runtime_error("diaglot: locale matching cancelled");
      if (!is_language(c) || c == "und" || language_aliases_.count(c)) continue;
      if (exhaustive_) {
        for (std::size_t j = 0; j < count_; ++j) {
          const lsr& s = out_.locales[j];
          if (oracle_.distance(make_locale(c, s.script, s.region), oracle_.locale(j)) < threshold)
            close_[c].push_back(j);
        }
      } else {
        // A request with a catalog locale's own script and region is as far from it as the
        // two languages are (ICU adds nothing for an equal script or region): one request per
        // candidate, against each catalog language with one common script and region, answers
        // what a request per catalog locale would (the tests compare with exhaustive mode).
        if (plain_far(c)) continue;
        const std::set<std::string> forms = language_forms(c);
        if (!near_any(forms)) continue;
        std::unique_ptr<icu::Locale> request;
        for (std::size_t j = 0; j < count_; ++j) {
          if (!may_be_close(forms, j)) continue;
          if (!request)
            request = std::make_unique<icu::Locale>(make_locale(c, probe_script, probe_region));
          if (oracle_.distance(*request, language_probes_[j]) < threshold) close_[c].push_back(j);
        }
      }
      if (close_.count(c)) languages_.insert(c);
    }
    // ISO 639-2 codes ("kor", "mol") need no alias here: the runtime reads them as their
    // two-letter forms before it looks aliases up, as uloc does (its three-letter tables).
    for (const auto& [from, to] : language_aliases_)
      if (languages_.count(to)) out_.aliases.emplace_back(from, to);
  }

  /// The request of these subtags, made once for the language at hand (several questions ask
  /// about the same request).
  const icu::Locale& request(const std::string& language, const std::string& script,
                             const std::string& region) {
    const std::string key = language + "_" + script + "_" + region;
    auto it = requests_.find(key);
    if (it == requests_.end())
      it = requests_.emplace(key, make_locale(language, script, region)).first;
    return it->second;
  }

  /// Whether a request of this language and script can match any catalog locale: the closest
  /// it gets to a locale of a near language is with that locale's region.
  bool can_match(const std::string& language, const std::string& script) {
    return !reachable(language, script).empty();
  }

  /// The catalog locales a request of this language and script can match (with their region),
  /// for the language at hand.
  const std::vector<std::size_t>& reachable(const std::string& language,
                                            const std::string& script) {
    const auto found = reachable_.find(script);
    if (found != reachable_.end()) return found->second;
    std::vector<std::size_t>& out = reachable_[script];
    for (const std::size_t j : close_[language]) {
      const lsr& s = out_.locales[j];
      if (script_far(script, j)) continue;
      if (oracle_.distance(request(language, script, s.region), oracle_.locale(j)) < threshold)
        out.push_back(j);
    }
    return out;
  }

  /// Whether a request of the language at hand and this script is provably beyond the
  /// threshold from catalog locale j: its script differs from j's, and LocaleMatcher takes the
  /// default script distance (no less than the threshold) for the two languages.
  bool script_far(const std::string& script, std::size_t j) const {
    if (!script_filter_ || script == out_.locales[j].script ||
        distances_->default_script_distance() * 8 < threshold)
      return false;
    for (const std::string& form : forms_)
      for (const std::string& supported : catalog_forms_[j])
        if (distances_->looks_up_scripts(form, supported)) return false;
    return true;
  }

  /// The answers at the regions where answers differ most: none, and each catalog locale's.
  std::vector<match_answer> signature(const std::string& language, const std::string& script) {
    std::set<std::string> probes = {unlisted_region};
    for (const lsr& l : out_.locales) probes.insert(l.region);
    std::vector<match_answer> sig;
    for (const std::string& r : probes) sig.push_back(oracle_.answer(request(language, script, r)));
    return sig;
  }

  match_rule rule(const std::string& language, const std::string& script) {
    const std::string probe = script.empty() ? unlisted_script : script;
    match_rule r{language, script, oracle_.answer(request(language, probe, unlisted_region)), {}};
    if (regions_alike(probe)) {
      // A region answers otherwise than the unlisted one only as the region of a catalog
      // locale the request can match (at no region distance), or as a pseudo-locale's.
      std::set<std::string> asked = pseudo_regions_;
      for (const std::size_t j : reachable(language, probe)) {
        const std::string& region = out_.locales[j].region;
        if (std::binary_search(regions_.begin(), regions_.end(), region)) asked.insert(region);
      }
      for (const std::string& region : asked) {
        const match_answer a = oracle_.answer(request(language, probe, region));
        if (a != r.otherwise) r.regions.emplace_back(region, a);
      }
      return r;
    }
    // Regions of one class answer alike: ask about the first of each.
    std::map<int, match_answer> by_class;
    for (std::size_t i = 0; i < regions_.size(); ++i) {
      const std::string& region = regions_[i];
      const int c = region_classes_[i];
      auto it = c < 0 ? by_class.end() : by_class.find(c);
      if (it == by_class.end()) {
        const match_answer a = oracle_.answer(make_locale(language, probe, region));
        if (c < 0) {
          if (a != r.otherwise) r.regions.emplace_back(region, a);
          continue;
        }
        it = by_class.emplace(c, a).first;
      }
      if (it->second != r.otherwise) r.regions.emplace_back(region, it->second);
    }
    return r;
  }

  /// A class of regions every request answers alike for (their partitions in LocaleMatcher's
  /// data), or -1 for a region that answers on its own: a catalog locale's region (an exact
  /// match), one outside the data, or any region in exhaustive mode.
  int region_class(const std::string& region) const {
    if (exhaustive_ || catalog_regions_.count(region)) return -1;
    const int index = region_index(region);
    if (index <= 0 || static_cast<std::size_t>(index) >= partitions_.size()) return -1;
    return partitions_[static_cast<std::size_t>(index)];
  }

  /// The regions whose likely script for `language` can differ from the language's own
  /// (`script`): those the likely-subtags data names with it ("zh_TW"); for a language the data
  /// does not know, which takes the script of "und" with the region, also those where that is
  /// not the script of "und" alone ("und_RU").
  std::vector<std::string> regions_with_own_script(const std::string& language,
                                                   const std::string& script) const {
    if (exhaustive_) return regions_;
    std::set<std::string> out;
    const std::string prefix = language + "_";
    for (auto it = likely_table_.lower_bound(prefix);
         it != likely_table_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
      const std::string region = it->first.substr(prefix.size());
      if (std::binary_search(regions_.begin(), regions_.end(), region)) out.insert(region);
    }
    if (!likely_table_.count(language)) {
      // A region "und" with it gives the language's script, as "und" alone does, is none.
      const auto und = likely_table_.find("und");
      if (und == likely_table_.end() || value_script(und->second) != script) return regions_;
      for (const std::string& region : regions_) {
        const auto it = likely_table_.find("und_" + region);
        if (it != likely_table_.end() && value_script(it->second) != script) out.insert(region);
      }
    }
    return {out.begin(), out.end()};
  }

  /// The likely subtags of "und" with this script or region ("und-RS" is Cyrl-RS), as likely()
  /// takes them for a language the likely-subtags data does not know.
  const lsr& und_likely(const std::string& script, const std::string& region) {
    const std::string key = script + "_" + region;
    auto it = und_likely_.find(key);
    if (it == und_likely_.end())
      it = und_likely_.emplace(key, add_likely(make_locale("", script, region))).first;
    return it->second;
  }

  void language_facts(const std::string& language) {
    const lsr base = likely(language, "", "");
    // A language ICU's likely-subtags data does not know ("sh", "tlh", "qub") takes the subtags
    // "und" takes with the script or region given ("sh-RS" is Cyrl as "und-RS" is): when ICU
    // gives it just those, it shares the "und" facts and gets one of its own, with no script
    // and no region, instead of a copy of them.
    const lsr& und = und_likely("", "");
    bool as_und = (exhaustive_ || !likely_table_.count(language)) &&
                  add_likely(make_locale(language, "", "")).script.empty() &&
                  base.script == und.script && base.region == und.region;
    // ICU's likely subtags keep a language the data does not know and take the rest from
    // "und" (XLikelySubtags::maximize), so fast mode reads its region and script facts off
    // und's instead of asking about each (slow: uloc looks a three-letter code up in a list).
    // Exhaustive mode asks, and the tests compare the two.
    const bool und_known = as_und && !exhaustive_;
    std::vector<match_data::fact> facts = {{language, base.script, base.region}};
    // Which scripts get answers of their own.
    reachable_.clear();
    requests_.clear();
    if (distances_) forms_ = language_forms(language);
    const std::vector<std::string> candidates = scripts_that_differ(forms_);
    const bool other_matches = can_match(language, unlisted_script);
    std::vector<std::string> ruled;
    if (other_matches) {
      // Rare: any script matches; list the scripts that answer otherwise.
      const std::vector<match_answer> other = signature(language, unlisted_script);
      for (const std::string& script : candidates)
        if (signature(language, script) != other) ruled.push_back(script);
    } else {
      for (const std::string& script : candidates)
        if (can_match(language, script)) ruled.push_back(script);
    }
    if (other_matches) out_.rules.push_back(rule(language, ""));
    for (const std::string& script : ruled) out_.rules.push_back(rule(language, script));
    // A region whose likely script is not the language's ("zh-TW" is Hant).
    for (const std::string& region : regions_with_own_script(language, base.script)) {
      std::string script;  // empty: the language's
      if (und_known) {
        const std::string& own = und_likely("", region).script;
        if (own != base.script) script = own;
      } else if (!oracle_.maximizes_to(make_locale(language, "", region),
                                       {language, base.script, region})) {
        const lsr l = likely(language, "", region);
        if (l.language == language && l.script != base.script) script = l.script;
      }
      if (as_und) {
        const std::string& own = und_likely("", region).script;
        as_und = script == (own != base.script ? own : std::string());
      }
      if (!script.empty()) facts.push_back({language + "-" + region, script, region});
    }
    // A script whose likely region is not the language's ("zh-Hant" is TW), for the scripts
    // whose region can change an answer.
    const std::vector<std::string>& scripts = other_matches ? scripts_ : ruled;
    for (const std::string& script : scripts) {
      // The data gives a language it knows its own region with any script it does not name
      // with it ("ja_Hira" is JP).
      if (!exhaustive_ && likely_table_.count(language) &&
          !likely_table_.count(language + "_" + script))
        continue;
      std::string region;  // empty: the language's
      if (und_known) {
        const std::string& own = und_likely(script, "").region;
        if (own != base.region) region = own;
      } else {
        const lsr l = likely(language, script, "");
        if (l.language == language && l.region != base.region) region = l.region;
      }
      if (as_und) {
        const std::string& own = und_likely(script, "").region;
        as_und = region == (own != base.region ? own : std::string());
      }
      if (!region.empty()) facts.push_back({language + "-" + script, script, region});
    }
    if (!as_und) {
      out_.likely.insert(out_.likely.end(), facts.begin(), facts.end());
      return;
    }
    out_.likely.push_back({language, "", ""});
    und_facts_.emplace("und", match_data::fact{"und", base.script, base.region});
    for (std::size_t i = 1; i < facts.size(); ++i) {
      const std::string key = "und" + facts[i].key.substr(language.size());
      und_facts_.emplace(key, match_data::fact{key, facts[i].script, facts[i].region});
    }
  }

  oracle oracle_;
  std::size_t count_, default_index_ = 0;
  bool exhaustive_;
  const std::atomic<bool>* cancel_;
  std::vector<std::uint8_t> partitions_;      // region index -> partitions (LocaleMatcher's data)
  std::unique_ptr<distance_data> distances_;  // fast mode, when it can be read
  std::set<std::string> catalog_languages_, catalog_scripts_;  // with their forms (fast mode)
  bool script_filter_ = false;        // whether scripts the data does not name need no asking
  std::set<std::string> iso3_codes_;  // ISO 639-2 forms of 2-letter codes ("kor")
  std::vector<std::set<std::string>> catalog_forms_;  // each catalog locale's language forms
  std::set<std::string> forms_;                       // the language at hand's forms (fast mode)
  std::map<std::string, std::vector<std::size_t>> reachable_;  // by script, for the language
  std::map<std::string, icu::Locale> requests_;                // by name, for the language
  std::map<std::string, std::string> likely_table_;            // fast mode
  std::set<std::string> catalog_regions_, pseudo_regions_;
  std::vector<int> region_classes_;  // of regions_, by region_class
  match_data out_;
  std::vector<std::string> regions_, scripts_;
  std::set<std::string> replaced_regions_, languages_;
  std::map<std::string, std::vector<std::size_t>> close_;  // language -> catalog locales near it
  std::vector<icu::Locale> language_probes_;  // each catalog locale's language, probe subtags
  std::map<std::string, std::string> language_aliases_, all_language_aliases_;
  std::map<std::string, lsr> und_likely_;              // by script "_" region
  std::map<std::string, match_data::fact> und_facts_;  // shared by languages ICU does not know
};

}  // namespace

namespace {

/// The one prefetched computation, if any, and the arguments it was started with.
struct prefetched {
  std::mutex mutex;
  std::vector<std::string> locales;
  std::string default_locale;
  std::future<match_data> result;
  std::shared_ptr<std::atomic<bool>> cancel;
};

prefetched& prefetch_slot() {
  static prefetched slot;
  return slot;
}

}  // namespace

match_data build_match_data(const std::vector<std::string>& catalog_locales,
                            const std::string& default_locale, match_mode mode) {
  if (mode == match_mode::fast) {
    prefetched& slot = prefetch_slot();
    std::future<match_data> result;
    {
      const std::lock_guard<std::mutex> lock(slot.mutex);
      if (slot.result.valid() && slot.locales == catalog_locales &&
          slot.default_locale == default_locale && !*slot.cancel)
        result = std::move(slot.result);
    }
    if (result.valid()) return result.get();
  }
  return builder(catalog_locales, default_locale, mode == match_mode::exhaustive, nullptr).build();
}

void prefetch_match_data(const std::vector<std::string>& catalog_locales,
                         const std::string& default_locale) {
  prefetched& slot = prefetch_slot();
  const std::lock_guard<std::mutex> lock(slot.mutex);
  // Already under way for the same question: keep it.
  if (slot.result.valid() && slot.cancel && !*slot.cancel && slot.locales == catalog_locales &&
      slot.default_locale == default_locale)
    return;
  if (slot.cancel) *slot.cancel = true;
  slot.locales = catalog_locales;
  slot.default_locale = default_locale;
  slot.cancel = std::make_shared<std::atomic<bool>>(false);
  // The old future (if any) is replaced; a std::async future waits for its thread when it goes.
  slot.result =
      std::async(std::launch::async, [catalog_locales, default_locale, cancel = slot.cancel] {
        return builder(catalog_locales, default_locale, false, cancel.get()).build();
      });
}

void cancel_prefetch() {
  prefetched& slot = prefetch_slot();
  std::future<match_data> result;
  {
    const std::lock_guard<std::mutex> lock(slot.mutex);
    if (slot.cancel) *slot.cancel = true;
    result = std::move(slot.result);
  }
  if (result.valid()) result.wait();
}

}  // namespace diaglot::locale_data
