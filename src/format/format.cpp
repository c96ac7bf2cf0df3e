// diaglot formatting: .NET composite formatting and ICU MessageFormat, with numbers, dates and
// plural rules from ICU (CLDR) for the locale that served the text.
#include "diaglot/format.hpp"

#include <unicode/datefmt.h>
#include <unicode/dcfmtsym.h>
#include <unicode/decimfmt.h>
#include <unicode/dtptngen.h>
#include <unicode/fmtable.h>
#include <unicode/locid.h>
#include <unicode/measunit.h>
#include <unicode/msgfmt.h>
#include <unicode/numberformatter.h>
#include <unicode/smpdtfmt.h>
#include <unicode/ucurr.h>

#include <cmath>
#include <map>
#include <memory>
#include <optional>

#include "icu_text.hpp"
#include "syntax.hpp"

namespace diaglot {

const char* to_string(format_errc e) noexcept {
  switch (e) {
    case format_errc::syntax:
      return "syntax";
    case format_errc::missing_argument:
      return "missing argument";
    case format_errc::duplicate_argument:
      return "duplicate argument";
    case format_errc::argument_type:
      return "argument type";
    case format_errc::format_spec:
      return "format spec";
    case format_errc::no_such_field:
      return "no such field";
    case format_errc::icu:
      return "icu";
  }
  return "?";
}

namespace {

namespace num = icu::number;

format_error make_error(format_errc code, std::size_t offset, std::string detail) {
  return format_error{code, offset, std::move(detail)};
}

const char* type_name(const format_arg& a) {
  switch (a.kind()) {
    case format_arg::type::string:
      return "text";
    case format_arg::type::int64:
    case format_arg::type::uint64:
      return "an integer";
    case format_arg::type::float64:
      return "a floating-point number";
    case format_arg::type::time:
      return "a time";
  }
  return "?";
}

bool is_number(const format_arg& a) {
  return a.kind() == format_arg::type::int64 || a.kind() == format_arg::type::uint64 ||
         a.kind() == format_arg::type::float64;
}
bool is_integer(const format_arg& a) {
  return a.kind() == format_arg::type::int64 || a.kind() == format_arg::type::uint64;
}

icu::Locale parse_locale(std::string_view tag);

/// ICU objects that are costly to build (formatters load locale data) but cheap to reuse, kept
/// per thread (ICU formatters are not safe to share) and emptied when full, so memory stays
/// bounded.
template <typename T>
class thread_cache {
 public:
  T* find(const std::string& key) {
    const auto it = items_.find(key);
    return it == items_.end() ? nullptr : it->second.get();
  }
  T* put(std::string key, std::unique_ptr<T> value) {
    if (items_.size() >= limit) items_.clear();
    return (items_[std::move(key)] = std::move(value)).get();
  }

