#include "read/pgs.hpp"

#include <algorithm>
#include <cctype>

#include "diag/diagnostics.hpp"

namespace diaglot::read::pgs {

namespace {

/// The items of a list written with commas, spaces or both between them.
std::vector<std::string_view> items(std::string_view value) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() &&
           (value[i] == ',' || std::isspace(static_cast<unsigned char>(value[i]))))
      ++i;
    std::size_t end = i;
    while (end < value.size() && value[end] != ',' &&
           !std::isspace(static_cast<unsigned char>(value[end])))
      ++end;
    if (end > i) out.push_back(value.substr(i, end - i));
    i = end;
  }
  return out;
}

bool is_number(std::string_view v) {
  std::size_t digits = 0, dots = 0;
  for (const char c : v) {
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c == '.')
      ++dots;
    else
      return false;
  }
  return digits > 0 && dots <= 1 && v.front() != '.' && v.back() != '.';
}

bool counts(const selector& s) { return s.keyword == "plural" || s.keyword == "ordinal"; }

/// A name ICU MessageFormat takes as an argument or a select keyword: of ASCII, only letters,
/// digits and `_` (the others are Pattern_Syntax or white space, which end a name there).
bool is_name(std::string_view v) {
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) || c == '_';
  });
}

std::string quoted(std::string_view v) { return "`" + std::string(v) + "`"; }

/// A variant's text as MessageFormat reads it back: an apostrophe doubled, and `#` quoted where
/// a plural branch would put its number.
std::string escape(std::string_view text, bool plural_branch) {
  std::string out;
  for (const char c : text) {
    if (c == '\'')
      out += "''";
    else if (c == '#' && plural_branch)
      out += "'#'";
    else
      out += c;
  }
  return out;
}

void append_select(std::string& out, const std::vector<selector>& selectors,
                   const std::vector<const variant*>& variants, std::size_t level) {
  if (level == selectors.size()) {
    out += escape(variants.front()->text, counts(selectors.back()));
    return;
  }
  const selector& s = selectors[level];
  out += "{" + s.variable + ", " +
         (s.keyword == "plural"    ? "plural"
          : s.keyword == "ordinal" ? "selectordinal"
                                   : "select") +
         ",";
  std::vector<std::string> seen;
  for (const variant* v : variants) {
    const std::string& value = v->values[level];
    if (std::find(seen.begin(), seen.end(), value) != seen.end()) continue;
    seen.push_back(value);
    std::vector<const variant*> branch;
    for (const variant* w : variants)
      if (w->values[level] == value) branch.push_back(w);
    out += " " + (counts(s) && is_number(value) ? "=" + value : value) + " {";
    append_select(out, selectors, branch, level + 1);
    out += "}";
  }
  out += "}";
}

}  // namespace

std::optional<std::vector<selector>> parse_switch(std::string_view value, std::string& problem) {
  std::vector<selector> out;
  for (const std::string_view item : items(value)) {
    const std::size_t colon = item.find(':');
    if (colon == std::string_view::npos || !is_name(item.substr(colon + 1))) {
      problem = phrase("pgs.item", "{0} is not a selector keyword, a colon and a variable name",
                       {quoted(item)});
      return std::nullopt;
    }
    selector s{std::string(item.substr(0, colon)), std::string(item.substr(colon + 1))};
    if (s.keyword != "plural" && s.keyword != "ordinal" && s.keyword != "gender" &&
        s.keyword != "select") {
      problem = phrase("pgs.keyword",
                       "{0} is not a selector keyword: they are `plural`, `ordinal`, `gender` and "
                       "`select`",
                       {quoted(s.keyword)});
      return std::nullopt;
    }
    out.push_back(std::move(s));
  }
  if (out.empty()) {
    problem = phrase("pgs.empty", "it names no selector, such as `plural:count`", {});
    return std::nullopt;
  }
  return out;
}

std::optional<std::vector<std::string>> parse_case(std::string_view value,
                                                   const std::vector<selector>& selectors,
                                                   std::string& problem) {
  std::vector<std::string> out;
  for (const std::string_view v : items(value)) out.emplace_back(v);
  if (out.size() != selectors.size()) {
    problem = phrase("pgs.count",
                     "it gives {0} value(s), but the `pgs:switch` of its group names {1} "
                     "variable(s)",
                     {std::to_string(out.size()), std::to_string(selectors.size())});
    return std::nullopt;
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    static const char* const categories[] = {"zero", "one", "two", "few", "many", "other"};
    const bool category =
        std::find(std::begin(categories), std::end(categories), out[i]) != std::end(categories);
    if (counts(selectors[i]) && !category && !is_number(out[i])) {
      problem = phrase("pgs.plural_value",
                       "{0} is neither a number nor a plural category (`zero`, `one`, `two`, "
                       "`few`, `many`, `other`)",
                       {quoted(out[i])});
      return std::nullopt;
    }
    if (!counts(selectors[i]) && !is_name(out[i])) {
      problem = phrase("pgs.select_value", "{0} cannot be a case of a select", {quoted(out[i])});
      return std::nullopt;
    }
  }
  return out;
}

std::vector<variant> cases_of_language(
    const std::vector<selector>& selectors, std::vector<variant> variants,
    const std::function<std::vector<std::string>(bool ordinal)>& categories) {
  const std::vector<std::string> cardinal = categories(false), ordinal = categories(true);
  std::vector<variant> out;
  for (variant& v : variants) {
    bool has = true;
    for (std::size_t k = 0; k < selectors.size() && has; ++k) {
      if (!counts(selectors[k]) || is_number(v.values[k])) continue;
      const std::vector<std::string>& known =
          selectors[k].keyword == "ordinal" ? ordinal : cardinal;
      has = known.empty() || std::find(known.begin(), known.end(), v.values[k]) != known.end();
    }
    if (has) out.push_back(std::move(v));
  }
  return out;
}

std::string message_format(const std::vector<selector>& selectors,
                           const std::vector<variant>& variants) {
  std::string out;
  if (selectors.empty() || variants.empty()) return out;
  std::vector<const variant*> all;
  for (const variant& v : variants) all.push_back(&v);
  append_select(out, selectors, all, 0);
  return out;
}

}  // namespace diaglot::read::pgs
