// diaglot compiler: the XLIFF 2.x reader (2.0, 2.1, 2.2). The document is parsed and checked by
// src/xliff; a document with any error gives no entries, so a broken file never half-compiles.
// Otherwise, per <unit>, an English entry derived from its sources and, when it has targets, a
// translation entry.
//
// Conventions (as for XLIFF 1.2, see xliff12_reader.cpp):
// - The message ID of a unit is its `name`, else its `id`; `MESSAGE#field` names the field `field`
//   of `MESSAGE`, any other name a message whose one field is `text`. Units naming the same
//   message merge into one entry per (message, locale), their fields in document order.
// - A field's text is its unit's sources (or targets) joined in order, ignorables included;
//   each <segment> is a model segment with the segment's id (its position, from 1, when it has
//   none). Targets are joined in their `order`; an ignorable without a target gives its source.
// - Text is kept as written, with or without xml:space="preserve".
// - Inline codes give their original data as served text: <ph>, <sc> and <ec> the <data> their
//   `dataRef` names (else their `equiv`), <pc> its start and end data around its content; <cp>
//   gives its character, <mrk> its content, <sm>/<em> nothing. Each code is recorded as
//   `name:id` (`ec:startRef` for an <ec> that is not isolated) in source_codes/target_codes;
//   annotations are not codes, since translators may add and remove them.
// - States: a unit's translation has the state of its least advanced segment. XLIFF 2 `initial`
//   maps to model::state::initial and is not served; a target without `state` (the spec's
//   default is `initial`) to translated, since tools that track no states write translated files
//   so (Angular's, among others); `translated` to translated, except with
//   `subState="diaglot:needs-review"` or `"diaglot:machine-translation"` (what diaglot writes for
//   a text to review), which is needs_review and served, as XLIFF 1.2's
//   `needs-review-translation`; `reviewed` and `final` to final_, as XLIFF 1.2's `signed-off` and
//   `final` do. A segment without a target counts as initial, its source standing in for the
//   target. An unserved text keeps the word `initial` for the diagnostics.
// - `translate="no"` on the unit or a group or file around it: the target locale serves the
//   English as the catalog has it (model::field_text::source_only), whatever the target says. A
//   unit `diaglot merge` marked obsolete (`translate="no"` and <mda:metadata><mda:metaGroup
//   category="diaglot"><mda:meta type="obsolete">, see src/workflow/xliff20.hpp) gives nothing:
//   its English is gone.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "locale/locale_data.hpp"
#include "read/readers.hpp"
#include "xliff/xliff2.hpp"

namespace diaglot::read {

namespace {

namespace x = xliff;

struct rendered {
  std::string text;
  std::vector<std::string> codes;
};

class xliff2_reader {
 public:
  xliff2_reader(std::uint32_t file, context& ctx)
      : file_(file), ctx_(ctx), shared_(ctx.sources_seen) {}

  std::vector<model::entry> run() {
    const std::size_t errors = ctx_.sink.error_count();
    std::optional<x::document> doc = x::parse(ctx_.sources.contents(file_), file_, ctx_.sink);
    if (!doc) return {};
    x::validate(*doc, file_, ctx_.sink);
    if (ctx_.sink.error_count() != errors) return {};
    const std::optional<std::string> source_locale = locale_of(*doc, "srcLang");
    if (!source_locale) return {};
    std::optional<std::string> target_locale;
    if (doc->has("trgLang")) {
      target_locale = locale_of(*doc, "trgLang");
      if (!target_locale) return {};
      if (ctx_.declared_locales) ctx_.declared_locales->push_back(*target_locale);
    }
    const std::string source = ctx_.source_of(*source_locale);
    x::for_each_unit(*doc, [&](const x::unit& u, const x::unit_context& where) {
      read_unit(u, where, source, target_locale);
    });
    shared_.flush();  // while doc, which the unit names point into, lives
    return std::move(entries_);
  }

 private:
  source_location at(std::uint32_t offset) const {
    return {file_, offset == x::no_offset ? 0 : offset};
  }

  std::optional<std::string> locale_of(const x::document& doc, std::string_view name) {
    const x::attribute* a = doc.find(name);
    const std::string tag = a->value;
    if (std::optional<std::string> canonical = locale_data::canonicalize(tag)) return canonical;
    const std::string suggestion = locale_data::suggest(tag);
    ctx_.sink.report(diag::invalid_locale, at(a->offset),
                     {tag, suggestion.empty() ? "" : "; did you mean `" + suggestion + "`?"});
    return std::nullopt;
  }