 private:
  static constexpr std::size_t limit = 256;
  std::map<std::string, std::unique_ptr<T>> items_;
};

icu::Locale to_icu_locale(std::string_view tag) {
  thread_local thread_cache<icu::Locale> locales;
  const std::string key(tag);
  if (const icu::Locale* cached = locales.find(key)) return *cached;
  return *locales.put(key, std::make_unique<icu::Locale>(parse_locale(tag)));
}

icu::Locale parse_locale(std::string_view tag) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale l = icu::Locale::forLanguageTag(
      icu::StringPiece(tag.data(), static_cast<std::int32_t>(tag.size())), status);
  if (U_FAILURE(status) || l.isBogus()) return icu::Locale::getRoot();
  return l;
}

/// Name -> argument: the i-th positional argument binds to order[i]; named ones by name.
struct bindings {
  std::map<std::string, const format_arg*, std::less<>> by_name;
};

std::optional<format_error> bind(const std::vector<std::string>& order, format_args args,
                                 bindings& out) {
  std::size_t position = 0;
  for (const format_arg& a : args) {
    std::string name;
    if (a.name().empty()) {
      // Extra positional arguments are ignored, as .NET's String.Format does.
      if (position >= order.size()) {
        ++position;
        continue;
      }
      name = order[position++];
    } else {
      name = std::string(a.name());
    }
    if (!out.by_name.emplace(name, &a).second)
      return make_error(format_errc::duplicate_argument, 0,
                        "the argument `" + name + "` is given twice");
  }
  return std::nullopt;
}

std::string utf8(const icu::UnicodeString& s) { return icu_text::to_utf8(s); }

// --- numbers ------------------------------------------------------------------------------------

bool run_number(const num::LocalizedNumberFormatter& f, const format_arg& a, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  num::FormattedNumber r;
  switch (a.kind()) {
    case format_arg::type::int64:
      r = f.formatInt(a.int_value(), status);
      break;
    case format_arg::type::uint64: {
      const std::string digits = std::to_string(a.uint_value());
      r = f.formatDecimal(icu::StringPiece(digits.data(), static_cast<std::int32_t>(digits.size())),
                          status);
      break;
    }
    default:
      r = f.formatDouble(a.double_value(), status);
  }
  if (U_FAILURE(status)) return false;
  const icu::UnicodeString s = r.toString(status);
  if (U_FAILURE(status)) return false;
  out = utf8(s);
  return true;
}

std::string hex(const format_arg& a, bool upper, int digits) {
  std::uint64_t v = a.kind() == format_arg::type::uint64
                        ? a.uint_value()
                        : static_cast<std::uint64_t>(a.int_value());
  std::string out;
  do {
    const int d = static_cast<int>(v & 15);
    out.insert(out.begin(), static_cast<char>(d < 10 ? '0' + d : (upper ? 'A' : 'a') + d - 10));
    v >>= 4;
  } while (v);
  if (static_cast<int>(out.size()) < digits) out.insert(0, digits - out.size(), '0');
  return out;
}

/// A .NET standard numeric format ("N2", "D5", "X", ...) or custom pattern ("0.00", "#,##0").
std::optional<format_error> format_number(const icu::Locale& loc, const format_arg& a,
                                          const std::string& spec, std::size_t at,
                                          std::string& out) {
  auto bad_spec = [&](std::string why) {
    return make_error(format_errc::format_spec, at, std::move(why));
  };
  const bool standard =
      !spec.empty() && ((spec[0] >= 'A' && spec[0] <= 'Z') || (spec[0] >= 'a' && spec[0] <= 'z')) &&
      spec.find_first_not_of("0123456789", 1) == std::string::npos;
  // Formatters depend on the locale, the spec and, for `D` and `X`, whether the value is an
  // integer.
  thread_local thread_cache<num::LocalizedNumberFormatter> formatters;
  const std::string key = std::string(loc.getName()) + '\x1f' + spec +
                          (is_integer(a) ? "\x1fi"
                                         : "\x1f"
                                           "f");
  if (const num::LocalizedNumberFormatter* cached = formatters.find(key)) {
    if (!run_number(*cached, a, out))
      return make_error(format_errc::icu, at, "ICU could not format the number");
    if (!spec.empty() && spec[0] == 'e')
      for (char& c : out)
        if (c == 'E') c = 'e';
    return std::nullopt;
  }
  // Halves round away from zero, as .NET rounds ("N1" of 0.25 is "0.3"; ICU would say "0.2").
  num::LocalizedNumberFormatter f =
      num::NumberFormatter::withLocale(loc).roundingMode(UNUM_ROUND_HALFUP);
  if (spec.empty()) {
    f = f.grouping(UNUM_GROUPING_OFF).precision(num::Precision::unlimited());
  } else if (standard) {
    if (spec.size() > 3) return bad_spec("a precision above 99 in `" + spec + "`");
    const bool has_digits = spec.size() > 1;
    const int n = has_digits ? std::stoi(spec.substr(1)) : 0;
    switch (spec[0]) {
      case 'C':
      case 'c': {
        UErrorCode status = U_ZERO_ERROR;
        UChar code[4] = {};
        // The currency is the region's: "ja" means "ja-JP" here, as CLDR's likely subtags say.
        icu::Locale full(loc);
        full.addLikelySubtags(status);
        ucurr_forLocale(full.getName(), code, 4, &status);
        if (U_FAILURE(status) || code[0] == 0)
          return bad_spec("the locale `" + std::string(loc.getName()) + "` has no currency");
        f = f.unit(icu::CurrencyUnit(code, status));
        if (has_digits) f = f.precision(num::Precision::fixedFraction(n));
        break;
      }
      case 'D':
      case 'd':
        if (!is_integer(a))
          return make_error(format_errc::argument_type, at,
                            "`" + spec + "` formats integers, not " + type_name(a));
        f = f.grouping(UNUM_GROUPING_OFF).integerWidth(num::IntegerWidth::zeroFillTo(n));
        break;
      case 'E':
      case 'e':
        f = f.notation(num::Notation::scientific().withMinExponentDigits(3).withExponentSignDisplay(
                           UNUM_SIGN_ALWAYS))
                .precision(num::Precision::fixedFraction(has_digits ? n : 6));
        break;
      case 'F':
      case 'f':
        f = f.grouping(UNUM_GROUPING_OFF)
                .precision(num::Precision::fixedFraction(has_digits ? n : 2));
        break;
      case 'G':
      case 'g':
      case 'R':
      case 'r':
        f = f.grouping(UNUM_GROUPING_OFF);
        f = f.precision(has_digits && n > 0 && (spec[0] == 'G' || spec[0] == 'g')
                            ? static_cast<num::Precision>(num::Precision::maxSignificantDigits(n))
                            : num::Precision::unlimited());
        break;
      case 'N':
      case 'n':
        f = f.grouping(UNUM_GROUPING_ON_ALIGNED)
                .precision(num::Precision::fixedFraction(has_digits ? n : 2));
        break;
      case 'P':
      case 'p':
        f = f.unit(icu::MeasureUnit::getPercent())
                .scale(num::Scale::powerOfTen(2))
                .grouping(UNUM_GROUPING_ON_ALIGNED)
                .precision(num::Precision::fixedFraction(has_digits ? n : 2));
        break;
      case 'X':
      case 'x':
        if (!is_integer(a))
          return make_error(format_errc::argument_type, at,
                            "`" + spec + "` formats integers, not " + type_name(a));
        out = hex(a, spec[0] == 'X', n);
        return std::nullopt;
      default:
        return bad_spec("`" + spec + "` is not a supported numeric format");
    }
    formatters.put(key, std::make_unique<num::LocalizedNumberFormatter>(f));
    if (!run_number(f, a, out))
      return make_error(format_errc::icu, at, "ICU could not format the number");
    if (spec[0] == 'e')
      for (char& c : out)
        if (c == 'E') c = 'e';
    return std::nullopt;
  } else {
    // A custom pattern: .NET's and ICU's decimal patterns share 0 # . , % E0 ; and quotes.
    thread_local thread_cache<icu::DecimalFormat> patterns;
    UErrorCode status = U_ZERO_ERROR;
    icu::DecimalFormat* cached = patterns.find(key);
    if (!cached) {
      auto* symbols = new icu::DecimalFormatSymbols(loc, status);
      auto made = std::make_unique<icu::DecimalFormat>(icu_text::to_utf16(spec), symbols,
                                                       status);  // adopts symbols
      if (U_FAILURE(status)) return bad_spec("`" + spec + "` is not a valid number pattern");
      made->setRoundingMode(icu::DecimalFormat::kRoundHalfUp);
      cached = patterns.put(key, std::move(made));
    }
    const icu::DecimalFormat& df = *cached;
    icu::UnicodeString r;
    if (a.kind() == format_arg::type::int64) {
      df.format(static_cast<int64_t>(a.int_value()), r);
    } else if (a.kind() == format_arg::type::uint64) {
      const std::string digits = std::to_string(a.uint_value());
      df.format(icu::StringPiece(digits.data(), static_cast<std::int32_t>(digits.size())), r,
                nullptr, status);
    } else {
      df.format(a.double_value(), r);
    }
    if (U_FAILURE(status))
      return make_error(format_errc::icu, at, "ICU could not format the number");
    out = utf8(r);
    return std::nullopt;
  }
  formatters.put(key, std::make_unique<num::LocalizedNumberFormatter>(f));
  if (!run_number(f, a, out))
    return make_error(format_errc::icu, at, "ICU could not format the number");
  return std::nullopt;
}

// --- dates and times ----------------------------------------------------------------------------

/// A .NET custom date and time format ("yyyy-MM-dd HH:mm") as an ICU pattern.
icu::UnicodeString icu_date_pattern(const std::string& spec) {
  std::string out;
  auto quote = [&](std::string_view text) {
    if (text.empty()) return;
    out += '\'';
    for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    out += '\'';
  };
  for (std::size_t i = 0; i < spec.size();) {
    const char c = spec[i];
    std::size_t n = 1;
    while (i + n < spec.size() && spec[i + n] == c) ++n;
    auto repeat = [&](char ch, std::size_t k) { out.append(k, ch); };
    switch (c) {
      case 'd':
        out += n == 1 ? "d" : n == 2 ? "dd" : n == 3 ? "EEE" : "EEEE";
        break;
      case 'f':
      case 'F':
        repeat('S', std::min<std::size_t>(n, 7));
        break;
      case 'g':
        out += 'G';
        break;
      case 'h':
      case 'H':
      case 'm':
      case 's':
        repeat(c, std::min<std::size_t>(n, 2));
        break;
      case 'K':
        out += "XXX";
        break;
      case 'M':
        repeat('M', std::min<std::size_t>(n, 4));
        break;
      case 't':
        out += 'a';
        break;
      case 'y':
        repeat('y', std::min<std::size_t>(n, 5));
        break;
      case 'z':
        out += n >= 3 ? "xxx" : "x";
        break;
      case '\'':
      case '"': {
        const std::size_t close = spec.find(c, i + 1);
        const std::size_t end = close == std::string::npos ? spec.size() : close;
        quote(std::string_view(spec).substr(i + 1, end - i - 1));
        n = end - i + (close == std::string::npos ? 0 : 1);
        break;
      }
      case '\\':
        if (i + 1 < spec.size()) quote(std::string_view(spec).substr(i + 1, 1));
        n = i + 1 < spec.size() ? 2 : 1;
        break;
      case '%':
        n = 1;  // "%d" is the custom format "d"
        break;
      default:
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
          quote(std::string_view(spec).substr(i, n));
        else
          repeat(c, n);
    }
    i += n;
  }
  return icu_text::to_utf16(out);
}

std::optional<format_error> format_time(const icu::Locale& loc, const format_arg& a,
                                        const std::string& spec_in, std::size_t at,
                                        std::string& out) {
  const std::string spec = spec_in.empty() ? "G" : spec_in;
  thread_local thread_cache<icu::DateFormat> formats;
  const std::string key = std::string(loc.getName()) + '\x1f' + spec;
  if (icu::DateFormat* cached = formats.find(key)) {
    icu::UnicodeString r;
    cached->format(static_cast<UDate>(a.double_value()), r);
    out = utf8(r);
    return std::nullopt;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::DateFormat> df;
  auto fixed = [&](const char* pattern, const icu::Locale& l) {
    df =
        std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString(pattern, -1, US_INV), l, status);
  };
  auto skeleton = [&](const char* sk) {
    std::unique_ptr<icu::DateTimePatternGenerator> g(
        icu::DateTimePatternGenerator::createInstance(loc, status));
    if (U_FAILURE(status)) return;
    const icu::UnicodeString pattern =
        g->getBestPattern(icu::UnicodeString(sk, -1, US_INV), status);
    if (U_SUCCESS(status)) df = std::make_unique<icu::SimpleDateFormat>(pattern, loc, status);
  };
  using DF = icu::DateFormat;
  if (spec.size() == 1) {
    switch (spec[0]) {
      case 'd':
        df.reset(DF::createDateInstance(DF::kShort, loc));
        break;
      case 'D':
        df.reset(DF::createDateInstance(DF::kFull, loc));
        break;
      case 't':
        df.reset(DF::createTimeInstance(DF::kShort, loc));
        break;
      case 'T':
        df.reset(DF::createTimeInstance(DF::kMedium, loc));
        break;
      case 'f':
        df.reset(DF::createDateTimeInstance(DF::kFull, DF::kShort, loc));
        break;
      case 'F':
      case 'U':
        df.reset(DF::createDateTimeInstance(DF::kFull, DF::kMedium, loc));
        break;
      case 'g':
        df.reset(DF::createDateTimeInstance(DF::kShort, DF::kShort, loc));
        break;
      case 'G':
        df.reset(DF::createDateTimeInstance(DF::kShort, DF::kMedium, loc));
        break;
      case 'm':
      case 'M':
        skeleton("MMMMd");
        break;
      case 'y':
      case 'Y':
        skeleton("yMMMM");
        break;
      case 'o':
      case 'O':
        fixed("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSXXX", icu::Locale::getRoot());
        break;
      case 'r':
      case 'R':
        fixed("EEE, dd MMM yyyy HH:mm:ss 'GMT'", icu::Locale::getEnglish());
        break;
      case 's':
        fixed("yyyy-MM-dd'T'HH:mm:ss", icu::Locale::getRoot());
        break;
      case 'u':
        fixed("yyyy-MM-dd HH:mm:ss'Z'", icu::Locale::getRoot());
        break;
      default:
        return make_error(format_errc::format_spec, at,
                          "`" + spec + "` is not a supported date and time format");
    }
  } else {
    df = std::make_unique<icu::SimpleDateFormat>(icu_date_pattern(spec), loc, status);
  }
  if (U_FAILURE(status) || !df)
    return make_error(format_errc::format_spec, at,
                      "`" + spec + "` is not a supported date and time format");
  // "r", "u" and "U" are UTC by definition.
  if (spec == "r" || spec == "R" || spec == "u" || spec == "U")
    df->setTimeZone(*icu::TimeZone::getGMT());
  icu::UnicodeString r;
  formats.put(key, std::move(df))->format(static_cast<UDate>(a.double_value()), r);
  out = utf8(r);
  return std::nullopt;
}

// --- composite ----------------------------------------------------------------------------------

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  return n;
}

