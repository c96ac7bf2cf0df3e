#include "xliff/xliff2_document.hpp"

#include <algorithm>
#include <utility>

#include "util/utf8.hpp"
#include "xliff/xml_syntax.hpp"

namespace diaglot::xliff {

namespace {

template <class Attributes>
auto find_in(Attributes& list, std::string_view name, std::string_view ns) {
  return std::find_if(list.begin(), list.end(),
                      [&](const attribute& a) { return a.name == name && a.ns == ns; });
}

}  // namespace

const attribute* element::find(std::string_view name, std::string_view ns) const {
  const auto it = find_in(attributes, name, ns);
  return it == attributes.end() ? nullptr : &*it;
}

std::string_view element::get(std::string_view name, std::string_view ns) const {
  const attribute* a = find(name, ns);
  return a ? std::string_view(a->value) : std::string_view();
}

element& element::set(std::string_view name, std::string value) {
  return set({}, {}, name, std::move(value));
}

element& element::set(std::string_view ns, std::string_view prefix, std::string_view name,
                      std::string value) {
  const auto it = find_in(attributes, name, ns);
  if (it != attributes.end()) {
    it->value = std::move(value);
  } else {
    attribute a;
    a.ns = std::string(ns);
    a.prefix = std::string(prefix);
    a.name = std::string(name);
    a.value = std::move(value);
    attributes.push_back(std::move(a));
  }
  return *this;
}

bool element::erase(std::string_view name, std::string_view ns) {
  const auto it = find_in(attributes, name, ns);
  if (it == attributes.end()) return false;
  attributes.erase(it);
  return true;
}

xml_node xml_node::make_element(std::string ns, std::string prefix, std::string name) {
  xml_node n;
  n.type = kind::element;
  n.ns = std::move(ns);
  n.prefix = std::move(prefix);
  n.name = std::move(name);
  return n;
}

xml_node xml_node::make_text(std::string text) {
  xml_node n;
  n.type = kind::text;
  n.text = std::move(text);
  return n;
}

const attribute* xml_node::find(std::string_view name, std::string_view ns) const {
  const auto it = find_in(attributes, name, ns);
  return it == attributes.end() ? nullptr : &*it;
}

const char* to_string(code_kind k) {
  switch (k) {
    case code_kind::text:
      return "text";
    case code_kind::cp:
      return "cp";
    case code_kind::ph:
      return "ph";
    case code_kind::pc:
      return "pc";
    case code_kind::sc:
      return "sc";
    case code_kind::ec:
      return "ec";
    case code_kind::mrk:
      return "mrk";
    case code_kind::sm:
      return "sm";
    case code_kind::em:
      return "em";
  }
  return "text";
}

inline_container& inline_container::add_text(std::string_view text) {
  if (text.empty()) return *this;
  if (!children.empty() && children.back().kind == code_kind::text) {
    children.back().text += text;
  } else {
    inline_node n;
    n.kind = code_kind::text;
    n.text = std::string(text);
    children.push_back(std::move(n));
  }
  return *this;
}

inline_node& inline_container::add(code_kind kind, std::string id) {
  inline_node n;
  n.kind = kind;
  if (!id.empty()) n.set("id", std::move(id));
  children.push_back(std::move(n));
  return children.back();
}

namespace {

void append_plain(const std::vector<inline_node>& nodes, std::string& out) {
  for (const inline_node& n : nodes) {
    switch (n.kind) {
      case code_kind::text:
        out += n.text;
        break;
      case code_kind::cp: {
        const std::string_view hex = n.get("hex");
        char32_t value = 0;
        bool ok = !hex.empty() && hex.size() <= 8;
        for (const char c : hex) {
          const int digit = c >= '0' && c <= '9'   ? c - '0'
                            : c >= 'a' && c <= 'f' ? c - 'a' + 10
                            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                   : -1;
          if (digit < 0) ok = false;
          value = value * 16 + static_cast<char32_t>(digit < 0 ? 0 : digit);
        }
        if (ok) utf8::append(out, value);
        break;
      }
      case code_kind::pc:
      case code_kind::mrk:
        append_plain(n.children, out);
        break;
      default:
        break;
    }
  }
}

}  // namespace

std::string inline_container::plain_text() const {
  std::string out;
  append_plain(children, out);
  return out;
}

std::string_view segment::state() const {
  const std::string_view s = get("state");
  return s.empty() ? std::string_view("initial") : s;
}

content& segment::add_target(std::string_view state) {
  target.emplace();
  if (!state.empty()) set("state", std::string(state));
  return *target;
}

unit::unit(std::string id) { set("id", std::move(id)); }

std::string_view unit::message_name() const {
  const attribute* name = find("name");
  return name ? std::string_view(name->value) : id();
}

note& unit::add_note(std::string text) {
  notes.emplace_back();
  notes.back().text = std::move(text);
  return notes.back();
}

segment& unit::add_segment(std::string_view source_text) {
  segments.emplace_back();
  segments.back().source.add_text(source_text);
  return segments.back();
}

segment& unit::add_ignorable(std::string_view source_text) {
  segment& s = add_segment(source_text);
  s.ignorable = true;
  return s;
}

content& unit::add_data(std::string id, std::string_view text) {
  original_data.emplace_back();
  original_data.back().set("id", std::move(id));
  original_data.back().add_text(text);
  return original_data.back();
}

std::set<std::string_view> unit::span_ids(bool targets) const {
  std::set<std::string_view> ids;
  const auto inline_ids = [&ids](const std::vector<inline_node>& nodes, const auto& self) -> void {
    for (const inline_node& n : nodes) {
      if (n.has("id")) ids.insert(n.id());
      self(n.children, self);
    }
  };
  for (const segment& s : segments) {
    if (targets) {
      if (s.target) inline_ids(s.target->children, inline_ids);
      continue;
    }
    if (s.has("id")) ids.insert(s.id());
    inline_ids(s.source.children, inline_ids);
  }
  return ids;
}

bool unit::names_span(const syntax::fragment& f, std::string_view file_id) const {
  for (std::size_t i = 0; i + 1 < f.selectors.size(); ++i) {
    const syntax::fragment::selector& s = f.selectors[i];
    if ((s.prefix == "f" && s.id != file_id) || (s.prefix == "u" && s.id != id())) return false;
  }
  const syntax::fragment::selector& leaf = f.selectors.back();
  if (leaf.prefix.empty()) return span_ids(false).count(leaf.id) != 0;
  return leaf.prefix == "t" && span_ids(true).count(leaf.id) != 0;
}

note& container::add_note(std::string text) {
  notes.emplace_back();
  notes.back().text = std::move(text);
  return notes.back();
}

unit& container::add_unit(std::string id) {
  members.push_back(member{unit(std::move(id))});
  return *members.back().as_unit();
}

group& container::add_group(std::string id) {
  group g;
  g.set("id", std::move(id));
  members.push_back(member{std::move(g)});
  return *members.back().as_group();
}

document::document(std::string src_lang, std::string trg_lang, std::string version) {
  ns = std::string(version.rfind("2.2", 0) == 0 ? ns_core22 : ns_core20);
  set("version", std::move(version));
  set("srcLang", std::move(src_lang));
  if (!trg_lang.empty()) set("trgLang", std::move(trg_lang));
}

file& document::add_file(std::string id) {
  files.emplace_back();
  files.back().set("id", std::move(id));
  return files.back();
}

std::vector<std::string> revision_texts(const unit& u, std::string_view applies_to) {
  std::vector<std::string> out;
  const auto is = [](const xml_node& x, std::string_view name, std::string_view attribute,
                     std::string_view value) {
    const xliff::attribute* a = x.find(attribute);
    return x.type == xml_node::kind::element && x.ns == ns_ctr && x.name == name && a &&
           a->value == value;
  };
  for (const xml_node& track : u.extensions) {
    if (track.ns != ns_ctr || track.name != "changeTrack") continue;
    for (const xml_node& r : track.children) {
      if (!is(r, "revisions", "appliesTo", applies_to) || r.find("ref")) continue;
      for (const xml_node& revision : r.children) {
        if (!is(revision, "revision", "author", merge_revision_author)) continue;
        for (const xml_node& item : revision.children) {
          if (!is(item, "item", "property", "content")) continue;
          std::string text;
          for (const xml_node& t : item.children)
            if (t.type == xml_node::kind::text) text += t.text;
          out.push_back(std::move(text));
        }
      }
    }
  }
  return out;
}

}  // namespace diaglot::xliff
