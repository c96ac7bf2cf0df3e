#include "workflow/xliff20.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "read/pgs.hpp"
#include "xliff/xliff2.hpp"
#include "xliff/xml_syntax.hpp"

namespace diaglot::workflow::xliff20 {

namespace {

constexpr std::string_view ns_ctr = xliff::ns_ctr;
constexpr std::string_view ns_mda = xliff::ns_mda;
using xliff::machine_substate;
using xliff::needs_review_substate;

/// An NMTOKEN from any text: ASCII letters, digits, `.`, `-`, `_` kept, anything else `_`.
std::string nmtoken(std::string_view s) {
  std::string out;
  for (const char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_';
    out += ok ? c : '_';
  }
  return out.empty() ? "_" : out;
}

void set_state(xliff::segment& s, model::state st, bool machine) {
  switch (st) {
    case model::state::initial:
    case model::state::needs_translation:
      s.set("state", "initial");
      break;
    case model::state::needs_review:
      s.set("state", "translated");
      s.set("subState", machine ? machine_substate : needs_review_substate);
      break;
    case model::state::translated:
      s.set("state", "translated");
      break;
    case model::state::final_:
      s.set("state", "final");
      break;
  }
}

/// Writes runs into unit content, codes as <ph dataRef> with their markdown in <originalData>.
class content_writer {
 public:
  explicit content_writer(xliff::unit& u) : unit_(u) {
    for (const xliff::content& d : u.original_data) {
      const std::string id(d.get("id"));
      used_.insert(id);
      by_text_.emplace(d.plain_text(), id);
    }
  }

  /// The id of the <data> holding `markdown`, added when there is none.
  std::string data_for(const std::string& markdown) {
    const auto it = by_text_.find(markdown);
    if (it != by_text_.end()) return it->second;
    std::string id;
    do id = "d" + std::to_string(++next_data_);
    while (used_.count(id));
    used_.insert(id);
    unit_.add_data(id, markdown);
    by_text_.emplace(markdown, id);
    return id;
  }

  /// Appends runs; `ids[i]` is the id of the i-th code run.
  void append(xliff::content& c, const std::vector<run>& runs,
              const std::vector<std::string>& ids) {
    std::size_t next = 0;
    for (const run& r : runs) {
      if (r.kind == run::text) {
        c.add_text(r.value);
        continue;
      }
      const std::string id = next < ids.size() ? ids[next] : std::string();
      ++next;
      if (id.empty()) {
        // A target's markdown the source does not have is text: no source code stands for it.
        c.add_text(r.value);
        continue;
      }
      const std::string ref = data_for(r.value);
      c.add(xliff::code_kind::ph, id).set("dataRef", ref);
    }
  }

