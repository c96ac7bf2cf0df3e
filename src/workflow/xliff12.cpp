#include "workflow/xliff12.hpp"

#include <sstream>
#include <utility>

namespace diaglot::workflow {

std::string unit_name(const std::string& message, const std::string& field) {
  return message + "#" + field;
}

unit_counts count(const unit_set& set) {
  unit_counts c;
  for (const auto& [page, units] : set.by_page) {
    for (const unit& u : units) {
      ++c.units;
      if (u.target) ++c.with_target;
      for (const piece& p : segment_field(u.source))
        if (p.segment) ++c.segments;
    }
  }
  return c;
}

code_ids::code_ids(const std::vector<run>& source_runs) {
  for (const run& r : source_runs) {
    if (r.kind != run::code) continue;
    values_.push_back(r.value);
    source_ids_.push_back(std::to_string(source_ids_.size() + 1));
  }
}

std::vector<std::string> code_ids::target_ids(const std::vector<run>& target_runs) const {
  std::vector<const run*> codes;
  for (const run& r : target_runs)
    if (r.kind == run::code) codes.push_back(&r);
  std::vector<std::string> out(codes.size());
  std::vector<bool> used(values_.size(), false);
  // Codes the translation kept as they were.
  for (std::size_t t = 0; t < codes.size(); ++t) {
    for (std::size_t s = 0; s < values_.size(); ++s) {
      if (!used[s] && values_[s] == codes[t]->value) {
        used[s] = true;
        out[t] = source_ids_[s];
        break;
      }
    }
  }
  // Codes it changed (a translated link target, say) take the source codes left, in order;
  // codes the source does not have stay without an id.
  std::size_t next_source = 0;
  for (std::size_t t = 0; t < codes.size(); ++t) {
    if (!out[t].empty()) continue;
    while (next_source < used.size() && used[next_source]) ++next_source;
    if (next_source < used.size()) {
      used[next_source] = true;
      out[t] = source_ids_[next_source];
    }
  }
  return out;
}

namespace xliff12 {

namespace {

bool is_whitespace(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

/// The indentation of the parent of elements indented by `indent`.
std::string outer(const layout& l) {
  const std::string& i = l.indent;
  if (i.size() >= l.step.size() && i.compare(i.size() - l.step.size(), l.step.size(), l.step) == 0)
    return i.substr(0, i.size() - l.step.size());
  return {};
}

void add_text(pugi::xml_node parent, const std::string& text) {
  if (text.empty()) return;
  parent.append_child(pugi::node_pcdata).set_value(text.c_str());
}

/// Appends runs as text and <ph>; `ids` holds the id of each code run in order, `next` the
/// index of the next one.
void append_runs(pugi::xml_node parent, const std::vector<run>& runs,
                 const std::vector<std::string>& ids, std::size_t& next, const names& n) {
  for (const run& r : runs) {
    // A target's markdown the source does not have is text: no source code stands for it.
    const bool extra = r.kind == run::code && (next >= ids.size() || ids[next].empty());
    if (r.kind == run::code) ++next;
    if (r.kind == run::text || extra) {
      add_text(parent, r.value);
      continue;
    }
    pugi::xml_node ph = parent.append_child(n("ph").c_str());
    ph.append_attribute("id") = ids[next - 1].c_str();
    add_text(ph, r.value);
  }
}

std::vector<run> runs_of(const std::vector<piece>& pieces) {
  std::vector<run> out;
  for (const piece& p : pieces) out.insert(out.end(), p.runs.begin(), p.runs.end());
  return out;
}

void remove_children(pugi::xml_node node) {
  while (node.first_child()) node.remove_child(node.first_child());
}

void fill_source(pugi::xml_node source, const std::vector<piece>& pieces, const names& n) {
  const code_ids ids(runs_of(pieces));
  std::size_t next = 0;
  for (const piece& p : pieces) append_runs(source, p.runs, ids.source_ids(), next, n);
}

void fill_seg_source(pugi::xml_node seg_source, const std::vector<piece>& pieces, const names& n) {
  const code_ids ids(runs_of(pieces));
  std::size_t next = 0, mid = 0;
  for (const piece& p : pieces) {
    if (!p.segment) {
      append_runs(seg_source, p.runs, ids.source_ids(), next, n);
      continue;
    }
    pugi::xml_node mrk = seg_source.append_child(n("mrk").c_str());
    mrk.append_attribute("mtype") = "seg";
    mrk.append_attribute("mid") = std::to_string(++mid).c_str();
    append_runs(mrk, p.runs, ids.source_ids(), next, n);
  }
}

/// Inserts an element into `parent` at `where`, preceded by "\n" + indent.
pugi::xml_node insert_element(pugi::xml_node parent, place where, const std::string& name,
                              const layout& l) {
  pugi::xml_node ws;
  if (where.after) {
    ws = parent.insert_child_after(pugi::node_pcdata, where.after);
  } else if (where.before) {
    // The whitespace before `before` now precedes the new element; the new one gets its own.
    const pugi::xml_node element = parent.insert_child_before(name.c_str(), where.before);
    parent.insert_child_after(pugi::node_pcdata, element).set_value(("\n" + l.indent).c_str());
    return element;
  } else {
    const pugi::xml_node last = parent.last_child();
    if (last && last.type() == pugi::node_pcdata && is_whitespace(last.value())) {
      ws = parent.insert_child_before(pugi::node_pcdata, last);
    } else {
      ws = parent.append_child(pugi::node_pcdata);
      parent.append_child(pugi::node_pcdata).set_value(("\n" + outer(l)).c_str());
    }
  }
  ws.set_value(("\n" + l.indent).c_str());
  return parent.insert_child_after(name.c_str(), ws);
}

layout inner(const layout& l) { return {l.indent + l.step, l.step}; }

}  // namespace

const char* state_name(model::state s) {
  switch (s) {
    case model::state::initial:
      return "new";
    case model::state::needs_translation:
      return "needs-translation";
    case model::state::needs_review:
      return "needs-review-translation";
    case model::state::translated:
      return "translated";
    case model::state::final_:
      return "final";
  }
  return "needs-translation";
}

std::string_view local_name(pugi::xml_node node) {
  const std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node parent, std::string_view local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == local) return c;
  return {};
}

pugi::xml_node append_file(pugi::xml_node root, const std::string& page,
                           const std::string& source_locale, const std::string& target_locale,
                           const names& n, const layout& l) {
  pugi::xml_node file = insert_element(root, {}, n("file"), l);
  file.append_attribute("original") = page.c_str();
  file.append_attribute("source-language") = source_locale.c_str();
  file.append_attribute("target-language") = target_locale.c_str();
  file.append_attribute("datatype") = "x-markdown";
  return insert_element(file, {}, n("body"), inner(l));
}

pugi::xml_node insert_unit(pugi::xml_node body, place where, const unit& u, const names& n,
                           const layout& l) {
  pugi::xml_node tu = insert_element(body, where, n("trans-unit"), l);
  const std::string name = unit_name(u.message, u.field);
  tu.append_attribute("id") = name.c_str();
  tu.append_attribute("resname") = name.c_str();
  if (u.target && u.st >= model::state::translated) tu.append_attribute("approved") = "yes";
  tu.append_attribute("xml:space") = "preserve";

  const layout in = inner(l);
  const std::vector<piece> pieces = segment_field(u.source);
  fill_source(insert_element(tu, {}, n("source"), in), pieces, n);
  fill_seg_source(insert_element(tu, {}, n("seg-source"), in), pieces, n);
  if (u.target) {
    pugi::xml_node target = insert_element(tu, {}, n("target"), in);
    target.append_attribute("state") = state_name(u.st);
    if (u.machine && u.st == model::state::needs_review)
      target.append_attribute("state-qualifier") = "leveraged-mt";
    set_protected(target, *u.target, u.source);
  }
  pugi::xml_node page = insert_element(tu, {}, n("note"), in);
  page.append_attribute("from") = "developer";
  page.append_attribute("annotates") = "source";
  add_text(page, "page: " + u.page + ", field: " + u.field);
  if (!u.origin.empty()) {
    pugi::xml_node origin = insert_element(tu, {}, n("note"), in);
    origin.append_attribute("from") = "diaglot";
    origin.append_attribute("annotates") = "target";
    add_text(origin, u.origin);
  }
  return tu;
}

void set_protected(pugi::xml_node element, const std::string& markdown, const std::string& source) {
  remove_children(element);
  const std::vector<run> runs = protect_field(markdown);
  const std::vector<std::string> ids = code_ids(protect_field(source)).target_ids(runs);
  std::size_t next = 0;
  const std::string_view name = element.name();
  const std::size_t colon = name.find(':');
  const names n{colon == std::string_view::npos ? "" : std::string(name.substr(0, colon + 1))};
  append_runs(element, runs, ids, next, n);
}

void replace_source(pugi::xml_node unit_node, const std::string& source, const names& n,
                    const layout& l) {
  const std::vector<piece> pieces = segment_field(source);
  pugi::xml_node src = child(unit_node, "source");
  remove_children(src);
  fill_source(src, pieces, n);
  pugi::xml_node seg = child(unit_node, "seg-source");
  if (!seg) seg = insert_element(unit_node, {src, {}}, n("seg-source"), l);
  remove_children(seg);
  fill_seg_source(seg, pieces, n);

  // The target keeps its text; its codes take the ids of the new source's codes.
  pugi::xml_node target = child(unit_node, "target");
  if (!target) return;
  std::vector<pugi::xml_node> phs;
  std::vector<run> codes;
  for (pugi::xml_node c = target.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element || local_name(c) != "ph") continue;
    phs.push_back(c);
    codes.push_back({run::code, render(c)});
  }
  const std::vector<std::string> ids = code_ids(runs_of(pieces)).target_ids(codes);
  for (std::size_t i = 0; i < phs.size(); ++i) {
    if (ids[i].empty()) {
      // No code of the new source stands for it: its markdown, as text.
      target.insert_child_before(pugi::node_pcdata, phs[i]).set_value(codes[i].value.c_str());
      target.remove_child(phs[i]);
      continue;
    }
    pugi::xml_attribute id = phs[i].attribute("id");
    if (!id) id = phs[i].append_attribute("id");
    id.set_value(ids[i].c_str());
  }
}

namespace {

void render_into(pugi::xml_node parent, std::string& out) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out += c.value();
      continue;
    }
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = local_name(c);
    if (name == "x" || name == "bx" || name == "ex") continue;
    if (name == "ph" || name == "bpt" || name == "ept" || name == "it") {
      // The native code, without <sub> (translatable text that belongs to the code).
      for (pugi::xml_node t = c.first_child(); t; t = t.next_sibling())
        if (t.type() == pugi::node_pcdata || t.type() == pugi::node_cdata) out += t.value();
      continue;
    }
    render_into(c, out);  // <g>, <mrk>, and anything else: their content
  }
}

}  // namespace

std::string render(pugi::xml_node element) {
  std::string out;
  render_into(element, out);
  return out;
}

std::string write(const unit_set& set) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("xliff");
  root.append_attribute("version") = "1.2";
  root.append_attribute("xmlns") = namespace_uri;
  const names n;
  const layout file_layout{"  ", "  "};
  const layout unit_layout{"      ", "  "};
  for (const auto& [page, units] : set.by_page) {
    const pugi::xml_node body =
        append_file(root, page, set.source_locale, set.target_locale, n, file_layout);
    for (const unit& u : units) insert_unit(body, {}, u, n, unit_layout);
  }
  if (!root.first_child()) root.append_child(pugi::node_pcdata).set_value("\n");
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  root.print(out, "", pugi::format_raw);
  out << "\n";
  return out.str();
}

}  // namespace xliff12

}  // namespace diaglot::workflow
