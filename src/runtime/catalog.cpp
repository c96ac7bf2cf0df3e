// Locale matching for compiled catalogs: requests are parsed into fixed buffers and matched
// against the table's locales with the likely-subtags facts the compiler baked in. No ICU, no
// allocation, no exceptions.
#include "diaglot/catalog.hpp"

namespace diaglot {

namespace {

constexpr bool is_alpha(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
constexpr char to_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }
constexpr char to_upper(char c) noexcept { return c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c; }

bool all_of(std::string_view s, bool (*pred)(char) noexcept) noexcept {
  for (const char c : s)
    if (!pred(c)) return false;
  return true;
}
constexpr bool is_alnum(char c) noexcept { return is_alpha(c) || is_digit(c); }

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  return true;
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

/// Deprecated language codes still seen in the wild, mapped as CLDR does. Both the request and
/// the catalog's languages go through it, so either spelling in a catalog matches the other.
std::string_view canonical_language(std::string_view language) noexcept {
  struct alias {
    std::string_view from, to;
  };
  static constexpr alias aliases[] = {{"in", "id"}, {"iw", "he"}, {"ji", "yi"},
                                      {"jw", "jv"}, {"mo", "ro"}, {"no", "nb"}};
  for (const alias& a : aliases)
    if (language == a.from) return a.to;
  return language;
}

/// A request reduced to language, script and region, in canonical case.
struct request {
  char language[9] = {};
  char script[5] = {};
  char region[4] = {};
  bool neutral = false;  // "C", "POSIX" or empty: the untranslated source

  std::string_view lang() const noexcept { return language; }
  std::string_view scr() const noexcept { return script; }
  std::string_view reg() const noexcept { return region; }
};

void copy_to(char* out, std::string_view s, char (*conv)(char) noexcept) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) out[i] = conv(s[i]);
  out[s.size()] = '\0';
}
constexpr char keep(char c) noexcept { return c; }

/// Parses BCP 47 ("zh-Hant-TW", "de-DE-u-co-phonebk"), POSIX ("ko_KR.UTF-8@euro", "sr_RS@latin")
/// and Windows ("ko-KR") names; false when the name is not a locale.
bool parse(std::string_view name, request& r) noexcept {
  name = trim(name);
  // POSIX: language[_territory][.codeset][@modifier]; a tag never holds '.' or '@'.
  std::string_view modifier;
  if (const std::size_t at = name.find('@'); at != std::string_view::npos) {
    modifier = name.substr(at + 1);
    if (const std::size_t dot = modifier.find('.'); dot != std::string_view::npos)
      modifier = modifier.substr(0, dot);
    name = name.substr(0, at);
  }
  if (const std::size_t dot = name.find('.'); dot != std::string_view::npos)
    name = name.substr(0, dot);
  if (name.empty() || iequals(name, "C") || iequals(name, "POSIX")) {
    r.neutral = true;
    return true;
  }

  std::size_t index = 0;
  for (bool more = true; more;) {
    const std::size_t end = name.find_first_of("-_");
    const std::string_view part = name.substr(0, end);
    more = end != std::string_view::npos;
    name = more ? name.substr(end + 1) : std::string_view();
    if (part.empty() || !all_of(part, is_alnum)) return false;
    if (index++ == 0) {
      // Language: 2-3 letters (or 5-8 for registered ones); "i-..." and "x-..." are not locales.
      if (!all_of(part, is_alpha) || part.size() < 2 || part.size() == 4 || part.size() > 8)
        return false;
      copy_to(r.language, part, to_lower);
      continue;
    }
    if (part.size() == 1) break;  // an extension or private use: nothing after it matters
    if (part.size() == 4 && all_of(part, is_alpha) && !r.script[0] && !r.region[0]) {
      r.script[0] = to_upper(part[0]);
      copy_to(r.script + 1, part.substr(1), to_lower);
    } else if (!r.region[0] && ((part.size() == 2 && all_of(part, is_alpha)) ||
                                (part.size() == 3 && all_of(part, is_digit)))) {
      copy_to(r.region, part, to_upper);
    } else if (part.size() > 8) {
      return false;
    }
    // Anything else (extlang, variants) does not change which catalog locale serves.
  }
  if (!r.script[0] && !modifier.empty()) {
    if (iequals(modifier, "latin")) copy_to(r.script, "Latn", keep);
    if (iequals(modifier, "cyrillic")) copy_to(r.script, "Cyrl", keep);
  }
  const std::string_view language = canonical_language(r.lang());
  copy_to(r.language, language, keep);
  return true;
}

}  // namespace

