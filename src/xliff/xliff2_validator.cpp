// diaglot compiler: XLIFF 2 validation. The XML schema of XLIFF 2 catches about a quarter of the
// invalid documents of the OASIS test suite; the rest break constraints and processing
// requirements stated in prose. This file checks both kinds on the document model, each with a
// diagnostic naming the section of XLIFF 2.1 that states the rule.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "xliff/xliff2.hpp"
#include "xliff/xml_syntax.hpp"

namespace diaglot::xliff {

namespace {

// --- attribute tables (XLIFF 2.1 sections 4.2 and 4.3) --------------------------------------

enum class value_type : std::uint8_t {
  text,
  nmtoken,
  nmtokens,
  yes_no,
  yes_no_first_no,
  dir,
  applies_to,
  user_defined,
  code_type,
  mrk_type,
  priority,
  state,
  positive_int,
  language,
  hex,
  space,
  version,
  match_type,      ///< mtc:match type (XLIFF 2.1 section 5.1.6.9)
  percent,         ///< xs:decimal from 0.0 to 100.0 (mtc:match quality and similarity)
  normalization,   ///< `none` | `nfc` | `nfd` (Size Restriction and Validation modules)
  mda_applies_to,  ///< `source` | `target` | `ignorable` (mda:metaGroup, section 5.4.4.4)
};

/// What attributes from other namespaces an element accepts.
enum class others : std::uint8_t {
  none,         ///< none (xml:lang and xml:space only where listed)
  modules,      ///< only the Format Style and Size Restriction modules' (inline codes)
  any_but_xml,  ///< any, except the XML namespace (<mrk>, <sm>)
  any,          ///< any (<xliff>, <file>, <group>, <unit>, <note>)
};

struct attr_spec {
  std::string_view name;
  value_type type;
  bool required = false;
};

struct element_spec {
  std::string_view name;
  std::string_view section;
  others policy;
  std::vector<attr_spec> attributes;
  bool xml_lang = false, xml_space = false;
};

using vt = value_type;

const element_spec& spec(std::string_view name) {
  static const std::vector<element_spec> specs = {
      {"xliff",
       "4.2.2.1",
       others::any,
       {{"version", vt::version, true}, {"srcLang", vt::language, true}, {"trgLang", vt::language}},
       false,
       true},
      {"file",
       "4.2.2.2",
       others::any,
       {{"id", vt::nmtoken, true},
        {"canResegment", vt::yes_no},
        {"original", vt::text},
        {"translate", vt::yes_no},
        {"srcDir", vt::dir},
        {"trgDir", vt::dir}},
       false,
       true},
      {"skeleton", "4.2.2.3", others::none, {{"href", vt::text}}},
      {"group",
       "4.2.2.4",
       others::any,
       {{"id", vt::nmtoken, true},
        {"name", vt::text},
        {"canResegment", vt::yes_no},
        {"translate", vt::yes_no},
        {"srcDir", vt::dir},
        {"trgDir", vt::dir},
        {"type", vt::user_defined}},
       false,
       true},
      {"unit",
       "4.2.2.5",
       others::any,
       {{"id", vt::nmtoken, true},
        {"name", vt::text},
        {"canResegment", vt::yes_no},
        {"translate", vt::yes_no},
        {"srcDir", vt::dir},
        {"trgDir", vt::dir},
        {"type", vt::user_defined}},
       false,
       true},
      {"segment",
       "4.2.2.6",
       others::none,
       {{"id", vt::nmtoken},
        {"canResegment", vt::yes_no},
        {"state", vt::state},
        {"subState", vt::user_defined}}},
      {"ignorable", "4.2.2.7", others::none, {{"id", vt::nmtoken}}},
      {"note",
       "4.2.2.9",
       others::any,
       {{"id", vt::nmtoken},
        {"appliesTo", vt::applies_to},
        {"category", vt::text},
        {"priority", vt::priority}}},
      {"data",
       "4.2.2.11",
       others::none,
       {{"id", vt::nmtoken, true}, {"dir", vt::dir}},
       false,
       true},
      {"source", "4.2.2.12", others::none, {}, true, true},
      {"target", "4.2.2.13", others::none, {{"order", vt::positive_int}}, true, true},
      {"cp", "4.2.3.1", others::none, {{"hex", vt::hex, true}}},
      {"ph",
       "4.2.3.2",
       others::modules,
       {{"canCopy", vt::yes_no},
        {"canDelete", vt::yes_no},
        {"canReorder", vt::yes_no_first_no},
        {"copyOf", vt::nmtoken},
        {"disp", vt::text},
        {"equiv", vt::text},
        {"id", vt::nmtoken, true},
        {"dataRef", vt::nmtoken},
        {"subFlows", vt::nmtokens},
        {"subType", vt::user_defined},
        {"type", vt::code_type}}},
      {"pc",
       "4.2.3.3",
       others::modules,
       {{"canCopy", vt::yes_no},
        {"canDelete", vt::yes_no},
        {"canOverlap", vt::yes_no},
        {"canReorder", vt::yes_no_first_no},
        {"copyOf", vt::nmtoken},
        {"dispEnd", vt::text},
        {"dispStart", vt::text},
        {"equivEnd", vt::text},
        {"equivStart", vt::text},
        {"id", vt::nmtoken, true},
        {"dataRefEnd", vt::nmtoken},
        {"dataRefStart", vt::nmtoken},
        {"subFlowsEnd", vt::nmtokens},
        {"subFlowsStart", vt::nmtokens},
        {"subType", vt::user_defined},
        {"type", vt::code_type},
        {"dir", vt::dir}}},
      {"sc",
       "4.2.3.4",
       others::modules,
       {{"canCopy", vt::yes_no},
        {"canDelete", vt::yes_no},
        {"canOverlap", vt::yes_no},
        {"canReorder", vt::yes_no_first_no},
        {"copyOf", vt::nmtoken},
        {"dataRef", vt::nmtoken},
        {"dir", vt::dir},
        {"disp", vt::text},
        {"equiv", vt::text},
        {"id", vt::nmtoken, true},
        {"isolated", vt::yes_no},
        {"subFlows", vt::nmtokens},
        {"subType", vt::user_defined},
        {"type", vt::code_type}}},
      {"ec",
       "4.2.3.5",
       others::modules,
       {{"canCopy", vt::yes_no},
        {"canDelete", vt::yes_no},
        {"canOverlap", vt::yes_no},
        {"canReorder", vt::yes_no_first_no},
        {"copyOf", vt::nmtoken},
        {"dataRef", vt::nmtoken},
        {"dir", vt::dir},
        {"disp", vt::text},
        {"equiv", vt::text},
        {"id", vt::nmtoken},
        {"isolated", vt::yes_no},
        {"startRef", vt::nmtoken},
        {"subFlows", vt::nmtokens},
        {"subType", vt::user_defined},
        {"type", vt::code_type}}},
      {"mrk",
       "4.2.3.6",
       others::any_but_xml,
       {{"id", vt::nmtoken, true},
        {"translate", vt::yes_no},
        {"type", vt::mrk_type},
        {"ref", vt::text},
        {"value", vt::text}}},
      {"sm",
       "4.2.3.7",
       others::any_but_xml,
       {{"id", vt::nmtoken, true},
        {"translate", vt::yes_no},
        {"type", vt::mrk_type},
        {"ref", vt::text},
        {"value", vt::text}}},
      {"em", "4.2.3.8", others::none, {{"startRef", vt::nmtoken, true}}},
  };
  for (const element_spec& s : specs)
    if (s.name == name) return s;
  return specs.front();
}

/// The section of XLIFF 2.1 defining an attribute.
std::string_view attribute_section(std::string_view name, std::string_view ns) {
  if (ns == ns_xml) return name == "lang" ? "4.3.2.1" : "4.3.2.2";
  if (ns == ns_fs) return name == "subFs" ? "5.3.5.2" : "5.3.5.1";
  if (!ns.empty()) return "5.7.5";
  static const std::map<std::string_view, std::string_view> sections = {
      {"appliesTo", "4.3.1.1"},      {"canCopy", "4.3.1.2"},       {"canDelete", "4.3.1.3"},
      {"canOverlap", "4.3.1.4"},     {"canReorder", "4.3.1.5"},    {"canResegment", "4.3.1.6"},
      {"category", "4.3.1.7"},       {"copyOf", "4.3.1.8"},        {"dataRef", "4.3.1.9"},
      {"dataRefEnd", "4.3.1.10"},    {"dataRefStart", "4.3.1.11"}, {"dir", "4.3.1.12"},
      {"disp", "4.3.1.13"},          {"dispEnd", "4.3.1.14"},      {"dispStart", "4.3.1.15"},
      {"equiv", "4.3.1.16"},         {"equivEnd", "4.3.1.17"},     {"equivStart", "4.3.1.18"},
      {"hex", "4.3.1.19"},           {"href", "4.3.1.20"},         {"id", "4.3.1.21"},
      {"isolated", "4.3.1.22"},      {"name", "4.3.1.23"},         {"order", "4.3.1.24"},
      {"original", "4.3.1.25"},      {"priority", "4.3.1.26"},     {"ref", "4.3.1.27"},
      {"srcDir", "4.3.1.28"},        {"srcLang", "4.3.1.29"},      {"startRef", "4.3.1.30"},
      {"state", "4.3.1.31"},         {"subFlows", "4.3.1.32"},     {"subFlowsEnd", "4.3.1.33"},
      {"subFlowsStart", "4.3.1.34"}, {"subState", "4.3.1.35"},     {"subType", "4.3.1.36"},
      {"trgLang", "4.3.1.37"},       {"translate", "4.3.1.38"},    {"trgDir", "4.3.1.39"},
      {"type", "4.3.1.40"},          {"value", "4.3.1.41"},        {"version", "4.3.1.42"},
  };
  const auto it = sections.find(name);
  return it == sections.end() ? "4.3.1" : it->second;
}

// The values of fs:fs (XLIFF 2.1 section 5.3.5.1).
constexpr std::string_view fs_values[] = {
    "a",      "b",    "bdo",   "big",   "blockquote", "body",   "br",   "button", "caption",
    "center", "cite", "code",  "col",   "colgroup",   "dd",     "del",  "div",    "dl",
    "dt",     "em",   "h1",    "h2",    "h3",         "h4",     "h5",   "h6",     "head",
    "hr",     "html", "i",     "img",   "label",      "legend", "li",   "ol",     "p",
    "pre",    "q",    "s",     "samp",  "select",     "small",  "span", "strike", "strong",
    "sub",    "sup",  "table", "tbody", "td",         "tfoot",  "th",   "thead",  "title",
    "tr",     "tt",   "u",     "ul"};

bool is_fs_value(std::string_view v) {
  return std::find(std::begin(fs_values), std::end(fs_values), v) != std::end(fs_values);
}

/// Module namespaces with the attributes they define for core elements.
bool module_attribute_known(std::string_view ns, std::string_view name) {
  if (ns == ns_fs) return name == "fs" || name == "subFs";
  if (ns == ns_slr)
    return name == "storageRestriction" || name == "sizeRestriction" || name == "equivStorage" ||
           name == "sizeInfo" || name == "sizeInfoRef";
  return true;  // other namespaces: not checked here
}

struct module_info {
  std::string_view ns, title, section;
  std::vector<std::string_view> in_file, in_group, in_unit;
};

const module_info* module_of(std::string_view ns) {
  static const std::vector<module_info> modules = {
      {ns_mtc, "Translation Candidates", "5.1.6", {}, {}, {"matches"}},
      {ns_gls, "Glossary", "5.2.4", {}, {}, {"glossary"}},
      {ns_fs, "Format Style", "5.3.4", {}, {}, {}},
      {ns_mda, "Metadata", "5.4.4", {"metadata"}, {"metadata"}, {"metadata"}},
      {ns_res, "Resource Data", "5.5.4", {"resourceData"}, {}, {"resourceData"}},
      {ns_ctr, "Change Tracking", "5.6.4", {"changeTrack"}, {"changeTrack"}, {"changeTrack"}},
      {ns_slr, "Size and Length Restriction", "5.7.4", {"profiles", "data"}, {"data"}, {"data"}},
      {ns_val, "Validation", "5.8.4", {"validation"}, {"validation"}, {"validation"}},
  };
  for (const module_info& m : modules)
    if (m.ns == ns) return &m;
  return nullptr;
}

bool is_module_namespace(std::string_view ns) {
  return module_of(ns) != nullptr || ns == ns_its || ns == ns_itsm;
}

std::string quoted_code(std::string_view name, std::string_view attr, std::string_view id) {
  return "`<" + std::string(name) + " " + std::string(attr) + "=\"" + std::string(id) + "\">`";
}

std::string_view yes_default(const element& e, std::string_view name) {
  const std::string_view v = e.get(name);
  return v.empty() ? std::string_view("yes") : v;
}

bool is_code(code_kind k) {
  return k == code_kind::ph || k == code_kind::pc || k == code_kind::sc || k == code_kind::ec;
}

/// One position in the flattened inline content of one side (source or target) of a unit.
struct token {
  const inline_node* node;
  bool pc_end = false;  ///< the end of a <pc>
  const segment* part;
};

void flatten(const std::vector<inline_node>& nodes, const segment* part, std::vector<token>& out) {
  for (const inline_node& n : nodes) {
    if (n.kind == code_kind::text || n.kind == code_kind::cp) continue;
    out.push_back({&n, false, part});
    if (n.kind == code_kind::pc || n.kind == code_kind::mrk) {
      flatten(n.children, part, out);
      if (n.kind == code_kind::pc) out.push_back({&n, true, part});
    }
  }
}

/// A code's identity across source and target. A <pc> and an <sc>/<ec> pair are one spanning
/// code, since modifiers may turn one into the other (XLIFF 2.1 section 4.7.2.2): "ph:1",
/// "span:1" for the start of a spanning code, "span/:1" for its end.
std::string code_key(const token& t) {
  const inline_node& n = *t.node;
  if (n.kind == code_kind::ph) return "ph:" + std::string(n.id());
  if (n.kind == code_kind::ec) {
    const std::string_view ref = n.get("startRef");
    return "span/:" + std::string(ref.empty() ? n.id() : ref);
  }
  return (t.pc_end ? "span/:" : "span:") + std::string(n.id());
}

/// Inline elements that may stand for one another between source and target: a standalone
/// code, a spanning code (<pc>, <sc>, <ec>), an annotation (<mrk>, <sm>).
int family(code_kind k) {
  if (k == code_kind::ph) return 0;
  if (k == code_kind::pc || k == code_kind::sc || k == code_kind::ec) return 1;
  return 2;
}

std::string describe_code(const token& t) {
  const inline_node& n = *t.node;
  if (n.kind == code_kind::ec && n.has("startRef"))
    return quoted_code("ec", "startRef", n.get("startRef"));
  return quoted_code(to_string(n.kind), "id", n.id());
}

/// The canReorder value of a token; the end of a <pc> continues its sequence.
std::string_view reorder_of(const token& t) {
  const std::string_view r = yes_default(*t.node, "canReorder");
  if (t.pc_end) return r == "yes" ? "yes" : "no";
  return r;
}

// --- the validator ---------------------------------------------------------------------------

struct inherited {
  std::string_view lang;
  std::string_view space = "default";
};

class validator {
 public:
  validator(const document& doc, std::uint32_t file, diagnostic_sink& sink,
            const validate_options& options)
      : doc_(doc), file_(file), sink_(sink), options_(options) {}