  static void render(const std::vector<x::inline_node>& nodes,
                     const std::map<std::string_view, std::string>& data, rendered& out) {
    const auto original = [&](const x::inline_node& n, std::string_view ref,
                              std::string_view equiv) {
      const auto it = data.find(n.get(ref));
      if (n.has(ref) && it != data.end()) {
        out.text += it->second;
      } else {
        out.text += n.get(equiv);
      }
    };
    const auto code = [&](std::string_view kind, std::string_view id) {
      out.codes.push_back(std::string(kind) + ":" + std::string(id));
    };
    for (const x::inline_node& n : nodes) {
      switch (n.kind) {
        case x::code_kind::text:
          out.text += n.text;
          break;
        case x::code_kind::cp: {
          std::vector<x::inline_node> one = {n};
          x::content c;
          c.children = std::move(one);
          out.text += c.plain_text();
          break;
        }
        case x::code_kind::ph:
        case x::code_kind::sc:
          code(x::to_string(n.kind), n.id());
          original(n, "dataRef", "equiv");
          break;
        case x::code_kind::ec:
          code("ec", n.has("startRef") ? n.get("startRef") : n.id());
          original(n, "dataRef", "equiv");
          break;
        case x::code_kind::pc:
          code("pc", n.id());
          original(n, "dataRefStart", "equivStart");
          render(n.children, data, out);
          original(n, "dataRefEnd", "equivEnd");
          break;
        case x::code_kind::mrk:
          render(n.children, data, out);
          break;
        case x::code_kind::sm:
        case x::code_kind::em:
          break;
      }
    }
  }

  static model::state map_state(std::string_view s, std::string_view sub) {
    // What diaglot writes for a text to review (src/workflow/xliff20.hpp).
    if (s == "translated" && (sub == x::needs_review_substate || sub == x::machine_substate))
      return model::state::needs_review;
    if (s == "translated" || s.empty()) return model::state::translated;
    if (s == "reviewed" || s == "final") return model::state::final_;
    return model::state::initial;
  }

  /// Whether `diaglot merge` marked the unit obsolete.
  static bool is_obsolete(const x::unit& u) {
    if (u.get("translate") != "no") return false;
    for (const x::xml_node& metadata : u.extensions) {
      if (metadata.ns != x::ns_mda || metadata.name != "metadata") continue;
      for (const x::xml_node& group : metadata.children) {
        const x::attribute* category = group.find("category");
        if (group.name != "metaGroup" || !category || category->value != "diaglot") continue;
        for (const x::xml_node& meta : group.children) {
          const x::attribute* type = meta.find("type");
          if (meta.name == "meta" && type && type->value == "obsolete") return true;
        }
      }
    }
    return false;
  }

  /// The English a unit's target was made from, when `diaglot merge` changed the unit's source
  /// and the target still waits for review: the source its Change Tracking revision kept
  /// beside the same target (the first, when the English changed again since). Else nullopt.
  static std::optional<std::string> source_under_review(const x::unit& u,
                                                        const std::string& target) {
    const bool under_review =
        std::any_of(u.segments.begin(), u.segments.end(), [](const x::segment& s) {
          return !s.ignorable && s.get("subState") == x::needs_review_substate;
        });
    if (!under_review) return std::nullopt;
    const std::vector<std::string> sources = x::revision_texts(u, "source"),
                                   targets = x::revision_texts(u, "target");
    for (std::size_t i = 0; i < std::min(sources.size(), targets.size()); ++i)
      if (targets[i] == target) return sources[i];
    return std::nullopt;
  }

