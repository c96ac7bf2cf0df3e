// diaglot compiler: XLIFF 1.2 for translators, written and edited as a pugixml DOM.
//
// What we write (one document per target locale):
// - one <file original="PAGE" datatype="x-markdown"> per page, one <trans-unit> per message
//   field, `id` and `resname` both `MESSAGE#field`, `xml:space="preserve"`;
// - <source>: the English with protected markdown (inline code, link targets, `<xref:...>`, HTML,
//   `**`, list/table/heading/quote markup, code blocks) as <ph id="n">MARKDOWN</ph>: readers that
//   render a <ph> as its content (diaglot's, translate-toolkit's, Qt's) get the exact markdown.
//   A backslash is never inside a <ph> nor just before one (Qt reads it as an escape there);
//   escapes (`\<`) and entities (`&#124;`) are text, which machine translation changes freely;
// - <seg-source>: the same with each sentence in <mrk mtype="seg" mid="n">;
// - <target>: not segmented, because Qt's XLIFF reader drops the text before any element in a
//   target other than <ph>; its codes take the ids of the source codes with the same markdown
//   (markdown the source lacks, as an older English may have had, stays text);
// - <note from="developer" annotates="source">page: PAGE, field: FIELD</note>, which Qt and
//   translate-toolkit show as the developer's comment; imports add a note with the origin.
//
// States: new -> `new`, needs translation -> `needs-translation`, needs review ->
// `needs-review-translation` (machine translations add `state-qualifier="leveraged-mt"`),
// translated -> `translated` with `approved="yes"`, final -> `final` with `approved="yes"`
// (translate-toolkit and Qt count only approved units as done). An extracted unit has no target.
//
// Merge marks:
// - changed English: `needs-review-translation`, `approved` removed, and
//   <note from="diaglot" annotates="source">previous source: OLD ENGLISH</note> (the first
//   previous source is kept until the unit is reviewed; <alt-trans> would need a <target>, which
//   Qt would read as a second translation);
// - obsolete: `translate="no"` (Qt's own mark, so lrelease leaves it out) and
//   <note from="diaglot">obsolete: ...</note>; diaglot's reader skips such units.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>

#include "read/readers.hpp"
#include "workflow/units.hpp"

namespace diaglot::workflow::xliff12 {

inline constexpr const char* namespace_uri = "urn:oasis:names:tc:xliff:document:1.2";
/// The text that starts the note marking an obsolete unit.
inline constexpr std::string_view obsolete_note = read::xliff12_obsolete_note;
/// The text that starts the note keeping the English a translation was made from.
inline constexpr std::string_view previous_source_note = read::xliff12_previous_source_note;

/// A whole document: declaration, <xliff>, one <file> per page, a final newline.
std::string write(const unit_set& set);

/// The state attribute value for a model state.
const char* state_name(model::state s);

/// Element names in a document that may use a namespace prefix (`x:trans-unit`).
struct names {
  std::string prefix;  ///< "" or "x:"
  std::string operator()(std::string_view local) const { return prefix + std::string(local); }
};

/// Layout of the unit being added: the whitespace before it and one indentation step.
struct layout {
  std::string indent = "      ";
  std::string step = "  ";
};

/// Where a new element goes among its siblings: after `after`, else before `before`, else last.
struct place {
  pugi::xml_node after, before;
};

/// Inserts a <trans-unit> for `u` into `body` with the whitespace its siblings use. Returns the
/// new element.
pugi::xml_node insert_unit(pugi::xml_node body, place where, const unit& u, const names& n,
                           const layout& l);

/// Appends a <file> element for `page` (with an empty <body>) to the root; returns the <body>.
pugi::xml_node append_file(pugi::xml_node root, const std::string& page,
                           const std::string& source_locale, const std::string& target_locale,
                           const names& n, const layout& l);

/// Replaces the content of <source> and <seg-source> (adding it when missing) with `source`,
/// and renumbers the <ph> ids of the unit's <target> to match the new source.
void replace_source(pugi::xml_node unit_node, const std::string& source, const names& n,
                    const layout& l);

/// Sets the content of an element (a <target>) to protected markdown, codes numbered against
/// `source`.
void set_protected(pugi::xml_node element, const std::string& markdown, const std::string& source);

/// The served text of a <source> or <target>, as diaglot's XLIFF 1.2 reader renders it.
std::string render(pugi::xml_node element);

/// The local name of an element (`trans-unit` for `x:trans-unit`).
std::string_view local_name(pugi::xml_node node);
/// The first child element with this local name.
pugi::xml_node child(pugi::xml_node parent, std::string_view local);

}  // namespace diaglot::workflow::xliff12
