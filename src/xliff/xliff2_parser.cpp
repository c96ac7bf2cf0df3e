// diaglot compiler: XLIFF 2 parser. pugixml reads the XML in place, so every name and value points
// into a copy of the file and a pointer difference is a byte offset; this file resolves namespaces
// (pugixml does not), fills the document model and reports what the model cannot hold.
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "util/utf8.hpp"
#include "xliff/xliff2.hpp"
#include "xliff/xml_syntax.hpp"

namespace diaglot::xliff {

namespace {

// Content models, in the notation of the messages (DGL0701, DGL0702).
constexpr const char* model_xliff = "`<file>`+";
constexpr const char* model_file = "`<skeleton>`? ##other* `<notes>`? (`<unit>` | `<group>`)+";
constexpr const char* model_group = "##other* `<notes>`? (`<unit>` | `<group>`)*";
constexpr const char* model_unit =
    "##other* `<notes>`? `<originalData>`? (`<segment>` | `<ignorable>`)+";
constexpr const char* model_segment = "`<source>` `<target>`?";
constexpr const char* model_notes = "`<note>`+";
constexpr const char* model_original_data = "`<data>`+";
constexpr const char* model_note = "#PCDATA";
constexpr const char* model_data = "(#PCDATA | `<cp>`)*";
constexpr const char* model_inline =
    "(#PCDATA | `<cp>` | `<ph>` | `<pc>` | `<sc>` | `<ec>` | `<mrk>` | `<sm>` | `<em>`)*";
constexpr const char* model_empty = "EMPTY";
constexpr const char* model_skeleton = "(#PCDATA | ##other)*";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool all_space(std::string_view s) { return std::all_of(s.begin(), s.end(), is_space); }

bool is_text(const pugi::xml_node& n) {
  return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata;
}

/// An element's name and attributes with their namespaces resolved.
struct resolved {
  std::string ns, prefix, local;
  std::vector<attribute> attributes;
  std::uint32_t offset = 0;
  std::string qualified() const { return prefix.empty() ? local : prefix + ":" + local; }
};

class parser {
 public:
  parser(std::string_view xml, std::uint32_t file, diagnostic_sink& sink)
      : buffer_(xml), file_(file), sink_(sink) {}

  std::optional<document> run() {
    const std::size_t bad_utf8 = utf8::first_invalid(buffer_);
    if (bad_utf8 != std::string::npos) {
      sink_.report(diag::invalid_utf8, at(bad_utf8));
      return std::nullopt;
    }
    const auto lexical = syntax::xml_lexical_errors(buffer_);
    const unsigned options =
        pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_pi | pugi::parse_comments;
    const pugi::xml_parse_result result =
        xml_.load_buffer_inplace(buffer_.data(), buffer_.size(), options, pugi::encoding_utf8);
    if (!result) {
      const auto offset = static_cast<std::size_t>(result.offset);
      sink_.report(diag::xml_malformed, at(offset),
                   {syntax::parse_error_text(result.description(), offset, buffer_)});
      return std::nullopt;
    }
    for (const auto& [offset, what] : lexical)
      sink_.report(diag::xml_malformed, at(offset), {what});
    if (!lexical.empty()) return std::nullopt;

    const pugi::xml_node root = xml_.document_element();
    if (!root) {
      sink_.report(diag::xml_malformed, at(0), {"no root element"});
      return std::nullopt;
    }
    std::size_t pushed = 0;
    resolved r = resolve(root, pushed);
    if (!namespaces_ok_) return std::nullopt;
    if (r.local != "xliff" || (r.ns != ns_core20 && r.ns != ns_core22)) {
      sink_.report(diag::xliff2_not_xliff2, at(r.offset),
                   {r.qualified(), r.ns, root.attribute("version").value()});
      return std::nullopt;
    }
    core_ = r.ns;
    document doc;
    doc.ns = r.ns;
    doc.offset = r.offset;
    doc.attributes = std::move(r.attributes);
    for (pugi::xml_attribute a = root.first_attribute(); a; a = a.next_attribute()) {
      const std::string_view name = a.name();
      if (name.rfind("xmlns:", 0) == 0) doc.namespaces.emplace_back(name.substr(6), a.value());
    }
    for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
      if (!structural_text(c, "xliff", model_xliff, "4.2.2.1")) continue;
      std::size_t n = 0;
      resolved e = resolve(c, n);
      if (e.ns == core_ && e.local == "file") {
        doc.files.emplace_back();
        read_file(c, std::move(e), doc.files.back());
      } else {
        not_allowed(e, "xliff", model_xliff, "4.2.2.1");
      }
      pop(n);
    }
    pop(pushed);
    if (!namespaces_ok_) return std::nullopt;
    return doc;
  }

