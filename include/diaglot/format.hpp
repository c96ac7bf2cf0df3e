// diaglot formatting (optional library diaglot::format, links ICU; this header does not): fills a
// message's arguments for the locale that served its text.
//
// Which syntax a message uses is decided from its source-language text and applies to every
// translation (detect_syntax):
//  - ICU MessageFormat when the text has a typed argument outside backtick code spans:
//    `{count, plural, ...}`, `{g, select, ...}`, `{n, selectordinal, ...}`, `{n, number}`,
//    `{d, date, short}`. Plural categories follow each locale's CLDR rules; apostrophes quote.
//  - otherwise .NET composite formatting when the text parses as such: `{0}`, `{name}`,
//    `{0,-10}` (alignment), `{0:N2}` (format string), `{{` and `}}` for literal braces.
//  - otherwise literal text, shown as written (it takes no arguments).
//
// Arguments are bound by position in the order argument_names() gives ("0", "1", ... for numbered
// arguments, then names as the source first uses them), or by name with diaglot::arg("name", v).
// Errors are values: nothing here throws (but std::bad_alloc) and no input is undefined behaviour.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "diaglot/catalog.hpp"

namespace diaglot {

/// How a message text is read; see the top of this header.
enum class message_syntax : std::uint8_t { literal, composite, icu };
const char* to_string(message_syntax s) noexcept;

namespace detail {
/// Types that would be ambiguous as arguments: a character or bool (a number? text?).
template <typename T>
struct is_character
    : std::integral_constant<bool, std::is_same<T, bool>::value || std::is_same<T, char>::value ||
                                       std::is_same<T, wchar_t>::value ||
                                       std::is_same<T, char16_t>::value ||
                                       std::is_same<T, char32_t>::value> {};
}  // namespace detail

/// One argument: text, a signed or unsigned integer, a floating-point number or a point in time,
/// optionally named. Holds a view of text arguments, as fmt's arguments do: use it within the call.
class format_arg {
 public:
  enum class type : std::uint8_t { string, int64, uint64, float64, time };

  format_arg(std::string_view v) noexcept : type_(type::string), s_(v) {}
  format_arg(const char* v) noexcept : format_arg(std::string_view(v ? v : "")) {}
  format_arg(const std::string& v) noexcept : format_arg(std::string_view(v)) {}
  template <typename T, std::enable_if_t<
                            std::is_integral<T>::value && !detail::is_character<T>::value, int> = 0>
  format_arg(T v) noexcept {
    if (std::is_signed<T>::value) {
      type_ = type::int64;
      i_ = static_cast<std::int64_t>(v);
    } else {
      type_ = type::uint64;
      u_ = static_cast<std::uint64_t>(v);
    }
  }
  format_arg(double v) noexcept : type_(type::float64), d_(v) {}
  format_arg(float v) noexcept : format_arg(static_cast<double>(v)) {}
  format_arg(long double v) noexcept : format_arg(static_cast<double>(v)) {}
  template <typename Duration>
  format_arg(std::chrono::time_point<std::chrono::system_clock, Duration> t) noexcept
      : type_(type::time),
        d_(std::chrono::duration<double, std::milli>(t.time_since_epoch()).count()) {}
  /// A character or bool would be ambiguous (a number? text?): pass a string or an int.
  template <typename T, std::enable_if_t<detail::is_character<T>::value, int> = 0>
  format_arg(T) = delete;

  type kind() const noexcept { return type_; }
  /// Empty for a positional argument.
  std::string_view name() const noexcept { return name_; }
  std::string_view string_value() const noexcept { return s_; }
  std::int64_t int_value() const noexcept { return i_; }
  std::uint64_t uint_value() const noexcept { return u_; }
  /// The number, or for a time the milliseconds since 1970-01-01T00:00:00Z.
  double double_value() const noexcept { return d_; }

 private:
  template <typename T>
  friend format_arg arg(std::string_view name, const T& value) noexcept;

  type type_ = type::string;
  std::string_view s_;
  std::string_view name_;
  std::int64_t i_ = 0;
  std::uint64_t u_ = 0;
  double d_ = 0;
};

/// A named argument, for `{name}` or ICU `{name, plural, ...}`: diaglot::arg("count", 3).
template <typename T>
format_arg arg(std::string_view name, const T& value) noexcept {
  format_arg a(value);
  a.name_ = name;
  return a;
}

/// A view of the arguments of one call.
class format_args {
 public:
  constexpr format_args() noexcept = default;
  constexpr format_args(const format_arg* data, std::size_t size) noexcept
      : data_(data), size_(size) {}
  template <std::size_t N>
  constexpr format_args(const format_arg (&a)[N]) noexcept : data_(a), size_(N) {}
  format_args(const std::vector<format_arg>& v) noexcept : data_(v.data()), size_(v.size()) {}
  const format_arg* begin() const noexcept { return data_; }
  const format_arg* end() const noexcept { return data_ + size_; }
  std::size_t size() const noexcept { return size_; }
  const format_arg& operator[](std::size_t i) const noexcept { return data_[i]; }

