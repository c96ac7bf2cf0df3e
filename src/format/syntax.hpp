// diaglot formatting, internal: the message syntaxes parsed without formatting anything. The
// formatter, the build-time argument checks (src/check/arguments.cpp) and the typed-ID emitter
// share this, so what the compiler checks is what the runtime does.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diaglot/format.hpp"

namespace diaglot::syntax {

/// Numbered arguments above this are refused: a typed ID lists every number up to the largest.
inline constexpr int max_argument_number = 999;
/// Deepest nesting of ICU MessageFormat arguments (a select in a plural in a select ... is 3):
/// deeper text is refused rather than parsed and formatted recursively (see too_deep).
inline constexpr std::size_t max_icu_depth = 32;

struct error {
  std::size_t offset = 0;  ///< byte offset in the text
  std::string what;        ///< English, lowercase
};

/// A `{...}` item of .NET composite formatting.
struct composite_item {
  std::size_t begin = 0, end = 0;  ///< bytes of the item, braces included
  std::string name;                ///< "0", "12" (no leading zeros) or an identifier
  bool numbered = false;
  bool has_alignment = false;
  int alignment = 0;
  bool has_spec = false;
  std::string spec;  ///< the format string after ':'
};

/// Composite text in order: literal runs (escapes resolved) and items.
struct composite_piece {
  bool is_item = false;
  std::string_view literal;  ///< when !is_item; a view into the parsed text
  composite_item item;       ///< when is_item
};

/// Parses .NET composite formatting; false with `err` when the text is not valid. The literal
/// pieces point into `text`.
bool parse_composite(std::string_view text, std::vector<composite_piece>& out, error& err);

/// An item of composite text as the checks need it: its name (a view into the text, without
/// leading zeros) and the byte offset of its `{`.
struct item_use {
  std::string_view name;
  std::size_t offset = 0;
};
/// Checks composite text exactly as parse_composite does and lists its items into `out` (left
/// empty when the text is not valid), building no strings; with `out` null it only checks.
bool composite_uses(std::string_view text, std::vector<item_use>* out, error& err);

/// One argument of an ICU MessageFormat pattern (nested ones too, in text order).
struct icu_argument {
  std::string name;        ///< "0" for a numbered argument
  std::size_t brace = 0;   ///< byte offset of its `{`
  std::size_t offset = 0;  ///< byte offset of its name
  bool numbered = false;
  /// "" (none), "plural", "select", "selectordinal", "choice", or a simple type ("number", "date").
  std::string type;
  std::size_t type_offset = 0;
  /// Keywords of plural/select/selectordinal with their byte offsets; explicit `=n` excluded.
  std::vector<std::pair<std::string, std::size_t>> keywords;
};

/// Parses ICU MessageFormat as icu::MessageFormat does (apostrophes: DOUBLE_OPTIONAL).
bool parse_icu(std::string_view text, std::vector<icu_argument>& out, error& err);

/// What looks like an argument (`{name}`, `{name, ...`) inside apostrophe-quoted literal text of a
/// valid ICU pattern: ICU prints it as written instead of the argument's value.
struct quoted_argument {
  std::size_t quote = 0;   ///< byte offset of the apostrophe that starts the quote
  std::size_t offset = 0;  ///< byte offset of the `{`
  std::string item;        ///< as written, e.g. "{0}"
  std::string name;
};
std::vector<quoted_argument> quoted_arguments(std::string_view text);

/// One use of an argument.
struct argument_use {
  std::string name;
  std::size_t offset = 0;  ///< byte offset of its `{`
};
/// Every argument use, in text order; false with `err` when the text does not parse in `s`.
/// Literal text has none.
bool argument_uses(std::string_view text, message_syntax s, std::vector<argument_use>& out,
                   error& err);

/// Argument names in call order: numbered ones 0..largest, then names as first used.
std::vector<std::string> call_order(const std::vector<argument_use>& uses);

/// The text with backtick code spans and fenced code blocks blanked (same byte offsets).
std::string mask_code(std::string_view text);

/// The CLDR plural categories of a locale (cardinal, or ordinal for selectordinal), in the order
/// zero, one, two, few, many, other; empty when ICU has no rules for it.
std::vector<std::string> plural_categories(std::string_view locale_tag, bool ordinal);

/// Whether a text has a typed ICU argument (`{n, plural, ...`, `{d, date}`) outside code.
bool has_icu_typed_argument(std::string_view text);

}  // namespace diaglot::syntax
