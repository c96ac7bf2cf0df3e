// diaglot compiler: small lexical checks XLIFF 2 needs beyond what an XML parser does: XML names
// and characters, BCP 47 language tags, XLIFF fragment identifiers, entity references.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace diaglot::xliff::syntax {

/// Decodes the UTF-8 code point at `s[i]` and advances `i`; U+FFFD for a malformed sequence.
char32_t next_code_point(std::string_view s, std::size_t& i);

/// Whether `c` matches XML 1.0's Char production (what may appear in a document at all).
bool is_xml_char(char32_t c);
/// Whether `s` is an XML NMTOKEN: one or more XML name characters.
bool is_nmtoken(std::string_view s);
/// Whether `s` is a list of NMTOKENs separated by XML white space.
bool is_nmtokens(std::string_view s);
/// Splits a white-space separated list.
std::vector<std::string_view> split_tokens(std::string_view s);

/// Whether `tag` is a well-formed BCP 47 language tag (RFC 5646 section 2.1, grandfathered tags
/// included); registration of the subtags is not checked.
bool is_bcp47(std::string_view tag);
/// ASCII case-insensitive equality, as language tags compare.
bool iequals(std::string_view a, std::string_view b);

/// A parsed XLIFF fragment identifier (XLIFF 2.1 section 3): `#[/]selector{/selector}`.
struct fragment {
  struct selector {
    std::string_view prefix;  ///< empty for a segment, ignorable or source inline element
    std::string_view id;
  };
  bool absolute = false;  ///< starts with `#/`
  std::vector<selector> selectors;
};

/// What is wrong with a fragment identifier, in the order the rules are checked.
enum class fragment_error : std::uint8_t {
  none,
  syntax,     ///< not `#[/][prefix=]id{/[prefix=]id}` with NMTOKEN ids
  selectors,  ///< repeated prefix, f/g/u out of order, or a leaf selector not alone at the end
  prefix,     ///< a prefix that is neither a core selector nor a registered module prefix
};

/// Parses `ref` (which starts with `#`) into `out`; `bad_prefix` names the offending prefix when
/// the error is `prefix` or a repeated one when it is `selectors`. Prefixes of modules are known;
/// `extension_prefixes` are those registered for extensions.
fragment_error parse_fragment(std::string_view ref, fragment& out, std::string_view& bad_prefix,
                              const std::vector<std::string>& extension_prefixes = {});

/// Offsets and descriptions of references in character data and attribute values that XML does
/// not allow (undefined entities, a bare `&`, character references to non-characters), and of
/// raw characters XML does not allow. pugixml accepts these silently.
std::vector<std::pair<std::size_t, std::string>> xml_lexical_errors(std::string_view document);

/// One past the `>` that ends the element whose start tag opens at `document[open]`, told from
/// the bytes alone, to write an element back as it was read: nullopt when they cannot tell it
/// safely (no `<` there, no end tag, or a comment, CDATA section or instruction inside, which
/// could spell the end tag).
std::optional<std::size_t> element_end(std::string_view document, std::size_t open);

/// `text` (written with LF line ends) with CRLF ones, for a file read with CRLF: what both
/// merges write into a translator's file keeps its line ends.
std::string with_crlf(std::string_view text);

/// What an XML parser's error says, as a diagnostic's argument (lowercased, to follow
/// "malformed XML: "), with a hint when it stopped at the end of the document before its
/// elements were closed: a file cut short, most likely.
std::string parse_error_text(const char* description, std::size_t offset,
                             std::string_view document);

}  // namespace diaglot::xliff::syntax