 private:
  const format_arg* data_ = nullptr;
  std::size_t size_ = 0;
};

/// Why formatting failed.
enum class format_errc : std::uint8_t {
  syntax = 1,          ///< the text is not valid in its syntax (only texts that skipped checks)
  missing_argument,    ///< the text uses an argument the call did not give
  duplicate_argument,  ///< an argument was given twice (by position and by name)
  argument_type,       ///< an argument does not suit its use: a plural of text, `{0:D}` of 1.5
  format_spec,         ///< a format string diaglot does not support (`{0:Q}`)
  no_such_field,       ///< the message has no field of that name
  icu,                 ///< ICU failed (missing locale data, ...)
};
const char* to_string(format_errc e) noexcept;

struct format_error {
  format_errc code = format_errc::syntax;
  std::size_t offset = 0;  ///< byte offset in the text where the problem is
  std::string detail;      ///< English, lowercase: what is wrong
};

/// The formatted text, or why there is none (as std::expected<std::string, format_error>).
class format_result {
 public:
  format_result(std::string text) : ok_(true), text_(std::move(text)) {}
  format_result(format_error e) : ok_(false), error_(std::move(e)) {}

  bool has_value() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  /// The text; empty after an error.
  const std::string& value() const noexcept { return text_; }
  const std::string& operator*() const noexcept { return text_; }
  /// The error; meaningful only when !has_value().
  const format_error& error() const noexcept { return error_; }
  std::string value_or(std::string_view fallback) const {
    return ok_ ? text_ : std::string(fallback);
  }

 private:
  bool ok_;
  std::string text_;
  format_error error_;
};

/// The syntax of a source text (see the top of this header).
message_syntax detect_syntax(std::string_view source_text);

/// The arguments a text takes, in the order positional arguments bind to them; empty for literal
/// text or a text that does not parse.
std::vector<std::string> argument_names(std::string_view text, message_syntax syntax);

/// Formats `text`, read with `syntax`, for a locale (a BCP 47 tag; numbers, dates and plural rules
/// follow it). Dates and times are shown in ICU's default time zone: the host's (`TZ`) unless
/// the program sets another with icu::TimeZone::adoptDefault.
format_result format_text(std::string_view locale_tag, std::string_view text, message_syntax syntax,
                          format_args args);

/// Formats a field of a catalog message (an empty name: text(), the summary or XLIFF text) for the
/// locale that served it, with the syntax of the message's source-language text.
format_result format_message(const catalog& c, const message& m, std::string_view field,
                             format_args args);

/// Formats a pattern, reading it with the syntax it has itself.
template <typename... Args>
format_result format(std::string_view locale_tag, std::string_view pattern, const Args&... args) {
  const format_arg a[] = {format_arg(args)..., format_arg("")};
  return format_text(locale_tag, pattern, detect_syntax(pattern), format_args(a, sizeof...(Args)));
}

/// Formats a message's main text (summary, or an XLIFF unit's text) for the locale that served it.
template <typename... Args>
format_result format(const catalog& c, const message& m, const Args&... args) {
  const format_arg a[] = {format_arg(args)..., format_arg("")};
  return format_message(c, m, {}, format_args(a, sizeof...(Args)));
}

namespace detail {
format_result format_typed(const catalog& c, message_id id, locale l, const std::string_view* names,
                           std::size_t name_count, format_args args);
}  // namespace detail

/// Formats a message named by a typed ID that takes N arguments, given in the order of id.names.
/// A call with another number of arguments does not compile.
template <std::size_t N, typename... Args>
format_result format(const catalog& c, message_id_n<N> id, locale l, const Args&... args) {
  static_assert(sizeof...(Args) == N,
                "diaglot::format: wrong number of arguments for this message; its typed ID "
                "(message_id_n<N>) takes exactly N, named in id.names");
  static_assert((std::is_constructible<format_arg, const Args&>::value && ...),
                "diaglot::format: an argument must be text, an integer, a floating-point number "
                "or a std::chrono::system_clock time point");
  const format_arg a[] = {format_arg(args)...};
  return detail::format_typed(c, id, l, id.names, N, format_args(a, N));
}

/// Formats a message named by a typed ID without arguments (its text, braces unescaped).
template <typename... Args>
format_result format(const catalog& c, message_id id, locale l, const Args&...) {
  static_assert(sizeof...(Args) == 0,
                "diaglot::format: this message takes no arguments (its typed ID is a plain "
                "message_id, not message_id_n<N>)");
  return detail::format_typed(c, id, l, nullptr, 0, format_args());
}

}  // namespace diaglot
