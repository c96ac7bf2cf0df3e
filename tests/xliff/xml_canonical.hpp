// Test support: XML compared for meaning rather than bytes, and xmllint schema validation.
//
// canonical() renders a document so that two renderings are equal when the documents say the
// same thing to an XLIFF reader. It ignores exactly:
// - namespace prefixes and where namespaces are declared (names compare as {URI}local);
// - the order of attributes;
// - white-space-only text between elements, except inside XLIFF content elements (<source>,
//   <target>, <pc>, <mrk>, <data>, <note>), where every character counts;
// - comments, the XML declaration, and CDATA boundaries (CDATA is text);
// - processing instructions, unless asked to keep them.
// facts() breaks the same rendering into one line per element, attribute, text and processing
// instruction, each prefixed with the element's path (ids where elements have them, else the
// position among same-name siblings), so that what two documents share can be computed.
#pragma once

#include <pugixml.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace diaglot::testing {

class xml_canon {
 public:
  /// Parses `xml`; ok() is false when it is not well-formed.
  explicit xml_canon(const std::string& xml, bool keep_pis = false) : keep_pis_(keep_pis) {
    const unsigned options =
        pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_pi | pugi::parse_comments;
    ok_ = static_cast<bool>(doc_.load_buffer(xml.data(), xml.size(), options, pugi::encoding_utf8));
    if (ok_) walk(doc_.document_element(), "");
  }
  bool ok() const { return ok_; }
  const std::string& canonical() const { return canonical_; }
  const std::vector<std::string>& facts() const { return facts_; }

 private:
  using scope = std::vector<std::pair<std::string, std::string>>;

  static bool xliff_ns(const std::string& ns) {
    return ns == "urn:oasis:names:tc:xliff:document:2.0" ||
           ns == "urn:oasis:names:tc:xliff:document:2.2";
  }
  std::string lookup(const std::string& prefix) const {
    if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it)
      if (it->first == prefix) return it->second;
    return {};
  }
  static std::pair<std::string, std::string> split(const std::string& qname) {
    const std::size_t c = qname.find(':');
    if (c == std::string::npos) return {"", qname};
    return {qname.substr(0, c), qname.substr(c + 1)};
  }
  static std::string escape(const std::string& s) {
    std::string out;
    for (const char c : s) {
      if (c == '<')
        out += "&lt;";
      else if (c == '&')
        out += "&amp;";
      else if (c == '\n')
        out += "\\n";
      else
        out += c;
    }
    return out;
  }

  void walk(const pugi::xml_node& n, const std::string& parent_path) {
    std::size_t pushed = 0;
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
      const std::string name = a.name();
      if (name == "xmlns")
        scope_.emplace_back("", a.value()), ++pushed;
      else if (name.rfind("xmlns:", 0) == 0)
        scope_.emplace_back(name.substr(6), a.value()), ++pushed;
    }
    const auto [prefix, local] = split(n.name());
    const std::string ns = lookup(prefix);
    const std::string name = "{" + ns + "}" + local;
    std::vector<std::pair<std::string, std::string>> attrs;
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
      const std::string qname = a.name();
      if (qname == "xmlns" || qname.rfind("xmlns:", 0) == 0) continue;
      const auto [p, l] = split(qname);
      attrs.emplace_back((p.empty() ? std::string() : "{" + lookup(p) + "}") + l, a.value());
    }
    std::sort(attrs.begin(), attrs.end());
    std::string step = name;
    const auto id =
        std::find_if(attrs.begin(), attrs.end(), [](const auto& a) { return a.first == "id"; });
    if (id != attrs.end()) {
      step += "[id=" + id->second + "]";
    } else {
      step += "[" + std::to_string(++ordinals_[parent_path + "/" + name]) + "]";
    }
    const std::string path = parent_path + "/" + step;
    facts_.push_back("E " + path);
    canonical_ += "<" + name;
    for (const auto& [k, v] : attrs) {
      canonical_ += " " + k + "=\"" + escape(v) + "\"";
      facts_.push_back("A " + path + " " + k + "=" + v);
    }
    canonical_ += ">";
    const bool significant =
        xliff_ns(ns) && (local == "source" || local == "target" || local == "pc" ||
                         local == "mrk" || local == "data" || local == "note");
    std::string text;
    int text_index = 0;
    const auto flush = [&]() {
      const bool blank = text.find_first_not_of(" \t\r\n") == std::string::npos;
      if (!text.empty() && (significant || !blank)) {
        canonical_ += escape(text);
        facts_.push_back("T " + path + " #" + std::to_string(++text_index) + " " + escape(text));
      }
      text.clear();
    };
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      switch (c.type()) {
        case pugi::node_pcdata:
        case pugi::node_cdata:
          text += c.value();
          break;
        case pugi::node_element:
          flush();
          walk(c, path);
          break;
        case pugi::node_pi:
          if (keep_pis_) {
            flush();
            canonical_ += "<?" + std::string(c.name()) + " " + c.value() + "?>";
            facts_.push_back("P " + path + " " + c.name() + " " + c.value());
          }
          break;
        default:
          break;
      }
    }
    flush();
    canonical_ += "</>";
    scope_.resize(scope_.size() - pushed);
  }

  bool keep_pis_;
  bool ok_ = false;
  pugi::xml_document doc_;
  scope scope_;
  std::map<std::string, int> ordinals_;
  std::string canonical_;
  std::vector<std::string> facts_;
};

/// The facts of `kept` (what both the input and a reference output have) missing from `ours`.
inline std::vector<std::string> missing_facts(const std::vector<std::string>& input,
                                              const std::vector<std::string>& reference,
                                              const std::vector<std::string>& ours) {
  std::multiset<std::string> in(input.begin(), input.end()),
      ref(reference.begin(), reference.end()), mine(ours.begin(), ours.end());
  std::vector<std::string> out;
  for (auto it = ref.begin(); it != ref.end(); it = ref.upper_bound(*it)) {
    const std::size_t kept = std::min(in.count(*it), ref.count(*it));
    if (kept > mine.count(*it)) out.push_back(*it);
  }
  return out;
}

}  // namespace diaglot::testing