  void run() {
    check_attributes(doc_, spec("xliff"));
    const std::string_view version = doc_.version();
    if (doc_.has("version")) {
      const bool v20 = version == "2.0" || version == "2.1";
      const bool ok = doc_.ns == ns_core22 ? version == "2.2" : v20;
      if (!ok)
        report(diag::xliff2_not_xliff2, attr_offset(doc_, "version"),
               {"xliff", doc_.ns, std::string(version)});
    }
    src_lang_ = doc_.src_lang();
    trg_lang_ = doc_.trg_lang();
    inherited root;
    root.lang = doc_.get("lang", ns_xml);
    if (doc_.has("space", ns_xml)) root.space = doc_.get("space", ns_xml);
    if (doc_.files.empty())
      report(diag::xliff2_missing_child, doc_.offset,
             {"xliff", "`<file>`", "`<file>`+", "4.2.2.1"});
    std::map<std::string_view, bool> file_ids;
    for (const file& f : doc_.files) {
      unique_id(f, "file", "`<xliff>`", "4.3.1.21", file_ids);
      check_file(f, root);
    }
    if (first_target_ != no_offset && !doc_.has("trgLang"))
      report(diag::xliff2_missing_trglang, doc_.offset, {});
  }

 private:
  source_location loc(std::uint32_t offset) const {
    return {file_, offset == no_offset ? 0 : offset};
  }
  void report(diag code, std::uint32_t offset, std::vector<std::string> args) {
    sink_.report(code, loc(offset), std::move(args));
  }
  static std::uint32_t attr_offset(const element& e, std::string_view name,
                                   std::string_view ns = {}) {
    const attribute* a = e.find(name, ns);
    return a && a->offset != no_offset ? a->offset : e.offset;
  }
  /// Where `a` is, or where its `owner` (an element or an xml_node) is when that is unknown.
  template <class Owner>
  static std::uint32_t at_attr(const attribute& a, const Owner& owner) {
    return a.offset != no_offset ? a.offset : owner.offset;
  }

  /// Reports a repeated id of `e` in the scope `ids` (id -> seen).
  template <class Element>
  void unique_id(const Element& e, std::string_view name, const std::string& scope,
                 std::string_view section, std::map<std::string_view, bool>& ids) {
    const attribute* id = e.find("id");
    if (!id || id->value.empty()) return;
    if (!ids.emplace(id->value, true).second)
      report(diag::xliff2_duplicate_id, at_attr(*id, e),
             {std::string(name), id->value, scope, std::string(section)});
  }

  static std::string scope_of(std::string_view name, const element& e) {
    return "`<" + std::string(name) + " id=\"" + std::string(e.get("id")) + "\">`";
  }

  /// Parses the fragment identifier `ref` into `f`; false, with the rule it breaks reported at
  /// `at`, when it is not one.
  bool parse_ref(const attribute& ref, std::uint32_t at, syntax::fragment& f) {
    std::string_view prefix;
    switch (syntax::parse_fragment(ref.value, f, prefix, options_.extension_prefixes)) {
      case syntax::fragment_error::syntax:
        report(diag::xliff2_fragid_syntax, at, {ref.value});
        return false;
      case syntax::fragment_error::selectors:
        report(diag::xliff2_fragid_selectors, at, {ref.value});
        return false;
      case syntax::fragment_error::prefix:
        report(diag::xliff2_fragid_prefix, at, {ref.value, std::string(prefix)});
        return false;
      case syntax::fragment_error::none:
        break;
    }
    return true;
  }

  // --- attributes ---------------------------------------------------------------------------

  void check_attributes(const element& e, const element_spec& s) {
    for (const attr_spec& a : s.attributes)
      if (a.required && !e.has(a.name))
        report(diag::xliff2_missing_attribute, e.offset,
               {std::string(s.name), std::string(a.name), std::string(s.section)});
    bool has_fs = false, has_sub_fs = false;
    for (const attribute& a : e.attributes) {
      const std::string qualified = a.prefix.empty() ? a.name : a.prefix + ":" + a.name;
      const std::uint32_t offset = at_attr(a, e);
      if (a.ns.empty()) {
        const auto it = std::find_if(s.attributes.begin(), s.attributes.end(),
                                     [&](const attr_spec& x) { return x.name == a.name; });
        if (it == s.attributes.end()) {
          report(diag::xliff2_attribute_not_allowed, offset,
                 {qualified, std::string(s.name), std::string(s.section)});
        } else {
          check_value(a, it->type, offset);
        }
        continue;
      }
      if (a.ns == ns_xml) {
        const bool listed = (a.name == "lang" && s.xml_lang) || (a.name == "space" && s.xml_space);
        const bool other_ok = s.policy == others::any;
        if (!listed && !other_ok) {
          report(diag::xliff2_attribute_not_allowed, offset,
                 {"xml:" + a.name, std::string(s.name), std::string(s.section)});
        } else if (a.name == "lang" && !a.value.empty() && !syntax::is_bcp47(a.value)) {
          report(diag::xliff2_bad_language, offset, {"xml:lang", a.value, "4.3.2.1"});
        } else if (a.name == "space") {
          if (s.name == "data" && a.value != "preserve")
            report(diag::xliff2_bad_value, offset,
                   {"xml:space", a.value, "`preserve`", "4.2.2.11"});
          else if (a.value != "default" && a.value != "preserve")
            report(diag::xliff2_bad_value, offset,
                   {"xml:space", a.value, "`default` | `preserve`", "4.3.2.2"});
        }
        continue;
      }
      const bool module = a.ns == ns_fs || a.ns == ns_slr;
      if (s.policy == others::none || (s.policy == others::modules && !module)) {
        report(diag::xliff2_attribute_not_allowed, offset,
               {qualified, std::string(s.name), std::string(s.section)});
        continue;
      }
      if (!module_attribute_known(a.ns, a.name)) {
        report(diag::xliff2_attribute_not_allowed, offset,
               {qualified, std::string(s.name), a.ns == ns_fs ? "5.3.5" : "5.7.5"});
        continue;
      }
      if (a.ns == ns_fs) {
        if (a.name == "fs") {
          has_fs = true;
          if (!is_fs_value(a.value))
            report(diag::xliff2_bad_value, offset,
                   {qualified, a.value,
                    "an HTML element name from the `fs:fs` table (`a`, `b`, `bdo`, ... `u`, `ul`)",
                    "5.3.5.1"});
        } else {
          has_sub_fs = true;
        }
        if (s.name == "ec" && e.get("isolated") != "yes")
          report(diag::xliff2_fs_placement, offset, {qualified});
      }
      if (a.ns == ns_slr) check_slr_attribute(e, s.name, a, qualified, offset);
    }
    if (has_sub_fs && !has_fs)
      report(diag::xliff2_fs_placement, attr_offset(e, "subFs", ns_fs), {"fs:subFs"});
    if (const attribute* info = e.find("sizeInfo", ns_slr); info && e.has("sizeInfoRef", ns_slr))
      report(diag::xliff2_attribute_not_allowed, at_attr(*info, e),
             {"slr:sizeInfo",
              std::string(s.name) + " slr:sizeInfoRef=\"" +
                  std::string(e.get("sizeInfoRef", ns_slr)) + "\"",
              "5.7.5.9"});
  }