 private:
  xliff::unit& unit_;
  std::set<std::string> used_;
  std::map<std::string, std::string> by_text_;
  int next_data_ = 0;
};

/// Code ids of a piece within a unit whose source codes are numbered 1..n in order.
struct unit_codes {
  std::size_t total = 0;  ///< code runs in the unit's source
  std::vector<std::string> source(std::size_t offset, const std::vector<run>& runs) const {
    std::vector<std::string> out;
    for (const run& r : runs)
      if (r.kind == run::code) out.push_back(std::to_string(offset + out.size() + 1));
    return out;
  }
  /// Ids for a target's codes matched against the codes of the source piece at `offset`.
  std::vector<std::string> target(std::size_t offset, const std::vector<run>& source_runs,
                                  const std::vector<run>& target_runs) const {
    std::vector<std::string> out;
    for (const std::string& id : code_ids(source_runs).target_ids(target_runs))
      out.push_back(id.empty() ? id : std::to_string(offset + std::stoul(id)));
    return out;
  }
};

std::size_t code_count(const std::vector<run>& runs) {
  return static_cast<std::size_t>(
      std::count_if(runs.begin(), runs.end(), [](const run& r) { return r.kind == run::code; }));
}

/// Fills a new unit with the source (and target) of `u`.
void fill_unit(xliff::unit& x, const unit& u) {
  content_writer w(x);
  const std::vector<piece> pieces = segment_field(u.source);
  unit_codes codes;
  for (const piece& p : pieces) codes.total += code_count(p.runs);

  // Targets sentence by sentence when the source's segments are ours and rebuild the target.
  bool aligned = false;
  if (u.target && !u.segment_targets.empty()) {
    std::size_t k = 0;
    std::string rebuilt;
    aligned = true;
    for (const piece& p : pieces) {
      if (!p.segment) {
        rebuilt += join(p.runs);
        continue;
      }
      if (k >= u.segment_targets.size() || u.segment_targets[k].first != join(p.runs)) {
        aligned = false;
        break;
      }
      rebuilt += u.segment_targets[k++].second;
    }
    aligned = aligned && k == u.segment_targets.size() && rebuilt == *u.target;
  }

  if (u.target && !aligned) {
    // One segment for the whole field: the translation cannot be placed sentence by sentence.
    std::vector<run> all;
    for (const piece& p : pieces) all.insert(all.end(), p.runs.begin(), p.runs.end());
    xliff::segment& s = x.add_segment();
    w.append(s.source, all, codes.source(0, all));
    const std::vector<run> target = protect_field(*u.target);
    w.append(s.add_target(), target, codes.target(0, all, target));
    set_state(s, u.st, u.machine);
    return;
  }

  std::size_t offset = 0, k = 0;
  for (const piece& p : pieces) {
    xliff::segment& s = p.segment ? x.add_segment() : x.add_ignorable("");
    w.append(s.source, p.runs, codes.source(offset, p.runs));
    if (aligned && p.segment) {
      const std::vector<run> target = protect_inline(u.segment_targets[k++].second);
      w.append(s.add_target(), target, codes.target(offset, p.runs, target));
      set_state(s, u.st, u.machine);
    } else if (aligned) {
      // An ignorable's target is its source, so the unit's targets give the whole translation.
      w.append(s.add_target(), p.runs, codes.source(offset, p.runs));
    }
    offset += code_count(p.runs);
  }
}

/// Unit ids for a page's units: the field name, else message and field, made NMTOKENs.
std::vector<std::string> unit_ids(const std::vector<unit>& units, std::set<std::string> used) {
  std::map<std::string, int> field_count;
  for (const unit& u : units) ++field_count[nmtoken(u.field)];
  std::vector<std::string> out;
  for (const unit& u : units) {
    std::string id = nmtoken(u.field);
    if (field_count[id] > 1 || used.count(id)) id = nmtoken(u.message + "_" + u.field);
    const std::string base = id;
    for (int n = 2; used.count(id); ++n) id = base + "_" + std::to_string(n);
    used.insert(id);
    out.push_back(id);
  }
  return out;
}

void add_notes(xliff::unit& x, const unit& u) {
  xliff::note& page = x.add_note("page: " + u.page + ", field: " + u.field);
  page.set("category", "location");
  page.set("appliesTo", "source");
  if (!u.origin.empty()) {
    xliff::note& origin = x.add_note(u.origin);
    origin.set("category", "origin");
    origin.set("appliesTo", "target");
  }
}

}  // namespace

xliff::document build(const unit_set& set) {
  xliff::document doc(set.source_locale, set.target_locale, "2.0");
  std::size_t file_no = 0;
  for (const auto& [page, units] : set.by_page) {
    xliff::file& f = doc.add_file("f" + std::to_string(++file_no));
    f.set("original", page);
    const std::vector<std::string> ids = unit_ids(units, {});
    for (std::size_t i = 0; i < units.size(); ++i) {
      xliff::unit& x = f.add_unit(ids[i]);
      x.set("name", unit_name(units[i].message, units[i].field));
      add_notes(x, units[i]);
      fill_unit(x, units[i]);
    }
  }
  return doc;
}

std::string write(const unit_set& set) { return xliff::write(build(set)); }

namespace {

std::string data_text(const xliff::unit& u, std::string_view id) {
  for (const xliff::content& d : u.original_data)
    if (d.get("id") == id) return d.plain_text();
  return {};
}

void render_nodes(const xliff::unit& u, const std::vector<xliff::inline_node>& nodes,
                  std::string& out) {
  for (const xliff::inline_node& n : nodes) {
    switch (n.kind) {
      case xliff::code_kind::text:
        out += n.text;
        break;
      case xliff::code_kind::cp: {
        xliff::content one;
        one.children.push_back(n);
        out += one.plain_text();
        break;
      }
      case xliff::code_kind::ph:
      case xliff::code_kind::sc:
      case xliff::code_kind::ec:
        out += data_text(u, n.get("dataRef"));
        break;
      case xliff::code_kind::pc:
        out += data_text(u, n.get("dataRefStart"));
        render_nodes(u, n.children, out);
        out += data_text(u, n.get("dataRefEnd"));
        break;
      case xliff::code_kind::mrk:
        render_nodes(u, n.children, out);
        break;
      case xliff::code_kind::sm:
      case xliff::code_kind::em:
        break;
    }
  }
}

}  // namespace

std::string render(const xliff::unit& u, const xliff::content& c) {
  std::string out;
  render_nodes(u, c.children, out);
  return out;
}

std::string unit_source(const xliff::unit& u) {
  std::string out;
  for (const xliff::segment& s : u.segments) out += render(u, s.source);
  return out;
}

std::string unit_target(const xliff::unit& u) {
  std::string out;
  for (const xliff::segment& s : u.segments) {
    if (s.target)
      out += render(u, *s.target);
    else if (s.ignorable)
      out += render(u, s.source);
  }
  return out;
}

bool is_obsolete(const xliff::unit& u) {
  for (const xliff::xml_node& x : u.extensions) {
    if (x.ns != ns_mda || x.name != "metadata") continue;
    for (const xliff::xml_node& g : x.children) {
      const xliff::attribute* category = g.find("category");
      if (g.name != "metaGroup" || !category || category->value != "diaglot") continue;
      for (const xliff::xml_node& m : g.children) {
        const xliff::attribute* type = m.find("type");
        if (m.name == "meta" && type && type->value == "obsolete") return true;
      }
    }
  }
  return false;
}

// --- merge
// ----------------------------------------------------------------------------------------

namespace {

bool has_translation(const xliff::unit& u) {
  for (const xliff::segment& s : u.segments)
    if (!s.ignorable && s.target && !render(u, *s.target).empty() && s.state() != "initial")
      return true;
  return false;
}

void mark_obsolete(xliff::unit& u) {
  u.set("translate", "no");
  xliff::xml_node meta = xliff::xml_node::make_element(std::string(ns_mda), "mda", "meta");
  meta.attributes.push_back({"", "", "type", "obsolete", xliff::no_offset});
  meta.children.push_back(xliff::xml_node::make_text("yes"));
  xliff::xml_node group = xliff::xml_node::make_element(std::string(ns_mda), "mda", "metaGroup");
  group.attributes.push_back({"", "", "category", "diaglot", xliff::no_offset});
  group.children.push_back(std::move(meta));
  for (xliff::xml_node& x : u.extensions) {
    if (x.ns == ns_mda && x.name == "metadata") {
      x.children.push_back(std::move(group));
      return;
    }
  }
  xliff::xml_node metadata = xliff::xml_node::make_element(std::string(ns_mda), "mda", "metadata");
  metadata.children.push_back(std::move(group));
  u.extensions.push_back(std::move(metadata));
}

void unmark_obsolete(xliff::unit& u) {
  u.erase("translate");
  for (auto x = u.extensions.begin(); x != u.extensions.end(); ++x) {
    if (x->ns != ns_mda || x->name != "metadata") continue;
    auto& groups = x->children;
    groups.erase(std::remove_if(groups.begin(), groups.end(),
                                [](const xliff::xml_node& g) {
                                  const xliff::attribute* c = g.find("category");
                                  return g.name == "metaGroup" && c && c->value == "diaglot";
                                }),
                 groups.end());
    const bool empty = std::none_of(groups.begin(), groups.end(), [](const xliff::xml_node& g) {
      return g.type == xliff::xml_node::kind::element;
    });
    if (empty) u.extensions.erase(x);
    return;
  }
}

xliff::xml_node ctr_element(std::string name) {
  return xliff::xml_node::make_element(std::string(ns_ctr), "ctr", std::move(name));
}

/// Records the unit's previous source and target in its Change Tracking module.
void add_revision(xliff::unit& u, const std::string& old_source, const std::string& old_target) {
  xliff::xml_node* track = nullptr;
  for (xliff::xml_node& x : u.extensions)
    if (x.ns == ns_ctr && x.name == "changeTrack") track = &x;
  if (!track) {
    u.extensions.push_back(ctr_element("changeTrack"));
    track = &u.extensions.back();
  }
  const auto add = [&](const char* applies_to, const std::string& text) {
    xliff::xml_node* revisions = nullptr;
    for (xliff::xml_node& r : track->children) {
      const xliff::attribute* a = r.find("appliesTo");
      if (r.name == "revisions" && a && a->value == applies_to && !r.find("ref")) revisions = &r;
    }
    if (!revisions) {
      xliff::xml_node r = ctr_element("revisions");
      r.attributes.push_back({"", "", "appliesTo", applies_to, xliff::no_offset});
      track->children.push_back(std::move(r));
      revisions = &track->children.back();
    }
    xliff::xml_node item = ctr_element("item");
    item.attributes.push_back({"", "", "property", "content", xliff::no_offset});
    item.children.push_back(xliff::xml_node::make_text(text));
    xliff::xml_node revision = ctr_element("revision");
    revision.attributes.push_back(
        {"", "", "author", xliff::merge_revision_author, xliff::no_offset});
    revision.children.push_back(std::move(item));
    revisions->children.push_back(std::move(revision));
  };
  add("source", old_source);
  add("target", old_target);
}

/// Whether two sources have the same codes (kind, id and data, in order; annotations aside):
/// then a target written against one is valid against the other.
bool same_codes(const xliff::content& a, const xliff::content& b) {
  using key = std::tuple<xliff::code_kind, std::string_view, std::string_view>;
  const auto codes = [](const xliff::content& c) {
    std::vector<key> out;
    const auto walk = [&out](const std::vector<xliff::inline_node>& nodes,
                             const auto& self) -> void {
      for (const xliff::inline_node& n : nodes) {
        if (n.kind != xliff::code_kind::text && n.kind != xliff::code_kind::mrk &&
            n.kind != xliff::code_kind::sm && n.kind != xliff::code_kind::em)
          out.emplace_back(n.kind, n.id(), n.get("dataRef"));
        self(n.children, self);
      }
    };
    walk(c.children, walk);
    return out;
  };
  return codes(a) == codes(b);
}

/// Drops the translation candidates (<mtc:match>) whose `ref` names no span of the unit's text
/// any more (merge rewrote the sentence it named), and a <mtc:matches> left without one.
void drop_dangling_matches(xliff::unit& u, std::string_view file_id) {
  const auto dangling = [&](const xliff::xml_node& m) {
    const xliff::attribute* ref = m.find("ref");
    if (m.type != xliff::xml_node::kind::element || m.ns != xliff::ns_mtc || m.name != "match" ||
        !ref)
      return false;
    xliff::syntax::fragment f;
    std::string_view prefix;
    if (xliff::syntax::parse_fragment(ref->value, f, prefix) != xliff::syntax::fragment_error::none)
      return false;  // as it was read: not merge's to judge
    return !u.names_span(f, file_id);
  };
  for (auto x = u.extensions.begin(); x != u.extensions.end();) {
    if (x->ns != xliff::ns_mtc || x->name != "matches") {
      ++x;
      continue;
    }
    auto& matches = x->children;
    matches.erase(std::remove_if(matches.begin(), matches.end(), dangling), matches.end());
    const bool empty = std::none_of(matches.begin(), matches.end(), [](const xliff::xml_node& m) {
      return m.type == xliff::xml_node::kind::element;
    });
    x = empty ? u.extensions.erase(x) : x + 1;
  }
}

/// Replaces the segments of a unit whose English changed. Sentences whose English is unchanged
/// keep their target and state. Where sentences changed, the old ones' targets go to the new
/// ones in their place in order, one each (a reworded sentence keeps its translation), the old
/// ones left over to the last new one, to be reviewed; other new sentences of a translated unit
/// get an empty target to be reviewed, so the unit keeps serving its old translation, as a stale
/// translation is served. With `keep`, a sentence whose English and codes are as they were keeps
/// its segment as the translator's tool left it (its id, canResegment, its target's markup and
/// xml:lang), and a reworded one keeps the old one's id. Returns whether a sentence needs review.
bool resegment(xliff::unit& x, const std::string& english, bool keep) {
  struct old_segment {
    std::string source;  ///< rendered, to compare with the new English
    xliff::segment segment;
  };
  std::vector<old_segment> old;
  for (const xliff::segment& s : x.segments)
    if (!s.ignorable) old.push_back({render(x, s.source), s});
  const bool had_targets =
      std::any_of(x.segments.begin(), x.segments.end(),
                  [](const xliff::segment& s) { return s.target.has_value(); });
  const bool translated = has_translation(x);
  bool review = false;

  const std::vector<piece> pieces = segment_field(english);
  std::vector<std::string> now;
  for (const piece& p : pieces)
    if (p.segment) now.push_back(join(p.runs));

  // Longest common subsequence of sentences.
  const std::size_t a = old.size(), b = now.size();
  std::vector<std::vector<std::size_t>> lcs(a + 1, std::vector<std::size_t>(b + 1, 0));
  for (std::size_t i = a; i-- > 0;)
    for (std::size_t j = b; j-- > 0;)
      lcs[i][j] =
          old[i].source == now[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::vector<std::optional<std::size_t>> match(b);  // new sentence -> old sentence
  std::vector<std::vector<std::size_t>> carried(b);  // old targets carried to a new sentence
  std::vector<bool> recheck(b, false);               // a matched sentence next to removed ones
  {
    std::size_t i = 0, j = 0;
    std::vector<std::size_t> gap_old, gap_new;  // unmatched sentences of the current gap
    const auto close_gap = [&] {
      if (!gap_new.empty()) {
        for (std::size_t k = 0; k < gap_old.size(); ++k)
          if (old[gap_old[k]].segment.target)
            carried[gap_new[std::min(k, gap_new.size() - 1)]].push_back(gap_old[k]);
      } else if (!gap_old.empty() && b > 0) {
        recheck[std::min(j, b - 1)] = true;  // sentences went: the one after them is reviewed
      }
      gap_old.clear();
      gap_new.clear();
    };
    while (i < a || j < b) {
      if (i < a && j < b && old[i].source == now[j] && lcs[i][j] == lcs[i + 1][j + 1] + 1) {
        close_gap();
        match[j] = i;
        ++i, ++j;
      } else if (j < b && (i == a || lcs[i][j + 1] >= lcs[i + 1][j])) {
        gap_new.push_back(j++);
      } else {
        gap_old.push_back(i++);
      }
    }
    close_gap();
  }

  // A target's content as runs: codes by their markdown, other markup as its text.
  const auto runs_of = [&x](const xliff::content& c, std::vector<run>& out) {
    for (const xliff::inline_node& n : c.children) {
      if (n.kind == xliff::code_kind::text)
        out.push_back({run::text, n.text});
      else if (n.kind == xliff::code_kind::ph)
        out.push_back({run::code, data_text(x, n.get("dataRef"))});
      else
        out.push_back({run::text, [&] {
                         xliff::content one;
                         one.children.push_back(n);
                         return render(x, one);
                       }()});
    }
  };
  const bool none_kept = std::none_of(match.begin(), match.end(),
                                      [](const std::optional<std::size_t>& m) { return m; });

  x.segments.clear();
  content_writer w(x);
  unit_codes codes;
  for (const piece& p : pieces) codes.total += code_count(p.runs);
  if (a == 1 && b > 1 && none_kept && old[0].segment.target) {
    // Translated as one segment (its translation could not be placed sentence by sentence), it
    // stays one: the target cannot be split among the new sentences, and only the whole field
    // has every code the target uses.
    std::vector<run> all, target;
    for (const piece& p : pieces) all.insert(all.end(), p.runs.begin(), p.runs.end());
    runs_of(*old[0].segment.target, target);
    xliff::segment& s = x.add_segment();
    w.append(s.source, all, codes.source(0, all));
    w.append(s.add_target(), target, codes.target(0, all, target));
    s.set("state", "translated");
    s.set("subState", needs_review_substate);
    return true;
  }
  std::size_t offset = 0, j = 0;
  for (const piece& p : pieces) {
    xliff::segment& s = p.segment ? x.add_segment() : x.add_ignorable("");
    w.append(s.source, p.runs, codes.source(offset, p.runs));
    xliff::segment& seg = x.segments.back();
    if (!p.segment) {
      if (had_targets) {
        seg.add_target();
        w.append(*x.segments.back().target, p.runs, codes.source(offset, p.runs));
      }
      offset += code_count(p.runs);
      continue;
    }
    // Old targets as runs, joined by a space; their codes get this sentence's ids once, so no
    // id is given twice (a code this sentence lacks is written as text).
    const auto copy_targets = [&](const std::vector<const xliff::content*>& from) {
      std::vector<run> target;
      for (const xliff::content* c : from) {
        if (!target.empty()) target.push_back({run::text, " "});
        runs_of(*c, target);
      }
      xliff::segment& last = x.segments.back();
      if (!last.target) last.add_target();
      w.append(*x.segments.back().target, target, codes.target(offset, p.runs, target));
    };
    if (match[j]) {
      const xliff::segment& o = old[*match[j]].segment;
      if (keep && same_codes(x.segments.back().source, o.source)) {
        x.segments.back() = o;
      } else {
        for (const xliff::attribute& at : o.attributes)
          if (at.ns.empty() && (at.name == "state" || at.name == "subState"))
            x.segments.back().set(at.name, at.value);
        if (o.target) copy_targets({&*o.target});
      }
      if (recheck[j] && translated && x.segments.back().target) {
        x.segments.back().set("state", "translated");
        x.segments.back().set("subState", needs_review_substate);
        review = true;
      }
    } else if (!carried[j].empty() || translated) {
      std::vector<const xliff::content*> from;
      for (const std::size_t o : carried[j]) from.push_back(&*old[o].segment.target);
      if (!from.empty()) copy_targets(from);
      // In the old one's place: references to it (a candidate's `ref`) still find it.
      if (keep && !carried[j].empty() && old[carried[j][0]].segment.has("id"))
        x.segments.back().set("id", std::string(old[carried[j][0]].segment.id()));
      if (!x.segments.back().target) x.segments.back().add_target();
      x.segments.back().set("state", "translated");
      x.segments.back().set("subState", needs_review_substate);
      review = true;
    }
    offset += code_count(p.runs);
    ++j;
  }
  return review;
}

/// Whether a group is an XLIFF 2.2 plural, gender or select group: its units are the variants
/// of one message (read/pgs.hpp), which merge leaves as they are.
bool is_pgs_group(const xliff::group& g) { return g.has("switch", read::pgs::ns); }

/// The units in `members` and the groups in them, in document order (const or not, as members),
/// but for the units of pgs groups.
template <typename Members, typename Unit>
void collect(Members& members, std::vector<Unit*>& out) {
  for (auto& m : members) {
    if (auto* u = m.as_unit())
      out.push_back(u);
    else if (auto* g = m.as_group(); g && !is_pgs_group(*g))
      collect(g->members, out);
  }
}

/// The message names (`name`, else `id`, as their reader takes them) of the pgs groups in
/// `members`: their messages are in the file, as groups merge does not change.
void collect_pgs_names(const std::vector<xliff::member>& members, std::set<std::string>& out) {
  for (const xliff::member& m : members)
    if (const xliff::group* g = m.as_group()) {
      if (!is_pgs_group(*g)) {
        collect_pgs_names(g->members, out);
        continue;
      }
      std::string name(g->has("name") ? g->get("name") : g->id());
      if (name.find('#') == std::string::npos) name += "#text";
      out.insert(std::move(name));
    }
}

/// A unit as read: how the writer writes it, and where it lies in the file's bytes (end 0 when
/// that cannot be told safely: xliff::syntax::element_end).
struct unit_as_read {
  std::string name;  ///< message_name()
  std::string written;
  std::size_t begin = 0, end = 0;
  bool placed() const { return end != 0; }
};

/// The document as merge read it, before any change: its units in order, and where each of its
/// <file>s begins.
struct document_as_read {
  std::vector<unit_as_read> units;
  std::vector<std::size_t> files;
};

document_as_read as_read(const xliff::document& doc, const std::vector<xliff::unit*>& units,
                         const std::string& bytes) {
  document_as_read out;
  for (const xliff::unit* u : units) {
    unit_as_read r{std::string(u->message_name()), xliff::write_unit(doc, *u)};
    if (u->offset != xliff::no_offset)
      if (const std::optional<std::size_t> end = xliff::syntax::element_end(bytes, u->offset)) {
        r.begin = u->offset;
        r.end = *end;
      }
    out.units.push_back(std::move(r));
  }
  for (const xliff::file& f : doc.files) out.files.push_back(f.offset);
  return out;
}

/// Whether `xml` reads back as the document `plain` holds (written by xliff::write).
bool reads_as(const std::string& xml, const std::string& plain, std::uint32_t file) {
  diagnostic_sink ignored;
  const std::optional<xliff::document> again = xliff::parse(xml, file, ignored);
  return again && !ignored.has_errors() && xliff::write(*again) == plain;
}

/// The merged document as the bytes it was read from, but for what merge changed: units written
/// afresh where they were, new units after the unit before them, new <file>s after the last one,
/// each at its neighbours' margin and line ends; dropped units and emptied <file>s taken out with
/// their lines. nullopt when a change cannot be placed so; the caller reads the result back.
std::optional<std::string> splice(const xliff::document& doc, const document_as_read& was,
                                  const std::string& bytes) {
  const bool crlf = bytes.find("\r\n") != std::string::npos;
  const std::string eol = crlf ? "\r\n" : "\n";
  const auto in_file_eols = [&](std::string text) {
    return crlf ? xliff::syntax::with_crlf(text) : text;
  };
  // An element's margin, when only white space comes before it on its line; and where taking
  // it out begins: with the line break before it.
  const auto margin_of = [&](std::size_t at) {
    std::size_t line = at;
    while (line > 0 && (bytes[line - 1] == ' ' || bytes[line - 1] == '\t')) --line;
    return line > 0 && bytes[line - 1] == '\n' ? std::string_view(bytes).substr(line, at - line)
                                               : std::string_view();
  };
  const auto cut_before = [&](std::size_t at) {
    std::size_t cut = at - margin_of(at).size();
    if (cut == 0 || bytes[cut - 1] != '\n') return at;
    --cut;
    return cut > 0 && bytes[cut - 1] == '\r' ? cut - 1 : cut;
  };
  struct edit {
    std::size_t begin, end;
    std::string text;
  };
  std::vector<edit> edits;

  // <file>s: an emptied one goes up to the next one (or the root's end tag); new ones go before
  // the root's end tag.
  const std::size_t root_end = bytes.rfind("</");
  if (root_end == std::string::npos || was.files.empty() || was.files.front() == xliff::no_offset)
    return std::nullopt;
  std::set<std::size_t> files_kept;
  std::vector<const xliff::file*> files_added;
  for (const xliff::file& f : doc.files) {
    if (f.offset != xliff::no_offset)
      files_kept.insert(f.offset);
    else
      files_added.push_back(&f);
  }
  std::vector<std::pair<std::size_t, std::size_t>> files_cut;
  for (std::size_t k = 0; k < was.files.size(); ++k) {
    if (was.files[k] == xliff::no_offset) return std::nullopt;
    if (files_kept.count(was.files[k])) continue;
    const std::size_t next = k + 1 < was.files.size() ? was.files[k + 1] : root_end;
    files_cut.emplace_back(was.files[k], next);
    edits.push_back({cut_before(was.files[k]), cut_before(next), {}});
  }
  // The file's indentation: a <file>'s margin is one level (the root's is none).
  const std::string_view file_margin = margin_of(was.files.front());
  const std::string_view step = file_margin.empty() ? std::string_view("  ") : file_margin;
  if (!files_added.empty()) {
    std::string text;
    for (const xliff::file* f : files_added)
      text += eol + std::string(file_margin) +
              in_file_eols(xliff::write_file(doc, *f, file_margin, step));
    edits.push_back({cut_before(root_end), cut_before(root_end), std::move(text)});
  }
  const auto in_cut_file = [&](const unit_as_read& r) {
    return std::any_of(files_cut.begin(), files_cut.end(), [&](const auto& range) {
      return r.placed() && r.begin > range.first && r.end <= range.second;
    });
  };

  // Units, matched by name to the units read.
  std::map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < was.units.size(); ++i)
    if (!index.emplace(was.units[i].name, i).second) return std::nullopt;  // a repeated name
  std::vector<const xliff::unit*> kept(was.units.size(), nullptr);
  std::vector<std::vector<const xliff::unit*>> added_after(was.units.size());
  std::optional<std::size_t> last;  // the read unit before, in the merged document
  for (const xliff::file& f : doc.files) {
    if (f.offset == xliff::no_offset) continue;  // a new <file>, written whole above
    std::vector<const xliff::unit*> units;
    collect(f.members, units);
    for (const xliff::unit* u : units) {
      const auto i = index.find(u->message_name());
      if (i == index.end()) {
        if (!last) return std::nullopt;  // nothing read before it to follow
        added_after[*last].push_back(u);
        continue;
      }
      if (last && i->second < *last) return std::nullopt;
      kept[i->second] = u;
      last = i->second;
    }
  }
  for (std::size_t i = 0; i < was.units.size(); ++i) {
    const unit_as_read& r = was.units[i];
    if (!kept[i]) {  // dropped, alone or with its <file>
      if (in_cut_file(r)) continue;
      if (!r.placed()) return std::nullopt;
      edits.push_back({cut_before(r.begin), r.end, {}});
      continue;
    }
    const std::string_view margin = r.placed() ? margin_of(r.begin) : std::string_view();
    if (xliff::write_unit(doc, *kept[i]) != r.written) {
      if (!r.placed()) return std::nullopt;
      edits.push_back(
          {r.begin, r.end, in_file_eols(xliff::write_unit(doc, *kept[i], margin, step))});
    }
    if (added_after[i].empty()) continue;
    if (!r.placed()) return std::nullopt;
    std::string text;
    for (const xliff::unit* u : added_after[i])
      text += eol + std::string(margin) + in_file_eols(xliff::write_unit(doc, *u, margin, step));
    edits.push_back({r.end, r.end, std::move(text)});
  }

  std::stable_sort(edits.begin(), edits.end(),
                   [](const edit& a, const edit& b) { return a.begin < b.begin; });
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  std::size_t from = 0;
  for (const edit& e : edits) {
    if (e.begin < from) return std::nullopt;  // overlapping changes: not placed safely
    out.append(bytes, from, e.begin - from);
    out += e.text;
    from = e.end;
  }
  out.append(bytes, from, std::string::npos);
  return out;
}

/// The merged document: as read, but for what merge changed (splice), where that reads back as
/// the merged document; else as the writer writes it.
std::string write_merged(const xliff::document& doc, const document_as_read& was,
                         const std::string& bytes, std::uint32_t file) {
  std::string plain = xliff::write(doc);
  if (std::optional<std::string> spliced = splice(doc, was, bytes);
      spliced && reads_as(*spliced, plain, file))
    return std::move(*spliced);
  return plain;
}

/// Removes the units in `doomed` (found by address) from members and the groups in them.
std::size_t erase_units(std::vector<xliff::member>& members,
                        const std::set<const xliff::unit*>& doomed) {
  // All are found before any is erased: erasing moves the members after it, whose addresses
  // would then be those of others.
  std::size_t n = 0;
  std::vector<bool> erase(members.size());
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (const xliff::unit* u = members[i].as_unit())
      erase[i] = doomed.count(u) != 0;
    else if (xliff::group* g = members[i].as_group())
      n += erase_units(g->members, doomed);
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < members.size(); ++i)
    if (!erase[i]) {
      if (kept != i) members[kept] = std::move(members[i]);
      ++kept;
    }
  n += members.size() - kept;
  members.erase(members.begin() + static_cast<std::ptrdiff_t>(kept), members.end());
  return n;
}

/// The members vector and index of the last unit named `message#...` in document order.
bool find_last_of_message(std::vector<xliff::member>& members, const std::string& message,
                          std::vector<xliff::member>*& where, std::size_t& index) {
  bool found = false;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (xliff::unit* u = members[i].as_unit()) {
      const std::string name(u->message_name());
      const std::size_t hash = name.rfind('#');
      const std::string m = hash != std::string::npos && hash > 0 ? name.substr(0, hash) : name;
      if (m == message) {
        where = &members;
        index = i;
        found = true;
      }
    } else if (xliff::group* g = members[i].as_group()) {
      found = find_last_of_message(g->members, message, where, index) || found;
    }
  }
  return found;
}

