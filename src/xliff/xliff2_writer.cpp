// diaglot compiler: XLIFF 2 writer. Structural elements go on their own lines, indented; content
// (<source>, <target>, <note>, <data>) and preserved XML are written exactly as held, since their
// white space may matter. Namespaces are declared on the root as the document had them, and
// wherever else an element or attribute needs a binding that is not in scope.
#include <cstdio>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "xliff/xliff2.hpp"
#include "xliff/xml_syntax.hpp"

namespace diaglot::xliff {

namespace {

class writer {
 public:
  explicit writer(const document& doc) : doc_(doc), core_(doc.ns) {}

  /// A <unit> or <file> as run() would write it, with the root's namespaces in scope.
  template <typename Element>
  std::string element_text(const Element& e, std::string_view margin, std::string_view step) {
    scope_ = {{"", core_}};
    for (const auto& [prefix, uri] : doc_.namespaces)
      if (!prefix.empty() && prefix != "xml") scope_.emplace_back(prefix, uri);
    margin_ = margin;
    step_ = step;
    if constexpr (std::is_same_v<Element, file>)
      write_file(e, 0);
    else
      write_unit(e, 0);
    out_.erase(0, margin_.size());  // the first line's margin is the caller's
    out_.pop_back();                // and so is what follows the end tag
    return std::move(out_);
  }

  std::string run() {
    out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    std::vector<std::pair<std::string, std::string>> decls = {{"", core_}};
    for (const auto& [prefix, uri] : doc_.namespaces)
      if (!prefix.empty() && prefix != "xml") decls.emplace_back(prefix, uri);
    const std::size_t pushed = open_tag(core_, "", "xliff", doc_.attributes, std::move(decls));
    out_ += ">\n";
    for (const file& f : doc_.files) write_file(f, 1);
    out_ += "</xliff>\n";
    pop(pushed);
    return std::move(out_);
  }

 private:
  void indent(int depth) {
    out_ += margin_;
    for (int i = 0; i < depth; ++i) out_ += step_;
  }

  std::string_view bound(std::string_view prefix,
                         const std::vector<std::pair<std::string, std::string>>& pending) const {
    if (prefix == "xml") return ns_xml;
    for (auto it = pending.rbegin(); it != pending.rend(); ++it)
      if (it->first == prefix) return it->second;
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it)
      if (it->first == prefix) return it->second;
    return {};
  }

  /// A prefix for an attribute in namespace `ns` that was held without one.
  std::string prefix_for(std::string_view ns,
                         const std::vector<std::pair<std::string, std::string>>& pending) const {
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it)
      if (!it->first.empty() && it->second == ns && bound(it->first, pending) == ns)
        return it->first;
    for (int n = 1;; ++n) {
      std::string p = "ns" + std::to_string(n);
      if (bound(p, pending).empty()) return p;
    }
  }

  /// Writes `<name` with the namespace declarations it needs (and `extra` ones) and its
  /// attributes; returns how many bindings it pushed, to pop after the end tag.
  std::size_t open_tag(std::string_view ns, std::string_view prefix, std::string_view name,
                       const std::vector<attribute>& attributes,
                       std::vector<std::pair<std::string, std::string>> decls = {}) {
    std::string element_prefix(prefix);
    if (ns.empty()) {
      element_prefix.clear();
      if (!bound("", decls).empty()) decls.emplace_back("", "");
    } else if (bound(element_prefix, decls) != ns) {
      decls.emplace_back(element_prefix, std::string(ns));
    }
    std::vector<std::string> names;
    names.reserve(attributes.size());
    for (const attribute& a : attributes) {
      if (a.ns.empty()) {
        names.push_back(a.name);
        continue;
      }
      std::string p = a.ns == ns_xml ? "xml" : a.prefix;
      if (p != "xml") {
        if (p.empty()) p = prefix_for(a.ns, decls);
        const std::string_view have = bound(p, decls);
        if (have != a.ns) {
          // Declared on this very element with another URI: choose a fresh prefix.
          bool clash = false;
          for (const auto& d : decls) clash = clash || (d.first == p && d.second != a.ns);
          if (clash) p = prefix_for(a.ns, decls);
          if (bound(p, decls) != a.ns) decls.emplace_back(p, a.ns);
        }
      }
      names.push_back(p + ":" + a.name);
    }
    out_ += '<';
    if (!element_prefix.empty()) out_ += element_prefix + ":";
    out_ += name;
    for (const auto& [p, uri] : decls) {
      out_ += p.empty() ? " xmlns=\"" : " xmlns:" + p + "=\"";
      append_attribute_value(uri);
      out_ += '"';
    }
    for (std::size_t i = 0; i < attributes.size(); ++i) {
      out_ += ' ';
      out_ += names[i];
      out_ += "=\"";
      append_attribute_value(attributes[i].value);
      out_ += '"';
    }
    for (auto& d : decls) scope_.push_back(std::move(d));
    return decls.size();
  }