  /// Checks an attribute's value against its type; `defined_in` is the section defining the
  /// attribute, when it is not a core attribute (attribute_section).
  void check_value(const attribute& a, value_type type, std::uint32_t offset,
                   std::string_view defined_in = {}) {
    const std::string_view v = a.value;
    const auto bad = [&](std::string_view expected, std::string_view section = {}) {
      if (section.empty()) section = defined_in;
      report(diag::xliff2_bad_value, offset,
             {a.name, a.value, std::string(expected),
              std::string(section.empty() ? attribute_section(a.name, a.ns) : section)});
    };
    const auto user_defined = [](std::string_view s) {
      const std::size_t colon = s.find(':');
      if (colon == std::string_view::npos || colon == 0 || colon + 1 == s.size()) return false;
      return std::none_of(
                 s.begin(), s.end(),
                 [&](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }) &&
             s.find(':', colon + 1) == std::string_view::npos;
    };
    switch (type) {
      case vt::text:
        break;
      case vt::nmtoken:
        if (!syntax::is_nmtoken(v)) bad("xs:NMTOKEN");
        break;
      case vt::nmtokens:
        if (!syntax::is_nmtokens(v)) bad("xs:NMTOKENS");
        break;
      case vt::yes_no:
        if (v != "yes" && v != "no") bad("`yes` | `no`");
        break;
      case vt::yes_no_first_no:
        if (v != "yes" && v != "no" && v != "firstNo") bad("`yes` | `firstNo` | `no`");
        break;
      case vt::dir:
        if (v != "ltr" && v != "rtl" && v != "auto") bad("`ltr` | `rtl` | `auto`");
        break;
      case vt::applies_to:
        if (v != "source" && v != "target") bad("`source` | `target`");
        break;
      case vt::user_defined:
        if (!user_defined(v)) {
          bad("`prefix:value`");
        } else if (a.name == "subType" && v.rfind("xlf:", 0) == 0) {
          const std::string_view sub = v.substr(4);
          if (sub != "lb" && sub != "pb" && sub != "b" && sub != "i" && sub != "u" && sub != "var")
            bad("`xlf:lb` | `xlf:pb` | `xlf:b` | `xlf:i` | `xlf:u` | `xlf:var` | `prefix:value`");
        } else if (a.name == "type" && v.rfind("xlf:", 0) == 0) {
          bad("`prefix:value` with a prefix other than the reserved `xlf`");
        }
        break;
      case vt::code_type:
        if (v != "fmt" && v != "ui" && v != "quote" && v != "link" && v != "image" && v != "other")
          bad("`fmt` | `ui` | `quote` | `link` | `image` | `other`");
        break;
      case vt::mrk_type:
        if (v != "generic" && v != "comment" && v != "term" && !user_defined(v))
          bad("`generic` | `comment` | `term` | `prefix:value`");
        break;
      case vt::priority: {
        const bool ok =
            syntax::is_nmtoken(v) && v.size() <= 2 &&
            std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
            std::stoi(std::string(v)) >= 1 && std::stoi(std::string(v)) <= 10;
        if (!ok) bad("`1` ... `10`");
        break;
      }
      case vt::state:
        if (v != "initial" && v != "translated" && v != "reviewed" && v != "final")
          bad("`initial` | `translated` | `reviewed` | `final`");
        break;
      case vt::positive_int: {
        const bool digits = !v.empty() && std::all_of(v.begin(), v.end(),
                                                      [](char c) { return c >= '0' && c <= '9'; });
        if (!digits || v.find_first_not_of('0') == std::string_view::npos)
          bad("xs:positiveInteger");
        break;
      }
      case vt::language:
        if (!syntax::is_bcp47(v))
          report(diag::xliff2_bad_language, offset,
                 {a.name, a.value, std::string(attribute_section(a.name, a.ns))});
        break;
      case vt::hex: {
        const bool hex = !v.empty() && v.size() % 2 == 0 && v.size() <= 8 &&
                         std::all_of(v.begin(), v.end(), [](char c) {
                           return std::isxdigit(static_cast<unsigned char>(c)) != 0;
                         });
        if (!hex || std::stoul(std::string(v), nullptr, 16) > 0x10FFFF)
          bad("xs:hexBinary, a code point from `0000` to `10FFFF`");
        break;
      }
      case vt::match_type:
        if (v != "am" && v != "mt" && v != "icm" && v != "idm" && v != "tb" && v != "tm" &&
            v != "other")
          bad("`am` | `mt` | `icm` | `idm` | `tb` | `tm` | `other`");
        break;
      case vt::percent: {
        // xs:decimal: white space around the value is collapsed away, and a sign is allowed
        // (`-0.0`, as Java's Float.toString writes a negative zero, is 0).
        const std::size_t from = v.find_first_not_of(" \t\r\n");
        const std::string_view trimmed =
            from == std::string_view::npos
                ? std::string_view()
                : v.substr(from, v.find_last_not_of(" \t\r\n") - from + 1);
        const bool negative = !trimmed.empty() && trimmed[0] == '-';
        const std::string_view unsigned_v =
            !trimmed.empty() && (trimmed[0] == '+' || negative) ? trimmed.substr(1) : trimmed;
        const std::size_t dot = unsigned_v.find('.');
        const std::string_view whole = unsigned_v.substr(0, dot),
                               fraction = dot == std::string_view::npos
                                              ? std::string_view()
                                              : unsigned_v.substr(dot + 1);
        const auto digits = [](std::string_view d) {
          return std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
        };
        const bool decimal =
            !unsigned_v.empty() && unsigned_v != "." && digits(whole) && digits(fraction);
        // At most 100: the whole part below 100, or 100 with a zero fraction.
        const std::size_t first = whole.find_first_not_of('0');
        const std::string_view significant =
            first == std::string_view::npos ? std::string_view() : whole.substr(first);
        const bool zero_fraction = fraction.find_first_not_of('0') == std::string_view::npos;
        const bool in_range =
            negative ? significant.empty() && zero_fraction
                     : significant.size() < 3 || (significant == "100" && zero_fraction);
        if (!decimal || !in_range) bad("a decimal from `0.0` to `100.0`");
        break;
      }
      case vt::normalization:
        if (v != "none" && v != "nfc" && v != "nfd") bad("`none` | `nfc` | `nfd`");
        break;
      case vt::mda_applies_to:
        if (v != "source" && v != "target" && v != "ignorable")
          bad("`source` | `target` | `ignorable`");
        break;
      case vt::space:
      case vt::version:
        break;
    }
  }

  // --- structure --------------------------------------------------------------------------

  /// Where a module element stands: the <file>, <group> or <unit> holding it.
  struct module_context {
    std::string_view parent;                   ///< "file", "group" or "unit"
    const std::vector<note>* notes = nullptr;  ///< its notes
    const unit* in_unit = nullptr;             ///< the unit, when `parent` is "unit"
  };

  void check_extensions(const std::vector<xml_node>& extensions, const module_context& where) {
    const std::string_view parent = where.parent;
    for (const xml_node& x : extensions) {
      if (x.type != xml_node::kind::element) continue;
      const module_info* m = module_of(x.ns);
      if (!m) continue;
      const std::vector<std::string_view>& allowed = parent == "file"    ? m->in_file
                                                     : parent == "group" ? m->in_group
                                                                         : m->in_unit;
      if (std::find(allowed.begin(), allowed.end(), x.name) == allowed.end())
        report(diag::xliff2_module_element, x.offset,
               {qualified(x), std::string(m->title), std::string(parent), std::string(m->section)});
      else if (x.ns == ns_mda)
        check_metadata(x);
      else if (x.ns == ns_mtc && where.in_unit)
        check_matches(x, *where.in_unit);
      else if (x.ns == ns_gls)
        check_glossary(x);
      else if (x.ns == ns_res)
        check_resource_data(x);
      else if (x.ns == ns_ctr)
        check_change_track(x, where);
      else if (x.ns == ns_slr)
        check_slr_element(x);
      else if (x.ns == ns_val)
        check_validation(x);
    }
  }

  // --- the Metadata module (XLIFF 2.1 section 5.4), which diaglot's merge writes itself -------

  /// The name of an xml_node or an attribute as written, `prefix:name`.
  template <class Named>
  static std::string qualified(const Named& x) {
    return x.prefix.empty() ? x.name : x.prefix + ":" + x.name;
  }

