// diaglot compiler: an XLIFF 2.x document (2.0, 2.1 or 2.2) in memory, read from a file or built
// by a program.
//
// What the model keeps, so that a document read and written back loses nothing:
// - every attribute of every core element as written, known or not, in document order, with its
//   namespace (typed accessors read the common ones);
// - module and extension elements (<mda:metadata>, <my:elem>, ...) and <skeleton> as preserved XML
//   (xml_node), text, comments and processing instructions included;
// - the byte offset of every element and attribute value in the file it was read from, for
//   diagnostics (no_offset in a built document).
// What it does not keep: comments and processing instructions between structural elements and
// inside <source>/<target>/<note>/<data> (XLIFF 2.1 sections 4.5 and 4.6 let agents drop them),
// CDATA boundaries (the text is kept), namespace prefixes' spelling for core elements, and the
// layout between structural elements.
//
// Building a document, as `extract`, `import` and `merge` do:
//
//   xliff::document doc("en", "ko");                  // XLIFF 2.0, srcLang="en", trgLang="ko"
//   xliff::file& f = doc.add_file("f1");
//   f.set("original", "docs/traces/en");
//   xliff::unit& u = f.add_unit("u1");
//   u.set("name", "System.ServiceModel.Foo#summary");  // the message ID (else the unit id)
//   u.add_note("Shown when the certificate is invalid.");
//   xliff::segment& s = u.add_segment();
//   s.source.add_text("Cannot open ");
//   s.source.add(xliff::code_kind::ph, "1").set("equiv", "{0}");
//   xliff::content& t = s.add_target("translated");   // sets the segment's state too
//   t.add_text("열 수 없습니다: ");
//   t.add(xliff::code_kind::ph, "1").set("equiv", "{0}");
//   xliff::validate(doc, source_location::none, sink);  // xliff2.hpp: the specification's rules
//   std::string xml = xliff::write(doc);               // xliff2.hpp
//
// add_* return a reference into their parent, valid until the next add_* on the same parent.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace diaglot::xliff {

namespace syntax {
struct fragment;
}

/// Namespaces XLIFF 2 documents use. XLIFF 2.1 documents use the 2.0 core namespace.
inline constexpr std::string_view ns_core20 = "urn:oasis:names:tc:xliff:document:2.0";
inline constexpr std::string_view ns_core22 = "urn:oasis:names:tc:xliff:document:2.2";
inline constexpr std::string_view ns_xml = "http://www.w3.org/XML/1998/namespace";
inline constexpr std::string_view ns_fs = "urn:oasis:names:tc:xliff:fs:2.0";
inline constexpr std::string_view ns_slr = "urn:oasis:names:tc:xliff:sizerestriction:2.0";
inline constexpr std::string_view ns_mtc = "urn:oasis:names:tc:xliff:matches:2.0";
inline constexpr std::string_view ns_gls = "urn:oasis:names:tc:xliff:glossary:2.0";
inline constexpr std::string_view ns_mda = "urn:oasis:names:tc:xliff:metadata:2.0";
inline constexpr std::string_view ns_res = "urn:oasis:names:tc:xliff:resourcedata:2.0";
inline constexpr std::string_view ns_ctr = "urn:oasis:names:tc:xliff:changetracking:2.0";
inline constexpr std::string_view ns_val = "urn:oasis:names:tc:xliff:validation:2.0";
inline constexpr std::string_view ns_its = "http://www.w3.org/2005/11/its";
inline constexpr std::string_view ns_itsm = "urn:oasis:names:tc:xliff:itsm:2.1";

/// Offset of something that was not read from a file (a built document).
inline constexpr std::uint32_t no_offset = 0xffffffffu;

/// An attribute as written: its namespace URI (empty for a plain attribute such as `id`), the
/// prefix it was written with (used again when writing it), its local name and value.
struct attribute {
  std::string ns, prefix, name, value;
  std::uint32_t offset = no_offset;  ///< byte offset of the value in the file read
};

/// What every core element has: its attributes in document order and where it starts.
struct element {
  std::vector<attribute> attributes;
  std::uint32_t offset = no_offset;  ///< byte offset of the `<` that opens the element