 private:
  source_location at(std::size_t offset) const {
    return {file_, static_cast<std::uint32_t>(std::min(offset, buffer_.size()))};
  }

  std::uint32_t offset_of(const pugi::xml_node& n) const {
    const std::ptrdiff_t o = n.offset_debug();
    if (o <= 0) return 0;
    return static_cast<std::uint32_t>(n.type() == pugi::node_element ? o - 1 : o);
  }

  std::uint32_t offset_of(const pugi::xml_attribute& a, std::uint32_t fallback) const {
    const char* value = a.value();
    const char* begin = buffer_.data();
    const std::less<const char*> before;
    // An empty value may point to a static empty string rather than into the buffer.
    if (*value != '\0' && !before(value, begin) && before(value, begin + buffer_.size()))
      return static_cast<std::uint32_t>(value - begin);
    const char* name = a.name();
    if (!before(name, begin) && before(name, begin + buffer_.size()))
      return static_cast<std::uint32_t>(name - begin);
    return fallback;
  }

  std::string_view lookup(std::string_view prefix) const {
    if (prefix == "xml") return ns_xml;
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it)
      if (it->first == prefix) return it->second;
    return {};
  }

  void pop(std::size_t n) { scope_.resize(scope_.size() - n); }

  /// Resolves an element's name and attributes, pushing its namespace declarations (`pushed` of
  /// them, to pop when leaving the element).
  resolved resolve(const pugi::xml_node& n, std::size_t& pushed) {
    resolved r;
    r.offset = offset_of(n);
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
      const std::string_view name = a.name();
      if (name == "xmlns") {
        scope_.emplace_back("", a.value());
        ++pushed;
      } else if (name.rfind("xmlns:", 0) == 0) {
        if (*a.value() == '\0')
          malformed(offset_of(a, r.offset), "a namespace prefix cannot be undeclared in XML 1.0");
        scope_.emplace_back(std::string(name.substr(6)), a.value());
        ++pushed;
      }
    }
    const std::string_view qname = n.name();
    const std::size_t colon = qname.find(':');
    r.prefix = colon == std::string_view::npos ? "" : std::string(qname.substr(0, colon));
    r.local = std::string(colon == std::string_view::npos ? qname : qname.substr(colon + 1));
    r.ns = std::string(lookup(r.prefix));
    if (!r.prefix.empty() && r.ns.empty())
      malformed(r.offset + 1, "namespace prefix `" + r.prefix + "` is not declared");
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
      const std::string_view name = a.name();
      if (name == "xmlns" || name.rfind("xmlns:", 0) == 0) continue;
      attribute out;
      const std::size_t c = name.find(':');
      if (c != std::string_view::npos) {
        out.prefix = std::string(name.substr(0, c));
        out.name = std::string(name.substr(c + 1));
        out.ns = std::string(lookup(out.prefix));
      } else {
        out.name = std::string(name);
      }
      out.value = a.value();
      out.offset = offset_of(a, r.offset);
      if (!out.prefix.empty() && out.ns.empty())
        malformed(out.offset, "namespace prefix `" + out.prefix + "` is not declared");
      const bool repeated =
          std::any_of(r.attributes.begin(), r.attributes.end(),
                      [&](const attribute& b) { return b.name == out.name && b.ns == out.ns; });
      if (repeated) malformed(out.offset, "attribute `" + std::string(name) + "` is given twice");
      r.attributes.push_back(std::move(out));
    }
    return r;
  }

  void malformed(std::uint32_t offset, std::string what) {
    sink_.report(diag::xml_malformed, at(offset), {std::move(what)});
    namespaces_ok_ = false;
  }

  void not_allowed(const resolved& e, const char* parent, const char* model, const char* section) {
    sink_.report(diag::xliff2_not_allowed, at(e.offset),
                 {"`<" + e.qualified() + ">`", parent, model, section});
  }

  /// For a child of an element-only element: false (and a report for non-blank text) when it is
  /// not an element to look at.
  bool structural_text(const pugi::xml_node& c, const char* parent, const char* model,
                       const char* section) {
    if (c.type() == pugi::node_element) return true;
    if (is_text(c) && !all_space(c.value()))
      sink_.report(diag::xliff2_not_allowed, at(offset_of(c)), {"#PCDATA", parent, model, section});
    return false;
  }

  /// Attributes on an element the model keeps none for (<notes>, <originalData>).
  void no_attributes(const resolved& e) {
    for (const attribute& a : e.attributes)
      sink_.report(diag::xliff2_attribute_not_allowed, at(a.offset),
                   {a.prefix.empty() ? a.name : a.prefix + ":" + a.name, e.local,
                    e.local == "notes" ? "4.2.2.8" : "4.2.2.10"});
  }

  xml_node preserve(const pugi::xml_node& n) {
    std::size_t pushed = 0;
    resolved r = resolve(n, pushed);
    xml_node out = preserve(n, std::move(r));
    pop(pushed);
    return out;
  }

  /// Keeps an element whose name and attributes are resolved (its declarations in scope).
  xml_node preserve(const pugi::xml_node& n, resolved r) {
    xml_node out = xml_node::make_element(std::move(r.ns), std::move(r.prefix), std::move(r.local));
    out.attributes = std::move(r.attributes);
    out.offset = r.offset;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      switch (c.type()) {
        case pugi::node_pcdata:
        case pugi::node_cdata:
          if (!out.children.empty() && out.children.back().type == xml_node::kind::text) {
            out.children.back().text += c.value();
          } else {
            out.children.push_back(xml_node::make_text(c.value()));
            out.children.back().offset = offset_of(c);
          }
          break;
        case pugi::node_comment: {
          xml_node k;
          k.type = xml_node::kind::comment;
          k.text = c.value();
          k.offset = offset_of(c);
          out.children.push_back(std::move(k));
          break;
        }
        case pugi::node_pi: {
          xml_node k;
          k.type = xml_node::kind::processing_instruction;
          k.name = c.name();
          k.text = c.value();
          k.offset = offset_of(c);
          out.children.push_back(std::move(k));
          break;
        }
        case pugi::node_element:
          out.children.push_back(preserve(c));
          break;
        default:
          break;
      }
    }
    return out;
  }

  void read_file(const pugi::xml_node& n, resolved r, file& f) {
    f.offset = r.offset;
    f.attributes = std::move(r.attributes);
    int phase = 0;  // 0 skeleton allowed, 1 extensions, 2 after notes, 3 units and groups
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (!structural_text(c, "file", model_file, "4.2.2.2")) continue;
      std::size_t pushed = 0;
      resolved e = resolve(c, pushed);
      if (e.ns != core_) {
        if (phase <= 1) {
          f.extensions.push_back(preserve(c, std::move(e)));
          phase = 1;
        } else {
          not_allowed(e, "file", model_file, "4.2.2.2");
        }
      } else if (e.local == "skeleton" && phase == 0) {
        f.skeleton = preserve(c, std::move(e));
        check_skeleton_content(*f.skeleton);
        phase = 1;
      } else if (e.local == "notes" && phase <= 1) {
        read_notes(c, e, f.notes);
        phase = 2;
      } else if (e.local == "unit" || e.local == "group") {
        read_member(c, std::move(e), f.members);
        phase = 3;
      } else {
        not_allowed(e, "file", model_file, "4.2.2.2");
      }
      pop(pushed);
    }
  }

  void check_skeleton_content(const xml_node& skeleton) {
    for (const xml_node& c : skeleton.children)
      if (c.type == xml_node::kind::element && c.ns == core_)
        sink_.report(diag::xliff2_not_allowed, at(c.offset),
                     {"`<" + (c.prefix.empty() ? c.name : c.prefix + ":" + c.name) + ">`",
                      "skeleton", model_skeleton, "4.2.2.3"});
  }

  void read_member(const pugi::xml_node& n, resolved r, std::vector<member>& out) {
    if (r.local == "unit") {
      out.push_back(member{unit()});
      read_unit(n, std::move(r), *out.back().as_unit());
    } else {
      out.push_back(member{group()});
      read_group(n, std::move(r), *out.back().as_group());
    }
  }

  void read_group(const pugi::xml_node& n, resolved r, group& g) {
    g.offset = r.offset;
    g.attributes = std::move(r.attributes);
    int phase = 1;  // 1 extensions, 2 after notes, 3 units and groups
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (!structural_text(c, "group", model_group, "4.2.2.4")) continue;
      std::size_t pushed = 0;
      resolved e = resolve(c, pushed);
      if (e.ns != core_) {
        if (phase <= 1) {
          g.extensions.push_back(preserve(c, std::move(e)));
        } else {
          not_allowed(e, "group", model_group, "4.2.2.4");
        }
      } else if (e.local == "notes" && phase <= 1) {
        read_notes(c, e, g.notes);
        phase = 2;
      } else if (e.local == "unit" || e.local == "group") {
        read_member(c, std::move(e), g.members);
        phase = 3;
      } else {
        not_allowed(e, "group", model_group, "4.2.2.4");
      }
      pop(pushed);
    }
  }

  void read_unit(const pugi::xml_node& n, resolved r, unit& u) {
    u.offset = r.offset;
    u.attributes = std::move(r.attributes);
    int phase = 1;  // 1 extensions, 2 after notes, 3 after originalData, 4 segments
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (!structural_text(c, "unit", model_unit, "4.2.2.5")) continue;
      std::size_t pushed = 0;
      resolved e = resolve(c, pushed);
      if (e.ns != core_) {
        if (phase <= 1) {
          u.extensions.push_back(preserve(c, std::move(e)));
        } else {
          not_allowed(e, "unit", model_unit, "4.2.2.5");
        }
      } else if (e.local == "notes" && phase <= 1) {
        read_notes(c, e, u.notes);
        phase = 2;
      } else if (e.local == "originalData" && phase <= 2) {
        no_attributes(e);
        read_original_data(c, e, u);
        phase = 3;
      } else if (e.local == "segment" || e.local == "ignorable") {
        u.segments.emplace_back();
        read_segment(c, std::move(e), u.segments.back());
        phase = 4;
      } else {
        not_allowed(e, "unit", model_unit, "4.2.2.5");
      }
      pop(pushed);
    }
  }

  void read_notes(const pugi::xml_node& n, const resolved& r, std::vector<note>& out) {
    no_attributes(r);
    const std::size_t before = out.size();
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (!structural_text(c, "notes", model_notes, "4.2.2.8")) continue;
      std::size_t pushed = 0;
      resolved e = resolve(c, pushed);
      if (e.ns == core_ && e.local == "note") {
        note& k = out.emplace_back();
        k.offset = e.offset;
        k.attributes = std::move(e.attributes);
        for (pugi::xml_node t = c.first_child(); t; t = t.next_sibling()) {
          if (is_text(t)) {
            k.text += t.value();
          } else if (t.type() == pugi::node_element) {
            std::size_t p = 0;
            const resolved inner = resolve(t, p);
            not_allowed(inner, "note", model_note, "4.2.2.9");
            pop(p);
          }
        }
      } else {
        not_allowed(e, "notes", model_notes, "4.2.2.8");
      }
      pop(pushed);
    }
    if (out.size() == before)
      sink_.report(diag::xliff2_missing_child, at(r.offset),
                   {"notes", "`<note>`", model_notes, "4.2.2.8"});
  }

  void read_original_data(const pugi::xml_node& n, const resolved& r, unit& u) {
    const std::size_t before = u.original_data.size();
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (!structural_text(c, "originalData", model_original_data, "4.2.2.10")) continue;
      std::size_t pushed = 0;
      resolved e = resolve(c, pushed);
      if (e.ns == core_ && e.local == "data") {
        content& d = u.original_data.emplace_back();
        d.offset = e.offset;
        d.attributes = std::move(e.attributes);
        read_inline(c, d.children, "data", true);
      } else {
        not_allowed(e, "originalData", model_original_data, "4.2.2.10");
      }
      pop(pushed);
    }
    if (u.original_data.size() == before)
      sink_.report(diag::xliff2_missing_child, at(r.offset),
                   {"originalData", "`<data>`", model_original_data, "4.2.2.10"});
  }

  void read_segment(const pugi::xml_node& n, resolved r, segment& s) {
    s.ignorable = r.local == "ignorable";
    s.offset = r.offset;
    s.attributes = std::move(r.attributes);
    const char* name = s.ignorable ? "ignorable" : "segment";
    const char* section = s.ignorable ? "4.2.2.7" : "4.2.2.6";
    bool have_source = false;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (!structural_text(c, name, model_segment, section)) continue;
      std::size_t pushed = 0;
      resolved e = resolve(c, pushed);
      const bool core = e.ns == core_;
      if (core && e.local == "source" && !have_source && !s.target) {
        have_source = true;
        read_content(c, std::move(e), s.source);
      } else if (core && e.local == "target" && !s.target) {
        s.target.emplace();
        read_content(c, std::move(e), *s.target);
      } else {
        not_allowed(e, name, model_segment, section);
      }
      pop(pushed);
    }
    if (!have_source) {
      sink_.report(diag::xliff2_missing_child, at(s.offset),
                   {name, "`<source>`", model_segment, section});
      s.source.offset = s.offset;
    }
  }

  void read_content(const pugi::xml_node& n, resolved r, content& out) {
    out.offset = r.offset;
    out.attributes = std::move(r.attributes);
    read_inline(n, out.children, r.local.c_str(), false);
  }

  static bool inline_kind(std::string_view name, code_kind& kind) {
    static const std::pair<std::string_view, code_kind> kinds[] = {
        {"cp", code_kind::cp}, {"ph", code_kind::ph}, {"pc", code_kind::pc},
        {"sc", code_kind::sc}, {"ec", code_kind::ec}, {"mrk", code_kind::mrk},
        {"sm", code_kind::sm}, {"em", code_kind::em}};
    for (const auto& [n, k] : kinds)
      if (n == name) {
        kind = k;
        return true;
      }
    return false;
  }

  static const char* inline_section(std::string_view parent) {
    if (parent == "source") return "4.2.2.12";
    if (parent == "target") return "4.2.2.13";
    if (parent == "data") return "4.2.2.11";
    if (parent == "pc") return "4.2.3.3";
    return "4.2.3.6";
  }

  void read_inline(const pugi::xml_node& n, std::vector<inline_node>& out, const char* parent,
                   bool data_only) {
    const char* model = data_only ? model_data : model_inline;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (is_text(c)) {
        if (!out.empty() && out.back().kind == code_kind::text) {
          out.back().text += c.value();
        } else {
          inline_node& t = out.emplace_back();
          t.kind = code_kind::text;
          t.text = c.value();
          t.offset = offset_of(c);
        }
        continue;
      }
      if (c.type() != pugi::node_element) continue;  // comments and PIs are not content
      std::size_t pushed = 0;
      resolved e = resolve(c, pushed);
      code_kind kind = code_kind::text;
      if (e.ns == core_ && inline_kind(e.local, kind) && (!data_only || kind == code_kind::cp)) {
        inline_node& k = out.emplace_back();
        k.kind = kind;
        k.offset = e.offset;
        k.attributes = std::move(e.attributes);
        if (kind == code_kind::pc || kind == code_kind::mrk) {
          // `k` may move while its children are read into it: read them aside first.
          std::vector<inline_node> children;
          read_inline(c, children, kind == code_kind::pc ? "pc" : "mrk", false);
          out.back().children = std::move(children);
        } else {
          read_empty(c, e.local);
        }
      } else {
        not_allowed(e, parent, model, inline_section(parent));
      }
      pop(pushed);
    }
  }

  /// Content of an element that is always empty (<cp>, <ph>, <sc>, <ec>, <sm>, <em>).
  void read_empty(const pugi::xml_node& n, const std::string& name) {
    const char* section = name == "cp"   ? "4.2.3.1"
                          : name == "ph" ? "4.2.3.2"
                          : name == "sc" ? "4.2.3.4"
                          : name == "ec" ? "4.2.3.5"
                          : name == "sm" ? "4.2.3.7"
                                         : "4.2.3.8";
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (is_text(c)) {
        sink_.report(diag::xliff2_not_allowed, at(offset_of(c)),
                     {"#PCDATA", name, model_empty, section});
      } else if (c.type() == pugi::node_element) {
        std::size_t pushed = 0;
        const resolved e = resolve(c, pushed);
        not_allowed(e, name.c_str(), model_empty, section);
        pop(pushed);
      }
    }
  }

  std::string buffer_;
  std::uint32_t file_;
  diagnostic_sink& sink_;
  pugi::xml_document xml_;
  std::vector<std::pair<std::string, std::string>> scope_;  // prefix, URI; innermost last
  std::string core_;
  bool namespaces_ok_ = true;
};

}  // namespace

std::optional<document> parse(std::string_view xml, std::uint32_t file, diagnostic_sink& sink) {
  return parser(xml, file, sink).run();
}

std::optional<document> read(std::string_view xml, std::uint32_t file, diagnostic_sink& sink,
                             const validate_options& options) {
  const std::size_t errors = sink.error_count();
  std::optional<document> doc = parse(xml, file, sink);
  if (doc) validate(*doc, file, sink, options);
  if (sink.error_count() != errors) return std::nullopt;
  return doc;
}

}  // namespace diaglot::xliff