  /// <mda:metadata> holds one or more <mda:metaGroup>; a metaGroup holds one or more
  /// <mda:metaGroup> or <mda:meta>, whose `type` is required; metaGroup ids are unique in their
  /// <mda:metadata>.
  void check_metadata(const xml_node& metadata) {
    module_element_attributes(metadata, {{"id", vt::nmtoken, "5.4.4.1"}}, "5.4.4");
    std::map<std::string_view, bool> ids;
    const auto children = [&](const xml_node& parent, bool meta_allowed, const auto& self) -> void {
      bool any = false;
      for (const xml_node& c : parent.children) {
        if (c.type != xml_node::kind::element) continue;
        const bool group = c.ns == ns_mda && c.name == "metaGroup";
        const bool meta = meta_allowed && c.ns == ns_mda && c.name == "meta";
        if (!group && !meta) {
          report(diag::xliff2_not_allowed, c.offset,
                 {"`<" + qualified(c) + ">`", qualified(parent),
                  meta_allowed ? "`<mda:metaGroup>` and `<mda:meta>` elements"
                               : "`<mda:metaGroup>` elements",
                  "5.4.3"});
          continue;
        }
        any = true;
        if (meta) {
          module_element_attributes(c, {{"type", vt::text, "5.4.4.3"}}, "5.4.4");
          if (!c.find("type"))
            report(diag::xliff2_missing_attribute, c.offset, {qualified(c), "type", "5.4.4.3"});
          continue;
        }
        module_element_attributes(c,
                                  {{"id", vt::nmtoken, "5.4.4.1"},
                                   {"category", vt::text, "5.4.4.2"},
                                   {"appliesTo", vt::mda_applies_to, "5.4.4.4"}},
                                  "5.4.4");
        unique_module_id(c, ids, "its `<mda:metadata>`", "5.4.4.1");
        self(c, true, self);
      }
      if (!any)
        report(diag::xliff2_missing_child, parent.offset,
               {qualified(parent),
                meta_allowed ? "an `<mda:metaGroup>` or `<mda:meta>`" : "an `<mda:metaGroup>`",
                meta_allowed ? "one or more `<mda:metaGroup>` or `<mda:meta>`"
                             : "one or more `<mda:metaGroup>`",
                "5.4.3"});
    };
    children(metadata, false, children);
  }

  // --- the other modules (XLIFF 2.1 sections 5.1 to 5.8): what their elements hold ----------

  static bool is(const xml_node& x, std::string_view ns, std::string_view name) {
    return x.type == xml_node::kind::element && x.ns == ns && x.name == name;
  }

  /// An attribute without a namespace that a module element takes: its type, and the section
  /// defining it.
  struct module_attr {
    std::string_view name;
    value_type type;
    std::string_view section;
  };

  /// Attributes without a namespace on a module element: those `allowed`, each of its type, and
  /// the `required` ones present. `section` defines the element.
  void module_element_attributes(const xml_node& x, std::initializer_list<module_attr> allowed,
                                 std::string_view section,
                                 std::initializer_list<std::string_view> required = {}) {
    for (const std::string_view name : required)
      if (!x.find(name))
        report(diag::xliff2_missing_attribute, x.offset,
               {qualified(x), std::string(name), std::string(section)});
    for (const attribute& a : x.attributes) {
      if (!a.ns.empty()) continue;  // other namespaces' attributes
      const std::uint32_t at = at_attr(a, x);
      const auto it = std::find_if(allowed.begin(), allowed.end(),
                                   [&](const module_attr& m) { return m.name == a.name; });
      if (it == allowed.end())
        report(diag::xliff2_attribute_not_allowed, at,
               {a.name, qualified(x), std::string(section)});
      else
        check_value(a, it->type, at, it->section);
    }
  }

  /// The element children of a module element whose content is elements only (`model`, stated
  /// in `section`); text other than white space among them is reported.
  std::vector<const xml_node*> elements_of(const xml_node& parent, std::string_view model,
                                           std::string_view section) {
    std::vector<const xml_node*> out;
    for (const xml_node& c : parent.children) {
      if (c.type == xml_node::kind::element)
        out.push_back(&c);
      else if (c.type == xml_node::kind::text &&
               c.text.find_first_not_of(" \t\r\n") != std::string::npos)
        report(diag::xliff2_not_allowed, c.offset != no_offset ? c.offset : parent.offset,
               {"#PCDATA", qualified(parent), std::string(model), std::string(section)});
    }
    return out;
  }
  /// The children of a module element whose content is one or more `ns`:`name` elements
  /// (`model`, stated in `section`): `each` is called on every one; another element, or none
  /// at all (`a_child` names the one missing: "a `<ctr:item>`"), is reported.
  template <typename Each>
  void one_or_more(const xml_node& parent, std::string_view ns, std::string_view name,
                   std::string_view a_child, std::string_view model, std::string_view section,
                   Each&& each) {
    bool any = false;
    for (const xml_node* c : elements_of(parent, model, section)) {
      if (!is(*c, ns, name)) {
        not_allowed_in(*c, parent, model, section);
        continue;
      }
      any = true;
      each(*c);
    }
    if (!any)
      report(diag::xliff2_missing_child, parent.offset,
             {qualified(parent), std::string(a_child), std::string(model), std::string(section)});
  }

  void not_allowed_in(const xml_node& child, const xml_node& parent, std::string_view model,
                      std::string_view section) {
    report(diag::xliff2_not_allowed, child.offset,
           {"`<" + qualified(child) + ">`", qualified(parent), std::string(model),
            std::string(section)});
  }

  /// Reports an `id` of `x` already used in `ids`, the scope `scope`.
  void unique_module_id(const xml_node& x, std::map<std::string_view, bool>& ids,
                        const std::string& scope, std::string_view section) {
    if (const attribute* id = x.find("id"); id && !ids.emplace(id->value, true).second)
      report(diag::xliff2_duplicate_id, at_attr(*id, x),
             {qualified(x), id->value, scope, std::string(section)});
  }

  // Translation Candidates (section 5.1): <mtc:matches> in a <unit>.

  void check_matches(const xml_node& matches, const unit& u) {
    constexpr std::string_view model = "one or more `<mtc:match>`";
    module_element_attributes(matches, {}, "5.1.5.2");
    std::map<std::string_view, bool> ids;
    one_or_more(matches, ns_mtc, "match", "an `<mtc:match>`", model, "5.1.5.2",
                [&](const xml_node& m) {
                  check_match(m, u);
                  unique_module_id(m, ids, "its `<mtc:matches>`", "5.1.6.1");
                });
  }

  void check_match(const xml_node& m, const unit& u) {
    constexpr std::string_view model =
        "`<mda:metadata>`?, `<originalData>`?, `<source>`, `<target>`, then elements of other "
        "namespaces";
    module_element_attributes(m,
                              {{"id", vt::nmtoken, "5.1.6.1"},
                               {"matchQuality", vt::percent, "5.1.6.2"},
                               {"matchSuitability", vt::percent, "5.1.6.3"},
                               {"origin", vt::text, "5.1.6.4"},
                               {"ref", vt::text, "5.1.6.5"},
                               {"reference", vt::yes_no, "5.1.6.6"},
                               {"similarity", vt::percent, "5.1.6.7"},
                               {"subType", vt::user_defined, "5.1.6.8"},
                               {"type", vt::match_type, "5.1.6.9"}},
                              "5.1.5.3", {"ref"});
    // A candidate is in the language of the document (its source) or of the target.
    if (const attribute* lang = m.find("lang", ns_xml))
      report(diag::xliff2_attribute_not_allowed, at_attr(*lang, m),
             {"xml:lang", qualified(m), "5.1.5.3"});
    if (const attribute* sub = m.find("subType"); sub && !m.find("type"))
      report(diag::xliff2_subtype_type, at_attr(*sub, m), {sub->value, "`type`"});
    if (const attribute* ref = m.find("ref")) check_match_ref(*ref, m, u);
    int sources = 0, targets = 0;
    for (const xml_node* c : elements_of(m, model, "5.1.5.3")) {
      const bool source = is(*c, doc_.ns, "source"), target = is(*c, doc_.ns, "target");
      if ((source && ++sources > 1) || (target && ++targets > 1))
        not_allowed_in(*c, m, model, "5.1.5.3");
    }
    if (sources == 0)
      report(diag::xliff2_missing_child, m.offset,
             {qualified(m), "a `<source>`", std::string(model), "5.1.5.3"});
    if (targets == 0)
      report(diag::xliff2_missing_child, m.offset,
             {qualified(m), "a `<target>`", std::string(model), "5.1.5.3"});
  }

  /// The `ref` of a candidate points to a span of text in its unit: a <segment>, an <ignorable>
  /// or an inline element of a source (no prefix) or of a target (`t=`).
  void check_match_ref(const attribute& ref, const xml_node& m, const unit& u) {
    const std::uint32_t at = at_attr(ref, m);
    syntax::fragment f;
    if (!parse_ref(ref, at, f) || u.names_span(f, current_file_->id())) return;
    std::string expected =
        "a fragment identifier of a `<segment>`, `<ignorable>` or inline element of this "
        "`<unit>`";
    const std::set<std::string_view> source_ids = u.span_ids(false);
    if (!source_ids.empty()) expected += ", such as `#" + std::string(*source_ids.begin()) + "`";
    report(diag::xliff2_bad_value, at, {ref.name, ref.value, expected, "5.1.6.5"});
  }

  // Glossary (section 5.2): <gls:glossary> in a <unit>.

  void check_glossary(const xml_node& glossary) {
    constexpr std::string_view model = "one or more `<gls:glossEntry>`";
    module_element_attributes(glossary, {}, "5.2.4.2");
    std::map<std::string_view, bool> ids;  // of glossEntry and translation elements
    one_or_more(glossary, ns_gls, "glossEntry", "a `<gls:glossEntry>`", model, "5.2.4.2",
                [&](const xml_node& e) { check_gloss_entry(e, ids); });
  }

