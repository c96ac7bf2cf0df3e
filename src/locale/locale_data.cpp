#include "locale/locale_data.hpp"

#include <unicode/locid.h>
#include <unicode/uloc.h>
#include <unicode/ures.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

namespace diaglot::locale_data {

namespace {

/// The ICU locale for a BCP 47 tag (or a POSIX-ish spelling with '_'), when well-formed.
std::optional<icu::Locale> parse(const std::string& tag) {
  if (tag.empty()) return std::nullopt;
  std::string bcp = tag;
  std::replace(bcp.begin(), bcp.end(), '_', '-');
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale loc = icu::Locale::forLanguageTag(bcp, status);
  if (U_FAILURE(status) || loc.isBogus() || std::strlen(loc.getLanguage()) == 0)
    return std::nullopt;
  return loc;
}

std::string to_tag(const icu::Locale& loc) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out = loc.toLanguageTag<std::string>(status);
  return U_SUCCESS(status) ? out : std::string();
}

bool is_known_language(const char* language) {
  static const std::set<std::string> known = [] {
    std::set<std::string> s;
    for (const char* const* p = uloc_getISOLanguages(); *p; ++p) s.insert(*p);
    return s;
  }();
  return known.count(language) != 0;
}

/// One step up ICU's resource fallback, in ICU ids ("zh_Hant_TW" -> "zh_Hant"); follows aliases
/// ("zh_TW" -> "zh_Hant_TW") as ICU does when it opens a bundle.
std::string icu_parent(const std::string& id, bool& aliased) {
  aliased = false;
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* bundle = ures_openDirect(nullptr, id.c_str(), &status);
  std::string result;
  bool found = false;
  if (U_SUCCESS(status)) {
    for (const char* key : {"%%ALIAS", "%%Parent"}) {
      UErrorCode s = U_ZERO_ERROR;
      int32_t length = 0;
      const UChar* value = ures_getStringByKey(bundle, key, &length, &s);
      if (U_SUCCESS(s) && value) {
        for (int32_t i = 0; i < length; ++i) result += static_cast<char>(value[i]);
        aliased = std::strcmp(key, "%%ALIAS") == 0;
        found = true;
        break;
      }
    }
    ures_close(bundle);
  }
  if (found) return result;
  char parent[ULOC_FULLNAME_CAPACITY];
  status = U_ZERO_ERROR;
  uloc_getParent(id.c_str(), parent, sizeof parent, &status);
  return U_SUCCESS(status) ? std::string(parent) : std::string();
}

std::string icu_id(const std::string& tag) {
  const auto loc = parse(tag);
  return loc ? std::string(loc->getName()) : std::string();
}

std::string tag_of_icu_id(const std::string& id) {
  UErrorCode status = U_ZERO_ERROR;
  char buf[ULOC_FULLNAME_CAPACITY];
  uloc_toLanguageTag(id.c_str(), buf, sizeof buf, true, &status);
  return U_SUCCESS(status) ? std::string(buf) : std::string();
}

}  // namespace

std::optional<std::string> canonicalize(const std::string& tag) {
  const auto loc = parse(tag);
  if (!loc) return std::nullopt;
  // UTS 35 canonicalization: deprecated codes ("iw" -> "he"), 3-letter codes, case.
  const icu::Locale canonical = icu::Locale::createCanonical(loc->getName());
  const icu::Locale& chosen = canonical.isBogus() ? *loc : canonical;
  if (!is_known_language(chosen.getLanguage())) return std::nullopt;
  std::string out = to_tag(chosen);
  if (out.empty() || out == "und") return std::nullopt;
  return out;
}

std::string suggest(const std::string& tag) {
  std::string t = tag;
  // POSIX names carry a codeset or modifier that a tag cannot have.
  const std::size_t cut = t.find_first_of(".@");
  if (cut != std::string::npos) {
    if (auto c = canonicalize(t.substr(0, cut))) return *c;
  }
  // A region code where a language was meant ("KR" -> "ko-KR").
  if (t.size() == 2) {
    std::string region = t;
    for (char& c : region) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale und("und", region.c_str());
    und.addLikelySubtags(status);
    if (U_SUCCESS(status) && std::strcmp(und.getLanguage(), "und") != 0 &&
        std::strcmp(und.getCountry(), region.c_str()) == 0) {
      icu::Locale minimal(und.getLanguage(), und.getCountry());
      return to_tag(minimal);
    }
  }
  return {};
}

