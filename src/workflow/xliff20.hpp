// diaglot compiler: XLIFF 2.0 for translators, built with the XLIFF 2 document model (src/xliff).
//
// What we write (one document per target locale, `srcLang`/`trgLang` on <xliff>):
// - one <file id="fN" original="PAGE"> per page; one <unit> per message field, `name` =
//   `MESSAGE#field` (the message ID diaglot reads), `id` = the field name made an NMTOKEN
//   (unique within the file);
// - each sentence is a <segment>, the markup and spaces between sentences are <ignorable>s;
//   protected markdown is <ph id="n" dataRef="dM"/> with the markdown in <originalData>;
// - a translation goes into the segments it translates when the source says which English each
//   sentence translates (sxs pages) and the sentences agree with ours; otherwise the unit is one
//   segment holding the whole field, so no text is put into the wrong sentence;
// - <note category="location" appliesTo="source">page: PAGE, field: FIELD</note>, and for imports
//   <note category="origin" appliesTo="target">.
//
// States: new and needs translation -> `initial`; needs review -> `translated` with
// `subState="diaglot:needs-review"` (machine translations: `diaglot:machine-translation`);
// translated -> `translated`; final -> `final`.
//
// Merge: a unit whose English changed gets the new segments; a segment whose English is unchanged
// keeps its target and state; the targets of changed sentences go to the first new sentence in
// their place, state `translated`, `subState="diaglot:needs-review"`; the old source and target
// are kept in a Change Tracking module revision (<ctr:changeTrack>). An obsolete unit gets
// `translate="no"` and <mda:metadata><mda:metaGroup category="diaglot"><mda:meta
// type="obsolete">yes</mda:meta></mda:metaGroup></mda:metadata>.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostics.hpp"
#include "model/model.hpp"
#include "workflow/units.hpp"
#include "workflow/workflow.hpp"
#include "xliff/xliff2_document.hpp"

namespace diaglot::workflow::xliff20 {

/// The document for a unit set.
xliff::document build(const unit_set& set);

/// build() serialized by the XLIFF 2 writer.
std::string write(const unit_set& set);

/// The served text of a <source> or <target>: text, characters of <cp>, content of <pc> and
/// <mrk>, and the original data of codes (`dataRef`, `dataRefStart`, `dataRefEnd`).
std::string render(const xliff::unit& u, const xliff::content& c);

/// The whole source (or target: ignorables without one give their source) of a unit.
std::string unit_source(const xliff::unit& u);
std::string unit_target(const xliff::unit& u);

/// Whether merge marked the unit obsolete.
bool is_obsolete(const xliff::unit& u);

/// Merges the English of `cat` into the XLIFF 2 document that is file `file` of `sources`;
/// pages are named by `names` (as merge_xliff12 does).
std::optional<std::string> merge(std::uint32_t file, const model::catalog& cat,
                                 const source_manager& sources, const merge_options& options,
                                 merge_counts& counts, diagnostic_sink& sink,
                                 const page_names& names = {});

}  // namespace diaglot::workflow::xliff20
