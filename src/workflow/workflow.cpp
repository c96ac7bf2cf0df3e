#include "workflow/workflow.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include "locale/locale_data.hpp"
#include "workflow/xliff12.hpp"
#include "xliff/xml_syntax.hpp"

namespace diaglot::workflow {

namespace {

std::string path_of(const source_manager& sources, source_location where) {
  return where.known() && where.file < sources.size() ? sources.path(where.file) : std::string();
}

/// Page names by path as read, each asked of page_names once (it may ask the file system).
class page_cache {
 public:
  explicit page_cache(const page_names& names) : names_(names) {}
  const std::string& operator()(const std::string& path) {
    auto it = cache_.find(path);
    if (it == cache_.end()) it = cache_.emplace(path, names_(path)).first;
    return it->second;
  }

 private:
  const page_names& names_;
  std::map<std::string, std::string> cache_;
};

/// "PAGE:line:col" for `where` in the page named `page`; empty without a page.
std::string position(const source_manager& sources, source_location where,
                     const std::string& page) {
  if (page.empty()) return {};
  const line_column lc = sources.position(where);
  return page + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

std::vector<english_field> english_fields(const model::catalog& cat, const source_manager& sources,
                                          const page_names& names) {
  std::vector<english_field> out;
  page_cache page_of(names);
  for (const model::message& m : cat.messages) {
    for (const model::field& f : m.fields) {
      const auto en = f.by_locale.find(cat.source_locale);
      if (en == f.by_locale.end() || en->second.text.empty()) continue;
      const source_location where = en->second.where.known() ? en->second.where : m.where;
      std::string path = path_of(sources, where);
      out.push_back({&m, &en->second, page_of(path), std::move(path)});
    }
  }
  return out;
}

merge_counts& merge_counts::operator+=(const merge_counts& o) {
  kept += o.kept;
  changed += o.changed;
  review += o.review;
  added += o.added;
  obsolete += o.obsolete;
  restored += o.restored;
  dropped += o.dropped;
  lost += o.lost;
  if (first_lost.empty()) first_lost = o.first_lost;
  return *this;
}

void merge_counts::lose(const std::string& unit) {
  if (lost++ == 0) first_lost = unit;
}

std::optional<std::string> unless_lost(std::optional<std::string> merged,
                                       const merge_counts& counts, std::uint32_t file,
                                       diagnostic_sink& sink) {
  if (!merged || counts.lost == 0) return merged;
  sink.report(diag::merge_would_lose, source_location{file, 0},
              {counts.first_lost, std::to_string(counts.lost)});
  return std::nullopt;
}

bool is_machine_translated(std::string_view page) {
  if (page.substr(0, 3) == "\xEF\xBB\xBF") page.remove_prefix(3);
  std::size_t at = 0;
  bool first = true;
  while (at < page.size()) {
    std::size_t end = page.find('\n', at);
    if (end == std::string_view::npos) end = page.size();
    const std::string line = trim(page.substr(at, end - at));
    at = end + 1;
    if (first) {
      if (line != "---") return false;
      first = false;
      continue;
    }
    if (line == "---") return false;
    constexpr std::string_view key = "ms.translationtype:";
    if (line.compare(0, key.size(), key) != 0) continue;
    std::string value = trim(std::string_view(line).substr(key.size()));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\''))
      value = value.substr(1, value.size() - 2);
    std::transform(value.begin(), value.end(), value.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return value == "MT";
  }
  return false;
}

std::vector<unit_set> extract_units(const model::catalog& cat, const source_manager& sources,
                                    const std::vector<std::string>& target_locales,
                                    const page_names& names) {
  const std::vector<english_field> english = english_fields(cat, sources, names);
  std::vector<unit_set> out;
  for (const std::string& locale : target_locales) {
    unit_set set;
    set.source_locale = cat.source_locale;
    set.target_locale = locale;
    for (const english_field& e : english) {
      unit u;
      u.message = e.message->id;
      u.field = e.text->name;
      u.page = e.page;
      u.source = e.text->text;
      set.by_page[e.page].push_back(std::move(u));
    }
    out.push_back(std::move(set));
  }
  return out;
}

std::vector<unit_set> import_units(const model::catalog& cat, const source_manager& sources,
                                   const page_names& names) {
  std::vector<unit_set> out;
  std::map<std::uint32_t, bool> machine_pages;
  page_cache page_of(names);
  const auto machine = [&](source_location where) {
    if (!where.known() || where.file >= sources.size()) return false;
    const auto [it, inserted] = machine_pages.emplace(where.file, false);
    if (inserted) {
      const std::string& path = sources.path(where.file);
      const bool markdown = path.size() > 3 && path.compare(path.size() - 3, 3, ".md") == 0;
      it->second = markdown && is_machine_translated(sources.contents(where.file));
    }
    return it->second;
  };
  for (const std::string& locale : cat.locales) {
    if (locale == cat.source_locale) continue;
    unit_set set;
    set.source_locale = cat.source_locale;
    set.target_locale = locale;
    for (const model::message& m : cat.messages) {
      const auto st = m.states.find(locale);
      if (st == m.states.end()) continue;
      for (const model::field& f : m.fields) {
        const auto t = f.by_locale.find(locale);
        const auto en = f.by_locale.find(cat.source_locale);
        if (t == f.by_locale.end() || en == f.by_locale.end()) continue;
        const model::field_text& target = t->second;
        if (target.source_only()) continue;  // not for translation: nothing to hand translators
        unit u;
        u.message = m.id;
        u.field = f.name;
        u.source = target.made_from.value_or(en->second.text);
        if (u.source.empty()) continue;
        const source_location where =
            target.where.known() ? target.where : m.locale_where.at(locale);
        u.page = page_of(path_of(sources, where));
        u.target = target.text;
        u.st = st->second;
        u.machine = machine(where);
        // Machine translations are served (as the markdown reader serves them) but flagged.
        if (u.machine && u.st > model::state::needs_review) u.st = model::state::needs_review;
        u.origin = "origin: " + position(sources, where, u.page);
        if (u.machine) u.origin += ", machine translation (ms.translationtype: MT)";
        model::for_each_unit(
            target, [&](const std::string& english, const std::string& translation,
                        source_location) { u.segment_targets.emplace_back(english, translation); });
        if (!target.segments.empty()) {
          u.origin += "; segments:";
          for (std::size_t i = 0; i < target.segments.size(); ++i) {
            const model::segment& s = target.segments[i];
            const line_column lc = sources.position(s.where);
            u.origin += (i ? ", " : " ") + s.id + " at " + std::to_string(lc.line) + ":" +
                        std::to_string(lc.column);
          }
        }
        set.by_page[u.page].push_back(std::move(u));
      }
    }
    if (!set.by_page.empty()) out.push_back(std::move(set));
  }
  return out;
}

// --- merge
// ----------------------------------------------------------------------------------------

namespace {

using xliff12::child;
using xliff12::local_name;

bool is_whitespace(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

/// `MESSAGE#field` split as the XLIFF 1.2 reader splits it.
std::pair<std::string, std::string> split_name(const std::string& name) {
  const std::size_t hash = name.rfind('#');
  if (hash != std::string::npos && hash > 0 && hash + 1 < name.size())
    return {name.substr(0, hash), name.substr(hash + 1)};
  return {name, "text"};
}

std::string unit_key(pugi::xml_node unit) {
  const std::string resname = unit.attribute("resname").value();
  return resname.empty() ? unit.attribute("id").value() : resname;
}

/// A note of ours (`from="diaglot"`) whose text starts with `prefix`.
pugi::xml_node our_note(pugi::xml_node unit, std::string_view prefix) {
  for (pugi::xml_node c = unit.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element || local_name(c) != "note") continue;
    if (std::string_view(c.attribute("from").value()) != "diaglot") continue;
    if (std::string_view(c.child_value()).substr(0, prefix.size()) == prefix) return c;
  }
  return {};
}

/// Removes a child element with the whitespace before it.
void remove_with_space(pugi::xml_node node) {
  pugi::xml_node parent = node.parent();
  const pugi::xml_node before = node.previous_sibling();
  if (before && before.type() == pugi::node_pcdata && is_whitespace(before.value()))
    parent.remove_child(before);
  parent.remove_child(node);
}

/// The whitespace that precedes `node` after its last line break: its indentation.
std::string indentation(pugi::xml_node node, const std::string& fallback) {
  const pugi::xml_node before = node.previous_sibling();
  if (!before || before.type() != pugi::node_pcdata || !is_whitespace(before.value()))
    return fallback;
  const std::string_view ws = before.value();
  const std::size_t nl = ws.rfind('\n');
  return std::string(nl == std::string_view::npos ? ws : ws.substr(nl + 1));
}

/// Adds a note of ours after the unit's last child element, indented like its children.
void add_note(pugi::xml_node unit, const std::string& annotates, const std::string& text,
              const xliff12::names& n, const xliff12::layout& l) {
  pugi::xml_node last;
  for (pugi::xml_node c = unit.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element) last = c;
  pugi::xml_node ws = last ? unit.insert_child_after(pugi::node_pcdata, last)
                           : unit.append_child(pugi::node_pcdata);
  ws.set_value(("\n" + l.indent).c_str());
  pugi::xml_node note = unit.insert_child_after(n("note").c_str(), ws);
  note.append_attribute("from") = "diaglot";
  if (!annotates.empty()) note.append_attribute("annotates") = annotates.c_str();
  note.append_child(pugi::node_pcdata).set_value(text.c_str());
}

/// Whether a <target> holds a translation a reviewer should see again after a change.
bool has_translation(pugi::xml_node target) {
  if (!target || xliff12::render(target).empty()) return false;
  const std::string_view state = target.attribute("state").value();
  return state != "new" && state != "needs-translation";
}

void collect_units(pugi::xml_node parent, std::vector<pugi::xml_node>& out) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    if (local_name(c) == "trans-unit")
      out.push_back(c);
    else if (local_name(c) == "group")
      collect_units(c, out);
  }
}

/// Whether an element holds a unit (a <trans-unit> or <bin-unit>) at any depth.
bool holds_units(pugi::xml_node element) {
  return element.find_node([](pugi::xml_node n) {
    return n.type() == pugi::node_element &&
           (local_name(n) == "trans-unit" || local_name(n) == "bin-unit");
  });
}

/// Removes the <file>s among `dropped_from` that --drop-obsolete emptied of units, as long as a
/// <file> with units stays: a page whose English went leaves nothing behind (as in XLIFF 2).
void drop_emptied_files(pugi::xml_node root, const std::vector<pugi::xml_node>& dropped_from) {
  bool any_left = false;
  for (pugi::xml_node f = root.first_child(); f; f = f.next_sibling())
    any_left =
        any_left || (f.type() == pugi::node_element && local_name(f) == "file" && holds_units(f));
  if (!any_left) return;
  for (const pugi::xml_node f : dropped_from)
    if (!holds_units(f)) remove_with_space(f);
}

/// Targets of a document by unit key (first unit of a key only).
std::map<std::string, std::string> targets_of(pugi::xml_node root) {
  std::map<std::string, std::string> out;
  for (pugi::xml_node f = root.first_child(); f; f = f.next_sibling()) {
    if (f.type() != pugi::node_element || local_name(f) != "file") continue;
    std::vector<pugi::xml_node> units;
    collect_units(child(f, "body"), units);
    for (const pugi::xml_node u : units) {
      const pugi::xml_node t = child(u, "target");
      if (t) out.emplace(unit_key(u), xliff12::render(t));
    }
  }
  return out;
}

/// A unit as it was read: its bytes in the file and how pugixml prints it.
struct unit_as_read {
  std::size_t begin = 0, end = 0;
  std::string printed;
};

std::string printed(pugi::xml_node node) {
  std::ostringstream out;
  node.print(out, "", pugi::format_raw);
  return out.str();
}

/// Where a <trans-unit> lies in the bytes it was parsed from, for writing back as it was:
/// nullopt when that cannot be told safely (xliff::syntax::element_end).
std::optional<unit_as_read> as_read(pugi::xml_node u, const std::string& bytes) {
  const std::ptrdiff_t name_at = u.offset_debug();  // the name, after the `<`
  if (name_at <= 0) return std::nullopt;
  const auto open = static_cast<std::size_t>(name_at - 1);
  const std::optional<std::size_t> end = xliff::syntax::element_end(bytes, open);
  if (!end) return std::nullopt;
  return unit_as_read{open, *end, printed(u)};
}

constexpr const char* obsolete_text =
    "obsolete: not in the English sources at the last merge; kept for its translation "
    "(diaglot merge --drop-obsolete removes it)";

}  // namespace