std::string parent(const std::string& tag) {
  std::string id = icu_id(tag);
  if (id.empty()) return {};
  bool aliased = false;
  std::string p = icu_parent(id, aliased);
  // An alias names the same locale: its parent is the real parent.
  for (int guard = 0; aliased && guard < 4; ++guard) p = icu_parent(p, aliased);
  if (p.empty() || p == "root") return {};
  return tag_of_icu_id(p);
}

likely maximize(const std::string& tag) {
  auto loc = parse(tag);
  if (!loc) return {};
  UErrorCode status = U_ZERO_ERROR;
  loc->addLikelySubtags(status);
  return {loc->getLanguage(), loc->getScript(), loc->getCountry()};
}

std::vector<std::string> fallback_chain(const std::string& tag,
                                        const std::vector<std::string>& catalog_locales,
                                        const std::string& source_locale) {
  std::vector<std::string> chain;
  auto add = [&](const std::string& t) {
    if (std::find(chain.begin(), chain.end(), t) == chain.end()) chain.push_back(t);
  };
  auto same_likely = [](const likely& a, const likely& b) {
    return a.language == b.language && a.script == b.script && a.region == b.region;
  };
  std::string id = icu_id(tag);
  // A region that implies another script than the language's default walks that script's
  // branch: "zh-TW" is "zh-Hant-TW", whose parent is "zh-Hant", not "zh".
  if (const auto loc = parse(tag); loc && std::strlen(loc->getScript()) == 0) {
    const likely full = maximize(tag);
    if (!full.script.empty() && full.script != maximize(full.language).script) {
      id = std::string(loc->getLanguage()) + "_" + full.script;
      if (std::strlen(loc->getCountry())) id += std::string("_") + loc->getCountry();
    }
  }
  for (int guard = 0; !id.empty() && id != "root" && guard < 16; ++guard) {
    const std::string step = tag_of_icu_id(id);
    if (std::find(catalog_locales.begin(), catalog_locales.end(), step) != catalog_locales.end()) {
      add(step);
    } else if (!step.empty()) {
      // A parent the catalog lacks ("de" for "de-AT") is served by the catalog locale that is
      // that parent once likely subtags are added ("de-DE").
      const likely want = maximize(step);
      for (const std::string& c : catalog_locales)
        if (c != tag && same_likely(maximize(c), want)) {
          add(c);
          break;
        }
    }
    bool aliased = false;
    id = icu_parent(id, aliased);
  }
  add(source_locale);
  return chain;
}

std::vector<likely_fact> likely_facts(const std::vector<std::string>& catalog_locales) {
  std::map<std::string, likely_fact> facts;
  std::map<std::string, std::set<std::string>> scripts_of;  // language -> scripts in the catalog
  for (const std::string& tag : catalog_locales) {
    const likely l = maximize(tag);
    if (!l.language.empty()) scripts_of[l.language].insert(l.script);
  }
  for (const auto& [language, scripts] : scripts_of) {
    const likely base = maximize(language);
    facts[language] = {language, base.script, base.region};
    // Regions whose likely script differs from the language's default ("zh-TW" -> Hant).
    for (const char* const* r = uloc_getISOCountries(); *r; ++r) {
      const std::string key = language + "-" + *r;
      const likely l = maximize(key);
      if (l.script != base.script) facts[key] = {key, l.script, *r};
    }
    for (const std::string& script : scripts) {
      const std::string key = language + "-" + script;
      const likely l = maximize(key);
      facts[key] = {key, script, l.region};
    }
  }
  std::vector<likely_fact> out;
  for (auto& [key, fact] : facts) out.push_back(fact);
  return out;  // std::map keeps them sorted by key
}

}  // namespace diaglot::locale_data