format_result format_composite(const icu::Locale& loc, std::string_view text,
                               const std::vector<std::string>& order, format_args args) {
  std::vector<syntax::composite_piece> pieces;
  syntax::error err;
  if (!syntax::parse_composite(text, pieces, err))
    return make_error(format_errc::syntax, err.offset, err.what);
  bindings b;
  if (auto e = bind(order, args, b)) return *e;
  std::string out;
  for (const syntax::composite_piece& p : pieces) {
    if (!p.is_item) {
      out += p.literal;
      continue;
    }
    const syntax::composite_item& item = p.item;
    const auto found = b.by_name.find(item.name);
    if (found == b.by_name.end())
      return make_error(format_errc::missing_argument, item.begin,
                        "no argument `" + item.name + "` was given");
    const format_arg& a = *found->second;
    std::string value;
    if (a.kind() == format_arg::type::string) {
      value = std::string(a.string_value());  // .NET ignores a format string for text
    } else if (a.kind() == format_arg::type::time) {
      if (auto e = format_time(loc, a, item.spec, item.begin, value)) return *e;
    } else if (auto e = format_number(loc, a, item.spec, item.begin, value)) {
      return *e;
    }
    const std::size_t width = static_cast<std::size_t>(std::abs(item.alignment));
    const std::size_t length = code_points(value);
    if (length >= width) {
      out += value;
    } else if (item.alignment < 0) {
      out += value;
      out.append(width - length, ' ');
    } else {
      out.append(width - length, ' ');
      out += value;
    }
  }
  return out;
}