std::set<std::string> ids_in(const std::vector<xliff::member>& members) {
  std::set<std::string> out;
  for (const xliff::member& m : members) {
    if (const xliff::unit* u = m.as_unit()) out.insert(std::string(u->id()));
    if (const xliff::group* g = m.as_group()) {
      out.insert(std::string(g->id()));
      const std::set<std::string> inner = ids_in(g->members);
      out.insert(inner.begin(), inner.end());
    }
  }
  return out;
}

/// One merge of `file`: merge() below. With `keep`, a changed unit keeps what it can of its
/// segments as read (resegment), and `valid` says whether the result passes the validator.
std::optional<std::string> merge_pass(std::uint32_t file, const model::catalog& cat,
                                      const source_manager& sources, const merge_options& options,
                                      merge_counts& counts, diagnostic_sink& sink,
                                      const page_names& names, bool keep, bool* valid) {
  const std::size_t errors = sink.error_count();
  std::optional<xliff::document> doc = xliff::parse(sources.contents(file), file, sink);
  if (!doc || sink.error_count() != errors) return std::nullopt;

  std::vector<xliff::unit*> all;
  std::map<const xliff::unit*, std::string_view> file_of;
  for (xliff::file& f : doc->files) {
    const std::size_t from = all.size();
    collect(f.members, all);
    for (std::size_t i = from; i < all.size(); ++i) file_of.emplace(all[i], f.id());
  }
  std::map<std::string, xliff::unit*> units;
  for (xliff::unit* u : all) {
    const std::string name(u->message_name());
    if (!units.emplace(name, u).second) {
      sink.report(diag::merge_duplicate_unit, {file, u->offset == xliff::no_offset ? 0 : u->offset},
                  {name});
      const xliff::unit* first = units[name];
      sink.note(diag::note_first_definition,
                {file, first->offset == xliff::no_offset ? 0 : first->offset});
    }
  }

  const document_as_read was = as_read(*doc, all, sources.contents(file));
  bool resegmented = false;  // what `keep` keeps: only a changed unit's segments

  std::map<std::string, std::string> before;
  for (const auto& [name, u] : units)
    if (has_translation(*u) ||
        std::any_of(u->segments.begin(), u->segments.end(),
                    [](const xliff::segment& s) { return s.target.has_value(); }))
      before.emplace(name, unit_target(*u));

  const std::vector<english_field> english = english_fields(cat, sources, names);
  std::map<std::string, const english_field*> wanted;
  for (const english_field& e : english) wanted.emplace(unit_name(e.message->id, e.text->name), &e);

  std::set<const xliff::unit*> doomed;
  for (auto& [name, u] : units) {
    const auto w = wanted.find(name);
    if (w == wanted.end()) {
      if (options.drop_obsolete) {
        doomed.insert(u);
      } else if (!is_obsolete(*u)) {
        mark_obsolete(*u);
        ++counts.obsolete;
      }
      continue;
    }
    if (is_obsolete(*u)) {
      unmark_obsolete(*u);
      ++counts.restored;
    }
    const std::string old_source = unit_source(*u);
    if (old_source == w->second->text->text) {
      ++counts.kept;
      continue;
    }
    ++counts.changed;
    if (has_translation(*u)) add_revision(*u, old_source, unit_target(*u));
    resegmented = true;
    if (resegment(*u, w->second->text->text, keep)) ++counts.review;
    drop_dangling_matches(*u, file_of[u]);
  }
  for (xliff::file& f : doc->files) counts.dropped += erase_units(f.members, doomed);
  // A <file> needs a unit: one that lost all of them goes, as long as another file stays.
  for (auto f = doc->files.begin(); f != doc->files.end() && doc->files.size() > 1;) {
    if (f->members.empty() && !doomed.empty())
      f = doc->files.erase(f);
    else
      ++f;
  }

  // New units: after the last unit of their message, else at the end of their page's <file>,
  // else in a new <file>.
  std::vector<std::string> originals;  // of doc->files, in order
  for (const xliff::file& f : doc->files) originals.emplace_back(f.get("original"));
  std::set<std::string> in_pgs_groups;
  for (const xliff::file& f : doc->files) collect_pgs_names(f.members, in_pgs_groups);
  for (const english_field& e : english) {
    const std::string name = unit_name(e.message->id, e.text->name);
    if (units.count(name) || in_pgs_groups.count(name)) continue;
    unit u;
    u.message = e.message->id;
    u.field = e.text->name;
    u.page = e.page;
    u.source = e.text->text;
    std::vector<xliff::member>* members = nullptr;
    std::size_t index = 0;
    xliff::file* in_file = nullptr;
    for (xliff::file& f : doc->files) {
      if (find_last_of_message(f.members, u.message, members, index)) in_file = &f;
    }
    if (!in_file) {
      if (const auto i = names.find_file(originals, u.page, e.path)) in_file = &doc->files[*i];
      if (!in_file) {
        std::set<std::string> file_ids;
        for (const xliff::file& f : doc->files) file_ids.insert(std::string(f.id()));
        std::string id;
        std::size_t n = doc->files.size();
        do id = "f" + std::to_string(++n);
        while (file_ids.count(id));
        in_file = &doc->add_file(id);
        in_file->set("original", u.page);
        originals.push_back(u.page);
      }
      members = &in_file->members;
      index = members->size() ? members->size() - 1 : 0;
    }
    const std::string id = unit_ids({u}, ids_in(in_file->members)).front();
    xliff::member m{xliff::unit(id)};
    xliff::unit& x = *m.as_unit();
    x.set("name", name);
    add_notes(x, u);
    fill_unit(x, u);
    const auto at = members->empty() ? members->end()
                                     : members->begin() + static_cast<std::ptrdiff_t>(index + 1);
    members->insert(at, std::move(m));
    units.emplace(name, nullptr);  // inserted: pointers may move, so only its name is kept
    ++counts.added;
  }

  // Every translation that was there is still there, or kept in the unit's change tracking.
  std::vector<xliff::unit*> after_units;
  for (xliff::file& f : doc->files) collect(f.members, after_units);
  std::map<std::string, const xliff::unit*> after;
  for (const xliff::unit* u : after_units) after.emplace(std::string(u->message_name()), u);
  for (const auto& [name, text] : before) {
    const auto it = after.find(name);
    if (it == after.end()) {
      if (!(options.drop_obsolete && !wanted.count(name))) counts.lose(name);
      continue;
    }
    const std::vector<std::string> kept = xliff::revision_texts(*it->second, "target");
    if (unit_target(*it->second) != text && std::find(kept.begin(), kept.end(), text) == kept.end())
      counts.lose(name);
  }
  if (valid && keep && resegmented) {
    diagnostic_sink problems;
    xliff::validate(*doc, file, problems);
    *valid = !problems.has_errors();
    if (!*valid) return std::nullopt;
  }
  return write_merged(*doc, was, sources.contents(file), file);
}

}  // namespace

std::optional<std::string> merge(std::uint32_t file, const model::catalog& cat,
                                 const source_manager& sources, const merge_options& options,
                                 merge_counts& counts, diagnostic_sink& sink,
                                 const page_names& names) {
  const merge_counts before = counts;
  bool valid = true;
  std::optional<std::string> out =
      merge_pass(file, cat, sources, options, counts, sink, names, true, &valid);
  if (valid) return out;
  // What a tool wrote, kept, makes a document the validator refuses (an id that clashes with
  // the codes written afresh, say): each changed unit's segments are written afresh instead.
  // The first pass reported what there is to report about the file.
  counts = before;
  diagnostic_sink again;
  return merge_pass(file, cat, sources, options, counts, again, names, false, nullptr);
}

}  // namespace diaglot::workflow::xliff20
