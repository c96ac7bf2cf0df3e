// The HTML form of the stats: one page with its CSS inline and no script, fonts or images from
// anywhere, so it can be mailed, attached to a CI run or opened from disk.
#include <cmath>
#include <cstdio>
#include <tuple>

#include "report/stats.hpp"

namespace diaglot::report {

namespace {

std::string escape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

/// 12345 -> "12,345".
std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

/// part / whole rounded down, so a locale with one untranslated word never shows 100%.
std::string percent(std::uint64_t part, std::uint64_t whole) {
  return std::to_string(floor_share(part, whole, 100)) + "%";
}

std::string width(double share) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%.2f%%", share * 100.0);
  return buf;
}

/// A cell colour from red (nothing translated) through amber to green (all of it); light enough
/// for dark text on every step.
std::string heat_colour(double share) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "hsl(%d, 70%%, %d%%)", static_cast<int>(std::lround(share * 120)),
                static_cast<int>(std::lround(82 - 10 * share)));
  return buf;
}

const char* const style = R"(
  :root { color-scheme: light; }
  body { font: 15px/1.45 system-ui, "DejaVu Sans", sans-serif; color: #1d2330; background: #fff;
         margin: 24px 32px; }
  h1 { font-size: 24px; margin: 0 0 4px; }
  h2 { font-size: 18px; margin: 28px 0 8px; }
  p.lead { margin: 0 0 8px; color: #444c5c; }
  table { border-collapse: collapse; }
  th, td { padding: 5px 8px; }
  th { text-align: left; font-weight: 600; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  table.locales tr + tr td { border-top: 1px solid #e3e6ec; }
  table.locales thead th { border-bottom: 2px solid #c9ceda; }
  .bar { display: flex; width: 220px; height: 18px; border-radius: 3px; overflow: hidden;
         background: #eef0f4; }
  .bar span { display: block; height: 100%; }
  .translated { background: #2e9e5b; } .needs-review { background: #e0a526; }
  .stale { background: #e0702b; } .new { background: #b8bfcc; } .obsolete { background: #8a6fc0; }
  .legend { display: flex; gap: 18px; margin: 8px 0 0; color: #444c5c; font-size: 13px; }
  .legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px;
              margin-right: 6px; vertical-align: -1px; }
  table.heat th.locale { text-align: center; min-width: 64px; }
  table.heat td.cell { text-align: center; min-width: 64px; font-variant-numeric: tabular-nums;
                       border: 2px solid #fff; }
  table.heat th.group { font-weight: 500; max-width: 520px; overflow-wrap: anywhere; }
  table.heat td.num { color: #5b6476; }
  table.heat td.cell small { display: block; font-size: 11px; line-height: 1.2; color: #5a3a1a; }
  .scale { display: flex; align-items: center; gap: 8px; margin: 10px 0 0; font-size: 13px;
           color: #444c5c; }
  .scale .ramp { width: 200px; height: 12px; border-radius: 2px;
    background: linear-gradient(to right, hsl(0,70%,82%), hsl(60,70%,77%), hsl(120,70%,72%)); }
  footer { margin-top: 28px; color: #6b7385; font-size: 12px; max-width: 900px; }
)";

}  // namespace

std::string stats_html(const catalog_stats& s, const phrase_template_fn& words,
                       std::string_view language) {
  // A UI string of the page: its text escaped, then its arguments, which are HTML already.
  const auto say = [&words](std::string_view id, std::string_view english,
                            const std::vector<std::string>& args = {}) {
    return format_template(escape(template_of(words, id, english)), args);
  };
  std::string state[progress_count];
  for (std::size_t i = 0; i < progress_count; ++i)
    state[i] = escape(state_name(static_cast<progress>(i), words));
  const std::string title = say("stats.html.title", "Translation coverage");
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + escape(language) +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>" +
                    title + "</title>\n<style>";
  out += style;
  out += "</style>\n</head>\n<body>\n<h1>" + title + "</h1>\n<p class=\"lead\">" +
         say("stats.html.lead", "Source locale {0}: {1} messages, {2} words in {3} message groups.",
             {"<b>" + escape(s.source_locale) + "</b>", grouped(s.messages), grouped(s.words),
              std::to_string(s.groups.size())}) +
         "</p>\n";

  out += "<h2>" + say("stats.html.by_locale", "By locale") + "</h2>\n";
  if (s.locales.empty()) {
    out += "<p>" + say("stats.html.no_targets", "No target locales.") + "</p>\n";
  } else {
    const auto th = [](const std::string& text, bool number) {
      return std::string(number ? "<th class=\"num\">" : "<th>") + text + "</th>";
    };
    out += "<table class=\"locales\">\n<thead><tr>" +
           th(say("stats.html.locale", "Locale"), false) +
           th(say("stats.html.translated", "Translated"), true) +
           th(say("stats.html.words_by_state", "Words by state"), false) +
           th(say("stats.html.messages", "Messages"), true) +
           th(say("stats.html.segments", "Segments"), true) +
           th(say("stats.html.words", "Words"), true) +
           th(say("stats.html.needs_review", "Needs review"), true) +
           th(say("stats.html.stale", "Stale"), true) + th(say("stats.html.new", "New"), true) +
           th(say("stats.html.obsolete", "Obsolete"), true) + "</tr></thead>\n<tbody>\n";
    for (const locale_stats& l : s.locales) {
      const std::uint64_t total = l.words.total() + l.words[progress::obsolete];
      out += "<tr><th>" + escape(l.locale) + "</th><td class=\"num\"><b>" +
             percent(l.words[progress::translated], l.words.total()) +
             "</b></td><td><div class=\"bar\">";
      for (std::size_t i = 0; i < progress_count; ++i) {
        const progress p = static_cast<progress>(i);
        if (!l.words[p] || !total) continue;
        const double share = static_cast<double>(l.words[p]) / static_cast<double>(total);
        out += "<span class=\"" + std::string(to_string(p)) + "\" style=\"width:" + width(share) +
               "\" title=\"" +
               say("stats.html.bar_title", "{0}: {1} words", {state[i], grouped(l.words[p])}) +
               "\"></span>";
      }
      out += "</div></td><td class=\"num\">" + grouped(l.messages.total()) +
             "</td><td class=\"num\">" + grouped(l.segments.total()) + "</td><td class=\"num\">" +
             grouped(l.words.total()) + "</td>";
      for (const progress p :
           {progress::needs_review, progress::stale, progress::new_, progress::obsolete})
        out += "<td class=\"num\">" + grouped(l.messages[p]) + "</td>";
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n<div class=\"legend\">";
    for (std::size_t i = 0; i < progress_count; ++i)
      out += "<span><i class=\"" + std::string(to_string(static_cast<progress>(i))) + "\"></i>" +
             state[i] + "</span>";
    out += "</div>\n<p class=\"lead\" style=\"font-size:13px;margin-top:6px\">" +
           say("stats.html.bars_note",
               "Bars: source words by state. Needs review, stale, new and obsolete columns count "
               "messages.") +
           "</p>\n";

    out += "<h2>" + say("stats.html.by_group", "Words translated, by message group") +
           "</h2>\n<table class=\"heat\">\n<thead><tr>" +
           th(say("stats.html.group", "Group"), false) + th(say("stats.html.words", "Words"), true);
    for (const locale_stats& l : s.locales)
      out += "<th class=\"locale\">" + escape(l.locale) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const group_stats& g : s.groups) {
      out += "<tr><th class=\"group\">" + escape(g.name) + "</th><td class=\"num\">" +
             grouped(g.words) + "</td>";
      for (const locale_stats& l : s.locales) {
        const auto c = g.words_by_locale.find(l.locale);
        const counts none;
        const counts& w = c == g.words_by_locale.end() ? none : c->second;
        const double share = w.share_translated();
        std::string by_state;
        for (std::size_t i = 0; i < progress_count; ++i)
          by_state += std::string(i ? ", " : "") + grouped(w.by[i]) + " " + state[i];
        out += "<td class=\"cell\" style=\"background:" + heat_colour(share) + "\" title=\"" +
               say("stats.html.cell_title", "{0} in {1}: {2} (words)",
                   {escape(g.name), escape(l.locale), by_state}) +
               "\">" + percent(w[progress::translated], w.total());
        // Served but not current: say so, or a stale locale reads as an untranslated one.
        const std::uint64_t total = w.total();
        const std::tuple<progress, const char*, const char*> notes[] = {
            {progress::stale, "stats.html.cell_stale", "{0} stale"},
            {progress::needs_review, "stats.html.cell_review", "{0} to review"}};
        for (const auto& [p, id, english] : notes)
          if (w[p] && total)
            out += "<small>" + say(id, english, {percent(w[p], total)}) + "</small>";
        out += "</td>";
      }
      out += "</tr>\n";
    }
    out +=
        "</tbody>\n</table>\n<div class=\"scale\"><span>0%</span><span "
        "class=\"ramp\"></span><span>" +
        say("stats.html.scale", "100% of the group's source words translated") + "</span></div>\n";
  }
  out += "<footer>" +
         say("stats.html.footer",
             "Generated by diaglot stats. A message counts as stale when its translation was made "
             "from English that has since changed, as new when it has no served translation, as "
             "obsolete when its source is gone (kept by diaglot merge). Words are those of the "
             "source text, segmented by ICU's word break iterator (dictionary-based for Chinese, "
             "Japanese and Thai); link destinations, HTML tags and placeholders are not counted.") +
         "</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace diaglot::report