// --- ICU MessageFormat --------------------------------------------------------------------------

/// Which argument types suit which ICU argument types; the error for the first that does not.
std::optional<format_error> check_icu_types(const std::vector<syntax::icu_argument>& uses,
                                            const bindings& b) {
  for (const syntax::icu_argument& u : uses) {
    const auto found = b.by_name.find(u.name);
    if (found == b.by_name.end())
      return make_error(format_errc::missing_argument, u.brace,
                        "no argument `" + u.name + "` was given");
    const format_arg& a = *found->second;
    const std::string& t = u.type;
    bool ok = true;
    const char* wants = "";
    if (t == "plural" || t == "selectordinal" || t == "choice" || t == "number" ||
        t == "spellout" || t == "ordinal" || t == "duration") {
      ok = is_number(a);
      wants = "a number";
    } else if (t == "select") {
      ok = a.kind() == format_arg::type::string;
      wants = "text";
    } else if (t == "date" || t == "time") {
      ok = a.kind() == format_arg::type::time;
      wants = "a time";
    }
    if (!ok)
      return make_error(format_errc::argument_type, u.brace,
                        "`" + u.name + "` is used as `" + t + "`, which needs " + wants + ", but " +
                            type_name(a) + " was given");
  }
  return std::nullopt;
}

