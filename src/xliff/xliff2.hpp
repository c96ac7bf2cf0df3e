// diaglot compiler: reading, checking and writing XLIFF 2.x (2.0, 2.1, 2.2) documents.
//
//   std::optional<xliff::document> doc = xliff::parse(bytes, file, sink);  // structure
//   if (doc) xliff::validate(*doc, file, sink);                            // the rules
//   std::string xml = xliff::write(*doc);
//
// parse() reports what the document model cannot hold: malformed XML (DGL0201; DGL0004 for bytes
// that are not UTF-8), a root that is not XLIFF 2 (DGL0709), elements where the content model does
// not allow them (DGL0701) and missing required children (DGL0702). validate() checks everything
// else XLIFF 2.1 requires of a document, which is what an XML schema cannot: attribute values,
// unique ids per scope, <sc>/<ec> and <sm>/<em> pairing, dataRef and copyOf targets, segment states
// and target order, editing hints, annotations, fragment identifiers, sub-flows, languages, white
// space, and the Format Style module's constraints (DGL0702-DGL0740). Both report at {file, byte
// offset}; pass source_location::none as `file` for a built document.
//
// Modules are kept and written back unchanged. validate() checks where module elements and
// attributes appear and the Format Style attributes' values; other modules' inner rules are not
// checked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.hpp"
#include "xliff/xliff2_document.hpp"

namespace diaglot::xliff {

/// Parses an XLIFF 2 document from UTF-8 bytes. Returns nullopt when the XML is malformed or the
/// root is not XLIFF 2; otherwise the document, possibly with structure errors reported.
std::optional<document> parse(std::string_view xml, std::uint32_t file, diagnostic_sink& sink);

/// What validate() cannot learn from the document itself.
struct validate_options {
  /// Fragment identifier prefixes registered with the XLIFF TC for extensions (such as `tbx`);
  /// the modules' prefixes are known.
  std::vector<std::string> extension_prefixes;
};

/// Checks the document against XLIFF 2.1's constraints and processing requirements; reports each
/// violation once, at the element or attribute value that breaks it.
void validate(const document& doc, std::uint32_t file, diagnostic_sink& sink,
              const validate_options& options = {});

/// Parses and validates; nullopt when any error was reported.
std::optional<document> read(std::string_view xml, std::uint32_t file, diagnostic_sink& sink,
                             const validate_options& options = {});

/// Serializes a document as UTF-8 XML: structural elements indented by two spaces, content,
/// notes, module and extension data written exactly as held, namespaces declared where used.
/// Characters XML does not allow are written as <cp> in content and replaced by U+FFFD
/// elsewhere. It does not check the document; call validate() first for a built one.
std::string write(const document& doc);

/// One unit of `doc` as write() would write it at the top level, with the root's namespaces in
/// scope, from its start tag to its end tag: to tell whether a unit changed, and to write one
/// into a file as it stands. Lines after the first start with `margin`, the unit's indentation
/// there, and are indented further by `step` a level (that file's own indentation).
std::string write_unit(const document& doc, const unit& u, std::string_view margin = {},
                       std::string_view step = "  ");

/// One <file> of `doc`, in the manner of write_unit: to add one to a file as it stands.
std::string write_file(const document& doc, const file& f, std::string_view margin = {},
                       std::string_view step = "  ");

}  // namespace diaglot::xliff
