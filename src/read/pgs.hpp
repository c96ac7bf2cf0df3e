// diaglot compiler: the XLIFF 2.2 Plural, Gender and Select module (`pgs`). A <group> with
// `pgs:switch="plural:count"` holds one unit per variant of one message, each with
// `pgs:case="one"`, `pgs:case="other"`, ...; diaglot reads the group as one message whose text is
// an ICU MessageFormat select over the variants, which its formatter and checks already know.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diaglot::read::pgs {

inline constexpr std::string_view ns = "urn:oasis:names:tc:xliff:pgs:1.0";

/// One item of `pgs:switch`: a selector keyword and the variable it selects on.
struct selector {
  std::string keyword;   ///< plural, ordinal, gender or select
  std::string variable;  ///< the message argument
};

/// The items of a `pgs:switch` value (`plural:count, gender:host`; commas or spaces between
/// them), or nullopt with `problem` saying what is wrong.
std::optional<std::vector<selector>> parse_switch(std::string_view value, std::string& problem);

/// The values of a `pgs:case` (`one`, `1 feminine`; spaces or commas between them), one per
/// selector and each of its kind, or nullopt with `problem` saying what is wrong.
std::optional<std::vector<std::string>> parse_case(std::string_view value,
                                                   const std::vector<selector>& selectors,
                                                   std::string& problem);

/// One variant of the message: its case values and its text.
struct variant {
  std::vector<std::string> values;
  std::string text;
};

/// The variants whose plural and ordinal cases a language has: numbers, and the categories
/// `categories(ordinal)` gives (every case when it gives none, for a language ICU has no rules
/// for). A file for a language with more plural forms repeats the English under `few` and
/// `many`, which English never selects.
std::vector<variant> cases_of_language(
    const std::vector<selector>& selectors, std::vector<variant> variants,
    const std::function<std::vector<std::string>(bool ordinal)>& categories);

/// The variants as one ICU MessageFormat pattern: a select (plural, selectordinal, select) on
/// the first variable, each branch a select on the next, in the order the cases first name
/// them; numeric cases become `=N`. The texts are escaped so that they read as themselves (an
/// apostrophe doubled, `#` quoted in a plural branch); their `{placeholders}` stay arguments.
std::string message_format(const std::vector<selector>& selectors,
                           const std::vector<variant>& variants);

}  // namespace diaglot::read::pgs