icu::Formattable to_formattable(const format_arg& a) {
  switch (a.kind()) {
    case format_arg::type::string:
      return icu::Formattable(icu_text::to_utf16(a.string_value()));
    case format_arg::type::int64:
      return icu::Formattable(static_cast<int64_t>(a.int_value()));
    case format_arg::type::uint64: {
      if (a.uint_value() <= static_cast<std::uint64_t>(INT64_MAX))
        return icu::Formattable(static_cast<int64_t>(a.uint_value()));
      const std::string digits = std::to_string(a.uint_value());
      UErrorCode status = U_ZERO_ERROR;
      icu::Formattable f(icu::StringPiece(digits.data(), static_cast<std::int32_t>(digits.size())),
                         status);
      return U_SUCCESS(status) ? f : icu::Formattable(static_cast<double>(a.uint_value()));
    }
    case format_arg::type::float64:
      return icu::Formattable(a.double_value());
    case format_arg::type::time:
      return icu::Formattable(static_cast<UDate>(a.double_value()), icu::Formattable::kIsDate);
  }
  return icu::Formattable();
}

format_result format_icu(const icu::Locale& loc, std::string_view text,
                         const std::vector<std::string>& order, format_args args) {
  std::vector<syntax::icu_argument> uses;
  syntax::error err;
  if (!syntax::parse_icu(text, uses, err))
    return make_error(format_errc::syntax, err.offset, err.what);
  bindings b;
  if (auto e = bind(order, args, b)) return *e;
  if (auto e = check_icu_types(uses, b)) return *e;

  UErrorCode status = U_ZERO_ERROR;
  thread_local thread_cache<icu::MessageFormat> formats;
  std::string key = std::string(loc.getName()) + '\x1f';
  key += text;
  icu::MessageFormat* cached = formats.find(key);
  if (!cached) {
    UParseError pe{};
    auto made = std::make_unique<icu::MessageFormat>(icu_text::to_utf16(text), loc, pe, status);
    if (U_FAILURE(status))
      return make_error(format_errc::syntax, 0, std::string("ICU: ") + u_errorName(status));
    cached = formats.put(std::move(key), std::move(made));
  }
  const icu::MessageFormat& mf = *cached;
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  for (const auto& [name, a] : b.by_name) {
    names.push_back(icu_text::to_utf16(name));
    values.push_back(to_formattable(*a));
  }
  icu::UnicodeString r;
  mf.format(names.data(), values.data(), static_cast<std::int32_t>(values.size()), r, status);
  if (U_FAILURE(status))
    return make_error(
        status == U_ILLEGAL_ARGUMENT_ERROR ? format_errc::argument_type : format_errc::icu, 0,
        std::string("ICU could not format the message: ") + u_errorName(status));
  return utf8(r);
}