  /// The attribute `name` in namespace `ns` (empty: a plain attribute), or nullptr.
  const attribute* find(std::string_view name, std::string_view ns = {}) const;
  /// Its value, or "" when it is absent.
  std::string_view get(std::string_view name, std::string_view ns = {}) const;
  bool has(std::string_view name, std::string_view ns = {}) const {
    return find(name, ns) != nullptr;
  }
  /// Sets a plain attribute: replaces its value, or appends it.
  element& set(std::string_view name, std::string value);
  /// Sets an attribute in a namespace, written with `prefix` (declared where needed).
  element& set(std::string_view ns, std::string_view prefix, std::string_view name,
               std::string value);
  /// Removes an attribute; false when there was none.
  bool erase(std::string_view name, std::string_view ns = {});
};

/// Preserved XML: a module or extension element, <skeleton>, or a piece of their content.
struct xml_node {
  enum class kind : std::uint8_t { element, text, comment, processing_instruction };
  kind type = kind::element;
  std::string ns, prefix, name;  ///< an element's name; a processing instruction's target
  std::vector<attribute> attributes;
  std::string text;  ///< text (CDATA included), a comment, a processing instruction's value
  std::vector<xml_node> children;
  std::uint32_t offset = no_offset;

  static xml_node make_element(std::string ns, std::string prefix, std::string name);
  static xml_node make_text(std::string text);
  /// The attribute `name` in namespace `ns`, or nullptr.
  const attribute* find(std::string_view name, std::string_view ns = {}) const;
};

/// The kinds of inline content (XLIFF 2.1 section 4.2.3), text included.
enum class code_kind : std::uint8_t { text, cp, ph, pc, sc, ec, mrk, sm, em };
/// "ph", "pc", ... ("text" for text).
const char* to_string(code_kind k);

struct inline_node;

/// Something holding inline content: <source>, <target>, <data>, <pc> and <mrk>.
struct inline_container : element {
  std::vector<inline_node> children;

  /// Appends text, joining it to a text node just before it. Characters XML does not allow are
  /// written as <cp>.
  inline_container& add_text(std::string_view text);
  /// Appends an inline element (with its `id` when given) and returns it to set attributes or,
  /// for <pc> and <mrk>, content: add(code_kind::ph, "1").set("equiv", "{0}").
  inline_node& add(code_kind kind, std::string id = {});
  /// The text without markup: text, the characters of <cp>, and the content of <pc> and <mrk>.
  std::string plain_text() const;
};

/// One piece of inline content. Text nodes have `text`; <pc> and <mrk> have `children`.
struct inline_node : inline_container {
  code_kind kind = code_kind::text;
  std::string text;
  std::string_view id() const { return get("id"); }
};

/// <source>, <target>, or the <data> of <originalData>.
using content = inline_container;

/// A <segment>, or an <ignorable> (text between segments, not translated) when `ignorable`.
struct segment : element {
  bool ignorable = false;
  content source;
  std::optional<content> target;

  std::string_view id() const { return get("id"); }
  /// The segment's state: `initial` (the default), `translated`, `reviewed` or `final`.
  std::string_view state() const;
  /// Starts an empty target and, when `state` is given, sets the segment's state.
  content& add_target(std::string_view state = {});
};

/// A <note>.
struct note : element {
  std::string text;
};

/// A <unit>: the smallest piece of text extracted together, in one or more segments.
struct unit : element {
  std::vector<xml_node> extensions;    ///< module and extension elements, before <notes>
  std::vector<note> notes;             ///< the <note>s of <notes>
  std::vector<content> original_data;  ///< the <data>s of <originalData>
  std::vector<segment> segments;       ///< <segment>s and <ignorable>s in document order

  unit() = default;
  explicit unit(std::string id);
  std::string_view id() const { return get("id"); }
  /// The message ID diaglot uses: `name` when present, else `id`.
  std::string_view message_name() const;
  note& add_note(std::string text);
  /// Appends a <segment>, with `source_text` as its source.
  segment& add_segment(std::string_view source_text = {});
  /// Appends an <ignorable>, with `source_text` as its source.
  segment& add_ignorable(std::string_view source_text);
  /// Appends a <data> to <originalData>.
  content& add_data(std::string id, std::string_view text);
  /// The ids a fragment identifier can name a span of its text by (what a <mtc:match> `ref`
  /// names): of its segments and ignorables and the inline elements of their sources, or, with
  /// `targets`, the inline elements of their targets (`#t=id`).
  std::set<std::string_view> span_ids(bool targets) const;
  /// Whether a fragment identifier (syntax::parse_fragment) names a span of this unit's text,
  /// the unit being in the <file> `file_id`: a segment, an ignorable or an inline element of a
  /// source (`#id`) or of a target (`#t=id`), as a <mtc:match> `ref` must.
  bool names_span(const syntax::fragment& f, std::string_view file_id) const;
};