int catalog::match(std::string_view name) const noexcept {
  request r;
  if (!parse(name, r)) return -1;
  if (r.neutral) return static_cast<int>(t_->source_locale);
  const detail::table& t = *t_;
  auto str = [&t](std::uint32_t offset) { return std::string_view(t.pool + offset); };

  // A likely-subtags fact by key ("zh", "zh-TW", "zh-Hant"); the facts are sorted by bytes.
  auto fact = [&](std::string_view a, std::string_view b) noexcept -> const std::uint32_t* {
    char key[16];
    if (a.size() + 1 + b.size() > sizeof key) return nullptr;  // no such key
    std::size_t n = 0;
    for (const char c : a) key[n++] = c;
    if (!b.empty()) {
      key[n++] = '-';
      for (const char c : b) key[n++] = c;
    }
    const std::string_view k(key, n);
    std::uint32_t lo = 0, hi = t.likely_count;
    while (lo < hi) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      const int c = str(t.likely[3 * mid]).compare(k);
      if (c == 0) return t.likely + 3 * mid;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    return nullptr;
  };

  // Add likely subtags to the request.
  const std::string_view language = r.lang();
  std::string_view script = r.scr(), region = r.reg();
  const std::uint32_t* base = fact(language, {});
  if (script.empty()) {
    if (const std::uint32_t* f = region.empty() ? nullptr : fact(language, region))
      script = str(f[1]);
    else if (base)
      script = str(base[1]);
  }
  if (region.empty()) {
    if (const std::uint32_t* f = script.empty() ? nullptr : fact(language, script))
      region = str(f[2]);
    else if (base && str(base[1]) == script)
      region = str(base[2]);
  }

  // The request as a tag, to recognize an exact match.
  char tag[24];
  std::size_t tag_size = 0;
  for (const std::string_view part : {r.lang(), r.scr(), r.reg()}) {
    if (part.empty()) continue;
    if (tag_size) tag[tag_size++] = '-';
    for (const char c : part) tag[tag_size++] = c;
  }
  const std::string_view requested(tag, tag_size);

  int best = -1, best_rank = -1;
  for (std::uint32_t i = 0; i < t.locale_count; ++i) {
    const std::uint32_t* likely = t.locale_likely + 3 * i;
    if (canonical_language(str(likely[0])) != language) continue;
    const std::string_view s = str(likely[1]);
    if (!script.empty() && !s.empty() && s != script) continue;
    const std::string_view candidate = str(t.locale_tag[i]);
    int rank = 0;
    if (candidate == requested)
      rank = 3;
    else if (!region.empty() && str(likely[2]) == region)
      rank = 2;
    else if (canonical_language(candidate) == language)
      rank = 1;
    if (rank > best_rank) {
      best = static_cast<int>(i);
      best_rank = rank;
    }
  }
  return best;
}

locale catalog::locale(std::string_view name) const noexcept {
  const int m = match(name);
  return m < 0 ? source_locale() : diaglot::locale(static_cast<std::uint16_t>(m));
}

namespace {

/// One Accept-Language item: its range and quality (0..1000), in the order it was written.
struct preference {
  std::string_view range;
  std::uint16_t quality;
};

/// A qvalue: "0", "0.5", "1", "1.000"; at most three decimals. -1 when malformed.
int parse_quality(std::string_view v) noexcept {
  if (v.empty() || (v[0] != '0' && v[0] != '1')) return -1;
  int q = (v[0] - '0') * 1000;
  if (v.size() == 1) return q;
  if (v[1] != '.' || v.size() > 5) return -1;
  int scale = 100;
  for (const char c : v.substr(2)) {
    if (!is_digit(c)) return -1;
    q += (c - '0') * scale;
    scale /= 10;
  }
  return q <= 1000 ? q : -1;
}

}  // namespace

locale catalog::negotiate(std::string_view preferences) const noexcept {
  // Bounded work whatever the input: later items are ignored.
  constexpr std::size_t max_items = 32;
  preference items[max_items];
  std::size_t count = 0;
  const bool accept_language = preferences.find_first_of(",;") != std::string_view::npos;
  const char separator = accept_language ? ',' : ':';
  std::size_t seen = 0;
  while (!preferences.empty() && seen++ < max_items) {
    const std::size_t end = preferences.find(separator);
    std::string_view item = preferences.substr(0, end);
    preferences = end == std::string_view::npos ? std::string_view() : preferences.substr(end + 1);
    int quality = 1000;
    if (const std::size_t semi = item.find(';'); semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      item = item.substr(0, semi);
      while (!params.empty() && quality >= 0) {
        const std::size_t next = params.find(';');
        const std::string_view param = trim(params.substr(0, next));
        params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
        const std::size_t eq = param.find('=');
        if (eq != std::string_view::npos && iequals(trim(param.substr(0, eq)), "q"))
          quality = parse_quality(trim(param.substr(eq + 1)));
      }
    }
    item = trim(item);
    if (item.empty() || quality <= 0) continue;  // malformed, or q=0: "not acceptable"
    // Insert after every item of the same or higher quality: stable by quality, then position.
    std::size_t at = count;
    while (at > 0 && items[at - 1].quality < quality) {
      items[at] = items[at - 1];
      --at;
    }
    items[at] = {item, static_cast<std::uint16_t>(quality)};
    ++count;
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (items[i].range == "*") return source_locale();  // anything will do: the source
    const int m = match(items[i].range);
    if (m >= 0) return diaglot::locale(static_cast<std::uint16_t>(m));
  }
  return source_locale();
}

}  // namespace diaglot
