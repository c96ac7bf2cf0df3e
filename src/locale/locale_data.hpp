// diaglot compiler: locale facts from ICU (CLDR): canonical tags, fallback parents and the likely
// subtags the runtime needs to match requests. Only the compiler links ICU.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace diaglot::locale_data {

/// Canonical BCP 47 form of a tag in any common spelling ("ko_KR" -> "ko-KR", "zh_TW" stays
/// "zh-TW"); nullopt when ICU does not recognize it as a well-formed tag.
std::optional<std::string> canonicalize(const std::string& tag);

/// A suggestion for a malformed tag ("kr" -> "ko-KR"?), or empty.
std::string suggest(const std::string& tag);

/// The CLDR parent of a locale ("zh-Hant-TW" -> "zh-Hant", "es-MX" -> "es-419", "zh-Hant" ->
/// "" meaning root, "ko-KR" -> "ko").
std::string parent(const std::string& tag);

/// The chain a text is looked up along: the locale itself, its CLDR parents that are catalog
/// locales (or match one after adding likely subtags), then the source locale.
std::vector<std::string> fallback_chain(const std::string& tag,
                                        const std::vector<std::string>& catalog_locales,
                                        const std::string& source_locale);

struct likely {
  std::string language, script, region;
};
/// Adds likely subtags ("zh-TW" -> zh, Hant, TW).
likely maximize(const std::string& tag);

/// The likely-subtags entries a catalog with these locales needs at run time: for each language,
/// its default script and region, the regions whose likely script differs, and each script's
/// likely region. Sorted by key ("zh", "zh-HK", "zh-Hant", ...).
struct likely_fact {
  std::string key, script, region;
};
std::vector<likely_fact> likely_facts(const std::vector<std::string>& catalog_locales);

}  // namespace diaglot::locale_data