  void check_gloss_entry(const xml_node& entry, std::map<std::string_view, bool>& ids) {
    constexpr std::string_view model =
        "one `<gls:term>`, `<gls:translation>`*, `<gls:definition>`?, then elements of other "
        "namespaces, with at least one `<gls:translation>` or `<gls:definition>`";
    module_element_attributes(entry, {{"id", vt::nmtoken, "5.2.5.1"}, {"ref", vt::text, "5.2.5.2"}},
                              "5.2.4.3");
    unique_module_id(entry, ids, "its `<gls:glossary>`", "5.2.5.1");
    // After the term (1): translations; after the definition (2); after elements of other
    // namespaces (3).
    int stage = 0;
    bool term = false, translation_or_definition = false;
    for (const xml_node* c : elements_of(entry, model, "5.2.4.3")) {
      bool ok = false;
      if (is(*c, ns_gls, "term")) {
        ok = !term;
        term = true;
        stage = 1;
        module_element_attributes(*c, {{"source", vt::text, "5.2.5.3"}}, "5.2.4.4");
      } else if (is(*c, ns_gls, "translation")) {
        ok = term && stage == 1;
        translation_or_definition = true;
        module_element_attributes(*c,
                                  {{"id", vt::nmtoken, "5.2.5.1"},
                                   {"ref", vt::text, "5.2.5.2"},
                                   {"source", vt::text, "5.2.5.3"}},
                                  "5.2.4.5");
        unique_module_id(*c, ids, "its `<gls:glossary>`", "5.2.5.1");
      } else if (is(*c, ns_gls, "definition")) {
        ok = term && stage == 1;
        stage = 2;
        translation_or_definition = true;
        module_element_attributes(*c, {{"source", vt::text, "5.2.5.3"}}, "5.2.4.6");
      } else if (c->ns != ns_gls && !c->ns.empty()) {
        ok = term;
        stage = 3;
      }
      if (!ok) not_allowed_in(*c, entry, model, "5.2.4.3");
    }
    if (!term)
      report(diag::xliff2_missing_child, entry.offset,
             {qualified(entry), "a `<gls:term>`", std::string(model), "5.2.4.3"});
    else if (!translation_or_definition)
      report(diag::xliff2_missing_child, entry.offset,
             {qualified(entry), "a `<gls:translation>` or `<gls:definition>`", std::string(model),
              "5.2.4.3"});
  }

  // Resource Data (section 5.5): <res:resourceData> in a <file> or a <unit>.

  void check_resource_data(const xml_node& data) {
    constexpr std::string_view model = "`<res:resourceItemRef>` and `<res:resourceItem>` elements";
    module_element_attributes(data, {}, "5.5.4.2");
    std::map<std::string_view, bool> ids;  // of resourceItemRef and resourceItem elements
    for (const xml_node* c : elements_of(data, model, "5.5.4.2")) {
      if (is(*c, ns_res, "resourceItemRef")) {
        module_element_attributes(*c,
                                  {{"id", vt::nmtoken, "5.5.4.3"}, {"ref", vt::nmtoken, "5.5.4.3"}},
                                  "5.5.4.3", {"ref"});
        unique_module_id(*c, ids, "its `<res:resourceData>`", "5.5.4.3");
      } else if (is(*c, ns_res, "resourceItem")) {
        check_resource_item(*c);
        unique_module_id(*c, ids, "its `<res:resourceData>`", "5.5.4.4");
      } else {
        not_allowed_in(*c, data, model, "5.5.4.2");
      }
    }
  }

  void check_resource_item(const xml_node& item) {
    constexpr std::string_view model = "`<res:source>`?, `<res:target>`?, `<res:reference>`*";
    module_element_attributes(item,
                              {{"id", vt::nmtoken, "5.5.4.4"},
                               {"mimeType", vt::text, "5.5.4.4"},
                               {"context", vt::yes_no, "5.5.4.4"}},
                              "5.5.4.4");
    for (const xml_node* c : elements_of(item, model, "5.5.4.4")) {
      const bool source = is(*c, ns_res, "source"), target = is(*c, ns_res, "target");
      if (is(*c, ns_res, "reference")) {
        module_element_attributes(*c, {{"href", vt::text, "5.5.4.7"}}, "5.5.4.7", {"href"});
        continue;
      }
      if (!source && !target) {
        not_allowed_in(*c, item, model, "5.5.4.4");
        continue;
      }
      const std::string_view section = source ? "5.5.4.5" : "5.5.4.6";
      module_element_attributes(*c, {{"href", vt::text, section}}, section);
      // The resource is given here or by href, never both.
      const auto content = [](const xml_node& k) {
        return k.type == xml_node::kind::element ||
               (k.type == xml_node::kind::text &&
                k.text.find_first_not_of(" \t\r\n") != std::string::npos);
      };
      const auto first_content = std::find_if(c->children.begin(), c->children.end(), content);
      const bool empty = first_content == c->children.end();
      const bool href = c->find("href") != nullptr;
      if (empty && !href) {
        report(diag::xliff2_missing_attribute, c->offset,
               {qualified(*c), "href", std::string(section)});
      } else if (!empty && href) {
        const xml_node& k = *first_content;
        report(diag::xliff2_not_allowed, k.offset != no_offset ? k.offset : c->offset,
               {k.type == xml_node::kind::element ? "`<" + qualified(k) + ">`"
                                                  : std::string("#PCDATA"),
                qualified(*c), "nothing when it has `href`, else elements of other namespaces",
                std::string(section)});
      } else if (!empty) {
        elements_of(*c, "elements of other namespaces", section);
      }
      // A source is in the source language. (That a target is in the target language is not
      // checked: the suite's valid Good-res_source-has-no-content-and-href.xlf breaks it.)
      if (const attribute* lang = c->find("lang", ns_xml); source && lang &&
                                                           syntax::is_bcp47(lang->value) &&
                                                           !syntax::iequals(lang->value, src_lang_))
        report(diag::xliff2_language_mismatch, at_attr(*lang, *c),
               {qualified(*c), lang->value, "srcLang", std::string(src_lang_), "5.5.4.5"});
    }
  }

  // Change Tracking (section 5.6): <ctr:changeTrack> in a <file>, <group> or <unit>, which
  // diaglot's merge writes itself.

  void check_change_track(const xml_node& track, const module_context& where) {
    constexpr std::string_view model = "one or more `<ctr:revisions>`";
    module_element_attributes(track, {}, "5.6.4.2");
    one_or_more(track, ns_ctr, "revisions", "a `<ctr:revisions>`", model, "5.6.4.2",
                [&](const xml_node& r) { check_revisions(r, where); });
  }

  /// The note a <ctr:revisions appliesTo="note"> revises: the one its `ref` names, or the only
  /// note there is. A `ref` naming no note, or none where there are several notes with ids, is
  /// reported.
  const note* revised_note(const xml_node& revisions, const module_context& where) {
    const std::vector<note>& notes = *where.notes;
    const attribute* ref = revisions.find("ref");
    if (!ref) {
      const bool all_ids =
          std::all_of(notes.begin(), notes.end(), [](const note& n) { return n.has("id"); });
      if (notes.size() > 1 && all_ids)
        report(diag::xliff2_missing_attribute, revisions.offset,
               {qualified(revisions), "ref", "5.6.4.3"});
      return notes.size() == 1 ? &notes.front() : nullptr;
    }
    for (const note& n : notes)
      if (n.has("id") && n.get("id") == ref->value) return &n;
    std::string ids;
    for (const note& n : notes)
      if (n.has("id")) ids += (ids.empty() ? "`" : ", `") + std::string(n.get("id")) + "`";
    report(diag::xliff2_bad_value, at_attr(*ref, revisions),
           {"ref", ref->value,
            "the id of a `<note>` of the enclosing `<" + std::string(where.parent) + ">`" +
                (ids.empty() ? ", which has no note with an id" : ": " + ids),
            "5.6.5.5"});
    return nullptr;
  }

  void check_revisions(const xml_node& revisions, const module_context& where) {
    module_element_attributes(revisions,
                              {{"appliesTo", vt::text, "5.6.5.1"},
                               {"ref", vt::text, "5.6.5.5"},
                               {"currentVersion", vt::text, "5.6.5.3"}},
                              "5.6.4.3", {"appliesTo"});
    const attribute* applies_to = revisions.find("appliesTo");
    const note* revised =
        applies_to && applies_to->value == "note" ? revised_note(revisions, where) : nullptr;
    constexpr std::string_view model = "one or more `<ctr:revision>`";
    one_or_more(revisions, ns_ctr, "revision", "a `<ctr:revision>`", model, "5.6.4.3",
                [&](const xml_node& r) { check_revision(r, revised); });
  }

  /// A revision holds items, one for each property of the element revised: `content`, or one of
  /// its attributes.
  void check_revision(const xml_node& revision, const note* revised) {
    constexpr std::string_view model = "one or more `<ctr:item>`, at most one for each `property`";
    module_element_attributes(revision,
                              {{"author", vt::text, "5.6.5.2"},
                               {"datetime", vt::text, "5.6.5.4"},
                               {"version", vt::text, "5.6.5.7"}},
                              "5.6.4.4");
    std::set<std::string_view> properties;
    one_or_more(revision, ns_ctr, "item", "a `<ctr:item>`", model, "5.6.4.4",
                [&](const xml_node& item) {
                  module_element_attributes(item, {{"property", vt::text, "5.6.5.6"}}, "5.6.4.5",
                                            {"property"});
                  const attribute* property = item.find("property");
                  if (!property) return;
                  if (!properties.insert(property->value).second) {
                    report(diag::xliff2_not_allowed, item.offset,
                           {quoted_code(qualified(item), "property", property->value),
                            qualified(revision), std::string(model), "5.6.4.4"});
                    return;
                  }
                  if (!revised || property->value == "content") return;
                  std::string names;
                  bool found = false;
                  for (const attribute& a : revised->attributes) {
                    const std::string name = qualified(a);
                    found = found || name == property->value;
                    names += (names.empty() ? ": `" : ", `") + name + "`";
                  }
                  if (!found)
                    report(diag::xliff2_bad_value, at_attr(*property, item),
                           {"property", property->value,
                            "`content` or the name of an attribute of the " +
                                (revised->has("id") ? quoted_code("note", "id", revised->get("id"))
                                                    : std::string("`<note>`")) +
                                " revised" + names,
                            "5.6.5.6"});
                });
  }

  // Size and Length Restriction (section 5.7): <slr:profiles> in a <file>, <slr:data> in a
  // <file>, <group> or <unit>, and the module's attributes on core elements.

  void check_slr_element(const xml_node& x) {
    if (x.name == "profiles") {
      constexpr std::string_view model =
          "`<slr:normalization>`?, then elements of other namespaces";
      module_element_attributes(
          x, {{"generalProfile", vt::text, "5.7.5.2"}, {"storageProfile", vt::text, "5.7.5.3"}},
          "5.7.4.2");
      bool first = true;
      for (const xml_node* c : elements_of(x, model, "5.7.4.2")) {
        if (is(*c, ns_slr, "normalization") && first)
          module_element_attributes(*c,
                                    {{"general", vt::normalization, "5.7.5.4"},
                                     {"storage", vt::normalization, "5.7.5.5"}},
                                    "5.7.4.3");
        else if (c->ns == ns_slr)
          not_allowed_in(*c, x, model, "5.7.4.2");
        first = false;
      }
    } else if (x.name == "data") {
      module_element_attributes(x, {{"profile", vt::text, "5.7.5.1"}}, "5.7.4.4", {"profile"});
      for (const xml_node* c : elements_of(x, "elements of other namespaces", "5.7.4.4"))
        if (c->ns == ns_slr) not_allowed_in(*c, x, "elements of other namespaces", "5.7.4.4");
    }
  }