  void read_unit(const x::unit& u, const x::unit_context& where, const std::string& source_locale,
                 const std::optional<std::string>& target_locale) {
    if (is_obsolete(u)) return;
    const std::string name(u.message_name());
    std::string message = name, field_name = "text";
    const std::size_t hash = name.rfind('#');
    if (hash != std::string::npos && hash > 0 && hash + 1 < name.size()) {
      message = name.substr(0, hash);
      field_name = name.substr(hash + 1);
    }
    bool translate = where.in_file->get("translate") != "no";
    for (const x::group* g : where.groups)
      if (g->has("translate")) translate = g->get("translate") != "no";
    if (u.has("translate")) translate = u.get("translate") != "no";

    std::map<std::string_view, std::string> data;
    for (const x::content& d : u.original_data) data[d.get("id")] = d.plain_text();

    // Sources, in document order. A unit of one segment and nothing else is its field's whole
    // text, which the model does not split (model::segment): its texts are not kept twice.
    const bool whole = u.segments.size() == 1 && !u.segments[0].ignorable;
    rendered source;
    std::vector<model::segment> segments;
    std::vector<rendered> sources(u.segments.size());
    for (std::size_t i = 0; i < u.segments.size(); ++i) {
      const x::segment& s = u.segments[i];
      render(s.source.children, data, sources[i]);
      source.text += sources[i].text;
      source.codes.insert(source.codes.end(), sources[i].codes.begin(), sources[i].codes.end());
      if (s.ignorable || whole) continue;
      const std::string id =
          s.has("id") ? std::string(s.id()) : std::to_string(segments.size() + 1);
      segments.push_back({id, sources[i].text, sources[i].text, at(s.source.offset)});
    }
    const std::uint32_t first_source =
        u.segments.empty() ? u.offset : u.segments.front().source.offset;
    {
      model::field_text f;
      f.name = field_name;
      f.text = source.text;
      f.segments = segments;
      f.set_codes(source.codes, source.codes);
      f.where = at(first_source);
      add_field(message, source_locale, model::origin::derived_source, model::state::translated,
                at(u.offset), std::move(f));
    }

    if (!target_locale) return;
    if (!translate) {
      // Not for translation: the locale serves the English, whatever a target says.
      add_field(message, *target_locale, model::origin::translation, model::state::final_,
                at(u.offset),
                model::source_only_text(
                    field_name,
                    shared_.share(u.message_name(), shared_.recorded(u.message_name()),
                                  std::move(source.text)),
                    at(first_source)));
      return;
    }
    const bool any_target = std::any_of(u.segments.begin(), u.segments.end(),
                                        [](const x::segment& s) { return s.target.has_value(); });
    if (!any_target) return;

    // Targets, in target order (explicit `order`, else the segment's own position).
    std::vector<std::pair<std::size_t, std::size_t>> order;  // (order, index)
    for (std::size_t i = 0; i < u.segments.size(); ++i) {
      std::size_t o = i + 1;
      if (u.segments[i].target && u.segments[i].target->has("order"))
        o = std::stoul(std::string(u.segments[i].target->get("order")));
      order.emplace_back(o, i);
    }
    std::stable_sort(order.begin(), order.end());
    rendered target;
    model::state st = model::state::final_;
    std::uint32_t first_target = x::no_offset;
    for (const auto& [o, i] : order) {
      const x::segment& s = u.segments[i];
      if (s.target) {
        rendered t;
        render(s.target->children, data, t);
        target.text += t.text;
        target.codes.insert(target.codes.end(), t.codes.begin(), t.codes.end());
        if (first_target == x::no_offset) first_target = s.target->offset;
      } else {
        // Its source stands in for the missing target, codes included (an <ignorable> between
        // sentences often holds only markup, which a CAT tool need not copy).
        target.text += sources[i].text;
        target.codes.insert(target.codes.end(), sources[i].codes.begin(), sources[i].codes.end());
      }
    }
    std::size_t k = 0;
    for (const x::segment& s : u.segments) {
      if (s.ignorable) continue;
      model::segment* m = whole ? nullptr : &segments[k++];
      if (!s.target) {
        st = model::state::initial;
        continue;
      }
      st = std::min(st, map_state(s.get("state"), s.get("subState")));
      if (!m) continue;
      rendered t;
      render(s.target->children, data, t);
      m->target = t.text;
      m->where = at(s.target->offset);
    }
    model::field_text f;
    f.name = field_name;
    f.text = target.text;
    if (std::optional<std::string> before = source_under_review(u, f.text))
      f.made_from = std::move(*before);  // a stale translation, reviewed against its English
    else
      f.made_from = shared_.share(u.message_name(), shared_.recorded(u.message_name()),
                                  std::move(source.text));
    f.segments = std::move(segments);
    f.set_codes(source.codes, target.codes);
    f.where = at(first_target);
    // An empty target of a text that has words is unfinished work (a tool's placeholder).
    if (f.text.empty() && f.made_from && !f.made_from->empty())
      st = std::min(st, model::state::initial);
    if (!model::is_served(st)) f.set_unserved(st, "initial");  // XLIFF 2's one such state
    add_field(message, *target_locale, model::origin::translation, st, at(u.offset), std::move(f));
  }

  /// Adds a field to the entry of (message, locale, kind), starting one when there is none or
  /// when it already has this field (a repeated unit, which the catalog reports as a duplicate).
  void add_field(const std::string& message, const std::string& locale, model::origin kind,
                 model::state st, source_location unit_where, model::field_text f) {
    const auto key = std::make_tuple(message, locale, kind);
    const auto it = open_.find(key);
    if (it != open_.end()) {
      model::entry& e = entries_[it->second];
      const bool repeated =
          std::any_of(e.fields.begin(), e.fields.end(),
                      [&](const model::field_text& x) { return x.name == f.name; });
      if (!repeated) {
        e.st = model::with_text(e.st, st);
        e.fields.push_back(std::move(f));
        return;
      }
    }
    model::entry e;
    e.id = message;
    e.locale = locale;
    e.kind = kind;
    e.st = st;
    e.where = unit_where;
    e.fields.push_back(std::move(f));
    open_[key] = entries_.size();
    entries_.push_back(std::move(e));
  }

  std::uint32_t file_;
  context& ctx_;
  std::vector<model::entry> entries_;
  /// The sources other files gave (unit names are views into the parsed document).
  shared_sources shared_;
  std::map<std::tuple<std::string, std::string, model::origin>, std::size_t> open_;
};

}  // namespace

std::vector<model::entry> read_xliff2(std::uint32_t file, context& ctx) {
  return xliff2_reader(file, ctx).run();
}

}  // namespace diaglot::read
