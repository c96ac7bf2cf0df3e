#include "check/checks.hpp"

#include <algorithm>
#include <cctype>

namespace diaglot::check {

namespace {

/// The text with fenced code blocks and inline code spans removed: what a reader translates.
/// Counts the inline code spans it removes.
std::string prose(std::string_view text, std::size_t* spans = nullptr) {
  std::string out;
  bool in_fence = false;
  std::size_t line_start = 0;
  while (line_start <= text.size()) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_start, line_end - line_start);
    const std::size_t first = line.find_first_not_of(' ');
    const bool fence = first != std::string_view::npos &&
                       (line.compare(first, 3, "```") == 0 || line.compare(first, 3, "~~~") == 0);
    if (fence) {
      in_fence = !in_fence;
    } else if (!in_fence) {
      // Drop `code` spans: a run of n backticks closes at the next run of exactly n.
      for (std::size_t i = 0; i < line.size();) {
        if (line[i] != '`') {
          out += line[i++];
          continue;
        }
        std::size_t n = 0;
        while (i + n < line.size() && line[i + n] == '`') ++n;
        const std::string ticks(n, '`');
        std::size_t close = line.find(ticks, i + n);
        while (close != std::string_view::npos && close + n < line.size() && line[close + n] == '`')
          close = line.find(ticks, close + n + 1);
        if (close == std::string_view::npos) {
          out.append(line.substr(i, n));
          i += n;
        } else {
          if (spans) ++*spans;
          i = close + n;
        }
      }
    }
    out += '\n';
    line_start = line_end + 1;
  }
  return out;
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string join(const std::set<std::string>& s) {
  std::string out;
  for (const std::string& x : s) out += (out.empty() ? "" : ", ") + ("`" + x + "`");
  return out;
}

std::string describe_difference(const std::set<std::string>& source,
                                const std::set<std::string>& target) {
  std::set<std::string> missing, extra;
  std::set_difference(source.begin(), source.end(), target.begin(), target.end(),
                      std::inserter(missing, missing.end()));
  std::set_difference(target.begin(), target.end(), source.begin(), source.end(),
                      std::inserter(extra, extra.end()));
  std::string out;
  if (!missing.empty()) out += "missing " + join(missing);
  if (!extra.empty())
    out += std::string(out.empty() ? "" : "; ") + "not in the source " + join(extra);
  return out;
}

}  // namespace

std::set<std::string> placeholders(std::string_view text) {
  const std::string p = prose(text);
  std::set<std::string> out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '{' && i + 1 < p.size() && p[i + 1] == '{') {
      ++i;  // "{{" is a literal brace
      continue;
    }
    if (p[i] != '{') continue;
    std::size_t j = i + 1;
    while (j < p.size() && is_name_char(p[j])) ++j;
    if (j == i + 1 || j >= p.size()) continue;
    // "{0}", "{name}", and .NET's "{0,-10}" / "{0:N2}" name the argument before ',' or ':'.
    if (p[j] == '}' || p[j] == ',' || p[j] == ':') {
      const std::size_t close = p.find('}', j);
      if (close == std::string::npos) continue;
      out.insert("{" + p.substr(i + 1, j - i - 1) + "}");
      i = close;
    }
  }
  return out;
}

std::size_t code_span_count(std::string_view text) {
  std::size_t spans = 0;
  prose(text, &spans);
  return spans;
}

void run_checks(const model::catalog& cat, diagnostic_sink& sink) {
  for (const model::message& m : cat.messages) {
    for (const model::field& f : m.fields) {
      const auto src = f.by_locale.find(cat.source_locale);
      if (src == f.by_locale.end()) continue;
      const model::field_text& source = src->second;
      const std::set<std::string> source_args = placeholders(source.text);
      for (const auto& [locale, target] : f.by_locale) {
        if (locale == cat.source_locale) continue;
        // Unfinished work (new, needs translation) is not served, so it cannot break a message.
        const auto st = m.states.find(locale);
        if (st != m.states.end() && !model::is_served(st->second)) continue;
        const std::set<std::string> target_args = placeholders(target.text);
        if (target_args != source_args)
          sink.report(diag::placeholder_mismatch, target.where,
                      {describe_difference(source_args, target_args)});

        std::vector<std::string> a = target.source_codes, b = target.target_codes;
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        if (a != b) {
          const std::set<std::string> sa(a.begin(), a.end()), sb(b.begin(), b.end());
          sink.report(diag::inline_mismatch, target.where,
                      {sa == sb ? "an inline code is repeated a different number of times"
                                : describe_difference(sa, sb)});
        }

        // Machine translation sometimes drops or merges `code`: worth a warning per segment.
        for (const model::segment& s : target.segments) {
          const std::size_t ns = code_span_count(s.source), nt = code_span_count(s.target);
          if (ns != nt)
            sink.report(diag::code_span_mismatch, s.where,
                        {std::to_string(ns), std::to_string(nt)});
        }
      }
    }
  }
}

}  // namespace diaglot::check