  /// The profiles of the file being checked, and the ids of the elements inside the
  /// <slr:data> of it and of the groups and unit being checked.
  struct slr_scope {
    std::string general_profile, storage_profile;
    std::vector<std::set<std::string_view>> data_ids;

    bool standard_general() const { return general_profile == "xliff:codepoints"; }
    bool standard_storage() const {
      return storage_profile == "xliff:utf8" || storage_profile == "xliff:utf16" ||
             storage_profile == "xliff:utf32";
    }
  };

  void enter_slr_scope(const std::vector<xml_node>& extensions) {
    std::set<std::string_view> ids;
    const auto collect = [&](const xml_node& n, const auto& self) -> void {
      for (const attribute& a : n.attributes)
        if (a.name == "id" && (a.ns.empty() || a.ns == ns_xml)) ids.insert(a.value);
      for (const xml_node& c : n.children)
        if (c.type == xml_node::kind::element) self(c, self);
    };
    for (const xml_node& x : extensions)
      if (is(x, ns_slr, "data"))
        for (const xml_node& c : x.children)
          if (c.type == xml_node::kind::element) collect(c, collect);
    slr_.data_ids.push_back(std::move(ids));
  }
  void leave_slr_scope() { slr_.data_ids.pop_back(); }

  /// The file's profiles. With the standard profiles (`xliff:codepoints`; `xliff:utf8`,
  /// `xliff:utf16`, `xliff:utf32`), the restrictions' values have the standard profiles' format
  /// (section 5.7.6); other profiles define their own, and without <slr:profiles> no profile
  /// says what they hold (the suite's valid core/valid/withModulesAttributesInEc.xlf has
  /// `slr:sizeInfo="some info"` and no profile).
  void set_slr_profiles(const std::vector<xml_node>& extensions) {
    slr_.general_profile.clear();
    slr_.storage_profile.clear();
    for (const xml_node& x : extensions) {
      if (!is(x, ns_slr, "profiles")) continue;
      if (const attribute* g = x.find("generalProfile")) slr_.general_profile = g->value;
      if (const attribute* s = x.find("storageProfile")) slr_.storage_profile = s->value;
    }
  }

