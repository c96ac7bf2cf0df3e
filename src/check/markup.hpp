// diaglot compiler: what the checks find inside a message text: placeholders, markdown code
// spans, link destinations and cross-references. Markdown is read the way CommonMark reads inline
// code (a run of n backticks closes at the next run of exactly n, within a paragraph), which is
// enough to tell protected markup from prose without a full markdown parser.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace diaglot::check {

/// The text with fenced code blocks and closed inline code spans removed: what a reader
/// translates. A backslash-escaped backtick is literal. Counts the code spans it removes and the
/// backtick runs that open a span but are never closed.
struct prose_text {
  std::string text;
  std::size_t code_spans = 0;
  std::size_t unclosed_backticks = 0;
};
prose_text prose(std::string_view text);

/// How often each placeholder occurs: "{0}", "{name}", "{1,-10}" (as "{1}"), ignoring "{{"
/// escapes and anything inside code spans or fences.
std::map<std::string, std::size_t> placeholder_counts(std::string_view text);

/// The names of the placeholders placeholder_counts finds ("0" for "{0}" and "{0,-10}"), sorted
/// and each once, into `out`: views into `text`, or into `scratch` when the text has code.
void placeholder_names(std::string_view text, std::string& scratch,
                       std::vector<std::string_view>& out);

/// Destinations of markdown links and images (`[a](url "title")`, `[a]: url`), autolinks
/// (`<https://...>`) and HTML `href`s outside code, in order. `xref:` destinations are left to
/// xref_targets.
std::vector<std::string> link_targets(std::string_view text);

/// Targets of DocFX cross-references outside code: `<xref:UID>`, `<xref:UID?displayProperty=..>`
/// and `[text](xref:UID)`; each as written after `xref:`.
std::vector<std::string> xref_targets(std::string_view text);

/// Whether a text reads as prose a translator would translate: at least `min_words` words
/// (letters only, outside code spans, placeholders, links and tags), more words than
/// identifiers (dotted, CamelCase or all-capital names, options such as `-u`, paths, numbers),
/// and not a name in title case ("Microsoft Windows Communication Foundation").
bool has_translatable_words(std::string_view text, std::size_t min_words);

/// The whitespace (space, tab, CR, LF) a text starts and ends with.
std::string_view leading_space(std::string_view text);
std::string_view trailing_space(std::string_view text);

}  // namespace diaglot::check