format_result run(std::string_view locale_tag, std::string_view text, message_syntax s,
                  const std::vector<std::string>& order, format_args args) {
  switch (s) {
    case message_syntax::literal:
      return std::string(text);
    case message_syntax::composite:
      return format_composite(to_icu_locale(locale_tag), text, order, args);
    case message_syntax::icu:
      return format_icu(to_icu_locale(locale_tag), text, order, args);
  }
  return std::string(text);
}

std::size_t find_field(const message& m, std::string_view a, std::string_view b) {
  for (std::size_t i = 0, n = m.field_count(); i < n; ++i)
    if (m.field_name(i) == a || m.field_name(i) == b) return i;
  return m.field_count();
}

/// The source-language text of field `name` of a message (its syntax decides the translation's).
std::string_view source_text(const catalog& c, const message& m, std::string_view name,
                             std::string_view otherwise) {
  const std::optional<message> src = c.find(m.id(), c.source_locale());
  if (!src) return otherwise;
  const std::size_t i = find_field(*src, name, name);
  return i < src->field_count() ? src->field_text(i) : otherwise;
}

format_result format_field(const catalog& c, const message& m, std::string_view field,
                           const std::vector<std::string>* order, format_args args) {
  const std::size_t i =
      field.empty() ? find_field(m, "summary", "text") : find_field(m, field, field);
  if (i >= m.field_count())
    return make_error(format_errc::no_such_field, 0,
                      "the message has no field `" +
                          std::string(field.empty() ? "summary` or `text" : field) + "`");
  const std::string_view text = m.field_text(i);
  const std::string_view source = source_text(c, m, m.field_name(i), text);
  const message_syntax s = detect_syntax(source);
  const std::vector<std::string> own =
      order ? std::vector<std::string>() : argument_names(source, s);
  return run(c.tag(m.field_locale(i)), text, s, order ? *order : own, args);
}

}  // namespace

format_result format_text(std::string_view locale_tag, std::string_view text, message_syntax syntax,
                          format_args args) {
  return run(locale_tag, text, syntax, argument_names(text, syntax), args);
}

format_result format_message(const catalog& c, const message& m, std::string_view field,
                             format_args args) {
  return format_field(c, m, field, nullptr, args);
}

namespace detail {

format_result format_typed(const catalog& given, message_id id, locale l,
                           const std::string_view* names, std::size_t name_count,
                           format_args args) {
  // A generated ID names a message of its own catalog, whichever catalog it is given with.
  const catalog c = id.table ? catalog(*id.table) : given;
  if (id.index >= c.size())
    return make_error(format_errc::no_such_field, 0, "the typed ID is not of this catalog");
  const std::vector<std::string> order(names, names + name_count);
  // A locale resolved from another catalog stands for its tag here (catalog::own).
  return format_field(c, c.get(message_id{id.index}, l), {}, &order, args);
}

}  // namespace detail

}  // namespace diaglot