  void check_slr_attribute(const element& e, std::string_view element_name, const attribute& a,
                           const std::string& qualified_name, std::uint32_t offset) {
    const std::string_view v = a.value;
    const auto integer = [](std::string_view s) {
      return !s.empty() &&
             std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    // `*`, `max`, `min,max` or `min,*` (sections 5.7.6.1 and 5.7.6.2).
    const auto restriction = [&](std::string_view s) {
      if (s == "*") return true;
      const std::size_t comma = s.find(',');
      if (comma == std::string_view::npos) return integer(s);
      const std::string_view max = s.substr(comma + 1);
      return integer(s.substr(0, comma)) && (max == "*" || integer(max));
    };
    const auto bad = [&](std::string expected, std::string_view section) {
      report(diag::xliff2_bad_value, offset,
             {qualified_name, a.value, std::move(expected), std::string(section)});
    };
    const bool on_code =
        a.name == "equivStorage" || a.name == "sizeInfo" || a.name == "sizeInfoRef";
    if (on_code && element_name == "ec" && e.get("isolated") != "yes") {
      // An <ec> that is not isolated shares its <sc>'s.
      const std::string_view isolated = e.get("isolated");
      report(diag::xliff2_attribute_not_allowed, offset,
             {qualified_name,
              "ec isolated=\"" + std::string(isolated.empty() ? "no" : isolated) + "\"",
              a.name == "equivStorage" ? "5.7.5.8"
              : a.name == "sizeInfo"   ? "5.7.5.9"
                                       : "5.7.5.10"});
      return;
    }
    const std::string general = " (profile `" + slr_.general_profile + "`)";
    const std::string storage = " (profile `" + slr_.storage_profile + "`)";
    if (a.name == "sizeRestriction" && slr_.standard_general() && !restriction(v))
      bad("`*`, a maximum `n`, or `min,max` or `min,*`, in non-negative integers" + general,
          "5.7.6.1");
    else if (a.name == "storageRestriction" && slr_.standard_storage() && !restriction(v))
      bad("`*`, a maximum `n`, or `min,max` or `min,*`, in non-negative integers" + storage,
          "5.7.6.2");
    else if (a.name == "sizeInfo" && slr_.standard_general() && !integer(v))
      bad("a non-negative integer" + general, "5.7.6.1");
    else if (a.name == "equivStorage" && slr_.standard_storage() && !integer(v))
      bad("a non-negative integer" + storage, "5.7.6.2");
    else if (a.name == "sizeInfoRef" &&
             std::none_of(slr_.data_ids.begin(), slr_.data_ids.end(),
                          [&](const std::set<std::string_view>& ids) { return ids.count(v) != 0; }))
      bad("the id of an element inside an `<slr:data>` of this element or of one around it",
          "5.7.5.10");
  }

  // Validation (section 5.8): <val:validation> in a <file>, <group> or <unit>.

  void check_validation(const xml_node& validation) {
    constexpr std::string_view model = "one or more `<val:rule>`";
    module_element_attributes(validation, {}, "5.8.4.2");
    one_or_more(validation, ns_val, "rule", "a `<val:rule>`", model, "5.8.4.2",
                [&](const xml_node& r) { check_rule(r); });
  }

  /// A rule is exactly one of isPresent, isNotPresent, startsWith, endsWith, or a custom rule
  /// (attributes of other namespaces); existsInSource goes with isPresent, startsWith or
  /// endsWith.
  void check_rule(const xml_node& rule) {
    module_element_attributes(rule,
                              {{"isPresent", vt::text, "5.8.5.1"},
                               {"occurs", vt::positive_int, "5.8.5.2"},
                               {"isNotPresent", vt::text, "5.8.5.3"},
                               {"startsWith", vt::text, "5.8.5.4"},
                               {"endsWith", vt::text, "5.8.5.5"},
                               {"existsInSource", vt::yes_no, "5.8.5.6"},
                               {"caseSensitive", vt::yes_no, "5.8.5.7"},
                               {"normalization", vt::normalization, "5.8.5.8"},
                               {"disabled", vt::yes_no, "5.8.5.9"}},
                              "5.8.4.3");
    const attribute* first = nullptr;
    const auto with_first = [&] {
      return first ? qualified(rule) + " " + qualified(*first) + "=\"" + first->value + "\""
                   : qualified(rule);
    };
    bool custom = false;
    for (const attribute& a : rule.attributes) {
      const bool native = a.ns.empty() && (a.name == "isPresent" || a.name == "isNotPresent" ||
                                           a.name == "startsWith" || a.name == "endsWith");
      const bool other = !a.ns.empty() && !custom;  // one custom rule, however many attributes
      if (!native && !other) continue;
      custom = custom || other;
      if (!first) {
        first = &a;
        continue;
      }
      report(diag::xliff2_attribute_not_allowed, at_attr(a, rule),
             {qualified(a), with_first(), "5.8.4.3"});
    }
    if (!first)
      report(diag::xliff2_missing_attribute, rule.offset,
             {qualified(rule), "isPresent`, `isNotPresent`, `startsWith` or `endsWith", "5.8.4.3"});
    const attribute* exists = rule.find("existsInSource");
    if (exists && !rule.find("isPresent") && !rule.find("startsWith") && !rule.find("endsWith"))
      report(diag::xliff2_attribute_not_allowed, at_attr(*exists, rule),
             {"existsInSource", with_first(), "5.8.5.6"});
  }

  /// Extension identifiers (`id` or `xml:id` of elements from custom namespaces) are unique
  /// within their immediate <file>, <group> or <unit> (XLIFF 2.1 section 4.9.2).
  void extension_ids(const xml_node& n, const std::string& scope,
                     std::map<std::string_view, bool>& ids) {
    if (n.type != xml_node::kind::element) return;
    if (!n.ns.empty() && n.ns != doc_.ns && !is_module_namespace(n.ns)) {
      for (const attribute& a : n.attributes) {
        const bool is_id = (a.ns.empty() && a.name == "id") || (a.ns == ns_xml && a.name == "id");
        if (is_id && !ids.emplace(a.value, true).second)
          report(diag::xliff2_duplicate_id, at_attr(a, n), {qualified(n), a.value, scope, "4.9.2"});
      }
    }
    for (const xml_node& c : n.children) extension_ids(c, scope, ids);
  }

  void check_notes(const std::vector<note>& notes, const std::string& scope) {
    std::map<std::string_view, bool> ids;
    for (const note& n : notes) {
      check_attributes(n, spec("note"));
      unique_id(n, "note", scope, "4.3.1.21", ids);
    }
  }

  static inherited inherit(const element& e, inherited in) {
    if (e.has("lang", ns_xml)) in.lang = e.get("lang", ns_xml);
    if (e.has("space", ns_xml)) in.space = e.get("space", ns_xml);
    return in;
  }

  void collect_ids(const std::vector<member>& members, std::map<std::string_view, bool>& units,
                   std::map<std::string_view, bool>& groups, const std::string& scope) {
    for (const member& m : members) {
      if (const unit* u = m.as_unit()) {
        unique_id(*u, "unit", scope, "4.3.1.21", units);
      } else if (const group* g = m.as_group()) {
        unique_id(*g, "group", scope, "4.3.1.21", groups);
        collect_ids(g->members, units, groups, scope);
      }
    }
  }

  void check_file(const file& f, inherited in) {
    set_slr_profiles(f.extensions);
    enter_slr_scope(f.extensions);
    check_attributes(f, spec("file"));
    const std::string scope = scope_of("file", f);
    in = inherit(f, in);
    std::map<std::string_view, bool> extension_ids_seen;
    if (f.skeleton) {
      const xml_node& s = *f.skeleton;
      element as_element;
      as_element.attributes = s.attributes;
      as_element.offset = s.offset;
      check_attributes(as_element, spec("skeleton"));
      const bool empty = std::all_of(s.children.begin(), s.children.end(), [](const xml_node& c) {
        return c.type == xml_node::kind::text &&
               c.text.find_first_not_of(" \t\r\n") == std::string::npos;
      });
      if (empty != (s.find("href") != nullptr)) report(diag::xliff2_skeleton_href, s.offset, {});
      for (const xml_node& c : s.children) extension_ids(c, scope, extension_ids_seen);
    }
    check_extensions(f.extensions, {"file", &f.notes, nullptr});
    for (const xml_node& x : f.extensions) extension_ids(x, scope, extension_ids_seen);
    check_notes(f.notes, scope);
    if (f.members.empty())
      report(diag::xliff2_missing_child, f.offset,
             {"file", "`<unit>` | `<group>`",
              "`<skeleton>`? ##other* `<notes>`? (`<unit>` | `<group>`)+", "4.2.2.2"});
    std::map<std::string_view, bool> units, groups;
    collect_ids(f.members, units, groups, scope);
    unit_ids_.clear();
    for (const auto& [id, seen] : units) unit_ids_.insert(std::string(id));
    current_file_ = &f;
    check_members(f.members, in);
    leave_slr_scope();
  }

  void check_members(const std::vector<member>& members, const inherited& in) {
    for (const member& m : members) {
      if (const unit* u = m.as_unit()) check_unit(*u, in);
      if (const group* g = m.as_group()) check_group(*g, in);
    }
  }

  void check_group(const group& g, inherited in) {
    enter_slr_scope(g.extensions);
    check_attributes(g, spec("group"));
    const std::string scope = scope_of("group", g);
    in = inherit(g, in);
    check_extensions(g.extensions, {"group", &g.notes, nullptr});
    std::map<std::string_view, bool> ext;
    for (const xml_node& x : g.extensions) extension_ids(x, scope, ext);
    check_notes(g.notes, scope);
    check_members(g.members, in);
    leave_slr_scope();
  }

  // --- units ------------------------------------------------------------------------------

  /// Everything known about one unit while checking it.
  struct unit_state {
    const unit* u = nullptr;
    std::string scope;
    std::set<std::string_view> data_ids;
    std::map<std::string_view, const inline_node*> codes;  // id -> first code with that id
  };

  void check_unit(const unit& u, inherited in) {
    enter_slr_scope(u.extensions);
    check_attributes(u, spec("unit"));
    unit_state st;
    st.u = &u;
    st.scope = scope_of("unit", u);
    in = inherit(u, in);
    check_extensions(u.extensions, {"unit", &u.notes, &u});
    std::map<std::string_view, bool> ext;
    for (const xml_node& x : u.extensions) extension_ids(x, st.scope, ext);
    check_notes(u.notes, st.scope);

    std::map<std::string_view, bool> data_ids;
    for (const content& d : u.original_data) {
      check_attributes(d, spec("data"));
      unique_id(d, "data", st.scope, "4.3.1.21", data_ids);
      st.data_ids.insert(d.get("id"));
      check_cps(d.children);
    }
    if (std::none_of(u.segments.begin(), u.segments.end(),
                     [](const segment& s) { return !s.ignorable; }))
      report(diag::xliff2_missing_child, u.offset,
             {"unit", "`<segment>`",
              "##other* `<notes>`? `<originalData>`? (`<segment>` | `<ignorable>`)+", "4.2.2.5"});

    // Ids: segments, ignorables and source inline elements share one scope; target inline
    // elements reuse the id of their source counterpart, or have one of their own.
    std::map<std::string_view, std::string_view> source_ids;  // id -> element name
    for (const segment& s : u.segments) {
      const char* name = s.ignorable ? "ignorable" : "segment";
      if (const attribute* id = s.find("id"))
        if (!source_ids.emplace(id->value, name).second)
          report(diag::xliff2_duplicate_id, at_attr(*id, s),
                 {name, id->value, st.scope, "4.3.1.21"});
    }
    std::vector<token> source_tokens, target_tokens;
    for (const segment& s : u.segments) flatten(s.source.children, &s, source_tokens);
    for (const token& t : source_tokens) {
      if (t.pc_end) continue;
      const attribute* id = t.node->find("id");
      if (!id) continue;
      if (!source_ids.emplace(id->value, to_string(t.node->kind)).second)
        report(diag::xliff2_duplicate_id, at_attr(*id, *t.node),
               {to_string(t.node->kind), id->value, st.scope, "4.3.1.21"});
      if (is_code(t.node->kind)) st.codes.emplace(id->value, t.node);
    }

    // Target order: explicit, or the position of the segment in the unit.
    const std::size_t count = u.segments.size();
    std::vector<std::pair<std::size_t, const segment*>> ordered;
    for (std::size_t i = 0; i < count; ++i) {
      const segment& s = u.segments[i];
      if (!s.target) continue;
      std::size_t order = i + 1;
      const std::string_view explicit_order = s.target->get("order");
      if (!explicit_order.empty() &&
          explicit_order.find_first_not_of("0123456789") == std::string_view::npos &&
          explicit_order.size() < 10)
        order = std::stoul(std::string(explicit_order));
      ordered.emplace_back(order, &s);
      if (first_target_ == no_offset) first_target_ = s.target->offset;
    }
    for (std::size_t i = 0; i < ordered.size(); ++i) {
      const segment& s = *ordered[i].second;
      const bool explicit_order = s.target->has("order");
      bool clash = false;
      for (std::size_t j = 0; j < ordered.size(); ++j)
        clash = clash || (j != i && ordered[j].first == ordered[i].first &&
                          (explicit_order && (!ordered[j].second->target->has("order") || j < i)));
      if ((explicit_order && (ordered[i].first > count || ordered[i].first == 0)) || clash)
        report(diag::xliff2_bad_order, attr_offset(*s.target, "order"),
               {std::to_string(ordered[i].first), std::to_string(count)});
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [order, s] : ordered) flatten(s->target->children, s, target_tokens);

    std::map<std::string_view, std::string_view> target_ids;
    for (const token& t : target_tokens) {
      if (t.pc_end) continue;
      const attribute* id = t.node->find("id");
      if (!id) continue;
      const std::string_view kind = to_string(t.node->kind);
      const auto in_source = source_ids.find(id->value);
      code_kind source_kind = code_kind::text;
      const bool inline_in_source = in_source != source_ids.end() &&
                                    in_source->second != "segment" &&
                                    in_source->second != "ignorable";
      if (inline_in_source)
        for (const code_kind k : {code_kind::ph, code_kind::pc, code_kind::sc, code_kind::ec,
                                  code_kind::mrk, code_kind::sm})
          if (in_source->second == to_string(k)) source_kind = k;
      const bool clash_source = in_source != source_ids.end() &&
                                (!inline_in_source || family(source_kind) != family(t.node->kind));
      if (!target_ids.emplace(id->value, kind).second || clash_source)
        report(diag::xliff2_duplicate_id, at_attr(*id, *t.node),
               {std::string(kind), id->value, st.scope, "4.3.1.21"});
      if (is_code(t.node->kind)) st.codes.emplace(id->value, t.node);
    }

    for (const segment& s : u.segments) check_segment(s, in, st);
    check_side(source_tokens);
    check_side(target_tokens);
    check_target_codes(source_tokens, target_tokens);
    leave_slr_scope();
  }

  void check_segment(const segment& s, const inherited& in, unit_state& st) {
    check_attributes(s, spec(s.ignorable ? "ignorable" : "segment"));
    if (!s.ignorable) {
      if (s.has("subState") && !s.has("state"))
        report(diag::xliff2_substate_without_state, attr_offset(s, "subState"), {});
      const std::string_view state = s.get("state");
      if (!s.target && (state == "translated" || state == "reviewed" || state == "final"))
        report(diag::xliff2_state_without_target, attr_offset(s, "state"), {std::string(state)});
    }
    check_attributes(s.source, spec("source"));
    check_inline(s.source.children, st);
    const inherited source = inherit(s.source, in);
    if (!source.lang.empty() && syntax::is_bcp47(source.lang) &&
        !syntax::iequals(source.lang, src_lang_))
      report(diag::xliff2_language_mismatch, attr_offset(s.source, "lang", ns_xml),
             {"source", std::string(source.lang), "srcLang", std::string(src_lang_), "4.2.2.12"});
    if (!s.target) return;
    check_attributes(*s.target, spec("target"));
    check_inline(s.target->children, st);
    const inherited target = inherit(*s.target, in);
    if (!target.lang.empty() && syntax::is_bcp47(target.lang) && !trg_lang_.empty() &&
        !syntax::iequals(target.lang, trg_lang_))
      report(diag::xliff2_language_mismatch, attr_offset(*s.target, "lang", ns_xml),
             {"target", std::string(target.lang), "trgLang", std::string(trg_lang_), "4.2.2.13"});
    if (target.space != source.space)
      report(diag::xliff2_space_mismatch, attr_offset(*s.target, "space", ns_xml),
             {std::string(target.space), std::string(source.space)});
  }

  void check_cps(const std::vector<inline_node>& nodes) {
    for (const inline_node& n : nodes) {
      if (n.kind != code_kind::cp) continue;
      check_attributes(n, spec("cp"));
      const std::string_view hex = n.get("hex");
      const bool well_formed =
          !hex.empty() && hex.size() % 2 == 0 && hex.size() <= 8 &&
          hex.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
      if (well_formed) {
        const unsigned long value = std::stoul(std::string(hex), nullptr, 16);
        if (value <= 0x10FFFF && syntax::is_xml_char(static_cast<char32_t>(value)))
          report(diag::xliff2_cp_valid_char, attr_offset(n, "hex"), {std::string(hex)});
      }
    }
  }

  /// Checks of single inline elements, wherever they are.
  void check_inline(const std::vector<inline_node>& nodes, unit_state& st) {
    check_cps(nodes);
    for (const inline_node& n : nodes) {
      switch (n.kind) {
        case code_kind::text:
        case code_kind::cp:
          continue;
        case code_kind::mrk:
        case code_kind::sm:
          check_attributes(n, spec(to_string(n.kind)));
          check_annotation(n, st);
          break;
        case code_kind::em:
          check_attributes(n, spec("em"));
          break;
        default:
          check_attributes(n, spec(to_string(n.kind)));
          check_code(n, st);
          break;
      }
      if (n.kind == code_kind::pc || n.kind == code_kind::mrk) check_inline(n.children, st);
    }
  }

  void check_code(const inline_node& n, unit_state& st) {
    // Original data references.
    for (const char* ref : {"dataRef", "dataRefStart", "dataRefEnd"})
      if (const attribute* a = n.find(ref))
        if (!a->value.empty() && st.data_ids.count(a->value) == 0)
          report(diag::xliff2_unknown_data, at_attr(*a, n),
                 {ref, a->value, std::string(attribute_section(ref, {}))});
    // Copies.
    if (const attribute* copy = n.find("copyOf")) {
      const auto base = st.codes.find(copy->value);
      if (base == st.codes.end()) {
        report(diag::xliff2_copyof_unknown, at_attr(*copy, n), {copy->value});
      } else {
        const inline_node& b = *base->second;
        const auto has_data = [](const inline_node& x) {
          return x.has("dataRef") || x.has("dataRefStart") || x.has("dataRefEnd");
        };
        if (b.get("canCopy") == "no" || has_data(b) || has_data(n))
          report(diag::xliff2_copyof_misuse, at_attr(*copy, n), {copy->value});
      }
    }
    // Editing hints.
    const std::string_view reorder = n.get("canReorder");
    if ((reorder == "no" || reorder == "firstNo") &&
        (n.get("canCopy") != "no" || n.get("canDelete") != "no"))
      report(diag::xliff2_reorder_needs_no_copy_delete, attr_offset(n, "canReorder"),
             {std::string(reorder)});
    // Types.
    if (const attribute* sub = n.find("subType")) {
      const std::string_view type = n.get("type");
      const std::string_view v = sub->value;
      const bool fmt =
          v == "xlf:b" || v == "xlf:i" || v == "xlf:u" || v == "xlf:lb" || v == "xlf:pb";
      if (!n.has("type"))
        report(diag::xliff2_subtype_type, at_attr(*sub, n),
               {sub->value, fmt              ? "`type=\"fmt\"`"
                            : v == "xlf:var" ? "`type=\"ui\"`"
                                             : "`type`"});
      else if ((fmt && type != "fmt") || (v == "xlf:var" && type != "ui"))
        report(diag::xliff2_subtype_type, at_attr(*sub, n),
               {sub->value, fmt ? "`type=\"fmt\"`" : "`type=\"ui\"`"});
    }
    // Sub-flows.
    for (const char* flows : {"subFlows", "subFlowsStart", "subFlowsEnd"})
      if (const attribute* a = n.find(flows))
        for (const std::string_view id : syntax::split_tokens(a->value))
          if (unit_ids_.count(std::string(id)) == 0)
            report(diag::xliff2_unknown_subflow, at_attr(*a, n), {flows, std::string(id)});
    if (n.kind == code_kind::ec && n.has("dir") && n.get("isolated") != "yes")
      report(diag::xliff2_ec_dir, attr_offset(n, "dir"), {});
  }

  void check_annotation(const inline_node& n, const unit_state& st) {
    const attribute* ref = n.find("ref");
    if (ref && !ref->value.empty() && ref->value[0] == '#') {
      syntax::fragment f;
      parse_ref(*ref, at_attr(*ref, n), f);
    }
    if (n.get("type") != "comment") return;
    const bool value = n.has("value");
    if (value == (ref != nullptr)) {
      report(diag::xliff2_comment_value_ref, n.offset, {});
      return;
    }
    if (!ref) return;
    if (!points_to_unit_note(ref->value, *st.u))
      report(diag::xliff2_comment_ref, at_attr(*ref, n), {ref->value});
  }

  bool points_to_unit_note(std::string_view ref, const unit& u) const {
    syntax::fragment f;
    std::string_view prefix;
    if (ref.empty() || ref[0] != '#' ||
        syntax::parse_fragment(ref, f, prefix, options_.extension_prefixes) !=
            syntax::fragment_error::none)
      return false;
    const syntax::fragment::selector& leaf = f.selectors.back();
    if (leaf.prefix != "n") return false;
    bool has_file = false, has_unit = false;
    for (const syntax::fragment::selector& s : f.selectors) {
      if (s.prefix == "g") return false;
      if (s.prefix == "f") {
        if (s.id != current_file_->id()) return false;
        has_file = true;
      }
      if (s.prefix == "u") {
        if (s.id != u.id()) return false;
        has_unit = true;
      }
    }
    // Without a unit selector, `f=...` names the file's notes; `#/...` must name the unit.
    if (!has_unit && (has_file || f.absolute)) return false;
    return std::any_of(u.notes.begin(), u.notes.end(),
                       [&](const note& k) { return k.get("id") == leaf.id; });
  }

  /// Pairing of <sc>/<ec> and <sm>/<em>, and non-reorderable sequences, on one side (all
  /// sources of the unit, or all its targets in target order).
  void check_side(const std::vector<token>& tokens) {
    std::vector<bool> matched(tokens.size(), false);
    const auto find_start = [&](code_kind kind, std::string_view id, std::size_t before) {
      for (std::size_t i = 0; i < before; ++i)
        if (tokens[i].node->kind == kind && !matched[i] && tokens[i].node->get("id") == id)
          return i;
      return tokens.size();
    };
    const auto exists = [&](code_kind kind, std::string_view attr, std::string_view value) {
      return std::any_of(tokens.begin(), tokens.end(), [&](const token& t) {
        return t.node->kind == kind && t.node->has(attr) && t.node->get(attr) == value;
      });
    };
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const inline_node& n = *tokens[i].node;
      if (n.kind == code_kind::ec) {
        const bool isolated = n.get("isolated") == "yes";
        const bool has_id = n.has("id"), has_ref = n.has("startRef");
        if (isolated) {
          const std::string_view id = has_ref ? n.get("startRef") : n.get("id");
          if (has_id == has_ref)
            report(diag::xliff2_ec_reference, n.offset, {});
          else if (exists(code_kind::sc, "id", id))
            report(diag::xliff2_isolated_in_unit, attr_offset(n, "isolated"), {"ec", "`<sc>`"});
          else if (has_ref)
            report(diag::xliff2_ec_reference, n.offset, {});
          continue;
        }
        if (has_id || !has_ref) {
          report(diag::xliff2_ec_reference, n.offset, {});
          continue;
        }
        const std::string_view ref = n.get("startRef");
        const std::size_t start = find_start(code_kind::sc, ref, i);
        if (start == tokens.size()) {
          report(diag::xliff2_ec_without_sc, attr_offset(n, "startRef"), {std::string(ref)});
          continue;
        }
        matched[start] = true;
        const inline_node& sc = *tokens[start].node;
        for (const char* a : {"canCopy", "canDelete", "canOverlap", "canReorder"}) {
          const std::string_view sv = yes_default(sc, a), ev = yes_default(n, a);
          const std::string_view expected =
              std::string_view(a) == "canReorder" && sv == "firstNo" ? std::string_view("no") : sv;
          if (ev != expected)
            report(diag::xliff2_sc_ec_differ, attr_offset(n, a),
                   {a, std::string(expected), std::string(sv), std::string(sc.get("id"))});
        }
      } else if (n.kind == code_kind::em) {
        const std::string_view ref = n.get("startRef");
        const std::size_t start = find_start(code_kind::sm, ref, i);
        if (start == tokens.size())
          report(diag::xliff2_em_without_sm, attr_offset(n, "startRef"), {std::string(ref)});
        else
          matched[start] = true;
      }
    }
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const inline_node& n = *tokens[i].node;
      const std::string_view id = n.get("id");
      if (n.kind == code_kind::sc) {
        if (n.get("isolated") == "yes") {
          if (exists(code_kind::ec, "startRef", id))
            report(diag::xliff2_isolated_in_unit, attr_offset(n, "isolated"), {"sc", "`<ec>`"});
        } else if (!matched[i] && !exists(code_kind::ec, "startRef", id)) {
          report(diag::xliff2_sc_without_ec, n.offset, {std::string(id)});
        }
      } else if (n.kind == code_kind::sm && !matched[i] && !exists(code_kind::em, "startRef", id)) {
        report(diag::xliff2_sm_without_em, n.offset, {std::string(id)});
      }
    }
    // Non-reorderable sequences start with firstNo.
    bool in_sequence = false;
    for (const token& t : tokens) {
      if (!is_code(t.node->kind)) continue;
      const std::string_view r = reorder_of(t);
      if (r == "firstNo") {
        in_sequence = true;
      } else if (r == "no") {
        if (!in_sequence && !t.pc_end)
          report(diag::xliff2_reorder_sequence_start, attr_offset(*t.node, "canReorder"), {});
        in_sequence = true;
      } else {
        in_sequence = false;
      }
    }
  }

