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

#include "format/syntax.hpp"
#include "locale/locale_data.hpp"
#include "read/pgs.hpp"
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
    read_pgs_groups(source, target_locale);
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

  /// A unit's texts, rendered: its sources and segments, its targets and their state.
  struct unit_texts {
    rendered source, target;
    std::vector<model::segment> segments;  ///< none for a unit of one segment (its whole text)
    bool any_target = false;
    model::state st = model::state::final_;  ///< of the least advanced segment
    std::uint32_t first_source = x::no_offset, first_target = x::no_offset;
  };

  unit_texts texts_of(const x::unit& u) const {
    unit_texts out;
    std::map<std::string_view, std::string> data;
    for (const x::content& d : u.original_data) data[d.get("id")] = d.plain_text();

    // Sources, in document order. A unit of one segment and nothing else is its field's whole
    // text, which the model does not split (model::segment): its texts are not kept twice.
    const bool whole = u.segments.size() == 1 && !u.segments[0].ignorable;
    std::vector<rendered> sources(u.segments.size());
    for (std::size_t i = 0; i < u.segments.size(); ++i) {
      const x::segment& s = u.segments[i];
      render(s.source.children, data, sources[i]);
      out.source.text += sources[i].text;
      out.source.codes.insert(out.source.codes.end(), sources[i].codes.begin(),
                              sources[i].codes.end());
      if (s.ignorable || whole) continue;
      const std::string id =
          s.has("id") ? std::string(s.id()) : std::to_string(out.segments.size() + 1);
      out.segments.push_back({id, sources[i].text, sources[i].text, at(s.source.offset)});
    }
    out.first_source = u.segments.empty() ? u.offset : u.segments.front().source.offset;
    out.any_target = std::any_of(u.segments.begin(), u.segments.end(),
                                 [](const x::segment& s) { return s.target.has_value(); });
    if (!out.any_target) return out;

    // Targets, in target order (explicit `order`, else the segment's own position).
    std::vector<std::pair<std::size_t, std::size_t>> order;  // (order, index)
    for (std::size_t i = 0; i < u.segments.size(); ++i) {
      std::size_t o = i + 1;
      if (u.segments[i].target && u.segments[i].target->has("order"))
        o = std::stoul(std::string(u.segments[i].target->get("order")));
      order.emplace_back(o, i);
    }
    std::stable_sort(order.begin(), order.end());
    for (const auto& [o, i] : order) {
      const x::segment& s = u.segments[i];
      if (s.target) {
        rendered t;
        render(s.target->children, data, t);
        out.target.text += t.text;
        out.target.codes.insert(out.target.codes.end(), t.codes.begin(), t.codes.end());
        if (out.first_target == x::no_offset) out.first_target = s.target->offset;
      } else {
        // Its source stands in for the missing target, codes included (an <ignorable> between
        // sentences often holds only markup, which a CAT tool need not copy).
        out.target.text += sources[i].text;
        out.target.codes.insert(out.target.codes.end(), sources[i].codes.begin(),
                                sources[i].codes.end());
      }
    }
    std::size_t k = 0;
    for (const x::segment& s : u.segments) {
      if (s.ignorable) continue;
      model::segment* m = whole ? nullptr : &out.segments[k++];
      if (!s.target) {
        out.st = model::state::initial;
        continue;
      }
      out.st = std::min(out.st, map_state(s.get("state"), s.get("subState")));
      if (!m) continue;
      rendered t;
      render(s.target->children, data, t);
      m->target = t.text;
      m->where = at(s.target->offset);
    }
    return out;
  }

  /// `MESSAGE#field` -> (MESSAGE, field); any other name is a message whose field is `text`.
  static std::pair<std::string, std::string> split_name(std::string_view name) {
    const std::size_t hash = name.rfind('#');
    if (hash != std::string_view::npos && hash > 0 && hash + 1 < name.size())
      return {std::string(name.substr(0, hash)), std::string(name.substr(hash + 1))};
    return {std::string(name), "text"};
  }

  /// Whether a unit (or, with no unit, a group's units) is for translation: `translate` on the
  /// innermost of the unit, its groups and its file that says.
  static bool translatable(const x::unit* u, const x::unit_context& where) {
    bool translate = where.in_file->get("translate") != "no";
    for (const x::group* g : where.groups)
      if (g->has("translate")) translate = g->get("translate") != "no";
    if (u && u->has("translate")) translate = u->get("translate") != "no";
    return translate;
  }

  /// Adds a message's field in the source locale and, when the document has a target locale,
  /// in that locale: `texts` rendered, `name` the unit name its English is shared under, `u`
  /// the unit a stale translation's English is looked for in (none for a pgs group).
  void add_texts(const std::string& message, const std::string& field_name, std::string_view name,
                 unit_texts texts, bool translate, source_location unit_where, const x::unit* u,
                 const std::string& source_locale,
                 const std::optional<std::string>& target_locale) {
    {
      model::field_text f;
      f.name = field_name;
      f.text = texts.source.text;
      f.segments = texts.segments;
      f.set_codes(texts.source.codes, texts.source.codes);
      f.where = at(texts.first_source);
      add_field(message, source_locale, model::origin::derived_source, model::state::translated,
                unit_where, std::move(f));
    }
    if (!target_locale) return;
    if (!translate) {
      // Not for translation: the locale serves the English, whatever a target says.
      add_field(
          message, *target_locale, model::origin::translation, model::state::final_, unit_where,
          model::source_only_text(
              field_name, shared_.share(name, shared_.recorded(name), std::move(texts.source.text)),
              at(texts.first_source)));
      return;
    }
    if (!texts.any_target) return;
    model::state st = texts.st;
    model::field_text f;
    f.name = field_name;
    f.text = texts.target.text;
    if (std::optional<std::string> before = u ? source_under_review(*u, f.text) : std::nullopt)
      f.made_from = std::move(*before);  // a stale translation, reviewed against its English
    else
      f.made_from = shared_.share(name, shared_.recorded(name), std::move(texts.source.text));
    f.segments = std::move(texts.segments);
    f.set_codes(texts.source.codes, texts.target.codes);
    f.where = at(texts.first_target);
    // An empty target of a text that has words is unfinished work (a tool's placeholder).
    if (f.text.empty() && f.made_from && !f.made_from->empty())
      st = std::min(st, model::state::initial);
    if (!model::is_served(st)) f.set_unserved(st, "initial");  // XLIFF 2's one such state
    add_field(message, *target_locale, model::origin::translation, st, unit_where, std::move(f));
  }

  void read_unit(const x::unit& u, const x::unit_context& where, const std::string& source_locale,
                 const std::optional<std::string>& target_locale) {
    if (is_obsolete(u)) return;
    if (!where.groups.empty() && where.groups.back()->has("switch", pgs::ns)) {
      pgs_units_.emplace_back(where, &u);  // a variant: read with its group's others
      return;
    }
    const auto [message, field_name] = split_name(u.message_name());
    add_texts(message, field_name, u.message_name(), texts_of(u), translatable(&u, where),
              at(u.offset), &u, source_locale, target_locale);
  }

  /// Reads each pgs group's units (XLIFF 2.2 Plural, Gender and Select) as one message: its
  /// name the group's `name`, else its `id`; its texts ICU MessageFormat selects over the units'
  /// `pgs:case`s (read/pgs.hpp); its state the least advanced unit's. A group whose switch or
  /// cases are not valid is reported and gives nothing.
  void read_pgs_groups(const std::string& source_locale,
                       const std::optional<std::string>& target_locale) {
    for (std::size_t i = 0; i < pgs_units_.size();) {
      const x::unit_context& where = pgs_units_[i].first;
      const x::group& g = *where.groups.back();
      std::size_t end = i;
      while (end < pgs_units_.size() && pgs_units_[end].first.groups.back() == &g) ++end;
      read_pgs_group(g, i, end, source_locale, target_locale);
      i = end;
    }
  }

  void read_pgs_group(const x::group& g, std::size_t begin, std::size_t end,
                      const std::string& source_locale,
                      const std::optional<std::string>& target_locale) {
    const x::attribute* switch_attr = g.find("switch", pgs::ns);
    std::string problem;
    const std::optional<std::vector<pgs::selector>> selectors =
        pgs::parse_switch(switch_attr->value, problem);
    if (!selectors) {
      ctx_.sink.report(diag::xliff2_pgs_invalid, at(switch_attr->offset),
                       {"switch", switch_attr->value, problem});
      return;
    }
    std::vector<pgs::variant> sources, targets;
    unit_texts all;  // the group's codes, state and places (the first unit's)
    bool translate = true;
    for (std::size_t i = begin; i < end; ++i) {
      const x::unit& u = *pgs_units_[i].second;
      const x::attribute* case_attr = u.find("case", pgs::ns);
      if (!case_attr) {
        ctx_.sink.report(
            diag::xliff2_pgs_invalid, at(u.offset),
            {"case", "",
             phrase("pgs.missing_case", "each unit of a group with `pgs:switch` needs one", {})});
        return;
      }
      const std::optional<std::vector<std::string>> values =
          pgs::parse_case(case_attr->value, *selectors, problem);
      if (!values) {
        ctx_.sink.report(diag::xliff2_pgs_invalid, at(case_attr->offset),
                         {"case", case_attr->value, problem});
        return;
      }
      for (const pgs::variant& v : sources)
        if (v.values == *values) {
          ctx_.sink.report(diag::xliff2_pgs_invalid, at(case_attr->offset),
                           {"case", case_attr->value,
                            phrase("pgs.repeated", "another unit of the group has that case", {})});
          return;
        }
      translate = translate && translatable(&u, pgs_units_[i].first);
      unit_texts t = texts_of(u);
      sources.push_back({*values, t.source.text});
      targets.push_back({*values, t.target.text});
      if (i == begin) {
        all.first_source = t.first_source;
        all.first_target = t.first_target;
      }
      all.any_target = all.any_target || t.any_target;
      all.st = std::min(all.st, t.any_target ? t.st : model::state::initial);
      all.source.codes.insert(all.source.codes.end(), t.source.codes.begin(), t.source.codes.end());
      all.target.codes.insert(all.target.codes.end(), t.target.codes.begin(), t.target.codes.end());
    }
    all.source.text = pgs::message_format(
        *selectors, pgs::cases_of_language(*selectors, std::move(sources), [&](bool ordinal) {
          return syntax::plural_categories(source_locale, ordinal);
        }));
    all.target.text = pgs::message_format(*selectors, targets);
    const std::string_view name = g.has("name") ? g.get("name") : g.id();
    const auto [message, field_name] = split_name(name);
    add_texts(message, field_name, name, std::move(all), translate, at(g.offset), nullptr,
              source_locale, target_locale);
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
  /// The units of pgs groups, with where they are, in document order: read group by group once
  /// the others are.
  std::vector<std::pair<x::unit_context, const x::unit*>> pgs_units_;
};

}  // namespace

std::vector<model::entry> read_xliff2(std::uint32_t file, context& ctx) {
  return xliff2_reader(file, ctx).run();
}

}  // namespace diaglot::read