  void pop(std::size_t n) { scope_.resize(scope_.size() - n); }

  void close_tag(std::string_view prefix, std::string_view name) {
    out_ += "</";
    if (!prefix.empty()) {
      out_ += prefix;
      out_ += ':';
    }
    out_ += name;
    out_ += '>';
  }

  /// Appends text with `&`, `<`, `>` escaped and CR as a reference (so it survives end-of-line
  /// normalization). Characters XML does not allow become <cp> when `cp` is set, else U+FFFD.
  void append_text(std::string_view s, bool cp) {
    for (std::size_t i = 0; i < s.size();) {
      const std::size_t start = i;
      const char32_t c = syntax::next_code_point(s, i);
      if (!syntax::is_xml_char(c)) {
        if (cp) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "<cp hex=\"%04X\"/>", static_cast<unsigned>(c));
          out_ += buf;
        } else {
          out_ += "\xEF\xBF\xBD";
        }
        continue;
      }
      switch (c) {
        case '&':
          out_ += "&amp;";
          break;
        case '<':
          out_ += "&lt;";
          break;
        case '>':
          out_ += "&gt;";
          break;
        case '\r':
          out_ += "&#13;";
          break;
        default:
          out_.append(s.substr(start, i - start));
      }
    }
  }

  void append_attribute_value(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
      const std::size_t start = i;
      const char32_t c = syntax::next_code_point(s, i);
      if (!syntax::is_xml_char(c)) {
        out_ += "\xEF\xBF\xBD";
        continue;
      }
      switch (c) {
        case '&':
          out_ += "&amp;";
          break;
        case '<':
          out_ += "&lt;";
          break;
        case '>':
          out_ += "&gt;";
          break;
        case '"':
          out_ += "&quot;";
          break;
        case '\t':
          out_ += "&#9;";
          break;
        case '\n':
          out_ += "&#10;";
          break;
        case '\r':
          out_ += "&#13;";
          break;
        default:
          out_.append(s.substr(start, i - start));
      }
    }
  }

  void write_xml(const xml_node& n) {
    switch (n.type) {
      case xml_node::kind::text:
        append_text(n.text, false);
        return;
      case xml_node::kind::comment:
        out_ += "<!--" + n.text + "-->";
        return;
      case xml_node::kind::processing_instruction:
        out_ += "<?" + n.name + (n.text.empty() ? "" : " " + n.text) + "?>";
        return;
      case xml_node::kind::element:
        break;
    }
    const std::size_t pushed = open_tag(n.ns, n.prefix, n.name, n.attributes);
    if (n.children.empty()) {
      out_ += "/>";
    } else {
      out_ += '>';
      for (const xml_node& c : n.children) write_xml(c);
      close_tag(n.ns.empty() ? "" : n.prefix, n.name);
    }
    pop(pushed);
  }

  void write_inline(const std::vector<inline_node>& nodes) {
    for (const inline_node& n : nodes) {
      if (n.kind == code_kind::text) {
        append_text(n.text, true);
        continue;
      }
      const char* name = to_string(n.kind);
      const std::size_t pushed = open_tag(core_, "", name, n.attributes);
      if (n.children.empty()) {
        out_ += "/>";
      } else {
        out_ += '>';
        write_inline(n.children);
        close_tag("", name);
      }
      pop(pushed);
    }
  }

  void write_content(const char* name, const content& c, int depth) {
    indent(depth);
    const std::size_t pushed = open_tag(core_, "", name, c.attributes);
    if (c.children.empty()) {
      out_ += "/>\n";
    } else {
      out_ += '>';
      write_inline(c.children);
      close_tag("", name);
      out_ += '\n';
    }
    pop(pushed);
  }

  /// `<name attributes>` on its own line; returns the bindings to pop.
  std::size_t open_line(const char* name, const std::vector<attribute>& attributes, int depth) {
    indent(depth);
    const std::size_t pushed = open_tag(core_, "", name, attributes);
    out_ += ">\n";
    return pushed;
  }

  void close_line(const char* name, int depth, std::size_t pushed) {
    indent(depth);
    close_tag("", name);
    out_ += '\n';
    pop(pushed);
  }

  void write_extensions(const std::vector<xml_node>& extensions, int depth) {
    for (const xml_node& x : extensions) {
      indent(depth);
      write_xml(x);
      out_ += '\n';
    }
  }

  void write_notes(const std::vector<note>& notes, int depth) {
    if (notes.empty()) return;
    const std::size_t pushed = open_line("notes", {}, depth);
    for (const note& n : notes) {
      indent(depth + 1);
      const std::size_t p = open_tag(core_, "", "note", n.attributes);
      out_ += '>';
      append_text(n.text, false);
      close_tag("", "note");
      out_ += '\n';
      pop(p);
    }
    close_line("notes", depth, pushed);
  }

  void write_members(const std::vector<member>& members, int depth) {
    for (const member& m : members) {
      if (const unit* u = m.as_unit()) write_unit(*u, depth);
      if (const group* g = m.as_group()) write_group(*g, depth);
    }
  }

  void write_file(const file& f, int depth) {
    const std::size_t pushed = open_line("file", f.attributes, depth);
    if (f.skeleton) write_extensions({*f.skeleton}, depth + 1);
    write_extensions(f.extensions, depth + 1);
    write_notes(f.notes, depth + 1);
    write_members(f.members, depth + 1);
    close_line("file", depth, pushed);
  }

  void write_group(const group& g, int depth) {
    const std::size_t pushed = open_line("group", g.attributes, depth);
    write_extensions(g.extensions, depth + 1);
    write_notes(g.notes, depth + 1);
    write_members(g.members, depth + 1);
    close_line("group", depth, pushed);
  }

  void write_unit(const unit& u, int depth) {
    const std::size_t pushed = open_line("unit", u.attributes, depth);
    write_extensions(u.extensions, depth + 1);
    write_notes(u.notes, depth + 1);
    if (!u.original_data.empty()) {
      const std::size_t p = open_line("originalData", {}, depth + 1);
      for (const content& d : u.original_data) write_content("data", d, depth + 2);
      close_line("originalData", depth + 1, p);
    }
    for (const segment& s : u.segments) {
      const char* name = s.ignorable ? "ignorable" : "segment";
      const std::size_t p = open_line(name, s.attributes, depth + 1);
      write_content("source", s.source, depth + 2);
      if (s.target) write_content("target", *s.target, depth + 2);
      close_line(name, depth + 1, p);
    }
    close_line("unit", depth, pushed);
  }

  const document& doc_;
  std::string core_;
  std::string out_;
  std::string_view margin_;       ///< before every structural line (element_text)
  std::string_view step_ = "  ";  ///< one level of indentation
  std::vector<std::pair<std::string, std::string>> scope_;  // prefix, URI; innermost last
};

}  // namespace

std::string write(const document& doc) { return writer(doc).run(); }

std::string write_unit(const document& doc, const unit& u, std::string_view margin,
                       std::string_view step) {
  return writer(doc).element_text(u, margin, step);
}

std::string write_file(const document& doc, const file& f, std::string_view margin,
                       std::string_view step) {
  return writer(doc).element_text(f, margin, step);
}

}  // namespace diaglot::xliff