  /// Codes that cannot be deleted are in the targets, and non-reorderable sequences stay whole.
  void check_target_codes(const std::vector<token>& source, const std::vector<token>& target) {
    std::vector<std::string> target_keys;
    for (const token& t : target)
      if (is_code(t.node->kind)) target_keys.push_back(code_key(t));
    std::vector<const token*> target_codes;
    for (const token& t : target)
      if (is_code(t.node->kind)) target_codes.push_back(&t);
    const auto position = [&](const std::string& key) {
      const auto it = std::find(target_keys.begin(), target_keys.end(), key);
      return it == target_keys.end() ? std::string::npos
                                     : static_cast<std::size_t>(it - target_keys.begin());
    };
    std::set<std::string> reported;
    for (const token& t : source) {
      if (!is_code(t.node->kind) || t.pc_end || !t.part->target) continue;
      if (t.node->get("canDelete") != "no") continue;
      const std::string key = code_key(t);
      if (position(key) == std::string::npos && reported.insert(key).second)
        report(diag::xliff2_missing_code, t.part->target->offset, {describe_code(t)});
    }
    // Sequences: a firstNo code and the `no` codes after it, in source order.
    std::vector<std::vector<const token*>> sequences;
    for (const token& t : source) {
      if (!is_code(t.node->kind)) continue;
      const std::string_view r = reorder_of(t);
      if (r == "firstNo") {
        sequences.push_back({&t});
      } else if (r == "no" && !sequences.empty() && !sequences.back().empty()) {
        sequences.back().push_back(&t);
      } else if (!sequences.empty() && !sequences.back().empty()) {
        sequences.emplace_back();
      }
    }
    for (const std::vector<const token*>& seq : sequences) {
      std::size_t previous = std::string::npos;
      for (const token* t : seq) {
        const std::size_t p = position(code_key(*t));
        if (p == std::string::npos) continue;
        if (previous != std::string::npos && p != previous + 1) {
          report(diag::xliff2_reorder_broken, target_codes[p]->node->offset,
                 {describe_code(*seq.front())});
          break;
        }
        previous = p;
      }
    }
  }

  const document& doc_;
  std::uint32_t file_;
  diagnostic_sink& sink_;
  const validate_options& options_;
  std::string_view src_lang_, trg_lang_;
  std::uint32_t first_target_ = no_offset;
  std::set<std::string> unit_ids_;  // of the file being checked
  const file* current_file_ = nullptr;
  slr_scope slr_;
};

}  // namespace

void validate(const document& doc, std::uint32_t file, diagnostic_sink& sink,
              const validate_options& options) {
  validator(doc, file, sink, options).run();
}

}  // namespace diaglot::xliff
