#include "driver/format_lookup.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "util/json.hpp"

namespace diaglot::driver {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

/// "YYYY-MM-DDTHH:MM:SS[.fff]Z" as a time point; false when it is not one.
bool parse_utc(std::string_view s, std::chrono::system_clock::time_point& out) {
  if (s.size() < 20 || s.back() != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
      s[13] != ':' || s[16] != ':')
    return false;
  auto number = [&](std::size_t at, std::size_t n, int& v) {
    return all_digits(s.substr(at, n)) &&
           std::from_chars(s.data() + at, s.data() + at + n, v).ec == std::errc();
  };
  int y, mo, d, h, mi, sec, ms = 0;
  if (!number(0, 4, y) || !number(5, 2, mo) || !number(8, 2, d) || !number(11, 2, h) ||
      !number(14, 2, mi) || !number(17, 2, sec))
    return false;
  if (s.size() > 20) {
    // ".f", ".ff" or ".fff" before the Z.
    const std::string_view frac = s.substr(20, s.size() - 21);
    if (s[19] != '.' || frac.empty() || frac.size() > 3 || !all_digits(frac)) return false;
    std::from_chars(frac.data(), frac.data() + frac.size(), ms);
    for (std::size_t i = frac.size(); i < 3; ++i) ms *= 10;
  } else if (s.size() != 20) {
    return false;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return false;
  // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
  const int yy = y - (mo <= 2);
  const int era = (yy >= 0 ? yy : yy - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(yy - era * 400);
  const unsigned doy = static_cast<unsigned>((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1);
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const long long days =
      static_cast<long long>(era) * 146097 + static_cast<long long>(doe) - 719468;
  out = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::milliseconds(((days * 24 + h) * 60 + mi) * 60000LL + sec * 1000LL + ms)));
  return true;
}

}  // namespace

format_arg lookup_argument::as_format_arg() const {
  switch (type) {
    case kind::integer:
      return arg(name, integer);
    case kind::decimal:
      return arg(name, decimal);
    case kind::time:
      return arg(name, time);
    case kind::text:
      break;
  }
  return arg(name, text);
}

std::optional<lookup_argument> parse_lookup_argument(std::string_view a) {
  const std::size_t eq = a.find('=');
  if (eq == std::string_view::npos || eq == 0) return std::nullopt;
  lookup_argument out;
  out.name = a.substr(0, eq);
  out.text = a.substr(eq + 1);
  const std::string_view v = out.text;
  const std::string_view unsigned_part = !v.empty() && v[0] == '-' ? v.substr(1) : v;
  const std::size_t dot = unsigned_part.find('.');
  // Numbers as written: "007" or "1." stay text, as their digits would not survive a round trip.
  const std::string_view whole = unsigned_part.substr(0, dot);
  const bool no_leading_zero = whole.size() == 1 || (!whole.empty() && whole[0] != '0');
  if (dot == std::string_view::npos && all_digits(whole) && no_leading_zero &&
      std::from_chars(v.data(), v.data() + v.size(), out.integer).ec == std::errc()) {
    out.type = lookup_argument::kind::integer;
  } else if (dot != std::string_view::npos && all_digits(whole) && no_leading_zero &&
             all_digits(unsigned_part.substr(dot + 1)) &&
             std::from_chars(v.data(), v.data() + v.size(), out.decimal).ec == std::errc()) {
    out.type = lookup_argument::kind::decimal;
  } else if (parse_utc(v, out.time)) {
    out.type = lookup_argument::kind::time;
  }
  return out;
}

std::string formatted_lookup(const catalog& c, const message& m,
                             const std::vector<std::string>& args, output_format format,
                             diagnostic_sink& sink) {
  // The arguments the message takes, as its English gives them: an --arg no field uses is
  // most likely a misspelled name, which formatting alone would pass over in silence.
  std::vector<std::string> takes;
  if (const std::optional<message> en = c.find(m.id(), c.source_locale()))
    for (std::size_t f = 0; f < en->field_count(); ++f)
      for (std::string& name : argument_names(en->field_text(f), detect_syntax(en->field_text(f))))
        if (std::find(takes.begin(), takes.end(), name) == takes.end())
          takes.push_back(std::move(name));
  std::vector<format_arg> fargs;
  for (const std::string& a : args) {
    const std::optional<lookup_argument> parsed = parse_lookup_argument(a);
    if (!parsed) continue;
    if (takes.empty()) {
      sink.report(diag::message_takes_no_arguments, source_location{},
                  {std::string(parsed->name), std::string(m.id())});
    } else if (std::find(takes.begin(), takes.end(), parsed->name) == takes.end()) {
      std::string list;
      for (const std::string& name : takes) list += (list.empty() ? "`" : ", `") + name + "`";
      sink.report(diag::unused_argument, source_location{},
                  {std::string(parsed->name), std::string(m.id()), list});
    }
    fargs.push_back(parsed->as_format_arg());
  }
  std::vector<std::string> texts;
  for (std::size_t f = 0; f < m.field_count(); ++f) {
    const format_result r = format_message(c, m, m.field_name(f), format_args(fargs));
    if (r) {
      texts.push_back(*r);
    } else {
      sink.report(diag::format_failed, source_location{},
                  {std::string(m.field_name(f)), r.error().detail});
      texts.emplace_back(m.field_text(f));
    }
  }

  const std::vector<std::string_view> views(texts.begin(), texts.end());
  if (format == output_format::json) return "[" + message_json(c, m, views) + "]\n";
  return lookup_text(c, m, views);
}

}  // namespace diaglot::driver
