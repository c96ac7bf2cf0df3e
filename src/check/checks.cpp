#include "check/checks.hpp"

#include <algorithm>
#include <iterator>

#include "check/difference.hpp"
#include "check/markup.hpp"
#include "check/served.hpp"
#include "util/parallel.hpp"

namespace diaglot::check {

namespace {

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
  return difference(join(missing), join(extra));
}

/// Whether a target only drops codes of its source (sorted code lists), exactly as many as the
/// backtick spans its text lost: the problem a markdown page has when machine translation drops
/// `code`, which the per-segment check reports as DGL0503 (a warning). The same problem gets the
/// same code and severity whatever format the translation comes in; the text is still served.
bool only_code_spans_dropped(const std::vector<std::string>& source_codes,
                             const std::vector<std::string>& target_codes,
                             const model::field_text& target) {
  std::vector<std::string> missing, extra;
  std::set_difference(source_codes.begin(), source_codes.end(), target_codes.begin(),
                      target_codes.end(), std::back_inserter(missing));
  std::set_difference(target_codes.begin(), target_codes.end(), source_codes.begin(),
                      source_codes.end(), std::back_inserter(extra));
  if (!extra.empty() || missing.empty() || !target.made_from) return false;
  const std::size_t ns = code_span_count(*target.made_from), nt = code_span_count(target.text);
  return ns > nt && ns - nt == missing.size();
}

}  // namespace

std::set<std::string> placeholders(std::string_view text) {
  std::set<std::string> out;
  for (const auto& [name, count] : placeholder_counts(text)) out.insert(name);
  return out;
}

std::size_t code_span_count(std::string_view text) {
  return text.find('`') == std::string_view::npos ? 0 : prose(text).code_spans;
}

void translation_checks::check(const model::catalog& cat, const model::message& m,
                               diagnostic_sink& sink) {
  for (const model::field& f : m.fields) {
    const auto src = f.by_locale.find(cat.source_locale);
    if (src == f.by_locale.end()) continue;
    const model::field_text& source = src->second;
    placeholder_names(source.text, source_scratch_, source_args_);
    served_walk served(m.states);
    for (const auto& [locale, target] : f.by_locale) {
      if (&target == &source) continue;
      // Unfinished work (new, needs translation) is not served, so it cannot break a message.
      if (!served(locale) || !target.served()) continue;
      placeholder_names(target.text, target_scratch_, target_args_);
      if (target_args_ != source_args_)
        sink.report(diag::placeholder_mismatch, target.where,
                    {describe_difference(placeholders(source.text), placeholders(target.text))});

      // Equal lists (the usual: none on either side) are equal sorted too.
      std::vector<std::string> a, b;
      if (target.source_codes() != target.target_codes()) {
        a = target.source_codes();
        b = target.target_codes();
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
      }
      const bool spans_dropped = a != b && only_code_spans_dropped(a, b, target);
      if (a != b && !spans_dropped) {
        const std::set<std::string> sa(a.begin(), a.end()), sb(b.begin(), b.end());
        sink.report(diag::inline_mismatch, target.where,
                    {sa == sb ? "an inline code is repeated a different number of times"
                              : describe_difference(sa, sb)});
      }

      // Machine translation sometimes drops or merges `code`: worth a warning per segment.
      bool span_reported = false;
      model::for_each_unit(target, [&](const std::string& english, const std::string& translation,
                                       source_location where) {
        const std::size_t ns = code_span_count(english), nt = code_span_count(translation);
        if (ns == nt) return;
        sink.report(diag::code_span_mismatch, where, {std::to_string(ns), std::to_string(nt)});
        span_reported = true;
      });
      if (spans_dropped && !span_reported)
        sink.report(diag::code_span_mismatch, target.where,
                    {std::to_string(code_span_count(*target.made_from)),
                     std::to_string(code_span_count(target.text))});
    }
  }
}

void run_checks(const model::catalog& cat, diagnostic_sink& sink, unsigned jobs) {
  parallel::for_each_range(
      cat.messages.size(), jobs, sink,
      [&](std::size_t begin, std::size_t end, diagnostic_sink& out, std::size_t) {
        translation_checks checks;
        for (std::size_t i = begin; i < end; ++i) checks.check(cat, cat.messages[i], out);
      });
}

}  // namespace diaglot::check