struct group;
struct member;

/// What <file> and <group> share: extensions, notes, and units and groups in document order.
struct container : element {
  std::vector<xml_node> extensions;  ///< module and extension elements, before <notes>
  std::vector<note> notes;
  std::vector<member> members;

  std::string_view id() const { return get("id"); }
  note& add_note(std::string text);
  unit& add_unit(std::string id);
  group& add_group(std::string id);
};

/// A <group>.
struct group : container {};

/// A <unit> or a <group> inside a <file> or <group>.
struct member {
  std::variant<unit, group> value;
  unit* as_unit() { return std::get_if<unit>(&value); }
  const unit* as_unit() const { return std::get_if<unit>(&value); }
  group* as_group() { return std::get_if<group>(&value); }
  const group* as_group() const { return std::get_if<group>(&value); }
};

/// A <file>.
struct file : container {
  std::optional<xml_node> skeleton;  ///< kept as written: writers must not change it
};

/// An <xliff> document.
struct document : element {
  /// The core namespace: ns_core20 for versions 2.0 and 2.1, ns_core22 for 2.2.
  std::string ns = std::string(ns_core20);
  /// Namespace declarations (prefix, URI) of the root element as read, written back on the root.
  std::vector<std::pair<std::string, std::string>> namespaces;
  std::vector<file> files;

  document() = default;
  /// A document with `srcLang`, `trgLang` (none when empty) and `version` ("2.0", "2.1", "2.2").
  explicit document(std::string src_lang, std::string trg_lang = {}, std::string version = "2.0");
  std::string_view version() const { return get("version"); }
  std::string_view src_lang() const { return get("srcLang"); }
  std::string_view trg_lang() const { return get("trgLang"); }
  file& add_file(std::string id);
};

/// Where a unit sits: its file and the groups around it, outermost first.
struct unit_context {
  const file* in_file = nullptr;
  std::vector<const group*> groups;
};

/// Calls `visit(unit, context)` for every unit of the document in document order.
template <class Visit>
void for_each_unit(const document& doc, Visit&& visit);

/// The `subState`s diaglot writes for a translated segment still to review: one whose English
/// changed (merge), one machine-translated (import). Its readers serve both as needing review.
inline constexpr const char* needs_review_substate = "diaglot:needs-review";
inline constexpr const char* machine_substate = "diaglot:machine-translation";

/// The author of the Change Tracking revisions `diaglot merge` writes.
inline constexpr const char* merge_revision_author = "diaglot merge";

/// The texts `diaglot merge` kept in a unit's Change Tracking revisions of `applies_to`
/// ("source", "target"), oldest first, an empty item as "": its revisions (author
/// merge_revision_author, a `content` item, in <revisions> without `ref`) come in pairs, the
/// n-th of the source with the n-th of the target. Revisions a CAT tool recorded in the same
/// <revisions> (a translator's earlier targets) are not among them.
std::vector<std::string> revision_texts(const unit& u, std::string_view applies_to);

// --- implementation of the template --------------------------------------------------------------
namespace detail {
template <class Visit>
void visit_members(const std::vector<member>& members, unit_context& ctx, Visit& visit) {
  for (const member& m : members) {
    if (const unit* u = m.as_unit()) {
      visit(*u, static_cast<const unit_context&>(ctx));
    } else if (const group* g = m.as_group()) {
      ctx.groups.push_back(g);
      visit_members(g->members, ctx, visit);
      ctx.groups.pop_back();
    }
  }
}
}  // namespace detail

template <class Visit>
void for_each_unit(const document& doc, Visit&& visit) {
  for (const file& f : doc.files) {
    unit_context ctx;
    ctx.in_file = &f;
    detail::visit_members(f.members, ctx, visit);
  }
}

}  // namespace diaglot::xliff