std::optional<std::string> merge_xliff12(std::uint32_t file, const model::catalog& cat,
                                         const source_manager& sources,
                                         const merge_options& options, merge_counts& counts,
                                         diagnostic_sink& sink, const page_names& names) {
  const std::string& bytes = sources.contents(file);
  pugi::xml_document doc;
  const unsigned parse_options =
      pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_comments | pugi::parse_pi;
  const pugi::xml_parse_result parsed =
      doc.load_buffer(bytes.data(), bytes.size(), parse_options, pugi::encoding_utf8);
  if (!parsed) {
    const auto offset = static_cast<std::size_t>(parsed.offset);
    sink.report(diag::xml_malformed, {file, static_cast<std::uint32_t>(offset)},
                {xliff::syntax::parse_error_text(parsed.description(), offset, bytes)});
    return std::nullopt;
  }
  pugi::xml_node root = doc.document_element();
  const auto at = [&](pugi::xml_node node) {
    const std::ptrdiff_t o = node.offset_debug();
    return source_location{file, static_cast<std::uint32_t>(o > 0 ? o - 1 : 0)};
  };
  const std::size_t root_at = static_cast<std::size_t>(at(root).offset);
  const std::string_view version = root.attribute("version").value();
  if (local_name(root) != "xliff" || (!version.empty() && version[0] == '2')) {
    std::string what = root.name();
    if (local_name(root) == "xliff") what += " version=\"" + std::string(version) + "\"";
    sink.report(diag::not_xliff, at(root), {what});
    return std::nullopt;
  }
  const std::string_view root_name = root.name();
  const std::size_t colon = root_name.find(':');
  const xliff12::names n{
      colon == std::string_view::npos ? "" : std::string(root_name.substr(0, colon + 1))};

  const std::map<std::string, std::string> before = targets_of(root);

  // Units already in the document, first occurrence of each name.
  std::map<std::string, pugi::xml_node> units;
  std::map<std::string, std::vector<pugi::xml_node>> by_message;  // in document order
  // <file original> and <body>, in document order.
  std::vector<std::string> originals;
  std::vector<pugi::xml_node> bodies;
  pugi::xml_node first_file;
  std::vector<pugi::xml_node> all;
  for (pugi::xml_node f = root.first_child(); f; f = f.next_sibling()) {
    if (f.type() != pugi::node_element || local_name(f) != "file") continue;
    if (!first_file) first_file = f;
    const pugi::xml_node body = child(f, "body");
    if (body) {
      originals.emplace_back(f.attribute("original").value());
      bodies.push_back(body);
    }
    collect_units(body, all);
  }
  for (const pugi::xml_node u : all) {
    const std::string key = unit_key(u);
    if (!units.emplace(key, u).second) {
      sink.report(diag::merge_duplicate_unit, at(u), {key});
      sink.note(diag::note_first_definition, at(units[key]));
      continue;
    }
    by_message[split_name(key).first].push_back(u);
  }

  // Units merge leaves as they were are written back as their bytes: printed from the tree,
  // references would change spelling (`&#160;` as the character itself, `&apos;` as `'`), and
  // a translator's file would differ in lines nobody touched. Told by printing each unit before
  // and after, and only when the file cannot hold the placeholder's name.
  const std::string keep_mark = "diaglot-keep-unit";
  std::map<pugi::xml_node, unit_as_read> read_units;
  if (bytes.find(keep_mark) == std::string::npos)
    for (const pugi::xml_node u : all)
      if (std::optional<unit_as_read> r = as_read(u, bytes)) read_units.emplace(u, std::move(*r));

  const std::vector<english_field> english = english_fields(cat, sources, names);
  std::set<std::string> wanted;
  for (const english_field& e : english) wanted.insert(unit_name(e.message->id, e.text->name));

  // Units the document has: the same English, changed English, or no English any more.
  std::vector<pugi::xml_node> to_drop;
  for (auto& [key, u] : units) {
    const xliff12::layout inner{indentation(child(u, "source"), "        "), "  "};
    if (!wanted.count(key)) {
      if (our_note(u, xliff12::obsolete_note)) {
        if (options.drop_obsolete) to_drop.push_back(u);
        continue;
      }
      if (options.drop_obsolete) {
        to_drop.push_back(u);
        continue;
      }
      pugi::xml_attribute translate = u.attribute("translate");
      if (!translate) translate = u.append_attribute("translate");
      translate.set_value("no");
      add_note(u, "general", obsolete_text, n, inner);
      ++counts.obsolete;
      continue;
    }
    if (const pugi::xml_node mark = our_note(u, xliff12::obsolete_note)) {
      remove_with_space(mark);
      u.remove_attribute("translate");
      ++counts.restored;
    }
  }
  std::vector<pugi::xml_node> dropped_from;  // the <file>s of dropped units
  for (const pugi::xml_node u : to_drop)
    for (pugi::xml_node a = u.parent(); a; a = a.parent())
      if (local_name(a) == "file") {
        if (std::find(dropped_from.begin(), dropped_from.end(), a) == dropped_from.end())
          dropped_from.push_back(a);
        break;
      }
  for (const pugi::xml_node u : to_drop) {
    auto& siblings = by_message[split_name(unit_key(u)).first];
    siblings.erase(std::remove(siblings.begin(), siblings.end(), u), siblings.end());
    if (siblings.empty()) by_message.erase(split_name(unit_key(u)).first);
    remove_with_space(u);
    ++counts.dropped;
  }
  drop_emptied_files(root, dropped_from);

  for (const english_field& e : english) {
    const std::string key = unit_name(e.message->id, e.text->name);
    const auto it = units.find(key);
    if (it == units.end()) continue;
    pugi::xml_node u = it->second;
    const xliff12::layout inner{indentation(child(u, "source"), "        "), "  "};
    pugi::xml_node source = child(u, "source");
    pugi::xml_node target = child(u, "target");
    const std::string old_source = source ? xliff12::render(source) : std::string();
    if (source && old_source == e.text->text) {
      ++counts.kept;
      // A reviewed unit no longer needs the English its old translation was made from.
      const std::string_view state = target.attribute("state").value();
      if (state.substr(0, 13) != "needs-review-")
        if (const pugi::xml_node note = our_note(u, xliff12::previous_source_note))
          remove_with_space(note);
      continue;
    }
    ++counts.changed;
    if (!source) {
      source = u.prepend_child(n("source").c_str());
    }
    const bool translated = has_translation(target);
    // The first previous source stays until review: it is what the translation was made from.
    if (translated && !our_note(u, xliff12::previous_source_note))
      add_note(u, "source", std::string(xliff12::previous_source_note) + old_source, n, inner);
    xliff12::replace_source(u, e.text->text, n, inner);
    if (translated) {
      ++counts.review;
      pugi::xml_attribute state = target.attribute("state");
      if (!state) state = target.append_attribute("state");
      state.set_value(xliff12::state_name(model::state::needs_review));
      target.remove_attribute("state-qualifier");
      u.remove_attribute("approved");
    }
  }

  // New units: after the unit of the field before them, else before the message's first unit,
  // else at the end of the page's <file>, else in a new <file>.
  const std::string target_language =
      first_file ? first_file.attribute("target-language").value() : "";
  const std::string source_language =
      first_file ? first_file.attribute("source-language").value() : cat.source_locale;
  std::map<std::string, pugi::xml_node> last_of_message;
  for (const english_field& e : english) {
    const std::string key = unit_name(e.message->id, e.text->name);
    const auto it = units.find(key);
    if (it != units.end()) {
      last_of_message[e.message->id] = it->second;
      continue;
    }
    unit u;
    u.message = e.message->id;
    u.field = e.text->name;
    u.page = e.page;
    u.source = e.text->text;
    xliff12::place where{last_of_message[e.message->id], {}};
    pugi::xml_node body;
    if (where.after) {
      body = where.after.parent();
    } else if (const auto m = by_message.find(u.message); m != by_message.end()) {
      where.before = m->second.front();
      body = where.before.parent();
    } else if (const auto p = names.find_file(originals, u.page, e.path)) {
      body = bodies[*p];
    } else {
      if (!first_file) {
        sink.report(diag::merge_no_file, at(root));
        return std::nullopt;
      }
      const xliff12::layout file_layout{indentation(first_file, "  "), "  "};
      body = xliff12::append_file(root, u.page, source_language, target_language, n, file_layout);
      originals.push_back(u.page);
      bodies.push_back(body);
    }
    std::string indent = indentation(body, "    ") + "  ";
    for (pugi::xml_node c = body.first_child(); c; c = c.next_sibling())
      if (c.type() == pugi::node_element) {
        indent = indentation(c, indent);
        break;
      }
    const pugi::xml_node added = xliff12::insert_unit(body, where, u, n, {indent, "  "});
    last_of_message[u.message] = added;
    ++counts.added;
  }

  // Every translation that was there is still there, unless --drop-obsolete removed its unit.
  const std::map<std::string, std::string> after = targets_of(root);
  for (const auto& [key, text] : before) {
    const auto it = after.find(key);
    if (it == after.end() ? !(options.drop_obsolete && !wanted.count(key)) : it->second != text)
      counts.lose(key);
  }

  // The prolog (declaration, doctype, comments) and what follows the root are kept as bytes.
  const std::string prolog = bytes.substr(0, root_at);
  std::string epilog;
  const std::string closing = "</" + std::string(root.name());
  const std::size_t close = bytes.rfind(closing);
  if (close != std::string::npos) {
    const std::size_t gt = bytes.find('>', close);
    if (gt != std::string::npos) epilog = bytes.substr(gt + 1);
  } else {
    epilog = "\n";
  }
  std::vector<pugi::xml_node> now;
  for (pugi::xml_node f = root.first_child(); f; f = f.next_sibling())
    if (f.type() == pugi::node_element && local_name(f) == "file")
      collect_units(child(f, "body"), now);
  std::vector<const unit_as_read*> kept;
  for (pugi::xml_node u : now) {
    const auto r = read_units.find(u);
    if (r == read_units.end() || printed(u) != r->second.printed) continue;
    pugi::xml_node mark = u.parent().insert_child_before(pugi::node_pi, u);
    mark.set_name(keep_mark.c_str());
    mark.set_value(std::to_string(kept.size()).c_str());
    u.parent().remove_child(u);
    kept.push_back(&r->second);
  }
  std::string out = printed(root);
  if (bytes.find("\r\n") != std::string::npos) out = xliff::syntax::with_crlf(out);
  if (!kept.empty()) {
    std::string spliced;
    spliced.reserve(bytes.size() + out.size() / 8);
    std::size_t from = 0;
    for (std::size_t k = 0; k < kept.size(); ++k) {
      const std::string mark = "<?" + keep_mark + " " + std::to_string(k) + "?>";
      const std::size_t at = out.find(mark, from);
      spliced.append(out, from, at - from);
      spliced.append(bytes, kept[k]->begin, kept[k]->end - kept[k]->begin);
      from = at + mark.size();
    }
    spliced.append(out, from, std::string::npos);
    out = std::move(spliced);
  }
  return prolog + out + epilog;
}

}  // namespace diaglot::workflow
